"""The one way the GUI runs slow work off the UI thread (Anki's ``QueryOp`` is the model).

``run_task(work, on_done, ...)`` calls ``work(progress)`` on a pool thread and hands its
result to ``on_done`` on the UI thread (an exception to ``on_error``). The work may report
how far it is (``progress.report``) and should look at ``progress.cancelled`` (or call
``progress.check()``) now and then: ``Task.cancel`` asks it to stop, and ``on_cancelled``
hears when it did. A result computed from a plan that changed meanwhile is stale: with
``stale_when`` (say the controller's ``revision_key``: the plan, its revision and the cycle
shown) it is dropped when that key differs at the end from the start (``on_stale`` hears of
it), so a pane never shows numbers older than what it already shows. Work still running when
the app quits is dropped too.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from okrdesk.qt.core import QObject, QRunnable, QThreadPool, Signal


class Cancelled(Exception):
    """Raised inside work that was asked to stop (``Progress.check``)."""


class Progress:
    """What the work sees of its task; safe to use from the pool thread."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._stop = threading.Event()

    def report(self, fraction: float, message: str = "") -> None:
        with contextlib.suppress(RuntimeError):  # nobody left to tell
            self._signals.progressed.emit(fraction, message)

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def check(self) -> None:
        if self._stop.is_set():
            raise Cancelled


class _Signals(QObject):
    progressed = Signal(float, str)
    done = Signal(object)
    failed = Signal(object)
    cancelled = Signal()


class Task:
    """A piece of work that was started: it can be asked to stop."""

    def __init__(self, signals: _Signals) -> None:
        self.signals = signals
        self.progress = Progress(signals)
        self.running = True

    def cancel(self) -> None:
        self.progress._stop.set()


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], task: Task) -> None:
        super().__init__()
        self.work = work
        self.task = task

    def run(self) -> None:
        signals = self.task.signals
        try:
            result = self.work(self.task.progress)
        except Cancelled:
            outcome: Any = signals.cancelled
            value: Any = None
        except Exception as error:  # handed to the UI thread, shown as a message there
            outcome, value = signals.failed, error
        else:
            outcome, value = signals.done, result
        # If the app quit while the work ran, nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            if outcome is signals.cancelled:
                outcome.emit()
            else:
                outcome.emit(value)


# Tasks under way, kept alive until they report (Qt would collect their signals).
_running: set[Task] = set()


def run_task(
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None] = lambda _error: None,
    *,
    on_progress: Callable[[float, str], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
    stale_when: Callable[[], object] | None = None,
    on_stale: Callable[[], None] | None = None,
    pool: QThreadPool | None = None,
) -> Task:
    """Start ``work`` off the UI thread (see the module's notes)."""
    signals = _Signals()
    task = Task(signals)
    _running.add(task)
    asked_at = None if stale_when is None else stale_when()

    def finish(callback: Callable[..., None] | None, *value: Any) -> None:
        task.running = False
        _running.discard(task)
        if callback is not None:
            callback(*value)

    def done(result: Any) -> None:
        if stale_when is not None and stale_when() != asked_at:
            finish(on_stale)
        else:
            finish(on_done, result)

    signals.done.connect(done)
    signals.failed.connect(lambda error: finish(on_error, error))
    signals.cancelled.connect(lambda: finish(on_cancelled))
    if on_progress is not None:
        signals.progressed.connect(on_progress)
    (pool or QThreadPool.globalInstance()).start(_Job(work, task))
    return task
