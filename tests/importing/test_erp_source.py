"""The ERP query (issue 18, item 1), as an attacker would write it, against a real
PostgreSQL, MariaDB and SQLite holding an ERP table and a table it must never touch."""

import sqlite3
import time

import pytest
from sqlalchemy import create_engine, text

from gestao_negativacao.services.scheduling.erp_source import (
    ErpQueryError,
    check_query,
    fetch,
)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT * FROM erp; COMMIT; DELETE FROM victim WHERE id=1", "único comando"),
        ("set session characteristics as transaction read write", "deve ser um SELECT"),
        ("DELETE FROM victim", "deve ser um SELECT"),
        ("WITH x AS (SELECT 1) INSERT INTO victim (id) SELECT * FROM x", "deve ser um SELECT"),
        ("SELECT id INTO OUTFILE '/tmp/gn-erp.txt' FROM erp", "INTO"),
        ("SELECT id FROM erp INTO DUMPFILE '/tmp/gn-erp.bin'", "INTO"),
        ("SELECT * FROM erp FOR UPDATE", "travar"),
        ("  -- só um comentário\n ", "Informe a consulta"),
    ],
)
def test_what_the_query_may_not_be(query, message):
    with pytest.raises(ErpQueryError, match=message):
        check_query(query)


def test_what_the_query_may_be():
    assert check_query("SELECT 'a;b', ':30' FROM erp;  ") == "SELECT 'a;b', ':30' FROM erp"
    assert check_query("-- titulos\nWITH t AS (SELECT 1 AS x) SELECT x FROM t").endswith("FROM t")


def _erp(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE erp (id INTEGER, hora VARCHAR(20))"))
        conn.execute(text("CREATE TABLE victim (id INTEGER)"))
        cursor = conn.connection.cursor()  # as is: no placeholders
        cursor.execute("INSERT INTO erp VALUES (1, 'hora :30 100%')")
        cursor.close()
        conn.execute(text("INSERT INTO victim VALUES (1)"))
    engine.dispose()


def _victims(url: str) -> int:
    engine = create_engine(url)
    with engine.connect() as conn:
        count = conn.scalar(text("SELECT count(*) FROM victim"))
    engine.dispose()
    return count


SLEEPS = {
    "postgresql": "SELECT pg_sleep(5)",
    "mariadb": "SELECT SLEEP(5)",
    # a count to a billion: SQLite has no sleep
    "sqlite": "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c "
    "WHERE n < 1000000000) SELECT count(*) FROM c",
}
# a write hidden in a single SELECT: the connection itself must refuse it
WRITES = {
    "postgresql": "WITH gone AS (DELETE FROM victim RETURNING id) SELECT * FROM gone",
    "mariadb": None,  # no data-changing CTE: INTO OUTFILE is the way, refused above
    "sqlite": None,  # no data-changing CTE either; the file is opened read-only anyway
}


@pytest.fixture(params=["sqlite", "postgresql", "mariadb"])
def erp(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'erp.db'}"
    else:
        servers = request.getfixturevalue(
            "postgres_server" if request.param == "postgresql" else "mariadb_server"
        )
        url = servers.create(prepared=False)
    _erp(url)
    return request.param, url


def test_the_erp_is_only_read_and_never_for_long(erp):
    kind, url = erp
    headers, rows = fetch(url, "SELECT id, hora FROM erp WHERE hora LIKE '%:30 100%'")
    assert headers == ["id", "hora"] and rows == [(1, "hora :30 100%")]
    if WRITES[kind]:
        with pytest.raises(ErpQueryError, match="(?i)read-only|read only"):
            fetch(url, WRITES[kind])
    started = time.monotonic()
    with pytest.raises(ErpQueryError, match="(?i)timeout|interrupted|max_statement_time|cancel"):
        fetch(url, SLEEPS[kind], timeout_s=1)
    assert time.monotonic() - started < 4.5
    assert _victims(url) == 1


def test_a_sqlite_erp_file_is_opened_read_only(tmp_path):
    path = tmp_path / "erp.db"
    _erp(f"sqlite:///{path}")
    with pytest.raises(ErpQueryError, match="não encontrado"):
        fetch(f"sqlite:///{tmp_path / 'nada.db'}", "SELECT 1")
    fetch(f"sqlite:///{path}", "SELECT * FROM erp")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT count(*) FROM victim").fetchone() == (1,)


def test_the_connection_refuses_a_write_even_past_the_check(erp):
    """Defence in depth: a write that got past ``check_query`` is refused by the connection
    itself (read-only transaction, read-only file)."""
    from gestao_negativacao.services.scheduling.erp_source import read_only_engine

    kind, url = erp
    engine = read_only_engine(url, 30)
    try:
        with engine.connect() as conn:
            cursor = conn.connection.cursor()
            with pytest.raises(Exception, match="(?i)read.only|readonly|query_only"):
                cursor.execute("DELETE FROM victim")
            cursor.close()
    finally:
        engine.dispose()
    assert _victims(url) == 1


def test_saving_a_source_is_audited_and_keeps_no_secret(sqlite_db, tmp_path):
    import json

    from sqlalchemy import select

    from gestao_negativacao.db.models import AuditEntry, ImportSource
    from gestao_negativacao.services.bureau_setup import credentials
    from gestao_negativacao.services.scheduling.sources import (
        SourceError,
        save_source,
        source_password_key,
    )
    from tests.sending_helpers import admin_actor

    admin = admin_actor(sqlite_db)
    url = "postgresql://leitor:segredo-do-erp@erp.local/erp"
    with pytest.raises(SourceError, match="único comando"):
        save_source(sqlite_db.session_factory, admin, "ERP", sql_url=url,
                    query="SELECT 1; DROP TABLE x")  # fmt: skip
    first = save_source(sqlite_db.session_factory, admin, "ERP", sql_url=url,
                        query="SELECT * FROM titulos")  # fmt: skip
    again = save_source(sqlite_db.session_factory, admin, "ERP", sql_url=url,
                        query="SELECT * FROM titulos_abertos")  # fmt: skip
    assert first == again
    assert credentials.get_named(source_password_key(first)) == "segredo-do-erp"
    with sqlite_db.session_factory() as s:
        stored = s.get(ImportSource, first)
        entries = s.scalars(
            select(AuditEntry)
            .where(AuditEntry.action == "fonte_erp.salvar")
            .order_by(AuditEntry.id)
        ).all()
    assert "segredo" not in stored.url
    assert len(entries) == 2 and all("segredo" not in e.details for e in entries)
    change = json.loads(entries[1].details)
    assert change["antes"]["consulta"] == "SELECT * FROM titulos"
    assert change["depois"]["consulta"] == "SELECT * FROM titulos_abertos"
    with pytest.raises(SourceError, match="Pasta do ERP não encontrada"):
        save_source(sqlite_db.session_factory, admin, "Pasta", folder=str(tmp_path / "nada"))
