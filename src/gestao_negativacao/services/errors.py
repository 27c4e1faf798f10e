"""Database errors split the way a user needs them: the environment (server down, file
locked, disk full: tell the user and let them retry) versus a bug (report it)."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, OperationalError, SQLAlchemyError

from gestao_negativacao.logs import mask_documents

T = TypeVar("T")


def is_database_error(exc: BaseException) -> bool:
    return isinstance(exc, DBAPIError | SQLAlchemyError)


# What a database failure is, read from the code the driver gives (in the manner of
# qutebrowser's misc/sql.py), not from its wording: SQLSTATE classes (PostgreSQL),
# error numbers (MariaDB) and result codes (SQLite).
CONNECTION, LOCKED, INTEGRITY, PERMISSION, BUG = (
    "conexao", "ocupado", "integridade", "permissao", "defeito",
)  # fmt: skip
_SQLITE = {
    "SQLITE_BUSY": LOCKED, "SQLITE_LOCKED": LOCKED, "SQLITE_FULL": CONNECTION,
    "SQLITE_CANTOPEN": CONNECTION, "SQLITE_IOERR": CONNECTION, "SQLITE_READONLY": CONNECTION,
    "SQLITE_PERM": PERMISSION, "SQLITE_CONSTRAINT": INTEGRITY, "SQLITE_NOTADB": CONNECTION,
    "SQLITE_CORRUPT": CONNECTION,
}  # fmt: skip
_MYSQL = {
    **dict.fromkeys((2002, 2003, 2005, 2006, 2013, 2055, 1040, 1053, 1021), CONNECTION),
    **dict.fromkeys((1205, 1213, 1467), LOCKED),
    **dict.fromkeys((1062, 1451, 1452, 1048, 1406, 1264), INTEGRITY),
    **dict.fromkeys((1142, 1143, 1370, 1227, 1044, 1045), PERMISSION),
}


def classify(exc: BaseException) -> str:
    """connection (the server, the network, the disk), locked (another transaction),
    integrity (a constraint refused the data), permission (the server refused the user)
    or bug (anything else: a table missing, a syntax error — ours to fix)."""
    if isinstance(exc, OSError):
        return CONNECTION
    orig = getattr(exc, "orig", None) or exc
    name = getattr(orig, "sqlite_errorname", None)
    if name:
        return _SQLITE.get("_".join(name.split("_")[:2]), BUG)  # SQLITE_BUSY_SNAPSHOT too
    sqlstate, number = _codes(exc)
    if sqlstate:
        if sqlstate.startswith(("08", "53", "57", "58")):
            return CONNECTION
        if sqlstate.startswith("40") or sqlstate == "55P03":
            return LOCKED
        if sqlstate.startswith("23"):
            return INTEGRITY
        if sqlstate in ("42501", "28000", "28P01"):
            return PERMISSION
        return BUG
    if number is not None:
        return _MYSQL.get(number, BUG)
    if isinstance(exc, OperationalError):  # a driver that gives no code: its kind says
        return CONNECTION
    return BUG


def is_environment_error(exc: BaseException) -> bool:
    """Not a bug: tell the person, who can retry or call whoever runs the server."""
    return classify(exc) != BUG


def describe_database_error(exc: BaseException) -> str:
    """A message for the user: never the SQL, its parameters or a password."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        reason = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else ""
    else:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    reason = mask_documents(reason)
    kind = classify(exc)
    if kind == LOCKED:
        return (
            "O banco de dados está ocupado por outra operação. Aguarde alguns segundos e "
            f"tente de novo. ({reason})"
        )
    if kind == CONNECTION:
        return (
            "Não foi possível usar o banco de dados: verifique se o servidor está no ar, "
            f"a rede e o espaço em disco, e tente de novo. ({reason})"
        )
    if kind == PERMISSION:
        return f"O servidor de banco de dados não permite esta ação ao seu usuário. ({reason})"
    if kind == INTEGRITY:
        return (
            "O banco de dados recusou os dados (outra estação pode tê-los mudado ao mesmo "
            f"tempo); atualize a tela e tente de novo. ({reason})"
        )
    return f"Erro inesperado no banco de dados; informe o suporte. ({reason})"


def _codes(exc: BaseException) -> tuple[str | None, int | None]:
    """(SQLSTATE, MariaDB error number) of a driver error, where the driver gives them."""
    orig = getattr(exc, "orig", None) or exc
    sqlstate = getattr(orig, "sqlstate", None)
    args = getattr(orig, "args", ())
    number = args[0] if args and isinstance(args[0], int) else None
    return sqlstate, number


def is_login_refused(exc: BaseException) -> bool:
    """The server refused the login or its password (or the login may not open this
    database). Told apart from "server down" so that the window can say "wrong password"."""
    sqlstate, number = _codes(exc)
    if sqlstate in ("28P01", "28000") or number in (1045, 1698, 1044, 4151):
        return True
    text = str(getattr(exc, "orig", exc)).lower()
    return (
        "password authentication failed" in text
        or ("role" in text and "does not exist" in text)
        or "permission denied for database" in text
    )


def is_permission_refused(exc: BaseException) -> bool:
    """The database itself refused: the user's role lacks the privilege (or a definer
    function refused the caller)."""
    sqlstate, number = _codes(exc)
    return (
        sqlstate == "42501"
        or number in (1142, 1143, 1370, 1227, 1044)
        or (number == 1644 and "ADMIN_USUARIOS" in str(getattr(exc, "orig", exc)))
    )


def server_refusal(exc: BaseException) -> str:
    """The first line of the server's own message (a definer function's refusal is written
    for the user), without the SQL or its parameters."""
    orig = getattr(exc, "orig", exc)
    args = getattr(orig, "args", ())
    if len(args) >= 2 and isinstance(args[1], str):  # PyMySQL: (number, message)
        message = args[1]
    else:
        message = str(orig)
    message = message.strip().splitlines()[0] if message.strip() else type(exc).__name__
    return mask_documents(message.removeprefix("ERROR:").strip())


# PostgreSQL: deadlock, serialization failure; MariaDB/MySQL: deadlock, lock wait timeout,
# and 1467 "Failed to read auto-increment value from storage engine", which InnoDB gives a
# transaction that inserts from a temporary table while another inserts into the same table
# (two workstations queueing at once): the whole transaction runs again
_RETRYABLE_SQLSTATES = {"40P01", "40001"}
_RETRYABLE_MYSQL_CODES = {1213, 1205, 1467}


def is_retryable_conflict(exc: BaseException) -> bool:
    """A transaction the server gave up on because of another one: run it again."""
    if not isinstance(exc, DBAPIError) or exc.orig is None:
        return False
    orig = exc.orig
    if getattr(orig, "sqlstate", None) in _RETRYABLE_SQLSTATES:  # psycopg 3
        return True
    args = getattr(orig, "args", ())
    return bool(args) and args[0] in _RETRYABLE_MYSQL_CODES  # PyMySQL


def retry_on_conflict(work: Callable[[], T], attempts: int = 5) -> T:
    """Run ``work`` (one whole transaction) again when the server chose it as the victim
    of a deadlock; a short random pause lets the other transaction finish."""
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except DBAPIError as exc:
            if attempt == attempts or not is_retryable_conflict(exc):
                raise
            time.sleep(random.uniform(0.01, 0.05) * attempt)
    raise AssertionError("unreachable")  # pragma: no cover
