"""Bring a database to the newest schema at start-up (Alembic), backing up a SQLite file
first so that a failed upgrade never costs the user their data.

Alembic itself (about 0.2 s to import) is loaded only to migrate: whether a database is
current is read from its ``alembic_version`` row and the scripts' own ``revision`` lines,
so a start on a current database does not pay for it (issue 16; ``test_database`` holds
this reading equal to Alembic's).
"""

from __future__ import annotations

import logging
import re
import sqlite3
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from gestao_negativacao.db.engine import sqlite_path

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
_REVISION = re.compile(r"^(down_revision|revision)\s*=\s*['\"]?([\w]+)?['\"]?", re.MULTILINE)


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


@cache
def head_revision() -> str:
    """The one script no other script revises (the chain is linear)."""
    revisions, revised = set(), set()
    for script in (MIGRATIONS_DIR / "versions").glob("*.py"):
        fields = dict(_REVISION.findall(script.read_text(encoding="utf-8")))
        if "revision" in fields:
            revisions.add(fields["revision"])
            if fields.get("down_revision"):
                revised.add(fields["down_revision"])
    heads = revisions - revised
    if len(heads) != 1:
        raise RuntimeError(f"migrações com mais de uma ponta: {sorted(heads)}")
    return heads.pop()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def backup_sqlite(engine: Engine, revision: str | None) -> Path | None:
    """Copy the SQLite file with SQLite's online backup (consistent even under WAL)."""
    path = sqlite_path(engine.url)
    if path is None or not path.exists() or path.stat().st_size == 0:
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.antes-{revision or 'vazio'}-{stamp}{path.suffix}")
    source = sqlite3.connect(path)
    try:
        destination = sqlite3.connect(target)
        try:
            source.backup(destination)
        finally:
            destination.close()
    finally:
        source.close()
    log.info("cópia de segurança do banco antes da migração: %s", target)
    return target


def upgrade(engine: Engine, revision: str = "head") -> Path | None:
    """Migrate to ``revision``; return the backup file made for SQLite, if any."""
    current = current_revision(engine)
    target = head_revision() if revision == "head" else revision
    if current == target:
        return None
    backup = backup_sqlite(engine, current) if current is not None else None
    from alembic import command

    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    log.info("banco migrado de %s para %s", current, target)
    return backup
