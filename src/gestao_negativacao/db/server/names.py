"""Names of the server's roles for one database. Roles live in the whole server (cluster),
not in a database, so each database's are prefixed with its own name: two companies'
databases on one server never share a permission."""

from __future__ import annotations

import hashlib
import re

from gestao_negativacao.domain.permissions import Perm

MAX_PREFIX = 24
# what a login may be on a server: it is also the database login role's name
LOGIN_PATTERN = re.compile(r"^[A-Za-z0-9_.@-]{1,60}$")


class Names:
    def __init__(self, database: str) -> None:
        clean = re.sub(r"[^a-z0-9_]", "_", database.lower())
        if clean != database.lower() or len(clean) > MAX_PREFIX:
            digest = hashlib.sha1(database.encode("utf-8")).hexdigest()[:6]
            clean = f"{clean[: MAX_PREFIX - 7]}_{digest}"
        self.database = database
        self.prefix = clean

    @property
    def owner(self) -> str:
        """Owns the schema (NOLOGIN); only ``db init`` / ``db upgrade`` act as it."""
        return f"{self.prefix}_owner"

    @property
    def base(self) -> str:
        """Every application user: read, append to the audit log, call the functions."""
        return f"{self.prefix}_usuario"

    def permission(self, perm: Perm | str) -> str:
        return f"{self.prefix}_{str(perm).lower()}"

    def user_role(self, login: str) -> str:
        """MariaDB: a user can have one active role, so each user gets one that holds the
        permission roles (PostgreSQL grants them to the login itself)."""
        return f"{self.prefix}_u_{login}"

    def all_permission_roles(self) -> list[str]:
        return [self.permission(p) for p in Perm]
