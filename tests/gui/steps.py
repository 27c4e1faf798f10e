"""Steps a clerk takes on Inclusão and Baixa, shared by the screen tests."""

from gestao_negativacao.gui.qt import QDate
from tests.rules_helpers import AS_OF


def search(qtbot, page, integrator: str, rule: str):
    page.integrator.setCurrentIndex(page.integrator.findData(integrator))
    page.rule.setCurrentIndex(page.rule.findData(rule))
    page.as_of.setDate(QDate(AS_OF.year, AS_OF.month, AS_OF.day))
    page.search.click()
    qtbot.waitUntil(
        lambda: page.found_grid is not None and not page.found_grid.model.loading, timeout=15_000
    )


def send_all(qtbot, page):
    page.select_all.setChecked(True)
    asked = []
    page.confirm = lambda text: asked.append(text) or True
    page.send.click()
    qtbot.waitUntil(
        lambda: hasattr(page, "summary_box") and page.summary_box.isVisible(), timeout=30_000
    )
    report = page.last_report
    # the run's summary, in the words the command line prints too (SendOutcome.lines)
    summary = page.summary_box.text()
    assert "Postos na fila:" in summary and ("Enviados:" in summary or "Baixados:" in summary)
    page.summary_box.close()
    del page.summary_box
    return asked[0], report


def searched(qtbot, window, db, folder, customers: int, installments: int = 2):
    """A portfolio of ``customers`` imported and Inclusão searched with "Atraso 30" at SPC
    Brasil: the page, ready to send."""
    from gestao_negativacao.services.importing import import_file
    from tests.sending_helpers import admin_actor, write_portfolio_csv

    path = write_portfolio_csv(folder / "carteira.csv", customers, installments)
    assert import_file(db.session_factory, admin_actor(db), path).written
    inclusion = window.open_section("Inclusão")
    search(qtbot, inclusion, "spc_brasil", "Atraso 30")
    return inclusion
