"""Consultas (permission CREDITO_CONSULTA): query a bureau for a customer or any CPF/CNPJ;
the report in a readable layout, kept with date, user and bureau, exportable to PDF. The
same document asked again within the parameter's days shows the stored report first
(queries cost money) with "Consultar de novo"."""

from __future__ import annotations

import base64
from decimal import Decimal
from html import escape
from pathlib import Path

from gestao_negativacao.domain.display import show
from gestao_negativacao.domain.enums import Integrator
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.forms.ui_queries_page import Ui_QueriesForm
from gestao_negativacao.gui.operations import Operation
from gestao_negativacao.gui.qt import QFileDialog, QPdfWriter, QTextDocument, QWidget
from gestao_negativacao.services.credit.queries import StoredReport, query_credit


def report_html(result: StoredReport) -> str:
    r = result.report
    if r.get("pdf_base64"):  # the bureau's report is its own PDF (Crédito na Medida)
        return (
            f"<h2>Consulta de crédito — {show(r['document'], 'document')}</h2>"
            f"<p>Birô: {show(result.integrator, 'integrator')} · consultado em "
            f"{show(result.at, 'datetime')} por {escape(result.login)}</p>"
            "<p>O relatório deste birô vem em PDF, guardado como chegou: use "
            "<b>Exportar PDF…</b> para salvá-lo e abri-lo.</p>"
        )

    def amount(item) -> str:
        return show(Decimal(item["value"]) if item.get("value") else None, "money")

    def rows(items) -> str:
        if not items:
            return "<p>Nenhuma.</p>"
        body = "".join(
            f"<tr><td>{escape(i.get('creditor') or '')}</td>"
            f"<td align='right'>{amount(i)}</td>"
            f"<td>{escape(i.get('date') or '')}</td><td>{escape(i.get('bureau') or '')}</td></tr>"
            for i in items
        )
        return (
            "<table border='1' cellspacing='0' cellpadding='4'><tr><th>Credor</th>"
            f"<th>Valor</th><th>Data</th><th>Birô</th></tr>{body}</table>"
        )

    return (
        f"<h2>Consulta de crédito — {escape(r.get('name') or show(r['document'], 'document'))}</h2>"
        f"<p>Documento: {show(r['document'], 'document')}<br>"
        f"Birô: {show(result.integrator, 'integrator')} · consultado em "
        f"{show(result.at, 'datetime')} por {escape(result.login)}</p>"
        f"<p><b>Score: {r.get('score') if r.get('score') is not None else '—'}</b> · "
        f"cheques sem fundo: {r.get('bounced_cheques', 0)} · consultas recentes: "
        f"{r.get('recent_queries', 0)}</p>"
        f"<h3>Restrições ({len(r.get('restrictions', []))})</h3>{rows(r.get('restrictions', []))}"
        f"<h3>Protestos ({len(r.get('protests', []))})</h3>{rows(r.get('protests', []))}"
    )


class QueriesPage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.result: StoredReport | None = None
        self.ui = Ui_QueriesForm()  # ui/pages/queries_page.ui: the layout, drawn in Designer
        self.ui.setupUi(self)
        self.document, self.integrator = self.ui.document, self.ui.integrator
        self.query, self.again, self.pdf = self.ui.query, self.ui.again, self.ui.pdf
        self.message, self.view = self.ui.message, self.ui.view
        for integrator in Integrator:
            self.integrator.addItem(integrator.label, integrator.value)
        self.query.clicked.connect(lambda: self.run(force=False))
        self.document.returnPressed.connect(lambda: self.run(force=False))
        self.again.clicked.connect(lambda: self.run(force=True))
        self.pdf.clicked.connect(self.export_pdf)

    def run(self, *, force: bool) -> None:
        factory, actor = self.context.session_factory, self.context.actor
        document, integrator = self.document.text(), self.integrator.currentData()
        self.message.setText("Consultando…")
        self.task = Operation(
            self,
            lambda: query_credit(factory, actor, document, integrator, force=force),
            success=self._show,
            refused=self._refused,
            busy=[self.query],
        ).run()

    def _refused(self, text: str) -> None:
        # the report of the person asked before is not left under another's refusal
        self.result = None
        self.view.clear()
        self.pdf.setEnabled(False)
        self.again.setVisible(False)
        self.message.setText(text)

    def _show(self, result: StoredReport) -> None:
        self.result = result
        self.again.setVisible(result.from_store)
        self.message.setText(
            f"Já existe uma consulta deste documento de {show(result.at, 'datetime')}: "
            "mostrando a guardada. Consultas são cobradas — use “Consultar de novo” se "
            "precisar de uma nova."
            if result.from_store
            else "Consulta feita e guardada."
        )
        self.view.setHtml(report_html(result))
        self.pdf.setEnabled(True)

    def ask_pdf_path(self) -> Path | None:
        """The file chooser; tests replace this method."""
        name, _ = QFileDialog.getSaveFileName(self, "Exportar PDF", "consulta.pdf", "PDF (*.pdf)")
        return Path(name) if name else None

    def export_pdf(self) -> None:
        path = self.ask_pdf_path()
        if path is None or self.result is None:
            return
        original = self.result.report.get("pdf_base64")
        if original:
            path.write_bytes(base64.b64decode(original))
            self.message.setText(f"PDF do birô salvo em {path}.")
            return
        document = QTextDocument()
        document.setHtml(report_html(self.result))
        writer = QPdfWriter(str(path))
        writer.setTitle("Consulta de crédito")
        document.print_(writer)
        self.message.setText(f"PDF salvo em {path}.")
