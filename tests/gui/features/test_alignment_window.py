"""The alignment view as a window of its own, over GitLab's company OKRs (138 objectives in
FY21-Q1): it opens on the window's cycle, says when that cycle has no team objectives and
offers the one that has them, shows all cycles on request, closes with Esc or Close, and
fits a 1366×768 or a 1024×640 screen, scrolling up and down only."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import Cycle, MissionLink, Objective
from okrdesk.gui.features.team.alignment import ALL_CYCLES, AlignmentWindow
from okrdesk.gui.features.team.feature import Team
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import Qt
from okrdesk.services.okr_import import import_markdown
from okrdesk.services.plan import PlanService
from tests.builders import small_plan
from tests.gui.helpers import OpenWindow

GITLAB = Path(__file__).parents[2] / "data" / "okr-plans" / "gitlab_fy21-q1.raw.txt"


@pytest.fixture
def gitlab_window(open_window: OpenWindow, plan_path: Path) -> MainWindow:
    """My small plan, GitLab's OKRs imported, one of my missions serving one of them and
    the window on an empty cycle of my own."""
    ids = small_plan(plan_path)
    plan = PlanService.open(plan_path)
    import_markdown(plan, GITLAB)
    mine = plan.create(Cycle, name="2026 Q4", start="2026-10-01", end="2026-12-31")
    pipeline = next(o for o in plan.all(Objective) if o.title == "Build strong FY21 pipeline.")
    plan.add(MissionLink(mission_id=ids["care"], objective_id=pipeline.id))
    plan.close()
    window = open_window(plan_path)
    window.choose_cycle(mine.id)
    return window


def open_alignment(qtbot: QtBot, window: MainWindow) -> AlignmentWindow:
    window.feature(Team).alignment_action.trigger()
    view = window.feature(Team).alignment
    assert view is not None
    qtbot.waitExposed(view)
    return view


def test_an_empty_cycle_says_so_and_offers_the_one_with_team_objectives(
    qtbot: QtBot, gitlab_window: MainWindow
) -> None:
    view = open_alignment(qtbot, gitlab_window)
    assert view.cycle_box.currentText() == "2026 Q4 (0 team objectives)"
    assert view.alignment is not None and view.alignment.columns[1] == ()
    assert "This cycle has no team objectives." in view.caption.text()
    assert view.offer.isVisible()
    assert view.offer.text() == "Show FY21-Q1 (138 team objectives)"
    view.offer.click()
    assert view.cycle_box.currentText() == "FY21-Q1 (138 team objectives)"
    assert len(view.alignment.columns[1]) == 138
    assert view.caption.text().startswith("FY21-Q1: 138 team objectives, 2 of your missions")
    assert not view.offer.isVisible()
    # The mission serving a GitLab objective is drawn with it.
    assert next(n.title for n in view.alignment.columns[2]) == "Care for customers"


def test_all_cycles_can_be_chosen(qtbot: QtBot, gitlab_window: MainWindow) -> None:
    view = open_alignment(qtbot, gitlab_window)
    texts = [view.cycle_box.itemText(i) for i in range(view.cycle_box.count())]
    assert texts == [
        "All cycles",
        "2026 Q4 (0 team objectives)",
        "FY21-Q1 (138 team objectives)",
    ]
    view.cycle_box.setCurrentIndex(view.cycle_box.findData(ALL_CYCLES))
    view.cycle_box.activated.emit(0)
    assert view.cycle_id() is None
    # GitLab's 138 and the team objective of my own plan, which has no cycle.
    assert view.alignment is not None and len(view.alignment.columns[1]) == 139
    # My own choice stays when the plan changes.
    gitlab_window.controller.add(Objective(title="Another of mine"))
    assert view.cycle_box.currentData() == ALL_CYCLES


def test_escape_and_close_close_the_window(qtbot: QtBot, gitlab_window: MainWindow) -> None:
    view = open_alignment(qtbot, gitlab_window)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.view.setFocus()
    qtbot.keyClick(view.view, Qt.Key.Key_Escape)
    assert not view.isVisible()
    view = open_alignment(qtbot, gitlab_window)
    assert view.isVisible()
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    assert not view.isVisible()


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1024, 640)])
def test_the_window_fits_the_screen_and_scrolls_up_and_down_only(
    qtbot: QtBot, gitlab_window: MainWindow, width: int, height: int
) -> None:
    view = open_alignment(qtbot, gitlab_window)
    view.offer.click()
    view.resize(width, height)
    qtbot.waitUntil(lambda: view.width() == width and view.height() == height)
    # Nothing in the window asks for more room than the screen has.
    assert view.minimumSizeHint().width() <= width
    assert view.minimumSizeHint().height() <= height
    # The diagram is as wide as the view: no sideways scrolling, 138 cards to scroll down.
    assert view.view.horizontalScrollBar().maximum() == 0
    assert view.view.verticalScrollBar().maximum() > 0
    scene_width = view.view.diagram.sceneRect().width() * view.view.transform().m11()
    assert scene_width <= view.view.viewport().width()
    assert view.close_button.isVisible()
    assert view.close_button.geometry().right() <= width
    view.close()
