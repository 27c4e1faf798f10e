"""Usuários e permissões (permission ``ADMIN_USUARIOS``): list, deactivate, reset the
password, change the role, and per-user exceptions to the role's permissions. An admin
cannot take away their own administration rights (nobody would be left to give them back).
Everything audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db import server
from gestao_negativacao.db.models import RolePermission, User, UserPermission
from gestao_negativacao.domain.passwords import check_strength, hash_password
from gestao_negativacao.domain.permissions import Perm, RoleCode
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.admin.users import UserError, effective_permissions, on_server
from gestao_negativacao.services.errors import server_refusal


def _definer(session: Session, function: str, **arguments: object) -> None:
    """A definer function of the server (users and permissions change only through them);
    its refusal, written for the user, becomes the message."""
    try:
        server.call(session.connection(), function, **arguments)
    except DBAPIError as exc:
        raise UserError(server_refusal(exc)) from None


@dataclass(frozen=True)
class UserRow:
    id: int
    login: str
    name: str
    role: RoleCode
    active: bool
    last_login_at: datetime | None
    permissions: frozenset[Perm]  # effective: the role's, with this user's exceptions
    role_permissions: frozenset[Perm]


def has_users(session_factory: sessionmaker[Session]) -> bool:
    """False on a database nobody has used yet: the first start creates the admin."""
    with session_factory() as session:
        return bool(session.scalar(select(func.count()).select_from(User)))


def role_permissions(session: Session, role: RoleCode) -> frozenset[Perm]:
    codes = session.scalars(
        select(RolePermission.permission_code).where(RolePermission.role_code == role.value)
    )
    return frozenset(Perm(c) for c in codes if c in Perm.__members__)


def bundle_of(session_factory: sessionmaker[Session], role: RoleCode) -> frozenset[Perm]:
    """The permissions a role brings (what a screen ticks when a role is chosen)."""
    with session_factory() as session:
        return role_permissions(session, role)


def list_users(session_factory: sessionmaker[Session], actor: Actor) -> list[UserRow]:
    actor.require(Perm.ADMIN_USUARIOS)
    with session_factory() as session:
        return [_row(session, user) for user in session.scalars(select(User).order_by(User.login))]


def _row(session: Session, user: User) -> UserRow:
    role = RoleCode(user.role_code)
    return UserRow(
        user.id,
        user.login,
        user.name,
        role,
        user.active,
        user.last_login_at,
        effective_permissions(session, user),
        role_permissions(session, role),
    )


def _user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise UserError("Usuário não encontrado.")
    return user


def _guard_self(actor: Actor, user: User, permissions_after: frozenset[Perm], active: bool):
    if actor.user_id == user.id and (Perm.ADMIN_USUARIOS not in permissions_after or not active):
        raise UserError(
            "Você não pode tirar de si mesmo a administração de usuários nem se desativar: "
            "peça a outro administrador."
        )


def update_user(
    session_factory: sessionmaker[Session],
    actor: Actor,
    user_id: int,
    *,
    name: str,
    role: RoleCode,
    active: bool,
    permissions: frozenset[Perm],
) -> UserRow:
    """Save the form: ``permissions`` is the checklist as the admin left it; what differs
    from the role's bundle is stored as this user's exceptions."""
    actor.require(Perm.ADMIN_USUARIOS)
    with session_factory.begin() as session:
        user = _user(session, user_id)
        _guard_self(actor, user, permissions, active)
        bundle = role_permissions(session, role)
        before = {"nome": user.name, "perfil": user.role_code, "ativo": user.active}
        if on_server(session_factory):
            _definer(
                session,
                "gn_update_user",
                p_login=user.login,
                p_name=name.strip(),
                p_role=role.value,
                p_active=active,
                p_granted=sorted(p.value for p in permissions - bundle),
                p_revoked=sorted(p.value for p in bundle - permissions),
            )
            session.expire(user)
        else:
            user.name = name.strip() or user.login
            user.role_code = role.value
            user.active = active
            session.execute(delete(UserPermission).where(UserPermission.user_id == user.id))
            for perm in sorted(bundle ^ permissions):
                session.add(
                    UserPermission(
                        user_id=user.id, permission_code=perm.value, granted=perm in permissions
                    )
                )
        session.flush()
        audit.record(
            session,
            actor,
            "usuario.alterar",
            entity="user",
            entity_key=user.login,
            details={
                "antes": before,
                "perfil": role.value,
                "ativo": active,
                "excecoes": {p.value: p in permissions for p in sorted(bundle ^ permissions)},
            },
        )
        return _row(session, user)


def unlock_login(session_factory: sessionmaker[Session], actor: Actor, login: str) -> bool:
    """Lift the lock ten wrong passwords put on a login (SQLite); True when there was one.
    Audited."""
    actor.require(Perm.ADMIN_USUARIOS)
    from gestao_negativacao.services.admin import login_throttle

    with session_factory.begin() as session:
        lifted = login_throttle.unlock(session, login.strip())
        if lifted:
            audit.record(session, actor, "login.desbloqueio", entity="user", entity_key=login)
    return lifted


def is_login_locked(session_factory: sessionmaker[Session], login: str) -> bool:
    from gestao_negativacao.services.admin import login_throttle

    with session_factory() as session:
        return login_throttle.is_locked(session, login)


def reset_password(
    session_factory: sessionmaker[Session], actor: Actor, user_id: int, password: str
) -> None:
    actor.require(Perm.ADMIN_USUARIOS)
    with session_factory.begin() as session:
        user = _user(session, user_id)
        check_strength(password, user.login)
        if on_server(session_factory):
            token = server.password_token(session.connection(), user.login, password)
            _definer(session, "gn_set_password", p_login=user.login, p_verifier=token,
                     p_must_change=True)  # fmt: skip
        else:
            user.password_hash = hash_password(password)
            user.must_change_password = True
        audit.record(
            session, actor, "usuario.redefinir_senha", entity="user", entity_key=user.login
        )


def set_role_permissions(
    session_factory: sessionmaker[Session],
    actor: Actor,
    role: RoleCode,
    permissions: frozenset[Perm],
) -> None:
    """Change a role's bundle (every user of the role follows, except their exceptions)."""
    actor.require(Perm.ADMIN_USUARIOS)
    if role is RoleCode.ADMIN and Perm.ADMIN_USUARIOS not in permissions:
        raise UserError("O perfil admin sempre administra usuários (senão ninguém o faria).")
    with session_factory.begin() as session:
        before = role_permissions(session, role)
        if on_server(session_factory):
            _definer(session, "gn_set_role_permissions", p_role=role.value,
                     p_perms=sorted(p.value for p in permissions))  # fmt: skip
        else:
            session.execute(delete(RolePermission).where(RolePermission.role_code == role.value))
            for perm in sorted(permissions):
                session.add(RolePermission(role_code=role.value, permission_code=perm.value))
        audit.record(
            session,
            actor,
            "perfil.alterar",
            entity="role",
            entity_key=role.value,
            details={
                "incluidas": sorted(p.value for p in permissions - before),
                "retiradas": sorted(p.value for p in before - permissions),
            },
        )
