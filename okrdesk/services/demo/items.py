"""The plan's frame in the demo's data: cycles, missions, mission links and dismissals.

Each kind is a frozen spec with ``parse`` (read one table of the data, checking it) and
``build`` (add its records to a ``Builder``).
"""

from __future__ import annotations

from dataclasses import dataclass

from okrdesk.domain.entities import (
    Cycle,
    Dismissal,
    Mission,
    MissionLink,
    MissionStakeholder,
    MissionValue,
)
from okrdesk.domain.enums import Level, StakeholderKind
from okrdesk.domain.okr_cycles import quarter_name
from okrdesk.services.demo.builder import Builder
from okrdesk.services.demo.dates import quarter_from
from okrdesk.services.demo.reader import Keys, Table, refer_all
from okrdesk.services.plan import DEFAULT_STAKEHOLDERS

# A mission serves one of the stakeholders every plan has (the demo brings back any the
# person deleted).
_DEFAULT_KINDS = {kind.value: kind for _name, kind in DEFAULT_STAKEHOLDERS}


@dataclass(frozen=True)
class CycleSpec:
    """A quarter, counted from today's: ``quarter = -1`` is the previous one."""

    key: str | None
    quarter: int

    @classmethod
    def parse(cls, table: Table, keys: Keys) -> CycleSpec:
        return cls(key=keys.define(table, "cycle"), quarter=table.whole("quarter"))

    def build(self, into: Builder) -> None:
        start, end = quarter_from(into.today, self.quarter)
        into.add(Cycle(name=quarter_name(start), start=start, end=end), self.key)


@dataclass(frozen=True)
class MissionSpec:
    key: str | None
    title: str
    statement: str
    stakeholder: StakeholderKind
    level: Level
    parent: str | None
    owner: str | None  # None: the plan's owner
    served_when: str = ""
    # The further stakeholders (by kind) and the person's values (by key) it names.
    also_for: tuple[StakeholderKind, ...] = ()
    values: tuple[str, ...] = ()

    @classmethod
    def parse(cls, table: Table, keys: Keys) -> MissionSpec:
        also_for = table.texts("also_for")
        for kind in also_for:
            if kind not in _DEFAULT_KINDS:
                table.fail("also_for", f"{kind!r} is not one of {', '.join(_DEFAULT_KINDS)}")
        return cls(
            key=keys.define(table, "mission"),
            title=table.text("title"),
            statement=table.text("statement"),
            served_when=table.text("served_when", ""),
            also_for=tuple(_DEFAULT_KINDS[kind] for kind in also_for),
            values=refer_all(table, keys, "values", "value"),
            stakeholder=table.pick("stakeholder", _DEFAULT_KINDS),
            level=table.choice("level", Level, Level.PERSONAL),
            parent=keys.maybe_refer(table, "parent", "mission"),
            owner=table.maybe_text("owner"),
        )

    def build(self, into: Builder) -> None:
        mission = Mission(
            title=self.title,
            statement=self.statement,
            served_when=self.served_when,
            stakeholder_id=into.stakeholders[self.stakeholder],
            level=self.level,
            parent_id=into.maybe_id(self.parent),
            owner=into.owner_or(self.owner),
        )
        mission = into.add(mission, self.key)
        for kind in self.also_for:
            stakeholder = into.stakeholders[kind]
            into.add(MissionStakeholder(mission_id=mission.id, stakeholder_id=stakeholder))
        for value in self.values:
            into.add(MissionValue(mission_id=mission.id, value_id=into.id(value)))


@dataclass(frozen=True)
class MissionLinkSpec:
    """A mission serving an objective (a personal mission and a team objective)."""

    mission: str
    objective: str

    @classmethod
    def parse(cls, table: Table, keys: Keys) -> MissionLinkSpec:
        return cls(
            mission=keys.refer(table, "mission", "mission"),
            objective=keys.refer(table, "objective", "objective"),
        )

    def build(self, into: Builder) -> None:
        into.add(
            MissionLink(mission_id=into.id(self.mission), objective_id=into.id(self.objective))
        )


@dataclass(frozen=True)
class DismissalSpec:
    """A coach finding the person dismissed, with their reason."""

    rule: str
    subject: str
    reason: str

    @classmethod
    def parse(cls, table: Table, keys: Keys) -> DismissalSpec:
        # The coach's rules are many modules; only the demo's reading needs them here.
        from okrdesk.domain.coach import RULES

        rule = table.text("rule")
        if rule not in RULES:
            table.fail("rule", f"{rule!r} is not the id of a coach rule")
        return cls(
            rule=rule,
            subject=keys.refer(table, "subject", None),
            reason=table.text("reason"),
        )

    def build(self, into: Builder) -> None:
        into.add(Dismissal(rule_id=self.rule, subject_id=into.id(self.subject), reason=self.reason))
