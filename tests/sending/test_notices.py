"""Pre-notice to the debtor (seeds 000/001 "contato antes do registro"; DESIGN §4
``notice_pending``): a company that warns its debtors includes nobody it has not warned by
e-mail its days before; the notices go through a real SMTP server (aiosmtpd) and every
attempt is recorded."""

from datetime import timedelta
from email import message_from_bytes, policy

import pytest
from sqlalchemy import select, update

from gestao_negativacao.db.models import AuditEntry, Customer, DebtorNotice
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.admin import parameters
from gestao_negativacao.services.mail import MailNotConfigured
from gestao_negativacao.services.rules.preview import Preview, explain_inclusion
from gestao_negativacao.services.sending.notices import list_notices, send_notices
from tests.rules_helpers import AS_OF, inclusion_rule
from tests.scenario import Scenario
from tests.sending_helpers import admin_actor

DAY = timedelta(days=1)


@pytest.fixture
def warned(sqlite_db):
    """c1 warns its debtors 5 days before; ana (with e-mail) owes two installments there,
    bia (no e-mail) one; caio owes one at c2, which does not warn."""
    sc = Scenario(sqlite_db)
    sc.company("c1", "29141777000158")
    sc.company("c2", "11222333000181")
    for name in ("ana", "bia", "caio"):
        sc.customer(name)
    with sqlite_db.session_factory.begin() as s:
        s.execute(update(Customer).where(Customer.name == "ana").values(email="ana@exemplo.com.br"))
    sc.sale("V-ana", "ana", company="c1")
    sc.installment("V-ana", 1, AS_OF - 40 * DAY, "120.00")
    sc.installment("V-ana", 2, AS_OF - 10 * DAY, "80.00")
    sc.sale("V-bia", "bia", company="c1")
    sc.installment("V-bia", 1, AS_OF - 40 * DAY)
    sc.sale("V-caio", "caio", company="c2")
    sc.installment("V-caio", 1, AS_OF - 40 * DAY)
    admin = admin_actor(sqlite_db)
    choices = parameters.company_choices(sqlite_db.session_factory)
    parameters.save_company_choices(
        sqlite_db.session_factory,
        admin,
        [c.__class__(**{**c.__dict__, "pre_notice_days": 5 if c.name == "c1" else None})
         for c in choices],
    )  # fmt: skip
    return sc, admin


def evaluate(db, as_of):
    preview = Preview(
        db.session_factory, Actor.system(), "inclusion", inclusion_rule(), None, as_of
    )
    found = {(i.debtor_name, i.sale_number, i.installment_number) for i in preview.iterate()}
    excluded = {
        (i.debtor_name, i.sale_number, i.installment_number): i.reason
        for i in preview.iterate(excluded=True)
    }
    return preview, found, excluded


def configure(db, admin, port):
    parameters.save_email(
        db.session_factory,
        admin,
        parameters.EmailParameters(
            host="127.0.0.1", port=port, starttls=False, sender="cobranca@empresa.com.br"
        ),
    )


def test_nobody_is_included_before_the_notice_and_its_days(warned, smtp):  # noqa: F811
    sc, admin = warned
    db = sc.db
    controller, inbox = smtp
    preview, found, excluded = evaluate(db, AS_OF)
    assert found == {("caio", "V-caio", 1)}  # c2 does not warn
    assert set(excluded.values()) == {"notice_pending"} and len(excluded) == 3
    with pytest.raises(MailNotConfigured, match="Parâmetros → E-mail"):
        send_notices(db.session_factory, admin, preview, AS_OF)
    configure(db, admin, controller.port)
    report = send_notices(db.session_factory, admin, preview, AS_OF)
    assert (report.sent, report.installments, report.no_email, report.failed) == (1, 2, 1, 0)
    assert "1 aviso(s) prévio(s) enviado(s) (2 parcela(s))" in report.summary()
    [message] = inbox.messages
    assert message.rcpt_tos == ["ana@exemplo.com.br"]
    parsed = message_from_bytes(message.content, policy=policy.default)
    body = parsed.get_content()
    assert parsed["Subject"] == "Aviso de débito em aberto — c1"
    assert "Prezado(a) ana" in body and "R$ 200,00" in body
    assert f"a partir de {AS_OF + 5 * DAY:%d/%m/%Y}" in body
    # sent today: the item waits its five days; bia has no e-mail and keeps waiting
    assert evaluate(db, AS_OF + 4 * DAY)[2][("ana", "V-ana", 1)] == "notice_pending"
    _, found, excluded = evaluate(db, AS_OF + 5 * DAY)
    assert {("ana", "V-ana", 1), ("ana", "V-ana", 2)} <= found
    assert excluded == {("bia", "V-bia", 1): "notice_pending"}
    # "Por que não?" says what happened to each
    (why,) = explain_inclusion(
        db.session_factory, admin, inclusion_rule(), sc.ids["p:bia"], None, AS_OF
    )
    check = next(c for c in why.verdict.checks if c.code == "notice_pending")
    assert not check.passed and "devedor sem e-mail" in check.message
    why, _ = explain_inclusion(  # one verdict per installment, oldest first
        db.session_factory, admin, inclusion_rule(), sc.ids["p:ana"], None, AS_OF + DAY
    )
    check = next(c for c in why.verdict.checks if c.code == "notice_pending")
    assert f"a partir de {AS_OF + 5 * DAY:%d/%m/%Y}" in check.message
    # a second run sends nothing again, and records bia's missing address only once
    again = send_notices(db.session_factory, admin, preview, AS_OF + DAY)
    assert (again.sent, again.no_email) == (0, 1) and len(inbox.messages) == 1
    with db.session_factory() as s:
        outcomes = sorted(s.scalars(select(DebtorNotice.outcome)))
        audited = s.scalar(select(AuditEntry).where(AuditEntry.action == "aviso_previo.enviar"))
    assert outcomes == ["enviado", "enviado", "sem_email"] and audited is not None
    listed = list_notices(db.session_factory, debtor_document=sc.document("ana"))
    assert {(n.sale, n.installment, n.outcome) for n in listed} == {
        ("V-ana", 1, "enviado"), ("V-ana", 2, "enviado"),
    }  # fmt: skip


