"""Seeing growth: the skills framework read for the skills chart, the one-on-one and the
PDF, as plain frozen data (the drawing code only draws, the widgets only show).

- ``skills_series``: each skill's level over time (a step line from the day it was listed),
  its aim, each step with the milestone and the growth notes behind it, and the level
  reached at the end of each cycle beside the aim;
- ``meeting_skills``: the skills that moved between the last closed one-on-one and this
  one (else in the meeting's cycle);
- ``cycle_skills``: the skills that moved in a cycle, for the PDF.

The growth notes behind a step are those tagged with the skill after the step before it (any
time before, for the first step) and up to the step's day. Levels and steps come from
``services.skills``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from okrdesk.domain.entities import Cycle, GrowthNote, Meeting
from okrdesk.domain.text import first_line
from okrdesk.domain.validation import in_date_window
from okrdesk.services.meetings import previous_meeting
from okrdesk.services.plan import PlanService
from okrdesk.services.skills import (
    SkillMove,
    SkillStory,
    levels_by_cycle,
    skill_stories,
    skills_that_moved,
)

SKILLS_TITLE = "Skills"
# How much of a growth note a step names (its first line, shortened).
NOTE_CHARS = 90


@dataclass(frozen=True)
class StepMark:
    """One move of a skill's level, with what stood behind it."""

    day: date
    level: int
    # The level it moved from (None: not known, a step typed in after the fact).
    previous: int | None
    # The milestone behind the step, by title ("" when none).
    milestone: str
    # The step's own line on what showed it.
    note: str
    # The first lines of the growth notes tagged with the skill behind the step.
    notes: tuple[str, ...]


@dataclass(frozen=True)
class CycleEnd:
    """The level a skill had reached at the end of a cycle (so far, for the cycle under
    way), beside the level aimed at."""

    name: str
    start: date
    end: date
    reached: int
    aim: int | None
    ended: bool

    @property
    def met(self) -> bool:
        return self.aim is None or self.reached >= self.aim


@dataclass(frozen=True)
class SkillLine:
    skill_id: str
    name: str
    group: str
    level: int
    aim: int | None
    # The person's line on what the level now means to them.
    meaning: str
    # (day, level) where the level changed, from the day the skill was listed.
    points: tuple[tuple[date, int], ...]
    steps: tuple[StepMark, ...]
    cycles: tuple[CycleEnd, ...]
    # The growth notes tagged with the skill.
    notes: int


@dataclass(frozen=True)
class SkillsSeries:
    """The skills chart: one line per skill on a shared time axis from ``start`` to
    ``end``; with ``story`` (one skill selected) its steps are listed below."""

    title: str
    today: date
    start: date
    end: date
    skills: tuple[SkillLine, ...]
    story: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.skills


@dataclass(frozen=True)
class MovedSkill:
    """A skill whose level moved in a stretch of time, with the steps that moved it."""

    skill_id: str
    name: str
    group: str
    before: int
    after: int
    aim: int | None
    steps: tuple[StepMark, ...]


def _visible_notes(story: SkillStory, include_private: bool) -> list[GrowthNote]:
    return [n for n in story.notes if include_private or not n.private]


def step_marks(story: SkillStory, include_private: bool = True) -> tuple[StepMark, ...]:
    """The story's steps, each with the growth notes tagged with the skill behind it."""
    notes = _visible_notes(story, include_private)
    marks = []
    after = date.min
    for told in story.steps:
        step = told.step
        behind = tuple(first_line(n.text, NOTE_CHARS) for n in notes if after < n.date <= step.date)
        marks.append(
            StepMark(
                day=step.date,
                level=step.level,
                previous=step.previous,
                milestone="" if told.milestone is None else told.milestone.title,
                note=step.note,
                notes=behind,
            )
        )
        after = step.date
    return tuple(marks)


def _cycle_ends(story: SkillStory, cycles: Sequence[Cycle], until: date) -> tuple[CycleEnd, ...]:
    return tuple(
        CycleEnd(
            name=level.cycle.name,
            start=level.cycle.start,
            end=level.cycle.end,
            reached=level.reached if level.cycle.end <= until else story.level_on(until),
            aim=level.aim,
            ended=level.cycle.end <= until,
        )
        for level in levels_by_cycle(story, cycles)
        if level.cycle.start <= until
    )


def skill_line(
    story: SkillStory, cycles: Sequence[Cycle], until: date, include_private: bool = True
) -> SkillLine:
    """One skill's line up to ``until`` (the steps after it left out)."""
    skill = story.skill
    steps = tuple(m for m in step_marks(story, include_private) if m.day <= until)
    points = tuple((day, level) for day, level in story.points() if day <= until)
    level = story.level_on(until)
    return SkillLine(
        skill_id=skill.id,
        name=skill.name,
        group=skill.group,
        level=level,
        aim=skill.aim,
        meaning=skill.meaning_of(level),
        points=points,
        steps=steps,
        cycles=_cycle_ends(story, cycles, until),
        notes=len([n for n in _visible_notes(story, include_private) if n.date <= until]),
    )


