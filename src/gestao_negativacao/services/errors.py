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


# PostgreSQL: deadlock, serialization failure; MariaDB/MySQL: deadlock, lock wait timeout
_RETRYABLE_SQLSTATES = {"40P01", "40001"}
_RETRYABLE_MYSQL_CODES = {1213, 1205}


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
