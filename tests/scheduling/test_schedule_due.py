"""When a schedule is due: days, times, missed runs, the Brazilian time zone."""

from datetime import UTC, datetime, time

import pytest

from gestao_negativacao.domain.schedule import (
    LOCAL,
    ScheduleError,
    due_slot,
    next_slot,
    parse_times,
    parse_weekdays,
)

WORKDAYS = parse_weekdays("01234")
SIX = [time(6, 0)]


def local(*args):
    return datetime(*args, tzinfo=LOCAL)


CREATED = local(2026, 11, 1, 12, 0)


def test_due_after_its_time_on_its_days_in_sao_paulo_time():
    # Monday 23/11/2026 06:00 in São Paulo is 09:00 UTC
    assert due_slot(WORKDAYS, SIX, local(2026, 11, 23, 5, 59), None, CREATED) == local(
        2026, 11, 20, 6, 0
    ).astimezone(UTC)
    slot = due_slot(WORKDAYS, SIX, datetime(2026, 11, 23, 9, 0, tzinfo=UTC), None, CREATED)
    assert slot == datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    # after it ran, not again the same day
    assert due_slot(WORKDAYS, SIX, local(2026, 11, 23, 18, 0), slot, CREATED) is None


def test_weekend_is_skipped_and_next_slot_is_monday():
    friday = local(2026, 11, 20, 6, 0).astimezone(UTC)
    assert due_slot(WORKDAYS, SIX, local(2026, 11, 22, 10, 0), friday, CREATED) is None
    assert next_slot(WORKDAYS, SIX, local(2026, 11, 21, 10, 0)) == local(2026, 11, 23, 6, 0)


def test_a_week_of_missed_slots_runs_once():
    last = local(2026, 11, 13, 6, 0).astimezone(UTC)
    slot = due_slot(WORKDAYS, SIX, local(2026, 11, 22, 9, 0), last, CREATED)
    assert slot == local(2026, 11, 20, 6, 0)  # only the latest missed one
    assert due_slot(WORKDAYS, SIX, local(2026, 11, 22, 9, 1), slot, CREATED) is None


def test_a_new_schedule_does_not_run_slots_from_before_it_existed():
    created = local(2026, 11, 23, 10, 0)
    assert due_slot(WORKDAYS, SIX, local(2026, 11, 23, 11, 0), None, created) is None
    assert due_slot(WORKDAYS, SIX, local(2026, 11, 24, 6, 0), None, created) is not None


def test_several_times_a_day_and_bad_input():
    times = parse_times(["18:00", "06:30"])
    assert times == [time(6, 30), time(18, 0)]
    assert due_slot(WORKDAYS, times, local(2026, 11, 23, 19, 0), None, CREATED) == local(
        2026, 11, 23, 18, 0
    )
    with pytest.raises(ScheduleError, match="Horário inválido"):
        parse_times(["25h"])
    with pytest.raises(ScheduleError, match="dia da semana"):
        parse_weekdays("")
