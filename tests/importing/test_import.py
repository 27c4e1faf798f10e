import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from gestao_negativacao.db.models import (
    AuditEntry,
    Company,
    Customer,
    Installment,
    Sale,
    SaleGuarantor,
)
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services.actor import Actor, PermissionDenied
from gestao_negativacao.services.importing import import_file
from tests.conftest import SAMPLE
from tests.helpers import (
    COMPANY,
    GUARANTOR,
    GUARANTOR_2,
    HOLDER,
    base_row,
    fingerprint,
    write_csv,
    write_xlsx,
)


def count(db, model) -> int:
    with db.session_factory() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_sample_file_imports_without_a_single_error(sqlite_db, system):
    report = import_file(sqlite_db.session_factory, system, SAMPLE)
    assert report.errors == []
    assert report.written
    assert report.rows == 157
    assert report.created == {
        "companies": 3, "enterprises": 6, "customers": 16, "sales": 15,
        "guarantors": 11, "installments": 129,
    }  # fmt: skip
    assert report.format.describe() == (
        "CSV Windows-1252, separador ponto e vírgula, decimal com vírgula"
    )
    # address defects are warnings, reported once per customer
    columns = {w.column for w in report.warnings}
    assert {"avalista_cep", "titular_logradouro"} <= columns
    assert count(sqlite_db, Installment) == 129
    with sqlite_db.session_factory() as s:
        alpha = s.scalar(select(Company).where(Company.cnpj == "0SHE6K11000109"))
        assert alpha is not None and alpha.name == "Incorporadora Araújo Ltda"


def test_reimport_changes_nothing_on_every_database(any_db, system):
    first = import_file(any_db.session_factory, system, SAMPLE)
    assert first.written and not first.errors
    before = fingerprint(any_db)
    second = import_file(any_db.session_factory, system, SAMPLE)
    assert second.written
    assert set(second.created.values()) == {0}
    assert set(second.updated.values()) == {0}
    assert set(second.removed.values()) == {0}
    assert fingerprint(any_db) == before
    with any_db.session_factory() as s:
        total_open = s.scalar(select(func.sum(Installment.open_amount)))
        rows = s.scalars(select(Installment)).all()
    assert isinstance(total_open, Decimal)
    assert total_open == sum((r.adjusted - r.paid for r in rows), Decimal("0"))


def test_newer_export_updates_payments_and_situations(any_db, system, tmp_path):
    rows = [base_row(parcela=str(n), vencimento=f"12/0{n}/2025") for n in (1, 2, 3)]
    import_file(any_db.session_factory, system, write_csv(tmp_path / "v1.csv", rows))
    rows[1].update(valor_pago="1.500,00", data_pagamento="20/02/2025")
    for row in rows:
        row["venda_situacao"] = "renegociada"
    report = import_file(any_db.session_factory, system, write_csv(tmp_path / "v2.csv", rows))
    assert report.updated["installments"] == 1
    assert report.updated["sales"] == 1
    assert report.created["installments"] == 0
    with any_db.session_factory() as s:
        paid = s.scalar(select(Installment).where(Installment.number == 2))
        assert paid.paid == Decimal("1500.00")
        assert paid.open_amount == Decimal("0.00")
        assert paid.payment_date == date(2025, 2, 20)
        assert s.scalar(select(Sale.situation)) == "renegociada"


def test_missing_required_column_is_one_clear_error_and_nothing_written(
    sqlite_db, system, tmp_path
):
    row = base_row()
    del row["vencimento"]
    report = import_file(sqlite_db.session_factory, system, write_csv(tmp_path / "a.csv", [row]))
    assert [e.as_json() for e in report.errors] == [
        {"line": 1, "column": "vencimento", "message": "coluna obrigatória ausente: vencimento"}
    ]
    assert not report.written
    assert count(sqlite_db, Company) == 0


