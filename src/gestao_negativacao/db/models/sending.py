"""Negativations (one record per installment × debtor × integrator), their history, and
the send queue. The unique constraints are what makes double sending impossible from any
number of workstations: the database refuses the second row."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from gestao_negativacao.db.base import Base, Money, UtcDateTime, utc_now
from gestao_negativacao.domain.enums import NegativationStatus, Processing


class Negativation(Base):
    __tablename__ = "negativations"
    __table_args__ = (
        UniqueConstraint("installment_id", "customer_id", "integrator"),
        Index("ix_negativations_integrator_status", "integrator", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    installment_id: Mapped[int] = mapped_column(ForeignKey("installments.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    debtor_role: Mapped[str] = mapped_column(String(10))  # DebtorRole
    integrator: Mapped[str] = mapped_column(String(30))  # Integrator
    status: Mapped[str] = mapped_column(String(20), default=NegativationStatus.PENDING)
    processing: Mapped[str] = mapped_column(String(20), default=Processing.PENDING)
    # The rule that found it: a rule that produced a negativation cannot be deleted
    # (the foreign key refuses it; the service explains it first).
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("rules.id"), index=True)
    removal_rule_id: Mapped[int | None] = mapped_column(ForeignKey("rules.id"), index=True)
    integration_id: Mapped[int | None] = mapped_column(Integer)
    operator_id: Mapped[int | None] = mapped_column(Integer)
    user_id: Mapped[int | None] = mapped_column(Integer)
    protocol: Mapped[str | None] = mapped_column(String(120))  # the inclusion's, kept
    removal_protocol: Mapped[str | None] = mapped_column(String(120))
    bureau_id: Mapped[str | None] = mapped_column(String(120))  # what identifies it there
    message: Mapped[str | None] = mapped_column(Text)
    included_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    included_on: Mapped[date | None] = mapped_column(Date)  # local date, for day counts
    # when the bureau shows it: the inclusion plus the integrator's notice-letter wait
    visible_from: Mapped[date | None] = mapped_column(Date)
    removed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    removal_reason: Mapped[str | None] = mapped_column(String(200))
    # Something for a person to check (e.g. "nao_encontrado": the bureau did not find the
    # record to remove it), listed on the Painel until someone marks it checked.
    attention: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)


class NegativationEvent(Base):
    """One state change of a negativation: who, when, what, and the bureau's answer."""

    __tablename__ = "negativation_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    negativation_id: Mapped[int] = mapped_column(ForeignKey("negativations.id"), index=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    kind: Mapped[str] = mapped_column(String(40))
    status_before: Mapped[str | None] = mapped_column(String(20))
    status_after: Mapped[str | None] = mapped_column(String(20))
    user_id: Mapped[int | None] = mapped_column(Integer)
    login: Mapped[str] = mapped_column(String(60), default="")
    workstation: Mapped[str] = mapped_column(String(100), default="")
    protocol: Mapped[str | None] = mapped_column(String(120))
    message: Mapped[str | None] = mapped_column(Text)


class SendQueueEntry(Base):
    """A pending action at the bureau (controle de envio). At most one per negativation
    and action: a second enqueue of the same item fails on the unique constraint."""

    __tablename__ = "send_queue"
    __table_args__ = (
        UniqueConstraint("negativation_id", "action"),
        Index("ix_send_queue_claimable", "integrator", "action", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    negativation_id: Mapped[int] = mapped_column(ForeignKey("negativations.id"))
    action: Mapped[str] = mapped_column(String(10))  # QueueAction
    # the negativation's integrator, here so that a claim filters without a join
    integrator: Mapped[str] = mapped_column(String(30))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, index=True)
    # Claimed by a sending process ("host/pid/start") until a time: another process takes
    # the entry only after that time, or at once when that process is known to be dead.
    claimed_by: Mapped[str | None] = mapped_column(String(120), index=True)
    claimed_until: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("rules.id"))
    user_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    # the enqueue call that made it, so that one call's entries can be told apart
    batch: Mapped[str | None] = mapped_column(String(36), index=True)


class Hold(Base):
    """A hold on an installment and debtor (DESIGN §5.6): after a manual removal, a removal
    by the partial-payment, termination or renegotiation trigger, or by court order, the
    item is not included again (reason ``held``, at every integrator) until someone with
    NEG_BAIXA_MANUAL lifts it with a reason, or its end date passes."""

    __tablename__ = "holds"
    __table_args__ = (Index("ix_holds_item", "installment_id", "customer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    installment_id: Mapped[int] = mapped_column(ForeignKey("installments.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    # what made it: manual_removal | court_order | partial_payment | termination |
    # renegotiated | agreement
    origin: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(String(200), default="")
    negativation_id: Mapped[int | None] = mapped_column(ForeignKey("negativations.id"))
    # origin ``agreement``: holds while its agreement is kept (``Agreement``)
    agreement_id: Mapped[int | None] = mapped_column(ForeignKey("agreements.id"))
    until: Mapped[date | None] = mapped_column(Date)  # None: until lifted by hand
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    created_by: Mapped[str] = mapped_column(String(60), default="")
    lifted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    lifted_by: Mapped[str | None] = mapped_column(String(60))
    lift_reason: Mapped[str | None] = mapped_column(String(200))


class Agreement(Base):
    """An agreement (acordo) with a debtor over overdue installments (DESIGN §5.6): while it
    is kept, those installments are held (``Hold.agreement_id``) and their active
    negativations removed (trigger ``agreement``). It is broken, on any date, once one of its
    own installments was not paid by its deadline (due date plus the tolerance days in force
    when it was made); then its holds end by themselves. Being a matter of dates, "broken"
    is never stored: every evaluation on ``as_of`` reads it from the installments."""

    __tablename__ = "agreements"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    note: Mapped[str] = mapped_column(String(200), default="")
    tolerance_days: Mapped[int] = mapped_column(Integer)
    made_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    created_by: Mapped[str] = mapped_column(String(60), default="")


class AgreementInstallment(Base):
    """One installment of an agreement: the new due date and value the debtor agreed to."""

    __tablename__ = "agreement_installments"
    __table_args__ = (UniqueConstraint("agreement_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"))
    number: Mapped[int] = mapped_column(Integer)
    due_date: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money)
    deadline: Mapped[date] = mapped_column(Date)  # due date + the agreement's tolerance
    paid_on: Mapped[date | None] = mapped_column(Date)
    paid_by: Mapped[str | None] = mapped_column(String(60))


class DebtorNotice(Base):
    """A pre-notice (aviso prévio) the company sent the debtor about an installment before
    including it: while a company asks for one, an installment is excluded from inclusion
    (``notice_pending``) until a notice went out and ``eligible_from`` (the day it was sent
    plus the company's days then) has come. Failed attempts are kept too: the history of
    what was tried, and when."""

    __tablename__ = "debtor_notices"
    __table_args__ = (Index("ix_debtor_notices_item", "installment_id", "customer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    installment_id: Mapped[int] = mapped_column(ForeignKey("installments.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    sent_on: Mapped[date] = mapped_column(Date)
    eligible_from: Mapped[date] = mapped_column(Date)
    email: Mapped[str] = mapped_column(String(150), default="")
    outcome: Mapped[str] = mapped_column(String(20))  # enviado | falhou | sem_email
    message: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    created_by: Mapped[str] = mapped_column(String(60), default="")
