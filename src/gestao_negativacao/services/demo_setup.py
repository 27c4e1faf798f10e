"""The ``demo`` command's work: the admin user and the synthetic portfolio."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.models import User
from gestao_negativacao.domain.permissions import RoleCode
from gestao_negativacao.services import users
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.demo import demo_table
from gestao_negativacao.services.importing import ImportReport, import_table

ADMIN_LOGIN = "admin"


def ensure_admin(
    session_factory: sessionmaker[Session], actor: Actor, password: Callable[[], str]
) -> bool:
    """Create ``admin`` unless it exists; the password is asked only when needed."""
    with session_factory() as session:
        if session.scalar(select(User.id).where(User.login == ADMIN_LOGIN)) is not None:
            return False
    users.create_user(
        session_factory, actor, ADMIN_LOGIN, password(), RoleCode.ADMIN, "Administrador"
    )
    return True


def load_portfolio(
    session_factory: sessionmaker[Session],
    actor: Actor,
    installments: int,
    seed: int,
    as_of: date | None,
) -> ImportReport:
    table = demo_table(installments, seed, as_of)
    return import_table(session_factory, actor, table, f"demo-{installments}-{seed}", as_of=as_of)
