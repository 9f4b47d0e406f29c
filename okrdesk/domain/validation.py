"""Validation: one error type carrying the field and a sentence a person understands.

``coerce`` turns loosely typed input (text from a field, a command line or a JSON file) into
the types of an item's fields; ``validate`` checks a whole record. Nothing invalid may reach
the database: the services call ``validate`` before every write.
"""

from __future__ import annotations

import dataclasses
import math
import re
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from typing import Any

from okrdesk.domain.entities import (
    MISSION_RATINGS,
    SKILL_LEVELS,
    ActionItem,
    CheckIn,
    Cycle,
    EvidenceLink,
    GrowthNote,
    Item,
    KeyResult,
    Meeting,
    Milestone,
    Mission,
    MissionEvaluation,
    NextStep,
    Objective,
    ObjectiveClose,
    PersonalValue,
    Skill,
    SkillStep,
    Stakeholder,
)
from okrdesk.domain.enums import Direction, KeyResultKind
from okrdesk.domain.messages import message

MAX_TITLE = 300
MAX_TEXT = 100_000
# Days a plan may hold: wide enough for any real plan, narrow enough that date arithmetic,
# charts and the PDF never run past the calendar (9999-12-31 is as far as it goes).
DATE_MIN = date(1900, 1, 1)
DATE_MAX = date(2200, 12, 31)
# Numbers a plan may hold: larger ones are typing slips, and their sums would overflow.
MAX_MAGNITUDE = 1e15
# Fields whose text is a one-line name, held to MAX_TITLE rather than MAX_TEXT.
TITLE_FIELDS = frozenset({"title", "name"})


def in_date_window(day: date | datetime) -> bool:
    """Whether ``day`` lies in the window a plan may hold (DATE_MIN to DATE_MAX)."""
    plain = day.date() if isinstance(day, datetime) else day
    return DATE_MIN <= plain <= DATE_MAX


def in_number_range(number: float) -> bool:
    """Whether ``number`` is finite and no larger than MAX_MAGNITUDE either way."""
    return math.isfinite(number) and abs(number) <= MAX_MAGNITUDE


MAX_OWNER_NAME = 100
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class ValidationError(ValueError):
    """A value that cannot be stored, with the field it belongs to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return self.message


def same_person(one: str, other: str) -> bool:
    """Owner names match without regard to case or surrounding spaces."""
    return one.strip().casefold() == other.strip().casefold()


def owner_name(name: str) -> str:
    """The plan owner's name as it is stored: trimmed, one line, at most MAX_OWNER_NAME
    characters; empty means the plan has no owner yet."""
    trimmed = name.strip()
    if _CONTROL.search(trimmed):
        raise ValidationError("owner", message("The owner's name must fit on one line."))
    if len(trimmed) > MAX_OWNER_NAME:
        raise ValidationError(
            "owner",
            message(
                "The owner's name is too long ({length} characters; at most {limit}).",
                length=len(trimmed),
                limit=MAX_OWNER_NAME,
            ),
        )
    return trimmed


_FIELD_TYPES: dict[type[Item], dict[str, Any]] = {}


def field_types(cls: type[Item]) -> dict[str, Any]:
    """Each field's annotation, resolved (cached: resolving is slow and done per value)."""
    if cls not in _FIELD_TYPES:
        hints = typing.get_type_hints(cls)
        _FIELD_TYPES[cls] = {f.name: hints[f.name] for f in dataclasses.fields(cls)}
    return _FIELD_TYPES[cls]


def _optional_inner(annotation: Any) -> tuple[Any, bool]:
    """(inner type, whether None is allowed) for ``X | None``."""
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0], True
    return annotation, False


def _human(name: str) -> str:
    return name.replace("_id", "").replace("_", " ")


def coerce_value(cls: type[Item], name: str, raw: Any) -> Any:
    """``raw`` converted to the type of ``cls.name``, or a ValidationError saying why not."""
    types_ = field_types(cls)
    if name not in types_:
        raise ValidationError(
            name, message("A {kind} has no field “{field}”.", kind=cls.__name__, field=name)
        )
    inner, optional = _optional_inner(types_[name])
    label = _human(name).capitalize()
    if raw is None or (optional and isinstance(raw, str) and raw.strip() == ""):
        if optional:
            return None
        raise ValidationError(name, message("{label} is required.", label=label))
    coercer = _COERCERS.get(inner)
    if coercer is not None:
        return coercer(name, label, raw)
    if isinstance(inner, type) and issubclass(inner, Enum):
        return _coerce_enum(inner, name, label, raw)
    raise ValidationError(
        name, message("{label} has a type okrdesk cannot read.", label=label)
    )  # pragma: no cover


# Each coercer takes (field name, its label for people, the raw value) and returns the
# value in its type or raises a ValidationError naming the field.


