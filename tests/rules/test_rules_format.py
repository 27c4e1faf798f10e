import json
from decimal import Decimal

import pytest
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from gestao_negativacao.db.models import AuditEntry, RuleRecord
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.domain.rule_format import parse_rule, parse_rule_file
from gestao_negativacao.domain.rules import RuleError
from gestao_negativacao.services import rules
from gestao_negativacao.services.actor import Actor, PermissionDenied
from tests.scenario import Scenario

DESIGN_EXAMPLE = [
    {
        "name": "Atraso 60 dias",
        "kind": "inclusion",
        "active": True,
        "criteria": {
            "customer_overdue_count": {"min": 1, "reference": "holder"},
            "sale_overdue_count": {"min": 1},
            "days_overdue": {"min": 60, "max": None, "reference": "due_date"},
            "installment_value": {"min": "50.00", "max": None, "reference": "adjusted"},
            "debtors": "holder",
            "skip_minors": {"reference": "due_date"},
            "customer_oldest_overdue_days": {"min": 60, "reference": "extended_date"},
            "customer_largest_overdue_value": {"min": "100.00", "reference": "principal"},
            "sale_oldest_overdue_days": {"min": 60, "reference": "due_date"},
            "sale_largest_overdue_value": {"min": "100.00", "reference": "adjusted"},
        },
        "filters": {
            "include": {"companies": [], "enterprises": [], "customers": [], "sales": []},
            "exclude": {"companies": [], "enterprises": [], "customers": [], "sales": []},
        },
    },
    {
        "name": "Baixa por pagamento",
        "kind": "removal",
        "active": True,
        "triggers": {
            "paid": True,
            "partial_payment": {"percent": "50.00"},
            "termination": "both",
            "renegotiated": True,
            "days_overdue": {"min": 1800, "reference": "due_date"},
            "days_negativated": {"min": 1800},
        },
        "filters": {"include": {}, "exclude": {}},
    },
]


def test_the_design_example_round_trips():
    parsed = parse_rule_file(DESIGN_EXAMPLE)
    assert [r.name for r in parsed] == ["Atraso 60 dias", "Baixa por pagamento"]
    criteria = parsed[0].criteria
    assert criteria.days_overdue.min == 60 and criteria.days_overdue.max is None
    assert criteria.installment_value.min == Decimal("50.00")
    assert criteria.skip_minors == "due_date"
    assert parsed[1].triggers.partial_payment.percent == Decimal("50.00")
    again = parse_rule_file([r.to_json() for r in parsed])
    assert again == parsed


def test_left_out_means_off_and_debtors_default_to_holder():
    rule = parse_rule({"name": "x", "kind": "inclusion", "criteria": {}})
    assert rule.criteria.debtors == "holder"
    assert rule.criteria.days_overdue is None and rule.criteria.skip_minors is None
    removal = parse_rule({"name": "y", "kind": "removal", "triggers": {"paid": False}})
    assert not removal.triggers.paid


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"name": "", "kind": "inclusion"}, "nome da regra é obrigatório"),
        ({"name": "a", "kind": "outra"}, "tipo inválido"),
        ({"name": "a", "kind": "inclusion", "criteria": {"atraso": 1}}, "desconhecido 'atraso'"),
        (
            {"name": "a", "kind": "inclusion", "criteria": {"days_overdue": {"min": 9, "max": 3}}},
            "mínimo (9) maior que o máximo (3)",
        ),
        (
            {"name": "a", "kind": "inclusion", "criteria": {"days_overdue": {"min": 1, "reference": "x"}}},
            "referência inválida 'x'",
        ),
        (
            {"name": "a", "kind": "inclusion", "criteria": {"customer_overdue_count": {"min": 1, "reference": "due_date"}}},
            "referência inválida",
        ),
        ({"name": "a", "kind": "inclusion", "criteria": {"debtors": "todos"}}, "debtors"),
        ({"name": "a", "kind": "inclusion", "criteria": {"sale_overdue_count": {"min": -1}}}, "negativo"),
        ({"name": "a", "kind": "inclusion", "criteria": {"installment_value": {"min": "1.234"}}}, "duas casas"),
        ({"name": "a", "kind": "removal", "triggers": {"partial_payment": {}}}, "percent ou amount"),
        ({"name": "a", "kind": "removal", "triggers": {"partial_payment": {"percent": "150"}}}, "entre 0 e 100"),
        ({"name": "a", "kind": "removal", "triggers": {"termination": "sim"}}, "termination"),
        ({"name": "a", "kind": "removal", "criteria": {}}, "triggers, não criteria"),
        (
            {"name": "a", "kind": "inclusion", "filters": {"include": {"companies": ["41224824458"]}}},
            "esperado um CNPJ",
        ),
        (
            {"name": "a", "kind": "inclusion", "filters": {"include": {"sales": ["V-1"]}}},
            "CNPJ:VENDA",
        ),
        (
            {"name": "a", "kind": "inclusion", "filters": {"exclude": {"customers": ["111.111.111-11"]}}},
            "CPF inválido",
        ),
    ],
)  # fmt: skip
def test_invalid_rules_are_refused_with_the_reason(rule, message):
    with pytest.raises(RuleError) as info:
        parse_rule(rule)
    assert message in str(info.value)


