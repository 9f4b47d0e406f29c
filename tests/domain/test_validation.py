from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from okrdesk.domain.entities import (
    ActionItem,
    CheckIn,
    Cycle,
    GrowthNote,
    KeyResult,
    Meeting,
    Milestone,
    Mission,
    Objective,
    Stakeholder,
)
from okrdesk.domain.enums import Direction, KeyResultKind, Level
from okrdesk.domain.validation import MAX_TITLE, ValidationError, coerce, validate


def refused(record: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate(record)  # type: ignore[arg-type]
    return caught.value


KR = KeyResult(objective_id="o", title="Raise NPS", baseline=20, target=50)


@pytest.mark.parametrize(
    ("record", "field", "words"),
    [
        (Mission(title="  "), "title", "needs a title"),
        (Mission(title="x" * (MAX_TITLE + 1)), "title", "too long"),
        (Stakeholder(name=""), "name", "needs a name"),
        (Objective(title=""), "title", "needs a title"),
        (Objective(title="o", confidence=1.5), "confidence", "between 0 and 1"),
        (Cycle(name="Q1", start=date(2026, 4, 1), end=date(2026, 1, 1)), "end", "end after"),
        (Cycle(name="Q1", start=date(2026, 4, 1), end=date(2026, 4, 1)), "end", "end after"),
        (dataclasses.replace(KR, target=20.0), "target", "differ from the baseline"),
        (dataclasses.replace(KR, target=10.0), "target", "above its baseline"),
        (
            dataclasses.replace(KR, direction=Direction.DECREASE),
            "target",
            "below its baseline",
        ),
        (
            dataclasses.replace(KR, kind=KeyResultKind.MAINTAIN, band_low=5.0, band_high=1.0),
            "band_low",
            "low end",
        ),
        (dataclasses.replace(KR, weight=0.0), "weight", "more than 0"),
        (dataclasses.replace(KR, title=""), "title", "needs a title"),
        (
            CheckIn(key_result_id="k", date=date(2026, 1, 1), value=1, confidence=-0.1),
            "confidence",
            "between 0 and 1",
        ),
        (CheckIn(key_result_id="k", date=date(2026, 1, 1), value=float("nan")), "value", "finite"),
        (Milestone(objective_id="o", title=""), "title", "needs a title"),
        (GrowthNote(milestone_id="m", date=date(2026, 1, 1), text=" "), "text", "some text"),
        (Meeting(date=date(2026, 1, 1), counterpart=""), "counterpart", "who"),
        (ActionItem(meeting_id="m", text=""), "text", "some text"),
        (Mission(title="m", level="boss"), "level", "must be one of"),  # type: ignore[arg-type]
        (Mission(title="m", statement="x" * 100_001), "statement", "too long"),
        (Mission(title="m", position=-1), "position", "negative"),
    ],
)
def test_invalid_records_are_refused_with_field_and_sentence(
    record: object, field: str, words: str
) -> None:
    error = refused(record)
    assert error.field == field
    assert words in error.message


def test_a_mission_cannot_serve_itself() -> None:
    mission = Mission(title="m")
    assert refused(dataclasses.replace(mission, parent_id=mission.id)).field == "parent_id"


def test_valid_records_pass() -> None:
    validate(KR)
    validate(Cycle(name="Q1", start=date(2026, 1, 1), end=date(2026, 3, 31)))
    validate(Objective(title="Delight customers", confidence=0.7, level=Level.TEAM))


def test_coerce_reads_text_into_typed_values() -> None:
    values = coerce(
        KeyResult,
        {
            "baseline": "1,200",
            "target": " 50 ",
            "due": "2026-03-31",
            "kind": "Maintain",
            "result_level": "",
            "archived": "yes",
        },
    )
    assert values == {
        "baseline": 1200.0,
        "target": 50.0,
        "due": date(2026, 3, 31),
        "kind": KeyResultKind.MAINTAIN,
        "result_level": None,
        "archived": True,
    }


@pytest.mark.parametrize(
    ("field", "raw", "words"),
    [
        ("target", "lots", "must be a number"),
        ("target", "inf", "finite"),
        ("due", "31/03/2026", "must be a date"),
        ("due", "2026-02-30", "must be a date"),
        ("kind", "vibes", "must be one of"),
        ("title", None, "required"),
        ("title", 12, "must be text"),
        ("archived", "maybe", "yes or no"),
        ("weight", True, "must be a number"),
        ("colour", "red", "has no field"),
    ],
)
def test_coerce_refuses_what_it_cannot_read(field: str, raw: object, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        coerce(KeyResult, {field: raw})
    assert caught.value.field == field
    assert words in str(caught.value)
