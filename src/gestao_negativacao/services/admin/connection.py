"""Which database this workstation uses: the embedded SQLite file, or a shared server chosen
in the connection dialog. The choice is saved in the data folder as the server's address
and TLS settings only: no login and no password (on a server the login is each user's own,
typed at the login window; DESIGN §8)."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass

from sqlalchemy import URL, make_url, text
from sqlalchemy.exc import ArgumentError

from gestao_negativacao.config import DATABASE_URL_ENV, data_dir, default_database_url
from gestao_negativacao.db.engine import (
    DatabaseConfigError,
    describe,
    describe_url,
    make_engine,
    normalise_url,
)
from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.services.errors import describe_database_error, is_login_refused

SETTINGS_FILE = "conexao.json"
KINDS = {"postgresql": ("PostgreSQL", 5432), "mysql": ("MariaDB / MySQL", 3306)}
# how the link is protected: the label shown, and what it means for each server
TLS_MODES = {
    "verify-full": "Cifrada, conferindo o certificado e o nome do servidor (recomendado)",
    "require": "Cifrada, sem conferir o certificado",
    "disable": "Sem cifrar (só numa rede isolada)",
}


class ConnectionProblem(UserFacingError, ValueError):
    """The connection cannot be used; the message says why, in Portuguese."""


def _settings_path():
    return data_dir() / SETTINGS_FILE


def server_url(
    kind: str, host: str, port: int, database: str, tls: str = "verify-full", ca_file: str = ""
) -> URL:
    """The server's address with its TLS settings; no login, no password."""
    if kind not in KINDS:
        raise ConnectionProblem("Escolha PostgreSQL ou MariaDB / MySQL.")
    if not host.strip() or not database.strip():
        raise ConnectionProblem("Informe o endereço do servidor e o nome do banco.")
    if tls not in TLS_MODES:
        raise ConnectionProblem("Escolha como proteger a conexão.")
    if tls == "verify-full" and not ca_file.strip() and kind == "mysql":
        raise ConnectionProblem(
            "Para conferir o certificado do MariaDB, informe o arquivo da autoridade (CA)."
        )
    query: dict[str, str] = {}
    if kind == "postgresql":
        query["sslmode"] = tls
        if ca_file.strip():
            query["sslrootcert"] = ca_file.strip()
    elif tls != "disable":
        if ca_file.strip():
            query["ssl_ca"] = ca_file.strip()
        query["ssl_verify_cert"] = "true" if tls == "verify-full" else "false"
        query["ssl_verify_identity"] = "true" if tls == "verify-full" else "false"
        if tls == "require" and not ca_file.strip():
            query["ssl"] = "true"
    return URL.create(kind, host=host.strip(), port=port, database=database.strip(), query=query)


def without_login(url: URL) -> URL:
    """The same address without login or password (``URL.set`` ignores None: rebuilt)."""
    return URL.create(
        url.drivername, host=url.host, port=url.port, database=url.database, query=url.query
    )


def without_password(url: URL) -> URL:
    """The same address keeping its login, without the password (an ERP's database, whose
    password goes to the keyring)."""
    return URL.create(
        url.drivername, username=url.username, host=url.host, port=url.port,
        database=url.database, query=url.query,
    )  # fmt: skip


def with_login(url: URL | str, login: str, password: str) -> URL:
    return make_url(url).set(username=login, password=password or None)


@dataclass(frozen=True)
class Saved:
    url: URL

    @property
    def kind(self) -> str:
        return self.url.get_backend_name()

    @property
    def tls(self) -> str:
        query = self.url.query
        if self.kind == "postgresql":
            return str(query.get("sslmode", "prefer"))
        if str(query.get("ssl_verify_cert", "")) == "true":
            return "verify-full"
        return "require" if ("ssl_ca" in query or "ssl" in query) else "disable"

    @property
    def ca_file(self) -> str:
        return str(self.url.query.get("sslrootcert") or self.url.query.get("ssl_ca") or "")


def saved_url() -> URL | None:
    """The server saved for this workstation (no login in it); None: the local file."""
    path = _settings_path()
    if not path.exists():
        return None
    try:
        return without_login(make_url(json.loads(path.read_text(encoding="utf-8"))["url"]))
    except (ValueError, KeyError, ArgumentError):
        return None


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
    """Remember ``url`` (None: back to the local SQLite file) — never a login or password."""
    path = _settings_path()
    if url is None:
        path.unlink(missing_ok=True)
        return
    stored = without_login(url).render_as_string(hide_password=False)
    path.write_text(json.dumps({"url": stored}), encoding="utf-8")


def encryption(conn) -> bool:
    """Whether this session's link is encrypted (TLS), as the server sees it."""
    if conn.dialect.name == "postgresql":
        return bool(
            conn.execute(text("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).scalar()
        )
    row = conn.execute(text("SHOW SESSION STATUS LIKE 'Ssl_cipher'")).first()
    return bool(row and row[1])


@dataclass(frozen=True)
class CheckResult:
    description: str
    encrypted: bool

    @property
    def message(self) -> str:
        if self.encrypted:
            return f"Conexão bem-sucedida e cifrada (TLS): {self.description}."
        return (
            f"Conexão bem-sucedida, mas SEM cifra: {self.description}. Senhas e dados "
            "passariam abertos pela rede — configure TLS no servidor e escolha a opção "
            "cifrada, conferindo o certificado."
        )


def check(url: URL | str) -> CheckResult:
    """Connect (with the login typed for the test) and ask the server two questions."""
    try:
        engine = make_engine(url)
    except DatabaseConfigError as exc:
        raise ConnectionProblem(str(exc)) from None
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            encrypted = encryption(conn) if conn.dialect.name != "sqlite" else False
        return CheckResult(describe(engine), encrypted)
    except Exception as exc:  # noqa: BLE001 - every failure becomes the user's message
        if is_login_refused(exc):
            raise ConnectionProblem(
                "O servidor respondeu, mas recusou o login ou a senha informados para o teste."
            ) from None
        reason = str(getattr(exc, "orig", exc)).lower()
        if "ssl" in reason and ("not support" in reason or "doesn't support" in reason):
            raise ConnectionProblem(
                "O servidor não oferece conexão cifrada (TLS): peça a quem o administra para "
                "ativá-la, ou escolha “Sem cifrar” só numa rede isolada."
            ) from None
        if "certificate" in reason or "verify failed" in reason:
            raise ConnectionProblem(
                "O certificado do servidor não confere com a autoridade (CA) informada, ou o "
                "nome do servidor não é o do certificado."
            ) from None
        raise ConnectionProblem(describe_database_error(exc)) from None
    finally:
        engine.dispose()


@dataclass(frozen=True)
class Target:
    """Where the application will open its database: the address (``--database``, the
    environment, the saved connection or the local file), whether it is a shared server,
    and how it reads to a person."""

    url: str
    is_server: bool
    description: str


def target(explicit: str | None = None) -> Target:
    url = normalise_url(resolve_url(explicit))
    return Target(
        url.render_as_string(hide_password=False),
        url.get_backend_name() != "sqlite",
        describe_url(url),
    )
