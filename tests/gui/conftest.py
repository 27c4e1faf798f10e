"""Fixtures of the screen tests: a clerk's day (the main window on SQLite, with the
sandbox bureau and two rules)."""

import json

import pytest

from gestao_negativacao.bureaus.sandbox import running_sandbox
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.main_window import MainWindow
from gestao_negativacao.services import rules
from gestao_negativacao.services.demo import setup as demo_setup
from tests.sending_helpers import admin_actor

RULES = [
    {"name": "Atraso 30", "kind": "inclusion", "criteria": {"days_overdue": {"min": 30}}},
    {"name": "Pagas", "kind": "removal", "triggers": {"paid": True}},
]


@pytest.fixture
def day(qtbot, sqlite_db):
    with running_sandbox(process_after=None) as sandbox:
        admin = admin_actor(sqlite_db)
        demo_setup.ensure_sandbox_integrations(sqlite_db.session_factory, admin, sandbox.url)
        rules.import_rules(sqlite_db.session_factory, admin, json.dumps(RULES))
        window = MainWindow(Context(sqlite_db, admin))
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        yield window, sandbox, sqlite_db