def test_a_failed_notice_is_tried_again_and_names_no_one(warned):
    sc, admin = warned
    db = sc.db
    configure(db, admin, 9)  # nothing listens there
    preview, _, _ = evaluate(db, AS_OF)
    report = send_notices(db.session_factory, admin, preview, AS_OF)
    assert report.failed == 1 and report.sent == 0
    assert report.errors == ["aviso prévio não enviado (ConnectionRefusedError)"]
    assert "ana" not in " ".join(report.errors)
    again = send_notices(db.session_factory, admin, preview, AS_OF + DAY)
    assert again.failed == 1  # tried again on the next run
    assert evaluate(db, AS_OF + 30 * DAY)[2][("ana", "V-ana", 1)] == "notice_pending"


def test_the_notice_commands(warned, smtp):  # noqa: F811
    import json

    from gestao_negativacao.services import rules
    from tests.helpers import run

    sc, admin = warned
    db = sc.db
    controller, inbox = smtp
    rules.import_rules(
        db.session_factory, admin, json.dumps([{"name": "Todas", "kind": "inclusion"}])
    )
    url = str(db.engine.url)
    unset = run("notice", "send", "--rule", "Todas", "--as-of", str(AS_OF), "--database", url)
    assert unset.returncode == 2 and "Parâmetros → E-mail" in unset.stderr
    configure(db, admin, controller.port)
    result = run("notice", "send", "--rule", "Todas", "--as-of", str(AS_OF), "--json",
                 "--database", url)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["sent"] == 1 and len(inbox.messages) == 1
    listed = json.loads(run("notice", "list", "--json", "--database", url).stdout)
    assert {n["outcome"] for n in listed} == {"enviado", "sem_email"}
    assert {"sale", "installment", "debtor_document", "sent_on", "eligible_from"} <= set(listed[0])


def test_the_inclusion_screen_sends_the_notices(qtbot, warned, smtp):  # noqa: F811
    import json

    from gestao_negativacao.gui.context import Context
    from gestao_negativacao.gui.pages.sending import SendingPage
    from gestao_negativacao.gui.qt import QDate
    from gestao_negativacao.services import rules

    sc, admin = warned
    db = sc.db
    controller, inbox = smtp
    configure(db, admin, controller.port)
    rules.import_rules(
        db.session_factory, admin, json.dumps([{"name": "Todas", "kind": "inclusion"}])
    )
    page = SendingPage(Context(db, admin), "inclusion")
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    assert page.notices.isVisible() and not page.notices.isEnabled()
    page.rule.setCurrentIndex(page.rule.findData("Todas"))
    page.as_of.setDate(QDate(AS_OF.year, AS_OF.month, AS_OF.day))
    page.search.click()
    qtbot.waitUntil(lambda: page.tabs.tabText(1) == "Não incluídos (3)")
    assert page.notices.isEnabled()
    page.notices.click()
    qtbot.waitUntil(lambda: "enviado" in page.message.text(), timeout=10_000)
    assert page.message.text().startswith("1 aviso(s) prévio(s) enviado(s) (2 parcela(s))")
    assert "1 devedor(es) sem e-mail" in page.message.text() and len(inbox.messages) == 1
    from tests.helpers import shot

    shot(page, "inclusao_avisos_previos")
