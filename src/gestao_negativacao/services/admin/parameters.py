"""Parâmetros (permission ``ADMIN_PARAMETROS`` to change; everyone may read): the general
parameters of automatic inclusion and removal (seed 000: "Dias para executar", Sim / Padrão
/ Não per company), the wait after the notice letter (LEGAL.md: 10 days by practice), the
legal removals kept automatically, and the credit-analysis parameters (DESIGN §10). Every
change is audited with its before and after."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.models import Company, CompanyParameter, Parameter
from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor

CHOICES = {"sim": "Sim", "padrao": "Padrão", "nao": "Não"}
TITLE_HANDLING = {
    "desativado": "Desativado",
    "bloquear": "Bloquear",
    "analise": "Incluir na análise",
}


class ParameterError(UserFacingError, ValueError):
    """A value the parameters refuse; the message says which and why."""


@dataclass(frozen=True)
class GeneralParameters:
    auto_include: bool = False  # negativar automaticamente (the "Padrão" of each company)
    auto_remove: bool = False  # remover automaticamente
    days_to_execute: int = 60  # days after the due date before an automatic inclusion
    notice_wait_days: int = 10  # days between the notice letter and the record
    legal_removals: bool = True  # removals owed for payment sent within the deadline
    five_years_removals: bool = True  # negativations reaching five years removed
    # the wait of one integrator, where it differs from ``notice_wait_days`` (seeds
    # 000/001/003: each bureau has its own "visível a partir de")
    notice_waits: dict[str, int] = field(default_factory=dict)
    # an inclusion the partner has not confirmed after this many days shows on the Painel
    confirmation_alert_days: int = 2
    # an agreement installment unpaid this many days after its due date breaks the agreement
    agreement_tolerance_days: int = 5
    # the ERP query's time limit: a slower one fails the sync instead of holding the jobs
    erp_timeout_minutes: int = 5
    # LGPD: a person with nothing open is anonymised this many years after the last thing
    # that happened with them (five: the CDC's limit on a record and the Código Civil's on
    # collecting the debt, art. 206 §5 I — the company may need the data until then)
    retention_years: int = 5

    def check(self) -> GeneralParameters:
        if not 1 <= self.days_to_execute <= 1825:
            raise ParameterError("Dias para executar: de 1 a 1825.")
        if not 1 <= self.confirmation_alert_days <= 30:
            raise ParameterError("Dias para alertar de confirmação pendente: de 1 a 30.")
        if not 1 <= self.erp_timeout_minutes <= 120:
            raise ParameterError("Tempo máximo da consulta ao ERP: de 1 a 120 minutos.")
        if not 1 <= self.retention_years <= 30:
            raise ParameterError("Prazo de guarda dos dados de titulares: de 1 a 30 anos.")
        if not 0 <= self.agreement_tolerance_days <= 90:
            raise ParameterError("Tolerância de atraso de parcela de acordo: de 0 a 90 dias.")
        for days in (self.notice_wait_days, *self.notice_waits.values()):
            if not 0 <= days <= 90:
                raise ParameterError("Dias de espera após a carta comunicado: de 0 a 90.")
        return self

    def notice_wait(self, integrator: str) -> int:
        """Days from the inclusion until the bureau shows the record (the letter's wait)."""
        return self.notice_waits.get(integrator, self.notice_wait_days)

    def visible_from(self, integrator: str, included_on: date) -> date:
        return included_on + timedelta(days=self.notice_wait(integrator))


@dataclass(frozen=True)
class CreditParameters:
    enabled: bool = False  # controle de análise de crédito
    overdue_titles: str = "analise"  # desativado | bloquear | analise
    notary_titles: str = "analise"  # títulos em cartório: the same choices
    notary_days: int = 30  # days after the due date for a title to count as in cartório
    repeat_query_days: int = 30  # a paid bureau query repeated within this warns first

    def check(self) -> CreditParameters:
        for value in (self.overdue_titles, self.notary_titles):
            if value not in TITLE_HANDLING:
                raise ParameterError("Títulos em atraso/cartório: desativado, bloquear ou análise.")
        if not 1 <= self.notary_days <= 365:
            raise ParameterError("Dias para considerar em cartório: de 1 a 365.")
        if not 0 <= self.repeat_query_days <= 365:
            raise ParameterError("Dias para avisar de consulta repetida: de 0 a 365.")
        return self


@dataclass(frozen=True)
class EmailParameters:
    """The e-mail summary to supervisors (failed runs, deadlines at risk); the SMTP
    password lives in the keyring, never here."""

    enabled: bool = False
    host: str = ""
    port: int = 587
    starttls: bool = True
    user: str = ""
    sender: str = ""
    recipients: str = ""  # separated by commas or semicolons
    # the pre-notice to a debtor before an inclusion (``services.sending.notices``):
    # ${nome}, ${empresa}, ${parcelas}, ${total} and ${data} are filled in
    notice_subject: str = "Aviso de débito em aberto — ${empresa}"
    notice_template: str = (
        "Prezado(a) ${nome},\n\n"
        "Consta em aberto junto a ${empresa}:\n${parcelas}\n"
        "Total: ${total}.\n\n"
        "Se o débito não for regularizado, seu nome poderá ser incluído nos cadastros de "
        "proteção ao crédito a partir de ${data}. Se já pagou, desconsidere este aviso.\n\n"
        "${empresa}"
    )

    def check(self) -> EmailParameters:
        if self.enabled and (not self.host or not self.sender or not self.addresses()):
            raise ParameterError("E-mail: informe o servidor SMTP, o remetente e os destinatários.")
        if not 1 <= self.port <= 65535:
            raise ParameterError("E-mail: porta SMTP inválida.")
        return self

    def addresses(self) -> list[str]:
        return [a.strip() for a in self.recipients.replace(";", ",").split(",") if a.strip()]


@dataclass(frozen=True)
class CompanyChoice:
    company_id: int
    cnpj: str
    name: str
    auto_include: str = "padrao"  # sim | padrao | nao
    auto_remove: str = "padrao"
    days_to_execute: int | None = None
    # the company e-mails the debtor this many days before an inclusion (None: it does not)
    pre_notice_days: int | None = None


GROUPS = {"geral": GeneralParameters, "credito": CreditParameters, "email": EmailParameters}


def _read(session: Session, key: str, kind):
    row = session.get(Parameter, key)
    defaults = kind()
    if row is None:
        return defaults
    stored = json.loads(row.value)
    known = {f.name for f in fields(kind)}
    return replace(defaults, **{k: v for k, v in stored.items() if k in known})


def general(session_factory: sessionmaker[Session]) -> GeneralParameters:
    with session_factory() as session:
        return _read(session, "geral", GeneralParameters)


def credit(session_factory: sessionmaker[Session]) -> CreditParameters:
    with session_factory() as session:
        return _read(session, "credito", CreditParameters)


def _save(session_factory, actor: Actor, key: str, value) -> None:
    actor.require(Perm.ADMIN_PARAMETROS)
    value.check()
    with session_factory.begin() as session:
        before = asdict(_read(session, key, type(value)))
        after = asdict(value)
        row = session.get(Parameter, key)
        if row is None:
            session.add(Parameter(key=key, value=json.dumps(after)))
        else:
            row.value = json.dumps(after)
        changed = {k: [before[k], after[k]] for k in after if before.get(k) != after[k]}
        if changed:
            audit.record(
                session,
                actor,
                "parametros.alterar",
                entity="parameters",
                entity_key=key,
                details=changed,
            )


def email(session_factory: sessionmaker[Session]) -> EmailParameters:
    with session_factory() as session:
        return _read(session, "email", EmailParameters)


def save_email(session_factory, actor: Actor, value: EmailParameters) -> None:
    _save(session_factory, actor, "email", value)


def save_general(session_factory, actor: Actor, value: GeneralParameters) -> None:
    _save(session_factory, actor, "geral", value)


def save_credit(session_factory, actor: Actor, value: CreditParameters) -> None:
    _save(session_factory, actor, "credito", value)


def company_choices(session_factory: sessionmaker[Session]) -> list[CompanyChoice]:
    with session_factory() as session:
        rows = session.execute(
            select(Company.id, Company.cnpj, Company.name, CompanyParameter)
            .outerjoin(CompanyParameter, CompanyParameter.company_id == Company.id)
            .order_by(Company.name, Company.cnpj)
        ).all()
    return [
        CompanyChoice(cid, cnpj, name)
        if p is None
        else CompanyChoice(
            cid, cnpj, name, p.auto_include, p.auto_remove, p.days_to_execute, p.pre_notice_days
        )
        for cid, cnpj, name, p in rows
    ]


def save_company_choices(
    session_factory: sessionmaker[Session], actor: Actor, choices: list[CompanyChoice]
) -> None:
    actor.require(Perm.ADMIN_PARAMETROS)
    for choice in choices:
        if choice.auto_include not in CHOICES or choice.auto_remove not in CHOICES:
            raise ParameterError("Automático por empresa: sim, padrao ou nao.")
        if choice.days_to_execute is not None and not 1 <= choice.days_to_execute <= 1825:
            raise ParameterError(f"Dias para executar da empresa {choice.name}: de 1 a 1825.")
        if choice.pre_notice_days is not None and not 1 <= choice.pre_notice_days <= 90:
            raise ParameterError(
                f"Dias de aviso prévio da empresa {choice.name}: de 1 a 90 (ou sem aviso)."
            )
    with session_factory.begin() as session:
        for choice in choices:
            row = session.get(CompanyParameter, choice.company_id)
            if row is None:
                row = CompanyParameter(company_id=choice.company_id)
                session.add(row)
            row.auto_include = choice.auto_include
            row.auto_remove = choice.auto_remove
            row.days_to_execute = choice.days_to_execute
            row.pre_notice_days = choice.pre_notice_days
        audit.record(
            session,
            actor,
            "parametros.empresas",
            entity="parameters",
            entity_key="empresas",
            details={
                c.cnpj: [c.auto_include, c.auto_remove, c.days_to_execute, c.pre_notice_days]
                for c in choices
            },
        )


def effective(choice: CompanyChoice, defaults: GeneralParameters) -> tuple[bool, bool, int]:
    """(automatic inclusion, automatic removal, days to execute) for one company:
    Sim and Não decide; Padrão follows the general parameters."""

    def resolve(value: str, default: bool) -> bool:
        return default if value == "padrao" else value == "sim"

    return (
        resolve(choice.auto_include, defaults.auto_include),
        resolve(choice.auto_remove, defaults.auto_remove),
        choice.days_to_execute or defaults.days_to_execute,
    )
