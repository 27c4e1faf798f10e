"""MariaDB / MySQL: the same boundary as ``postgresql`` in MariaDB's terms.

- ``'<db>_owner'@'localhost'`` (ACCOUNT LOCK: nobody logs in as it) is the DEFINER of the
  procedures and triggers: it may create users and grant this database's roles;
- ``<db>_usuario`` and one role per permission hold the privileges of ``privileges``;
- MariaDB activates one role per session, so each application user gets its own role
  ``<db>_u_<login>`` holding ``<db>_usuario`` and its permission roles, granted to the user
  (and made its default role at the first login); the user also gets a direct SELECT on
  ``installation`` so that it may open the database before its role is active;
- passwords reach the server as MariaDB's own hash, never in plain text;
- a BEFORE INSERT trigger writes the session's user into each audit row; AFTER triggers
  write every change of the audited tables; nobody may change or delete the audit log.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import Connection, text

from gestao_negativacao.db.base import Base
from gestao_negativacao.db.server import privileges as P
from gestao_negativacao.db.server.names import Names
from gestao_negativacao.domain.permissions import Perm


def q(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def lit(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


def native_hash(password: str) -> str:
    """MariaDB's mysql_native_password hash (``*`` + SHA1(SHA1(password)) in hex)."""
    return "*" + hashlib.sha1(hashlib.sha1(password.encode("utf-8")).digest()).hexdigest().upper()


def _owner(names: Names) -> str:
    return f"{lit(names.owner)}@'localhost'"


def ensure_roles(conn: Connection, names: Names, database: str) -> None:
    conn.execute(text(f"CREATE USER IF NOT EXISTS {_owner(names)} ACCOUNT LOCK"))
    conn.execute(
        text(f"GRANT ALL PRIVILEGES ON {q(database)}.* TO {_owner(names)} WITH GRANT OPTION")
    )
    conn.execute(text(f"GRANT CREATE USER ON *.* TO {_owner(names)}"))
    conn.execute(text(f"GRANT SELECT ON mysql.roles_mapping TO {_owner(names)}"))
    for role in (names.base, *names.all_permission_roles()):
        conn.execute(text(f"CREATE ROLE IF NOT EXISTS {q(role)}"))
        conn.execute(text(f"GRANT {q(role)} TO {_owner(names)} WITH ADMIN OPTION"))


def _revoke_all(conn: Connection, role: str, database: str) -> None:
    """What a role holds on this database's tables, taken away (grants are re-made)."""
    rows = conn.execute(
        text(
            "SELECT DISTINCT Table_name FROM mysql.tables_priv WHERE User = :r AND Db = :d "
            "UNION SELECT DISTINCT Table_name FROM mysql.columns_priv WHERE User = :r AND Db = :d"
        ),
        {"r": role, "d": database},
    ).scalars()
    for table in list(rows):
        conn.execute(text(f"REVOKE ALL PRIVILEGES ON {q(database)}.{q(table)} FROM {q(role)}"))
    held = conn.scalar(
        text("SELECT 1 FROM mysql.db WHERE User = :r AND Db = :d AND Create_tmp_table_priv = 'Y'"),
        {"r": role, "d": database},
    )
    if held:  # the only database-wide right a role is given (privileges.TEMPORARY_TABLES)
        conn.execute(text(f"REVOKE CREATE TEMPORARY TABLES ON {q(database)}.* FROM {q(role)}"))


def grant(conn: Connection, names: Names, database: str) -> None:
    roles = [names.base, *names.all_permission_roles()]
    for role in roles:
        _revoke_all(conn, role, database)
    db = q(database)
    for table in Base.metadata.sorted_tables:
        if table.name not in P.READ_ALL_EXCEPT:
            conn.execute(text(f"GRANT SELECT ON {db}.{q(table.name)} TO {q(names.base)}"))
    conn.execute(text(f"GRANT SELECT ON {db}.alembic_version TO {q(names.base)}"))
    for table in P.APPEND_ONLY:
        conn.execute(text(f"GRANT INSERT ON {db}.{q(table)} TO {q(names.base)}"))
    for perm in P.AUDIT_READERS:
        conn.execute(text(f"GRANT SELECT ON {db}.audit_log TO {q(names.permission(perm))}"))
    for perm, tables in P.TABLE_PRIVILEGES.items():
        for table, privs in tables.items():
            conn.execute(text(f"GRANT {privs} ON {db}.{q(table)} TO {q(names.permission(perm))}"))
    for perm, tables in P.COLUMN_PRIVILEGES.items():
        for table, (priv, columns) in tables.items():
            cols = ", ".join(q(c) for c in columns)
            conn.execute(
                text(f"GRANT {priv} ({cols}) ON {db}.{q(table)} TO {q(names.permission(perm))}")
            )
    for perm in P.TEMPORARY_TABLES:
        conn.execute(
            text(f"GRANT CREATE TEMPORARY TABLES ON {db}.* TO {q(names.permission(perm))}")
        )


