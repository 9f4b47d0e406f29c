"""A new plan starts with the current quarter's cycle; cycles are added, renamed, re-dated
and deleted as undoable operations (issue 17, point 4)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from okrdesk.domain.entities import Cycle, Meeting, Objective
from okrdesk.domain.okr_cycles import next_quarter_cycle, quarter_cycle
from okrdesk.domain.validation import ValidationError
from okrdesk.services.demo import fill_demo
from okrdesk.services.locations import open_plan
from okrdesk.services.operations import (
    DeleteItem,
    add_next_quarter,
    cycle_deletion_details,
    redate_cycle,
    rename_cycle,
)
from okrdesk.services.plan import PlanService
from okrdesk.services.team_sync import TeamItems, sync_team

TODAY = date(2026, 11, 20)


def new_plan(tmp_path: Path, today: date = TODAY) -> PlanService:
    return open_plan(tmp_path / "new.okrdesk", today=today)


def test_a_bare_plan_service_has_no_cycle(plan: PlanService) -> None:
    # Only a plan started by the window or the command line is given its day.
    assert plan.all(Cycle) == [] and plan.starting_cycle_id() is None
    assert not plan.drop_unused_starting_cycle()


def test_a_new_plan_starts_with_the_quarter_of_today_once(tmp_path: Path) -> None:
    plan = new_plan(tmp_path)
    (cycle,) = plan.all(Cycle)
    assert (cycle.name, cycle.start, cycle.end) == (
        "2026 Q4",
        date(2026, 10, 1),
        date(2026, 12, 31),
    )
    assert plan.starting_cycle_id() == cycle.id
    plan.close()
    again = open_plan(tmp_path / "new.okrdesk", today=date(2027, 5, 1))
    assert [c.id for c in again.all(Cycle)] == [cycle.id]
    again.close()


def test_the_starting_cycle_is_shown_first_only_while_it_hides_nothing(tmp_path: Path) -> None:
    plan = new_plan(tmp_path)
    cycle_id = plan.starting_cycle_id()
    assert cycle_id is not None
    plan.add(Objective(title="In it", cycle_id=cycle_id))
    assert plan.starting_cycle_id() == cycle_id
    plan.add(Meeting(date=TODAY, counterpart="Rita"))
    assert plan.starting_cycle_id() is None
    plan.close()


def test_a_team_import_naming_the_quarter_finds_the_starting_cycle(tmp_path: Path) -> None:
    plan = new_plan(tmp_path)
    (mine,) = plan.all(Cycle)
    team = TeamItems(
        origin="team:manager",
        source="Finance (team.json)",
        cycles=[Cycle(id="their-q4", name="2026-Q4", start=mine.start, end=mine.end)],
        objectives=[Objective(id="t1", title="Close in a day", cycle_id="their-q4")],
    )
    sync_team(plan, team)
    assert [c.id for c in plan.all(Cycle)] == [mine.id]
    assert plan.get(Objective, "t1").cycle_id == mine.id
    plan.close()


def test_the_demo_brings_its_own_quarters_without_a_second_current_one(tmp_path: Path) -> None:
    plan = new_plan(tmp_path, today=date.today())
    fill_demo(plan)
    names = [c.name for c in plan.all(Cycle)]
    assert len(names) == len(set(names)) and quarter_cycle(date.today()).name in names
    plan.close()


def test_the_next_quarter_follows_the_latest_cycle_and_skips_taken_names() -> None:
    assert next_quarter_cycle([], TODAY).name == "2026 Q4"
    current = quarter_cycle(TODAY)
    assert next_quarter_cycle([current], TODAY).name == "2027 Q1"
    # An old imported cycle says nothing of what comes next.
    old = Cycle(name="FY21-Q1", start=date(2020, 2, 1), end=date(2020, 4, 30))
    assert next_quarter_cycle([old], TODAY).name == "2026 Q4"
    # A cycle of the same quarter under the other spelling counts as taken.
    odd = Cycle(name="2026-Q4", start=date(2026, 9, 15), end=date(2026, 10, 15))
    assert next_quarter_cycle([odd], TODAY).name == "2027 Q1"


def test_cycle_steps_are_undone_exactly(tmp_path: Path) -> None:
    plan = new_plan(tmp_path)
    added = add_next_quarter(plan, TODAY).apply(plan)
    assert added.record is not None and added.record.label == "2027 Q1"
    cycle_id = added.record.id
    renamed = rename_cycle(cycle_id, "  Winter push ").apply(plan)
    assert plan.get(Cycle, cycle_id).name == "Winter push"
    assert renamed.inverse.label == "Rename cycle"
    moved = redate_cycle(cycle_id, date(2027, 1, 15), date(2027, 4, 15)).apply(plan)
    assert (plan.get(Cycle, cycle_id).start, plan.get(Cycle, cycle_id).end) == (
        date(2027, 1, 15),
        date(2027, 4, 15),
    )
    moved.inverse.apply(plan)
    renamed.inverse.apply(plan)
    assert plan.get(Cycle, cycle_id).name == "2027 Q1"
    assert plan.get(Cycle, cycle_id).start == date(2027, 1, 1)
    added.inverse.apply(plan)
    assert plan.find(Cycle, cycle_id) is None
    plan.close()


def test_bad_dates_and_names_are_refused_and_nothing_is_saved(tmp_path: Path) -> None:
    plan = new_plan(tmp_path)
    (cycle,) = plan.all(Cycle)
    for operation in (
        redate_cycle(cycle.id, date(2026, 12, 1), date(2026, 11, 1)),
        rename_cycle(cycle.id, "   "),
    ):
        with pytest.raises(ValidationError):
            operation.apply(plan)
    assert plan.get(Cycle, cycle.id) == cycle
    plan.close()


def test_deleting_a_cycle_keeps_what_was_in_it_and_undo_puts_it_back(tmp_path: Path) -> None:
    plan = new_plan(tmp_path)
    (cycle,) = plan.all(Cycle)
    assert cycle_deletion_details(plan, cycle.id) == ""
    first = plan.add(Objective(title="First", cycle_id=cycle.id))
    plan.add(Objective(title="Second", cycle_id=cycle.id))
    plan.add(Meeting(date=TODAY, counterpart="Rita", cycle_id=cycle.id))
    details = cycle_deletion_details(plan, cycle.id)
    assert "2 objectives and 1 one-on-one" in details and "no cycle" in details
    deleted = DeleteItem(Cycle, cycle.id).apply(plan)
    assert plan.get(Objective, first.id).cycle_id is None and plan.count(Objective) == 2
    deleted.inverse.apply(plan)
    assert plan.get(Objective, first.id).cycle_id == cycle.id
    plan.close()
