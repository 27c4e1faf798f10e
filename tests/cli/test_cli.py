"""The command line as scripts use it: a real process, JSON on stdout, errors on stderr."""

import json
import subprocess
import sys

import pytest

from tests.conftest import SAMPLE
from tests.helpers import base_row, run, write_csv

pytestmark = pytest.mark.usefixtures("file_keyring")  # the command line runs in a subprocess


def test_import_json_follows_the_contract():
    result = run("import", str(SAMPLE), "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert {"rows", "written", "created", "updated", "errors"} <= set(doc)
    assert doc["rows"] == 157 and doc["written"] is True and doc["errors"] == []
    assert doc["created"]["installments"] == 129
    again = json.loads(run("import", str(SAMPLE), "--json").stdout)
    assert set(again["created"].values()) == {0} and set(again["updated"].values()) == {0}


def test_import_errors_exit_non_zero_with_line_numbers(tmp_path):
    rows = [base_row(parcela="1"), base_row(parcela="2", vencimento="32/01/2025")]
    path = write_csv(tmp_path / "erro.csv", rows)
    result = run("import", str(path), "--json")
    assert result.returncode == 1
    doc = json.loads(result.stdout)
    assert doc["written"] is False
    assert doc["errors"] == [
        {
            "line": 3,
            "column": "vencimento",
            "message": "data inválida: '32/01/2025' (use dd/mm/aaaa ou aaaa-mm-dd)",
        }
    ]
    assert "--valid-only" in result.stderr
    valid = run("import", str(path), "--json", "--valid-only")
    assert valid.returncode == 0
    assert json.loads(valid.stdout)["created"]["installments"] == 1


def test_dry_run_human_output(tmp_path):
    result = run("import", str(SAMPLE), "--dry-run")
    assert result.returncode == 0
    assert "Simulação: nada foi gravado." in result.stdout
    assert "129 parcelas" in result.stdout
    assert json.loads(run("import", str(SAMPLE), "--json").stdout)["created"]["installments"] == 129


def test_missing_file_is_a_clear_error(tmp_path):
    result = run("import", str(tmp_path / "nao-existe.csv"))
    assert result.returncode == 1
    assert "Arquivo não encontrado" in result.stdout + result.stderr


def test_user_add_and_acting_user():
    new = {"GESTAO_NEGATIVACAO_NEW_PASSWORD": "Cobranca-forte-2026"}
    assert run("user", "add", "admin", "--role", "admin", env_extra=new).returncode == 0
    # the acting user's password is never the new user's
    result = run(
        "user", "add", "ana", "--role", "clerk", "--user", "admin", password="Cobranca-forte-2026"
    )
    assert result.returncode == 2 and "GESTAO_NEGATIVACAO_NEW_PASSWORD" in result.stderr
    result = run(
        "user", "add", "ana", "--role", "clerk", "--user", "admin", password="Cobranca-forte-2026",
        env_extra={"GESTAO_NEGATIVACAO_NEW_PASSWORD": "senha-da-ana-1"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "ana criado" in result.stdout
    refused = run(
        "user", "add", "eva", "--role", "admin", "--user", "ana", password="senha-da-ana-1",
        env_extra={"GESTAO_NEGATIVACAO_NEW_PASSWORD": "senha-da-eva-1"},
    )  # fmt: skip
    assert refused.returncode == 2
    assert "ADMIN_USUARIOS" in refused.stderr
    wrong = run("import", str(SAMPLE), "--user", "admin", password="errada-123")
    assert wrong.returncode == 2
    assert "Usuário ou senha inválidos" in wrong.stderr


def test_password_is_required_without_a_terminal():
    result = run("user", "add", "ana", "--role", "clerk")
    assert result.returncode == 2
    assert "GESTAO_NEGATIVACAO_NEW_PASSWORD" in result.stderr
    result = run("import", str(SAMPLE), "--user", "ana")
    assert result.returncode == 2
    assert "GESTAO_NEGATIVACAO_PASSWORD" in result.stderr


def test_demo_creates_admin_and_portfolio():
    result = run("demo", "--installments", "400", password="Cobranca-forte-2026")
    assert result.returncode == 0, result.stderr
    assert "Usuário admin criado" in result.stdout
    assert "400 parcelas novas" in result.stdout
    again = run("demo", "--no-data")
    assert again.returncode == 0 and "admin criado" not in again.stdout


def test_database_option_and_environment(tmp_path):
    url = f"sqlite:///{(tmp_path / 'outro.db').as_posix()}"
    assert run("--database", url, "import", str(SAMPLE), "--dry-run").returncode == 0
    assert (tmp_path / "outro.db").exists()
    env = {"GESTAO_NEGATIVACAO_DATABASE_URL": f"sqlite:///{(tmp_path / 'env.db').as_posix()}"}
    assert run("import", str(SAMPLE), "--dry-run", env_extra=env).returncode == 0
    assert (tmp_path / "env.db").exists()


def test_sqlite_on_a_share_is_refused():
    result = run("--database", "sqlite://///servidor/share/gestao.db", "import", str(SAMPLE))
    assert result.returncode == 2
    assert "PostgreSQL" in result.stderr


def test_unreachable_server_is_explained_without_the_password():
    result = run(
        "--database", "postgresql://gestao:segredo-x@127.0.0.1:9/gestao", "import", str(SAMPLE)
    )
    assert result.returncode == 2
    assert "Não foi possível usar o banco de dados" in result.stderr
    assert "segredo-x" not in result.stderr


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("gestao-negativacao ")


@pytest.mark.parametrize("args", [["import"], ["user", "add", "x"], ["nada"]])
def test_usage_errors(args):
    assert run(*args).returncode == 2


def test_sandbox_command_serves_and_reports_its_state():
    process = subprocess.Popen(
        [sys.executable, "-m", "gestao_negativacao", "sandbox", "--port", "0", "--latency-ms", "1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        first = process.stdout.readline()
        assert first.startswith("Birô de testes (sandbox) em http://127.0.0.1:")
        url = first.rsplit(" ", 1)[-1].strip()
        import httpx

        state = httpx.get(f"{url}/_sandbox/state", timeout=5).json()
        assert set(state) == {"spc_brasil", "boa_vista", "soa_serasa", "credito_na_medida"}
        assert httpx.post(f"{url}/_sandbox/reset", timeout=5).json() == {"ok": True}
    finally:
        process.terminate()
        process.wait(10)


def test_sandbox_refuses_a_bad_fault_spec():
    result = run("sandbox", "--port", "0", "--faults", "lentidao=0.5")
    assert result.returncode == 2
    assert "falha desconhecida" in result.stderr


def test_demo_points_one_integration_per_integrator_at_the_sandbox(tmp_path):
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    from gestao_negativacao.bureaus.sandbox import running_sandbox
    from gestao_negativacao.services.actor import Actor
    from gestao_negativacao.services.bureau_setup import integrations as bureau_config
    from gestao_negativacao.services.database import open_database

    with running_sandbox() as sandbox:
        result = run(
            "demo", "--no-data", "--sandbox-url", sandbox.url, password="Cobranca-forte-2026"
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.count("Integração criada") == 4
        again = run("demo", "--no-data", "--sandbox-url", sandbox.url)
        assert again.returncode == 0 and "Integração criada" not in again.stdout
        previous = keyring.get_keyring()
        keyring.set_keyring(PlaintextKeyring())  # the keyring the command wrote to
        db = open_database()
        try:
            with db.session_factory() as s:
                from sqlalchemy import select

                from gestao_negativacao.db.models import Integration, IntegrationOperator

                pairs = s.execute(
                    select(
                        Integration.id, Integration.integrator, IntegrationOperator.operator_id
                    ).join(
                        IntegrationOperator, IntegrationOperator.integration_id == Integration.id
                    )
                ).all()
            assert sorted(p[1] for p in pairs) == [
                "boa_vista",
                "credito_na_medida",
                "soa_serasa",
                "spc_brasil",
            ]
            for integration_id, _, operator_id in pairs:
                answer = bureau_config.check_connection(
                    db.session_factory, Actor.system(), integration_id, operator_id
                )
                assert "válid" in answer or "token obtido" in answer
        finally:
            db.dispose()
            keyring.set_keyring(previous)


def test_help_and_usage_errors_speak_portuguese():
    """Issue 20: --help was half English ("positional arguments", "options")."""
    shown = run("--help")
    assert shown.returncode == 0
    for english in ("usage:", "positional arguments", "options:", "show this help"):
        assert english not in shown.stdout
    assert shown.stdout.startswith("uso: ") and "mostra esta ajuda e sai" in shown.stdout
    wrong = run("rules")
    assert wrong.returncode == 2 and "erro: faltam os argumentos: AÇÃO" in wrong.stderr
