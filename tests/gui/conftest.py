"""GUI fixtures: settings in the test's tmp folder, a main window over a fresh plan."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from okrdesk.gui.core import settings
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import QCoreApplication, QSettings
from okrdesk.services.plan import PlanService
from tests.gui.helpers import OpenWindow, RecordingDialogs


@pytest.fixture(autouse=True)
def private_settings(private_dirs: Path) -> Iterator[Path]:
    """QSettings caches its folder on first use, so point it at this test's own folder."""
    folder = private_dirs / "qsettings"
    folder.mkdir()
    QCoreApplication.setOrganizationName(settings.ORGANISATION)
    QCoreApplication.setApplicationName(settings.APPLICATION)
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    yield folder
    QSettings().sync()


@pytest.fixture
def open_window(qtbot: QtBot) -> OpenWindow:
    """Open a main window on a plan file, the way the app does; it closes after the test."""

    def open_(path: Path) -> MainWindow:
        window = MainWindow(PlanService.open(path))
        qtbot.addWidget(window)
        # Deleting asks for confirmation: tests say yes and record the question; errors
        # are recorded instead of shown.
        window.dialogs = RecordingDialogs()
        window.show()
        qtbot.waitExposed(window)
        # Shortcuts only reach an active window.
        handle = window.windowHandle()
        assert handle is not None
        handle.requestActivate()
        qtbot.waitUntil(window.isActiveWindow)
        return window

    return open_


@pytest.fixture
def window(open_window: OpenWindow, plan_path: Path) -> MainWindow:
    return open_window(plan_path)
