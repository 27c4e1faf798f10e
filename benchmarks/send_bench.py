"""Sending benchmark (issues 5 and 16).

1. N inclusions (default 5,000) to the sandbox answering after a fixed latency (default
   50 ms), at concurrency 16 per operator. Beside it, in the same run:
   - the ideal: concurrency ÷ latency (each call occupies a slot for the latency);
   - a plain-HTTP baseline: the same SOAP requests, built once beforehand, posted by 16
     threads with one pooled httpx client and nothing else (no database, no parsing).
   Goal: the product at ≥ 0.85 of the ideal.
2. The time to queue 100,000 selected items (a rule's whole selection, INSERT … SELECT),
   taken from the rules benchmark's million-installment portfolio and removed from the
   queue afterwards. Goal: ≤ 5 s.

Both run on the database given (``sqlite``, ``postgresql``, ``mariadb`` or a server URL;
see ``common.py``). The sandbox runs in its own process (``gestao-negativacao sandbox``),
as a bureau would.

    python benchmarks/send_bench.py [--items 5000] [--latency-ms 50] [--concurrency 16]
                                    [--queue-items 100000] [--database sqlite] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import keyring
from keyrings.alt.file import PlaintextKeyring
from validate_docbr import CPF

from gestao_negativacao.bureaus import soap
from gestao_negativacao.bureaus.base import Address, Debtor, InclusionRequest
from gestao_negativacao.bureaus.spc_brasil import SpcBrasilAdapter
from gestao_negativacao.domain.rule_format import parse_rule
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.demo import setup as demo_setup
from gestao_negativacao.services.demo.portfolio import demo_table
from gestao_negativacao.services.importing import import_table
from gestao_negativacao.services.rules.preview import Preview
from gestao_negativacao.services.sending.enqueue import enqueue_inclusions
from gestao_negativacao.services.sending.worker import Sender, SendOptions

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    AS_OF,
    analyse,
    bench_database,
    demo_portfolio,
    kind_of,
    machine,
    server_version,
    write_json,
)

QUEUE_AS_OF = AS_OF + timedelta(days=60)
EVERY_OVERDUE = {"name": "bench", "kind": "inclusion", "criteria": {"days_overdue": {"min": 1}}}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_sandbox(latency_ms: float) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "gestao_negativacao", "sandbox", "--port", str(port)]
        + ["--latency-ms", str(latency_ms)],
        stdout=subprocess.PIPE,
        text=True,
    )
    process.stdout.readline()  # "Birô de testes (sandbox) em ..."
    return process, f"http://127.0.0.1:{port}"


def portfolio(db, actor: Actor, installments: int) -> None:
    table = demo_table(installments, 7, AS_OF)
    report = import_table(db.session_factory, actor, table, "demo", valid_only=True)
    assert report.written, report.errors[:3]


def selection_of(db, actor: Actor, integrator: str = "spc_brasil", as_of=AS_OF):
    rule = parse_rule(EVERY_OVERDUE)
    return Preview(db.session_factory, actor, "inclusion", rule, integrator, as_of)


def enough_candidates(db, actor: Actor, items: int) -> Preview:
    """A demo portfolio large enough for ``items`` inclusion candidates (about 8 % of the
    demo's installments are candidates: measured on a sample first)."""
    installments = 20_000
    while True:
        portfolio(db, actor, installments)
        preview = selection_of(db, actor)
        found = preview.count()
        if found >= items:
            return preview
        installments = int(installments * items / max(found, 1) * 1.1) + 1000


# -- 1. throughput -------------------------------------------------------------------------


class _Stop(Exception):
    pass


class _CapturingAdapter(SpcBrasilAdapter):
    """Builds the request exactly as the product does, and keeps it instead of posting."""

    def _call(self, operation, url=None):
        self.captured = soap.envelope(operation)
        raise _Stop


def plain_http(url: str, items: int, concurrency: int) -> float:
    """The same inclusions as bare HTTP posts (bodies built beforehand); items/s."""
    target = f"{url}/spc/remoting/ws/insumo/spc/spcWebService"
    builder = _CapturingAdapter(target, "B", "sandbox")
    address = Address("01310100", "Avenida Paulista", "1000", "", "Bela Vista", "São Paulo", "SP")
    documents = CPF()
    bodies = []
    for n in range(items):
        debtor = Debtor(documents.generate(), "F", f"Cliente {n}", address)
        due = AS_OF - timedelta(days=40)
        request = InclusionRequest(
            debtor, "holder", f"BASE-{n}", 1, due, Decimal("150.00"), nature_code="1"
        )
        try:
            builder.include(request)
        except _Stop:
            bodies.append(builder.captured)
    builder.close()
    client = httpx.Client(
        auth=("B", "sandbox"),
        limits=httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency),
    )
    headers = {"Content-Type": "text/xml;charset=UTF-8", "SOAPAction": ""}
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(lambda body: client.post(target, content=body, headers=headers), bodies))
    elapsed = time.perf_counter() - started
    client.close()
    return items / elapsed


