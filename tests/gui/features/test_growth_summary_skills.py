"""The growth summary shows the skills chart and, in its text, the skills that moved in the
cycle chosen, with the milestones behind each step; it follows the plan while open."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from okrdesk.domain.entities import Skill
from okrdesk.gui.features.growth.feature import Growth
from okrdesk.services.plan import PlanService
from okrdesk.services.skill_growth import SkillsSeries
from okrdesk.services.skills import level_moved
from tests.gui.helpers import OpenWindow
from tests.services.test_skill_growth import TODAY, grown


def test_the_growth_summary_charts_the_skills_and_lists_those_that_moved(
    open_window: OpenWindow, plan_path: Path
) -> None:
    plan = PlanService.open(plan_path)
    ids = grown(plan)
    plan.close()
    window = open_window(plan_path)
    window.clock = lambda: TODAY
    summary = window.feature(Growth).show_summary()
    assert isinstance(summary.skills, SkillsSeries)
    assert [s.name for s in summary.skills.skills] == ["Facilitation", "Writing <b>&</b>"]
    axes = [ax for ax in summary.skills_canvas.figure.axes if ax.get_gid() == "skill_0"]
    assert len(axes) == 1
    text = summary.text.toPlainText()
    assert "- Facilitation: level 2 → 4 (aim 4)" in text
    assert "2026-02-10: 2 → 3, with “Run the offsite” (“Ran it alone”)" in text

    summary.choose_cycle(ids["q2"])
    text = summary.text.toPlainText()
    assert "- Facilitation: level 3 → 4 (aim 4)" in text and "Run the offsite" not in text
    # It follows the plan: a level moved while it is open shows at once.
    window.controller.run(level_moved(window.plan, ids["other"], 4, date(2026, 6, 1)))
    assert "- Writing <b>&</b>: level 3 → 4" in summary.text.toPlainText()
    assert window.plan.get(Skill, ids["other"]).level == 4
