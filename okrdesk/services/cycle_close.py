"""Closing a cycle as one undoable operation: the objectives' closes, the missions'
evaluations with their evidence, and each closed objective's state, stored together.

Closing again replaces what an earlier close of the same objective (or evaluation of the
same mission in the cycle) said; undo puts the earlier records back exactly. The
operation is built from the house's own steps (``services.operations``), so undo and redo
are theirs: a delete's ``Deletion``, the very records added, the states as they were.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from okrdesk.domain.entities import (
    Cycle,
    EvidenceLink,
    Item,
    Mission,
    MissionEvaluation,
    Objective,
    ObjectiveClose,
)
from okrdesk.domain.messages import message
from okrdesk.domain.retrospective import state_after_close
from okrdesk.domain.validation import ValidationError, validate
from okrdesk.services.operations import (
    AddRecords,
    Applied,
    DeleteItem,
    EditFields,
    Operation,
    Steps,
)
from okrdesk.services.plan import PlanService


@dataclass(frozen=True, slots=True)
class CloseCycle:
    """Store a cycle's retrospective (any part of it: a close may grade the objectives
    today and evaluate the missions later)."""

    cycle_id: str
    closes: tuple[ObjectiveClose, ...] = ()
    evaluations: tuple[MissionEvaluation, ...] = ()
    evidence: tuple[EvidenceLink, ...] = ()

    @property
    def label(self) -> str:
        return message("Close the cycle")

    def apply(self, plan: PlanService) -> Applied:
        steps = close_steps(plan, self)
        applied = steps.apply(plan)
        return Applied(applied.changes.focusing(None), applied.inverse, applied.record)


def close_steps(plan: PlanService, close: CloseCycle) -> Steps:
    """The steps that store ``close``: checked first, so a refusal writes nothing."""
    cycle = plan.get(Cycle, close.cycle_id)
    _check(plan, cycle, close)
    steps: list[Operation] = []
    for record in close.closes:
        for earlier in plan.where(ObjectiveClose, objective_id=record.objective_id):
            steps.append(DeleteItem(ObjectiveClose, earlier.id))
    replaced: set[str] = set()
    for evaluation in close.evaluations:
        for old in plan.where(MissionEvaluation, mission_id=evaluation.mission_id):
            if old.cycle_id == cycle.id:
                replaced.add(old.id)
                steps.append(DeleteItem(MissionEvaluation, old.id))
    records: list[Item] = [replace(c, position=0) for c in close.closes]
    records += _placed_evaluations(plan, close.evaluations, replaced)
    records += _placed_evidence(close.evidence)
    if records:
        steps.append(AddRecords(message("Close the cycle"), tuple(records)))
    for record in close.closes:
        objective = plan.get(Objective, record.objective_id)
        state = state_after_close(objective, record.score)
        if state is not objective.state:
            steps.append(EditFields(Objective, objective.id, {"state": state}, mergeable=False))
    return Steps(message("Close {cycle}", cycle=cycle.name), tuple(steps))


def _check(plan: PlanService, cycle: Cycle, close: CloseCycle) -> None:
    for record in close.closes:
        validate(record)
        objective = plan.get(Objective, record.objective_id)
        if objective.cycle_id != cycle.id:
            raise ValidationError(
                "objective_id",
                message(
                    "“{title}” is not an objective of {cycle}.",
                    title=objective.title,
                    cycle=cycle.name,
                ),
            )
    if len({c.objective_id for c in close.closes}) != len(close.closes):
        raise ValidationError("objective_id", "An objective is closed once per close.")
    for evaluation in close.evaluations:
        validate(evaluation)
        if evaluation.cycle_id != cycle.id:
            raise ValidationError("cycle_id", "An evaluation belongs to the cycle being closed.")
    if len({e.mission_id for e in close.evaluations}) != len(close.evaluations):
        raise ValidationError("mission_id", "A mission is evaluated once per cycle.")
    evaluations = {e.id for e in close.evaluations}
    for link in close.evidence:
        validate(link)
        if link.evaluation_id not in evaluations:
            raise ValidationError(
                "evaluation_id", "Evidence belongs to an evaluation of this close."
            )


def _placed_evaluations(
    plan: PlanService, evaluations: Sequence[MissionEvaluation], replaced: set[str]
) -> list[Item]:
    """The evaluations placed after their mission's others, each with the mission's
    wording as it reads now (how the coach sees whether a mission stays stable)."""
    placed: list[Item] = []
    for evaluation in evaluations:
        kept = [
            e.position
            for e in plan.where(MissionEvaluation, mission_id=evaluation.mission_id)
            if e.id not in replaced
        ]
        mission = plan.get(Mission, evaluation.mission_id)
        placed.append(
            replace(
                evaluation,
                position=max(kept, default=-1) + 1,
                title=mission.title,
                statement=mission.statement,
            )
        )
    return placed


def _placed_evidence(evidence: Sequence[EvidenceLink]) -> list[Item]:
    counts: dict[str, int] = {}
    placed: list[Item] = []
    for link in evidence:
        position = counts.get(link.evaluation_id, 0)
        counts[link.evaluation_id] = position + 1
        placed.append(replace(link, position=position))
    return placed
