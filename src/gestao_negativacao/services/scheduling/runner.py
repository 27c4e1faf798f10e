"""Running what is due (``scheduler run-due`` / ``serve``): for each active schedule with a
due slot, take its lease (one runner at a time, whatever the number of workstations), run
its job as its user, record the run with its counts and errors, and mark the slot done.
A failed job is recorded as such and does not stop the other schedules."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.base import utc_now
from gestao_negativacao.db.models import Schedule, ScheduleRun
from gestao_negativacao.domain.enums import RunStatus, ScheduleAction
from gestao_negativacao.domain.schedule import LOCAL, due_slot, parse_times, parse_weekdays
from gestao_negativacao.logs import mask_documents
from gestao_negativacao.services.actor import workstation_name
from gestao_negativacao.services.admin import users
from gestao_negativacao.services.errors import describe_database_error, is_database_error
from gestao_negativacao.services.scheduling import jobs, leases
from gestao_negativacao.services.sending.claims import worker_identity
from gestao_negativacao.services.sending.worker import SendOptions

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=30)  # longer than any run; a dead runner's lease expires
# sync → removals → inclusions → asking the bureaus that confirm later
ORDER = {
    "sync": 0,
    "legal": 1,
    ScheduleAction.REMOVAL: 2,
    ScheduleAction.INCLUSION: 3,
    "follow_up": 4,
    "lgpd": 5,
}


@dataclass(kw_only=True)
class RunSummary(jobs.JobResult):
    """One run of a schedule: which, when, how it ended, and its job's counters."""

    schedule: str
    action: str
    slot_at: datetime | None
    status: str  # ok | erro | ocupado (another runner holds it)


def due_schedules(session: Session, now: datetime) -> list[tuple[Schedule, datetime]]:
    due = []
    for schedule in session.scalars(select(Schedule).where(Schedule.active)):
        slot = due_slot(
            parse_weekdays(schedule.weekdays),
            parse_times(json.loads(schedule.times)),
            now,
            schedule.last_slot_at,
            schedule.created_at,
        )
        if slot is not None:
            due.append((schedule, slot))
    return sorted(due, key=lambda pair: (ORDER.get(pair[0].action, 9), pair[0].id))


def run_due(
    session_factory: sessionmaker[Session],
    now: datetime | None = None,
    *,
    holder: str | None = None,
    lease: timedelta = LEASE,
    options: SendOptions | None = None,
    as_user: int | None = None,
) -> list[RunSummary]:
    """Run what is due. ``as_user``: on a shared server the runner is logged in as one user
    and the database grants it that user's rights only, so it runs only the schedules that
    run as that user (the others wait for their own user's runner)."""
    now = now or utc_now()
    holder = holder or worker_identity()
    with session_factory() as session:
        due = due_schedules(session, now)
        session.expunge_all()
    if as_user is not None:
        due = [(s, slot) for s, slot in due if s.user_id == as_user]
    return [run_one(session_factory, s, slot, holder, lease, options) for s, slot in due]


def run_one(session_factory, schedule: Schedule, slot: datetime, holder, lease, options):
    with session_factory.begin() as session:
        if not leases.acquire(session.connection(), schedule.id, holder, lease):
            return RunSummary(
                schedule=schedule.name, action=schedule.action, slot_at=slot, status="ocupado"
            )
        # taken: another runner may have run this very slot and released it just now
        current = session.get(Schedule, schedule.id)
        if current.last_slot_at is not None and current.last_slot_at >= slot:
            leases.release(session.connection(), schedule.id, holder)
            return RunSummary(
                schedule=schedule.name, action=schedule.action, slot_at=slot, status="ocupado"
            )
    try:
        return _run(session_factory, schedule, slot, options)
    finally:
        with session_factory.begin() as session:
            leases.release(session.connection(), schedule.id, holder)


def _run(session_factory, schedule: Schedule, slot: datetime, options) -> RunSummary:
    run_id, login = None, "?"
    try:
        actor = users.actor_of(session_factory, schedule.user_id)
        login = actor.login
    except users.UserError as exc:
        actor, failure = None, str(exc)
    with session_factory.begin() as session:
        run = ScheduleRun(
            schedule_id=schedule.id, slot_at=slot, login=login, workstation=workstation_name()
        )
        session.add(run)
        session.flush()
        run_id = run.id
    result = jobs.JobResult()
    status = RunStatus.OK
    try:
        if actor is None:
            raise RuntimeError(failure)
        as_of = slot.astimezone(LOCAL).date()
        if schedule.action == "sync":
            result = jobs.run_sync(session_factory, actor, schedule.source_id)
        elif schedule.action == "legal":
            result = jobs.run_legal(session_factory, actor, as_of, options)
        elif schedule.action == "follow_up":
            result = jobs.run_follow_up(session_factory, actor)
        elif schedule.action == "lgpd":
            result = jobs.run_anonymisation(session_factory, actor, as_of)
        else:
            result = jobs.run_rules(session_factory, actor, schedule, as_of, options)
    except Exception as exc:  # noqa: BLE001 - recorded; the other schedules still run
        log.exception("agendamento %s falhou", schedule.name)
        status = RunStatus.ERROR
        # the run's errors are read on screens and e-mailed: one line, never the SQL
        reason = describe_database_error(exc) if is_database_error(exc) else str(exc)
        result.errors.append(reason or type(exc).__name__)
    with session_factory.begin() as session:
        session.execute(
            update(ScheduleRun)
            .where(ScheduleRun.id == run_id)
            .values(
                finished_at=utc_now(),
                status=status,
                **result.counters(),
                errors=mask_documents("\n".join(result.errors))[:20_000],
            )
        )
        # the slot is done even when the job failed: the next slot tries again (and the
        # failure shows on the Painel and in the e-mail), no tight loop on a broken job
        session.execute(
            update(Schedule).where(Schedule.id == schedule.id).values(last_slot_at=slot)
        )
    return RunSummary(
        schedule=schedule.name,
        action=schedule.action,
        slot_at=slot,
        status=status,
        **result.counters(),
        errors=list(result.errors),
    )


def run_now(
    session_factory: sessionmaker[Session], schedule_id: int, options: SendOptions | None = None
) -> RunSummary:
    """ "Executar agora": the schedule runs at once, as if its slot were now."""
    with session_factory() as session:
        schedule = session.get(Schedule, schedule_id)
        session.expunge_all()
    return run_one(session_factory, schedule, utc_now(), worker_identity(), LEASE, options)
