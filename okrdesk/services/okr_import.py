"""Importing a team's published OKRs (Markdown or CSV) into the open plan.

What an import creates:

- one ``Objective`` per objective found, level ``team`` (``company`` when its owner is the
  CEO, the company, the board or the founders), state ``active`` (a published OKR is in
  effect), owner from the document's owner prefix, else the ``team`` given, else empty;
  an objective nested under another one is aligned to it (``aligned_to_id``);
- one ``KeyResult`` per key result, with the baseline, target and unit its text (or its
  table/CSV columns) states: kind ``metric`` when there is a target, ``milestone`` when
  there is none;
- the ``Cycle`` it belongs to, found by name (so "2019 Q4" finds "2019-Q4") or created with
  the dates its name implies (see ``okr_cycles``); a document that names no cycle gets a
  three-month cycle starting today.

Imported items are team items kept in step with their source (see ``team_sync``): their
ids are derived from the source (``origin``), the cycle, the objective they are nested under
and their title, so importing a newer version of the document updates targets, archives
what it dropped and adds what is new; importing the same document twice changes nothing.
A changed title reads as a new item (and the old one is archived): the text is the only
name a Markdown or CSV item has.

End-of-cycle grades the document gives (``(0.45)``, ``-- (0.9)``) are never taken as targets.
They are kept in the report (``ImportReport.grades``) and not stored: a key result has no
field for a final score (the plan derives an objective's score from its key results'
check-ins at the close, and a milestone's progress is 0 or 1), so storing them needs a
nullable ``final_score`` (0-1) on key results, read by ``objective_score`` when set.

Everything goes in as one transaction: the whole file or, on any error, nothing. Hostile
input is refused before parsing: a file over 10 MB, binary content, text that is not UTF-8;
the readers refuse a document over their caps (``okr_parsed``).
Titles longer than the plan allows are shortened at a word and listed in the report (an
objective keeps its full title as its "why").
"""

from __future__ import annotations

import dataclasses
import uuid
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from okrdesk.domain.entities import Cycle, Item, KeyResult, Objective
from okrdesk.domain.enums import Direction, KeyResultKind, Level, ObjectiveState
from okrdesk.domain.messages import message
from okrdesk.domain.okr_csv import parse_okr_csv
from okrdesk.domain.okr_cycles import cycle_dates, default_cycle_dates, normalise_cycle_name
from okrdesk.domain.okr_markdown import parse_okr_markdown
from okrdesk.domain.okr_numbers import Quantities, extract_quantities, parse_quantity
from okrdesk.domain.okr_parsed import (
    DocumentRefused,
    NotUnderstood,
    ParsedDocument,
    ParsedKeyResult,
    ParsedObjective,
)
from okrdesk.domain.validation import MAX_TITLE
from okrdesk.services import files
from okrdesk.services.errors import ImportRefused
from okrdesk.services.plan import PlanService
from okrdesk.services.team_sync import SyncResult, TeamItems, sync_team

MAX_IMPORT_BYTES = 10 * 1024 * 1024
MAX_UNIT = 100
MAX_OWNER = 300
# Ids of imported items are UUIDs derived from what names them (see the module's docstring).
ID_NAMESPACE = uuid.UUID("4f1c2a56-0e7b-4d4f-9a51-6b3f1a0d7c21")
COMPANY_OWNERS = frozenset({"ceo", "company", "the company", "board", "founders", "founder"})


