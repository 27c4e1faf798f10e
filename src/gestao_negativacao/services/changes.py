"""Change notices (DESIGN §11, "nothing stale"): which kinds of data a committed
transaction wrote, told to whoever listens on the same database — the screens, which
reread what they show. Watching the engine rather than each use case means no write can
forget to tell: every INSERT, UPDATE or DELETE the application runs, through the ORM or
not, marks its table on the connection, and the commit announces the topics of the
marked tables. A bulk path that bypasses SQLAlchemy (COPY) marks its table with ``note``.

Only this workstation's writes are heard here; another workstation's reach a screen on
its next look (each page rereads when shown and on a light timer while visible)."""

from __future__ import annotations

import logging
import threading
import weakref
from collections.abc import Callable, Iterable
from enum import StrEnum

from sqlalchemy import Connection, Engine, event

log = logging.getLogger(__name__)


class Topic(StrEnum):
    """What a screen may show, by the glossary's names (never shown themselves)."""

    PORTFOLIO = "portfolio"  # companies, customers, sales, installments (the import)
    RULES = "rules"
    NEGATIVATIONS = "negativations"  # negativations, their events, holds, agreements
    QUEUE = "queue"  # the send queue
    USERS = "users"
    PARAMETERS = "parameters"
    SCHEDULES = "schedules"  # schedules and their runs
    BUREAUS = "bureaus"  # operators, integrations and their lists
    CREDIT = "credit"


TABLE_TOPICS: dict[str, Topic] = {
    "companies": Topic.PORTFOLIO,
    "enterprises": Topic.PORTFOLIO,
    "customers": Topic.PORTFOLIO,
    "sales": Topic.PORTFOLIO,
    "sale_guarantors": Topic.PORTFOLIO,
    "installments": Topic.PORTFOLIO,
    "rules": Topic.RULES,
    "negativations": Topic.NEGATIVATIONS,
    "negativation_events": Topic.NEGATIVATIONS,
    "holds": Topic.NEGATIVATIONS,
    "agreements": Topic.NEGATIVATIONS,
    "agreement_installments": Topic.NEGATIVATIONS,
    "debtor_notices": Topic.NEGATIVATIONS,
    "send_queue": Topic.QUEUE,
    "users": Topic.USERS,
    "user_permissions": Topic.USERS,
    "roles": Topic.USERS,
    "role_permissions": Topic.USERS,
    "parameters": Topic.PARAMETERS,
    "company_parameters": Topic.PARAMETERS,
    "schedules": Topic.SCHEDULES,
    "schedule_runs": Topic.SCHEDULES,
    "import_sources": Topic.SCHEDULES,
    "operators": Topic.BUREAUS,
    "operator_users": Topic.BUREAUS,
    "integrations": Topic.BUREAUS,
    "integration_operators": Topic.BUREAUS,
    "integration_companies": Topic.BUREAUS,
    "bureau_list_items": Topic.BUREAUS,
    "credit_profiles": Topic.CREDIT,
    "credit_limit_increases": Topic.CREDIT,
    "approval_limits": Topic.CREDIT,
    "credit_requests": Topic.CREDIT,
    "credit_queries": Topic.CREDIT,
}
# audit_log, login_throttles, schedule_leases, installation: bookkeeping no list shows

Listener = Callable[[frozenset[Topic]], None]
_PENDING = "gestao_negativacao.changed_tables"  # on the connection's info, until commit


class ChangeNotices:
    """The listeners of one database. ``listen`` returns the call that stops listening.
    Listeners are called on the thread that committed: a screen hands the notice to its
    own thread (``gui.freshness``)."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()

    def listen(self, listener: Listener) -> Callable[[], None]:
        with self._lock:
            self._listeners.append(listener)

        def stop() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return stop

    def announce(self, topics: Iterable[Topic]) -> None:
        told = frozenset(topics)
        if not told:
            return
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(told)
            except Exception:  # a screen's trouble must never undo or fail a commit
                log.exception("aviso de alteração não entregue")


_BY_ENGINE: weakref.WeakKeyDictionary[Engine, ChangeNotices] = weakref.WeakKeyDictionary()


def watch(engine: Engine) -> ChangeNotices:
    """The change notices of ``engine`` (installed once per engine)."""
    if engine in _BY_ENGINE:
        return _BY_ENGINE[engine]
    notices = ChangeNotices()
    _BY_ENGINE[engine] = notices

    @event.listens_for(engine, "after_execute")
    def _written(conn, clauseelement, _multiparams, _params, _options, _result) -> None:
        if getattr(clauseelement, "is_dml", False):
            table = getattr(clauseelement, "table", None)
            name = getattr(table, "name", None)
            if name:
                note(conn, name)

    @event.listens_for(engine, "commit")
    def _committed(conn) -> None:
        # fired as the commit is sent: listeners only schedule a reread on their own
        # thread, which reads after the commit has returned
        tables = conn.info.pop(_PENDING, None)
        if tables:
            notices.announce(TABLE_TOPICS[t] for t in tables if t in TABLE_TOPICS)

    @event.listens_for(engine, "rollback")
    def _rolled_back(conn) -> None:
        conn.info.pop(_PENDING, None)

    return notices


def note(conn: Connection, table: str) -> None:
    """Mark ``table`` as written in ``conn``'s transaction (paths that bypass SQLAlchemy's
    execution, such as COPY, call this themselves)."""
    conn.info.setdefault(_PENDING, set()).add(table)
