"""Integrações: integrator, environment, URL, port (Boa Vista only), operators in order,
companies, the bureau's codes (removal reason, natures for CPF and CNPJ; no integrator's
protocol has a place for a document type in the record, so none is asked)
filled by "Buscar na integradora" once the URL and an operator are set, automatic
inclusion/removal, active."""

from __future__ import annotations

from gestao_negativacao.domain.documents import format_document
from gestao_negativacao.domain.enums import Integrator
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.forms.ui_integration_form import Ui_IntegrationForm
from gestao_negativacao.gui.freshness import keep_fresh
from gestao_negativacao.gui.messages import ask, say
from gestao_negativacao.gui.operations import Operation
from gestao_negativacao.gui.qt import (
    QComboBox,
    QWidget,
)
from gestao_negativacao.gui.widgets.master_detail import ListPane, scrolled_form, split
from gestao_negativacao.gui.widgets.two_lists import TwoLists
from gestao_negativacao.services.bureau_setup import integrations as bureau_config
from gestao_negativacao.services.bureau_setup import operators
from gestao_negativacao.services.changes import Topic
from gestao_negativacao.services.listing.configuration import integrations_list
from gestao_negativacao.services.portfolio import list_companies

CODE_FIELDS = {  # combo name → (integration field, cached list kind)
    "removalReason": ("removal_reason", "removal_reason"),
    "naturePerson": ("nature_person", "nature"),
    "natureCompany": ("nature_company", "nature"),
}


