"""When a schedule is due (America/Sao_Paulo): the slots are its days of the week × its
times. A slot is due when it is not after ``now`` and after both the last slot run and the
schedule's creation; only the latest such slot runs, so a machine that was off for a
week runs a schedule once when it comes back, not once per missed slot."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from gestao_negativacao.domain.errors import UserFacingError

LOCAL = ZoneInfo("America/Sao_Paulo")
WEEKDAYS = ("seg", "ter", "qua", "qui", "sex", "sáb", "dom")  # 0 = Monday, as Python


class ScheduleError(UserFacingError, ValueError):
    """A schedule's days or times cannot be used; the message says why."""


def parse_times(values: list[str]) -> list[time]:
    out = []
    for value in values:
        try:
            hours, minutes = value.strip().split(":")
            out.append(time(int(hours), int(minutes)))
        except ValueError:
            raise ScheduleError(f"Horário inválido: {value!r} (use HH:MM, ex.: 06:30).") from None
    if not out:
        raise ScheduleError("Informe ao menos um horário.")
    return sorted(set(out))


def parse_weekdays(text: str) -> frozenset[int]:
    days = frozenset(int(ch) for ch in text if ch.isdigit() and int(ch) < 7)
    if not days:
        raise ScheduleError("Escolha ao menos um dia da semana.")
    return days


def latest_slot(weekdays: frozenset[int], times: list[time], now: datetime) -> datetime | None:
    """The most recent slot at or before ``now`` (an aware instant), in UTC."""
    local = now.astimezone(LOCAL)
    for back in range(8):
        day = local.date() - timedelta(days=back)
        if day.weekday() not in weekdays:
            continue
        for moment in sorted(times, reverse=True):
            slot = datetime.combine(day, moment, LOCAL)
            if slot <= local:
                return slot.astimezone(UTC)
    return None


def next_slot(weekdays: frozenset[int], times: list[time], now: datetime) -> datetime | None:
    local = now.astimezone(LOCAL)
    for ahead in range(8):
        day = local.date() + timedelta(days=ahead)
        if day.weekday() not in weekdays:
            continue
        for moment in sorted(times):
            slot = datetime.combine(day, moment, LOCAL)
            if slot > local:
                return slot.astimezone(UTC)
    return None


def due_slot(
    weekdays: frozenset[int],
    times: list[time],
    now: datetime,
    last_slot_at: datetime | None,
    created_at: datetime,
) -> datetime | None:
    """The slot to run now, or None."""
    slot = latest_slot(weekdays, times, now)
    if slot is None:
        return None
    if slot <= (last_slot_at or created_at):
        return None
    return slot
