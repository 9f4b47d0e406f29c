"""The items of a plan that need repair, in sentences a person understands.

A plan may hold values okrdesk cannot use as they are (see ``okrdesk.store.repairs``):
they read as safe values, so the plan opens, lists and exports, and this module says which
item and field hold what, and what okrdesk reads instead. The coach shows them (rules
``*-NEEDS-REPAIR``), and the window can mark the items (``repair_subjects``).
"""

from __future__ import annotations

import weakref
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from okrdesk.domain.entities import (
    TYPE_NAMES,
    ActionItem,
    AgendaPoint,
    CheckIn,
    GrowthNote,
    Item,
    MissionLink,
    Snapshot,
)
from okrdesk.domain.messages import Message, message
from okrdesk.domain.repair import is_required
from okrdesk.domain.text import shorten
from okrdesk.domain.validation import DATE_MAX, DATE_MIN
from okrdesk.services.plan import PlanService
from okrdesk.store.repairs import Finding, Problem, find_problems

# Where a finding is shown: the item the person works on that holds it (a check-in's key
# result, a growth note's milestone), else the plan as a whole.
PLAN_SUBJECT = "plan"
_SHOWN_ON: dict[type[Item], str] = {
    CheckIn: "key_result_id",
    GrowthNote: "milestone_id",
    MissionLink: "mission_id",
    ActionItem: "meeting_id",
    AgendaPoint: "meeting_id",
    Snapshot: "meeting_id",
}


@dataclass(frozen=True)
class Repair:
    """One value of one item that needs the person's repair."""

    item_type: type[Item]
    item_id: str
    label: str
    field: str
    problem: Message

    def describe(self) -> Message:
        return message(
            "{kind} “{label}”, field “{field}”: {problem}",
            kind=TYPE_NAMES[self.item_type],
            label=self.label,
            field=self.field,
            problem=self.problem,
        )


def _shown(value: Any) -> str:
    if isinstance(value, bytes):
        return f"{len(value)} bytes of binary data"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    text = str(value)
    return shorten(text, 40)


def _read_as(value: Any) -> str:
    return "nothing" if value is None else f"“{_shown(value)}”"


def _sentence(finding: Finding) -> Message:
    raw, read_as = _shown(finding.raw), _read_as(finding.read_as)
    match finding.problem:
        case Problem.UNKNOWN_WORD:
            return message(
                "holds “{raw}”, which okrdesk does not know; it reads as {read_as}.",
                raw=raw,
                read_as=read_as,
            )
        case Problem.NOT_A_NUMBER:
            return message(
                "holds “{raw}”, which is no number; it reads as {read_as}.",
                raw=raw,
                read_as=read_as,
            )
        case Problem.OUT_OF_RANGE if finding.read_as != finding.raw:
            return message(
                "holds {raw}, beyond the ±10^15 okrdesk accepts; it reads as {read_as}.",
                raw=raw,
                read_as=read_as,
            )
        case Problem.OUT_OF_RANGE:
            return message(
                "holds {raw}, beyond the ±10^15 okrdesk accepts; charts leave it out.", raw=raw
            )
        case Problem.NOT_A_DAY:
            return message(
                "holds “{raw}”, which is no day; it reads as {read_as}.",
                raw=raw,
                read_as=read_as,
            )
        case Problem.OUTSIDE_WINDOW:
            return message(
                "holds {raw}, outside {first} to {last}; charts leave it out.",
                raw=raw,
                first=DATE_MIN.isoformat(),
                last=DATE_MAX.isoformat(),
            )
        case Problem.NOT_TEXT:
            return message("holds {raw}, not text; it reads as text.", raw=raw)
        case Problem.DANGLING if is_required(finding.item_type, finding.field):
            return message(
                "refers to “{raw}”, which is not in the plan; exports leave this {kind} out.",
                raw=raw,
                kind=TYPE_NAMES[finding.item_type],
            )
        case Problem.DANGLING:
            return message(
                "refers to “{raw}”, which is not in the plan; exports leave the reference out.",
                raw=raw,
            )
    return message("holds “{raw}”.", raw=raw)  # pragma: no cover - every problem above


# The last answer per open plan, with the plan's revision then: a scan of a 50,000-item
# plan costs about a fifth of the coach's whole look at it, and the answer changes only
# when the plan is written.
_LAST: weakref.WeakKeyDictionary[PlanService, tuple[int, list[Repair]]] = (
    weakref.WeakKeyDictionary()
)


def needing_repair(plan: PlanService) -> list[Repair]:
    """Every value of the plan that needs repair, one sentence each (see the module)."""
    last = _LAST.get(plan)
    if last is not None and last[0] == plan.revision:
        return list(last[1])
    revision = plan.revision
    repairs = _scan(plan)
    _LAST[plan] = (revision, repairs)
    return list(repairs)


def _scan(plan: PlanService) -> list[Repair]:
    with plan.database.reading() as s:
        findings = find_problems(s)
    labels: dict[tuple[type[Item], str], str] = {}
    repairs: list[Repair] = []
    for finding in findings:
        key = (finding.item_type, finding.item_id)
        if key not in labels:
            found = plan.find(finding.item_type, finding.item_id)
            labels[key] = finding.item_id if found is None else _label(found)
        repairs.append(
            Repair(
                finding.item_type, finding.item_id, labels[key], finding.field, _sentence(finding)
            )
        )
    return repairs


def _label(item: Item) -> str:
    label = item.label
    return shorten(label, 60)


def repair_subjects(
    plan: PlanService, repairs: list[Repair] | None = None
) -> dict[str, list[Message]]:
    """The repairs by the id of the item to point at (``PLAN_SUBJECT`` for the plan)."""
    found = needing_repair(plan) if repairs is None else repairs
    by_subject: dict[str, list[Message]] = defaultdict(list)
    for repair in found:
        subject = repair.item_id
        parent_field = _SHOWN_ON.get(repair.item_type)
        if parent_field is not None:
            item = plan.find(repair.item_type, repair.item_id)
            parent = None if item is None else getattr(item, parent_field)
            subject = parent if isinstance(parent, str) else PLAN_SUBJECT
        by_subject[subject].append(repair.describe())
    return dict(by_subject)
