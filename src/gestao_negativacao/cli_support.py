"""What every command of the command line shares: exit codes, the error that stops a
command, the acting user and its password, dates typed by the user."""

from __future__ import annotations

import getpass
import os
import sys
from datetime import date

from gestao_negativacao.config import PASSWORD_ENV
from gestao_negativacao.services import users
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.database import Database

EXIT_OK, EXIT_DATA_ERRORS, EXIT_USAGE = 0, 1, 2


class CliError(Exception):
    """Stops the command with this message on stderr and exit code 2."""


def password(prompt: str, *, confirm: bool = False) -> str:
    value = os.environ.get(PASSWORD_ENV)
    if value:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError(
            f"Informe a senha na variável de ambiente {PASSWORD_ENV} "
            "(não há um terminal para perguntá-la)."
        )
    value = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repita a senha: ") != value:
        raise CliError("As senhas não conferem.")
    return value


def acting_user(db: Database, login: str | None) -> Actor:
    if not login:
        return Actor.system()
    return users.authenticate(db.session_factory, login, password(f"Senha de {login}: "))


def as_of_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"Data inválida: {text!r}. Use AAAA-MM-DD.") from None
