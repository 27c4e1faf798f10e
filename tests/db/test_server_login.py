"""Logging in on a server is logging into the database with the user's own password
(SCRAM-SHA-256), over a link that can be encrypted and verified. CI's server trusts local
logins, so these run on a throwaway cluster that checks passwords and offers TLS."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from gestao_negativacao.services.admin import connection, server_setup, users
from gestao_negativacao.services.database import open_database
from tests import pg_cluster

PASSWORD = "Cobranca-forte-2026"


@pytest.fixture(scope="module")
def cluster():
    started = pg_cluster.start()
    if isinstance(started, str):
        pytest.skip(started)
    yield started
    started.stop()


@pytest.fixture(scope="module")
def prepared(cluster):
    engine = create_engine(
        cluster.url().replace("postgresql://", "postgresql+psycopg://"),
        isolation_level="AUTOCOMMIT",
    )
    with engine.connect() as conn:
        conn.execute(text("CREATE DATABASE gestao"))
    engine.dispose()
    owner = cluster.url(db="gestao")
    server_setup.initialize(owner, "admin", PASSWORD, "Administradora")
    return f"postgresql://127.0.0.1:{cluster.port}/gestao"


def test_a_wrong_password_or_an_unknown_login_is_refused_the_same_way(prepared):
    with pytest.raises(users.LoginFailed) as wrong:
        open_database(prepared, login="admin", password="senha-errada")
    with pytest.raises(users.LoginFailed) as unknown:
        open_database(prepared, login="ninguem", password="senha-errada")
    assert (
        str(wrong.value)
        == str(unknown.value)
        == "Usuário ou senha inválidos, ou usuário desativado."
    )
    db = open_database(prepared, login="admin", password=PASSWORD)
    actor = users.session_actor(db.session_factory)
    assert actor.login == "admin" and actor.user_id is not None
    # the password was stored as a SCRAM verifier, made on this side
    with db.session_factory() as session:
        assert session.execute(text("SELECT 1")).scalar() == 1
    db.dispose()


def test_a_user_created_in_the_application_logs_in_with_the_password_it_was_given(prepared):
    from gestao_negativacao.domain.permissions import RoleCode

    db = open_database(prepared, login="admin", password=PASSWORD)
    admin = users.session_actor(db.session_factory)
    users.create_user(db.session_factory, admin, "carla", "Cobranca-da-C-2026", RoleCode.CLERK)
    db.dispose()
    with pytest.raises(users.LoginFailed):
        open_database(prepared, login="carla", password=PASSWORD)
    carla = open_database(prepared, login="carla", password="Cobranca-da-C-2026")
    assert users.session_actor(carla.session_factory).login == "carla"
    carla.dispose()


def test_the_link_is_encrypted_and_the_certificate_checked(cluster, prepared):
    url = connection.server_url("postgresql", "127.0.0.1", cluster.port, "gestao",
                                "verify-full", str(cluster.ca_file))  # fmt: skip
    result = connection.check(connection.with_login(url, "admin", PASSWORD))
    assert result.encrypted and "cifrada (TLS)" in result.message
    # without the authority's certificate, verification cannot pass: refused, not ignored
    unverified = connection.server_url("postgresql", "127.0.0.1", cluster.port, "gestao",
                                       "verify-full", str(cluster.root / "nenhum.pem"))  # fmt: skip
    with pytest.raises(connection.ConnectionProblem):
        connection.check(connection.with_login(unverified, "admin", PASSWORD))
    # the application opens the database over the verified link
    db = open_database(url.render_as_string(hide_password=False), login="admin",
                       password=PASSWORD)  # fmt: skip
    with db.session_factory() as session:
        assert connection.encryption(session.connection())
    db.dispose()


def test_the_login_window_logs_into_the_server(qtbot, prepared):
    from gestao_negativacao.gui.dialogs.login import LoginDialog

    dialog = LoginDialog(server_url=prepared, where=str(make_url(prepared).host))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ui.login.setText("admin")
    dialog.ui.password.setText("senha-errada")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "inválidos" in dialog.ui.message.text(), timeout=15_000)
    assert dialog.actor is None and dialog.db is None
    dialog.ui.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        dialog.ok_button.click()
    assert dialog.actor.login == "admin" and dialog.db.is_server
    dialog.db.dispose()


def test_a_reset_password_is_changed_in_the_login_window_before_entering(qtbot, prepared):
    """An administrator's reset: the server takes the password once, the window asks for a
    new one before anything else, and the server's own login changes to it."""
    from gestao_negativacao.domain.permissions import RoleCode
    from gestao_negativacao.gui.dialogs.login import LoginDialog
    from gestao_negativacao.services.admin import user_changes

    db = open_database(prepared, login="admin", password=PASSWORD)
    admin = users.session_actor(db.session_factory)
    users.create_user(db.session_factory, admin, "davi", "Cobranca-do-D-2026", RoleCode.CLERK)
    davi = next(u for u in user_changes.list_users(db.session_factory, admin) if u.login == "davi")
    user_changes.reset_password(db.session_factory, admin, davi.id, "Provisoria-do-D-2026")
    dialog = LoginDialog(server_url=prepared, where="servidor")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.ask_new_password = lambda: "Escolhida-pelo-D-2026"
    dialog.ui.login.setText("davi")
    dialog.ui.password.setText("Provisoria-do-D-2026")
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        dialog.ok_button.click()
    assert dialog.actor.login == "davi"
    dialog.db.dispose()
    with pytest.raises(users.LoginFailed):
        open_database(prepared, login="davi", password="Provisoria-do-D-2026")
    again = open_database(prepared, login="davi", password="Escolhida-pelo-D-2026")
    assert users.session_actor(again.session_factory).login == "davi"
    again.dispose()
    db.dispose()
