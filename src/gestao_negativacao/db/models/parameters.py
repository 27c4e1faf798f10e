"""Parâmetros: general ones as key → JSON value (new parameters need no migration), and
the per-company choices Sim / Padrão / Não of automatic inclusion and removal."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gestao_negativacao.db.base import Base, UtcDateTime, utc_now


class Parameter(Base):
    __tablename__ = "parameters"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)  # JSON
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)


class CompanyParameter(Base):
    """``sim`` / ``padrao`` (follow the general parameter) / ``nao``."""

    __tablename__ = "company_parameters"

    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), primary_key=True)
    auto_include: Mapped[str] = mapped_column(String(10), default="padrao")
    auto_remove: Mapped[str] = mapped_column(String(10), default="padrao")
    days_to_execute: Mapped[int | None] = mapped_column(Integer)  # None: the general one
    # the company warns the debtor by e-mail this many days before inclusion (seeds 000/001
    # "contato antes do registro"); None: it does not, and nothing waits for a notice
    pre_notice_days: Mapped[int | None] = mapped_column(Integer)
