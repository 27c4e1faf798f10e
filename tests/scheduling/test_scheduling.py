"""Schedules run by themselves: the job chain sync → legal removals → inclusion against the
sandbox; one runner per schedule on a shared PostgreSQL; a killed runner's lease expires."""

import json
import os
import threading
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, update

from gestao_negativacao.bureaus.sandbox import running_sandbox
from gestao_negativacao.db.models import ImportSource, ScheduleLease, ScheduleRun
from gestao_negativacao.domain.schedule import LOCAL
from gestao_negativacao.services import rules
from gestao_negativacao.services.admin import parameters
from gestao_negativacao.services.database import open_database
from gestao_negativacao.services.demo import setup as demo_setup
from gestao_negativacao.services.scheduling.runner import run_due
from gestao_negativacao.services.scheduling.schedules import (
    ScheduleConfigError,
    get_schedule,
    save_schedule,
)
from gestao_negativacao.services.sending.worker import SendOptions
from tests.sending_helpers import admin_actor, sandbox_records, statuses, write_portfolio_csv

RULES = [{"name": "Atraso 30", "kind": "inclusion", "criteria": {"days_overdue": {"min": 30}}}]
FAST = SendOptions(concurrency=8, retry_base=0.01, retry_cap=0.05)


def at(day, hour=7):
    return datetime(2026, 11, day, hour, 0, tzinfo=LOCAL)


def setup_chain(db, admin, folder, sandbox_url):
    demo_setup.ensure_sandbox_integrations(db.session_factory, admin, sandbox_url)
    rules.import_rules(db.session_factory, admin, json.dumps(RULES))
    general = parameters.general(db.session_factory)
    parameters.save_general(
        db.session_factory,
        admin,
        general.__class__(
            **{
                **general.__dict__,
                "auto_include": True,
                "auto_remove": True,
                "days_to_execute": 30,  # as the rule: the installments here are 30–31 days late
            }
        ),
    )
    with db.session_factory.begin() as s:
        source = ImportSource(name="ERP", kind="folder", path=str(folder))
        s.add(source)
        s.flush()
        source_id = source.id
    created = {}
    for name, action, extra in (
        ("Sincronizar ERP", "sync", {"source_id": source_id}),
        ("Baixas legais", "legal", {}),
        ("Incluir atraso 30", "inclusion", {"rules": ("Atraso 30",), "integrator": "spc_brasil"}),
    ):
        created[name] = save_schedule(
            db.session_factory, admin, name, action, times=("06:00",), run_as="admin", **extra
        )
    # created "yesterday", so that this morning's slot is due
    with db.session_factory.begin() as s:
        from gestao_negativacao.db.models import Schedule

        s.execute(update(Schedule).values(created_at=at(20).astimezone(UTC)))
    return created


def test_the_chain_sync_then_legal_removals_then_inclusion(sqlite_db, tmp_path):
    admin = admin_actor(sqlite_db)
    folder = tmp_path / "erp"
    folder.mkdir()
    write_portfolio_csv(folder / "carteira-21.csv", 6, 2)
    os.utime(folder / "carteira-21.csv", (at(21, 5).timestamp(),) * 2)
    with running_sandbox() as sandbox:
        setup_chain(sqlite_db, admin, folder, sandbox.url)
        with pytest.raises(ScheduleConfigError, match="precisa de uma integradora"):
            save_schedule(
                sqlite_db.session_factory,
                admin,
                "x",
                "inclusion",
                rules=("Atraso 30",),
                run_as="admin",
            )
        first = run_due(sqlite_db.session_factory, at(21), options=FAST)
        assert [(r.schedule, r.status) for r in first] == [
            ("Sincronizar ERP", "ok"),
            ("Baixas legais", "ok"),
            ("Incluir atraso 30", "ok"),
        ]
        assert first[0].found == 12 and first[2].sent == 12
        assert statuses(sqlite_db, "spc_brasil") == {"ativa": 12}
        assert run_due(sqlite_db.session_factory, at(21, 9), options=FAST) == []  # done today
        # the next export: customers 0 and 1 paid their first installment
        write_portfolio_csv(folder / "carteira-22.csv", 6, 2, paid={0, 1})
        os.utime(folder / "carteira-22.csv", (at(22).timestamp(), at(22).timestamp()))
        second = run_due(sqlite_db.session_factory, at(23), options=FAST)  # 22 was a Sunday…
        assert [r.status for r in second] == ["ok", "ok", "ok"]
        assert second[1].found == 2 and second[1].sent == 2
        assert statuses(sqlite_db, "spc_brasil") == {"ativa": 10, "baixada": 2}
        removed = [r for r in sandbox_records(sandbox, "spc_brasil") if not r["active"]]
        assert {r["contract"] for r in removed} == {"V0-1", "V1-1"}
        assert second[2].queued == 0  # nothing new to include
        # the sync saw the same file: nothing re-imported
        third = run_due(sqlite_db.session_factory, at(24), options=FAST)
        assert third[0].found == 0
    with sqlite_db.session_factory() as s:
        runs = s.scalars(select(ScheduleRun).order_by(ScheduleRun.id)).all()
        assert len(runs) == 9 and {r.status for r in runs} == {"ok"}
        assert all(r.finished_at and r.login == "admin" for r in runs)
    assert get_schedule(sqlite_db.session_factory, "Baixas legais").last_slot_at == at(
        24, 6
    ).astimezone(UTC)


