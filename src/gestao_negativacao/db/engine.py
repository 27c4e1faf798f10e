"""Engine factory: SQLite (embedded default), PostgreSQL (psycopg 3) and MariaDB/MySQL.

SQLite gets WAL (readers never wait for the writer), foreign keys and a busy timeout.
A SQLite file on a network share is refused: SQLite's locking is unreliable over SMB/NFS
and corrupts files shared by several workstations; they must share a server instead.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path, PureWindowsPath

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from gestao_negativacao.domain.errors import UserFacingError

SQLITE_BUSY_TIMEOUT_MS = 30_000
SQLITE_MMAP_BYTES = 256 * 1024 * 1024
_NETWORK_FS_TYPES = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "9p", "afs", "sshfs", "fuse.sshfs"}


class DatabaseConfigError(UserFacingError):
    """The database URL or location cannot be used; ``str(exc)`` tells the user why."""


NETWORK_SQLITE_MESSAGE = (
    "O banco de dados local (SQLite) não pode ficar em uma pasta de rede ({path}): "
    "o SQLite não trava o arquivo com segurança pela rede e várias estações o corromperiam. "
    "Para compartilhar os dados entre estações, use um servidor PostgreSQL "
    "(por exemplo --database postgresql://usuario@servidor/gestao) e aponte todas as "
    "estações para ele."
)


def _windows_drive_is_remote(drive: str) -> bool:
    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    DRIVE_REMOTE = 4
    return kernel32.GetDriveTypeW(f"{drive}\\") == DRIVE_REMOTE


def _linux_mount_fstype(path: Path) -> str | None:
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return None
    best, best_type = "", None
    target = str(path.resolve())
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if (target == mount_point or target.startswith(mount_point.rstrip("/") + "/")) and len(
            mount_point
        ) > len(best):
            best, best_type = mount_point, parts[2]
    return best_type


def is_network_path(
    path: str,
    *,
    platform: str = sys.platform,
    drive_is_remote: Callable[[str], bool] | None = None,
) -> bool:
    """True for UNC paths (``\\\\server\\share``), mapped network drives on Windows and
    network file systems on Linux."""
    if path.startswith(("\\\\", "//")):
        return True
    if platform == "win32":
        drive = PureWindowsPath(path).drive
        if len(drive) == 2 and drive[1] == ":":
            check = drive_is_remote or _windows_drive_is_remote
            return check(drive)
        return False
    fstype = _linux_mount_fstype(Path(path))
    return fstype in _NETWORK_FS_TYPES


def normalise_url(url: str | URL) -> URL:
    """Pick our drivers for the bare dialect names users type."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseConfigError(f"Endereço de banco de dados inválido: {exc}") from None
    drivers = {
        "postgresql": "postgresql+psycopg",
        "postgres": "postgresql+psycopg",
        "mysql": "mysql+pymysql",
        "mariadb": "mariadb+pymysql",
    }
    if parsed.drivername in drivers:
        parsed = parsed.set(drivername=drivers[parsed.drivername])
    if parsed.get_backend_name() not in ("sqlite", "postgresql", "mysql", "mariadb"):
        raise DatabaseConfigError(
            f"Banco de dados não suportado: {parsed.get_backend_name()}. "
            "Use SQLite, PostgreSQL ou MariaDB/MySQL."
        )
    return parsed


def sqlite_path(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database)


def _on_sqlite_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # Rules group and sort hundreds of thousands of rows: keep SQLite's temporary b-trees
    # in memory, give it a 64 MiB page cache and read the file through mmap.
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.execute("PRAGMA cache_size=-65536")
    cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cursor.close()