def _run(statement: str) -> str:
    """A dynamic statement inside a procedure (``@s`` holds the text)."""
    return f"SET @s = {statement}; PREPARE st FROM @s; EXECUTE st; DEALLOCATE PREPARE st;"


def _procedures_sql(names: Names, database: str) -> list[str]:
    db = q(database)
    owner = _owner(names)
    admin = lit(names.permission(Perm.ADMIN_USUARIOS))
    user_role = f"CONCAT({lit(names.prefix + '_u_')}, p_login)"
    caller = "SUBSTRING_INDEX(USER(), '@', 1)"
    guard = (
        f"IF NOT EXISTS (SELECT 1 FROM mysql.roles_mapping WHERE User = "
        f"CONCAT({lit(names.prefix + '_u_')}, {caller}) AND Host = '' AND Role = {admin}) "
        "THEN SIGNAL SQLSTATE '42501' SET MESSAGE_TEXT = 'O usuário não tem a permissão "
        "ADMIN_USUARIOS necessária para esta ação.'; END IF;"
    )
    head = f"CREATE DEFINER={owner} PROCEDURE {db}"
    prefix = lit(names.prefix + "_")
    return [
        f"""{head}.gn_sync_user(IN p_login VARCHAR(60)) SQL SECURITY DEFINER
        BEGIN
          DECLARE done INT DEFAULT 0; DECLARE perm VARCHAR(40); DECLARE is_active BOOL;
          DECLARE perms CURSOR FOR SELECT code FROM {db}.permissions;
          DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = 1;
          SELECT u.active INTO is_active FROM {db}.users u WHERE u.login = p_login;
          OPEN perms;
          walk: LOOP
            FETCH perms INTO perm;
            IF done THEN LEAVE walk; END IF;
            IF is_active AND perm IN (
                SELECT rp.permission_code FROM {db}.users u JOIN {db}.role_permissions rp
                  ON rp.role_code = u.role_code WHERE u.login = p_login AND NOT EXISTS (
                  SELECT 1 FROM {db}.user_permissions up WHERE up.user_id = u.id
                  AND up.permission_code = rp.permission_code AND NOT up.granted)
                UNION SELECT up.permission_code FROM {db}.users u JOIN {db}.user_permissions up
                  ON up.user_id = u.id WHERE u.login = p_login AND up.granted) THEN
              {_run(f"CONCAT('GRANT ', QUOTE(CONCAT({prefix}, LOWER(perm))), ' TO ', QUOTE({user_role}))")}
            ELSEIF EXISTS (SELECT 1 FROM mysql.roles_mapping WHERE User = {user_role}
                           AND Host = '' AND Role = CONCAT({prefix}, LOWER(perm))) THEN
              {_run(f"CONCAT('REVOKE ', QUOTE(CONCAT({prefix}, LOWER(perm))), ' FROM ', QUOTE({user_role}))")}
            END IF;
          END LOOP;
          CLOSE perms;
          IF is_active THEN
            {_run("CONCAT('ALTER USER ', QUOTE(p_login), '@''%'' ACCOUNT UNLOCK')")}
          ELSE
            {_run("CONCAT('ALTER USER ', QUOTE(p_login), '@''%'' ACCOUNT LOCK')")}
          END IF;
        END""",
        f"""{head}.gn_create_user(IN p_login VARCHAR(60), IN p_name VARCHAR(150),
            IN p_role VARCHAR(20), IN p_hash VARCHAR(100), IN p_must_change BOOL)
        SQL SECURITY DEFINER
        BEGIN
          {guard}
          IF p_login NOT REGEXP '^[A-Za-z0-9_.@-]{{1,60}}$' THEN
            SIGNAL SQLSTATE '22023' SET MESSAGE_TEXT = 'O login deve ter de 1 a 60 letras sem
acento, números, ponto, hífen, sublinhado ou arroba.';
          END IF;
          IF EXISTS (SELECT 1 FROM {db}.users WHERE login = p_login) THEN
            SIGNAL SQLSTATE '23000' SET MESSAGE_TEXT = 'Já existe um usuário com este login.';
          END IF;
          IF EXISTS (SELECT 1 FROM mysql.roles_mapping WHERE User = p_login)
             OR EXISTS (SELECT 1 FROM mysql.roles_mapping WHERE User = {user_role}) THEN
            SIGNAL SQLSTATE '23000' SET MESSAGE_TEXT = 'Já existe este login neste servidor (de
outro banco ou do próprio servidor): escolha outro login.';
          END IF;
          IF p_hash NOT REGEXP '^[*][0-9A-F]{{40}}$' THEN
            SIGNAL SQLSTATE '22023' SET MESSAGE_TEXT = 'A senha deve chegar já cifrada.';
          END IF;
          {_run(f"CONCAT('CREATE ROLE ', QUOTE({user_role}))")}
          {_run(f"CONCAT('GRANT ', {lit(q(names.base))}, ' TO ', QUOTE({user_role}))")}
          {_run("CONCAT('CREATE USER ', QUOTE(p_login), '@''%'' IDENTIFIED BY PASSWORD ', QUOTE(p_hash))")}
          {_run(f"CONCAT('GRANT ', QUOTE({user_role}), ' TO ', QUOTE(p_login), '@''%''')")}
          {_run(f"CONCAT('GRANT SELECT ON ', {lit(db)}, '.installation TO ', QUOTE(p_login), '@''%''')")}
          INSERT INTO {db}.users (login, name, role_code, active, must_change_password, created_at)
            VALUES (p_login, COALESCE(NULLIF(p_name, ''), p_login), p_role, TRUE, p_must_change,
                    UTC_TIMESTAMP(6));
          CALL {db}.gn_sync_user(p_login);
        END""",
        f"""{head}.gn_update_user(IN p_login VARCHAR(60), IN p_name VARCHAR(150),
            IN p_role VARCHAR(20), IN p_active BOOL, IN p_granted TEXT, IN p_revoked TEXT)
        SQL SECURITY DEFINER
        BEGIN
          DECLARE uid INT;
          {guard}
          SELECT id INTO uid FROM {db}.users WHERE login = p_login;
          IF uid IS NULL THEN
            SIGNAL SQLSTATE '42704' SET MESSAGE_TEXT = 'Usuário não encontrado.';
          END IF;
          IF p_login = {caller} AND (NOT p_active OR FIND_IN_SET('ADMIN_USUARIOS', p_revoked) OR (
               NOT FIND_IN_SET('ADMIN_USUARIOS', p_granted) AND NOT EXISTS (
                 SELECT 1 FROM {db}.role_permissions WHERE role_code = p_role
                 AND permission_code = 'ADMIN_USUARIOS'))) THEN
            SIGNAL SQLSTATE '42501' SET MESSAGE_TEXT = 'Você não pode tirar de si mesmo a
administração de usuários nem se desativar: peça a outro administrador.';
          END IF;
          UPDATE {db}.users SET name = COALESCE(NULLIF(p_name, ''), login), role_code = p_role,
            active = p_active WHERE id = uid;
          DELETE FROM {db}.user_permissions WHERE user_id = uid;
          INSERT INTO {db}.user_permissions (user_id, permission_code, granted)
            SELECT uid, code, TRUE FROM {db}.permissions WHERE FIND_IN_SET(code, p_granted);
          INSERT INTO {db}.user_permissions (user_id, permission_code, granted)
            SELECT uid, code, FALSE FROM {db}.permissions WHERE FIND_IN_SET(code, p_revoked);
          CALL {db}.gn_sync_user(p_login);
        END""",
        f"""{head}.gn_set_password(IN p_login VARCHAR(60), IN p_hash VARCHAR(100),
            IN p_must_change BOOL) SQL SECURITY DEFINER
        BEGIN
          IF p_login <> {caller} OR p_must_change THEN {guard} END IF;
          IF NOT EXISTS (SELECT 1 FROM {db}.users WHERE login = p_login) THEN
            SIGNAL SQLSTATE '42704' SET MESSAGE_TEXT = 'Usuário não encontrado.';
          END IF;
          IF p_hash NOT REGEXP '^[*][0-9A-F]{{40}}$' THEN
            SIGNAL SQLSTATE '22023' SET MESSAGE_TEXT = 'A senha deve chegar já cifrada.';
          END IF;
          {_run("CONCAT('ALTER USER ', QUOTE(p_login), '@''%'' IDENTIFIED BY PASSWORD ', QUOTE(p_hash))")}
          UPDATE {db}.users SET must_change_password = p_must_change WHERE login = p_login;
        END""",
        f"""{head}.gn_set_role_permissions(IN p_role VARCHAR(20), IN p_perms TEXT)
        SQL SECURITY DEFINER
        BEGIN
          DECLARE done INT DEFAULT 0; DECLARE who VARCHAR(60);
          DECLARE members CURSOR FOR SELECT login FROM {db}.users WHERE role_code = p_role;
          DECLARE CONTINUE HANDLER FOR NOT FOUND SET done = 1;
          {guard}
          IF p_role = 'admin' AND NOT FIND_IN_SET('ADMIN_USUARIOS', p_perms) THEN
            SIGNAL SQLSTATE '42501' SET MESSAGE_TEXT = 'O perfil admin sempre administra
usuários (senão ninguém o faria).';
          END IF;
          DELETE FROM {db}.role_permissions WHERE role_code = p_role;
          INSERT INTO {db}.role_permissions (role_code, permission_code)
            SELECT p_role, code FROM {db}.permissions WHERE FIND_IN_SET(code, p_perms);
          OPEN members;
          walk: LOOP
            FETCH members INTO who;
            IF done THEN LEAVE walk; END IF;
            CALL {db}.gn_sync_user(who);
          END LOOP;
          CLOSE members;
        END""",
        f"""{head}.gn_logged_in() SQL SECURITY DEFINER
        BEGIN
          UPDATE {db}.users SET last_login_at = UTC_TIMESTAMP(6) WHERE login = {caller};
        END""",
    ]