def skills_series(
    plan: PlanService,
    today: date,
    *,
    skill_id: str | None = None,
    until: date | None = None,
    include_private: bool = True,
    title: str = SKILLS_TITLE,
) -> SkillsSeries:
    """Every skill's line (one skill's story with ``skill_id``), up to ``until`` (today
    when None)."""
    end = min(until, today) if until is not None else today
    # A cycle stored with a day out of the plan's window (a row needing repair) is no
    # span to draw.
    cycles = [c for c in plan.all(Cycle) if in_date_window(c.start) and in_date_window(c.end)]
    stories = [
        s
        for s in skill_stories(plan)
        # A skill listed after the end was not there yet.
        if (skill_id is None or s.skill.id == skill_id) and s.points()[0][0] <= end
    ]
    lines = tuple(skill_line(s, cycles, end, include_private) for s in stories)
    days = [end]
    for line in lines:
        days.append(line.points[0][0])
        days += [c.start for c in line.cycles]
    if skill_id is not None and lines:
        title = lines[0].name
    return SkillsSeries(title, today, min(days), end, lines, story=skill_id is not None)


def moved_skill(move: SkillMove, story: SkillStory, include_private: bool = True) -> MovedSkill:
    days = {s.step.date for s in move.steps}
    marks = tuple(m for m in step_marks(story, include_private) if m.day in days)
    skill = move.skill
    return MovedSkill(skill.id, skill.name, skill.group, move.before, move.after, skill.aim, marks)


def skills_moved_between(
    plan: PlanService, start: date, end: date, include_private: bool = True
) -> tuple[MovedSkill, ...]:
    """The skills whose level moved from ``start`` to ``end`` (both days in), biggest move
    first, each with the steps that moved it."""
    stories = skill_stories(plan)
    by_id = {s.skill.id: s for s in stories}
    return tuple(
        moved_skill(move, by_id[move.skill.id], include_private)
        for move in skills_that_moved(stories, start, end)
    )


@dataclass(frozen=True)
class MeetingSkills:
    """The skills that moved for a one-on-one's development section, and over which
    stretch: since ``since`` (the last closed one-on-one), else in ``cycle``, else up to
    the meeting."""

    start: date
    end: date
    since: Meeting | None
    cycle: Cycle | None
    moves: tuple[MovedSkill, ...]


def meeting_skills(plan: PlanService, meeting_id: str) -> MeetingSkills:
    meeting = plan.get(Meeting, meeting_id)
    since = previous_meeting(plan, meeting, closed=True)
    cycle = None if meeting.cycle_id is None else plan.find(Cycle, meeting.cycle_id)
    if since is not None:
        # Steps on the day of the last one-on-one were there to be talked about then.
        start, end, cycle = since.date + timedelta(days=1), meeting.date, None
    elif cycle is not None:
        start, end = cycle.start, cycle.end
    else:
        start, end = date.min, meeting.date
    # A meeting shares what may be shown to the other person: never private notes.
    moves = skills_moved_between(plan, start, end, include_private=False)
    return MeetingSkills(start, end, since, cycle, moves)


def cycle_skills(
    plan: PlanService, cycle: Cycle, include_private: bool = False
) -> tuple[MovedSkill, ...]:
    """The skills that moved in ``cycle``, biggest move first."""
    return skills_moved_between(plan, cycle.start, cycle.end, include_private)


def step_text(mark: StepMark) -> str:
    """One step in a line: "2026-02-10: 2 → 3, with “Run the offsite” (“Ran it alone”)"."""
    before = "?" if mark.previous is None else str(mark.previous)
    text = f"{mark.day.isoformat()}: {before} → {mark.level}"
    if mark.milestone:
        text += f", with “{mark.milestone}”"
    if mark.note:
        text += f" (“{mark.note}”)"
    if mark.notes:
        text += f"; {len(mark.notes)} note{'s' if len(mark.notes) != 1 else ''} behind it"
    return text


def moves_text(title: str, moves: Sequence[MovedSkill]) -> str:
    """The skills that moved in plain sentences (for copying with the growth summary)."""
    if not moves:
        return f"Skills that moved, {title}: none."
    lines = [f"Skills that moved, {title}:"]
    for move in moves:
        aim = f" (aim {move.aim})" if move.aim is not None else ""
        lines.append(f"- {move.name}: level {move.before} → {move.after}{aim}")
        lines += [f"    {step_text(mark)}" for mark in move.steps]
    return "\n".join(lines)