def product(database: str, url: str, items: int, concurrency: int) -> tuple[float, dict]:
    target = bench_database(database, "envio", fresh=True)
    db = target.open()
    admin = target.actor(db)
    demo_setup.ensure_sandbox_integrations(db.session_factory, admin, url)
    preview = enough_candidates(db, admin, items)
    selection = preview.selection().limit(items)
    queued = enqueue_inclusions(db.session_factory, admin, selection, "spc_brasil").queued
    options = SendOptions(concurrency=concurrency)
    started = time.perf_counter()
    report = Sender(db.session_factory, admin, options=options).run()
    elapsed = time.perf_counter() - started
    db.dispose()
    assert report.sent + report.already == queued, report.summary()
    return queued / elapsed, report.summary()


# -- 2. queueing ---------------------------------------------------------------------------


def queue_time(database: str, items: int) -> tuple[int, float]:
    """Queue ``items`` of the million-installment portfolio's overdue installments, then
    take them out again, queue and negativations (as the owner), so the portfolio stays as
    it was: the rules benchmark reads the same portfolio, and 79,000 leftover pending
    negativations once made its "already queued" check cost 0.2 s."""
    from sqlalchemy import create_engine, text

    target = demo_portfolio(database, 1_000_000)
    db = target.open()
    actor = target.actor(db)
    # On the portfolio's own date 79,076 installments are overdue; two months later more
    # than 100,000 are, so the goal's 100,000 items are queued, not fewer.
    selection = selection_of(db, actor, as_of=QUEUE_AS_OF).selection().limit(items)
    started = time.perf_counter()
    result = enqueue_inclusions(db.session_factory, actor, selection, "spc_brasil")
    elapsed = time.perf_counter() - started
    assert result.queued == items, f"{result.queued:,} enfileirados de {items:,} pedidos"
    db.dispose()
    engine = create_engine(target.owner_url or target.url)
    with engine.begin() as conn:  # the portfolio has no negativations of its own
        for table in ("send_queue", "negativation_events", "negativations"):
            conn.execute(text(f"DELETE FROM {table}"))
    engine.dispose()
    # the deleted rows' dead entries would otherwise stay in the negativations' indexes
    # until autovacuum comes, and every later Buscar on this portfolio would walk them
    analyse(target)
    return result.queued, elapsed


def run(database: str, items: int, latency_ms: float, concurrency: int, queue_items: int):
    os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="send-bench-")  # its own keyring
    keyring.set_keyring(PlaintextKeyring())
    sandbox, url = start_sandbox(latency_ms)
    try:
        ideal = concurrency / (latency_ms / 1000)
        baseline = plain_http(url, items, concurrency)
        httpx.post(f"{url}/_sandbox/reset")
        rate, summary = product(database, url, items, concurrency)
    finally:
        sandbox.terminate()
    queued, seconds = queue_time(database, queue_items)
    target = bench_database(database, "envio")
    db = target.open()
    version = server_version(db)
    db.dispose()
    return {
        "database": kind_of(database),
        "version": version,
        "items": items,
        "latency_ms": latency_ms,
        "concurrency": concurrency,
        "ideal_per_s": round(ideal, 1),
        "plain_http_per_s": round(baseline, 1),
        "product_per_s": round(rate, 1),
        "of_ideal": round(rate / ideal, 3),
        "summary": summary,
        "queued": queued,
        "queue_s": round(seconds, 3),
        "machine": machine(),
    }


def report(figures: dict) -> None:
    ideal, baseline, rate = (
        figures["ideal_per_s"],
        figures["plain_http_per_s"],
        figures["product_per_s"],
    )
    print(
        f"Envio de {figures['items']} inclusões, latência {figures['latency_ms']:g} ms, "
        f"concorrência {figures['concurrency']} por operador ({figures['version']})"
    )
    print(f"  ideal (concorrência ÷ latência): {ideal:8.1f} itens/s")
    print(
        f"  base: HTTP puro, mesmos pedidos: {baseline:8.1f} itens/s "
        f"({baseline / ideal:.2f} do ideal)"
    )
    print(
        f"  produto (fila → birô → banco):   {rate:8.1f} itens/s "
        f"({rate / ideal:.2f} do ideal; {rate / baseline:.2f} da base; meta ≥ 0,85 do ideal)"
    )
    print(f"  resumo: {json.dumps(figures['summary'], ensure_ascii=False)}")
    print(
        f"Enfileirar {figures['queued']:,} itens selecionados: {figures['queue_s']:.2f} s "
        "(meta ≤ 5 s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--latency-ms", type=float, default=50)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--queue-items", type=int, default=100_000)
    parser.add_argument("--database", default="sqlite")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    figures = run(args.database, args.items, args.latency_ms, args.concurrency, args.queue_items)
    report(figures)
    write_json(args.json, figures)


if __name__ == "__main__":
    main()