def test_a_company_set_to_nao_takes_no_part(sqlite_db, tmp_path):
    admin = admin_actor(sqlite_db)
    folder = tmp_path / "erp"
    folder.mkdir()
    write_portfolio_csv(folder / "carteira.csv", 3, 1)
    os.utime(folder / "carteira.csv", (at(21, 5).timestamp(),) * 2)
    with running_sandbox() as sandbox:
        setup_chain(sqlite_db, admin, folder, sandbox.url)
        run_due(sqlite_db.session_factory, at(21), options=FAST)
        assert statuses(sqlite_db) == {"ativa": 3}
        write_portfolio_csv(folder / "carteira2.csv", 5, 1)
        os.utime(folder / "carteira2.csv", (at(22).timestamp(),) * 2)
        choices = parameters.company_choices(sqlite_db.session_factory)
        parameters.save_company_choices(
            sqlite_db.session_factory,
            admin,
            [c.__class__(**{**c.__dict__, "auto_include": "nao"}) for c in choices],
        )
        runs = run_due(sqlite_db.session_factory, at(23), options=FAST)
        assert runs[2].queued == 0 and "nenhuma empresa" in runs[2].errors[0]
        assert statuses(sqlite_db) == {"ativa": 3}


def test_days_to_execute_holds_back_what_is_not_late_enough(sqlite_db, tmp_path):
    """Seeds 000/001 "Dias para executar": the automatic inclusion sends an installment
    only once it is that many days overdue on the run's date, whatever the rule's own
    lower bound (here 30); the company's own figure wins over the general one."""
    admin = admin_actor(sqlite_db)
    folder = tmp_path / "erp"
    folder.mkdir()
    write_portfolio_csv(folder / "carteira.csv", 3, 2)  # due 22/10 and 21/10
    os.utime(folder / "carteira.csv", (at(21, 5).timestamp(),) * 2)
    with running_sandbox() as sandbox:
        setup_chain(sqlite_db, admin, folder, sandbox.url)
        general = parameters.general(sqlite_db.session_factory)
        parameters.save_general(
            sqlite_db.session_factory,
            admin,
            general.__class__(**{**general.__dict__, "days_to_execute": 31}),
        )
        first = run_due(sqlite_db.session_factory, at(21), options=FAST)
        # on 21/11 only the installments due 21/10 are 31 days late
        assert first[2].found == 6 and first[2].queued == 3 and first[2].sent == 3
        assert statuses(sqlite_db) == {"ativa": 3}
        # the company's own figure (33) wins over the general one
        choices = parameters.company_choices(sqlite_db.session_factory)
        parameters.save_company_choices(
            sqlite_db.session_factory,
            admin,
            [c.__class__(**{**c.__dict__, "days_to_execute": 33}) for c in choices],
        )
        second = run_due(sqlite_db.session_factory, at(23), options=FAST)
        assert second[2].queued == 0  # on 23/11 those due 22/10 are 32 days late
        third = run_due(sqlite_db.session_factory, at(24), options=FAST)
        assert third[2].queued == 3  # and 33 on 24/11
        assert statuses(sqlite_db) == {"ativa": 6}


