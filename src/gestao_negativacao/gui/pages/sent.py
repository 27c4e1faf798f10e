"""Enviados: every negativation with filters, colour-coded by status; the history of the
selected one (who, when, what, the bureau's protocol and message); "Baixa manual" (with a
required reason, permission NEG_BAIXA_MANUAL), "Reenviar" (an item in erro, after its data
was fixed), export."""

from __future__ import annotations

from html import escape

from gestao_negativacao.domain.display import show
from gestao_negativacao.domain.enums import (
    HoldOrigin,
    Integrator,
    NegativationStatus,
    Processing,
    labels,
)
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.gui import look
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.dialogs.reason import ask_reason
from gestao_negativacao.gui.forms.ui_sent_page import Ui_SentForm
from gestao_negativacao.gui.freshness import keep_fresh
from gestao_negativacao.gui.messages import ask, say
from gestao_negativacao.gui.operations import Operation, run_now
from gestao_negativacao.gui.qt import (
    QColor,
    Qt,
    QTreeWidgetItem,
    QWidget,
)
from gestao_negativacao.gui.table_model import PagedTableModel
from gestao_negativacao.gui.widgets.grid import Grid, replace_grid
from gestao_negativacao.services.changes import Topic
from gestao_negativacao.services.sending import holds, sent
from gestao_negativacao.services.sending.follow_up import refresh_confirmations
from gestao_negativacao.services.sending.release import manual_removal
from gestao_negativacao.services.sending.service import resend

STATUS_LABELS = {"": "(todas)", **labels(NegativationStatus)}
COLOURS = {  # the meaning of each status's colour (look.TONES: light and dark)
    NegativationStatus.ACTIVE: "success",
    NegativationStatus.PENDING: "pending",
    NegativationStatus.ERROR: "error",
    NegativationStatus.REMOVED: "muted",
    NegativationStatus.REMOVED_MANUALLY: "muted",
}


OTHERS_SHOWN = 4


def others_text(others: list) -> str:
    """The debtor's other active negativations, for the detail pane (Súmula 385 STJ)."""
    if not others:
        return "Nenhuma outra negativação ativa deste devedor."
    lines = [
        escape(
            f"{show(o.integrator, 'integrator')}: {o.company_name}, venda {o.sale} parcela "
            f"{o.installment}, incluída em {show(o.included_on, 'date') or '—'}"
        )
        for o in others[:OTHERS_SHOWN]
    ]
    if len(others) > OTHERS_SHOWN:  # the pane has room for a few; the list has them all
        more = len(others) - OTHERS_SHOWN
        lines.append(f"… e mais {more}: busque pelo CPF/CNPJ do devedor para ver todas.")
    head = f"<b>Outras negativações ativas deste devedor ({len(others)})</b> — Súmula 385 do STJ:"
    return head + "<br>" + "<br>".join(lines)


