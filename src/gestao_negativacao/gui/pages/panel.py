"""Painel: active negativations and open amount per integrator and per company; pending and
erro counts that open the filtered Enviados; the removals owed for full payments with
their legal deadline (overdue first, in red); inclusions and removals per month; recovery
after negativation. Read off the window's thread, again each time the screen is shown."""

from __future__ import annotations

from datetime import date

from gestao_negativacao.domain.display import show
from gestao_negativacao.domain.enums import NegativationStatus, Processing
from gestao_negativacao.gui.charts_qt import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QValueAxis,
)
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.messages import show_error
from gestao_negativacao.gui.qt import (
    QColor,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPainter,
    QPushButton,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from gestao_negativacao.gui.tasks import run_task
from gestao_negativacao.services.dashboard import Dashboard, dashboard

RED = QColor("#b00020")


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], red_rows: set[int] = frozenset()) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            if r in red_rows:
                item.setForeground(RED)
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
        layout = QVBoxLayout(self)
        head = QHBoxLayout()
        head.addWidget(QLabel("<h2>Painel</h2>"))
        head.addStretch(1)
        self.updated = QLabel("")
        head.addWidget(self.updated)
        self.refresh_button = QPushButton("&Atualizar", self)
        head.addWidget(self.refresh_button)
        layout.addLayout(head)
        cards = QHBoxLayout()
        self.active = QLabel("…")
        self.pending = QPushButton("Pendentes: …", self)
        self.errors = QPushButton("Com erro: …", self)
        self.to_check = QPushButton("Baixas a conferir: …", self)
        self.to_check.setToolTip(
            "Baixas que o birô disse não encontrar: o registro pode ter ficado no birô."
        )
        self.unconfirmed = QPushButton("Sem confirmação: …", self)
        self.unconfirmed.setToolTip(
            "Inclusões no Serasa e no Crédito na Medida que o birô ainda não confirmou"
        )
        self.unconfirmed.setVisible(False)  # shown when there are any
        self.owed = QLabel("…")
        self.failed_runs = QLabel("")
        for widget in (self.active, self.pending, self.errors, self.to_check,
                       self.unconfirmed, self.owed, self.failed_runs):  # fmt: skip
            cards.addWidget(widget)
        cards.addStretch(1)
        layout.addLayout(cards)
        grid = QGridLayout()
        self.by_integrator = _table(["Integradora", "Ativas", "Em aberto"])
        self.by_company = _table(["Empresa", "Ativas", "Em aberto"])
        self.removals = _table(
            ["Prazo", "Pago em", "Venda", "Parcela", "Devedor", "Integradora", "Na fila"]
        )
        grid.addWidget(self._box("Por integradora", self.by_integrator), 0, 0)
        grid.addWidget(self._box("Por empresa", self.by_company), 0, 1)
        grid.addWidget(
            self._box(
                "Baixas devidas por pagamento (5 dias úteis; feriados nacionais e estaduais — "
                "os municipais não são considerados)",
                self.removals,
            ),
            1,
            0,
            1,
            2,
        )
        self.months_chart = QChartView(self)
        self.months_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.recovery_chart = QChartView(self)
        self.recovery_chart.setRenderHint(QPainter.RenderHint.Antialiasing)
        grid.addWidget(self._box("Inclusões e baixas por mês", self.months_chart), 2, 0)
        grid.addWidget(
            self._box("Recuperação após a negativação (% do valor pago)", self.recovery_chart),
            2,
            1,
        )
        layout.addLayout(grid, 1)
        self.refresh_button.clicked.connect(self.refresh)
        self.pending.clicked.connect(lambda: self.open_sent.emit(NegativationStatus.PENDING, ""))
        self.errors.clicked.connect(lambda: self.open_sent.emit(NegativationStatus.ERROR, ""))
        self.to_check.clicked.connect(self.open_to_check.emit)
        self.unconfirmed.clicked.connect(
            lambda: self.open_sent.emit(NegativationStatus.PENDING, Processing.OK)
        )
        self.refresh()

    @staticmethod
    def _box(title: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        inner.addWidget(widget)
        return box

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self.board is not None:
            self.refresh()  # coming back to the Painel: the data may have changed

    def refresh(self) -> None:
        factory = self.context.session_factory
        self.refresh_button.setEnabled(False)
        self.task = run_task(
            lambda task: dashboard(factory, date.today()),
            on_done=self._show,
            on_failed=self._failed,
        )

    def _failed(self, error: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        show_error(self, "Painel", error)

    def _show(self, board: Dashboard) -> None:
        self.board = board
        self.refresh_button.setEnabled(True)
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
        self.owed.setText(
            f"Baixas devidas: {len(board.removals_owed)}"
            + (
                f" — <span style='color:#b00020'><b>{overdue} com prazo vencido</b></span>"
                if overdue
                else ""
            )
        )
        failed = board.failed_runs
        self.failed_runs.setText(
            f"<span style='color:#b00020'><b>{len(failed)} agendamento(s) com falha "
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
        chart = QChart()
        included, removed = QBarSet("Inclusões"), QBarSet("Baixas")
        for _month, n_in, n_out in board.months:
            included.append(n_in)
            removed.append(n_out)
        series = QBarSeries()
        series.append(included)
        series.append(removed)
        chart.addSeries(series)
        axis_x = QBarCategoryAxis()
        axis_x.append([f"{m[5:]}/{m[2:4]}" for m, _i, _o in board.months])
        small = axis_x.labelsFont()
        small.setPointSize(7)  # twelve months side by side
        axis_x.setLabelsFont(small)
        chart.addAxis(axis_x, self._bottom())
        series.attachAxis(axis_x)
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%d")
        axis_y.setMin(0)
        top = max([1, *(max(i, o) for _m, i, o in board.months)])
        axis_y.setMax(top)
        chart.addAxis(axis_y, self._left())
        series.attachAxis(axis_y)
        chart.legend().setVisible(True)
        self.months_chart.setChart(chart)
        recovery = QChart()
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
        percent.setLabelFormat("%d%%")
        recovery.addAxis(percent, self._left())
        bars.attachAxis(percent)
        recovery.legend().setVisible(False)
        self.recovery_chart.setChart(recovery)

    @staticmethod
    def _bottom():
        return Qt.AlignmentFlag.AlignBottom

    @staticmethod
    def _left():
        return Qt.AlignmentFlag.AlignLeft
