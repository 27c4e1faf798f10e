"""Nothing stale on a screen (DESIGN §11): a page names the topics it shows and how it
rereads them; ``keep_fresh`` rereads

- when this workstation commits a change to one of those topics (the change notices of
  ``services.changes``), at once if the page is on screen, else the next time it is shown;
- each time the page is shown again (another workstation's changes: the next look);
- every ``REFRESH_SECONDS`` while the page is on screen.

The reread is the page's light one: a list read again where the clerk is, the selected row
kept and the form beside it untouched — never a rule run again or a half-typed form
overwritten."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import shiboken6

from gestao_negativacao.gui.qt import QEvent, QObject, QTimer, QWidget, Signal
from gestao_negativacao.services.changes import ChangeNotices, Topic

REFRESH_SECONDS = 60  # light enough for a server shared by dozens of clerks
NOTICE_DELAY_MS = 250  # a burst of commits (a send run) is one reread


class Freshness(QObject):
    """Signal ``heard(object)``: topics committed, emitted on the committing thread and
    delivered on the window's."""

    heard = Signal(object)

    def __init__(
        self,
        page: QWidget,
        notices: ChangeNotices,
        topics: Iterable[Topic],
        reread: Callable[[], None],
        *,
        every_seconds: int = REFRESH_SECONDS,
    ) -> None:
        super().__init__(page)
        self.page = page
        self.topics = frozenset(topics)
        self.reread = reread
        self._shown_once = page.isVisible()  # a page reads itself when built
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(NOTICE_DELAY_MS)
        self._soon.timeout.connect(self._reread_now)
        self.timer = QTimer(self)
        self.timer.setInterval(every_seconds * 1000)
        self.timer.timeout.connect(self._reread_now)
        self.heard.connect(self._heard)
        stop = notices.listen(self._tell)
        self.destroyed.connect(lambda *_: stop())
        page.installEventFilter(self)

    def _tell(self, topics: frozenset[Topic]) -> None:
        if shiboken6.isValid(self):  # the page may have been closed meanwhile
            self.heard.emit(topics)

    def _heard(self, topics: frozenset[Topic]) -> None:
        # a page not on screen rereads when shown again anyway
        if topics & self.topics and self.page.isVisible():
            self._soon.start()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.page:
            if event.type() == QEvent.Type.Show:
                if self._shown_once:
                    self._reread_now()  # the next look: what changed meanwhile shows
                self._shown_once = True
                self.timer.start()
            elif event.type() == QEvent.Type.Hide:
                self.timer.stop()
        return False

    def _reread_now(self) -> None:
        if shiboken6.isValid(self.page):
            self.reread()


def keep_fresh(
    page: QWidget, topics: Iterable[Topic], reread: Callable[[], None], **options
) -> Freshness:
    """Keep ``page`` fresh on ``topics`` with ``reread`` (the page's ``context.db``)."""
    return Freshness(page, page.context.db.changes, topics, reread, **options)
