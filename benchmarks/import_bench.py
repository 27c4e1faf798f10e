"""Import benchmark (issue 2): the demo portfolio as a CSV export of N installments,
imported by the product, beside a plain loader measured in the same run.

The baseline is what a hand-written loader would do with the same file: read it with the
csv module, convert the values without validating them, give ids with dictionaries, and
write the same tables with plain ``executemany`` on the same driver. The product does more
(validation of every value, check digits, conflict checks, comparison with what is stored,
audit), so the goal is a ratio, not parity: at least 0.5 of the baseline, and at least
20,000 rows/s on SQLite.

    python benchmarks/import_bench.py [--installments 1000000] [--database URL]
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import text

from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.database import open_database
from gestao_negativacao.services.demo import HEADERS, demo_table
from gestao_negativacao.services.importing import import_file

AS_OF = date(2026, 11, 22)


def write_export(path: Path, installments: int) -> int:
    table = demo_table(installments, seed=7, as_of=AS_OF)
    with path.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
        writer.writerow(HEADERS)
        writer.writerows(cells for _, cells in table.rows)
    return len(table.rows)


def fresh_url(base: str | None, name: str, folder: Path) -> str:
    if base is None:
        return f"sqlite:///{(folder / f'{name}.db').as_posix()}"
    return base


def reset(db) -> None:
    """Empty the portfolio tables (server databases are reused between the two runs)."""
    with db.engine.begin() as conn:
        for table in (
            "sale_guarantors",
            "installments",
            "sales",
            "enterprises",
            "customers",
            "companies",
        ):
            conn.execute(text(f"DELETE FROM {table}"))


def baseline(db, path: Path) -> float:
    """The plain loader: csv + dictionaries + executemany, no validation."""
    raw = db.engine.raw_connection()
    cursor = raw.cursor()
    sqlite = db.dialect == "sqlite"
    mark = "?" if sqlite else "%s"
    dates: dict[str, object] = {}

    def day(value: str):
        if not value:
            return None
        if value not in dates:
            d, m, y = value.split("/")
            dates[value] = f"{y}-{m}-{d}" if sqlite else date(int(y), int(m), int(d))
        return dates[value]

    def cents(value: str) -> int:
        return round(float(value.replace(".", "").replace(",", ".")) * 100) if value else 0

    def bare(value: str) -> str:
        return value.replace(".", "").replace("/", "").replace("-", "").upper()

    started = time.perf_counter()
    companies, customers, sales, guarantors, installments = {}, {}, {}, set(), []
    with path.open(encoding="cp1252", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        header = next(reader)
        col = {name: i for i, name in enumerate(header)}
        for row in reader:
            cnpj = bare(row[col["empresa_cnpj"]])
            company_id = companies.setdefault(cnpj, (len(companies) + 1, row[col["empresa_nome"]]))[
                0
            ]
            holder = bare(row[col["titular_documento"]])
            if holder not in customers:
                customers[holder] = (
                    len(customers) + 1,
                    row[col["titular_nome"]],
                    row[col["titular_cep"]],
                    row[col["titular_uf"]],
                )
            sale_key = (cnpj, row[col["venda"]])
            if sale_key not in sales:
                sales[sale_key] = (
                    len(sales) + 1,
                    company_id,
                    row[col["venda"]],
                    customers[holder][0],
                    row[col["venda_situacao"]],
                )
            sale_id = sales[sale_key][0]
            guarantor = bare(row[col["avalista_documento"]])
            if guarantor:
                if guarantor not in customers:
                    customers[guarantor] = (
                        len(customers) + 1,
                        row[col["avalista_nome"]],
                        row[col["avalista_cep"]],
                        row[col["avalista_uf"]],
                    )
                guarantors.add((sale_id, customers[guarantor][0]))
            number = int(row[col["parcela"]])
            if installments and installments[-1][0] == sale_id and installments[-1][1] == number:
                continue  # the same installment on a second guarantor's row
            principal = cents(row[col["valor_principal"]])
            adjusted = cents(row[col["valor_reajustado"]]) or principal
            installments.append(
                (
                    sale_id,
                    number,
                    day(row[col["vencimento"]]),
                    day(row[col["prorrogacao"]]),
                    principal,
                    adjusted,
                    cents(row[col["valor_pago"]]),
                    day(row[col["data_pagamento"]]),
                    row[col["em_disputa"]] == "S",
                )
            )
    cursor.executemany(
        f"INSERT INTO companies (id, cnpj, name) VALUES ({mark}, {mark}, {mark})",
        [(i, c, n) for c, (i, n) in companies.items()],
    )
    cursor.executemany(
        f"INSERT INTO customers (id, document, kind, name, cep, uf) VALUES "
        f"({mark}, {mark}, {mark}, {mark}, {mark}, {mark})",
        [(i, d, "F" if len(d) == 11 else "J", n, c, u) for d, (i, n, c, u) in customers.items()],
    )
    cursor.executemany(
        f"INSERT INTO sales (id, company_id, number, holder_id, situation) VALUES "
        f"({mark}, {mark}, {mark}, {mark}, {mark})",
        list(sales.values()),
    )
    cursor.executemany(
        f"INSERT INTO sale_guarantors (sale_id, customer_id) VALUES ({mark}, {mark})",
        sorted(guarantors),
    )
    cursor.executemany(
        "INSERT INTO installments (sale_id, number, due_date, extended_due_date, principal, "
        f"adjusted, paid, payment_date, disputed) VALUES ({', '.join([mark] * 9)})",
        installments,
    )
    raw.commit()
    elapsed = time.perf_counter() - started
    raw.close()
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--installments", type=int, default=1_000_000)
    parser.add_argument("--database", help="server URL (default: fresh SQLite files)")
    args = parser.parse_args()
    os.environ.setdefault("GESTAO_NEGATIVACAO_HOME", tempfile.mkdtemp(prefix="gn-bench-"))
    folder = Path(tempfile.mkdtemp(prefix="gn-import-bench-"))
    export = folder / "carteira.csv"
    started = time.perf_counter()
    rows = write_export(export, args.installments)
    print(
        f"arquivo: {rows:,} linhas ({args.installments:,} parcelas), "
        f"{export.stat().st_size / 1e6:.0f} MB, gerado em {time.perf_counter() - started:.1f} s"
    )

    db = open_database(fresh_url(args.database, "base", folder))
    reset(db)
    base_s = baseline(db, export)
    reset(db)
    db.dispose()

    db = open_database(fresh_url(args.database, "produto", folder))
    started = time.perf_counter()
    report = import_file(db.session_factory, Actor.system(), export, as_of=AS_OF)
    product_s = time.perf_counter() - started
    assert report.written and not report.errors, report.errors[:3]
    started = time.perf_counter()
    again = import_file(db.session_factory, Actor.system(), export, as_of=AS_OF)
    reimport_s = time.perf_counter() - started
    assert set(again.created.values()) == {0} and set(again.updated.values()) == {0}
    db.dispose()

    print(f"banco: {db.dialect}")
    print(f"baseline (csv + executemany):  {base_s:7.1f} s  {rows / base_s:10,.0f} linhas/s")
    print(f"importação do produto:         {product_s:7.1f} s  {rows / product_s:10,.0f} linhas/s")
    print(
        f"reimportação (nada muda):      {reimport_s:7.1f} s  {rows / reimport_s:10,.0f} linhas/s"
    )
    print(f"razão produto / baseline:      {base_s / product_s:7.2f}  (meta >= 0.50)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
