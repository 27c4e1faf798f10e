from gestao_negativacao.gui.app import install_portuguese
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.main_window import MainWindow
from gestao_negativacao.gui.qt import QApplication, QMessageBox
from gestao_negativacao.services.importing import import_file
from tests.conftest import SAMPLE
from tests.helpers import shot
from tests.sending_helpers import admin_actor


def test_main_window_shows_the_portfolio(qtbot, sqlite_db):
    admin = admin_actor(sqlite_db)
    import_file(sqlite_db.session_factory, admin, SAMPLE)
    window = MainWindow(Context(sqlite_db, admin))
    qtbot.addWidget(window)
    window.show()
    panel = window.open_section("Painel")
    qtbot.waitUntil(lambda: panel.board is not None)
    assert "0</b> negativações ativas" in panel.active.text()
    assert "arquivo local" in window.database_label.text()
    shot(window, "painel")


def test_qt_dialogs_speak_portuguese(qtbot):
    app = QApplication.instance()
    assert install_portuguese(app) is not None
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x", QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Cancelar"
