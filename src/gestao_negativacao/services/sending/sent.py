"""Enviados: the negativations with their state, filtered (``sent`` on the command line,
the Enviados screen), and resending what the bureau refused once its data was fixed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.base import utc_now
from gestao_negativacao.db.models import (
    Company,
    Customer,
    Installment,
    Negativation,
    NegativationEvent,
    Sale,
)
from gestao_negativacao.domain.documents import InvalidDocument, parse_cnpj, parse_document
from gestao_negativacao.domain.enums import (
    EventKind,
    Integrator,
    NegativationStatus,
    Processing,
    labels,
)
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.joins import negativation_context, recognised_by
from gestao_negativacao.services.listing import Column, PagedQuery, labelled
from gestao_negativacao.services.sending.enqueue import enqueue_inclusions, enqueue_removals
from gestao_negativacao.services.sending.release import SendingError

N = Negativation.__table__
LOCAL = ZoneInfo("America/Sao_Paulo")


@dataclass(frozen=True)
class SentFilter:
    status: tuple[str, ...] = ()
    processing: str | None = None
    integrator: str | None = None
    company_cnpj: str | None = None
    customer_document: str | None = None
    since: date | None = None  # by the date it was sent (created), local dates
    until: date | None = None
    rule_id: int | None = None
    to_check: bool = False  # only what a person must check (a removal the bureau did not find)

    def checked(self) -> SentFilter:
        known = {s.value for s in NegativationStatus}
        for status in self.status:
            if status not in known:
                raise SendingError(f"Situação desconhecida: {status}. Use {', '.join(known)}.")
        if self.processing and self.processing not in {p.value for p in Processing}:
            raise SendingError("Processamento deve ser ok, pendente ou liberada.")
        if self.integrator and self.integrator not in {i.value for i in Integrator}:
            names = ", ".join(i.value for i in Integrator)
            raise SendingError(f"Integradora desconhecida: {self.integrator}. Use {names}.")
        return self


@dataclass(frozen=True)
class SentItem:
    negativation_id: int
    company_cnpj: str
    sale: str
    installment: int
    debtor_document: str
    debtor_name: str
    debtor_role: str
    integrator: str
    status: str
    processing: str
    protocol: str | None
    included_at: datetime | None
    removed_at: datetime | None
    message: str | None
    removal_protocol: str | None = None
    visible_from: date | None = None

    def as_json(self) -> dict:
        """The ``sent --json`` shape of DESIGN §13."""

        def instant(value: datetime | None) -> str | None:
            return value.isoformat() if value else None

        return {
            "company_cnpj": self.company_cnpj,
            "sale": self.sale,
            "installment": self.installment,
            "debtor_document": self.debtor_document,
            "debtor_role": self.debtor_role,
            "integrator": self.integrator,
            "status": self.status,
            "processing": self.processing,
            "protocol": self.protocol,
            "removal_protocol": self.removal_protocol,
            "included_at": instant(self.included_at),
            "visible_from": self.visible_from.isoformat() if self.visible_from else None,
            "removed_at": instant(self.removed_at),
            "message": self.message,
        }


def _query(where: SentFilter) -> Select:
    query = select(
        Negativation.id,
        Company.cnpj,
        Sale.number,
        Installment.number,
        Customer.document,
        Customer.name,
        Negativation.debtor_role,
        Negativation.integrator,
        Negativation.status,
        Negativation.processing,
        Negativation.protocol,
        Negativation.included_at,
        Negativation.removed_at,
        Negativation.message,
        Negativation.removal_protocol,
        Negativation.visible_from,
    )
    query = negativation_context(query)
    if where.status:
        query = query.where(Negativation.status.in_(where.status))
    if where.processing:
        query = query.where(Negativation.processing == where.processing)
    if where.integrator:
        query = query.where(Negativation.integrator == where.integrator)
    try:
        if where.company_cnpj:
            query = query.where(Company.cnpj == parse_cnpj(where.company_cnpj).value)
        if where.customer_document:
            query = query.where(Customer.document == parse_document(where.customer_document).value)
    except InvalidDocument as exc:
        raise SendingError(str(exc)) from None
    if where.since:
        start = datetime.combine(where.since, time.min, LOCAL)
        query = query.where(Negativation.created_at >= start)
    if where.until:
        end = datetime.combine(where.until, time.max, LOCAL)
        query = query.where(Negativation.created_at <= end)
    if where.rule_id is not None:
        query = query.where(Negativation.rule_id == where.rule_id)
    if where.to_check:
        query = query.where(Negativation.attention.is_not(None))
    return query


def list_sent(
    session_factory: sessionmaker[Session],
    where: SentFilter | None = None,
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[SentItem]:
    query = _query((where or SentFilter()).checked()).order_by(Negativation.id).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    with session_factory() as session:
        return [SentItem(*row) for row in session.execute(query)]


def resend(
    session_factory: sessionmaker[Session], actor: Actor, negativation_ids: list[int]
) -> int:
    """Queue again the given negativations in erro (after their data was fixed): an
    inclusion the bureau refused is included again; a removal it refused (the record is
    still there: included, never removed) is removed again. Returns how many were queued."""
    with session_factory() as session:
        rows = session.execute(
            select(N.c.id, N.c.integrator, N.c.included_at, N.c.removed_at).where(
                N.c.id.in_(negativation_ids), N.c.status == NegativationStatus.ERROR
            )
        ).all()
    removals = [r.id for r in rows if r.included_at is not None and r.removed_at is None]
    inclusions: dict[str, list[int]] = {}
    for row in rows:
        if row.id not in removals:
            inclusions.setdefault(row.integrator, []).append(row.id)
    if removals:
        actor.require(Perm.NEG_BAIXAR)
    if inclusions:
        actor.require(Perm.NEG_INCLUIR)
    queued = 0
    for integrator, ids in inclusions.items():
        selection = select(N.c.installment_id, N.c.customer_id, N.c.debtor_role).where(
            N.c.id.in_(ids)
        )
        queued += enqueue_inclusions(session_factory, actor, selection, integrator).queued
    if removals:
        with session_factory.begin() as session:
            session.execute(
                update(N)
                .where(N.c.id.in_(removals), N.c.status == NegativationStatus.ERROR)
                .values(status=NegativationStatus.ACTIVE, updated_at=utc_now())
            )
        selection = select(N.c.id.label("negativation_id")).where(N.c.id.in_(removals))
        queued += enqueue_removals(session_factory, actor, selection).queued
    return queued


def sent_listing(
    session_factory: sessionmaker[Session], where: SentFilter | None = None
) -> PagedQuery:
    """Enviados as the grid's paged source."""
    query = _query((where or SentFilter()).checked())
    columns = [
        Column("id", "Id", Negativation.id, "number"),
        Column("status", "Situação", Negativation.status, "status", searchable=True),
        Column("processing", "Processamento", Negativation.processing, "processing"),
        Column("integrator", "Integradora", Negativation.integrator, "integrator"),
        # when, before who: at 1366×768 the dates are in sight, the rest scrolls
        Column("included_at", "Incluída em", Negativation.included_at, "datetime"),
        Column("removed_at", "Baixada em", Negativation.removed_at, "datetime"),
        *recognised_by(),
        Column("role", "Papel", Negativation.debtor_role, "role"),
        Column("amount", "Em aberto", Installment.open_amount, "money"),
        Column("visible_from", "Visível a partir de", Negativation.visible_from, "date"),
        Column("protocol", "Protocolo", Negativation.protocol, searchable=True),
        Column(
            "removal_protocol",
            "Protocolo da baixa",
            Negativation.removal_protocol,
            searchable=True,
        ),
        Column("message", "Mensagem do birô", Negativation.message),
    ]
    query = query.with_only_columns(*labelled(columns), maintain_column_froms=True)
    return PagedQuery(session_factory, query, columns, default_order="id")


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    kind: str
    status_before: str | None
    status_after: str | None
    login: str
    workstation: str
    protocol: str | None
    message: str | None


