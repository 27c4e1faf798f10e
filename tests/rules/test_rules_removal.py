"""Removal triggers at their boundaries, the forced removals, the trigger order, and the
filters — on every database, checked against the Python statement of §4."""

from datetime import date, timedelta

import pytest

from tests.rules_helpers import AS_OF, remove
from tests.scenario import Scenario

DAY = timedelta(days=1)


@pytest.fixture
def sc(any_db):
    sc = Scenario(any_db)
    sc.customer("ana")
    return sc


def negativated(sc, sale="V1", *, situation="ativa", due=AS_OF - 30 * DAY, **kwargs):
    if f"s:{sale}" not in sc.ids:
        sc.sale(sale, "ana", situation=situation)
    number = len([k for k in sc.ids if k.startswith(f"i:{sale}:")]) + 1
    neg_kwargs = {
        k: kwargs.pop(k) for k in ("included_on", "integrator", "status", "queued") if k in kwargs
    }
    sc.installment(sale, number, due, **kwargs)
    return sc.negativation(sale, number, "ana", **neg_kwargs)


def test_paid_means_nothing_open(sc):
    paid = negativated(sc, value="100.00", paid="100.00")
    almost = negativated(sc, value="100.00", paid="99.99")
    items, _ = remove(sc.db, {"paid": True})
    assert items == {paid: "paid"}
    assert almost not in items


@pytest.mark.parametrize(("paid", "fires"), [("59.99", False), ("60.00", True), ("60.01", True)])
def test_partial_payment_percent_of_the_adjusted_value(sc, paid, fires):
    neg = negativated(sc, value="100.00", adjusted="120.00", paid=paid)
    items, _ = remove(sc.db, {"partial_payment": {"percent": "50.00"}})
    assert (items.get(neg) == "partial_payment") is fires


@pytest.mark.parametrize(("paid", "fires"), [("29.99", False), ("30.00", True)])
def test_partial_payment_amount(sc, paid, fires):
    neg = negativated(sc, value="100.00", paid=paid)
    items, _ = remove(sc.db, {"partial_payment": {"amount": "30.00"}})
    assert (neg in items) is fires


@pytest.mark.parametrize(
    ("termination", "situation", "fires"),
    [("normal", "distrato_normal", True), ("normal", "distrato_administrativo", False),
     ("administrative", "distrato_administrativo", True), ("both", "distrato_normal", True),
     ("both", "renegociada", False)],
)  # fmt: skip
def test_termination(sc, termination, situation, fires):
    neg = negativated(sc, situation=situation)
    items, _ = remove(sc.db, {"termination": termination})
    assert (items.get(neg) == "termination") is fires


def test_renegotiated(sc):
    neg = negativated(sc, situation="renegociada")
    other = negativated(sc, "V2")
    items, _ = remove(sc.db, {"renegotiated": True})
    assert items == {neg: "renegotiated"} and other not in items


@pytest.mark.parametrize(("late", "fires"), [(99, False), (100, True)])
def test_days_overdue(sc, late, fires):
    neg = negativated(sc, due=AS_OF - late * DAY)
    items, _ = remove(sc.db, {"days_overdue": {"min": 100, "reference": "due_date"}})
    assert (neg in items) is fires


@pytest.mark.parametrize(("days", "fires"), [(29, False), (30, True)])
def test_days_since_the_negativation(sc, days, fires):
    neg = negativated(sc, included_on=AS_OF - days * DAY)
    items, _ = remove(sc.db, {"days_negativated": {"min": 30}})
    assert (neg in items) is fires


def test_five_years_and_disputes_are_removed_whatever_the_rule(sc):
    old = negativated(sc, due=date(2021, 11, 22))
    young = negativated(sc, due=date(2021, 11, 23))
    disputed = negativated(sc, disputed=True)
    items, _ = remove(sc.db, {}, filters={"exclude": {"customers": ["41224824458"]}})
    assert items == {old: "five_years", disputed: "disputed"}
    assert young not in items
    assert remove(sc.db, rule=False)[0] == {old: "five_years", disputed: "disputed"}


def test_the_first_trigger_that_fires_is_named(sc):
    neg = negativated(
        sc, situation="renegociada", value="100.00", paid="100.00", due=date(2020, 1, 1)
    )
    triggers = {"paid": True, "partial_payment": {"percent": "10"}, "renegotiated": True}
    assert remove(sc.db, triggers)[0] == {neg: "paid"}
    assert remove(sc.db, {"renegotiated": True})[0] == {neg: "renegotiated"}
    assert remove(sc.db, {})[0] == {neg: "five_years"}


def test_filters_keep_rule_triggers_away(sc):
    neg = negativated(sc, paid="100.00")
    items, _ = remove(sc.db, {"paid": True}, filters={"include": {"companies": ["12ABC34501DE35"]}})
    assert neg not in items


def test_only_active_negativations_at_the_integrator(sc):
    active = negativated(sc, paid="100.00")
    negativated(sc, paid="100.00", status="baixada")
    negativated(sc, paid="100.00", status="pendente")
    elsewhere = negativated(sc, paid="100.00", integrator="boa_vista")
    assert remove(sc.db, {"paid": True})[0] == {active: "paid"}
    assert remove(sc.db, {"paid": True}, integrator="boa_vista")[0] == {elsewhere: "paid"}


def test_a_removal_already_queued_is_reported_not_listed(sc):
    neg = negativated(sc, paid="100.00", queued="removal")
    items, excluded = remove(sc.db, {"paid": True})
    assert items == {} and excluded == {neg: "queued"}
