import json

import pytest
from sqlalchemy import select

from gestao_negativacao.db.models import AuditEntry, RolePermission, User, UserPermission
from gestao_negativacao.domain.passwords import WeakPassword
from gestao_negativacao.domain.permissions import DEFAULT_ROLE_PERMISSIONS, Perm, RoleCode
from gestao_negativacao.services.actor import Actor, PermissionDenied
from gestao_negativacao.services.admin import users


def test_roles_bundle_the_named_permissions(sqlite_db):
    with sqlite_db.session_factory() as s:
        for role, perms in DEFAULT_ROLE_PERMISSIONS.items():
            stored = set(
                s.scalars(
                    select(RolePermission.permission_code).where(
                        RolePermission.role_code == role.value
                    )
                )
            )
            assert stored == {p.value for p in perms}
    assert Perm.CREDITO_ANALISE not in DEFAULT_ROLE_PERMISSIONS[RoleCode.CLERK]
    assert Perm.ADMIN_USUARIOS in DEFAULT_ROLE_PERMISSIONS[RoleCode.ADMIN]


def test_reference_data_is_idempotent(sqlite_db):
    with sqlite_db.session_factory.begin() as s:
        users.ensure_reference_data(s)
        users.ensure_reference_data(s)
    with sqlite_db.session_factory() as s:
        assert len(s.scalars(select(RolePermission)).all()) == sum(
            len(p) for p in DEFAULT_ROLE_PERMISSIONS.values()
        )


def test_create_and_login(sqlite_db, system):
    users.create_user(sqlite_db.session_factory, system, "ana", "senha-forte-1", RoleCode.CLERK)
    with sqlite_db.session_factory() as s:
        stored = s.scalar(select(User).where(User.login == "ana"))
    assert stored.password_hash.startswith("$argon2id$")
    assert "senha-forte-1" not in stored.password_hash
    actor = users.authenticate(sqlite_db.session_factory, "ana", "senha-forte-1")
    assert actor.user_id == stored.id
    assert actor.has(Perm.NEG_INCLUIR) and not actor.has(Perm.ADMIN_USUARIOS)
    with pytest.raises(users.LoginFailed):
        users.authenticate(sqlite_db.session_factory, "ana", "errada")
    with pytest.raises(users.LoginFailed):
        users.authenticate(sqlite_db.session_factory, "ninguem", "senha-forte-1")


def test_per_user_grants_and_revocations(sqlite_db, system):
    info = users.create_user(
        sqlite_db.session_factory, system, "bia", "senha-forte-1", RoleCode.CLERK
    )
    with sqlite_db.session_factory.begin() as s:
        s.add(UserPermission(user_id=info.id, permission_code="CREDITO_ANALISE", granted=True))
        s.add(UserPermission(user_id=info.id, permission_code="NEG_LIBERAR", granted=False))
    actor = users.authenticate(sqlite_db.session_factory, "bia", "senha-forte-1")
    assert actor.has(Perm.CREDITO_ANALISE)
    assert not actor.has(Perm.NEG_LIBERAR)


def test_inactive_user_cannot_log_in(sqlite_db, system):
    users.create_user(sqlite_db.session_factory, system, "caio", "senha-forte-1", RoleCode.CLERK)
    with sqlite_db.session_factory.begin() as s:
        s.scalar(select(User).where(User.login == "caio")).active = False
    with pytest.raises(users.LoginFailed):
        users.authenticate(sqlite_db.session_factory, "caio", "senha-forte-1")


def test_refusals_name_the_missing_permission(sqlite_db, system):
    users.create_user(sqlite_db.session_factory, system, "ana", "senha-forte-1", RoleCode.CLERK)
    clerk = users.authenticate(sqlite_db.session_factory, "ana", "senha-forte-1")
    with pytest.raises(PermissionDenied) as info:
        users.create_user(sqlite_db.session_factory, clerk, "eva", "senha-forte-1", RoleCode.ADMIN)
    assert info.value.permission is Perm.ADMIN_USUARIOS
    assert "ADMIN_USUARIOS" in str(info.value) and "ana" in str(info.value)


def test_bad_input_is_refused(sqlite_db, system):
    with pytest.raises(WeakPassword):
        users.create_user(sqlite_db.session_factory, system, "ana", "curta", RoleCode.CLERK)
    with pytest.raises(users.UserError, match="espaços"):
        users.create_user(sqlite_db.session_factory, system, "a b", "senha-forte-1", RoleCode.CLERK)
    users.create_user(sqlite_db.session_factory, system, "ana", "senha-forte-1", RoleCode.CLERK)
    with pytest.raises(users.UserError, match="Já existe"):
        users.create_user(sqlite_db.session_factory, system, "ana", "senha-forte-2", RoleCode.CLERK)


