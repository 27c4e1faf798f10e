"""Exporting a grid as shown (columns, filter, order) to CSV or XLSX, row by row: a list
of a million rows is written without holding it in memory.

A text that a spreadsheet would take for a formula is never written as one (OWASP "CSV
injection"): a customer named ``=HYPERLINK(…)`` or ``+cmd|' /C calc'!A0`` comes from the
ERP as data and must stay data. In CSV such a cell gets a leading apostrophe; in XLSX it is
a text cell with Excel's "quote prefix", so even editing it does not turn it into a formula.
Every export is audited (LGPD: who took which personal data out, from where, how many)."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.domain.display import decimal_comma, show
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.listing import Column

# what makes a spreadsheet read a cell as a formula or a command (OWASP)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def _csv_value(value: object, kind: str) -> str:
    if kind == "money" and isinstance(value, Decimal):
        return decimal_comma(value)  # a number to the spreadsheet, not "R$ …"
    text = show(value, kind)
    # only text from the data: a negative number stays a number
    return "'" + text if isinstance(value, str) and looks_like_formula(text) else text


def _text_cell(sheet, text: str):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=text)
    if looks_like_formula(text):
        cell.data_type = "s"  # openpyxl took "=…" for a formula
        cell.quotePrefix = True
    return cell


def audit_export(
    session_factory: sessionmaker[Session],
    actor: Actor,
    *,
    screen: str,
    filter_text: str,
    path: Path,
    rows: int,
) -> None:
    with session_factory.begin() as session:
        audit.record(
            session,
            actor,
            "exportar",
            entity="lista",
            entity_key=screen,
            details={
                "tela": screen,
                "filtro": filter_text,
                "formato": path.suffix.lower().lstrip("."),
                "linhas": rows,
            },
        )


def export_rows(
    path: Path,
    columns: list[Column],
    rows: Iterable[tuple],
    *,
    is_cancelled: Callable[[], bool] = lambda: False,
) -> int:
    """Write ``rows`` (one value per column) to ``path`` (.csv or .xlsx); returns the
    number written. CSV: ``;`` and UTF-8 with BOM, as Excel in Portuguese opens it."""
    if path.suffix.lower() == ".xlsx":
        return _xlsx(path, columns, rows, is_cancelled)
    written = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow([c.title for c in columns])
        for row in rows:
            if is_cancelled():
                break
            writer.writerow([_csv_value(v, c.kind) for v, c in zip(row, columns, strict=True)])
            written += 1
    return written


def _xlsx(path: Path, columns, rows, is_cancelled) -> int:
    # imported here: every screen with a list imports this module, few ever write XLSX,
    # and openpyxl costs the window's start 0.2 s
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Dados")
    sheet.append([c.title for c in columns])
    written = 0
    for row in rows:
        if is_cancelled():
            break
        cells = []
        for value, column in zip(row, columns, strict=True):
            if column.kind == "money" and isinstance(value, Decimal):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = '"R$" #,##0.00'
            elif isinstance(value, datetime):
                cell = WriteOnlyCell(sheet, value=value.astimezone().replace(tzinfo=None))
                cell.number_format = "dd/mm/yyyy hh:mm"
            elif isinstance(value, date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "dd/mm/yyyy"
            elif column.kind in ("document", "bool") or not isinstance(value, int | float):
                cell = _text_cell(sheet, show(value, column.kind))
            else:
                cell = WriteOnlyCell(sheet, value=value)
            cells.append(cell)
        sheet.append(cells)
        written += 1
    book.save(path)
    return written
