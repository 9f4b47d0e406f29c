"""The JSON exchange file: export a whole plan, import one into the open plan.

The format is documented in ``docs/exchange-format.md``. In short: one JSON object with
``"format": "okrdesk-plan"``, an integer ``"version"``, an ``"exported"`` time stamp and one
flat list per item type; every item carries its ``id``, the ids of its parent and of what
it refers to, and every field of its record under the field's name.

An import is checked completely before anything is written (types, ids, references,
loops, sizes), then goes in as one transaction (parents first, see
``PlanService.add_all``): a file is taken whole or not at all.
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from okrdesk.domain.entities import (
    PARENT_FIELD,
    PURPOSE_INFO,
    REFERENCE_TARGETS,
    TYPE_NAMES,
    ActionItem,
    AgendaPoint,
    CheckIn,
    Cycle,
    Dismissal,
    EvidenceLink,
    GrowthNote,
    Item,
    KeyResult,
    Meeting,
    Milestone,
    MilestoneSkill,
    Mission,
    MissionEvaluation,
    MissionLink,
    MissionStakeholder,
    MissionValue,
    NextStep,
    NoteSkill,
    Objective,
    ObjectiveClose,
    PersonalValue,
    Skill,
    SkillStep,
    Snapshot,
    Stakeholder,
    utc_now,
)
from okrdesk.domain.messages import Message, message
from okrdesk.domain.repair import make_importable
from okrdesk.domain.text import shorten
from okrdesk.domain.validation import MAX_TEXT, ValidationError, coerce, validate
from okrdesk.services import files
from okrdesk.services.errors import ImportRefused
from okrdesk.services.files import check_target, write_file
from okrdesk.services.plan import PlanService, plural
from okrdesk.store.mapping import ROW_TYPES
from okrdesk.store.schema import MissionLinkRow

FORMAT_TAG = "okrdesk-plan"
# Every version from OLDEST_VERSION up to this one is read. 2: the retrospective of a
# closed cycle (objective closes, mission evaluations, evidence links); 3: next steps;
# 4: the purpose, values, a mission's further stakeholders, and skills.
FORMAT_VERSION = 4
# The oldest version still read; every version from it to FORMAT_VERSION is.
OLDEST_VERSION = 1

# Limits against hostile or broken files (string lengths are checked by ``validate``).
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_ITEMS = 200_000
MAX_ID_LENGTH = 100

# The lists of the file, in the order they are written.
LISTS: tuple[tuple[str, type[Item]], ...] = (
    ("stakeholders", Stakeholder),
    ("missions", Mission),
    ("mission_links", MissionLink),
    ("cycles", Cycle),
    ("objectives", Objective),
    ("key_results", KeyResult),
    ("check_ins", CheckIn),
    ("milestones", Milestone),
    ("growth_notes", GrowthNote),
    ("meetings", Meeting),
    ("action_items", ActionItem),
    ("agenda_points", AgendaPoint),
    ("snapshots", Snapshot),
    ("dismissals", Dismissal),
    ("next_steps", NextStep),
    # closing a cycle (version 2)
    ("objective_closes", ObjectiveClose),
    ("mission_evaluations", MissionEvaluation),
    ("evidence_links", EvidenceLink),
    # missions with depth, and skills (version 4)
    ("values", PersonalValue),
    ("mission_values", MissionValue),
    ("mission_stakeholders", MissionStakeholder),
    ("skills", Skill),
    ("skill_steps", SkillStep),
    ("milestone_skills", MilestoneSkill),
    ("note_skills", NoteSkill),
)
# The lists each version added (a list not named here was in version 1): an older file that
# holds a newer list is not what it says it is.
LIST_SINCE: dict[str, int] = {
    "objective_closes": 2,
    "mission_evaluations": 2,
    "evidence_links": 2,
    "next_steps": 3,
    "values": 4,
    "mission_values": 4,
    "mission_stakeholders": 4,
    "skills": 4,
    "skill_steps": 4,
    "milestone_skills": 4,
    "note_skills": 4,
}
LIST_NAMES: dict[type[Item], str] = {cls: name for name, cls in LISTS}

# Parents before children: SQLite checks each reference as its row goes in.
INSERT_ORDER: tuple[type[Item], ...] = (
    Stakeholder,
    Cycle,
    PersonalValue,
    # before the key results that measure one
    Skill,
    Mission,
    Objective,
    MissionLink,
    KeyResult,
    CheckIn,
    Milestone,
    GrowthNote,
    Meeting,
    ActionItem,
    AgendaPoint,
    Snapshot,
    Dismissal,
    NextStep,
    # closing a cycle (version 2): after the objectives, missions, cycles, key results and
    # growth notes they refer to
    ObjectiveClose,
    MissionEvaluation,
    EvidenceLink,
    # version 4: after the missions, stakeholders, values, milestones and notes they link
    MissionValue,
    MissionStakeholder,
    SkillStep,
    MilestoneSkill,
    NoteSkill,
)

_ENVELOPE_KEYS = {"format", "version", "exported"}
# The plan's own facts the file carries, each since a version: the person's purpose.
FACT_SINCE: dict[str, int] = {PURPOSE_INFO: 4}


@dataclass(frozen=True)
class ImportSummary:
    """What an import added, per list of the file."""

    added: dict[str, int] = field(default_factory=dict)
    # The plan facts the file gave a plan that had none (its purpose).
    facts: dict[str, str] = field(default_factory=dict)
    # The file's stakeholders that the plan already had (same name and kind): not added,
    # the file's references to them point at the plan's own.
    matched_stakeholders: int = 0

    @property
    def total(self) -> int:
        return sum(self.added.values())

    def describe(self) -> str:
        """'3 missions, 1 cycle, 12 check-ins' (lists with nothing added left out)."""
        parts = []
        for list_name, cls in LISTS:
            n = self.added.get(list_name, 0)
            if n:
                name = TYPE_NAMES[cls]
                parts.append(f"{n} {name if n == 1 else plural(name)}")
        if PURPOSE_INFO in self.facts:
            parts.append("the purpose")
        return ", ".join(parts) if parts else "nothing"


# -- export -----------------------------------------------------------------------------


def json_value(value: Any) -> Any:
    """A field's value as JSON: dates as YYYY-MM-DD, times as ISO 8601, enums as values."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def record_to_dict(record: Item) -> dict[str, Any]:
    return {f.name: json_value(getattr(record, f.name)) for f in dataclasses.fields(record)}


