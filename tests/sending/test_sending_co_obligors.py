"""A guarantor travels with its holder where the protocol has one record for both (Serasa
through SOA, Boa Vista), each (installment, debtor) keeping its own negativation and
history; and a removal the bureau "does not find" is never silent. Against the sandbox over
real HTTP, through the real worker."""

from datetime import timedelta

import httpx
import pytest
from sqlalchemy import select, update

from gestao_negativacao.bureaus.sandbox import running_sandbox
from gestao_negativacao.db.base import utc_now
from gestao_negativacao.db.models import Negativation, NegativationEvent, SendQueueEntry
from gestao_negativacao.services.dashboard import dashboard
from gestao_negativacao.services.demo import setup as demo_setup
from gestao_negativacao.services.sending import claims
from gestao_negativacao.services.sending.enqueue import enqueue_removals
from gestao_negativacao.services.sending.follow_up import refresh_confirmations
from gestao_negativacao.services.sending.release import SendingError
from gestao_negativacao.services.sending.sent import SentFilter, history, list_sent, mark_checked
from gestao_negativacao.services.sending.worker import Sender, SendOptions
from tests.rules_helpers import AS_OF
from tests.scenario import Scenario
from tests.sending_helpers import admin_actor, enqueue_all, sandbox_records

FAST = SendOptions(concurrency=4, retry_base=0.02, retry_cap=0.1, timeout=5)
DAY = timedelta(days=1)


@pytest.fixture
def sandbox():
    with running_sandbox(process_after=None) as server:
        yield server


@pytest.fixture
def ready(sqlite_db, sandbox):
    admin = admin_actor(sqlite_db)
    demo_setup.ensure_sandbox_integrations(sqlite_db.session_factory, admin, sandbox.url)
    return sqlite_db, admin


def two_sales(db) -> Scenario:
    """V1: holder ana with one guarantor bia; V2: holder caio with guarantors duda and edu."""
    sc = Scenario(db)
    for key in ("ana", "bia", "caio", "duda", "edu"):
        sc.customer(key)
    sc.sale("V1", "ana", guarantors=("bia",))
    sc.sale("V2", "caio", guarantors=("duda", "edu"))
    for sale in ("V1", "V2"):
        sc.installment(sale, 1, AS_OF - 40 * DAY, "150.00")
    return sc


def negativations(db, integrator):
    with db.session_factory() as s:
        rows = s.execute(
            select(Negativation, NegativationEvent.kind)
            .join(NegativationEvent, NegativationEvent.negativation_id == Negativation.id)
            .where(Negativation.integrator == integrator)
            .order_by(NegativationEvent.id)
        ).all()
        s.expunge_all()
    out: dict[int, tuple[Negativation, list[str]]] = {}
    for negativation, kind in rows:
        out.setdefault(negativation.id, (negativation, []))[1].append(kind)
    return list(out.values())


@pytest.mark.parametrize("integrator", ["soa_serasa", "boa_vista"])
def test_holder_and_guarantor_go_in_one_record_and_live_on_apart(ready, sandbox, integrator):
    db, admin = ready
    sc = two_sales(db)
    assert enqueue_all(db, admin, integrator, debtors="both").queued == 5
    report = Sender(db.session_factory, admin, options=FAST).run()
    # two records at the bureau, each holder with its first guarantor; edu cannot ride
    records = sorted(sandbox_records(sandbox, integrator), key=lambda r: r["contract"])
    assert [(r["document"], r["co_obligor"], r["inclusions"]) for r in records] == [
        (sc.document("ana"), sc.document("bia"), 1),
        (sc.document("caio"), sc.document("duda"), 1)]  # fmt: skip
    assert (report.unconfirmed, report.rejected) == (4, 1)
    by_customer = {n.customer_id: n for n, _ in negativations(db, integrator)}
    edu = by_customer[sc.ids["p:edu"]]
    assert edu.status == "erro" and "um só coobrigado" in edu.message
    bia, ana = by_customer[sc.ids["p:bia"]], by_customer[sc.ids["p:ana"]]
    assert (bia.status, bia.processing, bia.bureau_id) == ("pendente", "ok", ana.bureau_id)
    assert "coobrigado no registro de" in bia.message
    # the follow-up confirms both with one answer
    sandbox.process()
    refreshed = refresh_confirmations(db.session_factory, admin)
    assert refreshed.activated == 4
    # removing the holder's record ends the guarantor's negativation too, with its event
    chosen = select(Negativation.id.label("negativation_id")).where(Negativation.id == ana.id)
    enqueue_removals(db.session_factory, admin, chosen)
    Sender(db.session_factory, admin, options=FAST).run()
    after = {n.customer_id: (n.status, kinds) for n, kinds in negativations(db, integrator)}
    assert after[sc.ids["p:ana"]][0] == "baixada"
    assert after[sc.ids["p:bia"]] == ("baixada", after[sc.ids["p:bia"]][1])
    assert after[sc.ids["p:bia"]][1][-1] == "baixada_com_o_registro"
    ana_record = next(r for r in sandbox_records(sandbox, integrator)
                      if r["document"] == sc.document("ana"))  # fmt: skip
    assert (ana_record["active"], ana_record["removals"]) == (False, 1)


