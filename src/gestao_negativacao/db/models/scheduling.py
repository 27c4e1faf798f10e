"""Agendamentos: what runs by itself (jobs 44 inclusão and 43 baixa of the seed, the legal
removals, ERP synchronisation), when, as whom; each run recorded; and the lease that lets
only one workstation run a schedule at a time."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from gestao_negativacao.db.base import Base, UtcDateTime, utc_now


class Schedule(Base):
    __tablename__ = "schedules"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    action: Mapped[str] = mapped_column(String(20))  # inclusion | removal | legal | sync
    rules: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of rule names
    integrator: Mapped[str | None] = mapped_column(String(30))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("import_sources.id"))
    weekdays: Mapped[str] = mapped_column(String(7), default="0123456")  # 0 = Monday
    times: Mapped[str] = mapped_column(String(200), default='["06:00"]')  # JSON "HH:MM"
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))  # runs as this user
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # the last slot run: a slot after it (and after creation) is due; missed slots run once
    last_slot_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class ScheduleRun(Base):
    __tablename__ = "schedule_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    schedule_id: Mapped[int] = mapped_column(ForeignKey("schedules.id"), index=True)
    slot_at: Mapped[datetime] = mapped_column(UtcDateTime)
    started_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(20), default="executando")  # ok | erro
    found: Mapped[int] = mapped_column(Integer, default=0)
    queued: Mapped[int] = mapped_column(Integer, default=0)
    sent: Mapped[int] = mapped_column(Integer, default=0)
    already: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    pending: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[str] = mapped_column(Text, default="")
    login: Mapped[str] = mapped_column(String(60), default="")
    workstation: Mapped[str] = mapped_column(String(100), default="")


class ScheduleLease(Base):
    """Who runs a schedule now, until when. A runner that dies leaves a lease that
    expires; the primary key makes two holders impossible."""

    __tablename__ = "schedule_leases"

    schedule_id: Mapped[int] = mapped_column(ForeignKey("schedules.id"), primary_key=True)
    holder: Mapped[str] = mapped_column(String(120))
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ImportSource(Base):
    """Where the ERP's data comes from on a schedule: a folder the ERP exports to, or a
    read-only query on the ERP's database (its password in the keyring)."""

    __tablename__ = "import_sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind: Mapped[str] = mapped_column(String(10))  # folder | sql
    path: Mapped[str | None] = mapped_column(String(500))
    url: Mapped[str | None] = mapped_column(String(500))  # without its password
    query: Mapped[str | None] = mapped_column(Text)
    last_imported: Mapped[str | None] = mapped_column(String(500))  # file name + mtime
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
