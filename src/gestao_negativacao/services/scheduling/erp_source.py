"""The ERP's own database as an import source (DESIGN §9): a query that can only read.

Three walls, because the query is typed by a person and runs under the scheduler:

- **one statement, a SELECT**, checked as SQL (strings and comments understood) before
  anything reaches the server: ``SELECT 1; COMMIT; DELETE …`` ends a read-only transaction
  on PostgreSQL at the first COMMIT, so a second statement must never be sent; ``SELECT …
  INTO OUTFILE`` writes a file on a MariaDB server however read-only the transaction is;
- **read-only by the connection itself**: PostgreSQL starts every transaction read-only
  (``default_transaction_read_only``), MariaDB's session is ``READ ONLY``, SQLite's file
  is opened ``mode=ro`` — nothing the query says changes that within its one statement;
- **a time limit** (Parâmetros, default 5 minutes) enforced by the server
  (``statement_timeout``, ``max_statement_time``) and, for SQLite, by a progress handler:
  a slow or sleeping query fails the run instead of holding the scheduler.

The statement is sent as is, without bind parameters, so ``'hora :30'`` and ``'%'`` in the
ERP's SQL mean what they say.
"""

from __future__ import annotations

import time
from pathlib import Path

import sqlparse
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from gestao_negativacao.domain.errors import UserFacingError

DEFAULT_TIMEOUT_S = 300


class ErpQueryError(UserFacingError, ValueError):
    """The query or the ERP's database refused; the message says why, in Portuguese."""


def check_query(sql: str) -> str:
    """The one SELECT (or WITH … SELECT) in ``sql``, without its final semicolon."""
    statements = [
        s for s in sqlparse.split(sql or "") if sqlparse.format(s, strip_comments=True).strip()
    ]
    if not statements:
        raise ErpQueryError("Informe a consulta ao ERP: um SELECT com as colunas do layout.")
    if len(statements) > 1:
        raise ErpQueryError(
            f"A consulta ao ERP deve ser um único comando SELECT; há {len(statements)} "
            "comandos separados por ponto e vírgula."
        )
    statement = statements[0].strip().rstrip(";").strip()
    parsed = sqlparse.parse(statement)[0]
    if parsed.get_type() != "SELECT":
        raise ErpQueryError("A consulta ao ERP deve ser um SELECT (só leitura).")
    for token in parsed.flatten():
        if token.is_keyword and token.normalized in ("INTO", "OUTFILE", "DUMPFILE"):
            raise ErpQueryError(
                "A consulta ao ERP não pode usar INTO (gravar em tabela, variável ou arquivo)."
            )
        # in a SELECT, UPDATE / SHARE / LOCK only come as "FOR UPDATE", "LOCK IN SHARE MODE"
        if token.is_keyword and token.normalized in ("UPDATE", "SHARE", "LOCK"):
            raise ErpQueryError("A consulta ao ERP não pode travar linhas (FOR UPDATE).")
    return statement


def read_only_engine(url: str, timeout_s: int = DEFAULT_TIMEOUT_S) -> Engine:
    """An engine on the ERP's database whose connections can only read, and only for
    ``timeout_s`` seconds a statement. Its parameters never reach a log or a message."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    connect_args: dict = {}
    if backend == "postgresql":
        connect_args = {
            "options": (
                f"-c default_transaction_read_only=on -c statement_timeout={int(timeout_s * 1000)}"
            ),
            "connect_timeout": 30,
        }
    elif backend in ("mysql", "mariadb"):
        connect_args = {
            # one SET (init_command runs one statement): tx_read_only is what SET SESSION
            # TRANSACTION READ ONLY sets, under the name MariaDB 10.x and 11.x both know
            "init_command": (
                f"SET SESSION tx_read_only = 1, SESSION max_statement_time = {int(timeout_s)}"
            ),
            "connect_timeout": 30,
            "read_timeout": int(timeout_s) + 30,
        }
    elif backend == "sqlite":
        path = Path(parsed.database or "")
        if not path.is_file():
            raise ErpQueryError(f"Banco do ERP não encontrado: {path}")
        parsed = parsed.set(database=f"file:{path.as_posix()}?mode=ro").update_query_dict(
            {"uri": "true"}
        )
    engine = create_engine(
        parsed, poolclass=NullPool, hide_parameters=True, connect_args=connect_args
    )
    if backend == "sqlite":
        _sqlite_deadline(engine, timeout_s)
    return engine


def _sqlite_deadline(engine: Engine, timeout_s: int) -> None:
    """SQLite has no statement timeout: a progress handler interrupts the statement once
    the time is up (the query then fails with "interrupted")."""

    @event.listens_for(engine, "connect")
    def _limit(dbapi_connection, _record) -> None:
        deadline = time.monotonic() + timeout_s
        dbapi_connection.execute("PRAGMA query_only = ON")
        dbapi_connection.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)


def fetch(url: str, query: str, timeout_s: int = DEFAULT_TIMEOUT_S):
    """(column names, rows) of the ERP query, read under the three walls above. Sent
    through the driver's own cursor with no parameters, so nothing in it is taken for a
    placeholder; what the server refuses becomes an ``ErpQueryError`` with its first line."""
    statement = check_query(query)
    engine = read_only_engine(url, timeout_s)
    driver_error = engine.dialect.loaded_dbapi.Error
    try:
        with engine.connect() as conn:
            cursor = conn.connection.cursor()
            try:
                cursor.execute(statement)
                headers = [str(d[0]).lower() for d in cursor.description or ()]
                return headers, [tuple(row) for row in cursor.fetchall()]
            finally:
                cursor.close()
    except driver_error as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:300]
        raise ErpQueryError(f"O banco do ERP recusou a consulta: {first}") from None
    finally:
        engine.dispose()


__all__ = ["DEFAULT_TIMEOUT_S", "ErpQueryError", "check_query", "fetch", "read_only_engine"]
