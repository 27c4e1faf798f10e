import json
import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services.actor import Actor, PermissionDenied
from gestao_negativacao.services.rules.preview import Preview, PreviewError, explain_inclusion
from tests.rules_helpers import AS_OF, inclusion_rule
from tests.scenario import Scenario

DAY = timedelta(days=1)


@pytest.fixture
def portfolio(sqlite_db):
    sc = Scenario(sqlite_db)
    sc.customer("Ana", birth=date(1990, 5, 5))
    sc.customer("Bia", birth=date(2010, 1, 1))
    sc.sale("V1", "Ana")
    sc.sale("V2", "Bia")
    for n, (late, value) in enumerate([(10, "300.00"), (42, "100.00"), (90, "200.00")], start=1):
        sc.installment("V1", n, AS_OF - late * DAY, value=value)
    sc.installment("V2", 1, AS_OF - 70 * DAY, value="50.00")
    return sc


def preview(db, criteria=None, actor=None, action="inclusion"):
    rule = inclusion_rule(criteria or {"skip_minors": {"reference": "due_date"}})
    return Preview(db.session_factory, actor or Actor.system(), action, rule, "spc_brasil", AS_OF)


def test_count_totals_and_excluded(portfolio):
    p = preview(portfolio.db)
    assert p.count() == 3
    assert p.totals() == (3, Decimal("600.00"))
    assert p.count(excluded=True) == 1
    assert [i.reason for i in p.page(excluded=True)] == ["minor"]


@pytest.mark.parametrize(
    ("column", "descending", "expected"),
    [("amount", False, [100, 200, 300]), ("amount", True, [300, 200, 100]),
     ("days_overdue", True, [90, 42, 10]), ("days_overdue", False, [10, 42, 90]),
     ("installment_number", True, [3, 2, 1])],
)  # fmt: skip
def test_pages_are_sorted_in_the_database(portfolio, column, descending, expected):
    rows = preview(portfolio.db).page(column, descending)
    key = {"amount": lambda r: int(r.amount), "days_overdue": lambda r: r.days_overdue,
           "installment_number": lambda r: r.installment_number}[column]  # fmt: skip
    assert [key(r) for r in rows] == expected


def test_offset_and_limit_walk_the_list(portfolio):
    p = preview(portfolio.db)
    first, second = p.page("amount", offset=0, limit=2), p.page("amount", offset=2, limit=2)
    assert [r.amount for r in first + second] == [
        Decimal("100.00"),
        Decimal("200.00"),
        Decimal("300.00"),
    ]


def test_unknown_sort_column_is_refused(portfolio):
    with pytest.raises(PreviewError, match="ordenação"):
        preview(portfolio.db).page("name; drop table x")


def test_select_all_is_a_query_not_a_list(portfolio):
    p = preview(portfolio.db)
    selection = p.selection()
    with portfolio.db.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(selection.subquery())) == 3
    assert {"installment_id", "customer_id", "debtor_role"} <= set(
        selection.selected_columns.keys()
    )


def test_json_items_have_the_contract_keys(portfolio):
    item = preview(portfolio.db).page("amount", limit=1)[0].as_json()
    assert item == {
        "company_cnpj": "29141777000158", "sale": "V1", "installment": 2,
        "debtor_document": portfolio_doc(portfolio, "Ana"), "debtor_role": "holder",
        "amount": "100.00", "days_overdue": 42, "trigger": None,
    }  # fmt: skip


def portfolio_doc(sc, name):
    from gestao_negativacao.db.models import Customer

    with sc.db.session_factory() as s:
        return s.scalar(select(Customer.document).where(Customer.id == sc.ids[f"p:{name}"]))


def test_why_not_names_the_criterion_and_the_values(portfolio):
    rule = inclusion_rule({"days_overdue": {"min": 60, "reference": "due_date"}})
    explanations = explain_inclusion(
        portfolio.db.session_factory, Actor.system(), rule, portfolio.ids["p:Ana"], "spc_brasil", AS_OF,
        installment_id=portfolio.ids["i:V1:2"],
    )  # fmt: skip
    (only,) = explanations
    assert only.verdict.outcome == "not_candidate"
    failed = [c.message for c in only.verdict.checks if not c.passed]
    assert failed == ["dias de atraso 42 < mínimo 60"]


