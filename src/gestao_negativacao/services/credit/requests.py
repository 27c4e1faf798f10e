"""Credit requests (DESIGN §10, seed 002): decided at once by the rules or queued for a
supervisor, approved within the alçada (generating exactly the installments saved with
the request) or blocked with a comment. Audited."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.base import utc_now
from gestao_negativacao.db.models import (
    Company,
    CreditRequest,
    Customer,
    Installment,
    Sale,
)
from gestao_negativacao.domain.credit import (
    AWAITING_SUPERVISOR,
    METHOD_LABELS,
    RULES_DECIDED,
    CreditFacts,
    Decision,
    RequestStatus,
    decide,
)
from gestao_negativacao.domain.documents import InvalidDocument, parse_cnpj
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.admin import parameters
from gestao_negativacao.services.credit.authority import NO_AUTHORITY, _authority
from gestao_negativacao.services.credit.common import ZERO, CreditError
from gestao_negativacao.services.credit.profile import _customer, _profile


@dataclass(frozen=True)
class RequestInput:
    customer_document: str
    company_cnpj: str
    sale_number: str
    amount: Decimal
    method: str
    installments: tuple[tuple[date, Decimal], ...]
    origin: str = "aplicativo"


def parse_request(doc: dict) -> RequestInput:
    """A request as the ERP sends it (``credit request FILE.json``); every problem is
    reported at once, in Portuguese."""
    problems = []

    def money(value, where):
        try:
            amount = Decimal(str(value).replace(",", ".")).quantize(Decimal("0.01"))
        except (InvalidOperation, ValueError):
            problems.append(f"{where}: valor inválido {value!r}")
            return ZERO
        if amount <= 0:
            problems.append(f"{where}: o valor deve ser maior que zero")
        return amount

    method = str(doc.get("method", "")).strip().lower()
    if method not in METHOD_LABELS:
        problems.append(f"method: use {', '.join(METHOD_LABELS)}")
    amount = money(doc.get("amount"), "amount")
    parts = []
    for n, part in enumerate(doc.get("installments") or [], start=1):
        try:
            due = date.fromisoformat(str(part.get("due")))
        except (ValueError, AttributeError):
            problems.append(f"installments[{n}].due: data inválida (use AAAA-MM-DD)")
            continue
        parts.append((due, money(part.get("value"), f"installments[{n}].value")))
    if not parts:
        problems.append("installments: informe ao menos uma parcela (vencimento e valor)")
    elif not problems and sum(v for _, v in parts) != amount:
        problems.append("installments: a soma das parcelas difere do valor da solicitação")
    for key in ("customer", "company", "sale"):
        if not str(doc.get(key, "")).strip():
            problems.append(f"{key}: obrigatório")
    if problems:
        raise CreditError("Solicitação inválida: " + "; ".join(problems))
    return RequestInput(
        str(doc["customer"]).strip(),
        str(doc["company"]).strip(),
        str(doc["sale"]).strip(),
        amount,
        method,
        tuple(parts),
        str(doc.get("origin") or "erp"),
    )


@dataclass(frozen=True)
class RequestInfo:
    id: int
    customer_document: str
    customer_name: str
    company_cnpj: str
    sale_number: str
    origin: str
    amount: Decimal
    method: str
    installments: tuple[tuple[date, Decimal], ...]
    status: str
    reasons: tuple[str, ...]
    requested_by: str
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    comment: str | None

    def as_json(self) -> dict:
        return {
            "id": self.id,
            "customer": self.customer_document,
            "company": self.company_cnpj,
            "sale": self.sale_number,
            "amount": f"{self.amount:.2f}",
            "method": self.method,
            "status": self.status,
            "reasons": list(self.reasons),
            "requested_at": self.requested_at.isoformat(),
            "decided_by": self.decided_by,
            "decided_at": self.decided_at.isoformat() if self.decided_at else None,
            "comment": self.comment,
        }


def _info(session: Session, r: CreditRequest) -> RequestInfo:
    customer = session.get(Customer, r.customer_id)
    company = session.get(Company, r.company_id)
    parts = tuple(
        (date.fromisoformat(p["due"]), Decimal(p["value"])) for p in json.loads(r.installments)
    )
    return RequestInfo(
        r.id,
        customer.document,
        customer.name,
        company.cnpj,
        r.sale_number,
        r.origin,
        r.amount,
        r.method,
        parts,
        r.status,
        tuple(json.loads(r.reasons)),
        r.requested_by,
        r.requested_at,
        r.decided_by,
        r.decided_at,
        r.comment,
    )


def submit(
    session_factory: sessionmaker[Session],
    actor: Actor,
    request: RequestInput,
    as_of: date | None = None,
) -> tuple[RequestInfo, Decision]:
    """Save the request (nothing typed is lost) and decide it at once by §10."""
    as_of = as_of or date.today()
    settings = parameters.credit(session_factory)
    with session_factory.begin() as session:
        customer = _customer(session, request.customer_document)
        try:
            cnpj = parse_cnpj(request.company_cnpj).value
        except InvalidDocument as exc:
            raise CreditError(str(exc)) from None
        company = session.scalar(select(Company).where(Company.cnpj == cnpj))
        if company is None:
            raise CreditError(f"Empresa {request.company_cnpj} não encontrada.")
        current = _profile(session, customer, as_of, settings.notary_days)
        facts = CreditFacts(
            current.status,
            current.effective_limit,
            current.used,
            current.overdue > 0,
            current.notary > 0,
        )
        decision = decide(
            enabled=settings.enabled,
            overdue_rule=settings.overdue_titles,
            notary_rule=settings.notary_titles,
            method=request.method,
            installments=len(request.installments),
            amount=request.amount,
            facts=facts,
        )
        row = CreditRequest(
            customer_id=customer.id,
            company_id=company.id,
            sale_number=request.sale_number,
            origin=request.origin,
            amount=request.amount,
            method=request.method,
            installments=json.dumps(
                [{"due": d.isoformat(), "value": f"{v:.2f}"} for d, v in request.installments]
            ),
            status=decision.outcome.value,
            reasons=json.dumps(list(decision.reasons)),
            requested_by=actor.login,
        )
        session.add(row)
        session.flush()
        if decision.outcome is RequestStatus.APPROVED:  # decided by the rules at once
            _generate(session, row)
            row.decided_by, row.decided_at = RULES_DECIDED, utc_now()
        audit.record(
            session,
            actor,
            "credito.solicitar",
            entity="credit_request",
            entity_key=str(row.id),
            details={"decisao": decision.outcome, "motivos": list(decision.reasons)},
        )
        return _info(session, row), decision


def _generate(session: Session, row: CreditRequest) -> None:
    """The sale and exactly the installments saved with the request."""
    existing = session.scalar(
        select(Sale).where(Sale.company_id == row.company_id, Sale.number == row.sale_number)
    )
    if existing is not None:
        raise CreditError(
            f"A venda {row.sale_number} já existe nesta empresa: não foi gerada de novo."
        )
    sale = Sale(company_id=row.company_id, number=row.sale_number, holder_id=row.customer_id)
    session.add(sale)
    session.flush()
    for number, part in enumerate(json.loads(row.installments), start=1):
        value = Decimal(part["value"])
        session.add(
            Installment(
                sale_id=sale.id,
                number=number,
                due_date=date.fromisoformat(part["due"]),
                principal=value,
                adjusted=value,
                paid=ZERO,
            )
        )


def _pending(session: Session, request_id: int) -> CreditRequest:
    row = session.get(CreditRequest, request_id)
    if row is None:
        raise CreditError("Solicitação não encontrada.")
    if row.status not in AWAITING_SUPERVISOR:
        shown = RequestStatus(row.status).label(row.decided_by)
        raise CreditError(f"A solicitação {request_id} já foi decidida ({shown}).")
    return row


def approve(
    session_factory: sessionmaker[Session], actor: Actor, request_id: int, comment: str = ""
) -> RequestInfo:
    actor.require(Perm.CREDITO_ANALISE)
    with session_factory.begin() as session:
        row = _pending(session, request_id)
        if row.requested_by == actor.login:
            raise CreditError("Quem fez a solicitação não pode aprová-la: peça a outro aprovador.")
        authority = _authority(session, actor)
        if not authority.is_set:
            raise CreditError(NO_AUTHORITY)
        if not authority.allows(row.amount):
            row.needs_amount_above = authority.max_amount
            audit.record(
                session,
                actor,
                "credito.alcada_excedida",
                entity="credit_request",
                entity_key=str(row.id),
                details={"alcada": str(authority.max_amount)},
            )
            info = _info(session, row)
            escalate = True
        else:
            _generate(session, row)
            row.status, row.decided_by = RequestStatus.APPROVED.value, actor.login
            row.decided_at = utc_now()
            row.comment = comment.strip() or None
            audit.record(
                session,
                actor,
                "credito.aprovar",
                entity="credit_request",
                entity_key=str(row.id),
                details={"valor": str(row.amount)},
            )
            return _info(session, row)
    if escalate:
        raise CreditError(
            f"Valor acima da sua alçada ({authority.max_amount:.2f}): a solicitação {info.id} "
            "fica para um aprovador com alçada maior."
        )
    return info


def block(
    session_factory: sessionmaker[Session], actor: Actor, request_id: int, comment: str
) -> RequestInfo:
    actor.require(Perm.CREDITO_ANALISE)
    if len(comment.strip()) < 5:
        raise CreditError("Informe o motivo do bloqueio (ex.: cliente com protesto recente).")
    with session_factory.begin() as session:
        row = _pending(session, request_id)
        row.status, row.decided_by = RequestStatus.BLOCKED.value, actor.login
        row.decided_at = utc_now()
        row.comment = comment.strip()
        audit.record(
            session,
            actor,
            "credito.bloquear",
            entity="credit_request",
            entity_key=str(row.id),
            details={"comentario": row.comment},
        )
        return _info(session, row)


def queue(session_factory: sessionmaker[Session]) -> list[RequestInfo]:
    """What waits for a supervisor, oldest first."""
    with session_factory() as session:
        rows = session.scalars(
            select(CreditRequest)
            .where(CreditRequest.status.in_(AWAITING_SUPERVISOR))
            .order_by(CreditRequest.id)
        )
        return [_info(session, r) for r in rows]


def get_request(session_factory: sessionmaker[Session], request_id: int) -> RequestInfo:
    with session_factory() as session:
        row = session.get(CreditRequest, request_id)
        if row is None:
            raise CreditError("Solicitação não encontrada.")
        return _info(session, row)


def decisions(session_factory: sessionmaker[Session], since: datetime) -> list[RequestInfo]:
    """Requests decided since a moment (by the rules at once, or by a supervisor)."""
    with session_factory() as session:
        rows = session.scalars(
            select(CreditRequest)
            .where(CreditRequest.decided_at >= since)
            .order_by(CreditRequest.decided_at, CreditRequest.id)
        )
        return [_info(session, r) for r in rows]


def recent_requests(
    session_factory: sessionmaker[Session], requested_by: str | None = None, limit: int = 200
) -> list[RequestInfo]:
    """The latest requests (of one requester, or all), so that whoever asked sees the
    outcome."""
    with session_factory() as session:
        query = select(CreditRequest).order_by(CreditRequest.id.desc()).limit(limit)
        if requested_by:
            query = query.where(CreditRequest.requested_by == requested_by)
        return [_info(session, r) for r in session.scalars(query)]
