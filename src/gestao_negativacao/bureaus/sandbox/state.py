"""What the sandbox holds: records per integrator and how many requests each received, so
that a test can prove that nothing was sent twice or lost (``GET /_sandbox/state``)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import count


@dataclass
class Record:
    document: str
    contract: str
    installment: int | None
    value: Decimal
    due_date: str
    active: bool = True
    inclusions: int = 0
    removals: int = 0
    bureau_id: str = ""
    situation: str = ""  # a queuing bureau's life cycle: pendente, ativa, erro, baixada
    message: str = ""
    received_at: float = 0.0
    co_obligor: str = ""  # the guarantor registered in this record with its holder

    def as_json(self) -> dict:
        return {
            "document": self.document,
            "contract": self.contract,
            "installment": self.installment,
            "value": f"{self.value:.2f}",
            "due_date": self.due_date,
            "active": self.active,
            "inclusions": self.inclusions,
            "removals": self.removals,
            "bureau_id": self.bureau_id,
            "situation": self.situation or ("ativa" if self.active else "baixada"),
            "co_obligor": self.co_obligor,
        }


INTEGRATORS = ("spc_brasil", "boa_vista", "soa_serasa", "credito_na_medida")


def installment_of(contract: str) -> int | None:
    """Contracts are sent as ``...-<installment>``; the number after the last dash."""
    tail = contract.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else None


@dataclass
class SandboxState:
    records: dict[str, dict[tuple, Record]] = field(
        default_factory=lambda: {name: {} for name in INTEGRATORS}
    )
    requests: dict[str, int] = field(default_factory=lambda: dict.fromkeys(INTEGRATORS, 0))
    lock: threading.Lock = field(default_factory=threading.Lock)
    _ids: count = field(default_factory=lambda: count(1))

    def next_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):08d}"

    def as_json(self) -> dict:
        with self.lock:
            return {
                name: {
                    "records": [r.as_json() for r in records.values()],
                    "requests": self.requests[name],
                }
                for name, records in self.records.items()
            }

    def inclusion_received(
        self,
        integrator: str,
        key: tuple,
        document: str,
        contract: str,
        installment: int | None,
        value: Decimal,
        due_date: str,
        id_prefix: str,
    ) -> Record:
        """Count an inclusion request and return its record, created (inactive) on first
        sight. Call with ``lock`` held; the caller decides what the bureau answers."""
        self.requests[integrator] += 1
        records = self.records[integrator]
        record = records.get(key)
        if record is None:
            record = Record(
                document,
                contract,
                installment,
                value,
                due_date,
                active=False,
                bureau_id=self.next_id(id_prefix),
            )
            records[key] = record
        record.inclusions += 1
        return record

    def process_pending(
        self,
        integrator: str,
        after: float | None,
        refuse: Callable[[Record], str | None],
        *,
        everything: bool = False,
    ) -> int:
        """Turn what a queuing bureau received ``ativa`` (or ``erro`` with the reason
        ``refuse`` gives), as its batch would: everything, or what waited ``after`` s."""
        now, done = time.monotonic(), 0
        with self.lock:
            for record in self.records[integrator].values():
                if record.situation != "pendente":
                    continue
                if not everything and (after is None or now - record.received_at < after):
                    continue
                reason = refuse(record)
                if reason:
                    record.situation, record.message = "erro", reason
                else:
                    record.situation, record.active, record.message = "ativa", True, "registrado"
                done += 1
        return done

    def active_records_of(self, document: str) -> list[tuple[str, Record]]:
        """Every active record of a document, at any integrator: what a credit report shows."""
        with self.lock:
            return [
                (integrator, record)
                for integrator, records in self.records.items()
                for record in records.values()
                if document in (record.document, record.co_obligor) and record.active
            ]

    def reset(self) -> None:
        with self.lock:
            for records in self.records.values():
                records.clear()
            for name in self.requests:
                self.requests[name] = 0


def sandbox_score(document: str, restrictions: int) -> int:
    """A deterministic score: lower with each active restriction."""
    tail = int(document[-2:]) if document[-2:].isdigit() else 50
    return max(0, min(1000, 1000 - 150 * restrictions - tail))
