"""The criteria of an inclusion rule and the triggers of a removal rule (DESIGN §4), each
behind a check box with its parameters and reference. The widgets read and write the rule
file's JSON (§13), so the editor, the import and the export share one format and one
validation (``domain.rules.parse_rule``)."""

from __future__ import annotations

from decimal import Decimal

from gestao_negativacao.domain.display import decimal_comma
from gestao_negativacao.domain.enums import Action
from gestao_negativacao.domain.money import typed_money
from gestao_negativacao.gui.qt import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QWidget,
)

ROLE = {"any": "titular ou avalista", "holder": "titular", "guarantor": "avalista"}
DATE = {"due_date": "vencimento", "extended_date": "vencimento prorrogado"}
VALUE = {"adjusted": "valor reajustado", "principal": "valor principal"}
DEBTORS = {"holder": "Titular", "guarantor": "Avalista", "both": "Titular e avalistas"}
TERMINATION = {
    "both": "normal ou administrativo",
    "normal": "normal",
    "administrative": "administrativo",
}

# key → (label, parameters): parameter = (field, kind, choices or None, label)
INCLUSION = [
    (
        "days_overdue",
        "Dias de atraso da parcela",
        [
            ("min", "int", None, "de"),
            ("max", "int?", None, "até"),
            ("reference", "choice", DATE, "pelo"),
        ],
    ),
    (
        "installment_value",
        "Valor da parcela",
        [
            ("min", "money", None, "de"),
            ("max", "money?", None, "até"),
            ("reference", "choice", VALUE, "pelo"),
        ],
    ),
    (
        "customer_overdue_count",
        "Parcelas vencidas do cliente, no mínimo",
        [("min", "int", None, ""), ("reference", "choice", ROLE, "como")],
    ),
    ("sale_overdue_count", "Parcelas vencidas da venda, no mínimo", [("min", "int", None, "")]),
    (
        "customer_oldest_overdue_days",
        "Atraso mais antigo do cliente (dias), no mínimo",
        [("min", "int", None, ""), ("reference", "choice", DATE, "pelo")],
    ),
    (
        "customer_largest_overdue_value",
        "Maior parcela vencida do cliente, no mínimo",
        [("min", "money", None, ""), ("reference", "choice", VALUE, "pelo")],
    ),
    (
        "sale_oldest_overdue_days",
        "Atraso mais antigo da venda (dias), no mínimo",
        [("min", "int", None, ""), ("reference", "choice", DATE, "pelo")],
    ),
    (
        "sale_largest_overdue_value",
        "Maior parcela vencida da venda, no mínimo",
        [("min", "money", None, ""), ("reference", "choice", VALUE, "pelo")],
    ),
    (
        "skip_minors",
        "Não negativar menores de idade",
        [("reference", "choice", DATE, "na data do")],
    ),
]
REMOVAL = [
    ("paid", "Parcela paga", "flag"),
    ("partial_payment", "Pagamento parcial de, no mínimo", "partial"),
    ("termination", "Distrato", "termination"),
    ("renegotiated", "Venda renegociada", "flag"),
    (
        "days_overdue",
        "Dias de atraso, no mínimo",
        [("min", "int", None, ""), ("reference", "choice", DATE, "pelo")],
    ),
    ("days_negativated", "Dias negativada, no mínimo", [("min", "int", None, "")]),
]


def _shown(value) -> str:
    return "" if value in (None, "") else decimal_comma(Decimal(str(value)))


