"""``send``, ``sent`` and ``release`` as scripts use them: real processes, the sandbox over
HTTP, JSON on stdout in the shapes of DESIGN §13."""

import json

import pytest

from gestao_negativacao.bureaus.sandbox import running_sandbox
from gestao_negativacao.bureaus.sandbox.faults import FaultPlan
from tests.helpers import run

pytestmark = pytest.mark.usefixtures("file_keyring")  # the command line runs in a subprocess

PASSWORD = "Cobranca-forte-2026"
AS_OF = "2026-11-22"
RULES = [
    {"name": "Atraso 30", "kind": "inclusion", "criteria": {"days_overdue": {"min": 30}}},
]


@pytest.fixture
def demo(tmp_path):
    with running_sandbox(process_after=None) as sandbox:
        result = run(
            "demo",
            "--installments",
            "300",
            "--as-of",
            AS_OF,
            "--sandbox-url",
            sandbox.url,
            password=PASSWORD,
        )
        assert result.returncode == 0, result.stderr
        rules = tmp_path / "regras.json"
        rules.write_text(json.dumps(RULES), encoding="utf-8")
        assert run("rules", "import", str(rules)).returncode == 0
        yield sandbox


def admin(*args):
    return run(*args, "--user", "admin", password=PASSWORD)


def send(integrator, *extra):
    return admin(
        "send",
        "--action",
        "inclusion",
        "--rule",
        "Atraso 30",
        "--integrator",
        integrator,
        "--as-of",
        AS_OF,
        "--json",
        *extra,
    )


def test_send_then_sent_then_release(demo):
    preview = run(
        "preview",
        "--action",
        "inclusion",
        "--rule",
        "Atraso 30",
        "--as-of",
        AS_OF,
        "--json",
        "--integrator",
        "spc_brasil",
    )
    expected = json.loads(preview.stdout)["count"]
    assert expected >= 5
    result = send("spc_brasil")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["selected"] == report["queued"] == report["sent"] == expected
    assert report["rejected"] == report["pending"] == 0 and report["problems"] == []

    listed = admin("sent", "--status", "ativa", "--integrator", "spc_brasil", "--json")
    items = json.loads(listed.stdout)
    assert len(items) == expected
    assert set(items[0]) == {
        "company_cnpj",
        "sale",
        "installment",
        "debtor_document",
        "debtor_role",
        "integrator",
        "status",
        "processing",
        "protocol",
        "removal_protocol",
        "included_at",
        "visible_from",
        "removed_at",
        "message",
    }  # DESIGN §13
    assert {(i["status"], i["processing"]) for i in items} == {("ativa", "ok")}
    assert all(i["protocol"] and i["included_at"] and i["visible_from"] for i in items)

    # the bureau is down: the items stay pending in the queue, the exit code says so
    demo.faults = FaultPlan({"http500": 1.0})
    down = send("boa_vista", "--concurrency", "2")
    assert down.returncode == 1
    stuck = json.loads(down.stdout)
    assert stuck["queued"] == stuck["pending"] > 0 and stuck["sent"] == 0
    assert "HTTP 500" in stuck["problems"][0]["message"]
    released = admin("release", "--action", "inclusion", "--integrator", "boa_vista", "--json")
    assert json.loads(released.stdout) == {"action": "inclusion", "released": stuck["queued"]}
    # released items show again for inclusion; the bureau is back: they go
    demo.faults = FaultPlan()
    again = json.loads(send("boa_vista").stdout)
    # Boa Vista's distributor queues them: accepted now, confirmed by the follow-up
    assert again["queued"] == again["unconfirmed"] == stuck["queued"]


def test_serasa_waits_for_confirmation_and_sent_refresh_asks(demo):
    report = json.loads(send("soa_serasa").stdout)
    assert report["unconfirmed"] == report["queued"] > 0 and report["sent"] == 0
    waiting = json.loads(
        admin("sent", "--processing", "ok", "--status", "pendente", "--json").stdout
    )
    assert len(waiting) == report["queued"]
    import httpx

    httpx.post(f"{demo.url}/_sandbox/process", params={"everything": "1"})
    refreshed = admin("sent", "--refresh", "--status", "ativa", "--json")
    assert refreshed.returncode == 0, refreshed.stderr
    assert len(json.loads(refreshed.stdout)) == report["queued"]
    assert "ativadas" in refreshed.stderr


def test_a_user_who_may_not_use_the_operators_is_told_why(demo):
    created = run("user", "add", "joana", "--role", "clerk",
                  env_extra={"GESTAO_NEGATIVACAO_NEW_PASSWORD": "Cobranca-da-J-2026"})  # fmt: skip
    assert created.returncode == 0, created.stderr
    result = run(
        "send",
        "--action",
        "inclusion",
        "--rule",
        "Atraso 30",
        "--integrator",
        "spc_brasil",
        "--as-of",
        AS_OF,
        "--user",
        "joana",
        "--json",
        password="Cobranca-da-J-2026",
    )
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["no_configuration"] == report["queued"] > 0
    message = report["problems"][0]["message"]
    assert message.startswith("nenhuma configuração válida encontrada para envio")
    assert "o usuário joana não está vinculado a ele" in message


