"""One table model for every list (STYLE habit 4): rows come from a ``PagedQuery`` a page
at a time, as the user scrolls (``fetchMore``); sorting by a header is an ORDER BY in the
database; the count and every page are read off the window's thread. Only the rows
fetched so far are held, never the whole list."""

from __future__ import annotations

from typing import Any

from gestao_negativacao.domain.display import show
from gestao_negativacao.gui.qt import QAbstractTableModel, QModelIndex, Qt, Signal
from gestao_negativacao.gui.tasks import run_task
from gestao_negativacao.services.listing import PagedQuery

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
RAW_ROLE = Qt.ItemDataRole.UserRole + 1  # the value as read, for code that needs it


class PagedTableModel(QAbstractTableModel):
    """Signals: ``count_changed(int)`` when the total under the filter is known,
    ``loading_changed(bool)``, ``failed(object)`` when the database could not answer."""

    count_changed = Signal(int)
    loading_changed = Signal(bool)
    failed = Signal(object)
    PAGE = 200

    def __init__(self, source: PagedQuery, parent=None) -> None:
        super().__init__(parent)
        self.source = source
        self.columns = source.columns
        self._rows: list[tuple[Any, ...]] = []
        self.total = 0
        self.filter_text = ""
        self.order_by: str | None = None
        self.descending = False
        self._generation = 0
        self._loading = False

    # -- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        """Count and first page again (filter or order changed, or the data did)."""
        self._generation += 1
        generation = self._generation
        text, order, descending = self.filter_text, self.order_by, self.descending

        def work(task):
            rows = self.source.page(0, self.PAGE, order_by=order, descending=descending, text=text)
            total = len(rows) if len(rows) < self.PAGE else self.source.count(text)
            return generation, total, rows

        self._set_loading(True)
        # bound methods, not lambdas: Qt drops the connection when this model is deleted
        # (a screen that searched again) before the answer arrives
        run_task(work, on_done=self._loaded, on_failed=self._failed)

    def _loaded(self, result: tuple) -> None:
        generation, total, rows = result
        if generation != self._generation:
            return  # an older question: the user typed on meanwhile
        self.beginResetModel()
        self._rows = rows
        self.total = total
        self.endResetModel()
        self._set_loading(False)
        self.count_changed.emit(total)

    def _failed(self, error: BaseException) -> None:
        self._set_loading(False)
        self.failed.emit(error)

    def _set_loading(self, loading: bool) -> None:
        self._loading = loading
        self.loading_changed.emit(loading)

    @property
    def loading(self) -> bool:
        return self._loading

    def set_filter(self, text: str) -> None:
        self.filter_text = text
        self.reload()

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and not self._loading and len(self._rows) < self.total

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        generation = self._generation
        offset = len(self._rows)
        text, order, descending = self.filter_text, self.order_by, self.descending

        def work(task):
            rows = self.source.page(
                offset, self.PAGE, order_by=order, descending=descending, text=text
            )
            return generation, offset, rows

        self._set_loading(True)
        run_task(work, on_done=self._appended, on_failed=self._failed)

    def _appended(self, result: tuple) -> None:
        generation, offset, rows = result
        self._set_loading(False)
        if generation != self._generation or offset != len(self._rows) or not rows:
            return
        self.beginInsertRows(QModelIndex(), offset, offset + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    # -- Qt's model interface -------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        column = self.columns[index.column()]
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return show(value, column.kind)
        if role == Qt.ItemDataRole.TextAlignmentRole and column.kind in ("money", "number"):
            return int(RIGHT.value)
        if role == RAW_ROLE:
            return value
        return None

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.columns)
        ):
            return self.columns[section].title
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        order_by, descending = self.columns[column].key, order == Qt.SortOrder.DescendingOrder
        if (order_by, descending) == (self.order_by, self.descending):
            return  # the view repeats the current order (sorting switched on, state restored)
        self.order_by, self.descending = order_by, descending
        if self._generation:  # before the first load, only remember it
            self.reload()

    def row_values(self, row: int) -> tuple[Any, ...]:
        return self._rows[row]


class CheckableModel(PagedTableModel):
    """The same model with a check box in the first column. "Selecionar todos" selects the
    whole result as a query (rows not yet fetched included); unticking a row then leaves it
    out. Signal: ``checks_changed()``."""

    checks_changed = Signal()

    def __init__(self, source, key_of, parent=None) -> None:
        super().__init__(source, parent)
        self.key_of = key_of  # row → the key sent (hashable)
        self.all_selected = False
        self.toggled: set = set()  # ticked (or, when all are selected, unticked) keys

    def reload(self) -> None:
        self.all_selected = False
        self.toggled = set()
        super().reload()
        self.checks_changed.emit()

    def is_checked(self, row: int) -> bool:
        key = self.key_of(self.row_values(row))
        return (key in self.toggled) != self.all_selected

    def flags(self, index):
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.CheckStateRole and index.isValid() and index.column() == 0:
            if index.row() >= self.rowCount():
                return None
            checked = self.is_checked(index.row())
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column():
            return False
        key = self.key_of(self.row_values(index.row()))
        self.toggled.symmetric_difference_update({key})
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checks_changed.emit()
        return True

    def select_all(self, selected: bool) -> None:
        self.all_selected = selected
        self.toggled = set()
        if self.rowCount():
            self.dataChanged.emit(
                self.index(0, 0),
                self.index(self.rowCount() - 1, 0),
                [Qt.ItemDataRole.CheckStateRole],
            )
        self.checks_changed.emit()

    def checked_count(self) -> int:
        return self.total - len(self.toggled) if self.all_selected else len(self.toggled)

    def checked_rows(self) -> list:
        """The fetched rows that are ticked (all ticked rows are fetched unless all are)."""
        return [self.row_values(r) for r in range(self.rowCount()) if self.is_checked(r)]