class CriteriaEditor(QWidget):
    """One row per criterion (inclusion) or trigger (removal)."""

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.layout_ = QGridLayout(self)
        self.checks: dict[str, QCheckBox] = {}
        self.inputs: dict[str, dict[str, QWidget]] = {}
        row = 0
        if kind == Action.INCLUSION:
            self.layout_.addWidget(QLabel("Devedores"), row, 0)
            self.debtors = QComboBox(self)
            self.debtors.setAccessibleName("Devedores")
            for value, label in DEBTORS.items():
                self.debtors.addItem(label, value)
            self.debtors.setMaximumWidth(190)
            self.layout_.addWidget(self.debtors, row, 1)
            row += 1
        for entry in INCLUSION if kind == Action.INCLUSION else REMOVAL:
            key, label, spec = entry
            check = QCheckBox(label, self)
            check.setObjectName(f"check_{key}")
            self.checks[key] = check
            self.layout_.addWidget(check, row, 0)
            widgets: dict[str, QWidget] = {}
            if spec == "partial":  # a percentage of the installment, or an amount
                mode = QComboBox(self)
                mode.addItem("% da parcela", "percent")
                mode.addItem("R$ (valor)", "amount")
                mode.setMaximumWidth(190)
                widgets["mode"] = mode
                widgets["value"] = self._input("money", None)
            elif spec == "termination":
                combo = QComboBox(self)
                for value, text in TERMINATION.items():
                    combo.addItem(text, value)
                combo.setMaximumWidth(190)
                widgets["value"] = combo
            elif spec != "flag":
                for field, field_kind, choices, caption in spec:
                    widgets[field] = self._input(field_kind, choices)
                    widgets[field].setAccessibleName(f"{label}: {caption}" if caption else label)
            for field, widget in widgets.items():  # a screen reader says which criterion
                if not widget.accessibleName():
                    widget.setAccessibleName(label if field == "value" else f"{label}: forma")
            holder = QWidget(self)
            line = QHBoxLayout(holder)
            line.setContentsMargins(0, 0, 0, 0)
            for widget in widgets.values():
                widget.setEnabled(False)
                line.addWidget(widget)
            line.addStretch(1)
            self.layout_.addWidget(holder, row, 1)
            check.toggled.connect(lambda on, ws=widgets: [w.setEnabled(on) for w in ws.values()])
            self.inputs[key] = widgets
            row += 1
        self.layout_.setColumnStretch(1, 1)

    def _input(self, kind: str, choices: dict | None) -> QWidget:
        if kind == "choice":
            combo = QComboBox(self)
            for value, label in (choices or {}).items():
                combo.addItem(label, value)
            combo.setMaximumWidth(190)
            return combo
        if kind.startswith("int"):
            spin = QSpinBox(self)
            spin.setRange(0, 99999)
            spin.setMaximumWidth(110)
            if kind.endswith("?"):
                spin.setSpecialValueText("sem limite")  # 0 = no maximum
            return spin
        line = QLineEdit(self)
        line.setPlaceholderText("sem limite" if kind.endswith("?") else "0,00")
        line.setMaximumWidth(110)
        return line

    # -- JSON in and out ------------------------------------------------------------------

    def to_json(self) -> dict:
        doc: dict = {}
        if self.kind == Action.INCLUSION:
            doc["debtors"] = self.debtors.currentData()
        for key, check in self.checks.items():
            if not check.isChecked():
                continue
            widgets = self.inputs[key]
            if not widgets:
                doc[key] = True
            elif "mode" in widgets:
                doc[key] = {widgets["mode"].currentData(): typed_money(widgets["value"].text())}
            elif "value" in widgets:
                doc[key] = widgets["value"].currentData()
            else:
                part = {}
                for field, widget in widgets.items():
                    if isinstance(widget, QComboBox):
                        part[field] = widget.currentData()
                    elif isinstance(widget, QSpinBox):
                        optional = widget.specialValueText() != ""
                        part[field] = None if optional and widget.value() == 0 else widget.value()
                    else:
                        part[field] = typed_money(widget.text())
                doc[key] = part
        return doc

    def from_json(self, doc: dict) -> None:
        if self.kind == Action.INCLUSION:
            self.debtors.setCurrentIndex(
                max(0, self.debtors.findData(doc.get("debtors", "holder")))
            )
        for key, check in self.checks.items():
            value = doc.get(key)
            on = value not in (None, False)
            check.setChecked(on)
            widgets = self.inputs[key]
            if not on or not widgets:
                continue
            if "mode" in widgets:
                mode = "amount" if value.get("amount") not in (None, "") else "percent"
                widgets["mode"].setCurrentIndex(widgets["mode"].findData(mode))
                widgets["value"].setText(_shown(value.get(mode)))
                continue
            if "value" in widgets:
                widgets["value"].setCurrentIndex(max(0, widgets["value"].findData(value)))
                continue
            part = value if isinstance(value, dict) else {}
            for field, widget in widgets.items():
                item = part.get(field)
                if isinstance(widget, QComboBox):
                    widget.setCurrentIndex(max(0, widget.findData(item)))
                elif isinstance(widget, QSpinBox):
                    widget.setValue(int(item or 0))
                else:
                    widget.setText(_shown(item))
