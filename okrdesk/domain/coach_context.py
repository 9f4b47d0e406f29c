"""What the coach looks at: the whole plan as plain records, plus facts the caller computed.

The services build a ``CoachContext`` from the database; the rules only read it. Health and
latest values are passed in (the health maths lives elsewhere) so that the coach and the
rest of the app never disagree about a key result's state.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property, lru_cache
from typing import Any, Protocol, TypeVar

from okrdesk.domain.classifier import Classification, KeyResultEvidence, classify
from okrdesk.domain.entities import (
    CheckIn,
    Cycle,
    GrowthNote,
    KeyResult,
    Milestone,
    Mission,
    MissionEvaluation,
    MissionLink,
    MissionStakeholder,
    NextStep,
    Objective,
    ObjectiveClose,
    Stakeholder,
    is_team_item,
)
from okrdesk.domain.enums import ResultLevel
from okrdesk.domain.validation import same_person


class Severity(StrEnum):
    INFO = "info"
    WARN = "warn"
    ERROR = "error"


class Ownership(StrEnum):
    """Whose an item is, as the coach sees it."""

    MINE = "mine"
    # A team item imported from a team file, a CSV or an OKR document: it changes in its
    # source, and the person cannot fix it here.
    IMPORTED = "imported"
    # Owned by another person.
    SOMEONE_ELSE = "someone else"
    # A team or company item typed into this plan with no owner: context for the person's
    # own work (what it aligns to), not theirs to coach.
    TEAM = "team"


ON_TRACK = "on_track"

# Each cached lookup of CoachContext, and the field it is computed from.
LOOKUP_SOURCES: dict[str, str] = {
    "_missions": "missions",
    "_objectives": "objectives",
    "_cycles": "cycles",
    "_stakeholders": "stakeholders",
    "_key_results_by_objective": "key_results",
    "_milestones_by_objective": "milestones",
    "_notes_by_milestone": "growth_notes",
    "_check_ins_by_key_result": "check_ins",
    "_objectives_by_mission": "objectives",
    "_links_by_mission": "mission_links",
    "current_cycle": "cycles",
    "_next_steps_by_key_result": "next_steps",
    "_further_stakeholders_by_mission": "mission_stakeholders",
    "_evaluations_by_mission": "mission_evaluations",
}

Dismissed = frozenset[tuple[str, str]]  # (rule id, item id)

# Classifying is the costliest part of a review, and titles rarely change between two
# reviews (the editor reviews the item being typed after every pause), so remember them.
_classify = lru_cache(maxsize=4096)(classify)


@dataclass(frozen=True, kw_only=True, eq=False)
class CoachContext:
    today: date
    missions: Sequence[Mission] = ()
    objectives: Sequence[Objective] = ()
    key_results: Sequence[KeyResult] = ()
    milestones: Sequence[Milestone] = ()
    growth_notes: Sequence[GrowthNote] = ()
    mission_links: Sequence[MissionLink] = ()
    cycles: Sequence[Cycle] = ()
    stakeholders: Sequence[Stakeholder] = ()
    check_ins: Sequence[CheckIn] = ()
    # The cycle the person is working in; None: the cycle that contains today, if any.
    current_cycle_id: str | None = None
    # The person whose plan this is. Items owned by someone else (a team objective kept
    # for alignment) are not coached: the person cannot fix them. Empty: every item that
    # was not imported from a team is the person's.
    owner: str = ""
    # The findings the person dismissed: summaries over many items leave them out too.
    dismissed: Dismissed = frozenset()
    # Per key result id: its health ("on_track", "at_risk", ...) and latest value.
    health: Mapping[str, str] = field(default_factory=dict)
    latest_values: Mapping[str, float] = field(default_factory=dict)
    # Per item id ("plan" for the plan as a whole): the sentences saying which of its
    # values okrdesk could not use as they are (see services.repairs).
    repairs: Mapping[str, Sequence[str]] = field(default_factory=dict)
    # The next steps set on key results (the weekly rhythm, issue 22).
    next_steps: Sequence[NextStep] = ()
    # Closing a cycle (issue 21): the objectives' closes and the missions' evaluations.
    objective_closes: Sequence[ObjectiveClose] = ()
    mission_evaluations: Sequence[MissionEvaluation] = ()
    # Missions with depth (issue 23): the further stakeholders a mission serves, beside its
    # primary one (``Mission.stakeholder_id``).
    mission_stakeholders: Sequence[MissionStakeholder] = ()

    def replacing(self, name: str, records: Sequence[Any]) -> CoachContext:
        """This context with the records of field ``name`` replaced, keeping the lookups
        that do not depend on them: the editor asks after every pause in typing, and
        regrouping every check-in of a large plan each time made typing slow."""
        changes: dict[str, Any] = {name: records}
        new = dataclasses.replace(self, **changes)
        for cached, source in LOOKUP_SOURCES.items():
            if source != name and cached in self.__dict__:
                new.__dict__[cached] = self.__dict__[cached]
        return new

    def replacing_one(self, name: str, record: Any) -> CoachContext:
        """This context with ``record`` in place of the one of the same id in field
        ``name`` (or added). The lookups built from that field are patched, not rebuilt:
        only the groups the record leaves and joins are regrouped. The editor asks after
        every edit, and regrouping 50,000 key results each time cost more than the rest
        of the edit."""
        records: Sequence[Any] = getattr(self, name)
        old = next((r for r in records if r.id == record.id), None)
        replaced = [record if r.id == record.id else r for r in records]
        if old is None:
            replaced.append(record)
        new = self.replacing(name, replaced)
        patched = [c for c, source in LOOKUP_SOURCES.items() if source == name]
        for cached in (c for c in patched if c in BY_ID and c in self.__dict__):
            new.__dict__[cached] = {**self.__dict__[cached], record.id: record}
        for cached in (c for c in patched if c in GROUPINGS and c in self.__dict__):
            by, build = GROUPINGS[cached]
            groups: dict[Any, list[Any]] = dict(self.__dict__[cached])
            keys = {getattr(record, by)} | ({getattr(old, by)} if old is not None else set())
            members = [r for key in keys for r in groups.pop(key, ()) if r.id != record.id]
            groups.update(build([*members, record]))
            new.__dict__[cached] = groups
        return new

    def with_dismissed(self, dismissed: Dismissed) -> CoachContext:
        """This context with another set of dismissals, keeping every lookup."""
        if dismissed == self.dismissed:
            return self
        new = dataclasses.replace(self, dismissed=dismissed)
        for cached in LOOKUP_SOURCES:
            if cached in self.__dict__:
                new.__dict__[cached] = self.__dict__[cached]
        return new

    # --- Lookups ------------------------------------------------------------------------

    @cached_property
    def _missions(self) -> dict[str, Mission]:
        return {m.id: m for m in self.missions}

    @cached_property
    def _objectives(self) -> dict[str, Objective]:
        return {o.id: o for o in self.objectives}

    @cached_property
    def _cycles(self) -> dict[str, Cycle]:
        return {c.id: c for c in self.cycles}

    @cached_property
    def _stakeholders(self) -> dict[str, Stakeholder]:
        return {s.id: s for s in self.stakeholders}

    def mission(self, mission_id: str | None) -> Mission | None:
        return None if mission_id is None else self._missions.get(mission_id)

    def objective(self, objective_id: str | None) -> Objective | None:
        return None if objective_id is None else self._objectives.get(objective_id)

    def cycle(self, cycle_id: str | None) -> Cycle | None:
        return None if cycle_id is None else self._cycles.get(cycle_id)

    def stakeholder(self, stakeholder_id: str | None) -> Stakeholder | None:
        return None if stakeholder_id is None else self._stakeholders.get(stakeholder_id)

    @cached_property
    def current_cycle(self) -> Cycle | None:
        if self.current_cycle_id is not None:
            return self.cycle(self.current_cycle_id)
        containing = [c for c in self.cycles if c.contains(self.today)]
        # Of nested cycles (a year and its quarter), the shortest is the one worked in.
        return min(containing, key=lambda c: (c.end - c.start, c.start), default=None)

    @cached_property
    def _key_results_by_objective(self) -> dict[str, list[KeyResult]]:
        return _group_key_results(self.key_results)

    def key_results_of(self, objective_id: str) -> list[KeyResult]:
        return self._key_results_by_objective.get(objective_id, [])

    @cached_property
    def _milestones_by_objective(self) -> dict[str, list[Milestone]]:
        return _group_milestones(self.milestones)

    def milestones_of(self, objective_id: str) -> list[Milestone]:
        return self._milestones_by_objective.get(objective_id, [])

    @cached_property
    def _notes_by_milestone(self) -> dict[str, list[GrowthNote]]:
        return _group_notes(self.growth_notes)

    def notes_of(self, milestone_id: str) -> list[GrowthNote]:
        return self._notes_by_milestone.get(milestone_id, [])

    @cached_property
    def _check_ins_by_key_result(self) -> dict[str, list[CheckIn]]:
        return _group_check_ins(self.check_ins)

    def check_ins_of(self, key_result_id: str) -> list[CheckIn]:
        """Oldest first."""
        return self._check_ins_by_key_result.get(key_result_id, [])

    @cached_property
    def _objectives_by_mission(self) -> dict[str, list[Objective]]:
        return _group_objectives(self.objectives)

    def objectives_of_mission(self, mission_id: str) -> list[Objective]:
        return self._objectives_by_mission.get(mission_id, [])

    @cached_property
    def _links_by_mission(self) -> dict[str, list[MissionLink]]:
        return _group_links(self.mission_links)

    def links_of(self, mission_id: str) -> list[MissionLink]:
        return self._links_by_mission.get(mission_id, [])

    @cached_property
    def _next_steps_by_key_result(self) -> dict[str, list[NextStep]]:
        grouped: dict[str, list[NextStep]] = defaultdict(list)
        for step in sorted(self.next_steps, key=lambda n: n.position):
            grouped[step.key_result_id].append(step)
        return grouped

    def next_steps_of(self, key_result_id: str) -> list[NextStep]:
        return self._next_steps_by_key_result.get(key_result_id, [])

    @cached_property
    def _further_stakeholders_by_mission(self) -> dict[str, list[MissionStakeholder]]:
        return _group_by_mission(self.mission_stakeholders)

    def stakeholders_of(self, mission: Mission) -> list[Stakeholder]:
        """Whom ``mission`` serves: its primary stakeholder first, then the further ones in
        order (each once; links to a stakeholder that is gone left out)."""
        ids = [] if mission.stakeholder_id is None else [mission.stakeholder_id]
        for link in self._further_stakeholders_by_mission.get(mission.id, []):
            if link.stakeholder_id not in ids:
                ids.append(link.stakeholder_id)
        return [s for i in ids if (s := self.stakeholder(i)) is not None]

    @cached_property
    def _evaluations_by_mission(self) -> dict[str, list[MissionEvaluation]]:
        return _group_by_mission(self.mission_evaluations)

    def evaluations_of(self, mission_id: str) -> list[MissionEvaluation]:
        """The mission's evaluations, one per closed cycle it was rated in."""
        return self._evaluations_by_mission.get(mission_id, [])

    # --- Facts the rules share ----------------------------------------------------------

    def ownership(self, item: Mission | Objective) -> Ownership:
        """Whose ``item`` is. The person's: a personal item owned by nobody, by the plan's
        owner (any case, any spaces), or by anyone when the plan has no owner yet. Team and
        company items (``is_team_item``) and imported ones are context: the person's only
        when they name the plan's owner."""
        if item.origin or is_team_item(item):
            if self.owner.strip() and same_person(item.owner, self.owner):
                return Ownership.MINE
            if item.origin:
                return Ownership.IMPORTED
            return Ownership.SOMEONE_ELSE if item.owner.strip() else Ownership.TEAM
        if not item.owner.strip() or not self.owner.strip():
            return Ownership.MINE
        return Ownership.MINE if same_person(item.owner, self.owner) else Ownership.SOMEONE_ELSE

    def is_mine(self, item: Mission | Objective) -> bool:
        return self.ownership(item) is Ownership.MINE

    def is_closed(self, cycle_id: str) -> bool:
        """Whether the cycle was closed: one of its objectives has its close (issue 21)."""
        return any(
            (objective := self.objective(close.objective_id)) is not None
            and objective.cycle_id == cycle_id
            for close in self.objective_closes
        )

    def closed_cycle_ids(self) -> set[str]:
        """The cycles whose close was made: one of their objectives has its close, or one of
        their missions its evaluation (a close may evaluate the missions alone)."""
        closed = {e.cycle_id for e in self.mission_evaluations}
        for close in self.objective_closes:
            objective = self.objective(close.objective_id)
            if objective is not None and objective.cycle_id is not None:
                closed.add(objective.cycle_id)
        return closed

    def is_dismissed(self, rule_id: str, item_id: str) -> bool:
        return (rule_id, item_id) in self.dismissed

    def latest_value(self, kr: KeyResult) -> float | None:
        if kr.id in self.latest_values:
            return self.latest_values[kr.id]
        check_ins = self.check_ins_of(kr.id)
        return check_ins[-1].value if check_ins else None

    def is_on_track(self, kr: KeyResult) -> bool:
        health = self.health.get(kr.id, "")
        return health.strip().lower().replace(" ", "_").replace("-", "_") == ON_TRACK

    def classification(self, kr: KeyResult) -> Classification:
        """The classifier's reading of the title together with the key result's fields."""
        return _classify(kr.title, KeyResultEvidence.of(kr))

    def result_level(self, kr: KeyResult) -> ResultLevel:
        """The level the person chose for the key result, else the classifier's."""
        return kr.result_level or self.classification(kr).label

    def is_live(self, objective: Objective) -> bool:
        """Worth coaching: the person's, not archived and not closed."""
        return not objective.archived and not objective.state.is_closed and self.is_mine(objective)


