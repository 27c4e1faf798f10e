"""Change notices (services.changes): a commit tells the topics of the tables it wrote,
on every database, the import's bulk path (COPY on PostgreSQL) included; a rollback
tells nothing; a listener that stopped hears nothing more."""

import json

from sqlalchemy import update

from gestao_negativacao.db.models import RuleRecord
from gestao_negativacao.services import rules
from gestao_negativacao.services.changes import Topic
from gestao_negativacao.services.importing import import_file
from tests.sending_helpers import admin_actor, write_portfolio_csv

RULE = {"name": "Atraso 90", "kind": "inclusion", "criteria": {"days_overdue": {"min": 90}}}


def test_a_commit_tells_the_topics_it_wrote_and_a_rollback_nothing(any_db, tmp_path):
    admin = admin_actor(any_db)
    heard = []
    stop = any_db.changes.listen(heard.append)
    rules.import_rules(any_db.session_factory, admin, json.dumps([RULE]))
    assert heard == [frozenset({Topic.RULES})]
    with any_db.session_factory() as session:
        session.execute(update(RuleRecord).values(active=False))
        session.rollback()
    assert heard == [frozenset({Topic.RULES})]
    heard.clear()
    path = write_portfolio_csv(tmp_path / "carteira.csv", 3, 2)
    assert import_file(any_db.session_factory, admin, path).written
    assert frozenset({Topic.PORTFOLIO}) in heard
    stop()
    heard.clear()
    rules.set_active(any_db.session_factory, admin, "Atraso 90", False)
    assert heard == []


def test_a_listener_that_fails_never_fails_the_commit(sqlite_db):
    def broken(_topics):
        raise RuntimeError("tela fechada")

    sqlite_db.changes.listen(broken)
    rules.import_rules(sqlite_db.session_factory, admin_actor(sqlite_db), json.dumps([RULE]))
    assert [r.name for r in rules.list_rules(sqlite_db.session_factory)][-1] == "Atraso 90"
