"""``scheduler`` on the command line, and the e-mail summary delivered to a local SMTP
server (aiosmtpd)."""

import json
import os
import subprocess
import sys
from datetime import date

import pytest

from gestao_negativacao.bureaus.sandbox import running_sandbox
from gestao_negativacao.domain.documents import format_document, mask_for_log
from gestao_negativacao.services.admin import parameters
from gestao_negativacao.services.scheduling.notify import send_summary
from gestao_negativacao.services.scheduling.runner import RunSummary
from tests.helpers import run
from tests.scenario import Scenario
from tests.sending_helpers import ADMIN_PASSWORD, admin_actor, write_portfolio_csv

pytestmark = pytest.mark.usefixtures("file_keyring")  # the command line runs in a subprocess

pytestmark = pytest.mark.usefixtures("file_keyring")  # the command line runs in a subprocess


def test_the_summary_reaches_the_supervisors(sqlite_db, smtp):
    controller, inbox = smtp
    admin = admin_actor(sqlite_db)
    sc = Scenario(sqlite_db)
    sc.customer("ana", uf="SP")
    sc.sale("V1", "ana")
    sc.installment(
        "V1", 1, date(2026, 8, 1), "100.00", paid="100.00", payment_date=date(2026, 11, 6)
    )
    sc.negativation("V1", 1, "ana", status="ativa", included_on=date(2026, 9, 1))
    failed = RunSummary(
        schedule="Incluir",
        action="inclusion",
        slot_at=None,
        status="erro",
        errors=["servidor fora do ar"],
    )
    # off until a supervisor sets it up
    assert send_summary(sqlite_db.session_factory, [failed], date(2026, 11, 22)) is False
    with pytest.raises(parameters.ParameterError, match="destinatários"):
        parameters.save_email(
            sqlite_db.session_factory, admin, parameters.EmailParameters(enabled=True)
        )
    parameters.save_email(
        sqlite_db.session_factory,
        admin,
        parameters.EmailParameters(
            enabled=True,
            host="127.0.0.1",
            port=controller.port,
            starttls=False,
            sender="negativacao@empresa.com.br",
            recipients="supervisora@empresa.com.br; gerente@empresa.com.br",
        ),
    )
    assert send_summary(sqlite_db.session_factory, [failed], date(2026, 11, 22)) is True
    [message] = inbox.messages
    assert message.rcpt_tos == ["supervisora@empresa.com.br", "gerente@empresa.com.br"]
    body = message.content.decode("utf-8", "replace")
    assert "Incluir: servidor fora do ar" in body
    assert "prazo 13/11/2026: venda V1 parcela 1" in body
    # an e-mail leaves the company: documents masked, no name or address (LGPD)
    document = sc.document("ana")
    assert document not in body and format_document(document) not in body
    assert mask_for_log(document) in body and "Rua" not in body
    # nothing to say: nothing sent
    with sqlite_db.session_factory.begin() as s:
        from sqlalchemy import update

        from gestao_negativacao.db.models import Negativation

        s.execute(update(Negativation).values(status="baixada"))
    ok = RunSummary(schedule="Incluir", action="inclusion", slot_at=None, status="ok")
    assert send_summary(sqlite_db.session_factory, [ok], date(2026, 11, 22)) is False
    assert len(inbox.messages) == 1


def test_scheduler_on_the_command_line(tmp_path):
    folder = tmp_path / "erp"
    folder.mkdir()
    write_portfolio_csv(folder / "carteira.csv", 3, 1)
    with running_sandbox() as sandbox:
        assert (
            run(
                "demo", "--no-data", "--sandbox-url", sandbox.url, password=ADMIN_PASSWORD
            ).returncode
            == 0
        )
        rules = tmp_path / "regras.json"
        rules.write_text(
            json.dumps(
                [
                    {
                        "name": "Atraso 30",
                        "kind": "inclusion",
                        "criteria": {"days_overdue": {"min": 30}},
                    }
                ]
            )
        )
        assert run("rules", "import", str(rules)).returncode == 0
        added = run("scheduler", "source-add", "ERP", "--folder", str(folder))
        assert added.returncode == 0, added.stderr
        for args in (
            ("Sincronizar", "--action", "sync", "--source", "ERP"),
            (
                "Incluir",
                "--action",
                "inclusion",
                "--rule",
                "Atraso 30",
                "--integrator",
                "spc_brasil",
            ),
        ):
            result = run("scheduler", "add", *args, "--times", "06:00", "--run-as", "admin")
            assert result.returncode == 0, result.stderr
        bad = run(
            "scheduler",
            "add",
            "X",
            "--action",
            "inclusion",
            "--rule",
            "Atraso 30",
            "--integrator",
            "spc_brasil",
            "--times",
            "25:00",
            "--run-as",
            "admin",
        )
        assert bad.returncode == 2 and "Horário inválido" in bad.stderr
        listed = json.loads(run("scheduler", "list", "--json").stdout)
        assert [s["name"] for s in listed] == ["Incluir", "Sincronizar"]
        # Parâmetros: automatic inclusion on (each company's Padrão follows it), set in the
        # CLI's default database under this test's home
        subprocess.run(
            [
                sys.executable,
                "-c",
                "from gestao_negativacao.services.database import open_database;"
                "from gestao_negativacao.services.admin import parameters;"
                "from gestao_negativacao.services.actor import Actor;"
                "db=open_database();"
                "parameters.save_general(db.session_factory, Actor.system(),"
                " parameters.GeneralParameters(auto_include=True, days_to_execute=30))",
            ],
            check=True,
            env=dict(os.environ),
        )
        # the schedules were created today: tomorrow 07:00 their slot is due
        tomorrow = date.today().toordinal() + 1
        when = date.fromordinal(tomorrow).isoformat() + "T07:00"
        result = run("scheduler", "run-due", "--now", when, "--json")
        assert result.returncode == 0, result.stderr
        runs = json.loads(result.stdout)["runs"]
        assert [(r["schedule"], r["status"]) for r in runs] == [
            ("Sincronizar", "ok"),
            ("Incluir", "ok"),
        ]
        assert runs[0]["found"] == 3 and runs[1]["sent"] == 3
        again = json.loads(run("scheduler", "run-due", "--now", when, "--json").stdout)
        assert again["runs"] == []
    task = run("scheduler", "install-task")
    assert task.returncode == 0 and "schtasks /Create" in task.stdout
    # the task stores the account's password, or the Credential Manager is out of reach
    assert "/RU" in task.stdout and "/RP *" in task.stdout