def test_sending_errors_are_clear(demo):
    bad = admin("sent", "--status", "ativo", "--json")
    assert bad.returncode == 2 and "Situação desconhecida: ativo" in bad.stderr
    wrong_password = run("send", "--action", "removal", "--user", "admin", password="errada")
    assert wrong_password.returncode == 2 and wrong_password.stderr.strip()


def test_the_readmes_examples_work_on_a_fresh_demo(demo):
    """`demo` creates the README's rules and its clerk maria and supervisor joao (with the
    admin's password), who may use the demo operators: the README's send works as maria."""
    rules = json.loads(run("rules", "export").stdout)
    assert {"Atraso 60 dias", "Baixa por pagamento"} <= {r["name"] for r in rules}
    result = run(
        "send", "--action", "inclusion", "--rule", "Atraso 60 dias",
        "--integrator", "spc_brasil", "--as-of", AS_OF, "--json",
        "--user", "maria", password=PASSWORD,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert report["queued"] > 0 and report["no_configuration"] == 0
    removal = run(
        "send", "--action", "removal", "--rule", "Baixa por pagamento", "--as-of", AS_OF,
        "--user", "joao", password=PASSWORD,
    )  # fmt: skip
    assert removal.returncode in (0, 1), removal.stderr
    # the run's summary, in the words the window shows too (SendOutcome.lines)
    assert "Postos na fila:" in removal.stdout and "Baixados:" in removal.stdout
    assert "Já estavam baixados no birô:" in removal.stdout and "Já constavam" not in removal.stdout
    again = run("demo", "--no-data", "--sandbox-url", demo.url)
    assert "Regra criada" not in again.stdout and "maria criado" not in again.stdout
    # LEGAL.md: a rule with criterion 6 off is flagged wherever it is previewed
    flagged = run("preview", "--action", "inclusion", "--rule", "Atraso 30", "--as-of", AS_OF,
                  "--json", "--user", "maria", password=PASSWORD)  # fmt: skip
    assert flagged.returncode == 0 and "negativa menores de idade" in flagged.stderr
    assert json.loads(flagged.stdout)["action"] == "inclusion"
    calm = run("preview", "--action", "inclusion", "--rule", "Atraso 60 dias", "--as-of", AS_OF,
               "--user", "maria", password=PASSWORD)  # fmt: skip
    assert calm.returncode == 0 and "menores" not in calm.stderr
    # holds (DESIGN §5.6) on the command line: listed as JSON; lifting needs one to exist
    listed = run("hold", "list", "--json", "--user", "maria", password=PASSWORD)
    assert listed.returncode == 0 and isinstance(json.loads(listed.stdout), list)
    nothing = run("hold", "lift", "--sale", "29141777000158:V1", "--installment", "1",
                  "--reason", "acordo quebrado", "--user", "maria", password=PASSWORD)  # fmt: skip
    assert nothing.returncode == 2 and "Nenhum bloqueio em vigor" in nothing.stderr
    no_end = run("hold", "until", "--sale", "29141777000158:V1", "--installment", "1",
                 "--date", "2026-12-31", "--reason", "combinado com o cliente",
                 "--user", "maria", password=PASSWORD)  # fmt: skip
    assert no_end.returncode == 2 and "Nenhum bloqueio em vigor" in no_end.stderr
    # an agreement (DESIGN §5.6) over what one debtor owes: recorded, listed, paid, and its
    # negativations offered for removal with the trigger "agreement"
    active = [n for n in json.loads(admin("sent", "--status", "ativa", "--json").stdout)]
    debtor = active[0]
    who = ["--company", debtor["company_cnpj"], "--document", debtor["debtor_document"]]
    owed = json.loads(run("agreement", "owed", *who, "--as-of", AS_OF, "--json").stdout)
    assert owed and {"sale", "installment", "due_date", "amount"} == set(owed[0])
    made = run("agreement", "add", *who, "--count", "2", "--first-due", "2026-11-25",
               "--as-of", AS_OF, "--json", "--user", "maria", password=PASSWORD)  # fmt: skip
    assert made.returncode == 0, made.stderr
    agreement = json.loads(made.stdout)
    assert agreement["status"] == "kept" and len(agreement["plan"]) == 2
    assert sum(float(p["amount"]) for p in agreement["plan"]) == pytest.approx(
        sum(float(o["amount"]) for o in owed)
    )
    paid = run("agreement", "pay", str(agreement["id"]), "--number", "1", "--on", "2026-11-25",
               "--json", "--user", "maria", password=PASSWORD)  # fmt: skip
    assert json.loads(paid.stdout)["plan"][0]["paid_on"] == "2026-11-25"
    listed = json.loads(run("agreement", "list", "--as-of", AS_OF, "--json").stdout)
    assert [a["id"] for a in listed] == [agreement["id"]]
    removal = json.loads(
        run(
            "preview",
            "--action",
            "removal",
            "--rule",
            "Baixa por pagamento",
            "--as-of",
            AS_OF,
            "--json",
            "--user",
            "joao",
            password=PASSWORD,
        ).stdout  # fmt: skip
    )
    mine = [i for i in removal["items"] if i["debtor_document"] == debtor["debtor_document"]]
    assert mine and {i["trigger"] for i in mine} == {"agreement"}
    refused = run("agreement", "add", *who, "--plan", "25/11/2026:10", "--as-of", AS_OF,
                  "--user", "maria", password=PASSWORD)  # fmt: skip
    assert refused.returncode == 2 and "AAAA-MM-DD:VALOR" in refused.stderr
