"""Missions with depth and the skills framework in the services: the purpose, a mission's
stakeholders and values, a skill's level moving, and the stories read back (issue 23)."""

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
    MissionStakeholder,
    MissionValue,
    NoteSkill,
    Objective,
    PersonalValue,
    Skill,
    SkillStep,
    Stakeholder,
)
from okrdesk.domain.enums import ObjectiveKind
from okrdesk.domain.validation import ValidationError
from okrdesk.services.missions import (
    purpose,
    set_purpose,
    set_stakeholders,
    set_values,
    stakeholder_ids_by_mission,
    stakeholders_of,
    values_of,
)
from okrdesk.services.operations import DeleteItem
from okrdesk.services.plan import PlanService
from okrdesk.services.skills import (
    level_moved,
    levels_by_cycle,
    set_milestone_skills,
    set_note_skills,
    skill_stories,
    skills_that_moved,
)


def test_the_purpose_is_set_and_undone(plan: PlanService) -> None:
    applied = set_purpose("  To help small shops last.  ").apply(plan)
    assert purpose(plan) == "To help small shops last."
    assert applied.changes.touches_fact("purpose")
    applied.inverse.apply(plan)
    assert purpose(plan) == ""
    with pytest.raises(ValidationError):
        set_purpose("x" * 100_001).apply(plan)
    assert purpose(plan) == ""


def stakeholder(plan: PlanService, name: str) -> Stakeholder:
    return plan.add(Stakeholder(name=name))


def test_a_mission_serves_several_stakeholders_primary_first(plan: PlanService) -> None:
    shops, town, me = (stakeholder(plan, n) for n in ("Shops", "The town", "Me"))
    mission = plan.add(Mission(title="Help small shops last", stakeholder_id=shops.id))

    applied = set_stakeholders(plan, mission.id, town.id, [shops.id, town.id, me.id]).apply(plan)
    after = plan.get(Mission, mission.id)
    assert [s.name for s in stakeholders_of(plan, after)] == ["The town", "Shops", "Me"]
    # The primary is never also a further one.
    assert {link.stakeholder_id for link in plan.all(MissionStakeholder)} == {shops.id, me.id}
    assert stakeholder_ids_by_mission(plan) == {mission.id: [town.id, shops.id, me.id]}
    assert applied.changes.touches(Mission)

    applied.inverse.apply(plan)
    assert [s.name for s in stakeholders_of(plan, plan.get(Mission, mission.id))] == ["Shops"]
    assert plan.all(MissionStakeholder) == []


def test_setting_the_same_stakeholders_again_changes_nothing(plan: PlanService) -> None:
    shops, town = stakeholder(plan, "Shops"), stakeholder(plan, "The town")
    mission = plan.add(Mission(title="Help small shops last", stakeholder_id=shops.id))
    set_stakeholders(plan, mission.id, shops.id, [town.id]).apply(plan)
    again = set_stakeholders(plan, mission.id, shops.id, [town.id]).apply(plan)
    assert again.changes.empty


def test_deleting_a_stakeholder_takes_its_links_and_undo_brings_them_back(
    plan: PlanService,
) -> None:
    shops, town = stakeholder(plan, "Shops"), stakeholder(plan, "The town")
    mission = plan.add(Mission(title="Help small shops last", stakeholder_id=shops.id))
    set_stakeholders(plan, mission.id, shops.id, [town.id]).apply(plan)
    deleted = DeleteItem(Stakeholder, town.id).apply(plan)
    assert plan.all(MissionStakeholder) == []
    deleted.inverse.apply(plan)
    assert [s.name for s in stakeholders_of(plan, plan.get(Mission, mission.id))] == [
        "Shops",
        "The town",
    ]


def test_a_mission_names_the_values_it_expresses(plan: PlanService) -> None:
    thrift = plan.add(PersonalValue(name="Thrift"))
    care = plan.add(PersonalValue(name="Care"))
    mission = plan.add(Mission(title="Help small shops last"))
    set_values(plan, mission.id, [care.id, thrift.id]).apply(plan)
    assert [v.name for v in values_of(plan, mission)] == ["Care", "Thrift"]
    step = set_values(plan, mission.id, [thrift.id]).apply(plan)
    assert [v.name for v in values_of(plan, mission)] == ["Thrift"]
    step.inverse.apply(plan)
    assert {v.name for v in values_of(plan, mission)} == {"Care", "Thrift"}
    DeleteItem(PersonalValue, thrift.id).apply(plan)
    assert [link.value_id for link in plan.all(MissionValue)] == [care.id]


