"""DESIGN §3: arrows point down. Below gui/, nothing imports Qt; lower layers never import
higher ones."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "gestao_negativacao"
ORDER = ["domain", "db", "rules", "bureaus", "services", "gui"]


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", ORDER[:-1])
def test_no_qt_and_no_upward_imports(layer):
    higher = ORDER[ORDER.index(layer) + 1 :]
    for path in (PACKAGE / layer).rglob("*.py"):
        for name in imports_of(path):
            assert not name.startswith(("PySide6", "shiboken6")), f"{path} imports Qt"
            for upper in higher:
                assert not name.startswith(f"gestao_negativacao.{upper}"), (
                    f"{path.relative_to(PACKAGE)} imports {name}: layers only call downward"
                )
            assert name != "gestao_negativacao.cli", f"{path} imports the command line"


def test_qt_comes_only_from_gui_qt():
    for path in (PACKAGE / "gui").rglob("*.py"):
        # charts_qt: Qt's chart module apart, loaded by the Painel only (start-up time)
        if path.name in ("qt.py", "charts_qt.py") or path.parent.name == "forms":  # forms: uic
            continue
        assert not any(n.startswith("PySide6") for n in imports_of(path)), path


# Who may import whom, by area (a package under src/gestao_negativacao, or a top-level
# module): DESIGN §3's arrows, the screens and the command line reaching the data only
# through services (issue 19). ``__version__`` is the package's own attribute.
ALLOWED = {
    "domain": {"domain"},
    "config": set(),
    "logs": {"config", "domain"},
    "db": {"db", "domain"},
    "rules": {"rules", "db", "domain"},
    "bureaus": {"bureaus", "domain", "__version__"},
    "services": {"services", "rules", "bureaus", "db", "domain", "config", "logs"},
    "gui": {"gui", "services", "domain", "config", "logs", "__version__"},
    # the command line is the entry point: it opens the window (``gui``) when no command
    "cli": {"services", "domain", "config", "logs", "gui", "__version__"},
    "__main__": {"cli"},
}


def _areas_imported(path: Path) -> set[str]:
    """Every area a file imports, in any form: ``import a.b``, ``from a.b import c`` and
    ``from gestao_negativacao import module`` (the last names the module, not a symbol)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "gestao_negativacao" and len(parts) > 1:
                found.add(parts[1])
    return found


def _area_of(path: Path) -> str:
    relative = path.relative_to(PACKAGE)
    return relative.parts[0] if len(relative.parts) > 1 else relative.stem


def test_each_area_imports_only_what_it_may():
    seen = set()
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts or path.name == "__init__.py" and path.parent == PACKAGE:
            continue
        area = _area_of(path)
        seen.add(area)
        assert area in ALLOWED, f"{area}: a new area needs its line in ALLOWED"
        stray = _areas_imported(path) - ALLOWED[area] - {area}
        assert not stray, f"{path.relative_to(PACKAGE)} imports {sorted(stray)}"
    assert {"gui", "services", "cli", "domain"} <= seen


def test_the_architecture_page_names_every_area():
    """docs/ARCHITECTURE.md is kept true: each area of ALLOWED appears in it."""
    page = (PACKAGE.parents[1] / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    for area in ("domain", "db", "rules", "bureaus", "services", "gui", "cli", "config", "logs"):
        assert f"`{area}" in page, area
    assert "UserFacingError" in page and "Operation(" in page
