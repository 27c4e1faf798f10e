"""Application users, roles, permissions (DESIGN §8) and the audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from gestao_negativacao.db.base import Base, UtcDateTime, utc_now


class Permission(Base):
    """A named program such as ``CRSPC`` or ``NEG_INCLUIR``."""

    __tablename__ = "permissions"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    description: Mapped[str] = mapped_column(String(200), default="")


class Role(Base):
    """A bundle of permissions: clerk, supervisor, admin."""

    __tablename__ = "roles"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(60))


class RolePermission(Base):
    __tablename__ = "role_permissions"

    role_code: Mapped[str] = mapped_column(ForeignKey("roles.code"), primary_key=True)
    permission_code: Mapped[str] = mapped_column(ForeignKey("permissions.code"), primary_key=True)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(150), default="")
    # SQLite only: on a server the login and its password are the database's own
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role_code: Mapped[str] = mapped_column(ForeignKey("roles.code"))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default=false()
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    last_login_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class UserPermission(Base):
    """A per-user exception to the role: ``granted`` true adds the permission, false takes
    it away."""

    __tablename__ = "user_permissions"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), primary_key=True)
    permission_code: Mapped[str] = mapped_column(ForeignKey("permissions.code"), primary_key=True)
    granted: Mapped[bool] = mapped_column(Boolean, default=True)


class Installation(Base):
    """One row: this database's identity. Operators' secrets in a workstation's keyring are
    keyed by it, so that the secret set for operator 1 of one database is never used for
    operator 1 of another."""

    __tablename__ = "installation"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)


class AuditEntry(Base):
    """Who did what, when, from which workstation (LGPD art. 37). Documents are masked in
    ``details``; no secret is ever written here."""

    __tablename__ = "audit_log"
    # appended to, never read back: on a server users may INSERT here but not SELECT
    __table_args__ = {"implicit_returning": False}

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now, index=True)
    user_id: Mapped[int | None] = mapped_column(Integer, index=True)
    login: Mapped[str] = mapped_column(String(60))
    workstation: Mapped[str] = mapped_column(String(100), default="")
    action: Mapped[str] = mapped_column(String(60), index=True)
    entity: Mapped[str] = mapped_column(String(60), default="")
    entity_key: Mapped[str] = mapped_column(String(200), default="")
    details: Mapped[str] = mapped_column(Text, default="{}")


class LoginThrottle(Base):
    """Failed logins counted per login and per workstation (SQLite, where the application
    checks passwords; on a server the database does): after 5 a growing wait before the
    next try, after 10 on a login a lock an administrator lifts. Kept for any login typed,
    known or not, so that a lock says nothing about who exists."""

    __tablename__ = "login_throttles"

    key: Mapped[str] = mapped_column(String(170), primary_key=True)  # login:… / estacao:…
    failures: Mapped[int] = mapped_column(Integer, default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utc_now)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
