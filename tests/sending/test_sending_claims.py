"""Claims on the send queue, on SQLite, PostgreSQL and MariaDB: no entry in two hands,
leases that expire, a dead process's entries taken at once by its own workstation."""

import subprocess
import sys
import threading
from datetime import timedelta

import psutil
import pytest
from sqlalchemy import select, update

from gestao_negativacao.bureaus.sandbox import running_sandbox
from gestao_negativacao.db.base import utc_now
from gestao_negativacao.db.models import SendQueueEntry
from gestao_negativacao.services.actor import workstation_name
from gestao_negativacao.services.demo import setup as demo_setup
from gestao_negativacao.services.sending import claims
from gestao_negativacao.services.sending.worker import Sender, SendOptions
from tests.sending_helpers import admin_actor, enqueue_all, portfolio, sandbox_records, statuses

LEASE = timedelta(minutes=2)
BOTH = ("inclusion", "removal")


@pytest.fixture
def queued(any_db):
    admin = admin_actor(any_db)
    portfolio(any_db, 30, 2)
    assert enqueue_all(any_db, admin).queued == 60
    return any_db, admin


def take(db, me, limit=10, **kw):
    return claims.claim(db.session_factory, me, limit=limit, lease=LEASE, actions=BOTH, **kw)


def test_racing_claimers_never_share_an_entry(queued):
    db, _ = queued
    taken: dict[str, list[int]] = {}
    barrier = threading.Barrier(4)

    def claimer(name):
        barrier.wait()
        mine = taken.setdefault(name, [])
        while batch := take(db, f"otherhost/{name}/1", limit=3):
            mine.extend(batch)

    threads = [threading.Thread(target=claimer, args=(f"w{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    every = [queue_id for ids in taken.values() for queue_id in ids]
    assert len(every) == 60 and len(set(every)) == 60


def test_a_lease_keeps_others_out_until_it_expires(queued):
    db, _ = queued
    first = take(db, "hostA/100/1", limit=60)
    assert len(first) == 60
    assert take(db, "hostB/200/1") == []
    claims.renew(db.session_factory, "hostA/100/1", LEASE)
    assert take(db, "hostB/200/1") == []
    with db.session_factory.begin() as s:  # hostA went silent: its lease runs out
        s.execute(update(SendQueueEntry).values(claimed_until=utc_now() - timedelta(seconds=1)))
    assert len(take(db, "hostB/200/1", limit=60)) == 60


def test_a_dead_process_of_this_workstation_is_not_waited_for(queued):
    db, _ = queued
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    started = int(psutil.Process(child.pid).create_time())
    child.wait()
    dead = f"{workstation_name()}/{child.pid}/{started}"
    alive = claims.worker_identity()
    assert len(take(db, dead, limit=20)) == 20
    assert len(take(db, "farhost/999/1", limit=20)) == 20  # another host: only its lease
    assert len(take(db, alive, limit=60)) == 20 + 20  # the dead one's, and the free ones
    assert take(db, f"{workstation_name()}/1/1", limit=60) == []  # the living one's stay


def test_unclaim_gives_entries_back(queued):
    db, _ = queued
    mine = take(db, "hostA/1/1", limit=5)
    claims.unclaim(db.session_factory, "hostA/1/1", mine)
    with db.session_factory() as s:
        held = s.scalars(select(SendQueueEntry.claimed_by).where(SendQueueEntry.id.in_(mine)))
        assert set(held) == {None}
    assert take(db, "hostB/1/1", limit=5) == mine


def test_two_senders_at_once_send_each_item_once(queued):
    db, admin = queued
    with running_sandbox(latency_ms=10) as sandbox:
        demo_setup.ensure_sandbox_integrations(db.session_factory, admin, sandbox.url)
        reports = []
        options = SendOptions(concurrency=4)

        def send():
            reports.append(Sender(db.session_factory, admin, options=options).run())

        threads = [threading.Thread(target=send) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        records = sandbox_records(sandbox, "spc_brasil")
    # both runs finished: a deadlock between their claims (MariaDB) is retried, not fatal
    assert len(reports) == 2
    assert sum(r.sent for r in reports) == 60 and sum(r.already for r in reports) == 0
    assert len(records) == 60 and {r["inclusions"] for r in records} == {1}
    assert statuses(db) == {"ativa": 60}