# -- the grouped lookups, built from any list of records ------------------------------------


def _group_key_results(records: Sequence[KeyResult]) -> dict[str, list[KeyResult]]:
    grouped: dict[str, list[KeyResult]] = defaultdict(list)
    for kr in sorted(records, key=lambda k: k.position):
        if not kr.archived:
            grouped[kr.objective_id].append(kr)
    return grouped


def _group_milestones(records: Sequence[Milestone]) -> dict[str, list[Milestone]]:
    grouped: dict[str, list[Milestone]] = defaultdict(list)
    for milestone in sorted(records, key=lambda m: m.position):
        grouped[milestone.objective_id].append(milestone)
    return grouped


def _group_notes(records: Sequence[GrowthNote]) -> dict[str, list[GrowthNote]]:
    grouped: dict[str, list[GrowthNote]] = defaultdict(list)
    for note in records:
        grouped[note.milestone_id].append(note)
    return grouped


def _group_check_ins(records: Sequence[CheckIn]) -> dict[str, list[CheckIn]]:
    grouped: dict[str, list[CheckIn]] = defaultdict(list)
    for check_in in sorted(records, key=lambda c: (c.date, c.created)):
        grouped[check_in.key_result_id].append(check_in)
    return grouped


def _group_objectives(records: Sequence[Objective]) -> dict[str, list[Objective]]:
    grouped: dict[str, list[Objective]] = defaultdict(list)
    for objective in records:
        if objective.mission_id is not None and not objective.archived:
            grouped[objective.mission_id].append(objective)
    return grouped


