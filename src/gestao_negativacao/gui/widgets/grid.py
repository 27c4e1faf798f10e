"""A list as every screen shows one: a filter field, the table (sorted by its headers in the
database, fetched as it scrolls), "N registros", and export of what is shown to CSV or
XLSX. Column widths are remembered per list."""

from __future__ import annotations

import zlib
from pathlib import Path

from gestao_negativacao.gui import settings
from gestao_negativacao.gui.messages import inform, show_error
from gestao_negativacao.gui.qt import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QItemSelectionModel,
    QKeySequence,
    QLabel,
    QLineEdit,
    QPushButton,
    QShortcut,
    QStyle,
    Qt,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from gestao_negativacao.gui.table_model import PagedTableModel
from gestao_negativacao.gui.tasks import run_task
from gestao_negativacao.services.actor import Actor
from gestao_negativacao.services.listing import PagedQuery
from gestao_negativacao.services.listing.export import audit_export, export_rows

FIT_PADDING = 24  # pixels around a cell's text (margins, the sort arrow on the header)
FIT_LIMIT = 360  # no column wider than this when fitted: a long name must not hide the rest
SHRINK_TO = 130  # a name or a reason may be cut (with "…" and the whole in a tooltip) down
# to this, so that a list fits its window at 1366×768 without scrolling sideways
TEXT_KINDS = ("text",)  # what may be cut: never a number, an amount, a date or a CPF/CNPJ


