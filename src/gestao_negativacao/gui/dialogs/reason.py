"""Asking a person for a reason (Baixa manual, Conferida, Retirar bloqueio): the OK button
waits until something is written, so an empty reason is never sent and refused afterwards
in a status line, and what was typed is never lost to a closed dialog."""

from __future__ import annotations

from gestao_negativacao.gui.qt import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class ReasonDialog(QDialog):
    def __init__(self, parent: QWidget | None, title: str, question: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        self.question = QLabel(question, self)
        self.question.setWordWrap(True)
        layout.addWidget(self.question)
        self.text = QLineEdit(self)
        self.text.setAccessibleName(title)
        self.question.setBuddy(self.text)
        layout.addWidget(self.text)
        self.hint = QLabel("O motivo fica no histórico e na auditoria.", self)
        layout.addWidget(self.hint)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Cancelar")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.text.textChanged.connect(self._check)
        self._check()

    def _check(self) -> None:
        self.ok.setEnabled(bool(self.text.text().strip()))


def ask_reason(parent: QWidget | None, title: str, question: str) -> str | None:
    """The reason written, or None when the person gave up."""
    dialog = ReasonDialog(parent, title, question)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.text.text().strip()
