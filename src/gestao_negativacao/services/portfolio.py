"""Read-only figures about the portfolio for the window and reports."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.models import Company, Customer, Installment, Sale


@dataclass(frozen=True)
class PortfolioSummary:
    companies: int
    customers: int
    sales: int
    installments: int
    open_amount: Decimal


def summary(session_factory: sessionmaker[Session]) -> PortfolioSummary:
    with session_factory() as session:

        def count(model) -> int:
            return session.scalar(select(func.count()).select_from(model)) or 0

        open_amount = session.scalar(select(func.coalesce(func.sum(Installment.open_amount), 0)))
        return PortfolioSummary(
            companies=count(Company),
            customers=count(Customer),
            sales=count(Sale),
            installments=count(Installment),
            open_amount=Decimal(open_amount or 0),
        )


def list_companies(session_factory: sessionmaker[Session]) -> list[tuple[str, str]]:
    """(CNPJ, name) of every company, for the pickers of the configuration screens."""
    with session_factory() as session:
        return [
            (cnpj, name)
            for cnpj, name in session.execute(
                select(Company.cnpj, Company.name).order_by(Company.name, Company.cnpj)
            )
        ]


def customer_id_of(session_factory: sessionmaker[Session], document: str) -> int | None:
    """The customer of a CPF/CNPJ typed with or without its mask; None when unknown."""
    from gestao_negativacao.domain.documents import parse_document

    bare = parse_document(document).value
    with session_factory() as session:
        return session.scalar(select(Customer.id).where(Customer.document == bare))
