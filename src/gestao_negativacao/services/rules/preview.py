"""What a rule finds, for the screens and the command line: count, totals, one sorted page,
all items as a query (never materialised in Python), and "why not" for one item.

The lists run in SQL (``rules.sql``); "why not" loads the few sales around one debtor and
explains with ``rules.reference``, the same meanings stated in Python.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from sqlalchemy import Select, case, func, null, select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.models import Installment, Negativation
from gestao_negativacao.domain.enums import Action, Integrator
from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.domain.rules import Rule
from gestao_negativacao.rules import reference
from gestao_negativacao.rules.facts import NegativationFact
from gestao_negativacao.rules.sql import (
    inclusion_candidates,
    removal_candidates,
    tune_session,
    uses_grouped_lists,
    written_order,
)
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.rules.facts import load_facts, sales_of_customer
from gestao_negativacao.services.rules.found_items import ROLES, FoundItems, FoundRow

ACTIONS = (Action.INCLUSION, Action.REMOVAL)
SORTABLE = (
    "company_cnpj",
    "company_name",
    "enterprise_code",
    "sale_number",
    "installment_number",
    "due_date",
    "extended_due_date",
    "reference_date",
    "days_overdue",
    "debtor_document",
    "debtor_name",
    "debtor_role",
    "amount",
    "reason",
    "trigger",
)


class PreviewError(UserFacingError, ValueError):
    pass


@dataclass(frozen=True)
class PreviewItem:
    installment_id: int
    customer_id: int
    debtor_role: str
    company_cnpj: str
    company_name: str
    enterprise_code: str | None
    sale_number: str
    installment_number: int
    due_date: date
    extended_due_date: date | None
    reference_date: date
    debtor_document: str
    debtor_name: str
    amount: Decimal
    days_overdue: int
    reason: str | None = None
    trigger: str | None = None
    negativation_id: int | None = None
    integrator: str | None = None

    def as_json(self, *, excluded: bool = False) -> dict:
        """The item shape of DESIGN §13 (``preview --json``)."""
        doc = {
            "company_cnpj": self.company_cnpj,
            "sale": self.sale_number,
            "installment": self.installment_number,
            "debtor_document": self.debtor_document,
            "debtor_role": self.debtor_role,
        }
        if excluded:
            doc["reason"] = self.reason
            return doc
        doc.update(
            amount=f"{self.amount:.2f}", days_overdue=self.days_overdue, trigger=self.trigger
        )
        return doc


def check_integrator(integrator: str | None) -> str | None:
    if integrator is None:
        return None
    try:
        return Integrator(integrator).value
    except ValueError:
        names = ", ".join(i.value for i in Integrator)
        raise PreviewError(f"Integradora desconhecida: {integrator!r}. Use {names}.") from None


def _dialect(session_factory: sessionmaker[Session]) -> str | None:
    bind = session_factory.kw.get("bind")
    return None if bind is None else bind.dialect.name


def _recomputes_lists(session_factory: sessionmaker[Session]) -> bool:
    """MariaDB (and MySQL) compute a shared list again at each reference (rules.sql)."""
    return _dialect(session_factory) in ("mysql", "mariadb")


class Preview:
    """One evaluation of a rule (or hand-set filters as an unsaved rule) on ``as_of``."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        actor: Actor,
        action: str,
        rule: Rule | None,
        integrator: str | None,
        as_of: date,
    ) -> None:
        if action not in ACTIONS:
            raise PreviewError(f"Ação inválida: {action!r} (use inclusion ou removal).")
        actor.require(Perm.NEG_INCLUIR if action == Action.INCLUSION else Perm.NEG_BAIXAR)
        if rule is not None and rule.kind != action:
            kind = Action(rule.kind).label.lower()
            raise PreviewError(f"A regra {rule.name!r} é de {kind}.")
        if action == Action.INCLUSION and rule is None:
            raise PreviewError("A inclusão precisa de uma regra ou de filtros.")
        self.session_factory = session_factory
        self.action = action
        self.rule = rule
        self.integrator = check_integrator(integrator)
        self.as_of = as_of
        self.source = (
            inclusion_candidates(  # type: ignore[arg-type]
                rule, self.integrator, as_of, one_pass=_recomputes_lists(session_factory)
            )
            if action == Action.INCLUSION
            else removal_candidates(rule, self.integrator, as_of)
        )
        # the reference date the list shows and sorts "days overdue" by (rules.sql)
        criteria = rule.criteria if rule is not None and action == Action.INCLUSION else None
        days = criteria.days_overdue if criteria is not None else None
        self.effective_reference = days is None or days.reference != "due_date"
        self._found: dict[tuple, FoundItems] = {}
        self.grouped = action == Action.INCLUSION and uses_grouped_lists(rule)

    def _where(self, excluded: bool):
        reason = self.source.c.reason
        return reason.is_not(None) if excluded else reason.is_(None)

    def count(self, *, excluded: bool = False) -> int:
        query = written_order(
            select(func.count()).select_from(self.source).where(self._where(excluded))
        )
        with self.session_factory() as session:
            tune_session(session.connection(), grouped=self.grouped)
            return session.scalar(query) or 0

    def totals(self, *, excluded: bool = False) -> tuple[int, Decimal]:
        amount = func.coalesce(func.sum(self.source.c.amount), 0)
        query = written_order(select(func.count(), amount).where(self._where(excluded)))
        with self.session_factory() as session:
            tune_session(session.connection(), grouped=self.grouped)
            count, total = session.execute(query.select_from(self.source)).one()
        return count or 0, Decimal(total or 0).quantize(Decimal("0.01"))

    def _ordered(self, order_by: str, descending: bool, excluded: bool) -> Select:
        if order_by not in SORTABLE or (order_by == "trigger" and self.action == Action.INCLUSION):
            raise PreviewError(f"Coluna de ordenação inválida: {order_by!r}.")
        column = (
            self.source.c.reference_date if order_by == "days_overdue" else self.source.c[order_by]
        )
        if order_by == "days_overdue":
            descending = not descending  # more days overdue = an earlier date
        key = column.desc() if descending else column.asc()
        tie = (self.source.c.installment_id, self.source.c.customer_id)
        # MariaDB merges a one-branch list into this query: keep the branch's join order
        return written_order(select(self.source).where(self._where(excluded)).order_by(key, *tie))

    def found(
        self,
        order_by: str = "due_date",
        descending: bool = False,
        *,
        excluded: bool = False,
        again: bool = False,
    ) -> FoundItems:
        """Every item in this order, evaluated once (``again``: evaluate anew, as "Buscar"
        does); further pages of the same order read only their own rows."""
        key = (order_by, descending, excluded)
        if again or key not in self._found:
            ordered = self._ordered(order_by, descending, excluded)
            # the items found have no reason: not selecting it saves evaluating it twice
            reason = self.source.c.reason if excluded else null()
            role = case((self.source.c.debtor_role == ROLES[0], 0), else_=1)
            columns = [self.source.c.installment_id, self.source.c.customer_id, role, reason]
            if self.action == Action.REMOVAL:
                columns += [self.source.c.negativation_id, self.source.c.trigger]
            # A window over the whole list (the count, which is also len()) keeps SQLite
            # from flattening the candidates into this query and then walking every
            # past-due installment by date to spare itself the sort (2.2 s instead of
            # 1.5 s on the benchmark's million installments); MariaDB too runs faster with
            # it (0.50 → 0.36 s). PostgreSQL plans well without it: there it would cost a
            # tenth of the Buscar.
            if _dialect(self.session_factory) != "postgresql":
                columns.append(func.count().over())
            self._found[key] = FoundItems(
                self.session_factory,
                ordered.with_only_columns(*columns),
                effective_reference=self.effective_reference,
                removal=self.action == Action.REMOVAL,
                grouped=self.grouped,
                reasons=excluded,
            )
        return self._found[key]

    def page(
        self,
        order_by: str = "due_date",
        descending: bool = False,
        offset: int = 0,
        limit: int = 200,
        *,
        excluded: bool = False,
    ) -> list[PreviewItem]:
        found = self.found(order_by, descending, excluded=excluded)
        return [self._item(row) for row in found.rows(offset, limit)]

    def first_page(
        self,
        order_by: str = "due_date",
        descending: bool = False,
        limit: int = 200,
        *,
        excluded: bool = False,
    ) -> tuple[int, list[PreviewItem]]:
        """ "Buscar": the rule evaluated anew, once; the count and the first page."""
        found = self.found(order_by, descending, excluded=excluded, again=True)
        return len(found), [self._item(row) for row in found.rows(0, limit)]

    def iterate(
        self, *, excluded: bool = False, order_by: str = "company_cnpj"
    ) -> Iterator[PreviewItem]:
        """Every item, streamed from the database in chunks (for exports and the CLI)."""
        query = self._ordered(order_by, False, excluded)
        with self.session_factory() as session:
            tune_session(session.connection(), grouped=self.grouped)
            result = session.execute(query.execution_options(yield_per=2000)).mappings()
            for row in result:
                yield self._streamed_item(row)

    def selection(self) -> Select:
        """ "Select all that match" as a query: (installment_id, customer_id, debtor_role
        [, negativation_id]) of the items, for an INSERT … SELECT into the send queue."""
        columns = [
            self.source.c.installment_id,
            self.source.c.customer_id,
            self.source.c.debtor_role,
        ]
        if self.action == Action.REMOVAL:  # the trigger decides whether the removal holds (§5.6)
            columns += [self.source.c.negativation_id, self.source.c.trigger]
        query = select(*columns).where(self._where(False))
        return query.execution_options(grouped_lists=self.grouped)

    def _item(self, row: FoundRow) -> PreviewItem:
        return PreviewItem(
            **{name: getattr(row, name) for name in _READ},
            days_overdue=(self.as_of - row.reference_date).days,
            integrator=row.integrator or self.integrator,
        )

    def _streamed_item(self, row: dict) -> PreviewItem:
        return PreviewItem(
            **{name: row.get(name) for name in _READ},
            days_overdue=(self.as_of - row["reference_date"]).days,
            integrator=row.get("integrator", self.integrator),
        )


