"""Loading a part of the portfolio as plain facts for the Python evaluation of the rules
(``rules.reference``): what "why not" and the tests need, a few sales at a time."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from gestao_negativacao.db.models import (
    AgreementInstallment,
    Company,
    CompanyParameter,
    Customer,
    DebtorNotice,
    Enterprise,
    Hold,
    Installment,
    Negativation,
    Sale,
    SaleGuarantor,
    SendQueueEntry,
)
from gestao_negativacao.domain.schedule import LOCAL
from gestao_negativacao.rules.facts import (
    CustomerFact,
    HoldFact,
    InstallmentFact,
    NegativationFact,
    NoticeFact,
    PortfolioFacts,
    SaleFact,
    agreement_broken_from,
)
from gestao_negativacao.services.importing.writer import chunks


def sales_of_customer(session: Session, customer_id: int) -> set[int]:
    holder = select(Sale.id).where(Sale.holder_id == customer_id)
    guarantor = select(SaleGuarantor.sale_id).where(SaleGuarantor.customer_id == customer_id)
    return set(session.scalars(holder)) | set(session.scalars(guarantor))


def _agreements_broken_from(session: Session, ids: set[int | None]) -> dict[int, date | None]:
    """For each agreement, the first day it counts as broken (``agreement_broken_from``)."""
    wanted = sorted(i for i in ids if i is not None)
    plans: dict[int, list] = {i: [] for i in wanted}
    for chunk in chunks(wanted, 500):
        query = select(
            AgreementInstallment.agreement_id,
            AgreementInstallment.deadline,
            AgreementInstallment.paid_on,
        ).where(AgreementInstallment.agreement_id.in_(chunk))
        for agreement_id, deadline, paid_on in session.execute(query):
            plans[agreement_id].append((deadline, paid_on))
    return {i: agreement_broken_from(plan) for i, plan in plans.items()}


def load_facts(session: Session, sale_ids: Iterable[int] | None = None) -> PortfolioFacts:
    """Facts of the given sales (all sales when None), with every customer they name."""
    facts = PortfolioFacts()
    asking = select(Company.cnpj, CompanyParameter.pre_notice_days).join(
        CompanyParameter, CompanyParameter.company_id == Company.id
    )
    facts.pre_notice = {cnpj: days for cnpj, days in session.execute(asking) if days is not None}
    wanted = None if sale_ids is None else sorted(set(sale_ids))
    batches = [None] if wanted is None else list(chunks(wanted, 500))
    for batch in batches:
        sales_query = (
            select(Sale, Company.cnpj, Enterprise.code)
            .join(Company, Company.id == Sale.company_id)
            .outerjoin(Enterprise, Enterprise.id == Sale.enterprise_id)
        )
        guarantors_query = select(SaleGuarantor.sale_id, SaleGuarantor.customer_id)
        installments_query = select(Installment)
        if batch is not None:
            sales_query = sales_query.where(Sale.id.in_(batch))
            guarantors_query = guarantors_query.where(SaleGuarantor.sale_id.in_(batch))
            installments_query = installments_query.where(Installment.sale_id.in_(batch))
        guarantors: dict[int, list[int]] = {}
        for sale_id, customer_id in session.execute(guarantors_query):
            guarantors.setdefault(sale_id, []).append(customer_id)
        for sale, cnpj, code in session.execute(sales_query):
            facts.sales[sale.id] = SaleFact(
                sale.id, cnpj, sale.number, code, sale.holder_id,
                tuple(sorted(guarantors.get(sale.id, []))), sale.situation,
            )  # fmt: skip
        for inst in session.scalars(installments_query):
            facts.installments[inst.id] = InstallmentFact(
                inst.id, inst.sale_id, inst.number, inst.due_date, inst.extended_due_date,
                inst.principal, inst.adjusted, inst.paid, inst.disputed,
            )  # fmt: skip
    customer_ids = {s.holder_id for s in facts.sales.values()}
    customer_ids.update(g for s in facts.sales.values() for g in s.guarantor_ids)
    for batch in chunks(sorted(customer_ids), 500):
        for c in session.scalars(select(Customer).where(Customer.id.in_(batch))):
            facts.customers[c.id] = CustomerFact(
                c.id, c.document, c.kind, c.name, c.birth_date, c.cep, c.street, c.city, c.uf
            )
    installment_ids = sorted(facts.installments)
    for batch in chunks(installment_ids, 500):
        holds = session.scalars(
            select(Hold).where(Hold.installment_id.in_(batch), Hold.lifted_at.is_(None))
        ).all()
        broken = _agreements_broken_from(session, {h.agreement_id for h in holds})
        for h in holds:
            facts.holds.append(
                HoldFact(
                    h.installment_id,
                    h.customer_id,
                    h.origin,
                    h.reason,
                    h.created_by,
                    h.created_at.astimezone(LOCAL).date(),
                    h.until,
                    h.agreement_id,
                    broken.get(h.agreement_id),
                )  # fmt: skip
            )
        for n in session.scalars(
            select(DebtorNotice).where(DebtorNotice.installment_id.in_(batch))
        ):
            facts.notices.append(
                NoticeFact(
                    n.installment_id,
                    n.customer_id,
                    n.sent_on,
                    n.eligible_from,
                    n.outcome,
                    n.email,
                )  # fmt: skip
            )
        queued: dict[int, list[str]] = {}
        negativations = session.scalars(
            select(Negativation).where(Negativation.installment_id.in_(batch))
        ).all()
        ids = [n.id for n in negativations]
        for chunk in chunks(ids, 500):
            for neg_id, action in session.execute(
                select(SendQueueEntry.negativation_id, SendQueueEntry.action).where(
                    SendQueueEntry.negativation_id.in_(chunk)
                )
            ):
                queued.setdefault(neg_id, []).append(action)
        for n in negativations:
            facts.negativations.append(
                NegativationFact(
                    n.id,
                    n.installment_id,
                    n.customer_id,
                    n.integrator,
                    n.status,
                    n.processing,
                    n.included_on,
                    tuple(queued.get(n.id, [])),
                )  # fmt: skip
            )
    return facts


def customer_by_document(session: Session, document: str) -> Customer | None:
    return session.scalar(select(Customer).where(Customer.document == document))


__all__ = ["customer_by_document", "load_facts", "sales_of_customer"]
