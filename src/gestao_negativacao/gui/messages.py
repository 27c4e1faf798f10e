"""Errors shown as a clerk understands them, with the details one click away (never a
secret: services' messages carry none, and the traceback stays in the log)."""

from __future__ import annotations

import logging

from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.gui.qt import QMessageBox, QWidget
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


def say(label, text: str, error: bool = False) -> None:
    """A screen's own message line: red for a refusal, green for a success."""
    label.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")
    label.setText(text)
