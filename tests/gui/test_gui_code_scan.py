"""Issue 20: no internal code or English word on any screen. Every page of the main window
is opened on a day's data (a portfolio imported, a batch sent) and every text a clerk can
read — titles, labels, buttons, tabs, combo boxes, headers and the first rows of every
list — is scanned for the codes the database keeps and for English words."""

import re

from gestao_negativacao.domain.enums import (
    Action,
    DebtorRole,
    EventKind,
    ExclusionReason,
    HoldOrigin,
    Integrator,
    NegativationStatus,
    RemovalTrigger,
    ScheduleAction,
)
from gestao_negativacao.gui.qt import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    Qt,
    QTabWidget,
    QTreeWidget,
    QWidget,
)
from gestao_negativacao.gui.widgets.grid import TEXT_KINDS, Grid
from gestao_negativacao.services.importing import import_file
from tests.gui.steps import search, searched, send_all
from tests.sending_helpers import admin_actor, write_portfolio_csv

CODES = {
    member.value
    for enum in (
        Action, DebtorRole, EventKind, ExclusionReason, HoldOrigin, Integrator,
        NegativationStatus, RemovalTrigger, ScheduleAction,
    )
    for member in enum
    if "_" in member.value or member.value.isascii() and member.value.isalpha()
    and member.value in {"inclusion", "removal", "holder", "guarantor", "disputed", "held",
                         "minor", "queued", "paid", "termination", "renegotiated",
                         "agreement", "legal", "sync", "lgpd"}
}  # fmt: skip
ENGLISH = {"None", "True", "False", "Close", "Cancel", "Yes", "No", "Save", "Error", "error"}
FORBIDDEN = CODES | ENGLISH


def texts_of(window) -> list[str]:
    """What a person can read on the page now shown."""
    page = window.stack.currentWidget() if hasattr(window, "stack") else window
    found = []
    for widget in page.findChildren(QLabel):
        if widget.isVisibleTo(page):
            found.append(widget.text())
    for widget in page.findChildren(QAbstractButton):
        if widget.isVisibleTo(page):
            found.append(widget.text())
    for widget in page.findChildren(QGroupBox):
        found.append(widget.title())
    for widget in page.findChildren(QTabWidget):
        found += [widget.tabText(i) for i in range(widget.count())]
    for widget in page.findChildren(QComboBox):
        found += [widget.itemText(i) for i in range(widget.count())]
    for widget in page.findChildren(QLineEdit):
        found.append(widget.placeholderText())
    for widget in page.findChildren(QTreeWidget):
        header = widget.headerItem()
        found += [header.text(c) for c in range(header.columnCount())]
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        root = view.rootIndex()
        try:
            columns = model.columnCount(root)
        except TypeError:  # a combo box's own popup list: its items were read above
            continue
        for column in range(columns):
            found.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
            for row in range(min(model.rowCount(root), 20)):
                value = model.data(model.index(row, column, root))
                if value is not None:
                    found.append(str(value))
    return found


def offending(texts: list[str]) -> set[str]:
    words = set()
    for text in texts:
        plain = re.sub(r"<[^>]+>", " ", text)  # rich text: the tags are not read
        words |= set(re.findall(r"[A-Za-z_]+", plain))
    return words & FORBIDDEN


def test_no_code_or_english_word_on_any_page(qtbot, day, tmp_path):
    window, _sandbox, db = day
    inclusion = searched(qtbot, window, db, tmp_path, 8)
    send_all(qtbot, inclusion)
    found = {}
    for title in list(window._items):
        window.open_section(title)
        qtbot.wait(400)  # the page's reads arrive
        bad = offending(texts_of(window))
        if bad:
            found[title] = (
                sorted(bad) + [t for t in texts_of(window) if any(b in t for b in bad)][:3]
            )
    assert found == {}


