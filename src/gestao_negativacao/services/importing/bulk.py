"""Each database's fastest way in for many new rows, inside the import's transaction:

- PostgreSQL: COPY … FROM STDIN (psycopg's copy), and new ids taken from the table's own
  sequence beforehand, so nothing has to be read back by natural key afterwards;
- MariaDB: ``executemany`` of one INSERT, which PyMySQL folds into multi-row statements of
  up to a megabyte. (LOAD DATA LOCAL INFILE would be faster, but it needs the client to
  allow the server to ask for local files: a server that is not the real one could then
  read any file of the clerk's workstation. Not worth it for an import.)
- SQLite: ``executemany`` in the one transaction, the fastest SQLite has.

Values go in the form the driver stores them, skipping SQLAlchemy's per-value processing
(which costs more than the database itself here): money as cents, and on SQLite dates as
ISO text and booleans as 0/1, exactly as SQLAlchemy's own SQLite types write them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from itertools import islice

from sqlalchemy import Connection, Table, text

from gestao_negativacao.services import changes

CHUNK = 20_000


def chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class BulkWriter:
    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.dialect = conn.dialect.name
        self.sqlite = self.dialect == "sqlite"
        self.copies = self.dialect == "postgresql"
        self._quote = conn.dialect.identifier_preparer.quote
        self._marker = "?" if conn.dialect.paramstyle == "qmark" else "%s"

    # -- values in storage form -----------------------------------------------------------

    def day(self, value: date | None) -> object:
        return value.isoformat() if self.sqlite and value is not None else value

    def flag(self, value: bool) -> object:
        return int(value) if self.sqlite else bool(value)

    # -- ids ------------------------------------------------------------------------------

    @property
    def gives_ids(self) -> bool:
        """True where ``new_ids`` can hand out ids before the rows are written."""
        return self.copies

    def new_ids(self, table: Table, count: int) -> list[int]:
        """``count`` ids from the table's sequence (PostgreSQL): safe beside other
        sessions, since a sequence never hands out the same value twice."""
        if not count:
            return []
        sequence = f"{table.name}_id_seq"
        query = text(f"SELECT nextval('{sequence}') FROM generate_series(1, :n)")
        return list(self.conn.execute(query, {"n": count}).scalars())

    # -- rows -----------------------------------------------------------------------------

    def insert(
        self,
        table: Table,
        columns: Sequence[str],
        rows: Iterable[tuple],
        advance: Callable[[int], None] | None = None,
    ) -> None:
        changes.note(self.conn, table.name)  # COPY and raw INSERTs bypass the watch
        names = ", ".join(self._quote(c) for c in columns)
        target = f"{self._quote(table.name)} ({names})"
        if self.copies:
            self._copy(target, rows, advance)
            return
        marks = ", ".join([self._marker] * len(columns))
        sql = f"INSERT INTO {target} VALUES ({marks})"
        for batch in chunks(rows, CHUNK):
            self.conn.exec_driver_sql(sql, batch)
            if advance:
                advance(len(batch))

    def _copy(self, target: str, rows: Iterable[tuple], advance) -> None:
        # the DBAPI connection of this SQLAlchemy connection: COPY runs in its transaction
        raw = self.conn.connection.dbapi_connection
        assert raw is not None
        with raw.cursor() as cursor, cursor.copy(f"COPY {target} FROM STDIN") as copy:
            written = 0
            for row in rows:
                copy.write_row(row)
                written += 1
                if written == CHUNK:
                    if advance:
                        advance(written)
                    written = 0
            if advance and written:
                advance(written)
