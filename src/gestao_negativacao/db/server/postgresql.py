"""PostgreSQL: the roles, grants, definer functions and triggers that make the database the
security boundary (DESIGN §8). Run by ``db init`` / ``db upgrade`` with the owner's rights;
every statement is idempotent, so an upgrade simply runs them again.

- ``<db>_owner`` (NOLOGIN, CREATEROLE) owns the schema and the functions;
- ``<db>_usuario`` is every application user: CONNECT, read, append to the audit log,
  execute the functions;
- ``<db>_<permission>`` holds exactly the writes of that permission (``privileges``);
- each application user is a LOGIN role (its password a SCRAM verifier made by the client,
  so the plain password never reaches a server log) that is a member of ``<db>_usuario`` and
  of the permission roles of its profile and exceptions — memberships changed only by the
  functions below, which require ``ADMIN_USUARIOS`` of the session's user;
- the audit log's rows carry the session's user, whatever the client sends; triggers write
  every change to users, permissions, operators, integrations, parameters, schedules, import
  sources and rules to it; nobody can change or delete it.
"""

from __future__ import annotations

from sqlalchemy import Connection, Table, text

from gestao_negativacao.db.base import Base
from gestao_negativacao.db.server import privileges as P
from gestao_negativacao.db.server.names import Names
from gestao_negativacao.domain.permissions import Perm


def q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _role_exists(conn: Connection, name: str) -> bool:
    return bool(
        conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
    )


def ensure_roles(conn: Connection, names: Names) -> None:
    if not _role_exists(conn, names.owner):
        conn.execute(text(f"CREATE ROLE {q(names.owner)} NOLOGIN CREATEROLE"))
    for role in (names.base, *names.all_permission_roles()):
        if not _role_exists(conn, role):
            conn.execute(text(f"CREATE ROLE {q(role)} NOLOGIN"))
        # the owner grants and revokes them (inside the definer functions)
        conn.execute(text(f"GRANT {q(role)} TO {q(names.owner)} WITH ADMIN OPTION"))


def hand_over(conn: Connection, names: Names) -> None:
    """The database and everything in it belong to the owner role, not to a person."""
    db = conn.execute(text("SELECT current_database()")).scalar_one()
    conn.execute(text(f"ALTER DATABASE {q(db)} OWNER TO {q(names.owner)}"))
    conn.execute(text(f"ALTER SCHEMA public OWNER TO {q(names.owner)}"))
    for table in Base.metadata.sorted_tables:
        conn.execute(text(f"ALTER TABLE {q(table.name)} OWNER TO {q(names.owner)}"))
    conn.execute(text(f"ALTER TABLE alembic_version OWNER TO {q(names.owner)}"))
    conn.execute(text(f"REVOKE CONNECT, TEMPORARY ON DATABASE {q(db)} FROM PUBLIC"))
    conn.execute(text(f"GRANT CONNECT ON DATABASE {q(db)} TO {q(names.base)}"))
    conn.execute(text("REVOKE ALL ON SCHEMA public FROM PUBLIC"))
    conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {q(names.base)}"))


