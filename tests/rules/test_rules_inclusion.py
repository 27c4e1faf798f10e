"""Each inclusion criterion at its boundaries, each exclusion reason and their order, the
filters — on SQLite, PostgreSQL and MariaDB, each result also checked against the Python
statement of DESIGN §4 (tests.rules_helpers.include)."""

from datetime import date, timedelta

import pytest

from tests.rules_helpers import AS_OF, include
from tests.scenario import Scenario

DAY = timedelta(days=1)


@pytest.fixture
def sc(any_db):
    return Scenario(any_db)


def one_sale(sc, due, **kwargs):
    sc.customer("ana")
    sc.sale("V1", "ana")
    sc.installment("V1", 1, due, **kwargs)
    return sc.key("V1", 1, "ana")


def test_overdue_means_open_and_before_as_of(sc):
    sc.customer("ana")
    sc.sale("V1", "ana")
    sc.installment("V1", 1, AS_OF - DAY)
    sc.installment("V1", 2, AS_OF)
    sc.installment("V1", 3, AS_OF - 10 * DAY, paid="100.00")
    sc.installment("V1", 4, AS_OF - 10 * DAY, paid="99.99")
    items, _ = include(sc.db)
    assert items == {sc.key("V1", 1, "ana"), sc.key("V1", 4, "ana")}


@pytest.mark.parametrize(("days_late", "expected"), [(59, False), (60, True), (61, True)])
def test_days_overdue_minimum_is_inclusive(sc, days_late, expected):
    key = one_sale(sc, AS_OF - days_late * DAY)
    items, _ = include(sc.db, {"days_overdue": {"min": 60, "reference": "due_date"}})
    assert (key in items) is expected


@pytest.mark.parametrize(("days_late", "expected"), [(89, True), (90, True), (91, False)])
def test_days_overdue_maximum_is_inclusive(sc, days_late, expected):
    key = one_sale(sc, AS_OF - days_late * DAY)
    items, _ = include(sc.db, {"days_overdue": {"min": 30, "max": 90}})
    assert (key in items) is expected


def test_min_equal_max(sc):
    sc.customer("ana")
    sc.sale("V1", "ana")
    for n, late in enumerate((44, 45, 46), start=1):
        sc.installment("V1", n, AS_OF - late * DAY)
    items, _ = include(sc.db, {"days_overdue": {"min": 45, "max": 45}})
    assert items == {sc.key("V1", 2, "ana")}


def test_extended_date_reference_and_its_absence(sc):
    sc.customer("ana")
    sc.sale("V1", "ana")
    # extended 40 days: 60 days late on the due date, 20 on the extension
    sc.installment("V1", 1, AS_OF - 60 * DAY, extended=AS_OF - 20 * DAY)
    sc.installment("V1", 2, AS_OF - 60 * DAY)  # no extension: the due date counts
    by_due, _ = include(sc.db, {"days_overdue": {"min": 60, "reference": "due_date"}})
    by_ext, _ = include(sc.db, {"days_overdue": {"min": 60, "reference": "extended_date"}})
    assert by_due == {sc.key("V1", 1, "ana"), sc.key("V1", 2, "ana")}
    assert by_ext == {sc.key("V1", 2, "ana")}


def test_not_overdue_on_the_extension_is_not_a_candidate_without_criterion_3(sc):
    key = one_sale(sc, AS_OF - 10 * DAY, extended=AS_OF + 10 * DAY)
    items, excluded = include(sc.db)
    assert key not in items and key not in excluded


@pytest.mark.parametrize(
    ("reference", "low", "expected"),
    [("principal", "100.00", True), ("principal", "100.01", False),
     ("adjusted", "120.00", True), ("adjusted", "120.01", False)],
)  # fmt: skip
def test_installment_value_principal_or_adjusted(sc, reference, low, expected):
    key = one_sale(sc, AS_OF - 5 * DAY, value="100.00", adjusted="120.00")
    items, _ = include(sc.db, {"installment_value": {"min": low, "reference": reference}})
    assert (key in items) is expected


