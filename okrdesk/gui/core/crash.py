"""Logging to a rotating file, and unexpected exceptions shown instead of lost.

An exception that escapes a slot, an event handler or a worker thread is written to the
log with its traceback and shown in a dialog that says where the log is; the app carries
on (the plan is saved after every change, so nothing typed before the error is lost).
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from okrdesk.gui.core.i18n import tr
from okrdesk.qt.core import QObject, Qt, Signal, Slot
from okrdesk.qt.widgets import QApplication, QMessageBox, QWidget
from okrdesk.services.locations import log_dir
from okrdesk.services.logs import private_log_handler

LOG_NAME = "okrdesk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

log = logging.getLogger("okrdesk")

_handler: RotatingFileHandler | None = None
_reporter: CrashReporter | None = None


def log_file() -> Path:
    return log_dir() / LOG_NAME


def setup_logging(level: int = logging.INFO) -> Path:
    """Send okrdesk's log records to a rotating file in the user log folder; returns the
    file. Calling it again (a test, a second window) adds no second handler."""
    global _handler
    path = log_file()
    if _handler is not None and Path(_handler.baseFilename) == path:
        return path
    # Owner-only folder and files, whatever the umask (the log may quote the plan).
    handler = private_log_handler(path, MAX_BYTES, BACKUP_COUNT)
    handler.setFormatter(logging.Formatter(FORMAT))
    if _handler is not None:
        log.removeHandler(_handler)
        _handler.close()
    log.addHandler(handler)
    log.setLevel(level)
    _handler = handler
    return path


def stop_logging() -> None:
    """Close the log file (tests; the app keeps it open until it quits)."""
    global _handler
    if _handler is not None:
        log.removeHandler(_handler)
        _handler.close()
        _handler = None


ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class CrashReporter(QObject):
    """Logs unexpected exceptions and shows them, one dialog at a time, on the GUI thread."""

    # Emitted from any thread; the connection queues it to the thread this object lives in.
    crashed = Signal(str, str)

    def __init__(self, log_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self.dialog: QMessageBox | None = None
        self.unshown = 0
        self.crashed.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(self, exc_info: ExcInfo, where: str = "") -> None:
        exc_type, exc, tb = exc_info
        log.error("Unexpected error%s", f" in {where}" if where else "", exc_info=exc_info)
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        summary = "".join(traceback.format_exception_only(exc_type, exc)).strip()
        self.crashed.emit(summary, details)

    @Slot(str, str)
    def _show(self, summary: str, details: str) -> None:
        if self.dialog is not None:
            # A fault in a paint handler repeats on every paint: one dialog is enough.
            self.unshown += 1
            return
        self.dialog = crash_dialog(summary, details, self.log_path, _active_window())
        self.dialog.finished.connect(self._closed)
        self.dialog.open()

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None
        if self.unshown:
            log.info("%d more errors were logged while the error dialog was open", self.unshown)
            self.unshown = 0


def crash_dialog(summary: str, details: str, log_path: Path, parent: QWidget | None) -> QMessageBox:
    box = QMessageBox(parent)
    box.setObjectName("crashDialog")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(tr("okrdesk: unexpected error"))
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(tr("Something went wrong inside okrdesk. The app carries on."))
    box.setInformativeText(
        summary
        + "\n\n"
        + tr(
            "Your plan is saved after every change. The details are in the log:\n{log}\n\n"
            "If it happens again, please report it with the details below."
        ).format(log=log_path)
    )
    box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Close)
    return box


def _active_window() -> QWidget | None:
    app = QApplication.instance()
    return app.activeWindow() if isinstance(app, QApplication) else None


def install() -> CrashReporter:
    """Start logging and route unexpected exceptions (main thread and worker threads) to
    the log and a dialog. Returns the reporter; calling again returns the same one."""
    global _reporter
    path = setup_logging()
    if _reporter is not None:
        return _reporter
    reporter = CrashReporter(path)
    app = QApplication.instance()
    if app is not None:
        reporter.moveToThread(app.thread())
    _reporter = reporter

    def excepthook(
        exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        reporter.report((exc_type, exc, tb))

    def thread_excepthook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "a thread"
        reporter.report((args.exc_type, args.exc_value, args.exc_traceback), name)

    sys.excepthook = excepthook
    threading.excepthook = thread_excepthook
    log.info("okrdesk started")
    return reporter


def uninstall() -> None:
    """Put Python's own hooks back (tests)."""
    global _reporter
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__
    if _reporter is not None:
        _reporter.deleteLater()
    _reporter = None
    stop_logging()
