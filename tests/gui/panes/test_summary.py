"""The status bar's numbers are the person's own; team objectives are counted apart
(issue 17, point 2)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from okrdesk.services.plan import PlanService
from tests.builders import own_plan_with_team
from tests.gui.helpers import OpenWindow


def test_a_company_import_leaves_the_status_bar_numbers_as_they_were(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    plan = PlanService.open(plan_path)
    try:
        built = own_plan_with_team(plan)
    finally:
        plan.close()
    window = open_window(plan_path)
    window.cycle_box.choose(None)
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