def _coerce_bool(name: str, label: str, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in {"true", "yes", "1", "false", "no", "0"}:
        return raw.strip().lower() in {"true", "yes", "1"}
    raise ValidationError(
        name, message("{label} must be yes or no, not “{raw}”.", label=label, raw=raw)
    )


def _coerce_float(name: str, label: str, raw: Any) -> float:
    # A bool is an int to Python, but True is no amount of anything.
    if isinstance(raw, bool):
        raise ValidationError(
            name, message("{label} must be a number, not “{raw}”.", label=label, raw=raw)
        )
    try:
        number = float(raw.strip().replace(",", "")) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError):
        raise ValidationError(
            name, message("{label} must be a number, not “{raw}”.", label=label, raw=raw)
        ) from None
    if not math.isfinite(number):
        raise ValidationError(name, message("{label} must be a finite number.", label=label))
    return number


def _coerce_int(name: str, label: str, raw: Any) -> int:
    if isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    raise ValidationError(
        name, message("{label} must be a whole number, not “{raw}”.", label=label, raw=raw)
    )


def _coerce_date(name: str, label: str, raw: Any) -> date:
    # A datetime is a date to Python: take its day, not the datetime itself.
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        try:
            return date.fromisoformat(raw.strip())
        except ValueError:
            pass
    raise ValidationError(
        name,
        message("{label} must be a date like 2026-03-31, not “{raw}”.", label=label, raw=raw),
    )


def _coerce_datetime(name: str, label: str, raw: Any) -> datetime:
    if isinstance(raw, datetime):
        return raw.replace(tzinfo=None)
    if isinstance(raw, str):
        try:
            return datetime.fromisoformat(raw.strip()).replace(tzinfo=None)
        except ValueError:
            pass
    raise ValidationError(
        name, message("{label} must be a date and time, not “{raw}”.", label=label, raw=raw)
    )


def _coerce_str(name: str, label: str, raw: Any) -> str:
    if not isinstance(raw, str):
        raise ValidationError(name, message("{label} must be text.", label=label))
    return raw


def _coerce_enum(inner: type[Enum], name: str, label: str, raw: Any) -> Enum:
    try:
        return inner(raw.strip().lower() if isinstance(raw, str) else raw)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in inner)
        raise ValidationError(
            name,
            message(
                "{label} must be one of {allowed}, not “{raw}”.",
                label=label,
                allowed=allowed,
                raw=raw,
            ),
        ) from None


# By the field's exact type (enums, one class each, are matched apart).
_COERCERS: dict[Any, Callable[[str, str, Any], Any]] = {
    bool: _coerce_bool,
    float: _coerce_float,
    int: _coerce_int,
    date: _coerce_date,
    datetime: _coerce_datetime,
    str: _coerce_str,
}


def coerce(cls: type[Item], values: dict[str, Any]) -> dict[str, Any]:
    return {name: coerce_value(cls, name, raw) for name, raw in values.items()}


def _title(field: str, value: str, what: str) -> None:
    if not value.strip():
        raise ValidationError(
            field, message("The {what} needs a {field}.", what=what, field=_human(field))
        )
    _length(field, value)


def _length(field: str, value: str) -> None:
    limit = MAX_TITLE if field in TITLE_FIELDS else MAX_TEXT
    if len(value) > limit:
        raise ValidationError(
            field,
            message(
                "The {field} is too long: at most {limit} characters (it has {length}).",
                field=_human(field),
                limit=f"{limit:,}",
                length=f"{len(value):,}",
            ),
        )


def _in_windows(field: str, value: object) -> None:
    """Numbers and days a plan may hold (see DATE_MIN, DATE_MAX, MAX_MAGNITUDE)."""
    label = _human(field).capitalize()
    if isinstance(value, float) and not math.isfinite(value):
        raise ValidationError(field, message("{label} must be a finite number.", label=label))
    if isinstance(value, float) and not in_number_range(value):
        raise ValidationError(
            field,
            message(
                "{label} must be a number between -{limit} and {limit}, not {value}.",
                label=label,
                limit="10^15",
                value=f"{value:g}",
            ),
        )
    if isinstance(value, date) and not in_date_window(value):
        raise ValidationError(
            field,
            message(
                "{label} must be a day between {first} and {last}, not {value}.",
                label=label,
                first=DATE_MIN.isoformat(),
                last=DATE_MAX.isoformat(),
                value=value.isoformat(),
            ),
        )


def _unit_interval(field: str, value: float | None, what: str) -> None:
    if value is not None and not 0.0 <= value <= 1.0:
        raise ValidationError(
            field,
            message(
                "{what} must be between 0 and 1 (0 % to 100 %), not {value:g}.",
                what=what,
                value=value,
            ),
        )


