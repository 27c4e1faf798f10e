"""``db init`` and ``db upgrade`` (DESIGN §12): run by whoever administers the server, with
an owner or superuser address. They create or migrate the schema, make it the owner role's,
and set up the roles, grants, functions and triggers that make the database enforce who may
do what; ``init`` also creates the first admin. A workstation never does this by itself."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import sessionmaker

from gestao_negativacao.db import migrate, server
from gestao_negativacao.db.engine import make_engine
from gestao_negativacao.db.models import User
from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.domain.passwords import check_strength
from gestao_negativacao.services.admin.users import UserError, ensure_reference_data


class ServerSetupError(UserFacingError, ValueError):
    """``db init`` / ``db upgrade`` cannot go on; the message says why."""


@dataclass(frozen=True)
class SetupReport:
    database: str
    revision_before: str | None
    revision_after: str
    admin_created: str | None = None


def _prepare(owner_url: str) -> tuple:
    engine = make_engine(owner_url)
    if not server.is_server(engine):
        engine.dispose()
        raise ServerSetupError(
            "db init e db upgrade são para servidores PostgreSQL ou MariaDB; o banco local "
            "(SQLite) é criado e atualizado pelo próprio aplicativo."
        )
    return engine, migrate.current_revision(engine)


def _migrate_and_provision(engine) -> str:
    migrate.upgrade(engine)
    factory = sessionmaker(engine, expire_on_commit=False)
    with factory.begin() as session:
        ensure_reference_data(session)
        server.provision(session.connection())
        return server.database_of(session.connection())


def prepare(owner_url: str) -> SetupReport:
    """Schema, roles, grants, functions and triggers, without a first admin (``initialize``
    adds it; tests prepare databases whose users they create themselves)."""
    engine, before = _prepare(owner_url)
    try:
        return SetupReport(_migrate_and_provision(engine), before, migrate.head_revision())
    finally:
        engine.dispose()


def initialize(
    owner_url: str, admin_login: str, admin_password: str, admin_name: str = ""
) -> SetupReport:
    """A new database: schema, roles and the first admin (a login role of the server)."""
    engine, before = _prepare(owner_url)
    try:
        if not server.LOGIN_PATTERN.match(admin_login or ""):
            raise ServerSetupError(
                "O login do administrador deve ter de 1 a 60 letras sem acento, números, "
                "ponto, hífen, sublinhado ou arroba."
            )
        check_strength(admin_password, admin_login)
        database = _migrate_and_provision(engine)
        factory = sessionmaker(engine, expire_on_commit=False)
        with factory.begin() as session:
            conn = session.connection()
            exists = session.scalar(select(User.id).where(User.login == admin_login))
            if exists is None:
                try:
                    server.create_first_admin(conn, admin_login, admin_name, admin_password)
                except Exception as exc:  # noqa: BLE001 - the server's refusal, in its words
                    raise ServerSetupError(_server_message(exc)) from None
        return SetupReport(
            database,
            before,
            migrate.head_revision(),
            admin_login if exists is None else None,
        )
    finally:
        engine.dispose()


def upgrade(owner_url: str) -> SetupReport:
    """New migrations, then the roles, grants, functions and triggers again."""
    engine, before = _prepare(owner_url)
    try:
        if before is None:
            raise ServerSetupError(
                "Este banco ainda não foi preparado: use gestao-negativacao db init --admin LOGIN."
            )
        database = _migrate_and_provision(engine)
        return SetupReport(database, before, migrate.head_revision())
    finally:
        engine.dispose()


def _server_message(exc: Exception) -> str:
    original = getattr(exc, "orig", exc)
    text = str(original).strip().splitlines()[0] if str(original).strip() else type(exc).__name__
    return text.removeprefix("ERROR:").strip()


__all__ = ["ServerSetupError", "SetupReport", "UserError", "initialize", "prepare", "upgrade"]
