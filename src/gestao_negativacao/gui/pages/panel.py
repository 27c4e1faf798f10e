"""Painel: active negativations and open amount per integrator and per company; pending and
erro counts that open the filtered Enviados; the removals owed for full payments with
their legal deadline (overdue first, in red); inclusions and removals per month; recovery
after negativation. Read off the window's thread, again each time the screen is shown."""

from __future__ import annotations

from datetime import date

from gestao_negativacao.domain.display import show
from gestao_negativacao.domain.enums import NegativationStatus, Processing
from gestao_negativacao.gui import look
from gestao_negativacao.gui.charts_qt import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.forms.ui_panel_page import Ui_PanelForm
from gestao_negativacao.gui.freshness import keep_fresh
from gestao_negativacao.gui.operations import Operation
from gestao_negativacao.gui.qt import (
    QColor,
    QLocale,
    QPainter,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
    Signal,
)
from gestao_negativacao.gui.widgets.empty_state import EmptyState
from gestao_negativacao.services.changes import Topic
from gestao_negativacao.services.dashboard import Dashboard, dashboard

MONTHS = ("jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez")


def month_labels(months: list[str]) -> list[str]:
    """ "2026-03" → "mar": three letters fit under each of twelve bars at 1366 px, where
    "03/26" was cut to "0…"; the period goes in the chart's title (``period``)."""
    return [MONTHS[int(month[5:7]) - 1] for month in months]


def period(months: list[str]) -> str:
    """ "jan/2026 a dez/2026" for the chart's title."""
    if not months:
        return ""
    first, last = months[0], months[-1]
    return f"{MONTHS[int(first[5:7]) - 1]}/{first[:4]} a {MONTHS[int(last[5:7]) - 1]}/{last[:4]}"


def axis_top(highest: int) -> int:
    """The top of a count axis with three ticks (0, the middle, the top), each a whole
    and round number: 298 → 300 (0, 150, 300); 1 → 2 (0, 1, 2)."""
    magnitude = 1
    while True:
        for factor in (1, 1.5, 2, 2.5, 5):
            step = factor * magnitude
            if step == int(step) and 2 * step >= highest:
                return int(2 * step)
        magnitude *= 10


def _fill(table: QTableWidget, rows: list[list[str]], red_rows: set[int] = frozenset()) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if r in red_rows:
                item.setForeground(QColor(look.tone("error")))
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


