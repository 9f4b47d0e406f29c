"""The person's values and skills framework in the demo's data (issue 23): values their
missions name, skills with the level aimed at, and the steps by which a level moved, each
on a day of a cycle with the milestone behind it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from okrdesk.domain.entities import SKILL_LEVELS, PersonalValue, Skill, SkillStep
from okrdesk.services.demo.builder import Builder
from okrdesk.services.demo.reader import Keys, Table


def _level(table: Table, key: str) -> int:
    level = table.whole(key)
    if level not in SKILL_LEVELS:
        table.fail(key, f"a skill level is 1 to 5, not {level}")
    return level


@dataclass(frozen=True)
class ValueSpec:
    key: str | None
    name: str
    meaning: str

    @classmethod
    def parse(cls, table: Table, keys: Keys) -> ValueSpec:
        return cls(
            key=keys.define(table, "value"),
            name=table.text("name"),
            meaning=table.text("meaning", ""),
        )

    def build(self, into: Builder) -> None:
        into.add(PersonalValue(name=self.name, meaning=self.meaning), self.key)


@dataclass(frozen=True)
class SkillSpec:
    """A skill at its level now (the last step's), aimed at ``aim``; ``meanings`` are the
    person's words for levels 1 to 5."""

    key: str | None
    name: str
    group: str
    level: int
    aim: int
    meanings: tuple[str, ...]

    @classmethod
    def parse(cls, table: Table, keys: Keys) -> SkillSpec:
        meanings = table.texts("meanings")
        if len(meanings) != len(SKILL_LEVELS):
            table.fail("meanings", "one line for each of the levels 1 to 5")
        return cls(
            key=keys.define(table, "skill"),
            name=table.text("name"),
            group=table.text("group"),
            level=_level(table, "level"),
            aim=_level(table, "aim"),
            meanings=meanings,
        )

    def build(self, into: Builder) -> None:
        skill = Skill(
            name=self.name,
            group=self.group,
            level=self.level,
            aim=self.aim,
            meanings="\n".join(self.meanings),
        )
        into.add(skill, self.key)


@dataclass(frozen=True)
class SkillStepSpec:
    """A skill's level moved from ``previous`` to ``level`` on ``day`` of ``cycle`` (dated
    today when that day is still to come), with the milestone behind it."""

    skill: str
    cycle: str
    day: int
    previous: int
    level: int
    milestone: str | None
    note: str

    @classmethod
    def parse(cls, table: Table, keys: Keys) -> SkillStepSpec:
        return cls(
            skill=keys.refer(table, "skill", "skill"),
            cycle=keys.refer(table, "cycle", "cycle"),
            day=table.whole("day"),
            previous=_level(table, "previous"),
            level=_level(table, "level"),
            milestone=keys.maybe_refer(table, "milestone", "milestone"),
            note=table.text("note", ""),
        )

    def build(self, into: Builder) -> None:
        cycle = into.cycle(self.cycle)
        step = SkillStep(
            skill_id=into.id(self.skill),
            date=min(into.today, cycle.start + timedelta(days=self.day)),
            level=self.level,
            previous=self.previous,
            milestone_id=into.maybe_id(self.milestone),
            note=self.note,
        )
        into.add(step)
