"""The candidates of the rules' Participam / Não participam lists (DESIGN §4): companies,
enterprises, customers and sales, found as the user types (a page of matches, never the
whole portfolio), in the values the rule file uses (§13)."""

from __future__ import annotations

from sqlalchemy import String, cast, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.models import Company, Customer, Enterprise, Sale
from gestao_negativacao.domain.documents import format_document

DIMENSIONS = {
    "companies": "Empresas",
    "enterprises": "Empreendimentos",
    "customers": "Clientes",
    "sales": "Vendas",
}


def _like(text: str):
    return f"%{text.strip().lower()}%"


def search(
    session_factory: sessionmaker[Session], dimension: str, text: str, limit: int = 50
) -> list[tuple[str, str]]:
    """(value as in the rule file, label for the user) of up to ``limit`` matches."""
    pattern = _like(text)
    digits = "".join(ch for ch in text if ch.isalnum())
    with session_factory() as session:
        if dimension == "companies":
            query = select(Company.cnpj, Company.name).where(
                or_(
                    func.lower(Company.name).like(pattern),
                    Company.cnpj.like(f"%{digits}%" if digits else pattern),
                )
            )
            return [
                (c, f"{n} — {format_document(c)}") for c, n in session.execute(query.limit(limit))
            ]
        if dimension == "customers":
            query = select(Customer.document, Customer.name).where(
                or_(
                    func.lower(Customer.name).like(pattern),
                    Customer.document.like(f"%{digits}%" if digits else pattern),
                )
            )
            return [
                (d, f"{n} — {format_document(d)}") for d, n in session.execute(query.limit(limit))
            ]
        if dimension == "enterprises":
            query = (
                select(Enterprise.code)
                .where(func.lower(Enterprise.code).like(pattern))
                .distinct()
                .order_by(Enterprise.code)
            )
            return [(code, code) for code in session.scalars(query.limit(limit))]
        if dimension == "sales":
            query = (
                select(Company.cnpj, Sale.number, Company.name)
                .join(Company, Company.id == Sale.company_id)
                .where(func.lower(cast(Sale.number, String)).like(pattern))
                .order_by(Sale.number)
            )
            return [
                (f"{cnpj}:{number}", f"{number} — {name}")
                for cnpj, number, name in session.execute(query.limit(limit))
            ]
    raise ValueError(f"dimensão desconhecida: {dimension}")


def labels(session_factory: sessionmaker[Session], dimension: str, values) -> dict[str, str]:
    """Labels of values already in a rule (those not found keep the value itself)."""
    values = list(values)
    found: dict[str, str] = {}
    with session_factory() as session:
        if dimension == "companies":
            for cnpj, name in session.execute(
                select(Company.cnpj, Company.name).where(Company.cnpj.in_(values))
            ):
                found[cnpj] = f"{name} — {format_document(cnpj)}"
        elif dimension == "customers":
            for doc, name in session.execute(
                select(Customer.document, Customer.name).where(Customer.document.in_(values))
            ):
                found[doc] = f"{name} — {format_document(doc)}"
    return {value: found.get(value, value) for value in values}
