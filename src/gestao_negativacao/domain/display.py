"""How a value is written on a Brazilian screen or export: R$ 1.234,56, dd/mm/aaaa,
masked CPF/CNPJ, Sim/Não. One place, for the grids and the exports alike."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal

from gestao_negativacao.domain.documents import format_document
from gestao_negativacao.domain.enums import (
    Action,
    DebtorRole,
    Integrator,
    NegativationStatus,
    Processing,
    RunStatus,
    ScheduleAction,
)
from gestao_negativacao.domain.money import format_brl
from gestao_negativacao.domain.permissions import RoleCode

# a column of codes is shown by its enum's label (DESIGN §11: no code on a screen or export)
CODED = {
    "integrator": Integrator,
    "status": NegativationStatus,
    "processing": Processing,
    "action": Action,
    "role": DebtorRole,
    "user_role": RoleCode,
    "run_status": RunStatus,
    "schedule_action": ScheduleAction,
}


def show(value: object, kind: str) -> str:
    if value is None:
        return ""
    if kind == "money" and isinstance(value, Decimal | int):
        return format_brl(Decimal(value))
    if kind == "datetime" and isinstance(value, datetime):
        return value.astimezone().strftime("%d/%m/%Y %H:%M")
    if kind in ("date", "datetime") and isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if kind == "document" and isinstance(value, str):
        return format_document(value)
    if kind in CODED and isinstance(value, str):
        try:
            return CODED[kind](value).label
        except ValueError:  # a code this version does not know: shown as it is
            return value
    if kind == "weekdays" and isinstance(value, str):
        names = ("seg", "ter", "qua", "qui", "sex", "sáb", "dom")
        return ", ".join(names[int(ch)] for ch in value if ch.isdigit() and int(ch) < 7)
    if kind == "list" and isinstance(value, str):  # a JSON list kept as text
        try:
            return ", ".join(str(v) for v in json.loads(value))
        except ValueError:
            return value
    if kind == "bool":
        return "Sim" if value else "Não"
    if kind == "number" and isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return str(value)


def decimal_comma(value: Decimal) -> str:
    """1234.5 → 1234,50: what a spreadsheet in Portuguese reads as a number."""
    return f"{value:.2f}".replace(".", ",")


def count_of(n: int, singular: str, plural: str) -> str:
    """ "1 item", "24 itens", "1.000 itens": the number as written in Brazil, the noun agreed
    (no "item(ns)")."""
    return f"{show(n, 'number')} {singular if n == 1 else plural}"