class IntegrationsPage(QWidget):
    def __init__(self, context: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.integration_id: int | None = None
        pane = ListPane(
            integrations_list(context.session_factory),
            "integracoes",
            "&Nova integração",
            name="Integrações",
        )
        self.new_button, self.grid = pane.new_button, pane.grid
        self.form = QWidget()
        self.ui = Ui_IntegrationForm()
        self.ui.setupUi(self.form)
        self.ui.message.setMinimumHeight(40)  # two lines of a refusal, never clipped
        self.operators = TwoLists("Operadores", "Usados, em ordem", self.form, ordered=True)
        self.ui.operatorsLayout.addWidget(self.operators)
        self.companies = TwoLists("Empresas", "Vinculadas", self.form)
        self.ui.companiesLayout.addWidget(self.companies)
        form = scrolled_form(self.form, self.ui.buttonRow, self.ui.message)
        split(self, pane, form, [520, 560])
        for integrator in Integrator:
            self.ui.integrator.addItem(integrator.label, integrator.value)
        for value, label in bureau_config.ENVIRONMENTS.items():
            self.ui.environment.addItem(label, value)
        self.ui.integrator.currentIndexChanged.connect(self._integrator_changed)
        self.ui.url.textChanged.connect(self._can_fetch)
        self.operators.changed.connect(self._can_fetch)
        self.new_button.clicked.connect(self.new)
        self.grid.selection.connect(lambda rows: rows and self.load(rows[0][0]))
        self.ui.save.clicked.connect(self.save)
        self.ui.delete.clicked.connect(self.delete)
        self.ui.fetchLists.clicked.connect(self.fetch_lists)
        self.new()
        self.grid.reload()
        self.freshness = keep_fresh(self, {Topic.BUREAUS}, self.grid.refresh)

    def combo(self, name: str) -> QComboBox:
        return getattr(self.ui, name)

    def _candidates(self, integrator: str, chosen: list[int]) -> None:
        found = operators.list_operators(self.context.session_factory)
        items = {str(o.id): f"{o.code} — {o.name}" for o in found if o.integrator == integrator}
        self.operators.set_items(items, [str(i) for i in chosen if str(i) in items])

    def _integrator_changed(self) -> None:
        integrator = self.ui.integrator.currentData()
        self.ui.port.setEnabled(integrator == "boa_vista")
        self.ui.queryUrl.setEnabled(integrator == "boa_vista")
        self.ui.creditProduct.setEnabled(integrator in ("spc_brasil", "boa_vista"))
        if self.integration_id is None:
            self._candidates(integrator, [])
        self._can_fetch()

    def _can_fetch(self) -> None:
        """As the seed says: the bureau's lists need the URL and an operator first."""
        ready = (
            self.integration_id is not None
            and bool(self.ui.url.text().strip())
            and bool(self.operators.values())
        )
        self.ui.fetchLists.setEnabled(ready)

    def _fill_codes(self, integration_id: int | None, current: dict[str, str | None]) -> None:
        for name, (field, kind) in CODE_FIELDS.items():
            combo = self.combo(name)
            combo.clear()
            combo.addItem("(não informado)", None)
            items = (
                bureau_config.cached_list(self.context.session_factory, integration_id, kind)
                if integration_id
                else []
            )
            for item in items:
                combo.addItem(f"{item.code} — {item.description}", item.code)
            value = current.get(field)
            if value and combo.findData(value) < 0:
                combo.addItem(value, value)  # kept even when the list was not fetched
            combo.setCurrentIndex(max(0, combo.findData(value)))

    def new(self) -> None:
        self.integration_id = None
        self.ui.heading.setText("<h3>Nova integração</h3>")
        self.ui.name.clear()
        self.ui.url.clear()
        self.ui.creditProduct.clear()
        self.ui.queryUrl.clear()
        self.ui.port.setValue(0)
        self.ui.environment.setCurrentIndex(0)
        self.ui.integrator.setEnabled(True)
        for box in (self.ui.autoInclude, self.ui.autoRemove):
            box.setChecked(False)
        self.ui.active.setChecked(True)
        self._companies([])
        self._integrator_changed()
        self._fill_codes(None, {})
        self.ui.delete.setEnabled(False)
        say(self.ui.message, "")

    def _companies(self, chosen: list[str]) -> None:
        items = {
            cnpj: f"{name} — {format_document(cnpj)}"
            for cnpj, name in list_companies(self.context.session_factory)
        }
        self.companies.set_items(items, chosen)

    def load(self, integration_id: int) -> None:
        with self.context.session_factory() as session:
            info = bureau_config.get_integration(session, integration_id)
        self.integration_id = info.id
        self.ui.heading.setText(f"<h3>Integração {info.name}</h3>")
        self.ui.name.setText(info.name)
        self.ui.integrator.setCurrentIndex(self.ui.integrator.findData(info.integrator))
        self.ui.integrator.setEnabled(False)
        self.ui.environment.setCurrentIndex(self.ui.environment.findData(info.environment))
        self.ui.url.setText(info.url)
        self.ui.port.setValue(info.port or 0)
        self.ui.creditProduct.setText(info.credit_product or "")
        self.ui.queryUrl.setText(info.query_url or "")
        self.ui.autoInclude.setChecked(info.auto_include)
        self.ui.autoRemove.setChecked(info.auto_remove)
        self.ui.active.setChecked(info.active)
        self._candidates(info.integrator, list(info.operator_ids))
        self._companies(list(info.company_cnpjs))
        self._fill_codes(info.id, info.__dict__)
        self._integrator_changed()
        self.ui.delete.setEnabled(True)
        say(self.ui.message, "")

    def confirm(self, text: str) -> bool:
        """Asked before anything is deleted (tests answer it themselves)."""
        return ask(self, "Excluir", text, do="Excluir", destructive=True)

    def delete(self) -> None:
        """Seed 004 §2: an integration never used can be deleted; one that sent can only
        be inactivated (the service says so)."""
        if self.integration_id is None:
            return
        name = self.ui.name.text()
        if not self.confirm(f"Excluir a integração {name}?"):
            return
        try:
            bureau_config.delete_integration(
                self.context.session_factory, self.context.actor, self.integration_id
            )
        except bureau_config.ConfigError as exc:
            say(self.ui.message, str(exc), error=True)
            return
        self.grid.reload()
        self.new()
        say(self.ui.message, f"Integração {name} excluída.")

    def _values(self) -> dict:
        integrator = self.ui.integrator.currentData()
        values = {
            "name": self.ui.name.text().strip(),
            "url": self.ui.url.text().strip(),
            "environment": self.ui.environment.currentData(),
            "port": self.ui.port.value() or None if integrator == "boa_vista" else None,
            "credit_product": self.ui.creditProduct.text().strip() or None,
            "query_url": self.ui.queryUrl.text().strip() or None
            if integrator == "boa_vista"
            else None,
            "auto_include": self.ui.autoInclude.isChecked(),
            "auto_remove": self.ui.autoRemove.isChecked(),
            "active": self.ui.active.isChecked(),
        }
        for name, (field, _kind) in CODE_FIELDS.items():
            values[field] = self.combo(name).currentData()
        return values

    def save(self) -> None:
        factory, actor = self.context.session_factory, self.context.actor
        values = self._values()
        operator_ids = tuple(int(v) for v in self.operators.values())
        cnpjs = tuple(self.companies.values())
        integrator, integration_id = self.ui.integrator.currentData(), self.integration_id
        if not values["name"]:
            say(self.ui.message, "Dê um nome à integração.", error=True)
            return

        def work():
            if integration_id is None:
                name, url = values.pop("name"), values.pop("url")
                values.pop("active")
                return bureau_config.create_integration(
                    factory, actor, name, integrator, url,
                    operator_ids=operator_ids, company_cnpjs=cnpjs, **values,
                )  # fmt: skip
            return bureau_config.update_integration(
                factory, actor, integration_id,
                operator_ids=operator_ids, company_cnpjs=cnpjs, **values,
            )  # fmt: skip

        def saved(info) -> None:
            self.grid.reload()
            self.load(info.id)
            say(self.ui.message, "Integração salva.")

        Operation(self, work, success=saved, refused=self.ui.message, busy=[self.ui.save]).run()

    def fetch_lists(self) -> None:
        factory, actor, integration_id = (
            self.context.session_factory,
            self.context.actor,
            self.integration_id,
        )
        chosen = [int(v) for v in self.operators.values()]
        check = bureau_config.secret_check(factory)
        usable = [o for o in chosen if integration_id is not None and check(integration_id, o)]
        if integration_id is None or not usable:
            say(
                self.ui.message,
                "Salve a integração com a URL e um operador que tenha a senha nesta estação.",
                error=True,
            )
            return
        current = self._values()
        say(self.ui.message, "Buscando na integradora…")

        def done(lists) -> None:
            self._fill_codes(integration_id, current)
            counts = ", ".join(f"{len(v)} {k}" for k, v in lists.items())
            say(self.ui.message, f"Listas atualizadas ({counts}).")

        self.fetch_task = Operation(
            self,
            lambda: bureau_config.refresh_lists(factory, actor, integration_id, usable[0]),
            success=done,
            refused=lambda text: say(self.ui.message, f"Não foi possível buscar: {text}", True),
            busy=[self.ui.fetchLists],
        ).run()