@dataclass(frozen=True)
class ExportReport:
    """What an export wrote, and what it had to mend or leave out to keep the file
    importable (a plan holding values okrdesk cannot use, see ``services.repairs``)."""

    path: Path
    items: int
    mended: tuple[Message, ...] = ()


def id_importable(item_id: str) -> bool:
    """Whether the import takes ``item_id`` (see ``_read_item``)."""
    return bool(item_id.strip()) and item_id == item_id.strip() and len(item_id) <= MAX_ID_LENGTH


def exportable_document(
    plan: PlanService, exported: datetime | None = None
) -> tuple[dict[str, Any], list[Message]]:
    """The whole plan as the exchange format's top-level object, every item in it valid
    and every reference to an item in it, so the file imports whatever the plan holds;
    with a sentence for each value mended and each item left out."""
    records, notes = make_importable({cls: plan.all(cls) for _name, cls in LISTS}, id_importable)
    document: dict[str, Any] = {
        "format": FORMAT_TAG,
        "version": FORMAT_VERSION,
        "exported": (exported or utc_now()).isoformat(timespec="seconds"),
    }
    for fact in FACT_SINCE:
        document[fact] = plan.info(fact)
    for list_name, cls in LISTS:
        document[list_name] = [record_to_dict(record) for record in records[cls]]
    return document, notes


def plan_to_document(plan: PlanService, exported: datetime | None = None) -> dict[str, Any]:
    """The whole plan as the exchange format's top-level object (see ``exportable_document``)."""
    return exportable_document(plan, exported)[0]


