"""SQLite's one writer at a time, taken before reading.

A SQLite transaction that reads first and writes afterwards fails at once ("database is
locked", no busy wait) when another connection wrote in between. A transaction that will
write after deciding from what it read takes the write lock first: an UPDATE that matches
no row does that, waiting on the busy timeout like any write. Servers have row locks and
need nothing here."""

from __future__ import annotations

from sqlalchemy import Connection, Table, false


def write_first(conn: Connection, table: Table, column: str) -> None:
    """On SQLite, become the writer now (``table`` and ``column`` only give the no-op
    UPDATE something to name)."""
    if conn.dialect.name == "sqlite":
        conn.execute(table.update().where(false()).values({column: table.c[column]}))
