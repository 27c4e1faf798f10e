"""Application start-up: Qt in Portuguese, the database opened (and migrated) — with the
connection dialog when it cannot be —, the first administrator created on a new database,
the login, then the main window."""

from __future__ import annotations

import sys

from sqlalchemy.exc import SQLAlchemyError

from gestao_negativacao import __version__
from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.gui.qt import (
    QApplication,
    QDialog,
    QLibraryInfo,
    QLocale,
    QMessageBox,
    QThreadPool,
    QTimer,
    QTranslator,
)
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
    """The database, or a message saying why not (the server down, the file locked, the
    schema too new) instead of vanishing; a bug still reaches the crash dialog."""
    try:
        return open_database(url)
    except UserFacingError as exc:
        QMessageBox.critical(None, "Banco de dados", str(exc))
    except (SQLAlchemyError, OSError) as exc:
        QMessageBox.critical(None, "Banco de dados", describe_database_error(exc))
    return None


def sign_in(url: str | None):
    """(database, actor) after the first access or the login; None when the user gave up.
    The user may switch database from the login (or when the database cannot be opened)."""
    from gestao_negativacao.gui.dialogs.connection import ConnectionDialog
    from gestao_negativacao.gui.dialogs.first_run import FirstRunDialog
    from gestao_negativacao.gui.dialogs.login import CHANGE_DATABASE, LoginDialog
    from gestao_negativacao.services.admin.connection import target as database_target
    from gestao_negativacao.services.admin.user_changes import has_users

    while True:
        try:
            target = database_target(url)
        except UserFacingError as exc:
            QMessageBox.critical(None, "Banco de dados", str(exc))
            return None
        if target.is_server:
            # a server: the login window opens it with the user's own login
            dialog = LoginDialog(server_url=target.url, where=target.description)
            result = dialog.exec()
            if result == QDialog.DialogCode.Accepted and dialog.actor is not None:
                return dialog.db, dialog.actor
            if result != CHANGE_DATABASE or url is not None:
                return None
            ConnectionDialog().exec()
            continue
        db = open_or_explain(url)
        if db is None:
            if url is not None or ConnectionDialog().exec() != QDialog.DialogCode.Accepted:
                return None
            continue
        dialog = LoginDialog(db) if has_users(db.session_factory) else FirstRunDialog(db)
        result = dialog.exec()
        if result == QDialog.DialogCode.Accepted and dialog.actor is not None:
            return db, dialog.actor
        db.dispose()
        if result != CHANGE_DATABASE or url is not None:
            return None  # --database fixes the database: nothing to switch
        ConnectionDialog().exec()


def _application() -> QApplication:
    from gestao_negativacao.gui import crash, look
    from gestao_negativacao.logs import configure_file_logging

    configure_file_logging()
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Gestão de Negativação")
    app.setApplicationVersion(__version__)
    install_portuguese(app)
    look.apply(app)  # Windows 11 style on Windows, Fusion with the system's colours elsewhere
    crash.install()
    return app


def smoke(database_url: str | None = None, seconds: float = 1.0) -> int:
    """Start-up check of an installed (or frozen) program: open the database, build the
    main window with every screen the system operator may see, show it, and leave."""
    from gestao_negativacao.gui.context import Context
    from gestao_negativacao.gui.main_window import MainWindow
    from gestao_negativacao.services.actor import Actor

    app = _application()
    db = open_or_explain(database_url)
    if db is None:
        return 2
    window = MainWindow(Context(db, Actor.system()))
    window.show()
    for title in window.titles:
        window.open_section(title)
    QTimer.singleShot(int(seconds * 1000), app.quit)
    try:
        app.exec()
    finally:
        QThreadPool.globalInstance().waitForDone(10_000)
        window.close()
        db.dispose()
    print(f"ok: {len(window.titles)} telas abertas em {db.description}")
    return 0


def run(database_url: str | None = None) -> int:
    app = _application()
    signed = sign_in(database_url)
    if signed is None:
        return 0
    db, actor = signed
    from gestao_negativacao.gui.context import Context
    from gestao_negativacao.gui.main_window import MainWindow

    window = MainWindow(Context(db, actor))
    window.show()
    try:
        return app.exec()
    finally:
        # let background reads finish before Python tears Qt down (a task still running
        # at interpreter exit crashes the process on its way out)
        QThreadPool.globalInstance().waitForDone(10_000)
        db.dispose()
