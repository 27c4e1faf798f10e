"""Holds (DESIGN §5.6): after a manual removal, a removal by court order, or a removal by
the partial-payment, termination or renegotiation trigger, the installment and debtor are
kept out of every inclusion (reason ``held``, at every integrator) until a user with
NEG_BAIXA_MANUAL lifts the hold with a reason, or its end date passes. Without it the next
automatic inclusion would send again what was just removed — a court order included."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Connection, String, exists, literal, select, update
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.base import UtcDateTime, utc_now
from gestao_negativacao.db.models import (
    Company,
    Customer,
    Hold,
    Installment,
    Negativation,
    Sale,
)
from gestao_negativacao.domain.documents import InvalidDocument, parse_cnpj
from gestao_negativacao.domain.enums import HoldOrigin, RemovalTrigger
from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.joins import to_debtor, to_sale

H = Hold.__table__
N = Negativation.__table__
# the removal triggers that mean "the debt was settled another way": the item must not
# come back by itself (full payment, five years and disputes are kept out by the guards)
HOLDING_TRIGGERS = (
    RemovalTrigger.PARTIAL_PAYMENT,
    RemovalTrigger.TERMINATION,
    RemovalTrigger.RENEGOTIATED,
)


class HoldError(UserFacingError, ValueError):
    """A hold cannot be lifted as asked; the message says why."""


@dataclass(frozen=True)
class HoldInfo:
    id: int
    company_cnpj: str
    sale: str
    installment: int
    debtor_document: str
    debtor_name: str
    origin: str
    reason: str
    created_by: str
    created_at: datetime
    until: date | None

    def as_json(self) -> dict:
        return {
            "company_cnpj": self.company_cnpj,
            "sale": self.sale,
            "installment": self.installment,
            "debtor_document": self.debtor_document,
            "origin": self.origin,
            "reason": self.reason,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(),
            "until": self.until.isoformat() if self.until else None,
        }


def _live(installment_id, customer_id):
    return exists().where(
        H.c.installment_id == installment_id,
        H.c.customer_id == customer_id,
        H.c.lifted_at.is_(None),
    )


def hold_removed(
    conn: Connection, actor: Actor, negativation_ids: list[int], origin: str, reason: str
) -> None:
    """Holds for the (installment, debtor) of these negativations, unless one is already
    on; part of the caller's transaction."""
    if not negativation_ids:
        return
    rows = select(
        N.c.installment_id,
        N.c.customer_id,
        literal(str(origin), String(30)),
        literal(reason[:200], String(200)),
        N.c.id,
        literal(utc_now(), UtcDateTime()),
        literal(actor.login),
    ).where(N.c.id.in_(negativation_ids), ~_live(N.c.installment_id, N.c.customer_id))
    columns = [
        "installment_id",
        "customer_id",
        "origin",
        "reason",
        "negativation_id",
        "created_at",
        "created_by",
    ]
    conn.execute(H.insert().from_select(columns, rows))


def hold_by_trigger(conn: Connection, actor: Actor, chosen, rule_name: str) -> None:
    """Holds for the removals a rule queues by a holding trigger (``chosen``: the removal
    selection, with ``negativation_id`` and ``trigger``)."""
    ids = select(chosen.c.negativation_id, chosen.c.trigger).where(
        chosen.c.trigger.in_(HOLDING_TRIGGERS)
    )
    by_trigger: dict[str, list[int]] = {}
    for negativation_id, trigger in conn.execute(ids):
        by_trigger.setdefault(trigger, []).append(negativation_id)
    for trigger, negativation_ids in by_trigger.items():
        hold_removed(conn, actor, negativation_ids, trigger, f"regra {rule_name}")


def _query():
    query = select(
        Hold.id,
        Company.cnpj,
        Sale.number,
        Installment.number,
        Customer.document,
        Customer.name,
        Hold.origin,
        Hold.reason,
        Hold.created_by,
        Hold.created_at,
        Hold.until,
    )
    query = to_debtor(to_sale(query, Hold.installment_id), Hold.customer_id)
    return query.where(Hold.lifted_at.is_(None)).order_by(Hold.id)


def list_holds(session_factory: sessionmaker[Session], limit: int = 5000) -> list[HoldInfo]:
    """The holds in force (not lifted), oldest first."""
    with session_factory() as session:
        return [HoldInfo(*row) for row in session.execute(_query().limit(limit))]


