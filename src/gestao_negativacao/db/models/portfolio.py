"""The portfolio as it comes from the ERP: companies, enterprises, customers, sales,
guarantors and installments (DESIGN §2 and §9)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Computed,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from gestao_negativacao.db.base import Base, Money
from gestao_negativacao.domain.enums import SaleSituation


class Company(Base):
    """Empresa / filial: the legal entity that owns the sales."""

    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(primary_key=True)
    cnpj: Mapped[str] = mapped_column(String(14), unique=True)
    name: Mapped[str] = mapped_column(String(150), default="")


class Enterprise(Base):
    """Empreendimento: business unit of a company, a filter dimension of the rules."""

    __tablename__ = "enterprises"
    __table_args__ = (UniqueConstraint("company_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    code: Mapped[str] = mapped_column(String(40), index=True)


class Customer(Base):
    """Cliente: a person (CPF) or company (CNPJ), with the address of the notice letter."""

    __tablename__ = "customers"

    id: Mapped[int] = mapped_column(primary_key=True)
    document: Mapped[str] = mapped_column(String(14), unique=True)
    kind: Mapped[str] = mapped_column(String(1))  # PersonKind: F or J
    name: Mapped[str] = mapped_column(String(150))
    birth_date: Mapped[date | None] = mapped_column(Date)
    email: Mapped[str | None] = mapped_column(String(150))
    phone: Mapped[str | None] = mapped_column(String(30))
    # Address as received (CEP as its digits); the address guard decides if it is usable.
    cep: Mapped[str | None] = mapped_column(String(20))
    street: Mapped[str | None] = mapped_column(String(150))
    number: Mapped[str | None] = mapped_column(String(20))
    complement: Mapped[str | None] = mapped_column(String(80))
    district: Mapped[str | None] = mapped_column(String(80))
    city: Mapped[str | None] = mapped_column(String(80))
    uf: Mapped[str | None] = mapped_column(String(40))
    # LGPD: the day this person's data was anonymised (services.data_subjects); the row
    # stays, so that the negativations' history keeps its counts, but names no one
    anonymised_on: Mapped[date | None] = mapped_column(Date)


class Sale(Base):
    """Venda / contrato: one holder, zero or more guarantors, a situation."""

    __tablename__ = "sales"
    __table_args__ = (UniqueConstraint("company_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"))
    enterprise_id: Mapped[int | None] = mapped_column(ForeignKey("enterprises.id"), index=True)
    number: Mapped[str] = mapped_column(String(40))
    holder_id: Mapped[int] = mapped_column(ForeignKey("customers.id"), index=True)
    situation: Mapped[str] = mapped_column(String(30), default=SaleSituation.ACTIVE)
    situation_date: Mapped[date | None] = mapped_column(Date)

    guarantors: Mapped[list[SaleGuarantor]] = relationship(cascade="all, delete-orphan")


class SaleGuarantor(Base):
    """Avalista of a sale."""

    __tablename__ = "sale_guarantors"

    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"), primary_key=True)
    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customers.id"), primary_key=True, index=True
    )


class Installment(Base):
    """Parcela / título. ``open_amount`` and ``effective_due_date`` are computed by the
    database so that the rules can filter and sort on them through an index."""

    __tablename__ = "installments"
    __table_args__ = (
        UniqueConstraint("sale_id", "number"),
        Index("ix_installments_open_effective_due", "open_amount", "effective_due_date"),
        # The rules read only open installments: a partial covering index holds just those
        # (SQLite, PostgreSQL; MariaDB has no partial indexes and indexes every row).
        Index(
            "ix_installments_open_rows",
            "earliest_due_date",
            "sale_id",
            "due_date",
            "effective_due_date",
            "adjusted",
            "principal",
            "open_amount",
            sqlite_where=text("open_amount > 0"),
            postgresql_where=text("open_amount > 0"),
            # SQLite and InnoDB carry the primary key in every index; PostgreSQL needs it
            # named to answer the rules' grouped lists from the index alone (0012)
            postgresql_include=["id"],
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sales.id"))
    number: Mapped[int] = mapped_column(Integer)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    extended_due_date: Mapped[date | None] = mapped_column(Date)
    principal: Mapped[Decimal] = mapped_column(Money)
    adjusted: Mapped[Decimal] = mapped_column(Money)
    paid: Mapped[Decimal] = mapped_column(Money, default=Decimal("0.00"))
    payment_date: Mapped[date | None] = mapped_column(Date)
    disputed: Mapped[bool] = mapped_column(Boolean, default=False)
    # Generated columns are declared nullable only because MariaDB refuses NOT NULL on
    # them; their expressions never yield NULL.
    open_amount: Mapped[Decimal] = mapped_column(
        Money, Computed("adjusted - paid", persisted=True), nullable=True
    )
    effective_due_date: Mapped[date] = mapped_column(
        Date,
        Computed("coalesce(extended_due_date, due_date)", persisted=True),
        nullable=True,
        index=True,
    )
    # Overdue "on the due date or on the extended date" is one range on this column, so the
    # rules' scans of overdue rows read an index range instead of every open installment.
    earliest_due_date: Mapped[date] = mapped_column(
        Date,
        Computed(
            "CASE WHEN extended_due_date IS NOT NULL AND extended_due_date < due_date "
            "THEN extended_due_date ELSE due_date END",
            persisted=True,
        ),
        nullable=True,
    )
