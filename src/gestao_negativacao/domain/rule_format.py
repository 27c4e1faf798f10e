"""The §13 exchange format of a rule (DESIGN §13): ``parse_rule`` validates a dictionary
completely and raises ``RuleError`` with every problem in Portuguese; ``rule_to_json``
writes one back (``Rule.to_json``). A criterion or trigger left out (or null / false) is
off. The rule types themselves live in ``domain.rules``."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from gestao_negativacao.domain.documents import InvalidDocument, parse_document
from gestao_negativacao.domain.enums import Action, RemovalTrigger
from gestao_negativacao.domain.rules import (
    CRITERION_NAMES,
    DATE_REFERENCES,
    DEBTORS,
    FILTER_DIMENSIONS,
    INCLUSION_CRITERIA,
    KINDS,
    REMOVAL_TRIGGERS,
    ROLE_REFERENCES,
    TERMINATIONS,
    VALUE_REFERENCES,
    Amount,
    Count,
    Days,
    Filters,
    InclusionCriteria,
    PartialPayment,
    RemovalTriggers,
    Rule,
    RuleError,
)

# -- writing ----------------------------------------------------------------------------


def _money_text(value: Decimal | None) -> str | None:
    return None if value is None else f"{value:.2f}"


def _criteria_json(c: InclusionCriteria) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if c.customer_overdue_count:
        out["customer_overdue_count"] = {
            "min": c.customer_overdue_count.min,
            "reference": c.customer_overdue_count.reference,
        }
    if c.sale_overdue_count:
        out["sale_overdue_count"] = {"min": c.sale_overdue_count.min}
    if c.days_overdue:
        d = c.days_overdue
        out["days_overdue"] = {"min": d.min, "max": d.max, "reference": d.reference}
    if c.installment_value:
        v = c.installment_value
        out["installment_value"] = {
            "min": _money_text(v.min),
            "max": _money_text(v.max),
            "reference": v.reference,
        }
    out["debtors"] = c.debtors
    if c.skip_minors:
        out["skip_minors"] = {"reference": c.skip_minors}
    for name in ("customer_oldest_overdue_days", "sale_oldest_overdue_days"):
        days = getattr(c, name)
        if days:
            out[name] = {"min": days.min, "reference": days.reference}
    for name in ("customer_largest_overdue_value", "sale_largest_overdue_value"):
        amount = getattr(c, name)
        if amount:
            out[name] = {"min": _money_text(amount.min), "reference": amount.reference}
    return out


def _triggers_json(t: RemovalTriggers) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if t.paid:
        out["paid"] = True
    if t.partial_payment:
        p = t.partial_payment
        out["partial_payment"] = (
            {"percent": _money_text(p.percent)} if p.percent is not None
            else {"amount": _money_text(p.amount)}
        )  # fmt: skip
    if t.termination:
        out["termination"] = t.termination
    if t.renegotiated:
        out["renegotiated"] = True
    if t.days_overdue:
        out["days_overdue"] = {"min": t.days_overdue.min, "reference": t.days_overdue.reference}
    if t.days_negativated is not None:
        out["days_negativated"] = {"min": t.days_negativated}
    return out


# -- reading ----------------------------------------------------------------------------


FIELD_NAMES = {"name": "nome", "kind": "tipo", "active": "ativa", "criteria": "critérios",
               "triggers": "gatilhos", "filters": "filtros"}  # fmt: skip


def in_words(where: str) -> str:
    """Where a problem is, for a person: the field's Portuguese name, and the §13 key in
    parentheses for whoever edits the rule file ("Quem é negativado (debtors)")."""
    head = where.split(".")[0]
    if where in FIELD_NAMES:
        return FIELD_NAMES[where]
    if head in CRITERION_NAMES:
        return f"{CRITERION_NAMES[head]} ({where})"
    if head in set(RemovalTrigger):
        label = RemovalTrigger(head).label
        return f"{label[0].upper()}{label[1:]} ({where})"
    return where


class _Reader:
    """Collects every problem of one rule instead of stopping at the first."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{self.label}, {in_words(where)}: {message}")

    def obj(self, value: Any, where: str, allowed: tuple[str, ...]) -> dict | None:
        if value is None or value is False:
            return None
        if not isinstance(value, dict):
            self.fail(where, "esperado um objeto JSON")
            return None
        for key in value:
            if key not in allowed:
                self.fail(where, f"campo desconhecido {key!r} (use {', '.join(allowed)})")
        return value

    def integer(self, value: Any, where: str, *, required: bool) -> int | None:
        if value is None:
            if required:
                self.fail(where, "informe um número inteiro")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(where, f"esperado um número inteiro, veio {value!r}")
            return None
        if value < 0:
            self.fail(where, f"não pode ser negativo ({value})")
            return None
        return value

    def money(self, value: Any, where: str, *, required: bool) -> Decimal | None:
        if value is None:
            if required:
                self.fail(where, "informe um valor")
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.fail(where, f'esperado um valor como "150.00", veio {value!r}')
            return None
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            self.fail(where, f'valor inválido {value!r} (use "150.00")')
            return None
        if not amount.is_finite() or amount < 0:
            self.fail(where, f"valor inválido {value!r}")
            return None
        if amount != amount.quantize(Decimal("0.01")):
            self.fail(where, f"valor com mais de duas casas decimais: {value!r}")
            return None
        return amount.quantize(Decimal("0.01"))

    def choice(self, value: Any, where: str, options: tuple[str, ...], default: str | None) -> Any:
        if value is None:
            if default is None:
                self.fail(where, f"informe a referência ({' | '.join(options)})")
            return default
        if value not in options:
            self.fail(where, f"referência inválida {value!r} (use {' | '.join(options)})")
            return default
        return value

    def min_max(self, low: Any, high: Any, where: str) -> None:
        if low is not None and high is not None and low > high:
            self.fail(where, f"mínimo ({low}) maior que o máximo ({high})")


