"""The mouse wheel over a form scrolls the form: a combo box or date edit under the mouse
keeps its value until the person clicked or tabbed into it (issue 17, point 1)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import KeyResult, Objective
from okrdesk.gui.core import tasks
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import QPoint
from okrdesk.qt.test import QTest
from okrdesk.qt.widgets import QComboBox, QDateEdit, QScrollArea, QWidget
from okrdesk.services.demo import fill_demo
from okrdesk.services.plan import PlanService
from tests.gui.conftest import OpenWindow

TODAY = date(2026, 5, 12)


@pytest.fixture
def demo_window(open_window: OpenWindow, plan_path: Path) -> MainWindow:
    plan = PlanService.open(plan_path)
    fill_demo(plan, TODAY)
    plan.close()
    window = open_window(plan_path)
    # Small enough that every form scrolls well past its first fields.
    window.resize(1024, 440)
    window.fit_splitter()
    return window


def page(window: MainWindow) -> QScrollArea:
    scroll = window.editor.stack.currentWidget()
    assert isinstance(scroll, QScrollArea)
    return scroll


def wheel_over(qtbot: QtBot, window: MainWindow, widget: QWidget, notches: int) -> None:
    """Turn a real mouse wheel (through the window system, as a mouse does) over ``widget``;
    a negative ``notches`` scrolls down."""
    handle = window.windowHandle()
    assert handle is not None
    where = widget.mapTo(window, widget.rect().center())

    def steady() -> bool:
        # A panel filling in below the form must not move the widget from under the mouse.
        nonlocal where
        qtbot.wait(30)
        now, where = where, widget.mapTo(window, widget.rect().center())
        hit = window.childAt(where)
        return now == where and hit is not None and (hit is widget or widget.isAncestorOf(hit))

    qtbot.waitUntil(steady, timeout=5_000)
    QTest.wheelEvent(handle, where, QPoint(0, 120 * notches))
    qtbot.wait(20)


def aim(qtbot: QtBot, window: MainWindow, widget: QWidget) -> None:
    """Scroll the page so that ``widget`` sits at the top of its view, unfocused, with
    page left below it to scroll down to."""
    scroll = page(window)
    window.tree.setFocus()
    # The panels below the form (the coach's findings) fill in from background work.
    qtbot.waitUntil(lambda: not tasks._running, timeout=10_000)
    qtbot.wait(50)
    bar = scroll.verticalScrollBar()

    def placed() -> bool:
        # Again until it holds: a panel filling in may move the page meanwhile.
        bar.setValue(widget.mapTo(scroll.widget(), QPoint(0, 0)).y() - 4)
        top = widget.mapTo(scroll.viewport(), QPoint(5, 5))
        return scroll.viewport().rect().contains(top) and bar.value() < bar.maximum()

    qtbot.waitUntil(placed, timeout=5_000)
    assert not widget.hasFocus()


def find(window: MainWindow, cls: type[QWidget], name: str) -> QWidget:
    found = page(window).findChild(cls, name)
    assert isinstance(found, cls), name
    return found


def objective_with_a_next_choice(window: MainWindow, name: str) -> tuple[Objective, QComboBox]:
    """The first objective (by title) whose combo ``name`` has another item below the one
    chosen, so that a wheel turn down would change it; shown in the editor."""
    for objective in sorted(window.plan.all(Objective), key=lambda o: o.title):
        window.tree.select_node(objective.id)
        combo = find(window, QComboBox, name)
        assert isinstance(combo, QComboBox)
        if combo.currentIndex() < combo.count() - 1:
            return objective, combo
    raise AssertionError(f"no objective's {name} can change")


@pytest.mark.parametrize("name", ["input_cycle_id", "input_mission_id", "input_kind"])
def test_the_wheel_over_an_unfocused_combo_scrolls_the_form_and_changes_nothing(
    qtbot: QtBot, demo_window: MainWindow, name: str
) -> None:
    window = demo_window
    objective, combo = objective_with_a_next_choice(window, name)
    aim(qtbot, window, combo)
    bar = page(window).verticalScrollBar()
    index, scrolled, steps = combo.currentIndex(), bar.value(), window.controller.undo_stack.count()

    wheel_over(qtbot, window, combo, -1)

    assert combo.currentIndex() == index
    assert window.plan.get(Objective, objective.id) == objective
    assert window.controller.undo_stack.count() == steps
    assert bar.value() != scrolled


def test_the_wheel_over_an_unfocused_date_scrolls_the_form(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    window = demo_window
    kr = min((k for k in window.plan.all(KeyResult) if k.due is not None), key=lambda k: k.title)
    window.tree.select_node(kr.id)
    picker = find(window, QDateEdit, "input_due")
    assert isinstance(picker, QDateEdit)
    aim(qtbot, window, picker)
    bar = page(window).verticalScrollBar()
    scrolled, steps = bar.value(), window.controller.undo_stack.count()

    wheel_over(qtbot, window, picker, -1)

    assert picker.date().toPython() == kr.due
    assert window.plan.get(KeyResult, kr.id).due == kr.due
    assert window.controller.undo_stack.count() == steps
    assert bar.value() != scrolled


def test_a_combo_the_person_clicked_into_takes_the_wheel(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    window = demo_window
    objective, combo = objective_with_a_next_choice(window, "input_kind")
    aim(qtbot, window, combo)
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    index = combo.currentIndex()
    wheel_over(qtbot, window, combo, -1)
    assert combo.currentIndex() == index + 1
    assert window.plan.get(Objective, objective.id).kind != objective.kind