def _json_of(alias: str, columns: list[str]) -> str:
    pairs = ", ".join(f"{lit(c)}, {alias}.{q(c)}" for c in columns)
    return f"JSON_OBJECT({pairs})"


def _triggers_sql(names: Names, database: str) -> list[str]:
    db = q(database)
    owner = _owner(names)
    caller = "SUBSTRING_INDEX(USER(), '@', 1)"
    out = [
        f"""CREATE DEFINER={owner} TRIGGER {db}.gn_audit_stamp BEFORE INSERT ON {db}.audit_log
        FOR EACH ROW BEGIN
          SET NEW.login = {caller};
          SET NEW.user_id = (SELECT id FROM {db}.users WHERE login = {caller});
          SET NEW.at = UTC_TIMESTAMP(6);
        END""",
        f"""CREATE DEFINER={owner} TRIGGER {db}.gn_integration_moved AFTER UPDATE
        ON {db}.integrations FOR EACH ROW BEGIN
          IF LOWER(SUBSTRING_INDEX(SUBSTRING_INDEX(SUBSTRING_INDEX(OLD.url, '://', -1), '/', 1),
                   ':', 1)) <> LOWER(SUBSTRING_INDEX(SUBSTRING_INDEX(SUBSTRING_INDEX(NEW.url,
                   '://', -1), '/', 1), ':', 1)) OR NOT (OLD.environment <=> NEW.environment)
          THEN
            UPDATE {db}.operators SET secret_set = FALSE,
              secret_note = CONCAT('o endereço ou o ambiente da integração ', NEW.name,
                                   ' mudou; informe a senha de novo')
            WHERE id IN (SELECT operator_id FROM {db}.integration_operators
                         WHERE integration_id = NEW.id);
          END IF;
        END""",
    ]
    for name in P.AUDITED_TABLES:
        table = Base.metadata.tables[name]
        columns = [c.name for c in table.columns if c.name not in P.SECRET_COLUMNS]
        keys = [c.name for c in table.primary_key.columns]
        for event, row in (("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")):
            before = _json_of("OLD", columns) if event != "INSERT" else "NULL"
            after = _json_of("NEW", columns) if event != "DELETE" else "NULL"
            key = "CONCAT_WS(':', " + ", ".join(f"{row}.{q(k)}" for k in keys) + ")"
            out.append(
                f"""CREATE DEFINER={owner} TRIGGER {db}.{q(f"gn_audit_{name}_{event.lower()}")}
                AFTER {event} ON {db}.{q(name)} FOR EACH ROW
                INSERT INTO {db}.audit_log (at, user_id, login, workstation, action, entity,
                                            entity_key, details)
                VALUES (UTC_TIMESTAMP(6), NULL, {caller}, '', {lit("banco." + event.lower())},
                        {lit(name)}, LEFT(COALESCE({key}, ''), 200),
                        JSON_OBJECT('antes', {before}, 'depois', {after}))"""
            )
    return out


