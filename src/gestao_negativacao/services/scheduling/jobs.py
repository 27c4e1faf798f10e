"""What a schedule does when it runs (seed 004 item 10, seeds 000/001):

- inclusion (job 44) / removal (job 43): every rule of the schedule finds its items on the
  day of the slot, they are queued, and one sending run sends everything pending; only the
  companies whose automatic inclusion/removal is on (Sim, or Padrão with the general
  parameter on) take part, and an inclusion only of installments overdue by at least the
  company's "Dias para executar" on the run's date, whatever the rule's own lower bound;
- legal: the removals owed for full payments (five business days, LEGAL.md) and the
  negativations reaching five years — each can be turned off by an admin in Parâmetros;
- sync: the ERP's newest export in a folder, or a read-only query on its database;
- lgpd: the people with nothing open and nothing done for the retention period of
  Parâmetros anonymised (``services.data_subjects.anonymise``);
- follow_up: the bureaus that confirm an inclusion later (Serasa via SOA, Crédito na
  Medida) asked once about everything waiting (DESIGN §5.2); also done once right after
  each automatic inclusion, never in a loop.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Select, and_, make_url, or_, select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.models import ImportSource, Installment, Integration, Sale, Schedule
from gestao_negativacao.domain.enums import Integrator, ScheduleAction
from gestao_negativacao.domain.rule_format import parse_rule
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.admin import parameters
from gestao_negativacao.services.bureau_setup import credentials
from gestao_negativacao.services.importing import import_file, import_table
from gestao_negativacao.services.importing.reader import FileFormat, Table
from gestao_negativacao.services.rules import get_rule
from gestao_negativacao.services.rules.preview import Preview
from gestao_negativacao.services.scheduling import erp_source
from gestao_negativacao.services.scheduling.sources import source_password_key
from gestao_negativacao.services.sending.enqueue import enqueue_inclusions, enqueue_removals
from gestao_negativacao.services.sending.selection import AUTOMATIC_FLAGS
from gestao_negativacao.services.sending.service import send_pending
from gestao_negativacao.services.sending.worker import SendOptions

EXPORTS = (".csv", ".txt", ".xlsx")


@dataclass
class JobResult:
    """What a scheduled job did, counted once here: the run's row (``ScheduleRun``), its
    summary (``runner.RunSummary``), the screens and the e-mail all read these counters."""

    found: int = 0
    queued: int = 0
    sent: int = 0
    already: int = 0
    rejected: int = 0
    pending: int = 0
    errors: list[str] = field(default_factory=list)

    def counters(self) -> dict[str, int]:
        """The counters by name, as the run's row stores them."""
        return {name: getattr(self, name) for name in COUNTERS}


COUNTERS = ("found", "queued", "sent", "already", "rejected", "pending")


def _automatic_companies(session_factory, action: str) -> dict[int, int]:
    """Companies whose automatic inclusion (or removal) is on (seed 000: Sim / Padrão /
    Não, Padrão following the general parameter), each with its "Dias para executar"
    (the company's own, or the general one)."""
    defaults = parameters.general(session_factory)
    allowed = {}
    for choice in parameters.company_choices(session_factory):
        include, remove, days = parameters.effective(choice, defaults)
        if include if action == ScheduleAction.INCLUSION else remove:
            allowed[choice.company_id] = days
    return allowed


def _of_companies(selection: Select, companies: dict[int, int], action: str, as_of: date) -> Select:
    """``selection`` kept to the installments of ``companies``; for an inclusion, only
    those due at least the company's days to execute before ``as_of`` (seeds 000/001:
    days after the due date before an automatic inclusion)."""
    chosen = selection.subquery("chosen")
    if action == ScheduleAction.INCLUSION:
        by_days: dict[int, list[int]] = defaultdict(list)
        for company_id, days in companies.items():
            by_days[days].append(company_id)
        allowed = or_(
            *(
                and_(Sale.company_id.in_(ids), Installment.due_date <= as_of - timedelta(days))
                for days, ids in sorted(by_days.items())
            )
        )
    else:
        allowed = Sale.company_id.in_(list(companies))
    in_companies = select(Installment.id).join(Sale, Sale.id == Installment.sale_id).where(allowed)
    return select(*chosen.c).where(chosen.c.installment_id.in_(in_companies))


