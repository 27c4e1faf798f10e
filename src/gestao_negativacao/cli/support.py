"""What every command of the command line shares: exit codes, the error that stops a
command, the acting user and its password, dates typed by the user."""

from __future__ import annotations

import getpass
import os
import sys
from datetime import date

from gestao_negativacao.config import NEW_PASSWORD_ENV, PASSWORD_ENV
from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.admin import users
from gestao_negativacao.services.database import Database

EXIT_OK, EXIT_DATA_ERRORS, EXIT_USAGE = 0, 1, 2


class CliError(UserFacingError):
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


def new_password(login: str, *, acting_allowed: bool = False) -> str:
    """The password of a user being created: ``GESTAO_NEGATIVACAO_NEW_PASSWORD`` or a
    prompt — never the acting user's variable, except where nobody is logged in yet
    (``demo``, ``db init``: ``acting_allowed``)."""
    value = os.environ.get(NEW_PASSWORD_ENV) or (
        os.environ.get(PASSWORD_ENV) if acting_allowed else None
    )
    if value:
        return value
    if not sys.stdin or not sys.stdin.isatty():
        raise CliError(
            f"Informe a senha do novo usuário {login} na variável de ambiente "
            f"{NEW_PASSWORD_ENV} (não há um terminal para perguntá-la)."
        )
    value = getpass.getpass(f"Senha do novo usuário {login}: ")
    if getpass.getpass("Repita a senha: ") != value:
        raise CliError("As senhas não conferem.")
    return value


def acting_user(db: Database, login: str | None) -> Actor:
    """Who acts. On a server it is the database's login this command connected as (with
    ``--user``, or the one the address names): there is no all-powerful command-line actor.
    On the local SQLite file, ``--user`` logs in, and without it the machine's own account
    acts (it owns the file anyway)."""
    if db.is_server:
        return users.session_actor(db.session_factory)
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
