"""Which database this workstation uses: the local SQLite file or a shared PostgreSQL /
MariaDB server, and how the link is protected (TLS). "Testar conexão" asks the server off
the window's thread — with a login typed only for the test — and says whether the link is
encrypted; "Salvar" keeps the address and TLS settings in the data folder, never a login
or a password (each user logs in with their own)."""

from __future__ import annotations

from sqlalchemy import URL

from gestao_negativacao.gui.forms.ui_connection import Ui_ConnectionDialog
from gestao_negativacao.gui.messages import name_buttons, user_message
from gestao_negativacao.gui.qt import QDialog, QDialogButtonBox, QWidget
from gestao_negativacao.gui.tasks import run_task
from gestao_negativacao.services.admin import connection


class ConnectionDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ConnectionDialog()
        self.ui.setupUi(self)
        name_buttons(self.ui.buttons)  # Portuguese whatever Qt's translation
        for kind, (label, _port) in connection.KINDS.items():
            self.ui.kind.addItem(label, kind)
        for mode, label in connection.TLS_MODES.items():
            self.ui.tls.addItem(label, mode)
        self.ui.kind.currentIndexChanged.connect(self._kind_changed)
        self.ui.local.toggled.connect(self._mode_changed)
        self.ui.test.clicked.connect(self.test)
        self.save_button = self.ui.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Salvar")
        self.ui.buttons.accepted.connect(self.save)
        self.ui.buttons.rejected.connect(self.reject)
        self._show(connection.saved_url())

    def _show(self, url: URL | None) -> None:
        if url is None:
            self.ui.local.setChecked(True)
        else:
            self.ui.server.setChecked(True)
            backend = url.get_backend_name()
            self.ui.kind.setCurrentIndex(max(0, self.ui.kind.findData(backend)))
            self.ui.host.setText(url.host or "")
            self.ui.port.setValue(url.port or connection.KINDS[backend][1])
            self.ui.databaseName.setText(url.database or "")
            saved = connection.Saved(url)
            self.ui.tls.setCurrentIndex(max(0, self.ui.tls.findData(saved.tls)))
            self.ui.caFile.setText(saved.ca_file)
        self._mode_changed()

    def _kind_changed(self) -> None:
        self.ui.port.setValue(connection.KINDS[self.ui.kind.currentData()][1])

    def _mode_changed(self) -> None:
        self.ui.serverBox.setEnabled(self.ui.server.isChecked())
        self.ui.test.setEnabled(self.ui.server.isChecked())

    def chosen_url(self) -> URL | None:
        if self.ui.local.isChecked():
            return None
        return connection.server_url(
            self.ui.kind.currentData(),
            self.ui.host.text(),
            self.ui.port.value(),
            self.ui.databaseName.text(),
            self.ui.tls.currentData(),
            self.ui.caFile.text(),
        )

    def test(self) -> None:
        try:
            url = self.chosen_url()
        except connection.ConnectionProblem as exc:
            self.ui.result.setText(str(exc))
            return
        self.ui.test.setEnabled(False)
        self.ui.result.setText("Testando…")
        if url is not None and self.ui.user.text().strip():
            url = connection.with_login(url, self.ui.user.text().strip(), self.ui.password.text())
        self.test_task = run_task(
            lambda task: connection.check(url),
            on_done=lambda result: self._tested(result.message),
            on_failed=lambda error: self._tested(user_message(error)),
        )

    def _tested(self, text: str) -> None:
        self.ui.test.setEnabled(True)
        self.ui.result.setText(text)

    def save(self) -> None:
        try:
            connection.save(self.chosen_url())
        except (connection.ConnectionProblem, ValueError) as exc:
            self.ui.result.setText(user_message(exc))
            return
        self.accept()
