"""Painel: for now the portfolio in figures (the dashboard of negativations, deadlines and
charts comes with the sending screens)."""

from __future__ import annotations

from gestao_negativacao.domain.money import format_brl
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.messages import show_error
from gestao_negativacao.gui.qt import QFormLayout, QLabel, QVBoxLayout, QWidget
from gestao_negativacao.gui.tasks import run_task
from gestao_negativacao.services.portfolio import summary

FIGURES = (
    ("companies", "Empresas:"),
    ("customers", "Clientes:"),
    ("sales", "Vendas:"),
    ("installments", "Parcelas:"),
    ("open_amount", "Saldo em aberto:"),
)


class PanelPage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Painel</h2>"))
        form = QFormLayout()
        self.figures: dict[str, QLabel] = {}
        for key, text in FIGURES:
            self.figures[key] = QLabel("…")
            form.addRow(text, self.figures[key])
        layout.addLayout(form)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        factory = self.context.session_factory
        run_task(
            lambda task: summary(factory),
            on_done=self._show,
            on_failed=lambda error: show_error(self, "Painel", error),
        )

    def _show(self, figures) -> None:
        for key in ("companies", "customers", "sales", "installments"):
            self.figures[key].setText(f"{getattr(figures, key):,}".replace(",", "."))
        self.figures["open_amount"].setText(format_brl(figures.open_amount))
