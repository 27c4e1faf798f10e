"""Import benchmark (issues 2 and 16): the demo portfolio as a CSV export of N installments,
imported by the product, beside two loaders measured in the same run on the same database:

- ``executemany``: what a hand-written loader would do: read the file with the csv module,
  convert the values without validating them, give ids with dictionaries, and write the
  same tables and columns with plain ``executemany`` on the same driver;
- ``carga bruta``: the same rows through the database's bulk path with no validation at
  all (COPY on PostgreSQL, LOAD DATA LOCAL INFILE on MariaDB; SQLite has no other path than
  ``executemany`` in one transaction): the physical limit.

The product does more (every value validated, check digits, conflicts inside the file,
comparison with what is stored, audit), so the goals are ratios. Each step runs in a
process of its own, so the peak memory printed is that step's.

    python benchmarks/import_bench.py [--installments 1000000] [--database sqlite|postgresql|mariadb|URL]
                                      [--json FILE]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    AS_OF,
    OUT,
    SEED,
    bench_database,
    child_result,
    in_child,
    kind_of,
    machine,
    write_json,
)

from gestao_negativacao.services.demo.portfolio import HEADERS, demo_table  # noqa: E402

PORTFOLIO_TABLES = (
    "sale_guarantors",
    "installments",
    "sales",
    "enterprises",
    "customers",
    "companies",
)
NAME = "importacao"


def export_file(installments: int) -> tuple[Path, int]:
    """The demo export as Brazilian spreadsheets write it (Windows-1252, ';', decimal
    comma), written once and kept in benchmarks/out."""
    OUT.mkdir(exist_ok=True)
    path = OUT / f"carteira_{installments}.csv"
    if not path.exists():
        table = demo_table(installments, seed=SEED, as_of=AS_OF)
        partial = path.with_suffix(".parcial")
        with partial.open("w", encoding="cp1252", newline="") as handle:
            writer = csv.writer(handle, delimiter=";", lineterminator="\r\n")
            writer.writerow(HEADERS)
            writer.writerows(cells for _, cells in table.rows)
        partial.replace(path)
    with path.open(encoding="cp1252") as handle:
        rows = sum(1 for _ in handle) - 1
    return path, rows


# -- the two plain loaders -------------------------------------------------------------------


class PlainRows:
    """The file read as a plain loader would: no validation, ids from dictionaries, every
    column the product writes. Values are in the form each driver stores them."""

    def __init__(self, path: Path, kind: str) -> None:
        self.sqlite = kind == "sqlite"
        self.text_dates = kind != "postgresql"  # SQLite stores text; LOAD DATA reads text
        self._dates: dict[str, object] = {}
        self.companies: dict[str, tuple] = {}
        self.enterprises: dict[tuple, tuple] = {}
        self.customers: dict[str, tuple] = {}
        self.sales: dict[tuple, tuple] = {}
        self.guarantors: set[tuple] = set()
        self.installments: list[tuple] = []
        self._read(path)

    def day(self, value: str):
        if not value:
            return None
        if value not in self._dates:
            d, m, y = value.split("/")
            self._dates[value] = f"{y}-{m}-{d}" if self.text_dates else date(int(y), int(m), int(d))
        return self._dates[value]

    @staticmethod
    def cents(value: str) -> int:
        return round(float(value.replace(".", "").replace(",", ".")) * 100) if value else 0

    @staticmethod
    def bare(value: str) -> str:
        return value.replace(".", "").replace("/", "").replace("-", "").upper()

    def _person(self, row: list[str], col: dict, prefix: str) -> None:
        document = self.bare(row[col[f"{prefix}_documento"]])
        if not document or document in self.customers:
            return
        value = lambda name: row[col[f"{prefix}_{name}"]] or None  # noqa: E731
        self.customers[document] = (
            len(self.customers) + 1,
            document,
            "F" if len(document) == 11 else "J",
            row[col[f"{prefix}_nome"]],
            self.day(row[col[f"{prefix}_nascimento"]]),
            value("email") if prefix == "titular" else None,
            value("telefone") if prefix == "titular" else None,
            self.bare(row[col[f"{prefix}_cep"]]) or None,
            value("logradouro"),
            value("numero"),
            value("complemento"),
            value("bairro"),
            value("cidade"),
            value("uf"),
        )

    def _read(self, path: Path) -> None:
        flag = (lambda v: int(v == "S")) if self.text_dates else (lambda v: v == "S")
        with path.open(encoding="cp1252", newline="") as handle:
            reader = csv.reader(handle, delimiter=";")
            col = {name: i for i, name in enumerate(next(reader))}
            for row in reader:
                cnpj = self.bare(row[col["empresa_cnpj"]])
                company = self.companies.setdefault(
                    cnpj, (len(self.companies) + 1, cnpj, row[col["empresa_nome"]])
                )
                enterprise = None
                if code := row[col["empreendimento"]]:
                    key = (company[0], code)
                    enterprise = self.enterprises.setdefault(
                        key, (len(self.enterprises) + 1, company[0], code)
                    )
                self._person(row, col, "titular")
                sale_key = (cnpj, row[col["venda"]])
                if sale_key not in self.sales:
                    self.sales[sale_key] = (
                        len(self.sales) + 1,
                        company[0],
                        enterprise[0] if enterprise else None,
                        row[col["venda"]],
                        self.customers[self.bare(row[col["titular_documento"]])][0],
                        row[col["venda_situacao"]] or "ativa",
                        self.day(row[col["venda_data_situacao"]]),
                    )
                sale_id = self.sales[sale_key][0]
                if self.bare(row[col["avalista_documento"]]):
                    self._person(row, col, "avalista")
                    guarantor = self.customers[self.bare(row[col["avalista_documento"]])][0]
                    self.guarantors.add((sale_id, guarantor))
                number = int(row[col["parcela"]])
                last = self.installments[-1] if self.installments else None
                if last and last[1] == sale_id and last[2] == number:
                    continue  # the same installment on a second guarantor's row
                principal = self.cents(row[col["valor_principal"]])
                self.installments.append(
                    (
                        len(self.installments) + 1,
                        sale_id,
                        number,
                        self.day(row[col["vencimento"]]),
                        self.day(row[col["prorrogacao"]]),
                        principal,
                        self.cents(row[col["valor_reajustado"]]) or principal,
                        self.cents(row[col["valor_pago"]]),
                        self.day(row[col["data_pagamento"]]),
                        flag(row[col["em_disputa"]]),
                    )
                )

    def tables(self) -> list[tuple[str, tuple[str, ...], list[tuple]]]:
        person = ("id", "document", "kind", "name", "birth_date", "email", "phone", "cep",
                  "street", "number", "complement", "district", "city", "uf")  # fmt: skip
        return [
            ("companies", ("id", "cnpj", "name"), list(self.companies.values())),
            ("enterprises", ("id", "company_id", "code"), list(self.enterprises.values())),
            ("customers", person, list(self.customers.values())),
            (
                "sales",
                (
                    "id",
                    "company_id",
                    "enterprise_id",
                    "number",
                    "holder_id",
                    "situation",
                    "situation_date",
                ),  # fmt: skip
                list(self.sales.values()),
            ),
            ("sale_guarantors", ("sale_id", "customer_id"), sorted(self.guarantors)),
            (
                "installments",
                (
                    "id",
                    "sale_id",
                    "number",
                    "due_date",
                    "extended_due_date",
                    "principal",
                    "adjusted",
                    "paid",
                    "payment_date",
                    "disputed",
                ),  # fmt: skip
                self.installments,
            ),
        ]


def plain_executemany(raw, kind: str, rows: PlainRows) -> None:
    cursor = raw.cursor()
    mark = "?" if kind == "sqlite" else "%s"
    for table, columns, values in rows.tables():
        marks = ", ".join([mark] * len(columns))
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
        for start in range(0, len(values), 20_000):
            cursor.executemany(sql, values[start : start + 20_000])
    raw.commit()


def plain_bulk(raw, kind: str, rows: PlainRows) -> None:
    """The database's own bulk load, nothing else."""
    if kind == "sqlite":
        plain_executemany(raw, kind, rows)
        return
    cursor = raw.cursor()
    for table, columns, values in rows.tables():
        if kind == "postgresql":
            with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for value in values:
                    copy.write_row(value)
            continue
        with tempfile.NamedTemporaryFile("w", suffix=".tsv", encoding="utf-8", delete=False) as f:
            for value in values:
                f.write("\t".join(r"\N" if v is None else str(v) for v in value) + "\n")
        cursor.execute(
            f"LOAD DATA LOCAL INFILE '{Path(f.name).as_posix()}' INTO TABLE {table} "
            f"CHARACTER SET utf8mb4 ({', '.join(columns)})"
        )
        Path(f.name).unlink()
    raw.commit()


