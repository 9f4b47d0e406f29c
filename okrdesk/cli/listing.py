"""`okrdesk list --format json` with the computed numbers of every item.

Each row of the tree keeps its id, kind, title, parent and progress, and gains what the
app computes (okrdesk.services.status): expected progress, health, the forecast of a key
result, the score of a closed objective, the latest confidence, plus the item's state.
Rows that are not missions, objectives or key results have these as null. The text
format stays as it was.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from okrdesk.domain.entities import PURPOSE_INFO, Cycle, PersonalValue, Stakeholder
from okrdesk.services.missions import purpose, stakeholder_ids_by_mission
from okrdesk.services.outline import NodeKind, build_outline
from okrdesk.services.plan import PlanService
from okrdesk.services.status import plan_status

if TYPE_CHECKING:
    from okrdesk.cli import Commands

Run = Callable[[PlanService, argparse.Namespace], int]

NO_STATUS: dict[str, Any] = {
    "expected_progress": None,
    "health": None,
    "forecast": None,
    "score": None,
    "score_band": None,
    "confidence": None,
}


def json_rows(
    plan: PlanService, cycle_id: str | None = None, today: date | None = None
) -> list[dict[str, Any]]:
    """The plan's tree, depth first, with each item's numbers."""
    outline = build_outline(plan, cycle_id)
    statuses = plan_status(plan, today, cycle_id)
    names = {s.id: s.name for s in plan.all(Stakeholder)}
    whom = stakeholder_ids_by_mission(plan)
    rows = []
    if purpose(plan):
        # The person's purpose first, with their values: what the missions below serve.
        values = [v.name for v in plan.all(PersonalValue)]
        rows.append({"id": PURPOSE_INFO, "kind": "purpose", "title": purpose(plan),
                     "parent_id": None, "state": None, "progress": None, **NO_STATUS,
                     "values": values})  # fmt: skip
    for _depth, node in outline.walk():
        row: dict[str, Any] = {
            "id": node.id,
            "kind": node.kind.value,
            "title": node.title,
            "parent_id": node.parent_id,
            "state": node.state or None,
            "progress": node.progress,
        }
        status = statuses.get(node.id)
        row.update(NO_STATUS if status is None else status.as_json())
        if status is None:
            row["progress"] = node.progress
        if node.kind is NodeKind.MISSION:
            row["stakeholders"] = [names[i] for i in whom.get(node.id, []) if i in names]
        rows.append(row)
    return rows


def run_list(original: Run) -> Run:
    """`list`: JSON here, the text tree as before."""

    def run(plan: PlanService, args: argparse.Namespace) -> int:
        if getattr(args, "format", "text") != "json":
            return original(plan, args)
        from okrdesk.cli import resolve

        cycle_id = None
        if args.cycle is not None:
            cycle_id = resolve(plan.all(Cycle), args.cycle, "cycle", lambda c: c.name).id
        print(json.dumps(json_rows(plan, cycle_id), ensure_ascii=False, indent=2))
        return 0

    return run


def register(commands: Commands) -> None:
    listing = commands.top.choices["list"]
    listing.set_defaults(run=run_list(listing.get_default("run")))
