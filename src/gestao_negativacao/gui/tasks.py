"""The one way the window runs work in the background (STYLE habit 5): a callable on Qt's
thread pool, its result, error and progress delivered back on the window's thread by
signals, and a cancel flag the callable may watch. The window never waits for the
database or a bureau."""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from gestao_negativacao.gui.qt import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)
_running: set[Task] = set()  # keeps each task alive until it has reported


class Task(QObject):
    """Signals: ``progress(object)``, ``done(object)`` (the result), ``failed(object)``
    (the exception), ``finished()`` after either."""

    progress = Signal(object)
    done = Signal(object)
    failed = Signal(object)
    finished = Signal()

    def __init__(self, work: Callable[[Task], Any]) -> None:
        super().__init__()
        self.work = work
        self.cancel_event = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self.is_finished = False

    def cancel(self) -> None:
        self.cancel_event.set()

    @property
    def cancelled(self) -> bool:
        return self.cancel_event.is_set()

    def report(self, value: Any) -> None:
        """Called by the work, on its thread: progress for the window."""
        self.progress.emit(value)


class _Runner(QRunnable):
    def __init__(self, task: Task) -> None:
        super().__init__()
        self.task = task

    def run(self) -> None:
        task = self.task
        try:
            task.result = task.work(task)
        except BaseException as exc:  # noqa: BLE001 - reported to the window, never lost
            task.error = exc
            log.error("tarefa em segundo plano falhou:\n%s", traceback.format_exc())
        # the signals are queued to the window's thread, where the task object lives
        try:
            if task.error is None:
                task.done.emit(task.result)
            else:
                task.failed.emit(task.error)
            task.is_finished = True
            task.finished.emit()
        except RuntimeError:  # the application is closing: nobody is left to tell
            log.debug("tarefa terminou depois do fechamento da janela")


def run_task(
    work: Callable[[Task], Any],
    *,
    on_done: Callable[[Any], None] | None = None,
    on_failed: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[Any], None] | None = None,
) -> Task:
    """Start ``work(task)`` on the pool; the callbacks run on the window's thread."""
    task = Task(work)
    if on_done is not None:
        task.done.connect(on_done)
    if on_failed is not None:
        task.failed.connect(on_failed)
    if on_progress is not None:
        task.progress.connect(on_progress)
    task.finished.connect(lambda: _running.discard(task))
    _running.add(task)
    QThreadPool.globalInstance().start(_Runner(task))
    return task
