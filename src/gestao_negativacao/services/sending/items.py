"""What the worker sends for a queue entry, read from the database in one query per chunk:
the debtor with the notice-letter address, the installment, and what identifies the record
at the bureau.

The contract sent is ``<sale>-<installment>``, the same on every send of the same item, so
that a re-send after a crash or a timeout meets the bureau's duplicate check ("already
there") instead of creating a second record.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gestao_negativacao.bureaus.base import Address, Debtor, InclusionRequest, RecordRef
from gestao_negativacao.db.models import (
    Customer,
    Installment,
    Integration,
    Negativation,
    Sale,
    SendQueueEntry,
)
from gestao_negativacao.services.joins import negativation_context


def contract_of(sale_number: str, installment_number: int) -> str:
    return f"{sale_number}-{installment_number}"


@dataclass(frozen=True)
class WorkItem:
    queue_id: int
    negativation_id: int
    action: str  # inclusion | removal
    integrator: str
    company_id: int
    status: str
    attempts: int
    debtor: Debtor
    role: str
    sale_number: str
    installment_number: int
    due_date: date
    value: Decimal
    bureau_id: str | None
    # who included it: a removal goes through the same integration and operator if it can
    integration_id: int | None
    operator_id: int | None
    installment_id: int = 0
    contract_date: date | None = None  # the sale's first due date (no sale date is imported)
    # other entries of the same record at the bureau, sent and answered with this one (a
    # holder's co-obligor, where the protocol has one record for both)
    companions: tuple[WorkItem, ...] = ()

    @property
    def contract(self) -> str:
        return contract_of(self.sale_number, self.installment_number)

    def inclusion_request(self, integration: Integration | None) -> InclusionRequest:
        nature = None
        if integration is not None:
            nature = (
                integration.nature_person if self.debtor.kind == "F" else integration.nature_company
            )
        return InclusionRequest(
            debtor=self.debtor,
            role=self.role,
            contract=self.contract,
            installment=self.installment_number,
            due_date=self.due_date,
            value=self.value,
            contract_date=self.contract_date,
            nature_code=nature or None,
            co_debtor=self.companions[0].debtor if self.companions else None,
            document_type=integration.document_type if integration is not None else None,
        )

    def record_ref(self) -> RecordRef:
        return RecordRef(
            self.debtor.document,
            self.debtor.kind,
            self.contract,
            self.due_date,
            self.bureau_id,
            self.debtor.name,
        )


def load_items(session: Session, queue_ids: list[int]) -> list[WorkItem]:
    """The work items of the given queue entries, in queue order."""
    if not queue_ids:
        return []
    query = select(
        SendQueueEntry.id,
        SendQueueEntry.action,
        SendQueueEntry.attempts,
        Negativation,
        Customer,
        Sale.company_id,
        Sale.number,
        Installment.number,
        Installment.due_date,
        Installment.open_amount,
        Installment.sale_id,
    ).join(Negativation, Negativation.id == SendQueueEntry.negativation_id)
    rows = session.execute(
        negativation_context(query, company=False)
        .where(SendQueueEntry.id.in_(queue_ids))
        .order_by(SendQueueEntry.id)
    ).all()
    # each sale's first due date, one grouped read through the (sale, number) index: as a
    # correlated MIN, PostgreSQL walked the due-date index of every installment looking
    # for the sale's (72 ms a batch of 16, the send's slowest statement)
    first_due = dict(
        session.execute(
            select(Installment.sale_id, func.min(Installment.due_date))
            .where(Installment.sale_id.in_(sorted({row.sale_id for row in rows})))
            .group_by(Installment.sale_id)
        ).all()
    )
    items = []
    for row in rows:
        queue_id, action, attempts, neg, customer, company_id, sale, number, due, amount = row[:10]
        address = Address(
            cep=customer.cep or "",
            street=customer.street or "",
            number=customer.number or "",
            complement=customer.complement or "",
            district=customer.district or "",
            city=customer.city or "",
            uf=customer.uf or "",
        )
        debtor = Debtor(
            customer.document,
            customer.kind,
            customer.name,
            address,
            customer.birth_date,
            customer.email,
            customer.phone,
        )
        items.append(
            WorkItem(
                queue_id,
                neg.id,
                action,
                neg.integrator,
                company_id,
                neg.status,
                attempts,
                debtor,
                neg.debtor_role,
                sale,
                number,
                due,
                amount if amount is not None else Decimal("0.00"),
                neg.bureau_id,
                neg.integration_id,
                neg.operator_id,
                neg.installment_id,
                first_due.get(row.sale_id),
            )
        )
    return items
