"""The two-list picker: available on the left, chosen on the right, with a search field
that filters both as the user types."""

from __future__ import annotations

from gestao_negativacao.gui.qt import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)


class TwoLists(QWidget):
    """Signals: ``changed()`` when the chosen list changes."""

    changed = Signal()

    def __init__(
        self,
        left_title: str = "Disponíveis",
        right_title: str = "Escolhidos",
        parent=None,
        *,
        ordered: bool = False,
    ) -> None:
        super().__init__(parent)
        self.labels: dict[str, str] = {}  # value → what the user reads
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Buscar…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(f"Buscar em {left_title}")
        layout.addWidget(self.search)
        grid = QGridLayout()
        grid.addWidget(QLabel(left_title), 0, 0)
        grid.addWidget(QLabel(right_title), 0, 2)
        self.available = QListWidget(self)
        self.chosen = QListWidget(self)
        self.available.setAccessibleName(left_title)
        self.chosen.setAccessibleName(right_title)
        for view in (self.available, self.chosen):
            view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        grid.addWidget(self.available, 1, 0)
        buttons = QVBoxLayout()
        self.add_button = QPushButton("→", self)
        self.add_button.setToolTip("Incluir os selecionados")
        self.remove_button = QPushButton("←", self)
        self.remove_button.setToolTip("Tirar os selecionados")
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        if ordered:  # the chosen order matters (operators are tried in it)
            self.up_button = QPushButton("↑", self)
            self.up_button.setToolTip("Subir o selecionado")
            self.down_button = QPushButton("↓", self)
            self.down_button.setToolTip("Descer o selecionado")
            buttons.addWidget(self.up_button)
            buttons.addWidget(self.down_button)
            self.up_button.clicked.connect(lambda: self.move_chosen(-1))
            self.down_button.clicked.connect(lambda: self.move_chosen(1))
        buttons.addStretch(1)
        grid.addLayout(buttons, 1, 1)
        grid.addWidget(self.chosen, 1, 2)
        layout.addLayout(grid)
        self.add_button.clicked.connect(lambda: self._move(self.available, self.chosen))
        self.remove_button.clicked.connect(lambda: self._move(self.chosen, self.available))
        self.available.itemDoubleClicked.connect(
            lambda _item: self._move(self.available, self.chosen)
        )
        self.chosen.itemDoubleClicked.connect(lambda _item: self._move(self.chosen, self.available))
        self.search.textChanged.connect(self._filter)

    def set_items(self, items: dict[str, str], chosen: list[str]) -> None:
        """``items``: value → label, every candidate; ``chosen``: values in order."""
        self.labels = dict(items)
        self.available.clear()
        self.chosen.clear()
        for value in chosen:
            self._add(self.chosen, value)
        for value in items:
            if value not in chosen:
                self._add(self.available, value)
        self._filter(self.search.text())

    def _add(self, view: QListWidget, value: str) -> None:
        view.addItem(self.labels.get(value, value))
        view.item(view.count() - 1).setData(256, value)  # Qt.UserRole

    def values(self) -> list[str]:
        return [self.chosen.item(i).data(256) for i in range(self.chosen.count())]

    def choose(self, values: list[str]) -> None:
        """Move these values to the chosen list (what a user's clicks would do)."""
        for value in values:
            for i in range(self.available.count()):
                if self.available.item(i).data(256) == value:
                    self.available.item(i).setSelected(True)
        self._move(self.available, self.chosen)

    def _move(self, source: QListWidget, target: QListWidget) -> None:
        moved = False
        for item in source.selectedItems():
            value = item.data(256)
            source.takeItem(source.row(item))
            self._add(target, value)
            moved = True
        if moved:
            self.changed.emit()

    def move_chosen(self, step: int) -> None:
        row = self.chosen.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.chosen.count():
            return
        item = self.chosen.takeItem(row)
        self.chosen.insertItem(target, item)
        self.chosen.setCurrentRow(target)
        self.changed.emit()

    def _filter(self, text: str) -> None:
        needle = text.strip().lower()
        for view in (self.available, self.chosen):
            for i in range(view.count()):
                item = view.item(i)
                item.setHidden(bool(needle) and needle not in item.text().lower())