class PanelPage(QWidget):
    """Signals: ``open_sent(status, processing)`` — a count was clicked;
    ``open_to_check()`` — the removals to check were clicked."""

    open_sent = Signal(str, str)
    open_to_check = Signal()

    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.board: Dashboard | None = None
        self.ui = Ui_PanelForm()  # ui/pages/panel_page.ui: the layout, drawn in Designer
        self.ui.setupUi(self)
        self.ui.mainLayout.setStretch(2, 1)  # the tables and charts take what is left
        ui = self.ui
        self.updated, self.refresh_button = ui.updated, ui.refreshButton
        self.active, self.pending, self.errors = ui.active, ui.pending, ui.errors
        self.to_check, self.unconfirmed = ui.toCheck, ui.unconfirmed
        self.owed, self.failed_runs = ui.owed, ui.failedRuns
        self.by_integrator, self.by_company = ui.byIntegrator, ui.byCompany
        self.removals = ui.removals
        for table in (self.by_integrator, self.by_company, self.removals):
            table.horizontalHeader().setStretchLastSection(True)  # no grey band at 1920
        self.empty_states = [
            EmptyState(self.by_integrator, "Nenhuma negativação ativa ainda: envie pela Inclusão."),
            EmptyState(self.by_company, "Nenhuma negativação ativa ainda."),
            EmptyState(
                self.removals,
                "Nenhuma baixa devida: toda parcela paga já saiu dos birôs (ou está na fila).",
            ),
        ]
        # the charts come from Qt Charts (gui.charts_qt), not from Designer's widget box
        self.months_chart = QChartView(self)
        self.months_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        ui.monthsHolderLayout.addWidget(self.months_chart)
        self.recovery_chart = QChartView(self)
        self.recovery_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        ui.recoveryHolderLayout.addWidget(self.recovery_chart)
        for view in (self.months_chart, self.recovery_chart):
            view.setMinimumHeight(220)  # below that the axes' numbers turn into "…"
        self.refresh_button.clicked.connect(self.refresh)
        self.pending.clicked.connect(lambda: self.open_sent.emit(NegativationStatus.PENDING, ""))
        self.errors.clicked.connect(lambda: self.open_sent.emit(NegativationStatus.ERROR, ""))
        self.to_check.clicked.connect(self.open_to_check.emit)
        self.unconfirmed.clicked.connect(
            lambda: self.open_sent.emit(NegativationStatus.PENDING, Processing.OK)
        )
        self.refresh()
        self.freshness = keep_fresh(
            self,
            {Topic.NEGATIVATIONS, Topic.QUEUE, Topic.PORTFOLIO, Topic.SCHEDULES},
            self.refresh,
            every_seconds=300,  # the whole portfolio summed: every five minutes is plenty
        )

    def refresh(self) -> None:
        factory = self.context.session_factory
        self.task = Operation(
            self,
            lambda: dashboard(factory, date.today()),
            success=self._show,
            busy=[self.refresh_button],
            title="Painel",
        ).run()

    def _show(self, board: Dashboard) -> None:
        self.board = board
        self.updated.setText(f"atualizado em {date.today():%d/%m/%Y}")
        active = sum(g.active for g in board.by_integrator)
        amount = sum((g.amount for g in board.by_integrator), start=0)
        visible = (
            f"; <b>{show(board.visible_this_week, 'number')}</b> ficam visíveis no birô "
            "nos próximos 7 dias"
            if board.visible_this_week
            else ""
        )
        agreements = (
            f"<br><b>{show(board.agreements_kept, 'number')}</b> acordo(s) em andamento"
            + (
                f", <b>{show(board.agreement_payments_due, 'number')}</b> parcela(s) vencendo "
                "nos próximos 7 dias (lembre o devedor: atrasar quebra o acordo)"
                if board.agreement_payments_due
                else ""
            )
            if board.agreements_kept
            else ""
        )
        self.active.setText(
            f"<b>{show(active, 'number')}</b> negativações ativas, "
            f"<b>{show(amount, 'money')}</b> em aberto{visible}{agreements}"
        )
        released = f" ({show(board.released, 'number')} liberadas)" if board.released else ""
        self.pending.setText(f"Pendentes: {show(board.pending, 'number')}{released}")
        self.errors.setText(f"Com erro: {show(board.errors, 'number')}")
        self.to_check.setText(f"Baixas a conferir: {show(board.to_check, 'number')}")
        self.to_check.setVisible(board.to_check > 0)
        self.unconfirmed.setText(
            f"Sem confirmação há mais de {board.unconfirmed_days} dias: "
            f"{show(board.unconfirmed, 'number')}"
        )
        self.unconfirmed.setVisible(board.unconfirmed > 0)
        overdue = board.overdue_removals
        red = look.tone("error")
        self.owed.setText(
            f"Baixas devidas: {len(board.removals_owed)}"
            + (
                f" — <span style='color:{red}'><b>{overdue} com prazo vencido</b></span>"
                if overdue
                else ""
            )
        )
        failed = board.failed_runs
        self.failed_runs.setText(
            f"<span style='color:{red}'><b>{len(failed)} agendamento(s) com falha "
            "nos últimos 7 dias</b></span>"
            if failed
            else ""
        )
        self.failed_runs.setToolTip(
            "\n".join(
                f"{name} em {show(at, 'datetime')}: {errors[:200]}" for name, at, errors in failed
            )
        )
        _fill(
            self.by_integrator,
            [
                [show(g.key, "integrator"), show(g.active, "number"), show(g.amount, "money")]
                for g in board.by_integrator
            ],
        )
        _fill(
            self.by_company,
            [[g.key, show(g.active, "number"), show(g.amount, "money")] for g in board.by_company],
        )
        rows = [
            [
                show(r.deadline, "date"),
                show(r.payment_date, "date"),
                r.sale,
                str(r.installment),
                f"{r.debtor} ({show(r.document, 'document')})",
                show(r.integrator, "integrator"),
                "sim" if r.queued else "não",
            ]
            for r in board.removals_owed
        ]
        late = {i for i, r in enumerate(board.removals_owed) if r.overdue(board.as_of)}
        _fill(self.removals, rows, late)
        self._charts(board)

    def _charts(self, board: Dashboard) -> None:
        chart = self._chart()
        included, removed = QBarSet("Inclusões"), QBarSet("Baixas")
        for _month, n_in, n_out in board.months:
            included.append(n_in)
            removed.append(n_out)
        series = QBarSeries()
        series.append(included)
        series.append(removed)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        months = [m for m, _i, _o in board.months]
        axis_x.append(month_labels(months))
        self.ui.monthsBox.setTitle(f"Inclusões e baixas por mês ({period(months)})")
        small = axis_x.labelsFont()
        small.setPointSizeF(7.5)  # twelve months side by side, each readable at 1366 px
        axis_x.setLabelsFont(small)
        chart.addAxis(axis_x, self._bottom())
        series.attachAxis(axis_x)
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%.0f")  # localized: "%d" draws nothing
        axis_y.setTickCount(3)  # 0, the middle and the top: room enough on a short chart
        axis_y.setMin(0)
        axis_y.setMax(axis_top(max([0, *(max(i, o) for _m, i, o in board.months)])))
        chart.addAxis(axis_y, self._left())
        series.attachAxis(axis_y)
        chart.legend().setVisible(True)
        chart.legend().setAlignment(self._bottom())
        self.months_chart.setChart(chart)
        recovery = self._chart()
        paid = QBarSet("Pago")
        for window in sorted(board.recovery):
            paid.append(float(board.recovery[window]) * 100)
        bars = QBarSeries()
        bars.append(paid)
        recovery.addSeries(bars)
        windows = QBarCategoryAxis()
        windows.append([f"em {w} dias" for w in sorted(board.recovery)])
        recovery.addAxis(windows, self._bottom())
        bars.attachAxis(windows)
        percent = QValueAxis()
        percent.setRange(0, 100)
        percent.setLabelFormat("%.0f%")  # localized: a lone % is the sign
        percent.setTickCount(3)
        recovery.addAxis(percent, self._left())
        bars.attachAxis(percent)
        recovery.legend().setVisible(False)
        self.recovery_chart.setChart(recovery)

    @staticmethod
    def _chart() -> QChart:
        """A chart in the window's scheme, its numbers written as in Brazil (1.500)."""
        chart = QChart()
        if look.is_dark():
            chart.setTheme(QChart.ChartTheme.ChartThemeDark)
        chart.setLocalizeNumbers(True)
        chart.setLocale(QLocale(QLocale.Language.Portuguese, QLocale.Country.Brazil))
        return chart

    @staticmethod
    def _bottom():
        return Qt.AlignmentFlag.AlignBottom

    @staticmethod
    def _left():
        return Qt.AlignmentFlag.AlignLeft