def test_installment_value_maximum(sc):
    key = one_sale(sc, AS_OF - 5 * DAY, value="100.00")
    assert key in include(sc.db, {"installment_value": {"max": "100.00"}})[0]
    assert key not in include(sc.db, {"installment_value": {"max": "99.99"}})[0]


def test_debtors_holder_guarantor_both(sc):
    sc.customer("ana")
    sc.customer("bia")
    sc.customer("caio")
    sc.sale("V1", "ana", guarantors=("bia", "caio"))
    sc.installment("V1", 1, AS_OF - 5 * DAY)
    holder = sc.key("V1", 1, "ana")
    g1, g2 = sc.key("V1", 1, "bia", "guarantor"), sc.key("V1", 1, "caio", "guarantor")
    assert include(sc.db, {"debtors": "holder"})[0] == {holder}
    assert include(sc.db, {"debtors": "guarantor"})[0] == {g1, g2}
    assert include(sc.db, {"debtors": "both"})[0] == {holder, g1, g2}
    assert include(sc.db, {})[0] == {holder}  # left out: holder


def test_customer_overdue_count_by_role(sc):
    sc.customer("ana")
    sc.customer("bia")
    sc.sale("V1", "ana", guarantors=("bia",))
    sc.sale("V2", "bia")
    sc.installment("V1", 1, AS_OF - 5 * DAY)
    sc.installment("V1", 2, AS_OF - 4 * DAY)
    sc.installment("V2", 1, AS_OF - 3 * DAY)
    both = {"debtors": "both"}
    # bia: 1 overdue as holder (V2), 2 as guarantor (V1), 3 in any role
    bia_keys = {sc.key("V1", 1, "bia", "guarantor"), sc.key("V1", 2, "bia", "guarantor"),
                sc.key("V2", 1, "bia")}  # fmt: skip

    def bia(reference, minimum):
        items, _ = include(
            sc.db, {**both, "customer_overdue_count": {"min": minimum, "reference": reference}}
        )
        return items & bia_keys

    assert bia("holder", 1) == bia_keys and bia("holder", 2) == set()
    assert bia("guarantor", 2) == bia_keys and bia("guarantor", 3) == set()
    assert bia("any", 3) == bia_keys and bia("any", 4) == set()


def test_sale_overdue_count(sc):
    sc.customer("ana")
    sc.sale("V1", "ana")
    sc.sale("V2", "ana")
    sc.installment("V1", 1, AS_OF - 5 * DAY)
    sc.installment("V1", 2, AS_OF - 4 * DAY)
    sc.installment("V2", 1, AS_OF - 5 * DAY)
    sc.installment("V2", 2, AS_OF + 4 * DAY)  # not due yet: not counted
    items, _ = include(sc.db, {"sale_overdue_count": {"min": 2}})
    assert items == {sc.key("V1", 1, "ana"), sc.key("V1", 2, "ana")}


def test_oldest_and_largest_of_the_sale_and_of_the_customer(sc):
    sc.customer("ana")
    sc.customer("bia")
    sc.sale("V1", "ana")
    sc.sale("V2", "bia", guarantors=("ana",))
    sc.installment("V1", 1, AS_OF - 10 * DAY, value="50.00")
    sc.installment("V2", 1, AS_OF - 90 * DAY, value="900.00")
    v1 = sc.key("V1", 1, "ana")
    # of the sale: V1 is only 10 days late and R$ 50
    assert v1 not in include(sc.db, {"sale_oldest_overdue_days": {"min": 11}})[0]
    assert v1 in include(sc.db, {"sale_oldest_overdue_days": {"min": 10}})[0]
    assert v1 not in include(sc.db, {"sale_largest_overdue_value": {"min": "50.01"}})[0]
    assert v1 in include(sc.db, {"sale_largest_overdue_value": {"min": "50.00"}})[0]
    # of the customer: ana guarantees V2, 90 days late and R$ 900
    assert v1 in include(sc.db, {"customer_oldest_overdue_days": {"min": 90}})[0]
    assert v1 not in include(sc.db, {"customer_oldest_overdue_days": {"min": 91}})[0]
    assert v1 in include(sc.db, {"customer_largest_overdue_value": {"min": "900.00"}})[0]
    assert v1 not in include(sc.db, {"customer_largest_overdue_value": {"min": "900.01"}})[0]


