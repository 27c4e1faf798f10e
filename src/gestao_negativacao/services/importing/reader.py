"""Reading an export file into a header and raw rows, detecting its format: XLSX or CSV,
and for CSV the encoding (UTF-8 or Windows-1252) and the delimiter."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path


class UnreadableFile(Exception):
    """The file cannot be read as an export at all; the message tells the clerk why."""


@dataclass
class FileFormat:
    kind: str  # "csv" or "xlsx"
    encoding: str | None = None
    delimiter: str | None = None
    decimal_separator: str = ","
    sheet: str | None = None

    def describe(self) -> str:
        if self.kind == "xlsx":
            return f"XLSX, planilha {self.sheet!r}"
        names = {";": "ponto e vírgula", ",": "vírgula", "\t": "tabulação"}
        enc = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "cp1252": "Windows-1252"}
        delimiter = names.get(self.delimiter or "", self.delimiter)
        decimal = "vírgula" if self.decimal_separator == "," else "ponto"
        return (
            f"CSV {enc.get(self.encoding or '', self.encoding)}, separador {delimiter}, "
            f"decimal com {decimal}"
        )


@dataclass
class Table:
    format: FileFormat
    headers: list[str]
    # (line number in the file, cells as text); blank lines are left out
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def read_table(path: Path) -> Table:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise UnreadableFile(f"Arquivo não encontrado: {path}") from None
    except IsADirectoryError:
        raise UnreadableFile(f"{path} é uma pasta, não um arquivo.") from None
    except OSError as exc:
        raise UnreadableFile(f"Não foi possível ler {path}: {exc.strerror}") from None
    if not data.strip():
        raise UnreadableFile(f"O arquivo {path.name} está vazio.")
    if data.startswith(_XLSX_MAGIC):
        return _read_xlsx(data, path)
    if data.startswith(_OLE_MAGIC):
        raise UnreadableFile(
            f"{path.name} está no formato antigo do Excel (.xls). "
            "Salve-o como .xlsx ou CSV e importe de novo."
        )
    return _read_csv(data, path)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # bytes Windows-1252 leaves undefined: still show something the clerk can fix
        return data.decode("latin-1"), "latin-1"


def _read_csv(data: bytes, path: Path) -> Table:
    if b"\x00" in data[:4096]:
        raise UnreadableFile(
            f"{path.name} não parece um arquivo CSV nem XLSX (contém bytes binários)."
        )
    text, encoding = _decode(data)
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise UnreadableFile(f"O arquivo {path.name} está vazio.")
    first_line = text[: text.find("\n")] if "\n" in text else text
    counts = {sep: first_line.count(sep) for sep in (";", ",", "\t")}
    delimiter = max(counts, key=lambda sep: counts[sep])
    if counts[delimiter] == 0:
        delimiter = ";"
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        headers = next(reader)
        rows: list[tuple[int, list[str]]] = []
        previous_end = reader.line_num
        for cells in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            # a blank line, or a row of empty cells (";;;"), is not a row; checked cheaply
            # first because nearly every row has its first cell filled
            if cells and (cells[0].strip() or "".join(cells).strip()):
                rows.append((start, cells))
    except csv.Error as exc:
        raise UnreadableFile(
            f"{path.name}: CSV malformado perto da linha {reader.line_num}: {exc}"
        ) from None
    return Table(FileFormat("csv", encoding=encoding, delimiter=delimiter), headers, rows)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "S" if value else "N"
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(round(value, 6))
    return str(value)


def _iter_xlsx(data: bytes, path: Path) -> Iterator[tuple[object, ...]]:
    import openpyxl  # only needed for spreadsheets

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise UnreadableFile(f"{path.name} não é uma planilha XLSX legível ({exc}).") from None
    try:
        sheet = workbook.worksheets[0]
        yield (sheet.title,)
        yield from sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def _read_xlsx(data: bytes, path: Path) -> Table:
    rows_iter = _iter_xlsx(data, path)
    (sheet_title,) = next(rows_iter)
    try:
        header_row = next(rows_iter)
    except StopIteration:
        raise UnreadableFile(f"A planilha de {path.name} está vazia.") from None
    headers = [_cell_text(v) for v in header_row]
    rows: list[tuple[int, list[str]]] = []
    for line, values in enumerate(rows_iter, start=2):
        cells = [_cell_text(v) for v in values]
        if any(cell.strip() for cell in cells):
            rows.append((line, cells))
    return Table(FileFormat("xlsx", decimal_separator=".", sheet=str(sheet_title)), headers, rows)