# what an item takes as read (a page of FoundRow, a streamed row); the rest is computed
_READ = tuple(f.name for f in fields(PreviewItem) if f.name not in ("days_overdue", "integrator"))


# -- why not -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Explanation:
    installment_id: int
    customer_id: int
    debtor_role: str
    sale_number: str
    installment_number: int
    verdict: reference.Verdict


def explain_inclusion(
    session_factory: sessionmaker[Session],
    actor: Actor,
    rule: Rule,
    customer_id: int,
    integrator: str | None,
    as_of: date,
    installment_id: int | None = None,
) -> list[Explanation]:
    """Why each installment of a customer (or just one) is, or is not, on the list."""
    actor.require(Perm.NEG_INCLUIR)
    integrator = check_integrator(integrator)
    with session_factory() as session:
        sale_ids = sales_of_customer(session, customer_id)
        if installment_id is not None:
            sale_id = session.scalar(
                select(Installment.sale_id).where(Installment.id == installment_id)
            )
            if sale_id is None:
                raise PreviewError("Parcela não encontrada.")
            sale_ids.add(sale_id)
        facts = load_facts(session, sale_ids)
    debtor = facts.customers.get(customer_id)
    if debtor is None:
        raise PreviewError("Cliente não encontrado.")
    out = []
    for inst in sorted(facts.installments.values(), key=lambda i: (i.sale_id, i.number)):
        if installment_id is not None and inst.id != installment_id:
            continue
        sale = facts.sales[inst.sale_id]
        roles = reference.debtor_roles(sale, customer_id)
        if not roles:
            verdict = reference.Verdict(
                "not_candidate",
                None,
                (
                    reference.Check(
                        "debtors", False, "o cliente não é titular nem avalista desta venda"
                    ),
                ),
            )
            out.append(Explanation(inst.id, customer_id, "-", sale.number, inst.number, verdict))
            continue
        for role in roles:
            verdict = reference.evaluate_inclusion(
                rule, facts, inst, debtor, role, integrator, as_of
            )
            out.append(Explanation(inst.id, customer_id, role, sale.number, inst.number, verdict))
    return out


def explain_removal(
    session_factory: sessionmaker[Session],
    actor: Actor,
    rule: Rule | None,
    negativation_id: int,
    as_of: date,
) -> tuple[str | None, list[reference.Check]]:
    actor.require(Perm.NEG_BAIXAR)
    with session_factory() as session:
        neg = session.get(Negativation, negativation_id)
        if neg is None:
            raise PreviewError("Negativação não encontrada.")
        sale_id = session.scalar(
            select(Installment.sale_id).where(Installment.id == neg.installment_id)
        )
        facts = load_facts(session, [sale_id])
    fact: NegativationFact = next(n for n in facts.negativations if n.id == negativation_id)
    checks = reference.removal_checks(rule, facts, fact, as_of)
    return reference.removal_trigger(rule, facts, fact, as_of), checks
