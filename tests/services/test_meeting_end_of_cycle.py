"""An end-of-cycle one-on-one: once its cycle is closed (or the meeting falls after the
cycle's end), the agenda brings the retrospective's shortfalls with their causes, the
objectives to change and the missions not yet evaluated."""

from __future__ import annotations

from datetime import date

from okrdesk.domain.entities import Meeting, MissionEvaluation, ObjectiveClose
from okrdesk.domain.enums import CloseDecision, ShortfallCause
from okrdesk.services.meetings import Source, prepare_agenda
from okrdesk.services.plan import PlanService
from tests.builders import Closable, closable_plan


def retrospective_points(plan: PlanService, c: Closable, day: date) -> list[str]:
    meeting = Meeting(date=day, counterpart="Sam", cycle_id=c.cycle.id)
    points = prepare_agenda(plan, meeting, coach=None)
    return [p.text for p in points if p.source == Source.RETROSPECTIVE]


def close(plan: PlanService, c: Closable) -> None:
    plan.add(
        ObjectiveClose(
            objective_id=c.docs.id, closed_on=date(2026, 4, 2), proposed=0.9, score=0.5,
            reason="Readers were mostly the team.", cause=ShortfallCause.UNDERESTIMATED,
        )
    )  # fmt: skip
    plan.add(
        ObjectiveClose(
            objective_id=c.speed.id, closed_on=date(2026, 4, 2), proposed=0.5, score=0.5,
            decision=CloseDecision.CHANGE, decision_why="answer in a shared channel",
            cause=ShortfallCause.OTHER, cause_text="the team was half away in March",
        )
    )  # fmt: skip


def test_a_meeting_inside_an_open_cycle_has_no_retrospective_points(plan: PlanService) -> None:
    c = closable_plan(plan)
    assert retrospective_points(plan, c, date(2026, 3, 20)) == []


def test_after_the_cycle_s_end_the_unevaluated_mission_is_on_the_agenda(
    plan: PlanService,
) -> None:
    c = closable_plan(plan)
    assert retrospective_points(plan, c, date(2026, 4, 6)) == [
        "How well did 2026 Q1 serve the mission “Help new colleagues find their feet”? "
        "It has no evaluation yet."
    ]


def test_a_closed_cycle_brings_its_causes_and_changes(plan: PlanService) -> None:
    c = closable_plan(plan)
    close(plan, c)
    # Closed early: the meeting inside the cycle is an end-of-cycle one too.
    points = retrospective_points(plan, c, date(2026, 3, 30))
    assert points == [
        "“Make onboarding self-serve” ended at 0.5; the main cause: underestimated the work.",
        "“Answer every question within a day” ended at 0.5; the main cause: the team was "
        "half away in March.",
        "“Answer every question within a day” changes next cycle: answer in a shared channel.",
        "How well did 2026 Q1 serve the mission “Help new colleagues find their feet”? "
        "It has no evaluation yet.",
    ]
    plan.add(MissionEvaluation(mission_id=c.mission.id, cycle_id=c.cycle.id, rating=2))
    assert len(retrospective_points(plan, c, date(2026, 3, 30))) == 3


def test_a_score_at_the_line_raises_no_cause(plan: PlanService) -> None:
    c = closable_plan(plan)
    plan.add(
        ObjectiveClose(
            objective_id=c.docs.id, closed_on=date(2026, 4, 2), proposed=0.9, score=0.9,
            cause=ShortfallCause.UNDERESTIMATED,
        )
    )  # fmt: skip
    points = retrospective_points(plan, c, date(2026, 4, 6))
    assert not any("ended at" in p for p in points)
