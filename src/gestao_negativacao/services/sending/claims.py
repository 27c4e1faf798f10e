"""Claiming queue entries for one sending process, so that no two processes (on this or
any other workstation) send the same entry at once.

A claim is a name and an expiry on the entry, written in the same statement that picks it:
- PostgreSQL: ``UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED)``;
- MariaDB / MySQL: ``SELECT … FOR UPDATE SKIP LOCKED`` then ``UPDATE`` in one transaction
  (MariaDB refuses an UPDATE whose subquery reads the same table);
- SQLite: the same UPDATE, which takes the database's single write lock for its duration.

The claim expires (the lease), so entries claimed by a process that died are taken again by
anyone once it passes. A process on the same workstation does not wait for that: it sees
that the claimant's process is gone (its pid no longer runs, or runs a newer program) and
takes its entries at once. A living process renews the lease of what it holds.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable
from datetime import datetime, timedelta

import psutil
from sqlalchemy import Connection, and_, false, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.base import utc_now
from gestao_negativacao.db.models import SendQueueEntry
from gestao_negativacao.services.actor import workstation_name
from gestao_negativacao.services.errors import retry_on_conflict

Q = SendQueueEntry.__table__


def _process_start(pid: int) -> int | None:
    try:
        return int(psutil.Process(pid).create_time())
    except (psutil.Error, OSError):
        return None


_senders = itertools.count(1)


def worker_identity() -> str:
    """``host/pid/start#n``: the start time tells a reused pid from the process that
    claimed; ``n`` tells apart the sending runs of one process (the GUI may run several)."""
    pid = os.getpid()
    return f"{workstation_name()[:80]}/{pid}/{_process_start(pid) or 0}#{next(_senders)}"


def _is_dead(identity: str, host: str) -> bool:
    """True only when certain: the claimant ran on this host and its process is gone."""
    parts = identity.split("#", 1)[0].rsplit("/", 2)
    if len(parts) != 3 or parts[0] != host:
        return False
    try:
        pid, started = int(parts[1]), int(parts[2])
    except ValueError:
        return False
    return _process_start(pid) != started


def _dead_claimants(conn: Connection, me: str, now: datetime) -> list[str]:
    host = me.split("#", 1)[0].rsplit("/", 2)[0]
    holders = conn.execute(
        select(Q.c.claimed_by)
        .where(Q.c.claimed_by.is_not(None), Q.c.claimed_by != me, Q.c.claimed_until >= now)
        .distinct()
    ).scalars()
    return [holder for holder in holders if _is_dead(holder, host)]


def claim(
    session_factory: sessionmaker[Session],
    me: str,
    *,
    limit: int,
    lease: timedelta,
    actions: Iterable[str],
    integrators: Iterable[str] | None = None,
    pairs: Iterable[tuple[str, str]] | None = None,
) -> list[int]:
    """Claim up to ``limit`` entries due now; returns their ids in queue order.
    ``pairs``: only these (action, integrator) (a schedule's automatic run)."""
    # two sending runs claiming at once (two workstations) can deadlock on MariaDB: the
    # server rolls one claim back, and it is simply tried again
    return retry_on_conflict(
        lambda: _claim(session_factory, me, limit, lease, actions, integrators, pairs)
    )


def _claim(session_factory, me, limit, lease, actions, integrators, pairs) -> list[int]:
    now = utc_now()
    with session_factory.begin() as session:
        conn = session.connection()
        free = [Q.c.claimed_by.is_(None), Q.c.claimed_until < now]
        dead = _dead_claimants(conn, me, now)
        if dead:
            free.append(Q.c.claimed_by.in_(dead))
        due = (
            select(Q.c.id)
            .where(Q.c.action.in_(list(actions)), Q.c.next_attempt_at <= now, or_(*free))
            .order_by(Q.c.id)
            .limit(limit)
        )
        if integrators is not None:
            due = due.where(Q.c.integrator.in_(list(integrators)))
        if pairs is not None:
            allowed = [and_(Q.c.action == a, Q.c.integrator == i) for a, i in sorted(pairs)]
            due = due.where(or_(*allowed) if allowed else false())
        values = {"claimed_by": me, "claimed_until": now + lease}
        dialect = conn.dialect.name
        if dialect in ("mysql", "mariadb"):
            ids = list(conn.execute(due.with_for_update(skip_locked=True)).scalars())
            if ids:
                conn.execute(update(Q).where(Q.c.id.in_(ids)).values(**values))
        else:
            if dialect == "postgresql":
                due = due.with_for_update(skip_locked=True)
            statement = update(Q).where(Q.c.id.in_(due.scalar_subquery())).values(**values)
            ids = list(conn.execute(statement.returning(Q.c.id)).scalars())
    return sorted(ids)


def renew(session_factory: sessionmaker[Session], me: str, lease: timedelta) -> None:
    """Push the expiry of everything this process holds."""
    with session_factory.begin() as session:
        session.execute(
            update(Q).where(Q.c.claimed_by == me).values(claimed_until=utc_now() + lease)
        )


def unclaim(session_factory: sessionmaker[Session], me: str, queue_ids: Iterable[int]) -> None:
    """Give back entries claimed but not sent (cancellation): due again at once."""
    ids = list(queue_ids)
    if not ids:
        return
    with session_factory.begin() as session:
        session.execute(
            update(Q)
            .where(Q.c.id.in_(ids), Q.c.claimed_by == me)
            .values(claimed_by=None, claimed_until=None)
        )


def claim_ids(
    session_factory: sessionmaker[Session], me: str, queue_ids: Iterable[int], lease: timedelta
) -> list[int]:
    """Claim these entries, due or not, unless a living process holds them: the other
    members of a record that travels as one (a holder and its co-obligor). Returns the
    ids this process now holds."""
    ids = list(queue_ids)
    if not ids:
        return []
    now = utc_now()
    with session_factory.begin() as session:
        conn = session.connection()
        free = [Q.c.claimed_by.is_(None), Q.c.claimed_until < now, Q.c.claimed_by == me]
        dead = _dead_claimants(conn, me, now)
        if dead:
            free.append(Q.c.claimed_by.in_(dead))
        wanted = select(Q.c.id).where(Q.c.id.in_(ids), or_(*free))
        if conn.dialect.name != "sqlite":
            wanted = wanted.with_for_update(skip_locked=True)
        got = list(conn.execute(wanted).scalars())
        if got:
            conn.execute(
                update(Q).where(Q.c.id.in_(got)).values(claimed_by=me, claimed_until=now + lease)
            )
    return sorted(got)


def defer(
    session_factory: sessionmaker[Session], me: str, queue_ids: Iterable[int], until: datetime
) -> None:
    """Give entries back, due again at ``until``, without counting an attempt: another
    process holds part of their record and will send it, or this one will try again."""
    ids = list(queue_ids)
    if not ids:
        return
    with session_factory.begin() as session:
        session.execute(
            update(Q)
            .where(Q.c.id.in_(ids), Q.c.claimed_by == me)
            .values(claimed_by=None, claimed_until=None, next_attempt_at=until)
        )
