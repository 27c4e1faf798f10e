"""Aggregating valid rows into the portfolio's entities, keyed by their natural keys, and
refusing rows that contradict an earlier row of the same file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gestao_negativacao.services.importing import packed
from gestao_negativacao.services.importing.validate import (
    ABSENT,
    Issue,
    ParsedRow,
    Person,
)

SaleKey = tuple[str, str]  # (company CNPJ, sale number)
# (number, packed record) pairs that know their count
Records = list[tuple[int, bytes]] | packed.SaleInstallments


@dataclass
class CustomerData:
    kind: str
    values: list  # PERSON_ATTRS; ABSENT where no row of the file had the column
    line: int


@dataclass
class SaleData:
    enterprise: Any
    holder: str
    situation: Any
    situation_date: Any
    line: int
    # number -> the installment's values and line, packed (``packed``)
    installments: packed.SaleInstallments = field(default_factory=packed.SaleInstallments)


@dataclass
class Portfolio:
    """Everything a file says, ready to be compared with the database."""

    companies: dict[str, Any] = field(default_factory=dict)  # cnpj -> name or ABSENT
    enterprises: set[tuple[str, str]] = field(default_factory=set)  # (cnpj, code)
    customers: dict[str, CustomerData] = field(default_factory=dict)
    sales: dict[SaleKey, SaleData] = field(default_factory=dict)
    # None when the file has no guarantor columns: guarantors are then left alone
    guarantors: dict[SaleKey, set[str]] | None = None

    def installment_count(self) -> int:
        return sum(len(sale.installments) for sale in self.sales.values())


@dataclass
class Batch:
    """What the rows since the previous batch brought for the first time: natural keys
    not seen before, and the first row of each installment. A batch is written (or, in a
    dry run, compared) while the rows after it are still being read."""

    companies: dict[str, Any] = field(default_factory=dict)  # cnpj -> name or ABSENT
    enterprises: set[tuple[str, str]] = field(default_factory=set)
    # document -> (kind, values as known so far; later rows may still fill ABSENT ones)
    customers: dict[str, tuple[str, tuple]] = field(default_factory=dict)
    sales: dict[SaleKey, SaleData] = field(default_factory=dict)
    # sale -> its (number, packed record) pairs, in a list or the sale's own records
    installments: dict[SaleKey, Records] = field(default_factory=dict)
    rows: int = 0  # installments in the batch


def _conflict(what: str, line: int) -> str:
    return f"{what} diferente do informado na linha {line}"


class PortfolioBuilder:
    """``in_batches``: batches are taken while rows still come (a server import). Otherwise
    the one batch is the whole file, and its installments are the sales' own records: a
    second list of them would cost 150 bytes an installment (150 MB for a million)."""

    def __init__(self, has_guarantor_columns: bool, *, in_batches: bool = True) -> None:
        self.portfolio = Portfolio(guarantors={} if has_guarantor_columns else None)
        self.in_batches = in_batches
        self.warnings: list[Issue] = []
        self._last_merged: dict[str, Person] = {}
        # first seen since the last batch was taken
        self._new_companies: list[str] = []
        self._new_enterprises: list[tuple[str, str]] = []
        self._new_customers: list[str] = []
        self._new_sales: list[SaleKey] = []
        self._new_installments: dict[SaleKey, list[tuple[int, bytes]]] = {}
        self.pending = 0  # installments not yet in a batch
        self._consistent: tuple = (None,) * 5

    def take_batch(self) -> Batch:
        """Everything first seen since the previous call."""
        p = self.portfolio
        customers = p.customers
        batch = Batch(
            companies={cnpj: p.companies[cnpj] for cnpj in self._new_companies},
            enterprises=set(self._new_enterprises),
            customers={
                doc: (customers[doc].kind, tuple(customers[doc].values))
                for doc in self._new_customers
            },
            sales={key: p.sales[key] for key in self._new_sales},
            installments=(
                self._new_installments
                if self.in_batches
                else {key: p.sales[key].installments for key in self._new_sales}
            ),
            rows=self.pending,
        )
        self._new_companies, self._new_enterprises = [], []
        self._new_customers, self._new_sales = [], []
        self._new_installments, self.pending = {}, 0
        return batch

    def add(self, row: ParsedRow) -> list[Issue]:
        """Add a valid row; return the errors of a row that contradicts an earlier one (the
        row is then left out whole)."""
        p = self.portfolio
        sale_key = (row.company_cnpj, row.sale)
        errors: list[Issue] = []
        sale = p.sales.get(sale_key)
        # the rows of a sale repeat the very objects the validator parsed once: checked
        # against the sale once, they need no checking again
        last = self._consistent
        if sale is not None and not (
            sale is last[0]
            and row.holder is last[1]
            and row.situation is last[2]
            and row.situation_date is last[3]
            and row.enterprise is last[4]
        ):
            if sale.holder != row.holder.document:
                errors.append(
                    Issue(row.line, "titular_documento", _conflict("titular da venda", sale.line))
                )
            if row.situation is not ABSENT and sale.situation != row.situation:
                errors.append(
                    Issue(row.line, "venda_situacao", _conflict("situação da venda", sale.line))
                )
            if row.situation_date is not ABSENT and sale.situation_date != row.situation_date:
                errors.append(
                    Issue(
                        row.line,
                        "venda_data_situacao",
                        _conflict("data da situação da venda", sale.line),
                    )
                )
            if row.enterprise is not ABSENT and sale.enterprise != row.enterprise:
                errors.append(
                    Issue(row.line, "empreendimento", _conflict("empreendimento", sale.line))
                )
        if not errors:
            self._consistent = (sale, row.holder, row.situation, row.situation_date, row.enterprise)
        installment = packed.pack(row.values, row.line)
        known = sale.installments.get(row.installment) if sale is not None else None
        if known is not None and not packed.same_values(known, installment):
            errors.append(
                Issue(
                    row.line,
                    "parcela",
                    _conflict(f"parcela {row.installment} com dados", packed.line_of(known)),
                )
            )
        if errors:
            return errors

        if row.company_cnpj not in p.companies:
            p.companies[row.company_cnpj] = row.company_name
            self._new_companies.append(row.company_cnpj)
        if row.enterprise:
            enterprise = (row.company_cnpj, row.enterprise)
            if enterprise not in p.enterprises:
                p.enterprises.add(enterprise)
                self._new_enterprises.append(enterprise)
        if sale is None:
            sale = p.sales[sale_key] = SaleData(
                row.enterprise, row.holder.document, row.situation, row.situation_date, row.line
            )
            self._new_sales.append(sale_key)
        self._add_customer(row.holder, row.line)
        if p.guarantors is not None:
            guarantors = p.guarantors.setdefault(sale_key, set())
            if row.guarantor is not None:
                guarantors.add(row.guarantor.document)
        if row.guarantor is not None:
            self._add_customer(row.guarantor, row.line)
        if known is None:
            sale.installments.put(row.installment, installment)
            if self.in_batches:
                self._new_installments.setdefault(sale_key, []).append(
                    (row.installment, installment)
                )
            self.pending += 1
        return []

    def _add_customer(self, person: Person, line: int) -> None:
        # rows repeat the same (cached) Person object: merging it again changes nothing
        if self._last_merged.get(person.document) is person:
            return
        self._last_merged[person.document] = person
        customers = self.portfolio.customers
        data = customers.get(person.document)
        if data is None:
            customers[person.document] = CustomerData(person.kind.value, list(person.values), line)
            self._new_customers.append(person.document)
            self.warnings.extend(
                Issue(line, column, message) for column, message in person.address_defects
            )
            return
        # A holder row and a guarantor row of the same person carry different columns:
        # each field takes the first row that had it.
        for position, value in enumerate(person.values):
            if data.values[position] is ABSENT and value is not ABSENT:
                data.values[position] = value
