"""Enqueueing a selection: one transaction, set-based, each item at most once in the queue
whatever the number of workstations — on SQLite, PostgreSQL and MariaDB."""

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from gestao_negativacao.db.models import Negativation, NegativationEvent, SendQueueEntry
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services.actor import Actor, PermissionDenied
from gestao_negativacao.services.rules.preview import Preview
from gestao_negativacao.services.sending.enqueue import enqueue_inclusions, enqueue_removals
from tests.rules_helpers import AS_OF, inclusion_rule
from tests.scenario import Scenario

DAY = timedelta(days=1)


@pytest.fixture
def sc(any_db):
    sc = Scenario(any_db)
    sc.customer("ana")
    sc.customer("bia")
    sc.sale("V1", "ana", guarantors=("bia",))
    for n in range(1, 5):
        sc.installment("V1", n, AS_OF - (10 + n) * DAY)
    return sc


def selection(db, debtors="both", integrator="spc_brasil"):
    rule = inclusion_rule({"debtors": debtors})
    return Preview(
        db.session_factory, Actor.system(), "inclusion", rule, integrator, AS_OF
    ).selection()


def counts(db):
    with db.session_factory() as s:
        return (
            s.scalar(select(func.count()).select_from(Negativation)),
            s.scalar(select(func.count()).select_from(SendQueueEntry)),
            s.scalar(select(func.count()).select_from(NegativationEvent)),
        )


def test_a_selection_is_queued_once(sc):
    db = sc.db
    first = enqueue_inclusions(db.session_factory, Actor.system(), selection(db), "spc_brasil")
    assert (first.requested, first.queued) == (8, 8)
    assert counts(db) == (8, 8, 8)
    with db.session_factory() as s:
        assert set(s.scalars(select(Negativation.status))) == {"pendente"}
        assert {e.kind for e in s.scalars(select(NegativationEvent))} == {"inclusao_enfileirada"}
    # the same items again (a second click, another workstation): nothing more
    raw = Preview(
        db.session_factory,
        Actor.system(),
        "inclusion",
        inclusion_rule({"debtors": "both"}),
        "spc_brasil",
        AS_OF,
    )
    assert raw.count() == 0 and raw.count(excluded=True) == 8  # now reported as "queued"
    again = enqueue_inclusions(db.session_factory, Actor.system(), selection(db), "spc_brasil")
    assert (again.queued, again.skipped) == (0, 0)
    assert counts(db) == (8, 8, 8)
    # another integrator is another negativation
    other = enqueue_inclusions(
        db.session_factory, Actor.system(), selection(db, "holder", "boa_vista"), "boa_vista"
    )
    assert other.queued == 4 and counts(db)[:2] == (12, 12)


def test_an_item_in_error_is_queued_again(sc):
    sc.negativation("V1", 1, "ana", status="erro", processing="ok")
    result = enqueue_inclusions(
        sc.db.session_factory, Actor.system(), selection(sc.db, "holder"), "spc_brasil"
    )
    assert result.queued == 4
    with sc.db.session_factory() as s:
        reopened = s.scalar(
            select(Negativation).where(Negativation.installment_id == sc.ids["i:V1:1"])
        )
        assert (reopened.status, reopened.processing) == ("pendente", "pendente")
        assert s.scalar(select(func.count()).select_from(Negativation)) == 4


def test_workstations_racing_on_overlapping_selections(sc):
    db = sc.db
    errors = []

    def send(debtors):
        try:
            enqueue_inclusions(
                db.session_factory, Actor.system(), selection(db, debtors), "spc_brasil"
            )
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=send, args=(d,)) for d in ("both", "holder", "both", "guarantor")
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    negativations, queue, events = counts(db)
    assert negativations == queue == events == 8


def test_removals_queue_only_active_negativations(sc):
    active = sc.negativation("V1", 1, "ana", status="ativa")
    sc.negativation("V1", 2, "ana", status="pendente", processing="ok")
    picked = select(Negativation.id.label("negativation_id"))
    result = enqueue_removals(sc.db.session_factory, Actor.system(), picked)
    assert (result.requested, result.queued) == (2, 1)
    with sc.db.session_factory() as s:
        entry = s.scalar(select(SendQueueEntry))
        assert (entry.negativation_id, entry.action) == (active, "removal")
    assert enqueue_removals(sc.db.session_factory, Actor.system(), picked).queued == 0


def test_permissions(sc):
    viewer = Actor(login="eva", permissions=frozenset({Perm.NEG_BAIXAR}))
    with pytest.raises(PermissionDenied, match="NEG_INCLUIR"):
        enqueue_inclusions(sc.db.session_factory, viewer, selection(sc.db), "spc_brasil")
    assert counts(sc.db) == (0, 0, 0)
