"""A database on a shared server with its logins (admin, maria the clerk, joao the
supervisor), as the server-security tests and the LGPD tests use it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import create_engine, text

from gestao_negativacao.db.engine import normalise_url
from gestao_negativacao.db.server import Names
from gestao_negativacao.services.database import Database, open_database

PASSWORD = "Senha-de-teste-2026"


@dataclass
class Secured:
    kind: str
    owner_url: str  # the server administrator's
    address: str  # the server and database, with no login (what a workstation keeps)
    admin_db: Database

    def login(self, login: str, password: str = PASSWORD) -> Database:
        return open_database(self.address, login=login, password=password)

    def plain(self, login: str):
        """A bare SQL client logged in as ``login``, every role it holds switched on."""
        url = normalise_url(self.address).set(username=login, password=PASSWORD)
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        conn = engine.connect()
        if self.kind == "mariadb":
            role = Names(url.database).user_role(login)
            conn.execute(text(f"SET ROLE `{role}`"))
        return engine, conn