@pytest.mark.parametrize("content", [b"", b"empresa_cnpj;venda\r\n", b"\x00\x01binario"])
def test_empty_or_unreadable_file_writes_nothing(sqlite_db, system, tmp_path, content):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    report = import_file(sqlite_db.session_factory, system, path)
    assert len(report.errors) >= 1
    assert report.errors[0].line == 1
    assert not report.written
    assert count(sqlite_db, Company) == 0


BAD_ROWS = [
    ({"titular_documento": "412.248.244-59"}, "titular_documento", "CPF inválido"),
    ({"titular_documento": "111.111.111-11"}, "titular_documento", "CPF inválido"),
    ({"empresa_cnpj": "29.141.777/0001-59"}, "empresa_cnpj", "CNPJ inválido"),
    ({"vencimento": "31/02/2025"}, "vencimento", "data inválida"),
    ({"valor_principal": "-10,00"}, "valor_principal", "negativo"),
    ({"valor_pago": "2.000,00"}, "valor_pago", "maior que o valor devido"),
    ({"parcela": "x"}, "parcela", "parcela inválido"),
    ({"venda_situacao": "cancelada"}, "venda_situacao", "situação"),
    ({"titular_nome": ""}, "titular_nome", "não informado"),
    ({"avalista_nome": "Sem Documento"}, "avalista_documento", "falta o CPF/CNPJ"),
    ({"titular_nascimento": "01/01/2090"}, "titular_nascimento", "impossível"),
]


@pytest.mark.parametrize(("change", "column", "message"), BAD_ROWS)
def test_each_bad_row_is_reported_with_line_column_and_reason(
    sqlite_db, system, tmp_path, change, column, message
):
    rows = [base_row(parcela="1"), base_row(**{"parcela": "2", **change}), base_row(parcela="3")]
    path = write_csv(tmp_path / "bad.csv", rows)
    report = import_file(sqlite_db.session_factory, system, path)
    assert not report.written
    assert count(sqlite_db, Installment) == 0
    assert any(
        e.line == 3 and e.column == column and message in e.message for e in report.errors
    ), [e.as_json() for e in report.errors]
    assert all(e.line == 3 for e in report.errors)

    valid = import_file(sqlite_db.session_factory, system, path, valid_only=True)
    assert valid.written
    assert valid.created["installments"] == 2
    with sqlite_db.session_factory() as s:
        assert sorted(s.scalars(select(Installment.number))) == [1, 3]


def test_dry_run_reports_the_same_counts_and_writes_nothing(sqlite_db, system):
    dry = import_file(sqlite_db.session_factory, system, SAMPLE, dry_run=True)
    assert not dry.written
    assert count(sqlite_db, Customer) == 0
    real = import_file(sqlite_db.session_factory, system, SAMPLE)
    assert (dry.created, dry.updated) == (real.created, real.updated)


def test_guarantor_rows_add_guarantors_and_a_newer_file_can_drop_one(sqlite_db, system, tmp_path):
    guarantor = {"avalista_nome": "Inês Conceição", "avalista_cep": "30140071",
                 "avalista_logradouro": "Rua da Bahia", "avalista_cidade": "Belo Horizonte",
                 "avalista_uf": "MG"}  # fmt: skip
    rows = [
        base_row(avalista_documento=GUARANTOR, **guarantor),
        base_row(avalista_documento="865.707.049-90", **guarantor),
    ]
    report = import_file(sqlite_db.session_factory, system, write_csv(tmp_path / "g.csv", rows))
    assert report.created["guarantors"] == 2
    assert report.created["installments"] == 1
    assert report.created["customers"] == 3
    report = import_file(
        sqlite_db.session_factory, system, write_csv(tmp_path / "g2.csv", rows[:1])
    )
    assert report.removed["guarantors"] == 1
    with sqlite_db.session_factory() as s:
        docs = s.scalars(
            select(Customer.document).join(SaleGuarantor, SaleGuarantor.customer_id == Customer.id)
        ).all()
    assert docs == [GUARANTOR]
    assert GUARANTOR_2 not in docs


