"""Credit analysis (DESIGN §10, seed 002): the customer's credit profile (status, limit,
temporary increases, used, balance), credit requests decided at once by the rules and
queued for a supervisor otherwise, approval within the supervisor's authority (alçada)
generating exactly the installments saved with the request, blocking with a comment.
Everything that changes data is audited."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.base import utc_now
from gestao_negativacao.db.models import (
    ApprovalLimit,
    Company,
    CreditLimitIncrease,
    CreditProfile,
    CreditRequest,
    Customer,
    Installment,
    Sale,
    User,
)
from gestao_negativacao.domain.credit import (
    AWAITING_SUPERVISOR,
    METHOD_LABELS,
    RULES_DECIDED,
    STATUS_LABELS,
    CreditFacts,
    Decision,
    RequestStatus,
    decide,
)
from gestao_negativacao.domain.documents import InvalidDocument, parse_cnpj, parse_document
from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services import audit, parameters
from gestao_negativacao.services.actor import Actor

ZERO = Decimal("0.00")


class CreditError(UserFacingError, ValueError):
    """A credit request or change cannot be done; the message says what to fix."""


# -- the profile -----------------------------------------------------------------------


@dataclass(frozen=True)
class Profile:
    customer_id: int
    document: str
    name: str
    status: str
    limit: Decimal  # the normal limit; 0 = unlimited
    increase: Decimal  # temporary increases in force today
    used: Decimal
    overdue: Decimal
    notary: Decimal

    @property
    def effective_limit(self) -> Decimal:
        return ZERO if self.limit == 0 else self.limit + self.increase

    @property
    def balance(self) -> Decimal | None:
        return None if self.limit == 0 else self.effective_limit - self.used


def _customer(session: Session, document: str) -> Customer:
    try:
        bare = parse_document(document).value
    except InvalidDocument as exc:
        raise CreditError(str(exc)) from None
    customer = session.scalar(select(Customer).where(Customer.document == bare))
    if customer is None:
        raise CreditError(f"Cliente {document} não encontrado: importe-o do ERP primeiro.")
    return customer


def _sums(session: Session, customer_id: int, as_of: date, notary_days: int):
    """Open, overdue and "em cartório" amounts of the titles the customer holds."""
    base = (
        select(func.coalesce(func.sum(Installment.open_amount), 0))
        .join(Sale, Sale.id == Installment.sale_id)
        .where(Sale.holder_id == customer_id, Installment.open_amount > 0)
    )
    used = session.scalar(base) or ZERO
    overdue = session.scalar(base.where(Installment.effective_due_date < as_of)) or ZERO
    cutoff = as_of - timedelta(days=notary_days)
    notary = session.scalar(base.where(Installment.effective_due_date < cutoff)) or ZERO
    return Decimal(used), Decimal(overdue), Decimal(notary)


def profile(
    session_factory: sessionmaker[Session], document: str, as_of: date | None = None
) -> Profile:
    as_of = as_of or date.today()
    notary_days = parameters.credit(session_factory).notary_days
    with session_factory() as session:
        customer = _customer(session, document)
        return _profile(session, customer, as_of, notary_days)


def _profile(session: Session, customer: Customer, as_of: date, notary_days: int) -> Profile:
    stored = session.get(CreditProfile, customer.id)
    increase = session.scalar(
        select(func.coalesce(func.sum(CreditLimitIncrease.amount), 0)).where(
            CreditLimitIncrease.customer_id == customer.id,
            CreditLimitIncrease.expires_on >= as_of,
        )
    )
    used, overdue, notary = _sums(session, customer.id, as_of, notary_days)
    return Profile(
        customer.id,
        customer.document,
        customer.name,
        stored.status if stored else "liberado",
        stored.credit_limit if stored else ZERO,
        Decimal(increase or 0),
        used,
        overdue,
        notary,
    )


def set_profile(
    session_factory: sessionmaker[Session],
    actor: Actor,
    document: str,
    *,
    status: str,
    limit: Decimal,
) -> None:
    actor.require(Perm.CREDITO_ANALISE)
    if status not in STATUS_LABELS:
        raise CreditError(f"Situação de crédito inválida: {status}.")
    if limit < 0:
        raise CreditError("O limite de crédito não pode ser negativo (0 = sem limite).")
    with session_factory.begin() as session:
        customer = _customer(session, document)
        stored = session.get(CreditProfile, customer.id)
        before = (stored.status, str(stored.credit_limit)) if stored else ("liberado", "0.00")
        if stored is None:
            stored = CreditProfile(customer_id=customer.id)
            session.add(stored)
        stored.status, stored.credit_limit, stored.updated_by = status, limit, actor.login
        audit.record(
            session,
            actor,
            "credito.perfil",
            entity="customer",
            entity_key=str(customer.id),  # the id: a full CPF never enters the audit log
            details={"antes": before, "depois": [status, str(limit)]},
        )


def add_increase(
    session_factory: sessionmaker[Session],
    actor: Actor,
    document: str,
    amount: Decimal,
    expires_on: date,
) -> None:
    """A temporary credit-limit increase, in force until ``expires_on`` (inclusive)."""
    actor.require(Perm.CREDITO_ANALISE)
    if amount <= 0:
        raise CreditError("O aumento temporário deve ser maior que zero.")
    with session_factory.begin() as session:
        customer = _customer(session, document)
        session.add(
            CreditLimitIncrease(
                customer_id=customer.id,
                amount=amount,
                expires_on=expires_on,
                created_by=actor.login,
            )
        )
        audit.record(
            session,
            actor,
            "credito.aumento_temporario",
            entity="customer",
            entity_key=str(customer.id),  # the id: a full CPF never enters the audit log
            details={"valor": str(amount), "ate": expires_on.isoformat()},
        )


# -- requests ---------------------------------------------------------------------------


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


NO_AUTHORITY = (
    "Você não tem alçada de crédito definida: peça a um administrador (Usuários e "
    "permissões → Alçada de crédito)."
)


@dataclass(frozen=True)
class Authority:
    """A user's alçada: none set (approves nothing), a maximum, or explicitly unlimited."""

    is_set: bool
    max_amount: Decimal | None = None  # None with is_set: sem limite

    def allows(self, amount: Decimal) -> bool:
        return self.is_set and (self.max_amount is None or amount <= self.max_amount)


