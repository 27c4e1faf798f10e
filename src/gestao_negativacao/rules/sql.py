"""Rules compiled to SQL (SQLAlchemy Core), the same on SQLite, PostgreSQL and MariaDB.

Everything set-based: one statement per list. Date arithmetic is done in Python on
``as_of`` so that the SQL compares plain dates ("overdue ≥ N days" is "reference date ≤
as_of − N"); the criteria of the sale and of the customer become one grouped list each
(below); money is compared in cents; the exclusion reason is one CASE in the order of §4.
``rules.reference`` states the same meanings in Python; the tests hold the two equal on
random portfolios, on SQLite, PostgreSQL and MariaDB.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    case,
    exists,
    extract,
    func,
    literal,
    literal_column,
    null,
    or_,
    select,
    true,
    tuple_,
    type_coerce,
    union_all,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from gestao_negativacao.db.models import (
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
from gestao_negativacao.domain.address import CEP_LENGTH, UFS
from gestao_negativacao.domain.enums import (
    Action,
    DebtorRole,
    ExclusionReason,
    HoldOrigin,
    NegativationStatus,
    Processing,
    RemovalTrigger,
)
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
H = Hold.__table__
AI = AgreementInstallment.__table__
CP = CompanyParameter.__table__
DN = DebtorNotice.__table__


def cents(column) -> ColumnElement:
    """A money column as its stored integer cents (exact arithmetic in SQL)."""
    return type_coerce(column, BigInteger)


def ref_date(table, reference: str):
    return table.c.due_date if reference == "due_date" else table.c.effective_due_date


def value_cents(table, reference: str):
    return cents(table.c.principal if reference == "principal" else table.c.adjusted)


# A literal 0, not a bound parameter: SQLite uses the partial index "WHERE open_amount > 0"
# only when the query's own text implies it.
ZERO = literal_column("0")


def open_(table) -> ColumnElement[bool]:
    return cents(table.c.open_amount) > ZERO


def overdue(table, reference: str, as_of: date) -> ColumnElement[bool]:
    return and_(open_(table), ref_date(table, reference) < as_of)


def overdue_at_least(table, reference: str, days: int, as_of: date) -> ColumnElement[bool]:
    return and_(
        overdue(table, reference, as_of), ref_date(table, reference) <= as_of - timedelta(days)
    )


class date_key(FunctionElement):  # noqa: N801 - used like a SQL function
    """aaaammdd as an integer, so that ages compare without date arithmetic (which each
    database does its own way around 29 February)."""

    type = Integer()
    inherit_cache = True


@compiles(date_key)
def _date_key_default(element, compiler, **kw) -> str:
    (column,) = element.clauses
    year, month, day = (extract(part, column) for part in ("year", "month", "day"))
    # parenthesised: the text is spliced into "key(a) - key(b)"
    return f"({compiler.process(year * 10_000 + month * 100 + day, **kw)})"


@compiles(date_key, "postgresql")
def _date_key_postgresql(element, compiler, **kw) -> str:
    # date_part is a float (exact for these integers); EXTRACT is numeric, several times
    # slower per row
    (column,) = element.clauses
    c = compiler.process(column, **kw)
    return (
        f"(CAST(date_part('year', {c}) * 10000 + date_part('month', {c}) * 100 "
        f"+ date_part('day', {c}) AS INTEGER))"
    )


@compiles(date_key, "sqlite")
def _date_key_sqlite(element, compiler, **kw) -> str:
    # SQLite keeps dates as 'aaaa-mm-dd' text: one REPLACE instead of three strftime calls
    (column,) = element.clauses
    return f"CAST(REPLACE({compiler.process(column, **kw)}, '-', '') AS INTEGER)"


# -- sale and customer aggregates --------------------------------------------------------
#
# Criteria of the sale (2, 9, 10) and of the customer (1, 7, 8) each become ONE grouped
# list, scanned once, whose HAVING holds every enabled criterion of that dimension:
#   count of overdue installments ≥ N           count(overdue on the effective due date)
#   oldest overdue ≥ N days (on reference R)     min(R among installments overdue on R) ≤ as_of − N
#   largest overdue value ≥ X (principal/adj.)   max(value among overdue installments) ≥ X


def _when(condition, value):
    return case((condition, value), else_=null())


def _first_code(whens: list[tuple[Any, StrEnum]]):
    """The code of the first condition that holds, else NULL. The codes go in as plain text:
    an enum member is a value SQLAlchemy cannot type, and a staged column of no type became
    an integer column on PostgreSQL."""
    return case(*((condition, code.value) for condition, code in whens), else_=null())


def _any_overdue(table, as_of: date) -> ColumnElement[bool]:
    """Overdue on the due date or on the effective date: the rows any criterion reads."""
    # earliest_due_date is the earlier of the two: one index range instead of an OR
    return and_(open_(table), table.c.earliest_due_date < as_of)


def _sale_having(c: InclusionCriteria, table, as_of: date) -> list:
    """Criteria 2, 9, 10 over a sale's overdue installments (``table``)."""
    effective = overdue(table, "extended_date", as_of)
    having = []
    count = c.sale_overdue_count
    if count is not None and count.min > 0:  # "at least 0" holds for everyone
        # a plain count, not count(DISTINCT …), which PostgreSQL can only group by sorting:
        # a sale's rows are its installments, once each
        having.append(func.count(_when(effective, literal_column("1"))) >= count.min)
    if (oldest := c.sale_oldest_overdue_days) is not None:
        reference = ref_date(table, oldest.reference)
        first = func.min(_when(overdue(table, oldest.reference, as_of), reference))
        having.append(first <= as_of - timedelta(oldest.min or 0))
    if (largest := c.sale_largest_overdue_value) is not None:
        biggest = func.max(_when(effective, value_cents(table, largest.reference)))
        having.append(biggest >= to_cents(largest.min or 0))
    return having


