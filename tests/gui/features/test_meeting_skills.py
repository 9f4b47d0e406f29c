"""The one-on-one's development section shows the skills that moved since the last closed
one-on-one (else in its cycle), with the milestones behind each step."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from okrdesk.domain.entities import Meeting
from okrdesk.gui.features.meetings.skills_moved import SkillsMovedPanel
from okrdesk.gui.shell import MainWindow
from okrdesk.services.plan import PlanService
from okrdesk.services.skills import level_moved
from tests.gui.helpers import OpenWindow, current
from tests.services.test_skill_growth import TODAY, grown


def panel_of(window: MainWindow) -> SkillsMovedPanel:
    (panel,) = [p for p in window.editor.panels[Meeting] if isinstance(p, SkillsMovedPanel)]
    return panel


def rows(panel: SkillsMovedPanel) -> list[str]:
    return [panel.list.item(r).text() for r in range(panel.list.count())]


def test_the_development_section_lists_the_skills_that_moved(
    open_window: OpenWindow, plan_path: Path
) -> None:
    plan = PlanService.open(plan_path)
    ids = grown(plan)
    june = plan.add(Meeting(date=date(2026, 6, 5), counterpart="Sam", cycle_id=ids["q2"]))
    plan.close()
    window = open_window(plan_path)
    window.clock = lambda: TODAY
    window.tree.select_node(june.id)
    panel = panel_of(window)
    assert panel.isVisibleTo(window)
    assert panel.caption.text() == "Skills that moved in Q2."
    assert rows(panel) == ["Facilitation: level 3 → 4 · aim 4", "    2026-05-20 · 3 → 4 · 1 note"]

    # A level moved meanwhile shows when the meeting is shown again.
    window.controller.run(
        level_moved(
            window.plan, ids["other"], 4, date(2026, 6, 2), milestone_id=ids["offsite"], note="Won"
        )
    )
    window.tree.select_node(june.id)
    assert rows(panel)[2:] == [
        "Writing <b>&</b>: level 3 → 4",
        "    2026-06-02 · 3 → 4 · Run the offsite · “Won”",
    ]
    # Enter on a line selects its skill in the tree.
    panel.list.itemActivated.emit(panel.list.item(2))
    assert current(window).id == ids["other"]

    window.controller.add(
        Meeting(date=date(2026, 6, 1), counterpart="Sam", closed_on=date(2026, 6, 1))
    )
    window.tree.select_node(june.id)
    assert panel.caption.text().startswith("Skills that moved since the one-on-one of 2026-06-01")
    assert rows(panel)[0] == "Writing <b>&</b>: level 3 → 4"
    assert len(rows(panel)) == 2
