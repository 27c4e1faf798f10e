"""Parsers for the cell values of an ERP export. Each raises ``ValueError`` with a message
for the clerk; the caller adds the line and the column."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from gestao_negativacao.domain.enums import SaleSituation
from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.domain.money import to_cents


class InvalidValue(UserFacingError, ValueError):
    """A typed or imported value that cannot be read; the message says which and how to
    write it (the import turns it into a row's issue, a screen shows it)."""


_COMMA_DECIMAL = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$")
_POINT_DECIMAL = re.compile(r"^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?\d+(\.\d+)?$")
_THOUSANDS_ONLY_POINT = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_THOUSANDS_ONLY_COMMA = re.compile(r"^-?\d{1,3}(,\d{3})+$")


def decimal_vote(text: str) -> str | None:
    """Which decimal separator a money text proves: ``","``, ``"."`` or None if it
    proves nothing (``"150"``, ``"1.234"``, ``"1,234"``)."""
    text = text.strip().replace("R$", "").replace(" ", "")
    has_comma, has_point = "," in text, "." in text
    if has_comma and has_point:
        return "," if text.rfind(",") > text.rfind(".") else "."
    if has_comma:
        return None if _THOUSANDS_ONLY_COMMA.match(text) else ","
    if has_point:
        return None if _THOUSANDS_ONLY_POINT.match(text) else "."
    return None


def parse_money(text: str, decimal_sep: str) -> Decimal:
    """Money in the file's convention. More than two decimal places is refused: a price
    with fractions of a cent means the column holds something else."""
    # fast path for the common shape "1234,56" / "1234.56" / "1234"
    head, sep, tail = text.partition(decimal_sep)
    if head.isdigit() and head.isascii() and (not sep or (tail.isdigit() and len(tail) <= 2)):
        return Decimal(f"{head}.{tail.ljust(2, '0')}")
    raw = text.strip().replace("R$", "").replace(" ", "").replace("\u00a0", "")
    if decimal_sep == ",":
        if not _COMMA_DECIMAL.match(raw):
            raise InvalidValue(f"valor inválido: {text.strip()!r} (use 1.234,56)")
        normal = raw.replace(".", "").replace(",", ".")
    else:
        if not _POINT_DECIMAL.match(raw):
            raise InvalidValue(f"valor inválido: {text.strip()!r} (use 1234.56)")
        normal = raw.replace(",", "")
    try:
        value = Decimal(normal)
    except InvalidOperation:  # pragma: no cover - the patterns above prevent it
        raise InvalidValue(f"valor inválido: {text.strip()!r}") from None
    if value.as_tuple().exponent < -2 and value != value.quantize(Decimal("0.01")):
        raise InvalidValue(f"valor com mais de duas casas decimais: {text.strip()!r}")
    if value < 0:
        raise InvalidValue(f"valor negativo: {text.strip()!r}")
    return value.quantize(Decimal("0.01"))


def parse_cents(text: str, decimal_sep: str) -> int:
    """``parse_money`` in integer cents (how the import holds and writes money)."""
    head, sep, tail = text.partition(decimal_sep)
    if head.isdigit() and head.isascii() and (not sep or (tail.isdigit() and len(tail) <= 2)):
        return int(head) * 100 + (int(tail.ljust(2, "0")) if tail else 0)
    return to_cents(parse_money(text, decimal_sep))


def money_from_number(value: float | int | Decimal) -> Decimal:
    """A numeric spreadsheet cell: floats carry binary noise (2968.1400000001)."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    rounded = number.quantize(Decimal("0.01"))
    if abs(number - rounded) > Decimal("0.000001"):
        raise InvalidValue(f"valor com mais de duas casas decimais: {value}")
    if rounded < 0:
        raise InvalidValue(f"valor negativo: {value}")
    return rounded


@lru_cache(maxsize=65_536)
def parse_date(text: str) -> date:
    """``dd/mm/aaaa`` (also d/m/aaaa) or ISO ``aaaa-mm-dd``, with an optional midnight time."""
    raw = text.strip()
    if " " in raw or "T" in raw:
        raw, _, time_part = raw.replace("T", " ").partition(" ")
        if time_part.strip() not in ("", "00:00", "00:00:00", "00:00:00.000"):
            raise InvalidValue(f"data com hora: {text.strip()!r} (use dd/mm/aaaa)")
    try:
        if "/" in raw:
            day, month, year = raw.split("/")
            if len(year) != 4:
                raise ValueError
            return date(int(year), int(month), int(day))
        if "-" in raw:
            year, month, day = raw.split("-")
            if len(year) != 4:
                raise ValueError
            return date(int(year), int(month), int(day))
    except ValueError:
        pass
    raise InvalidValue(f"data inválida: {text.strip()!r} (use dd/mm/aaaa ou aaaa-mm-dd)")


def date_from_cell(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return parse_date(str(value))


@lru_cache(maxsize=4096)  # "1", "2", … "03/12": few texts, a million times
def parse_installment_number(text: str) -> int:
    """``3`` or ``03``; ``3/12`` (installment 3 of 12) as many ERPs print it."""
    raw = text.strip()
    head = raw.split("/", 1)[0].strip()
    if head.endswith(".0"):
        head = head[:-2]
    if not head.isdigit() or int(head) < 1:
        raise InvalidValue(f"número de parcela inválido: {raw!r} (use 1, 2, 3...)")
    return int(head)


_SITUATIONS = {
    "ativa": SaleSituation.ACTIVE,
    "ativo": SaleSituation.ACTIVE,
    "distrato_normal": SaleSituation.TERMINATED_NORMAL,
    "distrato normal": SaleSituation.TERMINATED_NORMAL,
    "distrato_administrativo": SaleSituation.TERMINATED_ADMINISTRATIVE,
    "distrato administrativo": SaleSituation.TERMINATED_ADMINISTRATIVE,
    "renegociada": SaleSituation.RENEGOTIATED,
    "renegociado": SaleSituation.RENEGOTIATED,
}


def parse_situation(text: str) -> SaleSituation:
    key = text.strip().lower()
    if not key:
        return SaleSituation.ACTIVE
    try:
        return _SITUATIONS[key]
    except KeyError:
        raise InvalidValue(
            f"situação da venda desconhecida: {text.strip()!r} "
            "(use ativa, distrato_normal, distrato_administrativo ou renegociada)"
        ) from None


_YES = {"s", "sim", "y", "yes", "1", "true", "verdadeiro", "x"}
_NO = {"", "n", "nao", "não", "no", "0", "false", "falso"}


def parse_flag(text: str) -> bool:
    key = text.strip().lower()
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise InvalidValue(f"valor inválido: {text.strip()!r} (use S ou N)")


def normalise_cep(text: str) -> str:
    """The CEP's digits; a 7-digit CEP gets back the leading zero spreadsheets drop."""
    digits = "".join(ch for ch in text if ch.isdigit())
    return digits.zfill(8) if len(digits) == 7 else digits


def normalise_phone(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())
