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
PROGRAM = (
    DIST
    / "GestaoNegativacao"
    / ("GestaoNegativacao.exe" if sys.platform == "win32" else "GestaoNegativacao")
)


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


def check() -> None:
    """The frozen program answers --version and opens its main window."""
    out = subprocess.run([str(PROGRAM), "--version"], capture_output=True, text=True, check=True)
    assert version() in out.stdout, out.stdout
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", GESTAO_NEGATIVACAO_HOME=home)
        smoke = subprocess.run(
            [str(PROGRAM), "--smoke-test"], capture_output=True, text=True, env=env, timeout=300
        )
        if smoke.returncode != 0 or "ok:" not in smoke.stdout:
            raise SystemExit(f"o programa congelado falhou:\n{smoke.stdout}\n{smoke.stderr}")
        print(smoke.stdout.strip())


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
