"""Enviados: an item the bureau refused is fixed and sent again from the screen; the
history shows each step."""

from sqlalchemy import literal, select, update

from gestao_negativacao.bureaus.sandbox import running_sandbox
from gestao_negativacao.db.models import Customer, Installment, Sale
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.pages.sent import SentPage
from gestao_negativacao.services import demo_setup
from gestao_negativacao.services.sending.enqueue import enqueue_inclusions
from gestao_negativacao.services.sending.worker import Sender
from tests.sending_helpers import admin_actor, portfolio, statuses
from tests.test_gui_startup import shot


def test_a_refused_item_is_fixed_and_resent(qtbot, sqlite_db):
    admin = admin_actor(sqlite_db)
    sc = portfolio(sqlite_db, 2)
    with running_sandbox() as sandbox:
        demo_setup.ensure_sandbox_integrations(sqlite_db.session_factory, admin, sandbox.url)
        with sqlite_db.session_factory.begin() as s:
            s.execute(update(Customer).where(Customer.id == sc.ids["p:cli1"]).values(cep="123"))
        selection = select(
            Installment.id.label("installment_id"),
            Sale.holder_id.label("customer_id"),
            literal("holder").label("debtor_role"),
        ).join(Sale, Sale.id == Installment.sale_id)
        enqueue_inclusions(sqlite_db.session_factory, admin, selection, "spc_brasil")
        Sender(sqlite_db.session_factory, admin).run()
        assert statuses(sqlite_db) == {"ativa": 1, "erro": 1}
        page = SentPage(Context(sqlite_db, admin))
        qtbot.addWidget(page)
        page.resize(1200, 700)
        page.show()
        page.status.setCurrentIndex(page.status.findData("erro"))
        page.search.click()
        qtbot.waitUntil(lambda: page.grid.model.total == 1)
        page.grid.table.selectRow(0)
        assert page.resend.isEnabled() and not page.manual.isEnabled()
        assert "CEP inválido" in page.timeline.topLevelItem(1).text(6)
        shot(page, "enviados_erro")
        with sqlite_db.session_factory.begin() as s:  # the clerk fixed the address in the ERP
            s.execute(
                update(Customer).where(Customer.id == sc.ids["p:cli1"]).values(cep="01310100")
            )
        page.resend.click()
        qtbot.waitUntil(lambda: page.message.text().startswith("Reenviados"), timeout=15_000)
        assert "Reenviados: 1; enviados 1" in page.message.text()
    assert statuses(sqlite_db) == {"ativa": 2}