def _drop_existing(conn: Connection, database: str) -> None:
    for name in conn.execute(
        text(
            "SELECT ROUTINE_NAME FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = :d "
            "AND ROUTINE_NAME LIKE 'gn\\\\_%'"
        ),  # fmt: skip
        {"d": database},
    ).scalars():
        conn.execute(text(f"DROP PROCEDURE IF EXISTS {q(database)}.{q(name)}"))
    for name in conn.execute(
        text(
            "SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = :d "
            "AND TRIGGER_NAME LIKE 'gn\\\\_%'"
        ),  # fmt: skip
        {"d": database},
    ).scalars():
        conn.execute(text(f"DROP TRIGGER IF EXISTS {q(database)}.{q(name)}"))


def procedures_and_triggers(conn: Connection, names: Names, database: str) -> None:
    _drop_existing(conn, database)
    raw = conn.connection.dbapi_connection  # procedure bodies hold ';': sent as they are
    with raw.cursor() as cursor:
        for sql in _procedures_sql(names, database) + _triggers_sql(names, database):
            cursor.execute(sql)
    for name in ("gn_create_user", "gn_update_user", "gn_set_password",
                 "gn_set_role_permissions", "gn_logged_in"):  # fmt: skip
        conn.execute(text(f"GRANT EXECUTE ON PROCEDURE {q(database)}.{q(name)} TO {q(names.base)}"))