def empty_portfolio(owner_url: str | None, url: str) -> None:
    """Empty the portfolio (as the database's owner: the application's users may not)."""
    engine = create_engine(owner_url or url)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text(f"TRUNCATE {', '.join(PORTFOLIO_TABLES)} RESTART IDENTITY CASCADE"))
        else:
            for table in PORTFOLIO_TABLES:
                conn.execute(text(f"DELETE FROM {table}"))
    engine.dispose()


# -- one step in its own process -------------------------------------------------------------


def step(stage: str, database: str, path: Path) -> None:
    target = bench_database(database, NAME)
    kind = target.kind
    if stage in ("executemany", "bulk", "product"):
        empty_portfolio(target.owner_url, target.url)
    if stage in ("executemany", "bulk"):
        connect_args = {"local_infile": True} if kind == "mariadb" and stage == "bulk" else {}
        engine = create_engine(target.owner_url or target.url, connect_args=connect_args)
        raw = engine.raw_connection()
        started = time.perf_counter()
        rows = PlainRows(path, kind)
        (plain_executemany if stage == "executemany" else plain_bulk)(raw, kind, rows)
        elapsed = time.perf_counter() - started
        raw.close()
        engine.dispose()
        child_result(seconds=elapsed)
        return
    from gestao_negativacao.services.importing import import_file

    db = target.open()
    actor = target.actor(db)
    started = time.perf_counter()
    report = import_file(db.session_factory, actor, path, as_of=AS_OF)
    elapsed = time.perf_counter() - started
    assert report.written and not report.errors, report.errors[:3]
    if stage == "reimport":
        assert set(report.created.values()) == {0} and set(report.updated.values()) == {0}
    db.dispose()
    child_result(seconds=elapsed)


