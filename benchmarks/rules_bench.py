"""Rules benchmark (issue 3): count + first page of 200 for three representative rules on
a 1,000,000-installment demo portfolio, beside a hand-written SQL query for the same rule
measured in the same process (and checked to give the same count).

Goal: count + first page ≤ 1 s on SQLite, and within 1.5× of the hand-written query.

    python benchmarks/rules_bench.py [--installments 1000000] [--database URL]

The SQLite portfolio is built once (about a minute per 100,000 installments… and kept in
benchmarks/out/ for the next run).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import text

from gestao_negativacao.domain.address import UFS
from gestao_negativacao.domain.legal import five_years_threshold
from gestao_negativacao.domain.rules import parse_rule
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.database import open_database
from gestao_negativacao.services.demo import demo_table
from gestao_negativacao.services.importing import import_table
from gestao_negativacao.services.preview import Preview

AS_OF = date(2026, 11, 22)
OUT = Path(__file__).resolve().parent / "out"

RULES = {
    "dias de atraso": {"days_overdue": {"min": 60, "reference": "due_date"}},
    "critérios do cliente": {
        "customer_overdue_count": {"min": 3, "reference": "any"},
        "customer_oldest_overdue_days": {"min": 90, "reference": "due_date"},
        "customer_largest_overdue_value": {"min": "1000.00", "reference": "adjusted"},
    },
    "tudo ligado": {
        "customer_overdue_count": {"min": 2, "reference": "any"},
        "sale_overdue_count": {"min": 2},
        "days_overdue": {"min": 30, "max": 1500, "reference": "extended_date"},
        "installment_value": {"min": "100.00", "reference": "adjusted"},
        "debtors": "both",
        "skip_minors": {"reference": "due_date"},
        "customer_oldest_overdue_days": {"min": 60, "reference": "due_date"},
        "customer_largest_overdue_value": {"min": "500.00", "reference": "principal"},
        "sale_oldest_overdue_days": {"min": 45, "reference": "extended_date"},
        "sale_largest_overdue_value": {"min": "200.00", "reference": "adjusted"},
    },
}

UF_LIST = ",".join(f"'{uf}'" for uf in sorted(UFS))
GUARDS = f"""
  i.due_date > :five AND i.disputed = 0
  AND d.cep IS NOT NULL AND length(d.cep) = 8 AND d.street IS NOT NULL AND trim(d.street) <> ''
  AND d.city IS NOT NULL AND trim(d.city) <> '' AND d.uf IN ({UF_LIST})
  AND NOT EXISTS (SELECT 1 FROM negativations n WHERE n.installment_id = i.id
                  AND n.customer_id = d.id AND n.integrator = :integrator
                  AND (n.status = 'ativa' OR (n.status = 'pendente' AND n.processing = 'ok')))
  AND NOT EXISTS (SELECT 1 FROM send_queue q JOIN negativations n ON n.id = q.negativation_id
                  WHERE n.installment_id = i.id AND n.customer_id = d.id
                  AND n.integrator = :integrator AND q.action = 'inclusion')
"""
OVERDUE_CUSTOMERS = """
  SELECT customer_id FROM (
    SELECT s2.holder_id AS customer_id, i2.id AS iid FROM installments i2 JOIN sales s2 ON s2.id = i2.sale_id
      WHERE i2.open_amount > 0 AND i2.effective_due_date < :as_of
    UNION ALL
    SELECT g2.customer_id, i2.id FROM installments i2 JOIN sale_guarantors g2 ON g2.sale_id = i2.sale_id
      WHERE i2.open_amount > 0 AND i2.effective_due_date < :as_of) x
"""

HAND_WRITTEN = {
    "dias de atraso": f"""
SELECT i.id, d.id, i.due_date, i.open_amount FROM installments i
  JOIN sales s ON s.id = i.sale_id JOIN customers d ON d.id = s.holder_id
 WHERE i.open_amount > 0 AND i.due_date < :as_of AND i.due_date <= :d60 AND {GUARDS}""",
    "critérios do cliente": f"""
