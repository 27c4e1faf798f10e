"""Putting a selection into the send queue (DESIGN §5, step 1): one transaction, set-based
(INSERT … SELECT from the preview's selection, never a Python loop over items), and safe
against any number of workstations doing the same at once — the unique constraints refuse
a second row and the inserts skip what another workstation queued first."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import (
    Connection,
    Select,
    String,
    and_,
    func,
    literal,
    or_,
    select,
    true,
    tuple_,
)
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.base import UtcDateTime, utc_now
from gestao_negativacao.db.locks import write_first
from gestao_negativacao.db.models import Negativation, NegativationEvent, SendQueueEntry
from gestao_negativacao.db.staging import stage, unstage
from gestao_negativacao.domain.enums import Action, EventKind, NegativationStatus, Processing
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.rules.sql import tune_session
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.errors import retry_on_conflict

N = Negativation.__table__
Q = SendQueueEntry.__table__
EV = NegativationEvent.__table__
REOPENABLE = (
    NegativationStatus.ERROR,
    NegativationStatus.REMOVED,
    NegativationStatus.REMOVED_MANUALLY,
)


@dataclass(frozen=True)
class EnqueueResult:
    requested: int  # items in the selection
    queued: int  # entries this call put in the queue
    batch: str

    @property
    def skipped(self) -> int:
        """Already queued (here or by another workstation) or no longer eligible."""
        return self.requested - self.queued


def _insert_ignoring_duplicates(
    conn: Connection, table, columns: list[str], source: Select
) -> None:
    """INSERT … SELECT that skips rows a unique constraint already holds (a race with
    another workstation), and only those: other errors still raise."""
    dialect = conn.dialect.name
    if dialect == "postgresql":
        statement = postgresql.insert(table).from_select(columns, source).on_conflict_do_nothing()
    elif dialect == "sqlite":
        # SQLite reads "SELECT … FROM t ON CONFLICT" as a join's ON unless the SELECT has a
        # WHERE (its documented parsing ambiguity of upsert after INSERT … SELECT)
        source = source.where(true())
        statement = sqlite.insert(table).from_select(columns, source).on_conflict_do_nothing()
    else:  # MariaDB / MySQL: a no-op update on the duplicate key, not INSERT IGNORE
        insert = mysql.insert(table).from_select(columns, source)
        statement = insert.on_duplicate_key_update({columns[0]: insert.inserted[columns[0]]})
    conn.execute(statement)


def _staged(conn: Connection, selection: Select, name: str, key: tuple[str, ...]):
    """The selection evaluated once, for every statement of this transaction (db.staging).
    A rule's selection says whether it reads the grouped lists (``Preview.selection``)."""
    write_first(conn, Q, "attempts")  # SQLite: be the writer before reading anything
    tune_session(conn, grouped=bool(selection.get_execution_options().get("grouped_lists")))
    return stage(conn, selection, name, index=key)


def _queue_and_log(
    conn: Connection,
    actor: Actor,
    negativation_ids: Select,
    action: str,
    rule_id: int | None,
    kind: str,
    status_after: str,
) -> tuple[str, int]:
    """Queue the negativations the query names (columns id, integrator; unless queued
    already) and write one event per entry this call made."""
    batch = str(uuid.uuid4())
    now = literal(utc_now(), UtcDateTime())
    ids = negativation_ids.subquery("chosen")
    # no NOT EXISTS on the queue here, nor on the negativations below: the unique
    # constraints skip what is queued or known already. An anti-join with the table being
    # inserted into is quadratic on PostgreSQL when its statistics say it is empty (a new
    # installation): a nested loop whose inner scan meets every row the statement has
    # written so far (79,000 items took 78 s instead of 3).
    source = select(
        ids.c.id,
        ids.c.integrator,
        literal(action, String(10)),
        literal(0),
        now,
        literal(rule_id),
        literal(actor.user_id),
        now,
        literal(batch, String(36)),
    )
    columns = [
        "negativation_id",
        "integrator",
        "action",
        "attempts",
        "next_attempt_at",
        "rule_id",
        "user_id",
        "created_at",
        "batch",
    ]
    _insert_ignoring_duplicates(conn, Q, columns, source)
    events = select(
        Q.c.negativation_id,
        now,
        literal(kind, String(40)),
        literal(status_after, String(20)),
        literal(actor.user_id),
        literal(actor.login, String(60)),
        literal(actor.workstation, String(100)),
    ).where(Q.c.batch == batch)
    conn.execute(
        EV.insert().from_select(
            ["negativation_id", "at", "kind", "status_after", "user_id", "login", "workstation"],
            events,
        )
    )
    queued = conn.execute(select(func.count()).select_from(Q).where(Q.c.batch == batch)).scalar()
    return batch, int(queued or 0)


