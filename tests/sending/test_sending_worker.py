"""The worker against the sandbox over real HTTP: every outcome of DESIGN §5 recorded as
it says, the history written, cancellation losing nothing."""

import threading
from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import httpx
import pytest
from sqlalchemy import literal, select, update

from gestao_negativacao.bureaus.sandbox import running_sandbox
from gestao_negativacao.bureaus.sandbox.faults import FaultPlan
from gestao_negativacao.db.base import utc_now
from gestao_negativacao.db.models import (
    Customer,
    Installment,
    Integration,
    Negativation,
    NegativationEvent,
    Sale,
    SendQueueEntry,
)
from gestao_negativacao.services.bureau_setup.integrations import adapter_for
from gestao_negativacao.services.demo import setup as demo_setup
from gestao_negativacao.services.sending.enqueue import enqueue_inclusions
from gestao_negativacao.services.sending.follow_up import refresh_confirmations
from gestao_negativacao.services.sending.outcomes import backoff
from gestao_negativacao.services.sending.selection import NO_VALID_CONFIGURATION
from gestao_negativacao.services.sending.sent import SentFilter, list_sent, resend
from gestao_negativacao.services.sending.worker import Sender, SendOptions
from tests.sending_helpers import (
    admin_actor,
    enqueue_all,
    portfolio,
    sandbox_records,
    statuses,
)

FAST = SendOptions(concurrency=8, retry_base=0.02, retry_cap=0.1, timeout=5)
INTEGRATORS = ("spc_brasil", "boa_vista", "soa_serasa", "credito_na_medida")


@pytest.fixture
def sandbox():
    with running_sandbox(process_after=None, timeout_hold=0.2) as server:
        yield server


@pytest.fixture
def ready(sqlite_db, sandbox):
    admin = admin_actor(sqlite_db)
    demo_setup.ensure_sandbox_integrations(sqlite_db.session_factory, admin, sandbox.url)
    return sqlite_db, admin


def events(db, negativation_id=None):
    with db.session_factory() as s:
        query = select(NegativationEvent).order_by(NegativationEvent.id)
        if negativation_id is not None:
            query = query.where(NegativationEvent.negativation_id == negativation_id)
        return list(s.scalars(query))


def queue(db):
    with db.session_factory() as s:
        return list(s.scalars(select(SendQueueEntry).order_by(SendQueueEntry.id)))


def test_every_integrator_receives_each_item_once_and_the_outcome_is_recorded(
    ready, sandbox, caplog
):
    db, admin = ready
    portfolio(db, 12, 2)
    for integrator in INTEGRATORS:
        assert enqueue_all(db, admin, integrator).queued == 24
    seen = []
    with caplog.at_level("INFO"):
        report = Sender(db.session_factory, admin, options=FAST, progress=seen.append).run()
    assert report.total == 96
    # the log gets one line per run, not one per item (a busy day stays in the rotation)
    logged = [
        r.getMessage()
        for r in caplog.records
        if r.levelname == "INFO" and r.name.startswith("gestao_negativacao")
    ]  # (httpx's own lines are held at WARNING by the logging set-up, tests/test_logs.py)
    assert [m for m in logged if m.startswith("envio ")] == [
        f"envio inclusão e baixa: 96 na fila, 24 enviados, 0 já constavam, 72 a confirmar, "
        f"0 recusados, 0 pendentes, 0 sem configuração, {report.seconds:.1f} s"
    ]
    assert len(logged) < 5, logged
    # only SPC registers at once; the other three queue it and confirm later
    assert (report.sent, report.unconfirmed, report.rejected, report.pending) == (24, 72, 0, 0)
    assert seen[-1].done == 96 and seen[0].done == 0
    assert queue(db) == []
    for integrator in INTEGRATORS:
        records = sandbox_records(sandbox, integrator)
        assert len(records) == 24 and {r["inclusions"] for r in records} == {1}
        assert {r["contract"] for r in records} == {f"V{c}-{n}" for c in range(12) for n in (1, 2)}
    assert statuses(db, "spc_brasil") == {"ativa": 24}
    # the others confirm later: pendente with processing OK and their id, until the follow-up
    for integrator in ("soa_serasa", "boa_vista", "credito_na_medida"):
        waiting = list_sent(db.session_factory, SentFilter(integrator=integrator))
        assert {(i.status, i.processing) for i in waiting} == {("pendente", "ok")}
    with db.session_factory() as s:
        # SPC Brasil knows a record by document, contract and due date; the others by an id
        ids = s.scalars(
            select(Negativation.bureau_id).where(Negativation.integrator != "spc_brasil")
        )
        assert all(ids)
        active = s.scalars(select(Negativation).where(Negativation.status == "ativa")).first()
        assert active.included_at is not None and active.operator_id and active.protocol
    kinds = [e.kind for e in events(db, active.id)]
    assert kinds == ["inclusao_enfileirada", "incluida"]
    first = events(db, active.id)[-1]
    assert (first.status_before, first.status_after, first.login) == ("pendente", "ativa", "admin")


