"""The promise of DESIGN §5, proved with real processes against the sandbox over HTTP:
each item reaches the bureau exactly once whatever the number of workstations sending at
once, whatever the moment a sender is killed, whatever the network does."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import httpx
import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring
from sqlalchemy import delete, func, select

from gestao_negativacao.bureaus.sandbox import running_sandbox
from gestao_negativacao.bureaus.sandbox.faults import FaultPlan
from gestao_negativacao.db.models import Negativation, NegativationEvent, SendQueueEntry
from gestao_negativacao.services import rules
from gestao_negativacao.services.database import open_database
from gestao_negativacao.services.demo import setup as demo_setup
from gestao_negativacao.services.importing import import_file
from gestao_negativacao.services.rules import get_rule
from gestao_negativacao.services.rules.preview import Preview
from gestao_negativacao.services.sending.follow_up import refresh_confirmations
from gestao_negativacao.services.sending.sent import SentFilter, list_sent
from gestao_negativacao.services.sending.service import enqueue_rule, send
from gestao_negativacao.services.sending.worker import Sender, SendOptions
from tests.rules_helpers import AS_OF
from tests.sending_helpers import (
    ADMIN_PASSWORD,
    admin_actor,
    sandbox_records,
    statuses,
    write_portfolio_csv,
)

RULES = [
    {"name": "Atraso 30", "kind": "inclusion", "criteria": {"days_overdue": {"min": 30}}},
    {"name": "Pagas", "kind": "removal", "triggers": {"paid": True}},
]


@pytest.fixture
def cli_env(tmp_path, monkeypatch):
    """Senders in other processes share one file keyring with this test (under tmp)."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    keyring.set_keyring(PlaintextKeyring())
    env = dict(os.environ)
    env["GESTAO_NEGATIVACAO_PASSWORD"] = ADMIN_PASSWORD
    return env


def prepare(url: str, sandbox, tmp_path: Path, customers: int, installments: int):
    db = open_database(url)
    admin = admin_actor(db)
    demo_setup.ensure_sandbox_integrations(db.session_factory, admin, sandbox.url)
    rules.import_rules(db.session_factory, admin, json.dumps(RULES))
    path = write_portfolio_csv(tmp_path / "carteira.csv", customers, installments)
    report = import_file(db.session_factory, admin, path)
    assert report.written and not report.errors
    return db, admin


def sender(url: str, env: dict, *extra: str) -> subprocess.Popen:
    command = [sys.executable, "-m", "gestao_negativacao", "send", "--database", url]
    command += ["--user", "admin", "--action", "inclusion", "--rule", "Atraso 30", "--json"]
    return subprocess.Popen(
        [*command, *extra],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )


def check_each_item_once(db, sandbox, integrator: str, expected: int) -> list[dict]:
    records = sandbox_records(sandbox, integrator)
    keys = [(r["document"], r["contract"], r["due_date"]) for r in records]
    assert len(records) == expected and len(set(keys)) == expected  # nothing lost
    assert all(r["active"] for r in records)
    assert statuses(db, integrator) == {"ativa": expected}
    with db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(SendQueueEntry)) == 0
    return records


def test_four_workstations_sending_overlapping_selections_on_postgresql(
    postgres_server, sandbox_latency, cli_env, tmp_path
):
    url = postgres_server.create()
    try:
        four_workstations(url, sandbox_latency, cli_env, tmp_path)
    finally:
        postgres_server.drop(url)  # its logins live in the whole server


