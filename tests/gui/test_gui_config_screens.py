"""The configuration screens driven as a user would: fill the form, click, see the result
on screen and in the database (real SQLite; the sandbox bureau over HTTP)."""

import json

import pytest
from sqlalchemy import select

from gestao_negativacao.bureaus.sandbox import running_sandbox
from gestao_negativacao.db.models import AuditEntry, Integration, Operator, UserPermission
from gestao_negativacao.domain.permissions import Perm, RoleCode
from gestao_negativacao.gui.context import Context
from gestao_negativacao.gui.pages.importing import ImportPage
from gestao_negativacao.gui.pages.integrations import IntegrationsPage
from gestao_negativacao.gui.pages.operators import OperatorsPage
from gestao_negativacao.gui.pages.parameters import ParametersPage
from gestao_negativacao.gui.pages.rules import RulesPage
from gestao_negativacao.gui.pages.users import UsersPage
from gestao_negativacao.services import rules
from gestao_negativacao.services.admin import parameters, users
from gestao_negativacao.services.bureau_setup import credentials
from gestao_negativacao.services.importing import import_file
from tests.conftest import SAMPLE
from tests.helpers import base_row, click_until, shot, write_csv
from tests.sending_helpers import _cpf, admin_actor

COMPANY = "29141777000158"  # in the sample export


@pytest.fixture
def context(sqlite_db):
    admin = admin_actor(sqlite_db)
    import_file(sqlite_db.session_factory, admin, SAMPLE)
    return Context(sqlite_db, admin)


def page_of(qtbot, page):
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    if hasattr(page, "grid"):
        qtbot.waitUntil(lambda: not page.grid.model.loading)
    return page


def rows_of(grid):
    model = grid.model
    return [model.row_values(r) for r in range(model.rowCount())]


def test_operators_create_link_secret_and_test_the_connection(qtbot, context):
    page = page_of(qtbot, OperatorsPage(context))
    click_until(qtbot, page.ui.save, page.ui.message, "Informe o código")
    assert "Informe o código" in page.ui.message.text()
    page.ui.integrator.setCurrentIndex(page.ui.integrator.findData("spc_brasil"))
    page.ui.code.setText("OPER-01")
    page.ui.name.setText("Cobrança matriz")
    page.ui.company.setCurrentIndex(page.ui.company.findData(COMPANY))
    page.users.search.setText("adm")
    page.users.choose(["admin"])
    click_until(qtbot, page.ui.save, page.ui.message, "Operador salvo.")
    assert page.ui.message.text() == "Operador salvo."
    qtbot.waitUntil(lambda: len(rows_of(page.grid)) == 1)
    with context.session_factory() as s:
        operator = s.scalar(select(Operator))
        assert (operator.code, operator.name) == ("OPER-01", "Cobrança matriz")
        assert operator.company_id is not None
    assert page.ui.secretState.text() == "não definida"
    page.ask_secret = lambda: "sandbox"
    # bound to an integration's address: none yet
    click_until(qtbot, page.ui.setSecret, page.ui.message, "Vincule o operador a uma integração")
    assert page.ui.secretState.text() == "não definida"
    with running_sandbox() as sandbox:
        from gestao_negativacao.services.bureau_setup import integrations as bureau_config

        integration = bureau_config.create_integration(
            context.session_factory,
            context.actor,
            "SPC teste",
            "spc_brasil",
            sandbox.url,
            operator_ids=(operator.id,),
        )
        click_until(qtbot, page.ui.setSecret, page.ui.secretState, "definida")
        assert page.ui.secretState.text() == "definida"
        where = bureau_config.place(context.session_factory, integration, operator.id)
        assert credentials.get(where) == "sandbox"
        page.ui.testConnection.click()
        qtbot.waitUntil(lambda: "Conexão bem-sucedida" in page.ui.message.text(), timeout=15_000)
    shot(page, "operadores")
    click_until(qtbot, page.ui.clearSecret, page.ui.secretState, "não definida")
    assert page.ui.secretState.text() == "não definida"
    assert credentials.get(where) is None