def export_plan(plan: PlanService, path: Path, *, overwrite: bool = False) -> ExportReport:
    """Write the plan to ``path`` as JSON, owner-only and whole or not at all (see
    ``okrdesk.services.files``). An existing file is replaced only with ``overwrite`` (the
    person confirmed it); the open plan, or any plan, never."""
    target = check_target(Path(path), overwrite=overwrite, plan=plan.path)
    document, notes = exportable_document(plan)
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    write_file(target, text.encode("utf-8"), overwrite=overwrite, plan=plan.path)
    items = sum(len(document[name]) for name, _cls in LISTS)
    return ExportReport(target, items, tuple(notes))


# -- reading a file ---------------------------------------------------------------------


@dataclass(frozen=True)
class _Entry:
    """One item of the file with where it came from, for messages."""

    list_name: str
    index: int
    record: Item

    @property
    def where(self) -> str:
        return _where(self.list_name, self.index, self.record.id)


def _where(list_name: str, index: int, item_id: str | None = None) -> str:
    if item_id is None:
        return f"{list_name}[{index}]"
    shown = shorten(item_id, 40)
    return f"{list_name}[{index}] (id “{shown}”)"


def _kind_of(value: Any) -> str:
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    return "null"


def _check_envelope(document: Any, name: str) -> None:
    """Refuse, in one sentence, a document that is not a plan file this okrdesk can read;
    checked in this order so the first thing wrong is the one named."""
    _check_format(document, name)
    version = _check_version(document, name)
    _check_lists(document, name, version)


def _check_format(document: Any, name: str) -> None:
    if not isinstance(document, dict):
        raise ImportRefused(
            message(
                "{name} is not an okrdesk plan file: it must hold one JSON object, not {document}.",
                name=name,
                document=_kind_of(document),
            )
        )
    tag = document.get("format")
    if tag != FORMAT_TAG:
        found = "no “format”" if tag is None else f"the format {json.dumps(tag)[:60]}"
        raise ImportRefused(
            message(
                "{name} is not an okrdesk plan file: it has {found}, not “{tag}”.",
                name=name,
                found=found,
                tag=FORMAT_TAG,
            )
        )


def _check_version(document: dict[str, Any], name: str) -> int:
    """The document's format version, once it is one this okrdesk reads."""
    if "version" not in document:
        raise ImportRefused(
            message("{name} has no “version”, so okrdesk cannot tell how to read it.", name=name)
        )
    version = document["version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise ImportRefused(
            message(
                "{name}'s “version” must be a whole number, not {version}.",
                name=name,
                version=_kind_of(version),
            )
        )
    if version > FORMAT_VERSION:
        raise ImportRefused(
            message(
                "{name} is version {version} of the exchange format, newer than this okrdesk "
                "reads (version {supported}); update okrdesk to import it.",
                name=name,
                version=version,
                supported=FORMAT_VERSION,
            )
        )
    if version < OLDEST_VERSION:
        raise ImportRefused(
            message(
                "{name} says it is version {version} of the exchange format, which never existed "
                "(this okrdesk reads version {supported}).",
                name=name,
                version=version,
                supported=FORMAT_VERSION,
            )
        )
    return version


def _check_lists(document: dict[str, Any], name: str, version: int) -> None:
    """The envelope's keys are known at its version, its lists are lists, and they hold
    no more items than an import takes."""
    if "exported" in document and not isinstance(document["exported"], str):
        raise ImportRefused(
            message("{name}'s “exported” must be a date and time as text.", name=name)
        )
    known = _ENVELOPE_KEYS | {n for n in LIST_NAMES.values() if LIST_SINCE.get(n, 1) <= version}
    known |= {n for n, since in FACT_SINCE.items() if since <= version}
    for fact in FACT_SINCE:
        value = document.get(fact, "")
        if not isinstance(value, str) or len(value) > MAX_TEXT:
            raise ImportRefused(
                message(
                    "{name}'s “{fact}” must be text of at most {limit:,} characters.",
                    name=name,
                    fact=fact,
                    limit=MAX_TEXT,
                )
            )
    unknown = sorted(key for key in document if key not in known)
    if unknown:
        raise ImportRefused(
            message("{name} has an unknown list “{value}”.", name=name, value=unknown[0][:60])
        )
    total = 0
    for list_name, _cls in LISTS:
        items = document.get(list_name, [])
        if not isinstance(items, list):
            raise ImportRefused(
                message(
                    "{name}: “{list_name}” must be a list, not {items}.",
                    name=name,
                    list_name=list_name,
                    items=_kind_of(items),
                )
            )
        total += len(items)
    if total > MAX_ITEMS:
        raise ImportRefused(
            message(
                "{name} holds {total:,} items; okrdesk imports at most {limit:,} at once.",
                name=name,
                total=total,
                limit=MAX_ITEMS,
            )
        )