def _group_links(records: Sequence[MissionLink]) -> dict[str, list[MissionLink]]:
    grouped: dict[str, list[MissionLink]] = defaultdict(list)
    for link in records:
        grouped[link.mission_id].append(link)
    return grouped


class _OfMission(Protocol):
    @property
    def mission_id(self) -> str: ...

    @property
    def position(self) -> int: ...


OfMission = TypeVar("OfMission", bound=_OfMission)


def _group_by_mission(records: Sequence[OfMission]) -> dict[str, list[OfMission]]:
    """A mission's further stakeholders, or its evaluations, in their order."""
    grouped: dict[str, list[OfMission]] = defaultdict(list)
    for record in sorted(records, key=lambda r: r.position):
        grouped[record.mission_id].append(record)
    return grouped


# The lookups by id (each built from the field LOOKUP_SOURCES names).
BY_ID = frozenset({"_missions", "_objectives", "_cycles", "_stakeholders"})
# The grouped lookups a replaced record patches: the field each groups by, its builder.
GROUPINGS: dict[str, tuple[str, Callable[[Sequence[Any]], dict[Any, list[Any]]]]] = {
    "_key_results_by_objective": ("objective_id", _group_key_results),
    "_milestones_by_objective": ("objective_id", _group_milestones),
    "_notes_by_milestone": ("milestone_id", _group_notes),
    "_check_ins_by_key_result": ("key_result_id", _group_check_ins),
    "_objectives_by_mission": ("mission_id", _group_objectives),
    "_links_by_mission": ("mission_id", _group_links),
    "_further_stakeholders_by_mission": ("mission_id", _group_by_mission),
    "_evaluations_by_mission": ("mission_id", _group_by_mission),
}
