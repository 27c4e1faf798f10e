"""Money as Decimal with two places, and its conversions to and from text and cents."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def to_money(value: Decimal | int | str) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def to_cents(value: Decimal) -> int:
    return int(value.quantize(CENT, rounding=ROUND_HALF_UP) * 100)


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def format_brl(value: Decimal) -> str:
    """R$ 1.234,56 (the way every Brazilian screen writes money)."""
    sign = "-" if value < 0 else ""
    text = f"{abs(value).quantize(CENT):,.2f}"  # 1,234.56
    text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{sign}R$ {text}"


def typed_money(text: str) -> str | None:
    """Money as a user types it — 1.234,56, 1234.56 or R$ 10 — as "1234.56"; empty → None;
    anything else → the text itself, for the caller's validation to name it."""
    text = text.strip().replace("R$", "").strip()
    if not text:
        return None
    normalised = text.replace(".", "").replace(",", ".") if "," in text else text
    try:
        return str(Decimal(normalised).quantize(CENT))
    except InvalidOperation:
        return text