def _required_fields(cls: type[Item]) -> list[str]:
    return [
        f.name
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]


def _read_item(cls: type[Item], list_name: str, index: int, raw: Any) -> Item:
    """One item of the file as a validated record, or one sentence saying where it is wrong."""
    raw_id = _read_id(list_name, index, raw)
    where = _where(list_name, index, raw_id)
    _check_fields(cls, where, raw)
    return build_record(cls, where, raw)


def _read_id(list_name: str, index: int, raw: Any) -> str:
    """The item's id, checked before anything else so later messages can name the item."""
    if not isinstance(raw, dict):
        raise ImportRefused(
            message(
                "{list_name} must be an object, not {raw}.",
                list_name=_where(list_name, index),
                raw=_kind_of(raw),
            )
        )
    raw_id = raw.get("id")
    if not isinstance(raw_id, str) or not raw_id.strip():
        raise ImportRefused(
            message(
                "{list_name}, field “id”: every item needs an id.",
                list_name=_where(list_name, index),
            )
        )
    where = _where(list_name, index, raw_id)
    if len(raw_id) > MAX_ID_LENGTH or raw_id != raw_id.strip():
        raise ImportRefused(
            message(
                "{where}, field “id”: an id is text of at most {limit} characters without spaces "
                "around it.",
                where=where,
                limit=MAX_ID_LENGTH,
            )
        )
    return raw_id


def _check_fields(cls: type[Item], where: str, raw: dict[str, Any]) -> None:
    """Every field is one ``cls`` has, every required one is there, references are text."""
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(key for key in raw if key not in names)
    if unknown:
        raise ImportRefused(
            message("{where} has an unknown field “{value}”.", where=where, value=unknown[0][:60])
        )
    missing = [name for name in _required_fields(cls) if name not in raw]
    if missing:
        raise ImportRefused(
            message(
                "{where}, field “{missing}”: this field is required.",
                where=where,
                missing=missing[0],
            )
        )
    for name, value in raw.items():
        # References are ids: text or null, never a number that coerce would not question.
        if name in REFERENCE_TARGETS and value is not None and not isinstance(value, str):
            raise ImportRefused(
                message(
                    "{where}, field “{name}”: an id must be text, not {value}.",
                    where=where,
                    name=name,
                    value=_kind_of(value),
                )
            )


def build_record(cls: type[Item], where: str, raw: dict[str, Any]) -> Item:
    """The record of ``raw``'s checked fields, validated; a refusal names ``where`` and the
    field (the team file's reader builds its records the same way)."""
    try:
        record = cls(**coerce(cls, raw))
        validate(record)
    except ValidationError as error:
        raise ImportRefused(
            message(
                "{where}, field “{field}”: {message}",
                where=where,
                field=error.field,
                message=error.message,
            )
        ) from None
    return record


def read_entries(document: Any, name: str = "The file") -> list[_Entry]:
    """Every item of a document, type-checked and validated, with ids unique per list."""
    _check_envelope(document, name)
    entries: list[_Entry] = []
    for list_name, cls in LISTS:
        first_seen: dict[str, int] = {}
        for index, raw in enumerate(document.get(list_name, [])):
            record = _read_item(cls, list_name, index, raw)
            if record.id in first_seen:
                raise ImportRefused(
                    message(
                        "{list_name}, field “id”: the same id as {earlier}[{first_seen}]; ids "
                        "must be unique.",
                        list_name=_where(list_name, index, record.id),
                        earlier=list_name,
                        first_seen=first_seen[record.id],
                    )
                )
            first_seen[record.id] = index
            entries.append(_Entry(list_name, index, record))
    return entries