def clipped(page) -> list[str]:
    """Texts wider than the widget that shows them (a label or button squeezed by its
    layout): the words a clerk cannot read whole."""
    found = []
    for widget in page.findChildren(QLabel) + page.findChildren(QAbstractButton):
        if not widget.isVisibleTo(page) or not widget.text().strip():
            continue
        if isinstance(widget, QLabel) and (
            widget.wordWrap() or widget.textFormat() == Qt.TextFormat.RichText
        ):
            continue
        text = widget.text().replace("&", "")
        if isinstance(widget, QLabel) and Qt.mightBeRichText(text):
            continue
        room = widget.contentsRect().width()
        needed = widget.fontMetrics().horizontalAdvance(text)
        if isinstance(widget, QAbstractButton):
            needed = widget.minimumSizeHint().width() if text else 0
            room = widget.width()
        if needed > room + 1:
            found.append(f"{text!r} ({needed} > {room})")
    return found


def cut_cells(page) -> list[str]:
    """Numbers, amounts, dates and CPF/CNPJ cut with "…" in a list's first rows (a name or
    a reason may be cut, its whole in the tooltip; a figure never)."""
    found = []
    for grid in page.findChildren(Grid):
        if not grid.isVisibleTo(page):
            continue
        model, table = grid.model, grid.table
        metrics = table.fontMetrics()
        for column, declared in enumerate(model.columns):
            if declared.kind in TEXT_KINDS or table.isColumnHidden(column):
                continue
            texts = [str(model.data(model.index(row, column)) or "") for row in range(10)]
            widest = max([metrics.horizontalAdvance(t) for t in texts if t] or [0])
            if widest + 8 > table.columnWidth(column):
                found.append(f"{declared.title}: {widest} > {table.columnWidth(column)}")
    return found


def short_placeholders(page) -> list[str]:
    return [
        f"{field.placeholderText()!r}"
        for field in page.findChildren(QLineEdit)
        if field.isVisibleTo(page)
        and field.placeholderText()
        and field.fontMetrics().horizontalAdvance(field.placeholderText()) + 8
        > field.contentsRect().width()
    ]


def test_nothing_is_clipped_at_1366_by_768(qtbot, day, tmp_path):
    window, _sandbox, db = day
    path = write_portfolio_csv(tmp_path / "carteira.csv", 4, 2)
    assert import_file(db.session_factory, admin_actor(db), path).written
    window.resize(1366, 768)
    found = {}
    for title in list(window._items):
        page = window.open_section(title)
        qtbot.wait(300)
        bad = clipped(page) + cut_cells(page) + short_placeholders(page)
        if window.width() > 1366:  # a page that needs more room than the screen has
            bad.append(f"a janela cresceu para {window.width()}")
        if bad:
            found[title] = bad
    navigation = window.navigation
    metrics = navigation.fontMetrics()
    for item in window._items.values():
        rect = navigation.visualItemRect(item)
        needed = rect.left() + 24 + metrics.horizontalAdvance(item.text(0))  # icon and text
        if needed > navigation.viewport().width():
            found.setdefault("navegação", []).append(item.text(0))
    assert found == {}


def test_dialogs_speak_portuguese_and_show_their_words_whole(qtbot, day, tmp_path):
    from gestao_negativacao.gui.dialogs.connection import ConnectionDialog
    from gestao_negativacao.gui.dialogs.first_run import FirstRunDialog
    from gestao_negativacao.gui.dialogs.login import LoginDialog
    from gestao_negativacao.gui.dialogs.reason import ReasonDialog

    window, _sandbox, db = day
    inclusion = searched(qtbot, window, db, tmp_path, 8)
    inclusion.found_grid.table.selectRow(0)
    inclusion.explain()  # "Por que não?" on an item found
    dialogs = {
        "Por que não?": inclusion.why_dialog,
        "Motivo": ReasonDialog(None, "Baixa manual", "Motivo da baixa manual:"),
        "Entrar": LoginDialog(db),
        "Primeiro acesso": FirstRunDialog(db),
        "Conexão": ConnectionDialog(),
        "Sobre": window.show_about(),
    }
    found = {}
    for name, dialog in dialogs.items():
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.wait(200)
        bad = sorted(offending(texts_of(dialog))) + clipped(dialog) + short_placeholders(dialog)
        if dialog.width() > 1366 or dialog.height() > 768:
            bad.append(f"maior que a tela: {dialog.width()}×{dialog.height()}")
        if bad:
            found[name] = bad
        dialog.close()
    assert found == {}


