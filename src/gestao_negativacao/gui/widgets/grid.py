"""A list as every screen shows one: a filter field, the table (sorted by its headers in the
database, fetched as it scrolls), "N registros", and export of what is shown to CSV or
XLSX. Column widths are remembered per list."""

from __future__ import annotations

from pathlib import Path

from gestao_negativacao.gui import settings
from gestao_negativacao.gui.messages import inform, show_error
from gestao_negativacao.gui.qt import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from gestao_negativacao.gui.table_model import PagedTableModel
from gestao_negativacao.gui.tasks import run_task
from gestao_negativacao.services.export import export_rows
from gestao_negativacao.services.listing import PagedQuery


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
        self.count_label = QLabel("", self)
        top.addWidget(self.count_label)
        self.export_button = QPushButton("Exportar…", self)
        top.addWidget(self.export_button)
        layout.addLayout(top)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        # widths and the sort column of last time, before anything is read: restoring them
        # later would sort (and read) again
        self._restored = settings.restore_header(self.table.horizontalHeader(), key)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        layout.addWidget(self.table, 1)
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
        self.table.horizontalHeader().sectionResized.connect(
            lambda *_: settings.save_header(self.table.horizontalHeader(), self.key)
        )

    def reload(self) -> None:
        self.model.reload()

    def _fit_columns(self) -> None:
        """The first time a list is shown on this workstation: columns fit their content."""
        if not self._restored and self.model.rowCount():
            self._restored = True
            self.table.resizeColumnsToContents()

    def _show_count(self, total: int) -> None:
        number = f"{total:,}".replace(",", ".")
        self.count_label.setText(f"{number} registro" + ("" if total == 1 else "s"))

    def _activated(self, index) -> None:
        if index.isValid():
            self.activated.emit(self.model.row_values(index.row()))

    def selected_rows(self) -> list[tuple]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.row_values(r) for r in rows]

    def _selection_changed(self, *_args) -> None:
        self.selection.emit(self.selected_rows())

    # -- export ---------------------------------------------------------------------------

    def ask_export_path(self) -> Path | None:
        """The file chooser; tests replace this method."""
        name, _ = QFileDialog.getSaveFileName(
            self, "Exportar lista", f"{self.key}.xlsx", "Planilha (*.xlsx);;CSV (*.csv)"
        )
        return Path(name) if name else None

    def export(self) -> None:
        path = self.ask_export_path()
        if path is None:
            return
        source, model = self.model.source, self.model
        order, descending, text = model.order_by, model.descending, model.filter_text

        def work(task):
            rows = source.all_rows(order_by=order, descending=descending, text=text)
            return export_rows(path, source.columns, rows, is_cancelled=lambda: task.cancelled)

        self.export_button.setEnabled(False)

        def finished(count: int) -> None:
            self.export_button.setEnabled(True)
            self.last_export = (path, count)
            inform(self, "Exportar", f"{count} registros exportados para {path}.")

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            show_error(self, "Exportar", error)

        self.export_task = run_task(work, on_done=finished, on_failed=failed)


def replace_grid(layout, old: Grid | None, new: Grid) -> Grid:
    """Put ``new`` where ``old`` was (a new search is a new query, hence a new grid)."""
    if old is not None:
        layout.removeWidget(old)
        old.deleteLater()
    layout.addWidget(new)
    return new
