"""The Painel's figures on SQLite, PostgreSQL and MariaDB."""

from datetime import date
from decimal import Decimal

from gestao_negativacao.services.dashboard import dashboard
from tests.scenario import Scenario

AS_OF = date(2026, 11, 22)


def test_figures_deadlines_months_and_recovery(any_db):
    sc = Scenario(any_db)
    sc.customer("ana", uf="SP")
    sc.customer("bia", uf="RJ")
    sc.sale("V1", "ana")
    sc.sale("V2", "bia", company="c2")
    sc.installment("V1", 1, date(2026, 8, 1), "150.00")
    # paid in full on Friday 13/11: deadline Monday 23/11 (20/11 is a national holiday)
    sc.installment(
        "V1", 2, date(2026, 8, 1), "100.00", paid="100.00", payment_date=date(2026, 11, 13)
    )
    # paid on 6/11: deadline 13/11, already overdue on 22/11
    sc.installment(
        "V2", 1, date(2026, 8, 1), "300.00", paid="300.00", payment_date=date(2026, 11, 6)
    )
    sc.installment("V2", 2, date(2026, 8, 1), "80.00")
    sc.negativation("V1", 1, "ana", status="ativa", included_on=date(2026, 10, 1))
    sc.negativation("V1", 2, "ana", status="ativa", included_on=date(2026, 10, 20))
    sc.negativation("V2", 1, "bia", status="ativa", included_on=date(2026, 9, 1))
    sc.negativation("V2", 2, "bia", status="erro", integrator="boa_vista")
    sc.negativation("V1", 1, "ana", status="pendente", integrator="boa_vista")
    board = dashboard(any_db.session_factory, AS_OF)
    assert [(g.key, g.active, g.amount) for g in board.by_integrator] == [
        ("spc_brasil", 3, Decimal("150.00"))
    ]
    assert sorted((g.active, g.amount) for g in board.by_company) == [
        (1, Decimal("0.00")),
        (2, Decimal("150.00")),
    ]
    assert (board.pending, board.errors) == (1, 1)
    owed = [(r.sale, r.installment, r.deadline) for r in board.removals_owed]
    assert owed == [("V2", 1, date(2026, 11, 13)), ("V1", 2, date(2026, 11, 23))]
    assert board.overdue_removals == 1
    months = dict((m, (i, o)) for m, i, o in board.months)
    assert months["2026-10"] == (2, 0) and months["2026-09"] == (1, 0) and len(board.months) == 12
    # negativated 150 + 100 + 300 (holders); paid: 100 within 30 days (24 days), 300 after 66
    assert board.recovery[30] == (Decimal(100) / Decimal(550)).quantize(Decimal("0.0001"))
    assert board.recovery[90] == (Decimal(400) / Decimal(550)).quantize(Decimal("0.0001"))
