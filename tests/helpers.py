"""Helpers the tests share: export files for the import tests, the command line in a
subprocess, screenshots of widgets, and a fingerprint of what an import wrote."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
from sqlalchemy import select

from gestao_negativacao.db.models import Company, Customer, Installment, Sale, SaleGuarantor

COMPANY = "29141777000158"
COMPANY_ALPHA = "0SHE6K11000109"
HOLDER = "41224824458"
HOLDER_2 = "61983914509"
GUARANTOR = "01610339622"
GUARANTOR_2 = "86570704990"


def base_row(**overrides: str) -> dict[str, str]:
    row = {
        "empresa_cnpj": "29.141.777/0001-58",
        "empresa_nome": "Incorporadora Silva Ltda",
        "empreendimento": "EMP01",
        "venda": "V-001",
        "venda_situacao": "ativa",
        "titular_documento": "412.248.244-58",
        "titular_nome": "Antônio Brandão",
        "titular_nascimento": "07/01/1978",
        "titular_cep": "01310100",
        "titular_logradouro": "Avenida Paulista",
        "titular_numero": "1000",
        "titular_bairro": "Bela Vista",
        "titular_cidade": "São Paulo",
        "titular_uf": "SP",
        "parcela": "1",
        "vencimento": "12/09/2024",
        "valor_principal": "1.500,00",
        "valor_reajustado": "",
        "valor_pago": "",
        "data_pagamento": "",
    }
    row.update(overrides)
    return row


def write_csv(
    path: Path,
    rows: list[dict[str, str]],
    *,
    delimiter: str = ";",
    encoding: str = "cp1252",
    columns: list[str] | None = None,
) -> Path:
    columns = columns or list(dict.fromkeys(key for row in rows for key in row))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(column, "") for column in columns])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Parcelas"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def click_until(qtbot, button, label, expected: str, timeout: int = 10_000) -> None:
    """Click a button whose work runs off the window's thread (``gui.operations``) and
    wait until ``label`` says ``expected`` (cleared first: the same words may come twice)."""
    label.clear()
    button.click()
    qtbot.waitUntil(lambda: expected in label.text(), timeout=timeout)


def run(*args: str, password: str | None = None, env_extra: dict | None = None):
    env = dict(os.environ)
    if password is not None:
        env["GESTAO_NEGATIVACAO_PASSWORD"] = password
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "gestao_negativacao", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )


ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def shot(widget, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    widget.grab().save(str(ARTIFACTS / f"{name}.png"))


def fingerprint(db) -> list:
    """Everything an import writes, in a stable order, to compare two states."""
    with db.session_factory() as s:
        installments = s.execute(
            select(
                Company.cnpj, Sale.number, Installment.number, Installment.due_date,
                Installment.extended_due_date, Installment.principal, Installment.adjusted,
                Installment.paid, Installment.payment_date, Installment.disputed,
                Installment.open_amount, Sale.situation, Customer.document,
            )
            .join(Sale, Installment.sale_id == Sale.id)
            .join(Company, Sale.company_id == Company.id)
            .join(Customer, Sale.holder_id == Customer.id)
            .order_by(Company.cnpj, Sale.number, Installment.number)
        ).all()  # fmt: skip
        guarantors = s.execute(
            select(Sale.number, Customer.document)
            .join(SaleGuarantor, SaleGuarantor.sale_id == Sale.id)
            .join(Customer, SaleGuarantor.customer_id == Customer.id)
            .order_by(Sale.number, Customer.document)
        ).all()
        customers = s.execute(
            select(Customer.document, Customer.name, Customer.cep, Customer.birth_date).order_by(
                Customer.document
            )
        ).all()
    return [
        list(map(tuple, installments)),
        list(map(tuple, guarantors)),
        list(map(tuple, customers)),
    ]
