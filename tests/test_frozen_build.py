"""The frozen program (issue 10): built with PyInstaller on this system by
``packaging/build.py``, which then runs it — from a folder with accents and spaces, with its
data in another (``C:\\Users\\João Araújo\\…``, issue 18) — with ``--version``, an offscreen
start-up that opens every screen on a fresh SQLite database, the demo, an export and a
Relatório do titular, and looks for their files and the log. About a minute; CI runs it."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_the_frozen_program_starts():
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "build.py")],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "telas abertas" in result.stdout
    assert "ok: banco, log, exportação e relatório em" in result.stdout
    assert "João Araújo" in result.stdout
    program = ROOT / "dist" / "GestaoNegativacao"
    suffix = ".exe" if sys.platform == "win32" else ""
    # two programs, as Picard ships: the window (no console behind it) and the console one
    assert (program / f"GestaoNegativacao{suffix}").exists()
    assert (program / f"gestao-negativacao{suffix}").exists()
