"""Agreements (DESIGN §5.6), on every database: while kept, the installments they cover are
held at every integrator and their active negativations are removed (trigger
``agreement``); a plan installment unpaid past its deadline breaks the agreement, and from
the next day the originals are candidates again."""

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import delete, select, update

from gestao_negativacao.db.models import AuditEntry, Negativation, SendQueueEntry
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.domain.rule_format import parse_rule
from gestao_negativacao.services.actor import Actor, PermissionDenied
from gestao_negativacao.services.agreements import (
    AgreementError,
    even_plan,
    kept_count,
    list_agreements,
    make_agreement,
    overdue_installments,
    parse_plan,
    record_payment,
)
from gestao_negativacao.services.dashboard import dashboard
from gestao_negativacao.services.rules.preview import Preview
from gestao_negativacao.services.sending.enqueue import enqueue_inclusions
from tests.rules_helpers import AS_OF, inclusion_rule
from tests.scenario import Scenario

CLERK = Actor(login="maria", permissions=frozenset({Perm.NEG_BAIXA_MANUAL, Perm.NEG_INCLUIR}))
COMPANY = "29141777000158"
DAY = timedelta(days=1)


@pytest.fixture
def portfolio(any_db):
    """Ana owes two overdue installments of V-ana (Bia is her guarantor) and one not yet
    due; Caio owes one. Every overdue one is active at SPC Brasil, as after a send."""
    sc = Scenario(any_db)
    sc.company("c1", COMPANY)
    for name in ("ana", "bia", "caio"):
        sc.customer(name)
    sc.sale("V-ana", "ana", company="c1", guarantors=("bia",))
    sc.installment("V-ana", 1, AS_OF - 40 * DAY)
    sc.installment("V-ana", 2, AS_OF - 10 * DAY, "250.00")
    sc.installment("V-ana", 3, AS_OF + 20 * DAY)
    sc.sale("V-caio", "caio", company="c1")
    sc.installment("V-caio", 1, AS_OF - 40 * DAY)
    system = Actor.system()
    preview = Preview(
        any_db.session_factory, system, "inclusion", _every_debtor(), "spc_brasil", AS_OF
    )
    enqueue_inclusions(any_db.session_factory, system, preview.selection(), "spc_brasil")
    with any_db.session_factory.begin() as s:
        s.execute(update(Negativation).values(status="ativa", processing="ok"))
        s.execute(delete(SendQueueEntry))
    return sc


def _every_debtor():
    return inclusion_rule({"debtors": "both"})


def candidates(db, as_of, integrator="spc_brasil"):
    """(debtor, sale/installment) found, and those excluded with their reason."""
    with db.session_factory.begin() as s:  # as if every record had been removed since
        s.execute(update(Negativation).values(status="baixada"))
    preview = Preview(
        db.session_factory, Actor.system(), "inclusion", _every_debtor(), integrator, as_of
    )
    found = {(i.debtor_name, f"{i.sale_number}/{i.installment_number}") for i in preview.iterate()}
    excluded = {
        (i.debtor_name, f"{i.sale_number}/{i.installment_number}"): i.reason
        for i in preview.iterate(excluded=True)
    }
    return found, excluded


def removals(db, as_of):
    rule = parse_rule({"name": "legais", "kind": "removal", "triggers": {"paid": True}})
    preview = Preview(db.session_factory, Actor.system(), "removal", rule, None, as_of)
    return {
        (i.debtor_name, f"{i.sale_number}/{i.installment_number}"): i.trigger
        for i in preview.iterate()
    }


