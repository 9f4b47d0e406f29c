from __future__ import annotations

from datetime import date

import pytest

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
    MissionLink,
    Objective,
    Stakeholder,
)
from okrdesk.domain.enums import Level, ObjectiveState
from okrdesk.services.errors import ItemNotFound, ValidationError
from okrdesk.services.plan import DEFAULT_STAKEHOLDERS, PlanService


@pytest.fixture
def tree(plan: PlanService) -> dict[str, str]:
    """A mission with an objective, two key results (one checked in), a milestone with a
    note, a team objective the mission serves and an objective aligned to the first."""
    cycle = plan.create(Cycle, name="2026 Q4", start="2026-10-01", end="2026-12-31")
    mission = plan.create(Mission, title="Help customers self-serve")
    objective = plan.create(
        Objective, title="Make docs findable", mission_id=mission.id, cycle_id=cycle.id
    )
    kr1 = plan.create(
        KeyResult, title="Search success", objective_id=objective.id, baseline=40, target=70
    )
    kr2 = plan.create(
        KeyResult,
        title="Tickets about docs",
        objective_id=objective.id,
        baseline=100,
        target=60,
        direction="decrease",
    )
    plan.create(CheckIn, key_result_id=kr1.id, date="2026-10-08", value=46, confidence=0.7)
    milestone = plan.create(Milestone, title="New search live", objective_id=objective.id)
    plan.create(GrowthNote, milestone_id=milestone.id, date="2026-10-09", text="Learnt BM25")
    team = plan.create(Objective, title="Cut support load", level="team", cycle_id=cycle.id)
    plan.create(MissionLink, mission_id=mission.id, objective_id=team.id)
    aligned = plan.create(Objective, title="Personal aligned", aligned_to_id=objective.id)
    return {
        "cycle": cycle.id,
        "mission": mission.id,
        "objective": objective.id,
        "kr1": kr1.id,
        "kr2": kr2.id,
        "milestone": milestone.id,
        "team": team.id,
        "aligned": aligned.id,
    }


def snapshot(plan: PlanService) -> dict[str, list[object]]:
    kinds: tuple[type[Item], ...] = (
        Stakeholder,
        Mission,
        Cycle,
        Objective,
        MissionLink,
        KeyResult,
        CheckIn,
        Milestone,
        GrowthNote,
        Meeting,
        ActionItem,
    )
    return {k.__name__: sorted(plan.all(k), key=lambda r: r.id) for k in kinds}


def test_a_new_plan_has_the_usual_stakeholders_once(plan: PlanService) -> None:
    names = [s.name for s in plan.all(Stakeholder)]
    assert names == [name for name, _ in DEFAULT_STAKEHOLDERS]
    for s in plan.all(Stakeholder):
        plan.delete(Stakeholder, s.id)
    reopened = PlanService(plan.database)
    assert reopened.all(Stakeholder) == []


def test_create_reads_text_and_appends(plan: PlanService) -> None:
    a = plan.create(Mission, title="A")
    b = plan.create(Mission, title="B")
    assert (a.position, b.position) == (0, 1)
    assert plan.get(Mission, b.id) == b
    cycle = plan.create(Cycle, name="Q", start="2026-01-01", end="2026-03-31")
    assert cycle.start == date(2026, 1, 1)


def test_create_at_an_index_renumbers_siblings(plan: PlanService) -> None:
    a = plan.create(Mission, title="A")
    b = plan.create(Mission, title="B")
    c = plan.create(Mission, title="C", index=1)
    assert [m.title for m in plan.children(Mission, None)] == ["A", "C", "B"]
    assert [m.position for m in plan.children(Mission, None)] == [0, 1, 2]
    assert {a.id, b.id, c.id} == {m.id for m in plan.all(Mission)}


def test_update_changes_fields_and_the_updated_stamp(plan: PlanService) -> None:
    mission = plan.create(Mission, title="Old")
    new = plan.update(Mission, mission.id, title="New", level="team")
    assert (new.title, new.level, new.created) == ("New", Level.TEAM, mission.created)
    assert new.updated >= mission.updated
    assert plan.get(Mission, mission.id) == new


