"""Enviar (DESIGN §5): the selection of a rule queued in one transaction, then a sending
run over everything pending that the user may send. What the Inclusão and Baixa screens,
the ``send`` command and the scheduler call."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.models import Integration
from gestao_negativacao.domain.rules import Rule
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.preview import Preview, PreviewError
from gestao_negativacao.services.sending.enqueue import (
    EnqueueResult,
    enqueue_inclusions,
    enqueue_removals,
)
from gestao_negativacao.services.sending.progress import Progress, SendReport
from gestao_negativacao.services.sending.worker import Sender, SendOptions


@dataclass(frozen=True)
class SendOutcome:
    enqueued: EnqueueResult | None
    report: SendReport


def default_integrator(session_factory: sessionmaker[Session]) -> str:
    """The integrator of the active integrations, when they are all of one."""
    with session_factory() as session:
        found = sorted(
            set(session.scalars(select(Integration.integrator).where(Integration.active)))
        )
    if len(found) == 1:
        return found[0]
    if not found:
        raise PreviewError("Nenhuma integração ativa: cadastre uma em Integrações.")
    raise PreviewError(f"Há integrações de {', '.join(found)}: informe a integradora.")


def enqueue_rule(
    session_factory: sessionmaker[Session],
    actor: Actor,
    action: str,
    rule: Rule | None,
    integrator: str | None,
    as_of: date,
    *,
    rule_id: int | None = None,
) -> EnqueueResult:
    """Put what ``rule`` finds on ``as_of`` in the send queue."""
    if action == "inclusion" and integrator is None:
        integrator = default_integrator(session_factory)
    preview = Preview(session_factory, actor, action, rule, integrator, as_of)
    if action == "inclusion":
        return enqueue_inclusions(
            session_factory, actor, preview.selection(), preview.integrator, rule_id=rule_id
        )
    return enqueue_removals(session_factory, actor, preview.selection(), rule_id=rule_id)


def send(
    session_factory: sessionmaker[Session],
    actor: Actor,
    *,
    action: str | None = None,
    rule: Rule | None = None,
    rule_id: int | None = None,
    integrator: str | None = None,
    as_of: date | None = None,
    options: SendOptions | None = None,
    progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
) -> SendOutcome:
    """Queue the rule's selection (when a rule is given), then send every pending entry."""
    enqueued = None
    if rule is not None:
        enqueued = enqueue_rule(
            session_factory,
            actor,
            action or rule.kind,
            rule,
            integrator,
            as_of or date.today(),
            rule_id=rule_id,
        )
    sender = Sender(session_factory, actor, options=options, progress=progress, cancel=cancel)
    return SendOutcome(enqueued, sender.run())
