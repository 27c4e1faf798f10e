"""What every adapter receives and returns, and the interface they implement."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Protocol


@dataclass(frozen=True)
class Address:
    cep: str
    street: str
    number: str
    complement: str
    district: str
    city: str
    uf: str


@dataclass(frozen=True)
class Debtor:
    document: str  # bare CPF (11) or CNPJ (14)
    kind: str  # F or J
    name: str
    address: Address
    birth_date: date | None = None
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class InclusionRequest:
    """One installment × debtor to register as a negative record."""

    debtor: Debtor
    role: str  # holder | guarantor
    contract: str  # stable per installment, so a re-send is recognised as a duplicate
    installment: int
    due_date: date
    value: Decimal
    contract_date: date | None = None  # the sale's date; never after the due date
    nature_code: str | None = None  # natureza / restrição, per person kind
    co_debtor: Debtor | None = None  # where the protocol sends holder and guarantor together
    document_type: str | None = None  # the integration's document type, where one is sent


@dataclass(frozen=True)
class RecordRef:
    """What identifies a record at the bureau, exactly as sent or received. SPC finds the
    record by the same debtor block the inclusion sent, name included."""

    debtor_document: str
    debtor_kind: str
    contract: str
    due_date: date
    bureau_id: str | None = None  # SOA UniqueID, Boa Vista idRegistro, CnM id
    debtor_name: str = ""


@dataclass(frozen=True)
class Outcome:
    """``confirmed`` False: accepted, the bureau confirms later (SOA batches)."""

    bureau_id: str | None
    protocol: str | None
    message: str
    confirmed: bool = True


@dataclass(frozen=True)
class StatusAnswer:
    bureau_id: str
    status: str  # ativa | erro | pendente | baixada
    message: str = ""


@dataclass(frozen=True)
class ListItem:
    code: str
    description: str


@dataclass(frozen=True)
class Restriction:
    creditor: str
    value: Decimal | None
    date: date | None
    bureau: str
    kind: str = "pendência"


@dataclass(frozen=True)
class CreditReport:
    document: str
    name: str | None
    score: int | None
    restrictions: tuple[Restriction, ...] = ()
    protests: tuple[Restriction, ...] = ()
    bounced_cheques: int = 0
    recent_queries: int = 0
    raw: str = field(default="", repr=False)
    pdf: bytes | None = field(default=None, repr=False)  # a bureau that answers in PDF


class BureauAdapter(Protocol):
    """One integrator's protocol. Every call may raise the errors of ``bureaus.errors``.
    ``confirms_later``: an accepted inclusion is only queued there (``Outcome.confirmed``
    False) and ``fetch_status`` later says what became of it."""

    integrator: str
    confirms_later: bool

    def include(self, request: InclusionRequest) -> Outcome: ...

    def remove(self, ref: RecordRef, reason_code: str | None) -> Outcome: ...

    def fetch_status(self, bureau_ids: list[str]) -> list[StatusAnswer]: ...

    def list_removal_reasons(self) -> list[ListItem]: ...

    def list_document_types(self) -> list[ListItem]: ...

    def list_natures(self, person_kind: str | None = None) -> list[ListItem]: ...

    def query_credit(self, document: str) -> CreditReport: ...

    def test_connection(self) -> str: ...

    def close(self) -> None: ...