def test_serasa_confirms_later_and_the_follow_up_asks_in_one_batch(ready, sandbox):
    db, admin = ready
    sc = portfolio(db, 3)
    with db.session_factory.begin() as s:  # above the plan's limit: Serasa refuses it later
        s.execute(
            update(Installment)
            .where(Installment.id == sc.ids["i:V2:1"])
            .values(adjusted=Decimal("2000000.00"), principal=Decimal("2000000.00"))
        )
    enqueue_all(db, admin, "soa_serasa")
    Sender(db.session_factory, admin, options=FAST).run()
    early = refresh_confirmations(db.session_factory, admin)
    assert (early.asked, early.activated, early.still_pending) == (3, 0, 3)
    httpx.post(f"{sandbox.url}/_sandbox/process", params={"everything": "1"})
    asked = []

    def counting(integration_id, operator_id):
        adapter = adapter_for(db.session_factory, integration_id, operator_id)
        real = adapter.fetch_status
        adapter.fetch_status = lambda ids: asked.append(list(ids)) or real(ids)
        return adapter

    report = refresh_confirmations(db.session_factory, admin, adapter_factory=counting)
    assert (report.activated, report.failed, report.still_pending) == (2, 1, 0)
    assert [len(ids) for ids in asked] == [3]  # one batched question for all of them
    items = {i.sale: i for i in list_sent(db.session_factory, SentFilter())}
    assert items["V2"].status == "erro" and "limite" in items["V2"].message
    assert items["V0"].status == "ativa" and items["V0"].included_at is not None
    assert refresh_confirmations(db.session_factory, admin).asked == 0


def test_a_rejection_is_erro_with_the_bureaus_message_and_can_be_resent_once_fixed(ready, sandbox):
    db, admin = ready
    sc = portfolio(db, 2)
    with db.session_factory.begin() as s:
        s.execute(update(Customer).where(Customer.id == sc.ids["p:cli1"]).values(cep="0131010"))
    # explicit items: the rules' address guard would have kept it out; the bureau refuses it
    selection = select(
        Installment.id.label("installment_id"),
        Sale.holder_id.label("customer_id"),
        literal("holder").label("debtor_role"),
    ).join(Sale, Sale.id == Installment.sale_id)
    assert enqueue_inclusions(db.session_factory, admin, selection, "spc_brasil").queued == 2
    report = Sender(db.session_factory, admin, options=FAST).run()
    assert (report.sent, report.rejected) == (1, 1)
    assert report.problems[0].sale == "V1" and "CEP inválido" in report.problems[0].message
    [wrong] = list_sent(db.session_factory, SentFilter(status=("erro",)))
    assert wrong.processing == "ok" and "CEP inválido: 0131010" in wrong.message
    assert queue(db) == []
    with db.session_factory.begin() as s:
        s.execute(update(Customer).where(Customer.id == sc.ids["p:cli1"]).values(cep="01310100"))
    assert resend(db.session_factory, admin, [wrong.negativation_id]) == 1
    again = Sender(db.session_factory, admin, options=FAST).run()
    assert again.sent == 1
    assert statuses(db) == {"ativa": 2}
    kinds = [e.kind for e in events(db, wrong.negativation_id)]
    assert kinds == [
        "inclusao_enfileirada",
        "inclusao_rejeitada",
        "inclusao_enfileirada",
        "incluida",
    ]


def test_already_at_the_bureau_counts_as_success(ready, sandbox):
    db, admin = ready
    portfolio(db, 2)
    enqueue_all(db, admin)
    Sender(db.session_factory, admin, options=FAST).run()
    # the database lost the outcome (a crash between the call and the write): send again
    with db.session_factory.begin() as s:
        ids = list(s.scalars(select(Negativation.id)))
        s.execute(update(Negativation).values(status="pendente", processing="pendente"))
        for negativation_id in ids:
            s.add(
                SendQueueEntry(
                    negativation_id=negativation_id, integrator="spc_brasil", action="inclusion"
                )
            )
    report = Sender(db.session_factory, admin, options=FAST).run()
    assert (report.sent, report.already) == (0, 2)
    assert statuses(db) == {"ativa": 2}
    records = sandbox_records(sandbox, "spc_brasil")
    assert len(records) == 2 and {r["inclusions"] for r in records} == {2}
    assert events(db, ids[0])[-1].kind == "incluida_ja_constava"


def test_transient_failures_are_retried_with_backoff_then_wait_for_the_next_run(ready, sandbox):
    db, admin = ready
    portfolio(db, 3)
    enqueue_all(db, admin)
    sandbox.faults = FaultPlan({"http500": 1.0})
    options = SendOptions(concurrency=4, max_attempts=3, retry_base=0.01, retry_cap=0.05)
    report = Sender(db.session_factory, admin, options=options).run()
    assert (report.sent, report.pending) == (0, 3)
    message = report.problems[0].message  # SOAP answers faults with 500: an empty one
    assert "SPC Brasil" in message
    entries = queue(db)
    assert [e.attempts for e in entries] == [3, 3, 3]
    assert all(e.next_attempt_at > utc_now() + timedelta(seconds=20) for e in entries)
    assert all(e.claimed_by is None and e.last_error == message for e in entries)
    assert statuses(db) == {"pendente": 3}
    # the bureau is back: the next run retries every pending entry at once, backoff or not
    sandbox.faults = FaultPlan()
    assert Sender(db.session_factory, admin, options=options).run().sent == 3
    assert statuses(db) == {"ativa": 3} and queue(db) == []


