"""What one "Buscar" found, evaluated once and then paged without evaluating again.

Evaluating a rule on a million installments takes most of a second; re-running it with
OFFSET for each further page (as a plain paged query would) costs that again for every
page, and more the deeper the page. Instead the rule runs once, in the order the clerk
chose, and only the keys of what it found come back, held in compact arrays (about 30
bytes an item). Any page (the next, the one before, the last) is then a few lookups by
primary key of just its rows. Sorting by another column evaluates once more.

The keys are a snapshot of the moment of the search; the rows of a page are read fresh,
so an amount paid meanwhile shows as it is now.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.models import (
    Company,
    Customer,
    Enterprise,
    Installment,
    Negativation,
    Sale,
)
from gestao_negativacao.domain.enums import DebtorRole
from gestao_negativacao.rules.sql import tune_session

ROLES = (DebtorRole.HOLDER, DebtorRole.GUARANTOR)


@dataclass(frozen=True)
class FoundRow:
    """One item as the screens and the command line show it (see ``PreviewItem``)."""

    installment_id: int
    customer_id: int
    debtor_role: str
    company_cnpj: str
    company_name: str
    enterprise_code: str | None
    sale_number: str
    installment_number: int
    due_date: date
    extended_due_date: date | None
    reference_date: date
    debtor_document: str
    debtor_name: str
    amount: Decimal
    reason: str | None
    trigger: str | None
    negativation_id: int | None
    integrator: str | None
    included_on: date | None


class _Codes:
    """Short texts (reasons, triggers, integrators) as one byte each."""

    def __init__(self) -> None:
        self.texts: list[str | None] = [None]
        self._code: dict[str | None, int] = {None: 0}

    def code(self, value: str | None) -> int:
        found = self._code.get(value)
        if found is None:
            found = self._code[value] = len(self.texts)
            self.texts.append(value)
        return found


class FoundItems:
    """The ordered keys of every item of one evaluation; ``rows`` reads any slice."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        keys: Select,
        *,
        effective_reference: bool,
        removal: bool,
        grouped: bool = False,
        reasons: bool = True,
    ) -> None:
        """``keys`` selects, in display order: installment_id, customer_id, the role's
        position in ``ROLES``, reason, and for a removal negativation_id and trigger.
        Without ``reasons`` (the items found, which have none) the reason column is NULL
        and is not read."""
        self.session_factory = session_factory
        self.effective_reference = effective_reference
        self.removal = removal
        self._installments = array("q")
        self._customers = array("q")
        self._roles = bytearray()
        self._reasons = bytearray()
        self._negativations = array("q")
        self._triggers = bytearray()
        self._codes = _Codes()
        self._grouped = grouped
        self._evaluate(keys, reasons)

    def __len__(self) -> int:
        return len(self._installments)

    def _evaluate(self, keys: Select, reasons: bool) -> None:
        code = self._codes.code
        with self.session_factory() as session:
            conn = session.connection()
            tune_session(conn, grouped=self._grouped)
            # The keys are plain integers and short texts that need no conversion, so they
            # are read straight from the driver's cursor (a client-side one: a server-side
            # cursor would make PostgreSQL plan for the first rows and give up its parallel
            # workers). Even a million keys are a few tens of megabytes, briefly.
            result = conn.execute(keys)
            rows = result.cursor.fetchall()
            result.close()
        self._installments = array("q", [row[0] for row in rows])
        self._customers = array("q", [row[1] for row in rows])
        self._roles = bytearray([row[2] for row in rows])
        # coding a NULL per item cost a tenth of a 71,000-item Buscar on PostgreSQL
        if reasons:
            self._reasons = bytearray(map(code, [row[3] for row in rows]))
        else:
            self._reasons = bytearray(len(rows))  # code 0: no reason
        if self.removal:
            self._negativations = array("q", [row[4] for row in rows])
            self._triggers = bytearray(map(code, [row[5] for row in rows]))

    # -- a slice --------------------------------------------------------------------------

    def rows(self, offset: int, limit: int) -> list[FoundRow]:
        end = min(len(self), max(offset, 0) + limit)
        positions = range(max(offset, 0), end)
        if not positions:
            return []
        installment_ids = sorted({self._installments[p] for p in positions})
        customer_ids = sorted({self._customers[p] for p in positions})
        negativation_ids = (
            sorted({self._negativations[p] for p in positions}) if self.removal else []
        )
        with self.session_factory() as session:
            installments = _installments(session, installment_ids)
            customers = _customers(session, customer_ids)
            negativations = _negativations(session, negativation_ids)
        texts = self._codes.texts
        out = []
        for p in positions:
            inst = installments.get(self._installments[p])
            person = customers.get(self._customers[p])
            if inst is None or person is None:
                continue  # gone since the search (never in practice: nothing deletes them)
            document, name = person
            negativation_id = self._negativations[p] if self.removal else None
            integrator, included_on = (
                negativations[negativation_id] if negativation_id else (None, None)
            )
            out.append(
                FoundRow(
                    installment_id=self._installments[p],
                    customer_id=self._customers[p],
                    debtor_role=ROLES[self._roles[p]],
                    company_cnpj=inst.cnpj,
                    company_name=inst.company_name,
                    enterprise_code=inst.enterprise_code,
                    sale_number=inst.sale_number,
                    installment_number=inst.number,
                    due_date=inst.due_date,
                    extended_due_date=inst.extended_due_date,
                    reference_date=(
                        inst.effective_due_date if self.effective_reference else inst.due_date
                    ),
                    debtor_document=document,
                    debtor_name=name,
                    amount=inst.open_amount,
                    reason=texts[self._reasons[p]],
                    trigger=texts[self._triggers[p]] if self.removal else None,
                    negativation_id=negativation_id,
                    integrator=integrator,
                    included_on=included_on,
                )
            )
        return out


def _installments(session: Session, ids: Sequence[int]) -> dict:
    query = (
        select(
            Installment.id,
            Installment.number,
            Installment.due_date,
            Installment.extended_due_date,
            Installment.effective_due_date,
            Installment.open_amount,
            Sale.number.label("sale_number"),
            Company.cnpj,
            Company.name.label("company_name"),
            Enterprise.code.label("enterprise_code"),
        )
        .join(Sale, Sale.id == Installment.sale_id)
        .join(Company, Company.id == Sale.company_id)
        .outerjoin(Enterprise, Enterprise.id == Sale.enterprise_id)
        .where(Installment.id.in_(ids))
    )
    return {row.id: row for row in session.execute(query)}


def _customers(session: Session, ids: Sequence[int]) -> dict:
    query = select(Customer.id, Customer.document, Customer.name).where(Customer.id.in_(ids))
    return {id_: (document, name) for id_, document, name in session.execute(query)}


def _negativations(session: Session, ids: Sequence[int]) -> dict:
    if not ids:
        return {}
    query = select(Negativation.id, Negativation.integrator, Negativation.included_on).where(
        Negativation.id.in_(ids)
    )
    return {id_: (integrator, included) for id_, integrator, included in session.execute(query)}
