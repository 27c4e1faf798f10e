"""Exporting a grid as shown (columns, filter, order) to CSV or XLSX, row by row: a list
of a million rows is written without holding it in memory."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from gestao_negativacao.domain.display import decimal_comma, show
from gestao_negativacao.services.listing import Column


def _csv_value(value: object, kind: str) -> str:
    if kind == "money" and isinstance(value, Decimal):
        return decimal_comma(value)  # a number to the spreadsheet, not "R$ …"
    return show(value, kind)


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
                cell = WriteOnlyCell(sheet, value=show(value, column.kind))
            else:
                cell = WriteOnlyCell(sheet, value=value)
            cells.append(cell)
        sheet.append(cells)
        written += 1
    book.save(path)
    return written