def test_an_integration_without_the_automatic_flag_is_left_to_the_clerks(sqlite_db, tmp_path):
    """Seed 000 "Incluir automaticamente": with the flag off on every SPC Brasil
    integration, the inclusion job sends nothing and says why; switched on, it sends."""
    from gestao_negativacao.db.models import Integration
    from gestao_negativacao.services.bureau_setup import integrations as bureau_config

    admin = admin_actor(sqlite_db)
    folder = tmp_path / "erp"
    folder.mkdir()
    write_portfolio_csv(folder / "carteira.csv", 2, 1)
    os.utime(folder / "carteira.csv", (at(21, 5).timestamp(),) * 2)
    with running_sandbox() as sandbox:
        setup_chain(sqlite_db, admin, folder, sandbox.url)
        with sqlite_db.session_factory() as s:
            spc = s.scalars(select(Integration.id).where(Integration.integrator == "spc_brasil"))
            spc = list(spc)
        for integration_id in spc:
            bureau_config.update_integration(
                sqlite_db.session_factory, admin, integration_id, auto_include=False
            )
        first = run_due(sqlite_db.session_factory, at(21), options=FAST)
        assert first[2].queued == 0 and first[2].sent == 0
        assert (
            "nenhuma integração de SPC Brasil com “Inclusão automática” ligado"
            in (first[2].errors[0])
        )
        assert statuses(sqlite_db) == {}
        for integration_id in spc:
            bureau_config.update_integration(
                sqlite_db.session_factory, admin, integration_id, auto_include=True
            )
        second = run_due(sqlite_db.session_factory, at(23), options=FAST)
        assert second[2].sent == 2
        assert statuses(sqlite_db) == {"ativa": 2}


def test_two_runners_on_postgresql_run_a_schedule_once(postgres_server, tmp_path):
    url = postgres_server.create()
    db = open_database(url)
    try:
        two_runners(db, tmp_path)
    finally:
        db.dispose()
        postgres_server.drop(url)  # its logins live in the whole server


def two_runners(db, tmp_path):
    admin = admin_actor(db)
    folder = tmp_path / "erp"
    folder.mkdir()
    write_portfolio_csv(folder / "carteira.csv", 4, 1)
    with running_sandbox(latency_ms=20) as sandbox:
        setup_chain(db, admin, folder, sandbox.url)
        results = {}
        start = threading.Barrier(2)

        def runner(name):
            start.wait()
            results[name] = run_due(
                db.session_factory, at(21), holder=f"estacao-{name}", options=FAST
            )

        threads = [threading.Thread(target=runner, args=(n,)) for n in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        records = sandbox_records(sandbox, "spc_brasil")
    ran = [r for rs in results.values() for r in rs if r.status == "ok"]
    assert sorted(r.schedule for r in ran) == [
        "Baixas legais",
        "Incluir atraso 30",
        "Sincronizar ERP",
    ]  # each once, whoever got it
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(ScheduleRun)) == 3
    assert len(records) == 4 and {r["inclusions"] for r in records} == {1}


def test_a_dead_runners_lease_expires(sqlite_db, tmp_path):
    admin = admin_actor(sqlite_db)
    folder = tmp_path / "erp"
    folder.mkdir()
    with running_sandbox() as sandbox:
        created = setup_chain(sqlite_db, admin, folder, sandbox.url)
        sync_id = created["Sincronizar ERP"].id
        with sqlite_db.session_factory.begin() as s:  # a runner died holding it
            s.add(
                ScheduleLease(
                    schedule_id=sync_id,
                    holder="estacao-morta/1/1",
                    expires_at=datetime.now(UTC) + timedelta(minutes=30),
                )
            )
        runs = run_due(sqlite_db.session_factory, at(21), options=FAST)
        assert [(r.schedule, r.status) for r in runs][0] == ("Sincronizar ERP", "ocupado")
        with sqlite_db.session_factory.begin() as s:
            s.execute(
                update(ScheduleLease).values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
            )
        later = run_due(sqlite_db.session_factory, at(21, 8), options=FAST)
        assert [(r.schedule, r.status) for r in later] == [("Sincronizar ERP", "ok")]
    with sqlite_db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(ScheduleLease)) == 0


