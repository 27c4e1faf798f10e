"""Holds (DESIGN §5.6), on every database: a manual removal, a removal by court order and
a removal by the partial-payment, termination or renegotiation trigger keep the item out of
every inclusion (reason ``held``) until lifted with a reason; full payment needs no hold."""

from datetime import timedelta

import pytest
from sqlalchemy import delete, select, update

from gestao_negativacao.db.models import Hold, Negativation, SendQueueEntry
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services.actor import Actor, PermissionDenied
from gestao_negativacao.services.rules.preview import Preview, explain_inclusion
from gestao_negativacao.services.sending.enqueue import enqueue_inclusions, enqueue_removals
from gestao_negativacao.services.sending.holds import (
    HoldError,
    holds_for,
    lift,
    list_holds,
    set_until,
)
from gestao_negativacao.services.sending.release import manual_removal
from tests.rules_helpers import AS_OF, inclusion_rule
from tests.scenario import Scenario


def _rule_removal(triggers):
    from gestao_negativacao.domain.rule_format import parse_rule

    return parse_rule({"name": "Baixa", "kind": "removal", "triggers": triggers})


@pytest.fixture
def active(any_db):
    """Two debtors with an active SPC Brasil negativation each (as after a send)."""
    sc = Scenario(any_db)
    sc.company("c1", "29141777000158")
    for name in ("ana", "bia"):
        sc.customer(name)
        sc.sale(f"V-{name}", name, company="c1")
        sc.installment(f"V-{name}", 1, AS_OF - timedelta(days=40))
    system = Actor.system()
    preview = Preview(
        any_db.session_factory, system, "inclusion", inclusion_rule(), "spc_brasil", AS_OF
    )
    enqueue_inclusions(any_db.session_factory, system, preview.selection(), "spc_brasil")
    with any_db.session_factory.begin() as s:  # as the worker leaves them
        s.execute(update(Negativation).values(status="ativa", processing="ok"))
        s.execute(delete(SendQueueEntry))
    return sc


def found(db, integrator="spc_brasil"):
    preview = Preview(
        db.session_factory, Actor.system(), "inclusion", inclusion_rule(), integrator, AS_OF
    )
    return {i.debtor_name: i for i in preview.iterate()}, {
        i.debtor_name: i.reason for i in preview.iterate(excluded=True)
    }


def negativation_of(db, sc, name):
    with db.session_factory() as s:
        return s.scalar(
            select(Negativation.id).where(Negativation.customer_id == sc.ids[f"p:{name}"])
        )


def test_a_manual_removal_holds_until_lifted_with_a_reason(active):
    db = active.db
    clerk = Actor(login="maria", permissions=frozenset({Perm.NEG_BAIXA_MANUAL, Perm.NEG_INCLUIR}))
    ana = negativation_of(db, active, "ana")
    assert manual_removal(db.session_factory, clerk, [ana], "acordo fechado na loja em 20/11") == 1
    items, excluded = found(db)
    assert excluded.get("ana") == "held" and "ana" not in items
    _, excluded_elsewhere = found(db, "boa_vista")  # at every integrator
    assert excluded_elsewhere.get("ana") == "held"
    # "Por que não?" says who held it, when and why
    (why,) = explain_inclusion(
        db.session_factory, clerk, inclusion_rule(), active.ids["p:ana"], "spc_brasil", AS_OF
    )
    held = next(c for c in why.verdict.checks if c.code == "held")
    assert not held.passed and "bloqueada por maria" in held.message
    assert "acordo fechado na loja" in held.message
    (info,) = holds_for(db.session_factory, ana)
    assert (info.origin, info.created_by) == ("manual_removal", "maria")
    with pytest.raises(HoldError, match="motivo"):
        lift(db.session_factory, clerk, reason="", hold_ids=[info.id])
    with pytest.raises(PermissionDenied):
        eva = Actor(login="eva", permissions=frozenset({Perm.NEG_INCLUIR}))
        lift(db.session_factory, eva, reason="sem permissão para isso", hold_ids=[info.id])
    assert (
        lift(db.session_factory, clerk, reason="acordo quebrado em 01/12", hold_ids=[info.id]) == 1
    )
    items, excluded = found(db)
    assert "ana" in items, excluded  # a candidate again
    assert list_holds(db.session_factory) == []


def test_a_hold_with_an_end_date_ends_by_itself(active):
    """DESIGN §5.6: "its optional end date passed" — the day after it, the item is a
    candidate again; taken away, the hold lasts until lifted."""
    db = active.db
    clerk = Actor(login="maria", permissions=frozenset({Perm.NEG_BAIXA_MANUAL, Perm.NEG_INCLUIR}))
    manual_removal(db.session_factory, clerk, [negativation_of(db, active, "ana")], "pago na loja")
    where = dict(company_cnpj="29141777000158", sale="V-ana", installment=1)
    with pytest.raises(HoldError, match="motivo"):
        set_until(db.session_factory, clerk, until=AS_OF, reason="x", **where)
    assert set_until(
        db.session_factory, clerk, until=AS_OF - timedelta(days=1), reason="combinado 30 dias",
        **where,
    ) == 1  # fmt: skip
    items, excluded = found(db)
    assert "ana" not in excluded  # ended yesterday
    set_until(db.session_factory, clerk, until=None, reason="novo combinado", **where)
    assert found(db)[1].get("ana") == "held"


def test_a_court_order_is_recorded_and_lifted_by_sale_and_installment(active):
    db = active.db
    bia = negativation_of(db, active, "bia")
    manual_removal(
        db.session_factory, Actor.system(), [bia], "ofício 123/2026, 2ª Vara", court_order=True
    )
    (info,) = list_holds(db.session_factory)
    assert info.origin == "court_order" and info.sale == "V-bia"
    where = dict(company_cnpj="29141777000158", sale="V-bia", installment=1)
    with pytest.raises(HoldError, match="ordem judicial não tem data final"):
        set_until(db.session_factory, Actor.system(), until=AS_OF, reason="teste x", **where)
    assert lift(
        db.session_factory, Actor.system(), reason="decisão revogada em 30/11",
        company_cnpj="29.141.777/0001-58", sale="V-bia", installment=1,
    ) == 1  # fmt: skip


@pytest.mark.parametrize(
    ("triggers", "holds"),
    [
        ({"partial_payment": {"percent": "10.00"}}, True),
        ({"paid": True}, False),  # a full payment is kept out by the guards, not a hold
    ],
)
def test_a_removal_by_a_settling_trigger_holds(active, triggers, holds):
    db = active.db
    with db.session_factory.begin() as s:  # ana paid half of her installment
        from gestao_negativacao.db.models import Installment

        inst = s.get(Installment, active.ids["i:V-ana:1"])
        inst.paid = inst.adjusted / 2 if not triggers.get("paid") else inst.adjusted
    preview = Preview(
        db.session_factory, Actor.system(), "removal", _rule_removal(triggers), None, AS_OF
    )
    assert enqueue_removals(db.session_factory, Actor.system(), preview.selection()).queued == 1
    with db.session_factory() as s:
        origins = list(s.scalars(select(Hold.origin)))
    assert origins == (["partial_payment"] if holds else [])
