"""Copy to next cycle: baselines from the last check-in, no check-ins, links kept, and no
stretch values leaking."""

from __future__ import annotations

from datetime import date

import pytest

from okrdesk.domain.entities import (
    CheckIn,
    Cycle,
    GrowthNote,
    KeyResult,
    Milestone,
    Mission,
    MissionLink,
    Objective,
)
from okrdesk.domain.enums import Direction, KeyResultKind, ObjectiveState
from okrdesk.services.errors import ValidationError
from okrdesk.services.next_cycle import copy_to_cycle, plan_copy
from okrdesk.services.plan import PlanService


def test_copy_to_next_cycle(plan: PlanService) -> None:
    q1 = plan.create(Cycle, name="2026 Q1", start="2026-01-01", end="2026-03-31")
    q2 = plan.create(Cycle, name="2026 Q2", start="2026-04-01", end="2026-06-30")
    mission = plan.create(Mission, title="Serve customers")
    team = plan.create(Objective, title="Team goal", level="team", cycle_id=q1.id)
    plan.create(MissionLink, mission_id=mission.id, objective_id=team.id)
    objective = plan.create(
        Objective,
        title="Fast reports",
        mission_id=mission.id,
        cycle_id=q1.id,
        aligned_to_id=team.id,
        state="active",
        confidence="0.7",
    )
    load = plan.create(
        KeyResult,
        objective_id=objective.id,
        title="Load time",
        direction="decrease",
        baseline="9",
        target="2",
        unit="s",
        due="2026-03-15",
    )
    users = plan.create(
        KeyResult, objective_id=objective.id, title="Users", baseline="10", target="50"
    )
    band = plan.create(
        KeyResult,
        objective_id=objective.id,
        title="Errors",
        kind="maintain",
        band_low="0",
        band_high="0.5",
        target="0.2",
    )
    plan.create(KeyResult, objective_id=objective.id, title="Old one", archived=True)
    for day, value in (("2026-02-01", 6), ("2026-03-01", 4)):
        plan.create(CheckIn, key_result_id=load.id, date=day, value=value)
    plan.create(CheckIn, key_result_id=users.id, date="2026-03-01", value=55)  # passed its target
    plan.create(CheckIn, key_result_id=band.id, date="2026-03-01", value=0.9)  # out of band
    milestone = plan.create(
        Milestone,
        objective_id=objective.id,
        title="Cache",
        done_on="2026-02-10",
        due="2026-02-01",
        purpose="Why",
        growth_path="Learn caching",
    )
    plan.create(GrowthNote, milestone_id=milestone.id, date="2026-02-10", text="Learned a lot")
    check_ins_before = plan.count(CheckIn)

    copied = copy_to_cycle(plan, [objective.id], q2.id)

    (copy,) = copied.objectives
    stored = plan.get(Objective, copy.id)
    assert (stored.title, stored.cycle_id, stored.mission_id, stored.aligned_to_id) == (
        "Fast reports",
        q2.id,
        mission.id,
        team.id,
    )
    assert stored.state is ObjectiveState.DRAFT and stored.confidence is None
    new_krs = {kr.title: kr for kr in plan.children(KeyResult, copy.id)}
    assert set(new_krs) == {"Load time", "Users", "Errors"}
    new_load = new_krs["Load time"]
    assert (new_load.baseline, new_load.target, new_load.direction) == (4, 2, Direction.DECREASE)
    assert new_load.due == date(2026, 6, 13)  # moved as much as the cycle (90 days)
    # Users passed 50: the baseline is 55, and the target is cleared (with a note).
    assert (new_krs["Users"].baseline, new_krs["Users"].target) == (55, None)
    assert any("“Users”" in note and "set a new one" in note for note in copied.notes)
    # The maintain band is copied as it is; nothing of its check-ins reaches it.
    errors = new_krs["Errors"]
    assert (errors.kind, errors.band_low, errors.band_high, errors.target, errors.baseline) == (
        KeyResultKind.MAINTAIN,
        0,
        0.5,
        0.2,
        None,
    )
    # No check-ins, no growth notes; the milestone is not done in the new cycle.
    assert plan.count(CheckIn) == check_ins_before
    assert all(not plan.check_ins(kr.id) for kr in new_krs.values())
    (new_milestone,) = plan.children(Milestone, copy.id)
    assert new_milestone.done_on is None and new_milestone.growth_path == "Learn caching"
    assert plan.children(GrowthNote, new_milestone.id) == []
    # The original is untouched.
    assert plan.get(KeyResult, load.id).baseline == 9
    assert copied.summary() == "Copied 1 objective with 3 key results and 1 milestone to 2026 Q2."


def test_mission_links_and_alignment_between_copies_are_kept(plan: PlanService) -> None:
    q1 = plan.create(Cycle, name="2026 Q1", start="2026-01-01", end="2026-03-31")
    q2 = plan.create(Cycle, name="2026 Q2", start="2026-04-01", end="2026-06-30")
    mission = plan.create(Mission, title="Mine")
    team = plan.create(Objective, title="Team goal", level="team", cycle_id=q1.id)
    plan.create(MissionLink, mission_id=mission.id, objective_id=team.id)
    child = plan.create(Objective, title="Mine aligned", cycle_id=q1.id, aligned_to_id=team.id)
    copied = copy_to_cycle(plan, [child.id, team.id], q2.id)
    by_title = {o.title: o for o in copied.objectives}
    assert by_title["Mine aligned"].aligned_to_id == by_title["Team goal"].id
    assert (
        plan.where(MissionLink, objective_id=by_title["Team goal"].id)[0].mission_id == mission.id
    )
    assert not by_title["Team goal"].locked


def test_copy_refuses_the_same_cycle_and_writes_nothing(plan: PlanService) -> None:
    q1 = plan.create(Cycle, name="2026 Q1", start="2026-01-01", end="2026-03-31")
    objective = plan.create(Objective, title="Goal", cycle_id=q1.id)
    with pytest.raises(ValidationError, match="already"):
        plan_copy(plan, [objective.id], q1.id)
    with pytest.raises(ValidationError):
        plan_copy(plan, [], q1.id)
    assert plan.count(Objective) == 1
