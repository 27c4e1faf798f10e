"""Which database this workstation uses: the embedded SQLite file, or a shared server
chosen in the connection dialog. The choice is saved in the data folder without its
password; the password goes to this workstation's keyring (DESIGN §7)."""

from __future__ import annotations

import json
import os

from sqlalchemy import URL, make_url, text
from sqlalchemy.exc import ArgumentError

from gestao_negativacao.config import DATABASE_URL_ENV, data_dir, default_database_url
from gestao_negativacao.db.engine import DatabaseConfigError, describe, make_engine
from gestao_negativacao.services import credentials
from gestao_negativacao.services.errors import describe_database_error

SETTINGS_FILE = "conexao.json"
KINDS = {"postgresql": ("PostgreSQL", 5432), "mysql": ("MariaDB / MySQL", 3306)}


class ConnectionProblem(ValueError):
    """The connection cannot be used; the message says why, in Portuguese."""


def _settings_path():
    return data_dir() / SETTINGS_FILE


def _keyring_name(url: URL) -> str:
    return f"banco-{url.get_backend_name()}-{url.username}@{url.host}:{url.port}/{url.database}"


def server_url(kind: str, host: str, port: int, database: str, user: str, password: str) -> URL:
    if kind not in KINDS:
        raise ConnectionProblem("Escolha PostgreSQL ou MariaDB / MySQL.")
    if not host.strip() or not database.strip() or not user.strip():
        raise ConnectionProblem("Informe o endereço do servidor, o banco e o usuário.")
    return URL.create(
        kind,
        username=user.strip(),
        password=password or None,
        host=host.strip(),
        port=port,
        database=database.strip(),
    )


def without_password(url: URL) -> URL:
    """The same address without its password (``URL.set`` ignores None, so rebuild it)."""
    return URL.create(
        url.drivername,
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    )


def saved_url() -> URL | None:
    """The server saved for this workstation, password from the keyring; None: local."""
    path = _settings_path()
    if not path.exists():
        return None
    try:
        url = make_url(json.loads(path.read_text(encoding="utf-8"))["url"])
    except (ValueError, KeyError, ArgumentError):
        return None
    password = credentials.get_named(_keyring_name(url))
    return url.set(password=password) if password else url


def resolve_url(explicit: str | None = None) -> str:
    """``--database`` wins, then the environment variable, then the saved server, then
    the embedded SQLite file."""
    if explicit:
        return explicit
    if os.environ.get(DATABASE_URL_ENV):
        return os.environ[DATABASE_URL_ENV]
    saved = saved_url()
    if saved is not None:
        return saved.render_as_string(hide_password=False)
    return default_database_url()


def save(url: URL | None) -> None:
    """Remember ``url`` (None: back to the local SQLite file)."""
    path = _settings_path()
    if url is None:
        path.unlink(missing_ok=True)
        return
    if url.password:
        credentials.set_named(_keyring_name(url), url.password)
    stored = without_password(url).render_as_string(hide_password=False)
    path.write_text(json.dumps({"url": stored}), encoding="utf-8")


def check(url: URL | str) -> str:
    """Connect and ask the server one question; the description, or a message."""
    try:
        engine = make_engine(url)
    except DatabaseConfigError as exc:
        raise ConnectionProblem(str(exc)) from None
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return describe(engine)
    except Exception as exc:  # noqa: BLE001 - every failure becomes the user's message
        raise ConnectionProblem(describe_database_error(exc)) from None
    finally:
        engine.dispose()
