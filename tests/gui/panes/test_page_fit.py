"""Every editor page fits the pane's width at 1024×640 and 1366×768: no horizontal scroll
bar, every field and button inside the view (issue 17, point 7: the one-on-one's page
scrolled sideways, its agenda and "Close meeting" cut off)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import KeyResult
from okrdesk.gui.core import tasks
from okrdesk.gui.features.coach.feature import Coach
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import QPoint
from okrdesk.qt.widgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTableView,
    QWidget,
)
from okrdesk.services.demo import fill_demo
from okrdesk.services.outline import NodeKind
from okrdesk.services.plan import PlanService
from tests.gui.conftest import OpenWindow

TODAY = date(2026, 5, 12)
CONTROLS = (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox, QDateEdit, QAbstractItemView)


def pages_to_show(window: MainWindow) -> dict[str, str]:
    """One node of every kind of page (each kind of key result apart: they show other
    fields), by a name for the failure message."""
    chosen: dict[str, str] = {}
    for _depth, node in window.tree.source.outline.walk():
        name = node.kind.value
        if node.kind is NodeKind.KEY_RESULT:
            name += " " + window.plan.get(KeyResult, node.id).kind.value
        chosen.setdefault(name, node.id)
    return chosen


def overflowing(scroll: QScrollArea) -> list[str]:
    """The shown fields and buttons of the page that do not fit the view's width."""
    width = scroll.viewport().width()
    page = scroll.widget()
    out = []
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or not widget.isVisibleTo(page):
            continue
        name = f"{type(widget).__name__} {widget.objectName() or widget.accessibleName()}"
        left = widget.mapTo(scroll.viewport(), QPoint(0, 0)).x()
        if left < 0 or left + widget.width() > width:
            out.append(name)
        # A table's columns fit its own view: nothing hides past its right edge.
        if isinstance(widget, QTableView) and (
            widget.horizontalHeader().length() > widget.viewport().width()
        ):
            out.append(f"{name}'s columns")
    return out


@pytest.fixture
def demo_window(open_window: OpenWindow, plan_path: Path) -> MainWindow:
    plan = PlanService.open(plan_path)
    fill_demo(plan, TODAY)
    plan.close()
    return open_window(plan_path)


@pytest.mark.parametrize(
    ("width", "height", "narrowest"),
    [(1024, 640, False), (1366, 768, False), (1024, 640, True)],
    ids=["1024x640", "1366x768", "1024x640-editor-at-its-narrowest"],
)
def test_every_page_fits_the_editor_without_scrolling_sideways(
    qtbot: QtBot, demo_window: MainWindow, width: int, height: int, narrowest: bool
) -> None:
    window = demo_window
    coach = window.feature(Coach).state
    window.resize(width, height)
    window.fit_splitter()
    if narrowest:
        sizes = window.splitter.sizes()
        spare = sizes[1] - window.editor.minimumWidth()
        window.splitter.setSizes([sizes[0] + spare, window.editor.minimumWidth(), sizes[2]])
    qtbot.wait(20)
    shown = pages_to_show(window)
    assert {"mission", "objective", "meeting", "action_item", "milestone", "growth_note"} <= set(
        shown
    )
    for name, node_id in shown.items():
        window.tree.select_node(node_id)
        scroll = window.editor.stack.currentWidget()
        if not isinstance(scroll, QScrollArea):
            continue  # a branch: a hint, no form
        # The background work settled, the coach's review included (its first one waits
        # a while after opening, and its cards landing lay the page out again).
        qtbot.waitUntil(lambda: not tasks._running and not coach.busy, timeout=10_000)
        qtbot.wait(20)
        assert not scroll.horizontalScrollBar().isVisible(), f"{name} scrolls sideways"
        assert scroll.widget().width() <= scroll.viewport().width(), name
        assert not overflowing(scroll), f"{name}: {overflowing(scroll)}"