SELECT i.id, d.id, i.due_date, i.open_amount FROM installments i
  JOIN sales s ON s.id = i.sale_id JOIN customers d ON d.id = s.holder_id
 WHERE i.open_amount > 0 AND i.effective_due_date < :as_of
   AND d.id IN ({OVERDUE_CUSTOMERS} GROUP BY customer_id HAVING count(*) >= 3)
   AND d.id IN (SELECT s3.holder_id FROM installments i3 JOIN sales s3 ON s3.id = i3.sale_id
                 WHERE i3.open_amount > 0 AND i3.due_date < :as_of AND i3.due_date <= :d90
                UNION SELECT g3.customer_id FROM installments i3 JOIN sale_guarantors g3 ON g3.sale_id = i3.sale_id
                 WHERE i3.open_amount > 0 AND i3.due_date < :as_of AND i3.due_date <= :d90)
   AND d.id IN (SELECT s4.holder_id FROM installments i4 JOIN sales s4 ON s4.id = i4.sale_id
                 WHERE i4.open_amount > 0 AND i4.effective_due_date < :as_of AND i4.adjusted >= 100000
                UNION SELECT g4.customer_id FROM installments i4 JOIN sale_guarantors g4 ON g4.sale_id = i4.sale_id
                 WHERE i4.open_amount > 0 AND i4.effective_due_date < :as_of AND i4.adjusted >= 100000)
   AND {GUARDS}""",
    "tudo ligado": f"""
WITH sales_ok AS (
  SELECT i.sale_id FROM installments i
   WHERE i.open_amount > 0 AND (i.due_date < :as_of OR i.effective_due_date < :as_of)
   GROUP BY i.sale_id
  HAVING count(CASE WHEN i.effective_due_date < :as_of THEN 1 END) >= 2
     AND min(CASE WHEN i.effective_due_date < :as_of THEN i.effective_due_date END) <= :d45
     AND max(CASE WHEN i.effective_due_date < :as_of THEN i.adjusted END) >= 20000),
debtor_rows AS (
  SELECT s.holder_id AS customer_id, i.id, i.due_date, i.effective_due_date, i.principal FROM installments i JOIN sales s ON s.id = i.sale_id
   WHERE i.open_amount > 0 AND (i.due_date < :as_of OR i.effective_due_date < :as_of)
  UNION ALL
  SELECT g.customer_id, i.id, i.due_date, i.effective_due_date, i.principal FROM installments i JOIN sale_guarantors g ON g.sale_id = i.sale_id
   WHERE i.open_amount > 0 AND (i.due_date < :as_of OR i.effective_due_date < :as_of)),
customers_ok AS (
  SELECT customer_id FROM debtor_rows GROUP BY customer_id
  HAVING count(DISTINCT CASE WHEN effective_due_date < :as_of THEN id END) >= 2
     AND min(CASE WHEN due_date < :as_of THEN due_date END) <= :d60
     AND max(CASE WHEN effective_due_date < :as_of THEN principal END) >= 50000)
SELECT i.id, d.id, i.effective_due_date, i.open_amount FROM installments i
  JOIN sales s ON s.id = i.sale_id JOIN customers d ON d.id = s.holder_id
 WHERE i.open_amount > 0 AND i.effective_due_date < :as_of AND i.effective_due_date <= :d30
   AND i.effective_due_date >= :d1500 AND i.adjusted >= 10000
   AND i.sale_id IN (SELECT sale_id FROM sales_ok) AND d.id IN (SELECT customer_id FROM customers_ok)
   AND NOT (d.kind = 'F' AND (d.birth_date IS NULL
        OR CAST(strftime('%Y%m%d', i.due_date) AS INTEGER) - CAST(strftime('%Y%m%d', d.birth_date) AS INTEGER) < 180000))
   AND {GUARDS}
