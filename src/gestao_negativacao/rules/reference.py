"""DESIGN §4 evaluated in plain Python, one item at a time, with the values compared.

This is the readable statement of the rules. It answers "why isn't this customer on the
list?" (every check with its numbers), and the tests compare the SQL evaluation against it
on random portfolios. It never evaluates whole lists for the screens: those run in SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from gestao_negativacao.domain.address import address_defects
from gestao_negativacao.domain.documents import format_document
from gestao_negativacao.domain.enums import (
    Action,
    DebtorRole,
    ExclusionReason,
    HoldOrigin,
    Integrator,
    NegativationStatus,
    Processing,
    RemovalTrigger,
)
from gestao_negativacao.domain.legal import (
    PRESCRIPTION_YEARS,
    add_years,
    adult_from,
    five_years_reached,
    is_adult_on,
)
from gestao_negativacao.domain.money import format_brl
from gestao_negativacao.domain.rules import REMOVAL_TRIGGERS, Amount, Days, Filters, Rule
from gestao_negativacao.rules.facts import (
    CustomerFact,
    InstallmentFact,
    NegativationFact,
    PortfolioFacts,
    SaleFact,
)

EXCLUSION_ORDER = (
    ExclusionReason.OLDER_THAN_FIVE_YEARS,
    ExclusionReason.DISPUTED,
    ExclusionReason.HELD,
    ExclusionReason.NOTICE_PENDING,
    ExclusionReason.MINOR,
    ExclusionReason.BIRTH_DATE_UNKNOWN,
    ExclusionReason.MISSING_ADDRESS,
    ExclusionReason.ALREADY_ACTIVE,
    ExclusionReason.QUEUED,
)
# the rule's triggers in the order of §4, then the removals the law forces
TRIGGER_ORDER = (
    *REMOVAL_TRIGGERS,
    RemovalTrigger.FIVE_YEARS,
    RemovalTrigger.DISPUTED,
    RemovalTrigger.AGREEMENT,
)
ROLE_NAMES = {"holder": "titular", "guarantor": "avalista", "any": "titular ou avalista"}
DEBTOR_NAMES = {"holder": "o titular", "guarantor": "os avalistas", "both": "titular e avalistas"}
REF_NAMES = {"due_date": "vencimento", "extended_date": "vencimento prorrogado"}
VALUE_NAMES = {"principal": "valor principal", "adjusted": "valor reajustado"}
TERMINATION_SITUATIONS = {
    "normal": ("distrato_normal",),
    "administrative": ("distrato_administrativo",),
    "both": ("distrato_normal", "distrato_administrativo"),
}


@dataclass(frozen=True)
class Check:
    """One criterion or guard applied to one item: passed or not, and why in numbers."""

    code: str
    passed: bool
    message: str


@dataclass(frozen=True)
class Verdict:
    """``outcome`` is "included", "excluded" (with ``reason``) or "not_candidate"."""

    outcome: str
    reason: str | None
    checks: tuple[Check, ...]


def _br(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else "—"


def _compare(code: str, label: str, shown: str, value, low, high, fmt=str) -> Check:
    if low is not None and value < low:
        return Check(code, False, f"{label} {shown} < mínimo {fmt(low)}")
    if high is not None and value > high:
        return Check(code, False, f"{label} {shown} > máximo {fmt(high)}")
    return Check(code, True, f"{label} {shown}")


def _days_check(code: str, label: str, days: int, rule: Days) -> Check:
    return _compare(code, label, str(days), days, rule.min, rule.max)


def _amount_check(code: str, label: str, value: Decimal, rule: Amount) -> Check:
    return _compare(code, label, format_brl(value), value, rule.min, rule.max, format_brl)


def _largest_days(code: str, label: str, days: list[int], rule: Days) -> Check:
    if not days:
        return Check(code, False, f"{label}: nenhuma parcela vencida")
    return _days_check(code, f"{label} (dias)", max(days), rule)


def _largest_amount(code: str, label: str, values: list[Decimal], rule: Amount) -> Check:
    if not values:
        return Check(code, False, f"{label}: nenhuma parcela vencida")
    return _amount_check(code, label, max(values), rule)


def filter_checks(filters: Filters, sale: SaleFact, debtor: CustomerFact) -> Iterator[Check]:
    keys = {
        "companies": (sale.company_cnpj, "empresa", format_document(sale.company_cnpj)),
        "enterprises": (sale.enterprise_code, "empreendimento", sale.enterprise_code or "nenhum"),
        "customers": (debtor.document, "cliente", format_document(debtor.document)),
        "sales": (f"{sale.company_cnpj}:{sale.number}", "venda", sale.number),
    }
    for dimension, (value, label, shown) in keys.items():
        include, exclude = filters.included(dimension), filters.excluded(dimension)
        if include and value not in include:
            yield Check(
                f"filter_{dimension}", False, f"{label} {shown} não está entre as que participam"
            )
        if exclude and value in exclude:
            yield Check(
                f"filter_{dimension}", False, f"{label} {shown} está entre as que não participam"
            )


def _overdue(
    facts: PortfolioFacts, sales: Iterable[SaleFact], reference: str, as_of: date
) -> list[InstallmentFact]:
    return [
        inst
        for sale in sales
        for inst in facts.installments_of(sale.id)
        if inst.overdue_on(reference, as_of)
    ]


def inclusion_checks(
    rule: Rule,
    facts: PortfolioFacts,
    inst: InstallmentFact,
    debtor: CustomerFact,
    role: str,
    as_of: date,
) -> list[Check]:
    """Every enabled criterion and filter of an inclusion rule for one (installment, debtor)."""
    c = rule.criteria
    assert c is not None
    sale = facts.sales[inst.sale_id]
    wanted = {"holder": ("holder",), "guarantor": ("guarantor",), "both": ("holder", "guarantor")}
    checks = [
        Check(
            "debtors",
            role in wanted[c.debtors],
            f"devedor é {ROLE_NAMES[role]}; a regra negativa {DEBTOR_NAMES[c.debtors]}",
        )
    ]
    ref3 = c.days_overdue.reference if c.days_overdue else "extended_date"
    r3 = inst.reference_date(ref3)
    if inst.open_amount <= 0:
        checks.append(
            Check(  # its own code: "Por que não?" lists paid installments apart
                "open_balance",
                False,
                f"parcela sem saldo em aberto ({format_brl(inst.open_amount)})",
            )
        )
    elif r3 >= as_of:
        checks.append(
            Check("overdue", False, f"{REF_NAMES[ref3]} {_br(r3)} não é anterior a {_br(as_of)}")
        )
    else:
        checks.append(Check("overdue", True, f"vencida há {(as_of - r3).days} dias"))
        if c.days_overdue:
            days = (as_of - r3).days
            checks.append(_days_check("days_overdue", "dias de atraso", days, c.days_overdue))
    if (v := c.installment_value) is not None:
        value = inst.value(v.reference)
        checks.append(_amount_check("installment_value", VALUE_NAMES[v.reference], value, v))
    if c.sale_overdue_count:
        n = len(_overdue(facts, [sale], "extended_date", as_of))
        low = c.sale_overdue_count.min
        checks.append(
            _compare("sale_overdue_count", "parcelas vencidas da venda", str(n), n, low, None)
        )
    if (d := c.sale_oldest_overdue_days) is not None:
        days = [
            (as_of - i.reference_date(d.reference)).days
            for i in _overdue(facts, [sale], d.reference, as_of)
        ]
        label = "maior atraso da venda"
        checks.append(_largest_days("sale_oldest_overdue_days", label, days, d))
    if (a := c.sale_largest_overdue_value) is not None:
        values = [i.value(a.reference) for i in _overdue(facts, [sale], "extended_date", as_of)]
        label = "maior parcela vencida da venda"
        checks.append(_largest_amount("sale_largest_overdue_value", label, values, a))
    if c.customer_overdue_count:
        ref = c.customer_overdue_count.reference or "any"
        n = len(_overdue(facts, facts.sales_of(debtor.id, ref), "extended_date", as_of))
        label = f"parcelas vencidas do cliente como {ROLE_NAMES[ref]}"
        checks.append(
            _compare("customer_overdue_count", label, str(n), n, c.customer_overdue_count.min, None)
        )
    if (d7 := c.customer_oldest_overdue_days) is not None:
        sales = facts.sales_of(debtor.id, "any")
        days = [
            (as_of - i.reference_date(d7.reference)).days
            for i in _overdue(facts, sales, d7.reference, as_of)
        ]
        label = "maior atraso do cliente"
        checks.append(_largest_days("customer_oldest_overdue_days", label, days, d7))
    if (a8 := c.customer_largest_overdue_value) is not None:
        sales = facts.sales_of(debtor.id, "any")
        values = [i.value(a8.reference) for i in _overdue(facts, sales, "extended_date", as_of)]
        label = "maior parcela vencida do cliente"
        checks.append(_largest_amount("customer_largest_overdue_value", label, values, a8))
    checks.extend(filter_checks(rule.filters, sale, debtor))
    return checks


def _matches_integrator(negativation: NegativationFact, integrator: str | None) -> bool:
    return integrator is None or negativation.integrator == integrator


def exclusion_checks(
    rule: Rule,
    facts: PortfolioFacts,
    inst: InstallmentFact,
    debtor: CustomerFact,
    integrator: str | None,
    as_of: date,
) -> list[Check]:
    """The legal guards and criterion 6 in the order of §4; a failed check excludes."""
    c = rule.criteria
    assert c is not None
    limit = add_years(inst.due_date, PRESCRIPTION_YEARS)
    checks = [
        Check(
            ExclusionReason.OLDER_THAN_FIVE_YEARS,
            not five_years_reached(inst.due_date, as_of),
            f"vencimento original {_br(inst.due_date)}; cinco anos em {_br(limit)}",
        ),
        Check(
            ExclusionReason.DISPUTED,
            not inst.disputed,
            "parcela em disputa" if inst.disputed else "sem disputa",
        ),
        _held_check(facts, inst.id, debtor.id, as_of),
        _notice_check(facts, inst, debtor.id, as_of),
    ]
    if c.skip_minors and debtor.kind == "F":
        reference = inst.reference_date(c.skip_minors)
        if debtor.birth_date is None:
            checks.append(
                Check(ExclusionReason.BIRTH_DATE_UNKNOWN, False, "devedor sem data de nascimento")
            )
        else:
            adult = is_adult_on(debtor.birth_date, reference)
            checks.append(
                Check(
                    ExclusionReason.MINOR,
                    adult,
                    f"nascido em {_br(debtor.birth_date)}, 18 anos em "
                    f"{_br(adult_from(debtor.birth_date))}; referência {_br(reference)}",
                )
            )
    defects = address_defects(debtor.cep, debtor.street, debtor.city, debtor.uf)
    shown = ", ".join(defects) if defects else "completo"
    checks.append(
        Check(ExclusionReason.MISSING_ADDRESS, not defects, f"endereço da carta de aviso: {shown}")
    )
    mine = [
        n
        for n in facts.negativations
        if n.installment_id == inst.id
        and n.customer_id == debtor.id
        and _matches_integrator(n, integrator)
    ]
    active = [n for n in mine if is_active(n.status, n.processing)]
    checks.append(
        Check(
            ExclusionReason.ALREADY_ACTIVE,
            not active,
            f"já negativada em {_bureau(active[0].integrator)}" if active else "não negativada",
        )
    )
    queued = [n for n in mine if Action.INCLUSION in n.queued]
    checks.append(
        Check(
            ExclusionReason.QUEUED,
            not queued,
            f"já na fila de envio para {_bureau(queued[0].integrator)}"
            if queued
            else "fora da fila",
        )
    )
    return checks


def _notice_check(facts: PortfolioFacts, inst: InstallmentFact, customer_id: int, as_of: date):
    """DESIGN §4: a company that warns its debtors first includes nobody it has not warned
    (by e-mail, its days before); the check says what was sent, when, or what failed."""
    cnpj = facts.sales[inst.sale_id].company_cnpj
    if cnpj not in facts.pre_notice:
        return Check(ExclusionReason.NOTICE_PENDING, True, "a empresa não envia aviso prévio")
    mine = sorted(
        (n for n in facts.notices if n.installment_id == inst.id and n.customer_id == customer_id),
        key=lambda n: n.sent_on,
    )
    sent = [n for n in mine if n.outcome == "enviado"]
    ready = [n for n in sent if n.eligible_from <= as_of]
    if ready:
        n = ready[0]
        return Check(
            ExclusionReason.NOTICE_PENDING,
            True,
            f"aviso prévio enviado em {_br(n.sent_on)} a {n.email}",
        )
    if sent:
        n = sent[0]
        return Check(
            ExclusionReason.NOTICE_PENDING,
            False,
            f"aviso prévio enviado em {_br(n.sent_on)}; pode ser incluída a partir de "
            f"{_br(n.eligible_from)}",
        )
    if mine:
        n = mine[-1]
        what = "devedor sem e-mail" if n.outcome == "sem_email" else f"falhou: {n.message}"
        return Check(
            ExclusionReason.NOTICE_PENDING,
            False,
            f"aviso prévio tentado em {_br(n.sent_on)} ({what})",
        )
    days = facts.pre_notice[cnpj]
    return Check(
        ExclusionReason.NOTICE_PENDING,
        False,
        f"a empresa avisa o devedor {days} dia(s) antes; aviso prévio ainda não enviado",
    )


def _held_check(facts: PortfolioFacts, installment_id: int, customer_id: int, as_of: date):
    """DESIGN §5.6: a hold after a removal keeps the item out, at every integrator; the
    check says who held it, when and why."""
    holds = [
        h
        for h in facts.holds
        if h.installment_id == installment_id and h.customer_id == customer_id and h.holds_on(as_of)
    ]
    if not holds:
        return Check(ExclusionReason.HELD, True, "sem bloqueio")
    h = holds[0]
    until = f", até {_br(h.until)}" if h.until else ", até ser retirado"
    why = f": {h.reason}" if h.reason else ""
    return Check(
        ExclusionReason.HELD,
        False,
        f"bloqueada por {h.created_by or '?'} em {_br(h.created_on)} "
        f"({HoldOrigin(h.origin).label}{why}){until}",
    )


def debtor_roles(sale: SaleFact, customer_id: int) -> list[str]:
    """The roles a customer has in a sale: holder, guarantor, or none."""
    roles = []
    if sale.holder_id == customer_id:
        roles.append(DebtorRole.HOLDER)
    if customer_id in sale.guarantor_ids:
        roles.append(DebtorRole.GUARANTOR)
    return roles


def is_active(status: str, processing: str) -> bool:
    """Active at the bureau, or accepted and awaiting its confirmation (SOA)."""
    return status == NegativationStatus.ACTIVE or (
        status == NegativationStatus.PENDING and processing == Processing.OK
    )


def evaluate_inclusion(
    rule: Rule,
    facts: PortfolioFacts,
    inst: InstallmentFact,
    debtor: CustomerFact,
    role: str,
    integrator: str | None,
    as_of: date,
) -> Verdict:
    checks = inclusion_checks(rule, facts, inst, debtor, role, as_of)
    if not all(check.passed for check in checks):
        return Verdict("not_candidate", None, tuple(checks))
    guards = exclusion_checks(rule, facts, inst, debtor, integrator, as_of)
    checks.extend(guards)
    failed = {g.code for g in guards if not g.passed}
    for code in EXCLUSION_ORDER:
        if code in failed:
            return Verdict("excluded", code, tuple(checks))
    return Verdict("included", None, tuple(checks))


def inclusion_results(
    rule: Rule, facts: PortfolioFacts, integrator: str | None, as_of: date
) -> tuple[set[tuple[int, int, str]], dict[tuple[int, int, str], str]]:
    """Every (installment, debtor, role) of the portfolio, for the tests' comparison."""
    items: set[tuple[int, int, str]] = set()
    excluded: dict[tuple[int, int, str], str] = {}
    for inst in facts.installments.values():
        sale = facts.sales[inst.sale_id]
        pairs = [(sale.holder_id, DebtorRole.HOLDER)] + [
            (g, DebtorRole.GUARANTOR) for g in sale.guarantor_ids
        ]
        for customer_id, role in pairs:
            debtor = facts.customers[customer_id]
            verdict = evaluate_inclusion(rule, facts, inst, debtor, role, integrator, as_of)
            if verdict.outcome == "included":
                items.add((inst.id, customer_id, role))
            elif verdict.outcome == "excluded":
                excluded[(inst.id, customer_id, role)] = verdict.reason or ""
    return items, excluded


