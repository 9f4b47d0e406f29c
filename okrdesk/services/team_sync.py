"""Bringing a team's missions, objectives and key results into the plan, and keeping them in
step with newer versions of the same source.

Every source (a manager's ``okrdesk-team`` file, a CSV, a Markdown OKR document) becomes a
``TeamItems``: records with stable ids and an ``origin`` naming the source. ``sync_team``
then, in one transaction:

- adds what the plan does not have yet, locked (read-only in the editor), with ``synced``
  holding the values imported (JSON);
- updates what changed in the source since the last import (``synced`` tells a change in the
  source from a local edit); a locked item takes the source's values; an unlocked one keeps
  the fields the person edited, and when the source changed one of those too the item is
  left as it is and reported as a conflict (lock it again to take the source's version);
- archives the items of the same origin that the source no longer has (never deletes them:
  links from personal missions and objectives stay);
- leaves everything else alone, so importing the same source twice changes nothing.
"""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from okrdesk.domain.entities import (
    PARENT_FIELD,
    TYPE_NAMES,
    Cycle,
    Item,
    KeyResult,
    Mission,
    Objective,
    utc_now,
)
from okrdesk.domain.messages import message
from okrdesk.domain.okr_cycles import normalise_cycle_name
from okrdesk.domain.text import shorten
from okrdesk.domain.validation import ValidationError, validate
from okrdesk.services.errors import ImportRefused
from okrdesk.services.exchange import json_value
from okrdesk.services.plan import PlanService, plural
from okrdesk.store.mapping import ROW_TYPES, copy_into, to_row

TeamRecord = Mission | Objective | KeyResult

# The fields a team source decides; everything else (position, archived, personal notes,
# the sync fields themselves) belongs to the plan.
SYNCED_FIELDS: dict[type[Item], tuple[str, ...]] = {
    Mission: ("title", "statement", "level", "parent_id", "owner"),
    Objective: (
        "title",
        "why",
        "mission_id",
        "cycle_id",
        "level",
        "owner",
        "kind",
        "state",
        "aligned_to_id",
    ),
    KeyResult: (
        "objective_id",
        "title",
        "kind",
        "direction",
        "baseline",
        "target",
        "band_low",
        "band_high",
        "unit",
        "due",
        "weight",
        "result_level",
    ),
}


@dataclass(frozen=True)
class TeamItems:
    """What one source says: records with their stable ids (parents may come in any order)."""

    origin: str
    source: str
    cycles: Sequence[Cycle] = ()
    missions: Sequence[Mission] = ()
    objectives: Sequence[Objective] = ()
    key_results: Sequence[KeyResult] = ()

    def records(self) -> list[TeamRecord]:
        return [*self.missions, *self.objectives, *self.key_results]


@dataclass(frozen=True)
class Change:
    """One item the import added, updated or archived (with the fields it changed)."""

    kind: str
    item_id: str
    title: str
    fields: tuple[str, ...] = ()

    def describe(self, verb: str) -> str:
        text = f"{verb} {self.kind} “{self.title}”"
        if self.fields:
            text += f" ({', '.join(_human(f) for f in self.fields)})"
        return text


@dataclass(frozen=True)
class Conflict:
    """An unlocked item the person edited whose source changed the same fields."""

    kind: str
    item_id: str
    title: str
    fields: tuple[str, ...]
    # The source's values of those fields, as JSON values, to show what was not taken.
    theirs: dict[str, Any] = field(default_factory=dict)

    def describe(self) -> str:
        changed = ", ".join(
            f"{_human(f)} “{_shown(self.theirs.get(f))}” in the file" for f in self.fields
        )
        return (
            f"conflict: {self.kind} “{self.title}” was edited here and changed in the file "
            f"({changed}); your version was kept (lock it again to take the file's on the "
            "next import)"
        )


@dataclass(frozen=True)
class SyncResult:
    origin: str
    added: tuple[Change, ...] = ()
    updated: tuple[Change, ...] = ()
    archived: tuple[Change, ...] = ()
    unchanged: int = 0
    conflicts: tuple[Conflict, ...] = ()
    created_cycles: tuple[str, ...] = ()

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.updated or self.archived or self.created_cycles)

    def counts_text(self) -> str:
        """'2 added, 1 updated, 0 archived, 12 unchanged, 1 conflict'."""
        conflicts = len(self.conflicts)
        return (
            f"{len(self.added)} added, {len(self.updated)} updated, "
            f"{len(self.archived)} archived, {self.unchanged} unchanged, "
            f"{conflicts} conflict{'s' if conflicts != 1 else ''}"
        )

    def details(self, *, with_added: bool = True) -> list[str]:
        """One line per change and conflict (the added items can be left out: on a first
        import they are the whole file)."""
        lines = [f"new cycle “{name}”" for name in self.created_cycles] if with_added else []
        lines += [c.describe("added") for c in self.added] if with_added else []
        lines += [c.describe("updated") for c in self.updated]
        lines += [c.describe("archived") for c in self.archived]
        lines += [c.describe() for c in self.conflicts]
        return lines


