"""Issue 20, a day without surprises: what a screen shows answers what is asked now. A rule saved
after Inclusão was opened is offered when the page is shown again; Limpar filtros, a
changed filter or a refused search leave no result behind to send; Enviados' history
follows the row; "Por que não?" speaks to a person, not in codes."""

import json

from gestao_negativacao.gui.qt import Qt
from gestao_negativacao.services import rules
from gestao_negativacao.services.importing import import_file
from tests.gui.steps import search
from tests.sending_helpers import admin_actor, write_portfolio_csv


def _portfolio(db, tmp_path):
    path = write_portfolio_csv(tmp_path / "carteira.csv", 6, 2)
    assert import_file(db.session_factory, admin_actor(db), path).written


def test_a_rule_saved_elsewhere_is_offered_when_the_page_is_shown_again(qtbot, day):
    window, _sandbox, db = day
    inclusion = window.open_section("Inclusão")
    assert inclusion.rule.findData("Atraso 90") == -1
    new_rule = {"name": "Atraso 90", "kind": "inclusion", "criteria": {"days_overdue": {"min": 90}}}
    rules.import_rules(db.session_factory, admin_actor(db), json.dumps([new_rule]))
    window.open_section("Enviados")
    window.open_section("Inclusão")  # shown again
    assert inclusion.rule.findData("Atraso 90") > 0


def test_results_never_outlive_the_filters_they_answer(qtbot, day, tmp_path):
    window, _sandbox, db = day
    _portfolio(db, tmp_path)
    inclusion = window.open_section("Inclusão")
    assert inclusion.empty.isVisible() and "Buscar" in inclusion.empty.text()  # the next step
    search(qtbot, inclusion, "spc_brasil", "Atraso 30")
    assert inclusion.found_grid.model.total == 12 and not inclusion.empty.isVisible()
    inclusion.select_all.setChecked(True)
    assert inclusion.send.isEnabled()
    # another integrator asked: what was found for the first one cannot be sent
    inclusion.integrator.setCurrentIndex(inclusion.integrator.findData("boa_vista"))
    assert inclusion.found_grid is None and not inclusion.send.isEnabled()
    assert inclusion.empty.isVisible() and "Buscar" in inclusion.message.text()
    # Limpar filtros empties the results too
    search(qtbot, inclusion, "spc_brasil", "Atraso 30")
    inclusion.clear.click()
    assert inclusion.found_grid is None and not inclusion.send.isEnabled()
    assert inclusion.select_all.text() == "Selecionar todos"
    # a refused search leaves nothing of the one before, ticked or not
    search(qtbot, inclusion, "spc_brasil", "Atraso 30")
    inclusion.select_all.setChecked(True)
    inclusion.rule.setCurrentIndex(0)
    inclusion.sale.setText("V1")  # a sale without its company: refused
    inclusion.search.click()
    assert "escolha também a empresa" in inclusion.message.text()
    assert inclusion.found_grid is None and not inclusion.send.isEnabled()


def test_why_not_names_each_criterion_in_words_failing_first(qtbot, day, tmp_path):
    window, _sandbox, db = day
    _portfolio(db, tmp_path)
    inclusion = window.open_section("Inclusão")
    search(qtbot, inclusion, "spc_brasil", "Atraso 30")
    inclusion.why_document.setText(inclusion.found_grid.model.row_values(0).debtor_document)
    inclusion.why.click()
    why = inclusion.why_dialog
    item = why.tree.topLevelItem(0)
    names = [item.child(i).text(0) for i in range(item.childCount())]
    results = [item.child(i).text(1) for i in range(item.childCount())]
    assert "Dias de atraso" in names and "Endereço para a carta" in names
    assert not any("_" in name for name in names)  # no code on screen
    assert set(results) <= {"atende", "não atende", "ok", "impede o envio"}
    failing = [r in ("não atende", "impede o envio") for r in results]
    assert failing == sorted(failing, reverse=True)  # what stopped it comes first
    assert "Dias de atraso" in why.as_text()
    why.close()


