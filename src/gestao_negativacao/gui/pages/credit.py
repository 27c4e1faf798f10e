"""Análise de crédito (permission CREDITO_ANALISE): the queue of requests waiting for a
supervisor (customer, limit, used, balance, origin, amount, reasons), the detail with the
customer's open and overdue titles and the latest bureau report, "Aprovar" (within the
user's alçada; generates the saved installments) and "Bloquear" (comment required); a new
request typed in the application; and the customer's credit profile (status, limit,
temporary increase)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from gestao_negativacao.domain.credit import (
    METHOD_LABELS,
    REASONS,
    STATUS_LABELS,
    RequestStatus,
)
from gestao_negativacao.domain.display import decimal_comma, show
from gestao_negativacao.domain.money import typed_money
from gestao_negativacao.domain.permissions import Perm
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.dialogs.reason import ask_reason
from gestao_negativacao.gui.forms.ui_credit_page import Ui_CreditForm
from gestao_negativacao.gui.freshness import keep_fresh
from gestao_negativacao.gui.messages import say
from gestao_negativacao.gui.operations import Operation, run_now
from gestao_negativacao.gui.qt import (
    QTableWidgetItem,
    QWidget,
)
from gestao_negativacao.gui.widgets.empty_state import EmptyState
from gestao_negativacao.services import credit
from gestao_negativacao.services.changes import Topic
from gestao_negativacao.services.credit.queries import latest


def _money(text: str, field: str) -> Decimal:
    """What the clerk typed in ``field`` as money, or a refusal that names the field."""
    value = typed_money(text)
    if not text.strip():
        raise credit.CreditError(f"Preencha o campo {field} (por exemplo 1.500,00).")
    try:
        return Decimal(value or "x")
    except ArithmeticError:
        raise credit.CreditError(
            f"{field}: “{text.strip()}” não é um valor; escreva por exemplo 1.500,00."
        ) from None


class CreditPage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.ui = Ui_CreditForm()  # ui/pages/credit_page.ui: the layout, drawn in Designer
        self.ui.setupUi(self)
        ui = self.ui
        self.tabs = ui.tabs
        # the queue
        self.queue, self.detail = ui.queue, ui.detail
        self.queue_message, self.approve, self.block = ui.queueMessage, ui.approve, ui.block
        ui.queueSplitter.setSizes([700, 420])
        self.queue.itemSelectionChanged.connect(self._selected)
        self.approve.clicked.connect(self.approve_selected)
        self.block.clicked.connect(self.block_selected)
        # a new request
        self.req_customer, self.req_company, self.req_sale = (
            ui.reqCustomer,
            ui.reqCompany,
            ui.reqSale,
        )
        self.req_method, self.req_amount, self.req_count = ui.reqMethod, ui.reqAmount, ui.reqCount
        self.req_first, self.req_submit, self.req_result = ui.reqFirst, ui.reqSubmit, ui.reqResult
        for value, label in METHOD_LABELS.items():
            self.req_method.addItem(label, value)
        self.req_first.setDate(date.today() + timedelta(days=30))
        self.req_submit.clicked.connect(self.submit_request)
        # a customer's profile
        self.prof_document, self.prof_find = ui.profDocument, ui.profFind
        self.prof_summary, self.prof_status, self.prof_limit = (
            ui.profSummary,
            ui.profStatus,
            ui.profLimit,
        )
        self.prof_save, self.prof_increase, self.prof_until = (
            ui.profSave,
            ui.profIncrease,
            ui.profUntil,
        )
        self.prof_add, self.prof_message = ui.profAdd, ui.profMessage
        for value, label in STATUS_LABELS.items():
            self.prof_status.addItem(label, value)
        self.prof_until.setDate(date.today() + timedelta(days=30))
        self.prof_find.clicked.connect(self.find_profile)
        self.prof_document.returnPressed.connect(self.find_profile)
        self.prof_save.clicked.connect(self.save_profile)
        self.prof_add.clicked.connect(self.add_increase)
        # the requests made
        self.mine = ui.mine
        self.empty_states = [
            EmptyState(self.queue, "Nenhuma solicitação aguardando análise."),
            EmptyState(self.mine, "Nenhuma solicitação feita ainda: use a aba Nova solicitação."),
        ]
        self.analyst = context.actor.has(Perm.CREDITO_ANALISE)
        # who only asks for credit sees the request form and the outcomes, not the queue
        for index in (0, 2):
            self.tabs.setTabVisible(index, self.analyst)
        self.tabs.setCurrentIndex(0 if self.analyst else 1)
        self.reload()
        self.freshness = keep_fresh(self, {Topic.CREDIT}, self._reread)

    def _reread(self) -> None:
        """New requests and outcomes show; the queue is not rebuilt under an analyst who
        has a request open (the detail beside it would go)."""
        if self.queue.selectedItems():
            self._fill_mine()
        else:
            self.reload()

    def _fill_mine(self) -> None:
        login = None if self.analyst else self.context.actor.login
        found = credit.recent_requests(self.context.session_factory, login)
        self.mine.setRowCount(len(found))
        for row, info in enumerate(found):
            values = [
                str(info.id),
                info.customer_name,
                info.sale_number,
                show(info.amount, "money"),
                RequestStatus(info.status).label(info.decided_by),
                info.decided_by or "",
                info.comment or "",
            ]
            for column, text in enumerate(values):
                self.mine.setItem(row, column, QTableWidgetItem(text))
        self.mine.resizeColumnsToContents()

    # -- the queue ------------------------------------------------------------------------

    def reload(self) -> None:
        self._fill_mine()
        self.items = credit.queue(self.context.session_factory) if self.analyst else []
        self.queue.clearSelection()
        self.detail.clear()
        self.queue.setRowCount(len(self.items))
        # one profile per customer, read once for the list and its detail
        self.profiles = {
            doc: credit.profile(self.context.session_factory, doc)
            for doc in {info.customer_document for info in self.items}
        }
        for row, info in enumerate(self.items):
            profile = self.profiles[info.customer_document]
            balance = profile.balance
            values = [
                str(info.id),
                f"{info.customer_name} ({show(info.customer_document, 'document')})",
                "sem limite" if profile.limit == 0 else show(profile.effective_limit, "money"),
                show(profile.used, "money"),
                "—" if balance is None else show(balance, "money"),
                info.origin,
                show(info.amount, "money"),
                RequestStatus(info.status).label(info.decided_by),
                "; ".join(REASONS.get(r, r) for r in info.reasons),
            ]
            for column, text in enumerate(values):
                self.queue.setItem(row, column, QTableWidgetItem(text))
        self.queue.resizeColumnsToContents()
        self.approve.setEnabled(False)
        self.block.setEnabled(False)

    def _current(self):
        rows = {i.row() for i in self.queue.selectedIndexes()}
        return self.items[min(rows)] if rows else None

    def _selected(self) -> None:
        info = self._current()
        self.approve.setEnabled(info is not None)
        self.block.setEnabled(info is not None)
        if info is None:
            self.detail.clear()
            return
        profile = self.profiles[info.customer_document]
        lines = [
            f"Solicitação {info.id} — {info.customer_name} "
            f"({show(info.customer_document, 'document')})",
            f"Venda {info.sale_number}, {show(info.amount, 'money')}, "
            f"{METHOD_LABELS.get(info.method, info.method)}, {len(info.installments)} parcela(s):",
        ]
        lines += [f"  {show(d, 'date')}  {show(v, 'money')}" for d, v in info.installments]
        lines += [
            "",
            "Motivos: " + "; ".join(REASONS.get(r, r) for r in info.reasons),
            "",
            f"Situação do cliente: {STATUS_LABELS.get(profile.status, profile.status)}",
            f"Em aberto: {show(profile.used, 'money')}; em atraso: "
            f"{show(profile.overdue, 'money')}; em cartório: {show(profile.notary, 'money')}",
        ]
        report = latest(self.context.session_factory, info.customer_document)
        if report is None:
            lines.append("Sem consulta ao birô (use Consultas).")
        else:
            lines.append(
                f"Última consulta ({show(report.integrator, 'integrator')}, "
                f"{show(report.at, 'datetime')}): score {report.report.get('score')}, "
                f"{len(report.report.get('restrictions', []))} restrição(ões), "
                f"{len(report.report.get('protests', []))} protesto(s)"
            )
        self.detail.setPlainText("\n".join(lines))

    def approve_selected(self) -> None:
        info = self._current()
        if info is None:
            return
        factory, actor = self.context.session_factory, self.context.actor

        def approved(done) -> None:
            say(self.queue_message, f"Solicitação {done.id} aprovada: parcelas geradas.")
            self.reload()

        Operation(
            self,
            lambda: credit.approve(factory, actor, info.id),
            success=approved,
            refused=self.queue_message,
        ).run()

    def ask_comment(self) -> str | None:
        """The comment prompt; tests replace this method."""
        return ask_reason(self, "Bloquear", "Motivo do bloqueio:")

    def block_selected(self) -> None:
        info = self._current()
        comment = self.ask_comment() if info else None
        if comment is None:
            return
        factory, actor = self.context.session_factory, self.context.actor

        def blocked(_) -> None:
            say(self.queue_message, f"Solicitação {info.id} bloqueada.")
            self.reload()

        Operation(
            self,
            lambda: credit.block(factory, actor, info.id, comment),
            success=blocked,
            refused=self.queue_message,
        ).run()

    # -- a new request --------------------------------------------------------------------

    def submit_request(self) -> None:
        ok, request = run_now(self._typed_request, self.req_result)
        if not ok:  # the typed data stays in the form
            return
        factory, actor = self.context.session_factory, self.context.actor

        def decided(result) -> None:
            info, decision = result
            outcome = {
                RequestStatus.APPROVED: "aprovada na hora",
                RequestStatus.IN_ANALYSIS: "enviada para análise",
                RequestStatus.HELD: "bloqueada pelas regras e enviada ao supervisor",
            }[decision.outcome]
            say(self.req_result, f"Solicitação {info.id} {outcome}. {decision.describe()}.")
            self.reload()

        Operation(
            self,
            lambda: credit.submit(factory, actor, request),
            success=decided,
            refused=self.req_result,
            busy=[self.req_submit],
        ).run()

    def _typed_request(self) -> credit.RequestInput:
        total = _money(self.req_amount.text(), "Valor total")
        count = self.req_count.value()
        share = (total / count).quantize(Decimal("0.01"))
        values = [share] * (count - 1) + [total - share * (count - 1)]
        first = self.req_first.date().toPython()
        parts = tuple(
            (date.fromordinal(first.toordinal() + 30 * n), value) for n, value in enumerate(values)
        )
        request = credit.RequestInput(
            self.req_customer.text(),
            self.req_company.text(),
            self.req_sale.text().strip(),
            total,
            self.req_method.currentData(),
            parts,
        )
        if not request.sale_number:
            raise credit.CreditError("Informe o número da venda.")
        return request

    # -- the profile ----------------------------------------------------------------------

    def find_profile(self) -> None:
        factory, document = self.context.session_factory, self.prof_document.text()
        Operation(
            self,
            lambda: credit.profile(factory, document),
            success=self._profile_found,
            refused=lambda text: self.prof_summary.setText(text),
            busy=[self.prof_find],
        ).run()

    def _profile_found(self, p) -> None:
        limit = "sem limite" if p.limit == 0 else show(p.effective_limit, "money")
        extra = f" (inclui aumento de {show(p.increase, 'money')})" if p.increase else ""
        balance = "—" if p.balance is None else show(p.balance, "money")
        self.prof_summary.setText(
            f"<b>{p.name}</b>: limite {limit}{extra}; usado {show(p.used, 'money')}; "
            f"saldo {balance}; em atraso {show(p.overdue, 'money')}"
        )
        self.prof_status.setCurrentIndex(self.prof_status.findData(p.status))
        self.prof_limit.setText(decimal_comma(p.limit))

    def save_profile(self) -> None:
        factory, actor = self.context.session_factory, self.context.actor
        document, status = self.prof_document.text(), self.prof_status.currentData()
        ok, limit = run_now(
            lambda: _money(self.prof_limit.text() or "0", "Limite de crédito"), self.prof_message
        )
        if not ok:
            return

        def saved(_) -> None:
            say(self.prof_message, "Perfil de crédito salvo.")
            self.find_profile()

        Operation(
            self,
            lambda: credit.set_profile(factory, actor, document, status=status, limit=limit),
            success=saved,
            refused=self.prof_message,
            busy=[self.prof_save],
        ).run()

    def add_increase(self) -> None:
        factory, actor = self.context.session_factory, self.context.actor
        document, until = self.prof_document.text(), self.prof_until.date().toPython()
        ok, amount = run_now(
            lambda: _money(self.prof_increase.text(), "Aumento temporário"), self.prof_message
        )
        if not ok:
            return

        def granted(_) -> None:
            say(self.prof_message, "Aumento temporário concedido.")
            self.find_profile()

        Operation(
            self,
            lambda: credit.add_increase(factory, actor, document, amount, until),
            success=granted,
            refused=self.prof_message,
            busy=[self.prof_add],
        ).run()