def test_backoff_grows_exponentially_with_jitter_and_a_cap():
    import random

    rng = random.Random(1)
    waits = [backoff(n, base=1, cap=60, rng=rng).total_seconds() for n in range(10)]
    for n, wait in enumerate(waits):
        ceiling = min(60, 2**n)
        assert ceiling / 2 <= wait <= ceiling
    assert len({round(w, 6) for w in waits}) == 10


def test_no_valid_configuration_keeps_the_item_pending_with_the_reason(ready, sandbox):
    db, admin = ready
    portfolio(db, 1)
    enqueue_all(db, admin, "boa_vista")
    report = Sender(
        db.session_factory,
        admin,
        options=FAST,
        has_secret=lambda integration_id, operator_id: False,
    ).run()
    assert report.no_configuration == 1
    message = report.problems[0].message
    assert message.startswith(NO_VALID_CONFIGURATION)
    assert "esta estação não tem a senha dele" in message
    [entry] = queue(db)
    assert entry.last_error == message and entry.claimed_by is None
    assert sandbox_records(sandbox, "boa_vista") == []
    assert Sender(db.session_factory, admin, options=FAST).run().unconfirmed == 1


def test_cancel_stops_claiming_and_loses_nothing(ready, sandbox):
    db, admin = ready
    portfolio(db, 60)
    enqueue_all(db, admin)
    sandbox.latency = 0.05
    cancel = threading.Event()

    def on_progress(progress):
        if progress.done >= 5:
            cancel.set()

    options = SendOptions(concurrency=4, flush_seconds=0.05)
    report = Sender(
        db.session_factory, admin, options=options, progress=on_progress, cancel=cancel
    ).run()
    assert report.cancelled and 5 <= report.sent < 60
    left = queue(db)
    assert len(left) == 60 - report.sent
    assert all(e.claimed_by is None for e in left)
    assert statuses(db) == {"ativa": report.sent, "pendente": 60 - report.sent}
    sandbox.latency = 0
    assert Sender(db.session_factory, admin, options=FAST).run().sent == 60 - report.sent
    assert {r["inclusions"] for r in sandbox_records(sandbox, "spc_brasil")} == {1}


def test_a_schedules_run_sends_only_through_integrations_flagged_automatic(ready, sandbox):
    """A clerk queued items for SPC Brasil and Boa Vista; "Incluir automaticamente" is off
    on SPC Brasil. A schedule's run (``automatic``) sends Boa Vista's and leaves SPC
    Brasil's in the queue untouched, for the clerk's own run, which sends them."""
    from gestao_negativacao.services.bureau_setup import integrations as bureau_config

    db, admin = ready
    portfolio(db, 2)
    enqueue_all(db, admin, "spc_brasil")
    enqueue_all(db, admin, "boa_vista")
    with db.session_factory() as s:
        spc = s.scalar(select(Integration.id).where(Integration.integrator == "spc_brasil"))
    bureau_config.update_integration(db.session_factory, admin, spc, auto_include=False)
    report = Sender(db.session_factory, admin, options=FAST, automatic=True).run()
    assert report.total == 2 and report.sent + report.unconfirmed == 2  # Boa Vista's two
    assert sum(statuses(db, "boa_vista").values()) == 2
    waiting = queue(db)
    assert [(q.integrator, q.attempts, q.last_error) for q in waiting] == [
        ("spc_brasil", 0, None),
        ("spc_brasil", 0, None),
    ]
    assert Sender(db.session_factory, admin, options=FAST).run().sent == 2
    assert statuses(db, "spc_brasil") == {"ativa": 2}


def test_an_inclusion_says_when_the_bureau_shows_it(ready, sandbox):
    """Seeds 000/001/003 "visível a partir de": the inclusion's date plus the integrator's
    notice-letter wait (Parâmetros; SPC Brasil here follows the general 10 days)."""
    from datetime import date

    from gestao_negativacao.services.admin import parameters
    from gestao_negativacao.services.dashboard import dashboard

    db, admin = ready
    general = parameters.general(db.session_factory)
    parameters.save_general(
        db.session_factory, admin, replace(general, notice_waits={"boa_vista": 5})
    )
    portfolio(db, 2)
    enqueue_all(db, admin, "spc_brasil")
    today = date(2026, 11, 23)
    Sender(db.session_factory, admin, options=FAST, today=today).run()
    shown = [r.as_json() for r in list_sent(db.session_factory, SentFilter(status=("ativa",)))]
    assert [s["visible_from"] for s in shown] == ["2026-12-03", "2026-12-03"]
    assert dashboard(db.session_factory, date(2026, 11, 27)).visible_this_week == 2
    assert dashboard(db.session_factory, date(2026, 12, 4)).visible_this_week == 0
