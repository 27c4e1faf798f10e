"""Users, roles and permissions: reference data, creation, login and the acting user."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db import server
from gestao_negativacao.db.base import utc_now
from gestao_negativacao.db.models import Permission, Role, RolePermission, User, UserPermission
from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.domain.passwords import (
    check_strength,
    hash_password,
    needs_rehash,
    verify_password,
)
from gestao_negativacao.domain.permissions import (
    DEFAULT_ROLE_PERMISSIONS,
    PERMISSION_DESCRIPTIONS,
    ROLE_NAMES,
    Perm,
    RoleCode,
)
from gestao_negativacao.services import audit
from gestao_negativacao.services.actor import Actor, workstation_name
from gestao_negativacao.services.admin import login_throttle
from gestao_negativacao.services.errors import server_refusal


class UserError(UserFacingError, ValueError):
    """A user operation cannot be done; the message says why, in Portuguese."""


class LoginFailed(UserFacingError):
    def __init__(self, message: str = "Usuário ou senha inválidos, ou usuário desativado.") -> None:
        super().__init__(message)


class PasswordChangeRequired(LoginFailed):
    """The password was right but an administrator reset it: a new one before entering."""

    def __init__(self, login: str) -> None:
        super().__init__(
            "Sua senha foi redefinida por um administrador: escolha uma senha nova para entrar."
        )
        self.login = login


def on_server(session_factory: sessionmaker[Session]) -> bool:
    """A shared server, where users are the database's own logins (DESIGN §8)."""
    return server.is_server(session_factory.kw["bind"])


@dataclass(frozen=True)
class UserInfo:
    id: int
    login: str
    name: str
    role: RoleCode
    active: bool


def ensure_reference_data(session: Session) -> None:
    """Create the permissions and roles this version knows. A permission new to this
    database is granted to the roles whose default bundle has it; bundles an admin has
    edited are otherwise left alone."""
    known_perms = set(session.scalars(select(Permission.code)))
    new_perms = [p for p in Perm if p.value not in known_perms]
    for perm in new_perms:
        session.add(Permission(code=perm.value, description=PERMISSION_DESCRIPTIONS[perm]))
    known_roles = set(session.scalars(select(Role.code)))
    session.flush()
    for role in RoleCode:
        if role.value not in known_roles:
            session.add(Role(code=role.value, name=ROLE_NAMES[role]))
            session.flush()
            grants = DEFAULT_ROLE_PERMISSIONS[role]
        else:
            grants = [p for p in new_perms if p in DEFAULT_ROLE_PERMISSIONS[role]]
        for perm in grants:
            session.add(RolePermission(role_code=role.value, permission_code=perm.value))
    session.flush()


def effective_permissions(session: Session, user: User) -> frozenset[Perm]:
    role_perms = set(
        session.scalars(
            select(RolePermission.permission_code).where(RolePermission.role_code == user.role_code)
        )
    )
    for code, granted in session.execute(
        select(UserPermission.permission_code, UserPermission.granted).where(
            UserPermission.user_id == user.id
        )
    ):
        if granted:
            role_perms.add(code)
        else:
            role_perms.discard(code)
    return frozenset(Perm(code) for code in role_perms if code in Perm.__members__)


def _actor_for(session: Session, user: User) -> Actor:
    return Actor(
        login=user.login,
        user_id=user.id,
        role=RoleCode(user.role_code),
        permissions=effective_permissions(session, user),
    )


def find_user_id(session_factory: sessionmaker[Session], login: str) -> int | None:
    with session_factory() as session:
        return session.scalar(select(User.id).where(User.login == login.strip()))


def create_user(
    session_factory: sessionmaker[Session],
    actor: Actor,
    login: str,
    password: str,
    role: RoleCode,
    name: str = "",
) -> UserInfo:
    actor.require(Perm.ADMIN_USUARIOS)
    login = login.strip()
    if not login or len(login) > 60 or any(ch.isspace() for ch in login):
        raise UserError("O login deve ter de 1 a 60 caracteres, sem espaços.")
    check_strength(password, login)
    if on_server(session_factory):
        return _create_login(session_factory, actor, login, password, role, name)
    with session_factory.begin() as session:
        if session.scalar(select(User.id).where(User.login == login)) is not None:
            raise UserError(f"Já existe um usuário com o login {login}.")
        user = User(
            login=login,
            name=name.strip() or login,
            password_hash=hash_password(password),
            role_code=role.value,
            active=True,
        )
        session.add(user)
        session.flush()
        audit.record(
            session,
            actor,
            "usuario.criar",
            entity="user",
            entity_key=login,
            details={"role": role.value},
        )
        return UserInfo(user.id, user.login, user.name, role, True)


def _create_login(session_factory, actor, login, password, role, name) -> UserInfo:
    """On a server: a database login role, through the definer function (which checks
    ADMIN_USUARIOS of the session's user: the database, not this program, decides)."""
    if not server.LOGIN_PATTERN.match(login):
        raise UserError(
            "No servidor o login deve ter de 1 a 60 letras sem acento, números, ponto, hífen, "
            "sublinhado ou arroba."
        )
    with session_factory.begin() as session:
        try:
            server.create_login(session.connection(), login, name.strip(), role.value, password,
                                False)  # fmt: skip
        except DBAPIError as exc:
            raise UserError(server_refusal(exc)) from None
        user = session.scalar(select(User).where(User.login == login))
        audit.record(
            session,
            actor,
            "usuario.criar",
            entity="user",
            entity_key=login,
            details={"role": role.value},
        )
        return UserInfo(user.id, user.login, user.name, role, True)


