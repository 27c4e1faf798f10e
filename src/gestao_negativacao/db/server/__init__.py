"""A shared server as the security boundary (DESIGN §8): roles, grants, definer functions
and audit triggers for PostgreSQL and MariaDB, set up by ``db init`` / ``db upgrade`` and
called by the application for its users. SQLite (one workstation, the OS account's file)
has none of this."""

from __future__ import annotations

from sqlalchemy import Connection, Engine, text

from gestao_negativacao.db.server import mariadb, postgresql
from gestao_negativacao.db.server.names import LOGIN_PATTERN as LOGIN_PATTERN
from gestao_negativacao.db.server.names import Names


def is_server(engine_or_conn: Engine | Connection) -> bool:
    return engine_or_conn.dialect.name in ("postgresql", "mysql", "mariadb")


def _family(conn: Connection) -> str:
    return "postgresql" if conn.dialect.name == "postgresql" else "mariadb"


def database_of(conn: Connection) -> str:
    if _family(conn) == "postgresql":
        return conn.execute(text("SELECT current_database()")).scalar_one()
    return conn.execute(text("SELECT DATABASE()")).scalar_one()


def names_of(conn: Connection) -> Names:
    return Names(database_of(conn))


def provision(conn: Connection) -> None:
    """Roles, grants, functions and triggers for the schema as it is now (idempotent)."""
    names = names_of(conn)
    if _family(conn) == "postgresql":
        postgresql.provision(conn, names)
    else:
        mariadb.provision(conn, names, database_of(conn))


def password_token(conn: Connection, login: str, password: str) -> str:
    """What travels to the server instead of the password: PostgreSQL's SCRAM verifier made
    by libpq on this side, MariaDB's native hash. The plain password never reaches a query
    text or a server log."""
    if _family(conn) == "postgresql":
        pgconn = conn.connection.dbapi_connection.pgconn
        verifier = pgconn.encrypt_password(
            password.encode("utf-8"), login.encode("utf-8"), b"scram-sha-256"
        )
        return verifier.decode("ascii")
    return mariadb.native_hash(password)


def create_login(
    conn: Connection, login: str, name: str, role: str, password: str, must_change: bool
) -> None:
    """A new application user, through the definer function (which checks the caller)."""
    token = password_token(conn, login, password)
    if _family(conn) == "postgresql":
        postgresql.create_login(conn, login, name, role, token, must_change)
    else:
        mariadb.create_login(conn, login, name, role, token, must_change)


def create_first_admin(conn: Connection, login: str, name: str, password: str) -> None:
    """``db init``'s admin, created by the server's administrator (a superuser on
    PostgreSQL, which the function's check admits; MariaDB's procedure admits only members
    of the database's admin role, so there the same steps run with the root's rights)."""
    token = password_token(conn, login, password)
    if _family(conn) == "postgresql":
        postgresql.create_login(conn, login, name, "admin", token, False)
    else:
        mariadb.create_first_admin(conn, names_of(conn), database_of(conn), login, name, token)


def call(conn: Connection, function: str, **arguments: object) -> None:
    """One of the definer functions (same name and arguments on both servers); lists go as
    arrays to PostgreSQL and comma-separated to MariaDB."""
    values = {
        k: (",".join(v) if isinstance(v, list | tuple) and _family(conn) != "postgresql" else v)
        for k, v in arguments.items()
    }
    placeholders = ", ".join(f":{k}" for k in values)
    verb = "SELECT" if _family(conn) == "postgresql" else "CALL"
    conn.execute(text(f"{verb} {function}({placeholders})"), values)


def session_login(conn: Connection) -> str:
    """The database's own idea of who is connected."""
    if _family(conn) == "postgresql":
        return conn.execute(text("SELECT session_user")).scalar_one()
    return conn.execute(text("SELECT SUBSTRING_INDEX(USER(), '@', 1)")).scalar_one()


def activate_role(dbapi_connection, names: Names, login: str) -> None:
    """MariaDB: the user's own role, active for this session (and made its default, which
    only the user may do, so that a SQL client gets it too)."""
    cursor = dbapi_connection.cursor()
    try:
        role = mariadb.q(names.user_role(login))
        cursor.execute(f"SET ROLE {role}")
        cursor.execute(f"SET DEFAULT ROLE {role}")
    finally:
        cursor.close()


def drop_roles(conn: Connection, database: str) -> None:
    names = Names(database)
    if _family(conn) == "postgresql":
        postgresql.drop_roles(conn, names)
    else:
        mariadb.drop_roles(conn, names)
