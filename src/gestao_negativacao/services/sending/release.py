"""Releasing stuck items and removing by hand (DESIGN §5, steps 3 and 4).

- Release (liberar parcelas): the selected pending entries leave the send queue; the items
  show again on the Inclusão or Baixa screen (a never-sent inclusion is pendente and no
  longer queued, so the rules no longer exclude it; a removal stays ativa).
- Manual removal (baixa manual): the record was removed on the bureau's site; the status
  becomes baixada_manual with the reason, without calling the bureau, and a removal that
  was waiting in the queue is dropped.
Both write an event per item and an audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Select, String, delete, literal, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.base import UtcDateTime, utc_now
from gestao_negativacao.db.models import (
    Company,
    Installment,
    Negativation,
    NegativationEvent,
    Sale,
    SendQueueEntry,
)
from gestao_negativacao.domain.documents import InvalidDocument, parse_cnpj
from gestao_negativacao.domain.enums import (
    Action,
    EventKind,
    HoldOrigin,
    NegativationStatus,
    Processing,
)
from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.joins import recognised_by, to_debtor, to_sale
from gestao_negativacao.services.listing import Column, PagedQuery, labelled

N = Negativation.__table__
Q = SendQueueEntry.__table__
EV = NegativationEvent.__table__


class SendingError(UserFacingError, ValueError):
    """Bad input for a sending action; the message tells the clerk what to fix."""


@dataclass(frozen=True)
class PendingEntry:
    queue_id: int
    negativation_id: int
    action: str
    integrator: str
    company_cnpj: str
    sale_number: str
    installment_number: int
    attempts: int
    last_error: str | None


def pending_entries(
    session_factory: sessionmaker[Session],
    actor: Actor,
    *,
    action: str | None = None,
    company_cnpj: str | None = None,
    integrator: str | None = None,
    limit: int = 1000,
) -> list[PendingEntry]:
    """What waits in the queue ("Buscar" of Liberar parcelas), with attempts and last error."""
    actor.require(Perm.NEG_LIBERAR)
    query = _filtered(action, company_cnpj, integrator).add_columns(
        SendQueueEntry.negativation_id,
        SendQueueEntry.action,
        Negativation.integrator,
        Company.cnpj,
        Sale.number,
        Installment.number,
        SendQueueEntry.attempts,
        SendQueueEntry.last_error,
    )
    with session_factory() as session:
        rows = session.execute(query.order_by(SendQueueEntry.id).limit(limit)).all()
    return [PendingEntry(*row) for row in rows]


def _filtered(action: str | None, company_cnpj: str | None, integrator: str | None) -> Select:
    query = select(SendQueueEntry.id).join(
        Negativation, Negativation.id == SendQueueEntry.negativation_id
    )
    query = to_sale(query, Negativation.installment_id)
    if action is not None:
        if action not in (Action.INCLUSION, Action.REMOVAL):
            raise SendingError("Ação deve ser inclusion (inclusão) ou removal (baixa).")
        query = query.where(SendQueueEntry.action == action)
    if company_cnpj:
        try:
            query = query.where(Company.cnpj == parse_cnpj(company_cnpj).value)
        except InvalidDocument as exc:
            raise SendingError(str(exc)) from None
    if integrator:
        query = query.where(Negativation.integrator == integrator)
    return query


def release(
    session_factory: sessionmaker[Session],
    actor: Actor,
    *,
    action: str,
    company_cnpj: str | None = None,
    integrator: str | None = None,
    queue_ids: list[int] | None = None,
    leave_out: list[int] | None = None,
) -> int:
    """Take the matching (or the given) pending entries out of the queue, except those in
    ``leave_out`` (unticked after "Selecionar todos"); returns how many."""
    actor.require(Perm.NEG_LIBERAR)
    # an entry a living sending process holds is not taken from under it
    claimed = or_(SendQueueEntry.claimed_by.is_(None), SendQueueEntry.claimed_until < utc_now())
    chosen = _filtered(action, company_cnpj, integrator).where(claimed)
    if queue_ids is not None:
        chosen = chosen.where(SendQueueEntry.id.in_(queue_ids))
    if leave_out:
        chosen = chosen.where(SendQueueEntry.id.not_in(leave_out))
    ids = chosen.subquery("chosen")
    now = literal(utc_now(), UtcDateTime())
    with session_factory.begin() as session:
        conn = session.connection()
        events = select(
            Q.c.negativation_id,
            now,
            literal(EventKind.RELEASED, String(40)),
            literal(actor.user_id),
            literal(actor.login, String(60)),
            literal(actor.workstation, String(100)),
        ).where(Q.c.id.in_(select(ids.c.id)))
        conn.execute(
            EV.insert().from_select(
                ["negativation_id", "at", "kind", "user_id", "login", "workstation"], events
            )
        )
        # taken out of the queue, the item is no longer "pendente" (queued) in our processing
        conn.execute(
            update(N)
            .where(N.c.id.in_(select(Q.c.negativation_id).where(Q.c.id.in_(select(ids.c.id)))))
            .values(processing=Processing.RELEASED, updated_at=utc_now())
        )
        released = conn.execute(delete(Q).where(Q.c.id.in_(select(ids.c.id)))).rowcount or 0
        audit.record(
            session,
            actor,
            "envio.liberar",
            entity="queue",
            entity_key=action,
            details={
                "empresa": bool(company_cnpj),
                "integradora": integrator,
                "liberadas": released,
            },
        )
    return released


def manual_removal(
    session_factory: sessionmaker[Session],
    actor: Actor,
    negativation_ids: list[int],
    reason: str,
    *,
    court_order: bool = False,
) -> int:
    """Mark active negativations removed on the bureau's site; no bureau call. The item is
    held (DESIGN §5.6) so that no automatic inclusion sends it again; ``court_order``
    records that a court ordered the removal."""
    actor.require(Perm.NEG_BAIXA_MANUAL)
    reason = reason.strip()
    if len(reason) < 5:
        raise SendingError(
            "Informe o motivo da baixa manual (ex.: baixada no site do SPC em 10/11)."
        )
    now_value = utc_now()
    with session_factory.begin() as session:
        conn = session.connection()
        active = select(N.c.id).where(
            N.c.id.in_(negativation_ids), N.c.status == NegativationStatus.ACTIVE
        )
        ids = [row[0] for row in conn.execute(active)]
        if not ids:
            return 0
        conn.execute(delete(Q).where(Q.c.negativation_id.in_(ids), Q.c.action == Action.REMOVAL))
        from gestao_negativacao.services.sending.holds import hold_removed

        origin = HoldOrigin.COURT_ORDER if court_order else HoldOrigin.MANUAL_REMOVAL
        hold_removed(conn, actor, ids, origin, reason)
        conn.execute(
            update(N)
            .where(N.c.id.in_(ids))
            .values(
                status=NegativationStatus.REMOVED_MANUALLY,
                processing=Processing.OK,
                removed_at=now_value,
                removal_reason=reason[:200],
                updated_at=now_value,
            )
        )
        now = literal(now_value, UtcDateTime())
        events = select(
            N.c.id,
            now,
            literal(EventKind.MANUAL_REMOVAL, String(40)),
            literal(NegativationStatus.ACTIVE, String(20)),
            literal(NegativationStatus.REMOVED_MANUALLY, String(20)),
            literal(actor.user_id),
            literal(actor.login, String(60)),
            literal(actor.workstation, String(100)),
            literal(reason),
        ).where(N.c.id.in_(ids))
        conn.execute(
            EV.insert().from_select(
                [
                    "negativation_id",
                    "at",
                    "kind",
                    "status_before",
                    "status_after",
                    "user_id",
                    "login",
                    "workstation",
                    "message",
                ],
                events,
            )
        )
        audit.record(
            session,
            actor,
            "envio.baixa_manual",
            entity="negativation",
            entity_key=",".join(map(str, ids))[:200],
            details={"motivo": reason, "itens": len(ids)},
        )
    return len(ids)


def pending_listing(
    session_factory: sessionmaker[Session],
    actor: Actor,
    *,
    action: str | None = None,
    company_cnpj: str | None = None,
    integrator: str | None = None,
) -> PagedQuery:
    """Liberar parcelas: what waits in the queue, as the grid's paged source."""
    actor.require(Perm.NEG_LIBERAR)
    columns = [
        Column("id", "Id", SendQueueEntry.id, "number"),
        Column("action", "Ação", SendQueueEntry.action, "action"),
        Column("integrator", "Integradora", Negativation.integrator, "integrator"),
        *recognised_by(),
        Column("attempts", "Tentativas", SendQueueEntry.attempts, "number"),
        Column("next_attempt_at", "Próxima tentativa", SendQueueEntry.next_attempt_at, "datetime"),
        Column("last_error", "Último erro", SendQueueEntry.last_error, searchable=True),
    ]
    query = to_debtor(_filtered(action, company_cnpj, integrator), Negativation.customer_id)
    query = query.with_only_columns(*labelled(columns), maintain_column_froms=True)
    return PagedQuery(session_factory, query, columns, default_order="id")
