"""The learning journal and the growth summary, on a small plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from okrdesk.domain.entities import Cycle, GrowthNote, Milestone, Mission, Objective
from okrdesk.domain.enums import NoteKind
from okrdesk.services.growth import (
    NO_MISSION,
    WHOLE_PLAN,
    JournalFilter,
    done_days,
    growth_summary,
    journal,
)
from okrdesk.services.plan import PlanService


@dataclass
class Notes:
    q1: Cycle
    q2: Cycle
    mission: Mission
    sub_mission: Mission
    desk: Milestone
    hiring: Milestone
    blind: Milestone


@pytest.fixture
def notes(plan: PlanService) -> Notes:
    q1 = plan.create(Cycle, name="Q1", start="2026-01-01", end="2026-03-31")
    q2 = plan.create(Cycle, name="Q2", start="2026-04-01", end="2026-06-30")
    mission = plan.create(Mission, title="Care for customers")
    sub_mission = plan.create(Mission, title="Support desk", parent_id=mission.id)
    speed = plan.create(Objective, title="Answer fast", mission_id=sub_mission.id, cycle_id=q1.id)
    hire = plan.create(Objective, title="Hire", mission_id=mission.id, cycle_id=q2.id)
    alone = plan.create(Objective, title="Learn Rust", cycle_id=q1.id)
    desk = plan.create(
        Milestone,
        objective_id=speed.id,
        title="New help desk",
        growth_path="Queue triage",
        organisational_value="A triage playbook",
    )
    plan.update(Milestone, desk.id, done_on=date(2026, 2, 1))
    hiring = plan.create(Milestone, objective_id=hire.id, title="Interview loop")
    blind = plan.create(Milestone, objective_id=alone.id, title="Rustlings")
    plan.update(Milestone, blind.id, done_on=date(2026, 3, 1))
    for milestone, day, kind, text, private in (
        (desk, "2026-01-10", "skill", "Macros for replies", False),
        (desk, "2026-02-01", "lesson", "I answered too fast", True),
        (hiring, "2026-04-20", "insight", "Pair interviews calm people", False),
        (blind, "2026-02-15", "idea", "A borrow-checker kata night", False),
        (desk, "2026-02-01", "feedback", "Customers like the new tone", False),
    ):
        plan.create(
            GrowthNote, milestone_id=milestone.id, date=day, kind=kind, text=text, private=private
        )
    return Notes(q1, q2, mission, sub_mission, desk, hiring, blind)


def texts(plan: PlanService, wanted: JournalFilter | None = None) -> list[str]:
    return [e.text for e in journal(plan, wanted)]


def test_the_journal_is_newest_first_with_where_each_note_belongs(
    plan: PlanService, notes: Notes
) -> None:
    entries = journal(plan)
    # Same day: the note made last comes first.
    assert [e.text for e in entries] == [
        "Pair interviews calm people",
        "A borrow-checker kata night",
        "Customers like the new tone",
        "I answered too fast",
        "Macros for replies",
    ]
    tone = entries[2]
    assert (tone.milestone_id, tone.milestone_title) == (notes.desk.id, "New help desk")
    assert (tone.objective_title, tone.mission_title) == ("Answer fast", "Support desk")
    assert (tone.cycle_id, tone.cycle_name) == (notes.q1.id, "Q1")
    assert entries[3].private and not tone.private
    assert entries[1].mission_id is None and entries[1].mission_title == NO_MISSION


def test_journal_filters(plan: PlanService, notes: Notes) -> None:
    assert texts(plan, JournalFilter(kind=NoteKind.LESSON)) == ["I answered too fast"]
    # A mission takes in the missions that serve it.
    assert len(texts(plan, JournalFilter(mission_id=notes.mission.id))) == 4
    assert len(texts(plan, JournalFilter(mission_id=notes.sub_mission.id))) == 3
    assert texts(plan, JournalFilter(cycle_id=notes.q2.id)) == ["Pair interviews calm people"]
    assert len(texts(plan, JournalFilter(cycle_id=notes.q1.id))) == 4
    # Text matches the note, its milestone or its objective, ignoring case.
    assert texts(plan, JournalFilter(text="  RUST ")) == ["A borrow-checker kata night"]
    assert texts(plan, JournalFilter(text="interview")) == ["Pair interviews calm people"]
    both = JournalFilter(kind=NoteKind.SKILL, mission_id=notes.mission.id, cycle_id=notes.q1.id)
    assert texts(plan, both) == ["Macros for replies"]
    assert texts(plan, JournalFilter(text="nothing")) == []


def test_growth_summary_of_a_cycle(plan: PlanService, notes: Notes) -> None:
    summary = growth_summary(plan, notes.q1.id)
    assert summary.title == "Q1"
    assert (summary.notes, summary.private_notes) == (4, 1)
    assert [(c.key, c.count) for c in summary.by_kind] == [
        ("skill", 1),
        ("insight", 0),
        ("lesson", 1),
        ("feedback", 1),
        ("idea", 1),
    ]
    assert [(c.label, c.count) for c in summary.by_mission] == [
        ("Support desk", 3),
        (NO_MISSION, 1),
    ]
    assert [(p.title, p.done_on, p.notes) for p in summary.done] == [
        ("New help desk", date(2026, 2, 1), 3),
        ("Rustlings", date(2026, 3, 1), 1),
    ]
    assert summary.done[0].growth_path == "Queue triage"
    text = summary.as_text()
    assert "4 growth notes, 1 of them private." in text
    assert "By kind: skill 1, lesson 1, feedback 1, idea 1." in text
    assert "Growth path: Queue triage" in text and "Value beyond: A triage playbook" in text
    assert not summary.is_empty


def test_growth_summary_of_the_whole_plan_and_of_an_empty_cycle(
    plan: PlanService, notes: Notes
) -> None:
    whole = growth_summary(plan)
    assert whole.title == WHOLE_PLAN and whole.notes == 5
    assert whole.by_mission[0].label == "Support desk"
    q2 = growth_summary(plan, notes.q2.id)
    assert q2.notes == 1 and q2.done == ()
    assert "No milestone done yet." in q2.as_text()
    empty = plan.create(Cycle, name="Q3", start="2026-07-01", end="2026-09-30")
    nothing = growth_summary(plan, empty.id)
    assert nothing.is_empty and "No growth notes yet." in nothing.as_text()


def test_done_days_are_each_milestones_done_day(plan: PlanService) -> None:
    objective = plan.create(Objective, title="Ship")
    done = plan.create(Milestone, objective_id=objective.id, title="Beta", done_on=date(2026, 2, 1))
    open_ = plan.create(Milestone, objective_id=objective.id, title="Launch")
    assert done_days(plan) == {done.id: date(2026, 2, 1), open_.id: None}
