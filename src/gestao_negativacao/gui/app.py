"""Application start-up: Qt in Portuguese, the database opened (and migrated), the window."""

from __future__ import annotations

import sys

from gestao_negativacao import __version__
from gestao_negativacao.db.engine import DatabaseConfigError
from gestao_negativacao.gui.qt import QApplication, QLibraryInfo, QLocale, QMessageBox, QTranslator
from gestao_negativacao.services.database import Database, open_database
from gestao_negativacao.services.errors import describe_database_error


def install_portuguese(app: QApplication) -> QTranslator | None:
    """Qt's own dialogs (buttons, file pickers) in Brazilian Portuguese."""
    QLocale.setDefault(QLocale(QLocale.Language.Portuguese, QLocale.Country.Brazil))
    translator = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_pt_BR", path):
        app.installTranslator(translator)
        return translator
    return None


def open_or_explain(url: str | None) -> Database | None:
    try:
        return open_database(url)
    except DatabaseConfigError as exc:
        QMessageBox.critical(None, "Banco de dados", str(exc))
    except Exception as exc:  # server down, file locked: say so instead of vanishing
        QMessageBox.critical(None, "Banco de dados", describe_database_error(exc))
    return None


def run(database_url: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Gestão de Negativação")
    app.setApplicationVersion(__version__)
    install_portuguese(app)
    db = open_or_explain(database_url)
    if db is None:
        return 2
    from gestao_negativacao.gui.main_window import MainWindow

    window = MainWindow(db)
    window.show()
    try:
        return app.exec()
    finally:
        db.dispose()
