"""Consultas: a credit report from a bureau for a customer or any CPF/CNPJ (a lead),
through the integrator's adapter, kept with date, user and bureau (permission
``CREDITO_CONSULTA``). Queries cost money: the same document asked again within the
parameter's days returns the stored report unless the user insists."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.bureaus.base import CreditReport
from gestao_negativacao.db.base import utc_now
from gestao_negativacao.db.models import CreditQuery, Customer
from gestao_negativacao.domain.documents import InvalidDocument, parse_document
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.admin import parameters
from gestao_negativacao.services.bureau_setup.integrations import adapter_for, secret_check
from gestao_negativacao.services.credit import CreditError
from gestao_negativacao.services.sending.selection import choose, load_options


@dataclass(frozen=True)
class StoredReport:
    id: int
    document: str
    integrator: str
    login: str
    at: datetime
    report: dict
    from_store: bool  # True: an earlier report, no new (paid) query was made


def _report_json(report: CreditReport) -> dict:
    def items(values):
        return [
            {
                "creditor": r.creditor,
                "value": f"{r.value:.2f}" if r.value is not None else None,
                "date": r.date.isoformat() if r.date else None,
                "bureau": r.bureau,
                "kind": r.kind,
            }
            for r in values
        ]

    return {
        "document": report.document,
        "name": report.name,
        "score": report.score,
        "restrictions": items(report.restrictions),
        "protests": items(report.protests),
        "bounced_cheques": report.bounced_cheques,
        "recent_queries": report.recent_queries,
        # a bureau that answers in PDF (Crédito na Medida): the document itself, kept
        "pdf_base64": base64.b64encode(report.pdf).decode("ascii") if report.pdf else None,
    }


def _stored(row: CreditQuery, from_store: bool) -> StoredReport:
    return StoredReport(
        row.id,
        row.document,
        row.integrator,
        row.login,
        row.at,
        json.loads(row.report),
        from_store,
    )


def latest(session_factory, document: str, integrator: str | None = None) -> StoredReport | None:
    with session_factory() as session:
        query = select(CreditQuery).where(CreditQuery.document == document)
        if integrator:
            query = query.where(CreditQuery.integrator == integrator)
        row = session.scalar(query.order_by(CreditQuery.id.desc()).limit(1))
        return _stored(row, True) if row else None


def query_credit(
    session_factory: sessionmaker[Session],
    actor: Actor,
    document: str,
    integrator: str,
    *,
    force: bool = False,
) -> StoredReport:
    actor.require(Perm.CREDITO_CONSULTA)
    try:
        bare = parse_document(document).value
    except InvalidDocument as exc:
        raise CreditError(str(exc)) from None
    window = timedelta(days=parameters.credit(session_factory).repeat_query_days)
    previous = latest(session_factory, bare, integrator)
    if previous is not None and not force and utc_now() - previous.at < window:
        return previous
    with session_factory() as session:
        options = load_options(session, integrator)
        customer_id = session.scalar(select(Customer.id).where(Customer.document == bare))
    chosen = choose(options, integrator, -1, actor, secret_check(session_factory))
    adapter = adapter_for(session_factory, chosen.integration_id, chosen.operator_id, timeout=60)
    try:
        report = adapter.query_credit(bare)
    finally:
        adapter.close()
    with session_factory.begin() as session:
        row = CreditQuery(
            document=bare,
            customer_id=customer_id,
            integrator=integrator,
            login=actor.login,
            report=json.dumps(_report_json(report), ensure_ascii=False),
            score=report.score,
        )
        session.add(row)
        session.flush()
        audit.record(
            session,
            actor,
            "credito.consulta",
            entity="credit_query",
            entity_key=str(row.id),
            details={"integradora": integrator, "cliente": customer_id is not None},
        )
        return _stored(row, False)
