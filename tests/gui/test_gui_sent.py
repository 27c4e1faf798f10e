"""Enviados: an item the bureau refused is fixed and sent again from the screen; the
history shows each step."""

from sqlalchemy import literal, select, update

from gestao_negativacao.bureaus.sandbox import running_sandbox
from gestao_negativacao.db.models import Customer, Installment, Sale
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.pages.sent import SentPage
from gestao_negativacao.services.demo import setup as demo_setup
from gestao_negativacao.services.sending.enqueue import enqueue_inclusions
from gestao_negativacao.services.sending.worker import Sender
from tests.helpers import click_until, shot
from tests.sending_helpers import admin_actor, portfolio, statuses


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


def test_the_detail_lists_the_debtors_other_active_records(qtbot, sqlite_db):
    """Súmula 385 (STJ): the Enviados detail shows the debtor's other active negativations
    held here, at every integrator, with dates."""
    from gestao_negativacao.services.sending.sent import other_active
    from tests.sending_helpers import enqueue_all

    admin = admin_actor(sqlite_db)
    portfolio(sqlite_db, 2, installments=2)  # two debtors, two installments each
    with running_sandbox() as sandbox:
        demo_setup.ensure_sandbox_integrations(sqlite_db.session_factory, admin, sandbox.url)
        enqueue_all(sqlite_db, admin, "spc_brasil")
        enqueue_all(sqlite_db, admin, "credito_na_medida")
        Sender(sqlite_db.session_factory, admin).run()
    page = SentPage(Context(sqlite_db, admin))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    page.integrator.setCurrentIndex(page.integrator.findData("spc_brasil"))
    page.search.click()
    qtbot.waitUntil(lambda: page.grid.model.total == 4)
    page.grid.table.selectRow(0)
    first = page.grid.model.row_values(0)
    others = other_active(sqlite_db.session_factory, first.id)
    # the same debtor's other SPC installment; the partner's records still wait (pendente)
    assert [(o.integrator, o.installment) for o in others] == [
        ("spc_brasil", 2 if first.installment == 1 else 1)
    ]
    assert "Outras negativações ativas deste devedor (1)" in page.others.text()
    assert "SPC Brasil" in page.others.text() and "spc_brasil" not in page.others.text()
    shot(page, "enviados_outras")
    # and "Por que não?" for that debtor lists both of its active records
    from gestao_negativacao.gui.widgets.why_not import WhyNotDialog
    from tests.rules_helpers import AS_OF, inclusion_rule

    dialog = WhyNotDialog(
        Context(sqlite_db, admin), "inclusion", inclusion_rule(), "spc_brasil", AS_OF,
        document=first.document,
    )  # fmt: skip
    qtbot.addWidget(dialog)
    last = dialog.tree.topLevelItem(dialog.tree.topLevelItemCount() - 1)
    assert last.text(0) == "Negativações ativas deste devedor (Súmula 385 do STJ)"
    assert last.text(1) == "2" and last.childCount() == 2
    assert last.child(0).text(0).startswith("SPC Brasil: venda")


def test_serasa_items_waiting_show_on_the_panel_and_are_asked_from_enviados(qtbot, sqlite_db):
    """DESIGN §5.2 in the window: the Painel lists SOA inclusions unconfirmed for longer
    than the parameter; "Atualizar situação" on Enviados asks Serasa and they turn ativa."""
    from datetime import UTC, datetime, timedelta

    from gestao_negativacao.db.models import Negativation
    from gestao_negativacao.gui.pages.panel import PanelPage
    from tests.sending_helpers import enqueue_all

    admin = admin_actor(sqlite_db)
    portfolio(sqlite_db, 3)
    with running_sandbox(process_after=None) as sandbox:
        demo_setup.ensure_sandbox_integrations(sqlite_db.session_factory, admin, sandbox.url)
        enqueue_all(sqlite_db, admin, "soa_serasa")
        Sender(sqlite_db.session_factory, admin).run()
        assert statuses(sqlite_db) == {"pendente": 3}
        three_days_ago = datetime.now(UTC) - timedelta(days=3)
        with sqlite_db.session_factory.begin() as s:
            s.execute(update(Negativation).values(updated_at=three_days_ago))
        context = Context(sqlite_db, admin)
        panel = PanelPage(context)
        qtbot.addWidget(panel)
        panel.show()
        panel.refresh()
        qtbot.waitUntil(
            lambda: panel.unconfirmed.text().startswith("Sem confirmação há"), timeout=10_000
        )
        assert panel.unconfirmed.isVisible()
        assert panel.unconfirmed.text() == "Sem confirmação há mais de 2 dias: 3"
        page = SentPage(context)
        qtbot.addWidget(page)
        page.resize(1366, 768)
        page.show()
        sandbox.process()  # Serasa confirmed meanwhile
        page.refresh_status.click()
        qtbot.waitUntil(
            lambda: page.message.text().startswith("Situação atualizada"), timeout=15_000
        )
        assert "3 aguardavam confirmação; 3 ativadas" in page.message.text()
    assert statuses(sqlite_db) == {"ativa": 3}


def test_a_manual_removal_holds_and_the_hold_is_lifted_on_enviados(qtbot, sqlite_db):
    """DESIGN §5.6 in the window: Baixa manual (here by court order) holds the item; the
    detail says who held it and why; "Retirar bloqueio…" asks a reason and lifts it."""
    from gestao_negativacao.services.sending.holds import list_holds
    from tests.sending_helpers import enqueue_all

    admin = admin_actor(sqlite_db)
    portfolio(sqlite_db, 1)
    with running_sandbox() as sandbox:
        demo_setup.ensure_sandbox_integrations(sqlite_db.session_factory, admin, sandbox.url)
        enqueue_all(sqlite_db, admin, "spc_brasil")
        Sender(sqlite_db.session_factory, admin).run()
        page = SentPage(Context(sqlite_db, admin))
        qtbot.addWidget(page)
        page.resize(1366, 768)
        page.show()
        page.search.click()
        qtbot.waitUntil(lambda: page.grid.model.total == 1)
        page.grid.table.selectRow(0)
        assert not page.lift.isEnabled()
        page.ask_reason = lambda: "ofício 77/2026 da 3ª Vara Cível"
        page.ask_court_order = lambda: True
        click_until(qtbot, page.manual, page.message, "ficam bloqueadas")
        (hold,) = list_holds(sqlite_db.session_factory)
        assert hold.origin == "court_order"
        qtbot.waitUntil(lambda: page.grid.model.total == 1 and not page.grid.model.loading)
        page.grid.table.selectRow(0)
        qtbot.waitUntil(lambda: page.lift.isEnabled())
        assert "Bloqueada para novas inclusões" in page.others.text()
        assert "ofício 77/2026" in page.others.text()
        shot(page, "enviados_bloqueio")
        page.ask_lift_reason = lambda holds: "decisão revogada em 01/12"
        click_until(qtbot, page.lift, page.message, "Bloqueio retirado (1)")
    assert list_holds(sqlite_db.session_factory) == []
