"""The PDF's Skills section: the skills chart, and per cycle the skills that moved with the
milestones and notes behind each step; user text printed as written, private notes left
out unless asked for."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from okrdesk.domain.entities import Skill
from okrdesk.report.plan_report import export_plan_pdf
from okrdesk.services.plan import PlanService
from okrdesk.services.report_data import ReportOptions, build_report_data
from okrdesk.services.skills import level_moved
from tests.report.sample_plan import page_texts
from tests.services.test_skill_growth import TODAY, grown

pytestmark = pytest.mark.usefixtures("qapp")


def skills_pages(path: Path) -> str:
    """The text of the Skills section (to the end: no one-on-ones in these plans)."""
    text = " ".join(page_texts(path))
    start = text.find("Skills Each skill's level over the cycles")
    assert start >= 0, "no Skills section"
    return text[start:]


def test_one_cycle_s_pdf_charts_the_skills_and_lists_those_that_moved(
    plan: PlanService, tmp_path: Path
) -> None:
    ids = grown(plan)
    level_moved(plan, ids["other"], 4, date(2026, 3, 3), milestone_id=ids["offsite"]).apply(plan)
    data = build_report_data(plan, ReportOptions(cycle_id=ids["q1"], today=TODAY), coach=False)
    assert data.skills is not None
    assert data.skills.chart.end == date(2026, 3, 31)  # the chart stops at the cycle's end
    path = tmp_path / "q1.pdf"
    export_plan_pdf(plan, path, ReportOptions(cycle_id=ids["q1"], today=TODAY))
    text = skills_pages(path)
    assert "Skills that moved in Q1" in text
    assert "Facilitation level 2 → 3 aim 4 People" in text
    assert "10 Feb 2026 · 2 → 3 with the milestone “Run the offsite” Ran it alone" in text
    assert "Note Asked more" in text and "I froze" not in text
    # The user's text as written, in the list and in the chart (real text in the PDF).
    assert "Writing <b>&</b> level 3 → 4" in text
    assert text.count("Writing <b>&</b>") >= 2
    assert "Let go" not in text  # a note of Q2


def test_the_whole_plan_s_pdf_lists_each_cycle_in_which_a_skill_moved(
    plan: PlanService, tmp_path: Path
) -> None:
    grown(plan)
    path = tmp_path / "all.pdf"
    export_plan_pdf(plan, path, ReportOptions(today=TODAY, include_private=True))
    text = skills_pages(path)
    assert "Skills that moved in Q1" in text and "Skills that moved in Q2" in text
    assert "Skills that moved in Q3" not in text  # nothing moved (it has not started)
    assert "Note I froze" in text  # asked for
    assert "Facilitation level 3 → 4" in text and "Note Let go" in text


def test_a_plan_without_skills_or_a_mission_s_pdf_has_no_skills_section(
    plan: PlanService,
) -> None:
    assert build_report_data(plan, ReportOptions(today=TODAY), coach=False).skills is None
    grown(plan)
    assert plan.count(Skill) == 2
    mission_only = ReportOptions(today=TODAY, mission_id="any")
    assert build_report_data(plan, mission_only, coach=False).skills is None


def test_many_skills_go_on_in_a_second_chart(plan: PlanService, tmp_path: Path) -> None:
    grown(plan)
    for number in range(7):
        plan.add(Skill(name=f"Skill {number}", level=2))
    path = tmp_path / "many.pdf"
    export_plan_pdf(plan, path, ReportOptions(today=date.today()))
    text = skills_pages(path)
    assert "Levels over the cycles (continued)" in text
    assert "Skill 6" in text
