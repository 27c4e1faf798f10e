"""Agreements (acordos, DESIGN §5.6): a debtor agrees to pay overdue installments on a new
plan. While the agreement is kept, the original installments are held at every integrator
(reason ``held``) and their active negativations are removed by the removal flow (trigger
``agreement``); once one of the plan's installments is not paid by its deadline (its due
date plus the tolerance in Parâmetros when the agreement was made) the agreement is broken,
its holds end by themselves and the originals are candidates again.

Broken or kept is a matter of dates, read on each ``as_of`` (``rules.sql._holding``), so an
evaluation for any date agrees with the rules and nothing has to run at midnight. The plan's
payments are recorded here by hand: the ERP's export carries the original installments only.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from sqlalchemy import and_, case, exists, func, or_, select, type_coerce, union
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.base import Money
from gestao_negativacao.db.models import (
    Agreement,
    AgreementInstallment,
    Company,
    Customer,
    Hold,
    Installment,
    Sale,
    SaleGuarantor,
)
from gestao_negativacao.domain.documents import InvalidDocument, parse_cnpj, parse_document
from gestao_negativacao.domain.enums import HoldOrigin
from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.domain.money import format_brl
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.rules.facts import agreement_broken_from
from gestao_negativacao.rules.sql import missed_deadline, under_agreement
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.admin import parameters
from gestao_negativacao.services.joins import to_sale
from gestao_negativacao.services.listing import Column, PagedQuery, selecting

MAX_PLAN = 120  # installments in one agreement


class AgreementError(UserFacingError, ValueError):
    """The agreement cannot be made or changed as asked; the message says why."""


@dataclass(frozen=True)
class OverdueInstallment:
    """An original installment an agreement may cover."""

    installment_id: int
    sale: str
    number: int
    due_date: date
    open_amount: Decimal


@dataclass(frozen=True)
class PlanInstallment:
    number: int
    due_date: date
    amount: Decimal
    deadline: date
    paid_on: date | None


@dataclass(frozen=True)
class AgreementInfo:
    id: int
    company_cnpj: str
    debtor_document: str
    debtor_name: str
    made_on: date
    created_by: str
    note: str
    tolerance_days: int
    plan: tuple[PlanInstallment, ...]
    originals: tuple[str, ...]  # "V-001/3", the installments it covers
    broken_from: date | None  # the first day it counts as broken (None: kept so far)
    as_of: date

    @property
    def total(self) -> Decimal:
        return sum((p.amount for p in self.plan), Decimal("0.00"))

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.plan if self._paid(p)), Decimal("0.00"))

    @property
    def status(self) -> str:
        """Its standing on ``as_of``, in the words of the screen."""
        if self.broken_from is not None and self.as_of >= self.broken_from:
            return f"quebrado em {self.broken_from:%d/%m/%Y}"
        if all(self._paid(p) for p in self.plan):
            return "cumprido"
        return "em dia"

    def _paid(self, p: PlanInstallment) -> bool:
        return p.paid_on is not None and p.paid_on <= self.as_of

    @property
    def kept(self) -> bool:
        return not self.status.startswith("quebrado")

    @property
    def next_due(self) -> PlanInstallment | None:
        return next((p for p in self.plan if not self._paid(p)), None)

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "company_cnpj": self.company_cnpj,
            "debtor_document": self.debtor_document,
            "made_on": self.made_on.isoformat(),
            "created_by": self.created_by,
            "note": self.note,
            "status": "broken" if not self.kept else ("kept" if self.next_due else "fulfilled"),
            "broken_from": self.broken_from.isoformat() if not self.kept else None,
            "installments": list(self.originals),
            "plan": [
                {
                    "number": p.number,
                    "due_date": p.due_date.isoformat(),
                    "amount": str(p.amount),
                    "deadline": p.deadline.isoformat(),
                    "paid_on": p.paid_on.isoformat() if p.paid_on else None,
                }
                for p in self.plan
            ],
        }


def _company_and_debtor(session: Session, company_cnpj: str, debtor_document: str):
    try:
        cnpj = parse_cnpj(company_cnpj).value
        document = parse_document(debtor_document).value
    except InvalidDocument as exc:
        raise AgreementError(str(exc)) from None
    company = session.scalar(select(Company).where(Company.cnpj == cnpj))
    if company is None:
        raise AgreementError(f"Empresa {company_cnpj} não encontrada na carteira.")
    debtor = session.scalar(select(Customer).where(Customer.document == document))
    if debtor is None:
        raise AgreementError(f"Devedor {debtor_document} não encontrado na carteira.")
    return company, debtor


def _overdue_query(company_id: int, debtor_id: int, as_of: date):
    """The debtor's open installments past due on ``as_of`` at the company, as holder or
    guarantor, that no kept agreement covers already."""
    sales = union(
        select(Sale.id).where(Sale.company_id == company_id, Sale.holder_id == debtor_id),
        select(SaleGuarantor.sale_id)
        .join(Sale, Sale.id == SaleGuarantor.sale_id)
        .where(Sale.company_id == company_id, SaleGuarantor.customer_id == debtor_id),
    ).subquery()
    return (
        select(
            Installment.id,
            Sale.number,
            Installment.number,
            Installment.due_date,
            Installment.open_amount,
        )
        .join(Sale, Sale.id == Installment.sale_id)
        .where(
            Installment.sale_id.in_(select(sales.c.id)),
            Installment.open_amount > 0,
            Installment.effective_due_date < as_of,
            ~under_agreement(Installment.id, debtor_id, as_of),
        )
        .order_by(Installment.due_date, Sale.number, Installment.number)
    )


def overdue_installments(
    session_factory: sessionmaker[Session], company_cnpj: str, debtor_document: str, as_of: date
) -> list[OverdueInstallment]:
    """What an agreement with this debtor may cover, oldest first."""
    with session_factory() as session:
        company, debtor = _company_and_debtor(session, company_cnpj, debtor_document)
        rows = session.execute(_overdue_query(company.id, debtor.id, as_of))
        return [OverdueInstallment(*row) for row in rows]


def parse_plan(text: str) -> list[tuple[date, Decimal]]:
    """A plan as the command line takes it: ``AAAA-MM-DD:VALOR`` separated by commas."""
    plan = []
    for part in (p.strip() for p in text.split(",") if p.strip()):
        when, _, value = part.partition(":")
        try:
            plan.append((date.fromisoformat(when.strip()), Decimal(value.strip())))
        except (ValueError, InvalidOperation):
            raise AgreementError(
                f"Parcela do acordo inválida: {part!r}. Use AAAA-MM-DD:VALOR, "
                "por exemplo 2026-12-10:150.00."
            ) from None
    return plan


def even_plan(total: Decimal, count: int, first_due: date) -> list[tuple[date, Decimal]]:
    """``total`` in ``count`` monthly installments from ``first_due``; the cents left over go
    to the first one, so the plan adds up to the total exactly."""
    if count < 1 or count > MAX_PLAN:
        raise AgreementError(f"Número de parcelas do acordo: de 1 a {MAX_PLAN}.")
    share = (total / count).quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    first = total - share * (count - 1)
    plan = []
    for n in range(count):
        month = first_due.month - 1 + n
        year = first_due.year + month // 12
        month = month % 12 + 1
        day = min(first_due.day, calendar.monthrange(year, month)[1])
        plan.append((date(year, month, day), first if n == 0 else share))
    return plan


def _check_plan(plan: list[tuple[date, Decimal]], as_of: date) -> None:
    if not plan:
        raise AgreementError("Informe ao menos uma parcela do acordo (vencimento e valor).")
    if len(plan) > MAX_PLAN:
        raise AgreementError(f"Um acordo tem no máximo {MAX_PLAN} parcelas.")
    for number, (due, amount) in enumerate(plan, start=1):
        if amount <= 0 or amount != amount.quantize(Decimal("0.01")):
            raise AgreementError(
                f"Parcela {number} do acordo: valor {amount} inválido (positivo, em centavos)."
            )
        if due < as_of:
            raise AgreementError(
                f"Parcela {number} do acordo vence em {due:%d/%m/%Y}, antes de hoje "
                f"({as_of:%d/%m/%Y})."
            )
    dates = [due for due, _ in plan]
    if dates != sorted(dates):
        raise AgreementError("As parcelas do acordo devem estar em ordem de vencimento.")


def make_agreement(
    session_factory: sessionmaker[Session],
    actor: Actor,
    *,
    company_cnpj: str,
    debtor_document: str,
    plan: list[tuple[date, Decimal]],
    as_of: date,
    installments: list[tuple[str, int]] | None = None,
    note: str = "",
) -> AgreementInfo:
    """Record an agreement over the debtor's overdue installments (``installments`` as
    (sale, number); None: all of them) and hold them, for every debtor of each one."""
    actor.require(Perm.NEG_BAIXA_MANUAL)
    _check_plan(plan, as_of)
    tolerance = parameters.general(session_factory).agreement_tolerance_days
    with session_factory.begin() as session:
        company, debtor = _company_and_debtor(session, company_cnpj, debtor_document)
        overdue = [
            OverdueInstallment(*row)
            for row in session.execute(_overdue_query(company.id, debtor.id, as_of))
        ]
        if installments is not None:
            wanted = {(sale, number) for sale, number in installments}
            chosen = [o for o in overdue if (o.sale, o.number) in wanted]
            missing = wanted - {(o.sale, o.number) for o in chosen}
            if missing:
                shown = ", ".join(f"{s}/{n}" for s, n in sorted(missing))
                raise AgreementError(
                    f"Parcelas que não estão vencidas e em aberto para este devedor, ou que já "
                    f"estão em outro acordo em dia: {shown}."
                )
        else:
            chosen = overdue
        if not chosen:
            raise AgreementError(
                "Este devedor não tem parcelas vencidas em aberto nesta empresa fora de um "
                "acordo em dia."
            )
        agreement = Agreement(
            company_id=company.id,
            customer_id=debtor.id,
            note=note.strip()[:200],
            tolerance_days=tolerance,
            made_on=as_of,
            created_by=actor.login,
        )
        session.add(agreement)
        session.flush()
        for number, (due, amount) in enumerate(plan, start=1):
            session.add(
                AgreementInstallment(
                    agreement_id=agreement.id,
                    number=number,
                    due_date=due,
                    amount=amount,
                    deadline=due + timedelta(days=tolerance),
                )
            )
        reason = f"acordo nº {agreement.id}"
        for item in chosen:
            for customer_id in _debtors_of(session, item.installment_id):
                session.add(
                    Hold(
                        installment_id=item.installment_id,
                        customer_id=customer_id,
                        origin=HoldOrigin.AGREEMENT.value,
                        reason=reason,
                        agreement_id=agreement.id,
                        created_by=actor.login,
                    )
                )
        audit.record(
            session,
            actor,
            "acordo.registrar",
            entity="agreement",
            entity_key=str(agreement.id),
            details={
                "empresa": company.cnpj,
                "parcelas_originais": [f"{o.sale}/{o.number}" for o in chosen],
                "parcelas_do_acordo": len(plan),
                "total": str(sum((a for _, a in plan), Decimal("0.00"))),
                "tolerancia_dias": tolerance,
            },
        )
        agreement_id = agreement.id
    return get_agreement(session_factory, agreement_id, as_of)


def _debtors_of(session: Session, installment_id: int) -> list[int]:
    """The holder and the guarantors of the installment's sale: the debt is under agreement,
    whoever of them answers for it at a bureau."""
    sale = select(Installment.sale_id).where(Installment.id == installment_id).scalar_subquery()
    holder = session.scalar(select(Sale.holder_id).where(Sale.id == sale))
    guarantors = session.scalars(
        select(SaleGuarantor.customer_id).where(SaleGuarantor.sale_id == sale)
    )
    return sorted({holder, *guarantors})


def record_payment(
    session_factory: sessionmaker[Session],
    actor: Actor,
    agreement_id: int,
    number: int,
    paid_on: date,
) -> AgreementInfo:
    """An installment of the plan paid on ``paid_on`` (by the deadline keeps the agreement;
    after it, the agreement was broken the day after the deadline all the same)."""
    actor.require(Perm.NEG_BAIXA_MANUAL)
    with session_factory.begin() as session:
        row = session.scalar(
            select(AgreementInstallment).where(
                AgreementInstallment.agreement_id == agreement_id,
                AgreementInstallment.number == number,
            )
        )
        if row is None:
            raise AgreementError(f"O acordo nº {agreement_id} não tem a parcela {number}.")
        if row.paid_on is not None:
            raise AgreementError(
                f"A parcela {number} do acordo nº {agreement_id} já foi paga em "
                f"{row.paid_on:%d/%m/%Y}."
            )
        row.paid_on = paid_on
        row.paid_by = actor.login
        audit.record(
            session,
            actor,
            "acordo.pagamento",
            entity="agreement",
            entity_key=str(agreement_id),
            details={
                "parcela": number,
                "pago_em": paid_on.isoformat(),
                "no_prazo": paid_on <= row.deadline,
            },
        )
    return get_agreement(session_factory, agreement_id, paid_on)


def _infos(session: Session, query, as_of: date) -> list[AgreementInfo]:
    agreements = session.execute(query).all()
    ids = [a.id for a, _, _, _ in agreements]
    plans: dict[int, list[PlanInstallment]] = {i: [] for i in ids}
    originals: dict[int, set[str]] = {i: set() for i in ids}
    if ids:
        for p in session.scalars(
            select(AgreementInstallment)
            .where(AgreementInstallment.agreement_id.in_(ids))
            .order_by(AgreementInstallment.agreement_id, AgreementInstallment.number)
        ):
            plans[p.agreement_id].append(
                PlanInstallment(p.number, p.due_date, p.amount, p.deadline, p.paid_on)
            )
        covered = to_sale(
            select(Hold.agreement_id, Sale.number, Installment.number),
            Hold.installment_id,
            company=False,
        ).where(Hold.agreement_id.in_(ids))
        for agreement_id, sale, number in session.execute(covered):
            originals[agreement_id].add(f"{sale}/{number}")
    return [
        AgreementInfo(
            a.id,
            cnpj,
            document,
            name,
            a.made_on,
            a.created_by,
            a.note,
            a.tolerance_days,
            tuple(plans[a.id]),
            tuple(sorted(originals[a.id])),
            agreement_broken_from((p.deadline, p.paid_on) for p in plans[a.id]),
            as_of,
        )  # fmt: skip
        for a, cnpj, document, name in agreements
    ]


def _base_query():
    return (
        select(Agreement, Company.cnpj, Customer.document, Customer.name)
        .join(Company, Company.id == Agreement.company_id)
        .join(Customer, Customer.id == Agreement.customer_id)
    )


def get_agreement(session_factory: sessionmaker[Session], agreement_id: int, as_of: date):
    with session_factory() as session:
        found = _infos(session, _base_query().where(Agreement.id == agreement_id), as_of)
    if not found:
        raise AgreementError(f"Acordo nº {agreement_id} não encontrado.")
    return found[0]


def list_agreements(
    session_factory: sessionmaker[Session],
    as_of: date,
    *,
    debtor_document: str | None = None,
    only_kept: bool = False,
    limit: int = 5000,
) -> list[AgreementInfo]:
    """Agreements, newest first, with their standing on ``as_of``."""
    query = _base_query().order_by(Agreement.id.desc()).limit(limit)
    if debtor_document:
        digits = "".join(ch for ch in debtor_document if ch.isalnum()).upper()
        query = query.where(Customer.document == digits)
    with session_factory() as session:
        infos = _infos(session, query, as_of)
    return [i for i in infos if i.kept] if only_kept else infos


def kept_count(session_factory: sessionmaker[Session], as_of: date) -> int:
    """Agreements kept on ``as_of`` (for the Painel)."""
    late = (
        select(AgreementInstallment.agreement_id)
        .where(missed_deadline(AgreementInstallment, as_of))
        .distinct()
    )
    with session_factory() as session:
        return (
            session.scalar(
                select(func.count()).select_from(Agreement).where(and_(~Agreement.id.in_(late)))
            )
            or 0
        )


def listing(session_factory: sessionmaker[Session], as_of: date) -> PagedQuery:
    """The Acordos screen's list, with each agreement's standing on ``as_of``."""
    ai = AgreementInstallment
    total = (
        select(func.coalesce(func.sum(ai.amount), 0))
        .where(ai.agreement_id == Agreement.id)
        .scalar_subquery()
    )
    paid = (
        select(func.coalesce(func.sum(ai.amount), 0))
        .where(ai.agreement_id == Agreement.id, ai.paid_on.is_not(None), ai.paid_on <= as_of)
        .scalar_subquery()
    )
    late = exists().where(ai.agreement_id == Agreement.id, missed_deadline(ai, as_of))
    open_left = exists().where(
        ai.agreement_id == Agreement.id, or_(ai.paid_on.is_(None), ai.paid_on > as_of)
    )
    next_due = (
        select(func.min(ai.due_date))
        .where(ai.agreement_id == Agreement.id, or_(ai.paid_on.is_(None), ai.paid_on > as_of))
        .scalar_subquery()
    )
    status = case((late, "quebrado"), (open_left, "em dia"), else_="cumprido")
    columns = [
        Column("id", "Nº", Agreement.id, "number"),
        Column("debtor", "Devedor", Customer.name, searchable=True),
        Column("document", "CPF/CNPJ", Customer.document, "document", searchable=True),
        Column("company", "Empresa", Company.name, searchable=True),
        Column("made_on", "Feito em", Agreement.made_on, "date"),
        Column("status", "Situação", status, searchable=True),
        Column("total", "Total", type_coerce(total, Money), "money"),
        Column("paid", "Pago", type_coerce(paid, Money), "money"),
        Column("next_due", "Próximo vencimento", next_due, "date"),
        Column("created_by", "Registrado por", Agreement.created_by, searchable=True),
        Column("note", "Observação", Agreement.note, searchable=True),
    ]
    query = (
        selecting(columns)
        .join(Company, Company.id == Agreement.company_id)
        .join(Customer, Customer.id == Agreement.customer_id)
    )
    return PagedQuery(session_factory, query, columns, default_order="id")


def describe(info: AgreementInfo) -> str:
    """One line for a status bar or the command line."""
    nxt = info.next_due
    tail = f"; próxima parcela {nxt.number} em {nxt.due_date:%d/%m/%Y}" if nxt and info.kept else ""
    return (
        f"Acordo nº {info.id} ({info.status}): {len(info.plan)} parcela(s), "
        f"{format_brl(info.total)}, cobrindo {', '.join(info.originals)}{tail}."
    )


__all__ = [
    "AgreementError",
    "AgreementInfo",
    "OverdueInstallment",
    "PlanInstallment",
    "describe",
    "even_plan",
    "get_agreement",
    "kept_count",
    "list_agreements",
    "listing",
    "make_agreement",
    "overdue_installments",
    "parse_plan",
    "record_payment",
]
