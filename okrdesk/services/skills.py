"""The skills framework read and changed: a skill's level moving (one undo step that also
checks in on the key results measuring it), each skill's story (the steps, with the
milestones and growth notes behind them), and the skills that moved in a stretch of time.

A skill's level over time is a step function: the level it started from (the first step's
``previous``, else its level now when it never moved) from the day it was listed, then each
step's level from the step's day.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from okrdesk.domain.entities import (
    CheckIn,
    Cycle,
    GrowthNote,
    KeyResult,
    Milestone,
    MilestoneSkill,
    NoteSkill,
    Skill,
    SkillStep,
)
from okrdesk.domain.messages import message
from okrdesk.services.links import set_links
from okrdesk.services.operations import AddItem, EditFields, Operation, Steps
from okrdesk.services.plan import PlanService


def level_moved(
    plan: PlanService,
    skill_id: str,
    level: int,
    day: date,
    *,
    milestone_id: str | None = None,
    note: str = "",
) -> Steps:
    """One step: the skill's level is ``level`` from ``day``, a ``SkillStep`` records the
    move (from the level it had, with the milestone behind it), and every key result that
    measures the skill gets a check-in at the new level. Undo takes all of it back."""
    skill = plan.get(Skill, skill_id)
    steps: list[Operation] = [
        EditFields(Skill, skill_id, {"level": level}, mergeable=False),
        AddItem(
            SkillStep(
                skill_id=skill_id,
                date=day,
                level=level,
                previous=skill.level,
                milestone_id=milestone_id,
                note=note.strip(),
            ),
            focus=skill_id,
        ),
    ]
    for kr in plan.where(KeyResult, skill_id=skill_id):
        if not kr.archived:
            check_in = CheckIn(key_result_id=kr.id, date=day, value=float(level), note=note.strip())
            steps.append(AddItem(check_in, focus=skill_id))
    label = message(
        "{skill}: level {before} to {after}", skill=skill.name, before=skill.level, after=level
    )
    return Steps(label, tuple(steps), focus=skill_id)


def set_milestone_skills(plan: PlanService, milestone_id: str, skill_ids: Sequence[str]) -> Steps:
    """One step that makes the milestone's growth path pick exactly ``skill_ids``."""
    return set_links(
        plan,
        MilestoneSkill,
        ("milestone_id", milestone_id),
        "skill_id",
        skill_ids,
        message("Choose the milestone's skills"),
    )


def set_note_skills(plan: PlanService, note_id: str, skill_ids: Sequence[str]) -> Steps:
    """One step that tags the growth note with exactly ``skill_ids``."""
    return set_links(
        plan,
        NoteSkill,
        ("growth_note_id", note_id),
        "skill_id",
        skill_ids,
        message("Choose the note's skills"),
    )


# -- reading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class StepStory:
    """One move of a skill's level, with what stood behind it."""

    step: SkillStep
    milestone: Milestone | None


@dataclass(frozen=True)
class SkillStory:
    """A skill with its level from the day it was listed, the steps, and the milestones
    and notes that name it."""

    skill: Skill
    start_level: int
    steps: tuple[StepStory, ...]
    milestones: tuple[Milestone, ...]
    notes: tuple[GrowthNote, ...]

    def level_on(self, day: date) -> int:
        """The level on ``day`` (the starting level before the first step)."""
        level = self.start_level
        for story in self.steps:
            if story.step.date > day:
                break
            level = story.step.level
        return level

    def points(self) -> list[tuple[date, int]]:
        """(day, level) where the level changed, from the day the skill was listed."""
        first = self.skill.created.date()
        if self.steps:
            first = min(first, self.steps[0].step.date)
        return [(first, self.start_level), *((s.step.date, s.step.level) for s in self.steps)]


def skill_stories(plan: PlanService) -> list[SkillStory]:
    """Every skill's story, in the skills' order."""
    milestones = {m.id: m for m in plan.all(Milestone)}
    notes = {n.id: n for n in plan.all(GrowthNote)}
    steps: dict[str, list[SkillStep]] = defaultdict(list)
    for step in plan.all(SkillStep):
        steps[step.skill_id].append(step)
    named_by: dict[str, list[Milestone]] = defaultdict(list)
    for link in plan.all(MilestoneSkill):
        if link.milestone_id in milestones:
            named_by[link.skill_id].append(milestones[link.milestone_id])
    tagged: dict[str, list[GrowthNote]] = defaultdict(list)
    for tag in plan.all(NoteSkill):
        if tag.growth_note_id in notes:
            tagged[tag.skill_id].append(notes[tag.growth_note_id])
    stories = []
    for skill in plan.all(Skill):
        ordered = sorted(steps[skill.id], key=lambda s: (s.date, s.created))
        start = ordered[0].previous if ordered and ordered[0].previous is not None else None
        if start is None:
            start = ordered[0].level if ordered else skill.level
        stories.append(
            SkillStory(
                skill,
                start,
                tuple(StepStory(s, milestones.get(s.milestone_id or "")) for s in ordered),
                tuple(named_by[skill.id]),
                tuple(sorted(tagged[skill.id], key=lambda n: n.date)),
            )
        )
    return stories


@dataclass(frozen=True)
class SkillMove:
    """How far a skill moved between two days, and the steps that moved it."""

    skill: Skill
    before: int
    after: int
    steps: tuple[StepStory, ...]


def skills_that_moved(stories: Sequence[SkillStory], start: date, end: date) -> list[SkillMove]:
    """The skills whose level moved from ``start`` to ``end`` (both days in), biggest move
    first."""
    moves = []
    for story in stories:
        within = tuple(s for s in story.steps if start <= s.step.date <= end)
        if not within:
            continue
        before = within[0].step.previous
        if before is None:
            before = story.level_on(start - timedelta(days=1))
        after = within[-1].step.level
        if after != before:
            moves.append(SkillMove(story.skill, before, after, within))
    return sorted(moves, key=lambda m: (-(m.after - m.before), m.skill.position))


@dataclass(frozen=True)
class CycleLevel:
    """A skill's level at the end of a cycle, beside the level aimed at."""

    cycle: Cycle
    reached: int
    aim: int | None


def levels_by_cycle(story: SkillStory, cycles: Sequence[Cycle]) -> list[CycleLevel]:
    """The level the skill had reached at the end of each cycle that ended after it was
    listed, oldest first."""
    listed = story.points()[0][0]
    return [
        CycleLevel(cycle, story.level_on(cycle.end), story.skill.aim)
        for cycle in sorted(cycles, key=lambda c: c.start)
        if cycle.end >= listed
    ]
