"""Inclusion and removal rules (DESIGN §4): their criteria, triggers and filters as
values. Reading and writing them in the §13 exchange format is ``domain.rule_format``."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from gestao_negativacao.domain.enums import Action, RemovalTrigger
from gestao_negativacao.domain.errors import UserFacingError

KINDS = (Action.INCLUSION, Action.REMOVAL)
ROLE_REFERENCES = ("holder", "guarantor", "any")
DATE_REFERENCES = ("due_date", "extended_date")
VALUE_REFERENCES = ("principal", "adjusted")
DEBTORS = ("holder", "guarantor", "both")
TERMINATIONS = ("normal", "administrative", "both")
FILTER_DIMENSIONS = ("companies", "enterprises", "customers", "sales")

INCLUSION_CRITERIA = (
    "customer_overdue_count",
    "sale_overdue_count",
    "days_overdue",
    "installment_value",
    "debtors",
    "skip_minors",
    "customer_oldest_overdue_days",
    "customer_largest_overdue_value",
    "sale_oldest_overdue_days",
    "sale_largest_overdue_value",
)
# what a person reads for each criterion of an inclusion rule ("Por que não?", the screens)
CRITERION_NAMES = {
    "customer_overdue_count": "Parcelas vencidas do cliente",
    "sale_overdue_count": "Parcelas vencidas da venda",
    "days_overdue": "Dias de atraso",
    "installment_value": "Valor da parcela",
    "debtors": "Quem é negativado",
    "skip_minors": "Menores de idade",
    "customer_oldest_overdue_days": "Maior atraso do cliente",
    "customer_largest_overdue_value": "Maior parcela vencida do cliente",
    "sale_oldest_overdue_days": "Maior atraso da venda",
    "sale_largest_overdue_value": "Maior parcela vencida da venda",
    "overdue": "Parcela vencida e em aberto",
    "open_balance": "Saldo em aberto",
    "filter_companies": "Empresas que participam",
    "filter_enterprises": "Empreendimentos que participam",
    "filter_customers": "Clientes que participam",
    "filter_sales": "Vendas que participam",
}
# the legal guards and holds as checks ("Por que não?"): what each one looks at
GUARD_NAMES = {
    "older_than_five_years": "Prazo de cinco anos",
    "disputed": "Parcela em disputa",
    "held": "Bloqueio por baixa anterior ou acordo",
    "notice_pending": "Aviso prévio ao devedor",
    "minor": "Idade do devedor",
    "birth_date_unknown": "Data de nascimento do devedor",
    "missing_address": "Endereço para a carta",
    "already_active": "Negativação já ativa nesta integradora",
    "queued": "Fila de envio",
}
REMOVAL_TRIGGERS = (  # the triggers a removal rule may name (§13)
    RemovalTrigger.PAID,
    RemovalTrigger.PARTIAL_PAYMENT,
    RemovalTrigger.TERMINATION,
    RemovalTrigger.RENEGOTIATED,
    RemovalTrigger.DAYS_OVERDUE,
    RemovalTrigger.DAYS_NEGATIVATED,
)


class RuleError(UserFacingError, ValueError):
    """A rule (or rule file) is invalid; ``problems`` lists each one for the user."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class Count:
    """At least ``min`` (criteria 1 and 2); ``reference`` is the customer's role."""

    min: int
    reference: str | None = None


@dataclass(frozen=True)
class Days:
    """Days overdue between ``min`` and ``max`` inclusive, measured on ``reference``."""

    min: int | None
    max: int | None = None
    reference: str = "due_date"


@dataclass(frozen=True)
class Amount:
    """Money between ``min`` and ``max`` inclusive, taken from ``reference``."""

    min: Decimal | None
    max: Decimal | None = None
    reference: str = "adjusted"


@dataclass(frozen=True)
class PartialPayment:
    percent: Decimal | None = None
    amount: Decimal | None = None


@dataclass(frozen=True)
class Filters:
    include: dict[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def included(self, dimension: str) -> tuple[str, ...]:
        return self.include.get(dimension, ())

    def excluded(self, dimension: str) -> tuple[str, ...]:
        return self.exclude.get(dimension, ())

    @property
    def empty(self) -> bool:
        return not any(self.include.values()) and not any(self.exclude.values())


@dataclass(frozen=True)
class InclusionCriteria:
    customer_overdue_count: Count | None = None  # 1
    sale_overdue_count: Count | None = None  # 2
    days_overdue: Days | None = None  # 3
    installment_value: Amount | None = None  # 4
    debtors: str = "holder"  # 5
    skip_minors: str | None = None  # 6: the date reference, or None when off
    customer_oldest_overdue_days: Days | None = None  # 7
    customer_largest_overdue_value: Amount | None = None  # 8
    sale_oldest_overdue_days: Days | None = None  # 9
    sale_largest_overdue_value: Amount | None = None  # 10


@dataclass(frozen=True)
class RemovalTriggers:
    paid: bool = False  # 1
    partial_payment: PartialPayment | None = None  # 2
    termination: str | None = None  # 3
    renegotiated: bool = False  # 4
    days_overdue: Days | None = None  # 5
    days_negativated: int | None = None  # 6


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    active: bool = True
    criteria: InclusionCriteria | None = None
    triggers: RemovalTriggers | None = None
    filters: Filters = field(default_factory=Filters)

    def to_json(self) -> dict[str, Any]:
        """The rule in the §13 exchange format (``domain.rule_format``)."""
        from gestao_negativacao.domain.rule_format import rule_to_json

        return rule_to_json(self)
