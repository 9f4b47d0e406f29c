"""A closed cycle in the demo's data: each objective's close and each mission's evaluation.

A close's proposed score is what the objective's check-ins (built above it) give, so the
demo's close says "adjusted" only where the data gives a ``score`` of its own, with its
``reason``. A close is dated ``closed_after`` days after its cycle's end (never after
today); an evaluation cites the key results and growth notes named in ``cite`` by their
exact titles (texts) among its cycle's objectives serving its mission.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

from okrdesk.domain.entities import (
    CheckIn,
    Cycle,
    EvidenceLink,
    GrowthNote,
    Item,
    KeyResult,
    Milestone,
    Mission,
    MissionEvaluation,
    Objective,
    ObjectiveClose,
)
from okrdesk.domain.enums import CloseDecision, ShortfallCause
from okrdesk.domain.retrospective import proposed_score
from okrdesk.services.demo.builder import Builder
from okrdesk.services.demo.reader import DemoDataError, Keys, Table

T = TypeVar("T", bound=Item)


def _of(into: Builder, cls: type[T]) -> list[T]:
    """The records of type ``cls`` built so far."""
    return [r for r in into.records if isinstance(r, cls)]


@dataclass(frozen=True)
class CloseSpec:
    objective: str
    score: float | None  # None: the proposed score
    reason: str
    decision: CloseDecision
    why: str
    cause: ShortfallCause | None
    cause_text: str
    learned: str
    closed_after: int

    @classmethod
    def parse(cls, table: Table, keys: Keys) -> CloseSpec:
        cause = table.maybe_text("cause")
        causes = {c.value: c for c in ShortfallCause}
        if cause is not None and cause not in causes:
            table.fail("cause", f"{cause!r} is not one of {', '.join(causes)}")
        return cls(
            objective=keys.refer(table, "objective", "objective"),
            score=table.maybe_number("score"),
            reason=table.text("reason", ""),
            decision=table.choice("decision", CloseDecision, CloseDecision.KEEP),
            why=table.text("why", ""),
            cause=None if cause is None else causes[cause],
            cause_text=table.text("cause_text", ""),
            learned=table.text("learned", ""),
            closed_after=table.whole("closed_after", 3),
        )

    def build(self, into: Builder) -> None:
        objective_id = into.id(self.objective)
        objective = next(o for o in _of(into, Objective) if o.id == objective_id)
        cycle = next(c for c in _of(into, Cycle) if c.id == objective.cycle_id)
        latest: dict[str, float] = {}
        for check_in in sorted(_of(into, CheckIn), key=lambda c: c.date):
            latest[check_in.key_result_id] = check_in.value
        key_results = [
            (kr, latest.get(kr.id))
            for kr in _of(into, KeyResult)
            if kr.objective_id == objective_id
        ]
        proposed = proposed_score(key_results)
        closed_on = min(cycle.end + timedelta(days=self.closed_after), into.today)
        into.add(
            ObjectiveClose(
                objective_id=objective_id,
                closed_on=closed_on,
                proposed=proposed,
                score=self.score if self.score is not None else (proposed or 0.0),
                reason=self.reason,
                decision=self.decision,
                decision_why=self.why,
                cause=self.cause,
                cause_text=self.cause_text,
                learned=self.learned,
            )
        )


@dataclass(frozen=True)
class EvaluationSpec:
    mission: str
    cycle: str
    rating: int
    evidence: str
    change: str
    cite: tuple[str, ...]

    @classmethod
    def parse(cls, table: Table, keys: Keys) -> EvaluationSpec:
        rating = table.whole("rating")
        if not 1 <= rating <= 5:
            table.fail("rating", f"a rating is 1 to 5, not {rating}")
        return cls(
            mission=keys.refer(table, "mission", "mission"),
            cycle=keys.refer(table, "cycle", "cycle"),
            rating=rating,
            evidence=table.text("evidence", ""),
            change=table.text("change", ""),
            cite=table.texts("cite"),
        )

    def build(self, into: Builder) -> None:
        mission_id = into.id(self.mission)
        # The wording the evaluation saw: the mission's, as a close keeps it.
        mission = next(m for m in _of(into, Mission) if m.id == mission_id)
        evaluation = into.add(
            MissionEvaluation(
                mission_id=mission_id,
                cycle_id=into.cycle(self.cycle).id,
                rating=self.rating,
                evidence=self.evidence,
                change=self.change,
                title=mission.title,
                statement=mission.statement,
            )
        )
        for title in self.cite:
            into.add(self._link(into, evaluation, title))

    def _link(self, into: Builder, evaluation: MissionEvaluation, title: str) -> EvidenceLink:
        objectives = {
            o.id
            for o in _of(into, Objective)
            if o.mission_id == evaluation.mission_id and o.cycle_id == evaluation.cycle_id
        }
        for kr in _of(into, KeyResult):
            if kr.objective_id in objectives and kr.title == title:
                return EvidenceLink(evaluation_id=evaluation.id, key_result_id=kr.id)
        milestones = {m.id for m in _of(into, Milestone) if m.objective_id in objectives}
        for note in _of(into, GrowthNote):
            if note.milestone_id in milestones and note.text.strip().startswith(title):
                return EvidenceLink(evaluation_id=evaluation.id, growth_note_id=note.id)
        raise DemoDataError(
            f"evaluations: {title!r} is no key result or growth note of the mission's cycle"
        )