def test_integrations_fetch_the_bureaus_lists_and_save_the_codes(qtbot, context):
    from gestao_negativacao.services.bureau_setup import operators

    second = operators.create_operator(
        context.session_factory, context.actor, "boa_vista", "CHAVE-0", "Reserva"
    )
    operator = operators.create_operator(
        context.session_factory, context.actor, "boa_vista", "CHAVE-1", "Chave"
    )
    page = page_of(qtbot, IntegrationsPage(context))
    page.ui.integrator.setCurrentIndex(page.ui.integrator.findData("boa_vista"))
    assert page.ui.port.isEnabled()
    page.ui.name.setText("Boa Vista produção")
    page.ui.environment.setCurrentIndex(page.ui.environment.findData("producao"))
    page.ui.url.setText("http://127.0.0.1:9/boavista")
    page.operators.choose([str(second.id)])
    page.operators.choose([str(operator.id)])
    page.operators.chosen.setCurrentRow(1)
    page.operators.up_button.click()  # the one with the secret is tried first
    assert page.operators.values() == [str(operator.id), str(second.id)]
    page.companies.choose([COMPANY])
    click_until(qtbot, page.ui.save, page.ui.message, "produção o endereço precisa ser https")
    assert "produção o endereço precisa ser https" in page.ui.message.text()
    with running_sandbox() as sandbox:
        page.ui.environment.setCurrentIndex(page.ui.environment.findData("homologacao"))
        page.ui.url.setText(f"{sandbox.url}/boavista/registro.asmx")
        assert not page.ui.fetchLists.isEnabled()  # saved first: the lists belong to it
        click_until(qtbot, page.ui.save, page.ui.message, "Integração salva.")
        assert page.ui.message.text() == "Integração salva."
        assert page.ui.fetchLists.isEnabled()
        # the secret is typed for this integration's address, once it has one
        operators.set_operator_secret(
            context.session_factory, context.actor, operator.id, "sandbox"
        )
        page.ui.fetchLists.click()
        qtbot.waitUntil(lambda: page.ui.fetchLists.isEnabled(), timeout=15_000)
        assert "Listas atualizadas" in page.ui.message.text(), page.ui.message.text()
    reasons = page.ui.removalReason
    assert reasons.count() > 2
    reasons.setCurrentIndex(2)
    chosen = reasons.currentData()
    page.ui.autoRemove.setChecked(True)
    click_until(qtbot, page.ui.save, page.ui.message, "Integração salva.")
    assert page.ui.message.text() == "Integração salva."
    shot(page, "integracoes")
    with context.session_factory() as s:
        integration = s.scalar(select(Integration))
        assert integration.removal_reason == chosen and integration.auto_remove
    with context.session_factory() as s:
        from gestao_negativacao.services.bureau_setup.integrations import get_integration

        assert get_integration(s, integration.id).operator_ids == (operator.id, second.id)
    qtbot.waitUntil(lambda: len(rows_of(page.grid)) == 1)