def test_update_refuses_invalid_values_and_writes_nothing(plan: PlanService) -> None:
    cycle = plan.create(Cycle, name="Q", start="2026-01-01", end="2026-03-31")
    with pytest.raises(ValidationError) as caught:
        plan.update(Cycle, cycle.id, end="2025-12-01")
    assert caught.value.field == "end"
    with pytest.raises(ValidationError) as caught:
        plan.update(Cycle, cycle.id, start="soon")
    assert caught.value.field == "start"
    with pytest.raises(ValidationError):
        plan.update(Cycle, cycle.id, id="other")
    assert plan.get(Cycle, cycle.id) == cycle


def test_unknown_ids_are_reported(plan: PlanService) -> None:
    with pytest.raises(ItemNotFound, match="No mission"):
        plan.get(Mission, "nope")
    with pytest.raises(ItemNotFound):
        plan.update(Mission, "nope", title="x")
    with pytest.raises(ItemNotFound):
        plan.delete(Mission, "nope")


def test_dangling_references_are_refused(plan: PlanService) -> None:
    with pytest.raises(ValidationError) as caught:
        plan.create(KeyResult, title="Orphan", objective_id="missing")
    assert caught.value.field == "objective_id"
    assert "does not exist" in caught.value.message
    assert plan.count(KeyResult) == 0


def test_loops_are_refused(plan: PlanService) -> None:
    top = plan.create(Mission, title="Company")
    middle = plan.create(Mission, title="Team", parent_id=top.id)
    with pytest.raises(ValidationError, match="descendants"):
        plan.update(Mission, top.id, parent_id=middle.id)
    a = plan.create(Objective, title="A")
    b = plan.create(Objective, title="B", aligned_to_id=a.id)
    with pytest.raises(ValidationError, match="descendants"):
        plan.update(Objective, a.id, aligned_to_id=b.id)


def test_a_duplicate_id_is_refused(plan: PlanService) -> None:
    mission = plan.create(Mission, title="A")
    with pytest.raises(ValidationError, match="exists already"):
        plan.add(Mission(id=mission.id, title="B"))


def test_move_reorders_and_returns_the_old_placement(plan: PlanService) -> None:
    a, b, c = (plan.create(Mission, title=t) for t in "ABC")
    old = plan.move(Mission, c.id, None, 0)
    assert (old.parent_id, old.index) == (None, 2)
    assert [m.title for m in plan.children(Mission, None)] == ["C", "A", "B"]
    plan.move(Mission, c.id, old.parent_id, old.index)
    assert [m.title for m in plan.children(Mission, None)] == ["A", "B", "C"]
    assert a.id and b.id


def test_move_reparents_and_renumbers_both_sides(plan: PlanService, tree: dict[str, str]) -> None:
    other = plan.create(Objective, title="Other")
    old = plan.move(KeyResult, tree["kr1"], other.id, 0)
    assert old.parent_id == tree["objective"]
    assert [k.id for k in plan.children(KeyResult, other.id)] == [tree["kr1"]]
    assert [k.position for k in plan.children(KeyResult, tree["objective"])] == [0]
    plan.move(KeyResult, tree["kr1"], old.parent_id, old.index)
    assert [k.id for k in plan.children(KeyResult, tree["objective"])] == [tree["kr1"], tree["kr2"]]