def validate(item: Item) -> None:
    """Raise ValidationError for the first thing wrong with ``item``."""
    for f in dataclasses.fields(item):
        value = getattr(item, f.name)
        # Types first: a wrongly typed value is a programming error or a bad import file.
        coerce_value(type(item), f.name, value)
        if isinstance(value, str):
            _length(f.name, value)
        _in_windows(f.name, value)
    if item.position < 0:
        raise ValidationError("position", "A position cannot be negative.")
    match item:
        case Stakeholder():
            _title("name", item.name, "stakeholder")
        case Mission():
            _title("title", item.title, "mission")
            if item.parent_id is not None and item.parent_id == item.id:
                raise ValidationError("parent_id", "A mission cannot serve itself.")
        case Cycle():
            _title("name", item.name, "cycle")
            if item.end <= item.start:
                raise ValidationError("end", "A cycle must end after it starts.")
        case Objective():
            _title("title", item.title, "objective")
            _unit_interval("confidence", item.confidence, "Confidence")
            if item.aligned_to_id is not None and item.aligned_to_id == item.id:
                raise ValidationError("aligned_to_id", "An objective cannot be aligned to itself.")
        case KeyResult():
            _validate_key_result(item)
        case CheckIn():
            _unit_interval("confidence", item.confidence, "Confidence")
        case Milestone():
            _title("title", item.title, "milestone")
        case GrowthNote():
            if not item.text.strip():
                raise ValidationError("text", "A growth note needs some text.")
        case Meeting():
            if not item.counterpart.strip():
                raise ValidationError("counterpart", "Say who the one-on-one is with.")
        case ActionItem():
            if not item.text.strip():
                raise ValidationError("text", "An action item needs some text.")
        case NextStep():
            _title("title", item.title, "next step")
        case ObjectiveClose() | MissionEvaluation() | EvidenceLink():
            _validate_retrospective(item)
        case PersonalValue():
            _title("name", item.name, "value")
        case Skill():
            _title("name", item.name, "skill")
            _skill_level("level", item.level)
            if item.aim is not None:
                _skill_level("aim", item.aim)
        case SkillStep():
            _skill_level("level", item.level)
            if item.previous is not None:
                _skill_level("previous", item.previous)


def _skill_level(field: str, level: int) -> None:
    if level not in SKILL_LEVELS:
        raise ValidationError(
            field,
            message(
                "A skill level is a whole number from {low} to {high}, not {level}.",
                low=SKILL_LEVELS[0],
                high=SKILL_LEVELS[-1],
                level=level,
            ),
        )


def _validate_key_result(kr: KeyResult) -> None:
    _title("title", kr.title, "key result")
    if kr.weight <= 0:
        raise ValidationError("weight", "A weight must be more than 0.")
    if kr.kind is KeyResultKind.METRIC and kr.target is not None and kr.baseline is not None:
        if kr.target == kr.baseline:
            raise ValidationError("target", "The target must differ from the baseline.")
        if kr.direction is Direction.INCREASE and kr.target < kr.baseline:
            raise ValidationError(
                "target",
                "An increasing key result needs a target above its baseline "
                "(or set its direction to decrease).",
            )
        if kr.direction is Direction.DECREASE and kr.target > kr.baseline:
            raise ValidationError(
                "target",
                "A decreasing key result needs a target below its baseline "
                "(or set its direction to increase).",
            )
    if (
        kr.kind is KeyResultKind.MAINTAIN
        and kr.band_low is not None
        and kr.band_high is not None
        and kr.band_low > kr.band_high
    ):
        raise ValidationError("band_low", "The band's low end must not be above its high end.")


# -- closing a cycle (issue 21) -------------------------------------------------------------


def _validate_retrospective(item: ObjectiveClose | MissionEvaluation | EvidenceLink) -> None:
    match item:
        case ObjectiveClose():
            _unit_interval("score", item.score, "The final score")
            _unit_interval("proposed", item.proposed, "The proposed score")
            if item.adjusted and item.proposed is not None and not item.reason.strip():
                raise ValidationError(
                    "reason",
                    message(
                        "Say why the score is {score:.2f} rather than the proposed {proposed:.2f}.",
                        score=item.score,
                        proposed=item.proposed,
                    ),
                )
        case MissionEvaluation():
            if item.rating not in MISSION_RATINGS:
                raise ValidationError(
                    "rating",
                    message(
                        "A mission's rating is a whole number from {low} to {high}, not {rating}.",
                        low=min(MISSION_RATINGS),
                        high=max(MISSION_RATINGS),
                        rating=item.rating,
                    ),
                )
        case EvidenceLink():
            if (item.key_result_id is None) == (item.growth_note_id is None):
                raise ValidationError(
                    "key_result_id",
                    "Evidence cites exactly one key result or one growth note.",
                )