class StatusModel(PagedTableModel):
    """The list's text coloured by the negativation's status (the status column also says
    it in words: colour is never the only sign)."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            values = self.row_values(index.row()) if index.row() < self.rowCount() else None
            colour = COLOURS.get(values.status) if values is not None else None
            return QColor(look.tone(colour)) if colour else None
        return super().data(index, role)


class SentPage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.ui = Ui_SentForm()  # ui/pages/sent_page.ui: the layout, drawn in Designer
        self.ui.setupUi(self)
        ui = self.ui
        self.status, self.processing, self.integrator = ui.status, ui.processing, ui.integrator
        self.customer, self.to_check, self.search = ui.customer, ui.toCheck, ui.search
        self.grid_layout = ui.gridLayout
        self.detail_title, self.timeline, self.others = ui.detailTitle, ui.timeline, ui.others
        self.manual, self.resend, self.checked = ui.manual, ui.resend, ui.checked
        self.lift, self.refresh_status, self.message = ui.lift, ui.refreshStatus, ui.message
        for value, label in STATUS_LABELS.items():
            self.status.addItem(label, value)
        for value, label in {"": "(todos)", **labels(Processing)}.items():
            self.processing.addItem(label, value)
        self.integrator.addItem("(todas)", "")
        for integrator in Integrator:
            self.integrator.addItem(integrator.label, integrator.value)
        ui.splitter.setSizes([420, 260])
        self.manual.setVisible(context.actor.has(Perm.NEG_BAIXA_MANUAL))
        self.resend.setVisible(
            context.actor.has(Perm.NEG_INCLUIR) or context.actor.has(Perm.NEG_BAIXAR)
        )
        self.checked.setVisible(context.actor.has(Perm.NEG_BAIXAR))
        self.refresh_status.setVisible(context.actor.has(Perm.NEG_INCLUIR))
        self.lift.setVisible(context.actor.has(Perm.NEG_BAIXA_MANUAL))
        self.lift.setEnabled(False)
        self.grid: Grid | None = None
        self.selected: list[tuple] = []
        self.search.clicked.connect(self.reload)
        self.manual.clicked.connect(self.manual_removal)
        self.resend.clicked.connect(self.resend_errors)
        self.refresh_status.clicked.connect(self.refresh_confirmations)
        self.lift.clicked.connect(self.lift_hold)
        self.checked.clicked.connect(self.mark_checked)
        self._update_actions()
        self.reload()
        self.freshness = keep_fresh(
            self, {Topic.NEGATIVATIONS, Topic.QUEUE}, lambda: self.grid and self.grid.refresh()
        )

    def where(self) -> sent.SentFilter:
        status = self.status.currentData()
        return sent.SentFilter(
            status=(status,) if status else (),
            processing=self.processing.currentData() or None,
            integrator=self.integrator.currentData() or None,
            customer_document=self.customer.text().strip() or None,
            to_check=self.to_check.isChecked(),
        )

    def show_filtered(self, *, status: str = "", processing: str = "", to_check=False) -> None:
        """Opened from the Painel with a filter already chosen."""
        self.status.setCurrentIndex(max(0, self.status.findData(status)))
        self.processing.setCurrentIndex(max(0, self.processing.findData(processing)))
        self.to_check.setChecked(to_check)
        self.reload()

    def reload(self) -> None:
        # the filters checked and the listing set up (quick); the rows load in the grid
        ok, source = run_now(
            lambda: sent.sent_listing(self.context.session_factory, self.where()), self.message
        )
        if not ok:
            return
        grid = Grid(
            source, "enviados", self.ui.gridHolder, model=StatusModel(source), name="Enviados"
        )
        grid.empty_text = (
            "Nenhuma negativação com estes filtros. As enviadas pela Inclusão aparecem aqui."
        )
        self.grid = replace_grid(self.grid_layout, self.grid, grid)
        # Tab in reading order: the filters, Buscar, the list, then the history beside it
        QWidget.setTabOrder(self.search, grid.filter)
        QWidget.setTabOrder(grid.filter, grid.export_button)
        QWidget.setTabOrder(grid.export_button, grid.table)
        QWidget.setTabOrder(grid.table, self.timeline)
        self.grid.selection.connect(self._selected)
        # read again (a change here or elsewhere): the history of the row on screen too
        self.grid.model.refreshed.connect(lambda: self._selected(self.grid.selected_rows()))
        self.grid.reload()
        self._selected([])  # a new search: the history of the row seen before goes too

    def _selected(self, rows: list[tuple]) -> None:
        self.selected = rows
        self._update_actions()
        self.timeline.clear()
        self.others.clear()
        self.lift.setEnabled(False)
        if not rows:
            self.detail_title.setText("Selecione uma negativação para ver o histórico.")
            return
        if len(rows) != 1:
            self.detail_title.setText(f"{len(rows)} negativações selecionadas.")
            return
        row = rows[0]
        self.detail_title.setText(
            f"<b>Venda {row.sale} parcela {row.installment}</b> — {row.debtor} "
            f"({show(row.document, 'document')}) — {show(row.integrator, 'integrator')}"
        )
        for entry in sent.history(self.context.session_factory, row.id):
            change = " → ".join(
                STATUS_LABELS.get(s, s) for s in (entry.status_before, entry.status_after) if s
            )
            QTreeWidgetItem(
                self.timeline,
                [
                    show(entry.at, "datetime"),
                    entry.login,
                    entry.workstation,
                    sent.EVENT_NAMES.get(entry.kind, entry.kind),
                    change,
                    entry.protocol or "",
                    entry.message or "",
                ],
            )
        for column in range(6):
            self.timeline.resizeColumnToContents(column)
        text = others_text(sent.other_active(self.context.session_factory, row.id))
        held = holds.holds_for(self.context.session_factory, row.id)
        if held:
            h = held[0]
            text = (
                f"<b>Bloqueada para novas inclusões</b> por {escape(h.created_by)} em "
                f"{show(h.created_at, 'datetime')} ({HoldOrigin(h.origin).label}): "
                f"{escape(h.reason)}<br>{text}"
            )
        self.lift.setEnabled(bool(held))
        self.others.setText(text)

    def _update_actions(self) -> None:
        statuses = {row.status for row in self.selected}
        self.manual.setEnabled(bool(self.selected) and statuses == {NegativationStatus.ACTIVE})
        self.resend.setEnabled(bool(self.selected) and statuses == {NegativationStatus.ERROR})
        self.checked.setEnabled(bool(self.selected) and self.to_check.isChecked())

    def ask_check_note(self) -> str | None:
        """The note prompt; tests replace this method."""
        return ask_reason(
            self, "Conferida", "O que foi conferido (ex.: não consta no site do SPC em 10/11):"
        )

    def mark_checked(self) -> None:
        note = self.ask_check_note()
        if note is None:
            return
        ids = [row.id for row in self.selected]
        factory, actor = self.context.session_factory, self.context.actor

        def marked(done: int) -> None:
            say(self.message, f"{done} baixa(s) marcada(s) como conferida(s).")
            self.reload()

        Operation(
            self,
            lambda: sent.mark_checked(factory, actor, ids, note),
            success=marked,
            refused=self.message,
            busy=[self.checked],
        ).run()

    def ask_reason(self) -> str | None:
        """The reason prompt; tests replace this method."""
        return ask_reason(self, "Baixa manual", "Motivo (ex.: baixada no site do SPC em 10/11):")

    def ask_court_order(self) -> bool:
        """Whether a court ordered the removal (then the hold is marked so); tests replace
        this method."""
        return ask(
            self, "Baixa manual", "A baixa foi por ordem judicial?", do="Sim", dont="Não",
            destructive=True,  # the usual answer is no: Enter says no
        )  # fmt: skip

    def manual_removal(self) -> None:
        reason = self.ask_reason()
        if reason is None:
            return
        court_order = self.ask_court_order()
        ids = [row.id for row in self.selected]
        factory, actor = self.context.session_factory, self.context.actor

        def removed(done: int) -> None:
            say(
                self.message,
                f"{done} negativação(ões) baixada(s) manualmente; ficam bloqueadas para novas "
                "inclusões até alguém retirar o bloqueio.",
            )
            self.reload()

        Operation(
            self,
            lambda: manual_removal(factory, actor, ids, reason, court_order=court_order),
            success=removed,
            refused=self.message,
            busy=[self.manual],
        ).run()

    def ask_lift_reason(self, holds) -> str | None:
        """The reason to lift a hold; tests replace this method."""
        return ask_reason(
            self,
            "Retirar bloqueio",
            f"{HoldOrigin(holds[0].origin).label}: {holds[0].reason} "
            f"(por {holds[0].created_by}).\n"
            "Motivo para retirar o bloqueio:",
        )

    def lift_hold(self) -> None:
        """DESIGN §5.6: the item may be included again (NEG_BAIXA_MANUAL, with a reason)."""
        if len(self.selected) != 1:
            return
        factory, actor = self.context.session_factory, self.context.actor
        found = holds.holds_for(factory, self.selected[0].id)
        if not found:
            self.message.setText("Esta parcela não está bloqueada.")
            return
        reason = self.ask_lift_reason(found)
        if reason is None:
            return
        hold_ids = [h.id for h in found]

        def lifted(count: int) -> None:
            say(self.message, f"Bloqueio retirado ({count}): a parcela pode ser incluída de novo.")
            self._selected(self.selected)

        Operation(
            self,
            lambda: holds.lift(factory, actor, reason=reason, hold_ids=hold_ids),
            success=lifted,
            refused=self.message,
            busy=[self.lift],
        ).run()

    def refresh_confirmations(self) -> None:
        """DESIGN §5.2: ask the bureaus that confirm later about what still waits (the
        scheduler does it too, after each automatic inclusion and on its own schedule)."""
        factory, actor = self.context.session_factory, self.context.actor

        def done(report) -> None:
            text = (
                f"Situação atualizada: {report.asked} aguardavam confirmação; "
                f"{report.activated} ativadas, {report.failed} recusadas, "
                f"{report.still_pending} ainda aguardam."
            )
            if report.errors:
                text += " " + "; ".join(report.errors[:3])
            say(self.message, text)
            self.reload()

        say(self.message, "Perguntando aos birôs…")
        self.refresh_task = Operation(
            self,
            lambda: refresh_confirmations(factory, actor),
            success=done,
            busy=[self.refresh_status],
            title="Atualizar situação",
        ).run()

    def resend_errors(self) -> None:
        factory, actor = self.context.session_factory, self.context.actor
        ids = [row.id for row in self.selected]

        def work(task):
            return resend(factory, actor, ids, cancel=task.cancel_event)

        def done(result) -> None:
            queued, outcome = result
            report = outcome.report
            say(
                self.message,
                f"Reenviados: {queued}; enviados {report.sent + report.already}, "
                f"recusados {report.rejected}, pendentes {report.pending}.",
            )
            self.reload()

        say(self.message, "Reenviando…")
        self.resend_task = Operation(
            self, work, with_task=True, success=done, busy=[self.resend], title="Reenviar"
        ).run()
