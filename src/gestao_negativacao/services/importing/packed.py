"""An installment of the file held as 41 bytes until it is compared and written.

A million installments as Python tuples of dates and Decimals take over half a gigabyte;
packed, about a tenth of that, which keeps a file of a million rows within a clerk's
workstation's memory. Money is in cents, dates are day numbers (``date.toordinal``), and
"empty cell" (None) and "no such column" (ABSENT) each have their own code.
"""

from __future__ import annotations

import struct
from datetime import date

from gestao_negativacao.services.importing.validate import ABSENT

# due, extended, principal, adjusted, paid, payment, disputed, line
_LAYOUT = struct.Struct("<iiqqqibi")
SIZE = _LAYOUT.size
_LINE = 4  # the line is the last field: rows agree when all but it are equal

_NONE, _ABSENT = -1, -2  # codes for money and dates (never valid values)
_FLAGS = {False: 0, True: 1, None: 2}
_FLAG_OF = {0: False, 1: True, 2: None, 3: ABSENT}
_date_cache: dict[int, date] = {}


def _day(value) -> int:
    if value is ABSENT:
        return _ABSENT
    return _NONE if value is None else value.toordinal()


def _cents(value) -> int:
    if value is ABSENT:
        return _ABSENT
    return _NONE if value is None else value


def pack(values: tuple, line: int) -> bytes:
    """``values``: INSTALLMENT_ATTRS as validated (money in cents)."""
    due, extended, principal, adjusted, paid, payment, disputed = values
    return _LAYOUT.pack(
        due.toordinal(),
        _day(extended),
        principal,
        _cents(adjusted),
        _cents(paid),
        _day(payment),
        3 if disputed is ABSENT else _FLAGS[disputed],
        line,
    )


def _date_of(number: int):
    if number == _ABSENT:
        return ABSENT
    if number == _NONE:
        return None
    found = _date_cache.get(number)
    if found is None:
        found = _date_cache[number] = date.fromordinal(number)
    return found


def _money_of(cents: int):
    if cents == _ABSENT:
        return ABSENT
    return None if cents == _NONE else cents


def unpack(packed: bytes) -> tuple[tuple, int]:
    """(values, line), ``values`` as ``pack`` took them."""
    due, extended, principal, adjusted, paid, payment, disputed, line = _LAYOUT.unpack(packed)
    values = (
        _date_of(due),
        _date_of(extended),
        principal,
        _money_of(adjusted),
        _money_of(paid),
        _date_of(payment),
        _FLAG_OF[disputed],
    )
    return values, line


def same_values(a: bytes, b: bytes) -> bool:
    return a[:-_LINE] == b[:-_LINE]


def line_of(packed: bytes) -> int:
    return _LAYOUT.unpack(packed)[-1]


_SLOT = SIZE + 1  # a presence byte, then the record
_DENSE_LIMIT = 1200  # installment numbers up to this live in the sale's array


class SaleInstallments:
    """The installments of one sale, by number: one byte array with a slot per number
    (numbers run 1, 2, 3… in nearly every export), so an installment costs its 42 bytes
    and nothing more; a stray very large number goes to a small dictionary."""

    __slots__ = ("_slots", "_extra", "count")

    def __init__(self) -> None:
        self._slots = bytearray()
        self._extra: dict[int, bytes] = {}
        self.count = 0

    def __len__(self) -> int:
        return self.count

    def get(self, number: int) -> bytes | None:
        if 0 <= number <= _DENSE_LIMIT:
            start = number * _SLOT
            if start < len(self._slots) and self._slots[start]:
                return bytes(self._slots[start + 1 : start + _SLOT])
            return None
        return self._extra.get(number)

    def put(self, number: int, record: bytes) -> None:
        """Keep ``record`` for ``number`` (not yet held)."""
        self.count += 1
        if 0 <= number <= _DENSE_LIMIT:
            start = number * _SLOT
            if len(self._slots) < start + _SLOT:
                self._slots.extend(bytes(start + _SLOT - len(self._slots)))
            self._slots[start] = 1
            self._slots[start + 1 : start + _SLOT] = record
        else:
            self._extra[number] = record

    def __iter__(self):
        return self.items()

    def items(self):
        """(number, record) in ascending number."""
        slots = self._slots
        for start in range(0, len(slots), _SLOT):
            if slots[start]:
                yield start // _SLOT, bytes(slots[start + 1 : start + _SLOT])
        yield from sorted(self._extra.items())