def _days(r: _Reader, raw: Any, where: str, *, with_max: bool) -> Days | None:
    allowed = ("min", "max", "reference") if with_max else ("min", "reference")
    doc = r.obj(raw, where, allowed)
    if doc is None:
        return None
    low = r.integer(doc.get("min"), f"{where}.min", required=not with_max)
    high = r.integer(doc.get("max"), f"{where}.max", required=False) if with_max else None
    r.min_max(low, high, where)
    ref = r.choice(doc.get("reference"), f"{where}.reference", DATE_REFERENCES, "due_date")
    return Days(low, high, ref)


def _amount(r: _Reader, raw: Any, where: str, *, with_max: bool) -> Amount | None:
    allowed = ("min", "max", "reference") if with_max else ("min", "reference")
    doc = r.obj(raw, where, allowed)
    if doc is None:
        return None
    low = r.money(doc.get("min"), f"{where}.min", required=not with_max)
    high = r.money(doc.get("max"), f"{where}.max", required=False) if with_max else None
    r.min_max(low, high, where)
    ref = r.choice(doc.get("reference"), f"{where}.reference", VALUE_REFERENCES, "adjusted")
    return Amount(low, high, ref)


def _criteria(r: _Reader, raw: Any) -> InclusionCriteria:
    doc = r.obj(raw, "criteria", INCLUSION_CRITERIA) or {}
    customer_count = None
    if (
        c := r.obj(
            doc.get("customer_overdue_count"), "customer_overdue_count", ("min", "reference")
        )
    ) is not None:  # noqa: E501
        customer_count = Count(
            r.integer(c.get("min"), "customer_overdue_count.min", required=True) or 0,
            r.choice(
                c.get("reference"), "customer_overdue_count.reference", ROLE_REFERENCES, "any"
            ),
        )
    sale_count = None
    if (c := r.obj(doc.get("sale_overdue_count"), "sale_overdue_count", ("min",))) is not None:
        sale_count = Count(r.integer(c.get("min"), "sale_overdue_count.min", required=True) or 0)
    debtors = doc.get("debtors")
    if debtors is None:
        debtors = "holder"
    elif debtors not in DEBTORS:
        r.fail("debtors", f"valor inválido {debtors!r} (use {' | '.join(DEBTORS)})")
        debtors = "holder"
    minors = doc.get("skip_minors")
    skip_minors = None
    if minors is True:
        skip_minors = "due_date"
    elif minors not in (None, False):
        m = r.obj(minors, "skip_minors", ("reference",))
        if m is not None:
            skip_minors = r.choice(
                m.get("reference"), "skip_minors.reference", DATE_REFERENCES, "due_date"
            )

    def days(name: str, with_max: bool = False) -> Days | None:
        return _days(r, doc.get(name), name, with_max=with_max)

    def amount(name: str, with_max: bool = False) -> Amount | None:
        return _amount(r, doc.get(name), name, with_max=with_max)

    return InclusionCriteria(
        customer_overdue_count=customer_count,
        sale_overdue_count=sale_count,
        days_overdue=days("days_overdue", with_max=True),
        installment_value=amount("installment_value", with_max=True),
        debtors=debtors,
        skip_minors=skip_minors,
        customer_oldest_overdue_days=days("customer_oldest_overdue_days"),
        customer_largest_overdue_value=amount("customer_largest_overdue_value"),
        sale_oldest_overdue_days=days("sale_oldest_overdue_days"),
        sale_largest_overdue_value=amount("sale_largest_overdue_value"),
    )


