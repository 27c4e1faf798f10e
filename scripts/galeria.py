"""Galeria de telas: uma imagem PNG de cada tela, em 1366×768, sobre os dados de
demonstração, em ``docs/telas/``. Para olhar o produto como um atendente o vê sem instalar
nada além do projeto:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/galeria.py

Usa um banco SQLite temporário (nunca o da estação), a carteira de demonstração, o birô de
testes em loopback e uma primeira remessa enviada, para que Enviados e o Painel tenham o
que mostrar."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
OUT = Path(__file__).resolve().parents[1] / "docs" / "telas"
PASSWORD = "Galeria-das-telas-2026"


def main() -> int:
    home = Path(tempfile.mkdtemp(prefix="galeria-"))
    os.environ["GESTAO_NEGATIVACAO_HOME"] = str(home)
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    os.environ["XDG_DATA_HOME"] = str(home / "xdg")

    from gestao_negativacao.bureaus.sandbox import running_sandbox
    from gestao_negativacao.domain.enums import Integrator
    from gestao_negativacao.gui.app import _application
    from gestao_negativacao.gui.context import Context
    from gestao_negativacao.gui.main_window import MainWindow
    from gestao_negativacao.services.actor import Actor
    from gestao_negativacao.services.admin import users
    from gestao_negativacao.services.database import open_database
    from gestao_negativacao.services.demo import setup as demo_setup
    from gestao_negativacao.services.rules import get_rule
    from gestao_negativacao.services.sending.service import send

    db = open_database(f"sqlite:///{home / 'galeria.db'}")
    factory = db.session_factory
    demo_setup.ensure_admin(factory, Actor.system(), lambda: PASSWORD)
    admin = users.authenticate(factory, "admin", PASSWORD)
    app = _application()  # the product's own: style, Portuguese, icons
    OUT.mkdir(parents=True, exist_ok=True)
    with running_sandbox() as sandbox:
        demo_setup.ensure_sandbox_integrations(factory, admin, sandbox.url)
        demo_setup.ensure_demo_rules(factory, admin)
        demo_setup.load_portfolio(factory, admin, 3000, 2026, None)
        stored = get_rule(factory, "Atraso 60 dias")
        send(factory, admin, rule=stored.rule, rule_id=stored.id, integrator=Integrator.SPC_BRASIL)
        window = MainWindow(Context(db, admin))
        window.resize(1366, 768)
        window.show()
        names = []
        for title in list(window._items):
            page = window.open_section(title)
            if title in ("Inclusão", "Baixa"):
                # Inclusão for a bureau not sent to yet (something to send); Baixa for the
                # one the first batch went to (something to remove)
                rule, integrator = (
                    ("Atraso 60 dias", Integrator.BOA_VISTA)
                    if title == "Inclusão"
                    else ("Baixa por pagamento", Integrator.SPC_BRASIL)
                )
                page.integrator.setCurrentIndex(page.integrator.findData(integrator))
                page.rule.setCurrentIndex(page.rule.findData(rule))
                page.run_search()
            _settle(app, 2.5)
            name = _file_name(title)
            if title == "Enviados" and page.grid is not None:
                page.grid.table.selectRow(0)  # the history beside the list
                _settle(app, 0.5)
            window.grab().save(str(OUT / f"{name}.png"))
            names.append(name)
            if title == "Inclusão":  # the tab that says why, in words
                page.tabs.setCurrentIndex(page.tabs.indexOf(page.excluded_holder))
                _settle(app, 1.5)
                window.grab().save(str(OUT / f"{name}_nao_incluidos.png"))
                names.append(f"{name}_nao_incluidos")
        # the same window on a system in dark mode: two pages to judge the scheme by
        from gestao_negativacao.gui import look
        from gestao_negativacao.gui.qt import Qt

        look.follow_scheme(app, Qt.ColorScheme.Dark)
        for title in ("Enviados", "Painel"):
            window.open_section(title)
            _settle(app, 1.5)
            name = f"{_file_name(title)}_escuro"
            window.grab().save(str(OUT / f"{name}.png"))
            names.append(name)
    print("\n".join(f"docs/telas/{n}.png" for n in names))
    return 0


def _settle(app, seconds: float) -> None:
    """Let the page's reads (off the window's thread) arrive and paint."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def _file_name(title: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    return "".join(ch if ch.isalnum() else "_" for ch in plain.lower()).strip("_")


if __name__ == "__main__":
    sys.exit(main())
