from datetime import datetime

import pytest

from gestao_negativacao.services.importing.reader import UnreadableFile, read_table
from tests.helpers import base_row, write_csv, write_xlsx


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8", "utf-8-sig"])
@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
def test_csv_encoding_and_delimiter_detected(tmp_path, encoding, delimiter):
    path = write_csv(tmp_path / "a.csv", [base_row()], delimiter=delimiter, encoding=encoding)
    table = read_table(path)
    assert table.format.kind == "csv"
    assert table.format.delimiter == delimiter
    assert table.format.encoding.startswith("utf-8" if "utf" in encoding else "cp1252")
    assert table.headers[0] == "empresa_cnpj"
    line, cells = next(iter(table.rows))
    assert line == 2
    assert "Antônio Brandão" in cells


def test_blank_lines_are_skipped_and_line_numbers_kept(tmp_path):
    path = tmp_path / "b.csv"
    path.write_text("venda;parcela\r\nV1;1\r\n\r\n;;\r\nV1;2\r\n", encoding="utf-8")
    table = read_table(path)
    assert [line for line, _ in table.rows] == [2, 5]
    assert table.headers == ["venda", "parcela"]


def test_quoted_field_with_line_break_keeps_the_start_line(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text('venda;titular_nome\nV1;"Ana\nMaria"\nV2;José\n', encoding="utf-8")
    table = read_table(path)
    assert [line for line, _ in table.rows] == [2, 4]


def test_xlsx_cells_become_text(tmp_path):
    path = write_xlsx(
        tmp_path / "p.xlsx",
        ["venda", "vencimento", "valor_principal", "titular_documento", "titular_cep"],
        [["V1", datetime(2024, 9, 12), 2968.14, 1610339622, 1310100]],
    )
    table = read_table(path)
    assert table.format.kind == "xlsx"
    assert table.format.sheet == "Parcelas"
    assert list(table.rows) == [(2, ["V1", "2024-09-12", "2968.14", "1610339622", "1310100"])]


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "vazio"), (b"   \r\n", "vazio"), (b"\xef\xbb\xbf", "vazio"), (b"\xd0\xcf\x11\xe0rest", ".xls"),
     (b"PK\x03\x04garbage", "XLSX"), (b"abc\x00\x01\x02", "binários")],
)  # fmt: skip
def test_unreadable_files(tmp_path, content, message):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    with pytest.raises(UnreadableFile, match=message):
        read_table(path)


def test_undefined_windows_1252_bytes_fall_back_to_latin_1(tmp_path):
    path = tmp_path / "l.csv"
    path.write_bytes("venda;titular_nome\r\nV1;Jos\xe9\x81\r\n".encode("latin-1"))
    table = read_table(path)
    assert table.format.encoding == "latin-1"
    assert list(table.rows) == [(2, ["V1", "José\x81"])]


def test_rows_are_streamed_not_loaded(tmp_path):
    path = write_csv(tmp_path / "s.csv", [base_row(parcela=str(n)) for n in range(1, 4)])
    table = read_table(path)
    assert not isinstance(table.rows, list)
    assert [line for line, _ in table.rows] == [2, 3, 4]


def test_missing_file(tmp_path):
    with pytest.raises(UnreadableFile, match="não encontrado"):
        read_table(tmp_path / "nada.csv")
