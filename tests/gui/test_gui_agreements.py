"""Acordos: a clerk records an agreement over a debtor's overdue installments from the
screen, sees its plan and standing, records a payment; the list follows the reference
date (broken the day after a deadline missed)."""

from datetime import date, timedelta

from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.pages.agreements import AgreementsPage
from gestao_negativacao.gui.qt import QDate, Qt
from gestao_negativacao.services import agreements
from tests.helpers import shot
from tests.rules_helpers import AS_OF
from tests.sending_helpers import admin_actor, portfolio


def _set(edit, value: date) -> None:
    edit.setDate(QDate(value.year, value.month, value.day))


def test_a_clerk_records_an_agreement_and_a_payment(qtbot, sqlite_db):
    admin = admin_actor(sqlite_db)
    sc = portfolio(sqlite_db, 2, installments=3)
    page = AgreementsPage(Context(sqlite_db, admin))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    _set(page.as_of, AS_OF)
    qtbot.waitUntil(lambda: not page.pane.grid.model.loading)
    assert page.pane.grid.model.total == 0
    page.pane.new_button.click()
    assert page.stack.currentIndex() == 1 and not page.save_button.isEnabled()
    page.document.setText("000.000.000-00")
    page.find_button.click()
    assert "CPF inválido" in page.form_message.text() or "inválido" in page.form_message.text()
    page.document.setText(sc.document("cli0"))
    page.find_button.click()
    assert page.owed_list.count() == 3  # 150,00 each
    page.owed_list.item(2).setCheckState(Qt.CheckState.Unchecked)  # the newest, V0/1
    page.count.setValue(4)
    _set(page.first_due, AS_OF + timedelta(days=3))
    assert "R$ 300,00 em aberto → 4 parcela(s) mensal(is) de R$ 75,00" in page.plan_summary.text()
    page.note.setText("fechado por telefone")
    shot(page, "acordos_novo")
    page.save_button.click()
    qtbot.waitUntil(lambda: page.stack.currentIndex() == 0 and page.current is not None)
    info = page.current
    assert info.originals == ("V0/2", "V0/3") and len(info.plan) == 4
    assert "em dia" in page.title.text() and "ficam bloqueadas" in page.covers.text()
    qtbot.waitUntil(lambda: page.pane.grid.model.total == 1)
    # the first installment paid: the button acts on the row chosen in the plan
    page.plan.selectRow(0)
    _set(page.paid_on, AS_OF + timedelta(days=3))
    assert page.pay_button.isEnabled()
    page.pay_button.click()
    qtbot.waitUntil(lambda: "Pagamento da parcela 1" in page.detail_message.text())
    assert page.plan.item(0, 4).text() == f"{AS_OF + timedelta(days=3):%d/%m/%Y}"
    page.plan.selectRow(0)
    assert not page.pay_button.isEnabled()  # paid already
    shot(page, "acordos_detalhe")
    # the second one's deadline (due + 5 days of tolerance) missed: broken the next day
    second = info.plan[1].deadline
    _set(page.as_of, second + timedelta(days=1))
    qtbot.waitUntil(lambda: "quebrado" in page.title.text())
    assert "voltaram a ser candidatas" in page.covers.text()
    (listed,) = agreements.list_agreements(sqlite_db.session_factory, second + timedelta(days=1))
    assert not listed.kept
