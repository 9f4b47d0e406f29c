"""Objectives in the demo's data, with their key results (and the story of their weekly
check-ins), milestones and the growth notes on them.

Days are counted from the start of the objective's cycle; a key result is due at the
cycle's end; nothing is dated after today (a milestone done on a day still to come is not
done yet; a note written later is dated today).
"""

from __future__ import annotations

from collections.abc import Callable
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
    Objective,
)
from okrdesk.domain.enums import (
    Direction,
    KeyResultKind,
    Level,
    NoteKind,
    ObjectiveKind,
    ObjectiveState,
    ResultLevel,
)
from okrdesk.services.demo.builder import Builder
from okrdesk.services.demo.curves import CURVES, Climb, Finish, Hover, Story, wobble
from okrdesk.services.demo.dates import MIN_CHECK_INS, check_in_days, done_by, fraction_of
from okrdesk.services.demo.next_steps import NextStepSpec
from okrdesk.services.demo.reader import Keys, Table, refer_all


@dataclass(frozen=True)
class Shape:
    """What a key result's kind reads from its table: the record's numbers and the story
    its check-ins tell."""

    story: Story
    direction: Direction = Direction.INCREASE
    baseline: float | None = None
    target: float | None = None
    band: tuple[float, float] | None = None


def _metric(table: Table) -> Shape:
    baseline, target = table.number("baseline"), table.number("target")
    curve = table.pick("curve", CURVES)
    direction = table.choice("direction", Direction, Direction.INCREASE)
    return Shape(Climb(baseline, target, curve), direction, baseline, target)


def _maintain(table: Table) -> Shape:
    band = table.pair("band")
    return Shape(Hover(table.number("typical"), table.number("spread")), band=band)


def _baseline(table: Table) -> Shape:
    return Shape(Hover(table.number("typical"), table.number("spread")))


def _milestone(table: Table) -> Shape:
    return Shape(Finish(table.maybe_number("done_at")))


# The keys each kind of key result takes beyond the common ones; any other is refused.
SHAPES: dict[KeyResultKind, Callable[[Table], Shape]] = {
    KeyResultKind.METRIC: _metric,  # baseline, target, curve, direction
    KeyResultKind.MAINTAIN: _maintain,  # band, typical, spread
    KeyResultKind.BASELINE: _baseline,  # typical, spread
    KeyResultKind.MILESTONE: _milestone,  # done_at: fraction of the cycle (absent: not yet)
}


@dataclass(frozen=True)
class KeyResultSpec:
    title: str
    kind: KeyResultKind
    shape: Shape
    unit: str
    decimals: int
    result_level: ResultLevel
    weight: float
    # Confidence at the first and at the latest check-in (a straight line between).
    confidence: tuple[float, float]
    # The first note goes on the first check-in, the last on the latest, others between.
    notes: tuple[str, ...]
    # Set during weekly check-in passes (issue 22).
    next_steps: tuple[NextStepSpec, ...] = ()

    @classmethod
    def parse(cls, table: Table) -> KeyResultSpec:
        kind = table.choice("kind", KeyResultKind, KeyResultKind.METRIC)
        notes = table.texts("notes")
        if len(notes) > MIN_CHECK_INS:  # more would share a check-in, and all but one be lost
            table.fail("notes", f"at most {MIN_CHECK_INS} notes, one a check-in")
        return cls(
            title=table.text("title"),
            kind=kind,
            shape=SHAPES[kind](table),
            unit=table.text("unit", ""),
            decimals=table.whole("decimals", 0),
            result_level=table.choice("result_level", ResultLevel, ResultLevel.OUTCOME),
            weight=table.number("weight", 1.0),
            confidence=table.pair("confidence"),
            notes=notes,
            next_steps=tuple(NextStepSpec.parse(t) for t in table.tables("next_steps")),
        )

    def record(self, objective: Objective, cycle: Cycle) -> KeyResult:
        low, high = self.shape.band if self.shape.band is not None else (None, None)
        return KeyResult(
            objective_id=objective.id,
            title=self.title,
            kind=self.kind,
            direction=self.shape.direction,
            baseline=self.shape.baseline,
            target=self.shape.target,
            band_low=low,
            band_high=high,
            unit=self.unit,
            due=cycle.end,
            weight=self.weight,
            result_level=self.result_level,
        )

    def check_ins(self, key_result: KeyResult, cycle: Cycle, today: date) -> list[CheckIn]:
        days = check_in_days(cycle, today)
        notes = dict(zip(_note_slots(len(days), len(self.notes)), self.notes, strict=True))
        first, last = self.confidence
        story = self.shape.story
        return [
            CheckIn(
                key_result_id=key_result.id,
                date=day,
                value=round(story.value(fraction_of(cycle, day), wobble(i)), self.decimals),
                confidence=round(first + (last - first) * (i / (len(days) - 1)), 2),
                note=notes.get(i, ""),
            )
            for i, day in enumerate(days)
        ]


def _note_slots(count: int, notes: int) -> list[int]:
    if notes == 0:
        return []
    if notes == 1:
        return [count - 1]
    return [round(k * (count - 1) / (notes - 1)) for k in range(notes)]