def test_user_actions_and_logins_are_audited_without_the_password(sqlite_db):
    admin = Actor(login="root-test", permissions=frozenset(Perm))
    users.create_user(sqlite_db.session_factory, admin, "ana", "senha-forte-1", RoleCode.CLERK)
    users.authenticate(sqlite_db.session_factory, "ana", "senha-forte-1")
    with pytest.raises(users.LoginFailed):
        users.authenticate(sqlite_db.session_factory, "ana", "senha-errada")
    with sqlite_db.session_factory() as s:
        entries = s.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.action, e.login) for e in entries] == [
        ("usuario.criar", "root-test"),
        ("login", "ana"),
        ("login.falha", "ana"),
    ]
    assert json.loads(entries[0].details) == {"role": "clerk"}
    assert all("senha" not in e.details for e in entries)
    assert all(e.workstation for e in entries)


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("12345678", "pelo menos 10"),
        ("1234567890", "mais usadas"),
        ("password123", "mais usadas"),
        ("Qwertyuiop", "mais usadas"),
        ("minha-mariana-1", "login"),
    ],
)
def test_the_password_policy(sqlite_db, system, password, why):
    """Issue 18: `12345678` was accepted. At least 10 characters, none of the most common
    passwords (zxcvbn's list), not the login."""
    with pytest.raises(WeakPassword, match=why):
        users.create_user(sqlite_db.session_factory, system, "mariana", password, RoleCode.CLERK)
    users.create_user(
        sqlite_db.session_factory, system, "mariana", "Cobrança-em-dia-7", RoleCode.CLERK
    )


def test_wrong_passwords_slow_down_then_lock_until_an_admin_lifts_it(sqlite_db, system):
    """Issue 18: 30 wrong passwords in 7 s, then the right one worked; an unknown login
    answered in 8 ms where a known one took 399 ms."""
    from datetime import timedelta

    from sqlalchemy import update

    from gestao_negativacao.db.models import AuditEntry, LoginThrottle
    from gestao_negativacao.services.admin import login_throttle, user_changes

    users.create_user(
        sqlite_db.session_factory, system, "ana", "Cobranca-forte-2026", RoleCode.CLERK
    )

    def attempt(password: str) -> str:
        try:
            users.authenticate(sqlite_db.session_factory, "ana", password)
            return "ok"
        except users.LoginFailed as exc:
            return str(exc)

    def time_passes() -> None:  # as if the wait had gone by
        from gestao_negativacao.db.base import utc_now

        with sqlite_db.session_factory.begin() as s:
            s.execute(update(LoginThrottle).values(last_failure_at=utc_now() - timedelta(hours=1)))

    for _ in range(login_throttle.WAIT_FROM - 1):
        assert attempt("errada-123") == "Usuário ou senha inválidos, ou usuário desativado."
    assert attempt("errada-123").startswith("Usuário ou senha inválidos")  # the 5th
    assert "aguarde" in attempt("Cobranca-forte-2026")  # even the right one waits
    for _ in range(login_throttle.LOCK_AT - login_throttle.WAIT_FROM):
        time_passes()
        attempt("errada-123")
    time_passes()
    assert "bloqueado" in attempt("Cobranca-forte-2026")
    with sqlite_db.session_factory() as s:
        actions = [a for a in s.scalars(select(AuditEntry.action)) if a.startswith("login")]
    assert "login.bloqueio" in actions and "login.recusado" in actions
    admin = Actor(login="root-test", permissions=frozenset(Perm))
    assert user_changes.is_login_locked(sqlite_db.session_factory, "ana")
    assert user_changes.unlock_login(sqlite_db.session_factory, admin, "ana")
    assert attempt("Cobranca-forte-2026") == "ok"
    # an unknown login costs the same Argon2 check as a known one (no 8 ms answer)
    from argon2 import PasswordHasher

    checks = []
    original = PasswordHasher.verify

    def counting(self, hash_, password):
        checks.append(hash_[:10])
        return original(self, hash_, password)

    PasswordHasher.verify = counting
    try:
        for login in ("ninguem", "ana"):
            with pytest.raises(users.LoginFailed):
                users.authenticate(sqlite_db.session_factory, login, "errada-123")
    finally:
        PasswordHasher.verify = original
    assert len(checks) == 2 and all(c.startswith("$argon2id") for c in checks)
