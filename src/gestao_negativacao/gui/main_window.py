"""Main window. For now it shows where the data is and what the portfolio holds; the
navigation and screens of DESIGN §11 arrive with the desktop-application issues."""

from __future__ import annotations

from gestao_negativacao import __version__
from gestao_negativacao.domain.money import format_brl
from gestao_negativacao.gui.qt import QFormLayout, QLabel, QMainWindow, QVBoxLayout, QWidget
from gestao_negativacao.services.database import Database
from gestao_negativacao.services.portfolio import summary


class MainWindow(QMainWindow):
    def __init__(self, db: Database) -> None:
        super().__init__()
        self.db = db
        self.setWindowTitle(f"Gestão de Negativação {__version__}")
        central = QWidget(self)
        layout = QVBoxLayout(central)
        title = QLabel("<h2>Gestão de Negativação</h2>")
        layout.addWidget(title)
        form = QFormLayout()
        self.database_label = QLabel(db.description)
        form.addRow("Banco de dados:", self.database_label)
        self.figures: dict[str, QLabel] = {}
        for key, text in (
            ("companies", "Empresas:"),
            ("customers", "Clientes:"),
            ("sales", "Vendas:"),
            ("installments", "Parcelas:"),
            ("open_amount", "Saldo em aberto:"),
        ):
            self.figures[key] = QLabel("")
            form.addRow(text, self.figures[key])
        layout.addLayout(form)
        layout.addStretch(1)
        self.setCentralWidget(central)
        self.statusBar().showMessage(db.description)
        self.resize(640, 360)
        self.refresh()

    def refresh(self) -> None:
        figures = summary(self.db.session_factory)
        for key in ("companies", "customers", "sales", "installments"):
            self.figures[key].setText(f"{getattr(figures, key):,}".replace(",", "."))
        self.figures["open_amount"].setText(format_brl(figures.open_amount))