def grant(conn: Connection, names: Names) -> None:
    """Exactly the privileges of ``privileges``: everything else revoked first."""
    roles = [names.base, *names.all_permission_roles()]
    everyone = ", ".join(q(r) for r in roles)
    conn.execute(text(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC, {everyone}"))
    conn.execute(text(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM PUBLIC, {everyone}"))
    for table in Base.metadata.sorted_tables:
        if table.name not in P.READ_ALL_EXCEPT:
            conn.execute(text(f"GRANT SELECT ON {q(table.name)} TO {q(names.base)}"))
    conn.execute(text(f"GRANT SELECT ON alembic_version TO {q(names.base)}"))
    for table in P.APPEND_ONLY:
        conn.execute(text(f"GRANT INSERT ON {q(table)} TO {q(names.base)}"))
    for perm in P.AUDIT_READERS:
        conn.execute(text(f"GRANT SELECT ON audit_log TO {q(names.permission(perm))}"))
    for perm, tables in P.TABLE_PRIVILEGES.items():
        for table, privs in tables.items():
            conn.execute(text(f"GRANT {privs} ON {q(table)} TO {q(names.permission(perm))}"))
    for perm, tables in P.COLUMN_PRIVILEGES.items():
        for table, (priv, columns) in tables.items():
            cols = ", ".join(q(c) for c in columns)
            conn.execute(
                text(f"GRANT {priv} ({cols}) ON {q(table)} TO {q(names.permission(perm))}")
            )
    db = conn.execute(text("SELECT current_database()")).scalar_one()
    conn.execute(text(f"REVOKE TEMPORARY ON DATABASE {q(db)} FROM {everyone}"))
    for perm in P.TEMPORARY_TABLES:
        conn.execute(text(f"GRANT TEMPORARY ON DATABASE {q(db)} TO {q(names.permission(perm))}"))
    # serial keys: inserting needs the sequence (nextval only; it reveals nothing)
    conn.execute(text(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {q(names.base)}"))


def _functions_sql(names: Names) -> list[str]:
    admin = lit(names.permission(Perm.ADMIN_USUARIOS))
    base = q(names.base)
    prefix = lit(names.prefix + "_")
    guard = (
        f"IF NOT pg_has_role(session_user, {admin}, 'MEMBER') THEN "
        "RAISE EXCEPTION 'O usuário % não tem a permissão ADMIN_USUARIOS necessária para esta "
        "ação.', session_user USING ERRCODE = '42501'; END IF;"
    )
    definer = "LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp"
    return [
        # the user's effective permissions: the bundle of its profile with its exceptions
        """CREATE OR REPLACE FUNCTION gn_effective(p_login text) RETURNS SETOF text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
          SELECT rp.permission_code FROM users u JOIN role_permissions rp
            ON rp.role_code = u.role_code WHERE u.login = p_login
            AND NOT EXISTS (SELECT 1 FROM user_permissions up WHERE up.user_id = u.id
                            AND up.permission_code = rp.permission_code AND NOT up.granted)
          UNION
          SELECT up.permission_code FROM users u JOIN user_permissions up ON up.user_id = u.id
            WHERE u.login = p_login AND up.granted
        $$""",
        # memberships follow the users table; an inactive user cannot log in
        f"""CREATE OR REPLACE FUNCTION gn_sync_user(p_login text) RETURNS void {definer} AS $$
        DECLARE perm text; active boolean;
        BEGIN
          SELECT u.active INTO active FROM users u WHERE u.login = p_login;
          FOR perm IN SELECT code FROM permissions LOOP
            IF active AND perm IN (SELECT gn_effective(p_login)) THEN
              EXECUTE format('GRANT %I TO %I', {prefix} || lower(perm), p_login);
            ELSE
              EXECUTE format('REVOKE %I FROM %I', {prefix} || lower(perm), p_login);
            END IF;
          END LOOP;
          EXECUTE format('ALTER ROLE %I %s', p_login,
                         CASE WHEN active THEN 'LOGIN' ELSE 'NOLOGIN' END);
        END $$""",
        f"""CREATE OR REPLACE FUNCTION gn_create_user(p_login text, p_name text, p_role text,
            p_verifier text, p_must_change boolean) RETURNS void {definer} AS $$
        BEGIN
          {guard}
          IF p_login !~ '^[A-Za-z0-9_.@-]{{1,60}}$' THEN
            RAISE EXCEPTION 'O login deve ter de 1 a 60 letras sem acento, números, ponto, '
              'hífen, sublinhado ou arroba.' USING ERRCODE = '22023';
          END IF;
          IF EXISTS (SELECT 1 FROM users WHERE login = p_login) THEN
            RAISE EXCEPTION 'Já existe um usuário com o login %.', p_login USING ERRCODE = '23505';
          END IF;
          IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_login) THEN
            RAISE EXCEPTION 'Já existe um login % neste servidor (de outro banco ou do próprio '
              'servidor): escolha outro login.', p_login USING ERRCODE = '23505';
          END IF;
          IF p_verifier !~ '^SCRAM-SHA-256\\$' THEN
            RAISE EXCEPTION 'A senha deve chegar já cifrada (SCRAM-SHA-256).' USING ERRCODE = '22023';
          END IF;
          EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L IN ROLE {base}', p_login, p_verifier);
          INSERT INTO users (login, name, role_code, active, must_change_password, created_at)
            VALUES (p_login, coalesce(nullif(p_name, ''), p_login), p_role, true, p_must_change,
                    now() AT TIME ZONE 'utc');
          PERFORM gn_sync_user(p_login);
        END $$""",
        f"""CREATE OR REPLACE FUNCTION gn_update_user(p_login text, p_name text, p_role text,
            p_active boolean, p_granted text[], p_revoked text[]) RETURNS void {definer} AS $$
        DECLARE uid integer;
        BEGIN
          {guard}
          SELECT id INTO uid FROM users WHERE login = p_login;
          IF uid IS NULL THEN RAISE EXCEPTION 'Usuário % não encontrado.', p_login; END IF;
          IF p_login = session_user AND (NOT p_active OR 'ADMIN_USUARIOS' = ANY(p_revoked) OR (
               NOT 'ADMIN_USUARIOS' = ANY(p_granted) AND NOT EXISTS (
                 SELECT 1 FROM role_permissions WHERE role_code = p_role
                 AND permission_code = 'ADMIN_USUARIOS'))) THEN
            RAISE EXCEPTION 'Você não pode tirar de si mesmo a administração de usuários nem se '
              'desativar: peça a outro administrador.' USING ERRCODE = '42501';
          END IF;
          UPDATE users SET name = coalesce(nullif(p_name, ''), login), role_code = p_role,
            active = p_active WHERE id = uid;
          DELETE FROM user_permissions WHERE user_id = uid;
          INSERT INTO user_permissions (user_id, permission_code, granted)
            SELECT uid, g, true FROM unnest(p_granted) g
            UNION SELECT uid, r, false FROM unnest(p_revoked) r;
          PERFORM gn_sync_user(p_login);
        END $$""",
        f"""CREATE OR REPLACE FUNCTION gn_set_password(p_login text, p_verifier text,
            p_must_change boolean) RETURNS void {definer} AS $$
        BEGIN
          -- anyone may change their own password; someone else's needs ADMIN_USUARIOS
          IF p_login <> session_user OR p_must_change THEN {guard} END IF;
          IF NOT EXISTS (SELECT 1 FROM users WHERE login = p_login) THEN
            RAISE EXCEPTION 'Usuário % não encontrado.', p_login;
          END IF;
          IF p_verifier !~ '^SCRAM-SHA-256\\$' THEN
            RAISE EXCEPTION 'A senha deve chegar já cifrada (SCRAM-SHA-256).' USING ERRCODE = '22023';
          END IF;
          EXECUTE format('ALTER ROLE %I PASSWORD %L', p_login, p_verifier);
          UPDATE users SET must_change_password = p_must_change WHERE login = p_login;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION gn_set_role_permissions(p_role text, p_perms text[])
            RETURNS void {definer} AS $$
        DECLARE who text;
        BEGIN
          {guard}
          IF p_role = 'admin' AND NOT 'ADMIN_USUARIOS' = ANY(p_perms) THEN
            RAISE EXCEPTION 'O perfil admin sempre administra usuários (senão ninguém o faria).'
              USING ERRCODE = '42501';
          END IF;
          DELETE FROM role_permissions WHERE role_code = p_role;
          INSERT INTO role_permissions (role_code, permission_code)
            SELECT p_role, p FROM unnest(p_perms) p;
          FOR who IN SELECT login FROM users WHERE role_code = p_role LOOP
            PERFORM gn_sync_user(who);
          END LOOP;
        END $$""",
        f"""CREATE OR REPLACE FUNCTION gn_logged_in() RETURNS void {definer} AS $$
        BEGIN
          UPDATE users SET last_login_at = now() AT TIME ZONE 'utc' WHERE login = session_user;
        END $$""",
        # the audit log's user is the session's, whatever the client claims
        """CREATE OR REPLACE FUNCTION gn_audit_stamp() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        BEGIN
          NEW.login := session_user;
          NEW.user_id := (SELECT id FROM users WHERE login = session_user);
          NEW.at := clock_timestamp() AT TIME ZONE 'utc';
          RETURN NEW;
        END $$""",
        """CREATE OR REPLACE FUNCTION gn_audit_change() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        DECLARE before jsonb; after jsonb; row_key text; keys text[] := TG_ARGV;
        BEGIN
          IF TG_OP <> 'INSERT' THEN before := to_jsonb(OLD) - 'password_hash'; END IF;
          IF TG_OP <> 'DELETE' THEN after := to_jsonb(NEW) - 'password_hash'; END IF;
          SELECT string_agg(coalesce(after, before) ->> k, ':') INTO row_key FROM unnest(keys) k;
          INSERT INTO audit_log (at, user_id, login, workstation, action, entity, entity_key,
                                 details)
          VALUES (clock_timestamp() AT TIME ZONE 'utc', NULL, session_user,
                  left(coalesce(current_setting('application_name', true), ''), 100),
                  'banco.' || lower(TG_OP), TG_TABLE_NAME, left(coalesce(row_key, ''), 200),
                  jsonb_build_object('antes', before, 'depois', after)::text);
          RETURN NULL;
        END $$""",
        # a new address or environment: the operators' secrets were kept for the old one
        """CREATE OR REPLACE FUNCTION gn_integration_moved() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
        BEGIN
          IF lower(substring(OLD.url from '^[a-zA-Z]+://([^/:?#]+)'))
               IS DISTINCT FROM lower(substring(NEW.url from '^[a-zA-Z]+://([^/:?#]+)'))
             OR OLD.environment IS DISTINCT FROM NEW.environment THEN
            UPDATE operators SET secret_set = false,
              secret_note = 'o endereço ou o ambiente da integração ' || NEW.name
                            || ' mudou; informe a senha de novo'
            WHERE id IN (SELECT operator_id FROM integration_operators
                         WHERE integration_id = NEW.id);
          END IF;
          RETURN NULL;
        END $$""",
    ]


def _primary_key(table: Table) -> list[str]:
    return [column.name for column in table.primary_key.columns]


def functions_and_triggers(conn: Connection, names: Names) -> None:
    for sql in _functions_sql(names):
        conn.execute(text(sql))
    conn.execute(text("DROP TRIGGER IF EXISTS gn_audit_stamp ON audit_log"))
    conn.execute(
        text(
            "CREATE TRIGGER gn_audit_stamp BEFORE INSERT ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION gn_audit_stamp()"
        )
    )
    for name in P.AUDITED_TABLES:
        table = Base.metadata.tables[name]
        keys = ", ".join(lit(k) for k in _primary_key(table))
        conn.execute(text(f"DROP TRIGGER IF EXISTS gn_audit_change ON {q(name)}"))
        conn.execute(
            text(
                f"CREATE TRIGGER gn_audit_change AFTER INSERT OR UPDATE OR DELETE ON {q(name)} "
                f"FOR EACH ROW EXECUTE FUNCTION gn_audit_change({keys})"
            )
        )
    conn.execute(text("DROP TRIGGER IF EXISTS gn_integration_moved ON integrations"))
    conn.execute(
        text(
            "CREATE TRIGGER gn_integration_moved AFTER UPDATE OF url, environment ON "
            "integrations FOR EACH ROW EXECUTE FUNCTION gn_integration_moved()"
        )
    )
    functions = (
        "gn_effective(text)",
        "gn_sync_user(text)",
        "gn_create_user(text, text, text, text, boolean)",
        "gn_update_user(text, text, text, boolean, text[], text[])",
        "gn_set_password(text, text, boolean)",
        "gn_set_role_permissions(text, text[])",
        "gn_logged_in()",
        "gn_audit_stamp()",
        "gn_audit_change()",
        "gn_integration_moved()",
    )
    for signature in functions:
        conn.execute(text(f"ALTER FUNCTION {signature} OWNER TO {q(names.owner)}"))
        conn.execute(text(f"REVOKE ALL ON FUNCTION {signature} FROM PUBLIC"))
    for signature in functions[2:7]:  # what an application user may call
        conn.execute(text(f"GRANT EXECUTE ON FUNCTION {signature} TO {q(names.base)}"))


def provision(conn: Connection, names: Names) -> None:
    """Everything but the first admin; run as a superuser (or the owner) after migrating."""
    ensure_roles(conn, names)
    hand_over(conn, names)
    grant(conn, names)
    functions_and_triggers(conn, names)


def create_login(
    conn: Connection, login: str, name: str, role: str, verifier: str, must_change: bool
) -> None:
    conn.execute(
        text("SELECT gn_create_user(:l, :n, :r, :v, :m)"),
        {"l": login, "n": name, "r": role, "v": verifier, "m": must_change},
    )


def drop_roles(conn: Connection, names: Names) -> None:
    """Remove the roles of a database that was dropped (its logins included)."""
    members = conn.execute(
        text(
            "SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member "
            "JOIN pg_roles g ON g.oid = m.roleid WHERE g.rolname = :base "
            "AND r.rolname <> :owner"  # inactive users are NOLOGIN: still this database's
        ),
        {"base": names.base, "owner": names.owner},
    ).scalars()
    for login in list(members):
        conn.execute(text(f"DROP ROLE IF EXISTS {q(login)}"))
    for role in (*names.all_permission_roles(), names.base, names.owner):
        conn.execute(text(f"DROP ROLE IF EXISTS {q(role)}"))