def test_move_to_a_missing_parent_is_refused(plan: PlanService, tree: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        plan.move(KeyResult, tree["kr1"], "missing", 0)
    assert plan.get(KeyResult, tree["kr1"]).objective_id == tree["objective"]


def test_delete_takes_the_subtree_and_unlinks_references(
    plan: PlanService, tree: dict[str, str]
) -> None:
    before = snapshot(plan)
    preview = plan.preview_delete(Mission, tree["mission"])
    assert snapshot(plan) == before
    deletion = plan.delete(Mission, tree["mission"])
    assert deletion == preview
    assert deletion.counts() == {
        "mission": 1,
        "objective": 1,
        "mission link": 1,
        "key result": 2,
        "milestone": 1,
        "check-in": 1,
        "growth note": 1,
    }
    assert deletion.describe_others() == (
        "1 objective, 1 mission link, 2 key results, 1 milestone, 1 check-in, 1 growth note"
    )
    assert plan.count(KeyResult) == 0 and plan.count(GrowthNote) == 0
    assert plan.get(Objective, tree["aligned"]).aligned_to_id is None
    assert plan.get(Objective, tree["team"]).title == "Cut support load"


def test_restore_puts_everything_back_exactly(plan: PlanService, tree: dict[str, str]) -> None:
    before = snapshot(plan)
    deletion = plan.delete(Mission, tree["mission"])
    plan.restore(deletion)
    assert snapshot(plan) == before


def test_restore_keeps_the_order_of_siblings(plan: PlanService) -> None:
    a, b, c = (plan.create(Mission, title=t) for t in "ABC")
    deletion = plan.delete(Mission, b.id)
    plan.create(Mission, title="D")
    plan.restore(deletion)
    assert [m.title for m in plan.children(Mission, None)] == ["A", "B", "C", "D"]
    assert a.id and c.id


def test_deleting_a_cycle_or_stakeholder_only_unlinks(
    plan: PlanService, tree: dict[str, str]
) -> None:
    deletion = plan.delete(Cycle, tree["cycle"])
    assert plan.get(Objective, tree["objective"]).cycle_id is None
    assert deletion.describe_others() == ""
    plan.restore(deletion)
    assert plan.get(Objective, tree["objective"]).cycle_id == tree["cycle"]


def test_closed_state_and_meeting_records_round_trip(plan: PlanService) -> None:
    objective = plan.create(Objective, title="Ship", state="achieved")
    assert objective.state is ObjectiveState.ACHIEVED
    meeting = plan.create(
        Meeting, date="2026-11-20", counterpart="Sam", feedback="Good", feedback_private=True
    )
    item = plan.create(ActionItem, meeting_id=meeting.id, text="Send the draft")
    deletion = plan.delete(Meeting, meeting.id)
    assert deletion.counts() == {"one-on-one": 1, "action item": 1}
    plan.restore(deletion)
    assert plan.get(ActionItem, item.id) == item
    assert plan.get(Meeting, meeting.id).feedback_private is True


def test_latest_check_in_is_by_date_not_by_entry_order(
    plan: PlanService, tree: dict[str, str]
) -> None:
    plan.create(CheckIn, key_result_id=tree["kr1"], date="2026-10-22", value=55)
    plan.create(CheckIn, key_result_id=tree["kr1"], date="2026-10-15", value=50)
    assert plan.latest_check_ins()[tree["kr1"]].value == 55
    assert [c.value for c in plan.check_ins(tree["kr1"])] == [46, 50, 55]


def test_plan_info(plan: PlanService) -> None:
    assert plan.info("owner", "nobody") == "nobody"
    plan.set_info("owner", "Ada")
    plan.set_info("owner", "Ada L.")
    assert plan.info("owner") == "Ada L."


def test_add_all_is_one_transaction(plan: PlanService) -> None:
    good = Mission(title="good")
    with pytest.raises(ValidationError):
        plan.add_all([good, Mission(title="")])
    assert plan.find(Mission, good.id) is None


def test_add_all_inserts_parents_before_children_across_types(plan: PlanService) -> None:
    meeting = Meeting(date=date(2026, 11, 2), counterpart="Sam")
    mission = Mission(title="Top")
    child = Mission(title="Child", parent_id=mission.id)
    items = [meeting, ActionItem(meeting_id=meeting.id, text="Do it"), mission, child]
    plan.add_all(items)
    assert plan.get(Mission, child.id).parent_id == mission.id
    assert [a.text for a in plan.all(ActionItem)] == ["Do it"]


def test_deleting_a_mission_takes_the_missions_nested_under_it(plan: PlanService) -> None:
    top = plan.create(Mission, title="Top")
    plan.create(Mission, title="Other root")
    child = plan.create(Mission, title="Nested", parent_id=top.id)
    deletion = plan.delete(Mission, top.id)
    assert deletion.counts() == {"mission": 2}
    assert [m.title for m in plan.all(Mission)] == ["Other root"]
    plan.restore(deletion)
    assert plan.get(Mission, child.id).parent_id == top.id


def test_revisions_change_with_writes_and_per_table(plan: PlanService) -> None:
    start, missions, objectives = (
        plan.revision,
        plan.revision_of(Mission),
        plan.revision_of(Objective),
    )
    mission = plan.create(Mission, title="A")
    plan.all(Mission)  # reading changes nothing
    assert plan.revision > start
    assert plan.revision_of(Mission) != missions
    assert plan.revision_of(Objective) == objectives
    plan.update(Mission, mission.id, title="B")
    assert plan.revision_of(Objective) == objectives
    plan.create(Objective, title="O", mission_id=mission.id)
    assert plan.revision_of(Objective) != objectives


# -- whose plan it is -----------------------------------------------------------------------


def test_the_plan_owner_is_trimmed_and_can_be_unset(plan: PlanService) -> None:
    assert plan.owner() == ""
    assert plan.set_owner("  Ada Lovelace ").owner == "Ada Lovelace"
    assert plan.owner() == "Ada Lovelace"
    assert plan.set_owner("").owner == ""
    assert plan.owner() == ""


def test_renaming_the_owner_carries_the_persons_own_items_along(plan: PlanService) -> None:
    plan.set_owner("Ada")
    mine = plan.add(Objective(title="Mine"))
    shouted = plan.add(Objective(title="Also mine", owner=" ADA "))
    theirs = plan.add(Objective(title="Grace's", owner="Grace"))
    team = plan.add(Objective(title="The team's", owner="Ada", origin="team:x"))
    change = plan.set_owner("Ada Lovelace")
    assert change.previous == "Ada" and change.owner == "Ada Lovelace"
    assert {item.id for item in change.renamed} == {mine.id, shouted.id}
    owners = {o.id: o.owner for o in plan.all(Objective)}
    assert owners[mine.id] == owners[shouted.id] == "Ada Lovelace"
    assert (owners[theirs.id], owners[team.id]) == ("Grace", "Ada")
    plan.set_owner(change.previous)
    assert plan.get(Objective, mine.id).owner == "Ada"


@pytest.mark.parametrize("name", ["Ada\nLovelace", "Ada\tL.", "A" * 101])
def test_a_bad_owner_name_is_refused_with_one_sentence_and_nothing_changes(
    plan: PlanService, name: str
) -> None:
    plan.set_owner("Ada")
    with pytest.raises(ValidationError) as refused:
        plan.set_owner(name)
    assert refused.value.field == "owner"
    assert refused.value.message.endswith(".") and "\n" not in refused.value.message
    assert plan.owner() == "Ada"


def test_new_items_belong_to_the_plan_owner_unless_given_another(plan: PlanService) -> None:
    plan.set_owner("Ada")
    mission = plan.add(Mission(title="Help newcomers"))
    objective = plan.create(Objective, title="Newcomers ship in week one")
    theirs = plan.add(Objective(title="The team's objective", owner="Grace"))
    meeting = plan.add(Meeting(date=date(2026, 1, 5), counterpart="Grace"))
    action = plan.add(ActionItem(meeting_id=meeting.id, text="Send the notes"))
    assert (mission.owner, objective.owner, action.owner) == ("Ada", "Ada", "Ada")
    assert plan.get(Objective, objective.id).owner == "Ada"
    assert theirs.owner == "Grace"


def test_imported_and_bulk_items_keep_the_owner_they_come_with(plan: PlanService) -> None:
    plan.set_owner("Ada")
    team = plan.add(Objective(title="From the team file", origin="team:x"))
    assert team.owner == ""
    bulk = Objective(title="Restored from an export")
    plan.add_all([bulk])
    assert plan.get(Objective, bulk.id).owner == ""


def test_without_a_plan_owner_new_items_stay_unowned(plan: PlanService) -> None:
    assert plan.add(Mission(title="Help newcomers")).owner == ""