def _sales_meeting(c: InclusionCriteria, as_of: date) -> Select | None:
    i2 = I.alias("i_sale")
    having = _sale_having(c, i2, as_of)
    if not having:
        return None
    return (
        select(i2.c.sale_id).where(_any_overdue(i2, as_of)).group_by(i2.c.sale_id).having(*having)
    )


def _who_answers(name: str, *, also_holder: bool = False):
    """Who answers for each sale, read from the sales and guarantors alone: its holder,
    and each of its guarantors (with ``also_holder``, a column saying when the guarantor
    is the holder too — it costs a join, so only where a count needs it)."""
    s_h, g_g = S.alias(f"{name}_sale"), G.alias(f"{name}_guar")
    holders = select(
        s_h.c.id.label("sale_id"),
        s_h.c.holder_id.label("customer_id"),
        literal(DebtorRole.HOLDER.value, String(10)).label("role"),
    )
    guarantors = select(
        g_g.c.sale_id.label("sale_id"),
        g_g.c.customer_id.label("customer_id"),
        literal(DebtorRole.GUARANTOR.value, String(10)).label("role"),
    )
    if also_holder:
        s_g = S.alias(f"{name}_gsale")
        holders = holders.add_columns(literal_column("0").label("also_holder"))
        guarantors = guarantors.add_columns(
            case((g_g.c.customer_id == s_g.c.holder_id, 1), else_=0).label("also_holder")
        ).select_from(g_g.join(s_g, s_g.c.id == g_g.c.sale_id))
    return union_all(holders, guarantors).subquery(name)


def _customer_per_sale(c: InclusionCriteria, i, as_of: date) -> list:
    """The figures of one sale (aggregates over its overdue installments ``i``, grouped by
    sale) that criteria 1, 7, 8 sum up over a customer's sales; empty without them."""
    count = c.customer_overdue_count
    oldest, largest = c.customer_oldest_overdue_days, c.customer_largest_overdue_value
    effective = overdue(i, "extended_date", as_of)
    per_sale = []
    if count is not None and count.min > 0:  # "at least 0" holds for everyone
        per_sale.append(func.count(_when(effective, literal_column("1"))).label("overdue_count"))
    if oldest is not None:
        first = _when(overdue(i, oldest.reference, as_of), ref_date(i, oldest.reference))
        per_sale.append(func.min(first).label("first_overdue"))
    if largest is not None:
        biggest = _when(effective, value_cents(i, largest.reference))
        per_sale.append(func.max(biggest).label("largest_overdue"))
    return per_sale