def _flag(r: _Reader, value: Any, where: str) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        r.fail(where, f"use true ou false, veio {value!r}")
        return False
    return value


def _triggers(r: _Reader, raw: Any) -> RemovalTriggers:
    doc = r.obj(raw, "triggers", REMOVAL_TRIGGERS) or {}
    partial = None
    if (
        p := r.obj(doc.get("partial_payment"), "partial_payment", ("percent", "amount"))
    ) is not None:  # noqa: E501
        percent = r.money(p.get("percent"), "partial_payment.percent", required=False)
        amount = r.money(p.get("amount"), "partial_payment.amount", required=False)
        if (percent is None) == (amount is None):
            r.fail("partial_payment", "informe percent ou amount (um dos dois)")
        elif percent is not None and not Decimal(0) < percent <= Decimal(100):
            r.fail("partial_payment.percent", f"percentual deve estar entre 0 e 100 ({percent})")
        elif amount is not None and amount <= 0:
            r.fail("partial_payment.amount", "o valor deve ser maior que zero")
        partial = PartialPayment(percent, amount)
    termination = doc.get("termination")
    if termination is False:
        termination = None
    if termination is not None and termination not in TERMINATIONS:
        r.fail("termination", f"valor inválido {termination!r} (use {' | '.join(TERMINATIONS)})")
        termination = None
    negativated = None
    if (n := r.obj(doc.get("days_negativated"), "days_negativated", ("min",))) is not None:
        negativated = r.integer(n.get("min"), "days_negativated.min", required=True)
    return RemovalTriggers(
        paid=_flag(r, doc.get("paid"), "paid"),
        partial_payment=partial,
        termination=termination,
        renegotiated=_flag(r, doc.get("renegotiated"), "renegotiated"),
        days_overdue=_days(r, doc.get("days_overdue"), "days_overdue", with_max=False),
        days_negativated=negativated,
    )


def _filter_values(r: _Reader, dimension: str, values: Any, where: str) -> tuple[str, ...]:
    if values is None:
        return ()
    if not isinstance(values, list):
        r.fail(where, "esperada uma lista")
        return ()
    out: list[str] = []
    for value in values:
        text = str(value).strip()
        if dimension in ("companies", "customers"):
            try:
                doc = parse_document(text)
            except InvalidDocument as exc:
                r.fail(where, str(exc))
                continue
            if dimension == "companies" and doc.kind.value != "J":
                r.fail(where, f"esperado um CNPJ de empresa, veio um CPF: {text}")
                continue
            text = doc.value
        elif dimension == "sales":
            cnpj, sep, number = text.partition(":")
            if not sep or not number.strip():
                r.fail(where, f"venda deve ser CNPJ:VENDA, veio {text!r}")
                continue
            try:
                text = f"{parse_document(cnpj).value}:{number.strip()}"
            except InvalidDocument as exc:
                r.fail(where, str(exc))
                continue
        elif not text:
            r.fail(where, "código de empreendimento vazio")
            continue
        out.append(text)
    return tuple(dict.fromkeys(out))


