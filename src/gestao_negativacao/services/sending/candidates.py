"""What the Inclusão and Baixa screens list and send (DESIGN §4, §5; seed 004 items 6–7):

- a rule's preview, or hand-set filters turned into an unsaved rule (the seed's "either a
  rule or filters"), as a paged listing for the grid;
- for Baixa by hand-set filters, the active negativations those filters match (a clerk
  chooses what to remove; no trigger is needed);
- the selection sent: the whole result as a query ("Selecionar todos"), with the rows the
  clerk unticked left out, or just the rows ticked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, false, not_, select, tuple_
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.models import (
    Company,
    Customer,
    Enterprise,
    Installment,
    Negativation,
    Sale,
)
from gestao_negativacao.domain.documents import InvalidDocument, parse_cnpj, parse_document
from gestao_negativacao.domain.enums import (
    Action,
    DebtorRole,
    ExclusionReason,
    NegativationStatus,
    RemovalTrigger,
    labels,
)
from gestao_negativacao.domain.rule_format import parse_rule
from gestao_negativacao.domain.rules import Rule
from gestao_negativacao.services.joins import negativation_context
from gestao_negativacao.services.listing import Column, PagedQuery, Row, selecting
from gestao_negativacao.services.rules.preview import Preview, PreviewItem
from gestao_negativacao.services.sending.release import SendingError

REASONS = labels(ExclusionReason)
TRIGGERS = labels(RemovalTrigger)


@dataclass(frozen=True)
class HandFilters:
    """The filters of the screen when no rule is chosen."""

    company_cnpj: str = ""
    enterprise: str = ""
    customer_document: str = ""
    sale: str = ""
    due_from: date | None = None
    due_to: date | None = None
    days_min: int | None = None
    days_max: int | None = None
    value_min: str | None = None
    value_max: str | None = None

    def is_empty(self) -> bool:
        return self == HandFilters()

    def _bare(self) -> tuple[str, str]:
        try:
            company = parse_cnpj(self.company_cnpj).value if self.company_cnpj.strip() else ""
            customer = (
                parse_document(self.customer_document).value
                if self.customer_document.strip()
                else ""
            )
        except InvalidDocument as exc:
            raise SendingError(str(exc)) from None
        return company, customer

    def inclusion_rule(self, as_of: date) -> Rule:
        """An unsaved inclusion rule: a due-date period is days overdue on ``as_of``."""
        company, customer = self._bare()
        low, high = self.days_min, self.days_max
        if self.due_to is not None:
            low = max(low or 0, (as_of - self.due_to).days)
        if self.due_from is not None:
            high = min(high if high is not None else 10**6, (as_of - self.due_from).days)
        criteria: dict[str, Any] = {"debtors": "both"}
        criteria["days_overdue"] = {"min": max(low or 1, 1), "max": high}
        if self.value_min or self.value_max:
            criteria["installment_value"] = {
                "min": self.value_min or "0.01",
                "max": self.value_max,
            }
        include: dict[str, list[str]] = {}
        if company:
            include["companies"] = [company]
        if customer:
            include["customers"] = [customer]
        if self.enterprise.strip():
            include["enterprises"] = [self.enterprise.strip()]
        if self.sale.strip():
            if not company:
                raise SendingError("Para filtrar por venda, escolha também a empresa.")
            include["sales"] = [f"{company}:{self.sale.strip()}"]
        doc = {
            "name": "filtros da tela",
            "kind": Action.INCLUSION,
            "criteria": criteria,
            "filters": {"include": include},
        }
        return parse_rule(doc)


# -- listings for the grid -------------------------------------------------------------


def _preview_columns(action: str, excluded: bool) -> list[Column]:
    columns = [
        Column("company_name", "Empresa"),
        Column("sale_number", "Venda"),
        Column("installment_number", "Parcela", kind="number"),
        Column("debtor_name", "Devedor"),
        Column("debtor_document", "CPF/CNPJ", kind="document"),
        Column("debtor_role", "Papel"),
        Column("due_date", "Vencimento", kind="date"),
        Column("days_overdue", "Dias de atraso", kind="number"),
        Column("amount", "Em aberto", kind="money"),
    ]
    if excluded:
        columns.append(Column("reason", "Motivo"))
    elif action == Action.REMOVAL:
        columns.append(Column("trigger", "Gatilho"))
    return columns


def _shown(item: PreviewItem, key: str) -> Any:
    value = getattr(item, key)
    if key == "debtor_role":
        return DebtorRole(value).label
    if key == "reason":
        return REASONS.get(value, value)
    if key == "trigger":
        return TRIGGERS.get(value, value)
    return value


class PreviewListing:
    """A ``Preview`` as the grid's paged source; each row carries its ``PreviewItem`` as
    ``row.item`` (not shown) so that the screen knows what a row is."""

    def __init__(self, preview: Preview, *, excluded: bool = False) -> None:
        self.preview = preview
        self.excluded = excluded
        self.columns = _preview_columns(preview.action, excluded)

    _counted: int | None = None

    def count(self, text: str = "") -> int:
        if self._counted is not None:  # counted with the first page, in one evaluation
            return self._counted
        return self.preview.count(excluded=self.excluded)

    def page(self, offset, limit, *, order_by=None, descending=False, text=""):
        order = order_by or "due_date"
        if offset == 0:
            self._counted, items = self.preview.first_page(
                order, descending, limit, excluded=self.excluded
            )
        else:
            items = self.preview.page(order, descending, offset, limit, excluded=self.excluded)
        keys = tuple(c.key for c in self.columns)
        return [Row.of(keys, (_shown(i, key) for key in keys), i) for i in items]

    def all_rows(self, *, order_by=None, descending=False, text="", chunk=5000):
        offset = 0
        while True:
            rows = self.page(offset, chunk, order_by=order_by, descending=descending)
            yield from rows
            if len(rows) < chunk:
                return
            offset += chunk


def manual_removals(
    session_factory: sessionmaker[Session], filters: HandFilters, integrator: str | None
) -> PagedQuery:
    """Active negativations matching hand-set filters (Baixa without a rule)."""
    company, customer = filters._bare()
    N, Inst, S, C, P = Negativation, Installment, Sale, Company, Customer  # noqa: N806
    columns = [
        Column("negativation_id", "Id", N.id, "number"),
        Column("company_name", "Empresa", C.name),
        Column("sale_number", "Venda", S.number, searchable=True),
        Column("installment_number", "Parcela", Inst.number, "number"),
        Column("debtor_name", "Devedor", P.name, searchable=True),
        Column("debtor_document", "CPF/CNPJ", P.document, "document", searchable=True),
        Column("integrator", "Integradora", N.integrator, "integrator"),
        Column("due_date", "Vencimento", Inst.due_date, "date"),
        Column("included_on", "Negativada em", N.included_on, "date"),
        Column("amount", "Em aberto", Inst.open_amount, "money"),
    ]
    query = negativation_context(selecting(columns)).where(N.status == NegativationStatus.ACTIVE)
    if integrator:
        query = query.where(N.integrator == integrator)
    if company:
        query = query.where(C.cnpj == company)
    if customer:
        query = query.where(P.document == customer)
    if filters.sale.strip():
        query = query.where(S.number == filters.sale.strip())
    if filters.enterprise.strip():
        query = query.join(Enterprise, Enterprise.id == S.enterprise_id).where(
            Enterprise.code == filters.enterprise.strip()
        )
    if filters.due_from:
        query = query.where(Inst.due_date >= filters.due_from)
    if filters.due_to:
        query = query.where(Inst.due_date <= filters.due_to)
    return PagedQuery(session_factory, query, columns, default_order="due_date")


# -- what is sent -----------------------------------------------------------------------


def inclusion_selection(
    preview: Preview, *, only: list[tuple] | None = None, leave_out: list[tuple] | None = None
) -> Select:
    """(installment_id, customer_id, debtor_role) to queue: everything the preview finds,
    or ``only`` those keys, minus ``leave_out``."""
    selection = preview.selection().subquery("found")
    key = tuple_(selection.c.installment_id, selection.c.customer_id, selection.c.debtor_role)
    query = select(selection.c.installment_id, selection.c.customer_id, selection.c.debtor_role)
    if only is not None:
        query = query.where(key.in_(only)) if only else query.where(false())
    if leave_out:
        query = query.where(not_(key.in_(leave_out)))
    return query


def removal_selection(
    source: Select | Preview,
    *,
    only: list[int] | None = None,
    leave_out: list[int] | None = None,
) -> Select:
    """``negativation_id`` of what to remove: a removal preview's items, or the listing of
    hand-set filters, narrowed the same way."""
    base = source.selection() if isinstance(source, Preview) else source
    found = base.subquery("found")
    # the trigger rides along: a removal by some triggers holds the item (DESIGN §5.6)
    trigger = [found.c.trigger] if "trigger" in found.c else []
    query = select(found.c.negativation_id, *trigger)
    if only is not None:
        query = query.where(found.c.negativation_id.in_(only or [-1]))
    if leave_out:
        query = query.where(found.c.negativation_id.not_in(leave_out))
    return query


def total_of(items: list[PreviewItem]) -> Decimal:
    return sum((i.amount for i in items), Decimal("0.00"))