def _human(name: str) -> str:
    return name.removesuffix("_id").replace("_", " ")


def _shown(value: Any) -> str:
    text = "" if value is None else str(value)
    return shorten(text, 60)


def synced_values(record: Item) -> dict[str, Any]:
    """The values a source decides, as JSON values (what ``synced`` stores)."""
    return {name: json_value(getattr(record, name)) for name in SYNCED_FIELDS[type(record)]}


def synced_text(record: Item) -> str:
    return json.dumps(synced_values(record), sort_keys=True, ensure_ascii=False)


def _last_synced(record: TeamRecord) -> dict[str, Any]:
    try:
        values = json.loads(record.synced) if record.synced else {}
    except ValueError:
        return {}
    return values if isinstance(values, dict) else {}


def _same_cycle(existing: str, wanted: str) -> bool:
    canonical = normalise_cycle_name(existing)
    if canonical and canonical == normalise_cycle_name(wanted):
        return True
    return existing.strip().casefold() == wanted.strip().casefold()


def _index(records: Iterable[TeamRecord]) -> dict[str, TeamRecord]:
    return {r.id: r for r in records}


class _Plan:
    """The plan's team-relevant records, loaded once, and what the import will write."""

    def __init__(self, plan: PlanService) -> None:
        self.cycles = plan.all(Cycle)
        self.by_type: dict[type[Item], dict[str, TeamRecord]] = {
            Mission: _index(plan.all(Mission)),
            Objective: _index(plan.all(Objective)),
            KeyResult: _index(plan.all(KeyResult)),
        }
        self.next_position: dict[tuple[type[Item], str | None], int] = defaultdict(int)
        for cls, records in self.by_type.items():
            for record in records.values():
                key = (cls, getattr(record, PARENT_FIELD[cls]))
                self.next_position[key] = max(self.next_position[key], record.position + 1)
        self.next_cycle_position = max((c.position for c in self.cycles), default=-1) + 1

    def position_for(self, record: Item) -> int:
        key = (type(record), getattr(record, PARENT_FIELD[type(record)]))
        position = self.next_position[key]
        self.next_position[key] = position + 1
        return position


def sync_team(plan: PlanService, items: TeamItems) -> SyncResult:
    """Bring ``items`` into ``plan`` in one transaction (see the module's docstring).

    Everything is checked before anything is written: a problem raises ImportRefused and
    the plan stays as it was.
    """
    state = _Plan(plan)
    new_cycles, cycle_map = _match_cycles(state, items.cycles)
    objectives = [
        dataclasses.replace(o, cycle_id=cycle_map.get(o.cycle_id, o.cycle_id))
        if o.cycle_id is not None
        else o
        for o in items.objectives
    ]
    incoming: list[TeamRecord] = [*items.missions, *objectives, *items.key_results]
    _check_ids(state, incoming, items)
    _check_references(state, incoming, {c.id for c in state.cycles} | {c.id for c in new_cycles})
    _check_no_loops(state, items.missions, "parent_id", Mission)
    _check_no_loops(state, objectives, "aligned_to_id", Objective)

    merge = _merge_all(state, items.origin, incoming)
    archived = _archive_the_rest(state, items.origin, incoming, objectives, cycle_map)
    edits = (*merge.updates, *(a for a, _ in archived))
    _validate_all((*merge.adds, *edits), items.source)
    _write(plan, (*new_cycles, *merge.adds), edits)
    return SyncResult(
        origin=items.origin,
        added=tuple(merge.added),
        updated=tuple(merge.updated),
        archived=tuple(change for _, change in archived),
        unchanged=merge.unchanged,
        conflicts=tuple(merge.conflicts),
        created_cycles=tuple(c.name for c in new_cycles),
    )


@dataclass
class _Merged:
    """What merging a source's records into the plan will write, and what it reports."""

    adds: list[TeamRecord] = field(default_factory=list)
    updates: list[TeamRecord] = field(default_factory=list)
    added: list[Change] = field(default_factory=list)
    updated: list[Change] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    unchanged: int = 0


