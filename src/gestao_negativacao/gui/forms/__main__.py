"""Regenerate ``gui/forms/ui_*.py`` from the repository's Designer files (pyside6-uic):
``ui/pages/`` for the pages of ``gui/pages/``, ``ui/dialogs/`` for ``gui/dialogs/``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

FORMS = Path(__file__).resolve().parent
UI = FORMS.parents[3] / "ui"


def uic() -> str:
    """The uic of the installed PySide6 (next to this Python, or on PATH)."""
    here = Path(sys.executable).with_name("pyside6-uic")
    return str(here) if here.exists() else "pyside6-uic"


def generate(form: Path) -> str:
    result = subprocess.run(
        [uic(), "--generator", "python", "--no-autoconnection", str(form)],
        capture_output=True,
        text=True,
        check=True,
    )
    # the header names the source by its absolute path: keep it machine-independent
    return result.stdout.replace(str(form), form.relative_to(UI.parent).as_posix())


def target(form: Path) -> Path:
    return FORMS / f"ui_{form.stem}.py"


def forms() -> list[Path]:
    return sorted(UI.rglob("*.ui"))


def main() -> int:
    forms_found = forms()
    for form in forms_found:
        target(form).write_text(generate(form), encoding="utf-8")
        print(f"{form.name} -> {target(form).relative_to(FORMS.parents[2])}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
