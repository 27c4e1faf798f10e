"""Evaluate a rule with SQL (the product) and with the Python statement of §4, and insist
they agree: every rule test checks both."""

from __future__ import annotations

from datetime import date

from gestao_negativacao.domain.rule_format import parse_rule
from gestao_negativacao.rules.reference import inclusion_results, removal_trigger
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.rules.facts import load_facts
from gestao_negativacao.services.rules.preview import Preview

AS_OF = date(2026, 11, 22)


def inclusion_rule(criteria: dict | None = None, filters: dict | None = None, **extra):
    doc = {"name": "teste", "kind": "inclusion", "criteria": criteria or {}, **extra}
    if filters is not None:
        doc["filters"] = filters
    return parse_rule(doc)


def removal_rule(triggers: dict | None = None, filters: dict | None = None):
    doc = {"name": "baixa", "kind": "removal", "triggers": triggers or {}}
    if filters is not None:
        doc["filters"] = filters
    return parse_rule(doc)


def include(db, criteria=None, *, as_of=AS_OF, integrator="spc_brasil", filters=None):
    """(items, excluded) as {(installment_id, customer_id, role)} and {... : reason}."""
    rule = inclusion_rule(criteria, filters)
    preview = Preview(db.session_factory, Actor.system(), "inclusion", rule, integrator, as_of)
    items = {(i.installment_id, i.customer_id, i.debtor_role) for i in preview.iterate()}
    excluded = {
        (i.installment_id, i.customer_id, i.debtor_role): i.reason
        for i in preview.iterate(excluded=True)
    }
    with db.session_factory() as session:
        facts = load_facts(session)
    expected_items, expected_excluded = inclusion_results(rule, facts, integrator, as_of)
    assert items == expected_items, "SQL and the Python statement of §4 disagree (items)"
    assert excluded == expected_excluded, "SQL and the Python statement disagree (excluded)"
    assert preview.count() == len(items)
    return items, excluded


def remove(db, triggers=None, *, as_of=AS_OF, integrator="spc_brasil", filters=None, rule=True):
    """{negativation_id: trigger} of the items, and {negativation_id: reason} excluded."""
    rule_obj = removal_rule(triggers, filters) if rule else None
    preview = Preview(db.session_factory, Actor.system(), "removal", rule_obj, integrator, as_of)
    items = {i.negativation_id: i.trigger for i in preview.iterate()}
    excluded = {i.negativation_id: i.reason for i in preview.iterate(excluded=True)}
    with db.session_factory() as session:
        facts = load_facts(session)
    expected = {}
    for neg in facts.negativations:
        if neg.status != "ativa" or (integrator and neg.integrator != integrator):
            continue
        trigger = removal_trigger(rule_obj, facts, neg, as_of)
        if trigger is not None and "removal" not in neg.queued:
            expected[neg.id] = trigger
    assert items == expected, "SQL and the Python statement of §4 disagree (removal)"
    return items, excluded