def _customer_measures(c: InclusionCriteria, rows, as_of: date) -> list[tuple[Any, Any]]:
    """Criteria 1, 7, 8 as (aggregate over a customer's ``rows``, test of its value); a row
    is a sale the customer answers for, with its role and ``_customer_per_sale``'s figures.

    A count is a sum of the sales' counts, the oldest a minimum of minimums, the largest a
    maximum of maximums: the same figures as over the installments themselves. An
    installment is counted once per role its customer has in the sale, and once only for
    "any" when the customer is both holder and guarantor (``also_holder``)."""
    count = c.customer_overdue_count
    oldest, largest = c.customer_oldest_overdue_days, c.customer_largest_overdue_value
    measures: list[tuple[Any, Any]] = []
    if count is not None and count.min > 0:
        if count.reference in ("holder", "guarantor"):
            wanted = rows.c.role == count.reference
        else:
            wanted = rows.c.also_holder == 0
        # no sale counted at all sums to NULL, which passes no "at least N" (N > 0)
        summed = func.sum(_when(wanted, rows.c.overdue_count))
        measures.append((summed, lambda value: value >= count.min))
    if oldest is not None:
        since = as_of - timedelta(oldest.min or 0)
        measures.append((func.min(rows.c.first_overdue), lambda value: value <= since))
    if largest is not None:
        at_least = to_cents(largest.min or 0)
        measures.append((func.max(rows.c.largest_overdue), lambda value: value >= at_least))
    return measures


def _debtor_sales(i, summary: list, as_of: date, *, also_holder: bool):
    """One row per sale with overdue installments and debtor who answers for it: the
    sale, the debtor, the role (and ``also_holder``), and ``summary`` — aggregates over
    the sale's overdue installments ``i``. The installments are summed up per sale once,
    then joined to who answers for each sale (MariaDB computes a list again at each
    reference to it)."""
    sales = (
        select(i.c.sale_id.label("sale_id"), *summary)
        .where(_any_overdue(i, as_of))
        .group_by(i.c.sale_id)
        .subquery("sale_overdue")
    )
    debtors = _who_answers("sale_debtors", also_holder=also_holder)
    return (
        select(
            debtors.c.sale_id,
            debtors.c.customer_id,
            debtors.c.role,
            *([debtors.c.also_holder] if also_holder else []),
            *[sales.c[column.key] for column in summary],
        )
        .select_from(sales.join(debtors, debtors.c.sale_id == sales.c.sale_id))
        .subquery("debtor_sales")
    )


def _customers_meeting(c: InclusionCriteria, as_of: date) -> Select | None:
    """Customers whose installments, as holder and as guarantor, meet criteria 1, 7, 8.

    Two levels: the overdue installments are summed up per sale first (one pass over the
    installments, grouped by sale), and the customers are then grouped over the sales
    they hold or guarantee — tens of thousands of rows instead of every installment once
    per role (MariaDB took 3.5 s over the installments on the benchmark's million)."""
    i = I.alias("i_cust")
    per_sale = _customer_per_sale(c, i, as_of)
    if not per_sale:
        return None
    rows = _debtor_sales(i, per_sale, as_of, also_holder=True)
    having = [test(measure) for measure, test in _customer_measures(c, rows, as_of)]
    return select(rows.c.customer_id).group_by(rows.c.customer_id).having(*having)


def _answering_meeting(c: InclusionCriteria, as_of: date):
    """For one pass (MariaDB): who answers for each sale, kept where the sale meets
    criteria 2, 9, 10 and the customer, over every sale they answer for, meets 1, 7, 8.

    The overdue installments are summed up per sale once, for both the sale's criteria
    and the customer's; a customer's figures are window aggregates over their sales,
    taken before any sale is left out. (Two grouped lists read the installments twice,
    and MariaDB reads a list again at each reference.) None when the rule has neither."""
    i = I.alias("i_answer")
    sale_having = _sale_having(c, i, as_of)
    per_sale = _customer_per_sale(c, i, as_of)
    if not sale_having and not per_sale:
        return None
    summary = [*per_sale]
    if sale_having:
        summary.append(case((and_(*sale_having), 1), else_=0).label("sale_meets"))
    rows = _debtor_sales(i, summary, as_of, also_holder=bool(per_sale))
    measures = _customer_measures(c, rows, as_of) if per_sale else []
    totals = select(
        rows.c.sale_id,
        rows.c.customer_id,
        rows.c.role,
        *([rows.c.sale_meets] if sale_having else []),
        *[
            measure.over(partition_by=rows.c.customer_id).label(f"measure_{n}")
            for n, (measure, _) in enumerate(measures)
        ],
    ).subquery("answering_totals")
    conditions = [test(totals.c[f"measure_{n}"]) for n, (_, test) in enumerate(measures)]
    if sale_having:
        conditions.append(totals.c.sale_meets == 1)
    return (
        select(totals.c.sale_id, totals.c.customer_id, totals.c.role)
        .where(*conditions)
        .subquery("answering")
    )