def session_actor(session_factory: sessionmaker[Session]) -> Actor:
    """On a server, the acting user is whoever the database says is connected: the login
    is the database's, so nobody can claim to be someone else."""
    with session_factory.begin() as session:
        conn = session.connection()
        login = server.session_login(conn)
        user = session.scalar(select(User).where(User.login == login))
        if user is None or not user.active:
            raise LoginFailed(
                f"O login {login} do servidor não é um usuário ativo do aplicativo: entre com "
                "um usuário cadastrado (--user) ou peça a um administrador."
            )
        actor = _actor_for(session, user)
        if user.must_change_password:
            # the server accepted the reset password; the application goes no further
            # until it is changed (PostgreSQL cannot expire a password on first use)
            someone = Actor(login=login, permissions=frozenset(), user_id=user.id)
            audit.record(session, someone, "login.troca_exigida", entity="user", entity_key=login)
        else:
            server.call(conn, "gn_logged_in")
            audit.record(session, actor, "login", entity="user", entity_key=user.login)
    if user.must_change_password:
        raise PasswordChangeRequired(login)
    return actor


def authenticate(session_factory: sessionmaker[Session], login: str, password: str) -> Actor:
    """Check the password and return the acting user; every attempt is audited. (On a
    server the database checked it when this user connected: see ``session_actor``.)"""
    if on_server(session_factory):
        return session_actor(session_factory)
    login = login.strip()
    station = workstation_name()
    someone = Actor(login=login[:60] or "?", permissions=frozenset())
    with session_factory() as session:
        try:
            login_throttle.check(session, login, station)
        except login_throttle.TooManyTries as exc:
            audit.record(session, someone, "login.recusado", entity="user", entity_key=login)
            session.commit()
            raise LoginFailed(str(exc)) from None
        user = session.scalar(select(User).where(User.login == login))
        if user is None or not user.password_hash:
            login_throttle.spend_a_check(password)  # no faster answer for an unknown login
            ok = False
        else:
            ok = verify_password(user.password_hash, password) and user.active
        if not ok or user is None:
            audit.record(session, someone, "login.falha", entity="user", entity_key=login)
            if login_throttle.failed(session, login, station):
                audit.record(session, someone, "login.bloqueio", entity="user", entity_key=login)
            session.commit()
            raise LoginFailed()
        login_throttle.succeeded(session, login, station)
        if user.must_change_password:
            audit.record(session, someone, "login.troca_exigida", entity="user", entity_key=login)
            session.commit()
            raise PasswordChangeRequired(login)
        if needs_rehash(user.password_hash):
            user.password_hash = hash_password(password)
        user.last_login_at = utc_now()
        actor = _actor_for(session, user)
        audit.record(session, actor, "login", entity="user", entity_key=user.login)
        session.commit()
        return actor


def change_own_password(
    session_factory: sessionmaker[Session], login: str, current: str, new: str
) -> Actor:
    """The user changes their own password (after an administrator's reset, or at will),
    proving the current one; returns the acting user, logged in. On a server the session
    already proved it (the database checked it at connection): the database's own password
    changes through the definer function, which lets anyone change only their own; the
    caller then reconnects with the new one (``Database`` keeps the old in its address)."""
    if new == current:
        raise UserError("A senha nova deve ser diferente da atual.")
    check_strength(new, login)
    if on_server(session_factory):
        with session_factory.begin() as session:
            conn = session.connection()
            login = server.session_login(conn)
            user = session.scalar(select(User).where(User.login == login))
            if user is None or not user.active:  # pragma: no cover - the login refused it
                raise LoginFailed()
            token = server.password_token(conn, login, new)
            server.call(
                conn, "gn_set_password", p_login=login, p_verifier=token, p_must_change=False
            )
            actor = _actor_for(session, user)
            audit.record(session, actor, "senha.trocar", entity="user", entity_key=login)
        return actor
    try:
        authenticate(session_factory, login, current)
    except PasswordChangeRequired:
        pass  # the right password: the change is what it asks for
    with session_factory.begin() as session:
        user = session.scalar(select(User).where(User.login == login.strip()))
        if user is None:  # pragma: no cover - authenticate refused it already
            raise LoginFailed()
        user.password_hash = hash_password(new)
        user.must_change_password = False
        user.last_login_at = utc_now()
        actor = _actor_for(session, user)
        audit.record(session, actor, "senha.trocar", entity="user", entity_key=user.login)
    return actor


def actor_of(session_factory: sessionmaker[Session], user_id: int) -> Actor:
    """The user a schedule runs as, with the permissions they have now (no password: the
    schedule was set up by someone allowed to, and the user must still be active)."""
    with session_factory() as session:
        user = session.get(User, user_id)
        if user is None or not user.active:
            raise UserError("O usuário do agendamento não existe mais ou está desativado.")
        return _actor_for(session, user)