def test_oldest_of_the_sale_on_the_extended_date(sc):
    sc.customer("ana")
    sc.sale("V1", "ana")
    sc.installment("V1", 1, AS_OF - 70 * DAY, extended=AS_OF - 30 * DAY)
    key = sc.key("V1", 1, "ana")
    assert (
        key in include(sc.db, {"sale_oldest_overdue_days": {"min": 70, "reference": "due_date"}})[0]
    )
    rule = {"sale_oldest_overdue_days": {"min": 31, "reference": "extended_date"}}
    assert key not in include(sc.db, rule)[0]


@pytest.mark.parametrize(
    ("birth", "reason"),
    [(date(2008, 11, 12), None),            # 18 on the due date itself: reached
     (date(2008, 11, 13), "minor"),         # one day short
     (None, "birth_date_unknown")],
)  # fmt: skip
def test_minors_on_the_reference_date(sc, birth, reason):
    sc.customer("ana", birth=birth)
    sc.sale("V1", "ana")
    sc.installment("V1", 1, date(2026, 11, 12))
    key = sc.key("V1", 1, "ana")
    items, excluded = include(sc.db, {"skip_minors": {"reference": "due_date"}})
    assert excluded.get(key) == reason
    assert (key in items) is (reason is None)


def test_minor_on_the_due_date_but_adult_on_the_extension(sc):
    sc.customer("ana", birth=date(2008, 11, 20))
    sc.sale("V1", "ana")
    sc.installment("V1", 1, date(2026, 11, 12), extended=date(2026, 11, 20))
    key = sc.key("V1", 1, "ana")
    assert include(sc.db, {"skip_minors": {"reference": "due_date"}})[1] == {key: "minor"}
    assert key in include(sc.db, {"skip_minors": {"reference": "extended_date"}})[0]


def test_born_on_29_february_comes_of_age_on_1_march(sc):
    sc.customer("ana", birth=date(2008, 2, 29))
    sc.sale("V1", "ana")
    sc.installment("V1", 1, date(2026, 2, 28))
    sc.installment("V1", 2, date(2026, 3, 1))
    _, excluded = include(sc.db, {"skip_minors": {"reference": "due_date"}})
    assert excluded == {sc.key("V1", 1, "ana"): "minor"}


def test_a_company_has_no_age(sc):
    sc.customer("loja", kind="J", birth=None)
    sc.sale("V1", "loja")
    sc.installment("V1", 1, AS_OF - 5 * DAY)
    items, excluded = include(sc.db, {"skip_minors": {"reference": "due_date"}})
    assert items == {sc.key("V1", 1, "loja")} and not excluded


def test_five_years_counted_from_the_original_due_date(sc):
    sc.customer("ana")
    sc.sale("V1", "ana")
    sc.installment("V1", 1, date(2021, 11, 22))  # reaches five years on as_of: out
    sc.installment("V1", 2, date(2021, 11, 23), extended=date(2022, 6, 1))  # one day left
    items, excluded = include(sc.db)
    assert excluded == {sc.key("V1", 1, "ana"): "older_than_five_years"}
    assert items == {sc.key("V1", 2, "ana")}


@pytest.mark.parametrize(
    ("address", "reason"),
    [({"cep": None}, "missing_address"), ({"cep": "1310100"}, "missing_address"),
     ({"street": None}, "missing_address"), ({"city": "  "}, "missing_address"),
     ({"uf": "XX"}, "missing_address"), ({"uf": None}, "missing_address"), ({}, None)],
)  # fmt: skip
def test_address_for_the_notice_letter(sc, address, reason):
    sc.customer("ana", **address)
    sc.sale("V1", "ana")
    sc.installment("V1", 1, AS_OF - 5 * DAY)
    _, excluded = include(sc.db)
    assert excluded.get(sc.key("V1", 1, "ana")) == reason


