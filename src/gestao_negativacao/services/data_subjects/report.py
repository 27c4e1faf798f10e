"""Relatório do titular (LGPD art. 18 I, II and V; art. 19): everything this application
holds about one person, found by CPF/CNPJ — the customer record, the sales where they are
titular or avalista with their installments, the negativations and each one's history,
holds, agreements, pre-notices, the credit profile, requests and the bureau reports kept,
and the audit entries that name them. Permission ``LGPD_TITULAR``; every report audited.

The report is a plain dict with Portuguese keys and labels (what the person reads; no
internal code), written as JSON (portability) and as a PDF (``pdf``)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import literal, or_, select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.base import utc_now
from gestao_negativacao.db.models import (
    Agreement,
    AgreementInstallment,
    AuditEntry,
    Company,
    CreditLimitIncrease,
    CreditProfile,
    CreditQuery,
    CreditRequest,
    Customer,
    DebtorNotice,
    Enterprise,
    Hold,
    Installment,
    Negativation,
    NegativationEvent,
    Sale,
    SaleGuarantor,
)
from gestao_negativacao.domain.credit import STATUS_LABELS as PROFILE_LABELS
from gestao_negativacao.domain.credit import RequestStatus
from gestao_negativacao.domain.documents import (
    InvalidDocument,
    format_document,
    mask_for_log,
    parse_document,
)
from gestao_negativacao.domain.enums import (
    DebtorRole,
    HoldOrigin,
    Integrator,
    NegativationStatus,
    SaleSituation,
)
from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.audit_labels import action_label
from gestao_negativacao.services.sending.notices import OUTCOME_LABELS
from gestao_negativacao.services.sending.sent import EVENT_NAMES

# what the application does with the data, printed at the top of every report (art. 9)
PURPOSE = (
    "Os dados abaixo são tratados para a proteção do crédito (LGPD, art. 7º, X): registrar "
    "nos birôs de crédito (SPC Brasil, SPC Boa Vista, Serasa, Crédito na Medida) parcelas "
    "vencidas e não pagas, baixá-las quando pagas ou quando a lei manda, e analisar pedidos "
    "de crédito. Só os dados que o birô exige são enviados a ele. Os dados vêm do sistema de "
    "gestão (ERP) da empresa credora e das consultas feitas aos birôs."
)

# the keys of a stored bureau report (English, as the adapters write them), for the person
REPORT_KEYS = {
    "document": "documento",
    "name": "nome",
    "score": "score",
    "restrictions": "restricoes",
    "protests": "protestos",
    "bounced_cheques": "cheques_sem_fundo",
    "recent_queries": "consultas_recentes",
    "creditor": "credor",
    "value": "valor",
    "date": "data",
    "bureau": "biro",
    "kind": "tipo",
}


class SubjectError(UserFacingError, ValueError):
    """The request cannot be answered as given; the message says why."""


@dataclass(frozen=True)
class SavedReport:
    json_path: Path
    pdf_path: Path
    found: bool
    counts: dict[str, int]  # what the report holds, in words, for the screen


def _iso(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return value


def _label(enum, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return enum(value).label
    except ValueError:
        return value


def _integrator(value: str) -> str:
    return _label(Integrator, value) or ""


def _translated(value: Any) -> Any:
    if isinstance(value, dict):
        return {REPORT_KEYS.get(k, k): _translated(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_translated(v) for v in value]
    return value


def _customer(c: Customer) -> dict:
    return {
        "documento": format_document(c.document),
        "tipo": "Pessoa física" if c.kind == "F" else "Pessoa jurídica",
        "nome": c.name,
        "nascimento": _iso(c.birth_date),
        "email": c.email,
        "telefone": c.phone,
        "endereco": {
            "cep": c.cep,
            "logradouro": c.street,
            "numero": c.number,
            "complemento": c.complement,
            "bairro": c.district,
            "cidade": c.city,
            "uf": c.uf,
        },
    }


def _sales(session: Session, customer_id: int) -> list[dict]:
    guarantor_of = select(SaleGuarantor.sale_id).where(SaleGuarantor.customer_id == customer_id)
    rows = session.execute(
        select(Sale, Company.cnpj, Company.name, Enterprise.code)
        .join(Company, Company.id == Sale.company_id)
        .outerjoin(Enterprise, Enterprise.id == Sale.enterprise_id)
        .where(or_(Sale.holder_id == customer_id, Sale.id.in_(guarantor_of)))
        .order_by(Company.cnpj, Sale.number)
    ).all()
    by_sale: dict[int, list[Installment]] = {}
    sale_ids = [sale.id for sale, *_ in rows]
    for chunk in _chunks(sale_ids):  # one read for every sale, not one per sale
        for i in session.scalars(
            select(Installment)
            .where(Installment.sale_id.in_(chunk))
            .order_by(Installment.sale_id, Installment.number)
        ):
            by_sale.setdefault(i.sale_id, []).append(i)
    sales = []
    for sale, cnpj, company_name, enterprise in rows:
        installments = by_sale.get(sale.id, [])
        sales.append(
            {
                "empresa": f"{company_name} ({format_document(cnpj)})",
                "empreendimento": enterprise,
                "venda": sale.number,
                "papel": DebtorRole.HOLDER.label
                if sale.holder_id == customer_id
                else DebtorRole.GUARANTOR.label,
                "situacao": _label(SaleSituation, sale.situation),
                "data_da_situacao": _iso(sale.situation_date),
                "parcelas": [
                    {
                        "parcela": i.number,
                        "vencimento": _iso(i.due_date),
                        "vencimento_prorrogado": _iso(i.extended_due_date),
                        "valor": _iso(i.principal),
                        "valor_corrigido": _iso(i.adjusted),
                        "valor_pago": _iso(i.paid),
                        "data_do_pagamento": _iso(i.payment_date),
                        "em_aberto": _iso(i.open_amount),
                        "em_disputa": bool(i.disputed),
                    }
                    for i in installments
                ],
            }
        )
    return sales


def _negativations(session: Session, customer_id: int) -> tuple[list[dict], list[int]]:
    rows = session.execute(
        select(Negativation, Sale.number, Installment.number, Company.name)
        .join(Installment, Installment.id == Negativation.installment_id)
        .join(Sale, Sale.id == Installment.sale_id)
        .join(Company, Company.id == Sale.company_id)
        .where(Negativation.customer_id == customer_id)
        .order_by(Negativation.id)
    ).all()
    ids = [n.id for n, *_ in rows]
    history: dict[int, list[NegativationEvent]] = {}
    for chunk in _chunks(ids):  # one read for every history, not one per negativation
        for e in session.scalars(
            select(NegativationEvent)
            .where(NegativationEvent.negativation_id.in_(chunk))
            .order_by(NegativationEvent.id)
        ):
            history.setdefault(e.negativation_id, []).append(e)
    found = []
    for n, sale, installment, company in rows:
        events = history.get(n.id, [])
        found.append(
            {
                "empresa": company,
                "venda": sale,
                "parcela": installment,
                "biro": _integrator(n.integrator),
                "papel": _label(DebtorRole, n.debtor_role),
                "situacao": _label(NegativationStatus, n.status),
                "incluida_em": _iso(n.included_on),
                "visivel_a_partir_de": _iso(n.visible_from),
                "baixada_em": _iso(n.removed_at),
                "motivo_da_baixa": n.removal_reason,
                "protocolo_da_inclusao": n.protocol,
                "protocolo_da_baixa": n.removal_protocol,
                "historico": [
                    {
                        "quando": _iso(e.at),
                        "o_que": EVENT_NAMES.get(e.kind, "registro"),
                        "situacao_antes": _label(NegativationStatus, e.status_before),
                        "situacao_depois": _label(NegativationStatus, e.status_after),
                        "usuario": e.login,
                        "protocolo": e.protocol,
                        "mensagem": e.message,
                    }
                    for e in events
                ],
            }
        )
    return found, ids


def _holds_agreements_notices(session: Session, customer_id: int) -> tuple[dict, dict]:
    holds = session.scalars(
        select(Hold).where(Hold.customer_id == customer_id).order_by(Hold.id)
    ).all()
    agreements = session.scalars(
        select(Agreement).where(Agreement.customer_id == customer_id).order_by(Agreement.id)
    ).all()
    notices = session.scalars(
        select(DebtorNotice)
        .where(DebtorNotice.customer_id == customer_id)
        .order_by(DebtorNotice.id)
    ).all()
    sections = {
        "bloqueios": [
            {
                "origem": _label(HoldOrigin, h.origin),
                "motivo": h.reason,
                "desde": _iso(h.created_at),
                "ate": _iso(h.until),
                "retirado_em": _iso(h.lifted_at),
                "motivo_da_retirada": h.lift_reason,
            }
            for h in holds
        ],
        "acordos": [
            {
                "feito_em": _iso(a.made_on),
                "observacao": a.note,
                "tolerancia_dias": a.tolerance_days,
                "parcelas": [
                    {
                        "parcela": p.number,
                        "vencimento": _iso(p.due_date),
                        "valor": _iso(p.amount),
                        "prazo": _iso(p.deadline),
                        "paga_em": _iso(p.paid_on),
                    }
                    for p in session.scalars(
                        select(AgreementInstallment)
                        .where(AgreementInstallment.agreement_id == a.id)
                        .order_by(AgreementInstallment.number)
                    )
                ],
            }
            for a in agreements
        ],
        "avisos_previos": [
            {
                "enviado_em": _iso(n.sent_on),
                "email": n.email,
                "resultado": OUTCOME_LABELS.get(n.outcome, n.outcome),
                "pode_incluir_a_partir_de": _iso(n.eligible_from),
            }
            for n in notices
        ],
    }
    keys = {
        "hold": [h.id for h in holds],
        "agreement": [a.id for a in agreements],
    }
    return sections, keys


def _credit(session: Session, customer_id: int | None, document: str) -> tuple[dict, dict]:
    profile = session.get(CreditProfile, customer_id) if customer_id else None
    increases = (
        session.scalars(
            select(CreditLimitIncrease).where(CreditLimitIncrease.customer_id == customer_id)
        ).all()
        if customer_id
        else []
    )
    requests = (
        session.scalars(
            select(CreditRequest)
            .where(CreditRequest.customer_id == customer_id)
            .order_by(CreditRequest.id)
        ).all()
        if customer_id
        else []
    )
    who = [CreditQuery.document == document]
    if customer_id:
        who.append(CreditQuery.customer_id == customer_id)
    queries = session.scalars(select(CreditQuery).where(or_(*who)).order_by(CreditQuery.id)).all()
    section = {
        "perfil": {
            "situacao": PROFILE_LABELS.get(profile.status, profile.status),
            "limite": _iso(profile.credit_limit),
        }
        if profile
        else None,
        "aumentos_temporarios": [
            {"valor": _iso(i.amount), "ate": _iso(i.expires_on)} for i in increases
        ],
        "pedidos": [
            {
                "venda": r.sale_number,
                "valor": _iso(r.amount),
                "pedido_em": _iso(r.requested_at),
                "pedido_por": r.requested_by,
                "situacao": _request_status(r.status, r.decided_by),
                "decidido_em": _iso(r.decided_at),
                "decidido_por": r.decided_by,
                "motivos": json.loads(r.reasons or "[]"),
                "comentario": r.comment,
            }
            for r in requests
        ],
        "consultas_aos_biros": [
            {
                "quando": _iso(q.at),
                "biro": _integrator(q.integrator),
                "usuario": q.login,
                "score": q.score,
                "relatorio": _translated(json.loads(q.report or "{}")),
            }
            for q in queries
        ],
    }
    keys = {"credit_request": [r.id for r in requests], "credit_query": [q.id for q in queries]}
    return section, keys


def _request_status(status: str, decided_by: str | None) -> str:
    try:
        return RequestStatus(status).label(decided_by)
    except ValueError:
        return status


def _chunks(values: list[int], size: int = 200) -> Iterable[list[int]]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _audit(session: Session, customer_id: int | None, document: str, keys: dict) -> list[dict]:
    """The audit entries that name this person: by the customer (its id, or the document an
    older version wrote), or by one of their records; entries list several ids as "1,2,3"."""
    wanted = []
    if customer_id is not None:
        wanted.append(
            AuditEntry.entity.in_(["customer", "titular"])
            & AuditEntry.entity_key.in_([str(customer_id), document])
        )
    for entity, ids in keys.items():
        for chunk in _chunks(ids):
            if entity in ("negativation", "hold"):
                padded = literal(",") + AuditEntry.entity_key + literal(",")
                wanted.append(
                    (AuditEntry.entity == entity) & or_(*(padded.like(f"%,{i},%") for i in chunk))
                )
            else:
                wanted.append(
                    (AuditEntry.entity == entity)
                    & AuditEntry.entity_key.in_([str(i) for i in chunk])
                )
    if not wanted:
        return []
    rows = session.scalars(select(AuditEntry).where(or_(*wanted)).order_by(AuditEntry.id)).all()
    return [
        {
            "quando": _iso(a.at),
            "usuario": a.login,
            "estacao": a.workstation,
            "acao": action_label(a.action),
            "detalhes": json.loads(a.details or "{}"),
        }
        for a in rows
    ]


def build_report(
    session_factory: sessionmaker[Session], actor: Actor, document: str
) -> dict[str, Any]:
    """Everything held about the person of ``document``; also the answer "nothing is held"
    (art. 18 I: confirmation that data is, or is not, processed). Audited."""
    actor.require(Perm.LGPD_TITULAR)
    try:
        doc = parse_document(document).value
    except InvalidDocument as exc:
        raise SubjectError(f"CPF/CNPJ do titular: {exc}.") from None
    with session_factory() as session:
        customer = session.scalar(select(Customer).where(Customer.document == doc))
        customer_id = customer.id if customer else None
        report: dict[str, Any] = {
            "relatorio": "Relatório do titular (LGPD, art. 18)",
            "documento_pedido": format_document(doc),
            "gerado_em": _iso(utc_now()),
            "gerado_por": actor.login,
            "finalidade": PURPOSE,
            "titular": _customer(customer) if customer else None,
        }
        keys: dict[str, list[int]] = {}
        if customer is not None:
            report["vendas"] = _sales(session, customer.id)
            report["negativacoes"], keys["negativation"] = _negativations(session, customer.id)
            sections, more = _holds_agreements_notices(session, customer.id)
            report.update(sections)
            keys.update(more)
        report["credito"], more = _credit(session, customer_id, doc)
        keys.update(more)
        report["auditoria"] = _audit(session, customer_id, doc, keys)
    report["nada_consta"] = customer is None and not report["credito"]["consultas_aos_biros"]
    with session_factory.begin() as session:
        audit.record(
            session,
            actor,
            "titular.relatorio",
            entity="titular",
            entity_key=str(customer_id) if customer_id else "",
            details={"documento": mask_for_log(doc), "nada_consta": report["nada_consta"]},
        )
    return report


def save_report(
    session_factory: sessionmaker[Session], actor: Actor, document: str, folder: Path
) -> SavedReport:
    """The report as JSON and PDF in ``folder``; the file names carry the time, never the
    document (a folder listing must not show whose report it is)."""
    from gestao_negativacao.services.data_subjects.pdf import render_pdf

    report = build_report(session_factory, actor, document)
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"relatorio-do-titular-{datetime.now():%Y%m%d-%H%M%S}"
    json_path, pdf_path = folder / f"{stem}.json", folder / f"{stem}.pdf"
    json_path.write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    pdf_path.write_bytes(render_pdf(report))
    counts = {
        "venda(s)": len(report.get("vendas", [])),
        "negativação(ões)": len(report.get("negativacoes", [])),
        "consulta(s) aos birôs": len(report["credito"]["consultas_aos_biros"]),
        "registro(s) de operação": len(report["auditoria"]),
    }
    return SavedReport(json_path, pdf_path, not report["nada_consta"], counts)
