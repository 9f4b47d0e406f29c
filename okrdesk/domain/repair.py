"""Making records valid again, for an export that must be importable.

A plan can hold what okrdesk would refuse at input: values read as fallbacks (see the
store's safe types), a day outside 1900–2200, a cycle that ends before it starts, a
reference to an item that is gone, a loop of missions serving each other. An export of it
must still be a file ``import`` takes, so ``make_importable`` mends each record with the
smallest change (``repaired``), drops references to what is not there, breaks loops, and
leaves out what cannot be mended (a key result whose objective is gone), with a sentence
for each.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import Any, TypeVar, cast

from okrdesk.domain.entities import (
    ITEM_TYPES,
    REFERENCE_TARGETS,
    TYPE_NAMES,
    Cycle,
    Item,
    KeyResult,
    Mission,
    Objective,
)
from okrdesk.domain.enums import Direction
from okrdesk.domain.messages import Message, message
from okrdesk.domain.text import shorten
from okrdesk.domain.validation import (
    DATE_MAX,
    DATE_MIN,
    MAX_TEXT,
    MAX_TITLE,
    TITLE_FIELDS,
    ValidationError,
    field_types,
    in_number_range,
    validate,
)

# A record needing more fixes than this is left out rather than mended field by field.
MAX_FIXES = 12
CYCLE_DAYS = 90

Records = dict[type[Item], list[Item]]
T = TypeVar("T", bound=Item)


def is_required(cls: type[Item], field: str) -> bool:
    """Whether ``field`` of ``cls`` must hold a value (its type does not allow None)."""
    annotation = field_types(cls).get(field)
    return annotation is not None and type(None) not in getattr(annotation, "__args__", ())


def _default(cls: type[Item], field: str) -> Any:
    for f in dataclasses.fields(cls):
        if f.name == field and f.default is not dataclasses.MISSING:
            return f.default
    return dataclasses.MISSING


def _clamped_day(day: date) -> date:
    return min(max(day, DATE_MIN), DATE_MAX)


def _fixed_value(record: Item, field: str) -> Any:
    """A value for ``field`` that mends what ``validate`` refused there (MISSING: none)."""
    cls = type(record)
    value = getattr(record, field)
    if isinstance(value, str):
        limit = MAX_TITLE if field in TITLE_FIELDS else MAX_TEXT
        if len(value) > limit:
            return value[:limit]
        if not value.strip():
            return "Untitled" if field in TITLE_FIELDS else "(empty)"
    if isinstance(value, float):
        if field == "confidence" and in_number_range(value):
            return min(max(value, 0.0), 1.0)
        if field == "weight" and in_number_range(value) and value <= 0:
            return 1.0
        if not in_number_range(value):
            return None if not is_required(cls, field) else _default(cls, field)
    if isinstance(value, datetime):
        return datetime.combine(_clamped_day(value.date()), value.time())
    if isinstance(value, date):
        return None if not is_required(cls, field) else _clamped_day(value)
    if field == "position":
        return 0
    if field in REFERENCE_TARGETS and not is_required(cls, field):
        return None  # a reference to itself
    return _default(cls, field)


def _fixed_cycle(cycle: Cycle) -> Cycle:
    """A cycle ending after it starts: its two days swapped, or a quarter long when both
    are the same day."""
    if cycle.end < cycle.start:
        return dataclasses.replace(cycle, start=cycle.end, end=cycle.start)
    length = timedelta(days=CYCLE_DAYS)
    if cycle.start <= DATE_MAX - length:
        return dataclasses.replace(cycle, end=cycle.start + length)
    return dataclasses.replace(cycle, start=cycle.end - length)


def _fixed_key_result(kr: KeyResult, field: str) -> KeyResult | None:
    if field == "target" and kr.target is not None and kr.target == kr.baseline:
        return dataclasses.replace(kr, target=None)
    if field == "target":
        flipped = Direction.DECREASE if kr.direction is Direction.INCREASE else Direction.INCREASE
        return dataclasses.replace(kr, direction=flipped)
    if field == "band_low" and kr.band_low is not None and kr.band_high is not None:
        return dataclasses.replace(kr, band_low=kr.band_high, band_high=kr.band_low)
    return None


def _fixed(record: T, field: str) -> T | None:
    if isinstance(record, KeyResult):
        special = _fixed_key_result(record, field)
        if special is not None:
            return cast(T, special)
    if isinstance(record, Cycle) and field == "end" and record.end <= record.start:
        return cast(T, _fixed_cycle(record))
    if not hasattr(record, field):
        return None
    value = _fixed_value(record, field)
    if value is dataclasses.MISSING or value == getattr(record, field):
        return None
    return dataclasses.replace(record, **{field: value})


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, date):
        return value.isoformat()
    text = str(getattr(value, "value", value))
    return f"“{shorten(text, 40)}”"


def describe(record: Item, field: str, what: Message | str) -> Message:
    label = shorten(record.label, 60)
    return message(
        "{kind} “{label}”, field “{field}”: {what}",
        kind=TYPE_NAMES[type(record)],
        label=label,
        field=field,
        what=what,
    )


def repaired(record: T) -> tuple[T | None, list[Message]]:
    """``record`` mended until ``validate`` takes it, with a sentence per mended field;
    None (with the reason) when it cannot be mended."""
    notes: list[Message] = []
    for _ in range(MAX_FIXES):
        try:
            validate(record)
        except ValidationError as error:
            fixed = _fixed(record, error.field)
            if fixed is None:
                left_out = message("{reason} Left out.", reason=error.message)
                notes.append(describe(record, error.field, left_out))
                return None, notes
            now = _shown(getattr(fixed, error.field, None))
            mended = message("{reason} Written as {value}.", reason=error.message, value=now)
            notes.append(describe(record, error.field, mended))
            record = fixed
        else:
            return record, notes
    return None, notes


def _break_loops(records: list[Item], field: str, notes: list[Message]) -> list[Item]:
    """``records`` with the reference closing each ``field`` loop emptied."""
    by_id = {r.id: r for r in records}
    safe: set[str] = set()
    for start in list(by_id):
        path: list[str] = []
        current: str | None = start
        while current is not None and current in by_id and current not in safe:
            if current in path:
                closing = by_id[path[-1]]
                emptied: dict[str, Any] = {field: None}
                by_id[closing.id] = dataclasses.replace(closing, **emptied)
                notes.append(
                    describe(closing, field, message("a loop; the reference was left out"))
                )
                break
            path.append(current)
            current = getattr(by_id[current], field)
        safe.update(path)
    return [by_id[r.id] for r in records]


def make_importable(
    records: Records, id_ok: Callable[[str], bool]
) -> tuple[Records, list[Message]]:
    """The records of a plan as an export may write them: each valid, every reference to
    a record that is written, no loops; with a sentence for each change. Types are taken
    parents first (``ITEM_TYPES``), so a left-out parent takes its children with it."""
    notes: list[Message] = []
    kept: dict[type[Item], set[str]] = {}
    result: Records = {}
    for cls in ITEM_TYPES:
        valid = _valid(records.get(cls, ()), id_ok, notes)
        kept[cls] = {r.id for r in valid}
        mended = [
            fixed
            for record in valid
            if (fixed := _with_references(record, kept, notes)) is not None
        ]
        if cls is Mission:
            mended = _break_loops(mended, "parent_id", notes)
        if cls is Objective:
            mended = _break_loops(mended, "aligned_to_id", notes)
        result[cls] = mended
        kept[cls] = {r.id for r in mended}
    return result, notes


def _valid(
    records: Iterable[Item], id_ok: Callable[[str], bool], notes: list[Message]
) -> list[Item]:
    valid: list[Item] = []
    for record in records:
        if not id_ok(record.id):
            notes.append(describe(record, "id", message("an id import would refuse. Left out.")))
            continue
        fixed, found = repaired(record)
        notes += found
        if fixed is not None:
            valid.append(fixed)
    return valid


def _with_references(
    record: Item, kept: dict[type[Item], set[str]], notes: list[Message]
) -> Item | None:
    """``record`` with its references to what is not written emptied; None when one of
    them is required (a key result without its objective)."""
    changes: dict[str, Any] = {}
    for field, target in REFERENCE_TARGETS.items():
        value = getattr(record, field, None)
        if value is None or value in kept.get(target, ()):
            continue
        if is_required(type(record), field):
            notes.append(
                describe(record, field, message("refers to an item that is gone. Left out."))
            )
            return None
        changes[field] = None
        notes.append(
            describe(record, field, message("refers to an item that is gone. Written as nothing."))
        )
    if not changes:
        return record
    emptied = dataclasses.replace(record, **changes)
    # A rule across fields may need what was emptied (evidence cites exactly one thing).
    mended, found = repaired(emptied)
    notes += found
    return mended
