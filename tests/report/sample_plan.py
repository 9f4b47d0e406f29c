"""A small plan made for the report tests (services and report), with a markup-like
title, private notes and a very long key result table."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from pypdf import PdfReader

from okrdesk.domain.entities import (
    CheckIn,
    Cycle,
    GrowthNote,
    KeyResult,
    Meeting,
    Milestone,
    Mission,
    Objective,
    Stakeholder,
)
from okrdesk.services.plan import PlanService

TODAY = date(2025, 5, 15)
MARKUP_TITLE = "<b>Grow & learn</b>"
PRIVATE_NOTE = "Quietly worried about the reorg"
PUBLIC_NOTE = "Pairing twice a week works"
PRIVATE_MEETING = "Asked for a raise"
LONG_TABLE_ROWS = 45


def build_plan(plan: PlanService) -> dict[str, str]:
    """A plan with a markup-like mission title, private notes and a very long key result
    table; returns ids by name."""
    plan.set_info("owner", "Ada Example")
    customers = plan.all(Stakeholder)[0]
    q2 = plan.create(Cycle, name="2025-Q2", start=date(2025, 4, 1), end=date(2025, 6, 30))
    q1 = plan.create(Cycle, name="2025-Q1", start=date(2025, 1, 1), end=date(2025, 3, 31))
    mission = plan.create(
        Mission,
        title=MARKUP_TITLE,
        statement="Help the people I work with learn faster & better.",
        stakeholder_id=customers.id,
    )
    other = plan.create(Mission, title="Keep the lights on")
    objective = plan.create(
        Objective,
        title="Ship the learning path",
        why="New joiners take months to be productive.",
        mission_id=mission.id,
        cycle_id=q2.id,
        state="active",
    )
    kr = plan.create(
        KeyResult,
        objective_id=objective.id,
        title="Joiners productive in their first month",
        baseline=2,
        target=10,
        unit="people",
    )
    for week in range(4):
        plan.create(
            CheckIn,
            key_result_id=kr.id,
            date=q2.start + timedelta(days=7 * week + 3),
            value=2 + 2 * week,
            confidence=0.7,
        )
    milestone = plan.create(
        Milestone,
        objective_id=objective.id,
        title="First cohort through the path",
        purpose="See where joiners get stuck.",
        growth_path="Teaching adults.",
        organisational_value="A reusable onboarding track.",
    )
    plan.create(GrowthNote, milestone_id=milestone.id, date=TODAY, text=PUBLIC_NOTE)
    plan.create(GrowthNote, milestone_id=milestone.id, date=TODAY, text=PRIVATE_NOTE, private=True)
    big = plan.create(
        Objective,
        title="Measure everything that matters",
        mission_id=other.id,
        cycle_id=q2.id,
        state="active",
    )
    for index in range(LONG_TABLE_ROWS):
        plan.create(
            KeyResult,
            objective_id=big.id,
            title=f"Row {index:02d} measure with a long enough title to wrap in its column",
            baseline=0,
            target=100,
            unit="%",
        )
    old = plan.create(
        Objective, title="Last quarter's objective", mission_id=other.id, cycle_id=q1.id
    )
    plan.create(
        Meeting,
        date=TODAY,
        counterpart="Grace",
        cycle_id=q2.id,
        progress="Learning path is on track.",
        feedback=PRIVATE_MEETING,
        feedback_private=True,
    )
    return {
        "q1": q1.id,
        "q2": q2.id,
        "mission": mission.id,
        "other": other.id,
        "objective": objective.id,
        "big": big.id,
        "old": old.id,
    }


def page_texts(path: Path) -> list[str]:
    """Each page's text, whitespace collapsed (pypdf reads some spaces as tabs)."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]
