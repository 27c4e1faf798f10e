"""Business days in Brazil (LEGAL.md): Saturdays, Sundays, national holidays and those of
the debtor's state are not business days (``holidays.Brazil(subdiv=UF)``); optional
holidays such as Carnaval and Corpus Christi count as business days, so a deadline is never
later than the strictest reading. Municipal holidays are not modelled."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

from gestao_negativacao.domain.address import UFS

REMOVAL_BUSINESS_DAYS = 5  # STJ Súmula 548


@lru_cache(maxsize=64)
def _calendar(uf: str | None, year: int) -> frozenset[date]:
    subdiv = uf if uf in UFS else None
    found = holidays.Brazil(years=year, subdiv=subdiv, categories=("public",))
    return frozenset(found)


def is_business_day(day: date, uf: str | None = None) -> bool:
    return day.weekday() < 5 and day not in _calendar(uf, day.year)


def add_business_days(start: date, days: int, uf: str | None = None) -> date:
    """The ``days``-th business day after ``start`` (``start`` itself not counted)."""
    day, left = start, days
    while left > 0:
        day += timedelta(days=1)
        if is_business_day(day, uf):
            left -= 1
    return day


def removal_deadline(payment_date: date, uf: str | None = None) -> date:
    """Last day to remove a record after its full payment: five business days counted
    from the day after the payment."""
    return add_business_days(payment_date, REMOVAL_BUSINESS_DAYS, uf)
