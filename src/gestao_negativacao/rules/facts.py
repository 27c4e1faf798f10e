"""Plain data about one part of the portfolio, as the Python evaluation needs it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from gestao_negativacao.domain.enums import SaleSituation


@dataclass(frozen=True)
class InstallmentFact:
    id: int
    sale_id: int
    number: int
    due_date: date
    extended_due_date: date | None
    principal: Decimal
    adjusted: Decimal
    paid: Decimal
    disputed: bool = False

    @property
    def effective_due_date(self) -> date:
        return self.extended_due_date or self.due_date

    @property
    def open_amount(self) -> Decimal:
        return self.adjusted - self.paid

    def reference_date(self, reference: str) -> date:
        return self.due_date if reference == "due_date" else self.effective_due_date

    def value(self, reference: str) -> Decimal:
        return self.principal if reference == "principal" else self.adjusted

    def overdue_on(self, reference: str, as_of: date) -> bool:
        return self.open_amount > 0 and self.reference_date(reference) < as_of


@dataclass(frozen=True)
class SaleFact:
    id: int
    company_cnpj: str
    number: str
    enterprise_code: str | None
    holder_id: int
    guarantor_ids: tuple[int, ...]
    situation: str = SaleSituation.ACTIVE


@dataclass(frozen=True)
class CustomerFact:
    id: int
    document: str
    kind: str  # F or J
    name: str = ""
    birth_date: date | None = None
    cep: str | None = None
    street: str | None = None
    city: str | None = None
    uf: str | None = None


@dataclass(frozen=True)
class NegativationFact:
    id: int
    installment_id: int
    customer_id: int
    integrator: str
    status: str
    processing: str
    included_on: date | None = None
    queued: tuple[str, ...] = ()  # actions waiting in the send queue


@dataclass(frozen=True)
class HoldFact:
    """A hold on (installment, debtor) that has not been lifted (DESIGN §5.6)."""

    installment_id: int
    customer_id: int
    origin: str
    reason: str
    created_by: str
    created_on: date
    until: date | None = None
    # an agreement's hold: the agreement, and the first day it counts as broken (None: kept
    # so far — every installment paid by its deadline, or its deadline still ahead)
    agreement_id: int | None = None
    broken_from: date | None = None

    def holds_on(self, as_of: date) -> bool:
        if self.broken_from is not None and as_of >= self.broken_from:
            return False
        return self.until is None or self.until >= as_of


def agreement_broken_from(installments) -> date | None:
    """The first day an agreement counts as broken, from its installments' (deadline,
    paid_on): the day after the earliest deadline not met; None while every deadline is."""
    missed = [
        deadline + timedelta(days=1)
        for deadline, paid_on in installments
        if paid_on is None or paid_on > deadline
    ]
    return min(missed, default=None)


@dataclass(frozen=True)
class NoticeFact:
    """A pre-notice e-mail to a debtor about an installment (``DebtorNotice``)."""

    installment_id: int
    customer_id: int
    sent_on: date
    eligible_from: date
    outcome: str  # enviado | falhou | sem_email
    email: str = ""
    message: str = ""


@dataclass
class PortfolioFacts:
    installments: dict[int, InstallmentFact] = field(default_factory=dict)
    sales: dict[int, SaleFact] = field(default_factory=dict)
    customers: dict[int, CustomerFact] = field(default_factory=dict)
    negativations: list[NegativationFact] = field(default_factory=list)
    holds: list[HoldFact] = field(default_factory=list)
    notices: list[NoticeFact] = field(default_factory=list)
    # companies (CNPJ) that warn debtors before an inclusion, with their days
    pre_notice: dict[str, int] = field(default_factory=dict)

    def installments_of(self, sale_id: int) -> list[InstallmentFact]:
        return [i for i in self.installments.values() if i.sale_id == sale_id]

    def sales_of(self, customer_id: int, role: str) -> list[SaleFact]:
        """Sales where the customer is holder, guarantor, or either (``any``)."""
        out = []
        for sale in self.sales.values():
            is_holder = sale.holder_id == customer_id
            is_guarantor = customer_id in sale.guarantor_ids
            if (role == "holder" and is_holder) or (role == "guarantor" and is_guarantor):
                out.append(sale)
            elif role == "any" and (is_holder or is_guarantor):
                out.append(sale)
        return out