EVENT_NAMES = labels(EventKind)


def mark_checked(
    session_factory: sessionmaker[Session], actor: Actor, negativation_ids: list[int], note: str
) -> int:
    """Someone checked at the bureau's site what the Painel asked to check (a removal the
    bureau did not find): the warning ends, with who, when and what they saw."""
    actor.require(Perm.NEG_BAIXAR)
    note = note.strip()
    if not note:
        raise SendingError("Diga o que foi conferido (por exemplo: 'não consta no site do birô').")
    now = utc_now()
    with session_factory.begin() as session:
        ids = list(
            session.scalars(
                select(N.c.id).where(N.c.id.in_(negativation_ids), N.c.attention.is_not(None))
            )
        )
        if not ids:
            return 0
        session.execute(update(N).where(N.c.id.in_(ids)).values(attention=None, updated_at=now))
        session.execute(
            NegativationEvent.__table__.insert(),
            [
                {
                    "negativation_id": nid,
                    "at": now,
                    "kind": EventKind.CHECKED,
                    "status_before": None,
                    "status_after": None,
                    "user_id": actor.user_id,
                    "login": actor.login,
                    "workstation": actor.workstation,
                    "protocol": None,
                    "message": note,
                }
                for nid in ids
            ],
        )
        audit.record(
            session,
            actor,
            "envio.conferida",
            entity="negativation",
            entity_key=",".join(map(str, ids[:50])),
            details={"quantidade": len(ids), "nota": note[:200]},
        )
    return len(ids)