def four_workstations(url, sandbox_latency, cli_env, tmp_path):
    db, _ = prepare(url, sandbox_latency, tmp_path, 100, 4)
    # each process queues the same 400 items (the overlap) and sends whatever is pending
    processes = [sender(url, cli_env, "--integrator", "spc_brasil") for _ in range(4)]
    outputs = [p.communicate(timeout=300) for p in processes]
    for process, (_, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, err
    reports = [json.loads(out) for out, _ in outputs]
    assert sum(r["queued"] for r in reports) == 400  # queued once, by whoever came first
    assert sum(r["sent"] for r in reports) == 400 and sum(r["already"] for r in reports) == 0
    assert sum(1 for r in reports if r["sent"]) >= 2  # they really shared the work
    records = check_each_item_once(db, sandbox_latency, "spc_brasil", 400)
    assert {r["inclusions"] for r in records} == {1}  # exactly once: no re-send at all
    db.dispose()


@pytest.fixture
def sandbox_latency():
    with running_sandbox(latency_ms=20) as server:
        yield server


@pytest.fixture
def sandbox():
    with running_sandbox(process_after=None, timeout_hold=0.2) as server:
        yield server


def test_a_sender_killed_at_random_moments_loses_nothing_and_sends_nothing_twice(
    sandbox, cli_env, tmp_path
):
    url = f"sqlite:///{(tmp_path / 'crash.db').as_posix()}"
    db, _ = prepare(url, sandbox, tmp_path, 500, 4)  # 2,000 items
    rng = random.Random(20261122)
    sandbox.latency = 0.005
    total_kills = 0
    for _round in range(10):
        kills = 0
        while True:
            process = sender(url, cli_env, "--integrator", "spc_brasil", "--concurrency", "8")
            try:
                # three kills a round, at a random moment of start-up, queueing or sending
                process.wait(timeout=rng.uniform(0.5, 2.5) if kills < 3 else 300)
            except subprocess.TimeoutExpired:
                process.kill()  # SIGKILL: no cleanup of any kind
                process.wait()
                kills += 1
                continue
            out, err = process.communicate()
            assert process.returncode == 0, err
            break
        total_kills += kills
        records = check_each_item_once(db, sandbox, "spc_brasil", 2000)
        resent = [r for r in records if r["inclusions"] > 1]
        with db.session_factory() as s:
            told_already = s.scalar(
                select(func.count())
                .select_from(NegativationEvent)
                .where(NegativationEvent.kind == "incluida_ja_constava")
            )
        # a re-send happens only for an item whose answer its killed sender had not yet
        # written: at most what one sender holds (2 × 8 claimed + 8 answers waiting for
        # the write); and the bureau answered each of them "already there"
        assert len(resent) == told_already <= kills * 24
        # next round: the same 2,000 items as a fresh batch
        with db.session_factory.begin() as s:
            s.execute(delete(NegativationEvent))
            s.execute(delete(SendQueueEntry))
            s.execute(delete(Negativation))
        httpx.post(f"{sandbox.url}/_sandbox/reset")
    assert total_kills >= 10  # the senders really were killed, many times
    db.dispose()


def test_faults_in_the_network_end_with_every_item_ativa_or_erro(sandbox, sqlite_db, tmp_path):
    db, admin = prepare_in_process(sqlite_db, sandbox, tmp_path, 100, 3)
    sandbox.faults = FaultPlan.parse("timeout=0.10,http500=0.05,malformed=0.02", seed=7)
    integrators = ("spc_brasil", "boa_vista", "soa_serasa", "credito_na_medida")
    stored = get_rule(db.session_factory, "Atraso 30")
    for integrator in integrators:
        enqueue_rule(db.session_factory, admin, "inclusion", stored.rule, integrator, AS_OF)
    options = SendOptions(concurrency=8, retry_base=0.02, retry_cap=0.2, timeout=2)
    runs = 0
    while True:  # the scheduler's job: send again while anything is pending
        runs += 1
        report = Sender(db.session_factory, admin, options=options).run()
        with db.session_factory() as s:
            left = s.scalar(select(func.count()).select_from(SendQueueEntry))
        if not left:
            break
        assert runs < 10, report.problems[:5]
    httpx.post(f"{sandbox.url}/_sandbox/process", params={"everything": "1"})
    sandbox.faults = FaultPlan()
    refresh_confirmations(db.session_factory, admin)
    for integrator in integrators:
        records = sandbox_records(sandbox, integrator)
        assert len(records) == 300
        keys = {(r["document"], r["contract"], r["due_date"]) for r in records}
        assert len(keys) == 300
        with db.session_factory() as s:
            rows = s.execute(
                select(Negativation.status, Negativation.message).where(
                    Negativation.integrator == integrator
                )
            ).all()
        assert len(rows) == 300
        assert {status for status, _ in rows} <= {"ativa", "erro"}
        assert all(message for status, message in rows if status == "erro")
        assert sum(1 for r in records if r["active"]) == sum(1 for s_, _ in rows if s_ == "ativa")


def prepare_in_process(db, sandbox, tmp_path, customers, installments):
    admin = admin_actor(db)
    demo_setup.ensure_sandbox_integrations(db.session_factory, admin, sandbox.url)
    rules.import_rules(db.session_factory, admin, json.dumps(RULES))
    path = write_portfolio_csv(tmp_path / "carteira.csv", customers, installments)
    assert import_file(db.session_factory, admin, path).written
    return db, admin


def test_the_removal_flow_from_a_newer_erp_file(sandbox, sqlite_db, tmp_path):
    db, admin = prepare_in_process(sqlite_db, sandbox, tmp_path, 10, 2)
    options = SendOptions(concurrency=4)
    stored = get_rule(db.session_factory, "Atraso 30")
    first = send(
        db.session_factory,
        admin,
        rule=stored.rule,
        as_of=AS_OF,
        rule_id=stored.id,
        integrator="credito_na_medida",
        options=options,
    )
    assert first.report.unconfirmed == 20  # the partner registers later
    sandbox.process()
    assert refresh_confirmations(db.session_factory, admin).activated == 20
    # the ERP's next export: customers 0..3 paid their first installment in full
    newer = write_portfolio_csv(tmp_path / "carteira2.csv", 10, 2, paid={0, 1, 2, 3})
    assert import_file(db.session_factory, admin, newer).written
    removal = get_rule(db.session_factory, "Pagas")
    found = Preview(db.session_factory, admin, "removal", removal.rule, None, AS_OF)
    assert {item.trigger for item in found.iterate()} == {"paid"} and found.count() == 4
    second = send(
        db.session_factory,
        admin,
        action="removal",
        rule=removal.rule,
        rule_id=removal.id,
        as_of=AS_OF,
        options=options,
    )
    assert second.enqueued.queued == 4 and second.report.sent == 4
    records = {r["contract"]: r for r in sandbox_records(sandbox, "credito_na_medida")}
    removed = {c for c, r in records.items() if not r["active"]}
    assert removed == {f"V{c}-1" for c in range(4)}
    assert all(records[c]["removals"] == 1 for c in removed)
    assert statuses(db, "credito_na_medida") == {"ativa": 16, "baixada": 4}
    with db.session_factory() as s:
        done = s.scalars(select(Negativation).where(Negativation.status == "baixada")).all()
        assert all(n.removed_at is not None and n.removal_rule_id == removal.id for n in done)
    # sent --json: the inclusion's protocol kept, the removal's beside it (DESIGN §13)
    removed_rows = list_sent(db.session_factory, SentFilter(status=("baixada",)))
    shapes = [r.as_json() for r in removed_rows]
    # (Crédito na Medida answers a removal without a protocol of its own)
    assert len(shapes) == 4 and all(s["protocol"].startswith("CNM") for s in shapes)
    assert all("removal_protocol" in s for s in shapes)