def test_why_not_lists_a_paid_installment_after_the_open_ones(qtbot, day, tmp_path):
    window, _sandbox, db = day
    path = write_portfolio_csv(tmp_path / "carteira.csv", 2, 3, paid={0})
    assert import_file(db.session_factory, admin_actor(db), path).written
    inclusion = window.open_section("Inclusão")
    search(qtbot, inclusion, "spc_brasil", "Atraso 30")
    rows = [inclusion.found_grid.model.row_values(r) for r in range(4)]
    document = next(r.debtor_document for r in rows if r.sale_number == "V0")  # customer 0 paid one
    inclusion.why_document.setText(document)
    inclusion.why.click()
    tree = inclusion.why_dialog.tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    paid = [
        i for i, item in enumerate(items)
        if any(item.child(c).text(0) == "Saldo em aberto" for c in range(item.childCount()))
    ]  # fmt: skip
    assert len(paid) == 1  # the first installment of customer 0, paid in full
    installments = [i for i, item in enumerate(items) if item.childCount()]
    assert paid[0] == max(installments)  # after the ones that can still be sent
    inclusion.why_dialog.close()


def test_enviados_history_follows_the_row_after_a_new_search(qtbot, day, tmp_path):
    from tests.gui.steps import send_all

    window, _sandbox, db = day
    _portfolio(db, tmp_path)
    inclusion = window.open_section("Inclusão")
    search(qtbot, inclusion, "spc_brasil", "Atraso 30")
    send_all(qtbot, inclusion)
    sent_page = window.open_section("Enviados")
    qtbot.waitUntil(lambda: sent_page.grid.model.total == 12)
    sent_page.grid.table.selectRow(0)
    assert sent_page.timeline.topLevelItemCount() == 2
    sent_page.search.click()
    assert sent_page.timeline.topLevelItemCount() == 0
    assert sent_page.detail_title.text().startswith("Selecione")
    qtbot.waitUntil(lambda: not sent_page.grid.model.loading)
    sent_page.grid.table.selectRow(1)
    assert sent_page.timeline.topLevelItemCount() == 2
    panel = window.open_section("Painel")
    panel.pending.click()  # arriving from the Painel's "Pendentes": a new question
    assert window.stack.currentWidget() is sent_page
    assert sent_page.timeline.topLevelItemCount() == 0
    assert sent_page.detail_title.text().startswith("Selecione")


def test_a_reason_is_asked_until_one_is_written_and_kept_while_typing(qtbot):
    """Baixa manual with an empty reason closed the dialog and refused in the status bar."""
    from gestao_negativacao.gui.dialogs.reason import ReasonDialog

    dialog = ReasonDialog(None, "Baixa manual", "Motivo:")
    qtbot.addWidget(dialog)
    assert not dialog.ok.isEnabled()
    dialog.text.setText("   ")
    assert not dialog.ok.isEnabled()  # blanks are not a reason
    dialog.text.setText("baixada no site do SPC em 10/11")
    assert dialog.ok.isEnabled()


def test_salvar_is_in_sight_without_scrolling_the_long_forms(qtbot, day):
    """1366×768: the rule and integration forms scroll, their Salvar stays under them."""
    window, _sandbox, _db = day
    window.resize(1366, 768)
    for title in ("Regras de inclusão", "Integrações"):
        page = window.open_section(title)
        qtbot.waitUntil(lambda page=page: page.ui.save.isVisible())
        assert not page.form.isAncestorOf(page.ui.save)  # not inside what scrolls
        assert not page.form.isAncestorOf(page.ui.message)  # nor the answer to Salvar
        corner = page.ui.save.mapTo(window, page.ui.save.rect().bottomRight())
        assert window.rect().contains(corner)


def test_every_icon_named_is_in_the_set_and_main_actions_are_dressed(qtbot, day):
    from gestao_negativacao.gui import look

    for name in (*look.SECTION_ICONS.values(), *look.ACTION_ICONS.values()):
        assert not look.icon(name).isNull(), name
    window, _sandbox, _db = day
    inclusion = window.open_section("Inclusão")
    assert not inclusion.search.icon().isNull() and inclusion.search.property("primary")
    assert not inclusion.send.icon().isNull()
    assert all(not item.icon(0).isNull() for item in window._items.values())


