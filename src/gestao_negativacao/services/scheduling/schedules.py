"""Agendamentos: create, change and list schedules (permission ``NEG_CONFIG``), and read
their runs. A schedule is an action (inclusion = job 44, removal = job 43, the legal
removals, or an ERP synchronisation), its rules and integrator, days and times, and the
user it runs as (whose permissions and operators apply)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.models import ImportSource, RuleRecord, Schedule, ScheduleRun, User
from gestao_negativacao.domain.enums import Integrator, ScheduleAction, labels
from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.domain.schedule import parse_times, parse_weekdays
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.admin.users import effective_permissions
from gestao_negativacao.services.listing import Column, PagedQuery, selecting

ACTIONS = labels(ScheduleAction)


class ScheduleConfigError(UserFacingError, ValueError):
    """A schedule cannot be saved as given; the message says why."""


@dataclass(frozen=True)
class ScheduleInfo:
    id: int
    name: str
    action: str
    rules: tuple[str, ...]
    integrator: str | None
    source_id: int | None
    weekdays: str
    times: tuple[str, ...]
    run_as: str
    active: bool
    last_slot_at: datetime | None
    created_at: datetime


def _info(session: Session, s: Schedule) -> ScheduleInfo:
    login = session.scalar(select(User.login).where(User.id == s.user_id)) or "?"
    return ScheduleInfo(
        s.id,
        s.name,
        s.action,
        tuple(json.loads(s.rules)),
        s.integrator,
        s.source_id,
        s.weekdays,
        tuple(json.loads(s.times)),
        login,
        s.active,
        s.last_slot_at,
        s.created_at,
    )


def _check(session: Session, action, rules, integrator, weekdays, times, run_as, source_id):
    if action not in ACTIONS:
        raise ScheduleConfigError(f"Ação inválida: {action}. Use {', '.join(ACTIONS)}.")
    kind = {
        ScheduleAction.INCLUSION: ScheduleAction.INCLUSION,
        ScheduleAction.REMOVAL: ScheduleAction.REMOVAL,
    }.get(action)
    if kind:
        if not rules:
            raise ScheduleConfigError("Escolha ao menos uma regra para o agendamento.")
        for name in rules:
            found = session.scalar(select(RuleRecord.kind).where(RuleRecord.name == name))
            if found is None:
                raise ScheduleConfigError(f"Regra {name!r} não encontrada.")
            if found != kind:
                raise ScheduleConfigError(f"A regra {name!r} não é de {ACTIONS[action]}.")
    if action == ScheduleAction.INCLUSION and integrator not in {i.value for i in Integrator}:
        raise ScheduleConfigError("A inclusão agendada precisa de uma integradora.")
    if action == "sync" and (source_id is None or session.get(ImportSource, source_id) is None):
        raise ScheduleConfigError("Escolha a fonte do ERP da sincronização.")
    parse_weekdays(weekdays)
    parse_times(list(times))
    user = session.scalar(select(User).where(User.login == run_as, User.active))
    if user is None:
        raise ScheduleConfigError(f"Usuário {run_as!r} não encontrado ou desativado.")
    return user


def _no_more_than_the_saver(session: Session, actor: Actor, user: User) -> None:
    """A schedule acts with its user's permissions: whoever saves it must hold them all,
    or NEG_CONFIG would be a way to act as an administrator."""
    if actor.user_id is None or actor.user_id == user.id:
        return  # the machine's own account (SQLite) or oneself
    beyond = effective_permissions(session, user) - actor.permissions
    if beyond:
        names = ", ".join(sorted(p.value for p in beyond))
        raise ScheduleConfigError(
            f"O agendamento rodaria como {user.login}, que pode mais do que você ({names}): "
            "escolha um usuário com permissões que você também tem."
        )


def save_schedule(
    session_factory: sessionmaker[Session],
    actor: Actor,
    name: str,
    action: str,
    *,
    rules: tuple[str, ...] = (),
    integrator: str | None = None,
    source_id: int | None = None,
    weekdays: str = "0123456",
    times: tuple[str, ...] = ("06:00",),
    run_as: str,
    active: bool = True,
) -> ScheduleInfo:
    """Create, or change the schedule of that name."""
    actor.require(Perm.NEG_CONFIG)
    name = name.strip()
    if not name:
        raise ScheduleConfigError("Dê um nome ao agendamento.")
    with session_factory.begin() as session:
        user = _check(session, action, rules, integrator, weekdays, times, run_as, source_id)
        _no_more_than_the_saver(session, actor, user)
        user_id = user.id
        schedule = session.scalar(select(Schedule).where(Schedule.name == name))
        created = schedule is None
        if schedule is None:
            schedule = Schedule(name=name)
            session.add(schedule)
        schedule.action = action
        schedule.rules = json.dumps(list(rules), ensure_ascii=False)
        schedule.integrator = integrator
        schedule.source_id = source_id
        schedule.weekdays = "".join(sorted(set(weekdays)))
        schedule.times = json.dumps([t.strftime("%H:%M") for t in parse_times(list(times))])
        schedule.user_id = user_id
        schedule.active = active
        session.flush()
        audit.record(
            session,
            actor,
            "agendamento.criar" if created else "agendamento.alterar",
            entity="schedule",
            entity_key=name,
            details={"acao": action, "regras": list(rules), "usuario": run_as, "ativo": active},
        )
        return _info(session, schedule)


def list_schedules(session_factory: sessionmaker[Session]) -> list[ScheduleInfo]:
    with session_factory() as session:
        return [
            _info(session, s) for s in session.scalars(select(Schedule).order_by(Schedule.name))
        ]


def get_schedule(session_factory: sessionmaker[Session], name: str) -> ScheduleInfo:
    with session_factory() as session:
        schedule = session.scalar(select(Schedule).where(Schedule.name == name))
        if schedule is None:
            raise ScheduleConfigError(f"Agendamento {name!r} não encontrado.")
        return _info(session, schedule)


def runs_of(
    session_factory: sessionmaker[Session], schedule_id: int | None = None, limit: int = 200
) -> list[ScheduleRun]:
    with session_factory() as session:
        query = select(ScheduleRun).order_by(ScheduleRun.id.desc()).limit(limit)
        if schedule_id is not None:
            query = query.where(ScheduleRun.schedule_id == schedule_id)
        runs = list(session.scalars(query))
        session.expunge_all()
        return runs


def schedules_listing(session_factory: sessionmaker[Session]) -> PagedQuery:
    action = case(*((Schedule.action == k, v) for k, v in ACTIONS.items()), else_=Schedule.action)
    columns = [
        Column("id", "Id", Schedule.id, "number"),
        Column("name", "Nome", Schedule.name, searchable=True),
        Column("action", "Ação", action, searchable=True),
        Column("weekdays", "Dias", Schedule.weekdays, "weekdays"),
        Column("times", "Horários", Schedule.times, "list"),
        Column("active", "Ativo", Schedule.active, "bool"),
        Column("last_slot_at", "Última execução", Schedule.last_slot_at, "datetime"),
    ]
    query = selecting(columns)
    return PagedQuery(session_factory, query, columns, default_order="name")


def runs_listing(session_factory: sessionmaker[Session], schedule_id: int | None) -> PagedQuery:
    columns = [
        Column("id", "Id", ScheduleRun.id, "number"),
        Column("started_at", "Início", ScheduleRun.started_at, "datetime"),
        Column("finished_at", "Fim", ScheduleRun.finished_at, "datetime"),
        Column("status", "Situação", ScheduleRun.status, "run_status"),
        Column("found", "Encontrados", ScheduleRun.found, "number"),
        Column("queued", "Na fila", ScheduleRun.queued, "number"),
        Column("sent", "Enviados", ScheduleRun.sent, "number"),
        Column("already", "Já constavam", ScheduleRun.already, "number"),
        Column("rejected", "Recusados", ScheduleRun.rejected, "number"),
        Column("pending", "Pendentes", ScheduleRun.pending, "number"),
        Column("login", "Usuário", ScheduleRun.login),
        Column("workstation", "Estação", ScheduleRun.workstation),
        Column("errors", "Erros", ScheduleRun.errors, searchable=True),
    ]
    query = selecting(columns)
    if schedule_id is not None:
        query = query.where(ScheduleRun.schedule_id == schedule_id)
    return PagedQuery(session_factory, query, columns, default_order="id")


def sources(session_factory: sessionmaker[Session]) -> list[tuple[int, str]]:
    with session_factory() as session:
        return list(
            session.execute(select(ImportSource.id, ImportSource.name).order_by(ImportSource.name))
        )