def history(session_factory: sessionmaker[Session], negativation_id: int) -> list[HistoryEntry]:
    """The negativation's timeline, oldest first (who, when, what, the bureau's answer)."""
    with session_factory() as session:
        rows = session.execute(
            select(
                NegativationEvent.at,
                NegativationEvent.kind,
                NegativationEvent.status_before,
                NegativationEvent.status_after,
                NegativationEvent.login,
                NegativationEvent.workstation,
                NegativationEvent.protocol,
                NegativationEvent.message,
            )
            .where(NegativationEvent.negativation_id == negativation_id)
            .order_by(NegativationEvent.id)
        ).all()
    return [HistoryEntry(*row) for row in rows]


@dataclass(frozen=True)
class OtherRecord:
    """Another active negativation of the same debtor (Súmula 385 of the STJ: a debtor with
    a legitimate earlier record is owed no damages for a later one, so the clerk and the
    lawyer want to see them together)."""

    negativation_id: int
    integrator: str
    company_name: str
    sale: str
    installment: int
    included_on: date | None
    visible_from: date | None


def other_active(
    session_factory: sessionmaker[Session], negativation_id: int, limit: int = 50
) -> list[OtherRecord]:
    """The debtor's other active negativations held here, at every integrator, oldest
    first."""
    with session_factory() as session:
        customer = session.scalar(
            select(Negativation.customer_id).where(Negativation.id == negativation_id)
        )
    if customer is None:
        return []
    return active_of_debtor(session_factory, customer, but=negativation_id, limit=limit)


def active_of_debtor(
    session_factory: sessionmaker[Session],
    customer_id: int,
    *,
    but: int | None = None,
    limit: int = 50,
) -> list[OtherRecord]:
    """A debtor's active negativations (except ``but``), at every integrator, oldest first."""
    customer = customer_id
    query = select(
        Negativation.id,
        Negativation.integrator,
        Company.name,
        Sale.number,
        Installment.number,
        Negativation.included_on,
        Negativation.visible_from,
    )
    with session_factory() as session:
        rows = session.execute(
            negativation_context(query, debtor=False)
            .where(
                Negativation.customer_id == customer,
                Negativation.status == NegativationStatus.ACTIVE,
                Negativation.id != (but or 0),
            )
            .order_by(Negativation.included_on, Negativation.id)
            .limit(limit)
        ).all()
    return [OtherRecord(*row) for row in rows]
