"""Credit analysis (DESIGN §10): each customer's credit profile, temporary limit
increases, approval authority (alçada) per user, credit requests with their decision, and
the credit reports fetched from the bureaus."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gestao_negativacao.db.base import Base, Money, UtcDateTime, utc_now


class CreditProfile(Base):
    __tablename__ = "credit_profiles"

    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), primary_key=True)
    status: Mapped[str] = mapped_column(String(20), default="liberado")
    credit_limit: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))  # 0: unlimited
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)
    updated_by: Mapped[str] = mapped_column(String(60), default="")


class CreditLimitIncrease(Base):
    """A temporary increase of a customer's limit; after ``expires_on`` the normal limit
    applies again."""

    __tablename__ = "credit_limit_increases"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    expires_on: Mapped[date] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(60), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class ApprovalLimit(Base):
    """Alçada: the largest request a user may approve. No row: the user approves nothing
    (fails closed); a row with no amount: explicitly without limit."""

    __tablename__ = "approval_limits"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    max_amount: Mapped[Decimal | None] = mapped_column(Money)


class CreditRequest(Base):
    __tablename__ = "credit_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    sale_number: Mapped[str] = mapped_column(String(40))
    origin: Mapped[str] = mapped_column(String(40), default="aplicativo")
    amount: Mapped[Decimal] = mapped_column(Money)
    method: Mapped[str] = mapped_column(String(20))
    installments: Mapped[str] = mapped_column(Text)  # JSON [{"due": iso, "value": "0.00"}]
    # domain.credit.RequestStatus: aprovada | em_analise | retida | bloqueada
    status: Mapped[str] = mapped_column(String(20), index=True)
    reasons: Mapped[str] = mapped_column(Text, default="[]")
    requested_by: Mapped[str] = mapped_column(String(60), default="")
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    decided_by: Mapped[str | None] = mapped_column(String(60))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    comment: Mapped[str | None] = mapped_column(Text)
    needs_amount_above: Mapped[Decimal | None] = mapped_column(Money)  # escalated past alçada


class CreditQuery(Base):
    """A credit report fetched from a bureau (consulta), kept: queries cost money."""

    __tablename__ = "credit_queries"

    id: Mapped[int] = mapped_column(primary_key=True)
    document: Mapped[str] = mapped_column(String(14), index=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customers.id"))
    integrator: Mapped[str] = mapped_column(String(30))
    login: Mapped[str] = mapped_column(String(60), default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    report: Mapped[str] = mapped_column(Text)  # JSON: name, score, restrictions, protests…
    score: Mapped[int | None] = mapped_column(Integer)
