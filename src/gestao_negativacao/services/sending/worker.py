"""The worker (DESIGN §5, step 2): claims due queue entries, chooses the integration and
operator of each, calls the bureau with bounded concurrency per operator, and records the
answers, until nothing is left to send in this run.

Threads do the bureau calls only (the adapters are synchronous HTTP clients); the database
is read and written by the thread that runs ``Sender.run`` (the GUI runs it off the window's
thread), so that SQLite's single writer is never contended by our own threads.

A run first makes every pending entry of its scope due at once ("every pending entry is
retried whenever a send runs"); a transient failure is then retried inside the run with
exponential backoff and jitter, up to ``max_attempts`` times, and after that waits for the
next run (or the scheduler) with a longer backoff.
"""

from __future__ import annotations

import functools
import logging
import random
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import and_, false, func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.bureaus.base import BureauAdapter
from gestao_negativacao.db.base import utc_now
from gestao_negativacao.db.models import Integration, SendQueueEntry
from gestao_negativacao.domain.enums import Action
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor, PermissionDenied
from gestao_negativacao.services.bureau_setup import credentials
from gestao_negativacao.services.bureau_setup.integrations import adapter_for, secret_check
from gestao_negativacao.services.sending import claims, records
from gestao_negativacao.services.sending.calls import call_bureau, companion_results
from gestao_negativacao.services.sending.items import WorkItem, load_items
from gestao_negativacao.services.sending.outcomes import Kind, Recorder, Result, backoff
from gestao_negativacao.services.sending.progress import Progress, SendReport
from gestao_negativacao.services.sending.selection import (
    Choice,
    NoConfiguration,
    choose,
    load_options,
)

log = logging.getLogger(__name__)
Q = SendQueueEntry.__table__
ACTION_PERMISSIONS = {Action.INCLUSION: Perm.NEG_INCLUIR, Action.REMOVAL: Perm.NEG_BAIXAR}
MAX_DEFERRALS = 3
AdapterFactory = Callable[[int, int], BureauAdapter]


@dataclass(frozen=True)
class SendOptions:
    concurrency: int = 16  # bureau calls at once, per operator
    max_attempts: int = 5  # per run, for transient failures
    timeout: float = 30.0  # seconds per bureau call
    lease: timedelta = timedelta(minutes=2)
    retry_base: float = 0.5  # seconds; in-run backoff 0.5, 1, 2, 4… with jitter
    retry_cap: float = 30.0
    later_base: float = 60.0  # after the run gave up: the next run or the scheduler
    later_cap: float = 3600.0
    flush_seconds: float = 0.25  # how often answers are written (and progress reported)


