"""Opening the database: engine, migrations, reference data. Used by the GUI, the command
line and the tests alike."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db import migrate
from gestao_negativacao.db.engine import describe, make_engine
from gestao_negativacao.services.connection import resolve_url
from gestao_negativacao.services.users import ensure_reference_data

log = logging.getLogger(__name__)


@dataclass
class Database:
    engine: Engine
    session_factory: sessionmaker[Session]
    backup: Path | None = None  # the SQLite copy taken before this start's migration

    @property
    def description(self) -> str:
        return describe(self.engine)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str | None = None, *, upgrade: bool = True) -> Database:
    """Connect, migrate to the newest schema (backing up SQLite first) and make sure the
    permissions and roles of this version exist."""
    engine = make_engine(resolve_url(url))
    backup = migrate.upgrade(engine) if upgrade else None
    factory = sessionmaker(engine, expire_on_commit=False)
    with factory.begin() as session:
        ensure_reference_data(session)
    return Database(engine=engine, session_factory=factory, backup=backup)
