"""Random portfolios and random rules: the SQL evaluation and the plain Python statement of
DESIGN §4 (rules.reference) must find exactly the same items and reasons."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete

from gestao_negativacao.db.base import utc_now
from gestao_negativacao.db.models import (
    Agreement,
    AgreementInstallment,
    Company,
    CompanyParameter,
    Customer,
    DebtorNotice,
    Enterprise,
    Hold,
    Installment,
    Negativation,
    Sale,
    SaleGuarantor,
    SendQueueEntry,
)
from gestao_negativacao.services.rules import preview as preview_module
from tests.rules_helpers import AS_OF, include, remove
from tests.scenario import CNPJS, CPFS


def checked(examples: int):
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


days_back = st.integers(min_value=-30, max_value=6 * 365)
money = st.integers(min_value=1, max_value=100_000).map(lambda c: Decimal(c) / 100)


@st.composite
def portfolios(draw):
    customers = []
    for index in range(draw(st.integers(1, 5))):
        company = draw(st.booleans()) and index == 0
        customers.append(
            {
                "document": CNPJS[3] if company else CPFS[index],
                "kind": "J" if company else "F",
                "birth_date": None
                if company
                else draw(st.one_of(st.none(), st.dates(date(1950, 1, 1), date(2012, 12, 31)))),
                "cep": draw(st.sampled_from(["01310100", "01310100", "01310100", None, "1234"])),
                "street": draw(st.sampled_from(["Rua A", "Rua A", None])),
                "city": "São Paulo",
                "uf": draw(st.sampled_from(["SP", "SP", "SP", "XX"])),
            }
        )
    sales = []
    for number in range(draw(st.integers(1, 4))):
        holder = draw(st.integers(0, len(customers) - 1))
        # now and then the holder is also a guarantor: an import refuses that row, but an
        # export without guarantor columns keeps the stored guarantors when a sale changes
        # holder, so the database can hold it and the rules must count it right
        also_holder = draw(st.integers(0, 9)) == 0
        others = [i for i in range(len(customers)) if i != holder or also_holder]
        guarantors = (
            draw(st.lists(st.sampled_from(others), max_size=2, unique=True)) if others else []
        )
        installments = []
        for n in range(1, draw(st.integers(1, 4)) + 1):
            due = AS_OF - timedelta(days=draw(days_back))
            principal = draw(money)
            adjusted = principal + draw(
                st.sampled_from([Decimal(0), Decimal("0.01"), Decimal("10")])
            )
            paid = draw(st.sampled_from([Decimal(0), adjusted, adjusted / 2, Decimal("0.01")]))
            installments.append(
                {
                    "number": n,
                    "due_date": due,
                    "extended_due_date": draw(
                        st.one_of(
                            st.none(), st.integers(0, 60).map(lambda d, due=due: due + timedelta(d))
                        )
                    ),
                    "principal": principal,
                    "adjusted": adjusted,
                    "paid": paid.quantize(Decimal("0.01")),
                    "disputed": draw(st.integers(0, 9)) == 0,
                    "negativation": draw(
                        st.one_of(
                            st.none(),
                            st.tuples(
                                st.sampled_from(["spc_brasil", "boa_vista"]),
                                st.sampled_from(["ativa", "pendente", "erro", "baixada"]),
                                st.sampled_from(["ok", "pendente"]),
                                st.sampled_from([None, "inclusion", "removal"]),
                                st.integers(0, 400),
                            ),
                        )
                    ),
                    # a hold on the item (its debtor as the negativation's): after a manual
                    # removal, with or without an end date, or an agreement whose plan has
                    # deadlines around AS_OF, paid on time, late or not at all (§5.6)
                    "hold": draw(
                        st.one_of(
                            st.none(),
                            st.tuples(
                                st.sampled_from(["manual_removal", "agreement"]),
                                st.one_of(st.none(), st.integers(-10, 10)),
                                st.lists(
                                    st.tuples(
                                        st.integers(-20, 20),
                                        st.one_of(st.none(), st.integers(-5, 5)),
                                    ),
                                    min_size=1,
                                    max_size=3,
                                ),
                                st.booleans(),  # lifted by hand
                            ),
                        )
                    ),
                    # a pre-notice to the same debtor: its outcome, when it went out and
                    # from when the item may be included (DESIGN §4 ``notice_pending``)
                    "notice": draw(
                        st.one_of(
                            st.none(),
                            st.tuples(
                                st.sampled_from(["enviado", "enviado", "falhou", "sem_email"]),
                                st.integers(-10, 3),
                                st.integers(-3, 3),
                            ),
                        )
                    ),
                }
            )
        sales.append(
            {
                "number": f"V{number}",
                "company": draw(st.integers(0, 1)),
                "enterprise": draw(st.sampled_from([None, "EMP1", "EMP2"])),
                "holder": holder,
                "guarantors": guarantors,
                "situation": draw(
                    st.sampled_from(
                        [
                            "ativa",
                            "ativa",
                            "distrato_normal",
                            "distrato_administrativo",
                            "renegociada",
                        ]
                    )
                ),
                "installments": installments,
            }
        )
    # the companies that warn their debtors before an inclusion, with their days
    notice_days = {
        company: draw(st.integers(1, 10)) for company in (0, 1) if draw(st.integers(0, 2)) == 0
    }
    return customers, sales, notice_days


def days(low=0, high=400):
    return st.integers(low, high)


@st.composite
def inclusion_criteria(draw):
    criteria = {"debtors": draw(st.sampled_from(["holder", "guarantor", "both"]))}
    optional = {
        "customer_overdue_count": st.fixed_dictionaries(
            {"min": st.integers(0, 4), "reference": st.sampled_from(["holder", "guarantor", "any"])}
        ),
        "sale_overdue_count": st.fixed_dictionaries({"min": st.integers(0, 4)}),
        "days_overdue": st.tuples(
            st.one_of(st.none(), days()),
            st.one_of(st.none(), days(0, 2500)),
            st.sampled_from(["due_date", "extended_date"]),
        )
        .filter(lambda t: t[0] is None or t[1] is None or t[0] <= t[1])
        .map(lambda t: {"min": t[0], "max": t[1], "reference": t[2]}),
        "installment_value": st.tuples(
            st.one_of(st.none(), money),
            st.one_of(st.none(), money),
            st.sampled_from(["principal", "adjusted"]),
        )
        .filter(lambda t: t[0] is None or t[1] is None or t[0] <= t[1])
        .map(
            lambda t: {
                "min": None if t[0] is None else str(t[0]),
                "max": None if t[1] is None else str(t[1]),
                "reference": t[2],
            }
        ),
        "skip_minors": st.fixed_dictionaries(
            {"reference": st.sampled_from(["due_date", "extended_date"])}
        ),
        "customer_oldest_overdue_days": st.fixed_dictionaries(
            {"min": days(), "reference": st.sampled_from(["due_date", "extended_date"])}
        ),
        "customer_largest_overdue_value": st.fixed_dictionaries(
            {"min": money.map(str), "reference": st.sampled_from(["principal", "adjusted"])}
        ),
        "sale_oldest_overdue_days": st.fixed_dictionaries(
            {"min": days(), "reference": st.sampled_from(["due_date", "extended_date"])}
        ),
        "sale_largest_overdue_value": st.fixed_dictionaries(
            {"min": money.map(str), "reference": st.sampled_from(["principal", "adjusted"])}
        ),
    }
    for name, strategy in optional.items():
        if draw(st.integers(0, 2)) == 0:
            criteria[name] = draw(strategy)
    return criteria


@st.composite
def removal_triggers(draw):
    triggers = {}
    if draw(st.booleans()):
        triggers["paid"] = True
    if draw(st.integers(0, 2)) == 0:
        triggers["partial_payment"] = draw(
            st.one_of(
                st.integers(1, 100).map(lambda p: {"percent": f"{p}.00"}),
                money.map(lambda m: {"amount": str(m)}),
            )
        )
    if draw(st.integers(0, 2)) == 0:
        triggers["termination"] = draw(st.sampled_from(["normal", "administrative", "both"]))
    if draw(st.integers(0, 2)) == 0:
        triggers["renegotiated"] = True
    if draw(st.integers(0, 2)) == 0:
        triggers["days_overdue"] = {
            "min": draw(days(0, 2000)),
            "reference": draw(st.sampled_from(["due_date", "extended_date"])),
        }
    if draw(st.integers(0, 2)) == 0:
        triggers["days_negativated"] = {"min": draw(days())}
    return triggers


filter_sets = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {
            "include": st.fixed_dictionaries(
                {"companies": st.lists(st.sampled_from(CNPJS[:2]), max_size=1)}
            ),
            "exclude": st.fixed_dictionaries(
                {
                    "enterprises": st.lists(st.sampled_from(["EMP1", "EMP2"]), max_size=1),
                    "customers": st.lists(st.sampled_from(CPFS[:3]), max_size=1),
                }
            ),
        }
    ),
)


def store_hold(s, installment, debtor, origin, until, plan, lifted):
    agreement_id = None
    if origin == "agreement":
        agreement = Agreement(
            company_id=s.get(Sale, installment.sale_id).company_id, customer_id=debtor.id,
            tolerance_days=0, made_on=AS_OF - timedelta(days=30),
        )  # fmt: skip
        s.add(agreement)
        s.flush()
        agreement_id = agreement.id
        for number, (deadline, paid) in enumerate(plan, start=1):
            on = AS_OF + timedelta(days=deadline)
            s.add(
                AgreementInstallment(
                    agreement_id=agreement.id, number=number, due_date=on,
                    amount=Decimal("10.00"), deadline=on,
                    paid_on=None if paid is None else on + timedelta(days=paid),
                )
            )  # fmt: skip
    s.add(
        Hold(
            installment_id=installment.id, customer_id=debtor.id, origin=origin,
            until=None if until is None else AS_OF + timedelta(days=until),
            agreement_id=agreement_id, lifted_at=utc_now() if lifted else None,
        )
    )  # fmt: skip


def store(db, portfolio):
    customers, sales, notice_days = portfolio
    with db.session_factory.begin() as s:
        for model in (
            Hold,
            AgreementInstallment,
            Agreement,
            DebtorNotice,
            CompanyParameter,
            SendQueueEntry,
            Negativation,
            Installment,
            SaleGuarantor,
            Sale,
            Enterprise,
            Customer,
            Company,
        ):
            s.execute(delete(model))
    with db.session_factory.begin() as s:
        companies = [Company(cnpj=CNPJS[i], name=f"E{i}") for i in range(2)]
        s.add_all(companies)
        s.flush()
        for company, days in notice_days.items():
            s.add(CompanyParameter(company_id=companies[company].id, pre_notice_days=days))
        people = [Customer(name=f"P{i}", **c) for i, c in enumerate(customers)]
        s.add_all(people)
        s.flush()
        enterprises = {}
        for sale in sales:
            enterprise_id = None
            if sale["enterprise"]:
                key = (sale["company"], sale["enterprise"])
                if key not in enterprises:
                    enterprise = Enterprise(
                        company_id=companies[sale["company"]].id, code=sale["enterprise"]
                    )
                    s.add(enterprise)
                    s.flush()
                    enterprises[key] = enterprise.id
                enterprise_id = enterprises[key]
            row = Sale(
                company_id=companies[sale["company"]].id,
                number=sale["number"],
                enterprise_id=enterprise_id,
                holder_id=people[sale["holder"]].id,
                situation=sale["situation"],
            )
            s.add(row)
            s.flush()
            for g in sale["guarantors"]:
                s.add(SaleGuarantor(sale_id=row.id, customer_id=people[g].id))
            for inst in sale["installments"]:
                neg, hold, notice = inst["negativation"], inst["hold"], inst["notice"]
                extra = ("negativation", "hold", "notice")
                values = {k: v for k, v in inst.items() if k not in extra}
                installment = Installment(sale_id=row.id, **values)
                s.add(installment)
                s.flush()
                age = neg[-1] if neg else 0
                debtor = (
                    people[sale["guarantors"][0]]
                    if sale["guarantors"] and age % 2
                    else people[sale["holder"]]
                )
                if hold:
                    store_hold(s, installment, debtor, *hold)
                if notice:
                    outcome, sent, wait = notice
                    s.add(
                        DebtorNotice(
                            installment_id=installment.id, customer_id=debtor.id,
                            sent_on=AS_OF + timedelta(days=sent),
                            eligible_from=AS_OF + timedelta(days=sent + wait),
                            outcome=outcome,
                        )
                    )  # fmt: skip
                if neg:
                    integrator, status, processing, queued, age = neg
                    n = Negativation(
                        installment_id=installment.id,
                        customer_id=debtor.id,
                        debtor_role="holder",
                        integrator=integrator,
                        status=status,
                        processing=processing,
                        included_on=AS_OF - timedelta(days=age),
                    )
                    s.add(n)
                    s.flush()
                    if queued:
                        s.add(
                            SendQueueEntry(
                                negativation_id=n.id, integrator=n.integrator, action=queued
                            )
                        )


@checked(150)
@given(
    portfolio=portfolios(),
    criteria=inclusion_criteria(),
    filters=filter_sets,
    integrator=st.sampled_from(["spc_brasil", "boa_vista", None]),
)
def test_sql_inclusion_equals_the_python_statement(
    sqlite_db, portfolio, criteria, filters, integrator
):
    store(sqlite_db, portfolio)
    include(sqlite_db, criteria, filters=filters, integrator=integrator)  # asserts equality


@checked(80)
@given(portfolio=portfolios(), criteria=inclusion_criteria())
def test_the_one_pass_shape_equals_the_python_statement(
    sqlite_db, monkeypatch, portfolio, criteria
):
    """MariaDB's shape for holders and guarantors (who answers for each sale, kept where
    the sale and the customer meet the grouped criteria, customers' figures as window
    sums) is plain SQL: held to the statement here on many more portfolios than the
    server test draws, with every rule asking for both."""
    monkeypatch.setattr(preview_module, "_recomputes_lists", lambda session_factory: True)
    store(sqlite_db, portfolio)
    include(sqlite_db, {**criteria, "debtors": "both"}, integrator=None)


@checked(120)
@given(
    portfolio=portfolios(),
    triggers=removal_triggers(),
    filters=filter_sets,
    integrator=st.sampled_from(["spc_brasil", "boa_vista", None]),
)
def test_sql_removal_equals_the_python_statement(
    sqlite_db, portfolio, triggers, filters, integrator
):
    store(sqlite_db, portfolio)
    remove(sqlite_db, triggers, filters=filters, integrator=integrator)


@pytest.mark.parametrize("server", ["postgresql", "mariadb"])
@checked(25)
@given(portfolio=portfolios(), criteria=inclusion_criteria(), triggers=removal_triggers())
def test_the_same_on_the_servers(request, server, portfolio, criteria, triggers):
    db = request.getfixturevalue(f"_{server}_shared_db")
    store(db, portfolio)
    include(db, criteria)
    remove(db, triggers)
