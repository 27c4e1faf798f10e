"""The e-mail summary to supervisors after the scheduled runs: failed runs and removals
whose legal deadline is today or past (Parâmetros → E-mail; the SMTP password in the
keyring). Sent only when there is something to say. An e-mail leaves the company's
hands: it names sales and installments, and documents masked, never a debtor's name,
full CPF/CNPJ or address (the screens show them to whoever may see them)."""

from __future__ import annotations

from datetime import date
from email.message import EmailMessage

from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.domain.documents import mask_for_log
from gestao_negativacao.domain.enums import RunStatus
from gestao_negativacao.logs import mask_documents
from gestao_negativacao.services import mail
from gestao_negativacao.services.admin import parameters
from gestao_negativacao.services.dashboard import dashboard
from gestao_negativacao.services.scheduling.runner import RunSummary


def summary_text(runs: list[RunSummary], session_factory, today: date) -> str | None:
    failed = [r for r in runs if r.status == RunStatus.ERROR]
    board = dashboard(session_factory, today)
    at_risk = [r for r in board.removals_owed if r.deadline <= today]
    if not failed and not at_risk:
        return None
    lines = ["Gestão de Negativação — resumo dos agendamentos", ""]
    if failed:
        lines.append(f"Agendamentos com falha ({len(failed)}):")
        for run in failed:
            errors = mask_documents("; ".join(run.errors))[:500]
            lines.append(f"  - {run.schedule}: {errors}")
        lines.append("")
    if at_risk:
        lines.append(f"Baixas com prazo legal vencendo hoje ou vencido ({len(at_risk)}):")
        for r in at_risk[:100]:
            lines.append(
                f"  - prazo {r.deadline:%d/%m/%Y}: venda {r.sale} parcela {r.installment}, "
                f"{mask_for_log(r.document)}, {r.integrator}"
            )
    return "\n".join(lines)


def send_summary(
    session_factory: sessionmaker[Session], runs: list[RunSummary], today: date
) -> bool:
    """True when an e-mail was sent."""
    settings = parameters.email(session_factory)
    if not settings.enabled:
        return False
    body = summary_text(runs, session_factory, today)
    if body is None:
        return False
    message = EmailMessage()
    message["Subject"] = "Gestão de Negativação: atenção aos agendamentos e prazos"
    message["To"] = ", ".join(settings.addresses())
    message.set_content(body)
    mail.send(settings, [message])
    return True
