"""Opening the database: engine, migrations, reference data. Used by the GUI, the command
line and the tests alike."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import URL, Engine
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db import migrate, server
from gestao_negativacao.db.engine import describe, describe_url, make_engine, normalise_url
from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.services import changes
from gestao_negativacao.services.admin.connection import resolve_url
from gestao_negativacao.services.admin.users import LoginFailed, ensure_reference_data
from gestao_negativacao.services.bureau_setup import credentials
from gestao_negativacao.services.errors import is_login_refused

log = logging.getLogger(__name__)


class SchemaMismatch(UserFacingError):
    """The shared server's schema and this version of the application differ: a
    workstation never migrates a server by itself; the message names the command."""


@dataclass
class Database:
    engine: Engine
    session_factory: sessionmaker[Session]
    backup: Path | None = None  # the SQLite copy taken before this start's migration
    login: str | None = None  # on a server: the database login this connection is

    @property
    def changes(self) -> changes.ChangeNotices:
        """What this workstation's commits wrote, told to the screens that show it."""
        return changes.watch(self.engine)

    @property
    def is_server(self) -> bool:
        return server.is_server(self.engine)

    @property
    def description(self) -> str:
        return describe(self.engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def schema_revision(self) -> str | None:
        """The schema version the database is at (Ajuda → Sobre); None when it cannot be
        read now (the server gone): the dialog still opens."""
        from sqlalchemy.exc import SQLAlchemyError

        from gestao_negativacao.db.migrate import current_revision

        try:
            return current_revision(self.engine)
        except SQLAlchemyError:
            return None

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(
    url: str | None = None,
    *,
    login: str | None = None,
    password: str | None = None,
    upgrade: bool = True,
) -> Database:
    """The local SQLite file: connect, migrate to the newest schema (backing it up first)
    and make sure the permissions and roles of this version exist. A shared server: log in
    as ``login`` with ``password`` (the database's own login: on a server, logging into the
    application is logging into the database) and check that its schema is this version's
    — never migrate it (``db upgrade`` does, with the owner's rights)."""
    resolved = normalise_url(resolve_url(url))
    if resolved.get_backend_name() != "sqlite":
        return _open_server(resolved, login, password)
    engine = make_engine(resolved)
    backup = migrate.upgrade(engine) if upgrade else None
    factory = sessionmaker(engine, expire_on_commit=False)
    with factory.begin() as session:
        ensure_reference_data(session)
    try:
        credentials.move_legacy_keys(factory)
    except credentials.CredentialStoreUnavailable:
        log.warning("cofre de senhas indisponível: as chaves antigas ficam para depois")
    return Database(engine=engine, session_factory=factory, backup=backup)


def _open_server(url: URL, login: str | None, password: str | None) -> Database:
    if login:
        url = url.set(username=login, password=password or None)
    who = url.username
    if not who:
        raise LoginFailed()
    engine = make_engine(url, server_login=who)
    try:
        current = migrate.current_revision(engine)
    except Exception as exc:
        engine.dispose()
        if is_login_refused(exc):
            raise LoginFailed() from None
        raise
    head = migrate.head_revision()
    if current != head:
        engine.dispose()
        raise SchemaMismatch(_mismatch_message(current, head, url))
    factory = sessionmaker(engine, expire_on_commit=False)
    try:
        credentials.move_legacy_keys(factory)
    except credentials.CredentialStoreUnavailable:
        log.warning("cofre de senhas indisponível: as chaves antigas ficam para depois")
    return Database(engine=engine, session_factory=factory, login=who)


def _mismatch_message(current: str | None, head: str, url: URL) -> str:
    where = describe_url(url)
    if current is None:
        return (
            f"O banco {where} ainda não foi preparado para o aplicativo. Quem administra o "
            "servidor deve rodar, com um usuário dono do banco: gestao-negativacao db init "
            "--admin LOGIN --database <endereço do servidor>."
        )
    if current > head:
        return (
            f"O banco {where} é de uma versão mais nova do aplicativo (esquema {current}; "
            f"esta versão conhece até {head}). Atualize o aplicativo nesta estação."
        )
    return (
        f"O banco {where} está no esquema {current} e esta versão do aplicativo precisa do "
        f"{head}. Quem administra o servidor deve rodar, com um usuário dono do banco: "
        "gestao-negativacao db upgrade --database <endereço do servidor>."
    )
