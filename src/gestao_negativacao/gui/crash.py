"""An unhandled exception in the window does not make it vanish: it is written to the log
(documents masked) and a dialog says what happened and where the log is."""

from __future__ import annotations

import logging
import sys
import traceback

from gestao_negativacao.gui.messages import user_message
from gestao_negativacao.gui.qt import QApplication, QMessageBox
from gestao_negativacao.logs import log_file, mask_documents

log = logging.getLogger("gestao_negativacao.falha")
shown: list[QMessageBox] = []  # the boxes opened, kept alive (and read by the tests)


def handle(kind, error, tb) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, tb)
        return
    details = "".join(traceback.format_exception(kind, error, tb))
    log.error("erro inesperado na janela:\n%s", details)
    if QApplication.instance() is None:
        return
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "Erro inesperado",
        "Aconteceu um erro inesperado; o que você estava fazendo pode não ter sido concluído.\n\n"
        f"{user_message(error)}\n\nO detalhe foi gravado no log:\n{log_file()}\n"
        "Envie esse arquivo ao suporte.",
    )
    box.setDetailedText(mask_documents(details))
    box.setObjectName("crashBox")
    shown.append(box)
    box.open()


def install() -> None:
    sys.excepthook = handle
