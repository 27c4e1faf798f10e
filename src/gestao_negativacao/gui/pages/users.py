"""Usuários e permissões: create, deactivate, reset the password, change the role, and a
checklist of permissions per user (the role's bundle checked; what the admin changes is
kept as that user's exception). An admin cannot remove their own admin rights."""

from __future__ import annotations

from decimal import Decimal

from gestao_negativacao.domain.display import decimal_comma
from gestao_negativacao.domain.money import typed_money
from gestao_negativacao.domain.permissions import (
    PERMISSION_DESCRIPTIONS,
    ROLE_NAMES,
    Perm,
    RoleCode,
)
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.forms.ui_user_form import Ui_UserForm
from gestao_negativacao.gui.freshness import keep_fresh
from gestao_negativacao.gui.messages import say
from gestao_negativacao.gui.operations import Operation, run_now
from gestao_negativacao.gui.qt import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from gestao_negativacao.gui.widgets.master_detail import ListPane, split
from gestao_negativacao.services import credit
from gestao_negativacao.services.admin import user_changes, users
from gestao_negativacao.services.changes import Topic
from gestao_negativacao.services.listing.configuration import users_list

CHECKED, UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked


def fill_permissions(view: QListWidget) -> None:
    for perm in Perm:
        item = QListWidgetItem(f"{perm.value} — {PERMISSION_DESCRIPTIONS[perm]}")
        item.setData(Qt.ItemDataRole.UserRole, perm.value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(UNCHECKED)
        view.addItem(item)


def check_all(view: QListWidget, permissions: frozenset[Perm]) -> None:
    for i in range(view.count()):
        item = view.item(i)
        perm = Perm(item.data(Qt.ItemDataRole.UserRole))
        item.setCheckState(CHECKED if perm in permissions else UNCHECKED)


def checked_in(view: QListWidget) -> frozenset[Perm]:
    return frozenset(
        Perm(view.item(i).data(Qt.ItemDataRole.UserRole))
        for i in range(view.count())
        if view.item(i).checkState() == CHECKED
    )


class RolesEditor(QWidget):
    """The bundle of each role: every user of the role follows it."""

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        self.role = QComboBox(self)
        self.role.setAccessibleName("Perfil")
        for role in RoleCode:
            self.role.addItem(ROLE_NAMES[role], role.value)
        layout.addWidget(self.role)
        self.permissions = QListWidget(self)
        self.permissions.setAccessibleName("Permissões do perfil")
        fill_permissions(self.permissions)
        layout.addWidget(self.permissions, 1)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.save = QPushButton("&Salvar perfil", self)
        layout.addWidget(self.save)
        self.role.currentIndexChanged.connect(self.load)
        self.save.clicked.connect(self.store)
        self.load()

    def load(self) -> None:
        role = RoleCode(self.role.currentData())
        check_all(self.permissions, user_changes.bundle_of(self.context.session_factory, role))
        self.message.clear()

    def store(self) -> None:
        factory, actor = self.context.session_factory, self.context.actor
        role, chosen = RoleCode(self.role.currentData()), checked_in(self.permissions)
        Operation(
            self,
            lambda: user_changes.set_role_permissions(factory, actor, role, chosen),
            success=lambda _: say(self.message, "Perfil salvo."),
            refused=self.message,
            busy=[self.save],
        ).run()


class UsersPage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.user_id: int | None = None
        pane = ListPane(
            users_list(context.session_factory), "usuarios", "&Novo usuário", name="Usuários"
        )
        self.new_button, self.grid = pane.new_button, pane.grid
        tabs = QTabWidget()
        self.form = QWidget()
        self.ui = Ui_UserForm()
        self.ui.setupUi(self.form)
        self.ui.message.setMinimumHeight(40)  # two lines of a refusal, never clipped
        tabs.addTab(self.form, "Usuário")
        self.roles = RolesEditor(context, tabs)
        tabs.addTab(self.roles, "Perfis")
        split(self, pane, tabs, [560, 480])
        for role in RoleCode:
            self.ui.role.addItem(ROLE_NAMES[role], role.value)
        fill_permissions(self.ui.permissions)
        self.ui.permissions.setAccessibleName("Permissões do usuário")
        # alçada: the largest credit request this user may approve; empty and "sem limite"
        # unticked: approves nothing (fails closed)
        row = QHBoxLayout()
        self.authority = QLineEdit(self.form)
        self.authority.setPlaceholderText("sem alçada: não aprova crédito")
        self.authority.setAccessibleName("Alçada de crédito")
        self.authority.setToolTip("Alçada: maior valor de solicitação de crédito que aprova")
        self.unlimited = QCheckBox("sem limite", self.form)
        self.unlimited.toggled.connect(lambda on: self.authority.setEnabled(not on))
        row.addWidget(self.authority, 1)
        row.addWidget(self.unlimited)
        self.ui.form.addRow("Alçada de crédito (R$):", row)
        # ten wrong passwords lock a login (SQLite); an administrator lifts it here
        self.unlock_button = QPushButton("Desbloquear login", self.form)
        self.unlock_button.setToolTip("Bloqueado depois de 10 senhas erradas seguidas")
        self.unlock_button.setVisible(False)
        self.unlock_button.clicked.connect(self.unlock)
        self.ui.form.addRow("", self.unlock_button)
        self.ui.role.currentIndexChanged.connect(self._role_changed)
        self.new_button.clicked.connect(self.new)
        self.grid.selection.connect(lambda rows: rows and self.load(rows[0][0]))
        self.ui.save.clicked.connect(self.save)
        self.ui.resetPassword.clicked.connect(self.reset_password)
        self.new()
        self.grid.reload()
        self.freshness = keep_fresh(self, {Topic.USERS}, self.grid.refresh)

    def _check(self, permissions: frozenset[Perm]) -> None:
        check_all(self.ui.permissions, permissions)

    def checked(self) -> frozenset[Perm]:
        return checked_in(self.ui.permissions)

    def _role_changed(self) -> None:
        """A new role brings its bundle; exceptions are set again on top of it."""
        role = RoleCode(self.ui.role.currentData())
        self._check(user_changes.bundle_of(self.context.session_factory, role))

    def new(self) -> None:
        self.user_id = None
        self.ui.heading.setText("<h3>Novo usuário</h3>")
        self.ui.login.setEnabled(True)
        self.ui.login.clear()
        self.ui.name.clear()
        self.ui.role.setCurrentIndex(self.ui.role.findData(RoleCode.CLERK.value))
        self._role_changed()
        self.ui.active.setChecked(True)
        self.authority.clear()
        self.unlimited.setChecked(False)
        self.ui.resetPassword.setEnabled(False)
        say(self.ui.message, "")

    def load(self, user_id: int) -> None:
        found = [
            u
            for u in user_changes.list_users(self.context.session_factory, self.context.actor)
            if u.id == user_id
        ]
        if not found:
            return
        user = found[0]
        self.user_id = user.id
        self.ui.heading.setText(f"<h3>Usuário {user.login}</h3>")
        self.ui.login.setText(user.login)
        self.ui.login.setEnabled(False)
        self.ui.name.setText(user.name)
        self.ui.role.blockSignals(True)
        self.ui.role.setCurrentIndex(self.ui.role.findData(user.role.value))
        self.ui.role.blockSignals(False)
        self._check(user.permissions)
        self.ui.active.setChecked(user.active)
        authority = credit.authority_of(self.context.session_factory, user.login)
        amount = authority.max_amount
        self.unlimited.setChecked(authority.is_set and amount is None)
        self.authority.setText("" if amount is None else decimal_comma(amount))
        self.ui.resetPassword.setEnabled(True)
        self.unlock_button.setVisible(
            user_changes.is_login_locked(self.context.session_factory, user.login)
        )
        say(self.ui.message, "")

    def unlock(self) -> None:
        factory, actor = self.context.session_factory, self.context.actor
        login = self.ui.login.text().strip()

        def unlocked(_) -> None:
            self.unlock_button.setVisible(False)
            say(self.ui.message, f"Login {login} desbloqueado.")

        Operation(
            self,
            lambda: user_changes.unlock_login(factory, actor, login),
            success=unlocked,
            refused=self.ui.message,
            busy=[self.unlock_button],
        ).run()

    def ask_password(self, login: str) -> str | None:
        """The password prompt; tests replace this method."""
        text, ok = QInputDialog.getText(
            self,
            "Senha",
            f"Senha de {login} (pelo menos 8 caracteres):",
            QLineEdit.EchoMode.Password,
        )
        return text if ok else None

    def save(self) -> None:
        factory, actor = self.context.session_factory, self.context.actor
        role = RoleCode(self.ui.role.currentData())
        login, name = self.ui.login.text().strip(), self.ui.name.text()
        user_id, password = self.user_id, None
        if user_id is None:
            if not login:
                say(self.ui.message, "Informe o login.", error=True)
                return
            password = self.ask_password(login)
            if not password:
                return
        text = self.authority.text().strip()
        unlimited = self.unlimited.isChecked()
        ok, amount = run_now(
            lambda: Decimal(typed_money(text)) if text and not unlimited else None,
            self.ui.message,
        )
        if not ok:
            return
        active, permissions = self.ui.active.isChecked(), self.checked()

        def work() -> int:
            saved = user_id
            if saved is None:
                saved = users.create_user(factory, actor, login, password, role, name).id
            credit.set_authority(factory, actor, login, amount, unlimited=unlimited)
            user_changes.update_user(factory, actor, saved, name=name, role=role,
                                   active=active, permissions=permissions)  # fmt: skip
            return saved

        def saved(saved_id: int) -> None:
            self.user_id = saved_id
            self.grid.reload()
            self.load(saved_id)
            say(self.ui.message, "Usuário salvo.")

        def refused(text: str) -> None:
            # a new user created before a later step refused: edit it from now on
            if user_id is None:
                self.user_id = users.find_user_id(factory, login)
            say(self.ui.message, text, error=True)

        Operation(self, work, success=saved, refused=refused, busy=[self.ui.save]).run()

    def reset_password(self) -> None:
        if self.user_id is None:
            return
        password = self.ask_password(self.ui.login.text())
        if not password:
            return
        factory, actor, user_id = self.context.session_factory, self.context.actor, self.user_id
        Operation(
            self,
            lambda: user_changes.reset_password(factory, actor, user_id, password),
            success=lambda _: say(self.ui.message, "Senha redefinida."),
            refused=self.ui.message,
            busy=[self.ui.resetPassword],
        ).run()
