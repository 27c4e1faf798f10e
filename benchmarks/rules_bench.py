"""Rules benchmark (issues 3 and 16): count + first page of 200 for three representative
rules on a 1,000,000-installment demo portfolio, beside hand-written SQL for the same rule in
that database's dialect, measured in the same process (and checked to give the same count).

Goals: count + first page ≤ 1 s on SQLite and PostgreSQL, ≤ 2 s on MariaDB, and within
1.5× of the hand-written query.

    python benchmarks/rules_bench.py [--installments 1000000]
                                     [--database sqlite|postgresql|mariadb|URL] [--json FILE]

The portfolio is built once per database by the product's own import and reused (see
``common.demo_portfolio``).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import AS_OF, demo_portfolio, machine, server_version, write_json  # noqa: E402

from gestao_negativacao.domain.address import UFS  # noqa: E402
from gestao_negativacao.domain.legal import five_years_threshold  # noqa: E402
from gestao_negativacao.domain.rule_format import parse_rule  # noqa: E402
from gestao_negativacao.services.rules.preview import Preview  # noqa: E402

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
  i.due_date > :five AND NOT i.disputed
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
SELECT i.id AS iid, d.id AS cid, i.due_date, i.open_amount FROM installments i
  JOIN sales s ON s.id = i.sale_id JOIN customers d ON d.id = s.holder_id
 WHERE i.open_amount > 0 AND i.due_date < :as_of AND i.due_date <= :d60 AND {GUARDS}""",
    "critérios do cliente": f"""
SELECT i.id AS iid, d.id AS cid, i.due_date, i.open_amount FROM installments i
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
    "tudo ligado": """
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
SELECT i.id AS iid, d.id AS cid, i.effective_due_date, i.open_amount FROM installments i
  JOIN sales s ON s.id = i.sale_id JOIN customers d ON d.id = s.holder_id
 WHERE i.open_amount > 0 AND i.effective_due_date < :as_of AND i.effective_due_date <= :d30
   AND i.effective_due_date >= :d1500 AND i.adjusted >= 10000
   AND i.sale_id IN (SELECT sale_id FROM sales_ok) AND d.id IN (SELECT customer_id FROM customers_ok)
   AND NOT (d.kind = 'F' AND (d.birth_date IS NULL
        OR {key_due} - {key_birth} < 180000))
   AND {GUARDS}
UNION ALL
SELECT i.id AS iid, d.id AS cid, i.effective_due_date, i.open_amount FROM installments i
  JOIN sale_guarantors g ON g.sale_id = i.sale_id JOIN customers d ON d.id = g.customer_id
 WHERE i.open_amount > 0 AND i.effective_due_date < :as_of AND i.effective_due_date <= :d30
   AND i.effective_due_date >= :d1500 AND i.adjusted >= 10000
   AND i.sale_id IN (SELECT sale_id FROM sales_ok) AND d.id IN (SELECT customer_id FROM customers_ok)
   AND NOT (d.kind = 'F' AND (d.birth_date IS NULL
        OR {key_due} - {key_birth} < 180000))
   AND {GUARDS}""",
}


DATE_KEYS = {  # aaaammdd as an integer, as the product compares ages
    "sqlite": "CAST(REPLACE({0}, '-', '') AS INTEGER)",
    "postgresql": "CAST(to_char({0}, 'YYYYMMDD') AS INTEGER)",
    "mariadb": "CAST(DATE_FORMAT({0}, '%Y%m%d') AS INTEGER)",
}


def hand_written(name: str, dialect: str) -> str:
    key = DATE_KEYS[dialect]
    return HAND_WRITTEN[name].format(
        GUARDS=GUARDS, key_due=key.format("i.due_date"), key_birth=key.format("d.birth_date")
    )


def timed(fn, repeats: int = 3) -> tuple[float, object]:
    """The median of ``repeats`` runs, after one run that warms the caches (a clerk's
    second Buscar, not the first after the server started)."""
    result = fn()
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def run(database: str, installments: int) -> dict:
    target = demo_portfolio(database, installments)
    db = target.open()
    actor = target.actor(db)
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
    dialect = "mariadb" if db.dialect in ("mysql", "mariadb") else db.dialect
    if dialect == "sqlite":
        params = {k: v.isoformat() if isinstance(v, date) else v for k, v in params.items()}
    result = {"database": dialect, "version": server_version(db), "installments": installments}
    rules = {}
    for name, criteria in RULES.items():
        rule = parse_rule({"name": name, "kind": "inclusion", "criteria": criteria})
        preview = Preview(db.session_factory, actor, "inclusion", rule, "spc_brasil", AS_OF)

        def product(preview=preview):
            return preview.first_page("days_overdue", True, 200)

        product_s, (count, _page) = timed(product)
        sql = hand_written(name, dialect)

        def hand(sql=sql):
            # the same single pass as the product: the count rides along with the page
            paged = f"SELECT t.*, count(*) OVER () FROM ({sql}) t ORDER BY 3, 1, 2 LIMIT 200"
            with db.engine.connect() as conn:
                rows = conn.execute(text(paged), params).all()
            return (rows[0][-1] if rows else 0), rows

        hand_s, (hand_count, _) = timed(hand)
        assert hand_count == count, f"{name}: produto {count} ≠ à mão {hand_count}"
        rules[name] = {"items": count, "product_s": product_s, "hand_s": hand_s}
    result["rules"] = rules
    db.dispose()
    return result


def report(result: dict) -> None:
    print(f"banco: {result['version']}, {result['installments']:,} parcelas")
    print(f"  {'regra':22} {'itens':>8} {'produto':>9} {'à mão':>9} {'razão':>6}")
    for name, f in result["rules"].items():
        print(
            f"  {name:22} {f['items']:8,} {f['product_s']:8.3f}s {f['hand_s']:8.3f}s "
            f"{f['product_s'] / f['hand_s']:6.2f}"
        )
    print("  metas: produto ≤ 1 s (SQLite, PostgreSQL), ≤ 2 s (MariaDB); razão ≤ 1,5")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--installments", type=int, default=1_000_000)
    parser.add_argument("--database", default="sqlite")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    result = run(args.database, args.installments)
    result["machine"] = machine()
    report(result)
    write_json(args.json, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