def _flagged_integrators(session_factory, action: str, integrator: str | None) -> set[str]:
    """Integrators with an active integration whose automatic flag for ``action`` is on
    (seed 000: "Incluir automaticamente" / "Remover automaticamente")."""
    flag = (
        Integration.auto_include if action == ScheduleAction.INCLUSION else Integration.auto_remove
    )
    query = select(Integration.integrator).where(Integration.active, flag)
    if integrator is not None:
        query = query.where(Integration.integrator == integrator)
    with session_factory() as session:
        return set(session.scalars(query))


def _send(
    session_factory,
    actor: Actor,
    result: JobResult,
    options: SendOptions | None,
    *,
    automatic: bool = False,
) -> None:
    report = send_pending(session_factory, actor, options=options, automatic=automatic)
    result.sent += report.sent + report.unconfirmed
    result.already += report.already
    result.rejected += report.rejected
    result.pending += report.pending + report.no_configuration
    result.errors += [p.message for p in report.problems[:20]]


def _notices(session_factory, actor, preview: Preview, as_of: date, companies) -> list[str]:
    """Send the pre-notices the rule waits for, for the companies in automation; what went
    wrong goes in the run's errors (the inclusion goes on: those items simply wait)."""
    from gestao_negativacao.services.mail import MailNotConfigured
    from gestao_negativacao.services.sending.notices import send_notices

    cnpjs = {
        c.cnpj for c in parameters.company_choices(session_factory) if c.company_id in companies
    }
    try:
        return send_notices(session_factory, actor, preview, as_of, companies=cnpjs).errors
    except MailNotConfigured as exc:
        return [f"avisos prévios não enviados: {exc}"]


def run_rules(session_factory, actor, schedule: Schedule, as_of: date, options=None) -> JobResult:
    result = JobResult()
    companies = _automatic_companies(session_factory, schedule.action)
    if not companies:
        result.errors.append(
            "nenhuma empresa com envio automático ligado (Parâmetros: Sim / Padrão / Não)"
        )
        return result
    if not _flagged_integrators(session_factory, schedule.action, schedule.integrator):
        flag = AUTOMATIC_FLAGS[schedule.action]
        where = f" de {Integrator(schedule.integrator).label}" if schedule.integrator else ""
        result.errors.append(f"nenhuma integração{where} com “{flag}” ligado (Integrações)")
        return result
    for name in json.loads(schedule.rules):
        stored = get_rule(session_factory, name)
        if not stored.rule.active:
            result.errors.append(f"regra {name!r} inativa: não usada")
            continue
        preview = Preview(
            session_factory, actor, schedule.action, stored.rule, schedule.integrator, as_of
        )
        result.found += preview.count()
        if (
            schedule.action == ScheduleAction.INCLUSION
        ):  # companies that warn first: today's notices
            result.errors += _notices(session_factory, actor, preview, as_of, companies)
        selection = _of_companies(preview.selection(), companies, schedule.action, as_of)
        if schedule.action == ScheduleAction.INCLUSION:
            queued = enqueue_inclusions(
                session_factory, actor, selection, schedule.integrator, rule_id=stored.id
            )
        else:
            queued = enqueue_removals(session_factory, actor, selection, rule_id=stored.id)
        result.queued += queued.queued
    _send(session_factory, actor, result, options, automatic=True)
    if (
        schedule.action == ScheduleAction.INCLUSION
    ):  # what the partners already confirmed turns ativa
        result.errors += run_follow_up(session_factory, actor).errors
    return result


def run_follow_up(session_factory, actor) -> JobResult:
    """Ask the bureaus that confirm later about every inclusion still waiting: found =
    asked, sent = confirmed (ativa), rejected = refused (erro), pending = still waiting."""
    from gestao_negativacao.services.sending.follow_up import refresh_confirmations

    report = refresh_confirmations(session_factory, actor)
    return JobResult(
        found=report.asked,
        sent=report.activated,
        rejected=report.failed,
        pending=report.still_pending,
        errors=list(report.errors),
    )


