"""The joins a clerk's lists share, written once: from anything that names an installment
(a negativation, a hold, a notice) to the sale and the company a clerk recognises it by,
and to the debtor."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select

from gestao_negativacao.db.models import Company, Customer, Installment, Negativation, Sale
from gestao_negativacao.services.listing import Column


def to_sale(query: Select, installment_id: Any, *, company: bool = True) -> Select:
    """Joins the installment ``installment_id`` names, its sale and (unless told not to)
    the sale's company."""
    query = query.join(Installment, Installment.id == installment_id).join(
        Sale, Sale.id == Installment.sale_id
    )
    return query.join(Company, Company.id == Sale.company_id) if company else query


def to_debtor(query: Select, customer_id: Any) -> Select:
    return query.join(Customer, Customer.id == customer_id)


def negativation_context(query: Select, *, company: bool = True, debtor: bool = True) -> Select:
    """A query over negativations joined to their installment, sale, company and debtor."""
    query = to_sale(query, Negativation.installment_id, company=company)
    return to_debtor(query, Negativation.customer_id) if debtor else query


def recognised_by() -> list[Column]:
    """The columns these joins add to a list, as a clerk recognises an item: company, sale,
    installment, debtor and the debtor's CPF/CNPJ."""
    return [
        Column("company", "Empresa", Company.name, searchable=True),
        Column("sale", "Venda", Sale.number, searchable=True),
        Column("installment", "Parcela", Installment.number, "number"),
        Column("debtor", "Devedor", Customer.name, searchable=True),
        Column("document", "CPF/CNPJ", Customer.document, "document", searchable=True),
    ]
