from datetime import date
from decimal import Decimal

import pytest

from gestao_negativacao.domain.enums import SaleSituation
from gestao_negativacao.domain.money import format_brl
from gestao_negativacao.services.importing.parsing import (
    decimal_vote,
    normalise_cep,
    parse_date,
    parse_flag,
    parse_installment_number,
    parse_money,
    parse_situation,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12/09/2024", date(2024, 9, 12)), ("2024-09-12", date(2024, 9, 12)),
     ("1/2/2025", date(2025, 2, 1)), ("2024-09-12 00:00:00", date(2024, 9, 12)),
     ("2024-09-12T00:00:00", date(2024, 9, 12))],
)  # fmt: skip
def test_dates(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2024", "12/09/24", "2024/09/12", "ontem", "12-09-2024x"])
def test_bad_dates(text):
    with pytest.raises(ValueError, match="data"):
        parse_date(text)


@pytest.mark.parametrize(
    ("text", "sep", "expected"),
    [("2968,14", ",", "2968.14"), ("1.234,56", ",", "1234.56"), ("R$ 1.234,56", ",", "1234.56"),
     ("150", ",", "150.00"), ("1.234", ",", "1234.00"), ("1234.56", ".", "1234.56"),
     ("1,234.56", ".", "1234.56"), ("0,5", ",", "0.50"), ("10,500", ",", "10.50")],
)  # fmt: skip
def test_money(text, sep, expected):
    assert parse_money(text, sep) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "sep", "message"),
    [("-10,00", ",", "negativo"), ("1,234", ",", "duas casas"), ("12.34", ",", "inválido"),
     ("abc", ",", "inválido"), ("1.2.3", ".", "inválido")],
)  # fmt: skip
def test_bad_money(text, sep, message):
    with pytest.raises(ValueError, match=message):
        parse_money(text, sep)


def test_decimal_votes():
    assert decimal_vote("2968,14") == ","
    assert decimal_vote("2968.14") == "."
    assert decimal_vote("1.234,56") == ","
    assert decimal_vote("1,234.56") == "."
    assert decimal_vote("1.234") is None
    assert decimal_vote("150") is None


def test_cep_keeps_digits_and_restores_the_leading_zero():
    assert normalise_cep("01310-100") == "01310100"
    assert normalise_cep("1310100") == "01310100"
    assert normalise_cep("12345") == "12345"


def test_flags_situations_and_numbers():
    assert parse_flag("S") and parse_flag("sim") and not parse_flag("") and not parse_flag("N")
    with pytest.raises(ValueError):
        parse_flag("talvez")
    assert parse_situation("") is SaleSituation.ACTIVE
    assert parse_situation("Distrato Normal") is SaleSituation.TERMINATED_NORMAL
    with pytest.raises(ValueError, match="situação"):
        parse_situation("cancelada")
    assert parse_installment_number("03") == 3
    assert parse_installment_number("3/12") == 3
    with pytest.raises(ValueError):
        parse_installment_number("0")


def test_brl_format():
    assert format_brl(Decimal("1234.56")) == "R$ 1.234,56"
    assert format_brl(Decimal("0")) == "R$ 0,00"
    assert format_brl(Decimal("-1000000")) == "-R$ 1.000.000,00"
