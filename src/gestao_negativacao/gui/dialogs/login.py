"""Login: remembers the last login; the check runs off the window's thread. On the local
file it is the application's own (a memory-hard hash); on a shared server, logging in *is*
connecting to the database with the user's own login and password (DESIGN §8), so the
dialog opens the database itself. "Conexão..." lets the user switch database first."""

from __future__ import annotations

from gestao_negativacao.gui import settings
from gestao_negativacao.gui.forms.ui_login import Ui_LoginDialog
from gestao_negativacao.gui.messages import name_buttons, user_message
from gestao_negativacao.gui.qt import QDialog, QDialogButtonBox, QInputDialog, QLineEdit, QWidget
from gestao_negativacao.gui.tasks import run_task
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.admin import users
from gestao_negativacao.services.database import Database, open_database

CHANGE_DATABASE = 2  # the dialog's result when the user asked for another database


class LoginDialog(QDialog):
    """``db``: the local file, already open; ``server_url``: a server, opened by logging in
    (then ``self.db`` is the database this user's login opened)."""

    def __init__(
        self,
        db: Database | None = None,
        parent: QWidget | None = None,
        *,
        server_url: str | None = None,
        where: str = "",
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_LoginDialog()
        self.ui.setupUi(self)
        name_buttons(self.ui.buttons)  # Portuguese whatever Qt's translation
        self.db = db
        self.server_url = server_url
        self.actor: Actor | None = None
        shown = db.description if db is not None else where
        # a long folder path has no space to wrap at: let it break after each separator
        # (it was cut at the dialog's edge); the tooltip keeps it whole
        self.ui.database.setText(shown.replace("/", "/\u200b").replace("\\", "\\\u200b"))
        self.ui.database.setToolTip(shown)
        self.ui.login.setText(settings.last_login())
        (self.ui.password if self.ui.login.text() else self.ui.login).setFocus()
        self.ok_button = self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Entrar")
        self.ui.buttons.accepted.connect(self.try_login)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.changeDatabase.clicked.connect(lambda: self.done(CHANGE_DATABASE))

    def try_login(self) -> None:
        login, password = self.ui.login.text().strip(), self.ui.password.text()
        if not login or not password:
            self.ui.message.setText("Informe o usuário e a senha.")
            return
        self.ok_button.setEnabled(False)
        self.ui.message.setText("Verificando…")
        if self.server_url is not None:
            url = self.server_url

            def work(task):
                db = open_database(url, login=login, password=password)
                keep = False
                try:
                    result = db, users.session_actor(db.session_factory)
                    keep = True
                    return result
                except users.PasswordChangeRequired as exc:
                    exc.database = db  # kept open: the change goes through it
                    keep = True
                    raise
                finally:
                    if not keep:
                        db.dispose()

            run_task(work, on_done=self._opened, on_failed=self._refused)
            return
        factory = self.db.session_factory
        run_task(
            lambda task: users.authenticate(factory, login, password),
            on_done=self._logged_in,
            on_failed=self._refused,
        )

    def _opened(self, result) -> None:
        self.db, actor = result
        self._logged_in(actor)

    def _logged_in(self, actor: Actor) -> None:
        self.actor = actor
        settings.set_last_login(actor.login)
        self.accept()

    def ask_new_password(self) -> str | None:
        """The new password, typed twice; tests replace this method."""
        first, ok = QInputDialog.getText(
            self, "Senha nova", "Sua senha foi redefinida. Senha nova (10 caracteres ou mais):",
            QLineEdit.EchoMode.Password,
        )  # fmt: skip
        if not ok:
            return None
        again, ok = QInputDialog.getText(
            self, "Senha nova", "Repita a senha nova:", QLineEdit.EchoMode.Password
        )
        if not ok:
            return None
        if first != again:
            self.ui.message.setText("As duas senhas novas não conferem.")
            return None
        return first

    def _change_password(self, login: str, current: str) -> None:
        new = self.ask_new_password()
        if not new:
            if self.server_url is not None and self.db is not None:
                self.db.dispose()  # the login tries again from the start
                self.db = None
            self.ok_button.setEnabled(True)
            return
        factory = self.db.session_factory
        self.ui.message.setText("Trocando a senha…")
        if self.server_url is not None:
            url, old = self.server_url, self.db

            def work(task):
                users.change_own_password(factory, login, current, new)
                old.dispose()  # its connections logged in with the old password
                db = open_database(url, login=login, password=new)
                return db, users.session_actor(db.session_factory)

            run_task(work, on_done=self._opened, on_failed=self._refused)
            return
        run_task(
            lambda task: users.change_own_password(factory, login, current, new),
            on_done=self._logged_in,
            on_failed=self._refused,
        )

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, users.PasswordChangeRequired):
            if getattr(error, "database", None) is not None:
                self.db = error.database
            self._change_password(error.login, self.ui.password.text())
            return
        if self.server_url is not None and self.db is not None:
            self.db.dispose()  # a change of password refused: the login starts again
            self.db = None
        self.ok_button.setEnabled(True)
        self.ui.password.clear()
        self.ui.password.setFocus()
        self.ui.message.setText(user_message(error))
