"""The plan's objectives and key results for other tools: a spreadsheet (CSV) and a page a
handbook or a repository would publish (Markdown).

``export_csv`` writes one row per key result: objective, key result, mission, cycle,
owner, baseline, target, current value, unit, progress, health (objectives without key
results get a row of their own). Text cells that a spreadsheet would run as a formula
(starting with ``= + - @``, a tab or a carriage return) are prefixed with an apostrophe;
the CSV import takes that prefix off again. Numbers are written as numbers.

``export_markdown`` writes a heading per cycle (``## 2026-Q2``, ``## Cycle: Autumn``), a
labelled heading per objective (``### Objective: Ana: Grow the blog``, its grade after
it once closed, ``(0.7)``), its "why" below, one item per key result (``- KR: …``) with
``Target:``, ``Baseline:`` and ``Unit:`` sub-items; an objective aligned to another of the
same cycle is a heading one level deeper. The Markdown import reads it back to the same structure.
Limits: a title that itself reads like a label, an owner prefix, a trailing grade or a
status note ("… => done") is read back as one.

Both refuse to write onto the open plan, a plan file, or an existing file unless ``force``
(``services.files``), and write the whole file or nothing. ``cycle_id`` limits an export to
one cycle.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from okrdesk.domain.entities import CheckIn, Cycle, KeyResult, Mission, Objective
from okrdesk.domain.okr_cycles import section_cycle
from okrdesk.domain.okr_text import split_owner
from okrdesk.services.files import check_target, write_file
from okrdesk.services.plan import PlanService
from okrdesk.services.status import ItemStatus, plan_status

CSV_COLUMNS = (
    "objective",
    "key result",
    "mission",
    "cycle",
    "owner",
    "baseline",
    "target",
    "current value",
    "unit",
    "progress",
    "health",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class ExportCounts:
    objectives: int
    key_results: int


@dataclass(frozen=True)
class _Plan:
    """What an export writes, loaded once."""

    objectives: list[Objective]
    key_results: dict[str, list[KeyResult]]
    cycles: dict[str, Cycle]
    missions: dict[str, Mission]
    latest: dict[str, CheckIn]
    status: dict[str, ItemStatus]


def _load(plan: PlanService, cycle_id: str | None, today: date | None) -> _Plan:
    objectives = [
        o
        for o in sorted(plan.all(Objective), key=lambda o: (o.position, o.created))
        if not o.archived and (cycle_id is None or o.cycle_id == cycle_id)
    ]
    key_results: dict[str, list[KeyResult]] = defaultdict(list)
    for kr in sorted(plan.all(KeyResult), key=lambda k: k.position):
        if not kr.archived:
            key_results[kr.objective_id].append(kr)
    latest: dict[str, CheckIn] = {}
    for check_in in sorted(plan.all(CheckIn), key=lambda c: (c.date, c.created)):
        latest[check_in.key_result_id] = check_in
    return _Plan(
        objectives=objectives,
        key_results=key_results,
        cycles={c.id: c for c in plan.all(Cycle)},
        missions={m.id: m for m in plan.all(Mission)},
        latest=latest,
        status=plan_status(plan, today),
    )


# -- CSV ---------------------------------------------------------------------------------


def spreadsheet_safe(text: str) -> str:
    """A text cell a spreadsheet shows as text: a leading formula character is quoted."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


# Columns holding numbers okrdesk wrote; every other cell is text and made spreadsheet-safe.
_NUMBER_COLUMNS = frozenset({"baseline", "target", "current value", "progress"})


def csv_text(plan: PlanService, cycle_id: str | None = None, today: date | None = None) -> str:
    data = _load(plan, cycle_id, today)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for objective in data.objectives:
        rows: list[KeyResult | None] = [*data.key_results.get(objective.id, [])] or [None]
        for kr in rows:
            row = _csv_row(objective, kr, data)
            writer.writerow(
                [row[c] if c in _NUMBER_COLUMNS else spreadsheet_safe(row[c]) for c in CSV_COLUMNS]
            )
    return out.getvalue()


def _csv_row(objective: Objective, kr: KeyResult | None, data: _Plan) -> dict[str, str]:
    mission = data.missions.get(objective.mission_id or "")
    cycle = data.cycles.get(objective.cycle_id or "")
    row = dict.fromkeys(CSV_COLUMNS, "")
    row["objective"] = objective.title
    row["mission"] = mission.title if mission else ""
    row["cycle"] = cycle.name if cycle else ""
    row["owner"] = objective.owner
    if kr is None:
        return row
    status = data.status.get(kr.id)
    latest = data.latest.get(kr.id)
    progress = None if status is None else status.progress
    row["key result"] = kr.title
    row["baseline"] = _number(kr.baseline)
    row["target"] = _number(kr.target)
    row["current value"] = _number(None if latest is None else latest.value)
    row["unit"] = kr.unit
    row["progress"] = "" if progress is None else f"{progress:.2f}"
    row["health"] = "" if status is None else status.health.value
    return row