def test_operators_and_integrations_never_used_can_be_deleted(qtbot, context):
    """Seed 004 §2: Excluir removes an operator or integration that never sent anything
    (after asking); one that sent is refused with the reason, and stays."""
    from gestao_negativacao.db.models import Installment, Negativation, Sale
    from gestao_negativacao.services.bureau_setup import integrations as bureau_config
    from gestao_negativacao.services.bureau_setup import operators

    used = operators.create_operator(context.session_factory, context.actor, "spc_brasil", "USADO")
    spare = operators.create_operator(context.session_factory, context.actor, "spc_brasil", "SOBRA")
    kept = bureau_config.create_integration(
        context.session_factory, context.actor, "SPC usada", "spc_brasil",
        "https://spc.example", operator_ids=(used.id, spare.id),
    )  # fmt: skip
    gone = bureau_config.create_integration(
        context.session_factory, context.actor, "SPC nunca usada", "spc_brasil",
        "https://spc2.example", operator_ids=(spare.id,),
    )  # fmt: skip
    with context.session_factory.begin() as s:  # as a send through them would leave it
        installment, holder = s.execute(
            select(Installment.id, Sale.holder_id).join(Sale).limit(1)
        ).one()
        s.add(
            Negativation(
                installment_id=installment, customer_id=holder, debtor_role="holder",
                integrator="spc_brasil", status="ativa", processing="ok",
                integration_id=kept.id, operator_id=used.id,
            )
        )  # fmt: skip

    page = page_of(qtbot, OperatorsPage(context))
    assert not page.ui.delete.isEnabled()  # nothing chosen yet
    asked = []
    page.confirm = lambda text: asked.append(text) or True
    page.load(used.id)
    click_until(
        qtbot,
        page.ui.delete,
        page.ui.message,
        "já enviou 1 negativação(ões) e não pode ser excluído",
    )
    assert "já enviou 1 negativação(ões) e não pode ser excluído" in page.ui.message.text()
    page.load(spare.id)
    click_until(qtbot, page.ui.delete, page.ui.message, "Operador SOBRA excluído.")
    assert page.ui.message.text() == "Operador SOBRA excluído." and len(asked) == 2
    with context.session_factory() as s:
        assert [o.code for o in s.scalars(select(Operator))] == ["USADO"]

    page = page_of(qtbot, IntegrationsPage(context))
    page.confirm = lambda text: False  # "Não": nothing happens
    page.load(gone.id)
    page.ui.delete.click()
    with context.session_factory() as s:
        assert len(s.scalars(select(Integration)).all()) == 2
    page.confirm = lambda text: True
    click_until(qtbot, page.ui.delete, page.ui.message, "Integração SPC nunca usada excluída.")
    assert page.ui.message.text() == "Integração SPC nunca usada excluída."
    page.load(kept.id)
    click_until(
        qtbot,
        page.ui.delete,
        page.ui.message,
        "já enviou 1 negativação(ões) e não pode ser excluída",
    )
    assert "já enviou 1 negativação(ões) e não pode ser excluída" in page.ui.message.text()
    with context.session_factory() as s:
        assert [i.name for i in s.scalars(select(Integration))] == ["SPC usada"]
        kinds = set(s.scalars(select(AuditEntry.action)))
    assert {"operador.excluir", "integracao.excluir"} <= kinds


