"""Liberar parcelas and baixa manual, on every database."""

import pytest
from sqlalchemy import select

from gestao_negativacao.db.models import Negativation, NegativationEvent, SendQueueEntry
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services.actor import Actor, PermissionDenied
from gestao_negativacao.services.dashboard import dashboard
from gestao_negativacao.services.rules.preview import Preview
from gestao_negativacao.services.sending.enqueue import enqueue_inclusions
from gestao_negativacao.services.sending.release import (
    SendingError,
    manual_removal,
    pending_entries,
    release,
)
from gestao_negativacao.services.sending.sent import SentFilter, list_sent
from tests.rules_helpers import AS_OF, inclusion_rule
from tests.scenario import Scenario


@pytest.fixture
def queued(any_db):
    sc = Scenario(any_db)
    sc.company("c1", "29141777000158")
    sc.company("c2", "12ABC34501DE35")
    sc.customer("ana")
    sc.sale("V1", "ana", company="c1")
    sc.sale("V2", "ana", company="c2")
    from datetime import timedelta

    sc.installment("V1", 1, AS_OF - timedelta(days=20))
    sc.installment("V2", 1, AS_OF - timedelta(days=20))
    preview = Preview(
        any_db.session_factory, Actor.system(), "inclusion", inclusion_rule(), "spc_brasil", AS_OF
    )
    enqueue_inclusions(any_db.session_factory, Actor.system(), preview.selection(), "spc_brasil")
    return sc


def preview_count(db):
    return Preview(
        db.session_factory, Actor.system(), "inclusion", inclusion_rule(), "spc_brasil", AS_OF
    ).count()


def test_release_by_company_brings_items_back_to_the_inclusion_screen(queued):
    db = queued.db
    entries = pending_entries(db.session_factory, Actor.system(), action="inclusion")
    assert {(e.company_cnpj, e.sale_number, e.attempts) for e in entries} == {
        ("29141777000158", "V1", 0),
        ("12ABC34501DE35", "V2", 0),
    }
    assert preview_count(db) == 0
    released = release(
        db.session_factory, Actor.system(), action="inclusion", company_cnpj="12.ABC.345/01DE-35"
    )
    assert released == 1
    assert [e.sale_number for e in pending_entries(db.session_factory, Actor.system())] == ["V1"]
    assert preview_count(db) == 1  # V2 shows again
    with db.session_factory() as s:
        assert "liberada" in set(s.scalars(select(NegativationEvent.kind)))
    # seed 004 §8–9: "pendente" is what waits in the queue; the released one says so
    where = {(r.sale, r.status, r.processing) for r in list_sent(db.session_factory, SentFilter())}
    assert where == {("V1", "pendente", "pendente"), ("V2", "pendente", "liberada")}
    released_only = list_sent(db.session_factory, SentFilter(processing="liberada"))
    assert [r.as_json()["processing"] for r in released_only] == ["liberada"]
    board = dashboard(db.session_factory, AS_OF)
    assert (board.pending, board.released) == (2, 1)
    # found again and sent again: back in the queue, "pendente" once more
    preview = Preview(
        db.session_factory, Actor.system(), "inclusion", inclusion_rule(), "spc_brasil", AS_OF
    )
    requeued = enqueue_inclusions(
        db.session_factory, Actor.system(), preview.selection(), "spc_brasil"
    )
    assert requeued.queued == 1
    assert {r.processing for r in list_sent(db.session_factory, SentFilter())} == {"pendente"}
    release(db.session_factory, Actor.system(), action="inclusion", company_cnpj="12ABC34501DE35")
    assert release(db.session_factory, Actor.system(), action="removal") == 0
    assert (
        release(db.session_factory, Actor.system(), action="inclusion", integrator="boa_vista") == 0
    )


def test_release_all_but_the_ones_unticked(queued):
    """ "Selecionar todos" then untick one: everything else under the filters goes."""
    db = queued.db
    entries = pending_entries(db.session_factory, Actor.system(), action="inclusion")
    kept = next(e for e in entries if e.sale_number == "V1")
    released = release(
        db.session_factory, Actor.system(), action="inclusion", leave_out=[kept.queue_id]
    )
    assert released == 1
    assert [e.sale_number for e in pending_entries(db.session_factory, Actor.system())] == ["V1"]


def test_manual_removal_needs_a_reason_and_touches_only_active(queued):
    db = queued.db
    with db.session_factory.begin() as s:
        negativation = s.scalar(
            select(Negativation).where(Negativation.installment_id == queued.ids["i:V1:1"])
        )
        negativation.status, negativation.processing = "ativa", "ok"
        s.add(
            SendQueueEntry(
                negativation_id=negativation.id,
                integrator=negativation.integrator,
                action="removal",
            )
        )
        neg_id = negativation.id
    with pytest.raises(SendingError, match="motivo"):
        manual_removal(db.session_factory, Actor.system(), [neg_id], " ")
    done = manual_removal(
        db.session_factory, Actor.system(), [neg_id, 9999], "baixada no site do SPC em 10/11"
    )
    assert done == 1
    with db.session_factory() as s:
        row = s.get(Negativation, neg_id)
        assert (row.status, row.removal_reason) == (
            "baixada_manual",
            "baixada no site do SPC em 10/11",
        )
        assert row.removed_at is not None
        assert not s.scalars(
            select(SendQueueEntry).where(
                SendQueueEntry.negativation_id == neg_id, SendQueueEntry.action == "removal"
            )
        ).all()
        event = s.scalar(select(NegativationEvent).where(NegativationEvent.kind == "baixa_manual"))
        assert (event.status_before, event.status_after, event.message) == (
            "ativa",
            "baixada_manual",
            "baixada no site do SPC em 10/11",
        )
    assert manual_removal(db.session_factory, Actor.system(), [neg_id], "de novo, nada muda") == 0


def test_permissions(queued):
    clerk = Actor(login="ana", permissions=frozenset({Perm.NEG_INCLUIR}))
    with pytest.raises(PermissionDenied, match="NEG_LIBERAR"):
        release(queued.db.session_factory, clerk, action="inclusion")
    with pytest.raises(PermissionDenied, match="NEG_BAIXA_MANUAL"):
        manual_removal(queued.db.session_factory, clerk, [1], "motivo qualquer")
