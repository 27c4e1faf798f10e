"""Import files as other programs and attackers write them (issue 18, item 5): a stale
XLSX ``<dimension>``, a shared-strings bomb, a NUL byte deep in a CSV, Excel's UTF-16
"Texto Unicode" and a cell thousands of characters long — each read in full or refused
with a clear message, nothing lost and nothing half-written."""

import re
import zipfile

import pytest
from sqlalchemy import func, select

from gestao_negativacao.db.models import Installment
from gestao_negativacao.services.importing import import_file
from gestao_negativacao.services.importing import reader as R
from tests.helpers import base_row, write_csv, write_xlsx

HEADER = ["empresa_cnpj", "venda", "titular_documento", "titular_nome", "parcela",
          "vencimento", "valor_principal"]  # fmt: skip


def _rows(n: int) -> list[list]:
    return [["29141777000158", "V1", "41224824458", "Ana", i, "10/01/2025", "100,00"]
            for i in range(1, n + 1)]  # fmt: skip


def installments(db) -> int:
    with db.session_factory() as s:
        return s.scalar(select(func.count()).select_from(Installment))


def _rewrite(path, name: str, change) -> None:
    """One member of the XLSX package rewritten by ``change`` (text → text)."""
    with zipfile.ZipFile(path) as source:
        members = {info.filename: source.read(info) for info in source.infolist()}
    members[name] = change(members.get(name, b"").decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for member, data in members.items():
            target.writestr(member, data)


def test_a_stale_dimension_does_not_cut_the_sheet(sqlite_db, system, tmp_path):
    path = write_xlsx(tmp_path / "carteira.xlsx", HEADER, _rows(10))
    _rewrite(
        path,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(r'<dimension ref="[^"]*"\s*/>', '<dimension ref="A1:G4"/>', xml),
    )
    report = import_file(sqlite_db.session_factory, system, path)
    assert not report.errors and report.rows == 10
    assert installments(sqlite_db) == 10


def test_a_shared_strings_bomb_is_refused_before_it_is_read(sqlite_db, system, tmp_path):
    path = write_xlsx(tmp_path / "bomba.xlsx", HEADER, _rows(2))
    filler = "<si><t>" + "A" * 1000 + "</t></si>"
    _rewrite(
        path,
        "xl/sharedStrings.xml",
        lambda _xml: (
            '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            + filler * 60_000
            + "</sst>"
        ),
    )  # about 60 MB of XML that compresses to a few hundred KB
    assert path.stat().st_size < 2 * 1024 * 1024
    report = import_file(sqlite_db.session_factory, system, path)
    assert report.errors and "se expande para" in report.errors[0].message
    assert installments(sqlite_db) == 0


def test_a_nul_byte_deep_in_a_csv_is_named_by_line_and_column(any_db, system, tmp_path):
    rows = [base_row(parcela=str(n), venda="V-NUL") for n in range(1, 200)]
    rows[150]["titular_nome"] = "Ana\x00Maria"
    path = write_csv(tmp_path / "nul.csv", rows)
    assert b"\x00" not in path.read_bytes()[:4096]  # past the first look at the file
    report = import_file(any_db.session_factory, system, path)
    (error,) = report.errors
    assert (error.line, error.column) == (152, "titular_nome")
    assert "caractere de controle (0x00)" in error.message
    assert installments(any_db) == 0  # nothing half-written
    valid = import_file(any_db.session_factory, system, path, valid_only=True)
    assert valid.written and installments(any_db) == 198


def test_excels_unicode_text_is_read(sqlite_db, system, tmp_path):
    path = write_csv(
        tmp_path / "unicode.txt", [base_row(titular_nome="João Araújo")], delimiter="\t",
        encoding="utf-16",
    )  # fmt: skip
    report = import_file(sqlite_db.session_factory, system, path)
    assert not report.errors and report.format.encoding == "utf-16"
    assert "UTF-16" in report.format.describe()


def test_an_absurd_cell_is_refused_with_its_place(sqlite_db, system, tmp_path):
    rows = [base_row(), base_row(parcela="2", titular_nome="x" * (R.MAX_CELL_CHARS + 1))]
    report = import_file(sqlite_db.session_factory, system, write_csv(tmp_path / "c.csv", rows))
    assert report.errors and "linha 3" in report.errors[0].message
    assert "máximo" in report.errors[0].message and installments(sqlite_db) == 0


@pytest.fixture
def system():
    from gestao_negativacao.services.actor import Actor

    return Actor.system()


def test_the_filter_box_takes_percent_and_underscore_as_text(any_db):
    """Issue 18: % and _ typed in a grid's filter acted as wildcards."""
    from gestao_negativacao.db.models import Customer
    from gestao_negativacao.services.listing import Column, PagedQuery, selecting
    from tests.scenario import Scenario

    sc = Scenario(any_db)
    for name in ("Loja 100% Silva", "Loja 1000 Silva", "ana_b", "anaxb", "bar\\ra"):
        sc.customer(name)
    columns = [
        Column("id", "Id", Customer.id, "number"),
        Column("name", "Nome", Customer.name, searchable=True),
    ]
    source = PagedQuery(any_db.session_factory, selecting(columns), columns, default_order="id")

    def names(text):
        return {row.name for row in source.page(0, 50, text=text)}

    assert names("100%") == {"Loja 100% Silva"}
    assert names("a_b") == {"ana_b"}
    assert names("r\\r") == {"bar\\ra"}
    assert names("loja") == {"Loja 100% Silva", "Loja 1000 Silva"}


def test_a_deeply_nested_rules_file_is_refused_plainly(sqlite_db):
    from gestao_negativacao.domain.rules import RuleError
    from gestao_negativacao.services import rules
    from gestao_negativacao.services.actor import Actor

    with pytest.raises(RuleError) as refused:
        rules.import_rules(sqlite_db.session_factory, Actor.system(), "[" * 100_000 + "]" * 100_000)
    assert "aninhados demais" in str(refused.value.problems)
