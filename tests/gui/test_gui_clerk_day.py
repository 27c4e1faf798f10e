"""A clerk's whole day, driven through the widgets (real SQLite, the sandbox over HTTP):
import the ERP file, search by rule, look at what was left out, send, watch Enviados,
import the payments, send the removals, remove one by hand, make the bureau fail and
release the stuck items — each step checked on the screen and in the database."""

from datetime import date

from sqlalchemy import func, select

from gestao_negativacao.bureaus.sandbox.faults import FaultPlan
from gestao_negativacao.db.models import SendQueueEntry
from tests.gui.steps import search, send_all
from tests.helpers import click_until, shot
from tests.sending_helpers import sandbox_records, statuses, write_portfolio_csv


def test_a_clerks_day(qtbot, day, tmp_path):
    window, sandbox, db = day
    # 1. the ERP's export: 12 customers, 2 overdue installments each; one has no address
    path = write_portfolio_csv(tmp_path / "carteira.csv", 12, 2)
    importing = window.open_section("Importação")
    importing.ask_file = lambda: path
    importing.ui.choose.click()
    qtbot.waitUntil(lambda: importing.report is not None, timeout=15_000)
    importing.ui.importAll.click()
    qtbot.waitUntil(lambda: importing.report.written, timeout=15_000)
    shot(window, "dia_1_importacao")

    # 2. Inclusão by rule: the grid, the excluded tab, the lock between rule and filters
    inclusion = window.open_section("Inclusão")
    inclusion.enterprise.setText("EMP01")
    assert not inclusion.rule.isEnabled()  # a filter locks the rule
    inclusion.clear.click()
    search(qtbot, inclusion, "spc_brasil", "Atraso 30")
    assert not inclusion.filters_box.isEnabled()  # and the rule locks the filters
    assert inclusion.found_grid.model.total == 24
    assert inclusion.select_all.text() == "Selecionar todos (24)"
    question, report = send_all(qtbot, inclusion)
    assert "24 itens para incluir" in question and "R$ 3.600,00" in question
    assert report.sent == 24 and report.rejected == 0
    assert statuses(db, "spc_brasil") == {"ativa": 24}
    assert len(sandbox_records(sandbox, "spc_brasil")) == 24
    # searched again after sending: all of them are now "already active"
    qtbot.waitUntil(lambda: not inclusion.found_grid.model.loading)
    assert inclusion.found_grid.model.total == 0
    qtbot.waitUntil(lambda: inclusion.tabs.tabText(1) == "Não incluídos (24)", timeout=10_000)
    # a search that finds nothing to send says why (issue 20)
    qtbot.waitUntil(lambda: "24 itens ficaram de fora" in inclusion.message.text())
    inclusion.tabs.setCurrentIndex(1)
    excluded = inclusion.excluded_grid
    qtbot.waitUntil(lambda: excluded.model.rowCount() == 24)
    assert excluded.model.row_values(0).reason == "já negativada nesta integradora"
    amount = [c.key for c in excluded.model.columns].index("amount")
    assert excluded.model.data(excluded.model.index(0, amount)) == "R$ 150,00"
    excluded.table.selectRow(0)
    inclusion.why.click()
    why = inclusion.why_dialog
    assert "Regra avaliada em 22/11/2026" in why.heading.text()
    assert why.tree.topLevelItemCount() == 2  # the item, then the debtor's active records
    assert "já negativada" in why.tree.topLevelItem(0).text(1)
    assert "Súmula 385" in why.tree.topLevelItem(1).text(0)
    shot(why, "dia_2_por_que_nao")
    why.close()
    shot(window, "dia_2_inclusao")

    # 3. Enviados: every negativation, its history
    sent_page = window.open_section("Enviados")
    qtbot.waitUntil(lambda: sent_page.grid.model.total == 24)
    sent_page.grid.table.selectRow(0)
    assert sent_page.timeline.topLevelItemCount() == 2
    assert sent_page.timeline.topLevelItem(1).text(3) == "incluída no birô"
    assert sent_page.timeline.topLevelItem(1).text(1) == "admin"
    shot(window, "dia_3_enviados")

    # 4. the payments arrive: customers 0..2 paid their first installment
    newer = write_portfolio_csv(tmp_path / "carteira2.csv", 12, 2, paid={0, 1, 2})
    importing = window.open_section("Importação")
    importing.ask_file = lambda: newer
    importing.ui.choose.click()
    qtbot.waitUntil(lambda: importing.report.dry_run and importing.report.rows == 24)
    importing.ui.importAll.click()
    qtbot.waitUntil(lambda: importing.report.written, timeout=15_000)
    panel = window.open_section("Painel")
    qtbot.waitUntil(lambda: panel.board is not None and len(panel.board.removals_owed) == 3)
    shot(window, "dia_4_painel")

    removal = window.open_section("Baixa")
    search(qtbot, removal, None, "Pagas")
    assert removal.found_grid.model.total == 3
    question, report = send_all(qtbot, removal)
    assert "3 itens para baixar" in question
    assert report.sent == 3
    assert statuses(db, "spc_brasil") == {"ativa": 21, "baixada": 3}
    records = sandbox_records(sandbox, "spc_brasil")
    assert sum(1 for r in records if not r["active"]) == 3
    shot(window, "dia_4_baixa")

    # 5. a negativation removed on the bureau's site: baixa manual
    sent_page = window.open_section("Enviados")
    sent_page.status.setCurrentIndex(sent_page.status.findData("ativa"))
    sent_page.search.click()
    qtbot.waitUntil(lambda: sent_page.grid.model.total == 21)
    sent_page.grid.table.selectRow(0)
    assert sent_page.manual.isEnabled() and not sent_page.resend.isEnabled()
    sent_page.ask_reason = lambda: "baixada no site do SPC em 21/11"
    sent_page.ask_court_order = lambda: False
    click_until(qtbot, sent_page.manual, sent_page.message, "baixada(s) manualmente")
    assert "1 negativação(ões) baixada(s) manualmente" in sent_page.message.text()
    assert statuses(db, "spc_brasil") == {"ativa": 20, "baixada": 3, "baixada_manual": 1}

    # 6. the bureau is down (21 still owed, 3 were paid; the one removed by hand is held
    # for every bureau, DESIGN §5.6, so 20): items stay pending; Liberar parcelas takes them out
    sandbox.faults = FaultPlan({"http500": 1.0})
    inclusion = window.open_section("Inclusão")
    search(qtbot, inclusion, "boa_vista", "Atraso 30")
    assert inclusion.found_grid.model.total == 20
    _question, report = send_all(qtbot, inclusion)
    assert report.pending == 20 and report.sent == 0
    release_page = window.open_section("Liberar parcelas")
    release_page.action.setCurrentIndex(release_page.action.findData("inclusion"))
    release_page.integrator.setCurrentIndex(release_page.integrator.findData("boa_vista"))
    release_page.search.click()
    qtbot.waitUntil(lambda: release_page.grid.model.total == 20)
    assert release_page.grid.model.row_values(0).attempts >= 1
    release_page.select_all.setChecked(True)
    release_page.confirm = lambda text: True
    click_until(qtbot, release_page.release_button, release_page.message, "liberada(s)")
    assert release_page.message.text() == "20 parcela(s) liberada(s)."
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(SendQueueEntry)) == 0
    shot(window, "dia_6_liberar")
    # released items show again for inclusion
    sandbox.faults = FaultPlan()
    inclusion = window.open_section("Inclusão")
    search(qtbot, inclusion, "boa_vista", "Atraso 30")
    assert inclusion.found_grid.model.total == 20

    # 7. the Painel: figures, the removals owed are done, the erro/pending counts
    panel = window.open_section("Painel")
    qtbot.waitUntil(lambda: panel.board is not None and panel.board.removals_owed == [])
    assert "20</b> negativações ativas" in panel.active.text()
    assert panel.pending.text() == "Pendentes: 20 (20 liberadas)"
    panel.pending.click()  # opens Enviados filtered
    sent_page = window.pages["Enviados"]
    assert sent_page.status.currentData() == "pendente"
    qtbot.waitUntil(lambda: sent_page.grid.model.total == 20)
    shot(window, "dia_7_enviados_pendentes")
    assert date.today()  # the screens use today's date by default
