"""Importação: choose a file, see its detected format, check it without writing (errors
with line, column and reason; warnings), then import all of it or only its valid rows,
with a progress bar and cancel. The work runs off the window's thread."""

from __future__ import annotations

from pathlib import Path

from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.forms.ui_import_page import Ui_ImportForm
from gestao_negativacao.gui.messages import user_message
from gestao_negativacao.gui.qt import QFileDialog, QTableWidget, QTableWidgetItem, QWidget
from gestao_negativacao.gui.tasks import Task, run_task
from gestao_negativacao.services.importing import import_file
from gestao_negativacao.services.importing.service import ImportCancelled, ImportReport

STAGES = {
    "lendo": "Lendo o arquivo",
    "validando": "Validando",
    "comparando": "Comparando com o banco",
    "gravando": "Gravando",
}
NAMES = {
    "companies": "empresas",
    "enterprises": "empreendimentos",
    "customers": "clientes",
    "sales": "vendas",
    "guarantors": "avalistas",
    "installments": "parcelas",
}


def _fill(table: QTableWidget, issues) -> None:
    table.setColumnCount(3)
    table.setHorizontalHeaderLabels(["Linha", "Coluna", "Motivo"])
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setRowCount(len(issues))
    for row, issue in enumerate(issues):
        table.setItem(row, 0, QTableWidgetItem(str(issue.line)))
        table.setItem(row, 1, QTableWidgetItem(issue.column))
        table.setItem(row, 2, QTableWidgetItem(issue.message))
    table.resizeColumnsToContents()


class ImportPage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.ui = Ui_ImportForm()
        self.ui.setupUi(self)
        self.file: Path | None = None
        self.report: ImportReport | None = None
        self.task: Task | None = None
        _fill(self.ui.errors, [])
        _fill(self.ui.warnings, [])
        self.ui.choose.clicked.connect(self.choose)
        self.ui.check.clicked.connect(lambda: self.start(dry_run=True))
        self.ui.importAll.clicked.connect(lambda: self.start(dry_run=False))
        self.ui.importValid.clicked.connect(lambda: self.start(dry_run=False, valid_only=True))
        self.ui.cancel.clicked.connect(self.cancel)

    def ask_file(self) -> Path | None:
        """The file chooser; tests replace this method."""
        name, _ = QFileDialog.getOpenFileName(
            self, "Arquivo do ERP", "", "Exportação do ERP (*.csv *.txt *.xlsx)"
        )
        return Path(name) if name else None

    def choose(self) -> None:
        path = self.ask_file()
        if path is None:
            return
        self.file = path
        self.ui.path.setText(str(path))
        self.start(dry_run=True)  # the first look is always a check

    def _busy(self, busy: bool) -> None:
        self.ui.cancel.setEnabled(busy)
        self.ui.choose.setEnabled(not busy)
        self.ui.check.setEnabled(not busy and self.file is not None)
        has_errors = bool(self.report and self.report.errors)
        checked = bool(self.report and self.report.dry_run)
        self.ui.importAll.setEnabled(not busy and checked and not has_errors)
        self.ui.importValid.setEnabled(not busy and checked and has_errors)

    def start(self, *, dry_run: bool, valid_only: bool = False) -> None:
        if self.file is None:
            return
        factory, actor, path = self.context.session_factory, self.context.actor, self.file

        def work(task: Task) -> ImportReport:
            return import_file(
                factory,
                actor,
                path,
                dry_run=dry_run,
                valid_only=valid_only,
                progress=lambda stage, done, total: task.report((stage, done, total)),
                is_cancelled=lambda: task.cancelled,
            )

        self.ui.summary.setText("")
        self._busy(True)
        self.task = run_task(
            work, on_done=self._finished, on_failed=self._failed, on_progress=self._progress
        )

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.ui.stage.setText("Cancelando…")

    def _progress(self, value) -> None:
        stage, done, total = value
        self.ui.stage.setText(STAGES.get(stage, stage))
        self.ui.progress.setMaximum(max(total, 0))
        self.ui.progress.setValue(done if total else 0)

    def _finished(self, report: ImportReport) -> None:
        self.report = report
        self.ui.progress.setMaximum(1)
        self.ui.progress.setValue(1)
        self.ui.stage.setText("")
        self.ui.format.setText(report.format.describe() if report.format else "—")
        _fill(self.ui.errors, report.errors)
        _fill(self.ui.warnings, report.warnings)
        self.ui.tabs.setTabText(0, f"Erros ({len(report.errors)})")
        self.ui.tabs.setTabText(1, f"Avisos ({len(report.warnings)})")
        self.ui.summary.setText(self._describe(report))
        self._busy(False)

    @staticmethod
    def _describe(report: ImportReport) -> str:
        created = ", ".join(f"{n} {NAMES[k]}" for k, n in report.created.items() if n)
        updated = ", ".join(f"{n} {NAMES[k]}" for k, n in report.updated.items() if n)
        changes = f"novos: {created or 'nenhum'}; alterados: {updated or 'nenhum'}"
        if report.written:
            return f"{report.rows} linhas. Importação concluída — {changes}."
        if report.dry_run and not report.errors:
            return f"{report.rows} linhas, nenhum erro. Seriam gravados — {changes}."
        if report.dry_run:
            return (
                f"{report.rows} linhas, {len(report.errors)} erro(s): corrija o arquivo ou "
                "importe só as linhas válidas."
            )
        return f"Nada foi gravado: {len(report.errors)} erro(s)."

    def _failed(self, error: BaseException) -> None:
        self.ui.stage.setText("")
        self.ui.progress.setValue(0)
        if isinstance(error, ImportCancelled):
            self.ui.summary.setText("Importação cancelada: nada foi gravado.")
        else:
            self.ui.summary.setText(user_message(error))
        self._busy(False)
