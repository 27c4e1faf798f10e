"""The joins a clerk's lists share, written once: from anything that names an installment
(a negativation, a hold, a notice) to the sale and the company a clerk recognises it by,
and to the debtor."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select

from gestao_negativacao.db.models import Company, Customer, Installment, Negativation, Sale


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