def _partial_check(rule: Rule, inst: InstallmentFact) -> Check:
    p = rule.triggers.partial_payment  # type: ignore[union-attr]
    assert p is not None
    if p.percent is not None:
        reached = inst.paid * 100 >= inst.adjusted * p.percent
        target = f"{p.percent}% de {format_brl(inst.adjusted)}"
    else:
        assert p.amount is not None
        reached = inst.paid >= p.amount
        target = format_brl(p.amount)
    return Check(
        RemovalTrigger.PARTIAL_PAYMENT, reached, f"pago {format_brl(inst.paid)}; alvo {target}"
    )


def removal_checks(
    rule: Rule | None, facts: PortfolioFacts, negativation: NegativationFact, as_of: date
) -> list[Check]:
    """Rule triggers (only when the rule's filters let the item through), then the forced
    removals: five years, disputes and agreements kept."""
    inst = facts.installments[negativation.installment_id]
    sale = facts.sales[inst.sale_id]
    debtor = facts.customers[negativation.customer_id]
    checks: list[Check] = []
    if rule is not None and rule.triggers is not None:
        t = rule.triggers
        blocked = list(filter_checks(rule.filters, sale, debtor))
        checks.extend(blocked)
        if not blocked:
            situation = f"situação da venda: {sale.situation}"
            if t.paid:
                checks.append(
                    Check(
                        RemovalTrigger.PAID,
                        inst.open_amount == 0,
                        f"saldo em aberto {format_brl(inst.open_amount)}",
                    )
                )
            if t.partial_payment:
                checks.append(_partial_check(rule, inst))
            if t.termination:
                fired = sale.situation in TERMINATION_SITUATIONS[t.termination]
                checks.append(Check(RemovalTrigger.TERMINATION, fired, situation))
            if t.renegotiated:
                checks.append(
                    Check(RemovalTrigger.RENEGOTIATED, sale.situation == "renegociada", situation)
                )
            if (d := t.days_overdue) is not None:
                ref = inst.reference_date(d.reference)
                days = (as_of - ref).days
                fired = inst.open_amount > 0 and ref < as_of and days >= (d.min or 0)
                checks.append(
                    Check(
                        RemovalTrigger.DAYS_OVERDUE,
                        fired,
                        f"{REF_NAMES[d.reference]} {_br(ref)}: {days} dias",
                    )
                )
            if t.days_negativated is not None:
                on = negativation.included_on
                fired = on is not None and (as_of - on).days >= t.days_negativated
                checks.append(
                    Check(RemovalTrigger.DAYS_NEGATIVATED, fired, f"negativada em {_br(on)}")
                )
    five = five_years_reached(inst.due_date, as_of)
    checks.append(
        Check(RemovalTrigger.FIVE_YEARS, five, f"vencimento original {_br(inst.due_date)}")
    )
    checks.append(
        Check(
            RemovalTrigger.DISPUTED,
            inst.disputed,
            "parcela em disputa" if inst.disputed else "sem disputa",
        )
    )
    checks.append(_agreement_check(facts, negativation, as_of))
    return checks


def _agreement_check(facts: PortfolioFacts, negativation: NegativationFact, as_of: date):
    """DESIGN §5.6: an agreement kept on ``as_of`` over the item removes its negativation."""
    kept = [
        h
        for h in facts.holds
        if h.origin == HoldOrigin.AGREEMENT
        and h.installment_id == negativation.installment_id
        and h.customer_id == negativation.customer_id
        and h.holds_on(as_of)
    ]
    if kept:
        return Check(RemovalTrigger.AGREEMENT, True, f"acordo nº {kept[0].agreement_id} em dia")
    return Check(RemovalTrigger.AGREEMENT, False, "sem acordo em dia")


def removal_trigger(
    rule: Rule | None, facts: PortfolioFacts, negativation: NegativationFact, as_of: date
) -> str | None:
    fired = {c.code for c in removal_checks(rule, facts, negativation, as_of) if c.passed}
    return next((code for code in TRIGGER_ORDER if code in fired), None)


def _bureau(code: str) -> str:
    """An integrator as a person names it ("SPC Brasil"), whatever the code stored."""
    try:
        return Integrator(code).label
    except ValueError:
        return code
