"""The follow-up of integrators that confirm later (Serasa through SOA, Boa Vista's
distributor, Crédito na Medida; DESIGN §5): the accepted items wait as pendente with
processing OK and the bureau's id; this asks the bureau about all of them — batched where
the protocol allows, per (integration, operator) — and turns each ativa or erro. A holder
and its co-obligor share one id and are answered together. Run by ``sent --refresh`` and by
the scheduler, never in a tight loop.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.bureaus.base import BureauAdapter
from gestao_negativacao.bureaus.errors import BureauError
from gestao_negativacao.bureaus.registry import CONFIRMS_LATER
from gestao_negativacao.db.base import utc_now
from gestao_negativacao.db.models import Integration, Negativation, NegativationEvent
from gestao_negativacao.domain.enums import EventKind, NegativationStatus, Processing
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.admin import parameters
from gestao_negativacao.services.bureau_setup import credentials
from gestao_negativacao.services.bureau_setup.integrations import ConfigError, adapter_for

N = Negativation.__table__
EV = NegativationEvent.__table__
# what the bureau's answer turns a waiting negativation into, and the event it writes
TRANSITIONS = {
    NegativationStatus.ACTIVE: (NegativationStatus.ACTIVE, EventKind.CONFIRMED),
    NegativationStatus.ERROR: (NegativationStatus.ERROR, EventKind.REFUSED_IN_PROCESSING),
    NegativationStatus.REMOVED: (NegativationStatus.REMOVED, EventKind.REMOVED_AT_BUREAU),
}


@dataclass
class RefreshReport:
    asked: int = 0
    activated: int = 0
    failed: int = 0  # turned erro by the bureau
    still_pending: int = 0
    errors: list[str] = field(default_factory=list)  # calls that could not be made

    def as_json(self) -> dict:
        return {
            "asked": self.asked,
            "activated": self.activated,
            "failed": self.failed,
            "still_pending": self.still_pending,
            "errors": self.errors,
        }


def _waiting(session: Session) -> dict[tuple[int | None, int | None], dict[str, list[int]]]:
    """(integration, operator) → {bureau id: negativation ids} of what awaits confirmation."""
    groups: dict[tuple[int | None, int | None], dict[str, list[int]]] = {}
    rows = session.execute(
        select(N.c.id, N.c.bureau_id, N.c.integration_id, N.c.operator_id).where(
            N.c.integrator.in_(sorted(CONFIRMS_LATER)),
            N.c.status == NegativationStatus.PENDING,
            N.c.processing == Processing.OK,
            N.c.bureau_id.is_not(None),
        )
    )
    for negativation_id, bureau_id, integration_id, operator_id in rows:
        group = groups.setdefault((integration_id, operator_id), {})
        group.setdefault(bureau_id, []).append(negativation_id)
    return groups


def refresh_confirmations(
    session_factory: sessionmaker[Session],
    actor: Actor,
    *,
    adapter_factory: Callable[[int, int], BureauAdapter] | None = None,
    today: date | None = None,
) -> RefreshReport:
    actor.require(Perm.NEG_INCLUIR)
    make_adapter = adapter_factory or (lambda i, o: adapter_for(session_factory, i, o, timeout=60))
    today = today or date.today()
    report = RefreshReport()
    general = parameters.general(session_factory)  # the notice-letter waits (visible_from)
    with session_factory() as session:
        groups = _waiting(session)
        integrators = dict(session.execute(select(Integration.id, Integration.integrator)).all())
    for (integration_id, operator_id), by_bureau_id in groups.items():
        waiting = sum(len(ids) for ids in by_bureau_id.values())
        report.asked += waiting
        if integration_id is None or operator_id is None:
            report.still_pending += waiting
            continue
        try:
            adapter = make_adapter(integration_id, operator_id)
        except (credentials.MissingSecret, ConfigError) as exc:
            report.errors.append(str(exc))
            report.still_pending += waiting
            continue
        try:
            answers = adapter.fetch_status(list(by_bureau_id))
        except BureauError as exc:
            report.errors.append(f"consulta da situação na integração {integration_id}: {exc}")
            report.still_pending += waiting
            continue
        finally:
            adapter.close()
        visible_from = general.visible_from(integrators[integration_id], today)
        _record(session_factory, actor, answers, by_bureau_id, (today, visible_from), report)
    with session_factory.begin() as session:
        audit.record(
            session,
            actor,
            "envio.atualizar_situacao",
            entity="negativation",
            entity_key="pendentes_de_confirmacao",
            details=report.as_json(),
        )
    return report


def _record(session_factory, actor, answers, by_bureau_id, days, report) -> None:
    """``days``: (today, the date a record included today becomes visible)."""
    today, visible_from = days
    now = utc_now()
    with session_factory.begin() as session:
        conn = session.connection()
        pairs = [(a, n) for a in answers for n in by_bureau_id.get(a.bureau_id, [])]
        for answer, negativation_id in pairs:
            transition = TRANSITIONS.get(answer.status)
            if transition is None:
                report.still_pending += 1
                continue
            status, kind = transition
            values = {"status": status, "updated_at": now, "message": answer.message or None}
            if status == NegativationStatus.ACTIVE:
                values.update(included_at=now, included_on=today, visible_from=visible_from)
            elif status == NegativationStatus.REMOVED:
                values.update(removed_at=now)
            changed = conn.execute(
                update(N)
                .where(
                    N.c.id == negativation_id,
                    N.c.status == NegativationStatus.PENDING,
                    N.c.processing == Processing.OK,
                )
                .values(**values)
            ).rowcount
            if not changed:
                continue
            report.activated += status == NegativationStatus.ACTIVE
            report.failed += status == NegativationStatus.ERROR
            conn.execute(
                EV.insert().values(
                    negativation_id=negativation_id,
                    at=now,
                    kind=kind,
                    status_before=NegativationStatus.PENDING,
                    status_after=status,
                    user_id=actor.user_id,
                    login=actor.login,
                    workstation=actor.workstation,
                    protocol=answer.bureau_id,
                    message=answer.message or None,
                )
            )
