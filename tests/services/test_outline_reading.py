"""The outline is read from a few column queries; it must be exactly the outline built the
slow, obvious way from whole records: the same nodes, children in the same order, and the
nodes in the same order (the search goes through them in that order)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from okrdesk.domain.entities import (
    ActionItem,
    CheckIn,
    Cycle,
    GrowthNote,
    Item,
    KeyResult,
    Meeting,
    Milestone,
    Mission,
    NextStep,
    Objective,
    Skill,
)
from okrdesk.domain.enums import KeyResultKind, Level, ObjectiveState
from okrdesk.domain.progress import mission_progress, objective_progress
from okrdesk.services.demo import fill_demo
from okrdesk.services.outline import (
    BRANCH_TITLES,
    Branch,
    Node,
    NodeKind,
    Outline,
    action_node,
    build_outline,
    key_result_node,
    meeting_node,
    milestone_node,
    mission_node,
    next_step_node,
    note_node,
    objective_node,
    skill_node,
)
from okrdesk.services.plan import PlanService
from tests.builders import (
    closable_plan,
    own_plan_with_team,
    prepare_meetings_plan,
    small_plan,
    weekly_plan,
)


def records(plan: PlanService, cls: type[Item]) -> list[Item]:
    """Siblings in the order the tree shows them; every item in the order it is added."""
    return sorted(plan.all(cls), key=lambda r: (r.position, r.created))


def reference_outline(plan: PlanService, cycle_id: str | None = None) -> Outline:
    """The outline from whole records (``PlanService.all``), each rule of the tree spelt
    out: the oracle the outline's column queries are checked against."""
    outline = Outline(cycle_id=cycle_id)
    for branch in Branch:
        outline.add(Node(branch.value, NodeKind.BRANCH, BRANCH_TITLES[branch], None))
    objectives = [
        o
        for o in records(plan, Objective)
        if isinstance(o, Objective) and cycle_id in (None, o.cycle_id)
    ]
    key_results = [kr for kr in records(plan, KeyResult) if isinstance(kr, KeyResult)]
    latest: dict[str, float] = {}
    for c in sorted(plan.all(CheckIn), key=lambda c: (c.date, c.created)):
        latest[c.key_result_id] = c.value
    progress = {
        o.id: objective_progress(
            (kr, latest.get(kr.id)) for kr in key_results if kr.objective_id == o.id
        )
        for o in objectives
    }
    missions = [m for m in records(plan, Mission) if isinstance(m, Mission)]
    mission_ids = {m.id for m in missions}
    pending = missions
    while pending:  # parents before children
        waiting = []
        for m in pending:
            parent = m.parent_id if m.parent_id in mission_ids else None
            if parent is not None and parent not in outline.nodes:
                waiting.append(m)
                continue
            served = [progress[o.id] for o in objectives if o.mission_id == m.id]
            outline.add(mission_node(m, parent or Branch.MISSIONS.value, mission_progress(served)))
        assert len(waiting) < len(pending), "a loop of missions"
        pending = waiting
    for o in objectives:
        outline.add(objective_node(o, progress[o.id]))
    for kr in key_results:
        if kr.objective_id in outline.nodes:
            outline.add(key_result_node(kr, latest.get(kr.id)))
    for kind, maker, parent_field in (
        (NextStep, next_step_node, "key_result_id"),
        (Milestone, milestone_node, "objective_id"),
        (GrowthNote, note_node, "milestone_id"),
    ):
        for record in records(plan, kind):
            if getattr(record, parent_field) in outline.nodes:
                outline.add(maker(record))
    meetings = [mt for mt in plan.all(Meeting) if cycle_id in (None, mt.cycle_id)]
    meetings.sort(key=lambda mt: mt.created)
    meetings.sort(key=lambda mt: mt.date, reverse=True)
    for mt in meetings:
        outline.add(meeting_node(mt))
    for a in records(plan, ActionItem):
        if isinstance(a, ActionItem) and a.meeting_id in outline.nodes:
            outline.add(action_node(a))
    # The skills framework, whatever the cycle, in its order.
    for skill in records(plan, Skill):
        outline.add(skill_node(skill))
    return outline


def assert_same(plan: PlanService) -> None:
    for cycle_id in (None, *(c.id for c in plan.all(Cycle))):
        built, expected = build_outline(plan, cycle_id), reference_outline(plan, cycle_id)
        assert list(built.nodes.items()) == list(expected.nodes.items()), cycle_id
        assert dict(built.children) == dict(expected.children), cycle_id
        assert built.cycle_id == cycle_id


