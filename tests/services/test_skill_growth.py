"""Seeing growth: the skills chart's series (steps, aim, the milestones and notes behind each
step, reached against aimed per cycle), the skills that moved for a one-on-one and for a
cycle of the PDF."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

from okrdesk.domain.entities import Cycle, GrowthNote, Meeting, Milestone, Objective, Skill
from okrdesk.services.plan import PlanService
from okrdesk.services.skill_growth import (
    cycle_skills,
    meeting_skills,
    skills_series,
)
from okrdesk.services.skills import level_moved, set_note_skills

TODAY = date(2026, 6, 10)


def grown(plan: PlanService) -> dict[str, str]:
    """A skill that grew over two cycles: 2 → 3 in Q1 behind a milestone, 3 → 4 in Q2."""
    q1 = plan.add(Cycle(name="Q1", start=date(2026, 1, 1), end=date(2026, 3, 31)))
    q2 = plan.add(Cycle(name="Q2", start=date(2026, 4, 1), end=date(2026, 6, 30)))
    plan.add(Cycle(name="Q3", start=date(2026, 7, 1), end=date(2026, 9, 30)))
    skill = plan.add(
        Skill(
            name="Facilitation",
            group="People",
            level=2,
            aim=4,
            meanings="I watch\nI help\nI run one\nI teach it\nI shape it",
        )
    )
    other = plan.add(Skill(name="Writing <b>&</b>", level=3, created=datetime(2026, 1, 5, 9, 0)))
    objective = plan.add(Objective(title="Grow", cycle_id=q1.id))
    offsite = plan.add(Milestone(objective_id=objective.id, title="Run the offsite"))
    early = plan.add(GrowthNote(milestone_id=offsite.id, date=date(2026, 2, 3), text="Asked more"))
    secret = plan.add(
        GrowthNote(milestone_id=offsite.id, date=date(2026, 2, 5), text="I froze", private=True)
    )
    late = plan.add(GrowthNote(milestone_id=offsite.id, date=date(2026, 5, 1), text="Let go\nmore"))
    for note in (early, secret, late):
        set_note_skills(plan, note.id, [skill.id]).apply(plan)
    level_moved(
        plan, skill.id, 3, date(2026, 2, 10), milestone_id=offsite.id, note="Ran it alone"
    ).apply(plan)
    level_moved(plan, skill.id, 4, date(2026, 5, 20)).apply(plan)
    return {"q1": q1.id, "q2": q2.id, "skill": skill.id, "other": other.id, "offsite": offsite.id}


def test_the_series_has_each_skill_s_steps_aim_and_what_stood_behind(plan: PlanService) -> None:
    ids = grown(plan)
    series = skills_series(plan, TODAY)
    assert series.title == "Skills" and not series.story
    facilitation, writing = series.skills
    assert facilitation.points == (
        (date(2026, 2, 10), 2),
        (date(2026, 2, 10), 3),
        (date(2026, 5, 20), 4),
    )
    assert (facilitation.level, facilitation.aim, facilitation.meaning) == (4, 4, "I teach it")
    first, second = facilitation.steps
    assert (first.previous, first.level, first.milestone, first.note) == (
        2,
        3,
        "Run the offsite",
        "Ran it alone",
    )
    assert first.notes == ("Asked more", "I froze")
    assert (second.milestone, second.notes) == ("", ("Let go",))
    assert facilitation.notes == 3
    # Reached against aimed at each cycle's end; the cycle under way so far; none later.
    assert [(c.name, c.reached, c.ended, c.met) for c in facilitation.cycles] == [
        ("Q1", 3, True, False),
        ("Q2", 4, False, True),
    ]
    assert writing.steps == () and writing.points == ((date(2026, 1, 5), 3),)
    assert series.start <= date(2026, 1, 1) and series.end == TODAY

    story = skills_series(plan, TODAY, skill_id=ids["skill"])
    assert story.story and story.title == "Facilitation" and len(story.skills) == 1
    # A skill listed after the chart's end was not there yet.
    assert [s.name for s in skills_series(plan, date(2026, 1, 4)).skills] == []


def test_private_notes_stay_out_when_asked_and_a_cut_off_day_ends_the_line(
    plan: PlanService,
) -> None:
    ids = grown(plan)
    q1 = plan.get(Cycle, ids["q1"])
    series = skills_series(plan, TODAY, until=q1.end, include_private=False)
    (facilitation, _writing) = series.skills
    assert series.end == q1.end
    assert [s.level for s in facilitation.steps] == [3]
    assert facilitation.steps[0].notes == ("Asked more",)
    assert facilitation.level == 3 and facilitation.notes == 1
    assert [c.name for c in facilitation.cycles] == ["Q1"]


def test_the_skills_that_moved_in_a_cycle_and_for_a_one_on_one(plan: PlanService) -> None:
    ids = grown(plan)
    (moved,) = cycle_skills(plan, plan.get(Cycle, ids["q1"]))
    assert (moved.name, moved.before, moved.after, moved.aim) == ("Facilitation", 2, 3, 4)
    assert [s.milestone for s in moved.steps] == ["Run the offsite"]
    assert moved.steps[0].notes == ("Asked more",)  # the PDF leaves private notes out
    assert cycle_skills(plan, plan.get(Cycle, ids["q1"]), include_private=True)[0].steps[
        0
    ].notes == ("Asked more", "I froze")

    # Without a closed one-on-one before it: the meeting's cycle.
    june = plan.add(Meeting(date=date(2026, 6, 5), counterpart="Sam", cycle_id=ids["q2"]))
    found = meeting_skills(plan, june.id)
    assert found.since is None and found.cycle is not None and found.cycle.name == "Q2"
    assert [(m.before, m.after) for m in found.moves] == [(3, 4)]
    # Since the last closed one: the moves after its day, up to this one's.
    march = plan.add(
        Meeting(
            date=date(2026, 2, 10),
            counterpart="Sam",
            cycle_id=ids["q1"],
            closed_on=date(2026, 2, 10),
        )
    )
    found = meeting_skills(plan, june.id)
    assert found.since == plan.get(Meeting, march.id)
    assert found.start == date(2026, 2, 11) and found.end == date(2026, 6, 5)
    assert [(m.before, m.after) for m in found.moves] == [(3, 4)]
    before_any = plan.add(Meeting(date=date(2026, 1, 20), counterpart="Sam"))
    assert meeting_skills(plan, before_any.id).moves == ()


def test_a_cycle_stored_past_the_plan_s_window_is_no_span_to_draw(plan: PlanService) -> None:
    ids = grown(plan)
    path = plan.path
    plan.close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE cycles SET \"end\" = '9999-12-31' WHERE id = ?", (ids["q2"],))
    raw.close()
    reopened = PlanService.open(path)
    try:
        (facilitation, _writing) = skills_series(reopened, TODAY).skills
        assert [c.name for c in facilitation.cycles] == ["Q1"]
    finally:
        reopened.close()
