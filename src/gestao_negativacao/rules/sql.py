"""Rules compiled to SQL (SQLAlchemy Core), the same on SQLite, PostgreSQL and MariaDB.

Everything set-based: one statement per list. Date arithmetic is done in Python on
``as_of`` so that the SQL compares plain dates ("overdue ≥ N days" is "reference date ≤
as_of − N"), and the largest/oldest criteria become existence tests (the oldest overdue
installment is ≥ N days late exactly when some overdue installment is). Money is compared
in cents. ``rules.reference`` states the same meanings in Python; the tests hold the two
equal on random portfolios.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Select,
    String,
    and_,
    case,
    exists,
    extract,
    func,
    literal,
    null,
    or_,
    select,
    true,
    tuple_,
    type_coerce,
    union_all,
)

from gestao_negativacao.db.models import (
    Company,
    Customer,
    Enterprise,
    Installment,
    Negativation,
    Sale,
    SaleGuarantor,
    SendQueueEntry,
)
from gestao_negativacao.domain.address import CEP_LENGTH, UFS
from gestao_negativacao.domain.legal import ADULT_AGE, five_years_threshold
from gestao_negativacao.domain.money import to_cents
from gestao_negativacao.domain.rules import Filters, InclusionCriteria, RemovalTriggers, Rule
from gestao_negativacao.rules.reference import TERMINATION_SITUATIONS

I = Installment.__table__  # noqa: E741
S = Sale.__table__
C = Company.__table__
E = Enterprise.__table__
D = Customer.__table__
G = SaleGuarantor.__table__
N = Negativation.__table__
Q = SendQueueEntry.__table__


def cents(column) -> ColumnElement:
    """A money column as its stored integer cents (exact arithmetic in SQL)."""
    return type_coerce(column, BigInteger)


def ref_date(table, reference: str):
    return table.c.due_date if reference == "due_date" else table.c.effective_due_date


def value_cents(table, reference: str):
    return cents(table.c.principal if reference == "principal" else table.c.adjusted)


def overdue(table, reference: str, as_of: date) -> ColumnElement[bool]:
    return and_(cents(table.c.open_amount) > 0, ref_date(table, reference) < as_of)


def overdue_at_least(table, reference: str, days: int, as_of: date) -> ColumnElement[bool]:
    return and_(
        overdue(table, reference, as_of), ref_date(table, reference) <= as_of - timedelta(days)
    )


def date_key(column) -> ColumnElement:
    """aaaammdd as an integer, so that ages compare without dialect date functions."""
    return (
        extract("year", column) * 10_000 + extract("month", column) * 100 + extract("day", column)
    )


# -- sale and customer aggregates --------------------------------------------------------


def _sale_ids(*conditions) -> Select:
    i2 = I.alias("i_sale")
    return select(i2.c.sale_id).where(*[c(i2) for c in conditions])


def _customer_rows(role: str, condition) -> list[Select]:
    """(customer_id, installment_id) of installments meeting ``condition`` in the sales
    where the customer has ``role`` (holder, guarantor or any)."""
    selects = []
    if role in ("holder", "any"):
        i2, s2 = I.alias("i_hold"), S.alias("s_hold")
        selects.append(
            select(s2.c.holder_id.label("customer_id"), i2.c.id.label("installment_id"))
            .select_from(i2.join(s2, s2.c.id == i2.c.sale_id))
            .where(condition(i2))
        )
    if role in ("guarantor", "any"):
        i2, g2 = I.alias("i_guar"), G.alias("g_guar")
        selects.append(
            select(g2.c.customer_id.label("customer_id"), i2.c.id.label("installment_id"))
            .select_from(i2.join(g2, g2.c.sale_id == i2.c.sale_id))
            .where(condition(i2))
        )
    return selects


def _customers_with(role: str, condition) -> Select:
    rows = _customer_rows(role, condition)
    if len(rows) == 1:
        return rows[0].with_only_columns(rows[0].selected_columns.customer_id)
    union = union_all(*rows).subquery("rows_any")
    return select(union.c.customer_id)


def _customers_counting(role: str, condition, minimum: int) -> Select:
    union = union_all(*_customer_rows(role, condition)).subquery("rows_count")
    return (
        select(union.c.customer_id)
        .group_by(union.c.customer_id)
        .having(func.count(func.distinct(union.c.installment_id)) >= minimum)
    )


def _criteria_conditions(c: InclusionCriteria, debtor_id, as_of: date) -> list:
    """Criteria 1–4 and 7–10 for the candidate installment I and its debtor."""
    conditions = []
    ref3 = c.days_overdue.reference if c.days_overdue else "extended_date"
    conditions.append(overdue(I, ref3, as_of))
    if (d := c.days_overdue) is not None:
        if d.min is not None:
            conditions.append(ref_date(I, ref3) <= as_of - timedelta(d.min))
        if d.max is not None:
            conditions.append(ref_date(I, ref3) >= as_of - timedelta(d.max))
    if (v := c.installment_value) is not None:
        if v.min is not None:
            conditions.append(value_cents(I, v.reference) >= to_cents(v.min))
        if v.max is not None:
            conditions.append(value_cents(I, v.reference) <= to_cents(v.max))
    effective_overdue = lambda t: overdue(t, "extended_date", as_of)  # noqa: E731
    # "at least 0" holds for everyone, including customers with no row to group
    if c.sale_overdue_count and c.sale_overdue_count.min > 0:
        minimum = c.sale_overdue_count.min
        i2 = I.alias("i_count")
        counted = (
            select(i2.c.sale_id)
            .where(effective_overdue(i2))
            .group_by(i2.c.sale_id)
            .having(func.count() >= minimum)
        )
        conditions.append(I.c.sale_id.in_(counted))
    if (d9 := c.sale_oldest_overdue_days) is not None:
        conditions.append(
            I.c.sale_id.in_(
                _sale_ids(lambda t: overdue_at_least(t, d9.reference, d9.min or 0, as_of))
            )
        )
    if (a10 := c.sale_largest_overdue_value) is not None:
        threshold = to_cents(a10.min or 0)
        conditions.append(
            I.c.sale_id.in_(
                _sale_ids(effective_overdue, lambda t: value_cents(t, a10.reference) >= threshold)
            )
        )
    if (c1 := c.customer_overdue_count) is not None and c1.min > 0:
        conditions.append(
            debtor_id.in_(_customers_counting(c1.reference or "any", effective_overdue, c1.min))
        )
    if (d7 := c.customer_oldest_overdue_days) is not None:
        conditions.append(
            debtor_id.in_(
                _customers_with(
                    "any", lambda t: overdue_at_least(t, d7.reference, d7.min or 0, as_of)
                )
            )
        )
    if (a8 := c.customer_largest_overdue_value) is not None:
        threshold8 = to_cents(a8.min or 0)
        conditions.append(
            debtor_id.in_(
                _customers_with(
                    "any",
                    lambda t: and_(
                        effective_overdue(t), value_cents(t, a8.reference) >= threshold8
                    ),
                )
            )
        )
    return conditions


def filter_conditions(filters: Filters, debtor) -> list:
    conditions = []
    sale_key = tuple_(C.c.cnpj, S.c.number)

    def pairs(values: tuple[str, ...]) -> list[tuple[str, str]]:
        return [tuple(value.split(":", 1)) for value in values]  # type: ignore[misc]

    columns = {"companies": C.c.cnpj, "enterprises": E.c.code, "customers": debtor.c.document}
    for dimension, column in columns.items():
        if include := filters.included(dimension):
            conditions.append(column.in_(include))
        if exclude := filters.excluded(dimension):
            conditions.append(or_(column.is_(None), column.not_in(exclude)))
    if include := filters.included("sales"):
        conditions.append(sale_key.in_(pairs(include)))
    if exclude := filters.excluded("sales"):
        conditions.append(sale_key.not_in(pairs(exclude)))
    return conditions


def address_missing(debtor) -> ColumnElement[bool]:
    blank = lambda column: or_(column.is_(None), func.trim(column) == "")  # noqa: E731
    return or_(
        blank(debtor.c.cep),
        func.length(debtor.c.cep) != CEP_LENGTH,
        blank(debtor.c.street),
        blank(debtor.c.city),
        debtor.c.uf.is_(None),
        debtor.c.uf.not_in(sorted(UFS)),
    )


def _negativation_of(debtor, integrator: str | None, n=N):
    conditions = [n.c.installment_id == I.c.id, n.c.customer_id == debtor.c.id]
    if integrator is not None:
        conditions.append(n.c.integrator == integrator)
    return conditions


def active_at(debtor, integrator: str | None) -> ColumnElement[bool]:
    n = N.alias("n_active")
    return exists().where(
        *_negativation_of(debtor, integrator, n),
        or_(n.c.status == "ativa", and_(n.c.status == "pendente", n.c.processing == "ok")),
    )


def queued_at(debtor, integrator: str | None, action: str) -> ColumnElement[bool]:
    n, q = N.alias("n_queued"), Q.alias("q_queued")
    return exists(
        select(q.c.id)
        .select_from(q.join(n, n.c.id == q.c.negativation_id))
        .where(*_negativation_of(debtor, integrator, n), q.c.action == action)
    )


def _exclusion_reason(c: InclusionCriteria, debtor, integrator: str | None, as_of: date):
    whens = [
        (I.c.due_date <= five_years_threshold(as_of), "older_than_five_years"),
        (I.c.disputed == true(), "disputed"),
    ]
    if c.skip_minors:
        person = debtor.c.kind == "F"
        reference = ref_date(I, c.skip_minors)
        underage = date_key(reference) - date_key(debtor.c.birth_date) < ADULT_AGE * 10_000
        whens.append((and_(person, debtor.c.birth_date.is_not(None), underage), "minor"))
        whens.append((and_(person, debtor.c.birth_date.is_(None)), "birth_date_unknown"))
    whens.append((address_missing(debtor), "missing_address"))
    whens.append((active_at(debtor, integrator), "already_active"))
    whens.append((queued_at(debtor, integrator, "inclusion"), "queued"))
    return case(*whens, else_=null()).label("reason")


def _item_columns(debtor, role: str, reference):
    return [
        I.c.id.label("installment_id"),
        debtor.c.id.label("customer_id"),
        literal(role, String(10)).label("debtor_role"),
        C.c.cnpj.label("company_cnpj"),
        C.c.name.label("company_name"),
        E.c.code.label("enterprise_code"),
        S.c.number.label("sale_number"),
        I.c.number.label("installment_number"),
        I.c.due_date.label("due_date"),
        I.c.extended_due_date.label("extended_due_date"),
        reference.label("reference_date"),
        debtor.c.document.label("debtor_document"),
        debtor.c.name.label("debtor_name"),
        I.c.open_amount.label("amount"),
    ]


def inclusion_candidates(rule: Rule, integrator: str | None, as_of: date):
    """Every (installment, debtor) the rule finds, with ``reason`` NULL for the items to
    send and the exclusion reason (§4 order) for the others. A subquery."""
    c = rule.criteria or InclusionCriteria()
    ref3 = c.days_overdue.reference if c.days_overdue else "extended_date"
    branches = []
    roles = {"holder": ["holder"], "guarantor": ["guarantor"], "both": ["holder", "guarantor"]}
    for role in roles[c.debtors]:
        debtor = D.alias(f"d_{role}")
        joins = I.join(S, S.c.id == I.c.sale_id).join(C, C.c.id == S.c.company_id)
        joins = joins.outerjoin(E, E.c.id == S.c.enterprise_id)
        if role == "holder":
            joins = joins.join(debtor, debtor.c.id == S.c.holder_id)
        else:
            g = G.alias("g_debtor")
            joins = joins.join(g, g.c.sale_id == S.c.id).join(
                debtor, debtor.c.id == g.c.customer_id
            )
        branches.append(
            select(
                *_item_columns(debtor, role, ref_date(I, ref3)),
                _exclusion_reason(c, debtor, integrator, as_of),
            )
            .select_from(joins)
            .where(*_criteria_conditions(c, debtor.c.id, as_of))
            .where(*filter_conditions(rule.filters, debtor))
        )
    if len(branches) == 1:
        return branches[0].subquery("candidates")
    return union_all(*branches).subquery("candidates")


def _trigger(t: RemovalTriggers | None, filters_ok, as_of: date):
    whens = []
    if t is not None:
        if t.paid:
            whens.append((cents(I.c.open_amount) == 0, "paid"))
        if (p := t.partial_payment) is not None:
            if p.percent is not None:
                # paid ≥ percent% of adjusted, in integers: paid·10000 ≥ adjusted·(percent·100)
                reached = cents(I.c.paid) * 10_000 >= cents(I.c.adjusted) * int(p.percent * 100)
            else:
                reached = cents(I.c.paid) >= to_cents(p.amount or 0)
            whens.append((reached, "partial_payment"))
        if t.termination:
            whens.append((S.c.situation.in_(TERMINATION_SITUATIONS[t.termination]), "termination"))
        if t.renegotiated:
            whens.append((S.c.situation == "renegociada", "renegotiated"))
        if (d := t.days_overdue) is not None:
            whens.append((overdue_at_least(I, d.reference, d.min or 0, as_of), "days_overdue"))
        if t.days_negativated is not None:
            limit = as_of - timedelta(t.days_negativated)
            whens.append((N.c.included_on <= limit, "days_negativated"))
    whens = [(and_(filters_ok, condition), name) for condition, name in whens]
    whens.append((I.c.due_date <= five_years_threshold(as_of), "five_years"))
    whens.append((I.c.disputed == true(), "disputed"))
    return case(*whens, else_=null())


def removal_candidates(rule: Rule | None, integrator: str | None, as_of: date):
    """Active negativations a removal rule fires for, with the first ``trigger``, plus the
    forced removals (five years, disputes) whatever the rule. ``reason`` is ``queued``
    when the removal already waits in the send queue. A subquery."""
    debtor = D.alias("d_neg")
    filters = filter_conditions(rule.filters, debtor) if rule is not None else []
    filters_ok = and_(true(), *filters) if filters else true()
    trigger = _trigger(rule.triggers if rule is not None else None, filters_ok, as_of)
    q = Q.alias("q_removal")
    queued = exists().where(q.c.negativation_id == N.c.id, q.c.action == "removal")
    joins = (
        N.join(I, I.c.id == N.c.installment_id)
        .join(S, S.c.id == I.c.sale_id)
        .join(C, C.c.id == S.c.company_id)
        .outerjoin(E, E.c.id == S.c.enterprise_id)
        .join(debtor, debtor.c.id == N.c.customer_id)
    )
    conditions = [N.c.status == "ativa", trigger.is_not(None)]
    if integrator is not None:
        conditions.append(N.c.integrator == integrator)
    columns = _item_columns(debtor, "holder", ref_date(I, "extended_date"))
    columns[2] = N.c.debtor_role.label("debtor_role")
    return (
        select(
            *columns,
            N.c.id.label("negativation_id"),
            N.c.integrator.label("integrator"),
            N.c.included_on.label("included_on"),
            trigger.label("trigger"),
            case((queued, "queued"), else_=null()).label("reason"),
        )
        .select_from(joins)
        .where(*conditions)
        .subquery("removals")
    )
