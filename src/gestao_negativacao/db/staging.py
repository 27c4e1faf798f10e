"""A query's rows kept for the rest of one transaction, in a temporary table.

Queueing a selection reads it four times (count, new negativations, reopened ones, the
queue). Read as a subquery each time, the rule behind it is evaluated four times, and a
``LIMIT`` without an order may even pick other rows the second time. Worse, PostgreSQL
planned ``(installment, customer) IN (selection LIMIT n)`` as a loop that evaluated the
rule once per negativation: 35 s for 5,000 items of a 100,000-installment portfolio.
Evaluated once into a temporary table, the selection is one fixed set, cheap to join.

Temporary tables are private to the connection; on a shared server the roles that queue
hold the right to create them (``db.server.privileges.TEMPORARY_TABLES``).
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Connection,
    Index,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    text,
)
from sqlalchemy.types import NullType


def _column_type(column):
    kind = column.type
    if isinstance(kind, NullType):
        return Integer()  # a bare NULL: the selection's ids are the only such columns
    if isinstance(kind, String) and kind.length is None:
        return String(60)  # a literal (role, trigger): MariaDB wants a length
    return kind


def _drop(conn: Connection, name: str) -> None:
    dialect = conn.dialect.name
    if dialect in ("mysql", "mariadb"):
        conn.execute(text(f"DROP TEMPORARY TABLE IF EXISTS {name}"))
    elif dialect == "sqlite":
        conn.execute(text(f"DROP TABLE IF EXISTS temp.{name}"))
    else:
        conn.execute(text(f"DROP TABLE IF EXISTS pg_temp.{name}"))


def stage(conn: Connection, query: Select, name: str, *, index: tuple[str, ...]) -> Table:
    """``query``'s rows in the temporary table ``name``, indexed on ``index``; dropped when
    the transaction ends (PostgreSQL) or by :func:`unstage` (every database)."""
    _drop(conn, name)  # MariaDB keeps a temporary table past a rollback
    table = Table(
        name,
        MetaData(),
        *(Column(c.name, _column_type(c)) for c in query.selected_columns),
        Index(f"{name}_key", *index),
        prefixes=["TEMPORARY"],
        postgresql_on_commit="DROP",
    )
    table.create(conn)
    conn.execute(table.insert().from_select([c.name for c in table.c], query))
    if conn.dialect.name == "postgresql":
        # temporary tables get no statistics from autovacuum; without them the planner
        # guesses a few hundred rows and loops over the negativations
        conn.execute(text(f"ANALYZE pg_temp.{name}"))
    return table


def unstage(conn: Connection, table: Table) -> None:
    _drop(conn, table.name)
