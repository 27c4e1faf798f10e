"""What the benchmarks share: the databases they run on, the portfolios they build once and
reuse, the machine they ran on, and a way to measure one step in a process of its own
(so that its peak memory is its own).

``--database`` takes ``sqlite`` (a file under ``benchmarks/out``), ``postgresql`` or
``mariadb`` (the server of GESTAO_NEGATIVACAO_TEST_POSTGRES_URL /
GESTAO_NEGATIVACAO_TEST_MARIADB_URL, or CI's local servers when those are unset), or a
server administrator's URL. On a server each benchmark works in a database of its own,
``gn_bench_<name>``, prepared as ``db init`` prepares one, and acts as that database's
administrator (a login of the server, as a user of the application would).
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, func, make_url, select, text

from gestao_negativacao.db.engine import normalise_url
from gestao_negativacao.db.models import Installment
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.database import Database, open_database

AS_OF = date(2026, 11, 22)
SEED = 7
OUT = Path(__file__).resolve().parent / "out"
SERVERS = {
    "postgresql": (
        "GESTAO_NEGATIVACAO_TEST_POSTGRES_URL",
        "postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
    ),
    "mariadb": ("GESTAO_NEGATIVACAO_TEST_MARIADB_URL", "mysql+pymysql://root@127.0.0.1:3306/"),
}
KINDS = ("sqlite", "postgresql", "mariadb")
# the benchmark databases' administrator (CI's servers trust 127.0.0.1; a real server
# checks the password)
BENCH_PASSWORD = "Bench-2026-senha"

os.environ.setdefault("GESTAO_NEGATIVACAO_HOME", tempfile.mkdtemp(prefix="gn-bench-"))


def kind_of(database: str) -> str:
    if database in KINDS:
        return database
    backend = make_url(database).get_backend_name()
    return "mariadb" if backend in ("mysql", "mariadb") else backend


def admin_url(database: str) -> str | None:
    """The server administrator's URL for ``database`` (None for SQLite)."""
    if database == "sqlite":
        return None
    if database in SERVERS:
        env, default = SERVERS[database]
        database = os.environ.get(env) or default
    # the product's drivers for a bare "mysql://" or "postgresql://", as the application
    # itself reads such an address (a developer's test URL may be written either way)
    return normalise_url(database).render_as_string(hide_password=False)


def reachable(database: str) -> bool:
    url = admin_url(database)
    if url is None:
        return True
    try:
        engine = create_engine(url, connect_args={"connect_timeout": 3})
    except Exception:  # noqa: BLE001 - a driver this installation lacks: not reachable
        return False
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return True
    except Exception:  # noqa: BLE001 - any failure means "not here"
        return False
    finally:
        engine.dispose()


@dataclass
class BenchDatabase:
    kind: str
    url: str  # what the benchmark opens (SQLite file, or the server database)
    owner_url: str | None  # the server administrator's URL of this database
    login: str | None

    def open(self) -> Database:
        if self.kind == "sqlite":
            return open_database(self.url)
        return open_database(self.url, login=self.login, password=BENCH_PASSWORD)

    def actor(self, db: Database) -> Actor:
        if self.kind == "sqlite":
            return Actor.system()
        from gestao_negativacao.services.admin import users

        return users.session_actor(db.session_factory)

    def installments(self, db: Database) -> int:
        with db.session_factory() as session:
            return session.scalar(select(func.count()).select_from(Installment)) or 0


def bench_database(database: str, name: str, *, fresh: bool = False) -> BenchDatabase:
    """The benchmark database ``name`` on ``database``, created (schema, roles, an
    administrator) when missing or when ``fresh``."""
    kind = kind_of(database)
    if kind == "sqlite":
        OUT.mkdir(exist_ok=True)
        path = OUT / f"{name}.db"
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path.as_posix()}"
        if not path.exists():
            open_database(url).dispose()  # the schema, as the application's first start
        return BenchDatabase("sqlite", url, None, None)

    from gestao_negativacao.db import server
    from gestao_negativacao.services.admin import server_setup

    base = make_url(admin_url(database))
    dbname = f"gn_bench_{name}"
    login = f"bench_{name}"[:60]
    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if kind == "postgresql":
            exists = conn.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": dbname}
            )
        else:
            exists = conn.scalar(text("SHOW DATABASES LIKE :n"), {"n": dbname})
        if exists and fresh:
            if kind == "postgresql":
                conn.execute(text(f'DROP DATABASE "{dbname}" WITH (FORCE)'))
            else:
                conn.execute(text(f"DROP DATABASE `{dbname}`"))
            server.drop_roles(conn, dbname)
            exists = None
        if not exists:
            server.drop_roles(conn, dbname)  # left by an earlier, interrupted run
            if kind == "postgresql":
                conn.execute(text(f'CREATE DATABASE "{dbname}"'))
            else:
                conn.execute(text(f"CREATE DATABASE `{dbname}` CHARACTER SET utf8mb4"))
    engine.dispose()
    owner = base.set(database=dbname).render_as_string(hide_password=False)
    if not exists:
        server_setup.initialize(owner, login, BENCH_PASSWORD, "Benchmark")
    else:  # built by an older version: brought to this one's schema, as `db upgrade` does
        server_setup.upgrade(owner)
    url = base.set(database=dbname, username=None, password=None)
    return BenchDatabase(kind, url.render_as_string(hide_password=False), owner, login)


