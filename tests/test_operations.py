"""Operations: the log file (rotated, documents masked), the crash dialog, the About dialog,
and an old database upgraded to the newest schema with its data kept (SQLite backed up
first)."""

import logging
import sys
from logging.handlers import RotatingFileHandler

from sqlalchemy import text

from gestao_negativacao.db.engine import make_engine
from gestao_negativacao.db.migrate import current_revision, head_revision, upgrade
from gestao_negativacao.gui import crash
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.main_window import MainWindow
from gestao_negativacao.logs import configure_file_logging, log_file
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.database import open_database


def test_the_log_file_rotates_and_masks_documents(app_home):
    path = configure_file_logging()
    assert path == log_file() and path.parent.is_relative_to(app_home)
    logging.getLogger("gestao_negativacao.teste").warning("cliente 412.248.244-58 sem endereço")
    for handler in logging.getLogger().handlers:
        handler.flush()
    written = path.read_text(encoding="utf-8")
    assert "sem endereço" in written and "412.248.244-58" not in written
    rotating = [h for h in logging.getLogger().handlers if isinstance(h, RotatingFileHandler)]
    assert rotating and rotating[0].maxBytes > 0 and rotating[0].backupCount == 10
    for handler in rotating:
        logging.getLogger().removeHandler(handler)
        handler.close()


def test_an_unhandled_exception_shows_a_dialog_and_is_logged(qtbot, app_home):
    configure_file_logging()
    try:
        raise ValueError("falhou ao ler a parcela do cliente 41224824458")
    except ValueError:
        crash.handle(*sys.exc_info())
    box = crash.shown[-1]
    qtbot.addWidget(box)
    assert box.isVisible() and str(log_file()) in box.text()
    assert "41224824458" not in box.detailedText()
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "erro inesperado na janela" in log_file().read_text(encoding="utf-8")


def test_about_names_version_database_schema_qt_and_python(qtbot, sqlite_db):
    window = MainWindow(Context(sqlite_db, Actor.system()))
    qtbot.addWidget(window)
    box = window.show_about()
    qtbot.addWidget(box)
    text_ = box.text()
    assert "Gestão de Negativação 0." in text_ and head_revision() in text_
    assert "Qt 6." in text_ and "Python 3." in text_ and "arquivo local" in text_


def test_a_database_of_the_first_schema_is_upgraded_keeping_its_data(app_home):
    path = app_home / "antigo.db"
    url = f"sqlite:///{path.as_posix()}"
    engine = make_engine(url)
    upgrade(engine, "0001")
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO companies (cnpj, name) VALUES ('29141777000158', 'Antiga')"))
    engine.dispose()
    db = open_database(url)  # what starting a newer version does
    assert current_revision(db.engine) == head_revision()
    assert db.backup is not None and db.backup.exists()
    with db.engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM companies")).scalar() == "Antiga"
    db.dispose()
