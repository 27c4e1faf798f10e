"""Titulares (LGPD) on the screen: the officer writes a person's report into a folder,
counts who may be anonymised, is told why a person with an open installment stays, and
anonymises the one who may go — each after a confirmation."""

from datetime import date

from sqlalchemy import select

from gestao_negativacao.db.models import Customer
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.main_window import sections
from gestao_negativacao.gui.pages.data_subjects import DataSubjectsPage
from gestao_negativacao.gui.pages.parameters import ParametersPage
from gestao_negativacao.services.admin import parameters
from tests.helpers import shot
from tests.scenario import Scenario
from tests.sending_helpers import admin_actor, user_actor

LONG_AGO = date(2020, 1, 10)


def test_the_officer_answers_a_request_and_anonymises(qtbot, sqlite_db, tmp_path):
    admin = admin_actor(sqlite_db)
    sc = Scenario(sqlite_db)
    sc.company("c1")
    for name in ("Ana Souza", "Bia Lima"):
        sc.customer(name)
        sc.sale(f"V-{name}", name)
    sc.installment("V-Ana Souza", 1, LONG_AGO, paid="100.00", payment_date=LONG_AGO)
    sc.installment("V-Bia Lima", 1, LONG_AGO)  # still open
    page = DataSubjectsPage(Context(sqlite_db, admin))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    asked: list[str] = []
    page.ask_folder = lambda: tmp_path / "pedido"
    page.confirm = lambda text: asked.append(text) or True

    page.report.click()
    assert "Informe o CPF" in page.message.text()
    page.document.setText(sc.document("Ana Souza"))
    page.report.click()
    qtbot.waitUntil(lambda: "gerado" in page.message.text())
    html = page.view.toPlainText()
    assert "1 venda(s)" in html and ".pdf" in html
    assert len(list((tmp_path / "pedido").glob("*.pdf"))) == 1

    page.count.click()
    qtbot.waitUntil(lambda: "podem ser anonimizados hoje" in page.due_label.text())
    assert page.due_label.text().startswith("1 titular(es)")
    shot(page, "titulares_lgpd")

    page.document.setText(sc.document("Bia Lima"))
    page.anonymise.click()
    qtbot.waitUntil(
        lambda: page.report.isEnabled() and "tem parcela em aberto" in page.message.text()
    )
    page.document.setText(sc.document("Ana Souza"))
    page.anonymise.click()
    qtbot.waitUntil(lambda: "anonimizados" in page.message.text())
    assert len(asked) == 2 and "não podem ser recuperados" in asked[0]
    with sqlite_db.session_factory() as s:
        assert sorted(s.scalars(select(Customer.name))) == ["Bia Lima", "Titular anonimizado"]
    page.anonymise_all.click()
    qtbot.waitUntil(lambda: "Nenhum titular a anonimizar" in page.message.text())


def test_the_page_is_an_officers_and_the_period_is_in_parametros(qtbot, sqlite_db):
    admin = admin_actor(sqlite_db)
    clerk = user_actor(sqlite_db, "maria")
    titles = lambda actor: [s.title for s in sections() if s.allowed(Context(sqlite_db, actor))]  # noqa: E731
    assert "Titulares (LGPD)" in titles(admin)
    assert "Titulares (LGPD)" not in titles(clerk)
    page = ParametersPage(Context(sqlite_db, admin))
    qtbot.addWidget(page)
    assert page.retention.value() == 5 and page.retention.suffix() == " anos"
    page.retention.setValue(7)
    page.save()
    qtbot.waitUntil(lambda: parameters.general(sqlite_db.session_factory).retention_years == 7)
