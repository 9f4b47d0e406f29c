"""Copy to next cycle: chosen objectives, with their key results and milestones, into
another cycle, ready to go on from where they stand.

What a copy takes, and what it must not (other OKR tools lose baselines and leak stretch
values here):

- each objective as a new draft in the chosen cycle: title, why, mission, level, owner,
  kind, its alignment (to the copy, when the objective it is aligned to is copied too) and
  the missions that serve it (new mission links); not its confidence, state or the team
  sync fields (a copy is the person's own);
- each key result that is not archived, with its direction, unit, weight, result level,
  target and band as they are; a metric's (or baseline's) **baseline becomes its last
  checked-in value**, and when that value meets or passes the target the target is cleared
  and the copy says so (a target equal to its baseline measures nothing);
- no check-ins: the new cycle starts with none; a maintain key result's band is copied as
  is and nothing of the old check-ins reaches it;
- milestones, not done, with their purpose, growth path and value beyond; no growth notes;
- due dates moved by as much as the cycle moved;
- from a closed cycle, what the close decided and learned (a change's why, "I learned
  that …") as a last paragraph of the copy's "why"; and ``default_selection`` offers the
  objectives the close kept or changed (not those it dropped).

``plan_copy`` computes the records without writing (the GUI adds them as one undoable
step); ``copy_to_cycle`` writes them in one transaction.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from okrdesk.domain.entities import (
    CheckIn,
    Cycle,
    Item,
    KeyResult,
    Milestone,
    MissionLink,
    Objective,
    ObjectiveClose,
    new_id,
    utc_now,
)
from okrdesk.domain.enums import CloseDecision, Direction, KeyResultKind, ObjectiveState
from okrdesk.domain.messages import message
from okrdesk.domain.retrospective import carried_why
from okrdesk.domain.validation import ValidationError, validate
from okrdesk.services.plan import PlanService

REBASED_KINDS = (KeyResultKind.METRIC, KeyResultKind.BASELINE)


@dataclass(frozen=True)
class CycleCopy:
    """The new records, parents first, and what the person should know about them."""

    cycle: Cycle
    objectives: tuple[Objective, ...]
    records: tuple[Item, ...]
    notes: tuple[str, ...]

    def summary(self) -> str:
        krs = sum(isinstance(r, KeyResult) for r in self.records)
        milestones = sum(isinstance(r, Milestone) for r in self.records)
        n = len(self.objectives)
        return (
            f"Copied {n} objective{'s' if n != 1 else ''} with {krs} key "
            f"result{'s' if krs != 1 else ''} and {milestones} "
            f"milestone{'s' if milestones != 1 else ''} to {self.cycle.name}."
        )


def _moved(day: date | None, shift: timedelta, cycle: Cycle) -> date | None:
    if day is None:
        return None
    return min(max(day + shift, cycle.start), cycle.end)


def _reached(direction: Direction, value: float, target: float) -> bool:
    return value >= target if direction is Direction.INCREASE else value <= target


def plan_copy(plan: PlanService, objective_ids: Sequence[str], cycle_id: str) -> CycleCopy:
    """The records a copy of ``objective_ids`` into ``cycle_id`` would add (nothing is
    written). Raises ValidationError when there is nothing to copy or the cycle is wrong."""
    cycle = plan.find(Cycle, cycle_id)
    if cycle is None:
        raise ValidationError("cycle_id", "Choose the cycle to copy the objectives to.")
    originals = _originals(plan, objective_ids, cycle)
    latest = plan.latest_check_ins()
    # The copies' ids up front, so a copy aligned to another copied objective points at
    # its copy whichever comes first.
    copies = {o.id: new_id() for o in originals}
    next_position = _next_positions(plan)
    now = utc_now()
    objectives: list[Objective] = []
    children: list[Item] = []
    notes: list[str] = []
    for original in originals:
        old_cycle = None if original.cycle_id is None else plan.find(Cycle, original.cycle_id)
        shift = cycle.start - old_cycle.start if old_cycle is not None else timedelta(0)
        position = next_position[original.mission_id]
        copy = _copied_objective(plan, original, old_cycle, cycle, copies, position, now)
        next_position[original.mission_id] += 1
        objectives.append(copy)
        children += _copied_links(plan, original.id, copy.id)
        key_results, kr_notes = _copied_key_results(
            plan, original.id, copy.id, latest, shift, cycle
        )
        children += key_results
        notes += kr_notes
        children += _copied_milestones(plan, original.id, copy.id, shift, cycle, now)
    records: list[Item] = [*_aligned_first(objectives), *children]
    for record in records:
        validate(record)
    return CycleCopy(cycle, tuple(objectives), tuple(records), tuple(notes))


def _originals(plan: PlanService, objective_ids: Sequence[str], cycle: Cycle) -> list[Objective]:
    """The objectives to copy, each once; refused when there are none or one is in the
    target cycle already."""
    originals = [plan.get(Objective, i) for i in dict.fromkeys(objective_ids)]
    if not originals:
        raise ValidationError("objectives", "Choose at least one objective to copy.")
    for objective in originals:
        if objective.cycle_id == cycle.id:
            raise ValidationError(
                "cycle_id",
                message(
                    "“{title}” is in {name} already; choose another cycle.",
                    title=objective.title,
                    name=cycle.name,
                ),
            )
    return originals


def _next_positions(plan: PlanService) -> dict[str | None, int]:
    """For each mission (None: none), the position after its last objective: copies go
    in at the end."""
    next_position: dict[str | None, int] = defaultdict(int)
    for sibling in plan.all(Objective):
        key = sibling.mission_id
        next_position[key] = max(next_position[key], sibling.position + 1)
    return next_position


def _copied_objective(
    plan: PlanService,
    original: Objective,
    old_cycle: Cycle | None,
    cycle: Cycle,
    copies: dict[str, str],
    position: int,
    now: datetime,
) -> Objective:
    """The objective as a new draft of the person's own in ``cycle``, its "why" carrying
    what the close decided and learned."""
    why = original.why
    for close in plan.where(ObjectiveClose, objective_id=original.id):
        why = carried_why(why, close, "" if old_cycle is None else old_cycle.name)
    return dataclasses.replace(
        original,
        why=why,
        id=copies[original.id],
        created=now,
        updated=now,
        position=position,
        cycle_id=cycle.id,
        state=ObjectiveState.DRAFT,
        confidence=None,
        aligned_to_id=copies.get(original.aligned_to_id or "", original.aligned_to_id),
        archived=False,
        origin="",
        locked=False,
        synced="",
    )


def _copied_links(plan: PlanService, original_id: str, copy_id: str) -> list[Item]:
    """The missions the original serves, as new links for the copy."""
    return [
        MissionLink(mission_id=link.mission_id, objective_id=copy_id, position=position)
        for position, link in enumerate(plan.where(MissionLink, objective_id=original_id))
    ]


def _copied_key_results(
    plan: PlanService,
    original_id: str,
    copy_id: str,
    latest: dict[str, CheckIn],
    shift: timedelta,
    cycle: Cycle,
) -> tuple[list[Item], list[str]]:
    """The original's key results that are not archived, rebased, with what the person
    should know about each."""
    copied: list[Item] = []
    notes: list[str] = []
    krs = [kr for kr in plan.children(KeyResult, original_id) if not kr.archived]
    for position, kr in enumerate(krs):
        new_kr, note = _copy_key_result(kr, copy_id, latest.get(kr.id), shift, cycle)
        copied.append(dataclasses.replace(new_kr, position=position))
        if note:
            notes.append(f"“{kr.title}”: {note}")
    return copied, notes


def _copied_milestones(
    plan: PlanService,
    original_id: str,
    copy_id: str,
    shift: timedelta,
    cycle: Cycle,
    now: datetime,
) -> list[Item]:
    """The original's milestones, not done, their due dates moved with the cycle."""
    return [
        dataclasses.replace(
            milestone,
            id=new_id(),
            created=now,
            updated=now,
            position=position,
            objective_id=copy_id,
            done_on=None,
            due=_moved(milestone.due, shift, cycle),
        )
        for position, milestone in enumerate(plan.children(Milestone, original_id))
    ]


