"""One table model for every list (STYLE habit 4). The model has as many rows as the list
(a million if need be); a page of rows is read from the ``PagedQuery`` off the window's
thread when the view first shows one of its rows, so scrolling, paging back or jumping to
the end each read just the page shown. Only the last pages shown are held (``KEEP_PAGES``),
never the whole list. Sorting by a header is an ORDER BY in the database."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from gestao_negativacao.domain.display import show
from gestao_negativacao.gui.qt import QAbstractTableModel, QModelIndex, Qt, Signal
from gestao_negativacao.gui.tasks import run_task
from gestao_negativacao.services.listing import PagedQuery

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
RAW_ROLE = Qt.ItemDataRole.UserRole + 1  # the value as read, for code that needs it


class PagedTableModel(QAbstractTableModel):
    """Signals: ``count_changed(int)`` when the total under the filter is known,
    ``loading_changed(bool)``, ``failed(object)`` when the database could not answer,
    ``page_loaded(int)`` when a page beyond the first arrived, ``refreshed()`` when a
    ``refresh`` has put the rows read again in place."""

    count_changed = Signal(int)
    refreshed = Signal()
    loading_changed = Signal(bool)
    failed = Signal(object)
    page_loaded = Signal(int)
    PAGE = 200
    KEEP_PAGES = 50  # 10,000 rows: memory stays flat however far one scrolls

    def __init__(self, source: PagedQuery, parent=None) -> None:
        super().__init__(parent)
        self.source = source
        self.columns = source.columns
        self._pages: OrderedDict[int, list[tuple[Any, ...]]] = OrderedDict()
        self._asked: set[int] = set()
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
        self._pages = OrderedDict({0: rows})
        self._asked = set()
        self.total = total
        self.endResetModel()
        self._set_loading(False)
        self.count_changed.emit(total)

    def refresh(self, pages: set[int]) -> None:
        """Read the same question again without starting over (the data changed at this
        or another workstation): the count and ``pages`` (the ones on screen) are read
        anew, the other pages held are dropped and read again when scrolled to, rows come
        or go at the end; the view keeps its place. Not while a read is under way: a new
        question is on its way already. ``reload`` is for a new question."""
        if self._loading or not self._generation:
            return
        self._generation += 1
        generation = self._generation
        text, order, descending = self.filter_text, self.order_by, self.descending
        wanted = sorted(pages) or [0]

        def work(task):
            total = self.source.count(text)
            read = {
                page: self.source.page(
                    page * self.PAGE, self.PAGE, order_by=order, descending=descending, text=text
                )
                for page in wanted
                if page * self.PAGE < total
            }
            return generation, total, read

        run_task(work, on_done=self._refreshed, on_failed=self._failed)

    def _refreshed(self, result: tuple) -> None:
        generation, total, read = result
        if generation != self._generation:
            return
        before = self.total
        self._pages = OrderedDict(sorted(read.items()))
        self._asked = set()
        if total > before:
            self.beginInsertRows(QModelIndex(), before, total - 1)
            self.total = total
            self.endInsertRows()
        elif total < before:
            self.beginRemoveRows(QModelIndex(), total, before - 1)
            self.total = total
            self.endRemoveRows()
        if total:
            self.dataChanged.emit(self.index(0, 0), self.index(total - 1, len(self.columns) - 1))
        self.count_changed.emit(total)
        self.refreshed.emit()

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

    def _ask(self, page: int) -> None:
        """Read ``page`` off the window's thread, once."""
        if page in self._asked or self._loading:
            return
        self._asked.add(page)
        generation = self._generation
        text, order, descending = self.filter_text, self.order_by, self.descending

        def work(task):
            rows = self.source.page(
                page * self.PAGE, self.PAGE, order_by=order, descending=descending, text=text
            )
            return generation, page, rows

        run_task(work, on_done=self._page_arrived, on_failed=self._failed)

    def _page_arrived(self, result: tuple) -> None:
        generation, page, rows = result
        self._asked.discard(page)
        if generation != self._generation:
            return
        self._pages[page] = rows
        while len(self._pages) > self.KEEP_PAGES:
            self._pages.popitem(last=False)  # the page shown longest ago
        first = page * self.PAGE
        last = min(first + self.PAGE, self.total) - 1
        if last >= first:
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(self.columns) - 1))
        self.page_loaded.emit(page)

    def is_loaded(self, row: int) -> bool:
        return row // self.PAGE in self._pages

    def load_row(self, row: int) -> None:
        """Make sure the page of ``row`` is (being) read."""
        if 0 <= row < self.total and not self.is_loaded(row):
            self._ask(row // self.PAGE)

    # -- Qt's model interface -------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= self.total:
            return None
        values = self.row_values(index.row())
        if values is None:  # not read yet: asked for, shown when it arrives
            self.load_row(index.row())
            return None
        column = self.columns[index.column()]
        value = values[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return show(value, column.kind)
        if role == Qt.ItemDataRole.ToolTipRole and column.kind == "text" and value:
            return str(value)  # the whole of a name or a reason the column cuts with "…"
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

    def row_values(self, row: int) -> tuple[Any, ...] | None:
        """The row as read, or None while its page is not (the view shows it empty)."""
        page = self._pages.get(row // self.PAGE)
        if page is None or row % self.PAGE >= len(page):
            return None
        self._pages.move_to_end(row // self.PAGE)
        return page[row % self.PAGE]

    def rows_of(self, ids: set) -> list[int]:
        """Where the rows of ``ids`` (first column) are among the rows held."""
        return [
            number * self.PAGE + offset
            for number, page in sorted(self._pages.items())
            for offset, values in enumerate(page)
            if values[0] in ids
        ]

    def loaded_rows(self) -> list[tuple[Any, ...]]:
        """The rows held now (the pages shown last), in list order."""
        return [row for _, page in sorted(self._pages.items()) for row in page]


class CheckableModel(PagedTableModel):
    """The same model with a check box in the first column. "Selecionar todos" selects the
    whole result as a query (rows not yet read included); unticking a row then leaves it
    out. The rows toggled are kept with their values, so what is ticked survives paging
    away. Signal: ``checks_changed()``."""

    checks_changed = Signal()

    def __init__(self, source, key_of, parent=None) -> None:
        super().__init__(source, parent)
        self.key_of = key_of  # row → the key sent (hashable)
        self.all_selected = False
        self.toggled: dict = {}  # key → row: ticked (or, when all are selected, unticked)

    def reload(self) -> None:
        self.all_selected = False
        self.toggled = {}
        super().reload()
        self.checks_changed.emit()

    def is_checked(self, row: int) -> bool:
        values = self.row_values(row)
        if values is None:
            return self.all_selected
        return (self.key_of(values) in self.toggled) != self.all_selected

    def flags(self, index):
        flags = super().flags(index)
        if index.isValid() and index.column() == 0:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.CheckStateRole and index.isValid() and index.column() == 0:
            if index.row() >= self.rowCount() or self.row_values(index.row()) is None:
                return None
            checked = self.is_checked(index.row())
            return Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        return super().data(index, role)

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid() or index.column():
            return False
        values = self.row_values(index.row())
        if values is None:
            return False
        key = self.key_of(values)
        if key in self.toggled:
            del self.toggled[key]
        else:
            self.toggled[key] = values
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.checks_changed.emit()
        return True

    def select_all(self, selected: bool) -> None:
        self.all_selected = selected
        self.toggled = {}
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
        """The rows ticked one by one (when not all are selected)."""
        return [] if self.all_selected else list(self.toggled.values())

    def unticked_rows(self) -> list:
        """The rows unticked after "Selecionar todos"."""
        return list(self.toggled.values()) if self.all_selected else []
