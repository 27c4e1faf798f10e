"""Password hashing with Argon2id (memory-hard, the OWASP recommendation)."""

from __future__ import annotations

from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from gestao_negativacao.domain.errors import UserFacingError

_hasher = PasswordHasher()  # argon2-cffi's defaults: Argon2id, 64 MiB, 3 passes

MIN_PASSWORD_LENGTH = 10


class WeakPassword(UserFacingError, ValueError):
    pass


@cache
def _common_passwords() -> frozenset[str]:
    """The 30,000 most common passwords of public leaks, as zxcvbn ships them (a
    maintained list; read once, when a password is first checked)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def check_strength(password: str, login: str = "") -> None:
    """At least 10 characters, not among the most common passwords, not the login."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(f"A senha precisa ter pelo menos {MIN_PASSWORD_LENGTH} caracteres.")
    lowered = password.lower()
    if lowered in _common_passwords() or lowered.strip("0123456789!@#.-_ ") in _common_passwords():
        raise WeakPassword(
            "Esta senha está entre as mais usadas (e as primeiras que um atacante tenta): "
            "escolha outra, por exemplo uma frase curta."
        )
    # a login of 4 or more letters inside the password, or the password the login itself
    login = login.lower().strip()
    if login and (
        login == lowered.strip("0123456789!@#.-_ ") or (len(login) >= 4 and login in lowered)
    ):
        raise WeakPassword("A senha não pode conter o login.")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