def export_csv(
    plan: PlanService,
    path: Path,
    *,
    cycle_id: str | None = None,
    force: bool = False,
    today: date | None = None,
) -> ExportCounts:
    # Refused before the work of writing it, and checked again when it is written.
    check_target(Path(path), overwrite=force, plan=plan.path)
    text = csv_text(plan, cycle_id, today)
    write_file(Path(path), text.encode("utf-8"), overwrite=force, plan=plan.path)
    return _counts(plan, cycle_id)


# -- Markdown ------------------------------------------------------------------------------

_ESCAPED = re.compile(r"([\\`*_\[\]<>|~&])")
_LINE_START = re.compile(r"^(#|[-+]\s|\d{1,9}[.)]\s|>)")


def markdown_escape(text: str) -> str:
    """User text as Markdown that shows exactly that text (never markup)."""
    escaped = _ESCAPED.sub(r"\\\1", " ".join(text.split()))
    return _LINE_START.sub(r"\\\1", escaped)


def _cycle_heading(cycle: Cycle | None) -> str:
    if cycle is None:
        return "## Without a cycle"
    name = markdown_escape(cycle.name)
    return f"## {name}" if section_cycle(cycle.name) == cycle.name.strip() else f"## Cycle: {name}"


def _objective_heading(objective: Objective, level: int, status: ItemStatus | None) -> str:
    owner = objective.owner.strip()
    readable = bool(owner) and split_owner(f"{owner}: x")[0] == owner
    title = f"{markdown_escape(owner)}: " if readable else ""
    title += markdown_escape(objective.title)
    if objective.state.is_closed and status is not None and status.score is not None:
        title += f" ({status.score:.2f})"
    return f"{'#' * min(level, 6)} Objective: {title}"


def _key_result_lines(kr: KeyResult) -> list[str]:
    lines = [f"- KR: {markdown_escape(kr.title)}"]
    if kr.target is not None:
        lines.append(f"  - Target: {kr.target:g}")
    if kr.baseline is not None:
        lines.append(f"  - Baseline: {kr.baseline:g}")
    if kr.unit:
        lines.append(f"  - Unit: {markdown_escape(kr.unit)}")
    return lines


def markdown_text(
    plan: PlanService, cycle_id: str | None = None, today: date | None = None, title: str = "OKRs"
) -> str:
    data = _load(plan, cycle_id, today)
    by_cycle: dict[str | None, list[Objective]] = defaultdict(list)
    for objective in data.objectives:
        by_cycle[objective.cycle_id].append(objective)
    order = sorted(by_cycle, key=lambda c: (c is None, data.cycles[c].start if c else date.min))
    lines = [f"# {markdown_escape(title)}", ""]
    for cycle_id_ in order:
        lines += [_cycle_heading(data.cycles.get(cycle_id_ or "")), ""]
        members = by_cycle[cycle_id_]
        ids = {o.id for o in members}
        children: dict[str | None, list[Objective]] = defaultdict(list)
        for objective in members:
            parent = objective.aligned_to_id if objective.aligned_to_id in ids else None
            children[parent].append(objective)
        lines += _objective_tree(children, None, 3, data)
    return "\n".join(lines).rstrip() + "\n"


def _objective_tree(
    children: dict[str | None, list[Objective]], parent: str | None, level: int, data: _Plan
) -> list[str]:
    lines: list[str] = []
    for objective in children.get(parent, []):
        lines += [_objective_heading(objective, level, data.status.get(objective.id)), ""]
        if objective.why.strip():
            lines += [markdown_escape(objective.why), ""]
        krs = data.key_results.get(objective.id, [])
        for kr in krs:
            lines += _key_result_lines(kr)
        if krs:
            lines.append("")
        lines += _objective_tree(children, objective.id, level + 1, data)
    return lines


def export_markdown(
    plan: PlanService,
    path: Path,
    *,
    cycle_id: str | None = None,
    force: bool = False,
    today: date | None = None,
) -> ExportCounts:
    # Refused before the work of writing it, and checked again when it is written.
    check_target(Path(path), overwrite=force, plan=plan.path)
    text = markdown_text(plan, cycle_id, today)
    write_file(Path(path), text.encode("utf-8"), overwrite=force, plan=plan.path)
    return _counts(plan, cycle_id)


def _counts(plan: PlanService, cycle_id: str | None) -> ExportCounts:
    objectives = [
        o for o in plan.all(Objective) if not o.archived and cycle_id in (None, o.cycle_id)
    ]
    ids = {o.id for o in objectives}
    key_results = [k for k in plan.all(KeyResult) if not k.archived and k.objective_id in ids]
    return ExportCounts(objectives=len(objectives), key_results=len(key_results))