def run(database: str, installments: int) -> dict:
    path, rows = export_file(installments)
    bench_database(database, NAME, fresh=True)
    me = Path(__file__)
    figures = {}
    for stage in ("executemany", "bulk", "product", "reimport"):
        figures[stage] = in_child(me, "--stage", stage, "--database", database, "--file", str(path))
    return {
        "database": kind_of(database),
        "installments": installments,
        "rows": rows,
        "megabytes": round(path.stat().st_size / 1e6),
        **{stage: {**f, "rows_per_s": round(rows / f["seconds"])} for stage, f in figures.items()},
    }


def report(result: dict) -> None:
    rows = result["rows"]
    print(
        f"banco: {result['database']}; arquivo: {rows:,} linhas "
        f"({result['installments']:,} parcelas), {result['megabytes']} MB"
    )
    labels = {
        "executemany": "base: csv + executemany",
        "bulk": "limite: carga bruta do banco",
        "product": "importação do produto",
        "reimport": "reimportação (nada muda)",
    }
    for stage, label in labels.items():
        f = result[stage]
        print(
            f"  {label:30} {f['seconds']:7.1f} s {f['rows_per_s']:10,} linhas/s "
            f"{f['peak_mb']:7.0f} MB de pico"
        )
    product = result["product"]["rows_per_s"]
    print(
        f"  produto / executemany: {product / result['executemany']['rows_per_s']:.2f}"
        f"   produto / carga bruta: {product / result['bulk']['rows_per_s']:.2f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--installments", type=int, default=1_000_000)
    parser.add_argument("--database", default="sqlite")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--stage", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage:
        step(args.stage, args.database, Path(args.file))
        return 0
    result = run(args.database, args.installments)
    result["machine"] = machine()
    report(result)
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
