"""On a shared server the database is the security boundary (DESIGN §8): a person with a
clerk's login and a SQL client can do nothing a clerk cannot do on screen. On CI's
PostgreSQL and MariaDB, each escalation is tried with a plain connection, as psql or the
mysql client would, and refused by the server itself; the application's own flows still work
for clerk, supervisor and admin; the audit log keeps what happened, whoever writes."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from gestao_negativacao.db.models import AuditEntry, Operator, User
from gestao_negativacao.db.server import Names
from gestao_negativacao.domain.passwords import WeakPassword
from gestao_negativacao.domain.permissions import Perm, RoleCode
from gestao_negativacao.services.admin import user_changes, users
from gestao_negativacao.services.database import SchemaMismatch, open_database
from tests.server_helpers import PASSWORD

ESCALATIONS = [
    ("users", "UPDATE users SET role_code = 'admin' WHERE login = 'maria'"),
    ("user_permissions", "INSERT INTO user_permissions (user_id, permission_code, granted) "
                         "SELECT id, 'ADMIN_USUARIOS', TRUE FROM users WHERE login = 'maria'"),
    ("role_permissions", "INSERT INTO role_permissions (role_code, permission_code) "
                         "VALUES ('clerk', 'ADMIN_USUARIOS')"),
    ("operators", "UPDATE operators SET active = FALSE"),
    ("operators", "INSERT INTO operators (integrator, code, name, secret_set, active, created_at) "
                  "VALUES ('spc_brasil', 'X', 'x', FALSE, TRUE, CURRENT_TIMESTAMP)"),
    ("integrations", "UPDATE integrations SET url = 'http://atacante.example/'"),
    ("parameters", "INSERT INTO parameters (key, value, updated_at) "
                   "VALUES ('geral', '{}', CURRENT_TIMESTAMP)"),
    ("schedules", "UPDATE schedules SET user_id = 1"),
    ("import_sources", "UPDATE import_sources SET query = 'DELETE FROM x'"),
    ("rules", "INSERT INTO rules (name, kind, active, definition, created_at, updated_at) "
              "VALUES ('x', 'inclusion', TRUE, '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"),
    ("audit_log", "UPDATE audit_log SET login = 'outro'"),
    ("audit_log", "DELETE FROM audit_log"),
]  # fmt: skip


def test_a_clerk_with_a_sql_client_can_do_nothing_a_clerk_cannot(secured):
    engine, conn = secured.plain("maria")
    try:
        for table, statement in ESCALATIONS:
            if secured.kind == "mariadb":
                statement = statement.replace("key,", "`key`,")
            with pytest.raises(Exception) as refused:
                conn.execute(text(statement))
            assert "denied" in str(refused.value).lower(), (table, refused.value)
        names = Names(make_url(secured.address).database)
        for statement in (
            f'GRANT "{names.permission(Perm.ADMIN_USUARIOS)}" TO maria'
            if secured.kind == "postgresql"
            else f"GRANT `{names.permission(Perm.ADMIN_USUARIOS)}` TO `{names.user_role('maria')}`",
            "CREATE ROLE malvado" if secured.kind == "postgresql" else "CREATE USER 'malvado'@'%'",
        ):
            with pytest.raises(Exception):  # noqa: B017 - each server words it its own way
                conn.execute(text(statement))
        # the definer functions check the session's user, not what the client says
        verb = "SELECT" if secured.kind == "postgresql" else "CALL"
        for call in (
            f"{verb} gn_create_user('malvado', 'x', 'admin', 'y', FALSE)",
            f"{verb} gn_set_role_permissions('clerk', "
            + ("ARRAY['ADMIN_USUARIOS']" if secured.kind == "postgresql" else "'ADMIN_USUARIOS'")
            + ")",
            f"{verb} gn_update_user('maria', 'maria', 'admin', TRUE, "
            + ("ARRAY[]::text[], ARRAY[]::text[])" if secured.kind == "postgresql" else "'', '')"),
        ):
            with pytest.raises(Exception, match="ADMIN_USUARIOS"):
                conn.execute(text(call))
        # an audit row under someone else's name is written under hers
        conn.execute(
            text(
                "INSERT INTO audit_log (at, login, workstation, action, entity, entity_key, "
                "details) VALUES (CURRENT_TIMESTAMP, 'admin', 'x', 'forjado', '', '', '{}')"
            )
        )
    finally:
        conn.close()
        engine.dispose()
    with secured.admin_db.session_factory() as session:
        user = session.scalar(select(User).where(User.login == "maria"))
        assert user.role_code == "clerk"
        forged = session.scalar(select(AuditEntry).where(AuditEntry.action == "forjado"))
        assert forged.login == "maria"
    # and she is still exactly a clerk when she logs in
    maria = secured.login("maria")
    actor = users.session_actor(maria.session_factory)
    assert Perm.ADMIN_USUARIOS not in actor.permissions and actor.role is RoleCode.CLERK
    maria.dispose()


def test_user_administration_goes_through_the_server_for_an_admin_only(secured):
    factory = secured.admin_db.session_factory
    admin = users.session_actor(factory)
    joao = next(u for u in user_changes.list_users(factory, admin) if u.login == "joao")
    with pytest.raises(users.UserError, match="tirar de si mesmo"):
        user_changes.update_user(
            factory, admin, admin.user_id, name="A", role=RoleCode.CLERK, active=True,
            permissions=frozenset({Perm.NEG_INCLUIR}),
        )  # fmt: skip
    # an exception to joao's profile: he gains NEG_CONFIG, loses CREDITO_ANALISE
    wanted = (joao.role_permissions | {Perm.NEG_CONFIG}) - {Perm.CREDITO_ANALISE}
    user_changes.update_user(factory, admin, joao.id, name="João", role=RoleCode.SUPERVISOR,
                           active=True, permissions=wanted)  # fmt: skip
    joao_db = secured.login("joao")
    actor = users.session_actor(joao_db.session_factory)
    assert actor.permissions == wanted
    # the server agrees: he may now write integrations, and no longer credit profiles
    with joao_db.session_factory.begin() as session:
        session.execute(text("UPDATE integrations SET active = active"))
    with pytest.raises(Exception, match="(?i)denied"):
        with joao_db.session_factory.begin() as session:
            session.execute(text("DELETE FROM credit_profiles"))
    joao_db.dispose()
    # a password reset by an admin must be changed at the next login
    user_changes.reset_password(factory, admin, joao.id, "Outra-senha-forte-1")
    with factory() as session:
        assert session.scalar(select(User.must_change_password).where(User.login == "joao"))
    # the server lets him in with it, the application no further than a new password
    joao_db = secured.login("joao", "Outra-senha-forte-1")
    with pytest.raises(users.PasswordChangeRequired):
        users.session_actor(joao_db.session_factory)
    with pytest.raises(WeakPassword):
        users.change_own_password(joao_db.session_factory, "joao", "Outra-senha-forte-1", "joao")
    users.change_own_password(
        joao_db.session_factory, "joao", "Outra-senha-forte-1", "Terceira-senha-forte-2"
    )
    joao_db.dispose()
    joao_db = secured.login("joao", "Terceira-senha-forte-2")
    assert users.session_actor(joao_db.session_factory).login == "joao"
    joao_db.dispose()
    with factory() as session:
        assert not session.scalar(select(User.must_change_password).where(User.login == "joao"))
    if secured.kind == "mariadb":  # CI's PostgreSQL trusts local logins; MariaDB does not
        with pytest.raises(users.LoginFailed):
            secured.login("joao", "Outra-senha-forte-1")
    # deactivated: the server refuses the login itself
    user_changes.update_user(factory, admin, joao.id, name="João", role=RoleCode.SUPERVISOR,
                           active=False, permissions=wanted)  # fmt: skip
    if secured.kind == "mariadb":
        with pytest.raises(users.LoginFailed):
            secured.login("joao", "Terceira-senha-forte-2")


def test_only_those_who_queue_may_create_a_temporary_table(secured):
    """Queueing evaluates the selection once into a temporary table (db.staging): the right
    to one follows NEG_INCLUIR / NEG_BAIXAR and nothing else."""
    factory = secured.admin_db.session_factory
    admin = users.session_actor(factory)
    maria = next(u for u in user_changes.list_users(factory, admin) if u.login == "maria")
    create = "CREATE TEMPORARY TABLE rascunho (x INTEGER)"
    engine, conn = secured.plain("maria")
    try:
        conn.execute(text(create))
    finally:
        conn.close()
        engine.dispose()
    without = maria.role_permissions - {Perm.NEG_INCLUIR, Perm.NEG_BAIXAR}
    user_changes.update_user(factory, admin, maria.id, name="Maria", role=RoleCode.CLERK,
                           active=True, permissions=without)  # fmt: skip
    engine, conn = secured.plain("maria")
    try:
        with pytest.raises(Exception, match="(?i)denied"):
            conn.execute(text(create))
    finally:
        conn.close()
        engine.dispose()


def test_changes_made_with_sql_by_an_admin_are_in_the_audit_log(secured):
    factory = secured.admin_db.session_factory
    admin = users.session_actor(factory)
    from gestao_negativacao.services.bureau_setup import integrations as bureau_config
    from gestao_negativacao.services.bureau_setup import operators

    operator = operators.create_operator(factory, admin, "spc_brasil", "OPER01")
    integration = bureau_config.create_integration(
        factory, admin, "SPC", "spc_brasil", "https://servicos.spc.org.br/spc",
        operator_ids=(operator.id,),
    )  # fmt: skip
    operators.set_operator_secret(factory, admin, operator.id, "segredo-do-operador")
    engine, conn = secured.plain("admin")
    try:
        conn.execute(text(f"UPDATE integrations SET url = 'https://atacante.example/x' "
                          f"WHERE id = {integration.id}"))  # fmt: skip
    finally:
        conn.close()
        engine.dispose()
    with factory() as session:
        row = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "integrations", AuditEntry.action == "banco.update")
            .order_by(AuditEntry.id.desc())
        ).first()
        assert row.login == "admin" and str(integration.id) == row.entity_key
        assert "servicos.spc.org.br" in row.details and "atacante.example" in row.details
        # the secret was kept for the old host: the server cleared it, and said why
        stored = session.get(Operator, operator.id)
        assert not stored.secret_set and "mudou" in stored.secret_note
        secrets_in_trail = session.scalars(select(AuditEntry.details)).all()
    assert not any("segredo-do-operador" in d for d in secrets_in_trail)
    with pytest.raises(Exception, match="não tem a senha do operador OPER01"):
        bureau_config.adapter_for(factory, integration.id, operator.id)


def test_a_workstation_never_migrates_a_server_and_names_the_command(secured, postgres_server):
    raw = postgres_server.create(prepared=False)  # a database nobody prepared
    try:
        with pytest.raises(SchemaMismatch, match="db init"):
            open_database(raw)
    finally:
        postgres_server.drop(raw)
    with pytest.raises(users.LoginFailed, match="não é um usuário ativo"):
        db = open_database(secured.owner_url)  # the server administrator is no app user
        try:
            users.session_actor(db.session_factory)
        finally:
            db.dispose()


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "gestao_negativacao", *args],
        capture_output=True, text=True, timeout=120, env={**os.environ, **env},
    )  # fmt: skip


@pytest.mark.parametrize("secured", ["postgresql"], indirect=True)
def test_the_command_line_has_no_all_powerful_actor_on_a_server(secured):
    base = {"GESTAO_NEGATIVACAO_NEW_PASSWORD": "Malvado-com-senha-1"}
    # without --user: whoever the address names acts (the server's administrator is not an
    # application user, so nothing happens)
    refused = cli("--database", secured.owner_url, "user", "add", "malvado", "--role", "admin",
                  env=base)  # fmt: skip
    assert refused.returncode == 2 and "não é um usuário ativo" in refused.stderr
    # a clerk cannot create users; her own password is not the new user's
    as_clerk = cli("--database", secured.address, "user", "add", "malvado", "--role", "admin",
                   "--user", "maria", env={**base, "GESTAO_NEGATIVACAO_PASSWORD": PASSWORD})  # fmt: skip
    assert as_clerk.returncode == 2 and "ADMIN_USUARIOS" in as_clerk.stderr
    made = cli("--database", secured.address, "user", "add", "ana", "--role", "clerk",
               "--user", "admin", env={**base, "GESTAO_NEGATIVACAO_PASSWORD": PASSWORD})  # fmt: skip
    assert made.returncode == 0, made.stderr
    with secured.admin_db.session_factory() as session:
        logins = set(session.scalars(select(User.login)))
        audit = session.scalars(
            select(AuditEntry.login).where(AuditEntry.action == "usuario.criar")
        ).all()
    assert "malvado" not in logins and "ana" in logins
    assert "admin" in audit


def test_the_privilege_list_holds_every_table_and_no_other():
    """Each table of the schema is in the list (a new table cannot be forgotten), and the
    list names no table the schema does not have."""
    from gestao_negativacao.db.base import Base
    from gestao_negativacao.db.server import privileges as P

    named = set(P.DEFINER_ONLY) | set(P.APPEND_ONLY) | set(P.AUDITED_TABLES)
    for tables in P.TABLE_PRIVILEGES.values():
        named |= set(tables)
    for tables in P.COLUMN_PRIVILEGES.values():
        named |= set(tables)
    assert named <= set(Base.metadata.tables)
    assert set(Base.metadata.tables) - named == set()


def test_each_profile_works_as_itself_on_the_server(secured, tmp_path):
    """The application's flows, each run by a real login of its profile — the grants are
    enough for what the screens do (and a URL changed with SQL stops the next send, with
    the reason)."""
    import json
    from datetime import timedelta
    from decimal import Decimal

    from gestao_negativacao.bureaus.sandbox import running_sandbox
    from gestao_negativacao.services import credit, rules
    from gestao_negativacao.services.admin import parameters
    from gestao_negativacao.services.bureau_setup import integrations as bureau_config
    from gestao_negativacao.services.bureau_setup import operators
    from gestao_negativacao.services.credit import queries as credit_queries
    from gestao_negativacao.services.demo import setup as demo_setup
    from gestao_negativacao.services.importing import import_file
    from gestao_negativacao.services.scheduling import schedules
    from gestao_negativacao.services.sending.enqueue import enqueue_removals
    from gestao_negativacao.services.sending.follow_up import refresh_confirmations
    from gestao_negativacao.services.sending.release import manual_removal, release
    from gestao_negativacao.services.sending.service import send
    from gestao_negativacao.services.sending.worker import Sender, SendOptions
    from tests.rules_helpers import AS_OF
    from tests.sending_helpers import _cpf, write_portfolio_csv

    fast = SendOptions(concurrency=4, retry_base=0.02, retry_cap=0.1, timeout=5, max_attempts=2)
    admin_f = secured.admin_db.session_factory
    admin = users.session_actor(admin_f)
    with running_sandbox(process_after=None) as sandbox:
        # admin: integrations and operators (usable by every profile), rules, parameters
        demo_setup.ensure_sandbox_integrations(admin_f, admin, sandbox.url)
        for op in operators.list_operators(admin_f):
            operators.update_operator(admin_f, admin, op.id, user_logins=("admin", "maria", "joao"))
        rules.import_rules(admin_f, admin, json.dumps([
            {"name": "Atraso 30", "kind": "inclusion", "criteria": {"days_overdue": {"min": 30}}},
            {"name": "Pagas", "kind": "removal", "triggers": {"paid": True}}]))  # fmt: skip
        parameters.save_credit(admin_f, admin, parameters.CreditParameters(enabled=True))
        schedules.save_schedule(admin_f, admin, "Incluir", "inclusion", rules=("Atraso 30",),
                                integrator="spc_brasil", run_as="maria")  # fmt: skip
        from gestao_negativacao.services.credit import set_authority

        set_authority(admin_f, admin, "joao", Decimal("100000.00"))

        # the clerk: import, send, follow-up, release, manual removal, credit query
        maria_db = secured.login("maria")
        mf = maria_db.session_factory
        maria = users.session_actor(mf)
        path = write_portfolio_csv(tmp_path / "carteira.csv", 4, 2)
        assert import_file(mf, maria, path).written
        stored = rules.get_rule(mf, "Atraso 30")
        done = send(mf, maria, rule=stored.rule, rule_id=stored.id, integrator="spc_brasil",
                    as_of=AS_OF, options=fast)  # fmt: skip
        assert done.report.sent == done.enqueued.queued > 0
        soa = send(mf, maria, rule=stored.rule, integrator="soa_serasa", as_of=AS_OF,
                   options=fast)  # fmt: skip
        assert soa.report.unconfirmed > 0
        sandbox.process()
        assert refresh_confirmations(mf, maria).activated == soa.report.unconfirmed
        sandbox.faults.rates["http500"] = 1.0
        stuck = send(mf, maria, rule=stored.rule, integrator="boa_vista", as_of=AS_OF,
                     options=fast)  # fmt: skip
        sandbox.faults.rates.clear()
        assert stuck.report.pending > 0
        assert release(mf, maria, action="inclusion", integrator="boa_vista") > 0
        with mf() as session:
            from gestao_negativacao.db.models import Negativation

            active = session.scalars(
                select(Negativation.id).where(Negativation.status == "ativa")
            ).all()
        assert manual_removal(mf, maria, [active[-1]], "baixada no site do SPC") == 1
        newer = write_portfolio_csv(tmp_path / "carteira2.csv", 4, 2, paid={0})
        assert import_file(mf, maria, newer).written  # the ERP's next export: a payment
        removal = rules.get_rule(mf, "Pagas")
        removed = send(mf, maria, action="removal", rule=removal.rule, rule_id=removal.id,
                       as_of=AS_OF, options=fast)  # fmt: skip
        assert removed.report.sent >= 1
        report = credit_queries.query_credit(mf, maria, "41224824458", "spc_brasil")
        assert report.report["score"] is not None
        # an agreement and its first payment, with her own login's grants
        from gestao_negativacao.services.agreements import make_agreement, record_payment

        deal = make_agreement(
            mf, maria, company_cnpj="29141777000158", debtor_document=_cpf(3),
            plan=[(AS_OF + timedelta(days=5), Decimal("100.00"))], as_of=AS_OF,
        )  # fmt: skip
        assert record_payment(mf, maria, deal.id, 1, AS_OF + timedelta(days=2)).kept
        # the clerk's own schedule: the runner logged in as her runs it
        from gestao_negativacao.db.base import utc_now
        from gestao_negativacao.services.scheduling.runner import run_due

        runs = run_due(mf, utc_now() + timedelta(days=2), as_user=maria.user_id, options=fast)
        assert [r.status for r in runs] == ["ok"]

        # the supervisor: a rule, a request (the clerk's) sent to analysis and approved
        # within his alçada
        joao_db = secured.login("joao")
        jf = joao_db.session_factory
        joao = users.session_actor(jf)
        rule = rules.get_rule(jf, "Atraso 30").rule
        rules.save_rule(jf, joao, rule.__class__(**{**rule.__dict__, "name": "Atraso 45"}))
        # the clerk asks (whoever asks never approves their own request)
        info, decision = credit.submit(mf, maria, credit.parse_request({
            "customer": _cpf(1), "company": "29141777000158", "sale": "N-1",
            "method": "boleto", "amount": "300.00",
            "installments": [{"due": (AS_OF + timedelta(days=30)).isoformat(),
                              "value": "300.00"}]}), AS_OF)  # fmt: skip
        assert decision.outcome == "em_analise"
        credit.approve(jf, joao, info.id)

        # a URL changed with SQL: the next send stops, and says why
        engine, conn = secured.plain("admin")
        try:
            conn.execute(text("UPDATE integrations SET url = 'https://atacante.example/spc' "
                              "WHERE integrator = 'spc_brasil'"))  # fmt: skip
        finally:
            conn.close()
            engine.dispose()
        with mf() as session:
            one = session.scalars(
                select(Negativation.id).where(
                    Negativation.status == "ativa", Negativation.integrator == "spc_brasil"
                )
            ).first()
        enqueue_removals(mf, maria, select(Negativation.id.label("negativation_id")).where(
            Negativation.id == one))  # fmt: skip
        before = sandbox.state.requests["spc_brasil"]
        stopped = Sender(mf, maria, integrators=["spc_brasil"], options=fast).run()
        assert stopped.no_configuration == 1
        assert "mudou" in stopped.problems[0].message
        assert sandbox.state.requests["spc_brasil"] == before  # nothing went anywhere
        maria_db.dispose()
        joao_db.dispose()
    assert bureau_config  # every module above ran as the profile it belongs to
