"""Sending benchmark (issue 5).

1. N inclusions (default 5,000) to the sandbox answering after a fixed latency (default
   50 ms), at concurrency 16 per operator. Beside it, in the same run:
   - the ideal: concurrency ÷ latency (each call occupies a slot for the latency);
   - a plain-HTTP baseline: the same SOAP requests, built once beforehand, posted by 16
     threads with one pooled httpx client and nothing else (no database, no parsing).
   Goal: the product at ≥ 0.8 of the ideal.
2. The time to queue 100,000 selected items (a rule's whole selection, INSERT … SELECT) on
   SQLite. Goal: ≤ 5 s.

The sandbox runs in its own process (``gestao-negativacao sandbox``), as a bureau would.

    python benchmarks/send_bench.py [--items 5000] [--latency-ms 50] [--concurrency 16]
                                    [--queue-items 100000]
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
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import keyring
from keyrings.alt.file import PlaintextKeyring
from validate_docbr import CPF

from gestao_negativacao.bureaus import soap
from gestao_negativacao.bureaus.base import Address, Debtor, InclusionRequest
from gestao_negativacao.bureaus.spc_brasil import SpcBrasilAdapter
from gestao_negativacao.domain.permissions import RoleCode
from gestao_negativacao.domain.rules import parse_rule
from gestao_negativacao.services import demo_setup, users
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.database import open_database
from gestao_negativacao.services.demo import demo_table
from gestao_negativacao.services.importing import import_table
from gestao_negativacao.services.preview import Preview
from gestao_negativacao.services.sending.enqueue import enqueue_inclusions
from gestao_negativacao.services.sending.worker import Sender, SendOptions

AS_OF = date(2026, 11, 22)
PASSWORD = "Bench-admin-2026"
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


def selection_of(db, actor: Actor, integrator: str = "spc_brasil"):
    rule = parse_rule(EVERY_OVERDUE)
    return Preview(db.session_factory, actor, "inclusion", rule, integrator, AS_OF)


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
        request = InclusionRequest(debtor, "holder", f"BASE-{n}", 1, due, Decimal("150.00"))
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


def product(url: str, items: int, concurrency: int, folder: Path) -> tuple[float, dict]:
    db = open_database(f"sqlite:///{(folder / 'envio.db').as_posix()}")
    system = Actor.system()
    users.create_user(db.session_factory, system, "admin", PASSWORD, RoleCode.ADMIN, "Admin")
    admin = users.authenticate(db.session_factory, "admin", PASSWORD)
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


def queue_time(items: int, folder: Path) -> tuple[int, float]:
    db = open_database(f"sqlite:///{(folder / 'fila.db').as_posix()}")
    actor = Actor.system()
    preview = enough_candidates(db, actor, items)
    selection = preview.selection().limit(items)
    started = time.perf_counter()
    result = enqueue_inclusions(db.session_factory, actor, selection, "spc_brasil")
    elapsed = time.perf_counter() - started
    db.dispose()
    return result.queued, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=5000)
    parser.add_argument("--latency-ms", type=float, default=50)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--queue-items", type=int, default=100_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="send-bench-"))
    os.environ["XDG_DATA_HOME"] = str(folder / "xdg")  # a keyring of its own, thrown away
    keyring.set_keyring(PlaintextKeyring())
    sandbox, url = start_sandbox(args.latency_ms)
    try:
        ideal = args.concurrency / (args.latency_ms / 1000)
        baseline = plain_http(url, args.items, args.concurrency)
        httpx.post(f"{url}/_sandbox/reset")
        rate, summary = product(url, args.items, args.concurrency, folder)
    finally:
        sandbox.terminate()
    print(
        f"Envio de {args.items} inclusões, latência {args.latency_ms:g} ms, "
        f"concorrência {args.concurrency} por operador (SQLite)"
    )
    print(f"  ideal (concorrência ÷ latência): {ideal:8.1f} itens/s")
    print(
        f"  base: HTTP puro, mesmos pedidos: {baseline:8.1f} itens/s "
        f"({baseline / ideal:.2f} do ideal)"
    )
    print(
        f"  produto (fila → birô → banco):   {rate:8.1f} itens/s "
        f"({rate / ideal:.2f} do ideal; {rate / baseline:.2f} da base)"
    )
    print(f"  resumo: {json.dumps(summary, ensure_ascii=False)}")
    queued, seconds = queue_time(args.queue_items, folder)
    print(f"Enfileirar {queued} itens selecionados (SQLite): {seconds:.2f} s")


if __name__ == "__main__":
    main()
