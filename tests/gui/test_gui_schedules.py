"""Agendamentos through the screen: create, run now, the history of runs; a failed run
shows on the Painel."""

import json

from sqlalchemy import select

from gestao_negativacao.bureaus.sandbox import running_sandbox
from gestao_negativacao.db.models import ScheduleRun
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.pages.panel import PanelPage
from gestao_negativacao.gui.pages.schedules import SchedulesPage
from gestao_negativacao.services import rules
from gestao_negativacao.services.admin import parameters
from gestao_negativacao.services.demo import setup as demo_setup
from gestao_negativacao.services.importing import import_file
from tests.helpers import click_until, shot
from tests.sending_helpers import admin_actor, statuses, write_portfolio_csv

RULES = [{"name": "Atraso 30", "kind": "inclusion", "criteria": {"days_overdue": {"min": 30}}}]


def test_create_run_now_and_see_the_history(qtbot, sqlite_db, tmp_path):
    admin = admin_actor(sqlite_db)
    import_file(sqlite_db.session_factory, admin, write_portfolio_csv(tmp_path / "c.csv", 3, 1))
    rules.import_rules(sqlite_db.session_factory, admin, json.dumps(RULES))
    parameters.save_general(
        sqlite_db.session_factory,
        admin,
        # the installments here are 31 days late: "Dias para executar" must allow them
        parameters.GeneralParameters(auto_include=True, days_to_execute=30),
    )
    with running_sandbox() as sandbox:
        demo_setup.ensure_sandbox_integrations(sqlite_db.session_factory, admin, sandbox.url)
        context = Context(sqlite_db, admin)
        page = SchedulesPage(context)
        qtbot.addWidget(page)
        page.resize(1200, 760)
        page.show()
        page.ui.name.setText("Inclusão diária")
        page.ui.action.setCurrentIndex(page.ui.action.findData("inclusion"))
        page.ui.times.setText("06:00, 25:00")
        click_until(qtbot, page.ui.save, page.ui.message, "Escolha ao menos uma regra")
        assert "Escolha ao menos uma regra" in page.ui.message.text()
        page.rules.choose(["Atraso 30"])
        click_until(qtbot, page.ui.save, page.ui.message, "precisa de uma integradora")
        assert "precisa de uma integradora" in page.ui.message.text()
        page.ui.integrator.setCurrentIndex(page.ui.integrator.findData("spc_brasil"))
        click_until(qtbot, page.ui.save, page.ui.message, "Horário inválido: '25:00'")
        assert "Horário inválido: '25:00'" in page.ui.message.text()
        page.ui.times.setText("06:00, 18:30")
        click_until(qtbot, page.ui.save, page.ui.message, "Agendamento salvo.")
        assert page.ui.message.text() == "Agendamento salvo."
        page.ui.runNow.click()
        qtbot.waitUntil(lambda: page.ui.message.text().startswith("Execução"), timeout=20_000)
        assert (
            "Execução concluída" in page.ui.message.text()
            and "enviados 3" in page.ui.message.text()
        )
        # automation switched off: a run that finds nothing says why (issue 20)
        parameters.save_general(
            sqlite_db.session_factory, admin, parameters.GeneralParameters(auto_include=False)
        )
        page.ui.message.clear()
        page.ui.runNow.click()
        qtbot.waitUntil(lambda: page.ui.message.text().startswith("Execução"), timeout=20_000)
        assert "Nenhuma empresa com envio automático ligado" in page.ui.message.text()
        parameters.save_general(
            sqlite_db.session_factory,
            admin,
            parameters.GeneralParameters(auto_include=True, days_to_execute=30),
        )
        qtbot.waitUntil(lambda: page.runs.model.total == 2)
        shot(page, "agendamentos")
    assert statuses(sqlite_db) == {"ativa": 3}
    # a failed run (the run-as user deactivated) shows on the Painel
    from gestao_negativacao.services.scheduling.runner import run_now
    from tests.sending_helpers import user_actor

    user_actor(sqlite_db, "robo")
    page.ui.runAs.addItem("robo", "robo")
    page.ui.runAs.setCurrentIndex(page.ui.runAs.findData("robo"))
    click_until(qtbot, page.ui.save, page.ui.message, "Agendamento salvo.")
    from sqlalchemy import update

    from gestao_negativacao.db.models import User

    with sqlite_db.session_factory.begin() as s:
        s.execute(update(User).where(User.login == "robo").values(active=False))
    summary = run_now(sqlite_db.session_factory, page.schedule_id)
    assert summary.status == "erro" and "desativado" in summary.errors[0]
    with sqlite_db.session_factory() as s:
        assert [r.status for r in s.scalars(select(ScheduleRun).order_by(ScheduleRun.id))] == [
            "ok",
            "ok",  # the run that found nothing (automation off) ran without failing
            "erro",
        ]
    panel = PanelPage(context)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.board is not None)
    assert "1 agendamento(s) com falha" in panel.failed_runs.text()
