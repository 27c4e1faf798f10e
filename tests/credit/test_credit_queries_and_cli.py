"""Credit queries against the sandbox (kept; a repeat within the window reuses the stored
report), and ``credit request`` / ``decisions`` / ``query`` on the command line."""

import json
from datetime import date, timedelta

import pytest

from gestao_negativacao.bureaus.sandbox import running_sandbox
from gestao_negativacao.services.actor import PermissionDenied
from gestao_negativacao.services.credit.queries import query_credit
from gestao_negativacao.services.demo import setup as demo_setup
from gestao_negativacao.services.sending.worker import Sender
from tests.helpers import run
from tests.sending_helpers import ADMIN_PASSWORD, admin_actor, enqueue_all, portfolio, user_actor

pytestmark = pytest.mark.usefixtures("file_keyring")  # the command line runs in a subprocess


def test_a_query_shows_what_the_bureau_holds_and_is_kept(sqlite_db):
    admin = admin_actor(sqlite_db)
    sc = portfolio(sqlite_db, 1)
    with running_sandbox() as sandbox:
        demo_setup.ensure_sandbox_integrations(sqlite_db.session_factory, admin, sandbox.url)
        enqueue_all(sqlite_db, admin)
        Sender(sqlite_db.session_factory, admin).run()
        from gestao_negativacao.db.models import Customer

        with sqlite_db.session_factory() as s:
            document = s.get(Customer, sc.ids["p:cli0"]).document
        first = query_credit(sqlite_db.session_factory, admin, document, "spc_brasil")
        assert not first.from_store and first.login == "admin"
        assert len(first.report["restrictions"]) == 1  # the negativation just sent
        again = query_credit(sqlite_db.session_factory, admin, document, "spc_brasil")
        assert again.from_store and again.id == first.id  # no second paid query
        forced = query_credit(sqlite_db.session_factory, admin, document, "spc_brasil", force=True)
        assert not forced.from_store and forced.id != first.id
        lead = query_credit(sqlite_db.session_factory, admin, "529.982.247-25", "spc_brasil")
        assert lead.report["restrictions"] == []  # anyone's CPF, not only customers
    clerk_without = user_actor(sqlite_db, "rui")
    from gestao_negativacao.domain.permissions import Perm
    from gestao_negativacao.services.actor import Actor

    nobody = Actor("rui", frozenset({Perm.NEG_INCLUIR}), clerk_without.user_id)
    with pytest.raises(PermissionDenied):
        query_credit(sqlite_db.session_factory, nobody, document, "spc_brasil")


def test_credit_on_the_command_line(tmp_path):
    from tests.helpers import base_row, write_csv

    path = write_csv(tmp_path / "erp.csv", [base_row()])
    with running_sandbox() as sandbox:
        assert (
            run(
                "demo", "--no-data", "--sandbox-url", sandbox.url, password=ADMIN_PASSWORD
            ).returncode
            == 0
        )
        assert run("import", str(path)).returncode == 0
        due = (date.today() + timedelta(days=30)).isoformat()
        requests = [
            {
                "customer": "412.248.244-58",
                "company": "29.141.777/0001-58",
                "sale": "R-1",
                "method": "cartao",
                "amount": "100.00",
                "installments": [{"due": due, "value": "100.00"}],
            },
            {
                "customer": "41224824458",
                "company": "29141777000158",
                "sale": "R-2",
                "method": "cheque",
                "amount": "300.00",
                "installments": [{"due": due, "value": "300.00"}],
            },
        ]
        file = tmp_path / "pedidos.json"
        file.write_text(json.dumps(requests), encoding="utf-8")
        # the control starts off: everything approved until Parâmetros turns it on
        result = run(
            "credit", "request", str(file), "--json", "--user", "admin", password=ADMIN_PASSWORD
        )
        assert result.returncode == 0, result.stderr
        assert [r["decision"] for r in json.loads(result.stdout)] == ["aprovada", "aprovada"]
        bad = tmp_path / "ruim.json"
        bad.write_text(json.dumps({"customer": "x", "method": "pix"}), encoding="utf-8")
        refused = run("credit", "request", str(bad), "--json")
        assert refused.returncode == 2 and "method: use" in refused.stderr
        decided = json.loads(
            run("credit", "decisions", "--since", date.today().isoformat(), "--json").stdout
        )
        assert [d["sale"] for d in decided] == ["R-1", "R-2"]
        assert {d["decided_by"] for d in decided} == {"regras"}
        query = run(
            "credit",
            "query",
            "412.248.244-58",
            "--integrator",
            "boa_vista",
            "--json",
            "--user",
            "admin",
            password=ADMIN_PASSWORD,
        )
        assert query.returncode == 0, query.stderr
        assert json.loads(query.stdout)["from_store"] is False
