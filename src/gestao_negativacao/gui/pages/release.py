"""Liberar parcelas (seed 004 item 9): filter by company, integrator and action; "Buscar"
lists the entries stuck in the queue with attempts and last error; "Liberar" takes the
ticked ones out after a confirmation, so they show again on Inclusão or Baixa."""

from __future__ import annotations

from gestao_negativacao.domain.documents import format_document
from gestao_negativacao.domain.enums import Action, Integrator
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.forms.ui_release_page import Ui_ReleaseForm
from gestao_negativacao.gui.freshness import keep_fresh
from gestao_negativacao.gui.messages import ask, say
from gestao_negativacao.gui.operations import Operation, run_now
from gestao_negativacao.gui.qt import QWidget
from gestao_negativacao.gui.table_model import CheckableModel
from gestao_negativacao.gui.widgets.grid import Grid, replace_grid
from gestao_negativacao.services.changes import Topic
from gestao_negativacao.services.portfolio import list_companies
from gestao_negativacao.services.sending.release import pending_listing, release


class ReleasePage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.ui = Ui_ReleaseForm()  # ui/pages/release_page.ui: the layout, drawn in Designer
        self.ui.setupUi(self)
        self.company, self.integrator, self.action = (
            self.ui.company,
            self.ui.integrator,
            self.ui.action,
        )
        self.search, self.select_all = self.ui.search, self.ui.selectAll
        self.holder, self.message = self.ui.holder, self.ui.message
        self.release_button = self.ui.releaseButton
        self.company.addItem("(todas)", "")
        for cnpj, name in list_companies(context.session_factory):
            self.company.addItem(f"{name} — {format_document(cnpj)}", cnpj)
        self.integrator.addItem("(todas)", "")
        for integrator in Integrator:
            self.integrator.addItem(integrator.label, integrator.value)
        for action in Action:
            self.action.addItem(action.label, action.value)
        self.grid: Grid | None = None
        self.search.clicked.connect(self.run_search)
        self.select_all.toggled.connect(lambda on: self.grid and self.grid.model.select_all(on))
        self.release_button.clicked.connect(self.release)
        self.run_search()  # what waits now, at once: the list is short and the clerk came for it
        # what waits in the queue now, the rows ticked kept
        self.freshness = keep_fresh(
            self, {Topic.QUEUE, Topic.NEGATIVATIONS}, lambda: self.grid and self.grid.refresh()
        )

    def run_search(self) -> None:
        factory, actor = self.context.session_factory, self.context.actor
        action = self.action.currentData()
        company, integrator = self.company.currentData(), self.integrator.currentData()
        ok, source = run_now(  # the listing set up (quick); its rows load in the grid
            lambda: pending_listing(
                factory, actor, action=action, company_cnpj=company or None,
                integrator=integrator or None,
            ),
            self.message,
        )  # fmt: skip
        if not ok:
            return
        model = CheckableModel(source, lambda row: row.id)
        grid = Grid(source, "liberar", self, model=model, name="Parcelas na fila")
        grid.empty_text = "Nada preso na fila de envio com estes filtros."
        self.grid = replace_grid(self.holder, self.grid, grid)
        model.checks_changed.connect(self._checks)
        model.count_changed.connect(lambda n: self.select_all.setText(f"Selecionar todos ({n})"))
        self.select_all.blockSignals(True)
        self.select_all.setChecked(False)
        self.select_all.blockSignals(False)
        self.grid.reload()

    def _checks(self) -> None:
        count = self.grid.model.checked_count() if self.grid else 0
        self.release_button.setEnabled(count > 0)
        self.message.setText(f"{count} selecionada(s)" if count else "")

    def confirm(self, text: str) -> bool:
        """The confirmation; tests replace this method."""
        return ask(self, "Liberar", text, do="Liberar", destructive=True)

    def release(self) -> None:
        model = self.grid.model
        count = model.checked_count()
        if not self.confirm(
            f"Tirar {count} parcela(s) da fila de envio? Elas voltam a aparecer na "
            f"{Action(self.action.currentData()).label}."
        ):
            return
        ids = None if model.all_selected else [model.key_of(row) for row in model.checked_rows()]
        left_out = list(model.toggled) if model.all_selected else None
        factory, actor = self.context.session_factory, self.context.actor
        action = self.action.currentData()
        company, integrator = self.company.currentData(), self.integrator.currentData()

        def released(count: int) -> None:
            self.run_search()
            say(self.message, f"{count} parcela(s) liberada(s).")

        Operation(
            self,
            lambda: release(
                factory, actor, action=action, company_cnpj=company or None,
                integrator=integrator or None, queue_ids=ids, leave_out=left_out,
            ),
            success=released,
            refused=self.message,
            busy=[self.release_button],
        ).run()  # fmt: skip