def test_rules_edit_preview_refuse_delete_and_files(qtbot, context, tmp_path):
    page = page_of(qtbot, RulesPage(context, "inclusion"))
    # LEGAL.md: a new rule does not negativate minors unless the clerk says otherwise
    assert page.criteria.checks["skip_minors"].isChecked()
    assert page.minors_warning.isHidden()
    page.criteria.checks["skip_minors"].setChecked(False)  # warned, on the rule itself
    assert not page.minors_warning.isHidden()
    assert "negativa menores de idade" in page.minors_warning.text()
    page.criteria.checks["skip_minors"].setChecked(True)
    assert page.minors_warning.isHidden()
    page.ui.name.setText("Atraso 30")
    page.criteria.checks["days_overdue"].setChecked(True)
    page.criteria.inputs["days_overdue"]["min"].setValue(60)
    page.criteria.inputs["days_overdue"]["max"].setValue(30)
    click_until(qtbot, page.ui.save, page.ui.message, "mínimo (60) maior que o máximo (30)")
    assert "mínimo (60) maior que o máximo (30)" in page.ui.message.text()
    page.criteria.inputs["days_overdue"]["min"].setValue(30)
    page.criteria.inputs["days_overdue"]["max"].setValue(0)  # sem limite
    page.criteria.checks["installment_value"].setChecked(True)
    page.criteria.inputs["installment_value"]["min"].setText("1.000,50")
    companies = page.filters.pickers["companies"]
    companies.query.setText("Silva")
    qtbot.waitUntil(lambda: companies.matches.count() == 1, timeout=5000)
    companies.matches.item(0).setSelected(True)
    companies.to_include.click()
    click_until(qtbot, page.ui.save, page.ui.message, "Regra salva.")
    assert page.ui.message.text() == "Regra salva."
    stored = rules.get_rule(context.session_factory, "Atraso 30").rule.to_json()
    assert stored["criteria"]["days_overdue"] == {
        "min": 30,
        "max": None,
        "reference": "due_date",
    }
    assert stored["criteria"]["installment_value"]["min"] == "1000.50"
    assert stored["criteria"]["skip_minors"] == {"reference": "due_date"}
    assert stored["filters"]["include"]["companies"] == [COMPANY]
    page.ui.preview.click()
    qtbot.waitUntil(lambda: page.ui.previewResult.text().startswith("Hoje:"), timeout=15_000)
    shot(page, "regras_inclusao")
    # a rule that produced negativations cannot be deleted
    from tests.scenario import Scenario

    scenario = Scenario(context.db)
    scenario.company("cx", "12ABC34501DE35")
    scenario.customer("ana", document=_cpf(999))
    scenario.sale("VX", "ana", company="cx")
    scenario.installment("VX", 1, __import__("datetime").date(2026, 1, 5))
    rule_id = rules.get_rule(context.session_factory, "Atraso 30").id
    scenario.negativation("VX", 1, "ana", rule_id=rule_id)
    asked = []
    page.confirm = lambda text: asked.append(text) and False  # "Não": nothing is deleted
    page.ui.delete.click()
    assert asked and "Atraso 30" in asked[0]
    assert rules.get_rule(context.session_factory, "Atraso 30")
    page.confirm = lambda text: True
    click_until(qtbot, page.ui.delete, page.ui.message, "já gerou negativações")
    assert "já gerou negativações" in page.ui.message.text()
    # export, then import the same file back as a new name
    target = tmp_path / "regras.json"
    page.ask_save = lambda: target
    page.export_button.click()
    exported = json.loads(target.read_text(encoding="utf-8"))
    assert [r["name"] for r in exported] == ["Atraso 30"]
    exported[0]["name"] = "Atraso 30 (cópia)"
    target.write_text(json.dumps(exported), encoding="utf-8")
    page.ask_open = lambda: target
    click_until(qtbot, page.import_button, page.ui.message, "1 novas")
    assert "1 novas" in page.ui.message.text()
    qtbot.waitUntil(lambda: len(rows_of(page.grid)) == 2)


def test_users_create_exceptions_and_no_self_demotion(qtbot, context):
    page = page_of(qtbot, UsersPage(context))
    page.ui.login.setText("joana")
    page.ui.name.setText("Joana Lima")
    page.ask_password = lambda login: "Cobranca-da-J-2026"
    # the clerk's bundle, minus one permission, plus another: two exceptions
    items = {
        page.ui.permissions.item(i).data(256): page.ui.permissions.item(i)
        for i in range(page.ui.permissions.count())
    }
    from gestao_negativacao.gui.qt import Qt

    items["NEG_BAIXA_MANUAL"].setCheckState(Qt.CheckState.Unchecked)
    items["NEG_REGRAS"].setCheckState(Qt.CheckState.Checked)
    page.authority.setText("2.500,00")
    click_until(qtbot, page.ui.save, page.ui.message, "Usuário salvo.")
    joana = users.authenticate(context.session_factory, "joana", "Cobranca-da-J-2026")
    assert joana.role is RoleCode.CLERK
    assert Perm.NEG_REGRAS in joana.permissions
    assert Perm.NEG_BAIXA_MANUAL not in joana.permissions
    from decimal import Decimal

    from gestao_negativacao.services.credit import Authority, authority_of

    assert authority_of(context.session_factory, "joana") == Authority(True, Decimal("2500.00"))
    page.unlimited.setChecked(True)  # "sem limite": an explicit choice
    assert not page.authority.isEnabled()
    click_until(qtbot, page.ui.save, page.ui.message, "Usuário salvo.")
    assert authority_of(context.session_factory, "joana") == Authority(True, None)
    page.unlimited.setChecked(False)
    page.authority.clear()  # neither: she approves nothing
    click_until(qtbot, page.ui.save, page.ui.message, "Usuário salvo.")
    assert not authority_of(context.session_factory, "joana").is_set
    with context.session_factory() as s:
        assert len(s.scalars(select(UserPermission)).all()) == 2
    page.ask_password = lambda login: "Outra-senha-22"
    click_until(qtbot, page.ui.resetPassword, page.ui.message, "Senha redefinida.")
    with pytest.raises(users.PasswordChangeRequired):  # right, but must be changed first
        users.authenticate(context.session_factory, "joana", "Outra-senha-22")
    qtbot.waitUntil(lambda: len(rows_of(page.grid)) == 2)
    page.load(context.actor.user_id)  # the admin's own record
    items = {
        page.ui.permissions.item(i).data(256): page.ui.permissions.item(i)
        for i in range(page.ui.permissions.count())
    }
    items["ADMIN_USUARIOS"].setCheckState(Qt.CheckState.Unchecked)
    click_until(qtbot, page.ui.save, page.ui.message, "não pode tirar de si mesmo")
    shot(page, "usuarios")


