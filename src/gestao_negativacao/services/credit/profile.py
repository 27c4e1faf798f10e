"""A customer's credit profile (DESIGN §10): status, limit, temporary increases, what is
used and what is left. Changes audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.models import (
    CreditLimitIncrease,
    CreditProfile,
    Customer,
    Installment,
    Sale,
)
from gestao_negativacao.domain.credit import (
    STATUS_LABELS,
)
from gestao_negativacao.domain.documents import InvalidDocument, parse_document
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.admin import parameters
from gestao_negativacao.services.credit.common import ZERO, CreditError


@dataclass(frozen=True)
class Profile:
    customer_id: int
    document: str
    name: str
    status: str
    limit: Decimal  # the normal limit; 0 = unlimited
    increase: Decimal  # temporary increases in force today
    used: Decimal
    overdue: Decimal
    notary: Decimal

    @property
    def effective_limit(self) -> Decimal:
        return ZERO if self.limit == 0 else self.limit + self.increase

    @property
    def balance(self) -> Decimal | None:
        return None if self.limit == 0 else self.effective_limit - self.used


def _customer(session: Session, document: str) -> Customer:
    try:
        bare = parse_document(document).value
    except InvalidDocument as exc:
        raise CreditError(str(exc)) from None
    customer = session.scalar(select(Customer).where(Customer.document == bare))
    if customer is None:
        raise CreditError(f"Cliente {document} não encontrado: importe-o do ERP primeiro.")
    return customer


def _sums(session: Session, customer_id: int, as_of: date, notary_days: int):
    """Open, overdue and "em cartório" amounts of the titles the customer holds."""
    base = (
        select(func.coalesce(func.sum(Installment.open_amount), 0))
        .join(Sale, Sale.id == Installment.sale_id)
        .where(Sale.holder_id == customer_id, Installment.open_amount > 0)
    )
    used = session.scalar(base) or ZERO
    overdue = session.scalar(base.where(Installment.effective_due_date < as_of)) or ZERO
    cutoff = as_of - timedelta(days=notary_days)
    notary = session.scalar(base.where(Installment.effective_due_date < cutoff)) or ZERO
    return Decimal(used), Decimal(overdue), Decimal(notary)


def profile(
    session_factory: sessionmaker[Session], document: str, as_of: date | None = None
) -> Profile:
    as_of = as_of or date.today()
    notary_days = parameters.credit(session_factory).notary_days
    with session_factory() as session:
        customer = _customer(session, document)
        return _profile(session, customer, as_of, notary_days)


def _profile(session: Session, customer: Customer, as_of: date, notary_days: int) -> Profile:
    stored = session.get(CreditProfile, customer.id)
    increase = session.scalar(
        select(func.coalesce(func.sum(CreditLimitIncrease.amount), 0)).where(
            CreditLimitIncrease.customer_id == customer.id,
            CreditLimitIncrease.expires_on >= as_of,
        )
    )
    used, overdue, notary = _sums(session, customer.id, as_of, notary_days)
    return Profile(
        customer.id,
        customer.document,
        customer.name,
        stored.status if stored else "liberado",
        stored.credit_limit if stored else ZERO,
        Decimal(increase or 0),
        used,
        overdue,
        notary,
    )


def set_profile(
    session_factory: sessionmaker[Session],
    actor: Actor,
    document: str,
    *,
    status: str,
    limit: Decimal,
) -> None:
    actor.require(Perm.CREDITO_ANALISE)
    if status not in STATUS_LABELS:
        raise CreditError(f"Situação de crédito inválida: {status}.")
    if limit < 0:
        raise CreditError("O limite de crédito não pode ser negativo (0 = sem limite).")
    with session_factory.begin() as session:
        customer = _customer(session, document)
        stored = session.get(CreditProfile, customer.id)
        before = (stored.status, str(stored.credit_limit)) if stored else ("liberado", "0.00")
        if stored is None:
            stored = CreditProfile(customer_id=customer.id)
            session.add(stored)
        stored.status, stored.credit_limit, stored.updated_by = status, limit, actor.login
        audit.record(
            session,
            actor,
            "credito.perfil",
            entity="customer",
            entity_key=str(customer.id),  # the id: a full CPF never enters the audit log
            details={"antes": before, "depois": [status, str(limit)]},
        )


def add_increase(
    session_factory: sessionmaker[Session],
    actor: Actor,
    document: str,
    amount: Decimal,
    expires_on: date,
) -> None:
    """A temporary credit-limit increase, in force until ``expires_on`` (inclusive)."""
    actor.require(Perm.CREDITO_ANALISE)
    if amount <= 0:
        raise CreditError("O aumento temporário deve ser maior que zero.")
    with session_factory.begin() as session:
        customer = _customer(session, document)
        session.add(
            CreditLimitIncrease(
                customer_id=customer.id,
                amount=amount,
                expires_on=expires_on,
                created_by=actor.login,
            )
        )
        audit.record(
            session,
            actor,
            "credito.aumento_temporario",
            entity="customer",
            entity_key=str(customer.id),  # the id: a full CPF never enters the audit log
            details={"valor": str(amount), "ate": expires_on.isoformat()},
        )