def test_no_code_or_english_word_in_any_export(qtbot, day, tmp_path):
    """Each list of each page exported to CSV (what a clerk hands on to a manager) says
    what the screen says: the labels, never the codes."""
    window, _sandbox, db = day
    inclusion = searched(qtbot, window, db, tmp_path, 8)
    send_all(qtbot, inclusion)
    search(qtbot, inclusion, "spc_brasil", "Atraso 30")  # the Não incluídos of a new search
    found, exported = {}, 0
    for title in list(window._items):
        page = window.open_section(title)
        qtbot.wait(300)
        for number, grid in enumerate(page.findChildren(Grid)):
            if not grid.model.total:
                continue
            target = tmp_path / f"{title}_{number}.csv".replace("/", "_")
            grid.ask_export_path = lambda target=target: target
            grid.export()
            qtbot.waitUntil(lambda target=target: target.exists(), timeout=10_000)
            qtbot.waitUntil(lambda grid=grid: grid.export_button.isEnabled(), timeout=10_000)
            exported += 1
            bad = offending(target.read_text(encoding="utf-8-sig").splitlines())
            if bad:
                found[f"{title} ({number})"] = sorted(bad)
    assert exported >= 6  # Enviados, Regras, Usuários, Integrações, Operadores, Inclusão…
    assert found == {}


def unnamed(page) -> list[str]:
    """Fields and lists a screen reader could only call by their kind: no accessible name
    and no label that names them (a label's buddy)."""
    from gestao_negativacao.gui.qt import (
        QAbstractSpinBox,
        QHeaderView,
        QPlainTextEdit,
        QTextBrowser,
    )

    buddies = {id(label.buddy()) for label in page.findChildren(QLabel) if label.buddy()}
    found = []
    kinds = (QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QPlainTextEdit,
             QTextBrowser)  # fmt: skip
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, kinds) or isinstance(widget, QHeaderView):
            continue
        if not widget.isVisibleTo(page) or isinstance(
            widget.parentWidget(), QComboBox | QAbstractSpinBox
        ):
            continue  # the line inside a combo box or a spin box is the box's
        if widget.parentWidget() and isinstance(widget.parentWidget().parentWidget(), QComboBox):
            continue  # a combo box's own popup list
        if not widget.accessibleName() and id(widget) not in buddies:
            found.append(f"{type(widget).__name__} {widget.objectName()!r}")
    return found


def focus_chain(page) -> list:
    chain, widget = [], page.nextInFocusChain()
    while widget is not page and len(chain) < 500:
        if page.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain


def test_every_field_has_a_name_and_tab_follows_the_reading_order(qtbot, day):
    window, _sandbox, _db = day
    found = {}
    for title in list(window._items):
        page = window.open_section(title)
        qtbot.wait(100)
        bad = unnamed(page)
        if bad:
            found[title] = bad
    assert found == {}
    rules = window.open_section("Regras de inclusão")
    chain = focus_chain(rules)
    criteria = [chain.index(check) for check in rules.criteria.checks.values()]
    assert chain.index(rules.ui.save) > max(criteria)  # Salvar after the whole form
    sent_page = window.open_section("Enviados")
    qtbot.waitUntil(lambda: sent_page.grid is not None)
    chain = focus_chain(sent_page)
    order = [sent_page.search, sent_page.grid.table, sent_page.timeline]
    assert [chain.index(w) for w in order] == sorted(chain.index(w) for w in order)
