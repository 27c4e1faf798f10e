"""The decision table of DESIGN §10, exhaustively: each payment method × status × overdue ×
cartório × balance × installments, under each setting of the two title parameters, checked
against the rules written out plainly."""

import itertools
from decimal import Decimal

from gestao_negativacao.domain.credit import CreditFacts, decide

METHODS = ("cartao", "dinheiro", "boleto", "cheque")
STATUSES = ("liberado", "bloqueado", "devedor", "protestado", "em_analise")
RULES = ("desativado", "bloquear", "analise")


def expected(method, status, overdue, notary, short, installments, overdue_rule, notary_rule):
    blocked = status == "bloqueado"
    blocked |= overdue and overdue_rule == "bloquear"
    blocked |= notary and notary_rule == "bloquear"
    analysed = status in ("em_analise", "devedor", "protestado")
    analysed |= method in ("boleto", "cheque") or installments > 1 or short
    analysed |= overdue and overdue_rule == "analise"
    analysed |= notary and notary_rule == "analise"
    return "retida" if blocked else "em_analise" if analysed else "aprovada"


def test_every_combination():
    checked = 0
    for method, status, overdue, notary, short, installments, o_rule, n_rule in itertools.product(
        METHODS, STATUSES, (False, True), (False, True), (False, True), (1, 3), RULES, RULES
    ):
        facts = CreditFacts(
            status,
            Decimal("1000.00"),
            Decimal("900.00") if short else Decimal("0.00"),
            overdue,
            notary,
        )
        decision = decide(
            enabled=True,
            overdue_rule=o_rule,
            notary_rule=n_rule,
            method=method,
            installments=installments,
            amount=Decimal("500.00"),
            facts=facts,
        )
        want = expected(method, status, overdue, notary, short, installments, o_rule, n_rule)
        assert decision.outcome == want, (method, status, overdue, notary, short, o_rule, n_rule)
        if want == "aprovada":
            assert decision.reasons == ()
        else:
            assert decision.reasons  # every outcome but approval says why
        checked += 1
    assert checked == 4 * 5 * 2 * 2 * 2 * 2 * 3 * 3


def test_reasons_are_all_listed_and_unlimited_credit_has_no_balance():
    facts = CreditFacts("liberado", Decimal("0"), Decimal("99999.00"), True, True)
    decision = decide(
        enabled=True,
        overdue_rule="analise",
        notary_rule="analise",
        method="cheque",
        installments=4,
        amount=Decimal("5000.00"),
        facts=facts,
    )
    assert decision.outcome == "em_analise"
    assert decision.reasons == (
        "boleto_cheque",
        "a_prazo",
        "titulos_em_atraso",
        "titulos_em_cartorio",
    )  # limit 0 = unlimited: never "saldo insuficiente"
    assert "venda a prazo" in decision.describe()


def test_card_or_cash_at_sight_with_nothing_else_is_approved_and_control_off_approves_all():
    clean = CreditFacts("liberado", Decimal("1000"), Decimal("0"), False, False)
    for method in ("cartao", "dinheiro"):
        assert (
            decide(
                enabled=True,
                overdue_rule="bloquear",
                notary_rule="bloquear",
                method=method,
                installments=1,
                amount=Decimal("10"),
                facts=clean,
            ).outcome
            == "aprovada"
        )
    blocked = CreditFacts("bloqueado", Decimal("1"), Decimal("5"), True, True)
    assert (
        decide(
            enabled=False,
            overdue_rule="bloquear",
            notary_rule="bloquear",
            method="cheque",
            installments=9,
            amount=Decimal("10"),
            facts=blocked,
        ).outcome
        == "aprovada"
    )
