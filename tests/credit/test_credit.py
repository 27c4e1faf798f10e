"""Credit requests end to end on SQLite, PostgreSQL and MariaDB: decided at once, queued,
approved within the alçada (generating exactly the saved installments), blocked with a
comment; temporary limit increases; permissions."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from gestao_negativacao.db.models import AuditEntry, Installment, Sale
from gestao_negativacao.domain.permissions import RoleCode
from gestao_negativacao.services import credit
from gestao_negativacao.services.actor import PermissionDenied
from gestao_negativacao.services.admin import parameters
from tests.scenario import Scenario
from tests.sending_helpers import admin_actor, user_actor

AS_OF = date(2026, 11, 22)
CNPJ = "29141777000158"


@pytest.fixture
def world(any_db):
    admin = admin_actor(any_db)
    sc = Scenario(any_db)
    sc.company("c1", CNPJ)
    sc.customer("ana", document="41224824458")
    sc.customer("bia", document="61983914509")
    sc.sale("V1", "bia")
    sc.installment("V1", 1, AS_OF - timedelta(days=45), "300.00")  # overdue, "em cartório"
    parameters.save_credit(any_db.session_factory, admin, parameters.CreditParameters(enabled=True))
    return any_db, admin


def request(document, method="boleto", parts=((AS_OF + timedelta(days=30), "500.00"),), sale="N-1"):
    doc = {
        "customer": document,
        "company": CNPJ,
        "sale": sale,
        "method": method,
        "amount": str(sum(Decimal(v) for _, v in parts)),
        "installments": [{"due": d.isoformat(), "value": v} for d, v in parts],
    }
    return credit.parse_request(doc)


def test_card_at_sight_is_approved_and_the_installments_generated(world):
    db, admin = world
    info, decision = credit.submit(
        db.session_factory, admin, request("41224824458", "cartao"), AS_OF
    )
    assert decision.outcome == "aprovada" and info.decided_by == "regras"
    with db.session_factory() as s:
        sale = s.scalar(select(Sale).where(Sale.number == "N-1"))
        parts = s.scalars(select(Installment).where(Installment.sale_id == sale.id)).all()
        assert [(p.number, p.due_date, p.adjusted) for p in parts] == [
            (1, AS_OF + timedelta(days=30), Decimal("500.00"))
        ]


def test_analysis_then_approval_within_the_alcada_generates_exactly_the_saved_installments(world):
    db, admin = world
    parts = ((AS_OF + timedelta(days=30), "400.00"), (AS_OF + timedelta(days=60), "350.50"))
    info, decision = credit.submit(
        db.session_factory, admin, request("61983914509", "boleto", parts, "N-2"), AS_OF
    )
    assert decision.outcome == "em_analise"
    assert set(decision.reasons) == {
        "boleto_cheque",
        "a_prazo",
        "titulos_em_atraso",
        "titulos_em_cartorio",
    }
    assert [q.id for q in credit.queue(db.session_factory)] == [info.id]
    supervisor = user_actor(db, "sara", RoleCode.SUPERVISOR)
    credit.set_authority(db.session_factory, admin, "sara", Decimal("500.00"))
    with pytest.raises(credit.CreditError, match="acima da sua alçada"):
        credit.approve(db.session_factory, supervisor, info.id)
    credit.set_authority(db.session_factory, admin, "sara", Decimal("1000.00"))
    approved = credit.approve(db.session_factory, supervisor, info.id, "cliente antigo")
    assert approved.status == "aprovada" and approved.decided_by == "sara"
    with db.session_factory() as s:
        sale = s.scalar(select(Sale).where(Sale.number == "N-2"))
        got = s.execute(
            select(Installment.number, Installment.due_date, Installment.adjusted)
            .where(Installment.sale_id == sale.id)
            .order_by(Installment.number)
        ).all()
    assert got == [(1, parts[0][0], Decimal("400.00")), (2, parts[1][0], Decimal("350.50"))]
    assert credit.queue(db.session_factory) == []
    with pytest.raises(credit.CreditError, match="já foi decidida"):
        credit.block(db.session_factory, supervisor, info.id, "tarde demais")


def test_blocking_needs_a_comment_and_clerks_cannot_decide(world):
    db, admin = world
    credit.set_profile(
        db.session_factory, admin, "41224824458", status="bloqueado", limit=Decimal("0")
    )
    info, decision = credit.submit(
        db.session_factory, admin, request("41224824458", "cartao"), AS_OF
    )
    assert decision.outcome == "retida" and decision.reasons == ("cliente_bloqueado",)
    clerk = user_actor(db, "caio")
    with pytest.raises(PermissionDenied):
        credit.approve(db.session_factory, clerk, info.id)
    with pytest.raises(credit.CreditError, match="motivo do bloqueio"):
        credit.block(db.session_factory, admin, info.id, " ")
    blocked = credit.block(db.session_factory, admin, info.id, "cliente com protesto recente")
    assert blocked.status == "bloqueada" and blocked.comment == "cliente com protesto recente"
    assert [d.id for d in credit.decisions(db.session_factory, blocked.requested_at)] == [info.id]


def test_a_temporary_increase_lifts_the_limit_until_it_expires(world):
    db, admin = world
    credit.set_profile(
        db.session_factory, admin, "41224824458", status="liberado", limit=Decimal("300.00")
    )
    _, short = credit.submit(db.session_factory, admin, request("41224824458", "cartao"), AS_OF)
    assert short.reasons == ("saldo_insuficiente",)
    credit.add_increase(
        db.session_factory, admin, "41224824458", Decimal("1000.00"), AS_OF + timedelta(days=5)
    )
    profile = credit.profile(db.session_factory, "41224824458", AS_OF)
    assert profile.effective_limit == Decimal("1300.00") and profile.balance == Decimal("1300.00")
    _, within = credit.submit(
        db.session_factory, admin, request("41224824458", "cartao", sale="N-3"), AS_OF
    )
    assert within.outcome == "aprovada"
    later = credit.profile(db.session_factory, "41224824458", AS_OF + timedelta(days=6))
    assert later.effective_limit == Decimal("300.00")  # the normal limit again
    assert later.used == Decimal("500.00") and later.balance == Decimal("-200.00")


def test_bad_requests_say_every_problem_at_once():
    with pytest.raises(credit.CreditError) as caught:
        credit.parse_request({"customer": "", "method": "pix", "amount": "x", "installments": []})
    message = str(caught.value)
    for part in ("method: use", "amount: valor inválido", "installments: informe", "customer"):
        assert part in message


def test_approvals_fail_closed_and_nobody_approves_their_own_request(world):
    """Issue 18: a supervisor approved their own R$ 950.000,00; a user without an alçada
    had no limit. Now: no alçada, no approval (admins too); the requester never approves."""
    db, admin = world
    parts = ((AS_OF + timedelta(days=30), "950000.00"),)
    supervisor = user_actor(db, "sara", RoleCode.SUPERVISOR)
    mine, _ = credit.submit(
        db.session_factory, supervisor, request("61983914509", "boleto", parts, "N-9"), AS_OF
    )
    credit.set_authority(db.session_factory, admin, "sara", None, unlimited=True)
    with pytest.raises(credit.CreditError, match="Quem fez a solicitação não pode aprová-la"):
        credit.approve(db.session_factory, supervisor, mine.id)
    with pytest.raises(credit.CreditError, match="não tem alçada de crédito definida"):
        credit.approve(db.session_factory, admin, mine.id)  # the admin has none set
    credit.set_authority(db.session_factory, admin, "admin", Decimal("1000000.00"))
    assert credit.approve(db.session_factory, admin, mine.id).status == "aprovada"
    with pytest.raises(credit.CreditError, match="valor positivo"):
        credit.set_authority(db.session_factory, admin, "sara", Decimal("0"))
    assert credit.authority_of(db.session_factory, "sara") == credit.Authority(True, None)
    credit.set_authority(db.session_factory, admin, "sara", None)  # taken away
    assert not credit.authority_of(db.session_factory, "sara").is_set
    with db.session_factory() as s:
        actions = [e.action for e in s.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert actions.count("credito.alcada") == 3 and "credito.aprovar" in actions
