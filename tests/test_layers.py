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
