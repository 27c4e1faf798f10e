"""One user-facing error base (issue 19): every refusal a person can act on derives from
``UserFacingError``, so the window and the command line each catch that one class and
show its words; anything else is a bug or the environment, and says so."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import gestao_negativacao
from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.services.importing.parsing import parse_money

# raised and caught inside the application, never shown as such
INTERNAL = {
    "ImportCancelled",  # the clerk's own Cancelar, reported as a cancelled import
    "TooManyTries",  # becomes LoginFailed with its message
    "Refused",  # the sandbox's way of answering a refusal (what a bureau answers)
    "Fault",  # the sandbox's SOAP fault
}


def _our_exceptions() -> dict[str, type]:
    found = {}
    for info in pkgutil.walk_packages(gestao_negativacao.__path__, "gestao_negativacao."):
        if ".migrations" in info.name or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__ == module.__name__
            ):
                found[f"{module.__name__}.{name}"] = value
    return found


def test_every_refusal_derives_from_the_one_base():
    exceptions = _our_exceptions()
    assert len(exceptions) > 30
    strays = sorted(
        path
        for path, cls in exceptions.items()
        if not issubclass(cls, UserFacingError) and cls.__name__ not in INTERNAL
    )
    assert strays == []


def test_a_bug_is_never_shown_as_its_own_text_and_a_refusal_always_is():
    from gestao_negativacao.gui.messages import UNEXPECTED, user_message

    try:
        parse_money("12,345", ",")
    except UserFacingError as exc:
        assert user_message(exc) == "valor com mais de duas casas decimais: '12,345'"
    assert user_message(KeyError("negativation_id")) == UNEXPECTED
    # a file another program holds (Excel, on Windows) is said so, not called a bug
    held = PermissionError(13, "Permission denied", "C:/Users/ana/lista.xlsx")
    assert user_message(held) == (
        "Não foi possível usar o arquivo C:/Users/ana/lista.xlsx: Permission denied "
        "(o arquivo pode estar aberto em outro programa, como o Excel)."
    )
    assert user_message(ValueError("colunas ausentes na consulta: {'x'}")) == UNEXPECTED


def test_database_failures_are_classified_by_their_codes(any_db):
    """By SQLSTATE (PostgreSQL), error number (MariaDB) or result code (SQLite), not by
    wording: a missing table is a bug (ours), a duplicate is the data, a privilege the
    server's refusal."""
    import pytest
    from sqlalchemy import text

    from gestao_negativacao.services.errors import BUG, INTEGRITY, classify

    with pytest.raises(Exception) as missing:
        with any_db.engine.connect() as conn:
            conn.execute(text("SELECT * FROM tabela_que_nao_existe"))
    assert classify(missing.value) == BUG
    with any_db.engine.begin() as conn:
        conn.execute(text("INSERT INTO companies (cnpj, name) VALUES ('29141777000158', 'a')"))
    with pytest.raises(Exception) as duplicate:
        with any_db.engine.begin() as conn:
            conn.execute(text("INSERT INTO companies (cnpj, name) VALUES ('29141777000158', 'b')"))
    assert classify(duplicate.value) == INTEGRITY


def test_a_locked_sqlite_file_is_the_environment_not_a_bug(sqlite_db):
    import sqlite3

    import pytest
    from sqlalchemy import text

    from gestao_negativacao.services.errors import LOCKED, classify, describe_database_error

    path = sqlite_db.engine.url.database
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        engine = sqlite_db.engine.execution_options()
        with pytest.raises(Exception) as busy:
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA busy_timeout=50")
                conn.execute(text("INSERT INTO companies (cnpj, name) VALUES ('1', 'x')"))
                conn.commit()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert classify(busy.value) == LOCKED
    assert "ocupado por outra operação" in describe_database_error(busy.value)
