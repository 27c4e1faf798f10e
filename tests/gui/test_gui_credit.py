"""Análise de crédito and Consultas driven through the widgets."""

import json
from datetime import date, timedelta

from sqlalchemy import select

from gestao_negativacao.bureaus.sandbox import running_sandbox
from gestao_negativacao.db.models import Installment, Sale
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.pages.credit import CreditPage
from gestao_negativacao.gui.pages.queries import QueriesPage
from gestao_negativacao.services.admin import parameters
from gestao_negativacao.services.demo import setup as demo_setup
from gestao_negativacao.services.importing import import_file
from tests.helpers import base_row, click_until, shot, write_csv
from tests.sending_helpers import admin_actor


def test_request_analyse_approve_block_and_profile(qtbot, sqlite_db, tmp_path):
    admin = admin_actor(sqlite_db)
    import_file(sqlite_db.session_factory, admin, write_csv(tmp_path / "c.csv", [base_row()]))
    parameters.save_credit(sqlite_db.session_factory, admin, parameters.CreditParameters(True))
    page = CreditPage(Context(sqlite_db, admin))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    # a new request typed in the application: boleto in 3 → analysis
    page.tabs.setCurrentIndex(1)
    page.req_customer.setText("412.248.244-58")
    page.req_company.setText("29.141.777/0001-58")
    page.req_sale.setText("NOVA-1")
    page.req_method.setCurrentIndex(page.req_method.findData("boleto"))
    page.req_amount.setText("1.000,00")
    page.req_count.setValue(3)
    click_until(qtbot, page.req_submit, page.req_result, "Solicitação")
    assert "enviada para análise" in page.req_result.text()
    assert "pagamento em boleto ou cheque" in page.req_result.text()
    page.req_sale.setText("NOVA-2")
    page.req_method.setCurrentIndex(page.req_method.findData("cheque"))
    click_until(qtbot, page.req_submit, page.req_result, "Solicitação")
    # the queue: both, with their reasons; the detail shows the titles
    page.tabs.setCurrentIndex(0)
    assert page.queue.rowCount() == 2
    page.queue.selectRow(0)
    assert "Motivos: pagamento em boleto ou cheque; venda a prazo" in page.detail.toPlainText()
    shot(page, "analise_de_credito")
    # the admin asked: someone else approves
    click_until(qtbot, page.approve, page.queue_message, "Quem fez a solicitação")
    assert "Quem fez a solicitação não pode aprová-la" in page.queue_message.text()
    from gestao_negativacao.domain.permissions import RoleCode
    from gestao_negativacao.services import credit
    from tests.sending_helpers import user_actor

    page.context = Context(sqlite_db, user_actor(sqlite_db, "sara", RoleCode.SUPERVISOR))
    page.queue.selectRow(0)
    # no alçada set: fails closed
    click_until(qtbot, page.approve, page.queue_message, "alçada")
    assert "não tem alçada de crédito definida" in page.queue_message.text()
    credit.set_authority(sqlite_db.session_factory, admin, "sara", None, unlimited=True)
    page.queue.selectRow(0)
    click_until(qtbot, page.approve, page.queue_message, "aprovada")
    assert "aprovada: parcelas geradas" in page.queue_message.text()
    with sqlite_db.session_factory() as s:
        sale = s.scalar(select(Sale).where(Sale.number == "NOVA-1"))
        values = s.scalars(select(Installment.adjusted).where(Installment.sale_id == sale.id))
        assert sorted(str(v) for v in values) == ["333.33", "333.33", "333.34"]
    page.queue.selectRow(0)
    page.ask_comment = lambda: "cheque de terceiro"
    click_until(qtbot, page.block, page.queue_message, "bloqueada.")
    assert page.queue_message.text().endswith("bloqueada.") and page.queue.rowCount() == 0
    # the customer's profile: limit and a temporary increase
    page.tabs.setCurrentIndex(2)
    page.prof_document.setText("41224824458")
    click_until(qtbot, page.prof_find, page.prof_summary, "usado")
    assert "usado R$ 2.500,00" in page.prof_summary.text()
    page.prof_limit.setText("3.000,00")
    click_until(qtbot, page.prof_save, page.prof_message, "salvo")
    assert page.prof_message.text() == "Perfil de crédito salvo."
    page.prof_increase.setText("500")
    page.prof_until.setDate(date.today() + timedelta(days=10))
    click_until(qtbot, page.prof_add, page.prof_summary, "R$ 3.500,00")
    assert "limite R$ 3.500,00 (inclui aumento de R$ 500,00)" in page.prof_summary.text()
    shot(page, "perfil_de_credito")
    # the outcomes, as whoever asked sees them
    assert page.mine.rowCount() == 2
    assert {page.mine.item(r, 4).text() for r in range(2)} == {"aprovada", "bloqueada"}


def test_a_clerk_asks_and_sees_the_outcome_but_not_the_queue(qtbot, sqlite_db, tmp_path):
    from tests.sending_helpers import user_actor

    admin = admin_actor(sqlite_db)
    import_file(sqlite_db.session_factory, admin, write_csv(tmp_path / "c.csv", [base_row()]))
    parameters.save_credit(sqlite_db.session_factory, admin, parameters.CreditParameters(True))
    clerk = user_actor(sqlite_db, "caio")
    page = CreditPage(Context(sqlite_db, clerk))
    qtbot.addWidget(page)
    assert not page.tabs.isTabVisible(0) and page.tabs.currentIndex() == 1
    page.req_customer.setText("41224824458")
    page.req_company.setText("29141777000158")
    page.req_sale.setText("C-1")
    page.req_amount.setText("100")
    page.req_method.setCurrentIndex(page.req_method.findData("cartao"))
    click_until(qtbot, page.req_submit, page.req_result, "Solicitação")
    # card at sight, but the customer has overdue titles: to analysis, with the reasons
    assert "enviada para análise. títulos em atraso" in page.req_result.text()
    assert page.mine.rowCount() == 1 and page.mine.item(0, 4).text() == "em análise"


def test_consultas_keep_the_report_warn_on_repeat_and_export_pdf(qtbot, sqlite_db, tmp_path):
    admin = admin_actor(sqlite_db)
    with running_sandbox() as sandbox:
        demo_setup.ensure_sandbox_integrations(sqlite_db.session_factory, admin, sandbox.url)
        page = QueriesPage(Context(sqlite_db, admin))
        qtbot.addWidget(page)
        page.resize(1000, 700)
        page.show()
        page.document.setText("529.982.247-25")
        page.integrator.setCurrentIndex(page.integrator.findData("soa_serasa"))
        page.query.click()
        qtbot.waitUntil(lambda: page.message.text() == "Consulta feita e guardada.", timeout=15_000)
        assert "Score:" in page.view.toPlainText()
        page.query.click()
        qtbot.waitUntil(lambda: page.again.isVisible(), timeout=15_000)
        assert "mostrando a guardada" in page.message.text()
        page.again.click()
        qtbot.waitUntil(lambda: page.message.text() == "Consulta feita e guardada.", timeout=15_000)
    target = tmp_path / "consulta.pdf"
    page.ask_pdf_path = lambda: target
    page.pdf.click()
    assert target.read_bytes().startswith(b"%PDF")
    shot(page, "consultas")
    assert json.dumps  # the report is kept as JSON in the database (see test_credit_queries)
    # a wrong CPF next: its refusal alone, not under the previous person's report
    page.document.setText("123.456.789-00")
    click_until(qtbot, page.query, page.message, "CPF inválido")
    assert page.view.toPlainText() == "" and not page.pdf.isEnabled()
