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


def is_environment_error(exc: BaseException) -> bool:
    return isinstance(exc, OperationalError | OSError)


def describe_database_error(exc: BaseException) -> str:
    """A message for the user: never the SQL, its parameters or a password."""
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        reason = str(exc.orig).strip().splitlines()[0] if str(exc.orig).strip() else ""
    else:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    reason = mask_documents(reason)
    if is_environment_error(exc):
        lowered = reason.lower()
        if "locked" in lowered:
            return (
                "O banco de dados está ocupado por outra operação. Aguarde alguns segundos e "
                f"tente de novo. ({reason})"
            )
        return (
            "Não foi possível usar o banco de dados: verifique se o servidor está no ar, "
            f"a rede e o espaço em disco, e tente de novo. ({reason})"
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
