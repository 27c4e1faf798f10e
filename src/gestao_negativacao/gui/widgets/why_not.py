"""Por que não? For an installment or a customer: every criterion and guard of the rule
(DESIGN §4) with whether it passed and why — what the SQL decided, explained by the
Python statement of the same rules. Written for a person: each criterion by its name, what
it found and what the rule asks, the ones that failed first; copyable."""

from __future__ import annotations

from datetime import date

from gestao_negativacao.domain.display import count_of, show
from gestao_negativacao.domain.enums import Action, DebtorRole, RemovalTrigger
from gestao_negativacao.domain.rules import CRITERION_NAMES, GUARD_NAMES
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.operations import run_now
from gestao_negativacao.gui.qt import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)
from gestao_negativacao.services.portfolio import customer_id_of
from gestao_negativacao.services.rules.preview import explain_inclusion, explain_removal
from gestao_negativacao.services.sending.candidates import REASONS, TRIGGERS
from gestao_negativacao.services.sending.sent import active_of_debtor


class WhyNotDialog(QDialog):
    def __init__(
        self,
        context: Context,
        kind: str,
        rule,
        integrator,
        as_of: date,
        *,
        item=None,
        document: str = "",
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Por que não?")
        self.resize(1000, 560)  # the explanation column whole on a 1366×768 screen
        layout = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Item / critério", "Resultado", "O que foi visto"])
        self.tree.setWordWrap(True)
        layout.addWidget(self.tree, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("&Fechar")
        self.copy = QPushButton("&Copiar", self)
        self.copy.setToolTip("Copia a explicação para colar num e-mail ou num chamado")
        buttons.addButton(self.copy, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy.clicked.connect(lambda: QApplication.clipboard().setText(self.as_text()))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # one item's evaluation, quick: on the window's thread; a refusal in the dialog itself
        run_now(
            lambda: self._explain(context, kind, rule, integrator, as_of, item, document),
            lambda text: self.heading.setText(text),
        )
        self.tree.expandAll()
        for column in range(2):
            self.tree.resizeColumnToContents(column)

    def as_text(self) -> str:
        """The explanation as plain text, indented as on screen."""
        lines = [self.heading.text()]

        def walk(item, depth):
            cells = [item.text(c) for c in range(3) if item.text(c)]
            lines.append("  " * depth + " — ".join(cells))
            for i in range(item.childCount()):
                walk(item.child(i), depth + 1)

        for i in range(self.tree.topLevelItemCount()):
            walk(self.tree.topLevelItem(i), 0)
        return "\n".join(lines)

    def _explain(self, context, kind, rule, integrator, as_of, item, document) -> None:
        factory, actor = context.session_factory, context.actor
        if kind == Action.REMOVAL:
            if item is None or item.negativation_id is None:
                self.heading.setText("Selecione uma negativação da lista.")
                return
            trigger, checks = explain_removal(factory, actor, rule, item.negativation_id, as_of)
            verdict = f"baixa por {TRIGGERS.get(trigger, trigger)}" if trigger else "nenhum gatilho"
            self.heading.setText(
                f"Venda {item.sale_number} parcela {item.installment_number}: {verdict}"
            )
            self._checks(self.tree, checks, removal=True)
            return
        if document.strip():
            customer_id = customer_id_of(factory, document)
            if customer_id is None:
                self.heading.setText(f"Cliente {document} não encontrado.")
                return
            installment_id = None
        elif item is not None:
            customer_id, installment_id = item.customer_id, item.installment_id
        else:
            self.heading.setText(
                "Selecione um item das listas ou informe o CPF/CNPJ de um cliente."
            )
            return
        explanations = explain_inclusion(
            factory, actor, rule, customer_id, integrator, as_of, installment_id
        )
        self.heading.setText(
            f"Regra avaliada em {as_of:%d/%m/%Y}: {count_of(len(explanations), 'item', 'itens')}."
        )
        # a paid installment cannot be sent and says so in one line: listed after the others
        explanations = sorted(explanations, key=lambda e: _paid(e.verdict.checks))
        for explanation in explanations:
            verdict = explanation.verdict
            if verdict.outcome == "included":
                result = "entra na lista"
            elif verdict.reason:
                result = f"fica de fora: {REASONS.get(verdict.reason, verdict.reason)}"
            else:
                result = "não atende aos critérios"
            role = (
                DebtorRole(explanation.debtor_role).label.lower()
                if explanation.debtor_role
                else "-"
            )
            node = QTreeWidgetItem(
                self.tree,
                [
                    f"Venda {explanation.sale_number} parcela "
                    f"{explanation.installment_number} ({role})",
                    result,
                    "",
                ],
            )
            self._checks(node, verdict.checks)
        self._active_records(factory, customer_id)

    def _active_records(self, factory, customer_id: int) -> None:
        """Súmula 385 (STJ): the debtor's active negativations held here, with dates."""
        records = active_of_debtor(factory, customer_id)
        node = QTreeWidgetItem(
            self.tree,
            [
                "Negativações ativas deste devedor (Súmula 385 do STJ)",
                f"{len(records)}" if records else "nenhuma",
                "",
            ],
        )
        for r in records:
            QTreeWidgetItem(
                node,
                [
                    f"{show(r.integrator, 'integrator')}: venda {r.sale} parcela {r.installment}",
                    f"incluída em {show(r.included_on, 'date') or '—'}",
                    r.company_name,
                ],
            )

    @staticmethod
    def _checks(parent, checks, *, removal: bool = False) -> None:
        # what stopped the item first, then what it met
        for check in sorted(checks, key=lambda c: c.passed):
            name, result = describe(check, removal=removal)
            QTreeWidgetItem(parent, [name, result, check.message])


def _paid(checks) -> bool:
    return any(c.code == "open_balance" and not c.passed for c in checks)


def describe(check, *, removal: bool = False) -> tuple[str, str]:
    """A check's name and result in words: a criterion of an inclusion is met or not, a
    legal guard lets the item through or stops it, a trigger of a removal fires or not
    ("days_overdue" is both a criterion and a trigger: the action tells which)."""
    code = str(check.code)
    if removal and code in {t.value for t in RemovalTrigger}:
        name = RemovalTrigger(code).label
        return name[0].upper() + name[1:], "dispara a baixa" if check.passed else "não dispara"
    if code in GUARD_NAMES:
        return GUARD_NAMES[code], "ok" if check.passed else "impede o envio"
    name = CRITERION_NAMES.get(code, code.replace("_", " "))
    return name, "atende" if check.passed else "não atende"