UNION ALL
SELECT i.id, d.id, i.effective_due_date, i.open_amount FROM installments i
  JOIN sale_guarantors g ON g.sale_id = i.sale_id JOIN customers d ON d.id = g.customer_id
 WHERE i.open_amount > 0 AND i.effective_due_date < :as_of AND i.effective_due_date <= :d30
   AND i.effective_due_date >= :d1500 AND i.adjusted >= 10000
   AND i.sale_id IN (SELECT sale_id FROM sales_ok) AND d.id IN (SELECT customer_id FROM customers_ok)
   AND NOT (d.kind = 'F' AND (d.birth_date IS NULL
        OR CAST(strftime('%Y%m%d', i.due_date) AS INTEGER) - CAST(strftime('%Y%m%d', d.birth_date) AS INTEGER) < 180000))
   AND {GUARDS}""",
}


def build(url: str | None, installments: int) -> str:
    if url:
        return url
    OUT.mkdir(exist_ok=True)
    path = OUT / f"regras_{installments}.db"
    if not path.exists():
        print(f"construindo a carteira de {installments:,} parcelas em {path} ...", flush=True)
        db = open_database(f"sqlite:///{path.as_posix()}")
        table = demo_table(installments, seed=7, as_of=AS_OF)
        import_table(db.session_factory, Actor.system(), table, "bench", as_of=AS_OF)
        db.dispose()
    return f"sqlite:///{path.as_posix()}"


def timed(fn, repeats: int = 3) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--installments", type=int, default=1_000_000)
    parser.add_argument("--database", help="server URL already holding a demo portfolio")
    args = parser.parse_args()
    import os

    os.environ.setdefault("GESTAO_NEGATIVACAO_HOME", tempfile.mkdtemp(prefix="gn-bench-"))
    db = open_database(build(args.database, args.installments))
    params = {
        "as_of": AS_OF,
        "d60": AS_OF - timedelta(60),
        "d90": AS_OF - timedelta(90),
        "d30": AS_OF - timedelta(30),
        "d45": AS_OF - timedelta(45),
        "d1500": AS_OF - timedelta(1500),
        "five": five_years_threshold(AS_OF),
        "integrator": "spc_brasil",
    }
    if db.dialect == "sqlite":
        params = {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}
    print(f"banco: {db.description}")
    print(f"{'regra':22} {'itens':>8} {'produto':>9} {'à mão':>9} {'razão':>6}")
    for name, criteria in RULES.items():
        rule = parse_rule({"name": name, "kind": "inclusion", "criteria": criteria})
        preview = Preview(
            db.session_factory, Actor.system(), "inclusion", rule, "spc_brasil", AS_OF
        )

        def product(preview=preview):
            return preview.first_page("days_overdue", True, 200)

        product_s, (count, page) = timed(product)
        line = f"{name:22} {count:8,} {product_s:8.3f}s"
        if name in HAND_WRITTEN and db.dialect == "sqlite":  # the SQL is SQLite's dialect
            sql = HAND_WRITTEN[name]

            def hand(sql=sql):
                # the same single pass as the product: the count rides along with the page
                paged = f"SELECT t.*, count(*) OVER () FROM ({sql}) t ORDER BY 3, 1, 2 LIMIT 200"
                with db.engine.connect() as conn:
                    rows = conn.execute(text(paged), params).all()
                return (rows[0][-1] if rows else 0), rows

            hand_s, (hand_count, _) = timed(hand)
            assert hand_count == count, f"{name}: produto {count} ≠ à mão {hand_count}"
            line += f" {hand_s:8.3f}s {product_s / hand_s:6.2f}"
        else:
            line += f" {'—':>9} {'—':>6}"
        print(line, flush=True)
    print("metas: produto ≤ 1 s no SQLite; razão produto/à mão ≤ 1,5")
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
