"""Start-up driven through the widgets: first access creates the admin, the login (and
its refusal), the connection dialog against a real PostgreSQL server, and the main
window showing only what the user's permissions allow."""

import json

from sqlalchemy import make_url

from gestao_negativacao.config import data_dir
from gestao_negativacao.domain.permissions import RoleCode
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.dialogs.connection import ConnectionDialog
from gestao_negativacao.gui.dialogs.first_run import FirstRunDialog
from gestao_negativacao.gui.dialogs.login import LoginDialog
from gestao_negativacao.gui.main_window import MainWindow
from gestao_negativacao.gui.qt import QDialogButtonBox
from gestao_negativacao.services.admin import connection, users
from tests.helpers import shot
from tests.sending_helpers import admin_actor, user_actor


def ok(dialog):
    dialog.ui.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_first_access_creates_the_admin_then_login_remembers_it(qtbot, sqlite_db):
    first = FirstRunDialog(sqlite_db)
    qtbot.addWidget(first)
    first.show()
    shot(first, "primeiro_acesso")
    first.ui.password.setText("Senha-forte-1")
    first.ui.confirm.setText("outra")
    ok(first)
    assert first.ui.message.text() == "As senhas não conferem."
    first.ui.password.setText("curta")
    first.ui.confirm.setText("curta")
    ok(first)
    qtbot.waitUntil(lambda: "pelo menos" in first.ui.message.text())
    first.ui.password.setText("Senha-forte-1")
    first.ui.confirm.setText("Senha-forte-1")
    with qtbot.waitSignal(first.accepted, timeout=10_000):
        ok(first)
    assert first.actor.login == "admin" and first.actor.role is RoleCode.ADMIN

    login = LoginDialog(sqlite_db)
    qtbot.addWidget(login)
    login.show()
    assert login.ui.login.text() == "admin"  # remembered on this workstation
    assert "arquivo local" in login.ui.database.text()
    login.ui.password.setText("errada")
    ok(login)
    qtbot.waitUntil(lambda: "inválidos" in login.ui.message.text(), timeout=10_000)
    assert login.ui.password.text() == "" and login.actor is None
    shot(login, "login")
    login.ui.password.setText("Senha-forte-1")
    with qtbot.waitSignal(login.accepted, timeout=10_000):
        ok(login)
    assert login.actor.login == "admin"
    # an administrator reset her password: the next login asks for a new one first
    from gestao_negativacao.services.admin import user_changes

    user_changes.reset_password(sqlite_db.session_factory, login.actor, login.actor.user_id,
                              "Provisoria-2026-x")  # fmt: skip
    again = LoginDialog(sqlite_db)
    qtbot.addWidget(again)
    again.show()
    again.ask_new_password = lambda: "Provisoria-2026-x"  # the same one: refused
    again.ui.password.setText("Provisoria-2026-x")
    ok(again)
    qtbot.waitUntil(lambda: "diferente da atual" in again.ui.message.text(), timeout=10_000)
    again.ask_new_password = lambda: "Escolhida-por-mim-7"
    again.ui.password.setText("Provisoria-2026-x")
    with qtbot.waitSignal(again.accepted, timeout=15_000):
        ok(again)
    assert again.actor.login == "admin"
    assert users.authenticate(sqlite_db.session_factory, "admin", "Escolhida-por-mim-7")


def test_connection_to_a_postgresql_server_keeps_no_login_and_says_if_it_is_encrypted(
    qtbot, postgres_server, memory_keyring
):
    url = make_url(postgres_server.create())
    try:
        connection_dialog(qtbot, url, memory_keyring)
    finally:
        postgres_server.drop(url.render_as_string(hide_password=False))


def connection_dialog(qtbot, url, memory_keyring):
    dialog = ConnectionDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ui.local.isChecked() and not dialog.ui.serverBox.isEnabled()
    dialog.ui.server.setChecked(True)
    dialog.ui.host.setText(url.host)
    dialog.ui.port.setValue(url.port or 5432)
    dialog.ui.databaseName.setText(url.database)
    assert dialog.ui.tls.currentData() == "verify-full"  # the safe choice is the default
    dialog.ui.user.setText(url.username)
    dialog.ui.password.setText("senha-do-banco")  # trust auth: any password is accepted
    dialog.ui.test.click()  # CI's server offers no TLS: refused as asked
    qtbot.waitUntil(lambda: "não oferece conexão cifrada" in dialog.ui.result.text(),
                    timeout=15_000)  # fmt: skip
    dialog.ui.tls.setCurrentIndex(dialog.ui.tls.findData("disable"))
    dialog.ui.test.click()
    qtbot.waitUntil(lambda: "Conexão bem-sucedida" in dialog.ui.result.text(), timeout=15_000)
    assert "SEM cifra" in dialog.ui.result.text()  # and the user is told what it means
    shot(dialog, "conexao")
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    stored = (data_dir() / connection.SETTINGS_FILE).read_text(encoding="utf-8")
    saved = make_url(json.loads(stored)["url"])
    assert "senha-do-banco" not in stored
    assert (saved.username, saved.password, saved.query.get("sslmode")) == (None, None, "disable")
    assert memory_keyring.secrets == {}  # no database password on any workstation
    resolved = make_url(connection.resolve_url())
    assert (resolved.host, resolved.database, resolved.username) == (url.host, url.database, None)
    # a server that is not there: a message, not a crash
    dialog = ConnectionDialog()
    qtbot.addWidget(dialog)
    dialog.ui.host.setText("127.0.0.1")
    dialog.ui.port.setValue(1)
    dialog.ui.tls.setCurrentIndex(dialog.ui.tls.findData("disable"))
    dialog.ui.test.click()
    qtbot.waitUntil(lambda: "Não foi possível" in dialog.ui.result.text(), timeout=15_000)
    assert "senha-do-banco" not in dialog.ui.result.text()
    # back to the local file
    dialog.ui.local.setChecked(True)
    dialog.save_button.click()
    assert connection.saved_url() is None


def test_navigation_shows_what_the_permissions_allow(qtbot, sqlite_db):
    admin = admin_actor(sqlite_db)
    clerk = user_actor(sqlite_db, "joana")
    window = MainWindow(Context(sqlite_db, admin))
    qtbot.addWidget(window)
    window.show()
    assert window.titles == [
        "Painel",
        "Inclusão",
        "Baixa",
        "Enviados",
        "Liberar parcelas",
        "Acordos",
        "Regras de inclusão",
        "Regras de baixa",
        "Operadores",
        "Integrações",
        "Agendamentos",
        "Análise de crédito",
        "Consultas",
        "Usuários e permissões",
        "Importação",
        "Parâmetros",
        "Titulares (LGPD)",
    ]
    assert window.user_label.text() == "Usuário: admin (Administrador)"
    qtbot.waitUntil(lambda: "nenhum operador" in window.secrets_label.text())
    shot(window, "janela_principal")
    mine = MainWindow(Context(sqlite_db, clerk))
    qtbot.addWidget(mine)
    assert mine.titles == [
        "Painel",
        "Inclusão",
        "Baixa",
        "Enviados",
        "Liberar parcelas",
        "Acordos",
        "Análise de crédito",
        "Consultas",
        "Importação",
    ]