def default_selection(plan: PlanService, cycle_id: str | None) -> list[str]:
    """The objectives of ``cycle_id`` its close decided to keep or change, in order: what
    a copy to the next cycle starts with checked (nothing, before the cycle is closed)."""
    if cycle_id is None:
        return []
    decided = {c.objective_id: c.decision for c in plan.all(ObjectiveClose)}
    return [
        o.id
        for o in plan.where(Objective, cycle_id=cycle_id)
        if decided.get(o.id) in (CloseDecision.KEEP, CloseDecision.CHANGE) and not o.archived
    ]


def _copy_key_result(
    kr: KeyResult,
    objective_id: str,
    last: CheckIn | None,
    shift: timedelta,
    cycle: Cycle,
) -> tuple[KeyResult, str]:
    value = None if last is None else last.value
    baseline, target, note = kr.baseline, kr.target, ""
    if kr.kind in REBASED_KINDS and value is not None:
        baseline = value
        if target is not None and (
            target == value
            or (kr.kind is KeyResultKind.METRIC and _reached(kr.direction, value, target))
        ):
            note = (
                f"the last value ({value:g}) meets the target ({target:g}), so the copy has "
                "no target yet: set a new one"
            )
            target = None
    now = utc_now()
    copy = dataclasses.replace(
        kr,
        id=new_id(),
        created=now,
        updated=now,
        objective_id=objective_id,
        baseline=baseline,
        target=target,
        due=_moved(kr.due, shift, cycle),
        archived=False,
        origin="",
        locked=False,
        synced="",
    )
    return copy, note


def _aligned_first(objectives: list[Objective]) -> list[Objective]:
    """A copy aligned to another copy goes in after it (SQLite checks the reference)."""
    by_id = {o.id: o for o in objectives}
    ordered: list[Objective] = []
    placed: set[str] = set()
    for objective in objectives:
        chain: list[Objective] = []
        current: Objective | None = objective
        while current is not None and current.id not in placed:
            chain.append(current)
            placed.add(current.id)
            current = by_id.get(current.aligned_to_id or "")
        ordered.extend(reversed(chain))
    return ordered


def copy_to_cycle(plan: PlanService, objective_ids: Sequence[str], cycle_id: str) -> CycleCopy:
    """Copy the objectives into the cycle, in one transaction (see the module docstring)."""
    copied = plan_copy(plan, objective_ids, cycle_id)
    plan.add_all(list(copied.records), validated=True)
    return copied