# -- checking against the open plan -----------------------------------------------------


@dataclass
class _PlanFacts:
    ids: dict[type[Item], set[str]]
    stakeholders: list[Stakeholder]
    links: set[tuple[str, str]]
    # The highest position in each sibling group the plan already has.
    last_position: dict[tuple[type[Item], str | None], int]


def _plan_facts(plan: PlanService) -> _PlanFacts:
    ids: dict[type[Item], set[str]] = {}
    last_position: dict[tuple[type[Item], str | None], int] = {}
    with plan.database.transaction() as s:
        for _list_name, cls in LISTS:
            row_type = ROW_TYPES[cls]
            ids[cls] = set(s.scalars(select(row_type.id)))
            parent_field = PARENT_FIELD.get(cls)
            if parent_field is None:
                highest = s.scalar(select(func.max(row_type.position)))
                if highest is not None:
                    last_position[(cls, None)] = highest
            else:
                column = getattr(row_type, parent_field)
                for parent, highest in s.execute(
                    select(column, func.max(row_type.position)).group_by(column)
                ):
                    last_position[(cls, parent)] = highest
        links = {
            (m, o)
            for m, o in s.execute(select(MissionLinkRow.mission_id, MissionLinkRow.objective_id))
        }
    return _PlanFacts(ids, plan.all(Stakeholder), links, last_position)


def _stakeholder_key(stakeholder: Stakeholder) -> tuple[str, str]:
    return (stakeholder.name.strip().casefold(), stakeholder.kind.value)


def _match_stakeholders(entries: list[_Entry], facts: _PlanFacts) -> dict[str, str]:
    """File stakeholder id -> the plan's stakeholder id, for those the plan already has."""
    by_id = {s.id: s for s in facts.stakeholders}
    by_key: dict[tuple[str, str], str] = {}
    for s in facts.stakeholders:
        by_key.setdefault(_stakeholder_key(s), s.id)
    matched: dict[str, str] = {}
    for entry in entries:
        record = entry.record
        if not isinstance(record, Stakeholder):
            continue
        key = _stakeholder_key(record)
        same_id = by_id.get(record.id)
        if same_id is not None and _stakeholder_key(same_id) == key:
            matched[record.id] = record.id
        elif key in by_key:
            matched[record.id] = by_key[key]
    return matched


def _remap_stakeholders(entries: list[_Entry], matched: dict[str, str]) -> list[_Entry]:
    kept: list[_Entry] = []
    for entry in entries:
        record = entry.record
        if isinstance(record, Stakeholder) and record.id in matched:
            continue
        if isinstance(record, Mission | MissionStakeholder) and record.stakeholder_id in matched:
            record = dataclasses.replace(record, stakeholder_id=matched[record.stakeholder_id])
            entry = dataclasses.replace(entry, record=record)
        kept.append(entry)
    return kept


def _check_new_ids(entries: list[_Entry], facts: _PlanFacts) -> None:
    for entry in entries:
        if entry.record.id in facts.ids[type(entry.record)]:
            raise ImportRefused(
                message(
                    "{where}, field “id”: the plan already has a {kind} with this id (was this "
                    "file imported before?).",
                    where=entry.where,
                    kind=TYPE_NAMES[type(entry.record)],
                )
            )


def _check_references(entries: list[_Entry], facts: _PlanFacts) -> None:
    in_file: dict[type[Item], set[str]] = defaultdict(set)
    for entry in entries:
        in_file[type(entry.record)].add(entry.record.id)
    for entry in entries:
        record = entry.record
        for field_name, target in REFERENCE_TARGETS.items():
            value = getattr(record, field_name, None)
            if value is None or value in in_file[target] or value in facts.ids[target]:
                continue
            raise ImportRefused(
                message(
                    "{where}, field “{field_name}”: there is no {kind} with id “{value}” in the "
                    "file or in the plan.",
                    where=entry.where,
                    field_name=field_name,
                    kind=TYPE_NAMES[target],
                    value=value[:40],
                )
            )