def test_active_and_queued_are_per_integrator(sc):
    sc.customer("ana")
    sc.sale("V1", "ana")
    for n in (1, 2, 3, 4):
        sc.installment("V1", n, AS_OF - 5 * DAY)
    sc.negativation("V1", 1, "ana", integrator="spc_brasil", status="ativa")
    sc.negativation("V1", 2, "ana", integrator="spc_brasil", status="pendente",
                    processing="pendente", queued="inclusion")  # fmt: skip
    sc.negativation("V1", 3, "ana", integrator="soa_serasa", status="pendente", processing="ok")
    sc.negativation("V1", 4, "ana", integrator="spc_brasil", status="erro")
    items, excluded = include(sc.db, integrator="spc_brasil")
    assert excluded == {sc.key("V1", 1, "ana"): "already_active", sc.key("V1", 2, "ana"): "queued"}
    assert items == {sc.key("V1", 3, "ana"), sc.key("V1", 4, "ana")}  # erro may be sent again
    items, excluded = include(sc.db, integrator="soa_serasa")
    assert excluded == {sc.key("V1", 3, "ana"): "already_active"}
    assert items == {sc.key("V1", n, "ana") for n in (1, 2, 4)}
    items, excluded = include(sc.db, integrator="boa_vista")
    assert not excluded and len(items) == 4


def test_one_reason_each_in_the_order_of_design(sc):
    sc.customer("ana", birth=date(2015, 1, 1), cep=None)  # a minor without a CEP
    sc.sale("V1", "ana")
    sc.installment("V1", 1, date(2020, 1, 10), disputed=True)  # old and disputed
    sc.installment("V1", 2, AS_OF - 5 * DAY, disputed=True)  # disputed, minor, no address
    sc.installment("V1", 3, AS_OF - 5 * DAY)  # minor and no address
    sc.installment("V1", 4, AS_OF - 6 * DAY)
    sc.negativation("V1", 4, "ana", status="ativa", queued="inclusion")
    _, excluded = include(sc.db, {"skip_minors": {"reference": "due_date"}})
    assert excluded == {
        sc.key("V1", 1, "ana"): "older_than_five_years",
        sc.key("V1", 2, "ana"): "disputed",
        sc.key("V1", 3, "ana"): "minor",
        sc.key("V1", 4, "ana"): "minor",
    }
    _, excluded = include(sc.db)  # without criterion 6 the address comes first
    assert excluded[sc.key("V1", 3, "ana")] == "missing_address"


def test_filters_include_and_exclude(sc):
    sc.company("c1", "29141777000158")
    sc.company("c2", "12ABC34501DE35")
    sc.customer("ana")
    sc.customer("bia")
    sc.sale("V1", "ana", company="c1", enterprise="EMP01")
    sc.sale("V2", "bia", company="c2")
    sc.installment("V1", 1, AS_OF - 5 * DAY)
    sc.installment("V2", 1, AS_OF - 5 * DAY)
    a, b = sc.key("V1", 1, "ana"), sc.key("V2", 1, "bia")

    def run(side, dimension, values):
        return include(sc.db, filters={side: {dimension: values}})[0]

    assert run("include", "companies", ["12ABC34501DE35"]) == {b}
    assert run("exclude", "companies", ["12.ABC.345/01DE-35"]) == {a}
    assert run("include", "enterprises", ["EMP01"]) == {a}
    assert run("exclude", "enterprises", ["EMP01"]) == {b}  # a sale without one stays
    assert run("include", "customers", ["412.248.244-58"]) == {a}
    assert run("exclude", "customers", ["41224824458"]) == {b}
    assert run("include", "sales", ["12ABC34501DE35:V2"]) == {b}
    assert run("exclude", "sales", ["29141777000158:V1"]) == {b}
    assert run("include", "sales", ["29141777000158:V2"]) == set()


def test_a_minimum_of_zero_always_holds(sc):
    """Found by the property test: a holder who guarantees nothing has 0 overdue
    installments as guarantor, and 0 ≥ 0."""
    key = one_sale(sc, AS_OF - 5 * DAY)
    rule = {
        "customer_overdue_count": {"min": 0, "reference": "guarantor"},
        "sale_overdue_count": {"min": 0},
    }
    assert include(sc.db, rule)[0] == {key}
