"""Inclusion and removal rules. The criteria live as the §13 JSON document of the rule
(validated by ``domain.rules`` on every write), so that the file format and the stored
form can never drift apart."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gestao_negativacao.db.base import Base, UtcDateTime, utc_now


class RuleRecord(Base):
    __tablename__ = "rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(10), index=True)  # inclusion | removal
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    definition: Mapped[str] = mapped_column(Text)  # criteria/triggers + filters, §13 JSON
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, onupdate=utc_now)
