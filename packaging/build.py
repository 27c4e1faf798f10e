"""Build the one-folder program with PyInstaller on the current system, then check it:
``--version`` and an offscreen start-up smoke run on a fresh SQLite database.

    python packaging/build.py [--skip-check]

The result is ``dist/GestaoNegativacao/``; on Windows, Inno Setup then makes the installer
from it (``iscc packaging/instalador.iss``, see packaging/README.md).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "pyinstaller"
DIST = ROOT / "dist"
EXE = ".exe" if sys.platform == "win32" else ""
PROGRAM = DIST / "GestaoNegativacao" / f"GestaoNegativacao{EXE}"  # the window, no console
CONSOLE = PROGRAM.parent / f"gestao-negativacao{EXE}"  # the command line, the scheduler task


def version() -> str:
    sys.path.insert(0, str(ROOT / "src"))
    from gestao_negativacao import __version__

    return __version__


def make_icon() -> None:
    """The icon drawn by Qt at build time (no binary kept in the repository)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter

    app = QGuiApplication.instance() or QGuiApplication([])
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(QColor(0, 0, 0, 0))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor("#1b5e20"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.drawRoundedRect(8, 8, 240, 240, 48, 48)
    painter.setPen(QColor("white"))
    painter.setFont(QFont("Sans", 110, QFont.Weight.Bold))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, "GN")
    painter.end()
    image.save(str(BUILD / "icone.ico"))
    image.save(str(BUILD / "icone.png"))
    del app


def version_file(text: str) -> None:
    """Windows version resource (File Properties → Details)."""
    numbers = tuple(int(p) for p in (text.split(".") + ["0", "0", "0"])[:4])
    (BUILD / "versao.txt").write_text(
        f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}),
  kids=[StringFileInfo([StringTable('041604B0', [
    StringStruct('CompanyName', 'Gestão de Negativação'),
    StringStruct('FileDescription', 'Gestão de Negativação'),
    StringStruct('FileVersion', '{text}'),
    StringStruct('ProductName', 'Gestão de Negativação'),
    StringStruct('ProductVersion', '{text}')])]),
    VarFileInfo([VarStruct('Translation', [1046, 1200])])]
)
""",
        encoding="utf-8",
    )


def build() -> None:
    BUILD.mkdir(parents=True, exist_ok=True)
    make_icon()
    version_file(version())
    env = dict(os.environ, GN_BUILD_DIR=str(BUILD))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--distpath",
            str(DIST),
            "--workpath",
            str(BUILD / "work"),
            str(ROOT / "packaging" / "gestao_negativacao.spec"),
        ],
        check=True,
        env=env,
    )


# Windows realities (issue 18): a per-user install lives under the user's folder, and user
# folders have accents and spaces (C:\Users\João Araújo\…); the program, its database,
# logs, exports and reports must all work from there
ACCENTED = "Usuário João Araújo"


def _run(program: Path, args: list[str], env: dict[str, str], what: str) -> str:
    done = subprocess.run(
        [str(program), *args], capture_output=True, text=True, env=env, timeout=300
    )
    if done.returncode != 0:
        raise SystemExit(f"o programa congelado falhou em {what}:\n{done.stdout}\n{done.stderr}")
    return done.stdout


def _check_here(window: Path) -> None:
    program = window.parent / CONSOLE.name
    out = subprocess.run([str(program), "--version"], capture_output=True, text=True, check=True)
    assert version() in out.stdout, out.stdout
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "João Araújo" / "Gestão de Negativação"
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            GESTAO_NEGATIVACAO_HOME=str(home),
            GESTAO_NEGATIVACAO_NEW_PASSWORD="Cobranca-forte-2026",
            GESTAO_NEGATIVACAO_PASSWORD="Cobranca-forte-2026",
        )
        # the window's program opens every screen (on Windows it has no output to read:
        # its exit code says it); the console's does the same and says so
        _run(window, ["--smoke-test"], env, "abrir as telas (programa da janela)")
        smoke = _run(program, ["--smoke-test"], env, "abrir as telas")
        if "ok:" not in smoke:
            raise SystemExit(f"o programa congelado não abriu as telas:\n{smoke}")
        print(smoke.strip())
        _run(program, ["demo", "--installments", "300"], env, "criar a demonstração")
        exported = home / "Exportações" / "regras de cobrança.json"
        exported.parent.mkdir(parents=True)
        _run(
            program,
            ["--user", "admin", "rules", "export", str(exported)],
            env,
            "exportar as regras",
        )
        reports = home / "Relatórios do titular"
        nobody = "529.982.247-25"  # "nada consta" is a report too, with both files
        args = ["--user", "admin", "subject", "report", nobody, "--out", str(reports)]
        _run(program, args, env, "gerar o relatório do titular")
        task = _run(program, ["scheduler", "install-task"], env, "mostrar a tarefa agendada")
        if str(program) not in task or "-m gestao_negativacao" in task:
            raise SystemExit(f"a tarefa agendada não chama o programa de console:\n{task}")
        logs = list((home / "logs").glob("*.log"))
        written = [exported, *reports.glob("*.pdf"), *reports.glob("*.json"), *logs]
        if len(written) != 4 or not all(p.stat().st_size for p in written):
            raise SystemExit(f"faltou algum arquivo na pasta com acentos: {written}")
        print(f"ok: banco, log, exportação e relatório em {home}")


def check() -> None:
    """The frozen program answers --version and opens its main window, from a folder with
    accents and spaces, with its data in another such folder."""
    moved = DIST / ACCENTED / PROGRAM.parent.name
    moved.parent.mkdir(exist_ok=True)
    PROGRAM.parent.rename(moved)
    try:
        _check_here(moved / PROGRAM.name)
    finally:
        moved.rename(PROGRAM.parent)
        moved.parent.rmdir()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-check", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    build()
    print(f"Construído em {time.perf_counter() - started:.0f} s: {PROGRAM}")
    if not args.skip_check:
        check()


if __name__ == "__main__":
    main()