def test_sync_from_a_read_only_query_on_the_erps_database(sqlite_db, tmp_path):
    """The ERP's own database (here a SQLite file) queried with a SELECT of the §9 columns."""
    import sqlite3

    from gestao_negativacao.services.scheduling.jobs import run_sync
    from tests.helpers import base_row

    admin = admin_actor(sqlite_db)
    erp = tmp_path / "erp.db"
    row = base_row(venda="E-1", parcela="1")
    with sqlite3.connect(erp) as conn:
        columns = list(row)
        conn.execute(f"CREATE TABLE titulos ({', '.join(c + ' TEXT' for c in columns)})")
        conn.execute(
            f"INSERT INTO titulos VALUES ({', '.join('?' for _ in columns)})", list(row.values())
        )
    with sqlite_db.session_factory.begin() as s:
        good = ImportSource(
            name="ERP SQL", kind="sql", url=f"sqlite:///{erp}", query="SELECT * FROM titulos"
        )
        bad = ImportSource(
            name="ERP ruim", kind="sql", url=f"sqlite:///{erp}", query="DELETE FROM titulos"
        )
        sneaky = ImportSource(
            name="ERP sorrateiro",
            kind="sql",
            url=f"sqlite:///{erp}",
            query="WITH x AS (SELECT 1) INSERT INTO titulos (venda) SELECT * FROM x",
        )
        s.add_all([good, bad, sneaky])
        s.flush()
        ids = good.id, bad.id, sneaky.id
    result = run_sync(sqlite_db.session_factory, admin, ids[0])
    assert result.errors == [] and result.found == 1 and result.queued >= 1
    assert run_sync(sqlite_db.session_factory, admin, ids[1]).errors == [
        "A consulta ao ERP deve ser um SELECT (só leitura)."
    ]
    assert run_sync(sqlite_db.session_factory, admin, ids[2]).errors == [
        "A consulta ao ERP deve ser um SELECT (só leitura)."
    ]
    with sqlite3.connect(erp) as conn:
        assert conn.execute("SELECT count(*) FROM titulos").fetchone() == (1,)


def test_the_legal_job_respects_the_admins_switches(sqlite_db):
    """Five-year removals switched off: a paid installment is still removed, a negativation
    of a five-year-old debt is left; both off: nothing is done."""
    from datetime import date

    from gestao_negativacao.services.scheduling.jobs import run_legal
    from tests.scenario import Scenario

    admin = admin_actor(sqlite_db)
    sc = Scenario(sqlite_db)
    sc.customer("ana")
    sc.sale("V1", "ana")
    today = date(2026, 11, 22)
    sc.installment("V1", 1, date(2021, 1, 10), "100.00")  # more than five years overdue
    sc.installment(
        "V1", 2, date(2026, 8, 1), "100.00", paid="100.00", payment_date=date(2026, 11, 20)
    )
    sc.negativation("V1", 1, "ana", included_on=date(2021, 3, 1))
    sc.negativation("V1", 2, "ana", included_on=date(2026, 9, 1))
    with running_sandbox() as sandbox:
        demo_setup.ensure_sandbox_integrations(sqlite_db.session_factory, admin, sandbox.url)
        off = parameters.GeneralParameters(legal_removals=False, five_years_removals=False)
        parameters.save_general(sqlite_db.session_factory, admin, off)
        assert "desligadas" in run_legal(sqlite_db.session_factory, admin, today).errors[0]
        no_five = parameters.GeneralParameters(legal_removals=True, five_years_removals=False)
        parameters.save_general(sqlite_db.session_factory, admin, no_five)
        result = run_legal(sqlite_db.session_factory, admin, today, FAST)
    assert result.queued == 1
    from gestao_negativacao.db.models import Negativation

    with sqlite_db.session_factory() as s:
        queued = {n.installment_id: n.status for n in s.scalars(select(Negativation))}
    assert queued[sc.ids["i:V1:1"]] == "ativa"  # five years: left, as the admin chose
    assert queued[sc.ids["i:V1:2"]] != "ativa"  # paid: removal sent


