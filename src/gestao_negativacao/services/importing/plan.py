"""Aggregating valid rows into the portfolio's entities, keyed by their natural keys, and
refusing rows that contradict an earlier row of the same file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from gestao_negativacao.services.importing.validate import (
    ABSENT,
    Issue,
    ParsedRow,
    Person,
)

SaleKey = tuple[str, str]  # (company CNPJ, sale number)
InstallmentKey = tuple[str, str, int]  # (company CNPJ, sale number, installment number)


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


@dataclass
class Portfolio:
    """Everything a file says, ready to be compared with the database."""

    companies: dict[str, Any] = field(default_factory=dict)  # cnpj -> name or ABSENT
    enterprises: set[tuple[str, str]] = field(default_factory=set)  # (cnpj, code)
    customers: dict[str, CustomerData] = field(default_factory=dict)
    sales: dict[SaleKey, SaleData] = field(default_factory=dict)
    # None when the file has no guarantor columns: guarantors are then left alone
    guarantors: dict[SaleKey, set[str]] | None = None
    installments: dict[InstallmentKey, tuple] = field(default_factory=dict)
    installment_lines: dict[InstallmentKey, int] = field(default_factory=dict)


def _conflict(what: str, line: int) -> str:
    return f"{what} diferente do informado na linha {line}"


class PortfolioBuilder:
    def __init__(self, has_guarantor_columns: bool) -> None:
        self.portfolio = Portfolio(guarantors={} if has_guarantor_columns else None)
        self.warnings: list[Issue] = []
        self._last_merged: dict[str, Person] = {}

    def add(self, row: ParsedRow) -> list[Issue]:
        """Add a valid row; return the errors of a row that contradicts an earlier one (the
        row is then left out whole)."""
        p = self.portfolio
        sale_key = (row.company_cnpj, row.sale)
        errors: list[Issue] = []
        sale = p.sales.get(sale_key)
        if sale is not None:
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
        key = (row.company_cnpj, row.sale, row.installment)
        known = p.installments.get(key)
        if known is not None and known != row.values:
            errors.append(
                Issue(
                    row.line,
                    "parcela",
                    _conflict(f"parcela {row.installment} com dados", p.installment_lines[key]),
                )
            )
        if errors:
            return errors

        name = p.companies.get(row.company_cnpj, ABSENT)
        if name is ABSENT:
            p.companies[row.company_cnpj] = row.company_name
        if row.enterprise:
            p.enterprises.add((row.company_cnpj, row.enterprise))
        if sale is None:
            p.sales[sale_key] = SaleData(
                row.enterprise, row.holder.document, row.situation, row.situation_date, row.line
            )
        self._add_customer(row.holder, row.line)
        if p.guarantors is not None:
            guarantors = p.guarantors.setdefault(sale_key, set())
            if row.guarantor is not None:
                guarantors.add(row.guarantor.document)
        if row.guarantor is not None:
            self._add_customer(row.guarantor, row.line)
        if known is None:
            p.installments[key] = row.values
            p.installment_lines[key] = row.line
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
            self.warnings.extend(
                Issue(line, column, message) for column, message in person.address_defects
            )
            return
        # A holder row and a guarantor row of the same person carry different columns:
        # each field takes the first row that had it.
        for position, value in enumerate(person.values):
            if data.values[position] is ABSENT and value is not ABSENT:
                data.values[position] = value
