"""Agendamentos: create and edit schedules (action, rules, integrator or ERP source, days,
times, the user they run as, active), "Executar agora", and the history of runs with their
counts and errors."""

from __future__ import annotations

from gestao_negativacao.domain.enums import Integrator, RunStatus, ScheduleAction
from gestao_negativacao.domain.schedule import WEEKDAYS
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.forms.ui_schedule_form import Ui_ScheduleForm
from gestao_negativacao.gui.freshness import keep_fresh
from gestao_negativacao.gui.messages import say
from gestao_negativacao.gui.operations import Operation
from gestao_negativacao.gui.qt import (
    QCheckBox,
    QLabel,
    Qt,
    QVBoxLayout,
    QWidget,
)
from gestao_negativacao.gui.widgets.grid import Grid, replace_grid
from gestao_negativacao.gui.widgets.master_detail import ListPane, split
from gestao_negativacao.gui.widgets.two_lists import TwoLists
from gestao_negativacao.services import rules
from gestao_negativacao.services.bureau_setup import operators
from gestao_negativacao.services.changes import Topic
from gestao_negativacao.services.scheduling import runner, schedules


class SchedulesPage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.schedule_id: int | None = None
        pane = ListPane(
            schedules.schedules_listing(context.session_factory),
            "agendamentos",
            "&Novo agendamento",
            grid_stretch=2,
            name="Agendamentos",
        )
        self.new_button, self.grid = pane.new_button, pane.grid
        pane.column.addWidget(QLabel("Execuções"))
        self.runs_holder = QVBoxLayout()
        pane.column.addLayout(self.runs_holder, 3)
        self.runs: Grid | None = None
        self.form = QWidget()
        self.ui = Ui_ScheduleForm()
        self.ui.setupUi(self.form)
        self.rules = TwoLists("Regras", "Usadas", self.form)
        self.ui.rulesLayout.addWidget(self.rules)
        self.day_boxes = []
        for number, name in enumerate(WEEKDAYS):
            box = QCheckBox(name, self.form)
            box.setChecked(number < 5)
            self.day_boxes.append(box)
            self.ui.days.addWidget(box)
        for value, label in schedules.ACTIONS.items():
            self.ui.action.addItem(label, value)
        self.ui.integrator.addItem("(todas)", None)
        for integrator in Integrator:
            self.ui.integrator.addItem(integrator.label, integrator.value)
        self.ui.source.addItem("(nenhuma)", None)
        for source_id, name in schedules.sources(context.session_factory):
            self.ui.source.addItem(name, source_id)
        for login in operators.user_logins(context.session_factory):
            self.ui.runAs.addItem(login, login)
        self.ui.runAs.setCurrentIndex(max(0, self.ui.runAs.findData(context.actor.login)))
        split(self, pane, self.form, [640, 520])
        self.ui.action.currentIndexChanged.connect(self._action_changed)
        self.new_button.clicked.connect(self.new)
        self.grid.selection.connect(lambda rows: rows and self.load(rows[0][1]))
        self.ui.save.clicked.connect(self.save)
        self.ui.runNow.clicked.connect(self.run_now)
        self.new()
        self.grid.reload()
        self.freshness = keep_fresh(self, {Topic.SCHEDULES, Topic.RULES}, self._reread)

    def _reread(self) -> None:
        """The list and the runs where the clerk is; the rules offered, the chosen kept."""
        self.grid.refresh()
        if self.runs is not None:
            self.runs.refresh()
        self._action_changed()

    def _action_changed(self) -> None:
        action = self.ui.action.currentData()
        kind = {
            ScheduleAction.INCLUSION: ScheduleAction.INCLUSION,
            ScheduleAction.REMOVAL: ScheduleAction.REMOVAL,
        }.get(action)
        chosen = self.rules.values()
        names = (
            {s.name: s.name for s in rules.list_rules(self.context.session_factory, kind)}
            if kind
            else {}
        )
        self.rules.set_items(names, [n for n in chosen if n in names])
        self.ui.rulesBox.setEnabled(kind is not None)
        self.ui.integrator.setEnabled(action in (ScheduleAction.INCLUSION, ScheduleAction.REMOVAL))
        self.ui.source.setEnabled(action == "sync")

    def new(self) -> None:
        self.schedule_id = None
        self.ui.heading.setText("<h3>Novo agendamento</h3>")
        self.ui.name.setEnabled(True)
        self.ui.name.clear()
        self.ui.times.setText("06:00")
        self.ui.active.setChecked(True)
        self.ui.runNow.setEnabled(False)
        self._action_changed()
        self._show_runs(None)
        say(self.ui.message, "")

    def load(self, name: str) -> None:
        info = schedules.get_schedule(self.context.session_factory, name)
        self.schedule_id = info.id
        self.ui.heading.setText(f"<h3>Agendamento {info.name}</h3>")
        self.ui.name.setText(info.name)
        self.ui.name.setEnabled(False)
        self.ui.action.setCurrentIndex(self.ui.action.findData(info.action))
        self.rules.set_items(dict(self.rules.labels), list(info.rules))
        self.ui.integrator.setCurrentIndex(max(0, self.ui.integrator.findData(info.integrator)))
        self.ui.source.setCurrentIndex(max(0, self.ui.source.findData(info.source_id)))
        for number, box in enumerate(self.day_boxes):
            box.setChecked(str(number) in info.weekdays)
        self.ui.times.setText(", ".join(info.times))
        self.ui.runAs.setCurrentIndex(max(0, self.ui.runAs.findData(info.run_as)))
        self.ui.active.setChecked(info.active)
        self.ui.runNow.setEnabled(True)
        self._show_runs(info.id)
        say(self.ui.message, "")

    def _show_runs(self, schedule_id: int | None) -> None:
        runs = Grid(
            schedules.runs_listing(self.context.session_factory, schedule_id),
            "agendamentos_execucoes",
            self,
            name="Execuções",
        )
        self.runs = replace_grid(self.runs_holder, self.runs, runs)
        self.runs.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.runs.reload()

    def save(self) -> None:
        days = "".join(str(n) for n, box in enumerate(self.day_boxes) if box.isChecked())
        factory, actor = self.context.session_factory, self.context.actor
        name, action = self.ui.name.text(), self.ui.action.currentData()
        chosen = dict(
            rules=tuple(self.rules.values()),
            integrator=self.ui.integrator.currentData(),
            source_id=self.ui.source.currentData(),
            weekdays=days,
            times=tuple(t.strip() for t in self.ui.times.text().split(",") if t.strip()),
            run_as=self.ui.runAs.currentData() or "",
            active=self.ui.active.isChecked(),
        )

        def saved(info) -> None:
            self.grid.reload()
            self.load(info.name)
            say(self.ui.message, "Agendamento salvo.")

        Operation(
            self,
            lambda: schedules.save_schedule(factory, actor, name, action, **chosen),
            success=saved,
            refused=self.ui.message,
            busy=[self.ui.save],
        ).run()

    def run_now(self) -> None:
        if self.schedule_id is None:
            return
        factory, schedule_id = self.context.session_factory, self.schedule_id
        say(self.ui.message, "Executando…")
        # a failure re-enables the button too (it stayed off after one before)
        self.run_task = Operation(
            self,
            lambda: runner.run_now(factory, schedule_id),
            success=self._ran,
            refused=self.ui.message,
            busy=[self.ui.runNow],
        ).run()

    def _ran(self, summary) -> None:
        try:
            how = RunStatus(summary.status).label.lower()
        except ValueError:  # "ocupado": another workstation is running it
            how = "em andamento em outra estação"
        text = (
            f"Execução {how}: encontrados {summary.found}, na fila {summary.queued}, "
            f"enviados {summary.sent}, recusados {summary.rejected}, pendentes {summary.pending}."
        )
        if summary.errors:  # why nothing was found (automation off, a rule inactive…)
            text += " " + "; ".join(summary.errors[:3]).capitalize() + "."
        say(self.ui.message, text, error=summary.status != RunStatus.OK or not summary.found)
        self._show_runs(self.schedule_id)
        self.grid.reload()
