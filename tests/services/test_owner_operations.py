"""Naming the plan's owner as an undoable operation: undo and redo put back exactly what was
there, the name and every record it renamed."""

from __future__ import annotations

from datetime import date

import pytest

from okrdesk.domain.entities import ActionItem, Item, Meeting, Mission, Objective
from okrdesk.domain.validation import ValidationError
from okrdesk.services.operations import PutBackOwner, SetOwner
from okrdesk.services.plan import PlanService


def snapshot(plan: PlanService) -> tuple[str, list[Item]]:
    """The owner and every record that has one, as stored (timestamps included)."""
    records: list[Item] = []
    for cls in (Mission, Objective, ActionItem):
        records.extend(plan.all(cls))
    return plan.owner(), records


@pytest.fixture
def owned_plan(plan: PlanService) -> dict[str, str]:
    plan.set_owner("Ada")
    mission = plan.add(Mission(title="Help newcomers"))
    mine = plan.add(Objective(title="Newcomers ship in week one", mission_id=mission.id))
    shouted = plan.add(Objective(title="Docs answer the first questions", owner=" ADA "))
    # Someone called by the new name already: a rename must not take this one, nor its undo.
    namesake = plan.add(Objective(title="Ada L.'s own objective", owner="Ada Lovelace"))
    team = plan.add(Objective(title="The team's objective", owner="Ada", origin="team:x"))
    return {
        "mission": mission.id,
        "mine": mine.id,
        "shouted": shouted.id,
        "namesake": namesake.id,
        "team": team.id,
    }


def test_renaming_the_owner_then_undo_and_redo_are_exact(
    plan: PlanService, owned_plan: dict[str, str]
) -> None:
    before = snapshot(plan)
    applied = SetOwner("Ada Lovelace").apply(plan)
    after = snapshot(plan)
    assert after[0] == "Ada Lovelace"
    owners = {o.id: o.owner for o in plan.all(Objective)}
    assert owners[owned_plan["mine"]] == owners[owned_plan["shouted"]] == "Ada Lovelace"
    assert owners[owned_plan["team"]] == "Ada"
    assert plan.get(Mission, owned_plan["mission"]).owner == "Ada Lovelace"

    undone = applied.inverse.apply(plan)
    assert snapshot(plan) == before  # " ADA " is " ADA " again; the namesake stays
    redone = undone.inverse.apply(plan)
    assert snapshot(plan) == after  # the very records of the first rename
    redone.inverse.apply(plan)
    assert snapshot(plan) == before


def test_an_owner_change_touches_the_renamed_items_and_every_mission_and_objective(
    plan: PlanService, owned_plan: dict[str, str]
) -> None:
    meeting = plan.add(Meeting(date=date(2026, 1, 5), counterpart="Grace"))
    action = plan.add(ActionItem(meeting_id=meeting.id, text="Send the notes"))
    changes = SetOwner("Ada Lovelace").apply(plan).changes
    assert changes.ids(Mission) == {owned_plan["mission"]}
    assert changes.ids(Objective) == {o.id for o in plan.all(Objective)}
    # The action item was renamed with the person's other items.
    assert changes.ids(ActionItem) == {action.id}
    assert not changes.reshaped and not changes.everything


def test_naming_the_owner_the_first_time_renames_nothing_and_undo_clears_it(
    plan: PlanService,
) -> None:
    objective = plan.add(Objective(title="Newcomers ship in week one"))
    applied = SetOwner("  Ada ").apply(plan)
    assert plan.owner() == "Ada"
    assert applied.changes.ids(Objective) == {objective.id}
    assert applied.inverse.label == "Clear the plan's owner"
    applied.inverse.apply(plan)
    assert plan.owner() == ""
    assert plan.get(Objective, objective.id).owner == ""


def test_the_same_name_again_changes_nothing(plan: PlanService) -> None:
    plan.add(Objective(title="Newcomers ship in week one"))
    plan.set_owner("Ada")
    assert SetOwner(" Ada ").apply(plan).changes.empty


def test_a_refused_name_raises_and_writes_nothing(
    plan: PlanService, owned_plan: dict[str, str]
) -> None:
    before = snapshot(plan)
    revision = plan.revision
    with pytest.raises(ValidationError) as refused:
        SetOwner("Ada\nLovelace").apply(plan)
    assert refused.value.field == "owner"
    assert snapshot(plan) == before
    assert plan.revision == revision


def test_putting_back_an_item_that_went_meanwhile_is_refused_whole(
    plan: PlanService, owned_plan: dict[str, str]
) -> None:
    applied = SetOwner("Ada Lovelace").apply(plan)
    assert isinstance(applied.inverse, PutBackOwner)
    plan.delete(Objective, owned_plan["shouted"])
    with pytest.raises(LookupError):
        applied.inverse.apply(plan)
    # One transaction: neither the name nor the other renamed items went back.
    assert plan.owner() == "Ada Lovelace"
    assert plan.get(Objective, owned_plan["mine"]).owner == "Ada Lovelace"


def test_the_labels_say_what_the_step_does(plan: PlanService) -> None:
    assert SetOwner("Ada").label == "Set the plan's owner to Ada"
    assert SetOwner("").label == "Clear the plan's owner"