def test_why_not_for_a_whole_customer_and_a_guard(portfolio):
    rule = inclusion_rule({"skip_minors": {"reference": "due_date"}})
    (bia,) = explain_inclusion(
        portfolio.db.session_factory,
        Actor.system(),
        rule,
        portfolio.ids["p:Bia"],
        "spc_brasil",
        AS_OF,
    )
    assert bia.verdict.outcome == "excluded" and bia.verdict.reason == "minor"
    message = next(c.message for c in bia.verdict.checks if c.code == "minor")
    assert "18 anos em 01/01/2028" in message
    ana = explain_inclusion(
        portfolio.db.session_factory,
        Actor.system(),
        rule,
        portfolio.ids["p:Ana"],
        "spc_brasil",
        AS_OF,
    )
    assert [e.verdict.outcome for e in ana] == ["included"] * 3


def test_preview_needs_the_send_permission(portfolio):
    viewer = Actor(login="eva", permissions=frozenset({Perm.CREDITO_CONSULTA}))
    with pytest.raises(PermissionDenied, match="NEG_INCLUIR"):
        preview(portfolio.db, actor=viewer)
    with pytest.raises(PermissionDenied, match="NEG_BAIXAR"):
        Preview(portfolio.db.session_factory, viewer, "removal", None, None, AS_OF)


def test_bad_integrator_and_wrong_rule_kind(portfolio):
    with pytest.raises(PreviewError, match="Integradora desconhecida"):
        Preview(
            portfolio.db.session_factory,
            Actor.system(),
            "inclusion",
            inclusion_rule(),
            "serasa",
            AS_OF,
        )
    with pytest.raises(PreviewError, match="é de inclusão"):
        Preview(
            portfolio.db.session_factory, Actor.system(), "removal", inclusion_rule(), None, AS_OF
        )


def run_cli(*args):
    return subprocess.run([sys.executable, "-m", "gestao_negativacao", *args],
                          capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)  # fmt: skip


def test_rules_and_preview_on_the_command_line(portfolio, tmp_path):
    rules_file = tmp_path / "regras.json"
    rules_file.write_text(json.dumps([
        {"name": "Atraso 30", "kind": "inclusion", "criteria": {"days_overdue": {"min": 30}, "skip_minors": {"reference": "due_date"}}},
        {"name": "Pagas", "kind": "removal", "triggers": {"paid": True}},
    ]), encoding="utf-8")  # fmt: skip
    url = f"sqlite:///{portfolio.db.engine.url.database}"
    imported = run_cli("--database", url, "rules", "import", str(rules_file))
    assert imported.returncode == 0, imported.stderr
    result = run_cli("--database", url, "preview", "--action", "inclusion", "--rule", "Atraso 30",
                     "--integrator", "spc_brasil", "--as-of", "2026-11-22", "--json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) == {"action", "as_of", "integrator", "count", "items", "excluded"}
    assert (doc["action"], doc["as_of"], doc["integrator"], doc["count"]) == (
        "inclusion",
        "2026-11-22",
        "spc_brasil",
        2,
    )
    assert {i["installment"] for i in doc["items"]} == {2, 3}
    assert doc["excluded"] == [{"company_cnpj": "29141777000158", "sale": "V2", "installment": 1,
                                "debtor_document": portfolio_doc(portfolio, "Bia"), "debtor_role": "holder", "reason": "minor"}]  # fmt: skip
    removal = run_cli(
        "--database", url, "preview", "--action", "removal", "--rule", "Pagas", "--json"
    )
    assert json.loads(removal.stdout)["count"] == 0
    exported = run_cli("--database", url, "rules", "export")
    assert [r["name"] for r in json.loads(exported.stdout)] == ["Atraso 30", "Pagas"]
    missing = run_cli("--database", url, "preview", "--action", "inclusion", "--rule", "Nada")
    assert missing.returncode == 2 and "Regra não encontrada" in missing.stderr
    wrong = run_cli("--database", url, "preview", "--action", "removal", "--rule", "Atraso 30")
    assert wrong.returncode == 2 and "é de inclusão" in wrong.stderr
    bad = tmp_path / "ruim.json"
    bad.write_text(
        '[{"name": "x", "kind": "inclusion", "criteria": {"days_overdue": {"min": 9, "max": 1}}}]'
    )
    refused = run_cli("--database", url, "rules", "import", str(bad))
    assert refused.returncode == 2 and "mínimo (9) maior que o máximo (1)" in refused.stderr
