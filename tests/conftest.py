"""Fixtures: a fresh data folder per test, and fresh databases on SQLite, PostgreSQL and
MariaDB. The server databases come from environment variables (``.ci/run`` sets them);
without them those tests are skipped with the reason."""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import keyring  # noqa: E402
import keyring.backend  # noqa: E402
import keyring.errors  # noqa: E402
import pytest  # noqa: E402
from sqlalchemy import create_engine, text  # noqa: E402
from sqlalchemy.engine import make_url  # noqa: E402

from gestao_negativacao.db import server  # noqa: E402
from gestao_negativacao.db.engine import normalise_url  # noqa: E402
from gestao_negativacao.services.actor import Actor  # noqa: E402
from gestao_negativacao.services.admin import server_setup
from gestao_negativacao.services.database import Database, open_database  # noqa: E402

POSTGRES_ENV = "GESTAO_NEGATIVACAO_TEST_POSTGRES_URL"
MARIADB_ENV = "GESTAO_NEGATIVACAO_TEST_MARIADB_URL"
# a copy of shared/samples/carteira_exemplo.csv (Windows-1252, ';', decimal comma)
SAMPLE = Path(__file__).resolve().parent / "data" / "carteira_exemplo.csv"


@pytest.fixture(autouse=True)
def app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own data folder; nothing touches the user's real files."""
    home = tmp_path / "home"
    monkeypatch.setenv("GESTAO_NEGATIVACAO_HOME", str(home))
    monkeypatch.delenv("GESTAO_NEGATIVACAO_DATABASE_URL", raising=False)
    monkeypatch.delenv("GESTAO_NEGATIVACAO_PASSWORD", raising=False)
    return home


@pytest.fixture
def system() -> Actor:
    return Actor.system()


def _server_url(env: str, label: str) -> str:
    url = os.environ.get(env)
    if not url:
        pytest.skip(f"{label} não configurado: defina {env} (o .ci/run define) para rodar")
    return url