def test_parameters_saved_and_audited(qtbot, context):
    page = page_of(qtbot, ParametersPage(context))
    assert page.ui.companies.rowCount() == 3
    page.ui.autoInclude.setChecked(True)
    page.ui.daysToExecute.setValue(45)
    page.ui.noticeWaitDays.setValue(12)
    page.notice_waits["boa_vista"].setValue(5)  # the others follow the general wait
    page.confirmation_days.setValue(4)
    page.ui.creditEnabled.setChecked(True)
    page.ui.overdueTitles.setCurrentIndex(page.ui.overdueTitles.findData("bloquear"))
    page.ui.companies.cellWidget(0, 2).setCurrentIndex(2)  # Não
    page.ui.companies.cellWidget(0, 4).setValue(90)
    page.email_enabled.setChecked(True)
    page.smtp_host.setText("smtp.empresa.com.br")
    page.email_sender.setText("negativacao@empresa.com.br")
    page.email_recipients.setText("supervisora@empresa.com.br")
    page.smtp_password.setText("senha-smtp-secreta")
    click_until(qtbot, page.ui.save, page.ui.message, "Parâmetros salvos.")
    general = parameters.general(context.session_factory)
    assert (general.auto_include, general.days_to_execute, general.notice_wait_days) == (
        True,
        45,
        12,
    )
    assert general.notice_waits == {"boa_vista": 5} and general.confirmation_alert_days == 4
    assert (general.notice_wait("boa_vista"), general.notice_wait("spc_brasil")) == (5, 12)
    shot(page, "parametros_gerais")
    credit = parameters.credit(context.session_factory)
    assert credit.enabled and credit.overdue_titles == "bloquear"
    first = parameters.company_choices(context.session_factory)[0]
    assert (first.auto_include, first.days_to_execute) == ("nao", 90)
    assert parameters.effective(first, general) == (False, False, 90)
    assert parameters.email(context.session_factory).host == "smtp.empresa.com.br"
    assert credentials.get_named("smtp") == "senha-smtp-secreta"
    with context.session_factory() as s:
        actions = set(s.scalars(select(AuditEntry.action)))
        details = " ".join(e.details for e in s.scalars(select(AuditEntry)))
    assert {"parametros.alterar", "parametros.empresas"} <= actions
    assert "senha-smtp-secreta" not in details
    page.ui.tabs.setCurrentIndex(1)
    shot(page, "parametros")


def test_import_checks_then_imports_only_the_valid_rows(qtbot, context, tmp_path):
    rows = [
        base_row(venda="NOVA-1", parcela="1"),
        base_row(venda="NOVA-1", parcela="2", vencimento="31/02/2026"),
    ]
    path = write_csv(tmp_path / "erp.csv", rows)
    page = page_of(qtbot, ImportPage(context))
    page.ask_file = lambda: path
    page.ui.choose.click()
    qtbot.waitUntil(lambda: page.report is not None, timeout=15_000)
    assert page.ui.errors.rowCount() == 1
    assert (
        page.ui.errors.item(0, 0).text() == "3" and page.ui.errors.item(0, 1).text() == "vencimento"
    )
    assert "CSV" in page.ui.format.text() or page.ui.format.text()
    assert not page.ui.importAll.isEnabled() and page.ui.importValid.isEnabled()
    shot(page, "importacao")
    page.ui.importValid.click()
    qtbot.waitUntil(lambda: page.report is not None and page.report.written, timeout=15_000)
    assert "Importação concluída" in page.ui.summary.text()
    assert page.report.created["installments"] == 1


