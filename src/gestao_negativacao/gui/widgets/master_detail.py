"""The layout every list-and-form screen shares (Operadores, Integrações, Regras, Usuários,
Agendamentos): the list on the left with its buttons on top, the form on the right, a
splitter between them."""

from __future__ import annotations

from gestao_negativacao.gui.qt import (
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from gestao_negativacao.gui.widgets.grid import Grid
from gestao_negativacao.services.listing import PagedQuery


class ListPane(QWidget):
    """``new_button`` first, then ``buttons``, on a row above the ``grid``."""

    def __init__(
        self,
        source: PagedQuery,
        key: str,
        new_label: str,
        *,
        buttons: tuple[QPushButton, ...] = (),
        grid_stretch: int = 1,
    ) -> None:
        super().__init__()
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.new_button = QPushButton(new_label, self)
        for button in (self.new_button, *buttons):
            row.addWidget(button)
        row.addStretch(1)
        self.column.addLayout(row)
        self.grid = Grid(source, key, self)
        self.column.addWidget(self.grid, grid_stretch)


def split(page: QWidget, left: QWidget, right: QWidget, sizes: list[int]) -> QSplitter:
    """``left`` and ``right`` side by side, filling ``page``."""
    layout = QVBoxLayout(page)
    splitter = QSplitter(page)
    splitter.addWidget(left)
    splitter.addWidget(right)
    layout.addWidget(splitter)
    splitter.setSizes(sizes)
    return splitter
