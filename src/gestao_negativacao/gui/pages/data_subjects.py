"""Titulares (LGPD), permission ``LGPD_TITULAR``: answer a person's request — the
Relatório do titular (PDF and JSON, everything held about them) and the anonymisation of a
person with nothing open — and anonymise everyone past the retention period of Parâmetros
at once (what an ``lgpd`` schedule does every night)."""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path

from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.messages import ask, say
from gestao_negativacao.gui.operations import Operation
from gestao_negativacao.gui.qt import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from gestao_negativacao.services.admin import parameters
from gestao_negativacao.services.data_subjects.anonymise import (
    anonymise_due,
    anonymise_one,
    count_due,
)
from gestao_negativacao.services.data_subjects.report import SavedReport, save_report


def saved_html(saved: SavedReport) -> str:
    if not saved.found:
        head = "<p><b>Nada consta</b>: não há dados desta pessoa nesta aplicação.</p>"
    else:
        parts = [f"{count} {label}" for label, count in saved.counts.items()]
        head = f"<p>O relatório traz: {escape(', '.join(parts))}.</p>"
    return (
        f"{head}<p>Arquivos gravados (entregue o PDF ao titular; o JSON é a cópia em "
        f"formato aberto, art. 18 V):<br>{escape(str(saved.pdf_path))}<br>"
        f"{escape(str(saved.json_path))}</p>"
    )


class DataSubjectsPage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<h2>Titulares (LGPD)</h2>"))
        intro = QLabel(
            "Atenda ao pedido de um titular de dados: o <b>relatório</b> mostra tudo o que "
            "a aplicação guarda da pessoa (cadastro, vendas e parcelas, negativações e "
            "histórico, crédito, registro das operações). A <b>anonimização</b> apaga os "
            "dados pessoais de quem não tem parcela em aberto, negativação ativa nem pedido "
            "de crédito aguardando, e nenhuma movimentação no prazo de guarda (Parâmetros).",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        one = QGroupBox("Um titular", self)
        row = QHBoxLayout(one)
        self.document = QLineEdit(one)
        self.document.setPlaceholderText("CPF ou CNPJ do titular")
        self.document.setAccessibleName("CPF ou CNPJ do titular")
        self.report = QPushButton("Gerar &relatório…", one)
        self.anonymise = QPushButton("&Anonimizar…", one)
        row.addWidget(QLabel("CPF/CNPJ:", one))
        row.addWidget(self.document, 1)
        row.addWidget(self.report)
        row.addWidget(self.anonymise)
        layout.addWidget(one)

        due = QGroupBox("Prazo de guarda vencido", self)
        due_row = QHBoxLayout(due)
        self.due_label = QLabel("", due)
        self.due_label.setWordWrap(True)
        self.count = QPushButton("&Contar", due)
        self.anonymise_all = QPushButton("Anonimizar &todos…", due)
        due_row.addWidget(self.due_label, 1)
        due_row.addWidget(self.count)
        due_row.addWidget(self.anonymise_all)
        layout.addWidget(due)

        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.view = QTextBrowser(self)
        self.view.setAccessibleName("Relatório do titular")
        layout.addWidget(self.view, 1)
        self.report.clicked.connect(self.make_report)
        self.anonymise.clicked.connect(self.anonymise_person)
        self.count.clicked.connect(self.count_due)
        self.anonymise_all.clicked.connect(self.anonymise_everyone)
        self.due_label.setText(
            "Titulares sem pendência e sem movimentação no prazo de guarda: use Contar para "
            "saber quantos. Um agendamento de Anonimização LGPD os anonimiza sozinho."
        )

    # -- dialogs (tests replace these) ------------------------------------------------
    def ask_folder(self) -> Path | None:
        name = QFileDialog.getExistingDirectory(self, "Pasta do relatório do titular")
        return Path(name) if name else None

    def confirm(self, text: str) -> bool:
        return ask(self, "Anonimizar", text, do="Anonimizar", destructive=True)

    # -- actions ------------------------------------------------------------------------
    def _run(self, text: str, work, success) -> None:
        """One action at a time: every button waits while it runs."""
        say(self.message, text)
        buttons = [self.report, self.anonymise, self.count, self.anonymise_all]
        self.task = Operation(self, work, success=success, refused=self.message, busy=buttons).run()

    def make_report(self) -> None:
        document = self.document.text().strip()
        if not document:
            self.message.setText("Informe o CPF ou CNPJ do titular.")
            return
        folder = self.ask_folder()
        if folder is None:
            return
        factory, actor = self.context.session_factory, self.context.actor

        self._run(
            "Gerando o relatório do titular…",
            lambda: save_report(factory, actor, document, folder),
            self._reported,
        )

    def _reported(self, saved: SavedReport) -> None:
        say(self.message, "Relatório do titular gerado.")
        self.view.setHtml(saved_html(saved))

    def anonymise_person(self) -> None:
        document = self.document.text().strip()
        if not document:
            self.message.setText("Informe o CPF ou CNPJ do titular.")
            return
        if not self.confirm(
            "Anonimizar os dados desta pessoa? Nome, documento, nascimento, contatos e "
            "endereço são apagados e não podem ser recuperados. As vendas e o histórico "
            "das negativações ficam, sem identificar ninguém."
        ):
            return
        factory, actor = self.context.session_factory, self.context.actor
        self._run(
            "Anonimizando…",
            lambda: anonymise_one(factory, actor, document, date.today()),
            lambda _: self._anonymised_one(),
        )

    def _anonymised_one(self) -> None:
        self.document.clear()
        say(self.message, "Dados do titular anonimizados.")

    def count_due(self) -> None:
        factory, actor = self.context.session_factory, self.context.actor

        def work():
            due = count_due(factory, actor, date.today())
            return due, parameters.general(factory).retention_years

        self._run("Contando…", work, self._counted)

    def _counted(self, result) -> None:
        due, years = result
        say(self.message, "")
        self.due_label.setText(
            f"{due} titular(es) sem pendência e sem movimentação há mais de {years} anos "
            "podem ser anonimizados hoje."
        )

    def anonymise_everyone(self) -> None:
        if not self.confirm(
            "Anonimizar todos os titulares sem pendência e sem movimentação no prazo de "
            "guarda? Os dados pessoais apagados não podem ser recuperados."
        ):
            return
        factory, actor = self.context.session_factory, self.context.actor
        self._run(
            "Anonimizando…",
            lambda: anonymise_due(factory, actor, date.today()),
            lambda report: say(self.message, report.summary()),
        )