def _criteria_conditions(
    c: InclusionCriteria, debtor_id, as_of: date, sales: Select | None, customers: Select | None
) -> list:
    """Criteria 1–4 and 7–10 for the candidate installment I and its debtor; ``sales`` and
    ``customers`` are the grouped lists, built once and shared by the holder and guarantor
    branches."""
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
    if sales is not None:
        conditions.append(I.c.sale_id.in_(sales))
    if customers is not None:
        # ``id + 0`` keeps SQLite from walking the list through the (sale_id, customer_id)
        # index once per candidate row; as an expression it is one lookup in the list.
        # Other databases plan it as the same semi-join.
        conditions.append((debtor_id + 0).in_(customers))
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


def _negativations_of(integrator: str | None, n) -> list:
    return [n.c.integrator == integrator] if integrator is not None else []


def active_at(debtor, integrator: str | None) -> ColumnElement[bool]:
    """The (installment, debtor) has an active record at the integrator (or one sent and
    waiting for the bureau's confirmation).

    Written as "(installment, debtor) IN (list)" rather than a correlated EXISTS: the list
    does not depend on the row, so PostgreSQL builds it once as a hash and probes it per
    row (inside a CASE it would otherwise run the EXISTS once per row); SQLite and MariaDB
    materialise it the same way."""
    n = N.alias("n_active")
    listed = select(n.c.installment_id, n.c.customer_id).where(
        *_negativations_of(integrator, n),
        or_(
            n.c.status == NegativationStatus.ACTIVE,
            and_(n.c.status == NegativationStatus.PENDING, n.c.processing == Processing.OK),
        ),
    )
    return tuple_(I.c.id, debtor.c.id).in_(listed)


def missed_deadline(ai, as_of: date) -> ColumnElement[bool]:
    """An agreement installment (``ai``: the table or an alias, ORM or Core) whose deadline
    passed before ``as_of`` unpaid — paid after it counts as missed: what breaks an
    agreement, here, on the Acordos screen and on the Painel."""
    c = getattr(ai, "c", ai)
    return and_(c.deadline < as_of, or_(c.paid_on.is_(None), c.paid_on > c.deadline))


def _holding(h, as_of: date) -> list[ColumnElement[bool]]:
    """The hold ``h`` is in force on ``as_of``: not lifted, its end date (if any) not passed,
    and, for an agreement's hold, the agreement not broken — no installment of it left
    unpaid past its deadline (paid after the deadline counts as broken from the day after)."""
    ai = AI.alias(f"ai_{h.name}")
    broken = exists().where(ai.c.agreement_id == h.c.agreement_id, missed_deadline(ai, as_of))
    return [
        h.c.lifted_at.is_(None),
        or_(h.c.until.is_(None), h.c.until >= as_of),
        or_(h.c.agreement_id.is_(None), ~broken),
    ]


def held(debtor, as_of: date) -> ColumnElement[bool]:
    """A hold in force is on (installment, debtor), at every integrator (DESIGN §5.6). A
    list, as ``active_at`` explains."""
    h = H.alias("h_held")
    listed = select(h.c.installment_id, h.c.customer_id).where(*_holding(h, as_of))
    return tuple_(I.c.id, debtor.c.id).in_(listed)