def test_serasa_confirmations_arrive_by_themselves(sqlite_db, tmp_path):
    """DESIGN §5.2: SOA inclusions wait for Serasa's confirmation; the follow-up runs after
    each automatic inclusion and on a schedule of its own, so they turn ativa without
    anyone opening a screen."""
    admin = admin_actor(sqlite_db)
    folder = tmp_path / "erp"
    folder.mkdir()
    write_portfolio_csv(folder / "carteira.csv", 3, 1)
    os.utime(folder / "carteira.csv", (at(21, 5).timestamp(),) * 2)
    with running_sandbox(process_after=None) as sandbox:
        setup_chain(sqlite_db, admin, folder, sandbox.url)
        save_schedule(
            sqlite_db.session_factory, admin, "Incluir no Serasa", "inclusion",
            rules=("Atraso 30",), integrator="soa_serasa", times=("06:30",), run_as="admin",
        )  # fmt: skip
        from gestao_negativacao.db.models import Schedule

        with sqlite_db.session_factory.begin() as s:
            s.execute(update(Schedule).values(created_at=at(20).astimezone(UTC)))
        morning = run_due(sqlite_db.session_factory, at(21, 7), options=FAST)
        assert [r.schedule for r in morning][-1] == "Incluir no Serasa"
        assert statuses(sqlite_db, "soa_serasa") == {"pendente": 3}  # not confirmed yet
        follow = save_schedule(
            sqlite_db.session_factory, admin, "Atualizar situação", "follow_up",
            times=("12:00",), run_as="admin",
        )  # fmt: skip
        with sqlite_db.session_factory.begin() as s:
            s.execute(
                update(Schedule)
                .where(Schedule.id == follow.id)
                .values(created_at=at(21, 8).astimezone(UTC))
            )
        sandbox.process()  # Serasa confirms during the morning
        noon = run_due(sqlite_db.session_factory, at(21, 13), options=FAST)
        assert [(r.schedule, r.found, r.sent) for r in noon] == [("Atualizar situação", 3, 3)]
        assert statuses(sqlite_db, "soa_serasa") == {"ativa": 3}


def test_holds_and_agreements_over_several_days_of_jobs(sqlite_db, tmp_path):
    """DESIGN §5.6 over four days of the job chain: a manual removal stays removed; an
    agreement's negativation is removed by the next legal run, stays out while kept, and
    comes back the day after the agreement breaks (its installment unpaid by the deadline)."""
    from decimal import Decimal

    from gestao_negativacao.db.models import Customer, Negativation
    from gestao_negativacao.services.agreements import make_agreement
    from gestao_negativacao.services.sending.release import manual_removal
    from tests.sending_helpers import _cpf

    admin = admin_actor(sqlite_db)
    folder = tmp_path / "erp"
    folder.mkdir()
    write_portfolio_csv(folder / "carteira.csv", 3, 1)  # V0, V1, V2: one installment each
    os.utime(folder / "carteira.csv", (at(21, 5).timestamp(),) * 2)
    with running_sandbox() as sandbox:
        setup_chain(sqlite_db, admin, folder, sandbox.url)
        general = parameters.general(sqlite_db.session_factory)
        parameters.save_general(
            sqlite_db.session_factory,
            admin,
            general.__class__(**{**general.__dict__, "agreement_tolerance_days": 0}),
        )
        run_due(sqlite_db.session_factory, at(23), options=FAST)
        assert statuses(sqlite_db) == {"ativa": 3}
        with sqlite_db.session_factory() as s:
            v1 = s.scalar(
                select(Negativation.id)
                .join(Customer, Customer.id == Negativation.customer_id)
                .where(Customer.document == _cpf(1))
            )
        manual_removal(sqlite_db.session_factory, admin, [v1], "pago na loja, recibo 123")
        make_agreement(
            sqlite_db.session_factory, admin, company_cnpj="29141777000158",
            debtor_document=_cpf(0), plan=[(at(25).date(), Decimal("150.00"))],
            as_of=at(23).date(),
        )  # fmt: skip
        day_by_day = {}
        for day in (24, 25, 26):
            runs = run_due(sqlite_db.session_factory, at(day), options=FAST)
            assert [r.status for r in runs] == ["ok", "ok", "ok"], runs
            day_by_day[day] = (runs[1].sent, runs[2].sent, statuses(sqlite_db))
        # day 1: the legal run removes V0 (agreement); V1 stays removed by hand
        assert day_by_day[24] == (1, 0, {"ativa": 1, "baixada": 1, "baixada_manual": 1})
        # day 2: the agreement is kept (due today, no tolerance): nothing moves
        assert day_by_day[25] == (0, 0, {"ativa": 1, "baixada": 1, "baixada_manual": 1})
        # day 3: broken since the deadline passed unpaid: V0 is sent again; V1 still held
        assert day_by_day[26] == (0, 1, {"ativa": 2, "baixada_manual": 1})
        # V0 was removed at the bureau and included again; a manual removal calls no bureau
        # (the clerk removed it on the bureau's site), so the sandbox still shows V1
        records = {r["contract"]: r["active"] for r in sandbox_records(sandbox, "spc_brasil")}
        assert records.get("V0-1") is True and records.get("V1-1") is True


