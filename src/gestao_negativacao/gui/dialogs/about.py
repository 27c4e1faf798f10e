"""Sobre: the version, the database (kind and schema version), Qt and Python — what
support asks for first."""

from __future__ import annotations

import platform
import sys

from gestao_negativacao import __version__
from gestao_negativacao.gui.qt import QMessageBox, QWidget, qVersion
from gestao_negativacao.logs import log_file
from gestao_negativacao.services.database import Database


def about_text(db: Database) -> str:
    schema = db.schema_revision() or "indisponível"
    return (
        f"<h3>Gestão de Negativação {__version__}</h3>"
        f"<p>Banco de dados: {db.description}<br>"
        f"Versão do esquema do banco: {schema}<br>"
        f"Qt {qVersion()} · Python {platform.python_version()} ({sys.platform})<br>"
        f"Log: {log_file()}</p>"
    )


def show_about(parent: QWidget | None, db: Database) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, "Sobre", about_text(db), parent=parent)
    box.setObjectName("aboutBox")
    box.open()
    return box
