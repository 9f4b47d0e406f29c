"""Restarting, plan files, the demo, charts and the screenshot entry point."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import Cycle, KeyResult, Meeting, Mission, Objective
from okrdesk.gui.app import run_app
from okrdesk.gui.core.settings import PlanViewState, last_plan, recent_plans
from okrdesk.gui.features.files import Files
from okrdesk.gui.panes.chart_data import Message
from okrdesk.qt.gui import QImage
from okrdesk.services.outline import Branch
from okrdesk.services.plan import PlanService
from okrdesk.services.series import KeyResultSeries, ObjectiveSeries
from tests.builders import small_plan, small_plan_in_q1
from tests.fresh import run_fresh
from tests.gui.helpers import OpenWindow, current, recorded, shown_titles


def test_a_restart_restores_expansion_selection_cycle_and_layout(
    open_window: OpenWindow, plan_path: Path
) -> None:
    ids, q1 = small_plan_in_q1(plan_path)

    window = open_window(plan_path)
    window.choose_cycle(q1)
    assert "Be trusted" not in shown_titles(window)  # not in that cycle
    window.tree.select_node(ids["milestone"])
    window.tree.collapse(window.tree.node_index(ids["milestone"]))
    window.splitter.setSizes([500, 300, 300])
    sizes = window.splitter.sizes()
    expanded = window.tree.expanded_ids()
    window.close()

    again = open_window(plan_path)
    assert again.controller.cycle_id == q1
    assert again.cycle_box.currentData() == q1
    assert current(again).id == ids["milestone"]
    assert again.tree.expanded_ids() == expanded
    assert again.tree.isExpanded(again.tree.node_index(ids["speed"]))
    assert not again.tree.isExpanded(again.tree.node_index(ids["grow"]))
    assert again.splitter.sizes() == sizes


def test_the_selection_survives_edits_and_undo(open_window: OpenWindow, plan_path: Path) -> None:
    ids = small_plan(plan_path)
    window = open_window(plan_path)
    window.tree.select_node(ids["second"])
    window.controller.edit(KeyResult, ids["second"], title="Tickets closed in a day")
    assert current(window).id == ids["second"]
    window.tree.select_node(ids["trust"])
    window.undo_action.trigger()
    # Undo shows what it changed.
    assert current(window).id == ids["second"]
    assert window.tree.isExpanded(window.tree.node_index(ids["speed"]))


def test_opening_another_plan_replaces_the_first_cleanly(
    open_window: OpenWindow, plan_path: Path, tmp_path: Path
) -> None:
    small_plan(plan_path)
    window = open_window(plan_path)
    window.controller.edit(Mission, window.plan.all(Mission)[0].id, owner="Ana")
    other = tmp_path / "other.okrdesk"
    window.feature(Files).ask_new_path = lambda: other
    assert window.feature(Files).new_plan()
    assert window.plan.path == other
    assert window.windowTitle().startswith("other")
    assert window.pages.currentWidget() is window.welcome
    assert not window.undo_action.isEnabled()  # the first plan's history is gone

    window.feature(Files).ask_open_path = lambda: plan_path
    assert window.feature(Files).open_plan()
    assert window.plan.path == plan_path
    assert "Care for customers" in shown_titles(window)

    # Open recent offers both, newest first, and opens the other one again.
    assert recent_plans()[:2] == [plan_path.resolve(), other.resolve()]
    assert window.feature(Files).open_recent(other)
    assert window.plan.path == other


def test_a_file_that_is_no_plan_is_refused_with_a_message(
    open_window: OpenWindow, plan_path: Path, tmp_path: Path
) -> None:
    window = open_window(plan_path)
    junk = tmp_path / "notes.okrdesk"
    junk.write_text("these are not the plans you are looking for")
    window.feature(Files).ask_open_path = lambda: junk
    assert not window.feature(Files).open_plan()
    assert window.plan.path == plan_path
    assert "not an okrdesk plan" in recorded(window).errors[-1]


def test_save_a_copy_writes_a_plan_and_keeps_editing_this_one(
    open_window: OpenWindow, plan_path: Path, tmp_path: Path
) -> None:
    small_plan(plan_path)
    window = open_window(plan_path)
    copy = tmp_path / "copy.okrdesk"
    window.feature(Files).ask_copy_path = lambda: copy
    assert window.feature(Files).save_copy_as()
    assert window.plan.path == plan_path
    copied = PlanService.open(copy)
    try:
        assert {m.title for m in copied.all(Mission)} == {"Care for customers", "Grow the team"}
    finally:
        copied.close()
    window.feature(Files).ask_copy_path = lambda: plan_path
    assert not window.feature(Files).save_copy_as()


def test_export_and_import_json_run_in_the_background(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, tmp_path: Path
) -> None:
    pytest.importorskip("okrdesk.services.exchange")
    small_plan(plan_path)
    window = open_window(plan_path)
    exported = tmp_path / "plan.json"
    window.feature(Files).ask_export_path = lambda: exported
    window.feature(Files).export_json.trigger()
    qtbot.waitUntil(lambda: window.pages.isEnabled() and exported.exists())

    empty = tmp_path / "empty.okrdesk"
    window.feature(Files).ask_new_path = lambda: empty
    assert window.feature(Files).new_plan()
    window.feature(Files).ask_import_path = lambda: exported
    window.feature(Files).import_json.trigger()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.splitter)
    assert "Care for customers" in shown_titles(window)
    assert window.pages.isEnabled()

    # Importing the same items twice is refused, with the service's sentence.
    window.feature(Files).import_json.trigger()
    qtbot.waitUntil(lambda: bool(recorded(window).errors))
    assert window.pages.isEnabled()


def test_the_demo_fills_an_empty_plan_from_the_welcome_panel(qtbot: QtBot, window: object) -> None:
    pytest.importorskip("okrdesk.services.demo")
    from okrdesk.gui.shell import MainWindow

    assert isinstance(window, MainWindow)
    window.welcome.demo_button.click()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.splitter, timeout=20000)
    assert window.plan.count(Mission) > 0
    assert window.cycle_box.count() > 1
    assert current(window).parent_id == Branch.MISSIONS.value


def test_the_chart_follows_the_selection(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    ids = small_plan(plan_path)
    window = open_window(plan_path)
    qtbot.waitUntil(lambda: window.chart.ready)
    window.tree.select_node(ids["first"])
    data = window.chart.data
    assert isinstance(data, KeyResultSeries)
    assert data.values == (2.0, 3.0) and data.target == 4.0
    assert data.dates[-1] == date(2026, 1, 16)
    window.tree.select_node(ids["speed"])
    bars = window.chart.data
    assert isinstance(bars, ObjectiveSeries)
    assert bars.labels == ("Reply time", "Tickets closed")
    assert bars.values[0] == pytest.approx(0.75)
    window.tree.select_node(ids["second"])
    assert isinstance(window.chart.data, KeyResultSeries) and window.chart.data.values == ()
    window.tree.select_node(Branch.MEETINGS.value)
    assert isinstance(window.chart.data, Message)
    window.chart.draw_now()  # the selection's drawing, which waits for the event loop
    drawn = window.chart.draw_count
    window.controller.edit(KeyResult, ids["second"], target="80")
    window.chart.draw_now()
    assert window.chart.draw_count > drawn


def test_the_screenshot_entry_point_writes_a_png(plan_path: Path, tmp_path: Path) -> None:
    small_plan(plan_path)
    out = tmp_path / "shot.png"
    assert run_app(plan_path, screenshot=out, select="Reply", size=(1000, 700)) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1000, 700)
    # Screenshots leave the person's settings alone.
    assert not PlanViewState(plan_path).saved
    assert last_plan() is None


def test_select_by_title_prefers_an_exact_title_to_a_prefix(
    open_window: OpenWindow, plan_path: Path
) -> None:
    ids = small_plan(plan_path)
    plan = PlanService.open(plan_path)
    longer = plan.create(Objective, title="Answer fast and well", mission_id=ids["care"])
    plan.close()
    window = open_window(plan_path)
    assert window.select_by_title("answer fast")
    assert current(window).id == ids["speed"]
    assert window.select_by_title("Answer fast and")
    assert current(window).id == longer.id
    assert window.select_by_title("Reply")
    assert window.tree.isExpanded(window.tree.node_index(ids["speed"]))
    assert not window.select_by_title("Nothing like this")


def test_a_screenshot_selecting_nothing_fails_with_one_line(
    plan_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    small_plan(plan_path)
    out = tmp_path / "shot.png"
    assert run_app(plan_path, screenshot=out, select="No such item") == 1
    assert not out.exists()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "No such item" in err[0]


def test_every_kind_of_item_is_selectable_by_what_the_tree_shows(
    open_window: OpenWindow, plan_path: Path
) -> None:
    small_plan(plan_path)
    plan = PlanService.open(plan_path)
    meeting = plan.add(Meeting(date=date(2026, 3, 2), counterpart="Dana Lead"))
    now = plan.add(Cycle(name="Now", start=date(2026, 1, 1), end=date(2026, 3, 31)))
    later = plan.add(Cycle(name="Later", start=date(2027, 1, 1), end=date(2027, 3, 31)))
    elsewhere = plan.create(Objective, title="Only in the later cycle", cycle_id=later.id)
    plan.close()
    window = open_window(plan_path)
    assert window.select_by_title("2026-03-02")
    assert current(window).id == meeting.id
    assert window.select_by_title("dana lead")
    assert current(window).id == meeting.id
    window.choose_cycle(now.id)
    assert window.select_by_title("Only in the later")  # shown by leaving the cycle filter
    assert current(window).id == elsewhere.id


def test_the_screenshot_of_a_file_that_is_no_plan_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.okrdesk"
    junk.write_bytes(b"junk")
    assert run_app(junk, screenshot=tmp_path / "x.png") == 2
    assert "not an okrdesk plan" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()


def test_a_search_typed_at_once_is_answered_before_the_chart_loads(
    qtbot: QtBot, plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from okrdesk.gui import shell
    from okrdesk.qt.widgets import QApplication

    # The chart would load 50 ms after the first paint; typing puts it off for 2 s.
    monkeypatch.setattr(shell, "CHART_DELAY_MS", 50)
    monkeypatch.setattr(shell, "TYPING_PAUSE_MS", 2000)
    small_plan(plan_path)
    window = shell.MainWindow(PlanService.open(plan_path), remember_layout=False)
    qtbot.addWidget(window)
    window.show()
    window.search_box.setText("reply")
    QApplication.processEvents()
    assert shown_titles(window)[-1] == "Reply time"
    qtbot.wait(300)
    assert not window.chart.ready  # typing has not paused long enough
    qtbot.waitUntil(lambda: window.chart.ready, timeout=10000)


def test_the_window_is_built_without_importing_matplotlib(plan_path: Path) -> None:
    # A fresh interpreter: other tests in this one have imported matplotlib already.
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from okrdesk.gui.app import application\n"
        "from okrdesk.gui.shell import MainWindow\n"
        "from okrdesk.services.plan import PlanService\n"
        "application()\n"
        f"window = MainWindow(PlanService.open(Path({str(plan_path)!r})), remember_layout=False)\n"
        "window.show()\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib was imported too early'\n"
        "window.chart.ensure_canvas()\n"
        "assert 'matplotlib' in sys.modules\n"
        "window.close()\n"
    )
    run_fresh(script)
