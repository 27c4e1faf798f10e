"""Parâmetros: general (automatic inclusion/removal defaults, days to execute, the wait
after the notice letter, the legal removals), per company (Sim / Padrão / Não), and the
credit-analysis parameters. Only users with ``ADMIN_PARAMETROS`` see this screen."""

from __future__ import annotations

from dataclasses import replace

from gestao_negativacao.domain.documents import format_document
from gestao_negativacao.domain.enums import Integrator
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.forms.ui_parameters import Ui_ParametersForm
from gestao_negativacao.gui.messages import say
from gestao_negativacao.gui.operations import Operation
from gestao_negativacao.gui.qt import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTableWidgetItem,
    QWidget,
)
from gestao_negativacao.services.admin import parameters
from gestao_negativacao.services.admin.parameters import CreditParameters, GeneralParameters
from gestao_negativacao.services.bureau_setup import credentials
from gestao_negativacao.services.mail import SMTP_PASSWORD_KEY


def _choices(values: dict[str, str], current: str) -> QComboBox:
    combo = QComboBox()
    for value, label in values.items():
        combo.addItem(label, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


class ParametersPage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.ui = Ui_ParametersForm()
        self.ui.setupUi(self)
        self.ui.message.setMinimumHeight(40)  # two lines of a refusal, never clipped
        for combo in (self.ui.overdueTitles, self.ui.notaryTitles):
            for value, label in parameters.TITLE_HANDLING.items():
                combo.addItem(label, value)
        table = self.ui.companies
        table.setColumnCount(5)
        table.setHorizontalHeaderLabels(
            ["Empresa", "CNPJ", "Negativar automaticamente", "Remover automaticamente", "Dias"]
        )
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        self.repeat_days = QSpinBox(self)
        self.repeat_days.setRange(0, 365)
        self.repeat_days.setSuffix(" dias")
        self.ui.creditForm.addRow(
            "Consulta repetida ao birô avisa antes, em até:", self.repeat_days
        )
        # the notice-letter wait of each integrator, where it differs from the general one
        self.notice_waits: dict[str, QSpinBox] = {}
        row = self.ui.generalForm.getWidgetPosition(self.ui.noticeWaitDays)[0] + 1
        for integrator in Integrator:
            days = QSpinBox(self)
            days.setRange(-1, 90)
            days.setSpecialValueText("a geral")  # -1: follows the general wait
            days.setSuffix(" dias")
            days.setToolTip(
                "Dias entre a inclusão e o registro ficar visível no birô (carta comunicado)"
            )
            self.notice_waits[integrator.value] = days
            self.ui.generalForm.insertRow(row, f"   Espera no {integrator.label}:", days)
            row += 1
        self.confirmation_days = QSpinBox(self)
        self.confirmation_days.setRange(1, 30)
        self.confirmation_days.setSuffix(" dias")
        self.ui.generalForm.insertRow(
            row, "Painel: confirmação do birô pendente há mais de:", self.confirmation_days
        )
        self.agreement_tolerance = QSpinBox(self)
        self.agreement_tolerance.setRange(0, 90)
        self.agreement_tolerance.setSuffix(" dias")
        self.agreement_tolerance.setToolTip(
            "Uma parcela de acordo não paga até o vencimento mais estes dias quebra o acordo: "
            "as parcelas originais voltam a ser candidatas à inclusão no dia seguinte."
        )
        self.ui.generalForm.insertRow(
            row + 1, "Acordo: tolerância de atraso de uma parcela:", self.agreement_tolerance
        )
        self.erp_timeout = QSpinBox(self)
        self.erp_timeout.setRange(1, 120)
        self.erp_timeout.setSuffix(" min")
        self.erp_timeout.setToolTip(
            "Uma consulta ao banco do ERP que demore mais que isto é interrompida e a "
            "sincronização registra a falha (os demais agendamentos seguem)."
        )
        self.ui.generalForm.insertRow(row + 2, "Consulta ao ERP: tempo máximo:", self.erp_timeout)
        self.retention = QSpinBox(self)
        self.retention.setRange(1, 30)
        self.retention.setSuffix(" anos")
        self.retention.setToolTip(
            "LGPD: um titular sem parcela em aberto nem negativação ativa é anonimizado este "
            "tempo depois da última movimentação (à mão em Titulares (LGPD) ou por um "
            "agendamento de Anonimização)."
        )
        self.ui.generalForm.insertRow(
            row + 3, "LGPD: guardar dados de titulares sem pendência por:", self.retention
        )
        self._email_tab()
        # the company's own pre-notice to debtors (seeds 000/001 "contato antes do registro")
        self.ui.companies.setColumnCount(6)
        self.ui.companies.setHorizontalHeaderItem(5, QTableWidgetItem("Aviso prévio"))
        self.ui.save.clicked.connect(self.save)
        self.load()

    def _email_tab(self) -> None:
        """E-mail summary to supervisors (failed runs, deadlines at risk)."""
        tab = QWidget()
        form = QFormLayout(tab)
        self.email_enabled = QCheckBox("Enviar o &resumo por e-mail", tab)
        self.smtp_host = QLineEdit(tab)
        self.smtp_port = QSpinBox(tab)
        self.smtp_port.setRange(1, 65535)
        self.smtp_tls = QCheckBox("STARTTLS", tab)
        self.smtp_user = QLineEdit(tab)
        self.smtp_password = QLineEdit(tab)
        self.smtp_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.smtp_password.setPlaceholderText("guardada no cofre de senhas desta estação")
        self.email_sender = QLineEdit(tab)
        self.email_recipients = QLineEdit(tab)
        self.email_recipients.setPlaceholderText("supervisora@empresa.com.br; gerente@…")
        form.addRow("", self.email_enabled)
        form.addRow("Servidor SMTP:", self.smtp_host)
        form.addRow("Porta:", self.smtp_port)
        form.addRow("", self.smtp_tls)
        form.addRow("Usuário SMTP:", self.smtp_user)
        form.addRow("Senha SMTP:", self.smtp_password)
        form.addRow("Remetente:", self.email_sender)
        form.addRow("Destinatários:", self.email_recipients)
        # the pre-notice to debtors (companies with "Aviso prévio" set, tab Empresas)
        self.notice_subject = QLineEdit(tab)
        self.notice_template = QPlainTextEdit(tab)
        self.notice_template.setToolTip(
            "Aviso prévio ao devedor. Campos: ${nome}, ${empresa}, ${parcelas}, ${total} e "
            "${data} (a partir de quando o nome pode ser incluído)."
        )
        form.addRow("Aviso prévio — assunto:", self.notice_subject)
        form.addRow("Aviso prévio — texto:", self.notice_template)
        self.ui.tabs.addTab(tab, "E-mail")

    def load(self) -> None:
        factory = self.context.session_factory
        g = parameters.general(factory)
        self.ui.autoInclude.setChecked(g.auto_include)
        self.ui.autoRemove.setChecked(g.auto_remove)
        self.ui.daysToExecute.setValue(g.days_to_execute)
        self.ui.noticeWaitDays.setValue(g.notice_wait_days)
        for integrator, days in self.notice_waits.items():
            days.setValue(g.notice_waits.get(integrator, -1))
        self.confirmation_days.setValue(g.confirmation_alert_days)
        self.agreement_tolerance.setValue(g.agreement_tolerance_days)
        self.erp_timeout.setValue(g.erp_timeout_minutes)
        self.retention.setValue(g.retention_years)
        self.ui.legalRemovals.setChecked(g.legal_removals)
        self.ui.fiveYearsRemovals.setChecked(g.five_years_removals)
        c = parameters.credit(factory)
        self.ui.creditEnabled.setChecked(c.enabled)
        self.ui.overdueTitles.setCurrentIndex(self.ui.overdueTitles.findData(c.overdue_titles))
        self.ui.notaryTitles.setCurrentIndex(self.ui.notaryTitles.findData(c.notary_titles))
        self.ui.notaryDays.setValue(c.notary_days)
        self.repeat_days.setValue(c.repeat_query_days)
        e = parameters.email(factory)
        self.email_enabled.setChecked(e.enabled)
        self.smtp_host.setText(e.host)
        self.smtp_port.setValue(e.port)
        self.smtp_tls.setChecked(e.starttls)
        self.smtp_user.setText(e.user)
        self.email_sender.setText(e.sender)
        self.email_recipients.setText(e.recipients)
        self.notice_subject.setText(e.notice_subject)
        self.notice_template.setPlainText(e.notice_template)
        self.choices = parameters.company_choices(factory)
        table = self.ui.companies
        table.setRowCount(len(self.choices))
        for row, choice in enumerate(self.choices):
            table.setItem(row, 0, QTableWidgetItem(choice.name))
            table.setItem(row, 1, QTableWidgetItem(format_document(choice.cnpj)))
            table.setCellWidget(row, 2, _choices(parameters.CHOICES, choice.auto_include))
            table.setCellWidget(row, 3, _choices(parameters.CHOICES, choice.auto_remove))
            days = QSpinBox()
            days.setRange(0, 1825)
            days.setSpecialValueText("geral")
            days.setValue(choice.days_to_execute or 0)
            table.setCellWidget(row, 4, days)
            notice = QSpinBox()
            notice.setRange(0, 90)
            notice.setSpecialValueText("sem aviso")
            notice.setSuffix(" dias antes")
            notice.setValue(choice.pre_notice_days or 0)
            table.setCellWidget(row, 5, notice)
        table.resizeColumnsToContents()

    def values(self):
        general = GeneralParameters(
            auto_include=self.ui.autoInclude.isChecked(),
            auto_remove=self.ui.autoRemove.isChecked(),
            days_to_execute=self.ui.daysToExecute.value(),
            notice_wait_days=self.ui.noticeWaitDays.value(),
            notice_waits={i: d.value() for i, d in self.notice_waits.items() if d.value() >= 0},
            confirmation_alert_days=self.confirmation_days.value(),
            agreement_tolerance_days=self.agreement_tolerance.value(),
            erp_timeout_minutes=self.erp_timeout.value(),
            retention_years=self.retention.value(),
            legal_removals=self.ui.legalRemovals.isChecked(),
            five_years_removals=self.ui.fiveYearsRemovals.isChecked(),
        )
        credit = CreditParameters(
            enabled=self.ui.creditEnabled.isChecked(),
            overdue_titles=self.ui.overdueTitles.currentData(),
            notary_titles=self.ui.notaryTitles.currentData(),
            notary_days=self.ui.notaryDays.value(),
            repeat_query_days=self.repeat_days.value(),
        )
        table = self.ui.companies
        companies = [
            replace(
                choice,
                auto_include=table.cellWidget(row, 2).currentData(),
                auto_remove=table.cellWidget(row, 3).currentData(),
                days_to_execute=table.cellWidget(row, 4).value() or None,
                pre_notice_days=table.cellWidget(row, 5).value() or None,
            )
            for row, choice in enumerate(self.choices)
        ]
        return general, credit, companies

    def save(self) -> None:
        factory, actor = self.context.session_factory, self.context.actor
        general, credit, companies = self.values()
        email = parameters.EmailParameters(
            enabled=self.email_enabled.isChecked(),
            host=self.smtp_host.text().strip(),
            port=self.smtp_port.value(),
            starttls=self.smtp_tls.isChecked(),
            user=self.smtp_user.text().strip(),
            sender=self.email_sender.text().strip(),
            recipients=self.email_recipients.text().strip(),
            notice_subject=self.notice_subject.text().strip(),
            notice_template=self.notice_template.toPlainText(),
        )
        smtp_password = self.smtp_password.text()

        def work() -> None:
            parameters.save_general(factory, actor, general)
            parameters.save_credit(factory, actor, credit)
            parameters.save_company_choices(factory, actor, companies)
            parameters.save_email(factory, actor, email)
            if smtp_password:
                credentials.set_named(SMTP_PASSWORD_KEY, smtp_password)

        def saved(_) -> None:
            self.smtp_password.clear()
            say(self.ui.message, "Parâmetros salvos.")

        Operation(self, work, success=saved, refused=self.ui.message, busy=[self.ui.save]).run()