def enqueue_inclusions(
    session_factory: sessionmaker[Session],
    actor: Actor,
    selection: Select,
    integrator: str,
    *,
    rule_id: int | None = None,
) -> EnqueueResult:
    """``selection`` yields (installment_id, customer_id, debtor_role): ``Preview.selection()``
    or any query of the same shape (explicit items, hand-set filters)."""
    actor.require(Perm.NEG_INCLUIR)
    key = tuple_(N.c.installment_id, N.c.customer_id)

    def work() -> EnqueueResult:
        with session_factory.begin() as session:
            conn = session.connection()
            chosen = _staged(conn, selection, "selecao_inclusao", ("installment_id", "customer_id"))
            selected_keys = select(chosen.c.installment_id, chosen.c.customer_id)
            requested = conn.execute(select(func.count()).select_from(chosen)).scalar() or 0
            now = literal(utc_now(), UtcDateTime())
            new_rows = select(
                chosen.c.installment_id,
                chosen.c.customer_id,
                chosen.c.debtor_role,
                literal(integrator, String(30)),
                literal(NegativationStatus.PENDING, String(20)),
                literal(NegativationStatus.PENDING, String(20)),
                literal(rule_id),
                literal(actor.user_id),
                now,
                now,
            )
            columns = [
                "installment_id",
                "customer_id",
                "debtor_role",
                "integrator",
                "status",
                "processing",
                "rule_id",
                "user_id",
                "created_at",
                "updated_at",
            ]
            _insert_ignoring_duplicates(conn, N, columns, new_rows)
            # an item in erro, removed before, or released from the queue is included again
            reopenable = or_(
                N.c.status.in_(REOPENABLE),
                and_(
                    N.c.status == NegativationStatus.PENDING, N.c.processing == Processing.RELEASED
                ),
            )
            conn.execute(
                N.update()
                .where(N.c.integrator == integrator, reopenable, key.in_(selected_keys))
                .values(
                    status=NegativationStatus.PENDING,
                    processing=Processing.PENDING,
                    message=None,
                    rule_id=rule_id,
                    user_id=actor.user_id,
                    updated_at=utc_now(),
                )
            )
            pending = select(N.c.id, N.c.integrator).where(
                N.c.integrator == integrator,
                and_(
                    N.c.status == NegativationStatus.PENDING, N.c.processing == Processing.PENDING
                ),
                key.in_(selected_keys),
            )
            batch, queued = _queue_and_log(
                conn,
                actor,
                pending,
                Action.INCLUSION,
                rule_id,
                EventKind.QUEUED_FOR_INCLUSION,
                NegativationStatus.PENDING,
            )
            unstage(conn, chosen)
            audit.record(
                session,
                actor,
                "envio.enfileirar_inclusao",
                entity="batch",
                entity_key=batch,
                details={
                    "integradora": integrator,
                    "selecionados": requested,
                    "enfileirados": queued,
                    "regra": rule_id,
                },
            )
        return EnqueueResult(int(requested), queued, batch)

    return retry_on_conflict(work)


def enqueue_removals(
    session_factory: sessionmaker[Session],
    actor: Actor,
    selection: Select,
    *,
    rule_id: int | None = None,
) -> EnqueueResult:
    """``selection`` yields a ``negativation_id`` column (``Preview.selection()`` of a removal
    preview); only active negativations are queued."""
    actor.require(Perm.NEG_BAIXAR)

    def work() -> EnqueueResult:
        with session_factory.begin() as session:
            conn = session.connection()
            chosen = _staged(conn, selection, "selecao_baixa", ("negativation_id",))
            requested = conn.execute(select(func.count()).select_from(chosen)).scalar() or 0
            active = select(N.c.id, N.c.integrator).where(
                N.c.status == NegativationStatus.ACTIVE,
                N.c.id.in_(select(chosen.c.negativation_id)),
            )
            conn.execute(
                N.update()
                .where(
                    N.c.status == NegativationStatus.ACTIVE,
                    N.c.id.in_(select(chosen.c.negativation_id)),
                )
                .values(
                    removal_rule_id=rule_id, processing=Processing.PENDING, updated_at=utc_now()
                )
            )
            if "trigger" in chosen.c:  # §5.6: settled another way, it must not come back
                from gestao_negativacao.db.models import RuleRecord
                from gestao_negativacao.services.sending.holds import hold_by_trigger

                name = conn.scalar(select(RuleRecord.name).where(RuleRecord.id == rule_id))
                hold_by_trigger(conn, actor, chosen, name or "de baixa")
            batch, queued = _queue_and_log(
                conn,
                actor,
                active,
                Action.REMOVAL,
                rule_id,
                EventKind.QUEUED_FOR_REMOVAL,
                NegativationStatus.ACTIVE,
            )
            unstage(conn, chosen)
            audit.record(
                session,
                actor,
                "envio.enfileirar_baixa",
                entity="batch",
                entity_key=batch,
                details={"selecionados": requested, "enfileirados": queued, "regra": rule_id},
            )
        return EnqueueResult(int(requested), queued, batch)

    return retry_on_conflict(work)
