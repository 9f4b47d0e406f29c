from __future__ import annotations

import pytest

from okrdesk.domain.entities import (
    ActionItem,
    CheckIn,
    Cycle,
    GrowthNote,
    KeyResult,
    Meeting,
    Milestone,
    Mission,
    Objective,
    Skill,
)
from okrdesk.services.outline import Branch, NodeKind, build_outline, patch_outline
from okrdesk.services.plan import PlanService


def test_the_outline_has_every_branch_and_nests_items(plan: PlanService) -> None:
    q4 = plan.create(Cycle, name="Q4", start="2026-10-01", end="2026-12-31")
    q3 = plan.create(Cycle, name="Q3", start="2026-07-01", end="2026-09-30")
    company = plan.create(Mission, title="Company mission")
    mine = plan.create(Mission, title="My mission", parent_id=company.id, statement="Teach")
    objective = plan.create(Objective, title="Objective", mission_id=mine.id, cycle_id=q4.id)
    plan.create(Objective, title="Old objective", mission_id=mine.id, cycle_id=q3.id)
    kr = plan.create(KeyResult, title="KR", objective_id=objective.id, baseline=0, target=10)
    plan.create(CheckIn, key_result_id=kr.id, date="2026-10-10", value=5)
    milestone = plan.create(Milestone, title="Milestone", objective_id=objective.id)
    plan.create(
        GrowthNote, milestone_id=milestone.id, date="2026-10-11", text="Lesson\nmore", private=True
    )
    plan.create(Objective, title="Team objective", level="team", cycle_id=q4.id)
    plan.create(Objective, title="Blind objective", cycle_id=q4.id)
    meeting = plan.create(Meeting, date="2026-11-01", counterpart="Sam", cycle_id=q4.id)
    plan.create(ActionItem, meeting_id=meeting.id, text="Follow up", done=True)

    outline = build_outline(plan)
    assert [n.title for n in outline.child_nodes(None)] == [
        "Missions",
        "Team objectives",
        "Objectives without a mission",
        "One-on-ones",
        "Skills",
    ]
    walked = [(depth, n.kind, n.title) for depth, n in outline.walk(Branch.MISSIONS.value)]
    assert walked == [
        (0, NodeKind.MISSION, "Company mission"),
        (1, NodeKind.MISSION, "My mission"),
        (2, NodeKind.OBJECTIVE, "Objective"),
        (3, NodeKind.KEY_RESULT, "KR"),
        (3, NodeKind.MILESTONE, "Milestone"),
        (4, NodeKind.GROWTH_NOTE, "Lesson"),
        (2, NodeKind.OBJECTIVE, "Old objective"),
    ]
    assert outline.nodes[kr.id].progress == pytest.approx(0.5)
    assert outline.nodes[objective.id].progress == pytest.approx(0.5)
    assert outline.nodes[mine.id].progress == pytest.approx(0.5)  # the old one has no KRs
    assert outline.nodes[milestone.id].state == ""
    assert [n.state for n in outline.child_nodes(milestone.id)] == ["private"]
    assert [n.title for n in outline.child_nodes(Branch.TEAM.value)] == ["Team objective"]
    assert [n.title for n in outline.child_nodes(Branch.BLIND.value)] == ["Blind objective"]
    assert [n.title for n in outline.child_nodes(Branch.MEETINGS.value)] == ["2026-11-01 · Sam"]
    assert outline.ancestors(kr.id) == [objective.id, mine.id, company.id, Branch.MISSIONS.value]
    assert "teach" in outline.nodes[mine.id].text

    only_q3 = build_outline(plan, cycle_id=q3.id)
    titles = {n.title for n in only_q3.nodes.values()}
    assert "Old objective" in titles
    assert {"Objective", "KR", "Team objective", "2026-11-01 · Sam"}.isdisjoint(titles)
    assert "My mission" in titles  # missions stay whatever the cycle


def demo_like(plan: PlanService) -> dict[str, str]:
    q4 = plan.create(Cycle, name="Q4", start="2026-10-01", end="2026-12-31")
    parent = plan.create(Mission, title="Company")
    mission = plan.create(Mission, title="Mine", parent_id=parent.id)
    objective = plan.create(Objective, title="Objective", mission_id=mission.id, cycle_id=q4.id)
    other = plan.create(Objective, title="Other", mission_id=mission.id, cycle_id=q4.id)
    kr = plan.create(KeyResult, title="KR", objective_id=objective.id, baseline=0, target=10)
    plan.create(KeyResult, title="KR2", objective_id=objective.id, baseline=0, target=4)
    plan.create(CheckIn, key_result_id=kr.id, date="2026-10-10", value=5)
    milestone = plan.create(Milestone, title="Milestone", objective_id=objective.id)
    note = plan.create(GrowthNote, milestone_id=milestone.id, date="2026-10-11", text="Lesson")
    meeting = plan.create(Meeting, date="2026-11-01", counterpart="Sam", cycle_id=q4.id)
    action = plan.create(ActionItem, meeting_id=meeting.id, text="Follow up")
    return {
        "q4": q4.id,
        "mission": mission.id,
        "objective": objective.id,
        "other": other.id,
        "kr": kr.id,
        "milestone": milestone.id,
        "note": note.id,
        "meeting": meeting.id,
        "action": action.id,
        "parent": parent.id,
    }


