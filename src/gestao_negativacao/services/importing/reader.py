"""Reading an export file into a header and raw rows, detecting its format: XLSX or CSV,
and for CSV the encoding (UTF-8 or Windows-1252) and the delimiter."""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from gestao_negativacao.domain.errors import UserFacingError


class UnreadableFile(UserFacingError):
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
        enc = {
            "utf-8": "UTF-8",
            "utf-8-sig": "UTF-8",
            "cp1252": "Windows-1252",
            "utf-16": "UTF-16 (Texto Unicode)",
        }
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
    # (line number in the file, cells as text), blank lines left out. For files this is a
    # one-pass stream read as it is consumed: a million rows never sit in memory at once.
    rows: Iterable[tuple[int, list[str]]] = field(default_factory=list)
    size_hint: int = 0  # bytes of the file, for progress estimates


# What a portfolio export can reasonably be; beyond it the file is refused before memory
# runs out (a 413 KB XLSX once expanded to 400 MB of shared strings and took 1.3 GB).
MAX_ROWS = 5_000_000
MAX_CELL_CHARS = 2_000
MAX_XLSX_UNCOMPRESSED = 1_500 * 1024 * 1024  # a million installments take about 350 MB
MAX_XLSX_RATIO = 200  # XML compresses 10–30×; far more is a bomb, not a spreadsheet

_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
_CHUNK = 1 << 20


def read_table(path: Path) -> Table:
    """The header and a stream of rows; raises UnreadableFile with the reason."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(4096)
    except FileNotFoundError:
        raise UnreadableFile(f"Arquivo não encontrado: {path}") from None
    except IsADirectoryError:
        raise UnreadableFile(f"{path} é uma pasta, não um arquivo.") from None
    except OSError as exc:
        raise UnreadableFile(f"Não foi possível ler {path}: {exc.strerror}") from None
    if head.startswith(_XLSX_MAGIC):
        _check_xlsx_size(path)
        return _read_xlsx(path, size)
    if head.startswith(_OLE_MAGIC):
        raise UnreadableFile(
            f"{path.name} está no formato antigo do Excel (.xls). "
            "Salve-o como .xlsx ou CSV e importe de novo."
        )
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _read_csv(path, size, encoding="utf-16")  # Excel's "Texto Unicode"
    if b"\x00" in head:
        raise UnreadableFile(
            f"{path.name} não parece um arquivo CSV nem XLSX (contém bytes binários)."
        )
    return _read_csv(path, size)


def _detect_encoding(path: Path) -> str:
    """UTF-8 when the whole file decodes as UTF-8 (with or without BOM), else Windows-1252
    (Latin-1 for the five bytes Windows-1252 leaves undefined). One streaming pass."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    utf8, undefined_1252, bom = True, False, None
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            if bom is None:
                bom = chunk.startswith(codecs.BOM_UTF8)
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
            undefined_1252 = undefined_1252 or any(b in chunk for b in _CP1252_UNDEFINED)
            if not utf8 and undefined_1252:
                break
    if utf8:
        try:
            decoder.decode(b"", final=True)
            return "utf-8-sig" if bom else "utf-8"
        except UnicodeDecodeError:
            pass
    return "latin-1" if undefined_1252 else "cp1252"


