"""A look at a Markdown or CSV OKR document before anything is written, then the import of
the part the person keeps.

``preview_markdown(path)`` / ``preview_csv(path, column_map)`` read the file (nothing is
written, no plan is needed) into an ``ImportPreview``: the objectives found as a tree (an
objective nested under another is its child), each with its owner, cycle, grade and status
and its key results with the numbers read from them (baseline, target, unit) and their
grades and status notes; and the passages skipped, with their lines and why. Every objective
and key result has a stable ``key`` ("o3", "o3.k1") for a tick box.

``import_preview(plan, preview, excluded=..., team=..., cycle=...)`` imports it in one
transaction, leaving out the unticked keys: an objective left out takes its key results
with it, and an objective nested under one left out is aligned to the nearest one kept.
``team`` names the owner of what names none; ``cycle`` puts every objective in that cycle.

The GUI's preview dialog shows ``roots()`` and ``children(key)`` as a tree with tick boxes,
``skipped`` as a list, a team field and a cycle chooser, then calls ``import_preview`` off
the UI thread.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from okrdesk.domain.messages import message
from okrdesk.domain.okr_parsed import NotUnderstood, ParsedDocument, ParsedObjective
from okrdesk.services.okr_import import (
    ImportReport,
    document_origin,
    import_document,
    read_csv,
    read_markdown,
    stated_numbers,
)
from okrdesk.services.plan import PlanService


@dataclass(frozen=True)
class PreviewKeyResult:
    key: str
    line: int
    text: str
    owner: str
    priority: str
    status: str
    grade: float | None
    baseline: float | None
    target: float | None
    unit: str


@dataclass(frozen=True)
class PreviewObjective:
    key: str
    line: int
    title: str
    owner: str
    cycle: str
    priority: str
    status: str
    grade: float | None
    # The key of the objective this one is nested under, if any.
    parent: str | None
    key_results: tuple[PreviewKeyResult, ...]


@dataclass(frozen=True)
class ImportPreview:
    source: str
    kind: str  # "markdown" or "csv"
    path: Path
    title: str
    # The cycle most objectives are in, and every cycle named (in document order).
    cycle: str
    cycles: tuple[str, ...]
    objectives: tuple[PreviewObjective, ...]
    skipped: tuple[NotUnderstood, ...]
    document: ParsedDocument

    @property
    def key_result_count(self) -> int:
        return sum(len(o.key_results) for o in self.objectives)

    def roots(self) -> list[PreviewObjective]:
        return [o for o in self.objectives if o.parent is None]

    def children(self, key: str) -> list[PreviewObjective]:
        return [o for o in self.objectives if o.parent == key]

    def summary(self) -> str:
        return message(
            "{source}: {objectives} objectives and {key_results} key results found "
            "({targets} with a target, {grades} graded); {skipped} passages skipped.",
            source=self.source,
            objectives=len(self.objectives),
            key_results=self.key_result_count,
            targets=sum(kr.target is not None for o in self.objectives for kr in o.key_results),
            grades=sum(kr.grade is not None for o in self.objectives for kr in o.key_results),
            skipped=len(self.skipped),
        )


def preview_markdown(path: Path) -> ImportPreview:
    """What importing the Markdown file would bring in (ImportRefused when it is none)."""
    return _preview(read_markdown(path), "markdown", path)


def preview_csv(path: Path, column_map: Mapping[str, str] | None = None) -> ImportPreview:
    """What importing the CSV file would bring in (ImportRefused when it is none)."""
    return _preview(read_csv(path, column_map), "csv", path)


def _preview(document: ParsedDocument, kind: str, path: Path) -> ImportPreview:
    objectives = tuple(_objective(index, o) for index, o in enumerate(document.objectives))
    cycles = tuple(dict.fromkeys(o.cycle for o in document.objectives if o.cycle))
    return ImportPreview(
        source=path.name,
        kind=kind,
        path=path,
        title=document.title,
        cycle=document.cycle,
        cycles=cycles,
        objectives=objectives,
        skipped=document.not_understood,
        document=document,
    )


def _objective(index: int, parsed: ParsedObjective) -> PreviewObjective:
    key = f"o{index}"
    key_results = []
    for position, kr in enumerate(parsed.key_results):
        numbers = stated_numbers(kr)
        key_results.append(
            PreviewKeyResult(
                key=f"{key}.k{position}",
                line=kr.line,
                text=kr.text,
                owner=kr.owner,
                priority=kr.priority,
                status=kr.status,
                grade=kr.grade,
                baseline=numbers.baseline,
                target=numbers.target,
                unit=numbers.unit,
            )
        )
    return PreviewObjective(
        key=key,
        line=parsed.line,
        title=parsed.title,
        owner=parsed.owner,
        cycle=parsed.cycle,
        priority=parsed.priority,
        status=parsed.status,
        grade=parsed.grade,
        parent=None if parsed.parent is None else f"o{parsed.parent}",
        key_results=tuple(key_results),
    )


def chosen_document(preview: ImportPreview, excluded: Collection[str]) -> ParsedDocument:
    """The document without the excluded objectives and key results (keys as in the preview);
    an objective whose parent was left out is aligned to the nearest ancestor kept."""
    parsed = preview.document.objectives
    kept = [i for i in range(len(parsed)) if f"o{i}" not in excluded]
    new_index = {old: new for new, old in enumerate(kept)}

    def kept_parent(index: int) -> int | None:
        parent = parsed[index].parent
        while parent is not None and parent not in new_index:
            parent = parsed[parent].parent
        return None if parent is None else new_index[parent]

    objectives = tuple(
        dataclasses.replace(
            parsed[i],
            parent=kept_parent(i),
            key_results=tuple(
                kr for k, kr in enumerate(parsed[i].key_results) if f"o{i}.k{k}" not in excluded
            ),
        )
        for i in kept
    )
    return dataclasses.replace(preview.document, objectives=objectives)


def import_preview(
    plan: PlanService,
    preview: ImportPreview,
    *,
    excluded: Collection[str] = (),
    team: str | None = None,
    cycle: str | None = None,
) -> ImportReport:
    """Import what the person kept of the preview, in one transaction (ImportRefused when
    nothing is left)."""
    return import_document(
        plan,
        chosen_document(preview, set(excluded)),
        preview.source,
        team=team,
        cycle=cycle,
        origin=document_origin(preview.kind, preview.path, team),
    )
