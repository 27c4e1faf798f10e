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

from sqlalchemy import Connection, delete, update
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.base import utc_now
from gestao_negativacao.db.models import Negativation, NegativationEvent, SendQueueEntry
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.sending.items import WorkItem

N = Negativation.__table__
Q = SendQueueEntry.__table__
EV = NegativationEvent.__table__


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


def backoff(attempt: int, *, base: float, cap: float, rng: random.Random) -> timedelta:
    """Exponential backoff with full jitter: a random wait up to base·2^attempt (capped),
    so that many stuck items do not come back to the bureau in step."""
    ceiling = min(cap, base * (2 ** max(0, attempt)))
    return timedelta(seconds=rng.uniform(ceiling / 2, ceiling))


def _cut(text: str | None, size: int) -> str | None:
    return text[:size] if text else text


class Recorder:
    """Writes a list of results in one transaction."""

    def __init__(
        self, session_factory: sessionmaker[Session], actor: Actor, me: str, today: date
    ) -> None:
        self.session_factory = session_factory
        self.actor = actor
        self.me = me
        self.today = today

    def write(self, results: list[Result]) -> None:
        if not results:
            return
        with self.session_factory.begin() as session:
            conn = session.connection()
            for result in results:
                self._write_one(conn, result)

    # -- one result -----------------------------------------------------------------------

    def _event(self, conn: Connection, result: Result, kind: str, before, after) -> None:
        conn.execute(
            EV.insert().values(
                negativation_id=result.item.negativation_id,
                at=utc_now(),
                kind=kind,
                status_before=before,
                status_after=after,
                user_id=self.actor.user_id,
                login=self.actor.login,
                workstation=self.actor.workstation,
                protocol=_cut(result.protocol, 120),
                message=result.message,
            )
        )

    def _transition(self, conn: Connection, result: Result, before: str, **values) -> bool:
        where = [N.c.id == result.item.negativation_id, N.c.status == before]
        if result.kind is Kind.UNCONFIRMED:  # the status stays; processing tells it apart
            where.append(N.c.processing == "pendente")
        changed = conn.execute(
            update(N)
            .where(*where)
            .values(updated_at=utc_now(), user_id=self.actor.user_id, **values)
        ).rowcount
        return bool(changed)

    def _write_one(self, conn: Connection, result: Result) -> None:
        item = result.item
        if result.kind in (Kind.TRANSIENT, Kind.NO_CONFIGURATION):
            conn.execute(
                update(Q)
                .where(Q.c.id == item.queue_id, Q.c.claimed_by == self.me)
                .values(
                    attempts=Q.c.attempts + 1,
                    next_attempt_at=result.retry_at or utc_now(),
                    last_error=result.message,
                    claimed_by=None,
                    claimed_until=None,
                )
            )
            kind = "sem_configuracao" if result.kind is Kind.NO_CONFIGURATION else "falha_envio"
            self._event(conn, result, kind, item.status, item.status)
            return
        # a final answer: the entry leaves the queue whoever holds it now
        conn.execute(delete(Q).where(Q.c.id == item.queue_id))
        sent_by = {
            "protocol": _cut(result.protocol, 120),
            "message": result.message,
            "integration_id": result.integration_id,
            "operator_id": result.operator_id,
        }
        if result.bureau_id:
            sent_by["bureau_id"] = _cut(result.bureau_id, 120)
        removal = item.action == "removal"
        before = "ativa" if removal else "pendente"
        if result.kind is Kind.REJECTED:
            after, kind = "erro", ("baixa_rejeitada" if removal else "inclusao_rejeitada")
            values = {"status": after, "processing": "ok", **sent_by}
        elif result.kind is Kind.UNCONFIRMED:
            after, kind = "pendente", "aguardando_confirmacao"
            values = {"processing": "ok", **sent_by}
        elif removal:
            after, kind = "baixada", "baixada"
            values = {"status": after, "processing": "ok", "removed_at": utc_now(), **sent_by}
        else:
            after, kind = "ativa", "incluida"
            values = {
                "status": after,
                "processing": "ok",
                "included_at": utc_now(),
                "included_on": self.today,
                "removed_at": None,
                "removal_reason": None,
                **sent_by,
            }
        if result.already:
            kind += "_ja_constava"
        if self._transition(conn, result, before, **values):
            self._event(conn, result, kind, before, after)
