"""The one way a screen calls a use case (in the manner of Anki's ``CollectionOp`` and
``QueryOp``, ``qt/aqt/operations/``): the call runs off the window's thread (``tasks``),
its result comes back to ``success`` on the window's thread, its progress to
``progress``; a refusal — a ``UserFacingError`` or a database failure a person can act on
(the server down, a permission the server refuses) — is shown on the screen that asked
(its message line, or a callback); anything else is a bug and goes to the crash dialog and
the log, never shown as if it were the clerk's doing.

    Operation(self, lambda: user_changes.set_role_permissions(...),
              success=lambda _: say(self.message, "Perfil salvo."),
              refused=self.message).run()

While it runs, ``busy`` widgets are disabled (a second click cannot start a second call)
and enabled again whatever the outcome."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from typing import Any

import shiboken6

from gestao_negativacao.domain.errors import UserFacingError
from gestao_negativacao.gui import crash
from gestao_negativacao.gui.messages import say, show_error, user_message
from gestao_negativacao.gui.qt import QLabel, QWidget
from gestao_negativacao.gui.tasks import Task, run_task
from gestao_negativacao.services.errors import is_database_error, is_environment_error

Refused = QLabel | Callable[[str], None] | None


def is_refusal(error: BaseException) -> bool:
    """What the person can act on (shown where they asked) rather than a bug: a refusal,
    or a database failure that is the environment's (the server down, another
    workstation's lock, a privilege), or a file the system refused (a folder without
    permission, a spreadsheet open in Excel) — a missing table or a syntax error is ours."""
    return isinstance(error, UserFacingError | OSError) or (
        is_database_error(error) and is_environment_error(error)
    )


class Operation:
    def __init__(
        self,
        parent: QWidget,
        work: Callable[[], Any] | Callable[[Task], Any],
        *,
        success: Callable[[Any], None] | None = None,
        refused: Refused = None,
        progress: Callable[[Any], None] | None = None,
        busy: Iterable[QWidget] = (),
        with_task: bool = False,
        after: Callable[[], None] | None = None,
        title: str = "Não foi possível",
    ) -> None:
        self.parent = parent
        self.work = work
        self.success = success
        self.refused = refused
        self.progress = progress
        self.busy = list(busy)
        self.with_task = with_task  # work(task): it reports progress or watches cancel
        self.after = after  # whatever the outcome, first (a progress dialog closed, say)
        self.title = title  # of the message box a refusal opens when there is no label
        self.task: Task | None = None

    def run(self) -> Task:
        for widget in self.busy:
            widget.setEnabled(False)
        work = self.work if self.with_task else (lambda task: self.work())
        self.task = run_task(
            work, on_done=self._done, on_failed=self._failed, on_progress=self.progress
        )
        _alive.add(self)
        return self.task

    def _release(self) -> bool:
        """False when the screen that asked was closed meanwhile: nobody to answer."""
        _alive.discard(self)
        if not shiboken6.isValid(self.parent):
            return False
        for widget in self.busy:
            if shiboken6.isValid(widget):  # a list replaced by a new search, say
                widget.setEnabled(True)
        if self.after is not None:
            self.after()
        return True

    def _done(self, result: Any) -> None:
        if self._release() and self.success is not None:
            self.success(result)

    def _failed(self, error: BaseException) -> None:
        answered = self._release()
        if not is_refusal(error):  # a bug is told and logged, the screen open or not
            crash.handle(type(error), error, error.__traceback__)
            return
        if not answered:
            return
        if self.refused is None:
            show_error(self.parent, self.title, error)
        else:
            _say_refusal(self.refused, user_message(error))


_alive: set[Operation] = set()


def run_now(work: Callable[[], Any], refused: Refused) -> tuple[bool, Any]:
    """A call small enough for the window's thread (a trivial read, a check of typed
    values): ``(True, result)``, or ``(False, None)`` with the refusal shown. A bug still
    goes to the crash dialog."""
    try:
        return True, work()
    except Exception as exc:  # noqa: BLE001 - sorted below: a refusal, or a bug
        if not is_refusal(exc):
            crash.handle(type(exc), exc, sys.exc_info()[2])
            return False, None
        if refused is not None:
            _say_refusal(refused, user_message(exc))
        return False, None


def _say_refusal(refused: QLabel | Callable[[str], None], text: str) -> None:
    if isinstance(refused, QLabel):
        say(refused, text, error=True)
    else:
        refused(text)