def skill_with_a_key_result(plan: PlanService) -> tuple[Skill, KeyResult, Milestone]:
    skill = plan.add(Skill(name="Facilitation", group="People", level=2, aim=4))
    objective = plan.add(Objective(title="Grow as a facilitator", kind=ObjectiveKind.DEVELOPMENT))
    kr = plan.add(
        KeyResult(
            objective_id=objective.id,
            title="Facilitation at level 4",
            baseline=2,
            target=4,
            skill_id=skill.id,
        )
    )
    milestone = plan.add(Milestone(objective_id=objective.id, title="Run the offsite"))
    return skill, kr, milestone


def test_a_level_moving_is_one_step_with_its_story_and_a_check_in(plan: PlanService) -> None:
    skill, kr, milestone = skill_with_a_key_result(plan)
    applied = level_moved(
        plan, skill.id, 3, date(2026, 5, 2), milestone_id=milestone.id, note="Ran it alone"
    ).apply(plan)
    assert plan.get(Skill, skill.id).level == 3
    (step,) = plan.all(SkillStep)
    assert (step.previous, step.level, step.milestone_id) == (2, 3, milestone.id)
    (check_in,) = plan.where(CheckIn, key_result_id=kr.id)
    assert (check_in.date, check_in.value) == (date(2026, 5, 2), 3.0)
    assert "Facilitation: level 2 to 3" in applied.inverse.label

    applied.inverse.apply(plan)
    assert plan.get(Skill, skill.id).level == 2
    assert plan.all(SkillStep) == []
    assert plan.all(CheckIn) == []


def test_a_level_outside_the_scale_is_refused_and_nothing_changes(plan: PlanService) -> None:
    skill, _kr, _milestone = skill_with_a_key_result(plan)
    with pytest.raises(ValidationError, match="from 1 to 5, not 6"):
        level_moved(plan, skill.id, 6, date(2026, 5, 2)).apply(plan)
    assert plan.get(Skill, skill.id).level == 2
    assert plan.all(SkillStep) == [] and plan.all(CheckIn) == []


def test_deleting_a_skill_keeps_its_key_result_and_undo_links_it_again(plan: PlanService) -> None:
    skill, kr, milestone = skill_with_a_key_result(plan)
    level_moved(plan, skill.id, 3, date(2026, 5, 2)).apply(plan)
    set_milestone_skills(plan, milestone.id, [skill.id]).apply(plan)
    deleted = DeleteItem(Skill, skill.id).apply(plan)
    assert plan.get(KeyResult, kr.id).skill_id is None
    assert plan.all(SkillStep) == []
    deleted.inverse.apply(plan)
    assert plan.get(KeyResult, kr.id).skill_id == skill.id
    assert len(plan.all(SkillStep)) == 1
    assert skill_stories(plan)[0].milestones == (plan.get(Milestone, milestone.id),)


def test_the_story_gives_levels_per_cycle_and_the_moves_in_a_stretch(plan: PlanService) -> None:
    q1 = plan.add(Cycle(name="Q1", start=date(2026, 1, 1), end=date(2026, 3, 31)))
    q2 = plan.add(Cycle(name="Q2", start=date(2026, 4, 1), end=date(2026, 6, 30)))
    skill, _kr, milestone = skill_with_a_key_result(plan)
    note = plan.add(GrowthNote(milestone_id=milestone.id, date=date(2026, 2, 3), text="Asked more"))
    set_note_skills(plan, note.id, [skill.id]).apply(plan)
    level_moved(plan, skill.id, 3, date(2026, 2, 10), milestone_id=milestone.id).apply(plan)
    level_moved(plan, skill.id, 4, date(2026, 5, 20)).apply(plan)

    (story,) = skill_stories(plan)
    assert story.start_level == 2
    assert [s.step.level for s in story.steps] == [3, 4]
    assert story.notes == (plan.get(GrowthNote, note.id),)
    assert story.level_on(date(2026, 2, 9)) == 2
    assert story.level_on(date(2026, 2, 10)) == 3
    assert [(c.cycle.name, c.reached, c.aim) for c in levels_by_cycle(story, [q2, q1])] == [
        ("Q1", 3, 4),
        ("Q2", 4, 4),
    ]
    (moved,) = skills_that_moved([story], q2.start, q2.end)
    assert (moved.before, moved.after) == (3, 4)
    assert skills_that_moved([story], date(2026, 7, 1), date(2026, 9, 30)) == []
    assert plan.count(NoteSkill) == 1
