"""Anonimização (LGPD arts. 15, 16 and 18 IV): once a person has nothing open here — no
installment with a balance, no negativation active, pending or queued, no credit request
waiting — and nothing has happened with them for the retention period of Parâmetros (five
years by default: the longest the company may still need the data, see ``parameters``),
their personal data is replaced, by hand or by a schedule.

What changes: the customer's document becomes ``ANON-<id>`` (unique, never a valid
CPF/CNPJ), the name "Titular anonimizado", and birth date, e-mail, phone and address are
cleared; the credit reports kept about them lose their contents (date, bureau and who asked
stay: what the query cost), their credit profile and limit increases go, the pre-notices
lose the e-mail address. What stays, naming no one: the sales, installments and
negativations with their history (the company's own accounts and the proof of what was
sent), and the audit log (art. 37; on a server nobody may change it). Permission
``LGPD_TITULAR``; each person anonymised is an audit entry."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import ColumnElement, Select, bindparam, delete, exists, func, or_, select, update
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.locks import write_first
from gestao_negativacao.db.models import (
    Agreement,
    AgreementInstallment,
    CreditLimitIncrease,
    CreditProfile,
    CreditQuery,
    CreditRequest,
    Customer,
    DebtorNotice,
    Hold,
    Installment,
    Negativation,
    Sale,
    SaleGuarantor,
    SendQueueEntry,
)
from gestao_negativacao.domain.credit import RequestStatus
from gestao_negativacao.domain.documents import (
    InvalidDocument,
    anonymised_document,
    mask_for_log,
    parse_document,
)
from gestao_negativacao.domain.enums import NegativationStatus
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.domain.schedule import LOCAL
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.admin import parameters
from gestao_negativacao.services.data_subjects.report import SubjectError

ANONYMOUS_NAME = "Titular anonimizado"
BATCH = 500
OPEN_STATUSES = (NegativationStatus.PENDING.value, NegativationStatus.ACTIVE.value)
WAITING_REQUESTS = (RequestStatus.IN_ANALYSIS.value, RequestStatus.HELD.value)


@dataclass(frozen=True)
class AnonymisationReport:
    anonymised: int
    as_of: date
    retention_years: int

    def summary(self) -> str:
        if not self.anonymised:
            return (
                "Nenhum titular a anonimizar: todos têm pendência ou movimentação nos "
                f"últimos {self.retention_years} anos."
            )
        return (
            f"{self.anonymised} titular(es) anonimizado(s) em {self.as_of:%d/%m/%Y} "
            f"(sem pendência e sem movimentação há mais de {self.retention_years} anos)."
        )


def cutoff(as_of: date, years: int) -> date:
    """The day ``years`` before ``as_of`` (29 February falls back to the 28th)."""
    try:
        return as_of.replace(year=as_of.year - years)
    except ValueError:
        return as_of.replace(year=as_of.year - years, day=28)


def _on_their_sales(customer_id, *conditions) -> ColumnElement:
    """An installment of a sale where they are titular, or avalista, meets ``conditions``
    (two EXISTS, each down its own index, rather than a UNION the outer query cannot
    correlate)."""
    return or_(
        exists().where(Installment.sale_id == Sale.id, Sale.holder_id == customer_id, *conditions),
        exists().where(
            Installment.sale_id == SaleGuarantor.sale_id,
            SaleGuarantor.customer_id == customer_id,
            *conditions,
        ),
    )


def _sale_changed(customer_id, since: date) -> ColumnElement:
    return or_(
        exists().where(Sale.holder_id == customer_id, Sale.situation_date > since),
        exists().where(
            SaleGuarantor.customer_id == customer_id,
            Sale.id == SaleGuarantor.sale_id,
            Sale.situation_date > since,
        ),
    )


def _blockers(customer_id, as_of: date, years: int) -> list[tuple[str, ColumnElement]]:
    """Each reason a person must be kept, as a condition on ``customer_id`` (a column for
    the batch, a value for one person), with the words that explain it."""
    since = cutoff(as_of, years)
    since_at = datetime.combine(since, time.min, LOCAL)
    recent = f"teve movimentação nos últimos {years} anos (depois de {since:%d/%m/%Y})"
    mine = Negativation.customer_id == customer_id
    return [
        (
            "tem parcela em aberto",
            _on_their_sales(customer_id, Installment.open_amount > 0),
        ),
        (
            "tem negativação ativa, pendente ou na fila de envio",
            or_(
                exists().where(mine, Negativation.status.in_(OPEN_STATUSES)),
                exists().where(SendQueueEntry.negativation_id == Negativation.id, mine),
            ),
        ),
        (
            "tem pedido de crédito aguardando decisão",
            exists().where(
                CreditRequest.customer_id == customer_id,
                CreditRequest.status.in_(WAITING_REQUESTS),
            ),
        ),
        (
            recent,
            or_(
                _on_their_sales(
                    customer_id,
                    or_(
                        Installment.due_date > since,
                        Installment.extended_due_date > since,
                        Installment.payment_date > since,
                    ),
                ),
                _sale_changed(customer_id, since),
                exists().where(
                    mine,
                    or_(Negativation.included_on > since, Negativation.removed_at > since_at),
                ),
                exists().where(
                    CreditRequest.customer_id == customer_id,
                    or_(CreditRequest.requested_at > since_at, CreditRequest.decided_at > since_at),
                ),
                exists().where(CreditQuery.customer_id == customer_id, CreditQuery.at > since_at),
                exists().where(
                    CreditLimitIncrease.customer_id == customer_id,
                    CreditLimitIncrease.expires_on > since,
                ),
                exists().where(Agreement.customer_id == customer_id, Agreement.made_on > since),
                exists().where(
                    AgreementInstallment.agreement_id == Agreement.id,
                    Agreement.customer_id == customer_id,
                    AgreementInstallment.deadline > since,
                ),
                exists().where(
                    Hold.customer_id == customer_id,
                    or_(Hold.created_at > since_at, Hold.lifted_at > since_at),
                ),
                exists().where(
                    DebtorNotice.customer_id == customer_id, DebtorNotice.sent_on > since
                ),
            ),
        ),
    ]


def due_selection(as_of: date, years: int) -> Select:
    """The ids of everyone who may be anonymised on ``as_of``."""
    blockers = _blockers(Customer.id, as_of, years)
    return select(Customer.id).where(
        Customer.anonymised_on.is_(None), *(~condition for _, condition in blockers)
    )


def count_due(session_factory: sessionmaker[Session], actor: Actor, as_of: date) -> int:
    actor.require(Perm.LGPD_TITULAR)
    years = parameters.general(session_factory).retention_years
    with session_factory() as session:
        due = due_selection(as_of, years).subquery()
        return session.scalar(select(func.count()).select_from(due))


def _anonymise(session: Session, actor: Actor, ids: list[int], as_of: date) -> None:
    customers = session.execute(
        select(Customer.id, Customer.document).where(Customer.id.in_(ids))
    ).all()
    documents = [doc for _, doc in customers]
    session.execute(
        update(CreditQuery)
        .where(or_(CreditQuery.customer_id.in_(ids), CreditQuery.document.in_(documents)))
        .values(report=json.dumps({"anonimizado": True}), score=None)
    )
    # one statement each, executed for the whole batch (a token per person)
    tokens = [
        {"cid": customer_id, "doc": document, "token": anonymised_document(customer_id)}
        for customer_id, document in customers
    ]
    C, Q = Customer.__table__, CreditQuery.__table__
    session.execute(
        Q.update().where(Q.c.document == bindparam("doc")).values(document=bindparam("token")),
        tokens,
    )
    cleared = dict.fromkeys(
        ("birth_date", "email", "phone", "cep", "street", "number", "complement", "district",
         "city", "uf"),
    )  # fmt: skip
    session.execute(
        C.update()
        .where(C.c.id == bindparam("cid"))
        .values(document=bindparam("token"), name=ANONYMOUS_NAME, anonymised_on=as_of, **cleared),
        tokens,
    )
    session.execute(delete(CreditProfile).where(CreditProfile.customer_id.in_(ids)))
    session.execute(delete(CreditLimitIncrease).where(CreditLimitIncrease.customer_id.in_(ids)))
    session.execute(update(DebtorNotice).where(DebtorNotice.customer_id.in_(ids)).values(email=""))
    audit.record_many(
        session,
        actor,
        "titular.anonimizar",
        entity="titular",
        entries=[(str(customer_id), {"data": as_of.isoformat()}) for customer_id, _ in customers],
    )


def _be_the_writer(session: Session) -> None:
    """SQLite: take the write lock before reading who is due, so that an import at another
    workstation cannot add an open installment between the check and the change (a
    server's row locks and the re-check inside the same transaction do the same there)."""
    write_first(session.connection(), Customer.__table__, "name")


def anonymise_due(
    session_factory: sessionmaker[Session], actor: Actor, as_of: date
) -> AnonymisationReport:
    """Everyone due on ``as_of``, a batch per transaction (a schedule's job, or Anonimizar
    todos on the screen)."""
    actor.require(Perm.LGPD_TITULAR)
    years = parameters.general(session_factory).retention_years
    total = 0
    while True:
        with session_factory.begin() as session:
            _be_the_writer(session)
            ids = list(session.scalars(due_selection(as_of, years).limit(BATCH)))
            if ids:
                _anonymise(session, actor, ids, as_of)
        total += len(ids)
        if len(ids) < BATCH:
            return AnonymisationReport(total, as_of, years)


def anonymise_one(
    session_factory: sessionmaker[Session], actor: Actor, document: str, as_of: date
) -> AnonymisationReport:
    """One person, by hand (a request of the person, art. 18 IV and VI): refused with the
    reason while something keeps them."""
    actor.require(Perm.LGPD_TITULAR)
    try:
        doc = parse_document(document).value
    except InvalidDocument as exc:
        raise SubjectError(f"CPF/CNPJ do titular: {exc}.") from None
    years = parameters.general(session_factory).retention_years
    with session_factory.begin() as session:
        _be_the_writer(session)
        customer_id = session.scalar(select(Customer.id).where(Customer.document == doc))
        if customer_id is None:
            raise SubjectError(
                f"Nenhum titular com o CPF/CNPJ {mask_for_log(doc)} na carteira (ou já "
                "anonimizado)."
            )
        reasons = [
            words
            for words, condition in _blockers(customer_id, as_of, years)
            if session.scalar(select(condition))
        ]
        if reasons:
            raise SubjectError(
                f"Os dados de {mask_for_log(doc)} não podem ser anonimizados agora: "
                + "; ".join(reasons)
                + ". O prazo de guarda fica em Parâmetros."
            )
        _anonymise(session, actor, [customer_id], as_of)
    return AnonymisationReport(1, as_of, years)