def test_the_holder_cannot_be_the_guarantor(sqlite_db, system, tmp_path):
    row = base_row(avalista_documento=HOLDER, avalista_nome="Antônio Brandão")
    report = import_file(sqlite_db.session_factory, system, write_csv(tmp_path / "h.csv", [row]))
    assert [e.column for e in report.errors] == ["avalista_documento"]


def test_contradicting_rows_are_errors_on_the_later_line(sqlite_db, system, tmp_path):
    rows = [
        base_row(parcela="1"),
        base_row(parcela="1", valor_principal="999,00"),
        base_row(parcela="2", titular_documento="619.839.145-09", titular_nome="Maria Silva"),
    ]
    report = import_file(sqlite_db.session_factory, system, write_csv(tmp_path / "c.csv", rows))
    assert {(e.line, e.column) for e in report.errors} == {(3, "parcela"), (4, "titular_documento")}
    assert "linha 2" in report.errors[0].message


def test_columns_absent_from_a_file_keep_what_is_stored(sqlite_db, system, tmp_path):
    row = base_row(valor_pago="500,00", data_pagamento="15/09/2024", prorrogacao="30/09/2024")
    import_file(sqlite_db.session_factory, system, write_csv(tmp_path / "full.csv", [row]))
    slim = {
        k: v for k, v in row.items() if k not in ("valor_pago", "data_pagamento", "prorrogacao")
    }
    report = import_file(
        sqlite_db.session_factory, system, write_csv(tmp_path / "slim.csv", [slim])
    )
    assert report.updated["installments"] == 0
    with sqlite_db.session_factory() as s:
        inst = s.scalar(select(Installment))
    assert inst.paid == Decimal("500.00")
    assert inst.extended_due_date == date(2024, 9, 30)
    assert inst.effective_due_date == date(2024, 9, 30)


def test_empty_cells_take_the_layout_defaults(sqlite_db, system, tmp_path):
    import_file(sqlite_db.session_factory, system, write_csv(tmp_path / "d.csv", [base_row()]))
    with sqlite_db.session_factory() as s:
        inst = s.scalar(select(Installment))
        sale = s.scalar(select(Sale))
    assert inst.adjusted == inst.principal == Decimal("1500.00")
    assert inst.paid == Decimal("0.00")
    assert inst.disputed is False
    assert inst.open_amount == Decimal("1500.00")
    assert sale.situation == "ativa"


def test_cep_defects_are_warnings_and_the_row_imports(sqlite_db, system, tmp_path):
    rows = [
        base_row(parcela="1", titular_cep="1310100"),
        base_row(parcela="2", venda="V-002", titular_documento=GUARANTOR, titular_cep="1234"),
    ]
    report = import_file(sqlite_db.session_factory, system, write_csv(tmp_path / "cep.csv", rows))
    assert not report.errors and report.written
    assert [(w.line, w.column) for w in report.warnings] == [(3, "titular_cep")]
    with sqlite_db.session_factory() as s:
        ceps = dict(s.execute(select(Customer.document, Customer.cep)).all())
    assert ceps == {HOLDER: "01310100", GUARANTOR: "1234"}


def test_point_decimal_iso_dates_comma_separated_utf8(sqlite_db, system, tmp_path):
    rows = [
        base_row(vencimento="2024-09-12", valor_principal="1234.56", valor_pago="100.5",
                 data_pagamento="2024-09-20", titular_nascimento="1978-01-07")
    ]  # fmt: skip
    path = write_csv(tmp_path / "iso.csv", rows, delimiter=",", encoding="utf-8")
    report = import_file(sqlite_db.session_factory, system, path)
    assert not report.errors
    assert report.format.decimal_separator == "."
    with sqlite_db.session_factory() as s:
        inst = s.scalar(select(Installment))
    assert (inst.principal, inst.paid) == (Decimal("1234.56"), Decimal("100.50"))


