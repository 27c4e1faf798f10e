"""Guessing passwords made slow (SQLite, where the application checks them; on a server the
database checks its own logins, and its administrator limits tries there).

Counted per login typed and per workstation: from the 5th failure in a row the next try
must wait, twice as long each time (2 s, 4 s, 8 s … up to 5 minutes); the 10th failure on a
login locks it until an administrator lifts the lock (Usuários e permissões, or
``user unlock``). A success clears the count. The same happens for logins that do not exist,
and they cost the same password check, so that neither the time nor a lock tells who exists.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from gestao_negativacao.db.base import utc_now
from gestao_negativacao.db.models import LoginThrottle
from gestao_negativacao.domain.passwords import hash_password, verify_password

WAIT_FROM = 5
LOCK_AT = 10
MAX_WAIT = timedelta(minutes=5)


class TooManyTries(Exception):
    """The login waits or is locked; the message says which and what to do."""


def _keys(login: str, workstation: str) -> tuple[str, str]:
    return f"login:{login.lower()[:160]}", f"estacao:{workstation[:160]}"


def wait_after(failures: int) -> timedelta:
    if failures < WAIT_FROM:
        return timedelta(0)
    return min(timedelta(seconds=2 ** (failures - WAIT_FROM + 1)), MAX_WAIT)


def check(session: Session, login: str, workstation: str, now: datetime | None = None) -> None:
    """Refuse the try when the login is locked or must still wait."""
    now = now or utc_now()
    rows = session.scalars(
        select(LoginThrottle).where(LoginThrottle.key.in_(_keys(login, workstation)))
    ).all()
    for row in rows:
        if row.locked:
            raise TooManyTries(
                "Usuário bloqueado depois de muitas senhas erradas: peça a um administrador "
                "para desbloquear (Usuários e permissões)."
            )
    for row in rows:
        ready = row.last_failure_at + wait_after(row.failures)
        if now < ready:
            seconds = int((ready - now).total_seconds()) + 1
            raise TooManyTries(
                f"Muitas tentativas erradas: aguarde {seconds} segundos e tente de novo."
            )


def failed(session: Session, login: str, workstation: str, now: datetime | None = None) -> bool:
    """Count a failure; True when it has just locked the login."""
    now = now or utc_now()
    login_key, station_key = _keys(login, workstation)
    locked = False
    for key in (login_key, station_key):
        row = session.get(LoginThrottle, key)
        if row is None:
            row = LoginThrottle(key=key, failures=0, locked=False)
            session.add(row)
        row.failures += 1
        row.last_failure_at = now
        if key == login_key and row.failures >= LOCK_AT and not row.locked:
            row.locked = locked = True
    return locked


def succeeded(session: Session, login: str, workstation: str) -> None:
    session.execute(delete(LoginThrottle).where(LoginThrottle.key.in_(_keys(login, workstation))))


def unlock(session: Session, login: str) -> bool:
    """Lift a login's lock (and its count); True when there was one."""
    key = _keys(login, "")[0]
    return bool(session.execute(delete(LoginThrottle).where(LoginThrottle.key == key)).rowcount)


def is_locked(session: Session, login: str) -> bool:
    row = session.get(LoginThrottle, _keys(login, "")[0])
    return bool(row and row.locked)


@cache
def _decoy_hash() -> str:
    return hash_password("senha que ninguém tem — só para gastar o mesmo tempo")


def spend_a_check(password: str) -> None:
    """The same Argon2 work as a real check, for a login that does not exist."""
    verify_password(_decoy_hash(), password)
