"""The status bar's numbers are the person's own; team objectives are counted apart
(issue 17, point 2)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import CheckIn, Cycle, KeyResult, Mission, Objective
from okrdesk.domain.enums import Level
from okrdesk.gui.shell import MainWindow
from okrdesk.services.plan import PlanService
from okrdesk.services.summary import PlanCounts, plan_counts, team_item_ids
from tests.builders import OwnPlanWithTeam, own_plan_with_team
from tests.gui.helpers import OpenWindow


def window_on_own_plan_with_team(
    open_window: OpenWindow, plan_path: Path
) -> tuple[MainWindow, OwnPlanWithTeam]:
    """The window on ``own_plan_with_team``, showing every cycle."""
    plan = PlanService.open(plan_path)
    try:
        built = own_plan_with_team(plan)
    finally:
        plan.close()
    window = open_window(plan_path)
    window.cycle_box.choose(None)
    return window, built


def test_a_company_import_leaves_the_status_bar_numbers_as_they_were(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    window, built = window_on_own_plan_with_team(open_window, plan_path)
    qtbot.waitUntil(lambda: "team objectives" in window.summary.text())
    assert window.summary.text().startswith(
        "1 mission · 3 objectives · 3 key results · average 42 % · 138 team objectives"
    )
    window.cycle_box.choose(built.objectives[0].cycle_id)
    qtbot.waitUntil(lambda: "team objective" not in window.summary.text())
    assert window.summary.text().startswith(
        "1 mission · 3 objectives · 3 key results · average 42 %"
    )


def test_off_track_and_at_risk_are_counted_apart_in_the_charts_words(qtbot: QtBot) -> None:
    from okrdesk.domain.health import Health
    from okrdesk.gui.panes.summary import trouble_text

    counts = "1 mission · 3 objectives"
    found = [Health.AT_RISK, Health.OFF_TRACK, Health.ON_TRACK, Health.AT_RISK]
    assert trouble_text(counts, found) == f"{counts} · 1 off track · 2 at risk"
    assert trouble_text(counts, [Health.AT_RISK]) == f"{counts} · 1 at risk"
    assert trouble_text(counts, [Health.ON_TRACK]) == counts


def test_numbers_kept_between_edits_are_the_numbers_counted_afresh(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    """An edit that only moves numbers works out the average again and keeps the counts:
    after each step of a run of edits and undos, they equal a count from nothing."""
    window, built = window_on_own_plan_with_team(open_window, plan_path)
    controller = window.controller
    kr = window.plan.children(KeyResult, built.objectives[0].id)[0]
    steps = [
        lambda: controller.edit(KeyResult, kr.id, target=str((kr.target or 1) * 2)),
        lambda: controller.add(CheckIn(key_result_id=kr.id, date=date(2026, 3, 1), value=9.0)),
        lambda: controller.edit(Objective, built.objectives[1].id, level=Level.TEAM.value),
        lambda: controller.add(KeyResult(objective_id=built.objectives[0].id, title="Another")),
        lambda: controller.edit(KeyResult, kr.id, target=str((kr.target or 1) * 3)),
    ]
    for step in steps:
        step()
        assert window.summary.counts == fresh_counts(window)
    averages = set()
    while controller.undo_stack.canUndo():
        controller.undo_stack.undo()
        assert window.summary.counts == fresh_counts(window)
        averages.add(window.summary.counts.average)  # type: ignore[union-attr]
    assert len(averages) > 2  # the run moved the average, and the kept numbers followed


def fresh_counts(window: MainWindow) -> PlanCounts:
    return plan_counts(window.tree.source.outline, team_item_ids(window.plan))


def test_the_off_track_count_follows_once_edits_pause_and_does_not_flicker(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    today = date.today()
    plan = PlanService.open(plan_path)
    try:
        cycle = plan.add(
            Cycle(name="Now", start=today - timedelta(days=60), end=today + timedelta(days=30))
        )
        mission = plan.add(Mission(title="Help customers"))
        objective = plan.add(
            Objective(title="Faster month-ends", mission_id=mission.id, cycle_id=cycle.id)
        )
        kr = plan.add(KeyResult(objective_id=objective.id, title="Closed in a day", target=100))
        plan.add(CheckIn(key_result_id=kr.id, date=today - timedelta(days=1), value=5.0))
    finally:
        plan.close()
    window = open_window(plan_path)
    summary = window.summary
    qtbot.waitUntil(lambda: summary.text().endswith(" · 1 off track"), timeout=10_000)
    # The target reached: the average moves at once, and the last health count stays on
    # screen (no flicker) until the new one is in, once edits pause.
    window.controller.add(CheckIn(key_result_id=kr.id, date=today, value=100.0))
    assert summary.text() == "1 mission · 1 objective · 1 key result · average 100 % · 1 off track"
    qtbot.waitUntil(lambda: "off track" not in summary.text(), timeout=10_000)
    assert summary.text() == "1 mission · 1 objective · 1 key result · average 100 %"