class Sender:
    """One sending run. ``integrators`` / ``actions`` narrow its scope (default: every
    integrator, the actions the user may do). ``automatic``: a schedule's run of rules,
    which sends only through integrations whose automatic flag for the action is on
    (the rest stays queued for a clerk's run)."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        actor: Actor,
        *,
        integrators: Iterable[str] | None = None,
        actions: Iterable[str] | None = None,
        options: SendOptions | None = None,
        progress: Callable[[Progress], None] | None = None,
        cancel: threading.Event | None = None,
        adapter_factory: AdapterFactory | None = None,
        has_secret: Callable[[int, int], bool] | None = None,
        today: date | None = None,
        rng: random.Random | None = None,
        automatic: bool = False,
    ) -> None:
        self.session_factory = session_factory
        self.automatic = automatic
        self.actor = actor
        self.integrators = list(integrators) if integrators is not None else None
        if actions is None:
            actions = [a for a, p in ACTION_PERMISSIONS.items() if actor.has(p)]
            if not actions:
                raise PermissionDenied(actor.login, Perm.NEG_INCLUIR)
        for action in actions:
            actor.require(ACTION_PERMISSIONS[action])
        self.actions = list(actions)
        self.options = options or SendOptions()
        self.on_progress = progress
        self.cancel = cancel or threading.Event()
        self.make_adapter = adapter_factory or (
            lambda i, o: adapter_for(session_factory, i, o, timeout=self.options.timeout)
        )
        # the keyring is asked once per (integration, operator) and run, not once per item
        self.has_secret = functools.cache(has_secret or secret_check(session_factory))
        self.rng = rng or random.Random()
        self.me = claims.worker_identity()
        self.recorder = Recorder(session_factory, actor, self.me, today or date.today())
        self.report = SendReport()
        self._adapters: dict[tuple[int, int], BureauAdapter] = {}
        self._pools: dict[int, ThreadPoolExecutor] = {}
        self._inflight: dict[Future, WorkItem] = {}
        self._run_attempts: dict[int, int] = {}
        self._waiting: dict[int, float] = {}  # queue id → monotonic time it is due again
        self._refused: dict[int, str] = {}  # operator id → the bureau's refusal this run
        self._deferrals: dict[int, int] = {}  # queue id → times its record was held elsewhere
        self._buffer: list[Result] = []

    # -- the run --------------------------------------------------------------------------

    def run(self) -> SendReport:
        started = time.monotonic()
        with self.session_factory() as session:
            self._options = load_options(session)
            self._integrations = {i.id: i for i in session.scalars(select(Integration))}
            session.expunge_all()
        # (action, integrator) a schedule may send: an active integration's flag is on
        self._automatic_pairs = {
            (action, option.integrator)
            for option in self._options
            if option.active
            for action in option.automatic
        }
        self.report.total = self._make_all_due()
        self._report()
        try:
            self._loop()
        finally:
            self._stop()
        self.report.seconds = time.monotonic() - started
        self._audit()
        r = self.report
        # one line per run for support (counts only: the items and their errors are in the
        # database); a busy day of sending adds a few kilobytes to the log
        log.info(
            "envio %s: %d na fila, %d enviados, %d já constavam, %d a confirmar, %d recusados,"
            " %d pendentes, %d sem configuração, %.1f s",
            " e ".join(Action(a).label.lower() for a in self.actions),
            r.total, r.sent, r.already, r.unconfirmed,
            r.rejected, r.pending, r.no_configuration, r.seconds,
        )  # fmt: skip
        return r

    def _scope(self, query):
        query = query.where(Q.c.action.in_(self.actions))
        if self.integrators is not None:
            query = query.where(Q.c.integrator.in_(self.integrators))
        if self.automatic:  # what no flag allows stays queued, untouched, for a clerk
            pairs = [
                and_(Q.c.action == action, Q.c.integrator == integrator)
                for action, integrator in sorted(self._automatic_pairs)
            ]
            query = query.where(or_(*pairs) if pairs else false())
        return query

    def _make_all_due(self) -> int:
        now = utc_now()
        free = or_(Q.c.claimed_by.is_(None), Q.c.claimed_until < now)
        with self.session_factory.begin() as session:
            session.execute(
                self._scope(update(Q))
                .where(Q.c.next_attempt_at > now, free)
                .values(next_attempt_at=now)
            )
            return session.scalar(self._scope(select(func.count()).select_from(Q))) or 0

    def _loop(self) -> None:
        last_flush = last_renew = time.monotonic()
        while True:
            # four calls' worth per operator slot: the pools never starve between claims,
            # and each claim and load (a few statements, a round trip each on a server)
            # serves more items
            capacity = self.options.concurrency * 4 * max(1, len(self._pools))
            claimed = 0
            if not self.cancel.is_set() and len(self._inflight) <= capacity // 2:
                claimed = self._claim_and_dispatch(capacity - len(self._inflight))
            if not self._inflight and not claimed:
                self._flush()
                if self.cancel.is_set() or not self._wait_for_retries():
                    return
                continue
            done, _ = wait(list(self._inflight), timeout=0.1, return_when=FIRST_COMPLETED)
            for future in done:
                for result in future.result():
                    self._accept(result)
                del self._inflight[future]
            now = time.monotonic()
            # written soon: an answer not yet written is a re-send if this process dies
            full = len(self._buffer) >= self.options.concurrency
            if full or now - last_flush >= self.options.flush_seconds:
                self._flush()
                last_flush = now
            if now - last_renew >= self.options.lease.total_seconds() / 3:
                claims.renew(self.session_factory, self.me, self.options.lease)
                last_renew = now

    def _wait_for_retries(self) -> bool:
        """Sleep until the next in-run retry is due; False when none is left."""
        now = time.monotonic()
        # due but not claimable: another process holds it now
        for queue_id in [q for q, due in self._waiting.items() if due < now - 1]:
            del self._waiting[queue_id]
        if not self._waiting:
            return False
        pause = max(0.0, min(self._waiting.values()) - now) + 0.01
        self.cancel.wait(pause)
        return True

    def _claim_and_dispatch(self, room: int) -> int:
        ids = claims.claim(
            self.session_factory,
            self.me,
            limit=room,
            lease=self.options.lease,
            actions=self.actions,
            integrators=self.integrators,
            pairs=self._automatic_pairs if self.automatic else None,
        )
        if not ids:
            return 0
        with self.session_factory() as session:
            items = load_items(session, ids)
        grouped = records.group(self.session_factory, self.me, self.options.lease, items, self.rng)
        for result in grouped.results:
            self._waiting.pop(result.item.queue_id, None)
            self._accept(result)
        for queue_id in grouped.deferred:  # part of its record is held elsewhere: soon again
            tries = self._deferrals[queue_id] = self._deferrals.get(queue_id, 0) + 1
            if tries <= MAX_DEFERRALS:  # after that, the next run (the holder may be slow)
                self._waiting[queue_id] = time.monotonic() + 3.0
        for item in grouped.items:
            for member in (item, *item.companions):
                self._waiting.pop(member.queue_id, None)
            self._dispatch(item)
        return len(ids)

    def _choose(self, item: WorkItem) -> Choice:
        automatic = item.action if self.automatic else None
        if item.action == Action.REMOVAL and item.integration_id and item.operator_id:
            # the associate that included a record is the one that may remove it
            same = [
                replace(o, operators=tuple(p for p in o.operators if p.id == item.operator_id))
                for o in self._options
                if o.id == item.integration_id
            ]
            try:
                return choose(
                    same, item.integrator, item.company_id, self.actor, self.has_secret, automatic
                )
            except NoConfiguration:
                pass
        return choose(
            self._options, item.integrator, item.company_id, self.actor, self.has_secret, automatic
        )

    def _accept_with_companions(self, result: Result) -> None:
        for each in (result, *companion_results(result)):
            self._accept(each)

    def _dispatch(self, item: WorkItem) -> None:
        try:
            choice = self._choose(item)
        except NoConfiguration as exc:
            self._accept_with_companions(Result(item, Kind.NO_CONFIGURATION, str(exc)))
            return
        if choice.operator_id in self._refused:
            message = self._refused[choice.operator_id]
            refused = Result(item, Kind.TRANSIENT, message, operator_id=choice.operator_id)
            self._accept_with_companions(refused)
            return
        key = (choice.integration_id, choice.operator_id)
        if key not in self._adapters:
            try:
                self._adapters[key] = self.make_adapter(*key)
            except credentials.MissingSecret as exc:  # removed from the keyring meanwhile
                self._accept_with_companions(Result(item, Kind.NO_CONFIGURATION, str(exc)))
                return
        pool = self._pools.get(choice.operator_id)
        if pool is None:
            pool = self._pools[choice.operator_id] = ThreadPoolExecutor(
                self.options.concurrency, thread_name_prefix=f"envio-op{choice.operator_id}"
            )
        integration = self._integrations.get(choice.integration_id)
        future = pool.submit(call_bureau, self._adapters[key], item, integration, choice)
        self._inflight[future] = item

    # -- answers --------------------------------------------------------------------------

    def _accept(self, result: Result) -> None:
        """Count the answer, decide when a failure is tried again, and buffer it."""
        item = result.item
        if result.kind is Kind.TRANSIENT:
            if result.auth_refused and result.operator_id is not None:
                self._refused[result.operator_id] = result.message
            tries = self._run_attempts.get(item.queue_id, 0) + 1
            self._run_attempts[item.queue_id] = tries
            if tries < self.options.max_attempts and result.operator_id not in self._refused:
                delay = backoff(
                    tries - 1,
                    base=self.options.retry_base,
                    cap=self.options.retry_cap,
                    rng=self.rng,
                )
                self._waiting[item.queue_id] = time.monotonic() + delay.total_seconds()
            else:
                delay = backoff(
                    item.attempts,
                    base=self.options.later_base,
                    cap=self.options.later_cap,
                    rng=self.rng,
                )
                self.report.count(result)
            result = replace(result, retry_at=utc_now() + delay)
        elif result.kind is Kind.NO_CONFIGURATION:
            delay = timedelta(seconds=self.options.later_cap)  # until the next run
            result = replace(result, retry_at=utc_now() + delay)
            self.report.count(result)
        else:
            self.report.count(result)
        self._buffer.append(result)

    def _flush(self) -> None:
        if self._buffer:
            self.recorder.write(self._buffer)
            self._buffer = []
        self._report()

    def _report(self) -> None:
        if self.on_progress is not None:
            self.on_progress(self.report.snapshot(cancelled=self.cancel.is_set()))

    def _stop(self) -> None:
        """Cancellation or an error: give back what was claimed and never started, let the
        calls under way finish (their timeouts bound the wait), record everything."""
        not_started = [item for future, item in self._inflight.items() if future.cancel()]
        given_back = [m.queue_id for item in not_started for m in (item, *item.companions)]
        claims.unclaim(self.session_factory, self.me, given_back)
        for future in [f for f in self._inflight if not f.cancelled()]:
            for result in future.result():
                self._accept(result)
        self._inflight.clear()
        self._flush()
        for pool in self._pools.values():
            pool.shutdown(wait=True)
        for adapter in self._adapters.values():
            try:
                adapter.close()
            except Exception:  # noqa: BLE001 - closing must not hide the run's outcome
                log.warning("falha ao fechar a conexão com o birô", exc_info=True)
        self.report.cancelled = self.cancel.is_set()

    def _audit(self) -> None:
        with self.session_factory.begin() as session:
            audit.record(
                session,
                self.actor,
                "envio.executar",
                entity="send_run",
                entity_key=self.me,
                details=self.report.summary(),
            )
