"""The date arithmetic of the legal guards (LEGAL.md), one definition for SQL and Python.

- A negative record may not refer to a debt more than five years old, counted from the
  installment's original due date: no inclusion once ``as_of`` reaches due + 5 years.
- Minors: 18 years are reached on the 18th birthday; someone born on 29 February reaches it
  on 1 March of a common year (the usual civil reading).
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

PRESCRIPTION_YEARS = 5
ADULT_AGE = 18


def add_years(day: date, years: int) -> date:
    """Same day and month ``years`` later; 29 February falls back to the 28th."""
    year = day.year + years
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return day.replace(year=year)


def five_years_reached(due_date: date, as_of: date) -> bool:
    return as_of >= add_years(due_date, PRESCRIPTION_YEARS)


def five_years_threshold(as_of: date) -> date:
    """The latest due date already past the five years on ``as_of``: the guard is
    ``due_date <= five_years_threshold(as_of)``, a plain comparison any database runs."""
    threshold = add_years(as_of, -PRESCRIPTION_YEARS)
    while five_years_reached(threshold + timedelta(days=1), as_of):
        threshold += timedelta(days=1)
    while not five_years_reached(threshold, as_of):
        threshold -= timedelta(days=1)
    return threshold


def date_key(day: date) -> int:
    """``aaaammdd`` as an integer: differences of keys compare ages without date math."""
    return day.year * 10_000 + day.month * 100 + day.day


def is_adult_on(birth_date: date, reference: date) -> bool:
    """18 years reached on ``reference`` (the birthday itself counts)."""
    return date_key(reference) - date_key(birth_date) >= ADULT_AGE * 10_000


def adult_from(birth_date: date) -> date:
    """The first day on which ``is_adult_on`` holds."""
    if birth_date.month == 2 and birth_date.day == 29:
        target = birth_date.year + ADULT_AGE
        if not calendar.isleap(target):
            return date(target, 3, 1)
    return birth_date.replace(year=birth_date.year + ADULT_AGE)


# LEGAL.md (minors): criterion 6 is on in a new rule; a rule with it off says so wherever
# it is looked at (the rule's screen, its preview, the command line's preview)
MINORS_WARNING = (
    "Atenção: com o critério 6 desligado, esta regra negativa menores de idade "
    "(Código Civil, arts. 3º e 4º: a inclusão de um menor pode ser anulada)."
)
