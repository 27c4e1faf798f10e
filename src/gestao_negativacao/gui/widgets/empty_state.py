"""An empty list says so, over the list, with the next step (DESIGN §11): for the lists
that are plain Qt views (the Painel's tables, the credit queue); ``Grid`` has its own."""

from __future__ import annotations

import shiboken6

from gestao_negativacao.gui.qt import QAbstractItemView, QEvent, QLabel, QObject, Qt


class EmptyState(QObject):
    def __init__(self, view: QAbstractItemView, text: str) -> None:
        super().__init__(view)
        self.view = view
        self.label = QLabel(text, view.viewport())
        self.label.setObjectName("emptyState")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        model = view.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self.update)
        view.viewport().installEventFilter(self)
        self.update()

    def update(self, *_args) -> None:
        if not (shiboken6.isValid(self.view) and shiboken6.isValid(self.label)):
            return  # the list being closed empties its model on the way out
        self.label.setVisible(self.view.model().rowCount() == 0)
        viewport = self.view.viewport()
        self.label.setGeometry(8, 0, max(viewport.width() - 16, 40), max(viewport.height(), 40))

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize:
            self.update()
        return False
