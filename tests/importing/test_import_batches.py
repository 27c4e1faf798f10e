"""On a server the import writes batches while it still validates the next rows (issue 16).
Whatever the batches, the database ends exactly as a single write at the end leaves it
(SQLite's path), and a file with an error leaves nothing."""

from datetime import date

import pytest

from gestao_negativacao.db.engine import SQLITE_MMAP_BYTES
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.database import open_database
from gestao_negativacao.services.demo.portfolio import demo_table
from gestao_negativacao.services.importing import service, writer
from gestao_negativacao.services.importing.reader import Table
from gestao_negativacao.services.importing.service import import_table
from tests.helpers import fingerprint

AS_OF = date(2026, 11, 22)


def _clean(table: Table, tmp_path) -> list[list[str]]:
    """The demo's rows without the ones it breaks on purpose (to show the import's errors)."""
    scratch = open_database(f"sqlite:///{(tmp_path / 'rascunho.db').as_posix()}")
    rows = [list(cells) for _, cells in table.rows]
    report = import_table(
        scratch.session_factory,
        Actor.system(),
        Table(table.format, table.headers, [(n + 2, c) for n, c in enumerate(rows)]),
        "rascunho",
        dry_run=True,
        as_of=AS_OF,
    )
    scratch.dispose()
    wrong = {issue.line for issue in report.errors}
    return [cells for n, cells in enumerate(rows) if n + 2 not in wrong]


def _tables(tmp_path) -> tuple[Table, Table]:
    """A portfolio, then the ERP's next export of it: payments, a moved customer, a sale
    that lost a guarantor, new installments."""
    first = demo_table(2500, seed=11, as_of=AS_OF)
    header = first.headers
    col = {name: i for i, name in enumerate(header)}
    rows = _clean(first, tmp_path)
    second = [list(cells) for cells in rows]
    for cells in second:  # by installment: its rows (one per guarantor) must agree
        if int(cells[col["parcela"]]) % 7 == 0 and not cells[col["valor_pago"]]:
            cells[col["valor_pago"]] = cells[col["valor_principal"]]
            cells[col["data_pagamento"]] = "20/11/2026"
        if cells[col["venda"]].endswith("3"):  # by sale: the same holder on all its rows
            cells[col["titular_logradouro"]] = "Rua Nova"
    dropped = next(cells[col["venda"]] for cells in second if cells[col["avalista_documento"]])
    for cells in second:
        if cells[col["venda"]] == dropped:
            for name in header:
                if name.startswith("avalista_"):
                    cells[col[name]] = ""
    extra = [list(cells) for cells in rows[-30:]]
    for cells in extra:
        cells[col["parcela"]] = str(int(cells[col["parcela"]]) + 500)
    second.extend(extra)

    def table(cells_list):
        return Table(first.format, header, [(n + 2, c) for n, c in enumerate(cells_list)])

    return table(rows), table(second)


@pytest.fixture
def small_batches(monkeypatch):
    loads = []
    original = writer.Loader.load

    def counted(self, batch, advance=None):
        loads.append(batch.rows)
        return original(self, batch, advance)

    monkeypatch.setattr(service, "BATCH_ROWS", 150)
    monkeypatch.setattr(service, "CHECK_ROWS", 37)
    monkeypatch.setattr(writer.Loader, "load", counted)
    return loads


@pytest.fixture(params=["postgresql", "mariadb"])
def server_db(request, app_home):
    servers = request.getfixturevalue(f"{request.param.replace('postgresql', 'postgres')}_server")
    url = servers.create()
    db = open_database(url)
    yield db
    db.dispose()
    servers.drop(url)


def test_batches_on_a_server_end_as_one_write_does(server_db, system, tmp_path, small_batches):
    first, second = _tables(tmp_path)
    reference = open_database(f"sqlite:///{(tmp_path / 'referencia.db').as_posix()}")
    expected = []
    for table in (first, second):
        report = import_table(reference.session_factory, system, table, "ref", as_of=AS_OF)
        assert report.written and not report.errors
        expected.append((report.created, report.updated, report.removed, fingerprint(reference)))
    reference.dispose()
    small_batches.clear()

    for table, (created, updated, removed, state) in zip((first, second), expected, strict=True):
        report = import_table(server_db.session_factory, system, table, "lote", as_of=AS_OF)
        assert report.written and not report.errors
        assert (report.created, report.updated, report.removed) == (created, updated, removed)
        assert fingerprint(server_db) == state
    assert len(small_batches) > 10  # written in many batches while reading


def test_an_error_late_in_the_file_leaves_nothing_on_the_server(
    server_db, system, tmp_path, small_batches
):
    first, _ = _tables(tmp_path)
    col = {name: i for i, name in enumerate(first.headers)}
    rows = [list(cells) for _, cells in first.rows]
    rows[-5][col["titular_documento"]] = "111.111.111-11"
    broken = Table(first.format, first.headers, [(n + 2, c) for n, c in enumerate(rows)])
    report = import_table(server_db.session_factory, system, broken, "erro", as_of=AS_OF)
    assert not report.written and report.errors
    assert len(small_batches) > 3  # batches had been written before the error was read
    assert fingerprint(server_db) == [[], [], []]

    broken = Table(first.format, first.headers, [(n + 2, c) for n, c in enumerate(rows)])
    report = import_table(
        server_db.session_factory, system, broken, "erro", valid_only=True, as_of=AS_OF
    )
    assert report.written and report.invalid_rows == 1
    assert report.created["installments"] == len(fingerprint(server_db)[0])


def test_sqlite_compares_around_the_memory_map_and_restores_it(system, tmp_path, monkeypatch):
    """Reading a million stored installments through the memory map kept 110 MB of mapped
    pages in the clerk's process; the import reads through the capped page cache instead,
    and gives the connection back as every other one is (mapped: the rules need it)."""
    first, second = _tables(tmp_path)
    db = open_database(f"sqlite:///{(tmp_path / 'mapa.db').as_posix()}")
    seen = []
    original = writer.Loader.load

    def load(self, batch, advance=None):
        seen.append(self.conn.exec_driver_sql("PRAGMA mmap_size").scalar())
        return original(self, batch, advance)

    monkeypatch.setattr(writer.Loader, "load", load)

    def mapped() -> int:
        with db.engine.connect() as conn:
            return conn.exec_driver_sql("PRAGMA mmap_size").scalar()

    assert mapped() == SQLITE_MMAP_BYTES
    for table, dry_run in ((first, False), (second, True), (second, False)):
        report = import_table(
            db.session_factory, system, table, "mapa", dry_run=dry_run, as_of=AS_OF
        )
        assert report.written != dry_run and not report.errors
        assert mapped() == SQLITE_MMAP_BYTES
    assert seen == [0, 0, 0]
    # what the import wrote is committed (the session ran on the import's own connection)
    assert report.updated["installments"] > 0
    again = import_table(db.session_factory, system, second, "mapa", as_of=AS_OF)
    assert set(again.created.values()) == {0} and set(again.updated.values()) == {0}
    db.dispose()
