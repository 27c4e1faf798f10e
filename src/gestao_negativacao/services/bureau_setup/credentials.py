"""Operators' secrets (password, client secret, token) live only in this workstation's OS
keyring (DESIGN §7), under the service ``gestao-negativacao`` and a key made of the
database's installation id, the operator, and the environment and host the secret may be
sent to. So a secret set for operator 1 of one database is never used for operator 1 of
another, and an integration whose address was changed (on screen or with a SQL client)
finds no secret for the new address: it must be typed again before anything goes there.
The database holds only the fact that one was set somewhere."""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass
from urllib.parse import urlsplit

import keyring
from keyring.errors import KeyringError, PasswordDeleteError
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from gestao_negativacao.db.models import Installation, Operator
from gestao_negativacao.domain.errors import UserFacingError

SERVICE = "gestao-negativacao"


class CredentialStoreUnavailable(UserFacingError):
    def __init__(self) -> None:
        super().__init__(
            "Este computador não tem um cofre de senhas disponível (Gerenciador de "
            "Credenciais do Windows ou Secret Service). As senhas dos operadores não podem "
            "ser guardadas aqui."
        )


class MissingSecret(UserFacingError):
    """This workstation has no secret for an operator at that address: a condition, not a
    crash."""

    def __init__(self, operator_code: str, operator_id: int, note: str | None = None) -> None:
        self.operator_code = operator_code
        self.operator_id = operator_id
        why = f" ({note})" if note else ""
        super().__init__(
            f"Esta estação não tem a senha do operador {operator_code} para o endereço da "
            f"integração{why}. Um usuário autorizado deve informá-la em Operadores (cada "
            "estação guarda a sua, presa ao endereço para onde ela pode ir)."
        )


def host_of(url: str) -> str:
    """The host a secret may be sent to (case-insensitive, without port or path)."""
    return (urlsplit(url.strip()).hostname or "").lower()


@dataclass(frozen=True)
class Place:
    """Where one secret may go: this database, an operator, an environment, a host."""

    installation: str
    operator_id: int
    environment: str
    host: str

    def key(self, kind: str = "secret") -> str:
        base = f"{self.installation}/operador-{self.operator_id}/{self.environment}/{self.host}"
        return base if kind == "secret" else f"{base}/{kind}"


# The Windows Credential Manager keeps at most 2,560 bytes a secret (1,280 UTF-16 units);
# keyring's Windows backend then fails with error 1783, "The stub received bad data". A
# Crédito na Medida token can be longer: it is kept in parts of at most this many
# characters, the first one saying how many parts follow.
PART_CHARS = 1_000
_PARTS_MARK = "\x00partes:"


def _raw_get(key: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, key)
    except KeyringError:
        return None


def _get(key: str) -> str | None:
    value = _raw_get(key)
    if value is None or not value.startswith(_PARTS_MARK):
        return value
    count = int(value.removeprefix(_PARTS_MARK))
    parts = [_raw_get(f"{key}#{n}") for n in range(1, count + 1)]
    if any(p is None for p in parts):
        return None  # a part went missing: as if never stored (asked for again)
    return "".join(parts)  # type: ignore[arg-type]


def _raw_set(key: str, value: str) -> None:
    try:
        keyring.set_password(SERVICE, key, value)
    except (KeyringError, OSError):  # OSError: Windows' error 1783 comes as one
        raise CredentialStoreUnavailable() from None


def _set(key: str, value: str) -> None:
    _delete_parts(key)
    if len(value) <= PART_CHARS and not value.startswith(_PARTS_MARK):
        _raw_set(key, value)
        return
    parts = [value[i : i + PART_CHARS] for i in range(0, len(value), PART_CHARS)]
    for n, part in enumerate(parts, start=1):
        _raw_set(f"{key}#{n}", part)
    _raw_set(key, f"{_PARTS_MARK}{len(parts)}")  # last: a reader never sees half of it


def _delete_parts(key: str) -> None:
    value = _raw_get(key)
    if value is not None and value.startswith(_PARTS_MARK):
        for n in range(1, int(value.removeprefix(_PARTS_MARK)) + 1):
            _raw_delete(f"{key}#{n}")


def _raw_delete(key: str) -> None:
    try:
        keyring.delete_password(SERVICE, key)
    except PasswordDeleteError:
        pass  # nothing to delete
    except KeyringError:
        raise CredentialStoreUnavailable() from None


def _delete(key: str) -> None:
    _delete_parts(key)
    _raw_delete(key)


def get(place: Place, kind: str = "secret") -> str | None:
    return _get(place.key(kind))


def put(place: Place, value: str, kind: str = "secret") -> None:
    _set(place.key(kind), value)


def forget(place: Place, kind: str = "secret") -> None:
    _delete(place.key(kind))


def has(place: Place) -> bool:
    return get(place) is not None


_INSTALLATIONS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def installation(session_factory: sessionmaker[Session]) -> str:
    """The database's installation id (read once per opened database)."""
    found = _INSTALLATIONS.get(session_factory)
    if found is None:
        with session_factory() as session:
            found = session.scalar(select(Installation.id))
        if not found:  # every database has one since migration 0011
            raise RuntimeError("banco sem identificação da instalação")
        _INSTALLATIONS[session_factory] = found
    return found


def move_legacy_keys(session_factory: sessionmaker[Session]) -> int:
    """Keys of earlier versions named only the operator: move each to the new keys of the
    places recorded when the database was upgraded (never the addresses integrations have
    now, which anyone with the right to change them could have pointed elsewhere). Runs at
    each start; a workstation moves its keys once. Returns how many were moved."""
    moved = 0
    with session_factory() as session:
        rows = session.execute(
            select(Operator.id, Operator.legacy_secret_hosts).where(
                Operator.legacy_secret_hosts.is_not(None)
            )
        ).all()
    if not rows:
        return 0
    here = installation(session_factory)
    for operator_id, recorded in rows:
        try:
            places = [tuple(p) for p in json.loads(recorded or "[]")]
        except ValueError:
            continue
        for kind, old_key in (
            ("secret", f"operador-{operator_id}"),
            ("token", f"operador-{operator_id}-token"),
            ("consulta", f"operador-{operator_id}-consulta"),
        ):
            value = _get(old_key)
            if value is None:
                continue
            for environment, host in places:
                place = Place(here, operator_id, environment, host)
                if get(place, kind) is None:
                    put(place, value, kind)
            _delete(old_key)
            moved += 1
    return moved


def store_reachable() -> bool:
    """Whether this account's secret store answers at all (a scheduled task registered
    without the account's password runs without it)."""
    try:
        keyring.get_password(SERVICE, "verificacao")
    except Exception:  # noqa: BLE001 - every backend fails its own way; unreachable is the fact
        return False
    return True


def get_named(name: str) -> str | None:
    """A secret that is not an operator's (the SMTP password, an ERP database's)."""
    return _get(name)


def set_named(name: str, value: str) -> None:
    _set(name, value)
