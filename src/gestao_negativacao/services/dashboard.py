"""The Painel's figures (DESIGN §11): active negativations and open amount per integrator
and per company; pending and erro counts; the removals owed for full payments with their
legal deadline (five business days, LEGAL.md), overdue first; inclusions and removals per
month; and the recovery after negativation (share of the negativated amount paid within
30/60/90 days). Grouping is done by the database; only the removals owed, a short list,
are computed one by one (each debtor's state has its own holidays)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Integer, cast, func, or_, select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.models import (
    AgreementInstallment,
    Company,
    Customer,
    Installment,
    Negativation,
    Sale,
    Schedule,
    ScheduleRun,
    SendQueueEntry,
)
from gestao_negativacao.domain.business_days import removal_deadline
from gestao_negativacao.domain.enums import (
    Action,
    DebtorRole,
    NegativationStatus,
    Processing,
    RunStatus,
)
from gestao_negativacao.rules.sql import date_key, missed_deadline
from gestao_negativacao.services.joins import negativation_context

ZERO = Decimal("0.00")
RECOVERY_WINDOWS = (30, 60, 90)


@dataclass(frozen=True)
class Group:
    key: str  # integrator code, or the company's name
    active: int
    amount: Decimal


@dataclass(frozen=True)
class RemovalOwed:
    negativation_id: int
    company: str
    sale: str
    installment: int
    debtor: str
    document: str
    integrator: str
    payment_date: date
    deadline: date
    queued: bool

    def overdue(self, as_of: date) -> bool:
        return self.deadline < as_of


@dataclass
class Dashboard:
    as_of: date
    by_integrator: list[Group] = field(default_factory=list)
    by_company: list[Group] = field(default_factory=list)
    pending: int = 0
    released: int = 0  # of the pending, those a clerk took out of the queue (Liberar)
    errors: int = 0
    queued: int = 0
    removals_owed: list[RemovalOwed] = field(default_factory=list)
    months: list[tuple[str, int, int]] = field(default_factory=list)  # (aaaa-mm, in, out)
    recovery: dict[int, Decimal] = field(default_factory=dict)  # days → share (0..1)
    failed_runs: list[tuple[str, datetime, str]] = field(default_factory=list)  # last 7 days
    to_check: int = 0  # removals the bureau did not find: someone must check its site
    # active records the bureau starts showing in the next seven days (the letter's wait)
    visible_this_week: int = 0
    # inclusions the partners (Serasa, Crédito na Medida) have not confirmed for longer
    # than the parameter's days, and those days
    unconfirmed: int = 0
    unconfirmed_days: int = 2
    # agreements in progress (kept, not all paid) on as_of, and their installments falling
    # due in the next seven days (to remind the debtor of: a missed one breaks the agreement)
    agreements_kept: int = 0
    agreement_payments_due: int = 0

    @property
    def overdue_removals(self) -> int:
        return sum(1 for r in self.removals_owed if r.overdue(self.as_of))


def _groups(session: Session, key) -> list[Group]:
    query = select(key, func.count(), func.coalesce(func.sum(Installment.open_amount), 0))
    rows = session.execute(
        negativation_context(query.select_from(Negativation), debtor=False)
        .where(Negativation.status == NegativationStatus.ACTIVE)
        .group_by(key)
        .order_by(key)
    )
    # the sum keeps the column's Money type: it comes back as Decimal reais
    return [Group(str(k), int(n), Decimal(total or 0)) for k, n, total in rows]


def _removals_owed(session: Session) -> list[RemovalOwed]:
    queued = select(SendQueueEntry.negativation_id).where(SendQueueEntry.action == Action.REMOVAL)
    query = select(
        Negativation.id,
        Company.name,
        Sale.number,
        Installment.number,
        Customer.name,
        Customer.document,
        Customer.uf,
        Negativation.integrator,
        Installment.payment_date,
        Negativation.id.in_(queued),
    )
    rows = session.execute(
        negativation_context(query).where(
            Negativation.status == NegativationStatus.ACTIVE,
            Installment.open_amount <= 0,
            Installment.payment_date.is_not(None),
        )
    )
    owed = [
        RemovalOwed(
            nid,
            company,
            sale,
            number,
            debtor,
            doc,
            integrator,
            paid_on,
            removal_deadline(paid_on, (uf or "").strip().upper() or None),
            bool(q),
        )
        for nid, company, sale, number, debtor, doc, uf, integrator, paid_on, q in rows
    ]
    return sorted(owed, key=lambda r: (r.deadline, r.negativation_id))


def _months(session: Session, as_of: date, count: int = 12) -> list[tuple[str, int, int]]:
    first = date(as_of.year, as_of.month, 1)
    for _ in range(count - 1):
        first = (first - timedelta(days=1)).replace(day=1)
    keys = []
    day = first
    while day <= as_of:
        keys.append(day.year * 100 + day.month)
        day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    included = defaultdict(int)
    removed = defaultdict(int)
    # grouped over a subquery: PostgreSQL wants the GROUP BY expression to be the very
    # one selected, and bound parameters make two copies of it differ
    for column, where, counts in (
        (Negativation.included_on, Negativation.included_on >= first, included),
        (Negativation.removed_at, Negativation.removed_at.is_not(None), removed),
    ):
        # aaaammdd / 100 cast to an integer is aaaamm everywhere (the fraction is at most
        # .31, so a rounding cast never rounds up)
        month = cast(date_key(column) / 100, Integer)
        months = select(month.label("month")).where(where).subquery()
        for month, n in session.execute(
            select(months.c.month, func.count()).group_by(months.c.month)
        ):
            counts[int(month)] = n
    return [(f"{k // 100}-{k % 100:02d}", included[k], removed[k]) for k in keys]


def _recovery(session: Session, as_of: date) -> dict[int, Decimal]:
    """Of what was negativated in the last year, the share of the amount paid in full
    within 30/60/90 days of the inclusion."""
    since = as_of - timedelta(days=365)
    total = ZERO
    paid = dict.fromkeys(RECOVERY_WINDOWS, ZERO)
    rows = session.execute(
        select(
            Negativation.included_on,
            Installment.adjusted,
            Installment.open_amount,
            Installment.payment_date,
        )
        .join(Installment, Installment.id == Negativation.installment_id)
        .where(Negativation.included_on >= since, Negativation.debtor_role == DebtorRole.HOLDER)
        .execution_options(yield_per=5000)
    )
    for included_on, adjusted, open_amount, payment_date in rows:
        total += adjusted
        if payment_date is None or (open_amount or ZERO) > 0:
            continue
        delay = (payment_date - included_on).days
        for window in RECOVERY_WINDOWS:
            if delay <= window:
                paid[window] += adjusted
    if not total:
        return dict.fromkeys(RECOVERY_WINDOWS, ZERO)
    return {w: (paid[w] / total).quantize(Decimal("0.0001")) for w in RECOVERY_WINDOWS}


def _agreements(session: Session, as_of: date) -> tuple[int, int]:
    ai = AgreementInstallment
    broken = select(ai.agreement_id).where(missed_deadline(ai, as_of)).distinct()
    unpaid = or_(ai.paid_on.is_(None), ai.paid_on > as_of)
    kept = session.scalar(
        select(func.count(func.distinct(ai.agreement_id))).where(
            ai.agreement_id.not_in(broken), unpaid
        )
    )
    due = session.scalar(
        select(func.count()).where(
            ai.agreement_id.not_in(broken),
            unpaid,
            ai.due_date >= as_of,
            ai.due_date <= as_of + timedelta(days=6),
        )
    )
    return kept or 0, due or 0


def dashboard(session_factory: sessionmaker[Session], as_of: date | None = None) -> Dashboard:
    as_of = as_of or date.today()
    board = Dashboard(as_of)
    with session_factory() as session:
        board.by_integrator = _groups(session, Negativation.integrator)
        board.by_company = _groups(session, Company.name)
        counts = dict(
            session.execute(
                select(Negativation.status, func.count())
                .where(
                    Negativation.status.in_((NegativationStatus.PENDING, NegativationStatus.ERROR))
                )
                .group_by(Negativation.status)
            ).all()
        )
        board.pending, board.errors = (
            counts.get(NegativationStatus.PENDING, 0),
            counts.get(NegativationStatus.ERROR, 0),
        )
        board.released = (
            session.scalar(
                select(func.count()).where(
                    Negativation.status == NegativationStatus.PENDING,
                    Negativation.processing == Processing.RELEASED,
                )
            )
            or 0
        )
        board.queued = session.scalar(select(func.count()).select_from(SendQueueEntry)) or 0
        from gestao_negativacao.bureaus.registry import CONFIRMS_LATER
        from gestao_negativacao.services.admin import parameters

        board.unconfirmed_days = parameters.general(session_factory).confirmation_alert_days
        since = datetime.combine(as_of, datetime.min.time(), UTC) - timedelta(
            days=board.unconfirmed_days
        )
        board.unconfirmed = (
            session.scalar(
                select(func.count()).where(
                    Negativation.status == NegativationStatus.PENDING,
                    Negativation.processing == Processing.OK,
                    Negativation.integrator.in_(sorted(CONFIRMS_LATER)),
                    Negativation.updated_at < since,
                )
            )
            or 0
        )
        board.visible_this_week = (
            session.scalar(
                select(func.count()).where(
                    Negativation.status == NegativationStatus.ACTIVE,
                    Negativation.visible_from >= as_of,
                    Negativation.visible_from <= as_of + timedelta(days=6),
                )
            )
            or 0
        )
        board.agreements_kept, board.agreement_payments_due = _agreements(session, as_of)
        board.removals_owed = _removals_owed(session)
        board.months = _months(session, as_of)
        board.recovery = _recovery(session, as_of)
        board.failed_runs = _failed_runs(session, as_of)
        board.to_check = (
            session.scalar(
                select(func.count())
                .select_from(Negativation)
                .where(Negativation.attention.is_not(None))
            )
            or 0
        )
    return board


def _failed_runs(session: Session, as_of: date) -> list[tuple[str, datetime, str]]:
    """Scheduled runs that failed in the last seven days: (schedule, when, errors)."""
    since = datetime.combine(as_of - timedelta(days=7), datetime.min.time(), UTC)
    rows = session.execute(
        select(Schedule.name, ScheduleRun.started_at, ScheduleRun.errors)
        .join(Schedule, Schedule.id == ScheduleRun.schedule_id)
        .where(ScheduleRun.status == RunStatus.ERROR, ScheduleRun.started_at >= since)
        .order_by(ScheduleRun.started_at.desc())
    )
    return [(name, started, errors) for name, started, errors in rows]