@dataclass(frozen=True)
class ImportReport:
    source: str
    # The cycles the objectives went into, and which of them the import created.
    cycles: tuple[str, ...]
    created_cycles: tuple[str, ...]
    objectives: int
    key_results: int
    # Key results whose text (or columns) stated a target.
    with_target: int
    # Objectives aligned to the objective they were nested under.
    aligned: int
    not_understood: tuple[NotUnderstood, ...]
    # Lines whose title was too long for the plan and was shortened.
    shortened: tuple[int, ...] = ()
    # What the import added, updated, archived, left alone, or could not take.
    sync: SyncResult = field(default_factory=lambda: SyncResult(origin=""))
    # End-of-cycle grades read beside objectives and key results: (line, title, grade).
    grades: tuple[tuple[int, str, float], ...] = ()

    def summary(self) -> str:
        """One paragraph for a status bar or the command line."""
        cycles = ", ".join(
            f"{name} (new)" if name in self.created_cycles else name for name in self.cycles
        )
        text = (
            f"Read {self.objectives} objective{'s' if self.objectives != 1 else ''} and "
            f"{self.key_results} key result{'s' if self.key_results != 1 else ''} "
            f"({self.with_target} with a target) from {self.source} into {cycles}"
        )
        text += f": {self.sync.counts_text()}."
        if self.not_understood:
            count = len(self.not_understood)
            text += f" {count} passage{'s' if count != 1 else ''} not understood."
        if self.shortened:
            text += f" {len(self.shortened)} title(s) shortened to {MAX_TITLE} characters."
        if self.grades:
            text += " " + message(
                "{count} end-of-cycle grades read and not stored (a key result has no field "
                "for a final score yet).",
                count=len(self.grades),
            )
        return text

    def details(self) -> list[str]:
        """One line per passage that was not understood or shortened, in file order."""
        lines = [entry.describe() for entry in self.not_understood]
        lines += [f"line {n}: title shortened to {MAX_TITLE} characters" for n in self.shortened]
        lines += [
            message(
                "line {line}: grade {grade:g} for “{title}” not stored", line=n, grade=g, title=t
            )
            for n, t, g in self.grades
        ]
        return lines + self.sync.details(with_added=False)


def read_import_text(path: Path) -> str:
    """The file's text, or ImportRefused when it is too big, binary, not UTF-8 or cannot be
    read (the size-capped read of ``services.files``, as every import's)."""
    try:
        return files.read_text(path, MAX_IMPORT_BYTES)
    except OSError as error:
        raise ImportRefused(
            message("Cannot read {name}: {why}.", name=path.name, why=error.strerror or error)
        ) from None


def import_markdown(
    plan: PlanService, path: Path, team: str | None = None, cycle: str | None = None
) -> ImportReport:
    """Import a Markdown OKR document (``team`` and ``cycle`` fill in what it does not say)."""
    document = read_markdown(path)
    return import_document(
        plan,
        document,
        path.name,
        team=team,
        cycle=cycle,
        origin=document_origin("markdown", path, team),
    )


def import_csv(
    plan: PlanService,
    path: Path,
    column_map: Mapping[str, str] | None = None,
    *,
    team: str | None = None,
    cycle: str | None = None,
) -> ImportReport:
    """Import OKRs from a CSV file (see ``okr_csv`` for the columns and ``column_map``)."""
    document = read_csv(path, column_map)
    return import_document(
        plan, document, path.name, team=team, cycle=cycle, origin=document_origin("csv", path, team)
    )


def read_markdown(path: Path) -> ParsedDocument:
    """The document in a Markdown file, or ImportRefused (one sentence) when it is none."""
    try:
        return parse_okr_markdown(read_import_text(path))
    except DocumentRefused as error:
        raise ImportRefused(message("{name}: {error}", name=path.name, error=error)) from None


def read_csv(path: Path, column_map: Mapping[str, str] | None = None) -> ParsedDocument:
    """The OKRs in a CSV file, or ImportRefused (one sentence) when it holds none."""
    try:
        return parse_okr_csv(read_import_text(path), column_map)
    except DocumentRefused as error:
        raise ImportRefused(message("{name}: {error}", name=path.name, error=error)) from None


def document_origin(kind: str, path: Path, team: str | None) -> str:
    """A document's origin: the team it is for when given (so next quarter's file of the
    same team is the same source), else the file's name."""
    return f"{kind}:{(team or '').strip() or path.name}"