def test_role_bundles_are_edited_and_the_admin_role_keeps_user_administration(qtbot, context):
    from gestao_negativacao.gui.qt import Qt
    from tests.sending_helpers import user_actor

    page = page_of(qtbot, UsersPage(context))
    roles = page.roles
    roles.role.setCurrentIndex(roles.role.findData("clerk"))
    items = {
        roles.permissions.item(i).data(256): roles.permissions.item(i)
        for i in range(roles.permissions.count())
    }
    assert items["NEG_INCLUIR"].checkState() == Qt.CheckState.Checked
    items["CREDITO_CONSULTA"].setCheckState(Qt.CheckState.Unchecked)
    click_until(qtbot, roles.save, roles.message, "Perfil salvo.")
    clerk = user_actor(context.db, "caio")
    assert Perm.CREDITO_CONSULTA not in clerk.permissions and Perm.NEG_INCLUIR in clerk.permissions
    roles.role.setCurrentIndex(roles.role.findData("admin"))
    items = {
        roles.permissions.item(i).data(256): roles.permissions.item(i)
        for i in range(roles.permissions.count())
    }
    items["ADMIN_USUARIOS"].setCheckState(Qt.CheckState.Unchecked)
    click_until(qtbot, roles.save, roles.message, "sempre administra usuários")


def test_import_can_be_cancelled_and_writes_nothing(qtbot, context, tmp_path):
    from sqlalchemy import func

    from gestao_negativacao.db.models import Installment
    from tests.sending_helpers import write_portfolio_csv

    path = write_portfolio_csv(tmp_path / "grande.csv", 4000, 3)
    with context.session_factory() as s:
        before = s.scalar(select(func.count()).select_from(Installment))
    page = page_of(qtbot, ImportPage(context))
    page.file = path
    page.start(dry_run=False)
    qtbot.waitUntil(lambda: page.ui.cancel.isEnabled())
    page.ui.cancel.click()
    qtbot.waitUntil(lambda: "cancelada" in page.ui.summary.text(), timeout=30_000)
    assert page.ui.choose.isEnabled() and not page.ui.cancel.isEnabled()
    with context.session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Installment)) == before


def test_removal_triggers_round_trip_through_the_editor(qtbot, context):
    page = page_of(qtbot, RulesPage(context, "removal"))
    page.ui.name.setText("Baixa")
    editor = page.criteria
    for key in ("paid", "partial_payment", "termination", "renegotiated", "days_negativated"):
        editor.checks[key].setChecked(True)
    editor.inputs["partial_payment"]["mode"].setCurrentIndex(1)  # R$
    editor.inputs["partial_payment"]["value"].setText("250,00")
    editor.inputs["termination"]["value"].setCurrentIndex(2)  # administrativo
    editor.inputs["days_negativated"]["min"].setValue(1800)
    click_until(qtbot, page.ui.save, page.ui.message, "Regra salva.")
    assert page.ui.message.text() == "Regra salva.", page.ui.message.text()
    stored = rules.get_rule(context.session_factory, "Baixa").rule.to_json()["triggers"]
    assert stored["paid"] is True and stored["renegotiated"] is True
    assert stored["partial_payment"]["amount"] == "250.00"
    assert stored["termination"] == "administrative"
    assert stored["days_negativated"] == {"min": 1800}
    page.new()
    page.load("Baixa")  # and back into the widgets
    assert editor.inputs["partial_payment"]["mode"].currentData() == "amount"
    assert editor.inputs["partial_payment"]["value"].text() == "250,00"
    assert editor.to_json() == {k: v for k, v in stored.items() if v not in (None, False)} | {
        "partial_payment": {"amount": "250.00"}
    }
    shot(page, "regras_baixa")