def test_an_agreement_holds_its_installments_and_removes_their_negativations(portfolio):
    db = portfolio.db
    owed = overdue_installments(db.session_factory, COMPANY, portfolio.document("ana"), AS_OF)
    assert [(o.sale, o.number, o.open_amount) for o in owed] == [
        ("V-ana", 1, Decimal("100.00")),
        ("V-ana", 2, Decimal("250.00")),
    ]  # the one not yet due is not offered
    plan = even_plan(Decimal("350.00"), 3, AS_OF + 5 * DAY)
    assert [a for _, a in plan] == [Decimal("116.68"), Decimal("116.66"), Decimal("116.66")]
    info = make_agreement(
        db.session_factory, CLERK, company_cnpj=COMPANY,
        debtor_document=portfolio.document("ana"), plan=plan, as_of=AS_OF, note="loja centro",
    )  # fmt: skip
    assert info.status == "em dia" and info.originals == ("V-ana/1", "V-ana/2")
    assert info.plan[0].deadline == AS_OF + 10 * DAY  # 5 days' tolerance by default
    board = dashboard(db.session_factory, AS_OF)  # the Painel: one in progress, one due soon
    assert (board.agreements_kept, board.agreement_payments_due) == (1, 1)
    # its active negativations are removed, holder's and guarantor's, trigger "agreement"
    assert removals(db, AS_OF) == {
        ("ana", "V-ana/1"): "agreement",
        ("ana", "V-ana/2"): "agreement",
        ("bia", "V-ana/1"): "agreement",
        ("bia", "V-ana/2"): "agreement",
    }
    # and nobody includes them again, at any integrator, while it is kept
    for integrator in ("spc_brasil", "boa_vista"):
        found, excluded = candidates(db, AS_OF, integrator)
        assert found == {("caio", "V-caio/1")}
        assert set(excluded.values()) == {"held"} and len(excluded) == 4
    # the first plan installment's deadline is AS_OF + 10: kept that day, broken the next
    assert candidates(db, AS_OF + 10 * DAY)[0] == {("caio", "V-caio/1")}
    found, excluded = candidates(db, AS_OF + 11 * DAY)
    assert ("ana", "V-ana/1") in found and ("bia", "V-ana/2") in found and not excluded
    assert removals(db, AS_OF + 11 * DAY) == {}
    (listed,) = list_agreements(db.session_factory, AS_OF + 11 * DAY)
    assert listed.status == f"quebrado em {AS_OF + 11 * DAY:%d/%m/%Y}"
    assert kept_count(db.session_factory, AS_OF + 11 * DAY) == 0
    assert dashboard(db.session_factory, AS_OF + 11 * DAY).agreements_kept == 0
    # paid on time: kept past that deadline, until the next one is missed
    record_payment(db.session_factory, CLERK, info.id, 1, AS_OF + 7 * DAY)
    assert candidates(db, AS_OF + 11 * DAY)[0] == {("caio", "V-caio/1")}
    second = info.plan[1].deadline
    found, excluded = candidates(db, second)
    assert ("ana", "V-ana/1") not in found and excluded[("ana", "V-ana/1")] == "held"
    assert ("ana", "V-ana/3") in found  # due later, never part of the agreement
    assert ("ana", "V-ana/1") in candidates(db, second + DAY)[0]
    with db.session_factory() as s:
        actions = list(
            s.scalars(
                select(AuditEntry.action)
                .where(AuditEntry.action.like("acordo%"))
                .order_by(AuditEntry.id)
            )
        )
    assert actions == ["acordo.registrar", "acordo.pagamento"]


def test_a_late_payment_does_not_mend_a_broken_agreement(portfolio):
    db = portfolio.db
    plan = [(AS_OF + DAY, Decimal("100.00"))]
    info = make_agreement(
        db.session_factory, CLERK, company_cnpj=COMPANY,
        debtor_document=portfolio.document("caio"), plan=plan, as_of=AS_OF,
    )  # fmt: skip
    record_payment(db.session_factory, CLERK, info.id, 1, AS_OF + 30 * DAY)
    (listed,) = list_agreements(db.session_factory, AS_OF + 30 * DAY)
    assert listed.status.startswith("quebrado") and not listed.kept
    # before the deadline passed it was kept, whatever happened later
    assert list_agreements(db.session_factory, AS_OF)[0].status == "em dia"


def test_what_an_agreement_refuses(portfolio):
    db = portfolio.db
    ana = portfolio.document("ana")
    good = [(AS_OF + DAY, Decimal("10.00"))]

    def make(**changes):
        args = dict(
            company_cnpj=COMPANY, debtor_document=ana, plan=good, as_of=AS_OF, installments=None
        )
        return make_agreement(db.session_factory, CLERK, **{**args, **changes})

    with pytest.raises(AgreementError, match="ao menos uma parcela"):
        make(plan=[])
    with pytest.raises(AgreementError, match="antes de hoje"):
        make(plan=[(AS_OF - DAY, Decimal("10.00"))])
    with pytest.raises(AgreementError, match="ordem de vencimento"):
        make(plan=[(AS_OF + 9 * DAY, Decimal("1")), (AS_OF + DAY, Decimal("1"))])
    with pytest.raises(AgreementError, match="não estão vencidas.*V-ana/3"):
        make(installments=[("V-ana", 3)])
    with pytest.raises(AgreementError, match="não encontrad"):
        make(debtor_document="52998224725")
    with pytest.raises(AgreementError, match="AAAA-MM-DD:VALOR"):
        parse_plan("10/12/2026:100")
    with pytest.raises(PermissionDenied):
        make_agreement(
            db.session_factory, Actor(login="x", permissions=frozenset({Perm.NEG_INCLUIR})),
            company_cnpj=COMPANY, debtor_document=ana, plan=good, as_of=AS_OF,
        )  # fmt: skip
    # one installment only, then the rest: an installment is in one kept agreement at a time
    make(installments=[("V-ana", 2)])
    with pytest.raises(AgreementError, match="V-ana/2"):
        make(installments=[("V-ana", 2)])
    second = make()
    assert second.originals == ("V-ana/1",)
    info = list_agreements(db.session_factory, AS_OF)[0]
    with pytest.raises(AgreementError, match="não tem a parcela 7"):
        record_payment(db.session_factory, CLERK, info.id, 7, AS_OF)
    record_payment(db.session_factory, CLERK, info.id, 1, AS_OF)
    with pytest.raises(AgreementError, match="já foi paga"):
        record_payment(db.session_factory, CLERK, info.id, 1, AS_OF)