def under_agreement(installment_id, customer_id, as_of: date) -> ColumnElement[bool]:
    """An agreement kept on ``as_of`` holds this (installment, debtor): its negativation is
    removed (trigger ``agreement``, DESIGN §5.6)."""
    h = H.alias("h_agreement")
    return exists().where(
        h.c.installment_id == installment_id,
        h.c.customer_id == customer_id,
        h.c.origin == HoldOrigin.AGREEMENT,
        *_holding(h, as_of),
    )


def notice_pending(debtor, as_of: date) -> ColumnElement[bool]:
    """The sale's company warns debtors before including them (``pre_notice_days`` set) and
    no notice to this debtor about this installment went out in time for ``as_of``."""
    cp, dn = CP.alias("cp_notice"), DN.alias("dn_notice")
    # a list, not a correlated EXISTS: read once per evaluation, not once per candidate
    # (the EXISTS cost SQLite 0.6 s on the benchmark's million installments)
    asking = select(cp.c.company_id).where(cp.c.pre_notice_days.is_not(None))
    asks = S.c.company_id.in_(asking)
    noticed = select(dn.c.installment_id, dn.c.customer_id).where(
        dn.c.outcome == "enviado", dn.c.eligible_from <= as_of
    )
    return and_(asks, tuple_(I.c.id, debtor.c.id).not_in(noticed))


def queued_at(debtor, integrator: str | None, action: str) -> ColumnElement[bool]:
    """The (installment, debtor) already waits in the send queue for ``action``."""
    n, q = N.alias("n_queued"), Q.alias("q_queued")
    listed = (
        select(n.c.installment_id, n.c.customer_id)
        .select_from(q.join(n, n.c.id == q.c.negativation_id))
        .where(*_negativations_of(integrator, n), q.c.action == action)
    )
    return tuple_(I.c.id, debtor.c.id).in_(listed)


def _exclusion_reason(c: InclusionCriteria, debtor, integrator: str | None, as_of: date):
    whens = [
        (I.c.due_date <= five_years_threshold(as_of), ExclusionReason.OLDER_THAN_FIVE_YEARS),
        (I.c.disputed == true(), ExclusionReason.DISPUTED),
        (held(debtor, as_of), ExclusionReason.HELD),
        (notice_pending(debtor, as_of), ExclusionReason.NOTICE_PENDING),
    ]
    if c.skip_minors:
        person = debtor.c.kind == "F"
        reference = ref_date(I, c.skip_minors)
        underage = date_key(reference) - date_key(debtor.c.birth_date) < ADULT_AGE * 10_000
        whens.append(
            (and_(person, debtor.c.birth_date.is_not(None), underage), ExclusionReason.MINOR)
        )
        whens.append(
            (and_(person, debtor.c.birth_date.is_(None)), ExclusionReason.BIRTH_DATE_UNKNOWN)
        )
    whens.append((address_missing(debtor), ExclusionReason.MISSING_ADDRESS))
    whens.append((active_at(debtor, integrator), ExclusionReason.ALREADY_ACTIVE))
    whens.append((queued_at(debtor, integrator, Action.INCLUSION), ExclusionReason.QUEUED))
    return _first_code(whens).label("reason")