def tricky(plan: PlanService) -> None:
    """What the outline's reading could get wrong: two check-ins on one day (the later one
    counts), one entered late for an earlier day, each kind of key result, weights, next
    steps, archived and private items, one-on-ones of two cycles."""
    q1 = plan.create(Cycle, name="Q1", start="2026-01-01", end="2026-03-31")
    q2 = plan.create(Cycle, name="Q2", start="2026-04-01", end="2026-06-30")
    top = plan.create(Mission, title="Top", statement="For everyone")
    child = plan.create(Mission, title="Child", parent_id=top.id, archived=True)
    with plan.database.transaction() as s:  # a child listed before its parent
        s.execute(text("UPDATE missions SET position = 5 WHERE id = :id"), {"id": top.id})
    first = plan.create(Objective, title="First", mission_id=child.id, cycle_id=q1.id)
    plan.create(Objective, title="Second", mission_id=top.id, cycle_id=q2.id, why="Why not")
    plan.create(Objective, title="Company", level=Level.COMPANY.value, cycle_id=q1.id)
    plan.create(Objective, title="Blind", cycle_id=q2.id, state=ObjectiveState.ACHIEVED.value)
    metric = plan.create(KeyResult, title="Metric", objective_id=first.id, target=10, unit="x")
    band = plan.create(
        KeyResult,
        title="Band",
        objective_id=first.id,
        kind=KeyResultKind.MAINTAIN.value,
        band_low=2,
        band_high=4,
        weight=3,
    )
    plan.create(KeyResult, title="Baseline", objective_id=first.id, kind="baseline")
    plan.create(KeyResult, title="Old", objective_id=first.id, target=5, archived=True)
    day = date(2026, 1, 10)
    plan.add(CheckIn(key_result_id=metric.id, date=day, value=4, created=datetime(2026, 1, 10)))
    plan.add(CheckIn(key_result_id=metric.id, date=day, value=6, created=datetime(2026, 1, 11)))
    plan.add(CheckIn(key_result_id=band.id, date=date(2026, 1, 20), value=3))
    plan.add(CheckIn(key_result_id=band.id, date=date(2026, 1, 5), value=9))  # entered late
    plan.create(NextStep, key_result_id=band.id, title="Call", due="2026-02-01")
    plan.create(NextStep, key_result_id=metric.id, title="Done already", done=True)
    milestone = plan.create(Milestone, title="Ship", objective_id=first.id, done_on="2026-02-02")
    plan.create(GrowthNote, milestone_id=milestone.id, date="2026-02-03", text="Hidden\nmore")
    plan.create(GrowthNote, milestone_id=milestone.id, date="2026-02-04", text="x", private=True)
    for when, cycle in (("2026-02-01", q1), ("2026-05-01", q2), ("2026-05-01", None)):
        meeting = plan.create(
            Meeting, date=when, counterpart="Sam", cycle_id=cycle and cycle.id, feedback="Good"
        )
        plan.create(ActionItem, meeting_id=meeting.id, text=f"Follow up {when}")


def unreadable(plan: PlanService) -> None:
    """Values another tool wrote: they read as the field's default, as everywhere."""
    tricky(plan)
    with plan.database.transaction() as s:
        s.execute(text("UPDATE objectives SET state = 'bogus', level = 'nowhere'"))
        s.execute(text("UPDATE key_results SET target = 'ten', kind = 'odd'"))
        s.execute(text("UPDATE check_ins SET value = 'lots' WHERE value = 6"))


BUILDERS: dict[str, Callable[[PlanService], object]] = {
    "demo": lambda plan: fill_demo(plan, date(2026, 5, 20)),
    "tricky": tricky,
    "unreadable": unreadable,
    "meetings": prepare_meetings_plan,
    "team": own_plan_with_team,
    "weekly": weekly_plan,
    "closable": closable_plan,
}


@pytest.mark.parametrize("name", BUILDERS)
def test_the_outline_is_what_whole_records_make(plan: PlanService, name: str) -> None:
    BUILDERS[name](plan)
    assert_same(plan)


def test_the_small_plan_too(tmp_path: Path) -> None:
    small_plan(tmp_path / "small.okrdesk")
    plan = PlanService.open(tmp_path / "small.okrdesk")
    try:
        assert_same(plan)
    finally:
        plan.close()
