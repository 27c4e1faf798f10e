"""Database errors split the way a user needs them: the environment (server down, file
locked, disk full: tell the user and let them retry) versus a bug (report it)."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, OperationalError

from gestao_negativacao.logs import mask_documents


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
