"""Inclusão and Baixa (seed 004 items 6–7): an integrator; either a rule or hand-set filters
(choosing a rule locks the filters, setting a filter locks the rule); the reference date;
"Buscar" fills the grid with a check box per row and "Selecionar todos (N)"; the excluded
items with their reasons; "Por que não?"; "Enviar" → confirmation with the count and the
open amount → progress with cancel → summary."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gestao_negativacao.domain.display import count_of, show
from gestao_negativacao.domain.documents import format_document
from gestao_negativacao.domain.enums import Action, Integrator
from gestao_negativacao.domain.money import typed_money
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.forms.ui_sending_page import Ui_SendingForm
from gestao_negativacao.gui.freshness import keep_fresh
from gestao_negativacao.gui.messages import ask, say
from gestao_negativacao.gui.operations import Operation, run_now
from gestao_negativacao.gui.qt import (
    QKeySequence,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QShortcut,
    Qt,
    QWidget,
)
from gestao_negativacao.gui.table_model import CheckableModel
from gestao_negativacao.gui.widgets.grid import Grid, replace_grid
from gestao_negativacao.gui.widgets.why_not import WhyNotDialog
from gestao_negativacao.services import rules
from gestao_negativacao.services.changes import Topic
from gestao_negativacao.services.portfolio import list_companies
from gestao_negativacao.services.rules.preview import Preview
from gestao_negativacao.services.sending import candidates
from gestao_negativacao.services.sending.nothing_found import why_nothing
from gestao_negativacao.services.sending.release import SendingError
from gestao_negativacao.services.sending.service import send_selection

NO_RULE = ""
EMPTY = (
    "Escolha a integradora e uma regra (ou preencha os filtros) e clique em Buscar (F5): "
    "o que pode ser enviado aparece aqui, com o que ficou de fora e o motivo."
)


class SendingPage(QWidget):
    """``kind``: inclusion (Inclusão) or removal (Baixa)."""

    def __init__(self, context: Context, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.kind = kind
        self.preview: Preview | None = None
        self.rule_id: int | None = None
        self.manual_source = None  # Baixa by filters: the listing of active negativations
        self.ui = Ui_SendingForm()  # ui/pages/sending_page.ui: the layout, drawn in Designer
        self.ui.setupUi(self)
        ui = self.ui
        ui.mainLayout.setStretch(2, 1)  # the results take what is left
        ui.heading.setText(f"<h2>{Action(kind).label}</h2>")
        self.integrator, self.rule, self.as_of = ui.integrator, ui.rule, ui.asOf
        self.filters_box, self.company, self.enterprise = ui.filtersBox, ui.company, ui.enterprise
        self.customer, self.sale, self.use_period = ui.customer, ui.sale, ui.usePeriod
        self.due_from, self.due_to = ui.dueFrom, ui.dueTo
        self.days_min, self.days_max = ui.daysMin, ui.daysMax
        self.value_min, self.value_max = ui.valueMin, ui.valueMax
        self.search, self.clear, self.tabs = ui.search, ui.clear, ui.tabs
        self.select_all, self.selected_label = ui.selectAll, ui.selectedLabel
        self.found_holder = ui.foundHolder
        self.excluded_holder, self.excluded_layout = ui.excludedTab, ui.excludedLayout
        self.why_document, self.why, self.notices = ui.whyDocument, ui.why, ui.notices
        self.message, self.send = ui.message, ui.send
        for edit in (self.as_of, self.due_from, self.due_to):
            edit.setDate(date.today())
        if kind == Action.REMOVAL:
            self.integrator.addItem("(todas)", None)
        for integrator in Integrator:
            self.integrator.addItem(integrator.label, integrator.value)
        self.company.addItem("(todas)", "")
        for cnpj, name in list_companies(context.session_factory):
            self.company.addItem(f"{name} — {format_document(cnpj)}", cnpj)
        if kind == Action.REMOVAL:
            # days overdue and amount filter what is sent, not what is removed: Baixa has
            # neither field (they were built and never laid out, and covered the title)
            days = (ui.daysLabel, self.days_min, ui.daysToLabel, self.days_max)
            values = (ui.valueLabel, self.value_min, ui.valueToLabel, self.value_max)
            for widget in (*days, *values):
                widget.setVisible(False)
            self.tabs.removeTab(self.tabs.indexOf(self.excluded_holder))
        # companies that warn their debtors first (Parâmetros → Empresas): the e-mails the
        # "Não incluídos" with "aviso prévio ao devedor pendente" wait for
        self.notices.setVisible(kind == Action.INCLUSION)
        self.found_grid: Grid | None = None
        self.excluded_grid: Grid | None = None
        self.empty = QLabel(EMPTY, self)  # what to do when there is nothing to show yet
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.found_holder.addWidget(self.empty)
        self._fill_rules()
        # a rule saved in Regras (here or at another workstation) is offered at once; the
        # results stay as searched (Enviar refuses what was sent meanwhile)
        self.freshness = keep_fresh(self, {Topic.RULES}, self._fill_rules)
        self.rule.currentIndexChanged.connect(self._lock)
        for widget in (self.enterprise, self.customer, self.sale, self.value_min, self.value_max):
            widget.textChanged.connect(self._lock)
        for spin in (self.days_min, self.days_max):
            spin.valueChanged.connect(self._lock)
        self.company.currentIndexChanged.connect(self._lock)
        self.use_period.toggled.connect(self._lock)
        # what was found answers what was asked: asking something else drops it, and
        # Enviar waits for the next Buscar (nothing found for other filters is sent)
        for combo in (self.integrator, self.rule, self.company):
            combo.currentIndexChanged.connect(self._drop_results)
        for widget in (self.enterprise, self.customer, self.sale, self.value_min, self.value_max):
            widget.textChanged.connect(self._drop_results)
        for spin in (self.days_min, self.days_max):
            spin.valueChanged.connect(self._drop_results)
        for edit in (self.as_of, self.due_from, self.due_to):
            edit.dateChanged.connect(self._drop_results)
        self.use_period.toggled.connect(self._drop_results)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, self.run_search)
        self.search.clicked.connect(self.run_search)
        self.clear.clicked.connect(self.clear_filters)
        self.select_all.toggled.connect(self._select_all)
        self.send.clicked.connect(self.start_sending)
        self.why.clicked.connect(self.explain)
        self.notices.clicked.connect(self.send_notices)
        self._lock()

    # -- rule or filters ------------------------------------------------------------------

    def _fill_rules(self) -> None:
        """The active rules of this kind, read again each time the page is shown (a rule
        saved in Regras, here or at another workstation, is offered at once); the rule
        chosen stays chosen while it exists."""
        chosen = self.rule.currentData()
        names = [NO_RULE] + [
            stored.name
            for stored in rules.list_rules(self.context.session_factory, self.kind)
            if stored.rule.active
        ]
        if names == [self.rule.itemData(i) for i in range(self.rule.count())]:
            return  # nothing changed: the results on screen stay
        self.rule.blockSignals(True)
        self.rule.clear()
        self.rule.addItem("(sem regra: usar os filtros)", NO_RULE)
        for name in names[1:]:
            self.rule.addItem(name, name)
        self.rule.setCurrentIndex(max(0, self.rule.findData(chosen)))
        self.rule.blockSignals(False)
        if self.rule.currentData() != chosen:
            self._drop_results()  # the rule searched with is gone or inactive
        self._lock()

    def _drop_results(self) -> None:
        """Forget what the last Buscar found: the lists go, Enviar waits for a new Buscar."""
        for grid in (self.found_grid, self.excluded_grid):
            if grid is not None:
                grid.setParent(None)
                grid.deleteLater()
        had_results = self.found_grid is not None
        self.found_grid = self.excluded_grid = None
        self.preview, self.manual_source = None, None
        self.empty.setVisible(True)
        self.select_all.blockSignals(True)
        self.select_all.setChecked(False)
        self.select_all.blockSignals(False)
        self.select_all.setText("Selecionar todos")
        self.selected_label.setText("")
        excluded_tab = self.tabs.indexOf(self.excluded_holder)
        if excluded_tab >= 0:
            self.tabs.setTabText(excluded_tab, "Não incluídos")
        self.send.setEnabled(False)
        self.notices.setEnabled(False)
        if had_results:
            say(self.message, "Os filtros mudaram: clique em Buscar (F5) para ver o resultado.")

    def hand_filters(self) -> candidates.HandFilters:
        def money(line: QLineEdit) -> str | None:

            return typed_money(line.text())

        period = self.use_period.isChecked()
        return candidates.HandFilters(
            company_cnpj=self.company.currentData() or "",
            enterprise=self.enterprise.text(),
            customer_document=self.customer.text(),
            sale=self.sale.text(),
            due_from=self.due_from.date().toPython() if period else None,
            due_to=self.due_to.date().toPython() if period else None,
            days_min=self.days_min.value() or None,
            days_max=self.days_max.value() or None,
            value_min=money(self.value_min),
            value_max=money(self.value_max),
        )

    def _lock(self) -> None:
        """The seed: a rule locks the filters, a filter locks the rule."""
        has_rule = bool(self.rule.currentData())
        has_filters = not self.hand_filters().is_empty()
        self.filters_box.setEnabled(not has_rule)
        self.rule.setEnabled(not has_filters)

    def clear_filters(self) -> None:
        for line in (self.enterprise, self.customer, self.sale, self.value_min, self.value_max):
            line.clear()
        for spin in (self.days_min, self.days_max):
            spin.setValue(0)
        self.company.setCurrentIndex(0)
        self.use_period.setChecked(False)
        self.rule.setCurrentIndex(0)
        self._lock()
        self._drop_results()
        say(self.message, "")

    # -- searching ------------------------------------------------------------------------

    def _integrator(self) -> str | None:
        return self.integrator.currentData()

    def run_search(self) -> None:
        factory, actor = self.context.session_factory, self.context.actor
        as_of = self.as_of.date().toPython()
        name = self.rule.currentData()

        def prepare():
            """The search as set on screen (a rule read, values checked): quick, so on the
            window's thread; the evaluation itself runs in the grid's model."""
            if name:
                stored = rules.get_rule(factory, name)
                rule, self.rule_id = stored.rule, stored.id
            else:
                self.rule_id = None
                filters = self.hand_filters()
                if self.kind == Action.INCLUSION and filters.is_empty():
                    raise SendingError("Escolha uma regra ou preencha ao menos um filtro.")
                rule = filters.inclusion_rule(as_of) if self.kind == Action.INCLUSION else None
            if self.kind == Action.REMOVAL and not name:
                self.preview = None
                self.manual_source = candidates.manual_removals(
                    factory, self.hand_filters(), self._integrator()
                )
                found_source, key_of = self.manual_source, lambda row: row.negativation_id
            else:
                self.preview = Preview(factory, actor, self.kind, rule, self._integrator(), as_of)
                self.manual_source = None
                found_source = candidates.PreviewListing(self.preview)
                if self.kind == Action.INCLUSION:
                    key_of = lambda row: (  # noqa: E731
                        row.item.installment_id,
                        row.item.customer_id,
                        row.item.debtor_role,
                    )
                else:
                    key_of = lambda row: row.item.negativation_id  # noqa: E731
            return found_source, key_of

        self._drop_results()  # a refused search leaves nothing of the last one to send
        ok, prepared = run_now(prepare, self.message)
        if not ok:
            return
        found_source, key_of = prepared
        say(self.message, "")
        self.notices.setEnabled(self.preview is not None and self.kind == Action.INCLUSION)
        self._show(found_source, key_of)

    def _show(self, source, key_of) -> None:
        self.empty.setVisible(False)
        found = Grid(
            source, f"envio_{self.kind}", self, model=CheckableModel(source, key_of),
            name="Encontrados",
        )  # fmt: skip
        self.found_grid = replace_grid(self.found_holder, self.found_grid, found)
        self.found_grid.filter.setVisible(bool(self.manual_source))
        model = self.found_grid.model
        model.checks_changed.connect(self._checks_changed)
        model.count_changed.connect(lambda _n: self._checks_changed())
        model.count_changed.connect(lambda _n: self._say_why_nothing())
        self.select_all.blockSignals(True)
        self.select_all.setChecked(False)
        self.select_all.blockSignals(False)
        self.found_grid.reload()
        if self.kind == Action.INCLUSION and self.preview is not None:
            excluded = candidates.PreviewListing(self.preview, excluded=True)
            self.excluded_grid = replace_grid(
                self.excluded_layout,
                self.excluded_grid,
                Grid(excluded, "envio_nao_incluidos", self, name="Não incluídos"),
            )
            self.excluded_grid.filter.setVisible(False)
            self.excluded_grid.model.count_changed.connect(
                lambda n: self.tabs.setTabText(1, f"Não incluídos ({n})")
            )
            self.excluded_grid.model.count_changed.connect(lambda _n: self._say_why_nothing())
            self.excluded_grid.reload()

    def _say_why_nothing(self) -> None:
        """A search that found nothing to send says why, and where to look."""
        found = self.found_grid.model if self.found_grid else None
        if found is None or found.loading or found.total:
            return
        left_out = self.excluded_grid.model if self.excluded_grid else None
        if left_out is not None and left_out.loading:
            return  # its count comes next, and asks again
        if left_out is not None and left_out.total:
            say(
                self.message,
                f"Nada a enviar: {count_of(left_out.total, 'item ficou', 'itens ficaram')} "
                "de fora — veja a aba Não incluídos, com o motivo de cada um, e Por que não?",
            )
            return
        # nothing at all: the first cause the clerk can act on
        factory, kind = self.context.session_factory, self.kind
        integrator, as_of = self._integrator(), self.as_of.date().toPython()

        def answer(text: str) -> None:
            if self.found_grid is not None and self.found_grid.model is found:
                say(self.message, text)  # still the search it answers

        Operation(
            self,
            lambda: why_nothing(factory, kind, integrator, as_of),
            success=answer,
            refused=self.message,
        ).run()

    def _select_all(self, on: bool) -> None:
        if self.found_grid is not None:
            self.found_grid.model.select_all(on)

    def _checks_changed(self) -> None:
        model = self.found_grid.model if self.found_grid else None
        total = model.total if model else 0
        self.select_all.setText(f"Selecionar todos ({show(total, 'number')})")
        chosen = model.checked_count() if model else 0
        self.selected_label.setText(f"{show(chosen, 'number')} selecionado(s)")
        self.send.setEnabled(chosen > 0)

    # -- sending --------------------------------------------------------------------------

    def _selection(self):
        model = self.found_grid.model
        keys = [model.key_of(row) for row in model.checked_rows()]
        left_out = list(model.toggled) if model.all_selected else None
        only = None if model.all_selected else keys
        if self.kind == Action.INCLUSION:
            return candidates.inclusion_selection(self.preview, only=only, leave_out=left_out)
        source = self.preview if self.preview is not None else self.manual_source.query
        return candidates.removal_selection(source, only=only, leave_out=left_out)

    def _amount(self) -> Decimal:
        model = self.found_grid.model
        if model.all_selected and self.preview is not None:
            _count, total = self.preview.totals()
            unticked = model.unticked_rows()
            return total - sum((row.item.amount for row in unticked), Decimal("0.00"))
        return sum(
            (row.amount or Decimal("0.00") for row in model.checked_rows()),
            Decimal("0.00"),
        )

    def confirm(self, text: str) -> bool:
        """The confirmation; tests replace this method."""
        return ask(self, "Enviar", text, do="Enviar")

    def start_sending(self) -> None:
        if self.found_grid is None:
            return
        count = self.found_grid.model.checked_count()
        what = "incluir" if self.kind == Action.INCLUSION else "baixar"
        integrator = self.integrator.currentText()
        text = (
            f"Enviar {count_of(count, 'item', 'itens')} para {what} ({integrator}), "
            f"{show(self._amount(), 'money')} em aberto?"
        )
        if not self.confirm(text):
            return
        factory, actor, kind = self.context.session_factory, self.context.actor, self.kind
        selection, rule_id, integrator_value = self._selection(), self.rule_id, self._integrator()

        def work(task):
            return send_selection(
                factory, actor, kind, selection, integrator=integrator_value, rule_id=rule_id,
                progress=task.report, cancel=task.cancel_event,
            )  # fmt: skip

        self.progress = QProgressDialog("Enviando ao birô…", "Cancelar", 0, max(count, 1), self)
        self.progress.setWindowTitle("Enviar")
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.sending = Operation(
            self,
            work,
            with_task=True,
            success=self._sent,
            progress=self._progressed,
            busy=[self.send],
            after=self.progress.reset,
            title="Enviar",
        ).run()
        self.progress.canceled.connect(self.sending.cancel)

    def _progressed(self, progress) -> None:
        self.progress.setMaximum(max(progress.total, 1))
        self.progress.setValue(min(progress.done, progress.total))
        self.progress.setLabelText(
            f"Enviando ao birô… {progress.done} de {progress.total} "
            f"({progress.sent + progress.already} enviados, {progress.rejected} recusados)"
        )

    def _sent(self, outcome) -> None:
        report = outcome.report
        self.last_report = report
        lines = outcome.lines()
        box = QMessageBox(
            QMessageBox.Icon.Information, "Resultado do envio", "\n".join(lines), parent=self
        )
        if report.problems:
            box.setDetailedText("\n".join(outcome.problem_lines()))
        box.setObjectName("sendSummary")
        box.open()
        self.summary_box = box
        self.run_search()

    # -- pre-notices ------------------------------------------------------------------------

    def send_notices(self) -> None:
        from gestao_negativacao.services.sending.notices import send_notices

        preview, as_of = self.preview, self.as_of.date().toPython()
        if preview is None:
            return
        factory, actor = self.context.session_factory, self.context.actor
        say(self.message, "Enviando avisos prévios…")
        self.notice_task = Operation(
            self,
            lambda: send_notices(factory, actor, preview, as_of),
            success=lambda report: say(self.message, report.summary()),
            refused=self.message,
            busy=[self.notices],
        ).run()

    # -- why not ----------------------------------------------------------------------------

    def explain(self) -> None:
        rows = []
        for grid in (self.excluded_grid, self.found_grid):
            if grid is not None and grid.isVisible():
                rows = grid.selected_rows()
                if rows:
                    break
        item = rows[0].item if rows and self.preview is not None else None
        dialog = WhyNotDialog(
            self.context,
            self.kind,
            self.preview.rule if self.preview else None,
            self._integrator(),
            self.as_of.date().toPython(),
            item=item,
            document=self.why_document.text(),
            parent=self,
        )
        self.why_dialog = dialog
        dialog.open()