def test_filter_values_are_normalised():
    rule = parse_rule(
        {
            "name": "f",
            "kind": "inclusion",
            "filters": {
                "include": {
                    "companies": ["29.141.777/0001-58"],
                    "sales": ["12.abc.345/01de-35:V-1"],
                },
                "exclude": {"customers": ["412.248.244-58"], "enterprises": ["EMP01"]},
            },
        }
    )
    assert rule.filters.included("companies") == ("29141777000158",)
    assert rule.filters.included("sales") == ("12ABC34501DE35:V-1",)
    assert rule.filters.excluded("customers") == ("41224824458",)


def test_import_is_all_or_nothing(sqlite_db, system):
    bad = DESIGN_EXAMPLE + [{"name": "Atraso 60 dias", "kind": "inclusion"}]
    with pytest.raises(RuleError, match="nome repetido"):
        rules.import_rules(sqlite_db.session_factory, system, json.dumps(bad))
    with pytest.raises(RuleError, match="JSON inválido"):
        rules.import_rules(sqlite_db.session_factory, system, "[{")
    assert rules.list_rules(sqlite_db.session_factory) == []
    counts = rules.import_rules(sqlite_db.session_factory, system, json.dumps(DESIGN_EXAMPLE))
    assert counts == {"created": 2, "updated": 0}
    exported = rules.export_rules(sqlite_db.session_factory)
    assert parse_rule_file(exported) == parse_rule_file(DESIGN_EXAMPLE)
    again = rules.import_rules(sqlite_db.session_factory, system, json.dumps(exported))
    assert again == {"created": 0, "updated": 2}
    with sqlite_db.session_factory() as s:
        actions = s.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
    assert actions.count("regra.criar") == 2 and actions.count("regra.alterar") == 2


def test_rule_management_needs_the_permission(sqlite_db):
    clerk = Actor(login="ana", permissions=frozenset({Perm.NEG_INCLUIR}))
    with pytest.raises(PermissionDenied, match="NEG_REGRAS"):
        rules.import_rules(sqlite_db.session_factory, clerk, json.dumps(DESIGN_EXAMPLE))


def test_a_rule_that_produced_a_negativation_can_only_be_inactivated(sqlite_db, system):
    rules.import_rules(sqlite_db.session_factory, system, json.dumps(DESIGN_EXAMPLE))
    stored = rules.get_rule(sqlite_db.session_factory, "Atraso 60 dias")
    sc = Scenario(sqlite_db)
    from datetime import date

    sc.customer("ana")
    sc.sale("V1", "ana")
    sc.installment("V1", 1, date(2026, 1, 10))
    sc.negativation("V1", 1, "ana", rule_id=stored.id)
    with pytest.raises(rules.RuleInUse, match="inative"):
        rules.delete_rule(sqlite_db.session_factory, system, "Atraso 60 dias")
    # the database refuses it too, whatever the caller
    with pytest.raises(IntegrityError), sqlite_db.session_factory.begin() as s:
        s.execute(delete(RuleRecord).where(RuleRecord.id == stored.id))
    rules.set_active(sqlite_db.session_factory, system, "Atraso 60 dias", False)
    assert not rules.get_rule(sqlite_db.session_factory, "Atraso 60 dias").rule.active
    rules.delete_rule(sqlite_db.session_factory, system, "Baixa por pagamento")
    assert [r.name for r in rules.list_rules(sqlite_db.session_factory)] == ["Atraso 60 dias"]
