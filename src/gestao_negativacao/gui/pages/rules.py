"""Regras de inclusão / Regras de baixa: the list, and the editor (name, active, each
criterion or trigger behind a check box, Participam / Não participam per dimension);
"Pré-visualizar" counts what the rule finds today, off the window's thread; delete is
refused with the reason for a rule that produced negativations (inactivate instead);
rule files imported and exported in the §13 format."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from gestao_negativacao.domain.enums import Action
from gestao_negativacao.domain.legal import MINORS_WARNING
from gestao_negativacao.domain.rule_format import parse_rule
from gestao_negativacao.domain.rules import RuleError
from gestao_negativacao.gui import look
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.forms.ui_rule_form import Ui_RuleForm
from gestao_negativacao.gui.freshness import keep_fresh
from gestao_negativacao.gui.messages import ask, say
from gestao_negativacao.gui.operations import Operation
from gestao_negativacao.gui.qt import (
    QFileDialog,
    QLabel,
    QPushButton,
    QWidget,
)
from gestao_negativacao.gui.widgets.criteria import CriteriaEditor
from gestao_negativacao.gui.widgets.filter_picker import FilterPicker
from gestao_negativacao.gui.widgets.master_detail import ListPane, scrolled_form, split
from gestao_negativacao.services import rules
from gestao_negativacao.services.changes import Topic
from gestao_negativacao.services.listing.configuration import rules_list
from gestao_negativacao.services.rules import filters as rule_filters
from gestao_negativacao.services.rules.preview import Preview

TITLES = {Action.INCLUSION: "Regra de inclusão", Action.REMOVAL: "Regra de baixa"}


NEW_INCLUSION_CRITERIA = {"skip_minors": {"reference": "due_date"}}


class RulesPage(QWidget):
    def __init__(self, context: Context, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.kind = kind
        self.rule_name: str | None = None  # the stored rule being edited
        self.import_button = QPushButton("&Importar regras…")
        self.export_button = QPushButton("Ex&portar regras…")
        pane = ListPane(
            rules_list(context.session_factory, kind),
            f"regras_{kind}",
            "&Nova regra",
            buttons=(self.import_button, self.export_button),
            name="Regras",
        )
        self.new_button, self.grid = pane.new_button, pane.grid
        self.form = QWidget()
        self.ui = Ui_RuleForm()
        self.ui.setupUi(self.form)
        self.ui.message.setMinimumHeight(40)  # two lines of a refusal, never clipped
        self.ui.criteriaBox.setTitle(
            "Critérios" if kind == Action.INCLUSION else "Gatilhos de baixa"
        )
        self.criteria = CriteriaEditor(kind, self.form)
        # LEGAL.md: minors lack full civil capacity; a rule that includes them says so
        self.minors_warning = QLabel(MINORS_WARNING, self.form)
        self.minors_warning.setWordWrap(True)
        self.minors_warning.setStyleSheet(f"color: {look.tone('warning')};")
        self.minors_warning.setVisible(False)
        self.ui.criteriaLayout.addWidget(self.minors_warning)
        self.ui.criteriaLayout.addWidget(self.criteria)
        if kind == Action.INCLUSION:
            self.criteria.checks["skip_minors"].toggled.connect(self._warn_about_minors)
        factory = context.session_factory
        self.filters = FilterPicker(
            rule_filters.DIMENSIONS,
            lambda dimension, text: rule_filters.search(factory, dimension, text),
            lambda dimension, values: rule_filters.labels(factory, dimension, values),
            self.form,
        )
        self.filters.setMinimumHeight(220)
        self.ui.filtersLayout.addWidget(self.filters)
        form = scrolled_form(self.form, self.ui.buttonRow, self.ui.message)
        split(self, pane, form, [360, 780])
        self.new_button.clicked.connect(self.new)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        self.grid.selection.connect(lambda rows: rows and self.load(rows[0][1]))
        self.ui.save.clicked.connect(self.save)
        self.ui.delete.clicked.connect(self.delete)
        self.ui.preview.clicked.connect(self.preview)
        self.new()
        self.grid.reload()
        self.freshness = keep_fresh(self, {Topic.RULES}, self.grid.refresh)

    def new(self) -> None:
        self.rule_name = None
        self.ui.heading.setText(f"<h3>Nova {TITLES[self.kind].lower()}</h3>")
        self.ui.name.setEnabled(True)
        self.ui.name.clear()
        self.ui.active.setChecked(True)
        # a new inclusion rule starts with criterion 6 on (LEGAL.md: minors lack full civil
        # capacity); the clerk may switch it off, and a rule file says what it says
        self.criteria.from_json(NEW_INCLUSION_CRITERIA if self.kind == Action.INCLUSION else {})
        self.filters.from_json({})
        self.ui.delete.setEnabled(False)
        self.ui.previewResult.clear()
        say(self.ui.message, "")

    def load(self, name: str) -> None:
        stored = rules.get_rule(self.context.session_factory, name)
        doc = stored.rule.to_json()
        self.rule_name = stored.name
        self.ui.heading.setText(f"<h3>{TITLES[self.kind]} {stored.name}</h3>")
        self.ui.name.setText(stored.name)
        self.ui.name.setEnabled(False)  # the name identifies the rule in files and schedules
        self.ui.active.setChecked(doc.get("active", True))
        self.criteria.from_json(
            doc.get("criteria" if self.kind == Action.INCLUSION else "triggers", {})
        )
        self.filters.from_json(doc.get("filters", {}))
        self.ui.delete.setEnabled(True)
        self.ui.previewResult.clear()
        say(self.ui.message, "")

    def document(self) -> dict:
        part = "criteria" if self.kind == Action.INCLUSION else "triggers"
        return {
            "name": self.ui.name.text().strip(),
            "kind": self.kind,
            "active": self.ui.active.isChecked(),
            part: self.criteria.to_json(),
            "filters": self.filters.to_json(),
        }

    def _rule(self):
        try:
            return parse_rule(self.document())
        except RuleError as exc:
            say(
                self.ui.message,
                "Corrija a regra:\n" + "\n".join(f"• {p}" for p in exc.problems),
                True,
            )
            return None

    def save(self) -> None:
        rule = self._rule()
        if rule is None:
            return
        factory, actor = self.context.session_factory, self.context.actor

        def saved(_) -> None:
            self.grid.reload()
            self.load(rule.name)
            say(self.ui.message, "Regra salva.")

        Operation(
            self,
            lambda: rules.save_rule(factory, actor, rule),
            success=saved,
            refused=self.ui.message,
            busy=[self.ui.save],
        ).run()

    def confirm(self, text: str) -> bool:
        """The confirmation; tests replace this method."""
        return ask(self, "Excluir regra", text, do="Excluir", destructive=True)

    def delete(self) -> None:
        name = self.rule_name
        if name is None or not self.confirm(
            f"Excluir a regra “{name}”? Agendamentos que a usam deixam de rodar. "
            "Uma regra que já gerou negativações não pode ser excluída, só desativada."
        ):
            return
        factory, actor = self.context.session_factory, self.context.actor

        def deleted(_) -> None:
            self.grid.reload()
            self.new()
            say(self.ui.message, f"Regra “{name}” excluída.")

        Operation(
            self,
            lambda: rules.delete_rule(factory, actor, name),
            success=deleted,
            refused=self.ui.message,
            busy=[self.ui.delete],
        ).run()

    def _warn_about_minors(self) -> None:
        includes_minors = not self.criteria.checks["skip_minors"].isChecked()
        self.minors_warning.setVisible(includes_minors)

    def _preview_text(self, text: str) -> str:
        if self.kind == Action.INCLUSION and not self.criteria.checks["skip_minors"].isChecked():
            return f"{text} {MINORS_WARNING}"
        return text

    def preview(self) -> None:
        rule = self._rule()
        if rule is None:
            return
        factory, actor, kind = self.context.session_factory, self.context.actor, self.kind
        self.ui.previewResult.setText("Contando…")

        def done(count: int) -> None:
            number = f"{count:,}".replace(",", ".")
            what = "itens para incluir" if kind == Action.INCLUSION else "negativações para baixar"
            self.ui.previewResult.setText(self._preview_text(f"Hoje: {number} {what}."))

        self.preview_task = Operation(
            self,
            lambda: Preview(factory, actor, kind, rule, None, date.today()).count(),
            success=done,
            refused=lambda text: self.ui.previewResult.setText(text),
            busy=[self.ui.preview],
        ).run()

    # -- files ------------------------------------------------------------------------------

    def ask_open(self) -> Path | None:
        """File choosers; tests replace these methods."""
        name, _ = QFileDialog.getOpenFileName(self, "Importar regras", "", "Regras (*.json)")
        return Path(name) if name else None

    def ask_save(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, "Exportar regras", "regras.json", "*.json")
        return Path(name) if name else None

    def import_file(self) -> None:
        path = self.ask_open()
        if path is None:
            return
        try:
            text = path.read_text(encoding="utf-8-sig")
            counts = rules.import_rules(self.context.session_factory, self.context.actor, text)
        except RuleError as exc:
            say(
                self.ui.message,
                "Nada foi importado:\n" + "\n".join(f"• {p}" for p in exc.problems),
                True,
            )
            return
        except OSError as exc:
            say(self.ui.message, f"Não foi possível ler {path}: {exc.strerror}", error=True)
            return
        self.grid.reload()
        say(
            self.ui.message,
            f"Regras importadas: {counts['created']} novas, {counts['updated']} alteradas.",
        )

    def export_file(self) -> None:
        path = self.ask_save()
        if path is None:
            return
        documents = [
            doc
            for doc in rules.export_rules(self.context.session_factory)
            if doc["kind"] == self.kind
        ]
        path.write_text(json.dumps(documents, ensure_ascii=False, indent=2) + "\n", "utf-8")
        say(self.ui.message, f"{len(documents)} regra(s) exportada(s) para {path}.")
