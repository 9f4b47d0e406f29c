"""The weekly rhythm's settings: defaults, an undoable change, refusals, a hand-edited file."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from okrdesk.services.errors import ValidationError
from okrdesk.services.plan import PlanService
from okrdesk.services.rhythm import (
    CHECK_IN_TIME,
    RHYTHM_FACTS,
    Rhythm,
    SetRhythm,
    read_rhythm,
)


def test_the_default_is_friday_afternoon_and_a_one_on_one_every_two_weeks(plan: PlanService):
    rhythm = read_rhythm(plan)
    assert (rhythm.day, rhythm.at, rhythm.cadence_days) == (4, time(15, 0), 14)
    assert rhythm.check_in_moment(date(2026, 2, 18)) == datetime(2026, 2, 20, 15, 0)
    assert not rhythm.check_in_due(datetime(2026, 2, 20, 14, 59))
    assert rhythm.check_in_due(datetime(2026, 2, 20, 15, 0))
    assert rhythm.check_in_due(datetime(2026, 2, 22, 9, 0))  # Sunday: still this week's


def test_setting_the_rhythm_is_one_undoable_step(plan: PlanService) -> None:
    applied = SetRhythm(Rhythm(day=0, at=time(9, 30), cadence_days=7)).apply(plan)
    assert applied.changes.facts == RHYTHM_FACTS
    assert read_rhythm(plan) == Rhythm(0, time(9, 30), 7)
    again = applied.inverse.apply(plan)
    assert read_rhythm(plan) == Rhythm()
    assert again.inverse == SetRhythm(Rhythm(0, time(9, 30), 7))
    assert SetRhythm(Rhythm()).apply(plan).changes.empty


def test_refused_values_write_nothing(plan: PlanService) -> None:
    with pytest.raises(ValidationError):
        SetRhythm(Rhythm(day=7)).apply(plan)
    with pytest.raises(ValidationError, match="at most 92 days"):
        SetRhythm(Rhythm(cadence_days=400)).apply(plan)
    assert read_rhythm(plan) == Rhythm()


def test_an_unreadable_stored_value_reads_as_the_default(plan: PlanService) -> None:
    plan.set_info(CHECK_IN_TIME, "teatime")
    assert read_rhythm(plan).at == time(15, 0)