def _check_links(entries: list[_Entry], facts: _PlanFacts) -> None:
    seen: dict[tuple[str, str], _Entry] = {}
    for entry in entries:
        record = entry.record
        if not isinstance(record, MissionLink):
            continue
        pair = (record.mission_id, record.objective_id)
        if pair in seen:
            raise ImportRefused(
                message(
                    "{where}, field “objective_id”: links the same mission and objective as "
                    "{list_name}[{index}].",
                    where=entry.where,
                    list_name=seen[pair].list_name,
                    index=seen[pair].index,
                )
            )
        if pair in facts.links:
            raise ImportRefused(
                message(
                    "{where}, field “objective_id”: the plan already links this mission to this "
                    "objective.",
                    where=entry.where,
                )
            )
        seen[pair] = entry


# The links of version 4 that name each pair of items once (as their tables require).
UNIQUE_PAIRS: dict[type[Item], tuple[str, str]] = {
    MissionValue: ("mission_id", "value_id"),
    MissionStakeholder: ("mission_id", "stakeholder_id"),
    MilestoneSkill: ("milestone_id", "skill_id"),
    NoteSkill: ("growth_note_id", "skill_id"),
}


def _check_unique_pairs(entries: list[_Entry], plan: PlanService) -> None:
    """A link of ``UNIQUE_PAIRS`` names a pair the file and the plan name nowhere else."""
    seen: dict[tuple[type[Item], str, str], _Entry] = {}
    in_plan: dict[type[Item], set[tuple[str, str]]] = {}
    for entry in entries:
        cls = type(entry.record)
        if cls not in UNIQUE_PAIRS:
            continue
        first, second = UNIQUE_PAIRS[cls]
        pair = (str(getattr(entry.record, first)), str(getattr(entry.record, second)))
        if cls not in in_plan:
            in_plan[cls] = {(getattr(r, first), getattr(r, second)) for r in plan.all(cls)}
        earlier = seen.get((cls, *pair))
        if earlier is not None or pair in in_plan[cls]:
            raise ImportRefused(
                message(
                    "{where}, field “{field}”: the same link as {other}.",
                    where=entry.where,
                    field=second,
                    other=(
                        message("one the plan already has")
                        if earlier is None
                        else f"{earlier.list_name}[{earlier.index}]"
                    ),
                )
            )
        seen[(cls, *pair)] = entry


def _check_no_loops(entries: list[_Entry], cls: type[Item], field_name: str, verb: str) -> None:
    """Refuse items of ``cls`` whose ``field_name`` chain (within the file) comes back to
    itself. Items already in the plan cannot point into the file, so loops are all here."""
    by_id = {e.record.id: e for e in entries if type(e.record) is cls}
    safe: set[str] = set()
    for start in by_id.values():
        path: list[str] = []
        on_path: set[str] = set()
        current: str | None = start.record.id
        while current is not None and current in by_id and current not in safe:
            if current in on_path:
                looped = by_id[current]
                raise ImportRefused(
                    message(
                        "{where}, field “{field_name}”: this {kind} would {verb} itself through a"
                        " loop of {value} {kinds}.",
                        where=looped.where,
                        field_name=field_name,
                        kind=TYPE_NAMES[cls],
                        verb=verb,
                        value=len(path) - path.index(current),
                        kinds=plural(TYPE_NAMES[cls]),
                    )
                )
            path.append(current)
            on_path.add(current)
            current = getattr(by_id[current].record, field_name)
        safe.update(path)


# -- ordering and positions -------------------------------------------------------------


