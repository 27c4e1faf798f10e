"""Pre-notice to the debtor (aviso prévio, seeds 000/001 "contato antes do registro"): a
company may choose to warn its debtors by e-mail a number of days before including them
(Parâmetros → Empresas). While it does, an installment stays out of inclusion with reason
``notice_pending`` until a notice about it went out and those days have passed
(``rules.sql.notice_pending``); this module sends the notices the rule's preview asks for,
one e-mail per debtor and company listing their installments, and records each attempt —
sent, failed, or no e-mail address to send to — with its date."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from email.message import EmailMessage
from string import Template

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.models import Customer, DebtorNotice, Installment, Sale
from gestao_negativacao.domain.enums import ExclusionReason, NoticeOutcome, labels
from gestao_negativacao.domain.money import format_brl
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services import audit, mail
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.admin import parameters
from gestao_negativacao.services.importing.writer import chunks
from gestao_negativacao.services.joins import to_debtor, to_sale
from gestao_negativacao.services.rules.preview import Preview, PreviewItem

SENT, FAILED, NO_EMAIL = NoticeOutcome.SENT, NoticeOutcome.FAILED, NoticeOutcome.NO_EMAIL
OUTCOME_LABELS = labels(NoticeOutcome)


@dataclass
class NoticeReport:
    debtors: int = 0  # e-mails the run had to send (one per debtor and company)
    sent: int = 0
    failed: int = 0
    no_email: int = 0
    installments: int = 0  # installments the sent e-mails covered
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        if not self.debtors:
            return "Nenhum aviso prévio a enviar."
        parts = [f"{self.sent} aviso(s) prévio(s) enviado(s) ({self.installments} parcela(s))"]
        if self.no_email:
            parts.append(f"{self.no_email} devedor(es) sem e-mail no cadastro")
        if self.failed:
            parts.append(f"{self.failed} falha(s) de envio")
        return "; ".join(parts) + "."


@dataclass(frozen=True)
class NoticeInfo:
    sale: str
    installment: int
    debtor_document: str
    debtor_name: str
    sent_on: date
    eligible_from: date
    outcome: str
    message: str

    def as_json(self) -> dict:
        return {
            "sale": self.sale,
            "installment": self.installment,
            "debtor_document": self.debtor_document,
            "sent_on": self.sent_on.isoformat(),
            "eligible_from": self.eligible_from.isoformat(),
            "outcome": self.outcome,
            "message": self.message,
        }


def _attempts(session: Session, items: list[PreviewItem]) -> dict[tuple[int, int], set[str]]:
    """The outcomes already recorded for each item."""
    keys = [(i.installment_id, i.customer_id) for i in items]
    found: dict[tuple[int, int], set[str]] = defaultdict(set)
    for chunk in chunks(keys, 400):
        query = select(
            DebtorNotice.installment_id, DebtorNotice.customer_id, DebtorNotice.outcome
        ).where(tuple_(DebtorNotice.installment_id, DebtorNotice.customer_id).in_(chunk))
        for installment_id, customer_id, outcome in session.execute(query):
            found[(installment_id, customer_id)].add(outcome)
    return found


def _message(settings, debtor: str, email: str, company: str, items, eligible: date):
    lines = "\n".join(
        f"  - venda {i.sale_number}, parcela {i.installment_number}, vencida em "
        f"{i.due_date:%d/%m/%Y}: {format_brl(i.amount)}"
        for i in items
    )
    total = sum((i.amount for i in items), Decimal("0.00"))
    values = {
        "nome": debtor,
        "empresa": company,
        "parcelas": lines,
        "total": format_brl(total),
        "data": f"{eligible:%d/%m/%Y}",
    }
    message = EmailMessage()
    message["Subject"] = Template(settings.notice_subject).safe_substitute(values)
    message["To"] = email
    message.set_content(Template(settings.notice_template).safe_substitute(values))
    return message


def send_notices(
    session_factory: sessionmaker[Session],
    actor: Actor,
    preview: Preview,
    as_of: date,
    *,
    companies: set[str] | None = None,
) -> NoticeReport:
    """Send the notices the preview's items wait for (excluded with ``notice_pending`` and
    no notice sent yet; of ``companies`` (CNPJ) only, when given); a failed attempt is
    tried again on the next run."""
    actor.require(Perm.NEG_INCLUIR)
    report = NoticeReport()
    pending = [
        i
        for i in preview.iterate(excluded=True)
        if i.reason == ExclusionReason.NOTICE_PENDING
        and (companies is None or i.company_cnpj in companies)
    ]
    if not pending:
        return report
    days = {
        c.cnpj: c.pre_notice_days
        for c in parameters.company_choices(session_factory)
        if c.pre_notice_days
    }
    settings = parameters.email(session_factory)
    with session_factory() as session:
        tried = _attempts(session, pending)
        # sent: it only waits for its days; no e-mail: tried again each run (an import may
        # bring the address), recorded once
        todo = [i for i in pending if SENT not in tried[(i.installment_id, i.customer_id)]]
        emails = {}
        for chunk in chunks(sorted({i.customer_id for i in todo}), 500):
            query = select(Customer.id, Customer.email).where(Customer.id.in_(chunk))
            emails.update(dict(session.execute(query).all()))
    groups: dict[tuple[int, str], list[PreviewItem]] = defaultdict(list)
    for item in todo:
        groups[(item.customer_id, item.company_cnpj)].append(item)
    if groups:
        mail.require_configured(settings)
    report.debtors = len(groups)
    rows: list[DebtorNotice] = []
    for (customer_id, cnpj), items in groups.items():
        eligible = as_of + timedelta(days=days.get(cnpj, 0))
        email = (emails.get(customer_id) or "").strip()
        outcome, note = SENT, ""
        if not email:
            outcome, note = NO_EMAIL, "sem e-mail no cadastro do devedor"
            report.no_email += 1
        else:
            first = items[0]
            message = _message(
                settings, first.debtor_name, email, first.company_name, items, eligible
            )
            try:
                mail.send(settings, [message])
            except (OSError, ValueError) as exc:  # smtplib's errors are OSErrors
                # the server's words, never the message (it carries the debtor's data)
                outcome, note = FAILED, f"{type(exc).__name__}: {str(exc)[:200]}"
                report.failed += 1
                # the run's errors reach logs and e-mails: no address or name in them (a
                # refusal of the server speaks of the server only)
                why = str(exc) if isinstance(exc, mail.MailRefused) else type(exc).__name__
                if f"aviso prévio não enviado ({why})" not in report.errors:
                    report.errors.append(f"aviso prévio não enviado ({why})")
            else:
                report.sent += 1
                report.installments += len(items)
        if outcome == NO_EMAIL:
            items = [i for i in items if NO_EMAIL not in tried[(i.installment_id, customer_id)]]
        rows += [
            DebtorNotice(
                installment_id=i.installment_id,
                customer_id=customer_id,
                sent_on=as_of,
                eligible_from=eligible,
                email=email[:150],
                outcome=outcome,
                message=note[:300],
                created_by=actor.login,
            )
            for i in items
        ]
    with session_factory.begin() as session:
        session.add_all(rows)
        audit.record(
            session,
            actor,
            "aviso_previo.enviar",
            entity="debtor_notice",
            entity_key=as_of.isoformat(),
            details={
                "enviados": report.sent,
                "falhas": report.failed,
                "sem_email": report.no_email,
                "parcelas": report.installments,
            },
        )
    return report


def list_notices(
    session_factory: sessionmaker[Session], *, debtor_document: str | None = None, limit=5000
) -> list[NoticeInfo]:
    """Every notice sent or tried, newest first."""
    query = (
        select(
            Sale.number,
            Installment.number,
            Customer.document,
            Customer.name,
            DebtorNotice.sent_on,
            DebtorNotice.eligible_from,
            DebtorNotice.outcome,
            DebtorNotice.message,
        )
        .order_by(DebtorNotice.id.desc())
        .limit(limit)
    )
    query = to_debtor(
        to_sale(query, DebtorNotice.installment_id, company=False), DebtorNotice.customer_id
    )
    if debtor_document:
        digits = "".join(ch for ch in debtor_document if ch.isalnum()).upper()
        query = query.where(Customer.document == digits)
    with session_factory() as session:
        return [NoticeInfo(*row) for row in session.execute(query)]


__all__ = ["NoticeInfo", "NoticeReport", "OUTCOME_LABELS", "list_notices", "send_notices"]
