"""Acordos (DESIGN §5.6): the agreements made with debtors on the left, with their standing
on the reference date; on the right either the chosen agreement (its plan, the payments,
"Registrar pagamento") or the form of a new one (company, debtor, the overdue installments
it covers, how many monthly installments from which date)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from gestao_negativacao.domain.documents import format_document
from gestao_negativacao.domain.money import format_brl
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.freshness import keep_fresh
from gestao_negativacao.gui.operations import Operation
from gestao_negativacao.gui.qt import (
    QAbstractItemView,
    QComboBox,
    QDate,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from gestao_negativacao.gui.widgets.master_detail import ListPane, split
from gestao_negativacao.services import agreements
from gestao_negativacao.services.changes import Topic
from gestao_negativacao.services.portfolio import list_companies


def _date_edit(parent: QWidget, value: date, name: str) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setAccessibleName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setDate(QDate(value.year, value.month, value.day))
    return edit


class AgreementsPage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.may_change = context.actor.has(Perm.NEG_BAIXA_MANUAL)
        self.current: agreements.AgreementInfo | None = None
        self.owed: list[agreements.OverdueInstallment] = []
        self.task = None
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(QLabel("<h2>Acordos</h2>"))
        reference = QHBoxLayout()
        reference.addWidget(QLabel("Situação em"))
        self.as_of = _date_edit(self, date.today(), "Data de referência")
        reference.addWidget(self.as_of)
        reference.addStretch(1)
        column.addLayout(reference)
        self.pane = ListPane(
            agreements.listing(context.session_factory, date.today()),
            "acordos",
            "&Novo acordo…",
            name="Acordos",
        )
        self.pane.new_button.setEnabled(self.may_change)
        column.addWidget(self.pane, 1)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._detail_page())
        self.stack.addWidget(self._form_page())
        split(self, left, self.stack, [640, 560])
        self.pane.grid.selection.connect(lambda rows: rows and self.load(rows[0][0]))
        self.pane.new_button.clicked.connect(self.new_agreement)
        self.as_of.dateChanged.connect(lambda _: self.refresh())
        self.refresh()
        # the list only: the agreement open beside it (or being typed) is left alone
        self.freshness = keep_fresh(self, {Topic.NEGATIVATIONS}, self.pane.grid.refresh)

    # -- the list ------------------------------------------------------------------------

    def reference_date(self) -> date:
        return self.as_of.date().toPython()

    def refresh(self) -> None:
        """The list read anew, its standing computed on the reference date."""
        self.pane.grid.model.source = agreements.listing(
            self.context.session_factory, self.reference_date()
        )
        self.pane.grid.reload()
        if self.current is not None:
            self.load(self.current.id)

    # -- one agreement -------------------------------------------------------------------

    def _detail_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        self.title = QLabel("Escolha um acordo na lista, ou registre um novo.", page)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.covers = QLabel("", page)
        self.covers.setWordWrap(True)
        layout.addWidget(self.covers)
        self.plan = QTableWidget(0, 5, page)
        self.plan.setAccessibleName("Parcelas do acordo")
        self.plan.setHorizontalHeaderLabels(["Parcela", "Vencimento", "Valor", "Prazo", "Pago em"])
        self.plan.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.plan.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.plan.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.plan.verticalHeader().setVisible(False)
        self.plan.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.plan, 1)
        row = QHBoxLayout()
        row.addWidget(QLabel("Pago em"))
        self.paid_on = _date_edit(page, date.today(), "Pago em")
        row.addWidget(self.paid_on)
        self.pay_button = QPushButton("Registrar &pagamento da parcela", page)
        self.pay_button.setEnabled(False)
        row.addWidget(self.pay_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.detail_message = QLabel("", page)
        self.detail_message.setWordWrap(True)
        layout.addWidget(self.detail_message)
        self.plan.itemSelectionChanged.connect(self._plan_selected)
        self.pay_button.clicked.connect(self.pay)
        return page

    def load(self, agreement_id: int) -> None:
        try:
            info = agreements.get_agreement(
                self.context.session_factory, agreement_id, self.reference_date()
            )
        except agreements.AgreementError as exc:
            self.detail_message.setText(str(exc))
            return
        self.current = info
        self.stack.setCurrentIndex(0)
        self.title.setText(
            f"<b>Acordo nº {info.id}</b> — {info.debtor_name} "
            f"({format_document(info.debtor_document)}): <b>{info.status}</b><br>"
            f"Feito em {info.made_on:%d/%m/%Y} por {info.created_by}; tolerância de "
            f"{info.tolerance_days} dia(s) após cada vencimento. "
            f"Pago {format_brl(info.paid)} de {format_brl(info.total)}."
        )
        note = f"<br>Observação: {info.note}" if info.note else ""
        held = (
            "ficam bloqueadas para inclusão e suas negativações são baixadas"
            if info.kept
            else "voltaram a ser candidatas à inclusão (acordo quebrado)"
        )
        self.covers.setText(f"Parcelas originais: {', '.join(info.originals)} — {held}.{note}")
        self.plan.setRowCount(len(info.plan))
        for row, p in enumerate(info.plan):
            cells = [
                str(p.number),
                f"{p.due_date:%d/%m/%Y}",
                format_brl(p.amount),
                f"{p.deadline:%d/%m/%Y}",
                f"{p.paid_on:%d/%m/%Y}" if p.paid_on else "—",
            ]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col in (0, 2):
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.plan.setItem(row, col, item)
        self.plan.resizeColumnsToContents()
        self.detail_message.setText("")
        self._plan_selected()

    def _plan_selected(self) -> None:
        rows = self.plan.selectionModel().selectedRows() if self.current else []
        unpaid = bool(rows) and self.current.plan[rows[0].row()].paid_on is None
        self.pay_button.setEnabled(self.may_change and unpaid)

    def pay(self) -> None:
        rows = self.plan.selectionModel().selectedRows()
        if not rows or self.current is None:
            return
        number = self.current.plan[rows[0].row()].number
        agreement_id = self.current.id
        paid_on = self.paid_on.date().toPython()
        factory, actor = self.context.session_factory, self.context.actor
        self.task = Operation(
            self,
            lambda: agreements.record_payment(factory, actor, agreement_id, number, paid_on),
            success=lambda info: self._paid(info, number),
            refused=lambda text: self.detail_message.setText(text),
            busy=[self.pay_button],
        ).run()

    def _paid(self, info: agreements.AgreementInfo, number: int) -> None:
        self.refresh()
        self.load(info.id)
        self.detail_message.setText(f"Pagamento da parcela {number} registrado.")

    # -- a new agreement -----------------------------------------------------------------

    def _form_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel("<b>Novo acordo</b>"))
        form = QFormLayout()
        self.company = QComboBox(page)
        for cnpj, name in list_companies(self.context.session_factory):
            self.company.addItem(f"{name} — {format_document(cnpj)}", cnpj)
        form.addRow("&Empresa:", self.company)
        who = QHBoxLayout()
        self.document = QLineEdit(page)
        self.document.setPlaceholderText("CPF ou CNPJ do devedor")
        self.find_button = QPushButton("&Buscar parcelas vencidas", page)
        who.addWidget(self.document, 1)
        who.addWidget(self.find_button)
        form.addRow("Devedor:", who)
        layout.addLayout(form)
        self.owed_list = QListWidget(page)
        self.owed_list.setAccessibleName("Parcelas em aberto do devedor")
        layout.addWidget(self.owed_list, 1)
        plan = QFormLayout()
        self.count = QSpinBox(page)
        self.count.setRange(1, agreements.MAX_PLAN)
        self.count.setValue(3)
        plan.addRow("&Parcelas do acordo:", self.count)
        self.first_due = _date_edit(page, date.today() + timedelta(days=7), "Primeiro vencimento")
        plan.addRow("Primeiro &vencimento:", self.first_due)
        self.note = QLineEdit(page)
        self.note.setMaxLength(200)
        plan.addRow("&Observação:", self.note)
        layout.addLayout(plan)
        self.plan_summary = QLabel("", page)
        self.plan_summary.setWordWrap(True)
        # a wrapped label in a column gets one line's height unless asked for more
        self.plan_summary.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 6)
        layout.addWidget(self.plan_summary)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton("Cancelar", page)
        self.save_button = QPushButton("&Salvar acordo", page)
        self.save_button.setEnabled(False)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        self.form_message = QLabel("", page)
        self.form_message.setWordWrap(True)
        layout.addWidget(self.form_message)
        self.find_button.clicked.connect(self.find_owed)
        self.document.returnPressed.connect(self.find_owed)
        self.owed_list.itemChanged.connect(lambda _: self._summarise())
        self.count.valueChanged.connect(lambda _: self._summarise())
        self.first_due.dateChanged.connect(lambda _: self._summarise())
        self.cancel_button.clicked.connect(lambda: self.stack.setCurrentIndex(0))
        self.save_button.clicked.connect(self.save)
        return page

    def new_agreement(self) -> None:
        self.owed = []
        self.owed_list.clear()
        self.document.clear()
        self.note.clear()
        self.form_message.setText("")
        self._summarise()
        self.stack.setCurrentIndex(1)
        self.document.setFocus()

    def find_owed(self) -> None:
        self.owed_list.clear()
        self.owed = []
        try:
            self.owed = agreements.overdue_installments(
                self.context.session_factory,
                self.company.currentData() or "",
                self.document.text(),
                self.reference_date(),
            )
        except agreements.AgreementError as exc:
            self.form_message.setText(str(exc))
            self._summarise()
            return
        for o in self.owed:
            item = QListWidgetItem(
                f"Venda {o.sale}, parcela {o.number} — vencida em {o.due_date:%d/%m/%Y} — "
                f"{format_brl(o.open_amount)}"
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.owed_list.addItem(item)
        self.form_message.setText(
            ""
            if self.owed
            else "Este devedor não tem parcelas vencidas em aberto nesta empresa fora de um "
            "acordo em dia."
        )
        self._summarise()

    def chosen(self) -> list[agreements.OverdueInstallment]:
        return [
            o
            for row, o in enumerate(self.owed)
            if self.owed_list.item(row).checkState() == Qt.CheckState.Checked
        ]

    def proposed_plan(self) -> list[tuple[date, Decimal]]:
        total = sum((o.open_amount for o in self.chosen()), Decimal("0.00"))
        return agreements.even_plan(total, self.count.value(), self.first_due.date().toPython())

    def _summarise(self) -> None:
        chosen = self.chosen() if self.owed else []
        self.save_button.setEnabled(self.may_change and bool(chosen))
        if not chosen:
            self.plan_summary.setText(
                "Busque as parcelas vencidas do devedor e marque as do acordo."
            )
            return
        plan = self.proposed_plan()
        total = sum((a for _, a in plan), Decimal("0.00"))
        last = plan[-1][0]
        self.plan_summary.setText(
            f"{len(chosen)} parcela(s) original(is), {format_brl(total)} em aberto → "
            f"{len(plan)} parcela(s) mensal(is) de {format_brl(plan[-1][1])}"
            + (f" (a primeira de {format_brl(plan[0][1])})" if plan[0][1] != plan[-1][1] else "")
            + f", de {plan[0][0]:%d/%m/%Y} a {last:%d/%m/%Y}."
        )

    def save(self) -> None:
        chosen = [(o.sale, o.number) for o in self.chosen()]
        try:
            plan = self.proposed_plan()
        except agreements.AgreementError as exc:
            self.form_message.setText(str(exc))
            return
        values = dict(
            company_cnpj=self.company.currentData() or "",
            debtor_document=self.document.text(),
            plan=plan,
            as_of=self.reference_date(),
            installments=chosen,
            note=self.note.text(),
        )
        factory, actor = self.context.session_factory, self.context.actor
        self.task = Operation(
            self,
            lambda: agreements.make_agreement(factory, actor, **values),
            success=self._saved,
            refused=self._refused,
            busy=[self.save_button],
        ).run()

    def _refused(self, text: str) -> None:
        self.form_message.setText(text)
        self._summarise()

    def _saved(self, info: agreements.AgreementInfo) -> None:
        self.refresh()
        self.load(info.id)
        self.detail_message.setText(
            f"Acordo nº {info.id} registrado: as parcelas originais ficam bloqueadas e as "
            "negativações ativas delas entram na próxima baixa."
        )