def test_patching_after_field_edits_gives_the_outline_a_rebuild_would(plan: PlanService) -> None:
    ids = demo_like(plan)
    for round_, cycle_id in enumerate((None, ids["q4"])):
        outline = build_outline(plan, cycle_id)
        first = round_ == 0
        edits: list[tuple[type, str, dict[str, object]]] = [
            (Mission, ids["mission"], {"title": f"Renamed {round_}", "statement": "For us"}),
            (Objective, ids["objective"], {"state": "active" if first else "achieved"}),
            (KeyResult, ids["kr"], {"target": 20 if first else 8}),
            (Milestone, ids["milestone"], {"done_on": "2026-10-20" if first else None}),
            (GrowthNote, ids["note"], {"private": first, "text": f"Lesson {round_}\nmore"}),
            (Meeting, ids["meeting"], {"counterpart": f"Alex {round_}"}),
            (ActionItem, ids["action"], {"done": first}),
        ]
        for cls, item_id, change in edits:
            plan.update(cls, item_id, **change)
            changed = patch_outline(plan, outline, [(cls, item_id)])
            assert changed is not None and item_id in changed
            fresh = build_outline(plan, cycle_id)
            assert outline.nodes == fresh.nodes, cls
            assert dict(outline.children) == dict(fresh.children)
        # A check-in touches its key result; the objective and mission follow.
        plan.create(
            CheckIn, key_result_id=ids["kr"], date=f"2026-11-0{round_ + 1}", value=3 + 2 * round_
        )
        changed = patch_outline(plan, outline, [(KeyResult, ids["kr"])])
        assert changed == {ids["kr"], ids["objective"], ids["mission"]}
        assert outline.nodes == build_outline(plan, cycle_id).nodes


def test_a_change_that_reshapes_the_tree_asks_for_a_rebuild(plan: PlanService) -> None:
    ids = demo_like(plan)
    outline = build_outline(plan)
    plan.update(Objective, ids["other"], mission_id=ids["parent"])
    assert patch_outline(plan, outline, [(Objective, ids["other"])]) is None
    in_q4 = build_outline(plan, ids["q4"])
    plan.update(Objective, ids["objective"], cycle_id=None)
    assert patch_outline(plan, in_q4, [(Objective, ids["objective"])]) is None
    assert patch_outline(plan, outline, [(Mission, "no-such-id")]) is None


def test_a_key_result_before_its_first_check_in_has_no_progress_yet_but_counts_as_0(
    plan: PlanService,
) -> None:
    objective = plan.create(Objective, title="Keep the reports fast")
    band = plan.create(
        KeyResult,
        title="p95 under 5 s",
        objective_id=objective.id,
        kind="maintain",
        band_low=0,
        band_high=5,
    )
    metric = plan.create(KeyResult, title="Tickets", objective_id=objective.id, target=10)
    plan.create(CheckIn, key_result_id=metric.id, date="2026-10-10", value=10)

    outline = build_outline(plan)
    assert outline.nodes[band.id].progress is None  # not "0 %": nothing measured yet
    assert outline.nodes[metric.id].progress == 1.0
    assert outline.nodes[objective.id].progress == pytest.approx(0.5)  # the band counts as 0

    # Patching after an edit agrees with a rebuild, and a first check-in gives a number.
    plan.create(CheckIn, key_result_id=band.id, date="2026-10-11", value=4)
    patch_outline(plan, outline, [(KeyResult, band.id)])
    assert outline.nodes[band.id].progress == 1.0
    assert outline.nodes[objective.id].progress == pytest.approx(1.0)
    assert outline == build_outline(plan)


def test_skills_are_listed_whatever_the_cycle_and_patch_as_a_rebuild_would(
    plan: PlanService,
) -> None:
    ids = demo_like(plan)
    facilitation = plan.create(Skill, name="Facilitation", group="People", level=2, aim=4)
    writing = plan.create(Skill, name="Writing", level=3)
    outline = build_outline(plan, ids["q4"])
    skills = outline.child_nodes(Branch.SKILLS.value)
    assert [(n.kind, n.title, n.state) for n in skills] == [
        (NodeKind.SKILL, "Facilitation", "2 → 4 aimed · People"),
        (NodeKind.SKILL, "Writing", "level 3"),
    ]
    assert "people" in skills[0].text
    for change in ({"level": 4}, {"name": "Running workshops", "group": ""}, {"aim": None}):
        plan.update(Skill, facilitation.id, **change)
        assert patch_outline(plan, outline, [(Skill, facilitation.id)]) == {facilitation.id}
        assert outline.nodes == build_outline(plan, ids["q4"]).nodes
    assert outline.nodes[facilitation.id].state == "level 4"
    plan.update(Skill, writing.id, aim=3)
    patch_outline(plan, outline, [(Skill, writing.id)])
    assert outline.nodes[writing.id].state == "3, aim reached"
