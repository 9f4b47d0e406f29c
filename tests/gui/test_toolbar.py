"""The main toolbar fits the window: on a 1024-pixel screen the add buttons show their
icons alone (their names in tooltips) and the search box stays on the bar, never in the
overflow menu (issue 17)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from okrdesk.gui.features.items import Items
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import Qt
from okrdesk.qt.widgets import QToolBar, QToolButton


def add_button(window: MainWindow) -> QToolButton:
    bar = window.findChild(QToolBar, "mainToolbar")
    assert isinstance(bar, QToolBar)
    button = bar.widgetForAction(window.feature(Items).actions["add_mission"])
    assert isinstance(button, QToolButton)
    return button


def test_the_search_box_stays_on_the_toolbar_of_a_narrow_window(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1024, 640)
    qtbot.waitUntil(lambda: window.width() == 1024)
    box = window.search_box
    assert box.isVisible()
    bar = window.findChild(QToolBar, "mainToolbar")
    assert isinstance(bar, QToolBar)
    assert box.geometry().right() <= bar.width()
    assert add_button(window).toolButtonStyle() is Qt.ToolButtonStyle.ToolButtonIconOnly
    assert add_button(window).toolTip()  # the name is still there to read

    window.resize(1600, 900)
    qtbot.waitUntil(lambda: window.width() == 1600)
    assert add_button(window).toolButtonStyle() is Qt.ToolButtonStyle.ToolButtonTextBesideIcon
