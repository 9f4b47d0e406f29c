"""The person's own numbers, with the team's objectives counted apart.

Team and company objectives (``domain.entities.is_team_item``: imported from a team file or
an OKR document, or typed in under "Team objectives") are context for the person's plan:
what its items align to. They never enter its counts or its average; the status bar, the
overview and the PDF show how many there are on their own.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from sqlalchemy import select

from okrdesk.domain.entities import is_team_item, is_team_level
from okrdesk.services.outline import NodeKind, Outline
from okrdesk.services.plan import PlanService
from okrdesk.services.status import PlanRecords
from okrdesk.store.schema import MissionRow, ObjectiveRow


@dataclass(frozen=True)
class PlanCounts:
    """The status bar's numbers: the person's missions, objectives and key results and
    their objectives' average progress (None when none has progress), then the team's."""

    missions: int
    objectives: int
    key_results: int
    average: float | None
    team_missions: int
    team_objectives: int
    # The person's objectives, for what the status bar counts later (how many are at risk).
    objective_ids: frozenset[str] = frozenset()


def team_item_ids(plan: PlanService) -> frozenset[str]:
    """The ids of every team and company mission and objective, read from two columns (the
    status bar asks after every change, and a plan may hold thousands of them)."""
    with plan.database.reading() as s:
        rows = [
            *s.execute(select(MissionRow.id, MissionRow.level)),
            *s.execute(select(ObjectiveRow.id, ObjectiveRow.level)),
        ]
    return frozenset(item_id for item_id, level in rows if is_team_level(level))


def plan_counts(outline: Outline, team_ids: frozenset[str]) -> PlanCounts:
    """Counted over the tree shown (so over the chosen cycle); a key result is the team's
    when its objective is."""
    nodes = outline.nodes.values()
    missions = [n for n in nodes if n.kind is NodeKind.MISSION]
    objectives = [n for n in nodes if n.kind is NodeKind.OBJECTIVE]
    own_objectives = [n for n in objectives if n.id not in team_ids]
    own_ids = frozenset(n.id for n in own_objectives)
    progresses = [n.progress for n in own_objectives if n.progress is not None]
    key_results = [
        n for n in nodes if n.kind is NodeKind.KEY_RESULT and (n.parent_id or "") in own_ids
    ]
    team_missions = sum(1 for n in missions if n.id in team_ids)
    return PlanCounts(
        missions=len(missions) - team_missions,
        objectives=len(own_objectives),
        key_results=len(key_results),
        average=_average(progresses),
        team_missions=team_missions,
        team_objectives=len(objectives) - len(own_objectives),
        objective_ids=own_ids,
    )


def with_new_average(counts: PlanCounts, outline: Outline) -> PlanCounts:
    """``counts`` with the average worked out again from ``outline``: what an edit that
    moves numbers but adds, removes or re-levels nothing changes (a key result's target, a
    check-in). It reads only the person's objectives, not every node of the plan, and
    averages as ``plan_counts`` does."""
    nodes = outline.nodes
    progresses = [
        progress
        for item_id in counts.objective_ids
        if (node := nodes.get(item_id)) is not None and (progress := node.progress) is not None
    ]
    return dataclasses.replace(counts, average=_average(progresses))


def _average(progresses: list[float]) -> float | None:
    """The mean, exactly rounded whatever the order (``fsum``); None for no values."""
    return math.fsum(progresses) / len(progresses) if progresses else None


@dataclass(frozen=True)
class SplitRecords:
    """A plan's records parted: the person's own (what its numbers are computed over) and
    the team's objectives, with their key results."""

    own: PlanRecords
    team_objectives: int
    team_key_results: int


def split_records(records: PlanRecords) -> SplitRecords:
    """``records`` without the team's missions, objectives and key results."""
    own_objectives = [o for o in records.objectives if not is_team_item(o)]
    own_ids = {o.id for o in own_objectives}
    own_key_results = [kr for kr in records.key_results if kr.objective_id in own_ids]
    own = dataclasses.replace(
        records,
        missions=[m for m in records.missions if not is_team_item(m)],
        objectives=own_objectives,
        key_results=own_key_results,
    )
    return SplitRecords(
        own=own,
        team_objectives=len(records.objectives) - len(own_objectives),
        team_key_results=len(records.key_results) - len(own_key_results),
    )
