"""The layout every list-and-form screen shares (Operadores, Integrações, Regras, Usuários,
Agendamentos): the list on the left with its buttons on top, the form on the right, a
splitter between them."""

from __future__ import annotations

from gestao_negativacao.gui.qt import (
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
)
from gestao_negativacao.gui.widgets.grid import Grid
from gestao_negativacao.services.listing import PagedQuery


class ListPane(QWidget):
    """``new_button`` first, then ``buttons``, on a row above the ``grid``."""

    def __init__(
        self,
        source: PagedQuery,
        key: str,
        new_label: str,
        *,
        buttons: tuple[QPushButton, ...] = (),
        grid_stretch: int = 1,
        name: str = "Lista",
    ) -> None:
        super().__init__()
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.new_button = QPushButton(new_label, self)
        for button in (self.new_button, *buttons):
            row.addWidget(button)
        row.addStretch(1)
        self.column.addLayout(row)
        self.grid = Grid(source, key, self, name=name)
        self.grid.empty_text = f"Nada cadastrado ainda: clique em {new_label.replace('&', '')}."
        self.column.addWidget(self.grid, grid_stretch)


def split(page: QWidget, left: QWidget, right: QWidget, sizes: list[int]) -> QSplitter:
    """``left`` and ``right`` side by side, filling ``page``."""
    layout = QVBoxLayout(page)
    splitter = QSplitter(page)
    splitter.addWidget(left)
    splitter.addWidget(right)
    layout.addWidget(splitter)
    splitter.setSizes(sizes)
    return splitter


def scrolled_form(form: QWidget, actions, message: QWidget | None = None) -> QWidget:
    """``form`` in a scroll area, with its ``actions`` row (Salvar, Excluir…) and its
    ``message`` taken out of it into a bar that stays under the scroll area: at 1366×768 a
    long form scrolls, but Salvar and the answer to it are always in sight."""
    outer = QWidget()
    layout = QVBoxLayout(outer)
    layout.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea(outer)
    scroll.setWidgetResizable(True)
    form_layout = form.layout()
    if message is not None:
        form_layout.removeWidget(message)
    form_layout.removeItem(actions)
    actions.setParent(None)
    scroll.setWidget(form)
    layout.addWidget(scroll, 1)
    bar = QWidget(outer)
    bar_layout = QVBoxLayout(bar)
    bar_layout.setContentsMargins(9, 0, 9, 6)
    if message is not None:
        message.setParent(bar)
        bar_layout.addWidget(message)
    bar_layout.addLayout(actions)
    layout.addWidget(bar)
    # Tab walks the form first, then Salvar & co. (they were drawn before the fields a
    # page adds in code, so Qt's order had them in the middle of the form)
    last = _last_in_chain(form)
    for index in range(actions.count()):
        button = actions.itemAt(index).widget()
        focusable = button is not None and button.focusPolicy() & Qt.FocusPolicy.TabFocus
        if focusable and last is not None:
            QWidget.setTabOrder(last, button)
            last = button
    return outer


def _last_in_chain(form: QWidget) -> QWidget | None:
    """The last widget inside ``form`` that Tab reaches, walking Qt's focus chain."""
    last, widget = None, form.nextInFocusChain()
    while widget is not form and widget is not None:
        if form.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            last = widget
        widget = widget.nextInFocusChain()
        if widget is form.nextInFocusChain():
            break  # the chain went round
    return last