@pytest.mark.parametrize("integrator", ["soa_serasa", "boa_vista"])
def test_a_guarantor_without_its_holder_is_refused_before_sending(ready, sandbox, integrator):
    db, admin = ready
    two_sales(db)
    assert enqueue_all(db, admin, integrator, debtors="guarantor").queued == 3
    report = Sender(db.session_factory, admin, options=FAST).run()
    assert report.rejected == 3 and sandbox_records(sandbox, integrator) == []
    messages = {n.message for n, _ in negativations(db, integrator)}
    assert all("vai no registro do titular" in m for m in messages)
    # once the holder is registered without them, the reason says so
    assert enqueue_all(db, admin, integrator, debtors="holder").queued == 2
    Sender(db.session_factory, admin, options=FAST).run()
    assert enqueue_all(db, admin, integrator, debtors="guarantor").queued == 3
    Sender(db.session_factory, admin, options=FAST).run()
    messages = {n.message for n, _ in negativations(db, integrator) if n.debtor_role != "holder"}
    assert all("já foi incluído" in m for m in messages)


def test_spc_keeps_one_inclusion_per_debtor(ready, sandbox):
    db, admin = ready
    two_sales(db)
    enqueue_all(db, admin, "spc_brasil", debtors="both")
    assert Sender(db.session_factory, admin, options=FAST).run().sent == 5
    assert len(sandbox_records(sandbox, "spc_brasil")) == 5


def test_a_group_held_in_part_by_another_sender_waits_and_goes_whole(ready, sandbox):
    db, admin = ready
    sc = two_sales(db)
    enqueue_all(db, admin, "soa_serasa", debtors="both")
    with db.session_factory() as s:
        holder_entry = s.scalar(
            select(SendQueueEntry.id)
            .join(Negativation, Negativation.id == SendQueueEntry.negativation_id)
            .where(Negativation.customer_id == sc.ids["p:ana"])
        )
    # another (living, other-host) sender holds ana's entry
    other = "outra-estacao/999/1#1"
    with db.session_factory.begin() as s:
        s.execute(update(SendQueueEntry).where(SendQueueEntry.id == holder_entry).values(
            claimed_by=other, claimed_until=utc_now() + timedelta(minutes=2)))  # fmt: skip
    Sender(db.session_factory, admin, options=FAST).run()
    # bia was not sent alone: V1 waits whole; V2 went
    docs = {r["document"] for r in sandbox_records(sandbox, "soa_serasa")}
    assert docs == {sc.document("caio")}
    with db.session_factory() as s:  # given back, not counted as an attempt
        entries = s.scalars(select(SendQueueEntry)).all()
        assert {(e.attempts, e.claimed_by) for e in entries if e.id != holder_entry} == {(0, None)}
    claims.unclaim(db.session_factory, other, [holder_entry])
    with db.session_factory.begin() as s:
        s.execute(update(SendQueueEntry).values(next_attempt_at=utc_now()))
    Sender(db.session_factory, admin, options=FAST).run()
    records = {r["document"]: r for r in sandbox_records(sandbox, "soa_serasa")}
    assert records[sc.document("ana")]["co_obligor"] == sc.document("bia")


def test_a_removal_the_bureau_does_not_find_is_removed_with_a_warning(ready, sandbox):
    db, admin = ready
    sc = two_sales(db)
    enqueue_all(db, admin, "spc_brasil")
    Sender(db.session_factory, admin, options=FAST).run()
    httpx.post(f"{sandbox.url}/_sandbox/reset")  # the bureau no longer holds them
    chosen = select(Negativation.id.label("negativation_id")).where(
        Negativation.customer_id == sc.ids["p:ana"]
    )
    enqueue_removals(db.session_factory, admin, chosen)
    report = Sender(db.session_factory, admin, options=FAST).run()
    assert report.sent == 1
    (negativation, kinds) = next(
        (n, k) for n, k in negativations(db, "spc_brasil") if n.customer_id == sc.ids["p:ana"]
    )
    assert negativation.status == "baixada" and negativation.attention == "nao_encontrado"
    assert kinds[-1] == "baixa_nao_encontrada"
    assert "não encontrou o registro" in negativation.message
    # listed on the Painel and in Enviados until someone checks the bureau's site
    assert dashboard(db.session_factory, AS_OF).to_check == 1
    listed = list_sent(db.session_factory, SentFilter(to_check=True))
    assert [i.negativation_id for i in listed] == [negativation.id]
    with pytest.raises(SendingError, match="Diga o que foi conferido"):
        mark_checked(db.session_factory, admin, [negativation.id], " ")
    assert mark_checked(db.session_factory, admin, [negativation.id], "não consta no site") == 1
    assert dashboard(db.session_factory, AS_OF).to_check == 0
    assert [e.kind for e in history(db.session_factory, negativation.id)][-1] == "conferida"