def provision(conn: Connection, names: Names, database: str) -> None:
    ensure_roles(conn, names, database)
    grant(conn, names, database)
    procedures_and_triggers(conn, names, database)


def create_login(
    conn: Connection, login: str, name: str, role: str, password_hash: str, must_change: bool
) -> None:
    conn.execute(
        text("CALL gn_create_user(:l, :n, :r, :h, :m)"),
        {"l": login, "n": name, "r": role, "h": password_hash, "m": must_change},
    )


def create_first_admin(
    conn: Connection, names: Names, database: str, login: str, name: str, password_hash: str
) -> None:
    """What ``gn_create_user`` does, run with the server administrator's rights (its
    check admits only this database's admins, and there are none yet)."""
    taken = conn.execute(
        text("SELECT 1 FROM mysql.user WHERE User = :l OR User = :r"),
        {"l": login, "r": names.user_role(login)},
    ).first()
    if taken:
        raise ValueError(
            f"Já existe um login {login} neste servidor (de outro banco ou do próprio "
            "servidor): escolha outro login."
        )
    role = q(names.user_role(login))
    account = f"{lit(login)}@'%'"
    conn.execute(text(f"CREATE ROLE {role}"))
    conn.execute(text(f"GRANT {q(names.base)} TO {role}"))
    conn.execute(text(f"CREATE USER {account} IDENTIFIED BY PASSWORD {lit(password_hash)}"))
    conn.execute(text(f"GRANT {role} TO {account}"))
    conn.execute(text(f"GRANT SELECT ON {q(database)}.installation TO {account}"))
    conn.execute(
        text(
            "INSERT INTO users (login, name, role_code, active, must_change_password, created_at)"
            " VALUES (:l, :n, 'admin', TRUE, FALSE, UTC_TIMESTAMP(6))"
        ),
        {"l": login, "n": name or login},
    )
    conn.execute(text("CALL gn_sync_user(:l)"), {"l": login})


def drop_roles(conn: Connection, names: Names) -> None:
    """Remove a dropped database's roles and logins."""
    user_roles = conn.execute(
        text("SELECT User FROM mysql.user WHERE is_role = 'Y' AND User LIKE :p"),
        {"p": names.prefix.replace("_", "\\_") + "\\_u\\_%"},
    ).scalars()
    for role in list(user_roles):
        login = role[len(names.prefix) + 3 :]
        conn.execute(text(f"DROP USER IF EXISTS {lit(login)}@'%'"))
        conn.execute(text(f"DROP ROLE IF EXISTS {q(role)}"))
    for role in (*names.all_permission_roles(), names.base):
        conn.execute(text(f"DROP ROLE IF EXISTS {q(role)}"))
    conn.execute(text(f"DROP USER IF EXISTS {_owner(names)}"))