def import_document(
    plan: PlanService,
    document: ParsedDocument,
    source: str,
    *,
    team: str | None = None,
    cycle: str | None = None,
    today: date | None = None,
    origin: str | None = None,
) -> ImportReport:
    """Store a parsed document's objectives and key results in one transaction, or bring
    the plan in step with a newer version of the same document (same ``origin``)."""
    if not document.objectives:
        hint = "; ".join(e.describe() for e in document.not_understood[:3])
        raise ImportRefused(
            f"Found no objectives in {source}." + (f" Not understood: {hint}" if hint else "")
        )
    origin = origin or f"document:{source}"
    builder = _RecordBuilder(
        plan, team=(team or "").strip(), today=today or date.today(), origin=origin
    )
    for parsed in document.objectives:
        name = (cycle or "").strip() or parsed.cycle or document.cycle
        builder.add_objective(parsed, builder.cycle_for(name))
    result = sync_team(
        plan,
        TeamItems(
            origin=origin,
            source=source,
            cycles=builder.cycles,
            objectives=builder.objectives,
            key_results=builder.key_results,
        ),
    )
    return ImportReport(
        source=source,
        cycles=tuple(builder.used_cycles),
        created_cycles=tuple(builder.created_cycles),
        objectives=builder.objective_count,
        key_results=builder.key_result_count,
        with_target=builder.with_target,
        aligned=builder.aligned,
        not_understood=document.not_understood,
        shortened=tuple(builder.shortened),
        sync=result,
        grades=tuple(_grades(document)),
    )


def _grades(document: ParsedDocument) -> list[tuple[int, str, float]]:
    found: list[tuple[int, str, float]] = []
    for objective in document.objectives:
        if objective.grade is not None:
            found.append((objective.line, objective.title, objective.grade))
        found += [
            (kr.line, kr.text, kr.grade) for kr in objective.key_results if kr.grade is not None
        ]
    return found


