"""Operadores: the bureau logins. The list on the left, the form on the right (integrator,
code, name, linked company, linked users as a two-list picker, active), the secret of this
workstation (set, clear) and "Testar conexão"."""

from __future__ import annotations

from gestao_negativacao.domain.documents import format_document
from gestao_negativacao.domain.enums import Integrator
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.forms.ui_operator_form import Ui_OperatorForm
from gestao_negativacao.gui.freshness import keep_fresh
from gestao_negativacao.gui.messages import ask, say
from gestao_negativacao.gui.operations import Operation
from gestao_negativacao.gui.qt import (
    QInputDialog,
    QLineEdit,
    QWidget,
)
from gestao_negativacao.gui.widgets.master_detail import ListPane, split
from gestao_negativacao.gui.widgets.two_lists import TwoLists
from gestao_negativacao.services.bureau_setup import integrations as bureau_config
from gestao_negativacao.services.bureau_setup import operators
from gestao_negativacao.services.changes import Topic
from gestao_negativacao.services.listing.configuration import operators_list
from gestao_negativacao.services.portfolio import list_companies

NO_COMPANY = ""


class OperatorsPage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.operator_id: int | None = None
        pane = ListPane(
            operators_list(context.session_factory),
            "operadores",
            "&Novo operador",
            name="Operadores",
        )
        self.new_button, self.grid = pane.new_button, pane.grid
        self.form = QWidget()
        self.ui = Ui_OperatorForm()
        self.ui.setupUi(self.form)
        self.ui.message.setMinimumHeight(40)  # two lines of a refusal, never clipped
        self.users = TwoLists("Usuários", "Vinculados", self.form)
        self.ui.usersLayout.addWidget(self.users)
        split(self, pane, self.form, [560, 480])
        for integrator in Integrator:
            self.ui.integrator.addItem(integrator.label, integrator.value)
        self.new_button.clicked.connect(self.new)
        self.grid.activated.connect(lambda row: self.load(row.id))
        self.grid.selection.connect(lambda rows: rows and self.load(rows[0][0]))
        self.ui.save.clicked.connect(self.save)
        self.ui.delete.clicked.connect(self.delete)
        self.ui.setSecret.clicked.connect(self.set_secret)
        self.ui.clearSecret.clicked.connect(self.clear_secret)
        self.ui.testConnection.clicked.connect(self.test_connection)
        self.ui.setQuery.clicked.connect(self.set_query)
        self._fill_pickers()
        self.new()
        self.grid.reload()
        self.freshness = keep_fresh(self, {Topic.BUREAUS}, self.grid.refresh)

    def _fill_pickers(self) -> None:
        self.ui.company.clear()
        self.ui.company.addItem("(nenhuma)", NO_COMPANY)
        for cnpj, name in list_companies(self.context.session_factory):
            self.ui.company.addItem(f"{name} — {format_document(cnpj)}", cnpj)
        self.logins = operators.user_logins(self.context.session_factory)

    def new(self) -> None:
        self.operator_id = None
        self.ui.heading.setText("<h3>Novo operador</h3>")
        self.ui.integrator.setEnabled(True)
        self.ui.code.setEnabled(True)
        self.ui.code.clear()
        self.ui.name.clear()
        self.ui.company.setCurrentIndex(0)
        self.ui.active.setChecked(True)
        self.users.set_items({login: login for login in self.logins}, [])
        self._secret_state(None)
        self.ui.delete.setEnabled(False)
        say(self.ui.message, "")

    def load(self, operator_id: int) -> None:
        info = operators.get_operator(self.context.session_factory, operator_id)
        self.operator_id = info.id
        self.ui.heading.setText(f"<h3>Operador {info.code}</h3>")
        self.ui.integrator.setCurrentIndex(self.ui.integrator.findData(info.integrator))
        self.ui.integrator.setEnabled(False)  # code and integrator identify the login
        self.ui.code.setText(info.code)
        self.ui.code.setEnabled(False)
        self.ui.name.setText(info.name)
        self.ui.company.setCurrentIndex(max(0, self.ui.company.findData(info.company_cnpj or "")))
        self.ui.active.setChecked(info.active)
        self.users.set_items({login: login for login in self.logins}, list(info.user_logins))
        self._secret_state(info.id)
        self.ui.delete.setEnabled(True)
        say(self.ui.message, "")

    def confirm(self, text: str) -> bool:
        """Asked before anything is deleted (tests answer it themselves)."""
        return ask(self, "Excluir", text, do="Excluir", destructive=True)

    def delete(self) -> None:
        """Seed 004 §2: an operator never used can be deleted; one that sent can only be
        inactivated (the service says so)."""
        if self.operator_id is None:
            return
        code = self.ui.code.text()
        if not self.confirm(f"Excluir o operador {code}? A senha dele sai desta estação."):
            return
        try:
            operators.delete_operator(
                self.context.session_factory, self.context.actor, self.operator_id
            )
        except bureau_config.ConfigError as exc:
            say(self.ui.message, str(exc), error=True)
            return
        self.grid.reload()
        self.new()
        say(self.ui.message, f"Operador {code} excluído.")

    def _secret_state(self, operator_id: int | None) -> None:
        present = operator_id is not None and operators.has_secret_here(
            self.context.session_factory, operator_id
        )
        self.ui.secretState.setText("definida" if present else "não definida")
        for button in (self.ui.setSecret, self.ui.clearSecret, self.ui.testConnection):
            button.setEnabled(operator_id is not None)
        self.ui.clearSecret.setEnabled(present)
        self.ui.testConnection.setEnabled(present)
        self.ui.setQuery.setVisible(self.ui.integrator.currentData() == "boa_vista")
        self.ui.setQuery.setEnabled(operator_id is not None)

    def save(self) -> None:
        factory, actor = self.context.session_factory, self.context.actor
        company = self.ui.company.currentData() or None
        logins = tuple(self.users.values())
        operator_id, integrator = self.operator_id, self.ui.integrator.currentData()
        code, name, active = self.ui.code.text(), self.ui.name.text(), self.ui.active.isChecked()

        def work():
            if operator_id is None:
                return operators.create_operator(
                    factory, actor, integrator, code, name,
                    company_cnpj=company, user_logins=logins,
                )  # fmt: skip
            return operators.update_operator(
                factory, actor, operator_id, name=name, company_cnpj=company,
                user_logins=logins, active=active,
            )  # fmt: skip

        def saved(info) -> None:
            self.grid.reload()
            self.load(info.id)
            say(self.ui.message, "Operador salvo.")

        Operation(self, work, success=saved, refused=self.ui.message, busy=[self.ui.save]).run()

    def ask_secret(self) -> str | None:
        """The password prompt; tests replace this method."""
        text, ok = QInputDialog.getText(
            self,
            "Senha do operador",
            "Senha (fica só no cofre desta estação):",
            QLineEdit.EchoMode.Password,
        )
        return text if ok else None

    def set_secret(self) -> None:
        if self.operator_id is None:
            return
        secret = self.ask_secret()
        if not secret:
            return
        factory, actor, operator_id = (
            self.context.session_factory, self.context.actor, self.operator_id,
        )  # fmt: skip

        def stored(_) -> None:
            self._secret_state(operator_id)
            say(self.ui.message, "Senha guardada no cofre desta estação.")

        Operation(
            self,
            lambda: operators.set_operator_secret(factory, actor, operator_id, secret),
            success=stored,
            refused=self.ui.message,
            busy=[self.ui.setSecret],
        ).run()

    def ask_query(self) -> tuple[str, str] | None:
        """Code and password of Boa Vista's CSR60 query; tests replace this method."""
        code, ok = QInputDialog.getText(
            self, "Consulta CSR60", "Código do operador da consulta (SCPC):"
        )
        if not ok or not code.strip():
            return None
        password, ok = QInputDialog.getText(
            self,
            "Consulta CSR60",
            "Senha da consulta (fica só no cofre desta estação):",
            QLineEdit.EchoMode.Password,
        )
        return (code, password) if ok and password else None

    def set_query(self) -> None:
        if self.operator_id is None:
            return
        answer = self.ask_query()
        if answer is None:
            return
        factory, actor, operator_id = (
            self.context.session_factory, self.context.actor, self.operator_id,
        )  # fmt: skip
        Operation(
            self,
            lambda: operators.set_query_credentials(factory, actor, operator_id, *answer),
            success=lambda _: say(
                self.ui.message, "Código e senha da consulta CSR60 guardados (senha no cofre)."
            ),
            refused=self.ui.message,
            busy=[self.ui.setQuery],
        ).run()

    def clear_secret(self) -> None:
        if self.operator_id is None:
            return
        operators.clear_operator_secret(
            self.context.session_factory, self.context.actor, self.operator_id
        )  # the CSR60 query password goes with it
        self._secret_state(self.operator_id)
        say(self.ui.message, "Senha removida desta estação.")

    def test_connection(self) -> None:
        factory, actor, operator_id = (
            self.context.session_factory,
            self.context.actor,
            self.operator_id,
        )
        integration_id = operators.integration_of(factory, operator_id)
        if integration_id is None:
            say(
                self.ui.message,
                "Vincule o operador a uma integração para testar a conexão.",
                error=True,
            )
            return
        say(self.ui.message, "Testando…")
        self.test_task = Operation(
            self,
            lambda: bureau_config.check_connection(factory, actor, integration_id, operator_id),
            success=lambda answer: say(self.ui.message, f"Conexão bem-sucedida: {answer}"),
            refused=lambda text: say(self.ui.message, f"Falhou: {text}", True),
            busy=[self.ui.testConnection],
        ).run()
