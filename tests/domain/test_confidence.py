"""Confidence as people write it ("7 in 10") and as okrdesk keeps it (0–1)."""

from __future__ import annotations

import pytest

from okrdesk.domain.confidence import (
    confidence_change,
    confidence_points,
    confidence_text,
    parse_confidence,
)
from okrdesk.domain.messages import Message
from okrdesk.domain.validation import ValidationError


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("7", 0.7),
        ("7.5", 0.75),
        ("7,5", 0.75),
        ("10", 1.0),
        ("1", 0.1),
        ("1.0", 0.1),
        ("0", 0.0),
        ("7/10", 0.7),
        ("7 / 10", 0.7),
        ("7 in 10", 0.7),
        ("  7  IN  10 ", 0.7),
        ("7 of 10", 0.7),
        ("7 out of 10", 0.7),
        ("0.5/10", 0.05),
        ("0 in 10", 0.0),
        ("70 %", 0.7),
        ("70%", 0.7),
        ("100 %", 1.0),
        ("0.7", 0.7),
        (".7", 0.7),
        ("0.05", 0.05),
    ],
)
def test_every_way_people_write_a_confidence_is_read_on_the_zero_to_one_scale(
    written: str, value: float
) -> None:
    assert parse_confidence(written) == pytest.approx(value)


@pytest.mark.parametrize("empty", ["", "   "])
def test_an_empty_confidence_is_not_set(empty: str) -> None:
    assert parse_confidence(empty) is None


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("high", "write 7 or 7 in 10, not “high”"),
        ("7 in 100", "write 7 or 7 in 10"),
        ("7 8", "write 7 or 7 in 10"),
        ("11", "from 0 to 10 (7 means 7 in 10), not “11”"),
        ("70", "not “70”"),
        ("-1", "not “-1”"),
        ("-0.5", "not “-0.5”"),
        ("11/10", "not “11/10”"),
        ("120 %", "not “120 %”"),
    ],
)
def test_a_confidence_that_cannot_be_read_is_refused_with_one_sentence(
    written: str, says: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        parse_confidence(written)
    assert refused.value.field == "confidence"
    assert says in refused.value.message
    assert isinstance(refused.value.message, Message)  # translated where it is shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (0.7, "7 in 10"),
        (0.75, "7.5 in 10"),
        (1.0, "10 in 10"),
        (0.0, "0 in 10"),
        (0.333, "3.3 in 10"),
    ],
)
def test_a_confidence_is_shown_in_points_of_ten(value: float, shown: str) -> None:
    assert confidence_text(value) == shown
    # What is shown reads back as what was stored (to a tenth of a point).
    assert parse_confidence(confidence_text(value)) == pytest.approx(round(value, 2))


def test_a_confidence_not_set_shows_what_the_caller_asks() -> None:
    assert confidence_text(None) == ""
    assert confidence_text(None, "–") == "–"


def test_points_never_read_minus_zero() -> None:
    assert confidence_points(-0.00001) == "0"


def test_a_change_of_confidence_says_both_ends_and_the_points_moved() -> None:
    assert confidence_change(0.8, 0.5) == "8 → 5 in 10 (-3)"
    assert confidence_change(0.5, 0.75) == "5 → 7.5 in 10 (+2.5)"
    assert confidence_change(0.7, 0.701) == "7 in 10, unchanged"