class ServerDatabases:
    """Creates a throw-away database per test on a server and drops it afterwards."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = normalise_url(admin_url)
        self.backend = self.admin_url.get_backend_name()
        self.created: list[str] = []

    def _admin_engine(self):
        options = {"isolation_level": "AUTOCOMMIT"}
        return create_engine(self.admin_url, **options)

    def create(self, *, prepared: bool = True) -> str:
        """A new database; ``prepared``: with the schema, roles and grants ``db init`` makes
        (the address is the server administrator's, as ``db init`` uses)."""
        name = f"gn_test_{uuid.uuid4().hex[:12]}"
        engine = self._admin_engine()
        with engine.connect() as conn:
            if self.backend == "postgresql":
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            else:
                conn.execute(text(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4"))
        engine.dispose()
        self.created.append(name)
        url = self.admin_url.set(database=name).render_as_string(hide_password=False)
        if prepared:
            server_setup.prepare(url)
        return url

    def drop(self, url: str) -> None:
        """The database and its roles and logins (they live in the whole server)."""
        name = make_url(url).database
        engine = self._admin_engine()
        with engine.connect() as conn:
            if self.backend == "postgresql":
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            else:
                conn.execute(text(f"DROP DATABASE IF EXISTS `{name}`"))
            server.drop_roles(conn, name)
        engine.dispose()
        if name in self.created:
            self.created.remove(name)

    def forget_stale(self) -> None:
        """What a killed or crashed run left behind: its test databases (those no session is
        connected to) and their roles and logins — roles live in the whole server, and the
        next run's logins (admin, maria, joao) have the same names."""
        engine = self._admin_engine()
        with engine.connect() as conn:
            if self.backend == "postgresql":
                idle = conn.execute(
                    text(
                        "SELECT datname FROM pg_database WHERE datname LIKE 'gn\\_test\\_%' "
                        "AND datname NOT IN (SELECT datname FROM pg_stat_activity "
                        "WHERE datname IS NOT NULL)"
                    )
                ).scalars()
            else:
                idle = conn.execute(
                    text(
                        "SELECT schema_name FROM information_schema.schemata "
                        "WHERE schema_name LIKE 'gn\\_test\\_%' AND schema_name NOT IN "
                        "(SELECT db FROM information_schema.processlist WHERE db IS NOT NULL)"
                    )
                ).scalars()
            for name in list(idle):
                if self.backend == "postgresql":
                    conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
                else:
                    conn.execute(text(f"DROP DATABASE IF EXISTS `{name}`"))
            if self.backend == "postgresql":
                alive = set(conn.execute(text("SELECT datname FROM pg_database")).scalars())
                bases = conn.execute(
                    text(
                        "SELECT rolname FROM pg_roles WHERE rolname LIKE 'gn\\_test\\_%\\_usuario'"
                    )
                ).scalars()
            else:
                alive = set(conn.execute(text("SHOW DATABASES")).scalars())
                bases = conn.execute(
                    text(
                        "SELECT User FROM mysql.user WHERE is_role = 'Y' AND "
                        "User LIKE 'gn\\_test\\_%\\_usuario'"
                    )  # fmt: skip
                ).scalars()
            for base in list(bases):
                database = base.removesuffix("_usuario")
                if database not in alive:
                    server.drop_roles(conn, database)
        engine.dispose()

    def drop_all(self) -> None:
        for name in list(self.created):
            self.drop(self.admin_url.set(database=name).render_as_string(hide_password=False))


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[ServerDatabases]:
    servers = ServerDatabases(_server_url(POSTGRES_ENV, "PostgreSQL"))
    servers.forget_stale()
    yield servers
    servers.drop_all()


@pytest.fixture(scope="session")
def mariadb_server() -> Iterator[ServerDatabases]:
    servers = ServerDatabases(_server_url(MARIADB_ENV, "MariaDB"))
    servers.forget_stale()
    yield servers
    servers.drop_all()


@pytest.fixture
def sqlite_db(app_home: Path) -> Iterator[Database]:
    db = open_database(f"sqlite:///{(app_home / 'teste.db').as_posix()}")
    yield db
    db.dispose()


@pytest.fixture(params=["sqlite", "postgresql", "mariadb"])
def any_db(request: pytest.FixtureRequest, app_home: Path) -> Iterator[Database]:
    """The same test on each database the product supports."""
    servers = None
    if request.param == "sqlite":
        url = f"sqlite:///{(app_home / 'teste.db').as_posix()}"
    else:
        servers = request.getfixturevalue(
            f"{request.param.replace('postgresql', 'postgres')}_server"
        )
        url = servers.create()
    db = open_database(url)
    yield db
    db.dispose()
    if servers is not None:
        servers.drop(url)


def url_of(db: Database) -> str:
    return make_url(db.engine.url).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def _postgresql_shared_db(postgres_server) -> Iterator[Database]:
    """One server database for a whole property test (each example empties it first)."""
    db = open_database(postgres_server.create())
    yield db
    db.dispose()


@pytest.fixture(scope="session")
def _mariadb_shared_db(mariadb_server) -> Iterator[Database]:
    db = open_database(mariadb_server.create())
    yield db
    db.dispose()


class MemoryKeyring(keyring.backend.KeyringBackend):
    """Tests never touch the developer's real keyring (DESIGN §7)."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.secrets:
            raise keyring.errors.PasswordDeleteError(username)
        del self.secrets[(service, username)]


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(autouse=True)
def _close_log_files():
    """Each test's log file (under its own home) is closed after it, and the logging set-up
    is as it was: a command run by a test (``cli.main``) points the terminal handler at
    that test's captured stderr, which pytest closes afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    from logging.handlers import RotatingFileHandler

    for handler in [h for h in root.handlers if isinstance(h, RotatingFileHandler)]:
        root.removeHandler(handler)
        handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)


# -- fixtures several test modules share ------------------------------------------------


@pytest.fixture
def file_keyring(tmp_path, monkeypatch):
    """A command in a subprocess can't see the tests' in-memory keyring: give it a file
    keyring of its own under this test's folder (never the developer's real one)."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


class Inbox:
    """A local SMTP server's mailbox (aiosmtpd): what the application sent."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp():
    import socket

    from aiosmtpd.controller import Controller

    inbox = Inbox()
    with socket.socket() as probe:  # aiosmtpd needs the port before it starts
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield controller, inbox
    finally:
        controller.stop()


@pytest.fixture(params=["postgresql", "mariadb"])
def secured(request, app_home):
    from gestao_negativacao.domain.permissions import RoleCode
    from gestao_negativacao.services.admin import users
    from gestao_negativacao.services.admin.connection import without_login
    from tests.server_helpers import PASSWORD, Secured

    servers = request.getfixturevalue(
        "postgres_server" if request.param == "postgresql" else "mariadb_server"
    )
    owner_url = servers.create(prepared=False)
    request.addfinalizer(lambda: servers.drop(owner_url))  # its logins are the server's
    server_setup.initialize(owner_url, "admin", PASSWORD, "Administradora")  # db init
    address = without_login(make_url(owner_url)).render_as_string(hide_password=False)
    admin_db = open_database(address, login="admin", password=PASSWORD)
    request.addfinalizer(admin_db.dispose)
    admin = users.session_actor(admin_db.session_factory)
    users.create_user(admin_db.session_factory, admin, "maria", PASSWORD, RoleCode.CLERK)
    users.create_user(admin_db.session_factory, admin, "joao", PASSWORD, RoleCode.SUPERVISOR)
    return Secured(request.param, owner_url, address, admin_db)
