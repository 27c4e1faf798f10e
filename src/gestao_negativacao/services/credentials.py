"""Operators' secrets (password, client secret, token) live only in this workstation's OS
keyring (DESIGN §7), under the service ``gestao-negativacao`` and a key derived from the
operator's id. The database holds only the fact that one was set somewhere."""

from __future__ import annotations

import keyring
from keyring.errors import KeyringError, PasswordDeleteError

SERVICE = "gestao-negativacao"


class CredentialStoreUnavailable(Exception):
    def __init__(self) -> None:
        super().__init__(
            "Este computador não tem um cofre de senhas disponível (Gerenciador de "
            "Credenciais do Windows ou Secret Service). As senhas dos operadores não podem "
            "ser guardadas aqui."
        )


class MissingSecret(Exception):
    """This workstation has no secret for an operator: a condition, not a crash."""

    def __init__(self, operator_code: str, operator_id: int) -> None:
        self.operator_code = operator_code
        self.operator_id = operator_id
        super().__init__(
            f"Esta estação não tem a senha do operador {operator_code}. Um usuário autorizado "
            "deve informá-la em Operadores (cada estação guarda a sua)."
        )


def operator_key(operator_id: int, kind: str = "secret") -> str:
    return f"operador-{operator_id}" if kind == "secret" else f"operador-{operator_id}-{kind}"


def get_secret(operator_id: int, kind: str = "secret") -> str | None:
    try:
        return keyring.get_password(SERVICE, operator_key(operator_id, kind))
    except KeyringError:
        return None


def set_secret(operator_id: int, value: str, kind: str = "secret") -> None:
    try:
        keyring.set_password(SERVICE, operator_key(operator_id, kind), value)
    except KeyringError:
        raise CredentialStoreUnavailable() from None


def delete_secret(operator_id: int, kind: str = "secret") -> None:
    try:
        keyring.delete_password(SERVICE, operator_key(operator_id, kind))
    except PasswordDeleteError:
        pass  # nothing to delete
    except KeyringError:
        raise CredentialStoreUnavailable() from None


def has_secret(operator_id: int) -> bool:
    return get_secret(operator_id) is not None


def get_named(name: str) -> str | None:
    """A secret that is not an operator's (the shared database's password)."""
    try:
        return keyring.get_password(SERVICE, name)
    except KeyringError:
        return None


def set_named(name: str, value: str) -> None:
    try:
        keyring.set_password(SERVICE, name, value)
    except KeyringError:
        raise CredentialStoreUnavailable() from None
