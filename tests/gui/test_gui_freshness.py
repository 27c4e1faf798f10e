"""Issue 20, nothing stale: a change committed at this workstation reaches the screens that
show it at once (change notices); another workstation's reaches them on the light timer
while they are on screen; a list read again keeps the clerk's row, and what follows it."""

import json

from sqlalchemy import update

from gestao_negativacao.bureaus.sandbox.faults import FaultPlan
from gestao_negativacao.db.models import Negativation
from gestao_negativacao.gui.qt import Qt
from gestao_negativacao.services import rules
from gestao_negativacao.services.database import open_database
from gestao_negativacao.services.importing import import_file
from gestao_negativacao.services.sending import sent
from gestao_negativacao.services.sending.release import release
from tests.gui.steps import search, searched, send_all
from tests.sending_helpers import admin_actor, write_portfolio_csv

RULE_90 = {"name": "Atraso 90", "kind": "inclusion", "criteria": {"days_overdue": {"min": 90}}}


def test_a_rule_saved_while_inclusion_is_on_screen_is_offered_at_once(qtbot, day):
    window, _sandbox, db = day
    inclusion = window.open_section("Inclusão")
    assert inclusion.rule.findData("Atraso 90") == -1
    rules.import_rules(db.session_factory, admin_actor(db), json.dumps([RULE_90]))
    qtbot.waitUntil(lambda: inclusion.rule.findData("Atraso 90") > 0, timeout=3000)


def test_another_workstations_rule_shows_on_the_timer_while_on_screen(qtbot, day):
    window, _sandbox, db = day
    inclusion = window.open_section("Inclusão")
    freshness = inclusion.freshness
    freshness.timer.stop()
    other = open_database(str(db.engine.url))  # another workstation: its own connection
    try:
        rules.import_rules(other.session_factory, admin_actor(other), json.dumps([RULE_90]))
    finally:
        other.dispose()
    qtbot.wait(600)  # longer than a notice's delay: none comes from another workstation
    assert inclusion.rule.findData("Atraso 90") == -1
    freshness.timer.start(50)  # the minute, shortened
    qtbot.waitUntil(lambda: inclusion.rule.findData("Atraso 90") > 0, timeout=3000)
    window.open_section("Painel")
    assert not freshness.timer.isActive()  # off screen: no timer reading for nobody


def test_enviados_read_again_keeps_the_row_and_its_history_follows(qtbot, day, tmp_path):
    window, _sandbox, db = day
    inclusion = searched(qtbot, window, db, tmp_path, 6)
    send_all(qtbot, inclusion)
    sent_page = window.open_section("Enviados")
    qtbot.waitUntil(lambda: sent_page.grid.model.total == 12 and not sent_page.grid.model.loading)
    sent_page.grid.table.selectRow(3)
    chosen = sent_page.grid.selected_rows()[0].id
    events = sent_page.timeline.topLevelItemCount()
    with db.session_factory.begin() as session:  # a removal the bureau did not find: to check
        session.execute(
            update(Negativation).where(Negativation.id == chosen).values(attention="baixa")
        )
    sent.mark_checked(db.session_factory, admin_actor(db), [chosen], "não consta no site")
    qtbot.waitUntil(lambda: sent_page.timeline.topLevelItemCount() == events + 1, timeout=3000)
    assert [row.id for row in sent_page.grid.selected_rows()] == [chosen]
    assert sent_page.grid.model.total == 12


def test_liberar_read_again_keeps_what_was_ticked(qtbot, day, tmp_path):
    window, sandbox, db = day
    path = write_portfolio_csv(tmp_path / "carteira.csv", 6, 2)
    assert import_file(db.session_factory, admin_actor(db), path).written
    sandbox.faults = FaultPlan({"http500": 1.0})  # the bureau down: the items stay queued
    inclusion = window.open_section("Inclusão")
    search(qtbot, inclusion, "spc_brasil", "Atraso 30")
    _question, report = send_all(qtbot, inclusion)
    assert report.pending == 12
    page = window.open_section("Liberar parcelas")
    page.search.click()
    qtbot.waitUntil(lambda: page.grid.model.total == 12 and not page.grid.model.loading)
    model = page.grid.model
    for row in (0, 1):
        model.setData(model.index(row, 0), True, Qt.ItemDataRole.CheckStateRole)
    ticked = {model.key_of(r) for r in model.checked_rows()}
    other = model.key_of(model.row_values(5))
    release(db.session_factory, admin_actor(db), action="inclusion", queue_ids=[other])
    qtbot.waitUntil(lambda: model.total == 11, timeout=3000)  # another clerk released one
    assert {model.key_of(r) for r in model.checked_rows()} == ticked
    assert page.release_button.isEnabled()