def _merge_all(state: _Plan, origin: str, incoming: Sequence[TeamRecord]) -> _Merged:
    result = _Merged()
    # Parents first: the adds are written in this order, and SQLite checks each reference
    # as its row goes in.
    for record in _parents_first(incoming):
        existing = state.by_type[type(record)].get(record.id)
        kind = TYPE_NAMES[type(record)]
        if existing is None:
            result.adds.append(_fresh(state, record, origin))
            result.added.append(Change(kind, record.id, record.title))
            continue
        outcome = _merge(existing, record)
        if isinstance(outcome, Conflict):
            result.conflicts.append(outcome)
            continue
        merged, changed = outcome
        if merged != existing:
            result.updates.append(dataclasses.replace(merged, updated=utc_now()))
        if changed:
            result.updated.append(Change(kind, record.id, merged.title, changed))
        else:
            result.unchanged += 1
    return result


def _fresh(state: _Plan, record: TeamRecord, origin: str) -> TeamRecord:
    """A record new to the plan: locked, with the values imported remembered."""
    fresh = dataclasses.replace(
        record,
        origin=origin,
        locked=True,
        archived=False,
        synced=synced_text(record),
    )
    return dataclasses.replace(fresh, position=state.position_for(fresh))


def _validate_all(records: Iterable[TeamRecord], source: str) -> None:
    for record in records:
        try:
            validate(record)
        except ValidationError as error:
            raise ImportRefused(
                message(
                    "{source}: {kind} “{title}”, {field}: {message}",
                    source=source,
                    kind=TYPE_NAMES[type(record)],
                    title=_shown(record.title),
                    field=_human(error.field),
                    message=error.message,
                )
            ) from None


def _write(
    plan: PlanService, new: Iterable[Cycle | TeamRecord], edits: Iterable[TeamRecord]
) -> None:
    with plan.database.transaction() as s:
        # Parents first, one flush each: SQLite checks every reference as its row goes in.
        for record in new:
            s.add(to_row(record))
            s.flush()
        for edited in edits:
            row = s.get(ROW_TYPES[type(edited)], edited.id)
            assert row is not None
            copy_into(row, edited)


def _merge(
    existing: TeamRecord, record: TeamRecord
) -> tuple[TeamRecord, tuple[str, ...]] | Conflict:
    """The existing record with the source's news applied, and the fields that changed;
    or the conflict that stops it."""
    theirs = synced_values(record)
    last = _last_synced(existing)
    mine = synced_values(existing)
    names = SYNCED_FIELDS[type(record)]
    if existing.locked:
        take = [n for n in names if theirs[n] != mine[n]]
    else:
        file_changed = {n for n in names if theirs[n] != last.get(n)}
        edited_here = {n for n in names if mine[n] != last.get(n)}
        clash = sorted(
            (n for n in file_changed & edited_here if theirs[n] != mine[n]), key=names.index
        )
        if clash:
            return Conflict(
                TYPE_NAMES[type(record)],
                existing.id,
                existing.title,
                tuple(clash),
                {n: theirs[n] for n in clash},
            )
        take = [n for n in names if n in file_changed and n not in edited_here]
    changes: dict[str, Any] = {n: getattr(record, n) for n in take}
    changed = list(take)
    if existing.archived:
        changes["archived"] = False
        changed.append("archived")
    merged = dataclasses.replace(existing, **changes, synced=synced_text(record))
    return merged, tuple(changed)


def _match_cycles(state: _Plan, cycles: Iterable[Cycle]) -> tuple[list[Cycle], dict[str, str]]:
    """The cycles to create, and the source's cycle ids -> the plan's (same id, else the
    same name: "2019 Q4" is "2019-Q4")."""
    by_id = {c.id: c for c in state.cycles}
    created: list[Cycle] = []
    mapping: dict[str, str] = {}
    for cycle in cycles:
        if cycle.id in by_id:
            mapping[cycle.id] = cycle.id
            continue
        found = next(
            (c for c in (*state.cycles, *created) if _same_cycle(c.name, cycle.name)), None
        )
        if found is None:
            found = dataclasses.replace(cycle, position=state.next_cycle_position)
            state.next_cycle_position += 1
            created.append(found)
        mapping[cycle.id] = found.id
    return created, mapping


def _check_ids(state: _Plan, incoming: Sequence[TeamRecord], items: TeamItems) -> None:
    seen: set[tuple[type[Item], str]] = set()
    for record in incoming:
        key = (type(record), record.id)
        kind = TYPE_NAMES[type(record)]
        if key in seen:
            raise ImportRefused(
                message(
                    "{source}: two {kind} have the id “{id}”.",
                    source=items.source,
                    kind=plural(kind),
                    id=_shown(record.id),
                )
            )
        seen.add(key)
        existing = state.by_type[type(record)].get(record.id)
        if existing is not None and existing.origin != items.origin:
            where = f"from “{existing.origin}”" if existing.origin else "of your own"
            raise ImportRefused(
                message(
                    "{source}: the {kind} “{title}” has the id of a {kind} {where} "
                    "(“{other_title}”); okrdesk will not overwrite it.",
                    source=items.source,
                    kind=kind,
                    title=_shown(record.title),
                    where=where,
                    other_title=_shown(existing.title),
                )
            )