def demo_portfolio(database: str, installments: int) -> BenchDatabase:
    """The demo portfolio of ``installments`` installments (seed 7, as of 22/11/2026), built
    once per database by the product's own import and reused while its size matches."""
    from gestao_negativacao.services.demo.portfolio import demo_table
    from gestao_negativacao.services.importing import import_table

    target = bench_database(database, f"carteira_{installments}")
    db = target.open()
    try:
        if target.installments(db) == installments:
            return target
    finally:
        db.dispose()
    target = bench_database(database, f"carteira_{installments}", fresh=True)
    db = target.open()
    print(f"construindo a carteira de {installments:,} parcelas ({target.kind}) ...", flush=True)
    started = time.perf_counter()
    table = demo_table(installments, seed=SEED, as_of=AS_OF)
    report = import_table(db.session_factory, target.actor(db), table, "bench", as_of=AS_OF)
    assert report.written, report.errors[:3]
    db.dispose()
    analyse(target)
    print(f"  pronta em {time.perf_counter() - started:.0f} s", flush=True)
    return target


def analyse(target: BenchDatabase) -> None:
    """Fresh planner statistics and visibility map, as a server's autovacuum would have
    made them a while after a big import (run as the owner: only the owner may)."""
    engine = create_engine(target.owner_url or target.url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        if target.kind == "postgresql":
            conn.execute(text("VACUUM (ANALYZE)"))
        elif target.kind == "sqlite":
            conn.execute(text("ANALYZE"))
        else:
            for table in ("installments", "sales", "customers", "sale_guarantors"):
                conn.execute(text(f"ANALYZE TABLE {table}"))
    engine.dispose()


# -- measuring -----------------------------------------------------------------------------


def peak_memory_mb() -> float:
    """This process's peak resident memory. On Linux from ``VmHWM``, the high-water mark of
    this program's own memory: ``ru_maxrss`` survives ``exec`` and would report the parent's
    peak for a child that used less (the benchmark's parent holds the million-row table
    it wrote the file from). Elsewhere ``ru_maxrss`` (KiB on Linux, bytes on macOS)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def in_child(script: Path, *arguments: str) -> dict:
    """Run ``script`` with ``arguments`` in a process of its own; its last output line is a
    JSON document (see ``child_result``)."""
    completed = subprocess.run(
        [sys.executable, str(script), *arguments], capture_output=True, text=True, check=False
    )
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout + completed.stderr)
        raise SystemExit(f"{script.name} {' '.join(arguments)} falhou")
    for line in reversed(completed.stdout.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise SystemExit(f"{script.name} não devolveu resultado")


def child_result(**figures) -> None:
    print(json.dumps({**figures, "peak_mb": round(peak_memory_mb(), 1)}), flush=True)


def machine() -> dict:
    import psutil
    import sqlalchemy

    return {
        "cores": os.cpu_count(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "sqlalchemy": sqlalchemy.__version__,
        "system": f"{platform.system()} {platform.release()}",
    }


def server_version(db: Database) -> str:
    with db.engine.connect() as conn:
        if db.dialect == "sqlite":
            return "SQLite " + conn.scalar(text("SELECT sqlite_version()"))
        if db.dialect == "postgresql":
            return "PostgreSQL " + conn.scalar(text("SHOW server_version")).split()[0]
        return "MariaDB " + conn.scalar(text("SELECT version()")).split("-")[0]


def write_json(path: str | None, document: dict) -> None:
    if path:
        Path(path).write_text(json.dumps(document, indent=2, default=str), encoding="utf-8")
