"""Recording what the bureau answered (DESIGN §5, step 2), many items per transaction.

Every change of a negativation is conditional on the status it had when it was sent, and
writes its event only when it changed something: an answer that arrives twice (a lease that
ran out while the bureau was slow, and another process that sent again and heard "already
there") is recorded once. The bureau's word is kept even when the entry left the queue
meanwhile (released by a clerk while the call was under way): what the bureau holds is
the truth the application must show.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from sqlalchemy import Connection, bindparam, delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.bureaus.registry import CO_OBLIGOR_WITH_HOLDER
from gestao_negativacao.db.base import utc_now
from gestao_negativacao.db.models import Negativation, NegativationEvent, SendQueueEntry
from gestao_negativacao.domain.enums import Action, EventKind, NegativationStatus, Processing
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.errors import retry_on_conflict
from gestao_negativacao.services.sending.items import WorkItem

N = Negativation.__table__
Q = SendQueueEntry.__table__
EV = NegativationEvent.__table__
NOT_FOUND = "nao_encontrado"  # negativations.attention: the bureau did not find it to remove


class Kind(Enum):
    ACCEPTED = "accepted"  # done at the bureau (or it already had it)
    UNCONFIRMED = "unconfirmed"  # accepted; the bureau confirms later (SOA)
    REJECTED = "rejected"  # bad data or a business rule: erro
    TRANSIENT = "transient"  # try again later
    NO_CONFIGURATION = "no_configuration"  # no integration/operator may send it from here


@dataclass(frozen=True)
class Result:
    item: WorkItem
    kind: Kind
    message: str
    already: bool = False  # the bureau said it already had it (or had removed it)
    protocol: str | None = None
    bureau_id: str | None = None
    integration_id: int | None = None
    operator_id: int | None = None
    retry_at: datetime | None = None  # TRANSIENT / NO_CONFIGURATION
    auth_refused: bool = False  # the bureau refused the operator: don't use it this run
    # a removal the bureau answered "no such record": removed, with a warning to check
    not_found: bool = False


def backoff(attempt: int, *, base: float, cap: float, rng: random.Random) -> timedelta:
    """Exponential backoff with full jitter: a random wait up to base·2^attempt (capped),
    so that many stuck items do not come back to the bureau in step."""
    ceiling = min(cap, base * (2 ** max(0, attempt)))
    return timedelta(seconds=rng.uniform(ceiling / 2, ceiling))


def _cut(text: str | None, size: int) -> str | None:
    return text[:size] if text else text


def _transition(result: Result) -> tuple[str, str, str, dict]:
    """(status before, status after, event kind, columns to set) of a final answer."""
    item = result.item
    removal = item.action == Action.REMOVAL
    before = NegativationStatus.ACTIVE if removal else NegativationStatus.PENDING
    sent_by = {
        "protocol": _cut(result.protocol, 120),
        "message": result.message,
        "integration_id": result.integration_id,
        "operator_id": result.operator_id,
        "bureau_id": _cut(result.bureau_id or item.bureau_id, 120),
    }
    if removal:  # the inclusion's protocol stays; the removal's has its own place
        sent_by["removal_protocol"] = sent_by.pop("protocol")
    now = utc_now()
    if result.kind is Kind.REJECTED:
        after, kind = (
            NegativationStatus.ERROR,
            (EventKind.REMOVAL_REFUSED if removal else EventKind.INCLUSION_REFUSED),
        )
        values = {"status": after, "processing": Processing.OK, **sent_by}
    elif result.kind is Kind.UNCONFIRMED:
        after, kind = NegativationStatus.PENDING, EventKind.AWAITING_CONFIRMATION
        values = {"status": after, "processing": Processing.OK, **sent_by}
    elif removal:
        after, kind = NegativationStatus.REMOVED, EventKind.REMOVED
        values = {"status": after, "processing": Processing.OK, "removed_at": now, **sent_by}
        if result.not_found:
            # DESIGN §5.2: a removal that names the record differently from its inclusion
            # gets exactly this answer; shown on the Painel until someone checks it
            kind, values["attention"] = EventKind.REMOVAL_NOT_FOUND, NOT_FOUND
    else:
        after, kind = NegativationStatus.ACTIVE, EventKind.INCLUDED
        values = {
            "status": after,
            "processing": Processing.OK,
            "included_at": now,
            "removed_at": None,
            "removal_reason": None,
            "removal_protocol": None,
            **sent_by,
        }
    if result.already:
        kind += "_ja_constava"
    return before, after, kind, values


class Recorder:
    """Writes a list of results in one transaction, a few set-based statements whatever
    their number (one statement per item would make the database the bottleneck)."""

    def __init__(
        self, session_factory: sessionmaker[Session], actor: Actor, me: str, today: date
    ) -> None:
        self.session_factory = session_factory
        self.actor = actor
        self.me = me
        self.today = today
        self._general = None  # the parameters, read at the first inclusion of the run

    def write(self, results: list[Result]) -> None:
        if not results:
            return
        retry = [r for r in results if r.kind in (Kind.TRANSIENT, Kind.NO_CONFIGURATION)]
        final = [r for r in results if r.kind not in (Kind.TRANSIENT, Kind.NO_CONFIGURATION)]
        if self._general is None and any(r.item.action == Action.INCLUSION for r in final):
            # read before this transaction: the notice-letter waits (visible_from)
            from gestao_negativacao.services.admin import parameters

            self._general = parameters.general(self.session_factory)

        def work() -> None:
            with self.session_factory.begin() as session:
                conn = session.connection()
                events = self._write_retries(conn, retry) + self._write_final(conn, final)
                if events:
                    conn.execute(EV.insert(), events)

        # the answers are in memory: a transaction the server rolled back for a deadlock
        # with another sending run is written again, never lost
        retry_on_conflict(work)

    def _visible_from(self, integrator: str):
        return self._general.visible_from(integrator, self.today)

    def _event(self, result: Result, kind: str, before: str, after: str) -> dict:
        return {
            "negativation_id": result.item.negativation_id,
            "at": utc_now(),
            "kind": kind,
            "status_before": before,
            "status_after": after,
            "user_id": self.actor.user_id,
            "login": self.actor.login,
            "workstation": self.actor.workstation,
            "protocol": _cut(result.protocol, 120),
            "message": result.message,
        }

    def _write_retries(self, conn: Connection, results: list[Result]) -> list[dict]:
        """The entry stays queued, due again at ``retry_at``; the status does not change."""
        if not results:
            return []
        conn.execute(
            update(Q)
            .where(Q.c.id == bindparam("queue_id"), Q.c.claimed_by == self.me)
            .values(
                attempts=Q.c.attempts + 1,
                next_attempt_at=bindparam("retry_at"),
                last_error=bindparam("error"),
                claimed_by=None,
                claimed_until=None,
            ),
            [
                {
                    "queue_id": r.item.queue_id,
                    "retry_at": r.retry_at or utc_now(),
                    "error": r.message,
                }
                for r in results
            ],
        )
        return [
            self._event(
                r,
                EventKind.NO_CONFIGURATION
                if r.kind is Kind.NO_CONFIGURATION
                else EventKind.SEND_FAILED,
                r.item.status,
                r.item.status,
            )
            for r in results
        ]

    def _write_final(self, conn: Connection, results: list[Result]) -> list[dict]:
        """The entry leaves the queue whoever holds it now; the negativation changes only
        from the status it had when sent (so an answer recorded twice changes it once)."""
        if not results:
            return []
        conn.execute(delete(Q).where(Q.c.id.in_([r.item.queue_id for r in results])))
        ids = [r.item.negativation_id for r in results]
        current_query = select(N.c.id, N.c.status, N.c.processing).where(N.c.id.in_(ids))
        if conn.dialect.name != "sqlite":  # SQLite: this transaction already holds the lock
            current_query = current_query.with_for_update()
        current = {row.id: (row.status, row.processing) for row in conn.execute(current_query)}
        changes: dict[tuple[str, ...], list[dict]] = {}
        events = []
        for result in results:
            before, after, kind, values = _transition(result)
            nid = result.item.negativation_id
            status, processing = current.get(nid, (None, None))
            if status != before or (
                result.kind is Kind.UNCONFIRMED and processing == Processing.OK
            ):
                continue  # already recorded, or changed by someone meanwhile
            current[nid] = (after, Processing.OK)
            if after == NegativationStatus.ACTIVE:
                values["included_on"] = self.today
                values["visible_from"] = self._visible_from(result.item.integrator)
            values.update(nid=nid, updated_at=utc_now(), user_id=self.actor.user_id)
            changes.setdefault(tuple(sorted(values)), []).append(values)
            events.append(self._event(result, kind, before, after))
        for columns, rows in changes.items():
            sets = {c: bindparam(f"v_{c}") for c in columns if c != "nid"}
            conn.execute(
                update(N).where(N.c.id == bindparam("nid")).values(**sets),
                [{("nid" if k == "nid" else f"v_{k}"): v for k, v in row.items()} for row in rows],
            )
        return events + self._shared_removals(conn, results)

    def _shared_removals(self, conn: Connection, results: list[Result]) -> list[dict]:
        """A record that holds a holder and its co-obligor is gone for both once removed:
        whatever of it is still active here (not queued with it) becomes removed too."""
        removed = {
            (r.item.integrator, r.item.bureau_id)
            for r in results
            if r.item.action == Action.REMOVAL
            and r.kind is Kind.ACCEPTED
            and r.item.bureau_id
            and r.item.integrator in CO_OBLIGOR_WITH_HOLDER
        }
        events = []
        for integrator, bureau_id in sorted(removed):
            condition = (N.c.integrator == integrator, N.c.bureau_id == bureau_id,
                         N.c.status == NegativationStatus.ACTIVE)  # fmt: skip
            ids = list(conn.execute(select(N.c.id).where(*condition)).scalars())
            if not ids:
                continue
            now = utc_now()
            conn.execute(
                update(N)
                .where(N.c.id.in_(ids), *condition)
                .values(
                    status=NegativationStatus.REMOVED,
                    processing=Processing.OK,
                    removed_at=now,
                    updated_at=now,
                )
            )
            conn.execute(
                delete(Q).where(Q.c.negativation_id.in_(ids), Q.c.action == Action.REMOVAL)
            )
            for negativation_id in ids:
                events.append(
                    {
                        "negativation_id": negativation_id,
                        "at": now,
                        "kind": EventKind.REMOVED_WITH_HOLDER,
                        "status_before": NegativationStatus.ACTIVE,
                        "status_after": NegativationStatus.REMOVED,
                        "user_id": self.actor.user_id,
                        "login": self.actor.login,
                        "workstation": self.actor.workstation,
                        "protocol": None,
                        "message": "o birô guarda um só registro para titular e coobrigado; "
                        "a baixa do registro encerrou este também",
                    }
                )
        return events