def _item_columns(debtor, role, reference):
    """``role``: the debtor's role, a text or an expression that says it."""
    if isinstance(role, str):
        role = literal(role, String(10))
    return [
        I.c.id.label("installment_id"),
        debtor.c.id.label("customer_id"),
        role.label("debtor_role"),
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


def inclusion_candidates(rule: Rule, integrator: str | None, as_of: date, *, one_pass=False):
    """Every (installment, debtor) the rule finds, with ``reason`` NULL for the items to
    send and the exclusion reason (§4 order) for the others. A subquery.

    Holders and guarantors ("both") are two branches of a UNION ALL, which share the lists
    of sales and of customers as CTEs — SQLite and PostgreSQL compute such a list once.
    MariaDB computes a list again at each reference to it: there (``one_pass``) one branch
    goes through who answers for each sale, kept where the sale and the customer meet the
    grouped criteria (``_answering_meeting``), and the installments are summed up per sale
    once for both (on the benchmark's million installments: 7.7 s with two branches, 2.1 s
    with one; then, on a machine half as fast, 2.9 s with two lists, 2.0 s with the one
    summary. On SQLite the one-branch shape took 1.1 s where the two branches take 0.7 s)."""
    c = rule.criteria or InclusionCriteria()
    ref3 = c.days_overdue.reference if c.days_overdue else "extended_date"
    sales, customers = _sales_meeting(c, as_of), _customers_meeting(c, as_of)
    if c.debtors == "both" and one_pass:
        meeting = _answering_meeting(c, as_of)
        return _candidates(
            c, rule, integrator, as_of, "answering", None, None, ref3, answering=meeting
        )
    if c.debtors == "both":  # two branches read the same lists: compute each once
        if sales is not None:
            sale_cte = sales.cte("sales_meeting")
            sales = select(sale_cte.c.sale_id)
        if customers is not None:
            customer_cte = customers.cte("customers_meeting")
            customers = select(customer_cte.c.customer_id)
    roles = {"holder": ["holder"], "guarantor": ["guarantor"], "both": ["holder", "guarantor"]}
    branches = [
        _candidates(c, rule, integrator, as_of, role, sales, customers, ref3)
        for role in roles[c.debtors]
    ]
    if len(branches) == 1:
        return branches[0].subquery("candidates")
    return union_all(*branches).subquery("candidates")


def _candidates(
    c, rule, integrator, as_of, role: str, sales, customers, ref3, *, answering=None
) -> Select:
    """One branch of the candidates: the debtors of ``role`` ("holder", "guarantor", or
    "answering": both, through who answers for each sale — or through ``answering``,
    only the sales and debtors that meet the grouped criteria)."""
    joins = I.join(S, S.c.id == I.c.sale_id).join(C, C.c.id == S.c.company_id)
    joins = joins.outerjoin(E, E.c.id == S.c.enterprise_id)
    debtor = D.alias(f"d_{role}")
    if role == "holder":
        joins = joins.join(debtor, debtor.c.id == S.c.holder_id)
        shown_role = literal(DebtorRole.HOLDER.value, String(10))
    elif role == "guarantor":
        g = G.alias("g_debtor")
        joins = joins.join(g, g.c.sale_id == S.c.id).join(debtor, debtor.c.id == g.c.customer_id)
        shown_role = literal(DebtorRole.GUARANTOR.value, String(10))
    else:
        if answering is None:
            answering = _who_answers("answering")
        joins = joins.join(answering, answering.c.sale_id == S.c.id).join(
            debtor, debtor.c.id == answering.c.customer_id
        )
        shown_role = answering.c.role
    query = (
        written_order(
            select(
                *_item_columns(debtor, shown_role, ref_date(I, ref3)),
                _exclusion_reason(c, debtor, integrator, as_of),
            )
        )
        .select_from(joins)
        .where(*_criteria_conditions(c, debtor.c.id, as_of, sales, customers))
        .where(*filter_conditions(rule.filters, debtor))
    )
    return query.subquery("candidates") if role == "answering" else query


def _trigger(t: RemovalTriggers | None, filters_ok, as_of: date):
    whens = []
    if t is not None:
        if t.paid:
            whens.append((cents(I.c.open_amount) == 0, RemovalTrigger.PAID))
        if (p := t.partial_payment) is not None:
            if p.percent is not None:
                # paid ≥ percent% of adjusted, in integers: paid·10000 ≥ adjusted·(percent·100)
                reached = cents(I.c.paid) * 10_000 >= cents(I.c.adjusted) * int(p.percent * 100)
            else:
                reached = cents(I.c.paid) >= to_cents(p.amount or 0)
            whens.append((reached, RemovalTrigger.PARTIAL_PAYMENT))
        if t.termination:
            whens.append(
                (
                    S.c.situation.in_(TERMINATION_SITUATIONS[t.termination]),
                    RemovalTrigger.TERMINATION,
                )
            )
        if t.renegotiated:
            whens.append((S.c.situation == "renegociada", RemovalTrigger.RENEGOTIATED))
        if (d := t.days_overdue) is not None:
            whens.append(
                (overdue_at_least(I, d.reference, d.min or 0, as_of), RemovalTrigger.DAYS_OVERDUE)
            )
        if t.days_negativated is not None:
            limit = as_of - timedelta(t.days_negativated)
            whens.append((N.c.included_on <= limit, RemovalTrigger.DAYS_NEGATIVATED))
    whens = [(and_(filters_ok, condition), name) for condition, name in whens]
    whens.append((I.c.due_date <= five_years_threshold(as_of), RemovalTrigger.FIVE_YEARS))
    whens.append((I.c.disputed == true(), RemovalTrigger.DISPUTED))
    whens.append(
        (under_agreement(N.c.installment_id, N.c.customer_id, as_of), RemovalTrigger.AGREEMENT)
    )
    return _first_code(whens)


def removal_candidates(rule: Rule | None, integrator: str | None, as_of: date):
    """Active negativations a removal rule fires for, with the first ``trigger``, plus the
    forced removals (five years, disputes) whatever the rule. ``reason`` is ``queued``
    when the removal already waits in the send queue. A subquery."""
    debtor = D.alias("d_neg")
    filters = filter_conditions(rule.filters, debtor) if rule is not None else []
    filters_ok = and_(true(), *filters) if filters else true()
    trigger = _trigger(rule.triggers if rule is not None else None, filters_ok, as_of)
    q = Q.alias("q_removal")
    queued = exists().where(q.c.negativation_id == N.c.id, q.c.action == Action.REMOVAL)
    joins = (
        N.join(I, I.c.id == N.c.installment_id)
        .join(S, S.c.id == I.c.sale_id)
        .join(C, C.c.id == S.c.company_id)
        .outerjoin(E, E.c.id == S.c.enterprise_id)
        .join(debtor, debtor.c.id == N.c.customer_id)
    )
    conditions = [N.c.status == NegativationStatus.ACTIVE, trigger.is_not(None)]
    if integrator is not None:
        conditions.append(N.c.integrator == integrator)
    columns = _item_columns(debtor, DebtorRole.HOLDER, ref_date(I, "extended_date"))
    columns[2] = N.c.debtor_role.label("debtor_role")
    return (
        select(
            *columns,
            N.c.id.label("negativation_id"),
            N.c.integrator.label("integrator"),
            N.c.included_on.label("included_on"),
            trigger.label("trigger"),
            _first_code([(queued, ExclusionReason.QUEUED)]).label("reason"),
        )
        .select_from(joins)
        .where(*conditions)
        .subquery("removals")
    )


def written_order(query: Select) -> Select:
    """``query`` joined in the order it is written, on MariaDB (STRAIGHT_JOIN; the other
    databases never see it). MariaDB's optimizer, left alone, starts a candidates list
    from the 8 companies and reads every installment of every sale through the (sale,
    number) index: 5.6 s for "dias de atraso" on a million installments, where reading
    the installments first, as the joins are written, takes 0.7 s. Where MariaDB merges
    the list into the query around it, that query needs it too (``Preview``)."""
    for dialect in ("mysql", "mariadb"):
        query = query.prefix_with("STRAIGHT_JOIN", dialect=dialect)
    return query


def uses_grouped_lists(rule: Rule | None) -> bool:
    """Whether the rule's candidates are checked against the grouped lists of sales or of
    customers (criteria 1, 2, 7–10)."""
    if rule is None or rule.kind != Action.INCLUSION:
        return False
    c = rule.criteria or InclusionCriteria()
    return _sales_meeting(c, date.today()) is not None or (
        _customers_meeting(c, date.today()) is not None
    )


def tune_session(conn, *, grouped: bool = False) -> None:
    """Settings a rule's evaluation wants for the rest of its transaction (PostgreSQL):

    - its sorts and groupings fit in memory instead of temporary files (the server's
      default of 4 MB is meant for many small queries);
    - no JIT compilation, which costs a clerk's Buscar about 100 ms each time and saves
      nothing on lists of this size;
    - with grouped lists (``grouped``), no nested loops: the planner cannot estimate how
      many sales or customers pass a HAVING over a UNION (it guessed 7 customers where
      17,445 passed, on the benchmark's million installments) and would walk the
      installments sale by sale; hash joins read them once, in parallel (1.2 s → 0.9 s).
      The grouped lists scan every open installment anyway, so nothing cheaper is lost.
    """
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL work_mem = '64MB'")
        conn.exec_driver_sql("SET LOCAL jit = off")
        if grouped:
            conn.exec_driver_sql("SET LOCAL enable_nestloop = off")
