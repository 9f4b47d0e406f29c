"""Unexpected exceptions: logged to the rotating file, shown in one dialog, the app goes on."""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from okrdesk.gui.core import crash
from okrdesk.qt.core import QTimer
from okrdesk.qt.widgets import QMessageBox


@pytest.fixture
def reporter(qtbot: QtBot, private_dirs: Path) -> Iterator[crash.CrashReporter]:
    installed = crash.install()
    yield installed
    if installed.dialog is not None:
        installed.dialog.close()
    crash.uninstall()


def raise_error(message: str) -> None:
    raise RuntimeError(message)


def log_text() -> str:
    return crash.log_file().read_text("utf-8")


def test_the_log_is_in_the_user_log_folder(private_dirs: Path) -> None:
    path = crash.setup_logging()
    try:
        logging.getLogger("okrdesk.test").warning("a line for the log")
        assert path.is_relative_to(private_dirs / "xdg_state_home")
        assert path.name == "okrdesk.log"
        assert "WARNING okrdesk.test: a line for the log" in log_text()
        # Twice is once: no line is written two times.
        crash.setup_logging()
        logging.getLogger("okrdesk.test").warning("only once")
        assert log_text().count("only once") == 1
    finally:
        crash.stop_logging()


def test_the_log_rotates(private_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(crash, "MAX_BYTES", 400)
    path = crash.setup_logging()
    try:
        for number in range(40):
            logging.getLogger("okrdesk.test").info("line %d of a long enough message", number)
        rotated = sorted(p.name for p in path.parent.iterdir())
        assert rotated == ["okrdesk.log", "okrdesk.log.1", "okrdesk.log.2", "okrdesk.log.3"]
        assert "line 39 " in log_text()
    finally:
        crash.stop_logging()


def test_an_exception_is_logged_and_shown(qtbot: QtBot, reporter: crash.CrashReporter) -> None:
    try:
        raise_error("the widget fell over")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    dialog = reporter.dialog
    assert isinstance(dialog, QMessageBox)
    assert dialog.isVisible()
    assert "RuntimeError: the widget fell over" in dialog.informativeText()
    assert str(crash.log_file()) in dialog.informativeText()
    assert "raise_error" in dialog.detailedText()
    logged = log_text()
    assert "ERROR okrdesk: Unexpected error" in logged
    assert "RuntimeError: the widget fell over" in logged
    assert "in raise_error\n    raise RuntimeError(message)" in logged
    dialog.close()
    qtbot.waitUntil(lambda: reporter.dialog is None)


def test_an_exception_in_a_slot_does_not_stop_the_app(
    qtbot: QtBot, reporter: crash.CrashReporter
) -> None:
    ran_after: list[str] = []
    # Qt reports an exception escaping a slot through sys.excepthook, then goes on.
    QTimer.singleShot(0, lambda: raise_error("a slot failed"))
    QTimer.singleShot(5, lambda: ran_after.append("still running"))
    qtbot.waitUntil(lambda: reporter.dialog is not None and bool(ran_after))
    assert reporter.dialog is not None
    assert "a slot failed" in reporter.dialog.informativeText()


def test_a_worker_thread_exception_is_shown_on_the_gui_thread(
    qtbot: QtBot, reporter: crash.CrashReporter
) -> None:
    worker = threading.Thread(target=raise_error, args=("the worker failed",), name="exporter")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None)
    assert reporter.dialog is not None
    assert reporter.dialog.thread() is reporter.thread()
    assert "the worker failed" in reporter.dialog.informativeText()
    assert "Unexpected error in exporter" in log_text()


def test_a_burst_of_errors_opens_one_dialog(qtbot: QtBot, reporter: crash.CrashReporter) -> None:
    for number in range(3):
        try:
            raise_error(f"paint failed {number}")
        except RuntimeError:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: reporter.unshown == 2)
    assert reporter.dialog is not None
    assert "paint failed 0" in reporter.dialog.informativeText()
    assert log_text().count("RuntimeError: paint failed") == 3
    reporter.dialog.close()
    qtbot.waitUntil(lambda: reporter.dialog is None)
    assert "2 more errors were logged" in log_text()


def test_ctrl_c_is_left_to_python(
    reporter: crash.CrashReporter, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(sys, "__excepthook__", lambda kind, _value, _tb: seen.append(kind))
    sys.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert seen == [KeyboardInterrupt]
    assert "Unexpected error" not in log_text()


def test_uninstall_puts_pythons_hooks_back(reporter: crash.CrashReporter) -> None:
    assert sys.excepthook is not sys.__excepthook__
    assert threading.excepthook is not threading.__excepthook__
    crash.uninstall()
    assert sys.excepthook is sys.__excepthook__
    assert threading.excepthook is threading.__excepthook__
