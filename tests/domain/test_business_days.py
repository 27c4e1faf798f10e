"""The removal deadline over weekends and holidays (LEGAL.md, STJ Súmula 548)."""

from datetime import date

from gestao_negativacao.domain.business_days import (
    add_business_days,
    is_business_day,
    removal_deadline,
)


def test_weekends_and_national_holidays_are_skipped():
    # paid on Friday 13/11/2026: Mon 16, Tue 17, Wed 18, Thu 19 (20/11 Consciência Negra is a
    # national holiday since 2024), Fri 20 skipped → Mon 23 is the fifth
    assert not is_business_day(date(2026, 11, 20))
    assert removal_deadline(date(2026, 11, 13)) == date(2026, 11, 23)


def test_carnival_counts_as_a_business_day_so_the_deadline_is_the_strictest():
    # Carnaval 2027 is 8–9 February (optional): a payment on Wednesday 3/2/2027
    assert is_business_day(date(2027, 2, 8)) and is_business_day(date(2027, 2, 9))
    assert removal_deadline(date(2027, 2, 3)) == date(2027, 2, 10)


def test_state_holidays_of_the_debtors_uf():
    # 9 July is a holiday in São Paulo only (Revolução Constitucionalista)
    assert not is_business_day(date(2027, 7, 9), "SP")
    assert is_business_day(date(2027, 7, 9), "RJ")
    assert add_business_days(date(2027, 7, 8), 1, "SP") == date(2027, 7, 12)
    assert add_business_days(date(2027, 7, 8), 1, "RJ") == date(2027, 7, 9)