@dataclass(frozen=True)
class NoteSpec:
    day: int  # from the cycle's start; dated today when that day is still to come
    kind: NoteKind
    private: bool
    text: str
    skills: tuple[str, ...] = ()  # keys of the skills it is tagged with

    @classmethod
    def parse(cls, table: Table, keys: Keys) -> NoteSpec:
        return cls(
            day=table.whole("day"),
            kind=table.choice("kind", NoteKind),
            private=table.flag("private"),
            text=table.text("text"),
            skills=refer_all(table, keys, "skills", "skill"),
        )

    def record(self, milestone: Milestone, cycle: Cycle, today: date) -> GrowthNote:
        day = min(today, cycle.start + timedelta(days=self.day))
        return GrowthNote(
            milestone_id=milestone.id,
            date=day,
            kind=self.kind,
            private=self.private,
            text=self.text,
        )


@dataclass(frozen=True)
class MilestoneSpec:
    title: str
    due_day: int | None  # from the cycle's start
    done_day: int | None  # from the cycle's start; not done while that day is to come
    purpose: str
    growth_path: str
    organisational_value: str
    notes: tuple[NoteSpec, ...]
    key: str | None = None
    skills: tuple[str, ...] = ()  # keys of the skills its growth path picks

    @classmethod
    def parse(cls, table: Table, keys: Keys) -> MilestoneSpec:
        return cls(
            key=keys.define(table, "milestone"),
            skills=refer_all(table, keys, "skills", "skill"),
            title=table.text("title"),
            due_day=table.maybe_whole("due_day"),
            done_day=table.maybe_whole("done_day"),
            purpose=table.text("purpose"),
            growth_path=table.text("growth_path"),
            organisational_value=table.text("organisational_value"),
            notes=tuple(NoteSpec.parse(t, keys) for t in table.tables("notes")),
        )

    def record(self, objective: Objective, cycle: Cycle, today: date) -> Milestone:
        def day(offset: int | None) -> date | None:
            return None if offset is None else cycle.start + timedelta(days=offset)

        done = day(self.done_day)
        return Milestone(
            objective_id=objective.id,
            title=self.title,
            due=day(self.due_day),
            done_on=None if done is None else done_by(done, today),
            purpose=self.purpose,
            growth_path=self.growth_path,
            organisational_value=self.organisational_value,
        )


@dataclass(frozen=True)
class ObjectiveSpec:
    key: str | None
    title: str
    why: str
    mission: str | None
    cycle: str
    level: Level
    owner: str | None  # None: the plan's owner
    kind: ObjectiveKind
    state: ObjectiveState
    aligned_to: str | None
    confidence: float | None
    key_results: tuple[KeyResultSpec, ...]
    milestones: tuple[MilestoneSpec, ...]

    @classmethod
    def parse(cls, table: Table, keys: Keys) -> ObjectiveSpec:
        return cls(
            key=keys.define(table, "objective"),
            title=table.text("title"),
            why=table.text("why"),
            mission=keys.maybe_refer(table, "mission", "mission"),
            cycle=keys.refer(table, "cycle", "cycle"),
            level=table.choice("level", Level, Level.PERSONAL),
            owner=table.maybe_text("owner"),
            kind=table.choice("kind", ObjectiveKind),
            state=table.choice("state", ObjectiveState),
            aligned_to=keys.maybe_refer(table, "aligned_to", "objective"),
            confidence=table.maybe_number("confidence"),
            key_results=tuple(KeyResultSpec.parse(t) for t in table.tables("key_results")),
            milestones=tuple(MilestoneSpec.parse(t, keys) for t in table.tables("milestones")),
        )

    def build(self, into: Builder) -> None:
        cycle = into.cycle(self.cycle)
        objective = into.add(self.record(into), self.key)
        for spec in self.key_results:
            key_result = into.add(spec.record(objective, cycle))
            for check_in in spec.check_ins(key_result, cycle, into.today):
                into.add(check_in)
            for step in spec.next_steps:
                into.add(step.record(key_result, into.today))
        for milestone_spec in self.milestones:
            milestone = into.add(
                milestone_spec.record(objective, cycle, into.today), milestone_spec.key
            )
            for skill in milestone_spec.skills:
                into.add(MilestoneSkill(milestone_id=milestone.id, skill_id=into.id(skill)))
            for note_spec in milestone_spec.notes:
                note = into.add(note_spec.record(milestone, cycle, into.today))
                for skill in note_spec.skills:
                    into.add(NoteSkill(growth_note_id=note.id, skill_id=into.id(skill)))

    def record(self, into: Builder) -> Objective:
        return Objective(
            title=self.title,
            why=self.why,
            mission_id=into.maybe_id(self.mission),
            cycle_id=into.id(self.cycle),
            level=self.level,
            owner=into.owner_or(self.owner),
            kind=self.kind,
            state=self.state,
            aligned_to_id=into.maybe_id(self.aligned_to),
            confidence=self.confidence,
        )
