"""Errors shown as a clerk understands them, with the details one click away (never a
secret: services' messages carry none, and the traceback stays in the log)."""

from __future__ import annotations

import logging

from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.gui.qt import QDialogButtonBox, QMessageBox, QWidget
from gestao_negativacao.services.errors import (
    describe_database_error,
    is_database_error,
    is_permission_refused,
    server_refusal,
)

log = logging.getLogger(__name__)


UNEXPECTED = "Erro inesperado; o detalhe foi gravado no log. Informe o suporte."


def user_message(error: BaseException) -> str:
    """A refusal's own words (``UserFacingError``); a database failure classified; anything
    else is a bug, said as such (its text may be code's, never a clerk's)."""
    if isinstance(error, UserFacingError):
        return str(error).strip() or UNEXPECTED
    if isinstance(error, OSError):  # a file: the folder, the disk, another program holding it
        where = f" {error.filename}" if error.filename else ""
        reason = error.strerror or type(error).__name__
        if isinstance(error, PermissionError):
            reason += " (o arquivo pode estar aberto em outro programa, como o Excel)"
        return f"Não foi possível usar o arquivo{where}: {reason}."
    if is_database_error(error) and is_permission_refused(error):
        return (
            "O servidor de banco de dados não permite esta ação ao seu usuário "
            f"({server_refusal(error)})."
        )
    if is_database_error(error):
        return describe_database_error(error)
    return UNEXPECTED


def show_error(parent: QWidget | None, title: str, error: BaseException) -> QMessageBox:
    """A non-blocking message box (tests read it; the window keeps working)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, user_message(error), parent=parent)
    box.setDetailedText(f"{type(error).__name__}: {user_message(error)}")
    box.setObjectName("errorBox")
    box.open()
    return box


def inform(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, parent=parent)
    box.setObjectName("infoBox")
    box.open()
    return box


def confirmation(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    do: str,
    dont: str = "Cancelar",
    destructive: bool = False,
) -> QMessageBox:
    """A question whose buttons say what they do ("Excluir" / "Cancelar", never Yes/No,
    whatever Qt's translation): the clerk reads the verb, not the question again. For
    what cannot be undone, Cancelar is the default (Enter does not delete)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setObjectName("confirmationBox")
    yes = box.addButton(do, QMessageBox.ButtonRole.AcceptRole)
    no = box.addButton(dont, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(no if destructive else yes)
    box.setEscapeButton(no)
    box.setProperty("do", yes)  # found again by whoever shows it
    return box


def ask(parent: QWidget | None, title: str, text: str, **buttons) -> bool:
    """``confirmation`` shown and waited for: True when the clerk chose ``do``."""
    box = confirmation(parent, title, text, **buttons)
    box.exec()
    return box.clickedButton() is box.property("do")


def name_buttons(buttons: QDialogButtonBox) -> None:
    """A dialog's standard buttons in Portuguese on any machine (Qt's translation may be
    missing from an installation; a clerk must never read "Cancel")."""
    words = {
        QDialogButtonBox.StandardButton.Ok: "OK",
        QDialogButtonBox.StandardButton.Cancel: "Cancelar",
        QDialogButtonBox.StandardButton.Save: "Salvar",
        QDialogButtonBox.StandardButton.Close: "Fechar",
        QDialogButtonBox.StandardButton.Yes: "Sim",
        QDialogButtonBox.StandardButton.No: "Não",
    }
    for standard, word in words.items():
        button = buttons.button(standard)
        if button is not None:
            button.setText(word)


def say(label, text: str, error: bool = False) -> None:
    """A screen's own message line: red for a refusal, green for a success."""
    from gestao_negativacao.gui.look import tone

    label.setStyleSheet(f"color: {tone('error' if error else 'success')};")
    label.setText(text)