class Grid(QWidget):
    """Signals: ``activated(tuple)`` (a row double-clicked or Enter), ``selection(list)``
    (the values of the selected rows)."""

    activated = Signal(tuple)
    selection = Signal(list)

    def __init__(
        self,
        source: PagedQuery,
        key: str,
        parent: QWidget | None = None,
        *,
        model: PagedTableModel | None = None,
        name: str = "Lista",
    ) -> None:
        super().__init__(parent)
        self.key = key
        self.model = model or PagedTableModel(source, self)
        self.model.setParent(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filtrar…")
        self.filter.setClearButtonEnabled(True)
        top.addWidget(self.filter, 1)
        top.addStretch(0)  # where the filter is hidden, the count and Exportar stay at the right
        self.count_label = QLabel("", self)
        top.addWidget(self.count_label)
        self.export_button = QPushButton("Exportar…", self)
        self.export_button.setToolTip("Exportar o que a lista mostra para XLSX ou CSV (Ctrl+E)")
        self.filter.setToolTip("Filtrar a lista (Ctrl+F)")
        self.filter.setAccessibleName("Filtrar a lista")
        top.addWidget(self.export_button)
        layout.addLayout(top)
        # the list's keys, wherever the focus is inside it: Ctrl+F filters, Ctrl+E exports
        for keys, act in (("Ctrl+F", self._focus_filter), ("Ctrl+E", self.export)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(act)
        self.table = QTableView(self)
        self.table.setAccessibleName(name)  # what a screen reader calls the list
        self.table.setModel(self.model)
        # widths and the sort column of last time, before anything is read: restoring them
        # later would sort (and read) again
        # the key names the columns too: a list whose columns changed starts fitted anew,
        # never with the widths of other columns
        columns = "|".join(column.key for column in self.model.columns)
        self.header_key = f"{key}/{zlib.crc32(columns.encode()):08x}"
        self._restored = settings.restore_header(self.table.horizontalHeader(), self.header_key)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)  # one line per row: a long name is cut with "…"
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        layout.addWidget(self.table, 1)
        self.empty_text = "Nenhum registro."  # a page may say what to do instead
        self.empty_label = QLabel(self.table.viewport())
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setVisible(False)
        # typing filters after a pause, not at every key (each filter is a query)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(lambda: self.model.set_filter(self.filter.text()))
        self.filter.textChanged.connect(lambda _text: self._debounce.start())
        self.model.count_changed.connect(self._show_count)
        self.model.failed.connect(lambda error: show_error(self, "Lista", error))
        self.table.doubleClicked.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.export_button.clicked.connect(self.export)
        self.model.modelReset.connect(self._fit_columns)
        self._fitting = False
        self._kept: set = set()  # the ids selected when a refresh was asked
        self._quiet = False
        self.model.refreshed.connect(self._reselect)
        self.table.horizontalHeader().sectionResized.connect(self._save_widths)

    def reload(self) -> None:
        self.model.reload()

    def refresh(self) -> None:
        """The same list read again where the clerk is (``PagedTableModel.refresh``): the
        rows on screen anew, the selected rows still selected where they still are — a
        form or a history beside the list is left alone unless its row went away."""
        self._kept = {values[0] for values in self.selected_rows()}
        selected = {i.row() // self.model.PAGE for i in self.table.selectionModel().selectedRows()}
        self.model.refresh(self._pages_on_screen() | selected)  # a row scrolled away stays

    def _pages_on_screen(self) -> set[int]:
        viewport = self.table.viewport()
        top = self.table.rowAt(0)
        if top < 0:
            return {0}
        bottom = self.table.rowAt(viewport.height() - 1)
        if bottom < 0:
            bottom = self.model.rowCount() - 1
        return set(range(top // self.model.PAGE, bottom // self.model.PAGE + 1))

    def _reselect(self) -> None:
        kept, self._kept = self._kept, set()
        selection = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag
        self._quiet = True  # putting back what was selected is not a new selection
        try:
            selection.clearSelection()
            for row in self.model.rows_of(kept):
                selection.select(self.model.index(row, 0), flags.Select | flags.Rows)
        finally:
            self._quiet = False
        if {values[0] for values in self.selected_rows()} != kept:
            self._selection_changed()  # the row went away: whatever followed it follows

    def _save_widths(self, *_args) -> None:
        if not self._fitting:  # fitting saves once at its end, not once per column
            settings.save_header(self.table.horizontalHeader(), self.header_key)

    def _fit_columns(self) -> None:
        """The first time a list is shown on this workstation: columns fit their content
        of the first page, then names and reasons give way (down to ``SHRINK_TO``) until the
        list fits the width it has. Not Qt's ``resizeColumnsToContents``: it samples a
        thousand rows across the whole list, and on a result of a million each row of a
        page not read yet is a question to the database (the window froze 2.6 s)."""
        if self._restored:
            return
        # an empty list shows its headers whole, and fits its rows when they come
        self._restored = self.model.rowCount() > 0
        metrics = self.table.fontMetrics()
        horizontal = Qt.Orientation.Horizontal
        rows = min(self.model.rowCount(), self.model.PAGE)
        widths = []
        for column in range(self.model.columnCount()):
            texts = [str(self.model.headerData(column, horizontal) or "")]
            texts += [
                str(self.model.data(self.model.index(row, column)) or "") for row in range(rows)
            ]
            widest = max(metrics.horizontalAdvance(text) for text in texts)
            widths.append(min(widest + FIT_PADDING, FIT_LIMIT))
        if self.model.flags(self.model.index(0, 0)) & Qt.ItemFlag.ItemIsUserCheckable:
            widths[0] += (
                self.table.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 8
            )  # the check box beside the first column's text
        widths = shrink_to_fit(
            widths,
            [c.kind in TEXT_KINDS for c in self.model.columns],
            self.table.viewport().width(),
        )
        self._fitting = True
        for column, width in enumerate(widths):
            self.table.setColumnWidth(column, width)
        self._fitting = False
        if self._restored:
            self._save_widths()

    def _show_count(self, total: int) -> None:
        number = f"{total:,}".replace(",", ".")
        self.count_label.setText(f"{number} registro" + ("" if total == 1 else "s"))
        # an empty list says so, over the table, with the next step when the page gave one
        typed = self.filter.text().strip()
        self.empty_label.setText(f"Nenhum registro com “{typed}”." if typed else self.empty_text)
        self.empty_label.setVisible(total == 0)
        self._place_empty_label()

    def _place_empty_label(self) -> None:
        viewport = self.table.viewport()
        self.empty_label.setGeometry(0, 0, viewport.width(), max(viewport.height(), 40))

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._place_empty_label()

    def _activated(self, index) -> None:
        values = self.model.row_values(index.row()) if index.isValid() else None
        if values is not None:
            self.activated.emit(values)

    def selected_rows(self) -> list[tuple]:
        """The rows selected that have been read (a selection reaching pages never shown,
        by Shift+End, holds only what was read)."""
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        found = (self.model.row_values(r) for r in rows)
        return [values for values in found if values is not None]

    def _selection_changed(self, *_args) -> None:
        if self._quiet:
            return
        self.selection.emit(self.selected_rows())

    # -- export ---------------------------------------------------------------------------

    def ask_export_path(self) -> Path | None:
        """The file chooser; tests replace this method."""
        name, _ = QFileDialog.getSaveFileName(
            self, "Exportar lista", f"{self.key}.xlsx", "Planilha (*.xlsx);;CSV (*.csv)"
        )
        return Path(name) if name else None

    def _actor(self) -> Actor:
        """Who is exporting: the screen's user (every page keeps its ``context``)."""
        widget = self.parentWidget()
        while widget is not None:
            context = getattr(widget, "context", None)
            if context is not None and hasattr(context, "actor"):
                return context.actor
            widget = widget.parentWidget()
        return Actor.system()

    def _focus_filter(self) -> None:
        if self.filter.isVisible():
            self.filter.setFocus()
            self.filter.selectAll()

    def export(self) -> None:
        path = self.ask_export_path()
        if path is None:
            return
        source, model = self.model.source, self.model
        order, descending, text = model.order_by, model.descending, model.filter_text

        actor = self._actor()

        def work(task):
            rows = source.all_rows(order_by=order, descending=descending, text=text)
            count = export_rows(path, source.columns, rows, is_cancelled=lambda: task.cancelled)
            audit_export(
                source.session_factory, actor, screen=self.key, filter_text=text, path=path,
                rows=count,
            )  # fmt: skip
            return count

        self.export_button.setEnabled(False)

        def finished(count: int) -> None:
            self.export_button.setEnabled(True)
            self.last_export = (path, count)
            inform(self, "Exportar", f"{count} registros exportados para {path}.")

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            show_error(self, "Exportar", error)

        self.export_task = run_task(work, on_done=finished, on_failed=failed)


def shrink_to_fit(widths: list[int], shrinkable: list[bool], available: int) -> list[int]:
    """``widths`` narrowed where ``shrinkable`` until their sum fits ``available``: the
    widest first, none below ``SHRINK_TO`` (beyond that, the list scrolls sideways)."""
    widths = list(widths)
    over = sum(widths) - available
    while over > 0 and available > 0:
        candidates = [i for i, w in enumerate(widths) if shrinkable[i] and w > SHRINK_TO]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: widths[i])
        others = [widths[i] for i in candidates if i != widest]
        floor = max([SHRINK_TO, *others]) if others else SHRINK_TO
        step = min(over, widths[widest] - floor) or 1  # level the widest with the next
        widths[widest] -= step
        over -= step
    return widths


def replace_grid(layout, old: Grid | None, new: Grid) -> Grid:
    """Put ``new`` where ``old`` was (a new search is a new query, hence a new grid)."""
    if old is not None:
        layout.removeWidget(old)
        old.deleteLater()
    layout.addWidget(new)
    return new