@contextmanager
def sqlite_reads_unmapped(conn: Connection) -> Iterator[None]:
    """Reads of this connection through SQLite's own page cache, not the memory map, until
    the block ends. For a job that reads every page once (an import comparing a million
    stored installments): each mapped page touched stays in the process's memory (110 MB
    more at a million), where the page cache is capped at 64 MiB."""
    if conn.dialect.name != "sqlite":
        yield
        return
    # each PRAGMA committed at once: a session bound to ``conn`` afterwards must find it
    # outside a transaction, or it would join that one and never commit its own
    conn.exec_driver_sql("PRAGMA mmap_size=0")
    conn.commit()
    try:
        yield
    finally:
        conn.exec_driver_sql(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
        conn.commit()


def _private_file(path: Path) -> None:
    """The database file readable by its owner only (SQLite gives its -wal and -shm files
    the same permissions). On Windows the folder's ACL already keeps it private."""
    if os.name != "posix":
        return
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    os.chmod(path, 0o600)


def _mariadb_role_activation(database: str, login: str):
    """MariaDB activates one role per session: the application user's own, which holds its
    permissions (``db.server.mariadb``). An account without one (the server's administrator
    running ``db init``) simply keeps its own privileges."""

    def on_connect(dbapi_connection, _record) -> None:
        from gestao_negativacao.db.server import Names, activate_role

        try:
            activate_role(dbapi_connection, Names(database), login)
        except Exception:  # noqa: BLE001 - no such role: not an application user
            pass

    return on_connect


def make_engine(url: str | URL, *, server_login: str | None = None, **kwargs) -> Engine:
    """``server_login``: the application user this engine logs in as on a server (the
    audit log and MariaDB's role activation need to know)."""
    # a statement's parameters are CPFs, names, birth dates, addresses: never in an error
    # message, a traceback or a log line
    kwargs.setdefault("hide_parameters", True)
    parsed = normalise_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        path = sqlite_path(parsed)
        if path is not None:
            if is_network_path(str(parsed.database)):
                raise DatabaseConfigError(NETWORK_SQLITE_MESSAGE.format(path=parsed.database))
            path.parent.mkdir(parents=True, exist_ok=True)
            _private_file(path)
        engine = create_engine(
            parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs
        )
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    if backend in ("mysql", "mariadb"):
        parsed, tls = _mysql_tls(parsed.update_query_dict({"charset": "utf8mb4"}))
        connect_args = {**kwargs.pop("connect_args", {}), **tls}
        engine = create_engine(parsed, pool_pre_ping=True, connect_args=connect_args, **kwargs)
        if server_login:
            event.listen(
                engine, "connect", _mariadb_role_activation(parsed.database or "", server_login)
            )
        return engine
    # the workstation's name travels with each session: the audit triggers record it
    connect_args = kwargs.pop("connect_args", {})
    connect_args.setdefault("application_name", f"gestao-negativacao@{_host()}"[:63])
    return create_engine(parsed, pool_pre_ping=True, connect_args=connect_args, **kwargs)


def _mysql_tls(url: URL) -> tuple[URL, dict]:
    """The connection dialog's TLS choice, as PyMySQL wants it (real booleans and an
    ``ssl`` dict: the strings of a URL would all read as true)."""
    query = dict(url.query)
    keys = ("ssl", "ssl_ca", "ssl_verify_cert", "ssl_verify_identity")
    if not any(k in query for k in keys):
        return url, {}
    wanted = {k: query.pop(k) for k in keys if k in query}
    ssl: dict = {"ca": wanted["ssl_ca"]} if wanted.get("ssl_ca") else {}
    args = {
        "ssl": ssl or {"check_hostname": False},
        "ssl_verify_cert": str(wanted.get("ssl_verify_cert", "")).lower() == "true",
        "ssl_verify_identity": str(wanted.get("ssl_verify_identity", "")).lower() == "true",
    }
    return url.set(query=query), args


def _host() -> str:
    import socket

    try:
        return socket.gethostname()
    except OSError:  # pragma: no cover
        return ""


def describe(engine: Engine) -> str:
    """Where the data is, for the status bar and error messages (never the password)."""
    return describe_url(engine.url)


def describe_url(url: URL) -> str:
    if url.get_backend_name() == "sqlite":
        return f"arquivo local {url.database}"
    host = url.host or "localhost"
    port = f":{url.port}" if url.port else ""
    return f"{url.get_backend_name()} em {host}{port}/{url.database}"