def _parents_first(records: Sequence[Item], field_name: str) -> list[Item]:
    """``records`` with each one after the record its ``field_name`` names (no loops)."""
    by_id = {r.id: r for r in records}
    placed: set[str] = set()
    ordered: list[Item] = []
    for record in records:
        chain: list[Item] = []
        current: Item | None = record
        while current is not None and current.id not in placed:
            chain.append(current)
            placed.add(current.id)
            parent = getattr(current, field_name)
            current = by_id.get(parent) if parent is not None else None
        ordered.extend(reversed(chain))
    return ordered


def _fit_positions(records: list[Item], facts: _PlanFacts) -> list[Item]:
    """Keep the file's positions among new siblings; append after the plan's own siblings
    where a group (top-level missions, say) already has items."""
    groups: dict[tuple[type[Item], str | None], list[int]] = defaultdict(list)
    for i, record in enumerate(records):
        parent_field = PARENT_FIELD.get(type(record))
        parent = None if parent_field is None else getattr(record, parent_field)
        groups[(type(record), parent)].append(i)
    fitted = list(records)
    for key, indexes in groups.items():
        last = facts.last_position.get(key)
        if last is None:
            continue
        indexes.sort(key=lambda i: (records[i].position, i))
        for rank, i in enumerate(indexes):
            fitted[i] = dataclasses.replace(records[i], position=last + 1 + rank)
    return fitted


def _insert_order(records: Iterable[Item]) -> list[Item]:
    by_type: dict[type[Item], list[Item]] = defaultdict(list)
    for record in records:
        by_type[type(record)].append(record)
    by_type[Mission] = _parents_first(by_type[Mission], "parent_id")
    by_type[Objective] = _parents_first(by_type[Objective], "aligned_to_id")
    return [record for cls in INSERT_ORDER for record in by_type[cls]]


# -- import -----------------------------------------------------------------------------


def prepare_import(
    plan: PlanService, document: Any, name: str = "The file"
) -> tuple[list[Item], ImportSummary]:
    """Check ``document`` against ``plan`` and return the records to insert, in order.
    Raises ImportRefused for the first problem found; writes nothing."""
    entries = read_entries(document, name)
    facts = _plan_facts(plan)
    matched = _match_stakeholders(entries, facts)
    entries = _remap_stakeholders(entries, matched)
    _check_new_ids(entries, facts)
    _check_references(entries, facts)
    _check_links(entries, facts)
    _check_unique_pairs(entries, plan)
    _check_no_loops(entries, Mission, "parent_id", "serve")
    _check_no_loops(entries, Objective, "aligned_to_id", "be aligned to")
    records = _fit_positions([e.record for e in entries], facts)
    added: dict[str, int] = defaultdict(int)
    for record in records:
        added[LIST_NAMES[type(record)]] += 1
    # A fact the open plan already has stays its own: an import adds, it never overwrites.
    taken = {
        fact: document[fact].strip()
        for fact in FACT_SINCE
        if document.get(fact, "").strip() and not plan.info(fact).strip()
    }
    return _insert_order(records), ImportSummary(dict(added), taken, len(matched))


def import_plan(plan: PlanService, path: Path) -> ImportSummary:
    """Load the exchange file at ``path`` into ``plan`` in one transaction.

    Everything is checked first; a file that fails any check raises ImportRefused with a
    sentence naming the list, the item and the field, and nothing is written.
    """
    path = Path(path)
    data = files.read_capped(path, MAX_FILE_BYTES)
    document = files.parse_json(data, path.name, "an okrdesk plan file")
    records, summary = prepare_import(plan, document, path.name)
    try:
        plan.add_all(records, validated=True, facts=summary.facts)
    except ValidationError as error:  # pragma: no cover - prepare_import validated all
        raise ImportRefused(
            message(
                "{name}, field “{field}”: {message}",
                name=path.name,
                field=error.field,
                message=error.message,
            )
        ) from None
    except IntegrityError as error:  # a safety net: the checks above should catch it all
        raise ImportRefused(
            message(
                "{name} could not be imported: the database refused it ({orig}).",
                name=path.name,
                orig=error.orig,
            )
        ) from None
    return summary