def _authority(session: Session, actor: Actor) -> Authority:
    """What this user may approve. Fails closed: no alçada set, no approval — admins too
    (an admin gives themself an alçada, and that is audited like anyone's)."""
    if actor.user_id is None:
        return Authority(False)
    row = session.get(ApprovalLimit, actor.user_id)
    return Authority(False) if row is None else Authority(True, row.max_amount)


def set_authority(
    session_factory: sessionmaker[Session],
    actor: Actor,
    login: str,
    max_amount: Decimal | None,
    *,
    unlimited: bool = False,
) -> None:
    """An admin sets a user's alçada: a maximum, ``unlimited``, or neither (none: the user
    approves nothing)."""
    actor.require(Perm.ADMIN_USUARIOS)
    if max_amount is not None and max_amount <= 0:
        raise CreditError("A alçada deve ser um valor positivo (ou marque “sem limite”).")
    with session_factory.begin() as session:
        user_id = session.scalar(select(User.id).where(User.login == login))
        if user_id is None:
            raise CreditError(f"Usuário {login} não encontrado.")
        row = session.get(ApprovalLimit, user_id)
        if max_amount is None and not unlimited:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(
                ApprovalLimit(user_id=user_id, max_amount=None if unlimited else max_amount)
            )
        else:
            row.max_amount = None if unlimited else max_amount
        audit.record(
            session,
            actor,
            "credito.alcada",
            entity="user",
            entity_key=login,
            details={
                "ate": "sem limite"
                if unlimited
                else (str(max_amount) if max_amount is not None else "sem alçada")
            },
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


def authority_of(session_factory: sessionmaker[Session], login: str) -> Authority:
    """A user's alçada as set by an admin."""
    with session_factory() as session:
        row = session.execute(
            select(ApprovalLimit.max_amount)
            .join(User, User.id == ApprovalLimit.user_id)
            .where(User.login == login)
        ).first()
        return Authority(False) if row is None else Authority(True, row[0])


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
