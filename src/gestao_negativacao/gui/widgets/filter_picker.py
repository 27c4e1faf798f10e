"""Participam / Não participam of a rule, per dimension (companies, enterprises, customers,
sales): a search-as-you-type box that asks the database for a page of matches, and the two
lists the matches are added to."""

from __future__ import annotations

from collections.abc import Callable

from gestao_negativacao.gui.qt import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    Qt,
    QTabWidget,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from gestao_negativacao.gui.tasks import run_task

VALUE = Qt.ItemDataRole.UserRole
Search = Callable[[str, str], list[tuple[str, str]]]  # (dimension, text) → (value, label)
Labels = Callable[[str, list[str]], dict[str, str]]


def _values(view: QListWidget) -> list[str]:
    return [view.item(i).data(VALUE) for i in range(view.count())]


class DimensionPicker(QWidget):
    def __init__(self, dimension: str, search: Search, parent=None) -> None:
        super().__init__(parent)
        self.dimension = dimension
        self._search = search
        grid = QGridLayout(self)
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("Buscar por nome, documento ou código…")
        self.query.setMinimumWidth(  # the hint whole: it says what may be typed
            self.query.fontMetrics().horizontalAdvance(self.query.placeholderText()) + 40
        )
        self.query.setClearButtonEnabled(True)
        grid.addWidget(self.query, 0, 0)
        grid.addWidget(QLabel("Participam"), 0, 2)
        grid.addWidget(QLabel("Não participam"), 0, 3)
        self.matches = QListWidget(self)
        self.include = QListWidget(self)
        self.exclude = QListWidget(self)
        self.query.setAccessibleName(f"Buscar {dimension}")
        self.matches.setAccessibleName("Encontrados")
        self.include.setAccessibleName("Participam")
        self.exclude.setAccessibleName("Não participam")
        for view in (self.matches, self.include, self.exclude):
            view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
            view.setMinimumWidth(120)  # the three lists share the width of the form
        grid.addWidget(self.matches, 1, 0)
        buttons = QVBoxLayout()
        self.to_include = QPushButton("Participam →", self)
        self.to_exclude = QPushButton("Não participam →", self)
        self.remove = QPushButton("← Tirar", self)
        for button in (self.to_include, self.to_exclude, self.remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        grid.addLayout(buttons, 1, 1)
        grid.addWidget(self.include, 1, 2)
        grid.addWidget(self.exclude, 1, 3)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.run_search)
        self.query.textChanged.connect(lambda _t: self._timer.start())
        self.to_include.clicked.connect(lambda: self._add(self.include))
        self.to_exclude.clicked.connect(lambda: self._add(self.exclude))
        self.remove.clicked.connect(self._remove)

    def run_search(self) -> None:
        text, dimension = self.query.text(), self.dimension
        if not text.strip():
            self.matches.clear()
            return
        self.search_task = run_task(
            lambda task: self._search(dimension, text), on_done=self._show_matches
        )

    def _show_matches(self, found: list[tuple[str, str]]) -> None:
        self.matches.clear()
        for value, label in found:
            self._append(self.matches, value, label)

    @staticmethod
    def _append(view: QListWidget, value: str, label: str) -> None:
        if value in _values(view):
            return
        view.addItem(label)
        view.item(view.count() - 1).setData(VALUE, value)

    def _add(self, target: QListWidget) -> None:
        other = self.exclude if target is self.include else self.include
        for item in self.matches.selectedItems():
            value = item.data(VALUE)
            for i in reversed(range(other.count())):  # a value is on one side only
                if other.item(i).data(VALUE) == value:
                    other.takeItem(i)
            self._append(target, value, item.text())

    def _remove(self) -> None:
        for view in (self.include, self.exclude):
            for item in view.selectedItems():
                view.takeItem(view.row(item))

    def set_values(self, include: dict[str, str], exclude: dict[str, str]) -> None:
        for view, values in ((self.include, include), (self.exclude, exclude)):
            view.clear()
            for value, label in values.items():
                self._append(view, value, label)

    def values(self) -> tuple[list[str], list[str]]:
        return _values(self.include), _values(self.exclude)


class FilterPicker(QTabWidget):
    def __init__(self, dimensions: dict[str, str], search: Search, labels: Labels, parent=None):
        super().__init__(parent)
        self._labels = labels
        self.pickers: dict[str, DimensionPicker] = {}
        for dimension, title in dimensions.items():
            picker = DimensionPicker(dimension, search, self)
            self.pickers[dimension] = picker
            self.addTab(picker, title)

    def to_json(self) -> dict:
        include, exclude = {}, {}
        for dimension, picker in self.pickers.items():
            chosen, left_out = picker.values()
            if chosen:
                include[dimension] = chosen
            if left_out:
                exclude[dimension] = left_out
        return {"include": include, "exclude": exclude}

    def from_json(self, doc: dict) -> None:
        for dimension, picker in self.pickers.items():
            include = doc.get("include", {}).get(dimension, [])
            exclude = doc.get("exclude", {}).get(dimension, [])
            names = self._labels(dimension, [*include, *exclude])
            picker.set_values(
                {v: names.get(v, v) for v in include}, {v: names.get(v, v) for v in exclude}
            )