def test_enviados_shows_what_changed_elsewhere_when_looked_at_again(
    qtbot, qtmodeltester, day, tmp_path
):
    from tests.gui.steps import send_all

    window, _sandbox, db = day
    sent_page = window.open_section("Enviados")
    qtbot.waitUntil(lambda: sent_page.grid is not None and not sent_page.grid.model.loading)
    assert sent_page.grid.model.total == 0
    _portfolio(db, tmp_path)
    inclusion = window.open_section("Inclusão")
    search(qtbot, inclusion, "spc_brasil", "Atraso 30")
    send_all(qtbot, inclusion)  # (as another workstation could have)
    window.open_section("Enviados")
    qtbot.waitUntil(lambda: sent_page.grid.model.total == 12)
    qtbot.waitUntil(lambda: not sent_page.grid.model.loading)
    qtmodeltester.check(sent_page.grid.model, force_py=True)  # the status-coloured model


def test_the_login_shows_a_long_database_path_whole(qtbot, tmp_path):
    """Issue 20: the database path on the login was cut at the dialog's edge."""
    from gestao_negativacao.gui.dialogs.login import LoginDialog
    from gestao_negativacao.services.database import open_database

    deep = tmp_path / "Documentos compartilhados" / "Cobrança" / "GestaoNegativacao_2026_dados"
    deep.mkdir(parents=True)
    db = open_database(f"sqlite:///{deep / 'carteira_principal.db'}")
    try:
        login = LoginDialog(db)
        qtbot.addWidget(login)
        login.show()
        label = login.ui.database
        qtbot.waitUntil(label.isVisible)
        chunks = label.text().replace("\u200b", "\n").split("\n")
        widest = max(label.fontMetrics().horizontalAdvance(c) for c in chunks)
        assert widest <= label.contentsRect().width()  # every piece fits: it wraps, not cuts
        assert label.toolTip().endswith("carteira_principal.db")  # whole in the tooltip
    finally:
        db.dispose()


def test_an_empty_list_says_so_with_the_next_step(qtbot, day):
    window, _sandbox, _db = day
    sent_page = window.open_section("Enviados")
    qtbot.waitUntil(lambda: sent_page.grid.empty_label.isVisible())
    assert "Nenhuma negativação com estes filtros" in sent_page.grid.empty_label.text()
    operators = window.open_section("Agendamentos")
    qtbot.waitUntil(lambda: operators.grid.empty_label.isVisible())
    assert "clique em Novo agendamento" in operators.grid.empty_label.text()
    panel = window.open_section("Painel")
    qtbot.waitUntil(lambda: panel.board is not None)
    shown = [e.label.text() for e in panel.empty_states if e.label.isVisible()]
    assert "Nenhuma negativação ativa ainda: envie pela Inclusão." in shown
    assert any(text.startswith("Nenhuma baixa devida") for text in shown)
    release = window.open_section("Liberar parcelas")  # listed at once, headers whole
    qtbot.waitUntil(lambda: release.grid.empty_label.isVisible())
    metrics = release.grid.table.fontMetrics()
    model = release.grid.model
    for column in range(model.columnCount()):
        title = model.headerData(column, Qt.Orientation.Horizontal)
        assert metrics.horizontalAdvance(title) < release.grid.table.columnWidth(column), title


def test_a_confirmation_says_its_verb_and_enter_never_deletes(qtbot):
    from gestao_negativacao.gui.messages import confirmation
    from gestao_negativacao.gui.qt import QMessageBox

    box = confirmation(None, "Excluir regra", "Excluir a regra Atraso 30?", do="Excluir",
                       destructive=True)  # fmt: skip
    qtbot.addWidget(box)
    words = sorted(b.text() for b in box.buttons())
    assert words == ["Cancelar", "Excluir"]
    assert box.defaultButton().text() == "Cancelar"
    box.open()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.clickedButton().text() == "Cancelar"
    sending = confirmation(None, "Enviar", "Enviar 12 parcelas?", do="Enviar")
    qtbot.addWidget(sending)
    assert sending.defaultButton().text() == "Enviar"
    assert sending.defaultButton() is sending.property("do")
    assert isinstance(sending, QMessageBox)


def test_a_search_that_finds_nothing_says_why(qtbot, day):
    window, _sandbox, _db = day
    inclusion = window.open_section("Inclusão")
    search(qtbot, inclusion, "spc_brasil", "Atraso 30")
    qtbot.waitUntil(lambda: "carteira está vazia" in inclusion.message.text())
    removal = window.open_section("Baixa")
    search(qtbot, removal, "spc_brasil", "Pagas")
    qtbot.waitUntil(lambda: "nenhuma negativação ativa na SPC Brasil" in removal.message.text())
