"""Enviar (DESIGN §5), the one way to send: a selection (a rule's, or the items a clerk
ticked) queued in one transaction, then a sending run over everything pending that the
user may send. The Inclusão and Baixa screens, Enviados' Reenviar, the ``send`` command
and the scheduler all call ``send`` or ``send_selection``; the outcome writes its own
summary for the window and the terminal (``SendOutcome.lines``)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.models import Integration
from gestao_negativacao.domain.documents import format_document
from gestao_negativacao.domain.enums import Action
from gestao_negativacao.domain.rules import Rule
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.rules.preview import Preview, PreviewError
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
    action: str | None = None  # what the person asked for (None: whatever was pending)

    def lines(self, *, terminal: bool = False) -> list[str]:
        """The run in words, the same on the screen and in the terminal (which adds how to
        follow what waits for the bureau's confirmation)."""
        r = self.report
        lines = []
        if self.enqueued is not None:
            lines.append(
                f"Postos na fila: {self.enqueued.queued} de {self.enqueued.requested} selecionados."
            )
        if self.action == Action.REMOVAL:  # "já constavam" reads wrong for a removal
            lines += [f"Baixados: {r.sent}", f"Já estavam baixados no birô: {r.already}"]
        elif self.action == Action.INCLUSION:
            lines += [f"Enviados: {r.sent}", f"Já constavam no birô: {r.already}"]
        else:
            lines += [f"Enviados: {r.sent}", f"Já feitos no birô antes: {r.already}"]
        if r.unconfirmed:
            follow = " (acompanhe com: gestao-negativacao sent --refresh)" if terminal else ""
            lines.append(f"Aceitos, aguardando confirmação do birô: {r.unconfirmed}{follow}")
        lines.append(f"Recusados pelo birô: {r.rejected}")
        lines.append(f"Ainda pendentes (nova tentativa no próximo envio): {r.pending}")
        if r.no_configuration:
            lines.append(f"Sem configuração válida para envio: {r.no_configuration}")
        if r.cancelled:
            lines.append("Envio interrompido: o que não foi enviado continua na fila.")
        return lines

    def problem_lines(self, limit: int | None = None) -> list[str]:
        """Each item refused or still pending, as the window's details and the terminal
        show it (CPF/CNPJ formatted)."""
        problems = self.report.problems[:limit] if limit else self.report.problems
        return [
            f"Venda {p.sale} parcela {p.installment} {format_document(p.debtor_document)}: "
            f"{p.message}"
            for p in problems
        ]


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
    if action == Action.INCLUSION and integrator is None:
        integrator = default_integrator(session_factory)
    preview = Preview(session_factory, actor, action, rule, integrator, as_of)
    if action == Action.INCLUSION:
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
    asked = (action or rule.kind) if rule is not None else action
    return SendOutcome(enqueued, sender.run(), asked)


def send_selection(
    session_factory: sessionmaker[Session],
    actor: Actor,
    action: str,
    selection,
    *,
    integrator: str | None = None,
    rule_id: int | None = None,
    options: SendOptions | None = None,
    progress: Callable[[Progress], None] | None = None,
    cancel: threading.Event | None = None,
) -> SendOutcome:
    """Queue the items a screen selected (rows of a preview, or ticked by hand), then send
    every pending entry. ``selection`` has the shape ``enqueue_inclusions`` or
    ``enqueue_removals`` reads."""
    if action == Action.INCLUSION:
        enqueued = enqueue_inclusions(
            session_factory, actor, selection, integrator, rule_id=rule_id
        )
    else:
        enqueued = enqueue_removals(session_factory, actor, selection, rule_id=rule_id)
    sender = Sender(session_factory, actor, options=options, progress=progress, cancel=cancel)
    return SendOutcome(enqueued, sender.run(), action)


def resend(
    session_factory: sessionmaker[Session],
    actor: Actor,
    negativation_ids: list[int],
    *,
    cancel: threading.Event | None = None,
) -> tuple[int, SendOutcome]:
    """Enviados' Reenviar: items in erro queued again, then sent."""
    from gestao_negativacao.services.sending import sent

    queued = sent.resend(session_factory, actor, negativation_ids)
    return queued, SendOutcome(None, Sender(session_factory, actor, cancel=cancel).run())


def send_pending(
    session_factory: sessionmaker[Session],
    actor: Actor,
    *,
    options: SendOptions | None = None,
    automatic: bool = False,
) -> SendReport:
    """Everything pending the user may send (a schedule's run, after it queued; with
    ``automatic``, only what an integration's automatic flag allows)."""
    return Sender(session_factory, actor, options=options, automatic=automatic).run()
