"""Running slow work (import, export, the demo) off the UI thread."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from okrdesk.qt.core import QObject, QRunnable, QThreadPool, Signal


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], signals: _Signals) -> None:
        super().__init__()
        self.work = work
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # handed to the UI thread, shown as a message there
            outcome, value = self.signals.failed, error
        else:
            outcome, value = self.signals.done, result
        # If the app quit while the work ran, nobody is left to tell.
        with contextlib.suppress(RuntimeError):
            outcome.emit(value)


_running: set[_Signals] = set()


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
) -> None:
    """Call ``work`` on a pool thread; ``on_done`` or ``on_error`` runs on the UI thread."""
    signals = _Signals()
    _running.add(signals)

    def finish(callback: Callable[[Any], None], value: Any) -> None:
        _running.discard(signals)
        callback(value)

    signals.done.connect(lambda result: finish(on_done, result))
    signals.failed.connect(lambda error: finish(on_error, error))
    QThreadPool.globalInstance().start(_Job(work, signals))