class _RecordBuilder:
    """Turns parsed objectives into records, parents first, positions after what exists."""

    def __init__(self, plan: PlanService, team: str, today: date, origin: str) -> None:
        self.plan = plan
        self.team = team
        self.today = today
        self.origin = origin
        self.cycles: list[Cycle] = []
        self.objectives: list[Objective] = []
        self.key_results: list[KeyResult] = []
        self.cycle_names: dict[str, str] = {}
        self.names_used: Counter[str] = Counter()
        self.existing_cycles = plan.all(Cycle)
        self.cycle_ids: dict[str, str] = {}
        self.used_cycles: list[str] = []
        self.created_cycles: list[str] = []
        siblings = plan.children(Objective, None)
        self.next_objective_position = max((o.position for o in siblings), default=-1) + 1
        self.next_cycle_position = max((c.position for c in self.existing_cycles), default=-1) + 1
        self.objective_ids: list[str] = []
        self.objective_count = 0
        self.key_result_count = 0
        self.with_target = 0
        self.aligned = 0
        self.shortened: list[int] = []

    @property
    def records(self) -> list[Item]:
        """Parents before children: cycles, objectives (aligned ones after theirs), KRs."""
        return [*self.cycles, *self.objectives, *self.key_results]

    def _derived_id(self, *names: str) -> str:
        """The same names give the same id on every import; a repeat gets its ordinal."""
        key = "\x1f".join((self.origin, *names))
        self.names_used[key] += 1
        return str(uuid.uuid5(ID_NAMESPACE, f"{key}\x1f{self.names_used[key]}"))

    # cycles

    def cycle_for(self, name: str) -> str:
        canonical = normalise_cycle_name(name) or name.strip()
        if not canonical:
            canonical = f"Imported {self.today.isoformat()}"
        if canonical in self.cycle_ids:
            return self.cycle_ids[canonical]
        found = next((c for c in self.existing_cycles if _same_cycle(c.name, canonical)), None)
        if found is None:
            start, end = cycle_dates(canonical) or default_cycle_dates(self.today)
            found = Cycle(
                name=canonical[:MAX_TITLE],
                start=start,
                end=end,
                position=self.next_cycle_position,
            )
            self.next_cycle_position += 1
            self.cycles.append(found)
            self.created_cycles.append(found.name)
        self.cycle_ids[canonical] = found.id
        self.cycle_names[found.id] = canonical.casefold()
        self.used_cycles.append(found.name)
        return found.id

    # objectives and key results

    def add_objective(self, parsed: ParsedObjective, cycle_id: str) -> None:
        title, cut = _fit(parsed.title)
        if cut:
            self.shortened.append(parsed.line)
        owner = (parsed.owner or self.team)[:MAX_OWNER]
        parent_id = self.objective_ids[parsed.parent] if parsed.parent is not None else None
        objective = Objective(
            id=self._derived_id(self.cycle_names[cycle_id], parent_id or "", title),
            title=title,
            why=parsed.title if cut else parsed.description,
            cycle_id=cycle_id,
            level=Level.COMPANY if owner.strip().lower() in COMPANY_OWNERS else Level.TEAM,
            owner=owner,
            state=ObjectiveState.ACTIVE,
            aligned_to_id=parent_id,
            position=self.next_objective_position,
        )
        self.next_objective_position += 1
        self.objective_ids.append(objective.id)
        self.objectives.append(objective)
        self.objective_count += 1
        self.aligned += parent_id is not None
        for position, parsed_kr in enumerate(parsed.key_results):
            self.key_results.append(self._key_result(parsed_kr, objective.id, position))

    def _key_result(self, parsed: ParsedKeyResult, objective_id: str, position: int) -> KeyResult:
        title, cut = _fit(parsed.text)
        if cut:
            self.shortened.append(parsed.line)
        numbers = stated_numbers(parsed)
        self.key_result_count += 1
        self.with_target += numbers.target is not None
        return KeyResult(
            id=self._derived_id(objective_id, title),
            objective_id=objective_id,
            title=title,
            kind=KeyResultKind.METRIC if numbers.target is not None else KeyResultKind.MILESTONE,
            direction=numbers.direction or Direction.INCREASE,
            baseline=numbers.baseline,
            target=numbers.target,
            unit=numbers.unit[:MAX_UNIT],
            position=position,
        )


def stated_numbers(parsed: ParsedKeyResult) -> Quantities:
    """Numbers from the key result's own columns when it has them, else from its text; made
    consistent for storing (a target equal to the baseline drops the baseline, and the
    direction follows from baseline and target)."""
    numbers = extract_quantities(parsed.text)
    target = parse_quantity(parsed.target_text) if parsed.target_text else None
    if target is not None:
        baseline = parse_quantity(parsed.baseline_text) if parsed.baseline_text else None
        numbers = Quantities(
            baseline=baseline[0] if baseline else None,
            target=target[0],
            unit=parsed.unit_text or target[1] or (baseline[1] if baseline else ""),
            direction=numbers.direction,
            source=parsed.target_text,
        )
    elif parsed.unit_text and numbers.target is not None:
        numbers = dataclasses.replace(numbers, unit=parsed.unit_text)
    if numbers.target is None:
        return Quantities()
    if numbers.baseline is not None:
        if numbers.baseline == numbers.target:
            return dataclasses.replace(numbers, baseline=None)
        direction = Direction.DECREASE if numbers.target < numbers.baseline else Direction.INCREASE
        return dataclasses.replace(numbers, direction=direction)
    return numbers


def _same_cycle(existing: str, wanted: str) -> bool:
    canonical = normalise_cycle_name(existing)
    if canonical and canonical == normalise_cycle_name(wanted):
        return True
    return existing.strip().casefold() == wanted.strip().casefold()


def _fit(text: str) -> tuple[str, bool]:
    """The text cut at a word to fit a title, and whether it had to be cut."""
    if len(text) <= MAX_TITLE:
        return text, False
    cut = text[: MAX_TITLE - 1]
    if " " in cut[MAX_TITLE // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:") + "…", True