def _filters(r: _Reader, raw: Any) -> Filters:
    doc = r.obj(raw, "filters", ("include", "exclude")) or {}
    sides = {}
    for side in ("include", "exclude"):
        part = r.obj(doc.get(side), f"filters.{side}", FILTER_DIMENSIONS) or {}
        sides[side] = {
            d: values
            for d in FILTER_DIMENSIONS
            if (values := _filter_values(r, d, part.get(d), f"filters.{side}.{d}"))
        }
    return Filters(sides["include"], sides["exclude"])


def parse_rule(raw: Any, position: int | None = None) -> Rule:
    """One rule of a §13 file. Raises RuleError listing every problem."""
    label = f"regra {position}" if position is not None else "regra"
    if not isinstance(raw, dict):
        raise RuleError([f"{label}: esperado um objeto JSON"])
    name = raw.get("name")
    if isinstance(name, str) and name.strip():
        label = f"regra {name.strip()!r}"
    r = _Reader(label)
    allowed = ("name", "kind", "active", "criteria", "triggers", "filters")
    for key in raw:
        if key not in allowed:
            r.fail(key, f"campo desconhecido (use {', '.join(allowed)})")
    if not isinstance(name, str) or not name.strip():
        r.fail("name", "o nome da regra é obrigatório")
        name = ""
    elif len(name.strip()) > 100:
        r.fail("name", "nome com mais de 100 caracteres")
    kind = raw.get("kind")
    if kind not in KINDS:
        r.fail("kind", f"tipo inválido {kind!r} (use inclusion ou removal)")
    active = raw.get("active", True)
    if not isinstance(active, bool):
        r.fail("active", "use true ou false")
        active = True
    criteria = triggers = None
    if kind == Action.INCLUSION:
        if "triggers" in raw:
            r.fail("triggers", "uma regra de inclusão tem criteria, não triggers")
        criteria = _criteria(r, raw.get("criteria"))
    elif kind == Action.REMOVAL:
        if "criteria" in raw:
            r.fail("criteria", "uma regra de baixa tem triggers, não criteria")
        triggers = _triggers(r, raw.get("triggers"))
    filters = _filters(r, raw.get("filters"))
    if r.problems:
        raise RuleError(r.problems)
    return Rule(name.strip(), kind, active, criteria, triggers, filters)


def parse_rule_file(raw: Any) -> list[Rule]:
    """A whole §13 file: a list of rules with unique names. All or nothing."""
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list):
        raise RuleError(["o arquivo de regras deve ser uma lista JSON de regras"])
    rules: list[Rule] = []
    problems: list[str] = []
    seen: set[str] = set()
    for position, item in enumerate(raw, start=1):
        try:
            rule = parse_rule(item, position)
        except RuleError as exc:
            problems.extend(exc.problems)
            continue
        if rule.name.casefold() in seen:
            problems.append(f"regra {rule.name!r}: nome repetido no arquivo")
        seen.add(rule.name.casefold())
        rules.append(rule)
    if problems:
        raise RuleError(problems)
    return rules


def rule_to_json(rule: Rule) -> dict[str, Any]:
    doc: dict[str, Any] = {"name": rule.name, "kind": rule.kind, "active": rule.active}
    if rule.kind == Action.INCLUSION:
        doc["criteria"] = _criteria_json(rule.criteria or InclusionCriteria())
    else:
        doc["triggers"] = _triggers_json(rule.triggers or RemovalTriggers())
    doc["filters"] = {
        side: {d: list(values.get(d, ())) for d in FILTER_DIMENSIONS}
        for side, values in (
            ("include", rule.filters.include),
            ("exclude", rule.filters.exclude),
        )
    }
    return doc