def run_legal(session_factory, actor, as_of: date, options=None) -> JobResult:
    """The removals the law owes: full payments (removed within five business days) and
    negativations reaching five years (and those em disputa, which go the same way), and
    those an agreement kept covers (DESIGN §5.6)."""
    result = JobResult()
    general = parameters.general(session_factory)
    if not general.legal_removals and not general.five_years_removals:
        result.errors.append("baixas legais automáticas desligadas em Parâmetros")
        return result
    triggers = {"paid": True} if general.legal_removals else {}
    rule = parse_rule(
        {"name": "baixas legais", "kind": ScheduleAction.REMOVAL, "triggers": triggers}
    )
    preview = Preview(session_factory, actor, ScheduleAction.REMOVAL, rule, None, as_of)
    selection = preview.selection()
    if not general.five_years_removals:
        # the preview's own rows carry the trigger that fired: leave the five-year ones out
        source = preview.source
        selection = select(source.c.negativation_id).where(
            source.c.reason.is_(None), source.c.trigger.is_distinct_from("five_years")
        )
    result.found = preview.count()
    result.queued = enqueue_removals(session_factory, actor, selection).queued
    _send(session_factory, actor, result, options)
    return result


def run_anonymisation(session_factory, actor, as_of: date) -> JobResult:
    """LGPD: everyone due for anonymisation on the slot's date; ``found`` counts them."""
    from gestao_negativacao.services.data_subjects.anonymise import anonymise_due

    return JobResult(found=anonymise_due(session_factory, actor, as_of).anonymised)


def _newest_export(folder: Path) -> Path | None:
    files = [p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in EXPORTS]
    return max(files, key=lambda p: p.stat().st_mtime, default=None)


def _text(value) -> str:
    """A database value as the import reads it (dd/mm/aaaa, decimal comma)."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, Decimal | float):
        return f"{Decimal(str(value)):.2f}".replace(".", ",")
    return str(value)


def run_sync(session_factory: sessionmaker[Session], actor, source_id: int) -> JobResult:
    result = JobResult()
    with session_factory() as session:
        source = session.get(ImportSource, source_id)
        if source is None:
            result.errors.append("fonte do ERP não encontrada")
            return result
        kind, path, url, query, last = (
            source.kind,
            source.path,
            source.url,
            source.query,
            source.last_imported,
        )
    if kind == "folder":
        folder = Path(path or "")
        if not folder.is_dir():
            result.errors.append(f"pasta do ERP não encontrada: {folder}")
            return result
        newest = _newest_export(folder)
        if newest is None:
            return result
        stamp = f"{newest.name}|{int(newest.stat().st_mtime)}"
        if stamp == last:
            return result  # already imported: the ERP has not exported since
        report = import_file(session_factory, actor, newest, valid_only=True)
    else:
        password = credentials.get_named(source_password_key(source_id))
        timeout = parameters.general(session_factory).erp_timeout_minutes * 60
        try:
            headers, found = erp_source.fetch(
                url if not password else _with_password(url, password), query or "", timeout
            )
        except erp_source.ErpQueryError as exc:  # refused here, or by the ERP's server
            result.errors.append(str(exc))
            return result
        rows = [(line, [_text(v) for v in row]) for line, row in enumerate(found, start=2)]
        stamp = None
        table = Table(FileFormat("csv", encoding="utf-8", delimiter=";"), headers, rows)
        report = import_table(session_factory, actor, table, "consulta ao ERP", valid_only=True)
    result.found = report.rows
    result.queued = sum(report.created.values()) + sum(report.updated.values())
    result.errors += [f"linha {e.line}, {e.column}: {e.message}" for e in report.errors[:50]]
    if stamp and report.written:
        with session_factory.begin() as session:
            session.get(ImportSource, source_id).last_imported = stamp
    return result


def _with_password(url: str, password: str) -> str:
    return make_url(url).set(password=password).render_as_string(hide_password=False)