def _check_references(state: _Plan, incoming: Sequence[TeamRecord], cycle_ids: set[str]) -> None:
    ids: dict[type[Item], set[str]] = {cls: set(records) for cls, records in state.by_type.items()}
    for record in incoming:
        ids[type(record)].add(record.id)
    targets: dict[str, type[Item]] = {
        "parent_id": Mission,
        "mission_id": Mission,
        "aligned_to_id": Objective,
        "objective_id": Objective,
    }
    for record in incoming:
        for name in SYNCED_FIELDS[type(record)]:
            value = getattr(record, name)
            if value is None:
                continue
            if name == "cycle_id":
                known = value in cycle_ids
                target_name = "cycle"
            elif name in targets:
                known = value in ids[targets[name]]
                target_name = TYPE_NAMES[targets[name]]
            else:
                continue
            if not known:
                raise ImportRefused(
                    message(
                        "The {kind} “{title}” refers to a {target_name} (“{value}”) that is "
                        "neither in the file nor in the plan.",
                        kind=TYPE_NAMES[type(record)],
                        title=_shown(record.title),
                        target_name=target_name,
                        value=_shown(value),
                    )
                )


def _check_no_loops(
    state: _Plan, records: Sequence[TeamRecord], field_name: str, cls: type[Item]
) -> None:
    pointer = {r.id: getattr(r, field_name) for r in state.by_type[cls].values()}
    pointer.update({r.id: getattr(r, field_name) for r in records})
    for record in records:
        seen: set[str] = set()
        current: str | None = record.id
        while current is not None:
            if current in seen:
                raise ImportRefused(
                    message(
                        "The {kind} “{title}” would be part of a loop ({field_name}).",
                        kind=TYPE_NAMES[cls],
                        title=_shown(record.title),
                        field_name=_human(field_name),
                    )
                )
            seen.add(current)
            current = pointer.get(current)


def _parents_first(records: Sequence[TeamRecord]) -> list[TeamRecord]:
    """Missions (served ones first), objectives (aligned-to ones first), key results."""
    ordered: list[TeamRecord] = []
    for cls, field_name in ((Mission, "parent_id"), (Objective, "aligned_to_id")):
        group = {r.id: r for r in records if type(r) is cls}
        placed: set[str] = set()
        for record in group.values():
            chain: list[TeamRecord] = []
            current: TeamRecord | None = record
            while current is not None and current.id not in placed:
                chain.append(current)
                placed.add(current.id)
                parent = getattr(current, field_name)
                current = group.get(parent) if parent is not None else None
            ordered.extend(reversed(chain))
    ordered += [r for r in records if isinstance(r, KeyResult)]
    return ordered


def _archive_the_rest(
    state: _Plan,
    origin: str,
    incoming: Sequence[TeamRecord],
    objectives: Sequence[Objective],
    cycle_map: dict[str, str],
) -> list[tuple[TeamRecord, Change]]:
    """Items of this origin the source no longer has: missions anywhere, objectives of the
    cycles the source covers, and the key results of objectives in scope."""
    present = {(type(r), r.id) for r in incoming}
    cycles = set(cycle_map.values()) | {o.cycle_id for o in objectives}
    gone: list[tuple[TeamRecord, Change]] = []
    archived_objectives: set[str] = set()

    def archive(record: TeamRecord) -> None:
        gone.append(
            (
                dataclasses.replace(record, archived=True, updated=utc_now()),
                Change(TYPE_NAMES[type(record)], record.id, record.title),
            )
        )

    def mine(record: TeamRecord) -> bool:
        return (
            record.origin == origin
            and not record.archived
            and (type(record), record.id) not in present
        )

    for mission in state.by_type[Mission].values():
        if mine(mission):
            archive(mission)
    for objective in state.by_type[Objective].values():
        assert isinstance(objective, Objective)
        if mine(objective) and objective.cycle_id in cycles:
            archive(objective)
            archived_objectives.add(objective.id)
    in_scope = {o.id for o in objectives} | archived_objectives
    for kr in state.by_type[KeyResult].values():
        assert isinstance(kr, KeyResult)
        if mine(kr) and kr.objective_id in in_scope:
            archive(kr)
    return gone
