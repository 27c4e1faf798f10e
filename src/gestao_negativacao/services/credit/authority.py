"""Alçada: the largest request each user may approve. No row: approves nothing (fails
closed); a row with no amount: explicitly without limit. Changes audited."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.models import (
    ApprovalLimit,
    User,
)
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.credit.common import CreditError

NO_AUTHORITY = (
    "Você não tem alçada de crédito definida: peça a um administrador (Usuários e "
    "permissões → Alçada de crédito)."
)


@dataclass(frozen=True)
class Authority:
    """A user's alçada: none set (approves nothing), a maximum, or explicitly unlimited."""

    is_set: bool
    max_amount: Decimal | None = None  # None with is_set: sem limite

    def allows(self, amount: Decimal) -> bool:
        return self.is_set and (self.max_amount is None or amount <= self.max_amount)


def _authority(session: Session, actor: Actor) -> Authority:
    """What this user may approve. Fails closed: no alçada set, no approval — admins too
    (an admin gives themself an alçada, and that is audited like anyone's)."""
    if actor.user_id is None:
        return Authority(False)
    row = session.get(ApprovalLimit, actor.user_id)
    return Authority(False) if row is None else Authority(True, row.max_amount)


def set_authority(
    session_factory: sessionmaker[Session],
    actor: Actor,
    login: str,
    max_amount: Decimal | None,
    *,
    unlimited: bool = False,
) -> None:
    """An admin sets a user's alçada: a maximum, ``unlimited``, or neither (none: the user
    approves nothing)."""
    actor.require(Perm.ADMIN_USUARIOS)
    if max_amount is not None and max_amount <= 0:
        raise CreditError("A alçada deve ser um valor positivo (ou marque “sem limite”).")
    with session_factory.begin() as session:
        user_id = session.scalar(select(User.id).where(User.login == login))
        if user_id is None:
            raise CreditError(f"Usuário {login} não encontrado.")
        row = session.get(ApprovalLimit, user_id)
        if max_amount is None and not unlimited:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(
                ApprovalLimit(user_id=user_id, max_amount=None if unlimited else max_amount)
            )
        else:
            row.max_amount = None if unlimited else max_amount
        audit.record(
            session,
            actor,
            "credito.alcada",
            entity="user",
            entity_key=login,
            details={
                "ate": "sem limite"
                if unlimited
                else (str(max_amount) if max_amount is not None else "sem alçada")
            },
        )


def authority_of(session_factory: sessionmaker[Session], login: str) -> Authority:
    """A user's alçada as set by an admin."""
    with session_factory() as session:
        row = session.execute(
            select(ApprovalLimit.max_amount)
            .join(User, User.id == ApprovalLimit.user_id)
            .where(User.login == login)
        ).first()
        return Authority(False) if row is None else Authority(True, row[0])
