"""The acting user passed to every service call, and the permission check."""

from __future__ import annotations

import getpass
import socket
from dataclasses import dataclass, field

from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.domain.permissions import Perm, RoleCode


class PermissionDenied(UserFacingError):
    """The acting user lacks a permission; the message names it."""

    def __init__(self, login: str, permission: Perm) -> None:
        self.permission = permission
        super().__init__(
            f"O usuário {login} não tem a permissão {permission.value} necessária para esta ação."
        )


def workstation_name() -> str:
    try:
        return socket.gethostname()[:100]
    except OSError:  # pragma: no cover
        return ""


@dataclass(frozen=True)
class Actor:
    """Who is acting. ``user_id`` is None for the local system operator (the command line
    run by the machine's own account with direct access to the database)."""

    login: str
    permissions: frozenset[Perm]
    user_id: int | None = None
    role: RoleCode | None = None
    workstation: str = field(default_factory=workstation_name)

    @property
    def is_system(self) -> bool:
        """The local system operator (no application user behind it)."""
        return self.user_id is None

    def has(self, permission: Perm) -> bool:
        return permission in self.permissions

    def require(self, permission: Perm) -> None:
        if permission not in self.permissions:
            raise PermissionDenied(self.login, permission)

    @classmethod
    def system(cls) -> Actor:
        """The command line without ``--user``: whoever can open the database already has
        every right over it, so it acts with all permissions and is audited by OS login."""
        try:
            os_login = getpass.getuser()
        except (OSError, KeyError):  # pragma: no cover
            os_login = "desconhecido"
        return cls(login=f"sistema:{os_login}"[:60], permissions=frozenset(Perm))
