"""LGPD rights (issue 18 item 9), on every database: the Relatório do titular holds
everything kept about one person and nothing about anyone else, in words (no internal
code); anonymisation takes only a person with nothing open and nothing done within the
retention period of Parâmetros, says why it refuses, and leaves the accounts and the audit
log standing. Also: the scheduler's ``lgpd`` job, the command line, and the server's
privileges (the LGPD permission reads the audit log; a clerk does not)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, insert, select, text

from gestao_negativacao import cli
from gestao_negativacao.db.models import (
    AuditEntry,
    CreditProfile,
    CreditQuery,
    Customer,
    DebtorNotice,
    NegativationEvent,
    Sale,
)
from gestao_negativacao.domain.permissions import Perm, RoleCode
from gestao_negativacao.services.actor import Actor, PermissionDenied
from gestao_negativacao.services.admin import parameters, user_changes, users
from gestao_negativacao.services.audit_labels import ACTION_LABELS
from gestao_negativacao.services.data_subjects.anonymise import (
    anonymise_due,
    anonymise_one,
    count_due,
)
from gestao_negativacao.services.data_subjects.report import (
    SubjectError,
    build_report,
    save_report,
)
from tests.conftest import url_of
from tests.scenario import Scenario

AS_OF = date(2032, 6, 1)
OFFICER = Actor(login="dpo", permissions=frozenset({Perm.LGPD_TITULAR}))
LONG_AGO = date(2020, 1, 10)


def _at(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)


@pytest.fixture
def people(any_db):
    """Ana: all paid in 2020, a negativation removed then, a bureau report, a credit
    profile and a pre-notice — due for anonymisation in 2032. Bia: guarantor of a sale with
    an installment still open. Caio: paid everything, but in 2029. Dora: paid, her record
    still active at the bureau (its removal not yet sent)."""
    sc = Scenario(any_db)
    sc.company("c1")
    for name in ("ana", "bia", "caio", "dora", "edu"):
        sc.customer(name, email=f"{name}@example.com", phone="11999990000")
    sc.sale("V-ana", "ana")
    sc.installment("V-ana", 1, LONG_AGO, paid="100.00", payment_date=LONG_AGO)
    ana_neg = sc.negativation("V-ana", 1, "ana", status="baixada", included_on=LONG_AGO)
    sc.sale("V-edu", "edu", guarantors=("bia",))
    sc.installment("V-edu", 1, LONG_AGO)  # open
    sc.sale("V-caio", "caio")
    sc.installment("V-caio", 1, date(2029, 3, 1), paid="100.00", payment_date=date(2029, 3, 2))
    sc.sale("V-dora", "dora")
    sc.installment("V-dora", 1, LONG_AGO, paid="100.00", payment_date=LONG_AGO)
    sc.negativation("V-dora", 1, "dora", status="ativa", included_on=LONG_AGO)
    ana, dora = sc.ids["p:ana"], sc.ids["p:dora"]
    ana_doc = sc.document("ana")
    with any_db.session_factory.begin() as s:
        s.add(
            NegativationEvent(
                negativation_id=ana_neg, at=_at(LONG_AGO), kind="incluida", login="maria",
                status_before="pendente", status_after="ativa", protocol="P-1",
            )
        )  # fmt: skip
        s.add(
            CreditQuery(
                document=ana_doc, customer_id=ana, integrator="boa_vista", login="maria",
                at=_at(LONG_AGO), score=412,
                report=json.dumps({"name": "ana", "restrictions": [{"creditor": "Loja X"}]}),
            )
        )  # fmt: skip
        s.add(CreditProfile(customer_id=ana, status="bloqueado", credit_limit=0))
        s.add(
            DebtorNotice(
                installment_id=sc.ids["i:V-ana:1"], customer_id=ana, sent_on=LONG_AGO,
                eligible_from=LONG_AGO, email="ana@example.com", outcome="enviado",
            )
        )  # fmt: skip
        entries = [
            ("credito.perfil", "customer", str(ana)),
            ("envio.baixa_manual", "negativation", f"{dora},{ana_neg}"),
            ("envio.liberar", "negativation", f"{ana_neg}0,{ana_neg}1"),  # others' ids
            ("credito.perfil", "customer", str(dora)),
        ]
        s.execute(
            insert(AuditEntry.__table__),
            [
                {"at": _at(LONG_AGO), "login": "maria", "workstation": "caixa-1", "action": a,
                 "entity": e, "entity_key": k, "details": "{}"}
                for a, e, k in entries
            ],
        )  # fmt: skip
    return sc


def test_the_report_holds_everything_about_the_person_and_nothing_else(any_db, people):
    report = build_report(any_db.session_factory, OFFICER, people.document("ana"))
    assert report["titular"]["nome"] == "ana"
    assert report["titular"]["email"] == "ana@example.com"
    assert report["titular"]["endereco"]["cidade"] == "São Paulo"
    assert [s["venda"] for s in report["vendas"]] == ["V-ana"]
    assert report["vendas"][0]["papel"] == "Titular"
    assert report["vendas"][0]["parcelas"][0]["valor_pago"] == "100.00"
    [negativation] = report["negativacoes"]
    assert negativation["situacao"] == "Baixada" and negativation["biro"] == "SPC Brasil"
    assert negativation["historico"][0]["o_que"] == "incluída no birô"
    [query] = report["credito"]["consultas_aos_biros"]
    assert query["biro"] == "SPC Boa Vista" and query["score"] == 412
    assert query["relatorio"]["restricoes"] == [{"credor": "Loja X"}]
    assert report["credito"]["perfil"]["situacao"] == "Bloqueado"
    assert report["avisos_previos"][0]["resultado"] == "enviado"
    # the audit entries naming her (by her id, or her negativation in a list), no other
    assert sorted(a["acao"] for a in report["auditoria"]) == [
        "Baixa manual",
        "Situação ou limite de crédito alterado",
    ]
    assert report["nada_consta"] is False
    # words, never codes: nothing of the internal vocabulary in what she receives
    dumped = json.dumps(report, ensure_ascii=False)
    for code in ('"holder"', '"baixada"', "spc_brasil", "boa_vista", "credito.perfil"):
        assert code not in dumped
    # a guarantor's sale shows under her role
    bia = build_report(any_db.session_factory, OFFICER, people.document("bia"))
    assert [(s["venda"], s["papel"]) for s in bia["vendas"]] == [("V-edu", "Avalista")]
    # and the report itself is audited, with the document masked
    with any_db.session_factory() as s:
        logged = s.scalars(
            select(AuditEntry.details).where(AuditEntry.action == "titular.relatorio")
        ).all()
    assert len(logged) == 2 and people.document("ana") not in logged[0]


def test_the_files_and_the_answers_for_nobody_and_for_a_wrong_document(any_db, people, tmp_path):
    saved = save_report(any_db.session_factory, OFFICER, people.document("ana"), tmp_path)
    assert saved.pdf_path.read_bytes().startswith(b"%PDF")
    assert json.loads(saved.json_path.read_text(encoding="utf-8"))["titular"]["nome"] == "ana"
    assert people.document("ana") not in saved.pdf_path.name  # a listing shows no one
    assert saved.counts["negativação(ões)"] == 1
    nobody = save_report(any_db.session_factory, OFFICER, "529.982.247-25", tmp_path / "n")
    assert not nobody.found  # art. 18 I: the confirmation that nothing is held
    with pytest.raises(SubjectError, match="CPF inválido"):
        build_report(any_db.session_factory, OFFICER, "123.456.789-00")
    clerk = Actor(login="maria", permissions=frozenset({Perm.NEG_INCLUIR}))
    with pytest.raises(PermissionDenied, match="LGPD_TITULAR"):
        build_report(any_db.session_factory, clerk, people.document("ana"))


def test_a_name_beyond_latin_1_prints(any_db, tmp_path):
    sc = Scenario(any_db)
    sc.customer("Łukasz Nguyễn 李")
    saved = save_report(any_db.session_factory, OFFICER, sc.document("Łukasz Nguyễn 李"), tmp_path)
    assert saved.pdf_path.stat().st_size > 1000


def test_anonymisation_takes_only_who_is_due_and_keeps_the_accounts(any_db, people):
    factory = any_db.session_factory
    ana, ana_doc = people.ids["p:ana"], people.document("ana")
    assert count_due(factory, OFFICER, AS_OF) == 1
    assert (
        count_due(factory, OFFICER, date(2024, 6, 1)) == 0
    )  # within five years of her last payment
    report = anonymise_due(factory, OFFICER, AS_OF)
    assert report.anonymised == 1 and "1 titular(es) anonimizado(s)" in report.summary()
    with factory() as s:
        person = s.get(Customer, ana)
        assert person.name == "Titular anonimizado" and person.document == f"ANON-{ana}"
        assert (person.birth_date, person.email, person.phone, person.street, person.cep) == (
            None, None, None, None, None,
        )  # fmt: skip
        assert person.anonymised_on == AS_OF
        query = s.scalar(select(CreditQuery).where(CreditQuery.customer_id == ana))
        assert query.document == f"ANON-{ana}" and query.score is None
        assert "ana" not in query.report
        assert s.get(CreditProfile, ana) is None
        assert s.scalar(select(DebtorNotice.email).where(DebtorNotice.customer_id == ana)) == ""
        # the company's accounts stay, naming no one
        assert s.scalar(select(Sale.holder_id).where(Sale.number == "V-ana")) == ana
        assert s.scalar(
            select(func.count()).select_from(AuditEntry).where(
                AuditEntry.action == "titular.anonimizar", AuditEntry.entity_key == str(ana)
            )
        ) == 1  # fmt: skip
        others = s.scalars(select(Customer.name).where(Customer.id != ana)).all()
    assert sorted(others) == ["bia", "caio", "dora", "edu"]
    assert build_report(factory, OFFICER, ana_doc)["nada_consta"] is True
    assert anonymise_due(factory, OFFICER, AS_OF).anonymised == 0  # nothing left, no error


def test_one_person_by_hand_is_refused_with_the_reason(any_db, people):
    factory = any_db.session_factory
    refusals = {
        "bia": "tem parcela em aberto",
        "caio": "teve movimentação nos últimos 5 anos (depois de 01/06/2027)",
        "dora": "tem negativação ativa, pendente ou na fila de envio",
    }
    for name, reason in refusals.items():
        with pytest.raises(SubjectError, match=reason.replace("(", r"\(").replace(")", r"\)")):
            anonymise_one(factory, OFFICER, people.document(name), AS_OF)
    # a shorter retention period in Parâmetros lets Caio go
    admin = Actor(login="admin", permissions=frozenset({Perm.ADMIN_PARAMETROS}))
    general = parameters.general(factory)
    with pytest.raises(parameters.ParameterError, match="de 1 a 30 anos"):
        parameters.save_general(factory, admin, replace(general, retention_years=0))
    parameters.save_general(factory, admin, replace(general, retention_years=3))
    anonymise_one(factory, OFFICER, people.document("caio"), AS_OF)
    with pytest.raises(SubjectError, match="Nenhum titular"):
        anonymise_one(factory, OFFICER, "529.982.247-25", AS_OF)


def test_every_audit_action_recorded_has_words(request):
    """What the report shows of the audit log is words: each action the code records."""
    import re
    from pathlib import Path

    source = Path(request.config.rootpath) / "src" / "gestao_negativacao"
    pattern = re.compile(r"audit\.record(?:_many)?\(\s*\w+,\s*\w+,\s*\"([a-z_.]+)\"", re.S)
    found = set()
    for path in source.rglob("*.py"):
        found |= set(pattern.findall(path.read_text(encoding="utf-8")))
    assert len(found) > 40
    assert found - set(ACTION_LABELS) - {"login", "exportar"} == set()


def test_the_lgpd_schedule_and_the_command_line(sqlite_db, monkeypatch, tmp_path, capsys):
    from gestao_negativacao.db.models import Schedule
    from gestao_negativacao.domain.schedule import LOCAL
    from gestao_negativacao.services.scheduling.runner import run_due
    from gestao_negativacao.services.scheduling.schedules import save_schedule
    from tests.sending_helpers import ADMIN_PASSWORD, admin_actor

    people = Scenario(sqlite_db)
    people.company("c1")
    for name in ("ana", "bia"):
        people.customer(name)
        people.sale(f"V-{name}", name)
    people.installment("V-ana", 1, LONG_AGO, paid="100.00", payment_date=LONG_AGO)
    people.installment("V-bia", 1, LONG_AGO, paid="100.00", payment_date=LONG_AGO)
    admin = admin_actor(sqlite_db)
    monkeypatch.setenv("GESTAO_NEGATIVACAO_PASSWORD", ADMIN_PASSWORD)
    where = ["--database", url_of(sqlite_db)]
    # the command line: the report, then one person by hand
    out = tmp_path / "pedido"
    assert cli.main([*where, "--user", "admin", "subject", "report", people.document("bia"),
                     "--out", str(out), "--json"]) == 0  # fmt: skip
    written = json.loads(capsys.readouterr().out)
    assert written["found"] and written["pdf"].endswith(".pdf")
    assert cli.main([*where, "--user", "admin", "subject", "due", "--as-of", "2032-06-01"]) == 0
    assert "2 titular(es)" in capsys.readouterr().out
    assert cli.main([*where, "--user", "admin", "subject", "anonymise", people.document("bia"),
                     "--as-of", "2032-06-01"]) == 0  # fmt: skip
    assert cli.main([*where, "--user", "admin", "subject", "anonymise", "123.456.789-00"]) == 2
    assert "CPF inválido" in capsys.readouterr().err
    blocked = tmp_path / "arquivo"  # a file where the folder should be: refused, said so
    blocked.write_text("x")
    args = ["subject", "report", people.document("ana"), "--out", str(blocked / "sub")]
    assert cli.main([*where, "--user", "admin", *args]) == 2
    assert "Não foi possível usar o arquivo" in capsys.readouterr().err
    # the schedule takes the rest on its night
    save_schedule(sqlite_db.session_factory, admin, "LGPD", "lgpd", times=("03:00",),
                  run_as="admin")  # fmt: skip
    with sqlite_db.session_factory.begin() as s:
        s.execute(Schedule.__table__.update().values(created_at=datetime(2032, 5, 30, tzinfo=UTC)))
    [run] = run_due(sqlite_db.session_factory, datetime(2032, 6, 1, 4, 0, tzinfo=LOCAL))
    assert (run.status, run.found) == ("ok", 1)
    with sqlite_db.session_factory() as s:
        names = s.scalars(select(Customer.name)).all()
    assert names == ["Titular anonimizado", "Titular anonimizado"]


@pytest.mark.parametrize("secured", ["postgresql", "mariadb"], indirect=True)
def test_on_a_server_the_lgpd_permission_reads_the_audit_log_and_a_clerk_does_not(
    secured,  # noqa: F811 - the fixture imported above
):
    factory = secured.admin_db.session_factory
    admin = users.session_actor(factory)
    maria = next(u for u in user_changes.list_users(factory, admin) if u.login == "maria")
    sc = Scenario(secured.admin_db)
    sc.company("c1")
    sc.customer("ana")
    sc.sale("V-ana", "ana")
    sc.installment("V-ana", 1, LONG_AGO, paid="100.00", payment_date=LONG_AGO)
    clerk = secured.login("maria")
    with pytest.raises(PermissionDenied):
        build_report(
            clerk.session_factory, users.session_actor(clerk.session_factory), sc.document("ana")
        )
    clerk.dispose()
    engine, conn = secured.plain("maria")  # and with a SQL client, the server says no
    try:
        with pytest.raises(Exception, match="(?i)denied"):
            conn.execute(text("SELECT COUNT(*) FROM audit_log"))
    finally:
        conn.close()
        engine.dispose()
    user_changes.update_user(factory, admin, maria.id, name="Maria", role=RoleCode.CLERK,
                           active=True,
                           permissions=maria.role_permissions | {Perm.LGPD_TITULAR})  # fmt: skip
    officer_db = secured.login("maria")
    officer = users.session_actor(officer_db.session_factory)
    assert build_report(officer_db.session_factory, officer, sc.document("ana"))["titular"]
    assert anonymise_due(officer_db.session_factory, officer, AS_OF).anonymised == 1
    with officer_db.session_factory() as s:
        assert s.scalar(text("SELECT name FROM customers")) == "Titular anonimizado"
    officer_db.dispose()
