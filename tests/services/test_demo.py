"""The demo plan: everything a newcomer should find in it, for any day of the year."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from itertools import pairwise

import pytest

from okrdesk.domain.entities import (
    MEETING_SECTIONS,
    ActionItem,
    CheckIn,
    Cycle,
    GrowthNote,
    KeyResult,
    Meeting,
    Milestone,
    Mission,
    MissionLink,
    Objective,
    Stakeholder,
)
from okrdesk.domain.enums import (
    Direction,
    KeyResultKind,
    Level,
    ObjectiveKind,
    StakeholderKind,
)
from okrdesk.domain.progress import key_result_progress
from okrdesk.services.demo import DemoRefused, fill_demo, quarter_of
from okrdesk.services.plan import PlanService

TODAY = date(2026, 5, 20)  # a Wednesday half-way through 2026 Q2


@pytest.fixture
def demo(plan: PlanService) -> PlanService:
    fill_demo(plan, TODAY)
    return plan


def test_two_cycles_the_previous_and_the_current_quarter(demo: PlanService):
    cycles = sorted(demo.all(Cycle), key=lambda c: c.start)
    assert [(c.name, c.start, c.end) for c in cycles] == [
        ("2026 Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026 Q2", date(2026, 4, 1), date(2026, 6, 30)),
    ]


def test_missions_serve_at_least_three_kinds_of_stakeholder(demo: PlanService):
    missions = demo.all(Mission)
    kinds = {demo.get(Stakeholder, m.stakeholder_id or "").kind for m in missions}
    assert len(missions) >= 3
    assert {StakeholderKind.CUSTOMERS, StakeholderKind.TEAM, StakeholderKind.SOCIETY} <= kinds
    assert all(m.statement.strip() for m in missions)
    assert {m.level for m in missions} == {Level.PERSONAL, Level.TEAM, Level.COMPANY}


def test_objectives_are_of_every_kind_some_closed_last_cycle(demo: PlanService):
    objectives = demo.all(Objective)
    previous = next(c for c in demo.all(Cycle) if c.end < TODAY)
    assert len(objectives) >= 6
    assert {o.kind for o in objectives} == set(ObjectiveKind)
    closed = [o for o in objectives if o.state.is_closed]
    assert len(closed) >= 2
    assert all(o.cycle_id == previous.id for o in closed)


def test_key_results_of_every_kind_with_weekly_check_ins(demo: PlanService):
    key_results = demo.all(KeyResult)
    assert len(key_results) >= 15
    kinds = Counter(
        (kr.kind, kr.direction if kr.kind is KeyResultKind.METRIC else None) for kr in key_results
    )
    for kind in [
        (KeyResultKind.METRIC, Direction.INCREASE),
        (KeyResultKind.METRIC, Direction.DECREASE),
        (KeyResultKind.MAINTAIN, None),
        (KeyResultKind.MILESTONE, None),
        (KeyResultKind.BASELINE, None),
    ]:
        assert kinds[kind] >= 1, kind
    for kr in key_results:
        check_ins = demo.check_ins(kr.id)
        assert len(check_ins) >= 8, kr.title
        gaps = {(b.date - a.date).days for a, b in pairwise(check_ins)}
        assert gaps == {7}, kr.title
        assert all(c.confidence is not None and 0 <= c.confidence <= 1 for c in check_ins)
        assert all(c.date <= TODAY for c in check_ins)
    assert sum(1 for c in demo.all(CheckIn) if c.note) >= 20


def test_some_key_results_slip_while_others_are_on_track(demo: PlanService):
    current = next(c for c in demo.all(Cycle) if c.contains(TODAY))
    current_objectives = {o.id for o in demo.all(Objective) if o.cycle_id == current.id}
    elapsed = (TODAY - current.start).days / (current.end - current.start).days
    latest = demo.latest_check_ins()
    progress = [
        key_result_progress(kr, latest[kr.id].value)
        for kr in demo.all(KeyResult)
        if kr.objective_id in current_objectives and kr.kind is KeyResultKind.METRIC
    ]
    assert sum(1 for p in progress if p >= elapsed) >= 3  # on track
    assert sum(1 for p in progress if p < 0.75 * elapsed) >= 2  # slipping
    confidences = [c.confidence for c in latest.values() if c.confidence is not None]
    assert min(confidences) <= 0.4 < 0.8 <= max(confidences)


def test_milestones_carry_purpose_growth_and_value_with_notes(demo: PlanService):
    milestones = demo.all(Milestone)
    assert len(milestones) >= 3
    for ms in milestones:
        assert ms.purpose.strip() and ms.growth_path.strip() and ms.organisational_value.strip()
    notes = demo.all(GrowthNote)
    assert len(notes) >= 3
    assert any(n.private for n in notes)
    assert len({n.kind for n in notes}) >= 3


def test_team_objectives_linked_to_personal_missions_and_aligned(demo: PlanService):
    team = {o.id for o in demo.all(Objective) if o.level is Level.TEAM}
    personal_missions = {m.id for m in demo.all(Mission) if m.level is Level.PERSONAL}
    links = demo.all(MissionLink)
    assert team
    assert any(link.objective_id in team and link.mission_id in personal_missions for link in links)
    aligned = [o for o in demo.all(Objective) if o.aligned_to_id in team]
    assert len(aligned) >= 2
    assert all(o.level is Level.PERSONAL for o in aligned)


def test_one_one_on_one_with_four_sections_a_private_one_and_actions(demo: PlanService):
    (meeting,) = demo.all(Meeting)
    assert meeting.counterpart.strip()
    assert meeting.date <= TODAY
    assert all(getattr(meeting, section).strip() for section in MEETING_SECTIONS)
    assert any(getattr(meeting, f"{section}_private") for section in MEETING_SECTIONS)
    actions = demo.where(ActionItem, meeting_id=meeting.id)
    assert len(actions) >= 2
    assert {a.done for a in actions} == {True, False}


def test_the_owner_is_named_and_the_text_is_real(demo: PlanService):
    assert demo.info("owner") == "Maya Lindqvist"
    titles = " ".join(o.title for o in demo.all(Objective)).lower()
    assert "lorem" not in titles and "ipsum" not in titles
    assert len({kr.title for kr in demo.all(KeyResult)}) == demo.count(KeyResult)


@pytest.mark.parametrize(
    "today",
    [date(2026, 4, 1), date(2026, 4, 3), date(2025, 12, 31), date(2027, 2, 28)],
    ids=["first-day", "first-friday", "last-day", "mid-quarter"],
)
def test_any_day_gives_eight_check_ins_none_in_the_future(plan: PlanService, today: date):
    fill_demo(plan, today)
    start, end = quarter_of(today)
    (current,) = [c for c in plan.all(Cycle) if c.start == start and c.end == end]
    current_objectives = {o.id for o in plan.all(Objective) if o.cycle_id == current.id}
    for kr in plan.all(KeyResult):
        check_ins = plan.check_ins(kr.id)
        assert len(check_ins) >= 8
        assert check_ins[-1].date <= today
        if kr.objective_id in current_objectives:  # checked in this week
            assert today - check_ins[-1].date < timedelta(days=7)
    for note in plan.all(GrowthNote):
        assert note.date <= today
    for ms in plan.all(Milestone):
        assert ms.done_on is None or ms.done_on <= today


def test_a_plan_with_missions_is_refused_and_left_alone(plan: PlanService):
    plan.create(Mission, title="Mine")
    with pytest.raises(DemoRefused, match="already has missions") as refused:
        fill_demo(plan, TODAY)
    assert isinstance(refused.value, ValueError)
    assert plan.count(Mission) == 1
    assert plan.count(KeyResult) == 0


def test_a_deleted_default_stakeholder_comes_back(plan: PlanService):
    society = next(s for s in plan.all(Stakeholder) if s.kind is StakeholderKind.SOCIETY)
    plan.delete(Stakeholder, society.id)
    fill_demo(plan, TODAY)
    kinds = [s.kind for s in plan.all(Stakeholder)]
    assert kinds.count(StakeholderKind.SOCIETY) == 1
    assert plan.count(Stakeholder) == 7


# -- missions with depth, and skills (issue 23) ----------------------------------------------


def test_the_demo_has_a_purpose_values_and_a_mission_serving_two_stakeholders(
    demo: PlanService,
) -> None:
    from okrdesk.services.missions import purpose, stakeholders_of, values_of

    assert purpose(demo).startswith("I build software")
    missions = demo.all(Mission)
    served = {m.title: [s.kind for s in stakeholders_of(demo, m)] for m in missions}
    assert [StakeholderKind.CUSTOMERS, StakeholderKind.COLLEAGUES] in served.values()
    assert all(values_of(demo, m) for m in missions if m.level is Level.PERSONAL)
    # One personal mission says how it will know it is served; one does not (the coach
    # asks for it).
    personal = [m for m in missions if m.level is Level.PERSONAL]
    assert {bool(m.served_when) for m in personal} == {True, False}


def test_three_skills_grew_over_the_two_cycles_behind_milestones_and_notes(
    demo: PlanService,
) -> None:
    from okrdesk.domain.entities import MilestoneSkill, NoteSkill
    from okrdesk.services.skills import levels_by_cycle, skill_stories

    stories = skill_stories(demo)
    cycles = sorted(demo.all(Cycle), key=lambda c: c.start)
    grew = [
        s for s in stories if [c.reached for c in levels_by_cycle(s, cycles)] != [s.start_level] * 2
    ]
    assert len(grew) >= 3
    for story in stories:
        # A skill's level now is where its last step took it.
        assert story.skill.level == (
            story.steps[-1].step.level if story.steps else story.start_level
        )
        assert story.skill.aim is not None and len(story.skill.meanings.splitlines()) == 5
    assert any(s.milestone is not None for story in stories for s in story.steps)
    assert demo.count(MilestoneSkill) >= 3 and demo.count(NoteSkill) >= 3
    assert all(s.step.date <= TODAY for story in stories for s in story.steps)
