"""First access to a database without users: create the administrator."""

from __future__ import annotations

from gestao_negativacao.domain.permissions import RoleCode
from gestao_negativacao.gui import settings
from gestao_negativacao.gui.forms.ui_first_run import Ui_FirstRunDialog
from gestao_negativacao.gui.messages import name_buttons, user_message
from gestao_negativacao.gui.qt import QDialog, QDialogButtonBox, QWidget
from gestao_negativacao.gui.tasks import run_task
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.admin import users
from gestao_negativacao.services.database import Database


class FirstRunDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_FirstRunDialog()
        self.ui.setupUi(self)
        name_buttons(self.ui.buttons)  # Portuguese whatever Qt's translation
        self.db = db
        self.actor: Actor | None = None
        self.ok_button = self.ui.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Criar administrador")
        self.ui.buttons.accepted.connect(self.create)
        self.ui.buttons.rejected.connect(self.reject)
        self.ui.password.setFocus()

    def create(self) -> None:
        login, name = self.ui.login.text().strip(), self.ui.name.text().strip()
        password = self.ui.password.text()
        if password != self.ui.confirm.text():
            self.ui.message.setText("As senhas não conferem.")
            return
        factory = self.db.session_factory

        def work(task):
            # nobody is logged in yet: the installation itself creates the first admin
            users.create_user(factory, Actor.system(), login, password, RoleCode.ADMIN, name)
            return users.authenticate(factory, login, password)

        self.ok_button.setEnabled(False)
        run_task(work, on_done=self._created, on_failed=self._refused)

    def _created(self, actor: Actor) -> None:
        self.actor = actor
        settings.set_last_login(actor.login)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.ok_button.setEnabled(True)
        self.ui.message.setText(user_message(error))