def _check_xlsx_size(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise UnreadableFile(f"{path.name} não é uma planilha XLSX legível ({exc}).") from None
    total = sum(e.file_size for e in entries)
    packed = max(1, sum(e.compress_size for e in entries))
    if total > MAX_XLSX_UNCOMPRESSED or (
        total > 50 * 1024 * 1024 and total / packed > MAX_XLSX_RATIO
    ):
        raise UnreadableFile(
            f"{path.name} se expande para {total // (1024 * 1024)} MB quando aberta "
            f"({total // packed}× o arquivo): grande demais ou malformada. Exporte a carteira "
            "em CSV ou divida a planilha."
        )


def _read_csv(path: Path, size: int, encoding: str | None = None) -> Table:
    encoding = encoding or _detect_encoding(path)
    with path.open(encoding=encoding, newline="") as handle:
        first_line = ""
        for line in handle:
            if line.strip():
                first_line = line.lstrip("\ufeff")
                break
    if not first_line.strip():
        raise UnreadableFile(f"O arquivo {path.name} está vazio.")
    counts = {sep: first_line.count(sep) for sep in (";", ",", "\t")}
    delimiter = max(counts, key=lambda sep: counts[sep])
    if counts[delimiter] == 0:
        delimiter = ";"
    try:
        headers = next(csv.reader([first_line], delimiter=delimiter))
    except csv.Error as exc:
        raise UnreadableFile(f"{path.name}: cabeçalho ilegível: {exc}") from None
    file_format = FileFormat("csv", encoding=encoding, delimiter=delimiter)
    return Table(file_format, headers, _csv_rows(path, encoding, delimiter), size)


def _csv_rows(path: Path, encoding: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Opened only when consumed, closed when exhausted or abandoned."""
    with path.open(encoding=encoding, newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        try:
            previous_end = 0
            header_seen = False
            for cells in reader:
                start = previous_end + 1
                previous_end = reader.line_num
                # a blank line, or a row of empty cells (";;;"), is not a row; checked
                # cheaply first because nearly every row has its first cell filled
                if not (cells and (cells[0].strip() or "".join(cells).strip())):
                    continue
                if not header_seen:
                    header_seen = True
                    continue
                _check_limits(path, start, cells)
                yield start, cells
        except csv.Error as exc:
            raise UnreadableFile(
                f"{path.name}: CSV malformado perto da linha {reader.line_num}: {exc}"
            ) from None


def _check_limits(path: Path, line: int, cells: list[str]) -> None:
    if line > MAX_ROWS:
        raise UnreadableFile(
            f"{path.name} passa de {MAX_ROWS:,} linhas: divida a exportação.".replace(",", ".")
        )
    if max(map(len, cells), default=0) <= MAX_CELL_CHARS:  # nearly always: one C call
        return
    for position, cell in enumerate(cells):
        if len(cell) > MAX_CELL_CHARS:
            raise UnreadableFile(
                f"{path.name}, linha {line}, coluna {position + 1}: célula com {len(cell)} "
                f"caracteres (máximo {MAX_CELL_CHARS}); o arquivo parece corrompido."
            )


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


@contextmanager
def _sheet(path: Path) -> Iterator:
    """The first worksheet, read-only. A file object (not the path) because openpyxl judges
    a path by its extension, and a clerk's spreadsheet may be named anything."""
    import openpyxl  # only needed for spreadsheets
    from openpyxl.utils.exceptions import InvalidFileException

    with path.open("rb") as handle:
        try:
            workbook = openpyxl.load_workbook(handle, read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as exc:
            raise UnreadableFile(f"{path.name} não é uma planilha XLSX legível ({exc}).") from None
        try:
            sheet = workbook.worksheets[0]
            # the file's <dimension> is often stale in files other programs wrote: trusted,
            # it cut a 10-row sheet at 3 rows, silently (payments missed, removals missed)
            sheet.reset_dimensions()
            yield sheet
        finally:
            workbook.close()


def _read_xlsx(path: Path, size: int) -> Table:
    with _sheet(path) as sheet:
        header_row = next(sheet.iter_rows(values_only=True), None)
        title = sheet.title
    if header_row is None or not any(v is not None for v in header_row):
        raise UnreadableFile(f"A planilha de {path.name} está vazia.")
    headers = [_cell_text(v) for v in header_row]
    file_format = FileFormat("xlsx", decimal_separator=".", sheet=str(title))
    return Table(file_format, headers, _xlsx_rows(path), size)


def _xlsx_rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    with _sheet(path) as sheet:
        rows = sheet.iter_rows(values_only=True)
        next(rows, None)  # the header
        for line, values in enumerate(rows, start=2):
            cells = [_cell_text(v) for v in values]
            if any(cell.strip() for cell in cells):
                _check_limits(path, line, cells)
                yield line, cells