def test_the_inclusion_job_warns_first_and_includes_after_the_days(sqlite_db, tmp_path, smtp):  # noqa: F811
    """A company that warns its debtors: the job's first run e-mails them and includes
    nobody; two days later (its days) the same job includes them."""
    from tests.scenario import Scenario

    controller, inbox = smtp
    admin = admin_actor(sqlite_db)
    folder = tmp_path / "erp"
    folder.mkdir()
    write_portfolio_csv(folder / "carteira.csv", 2, 1, email="cliente@exemplo.com.br")
    os.utime(folder / "carteira.csv", (at(21, 5).timestamp(),) * 2)
    Scenario(sqlite_db).company("Incorporadora Silva Ltda", "29141777000158")  # as the ERP's
    with running_sandbox() as sandbox:
        setup_chain(sqlite_db, admin, folder, sandbox.url)
        choices = parameters.company_choices(sqlite_db.session_factory)
        parameters.save_company_choices(
            sqlite_db.session_factory,
            admin,
            [c.__class__(**{**c.__dict__, "pre_notice_days": 2}) for c in choices],
        )
        parameters.save_email(
            sqlite_db.session_factory,
            admin,
            parameters.EmailParameters(
                host="127.0.0.1", port=controller.port, starttls=False, sender="c@empresa.com.br"
            ),
        )
        first = run_due(sqlite_db.session_factory, at(21), options=FAST)
        assert first[2].queued == 0 and len(inbox.messages) == 2
        assert statuses(sqlite_db) == {}
        second = run_due(sqlite_db.session_factory, at(22), options=FAST)
        assert second[2].queued == 0 and len(inbox.messages) == 2  # waits; not sent twice
        third = run_due(sqlite_db.session_factory, at(23), options=FAST)
        assert third[2].queued == 2 and statuses(sqlite_db) == {"ativa": 2}


def test_a_schedule_never_runs_with_more_than_its_saver_holds(sqlite_db):
    """Issue 18: a user with NEG_CONFIG saved a schedule that ran as admin."""
    from dataclasses import replace

    from gestao_negativacao.domain.permissions import Perm, RoleCode
    from tests.sending_helpers import user_actor

    admin_actor(sqlite_db)
    clerk = user_actor(sqlite_db, "carla", RoleCode.CLERK)
    carla = replace(clerk, permissions=clerk.permissions | {Perm.NEG_CONFIG})
    with pytest.raises(ScheduleConfigError, match="rodaria como admin, que pode mais do que você"):
        save_schedule(sqlite_db.session_factory, carla, "Baixas", "legal", run_as="admin")
    saved = save_schedule(sqlite_db.session_factory, carla, "Baixas", "legal", run_as="carla")
    assert saved.run_as == "carla"
