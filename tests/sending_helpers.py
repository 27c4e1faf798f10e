"""A portfolio, the sandbox integrations and an admin, ready to send; and what the sandbox
holds, read over HTTP as any client would."""

from __future__ import annotations

from datetime import timedelta

import httpx
from sqlalchemy import select

from gestao_negativacao.db.models import Negativation
from gestao_negativacao.domain.permissions import RoleCode
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.admin import users
from gestao_negativacao.services.demo import setup as demo_setup
from gestao_negativacao.services.rules.preview import Preview
from gestao_negativacao.services.sending.enqueue import enqueue_inclusions
from tests.helpers import base_row, write_csv
from tests.rules_helpers import AS_OF, inclusion_rule
from tests.scenario import Scenario

DAY = timedelta(days=1)
ADMIN_PASSWORD = "Adm1n-de-teste-2026"


def admin_actor(db) -> Actor:
    if db.is_server:  # as db init makes it; this connection stays the administrator's
        return server_user(db, "admin", RoleCode.ADMIN)
    demo_setup.ensure_admin(db.session_factory, Actor.system(), lambda: ADMIN_PASSWORD)
    return users.authenticate(db.session_factory, "admin", ADMIN_PASSWORD)


def user_actor(db, login: str, role: RoleCode = RoleCode.CLERK) -> Actor:
    if db.is_server:
        return server_user(db, login, role)
    users.create_user(db.session_factory, Actor.system(), login, ADMIN_PASSWORD, role, login)
    return users.authenticate(db.session_factory, login, ADMIN_PASSWORD)


def server_user(db, login: str, role: RoleCode) -> Actor:
    """A login role of the test's server database, created by its administrator; the
    returned actor is the application's view of it (logic tests keep the administrator's
    connection; the security tests log in as the user themselves)."""
    from sqlalchemy import select, update

    from gestao_negativacao.db import server
    from gestao_negativacao.db.models import User

    with db.session_factory.begin() as session:
        exists = session.scalar(select(User.id).where(User.login == login))
        if exists is None:
            conn = session.connection()
            server.create_first_admin(conn, login, login, ADMIN_PASSWORD)
            if role is not RoleCode.ADMIN:  # the server's administrator, as db init would
                session.execute(update(User).where(User.login == login).values(role_code=role))
                server.call(conn, "gn_sync_user", p_login=login)
        user_id = session.scalar(select(User.id).where(User.login == login))
    return users.actor_of(db.session_factory, user_id)


def portfolio(db, customers: int, installments: int = 1) -> Scenario:
    """``customers`` holders, each with one sale of ``installments`` overdue installments."""
    sc = Scenario(db)
    for c in range(customers):
        sc.customer(f"cli{c}", document=_cpf(c))
        sc.sale(f"V{c}", f"cli{c}")
        for n in range(1, installments + 1):
            sc.installment(f"V{c}", n, AS_OF - (30 + n) * DAY, "150.00")
    return sc


def _cpf(seed: int) -> str:
    base = f"{100000000 + seed * 7919:09d}"[-9:]
    digits = [int(d) for d in base]
    for size in (9, 10):
        total = sum(d * w for d, w in zip(digits, range(size + 1, 1, -1), strict=False))
        check = (total * 10) % 11
        digits.append(0 if check == 10 else check)
    return "".join(map(str, digits))


def enqueue_all(db, actor: Actor, integrator: str = "spc_brasil", debtors: str = "holder"):
    rule = inclusion_rule({"debtors": debtors})
    selection = Preview(db.session_factory, actor, "inclusion", rule, integrator, AS_OF).selection()
    return enqueue_inclusions(db.session_factory, actor, selection, integrator)


def sandbox_records(sandbox, integrator: str) -> list[dict]:
    return httpx.get(f"{sandbox.url}/_sandbox/state").json()[integrator]["records"]


def statuses(db, integrator: str | None = None) -> dict[str, int]:
    counts: dict[str, int] = {}
    with db.session_factory() as s:
        query = select(Negativation.status)
        if integrator:
            query = query.where(Negativation.integrator == integrator)
        for status in s.scalars(query):
            counts[status] = counts.get(status, 0) + 1
    return counts


def write_portfolio_csv(
    path, customers: int, installments: int, *, paid=frozenset(), email: str | None = None
):
    """An ERP export: customer c holds sale V<c> with ``installments`` overdue installments
    (due 31, 32… days before AS_OF); customers in ``paid`` paid their first in full."""
    rows = []
    for c in range(customers):
        for n in range(1, installments + 1):
            due = AS_OF - (30 + n) * DAY
            settled = c in paid and n == 1
            rows.append(
                base_row(
                    venda=f"V{c}",
                    titular_documento=_cpf(c),
                    titular_nome=f"Cliente {c}",
                    parcela=str(n),
                    vencimento=due.strftime("%d/%m/%Y"),
                    valor_principal="150,00",
                    valor_pago="150,00" if settled else "",
                    data_pagamento=(AS_OF - 2 * DAY).strftime("%d/%m/%Y") if settled else "",
                    **({"titular_email": email} if email else {}),
                )
            )
    return write_csv(path, rows)