def test_xlsx_import(sqlite_db, system, tmp_path):
    header = ["empresa_cnpj", "venda", "titular_documento", "titular_nome", "parcela",
              "vencimento", "valor_principal", "titular_cep"]  # fmt: skip
    from datetime import datetime

    rows = [[COMPANY, "V9", 1610339622, "Inês", 1, datetime(2025, 1, 10), 2968.14, 1310100]]
    report = import_file(
        sqlite_db.session_factory, system, write_xlsx(tmp_path / "p.xlsx", header, rows)
    )
    assert not report.errors, [e.as_json() for e in report.errors]
    with sqlite_db.session_factory() as s:
        customer = s.scalar(select(Customer))
        inst = s.scalar(select(Installment))
    assert customer.document == GUARANTOR and customer.cep == "01310100"
    assert inst.principal == Decimal("2968.14")


def test_import_is_audited_without_documents(sqlite_db, system):
    import_file(sqlite_db.session_factory, system, SAMPLE)
    with sqlite_db.session_factory() as s:
        entry = s.scalar(select(AuditEntry).where(AuditEntry.action == "importacao"))
    assert entry.login.startswith("sistema:")
    assert entry.entity_key == "carteira_exemplo.csv"
    details = json.loads(entry.details)
    assert details["criados"]["installments"] == 129
    assert "41224824458" not in entry.details


def test_import_requires_the_permission(sqlite_db, tmp_path):
    clerk_without = Actor(login="ana", permissions=frozenset({Perm.NEG_INCLUIR}), user_id=None)
    with pytest.raises(PermissionDenied, match="DADOS_IMPORTAR"):
        import_file(sqlite_db.session_factory, clerk_without, SAMPLE)
    assert count(sqlite_db, Company) == 0


def test_a_guarantor_needs_the_name_column(sqlite_db, system, tmp_path):
    rows = [base_row(parcela="1"), base_row(parcela="2", avalista_documento=GUARANTOR)]
    path = write_csv(tmp_path / "sem_nome.csv", rows)
    report = import_file(sqlite_db.session_factory, system, path)
    assert [(e.line, e.column) for e in report.errors] == [(3, "avalista_nome")]


def test_a_file_that_breaks_down_midway_is_an_error_not_a_crash(sqlite_db, system, tmp_path):
    path = write_csv(tmp_path / "quebrado.csv", [base_row(parcela=str(n)) for n in range(1, 60)])
    # an unclosed quote swallows the rest of the file into one field past csv's limit
    path.write_bytes(path.read_bytes() + b'29141777000158;"X' + b"y" * 200_000 + b"\r\n")
    report = import_file(sqlite_db.session_factory, system, path)
    assert not report.written and count(sqlite_db, Installment) == 0
    assert report.errors and "malformado" in report.errors[0].message


def test_a_city_missing_from_the_ibge_table_is_a_warning(sqlite_db, system, tmp_path):
    """Boa Vista needs the municipality's IBGE code: a city the table lacks is flagged at
    import (the row still imports; spelling and accents are forgiven)."""
    rows = [
        base_row(parcela="1", titular_cidade="SAO  PAULO"),
        base_row(parcela="2", venda="V-002", titular_documento=GUARANTOR,
                 titular_cidade="Sao Paolo", titular_uf="SP"),
    ]  # fmt: skip
    report = import_file(sqlite_db.session_factory, system, write_csv(tmp_path / "ibge.csv", rows))
    assert not report.errors and report.written
    [warning] = report.warnings
    assert (warning.line, warning.column) == (3, "titular_cidade")
    assert "IBGE" in warning.message and "Boa Vista" in warning.message


def test_the_ibge_table_is_complete_and_forgiving():
    from gestao_negativacao.domain import ibge

    assert ibge.municipality_count() == 5570
    assert ibge.city_code("São Paulo", "SP") == ibge.city_code("sao paulo", "sp") == "3550308"
    assert ibge.city_code("Alvorada D'Oeste", "RO") == ibge.city_code("alvorada d oeste", "RO")
    assert ibge.city_code("Curitiba", "SP") is None  # the city of another state
    assert ibge.is_code_of("4106902", "PR") and not ibge.is_code_of("4106902", "SP")