def holds_for(session_factory: sessionmaker[Session], negativation_id: int) -> list[HoldInfo]:
    """The holds in force on the (installment, debtor) of a negativation."""
    item = select(N.c.installment_id, N.c.customer_id).where(N.c.id == negativation_id)
    with session_factory() as session:
        found = session.execute(item).first()
        if found is None:
            return []
        query = _query().where(
            Hold.installment_id == found.installment_id, Hold.customer_id == found.customer_id
        )
        return [HoldInfo(*row) for row in session.execute(query)]


def _in_force(
    hold_ids: list[int] | None,
    company_cnpj: str | None,
    sale: str | None,
    installment: int | None,
    debtor_document: str | None,
):
    """The ids of the holds in force named by id, or by sale and installment (optionally
    one debtor's)."""
    chosen = select(Hold.id).where(Hold.lifted_at.is_(None))
    if hold_ids is not None:
        return chosen.where(Hold.id.in_(hold_ids))
    if not (company_cnpj and sale and installment):
        raise HoldError("Informe a venda (CNPJ:VENDA) e a parcela do bloqueio.")
    try:
        cnpj = parse_cnpj(company_cnpj).value
    except InvalidDocument as exc:
        raise HoldError(str(exc)) from None
    item = (
        select(Installment.id)
        .join(Sale, Sale.id == Installment.sale_id)
        .join(Company, Company.id == Sale.company_id)
        .where(Company.cnpj == cnpj, Sale.number == sale, Installment.number == installment)
    )
    chosen = chosen.where(Hold.installment_id.in_(item))
    if debtor_document:
        digits = "".join(ch for ch in debtor_document if ch.isalnum()).upper()
        chosen = chosen.where(
            Hold.customer_id.in_(select(Customer.id).where(Customer.document == digits))
        )
    return chosen


def _reason(reason: str) -> str:
    reason = reason.strip()
    if len(reason) < 5:
        raise HoldError("Informe o motivo (ex.: acordo quebrado em 10/11, decisão revogada).")
    return reason[:200]


def lift(
    session_factory: sessionmaker[Session],
    actor: Actor,
    *,
    reason: str,
    hold_ids: list[int] | None = None,
    company_cnpj: str | None = None,
    sale: str | None = None,
    installment: int | None = None,
    debtor_document: str | None = None,
) -> int:
    """Lift holds (by id, or by sale and installment, optionally one debtor's) with a
    reason; returns how many. Audited."""
    actor.require(Perm.NEG_BAIXA_MANUAL)
    reason = _reason(reason)
    chosen = _in_force(hold_ids, company_cnpj, sale, installment, debtor_document)
    with session_factory.begin() as session:
        ids = list(session.scalars(chosen))
        if not ids:
            return 0
        session.execute(
            update(Hold)
            .where(Hold.id.in_(ids), Hold.lifted_at.is_(None))
            .values(lifted_at=utc_now(), lifted_by=actor.login, lift_reason=reason)
        )
        audit.record(
            session,
            actor,
            "bloqueio.retirar",
            entity="hold",
            entity_key=",".join(map(str, ids[:50])),
            details={"quantidade": len(ids), "motivo": reason},
        )
    return len(ids)


def set_until(
    session_factory: sessionmaker[Session],
    actor: Actor,
    *,
    until: date | None,
    reason: str,
    company_cnpj: str,
    sale: str,
    installment: int,
    debtor_document: str | None = None,
) -> int:
    """Give holds in force an end date (the item may be included again the day after), or
    take it away (``None``: until lifted by hand); returns how many. Audited. A court
    order's hold keeps no end date: only a person lifts it (DESIGN §5.6)."""
    actor.require(Perm.NEG_BAIXA_MANUAL)
    reason = _reason(reason)
    chosen = _in_force(None, company_cnpj, sale, installment, debtor_document)
    with session_factory.begin() as session:
        found = session.execute(select(Hold.id, Hold.origin).where(Hold.id.in_(chosen))).all()
        if until is not None and any(o == HoldOrigin.COURT_ORDER for _, o in found):
            raise HoldError(
                "Bloqueio por ordem judicial não tem data final: retire-o com o motivo quando a "
                "ordem for revogada."
            )
        ids = [i for i, _ in found]
        if not ids:
            return 0
        session.execute(update(Hold).where(Hold.id.in_(ids)).values(until=until))
        audit.record(
            session,
            actor,
            "bloqueio.data_final",
            entity="hold",
            entity_key=",".join(map(str, ids[:50])),
            details={"ate": until.isoformat() if until else None, "motivo": reason},
        )
    return len(ids)


__all__ = [
    "HOLDING_TRIGGERS",
    "HoldError",
    "HoldInfo",
    "hold_by_trigger",
    "hold_removed",
    "holds_for",
    "lift",
    "list_holds",
    "set_until",
]
