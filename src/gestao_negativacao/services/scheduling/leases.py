"""One runner per schedule at a time, on any number of workstations: a lease row per
schedule (its primary key refuses a second holder), taken over only once it has expired —
so a runner killed mid-run blocks nobody for longer than the lease."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Connection, select, update
from sqlalchemy.dialects import mysql, postgresql, sqlite

from gestao_negativacao.db.base import utc_now
from gestao_negativacao.db.models import ScheduleLease

L = ScheduleLease.__table__


def acquire(conn: Connection, schedule_id: int, holder: str, ttl: timedelta) -> bool:
    now = utc_now()
    values = {"schedule_id": schedule_id, "holder": holder, "expires_at": now + ttl}
    dialect = conn.dialect.name
    if dialect == "postgresql":
        conn.execute(postgresql.insert(L).values(values).on_conflict_do_nothing())
    elif dialect == "sqlite":
        conn.execute(sqlite.insert(L).values(values).on_conflict_do_nothing())
    else:
        insert = mysql.insert(L).values(values)
        conn.execute(insert.on_duplicate_key_update(schedule_id=insert.inserted.schedule_id))
    # an expired lease (its runner died) is taken over; a living one is left alone
    conn.execute(
        update(L)
        .where(L.c.schedule_id == schedule_id, L.c.expires_at < now, L.c.holder != holder)
        .values(holder=holder, expires_at=now + ttl)
    )
    return conn.execute(select(L.c.holder).where(L.c.schedule_id == schedule_id)).scalar() == holder


def release(conn: Connection, schedule_id: int, holder: str) -> None:
    conn.execute(L.delete().where(L.c.schedule_id == schedule_id, L.c.holder == holder))


def renew(conn: Connection, schedule_id: int, holder: str, ttl: timedelta) -> None:
    conn.execute(
        update(L)
        .where(L.c.schedule_id == schedule_id, L.c.holder == holder)
        .values(expires_at=utc_now() + ttl)
    )
