from pathlib import Path

from gestao_negativacao.gui.app import install_portuguese
from gestao_negativacao.gui.main_window import MainWindow
from gestao_negativacao.gui.qt import QApplication, QMessageBox
from gestao_negativacao.services.importing import import_file
from tests.conftest import SAMPLE

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"


def test_main_window_shows_the_portfolio(qtbot, sqlite_db, system):
    import_file(sqlite_db.session_factory, system, SAMPLE)
    window = MainWindow(sqlite_db)
    qtbot.addWidget(window)
    window.show()
    assert window.figures["installments"].text() == "129"
    assert window.figures["open_amount"].text().startswith("R$ ")
    assert "arquivo local" in window.database_label.text()
    ARTIFACTS.mkdir(exist_ok=True)
    window.grab().save(str(ARTIFACTS / "janela_principal.png"))


def test_qt_dialogs_speak_portuguese(qtbot):
    app = QApplication.instance()
    assert install_portuguese(app) is not None
    box = QMessageBox(QMessageBox.Icon.Question, "t", "x", QMessageBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.Cancel).text() == "Cancelar"
