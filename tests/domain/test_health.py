"""Health rules: first match wins; worst wins when several combine."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrdesk.domain.entities import CheckIn, KeyResult
from okrdesk.domain.enums import KeyResultKind, ObjectiveState
from okrdesk.domain.health import (
    Health,
    key_result_health,
    mission_health,
    objective_health,
    pace_health,
    worst,
)

TODAY = date(2026, 2, 15)
METRIC = KeyResult(objective_id="o", title="Signups", baseline=0, target=100)
unit = st.floats(min_value=0.0, max_value=1.0)
maybe_unit = st.none() | unit


def check_in(value: float, confidence: float | None = 0.8, days_ago: int = 1) -> CheckIn:
    return CheckIn(
        key_result_id=METRIC.id,
        date=TODAY - timedelta(days=days_ago),
        value=value,
        confidence=confidence,
    )


def test_labels() -> None:
    assert Health.ON_TRACK.label == "On track"
    assert Health.OFF_TRACK.label == "Off track"
    assert Health.PENDING.label == "Pending"
    assert {h for h in Health if h.is_closed} == {
        Health.ACHIEVED,
        Health.MISSED,
        Health.ABANDONED,
    }


@pytest.mark.parametrize(
    ("state", "health"),
    [
        (ObjectiveState.ACHIEVED, Health.ACHIEVED),
        (ObjectiveState.MISSED, Health.MISSED),
        (ObjectiveState.ABANDONED, Health.ABANDONED),
    ],
)
def test_a_closed_objective_decides_first(state: ObjectiveState, health: Health) -> None:
    # Even with no check-in at all, or a stale one.
    assert key_result_health(METRIC, None, 0.5, TODAY, state) is health
    assert key_result_health(METRIC, check_in(0, 0.1, days_ago=90), 0.5, TODAY, state) is health


def test_no_check_in_is_pending_never_on_track() -> None:
    assert key_result_health(METRIC, None, 0.0, TODAY) is Health.PENDING


def test_a_stale_check_in_is_outdated_after_the_threshold() -> None:
    fresh = check_in(50, days_ago=14)
    stale = check_in(50, days_ago=15)
    assert key_result_health(METRIC, fresh, 0.5, TODAY) is Health.ON_TRACK
    assert key_result_health(METRIC, stale, 0.5, TODAY) is Health.OUTDATED
    assert key_result_health(METRIC, fresh, 0.5, TODAY, outdated_after_days=7) is Health.OUTDATED
    # Outdated wins over an off-track pace: the numbers are too old to judge.
    assert key_result_health(METRIC, check_in(0, days_ago=30), 0.9, TODAY) is Health.OUTDATED


@pytest.mark.parametrize(
    ("value", "confidence", "expected", "health"),
    [
        (50, 0.8, 0.5, Health.ON_TRACK),
        (40, 0.7, 0.5, Health.ON_TRACK),  # within 0.1 of the pace
        (39, 0.8, 0.5, Health.AT_RISK),  # a little behind
        (50, 0.6, 0.5, Health.AT_RISK),  # on pace, but not so sure
        (20, 0.8, 0.5, Health.AT_RISK),  # exactly 0.3 behind is still only at risk
        (19, 0.9, 0.5, Health.OFF_TRACK),  # more than 0.3 behind
        (90, 0.3, 0.5, Health.OFF_TRACK),  # ahead, but the owner has lost faith
        (50, None, 0.5, Health.ON_TRACK),  # no confidence: judged on progress alone
        (30, None, 0.5, Health.AT_RISK),
    ],
)
def test_pace_and_confidence(
    value: float, confidence: float | None, expected: float, health: Health
) -> None:
    latest = check_in(value, confidence)
    assert key_result_health(METRIC, latest, expected, TODAY) is health


def test_without_a_cycle_only_confidence_judges() -> None:
    assert key_result_health(METRIC, check_in(0, 0.9), None, TODAY) is Health.ON_TRACK
    assert key_result_health(METRIC, check_in(0, 0.5), None, TODAY) is Health.AT_RISK
    assert key_result_health(METRIC, check_in(0, 0.2), None, TODAY) is Health.OFF_TRACK


def test_a_maintain_key_result_must_stay_in_its_band_all_along() -> None:
    kr = KeyResult(
        objective_id="o", title="Uptime", kind=KeyResultKind.MAINTAIN, band_low=99, band_high=100
    )
    assert key_result_health(kr, check_in(99.5), 0.1, TODAY) is Health.ON_TRACK
    assert key_result_health(kr, check_in(98.0), 0.1, TODAY) is Health.OFF_TRACK


def test_a_milestone_is_only_expected_done_by_its_deadline() -> None:
    kr = KeyResult(objective_id="o", title="Launch", kind=KeyResultKind.MILESTONE)
    assert key_result_health(kr, check_in(0), 0.8, TODAY) is Health.ON_TRACK
    assert key_result_health(kr, check_in(0), 1.0, TODAY) is Health.OFF_TRACK
    assert key_result_health(kr, check_in(1), 1.0, TODAY) is Health.ON_TRACK


def test_a_baseline_key_result_is_on_track_once_measured() -> None:
    kr = KeyResult(objective_id="o", title="Measure NPS", kind=KeyResultKind.BASELINE)
    assert key_result_health(kr, None, 0.9, TODAY) is Health.PENDING
    assert key_result_health(kr, check_in(31), 0.9, TODAY) is Health.ON_TRACK


def test_objective_health_takes_the_worst_key_result() -> None:
    active = ObjectiveState.ACTIVE
    assert objective_health(active, [Health.ON_TRACK, Health.AT_RISK]) is Health.AT_RISK
    assert objective_health(active, [Health.ON_TRACK, Health.PENDING]) is Health.PENDING
    assert objective_health(active, [Health.OUTDATED, Health.PENDING]) is Health.OUTDATED
    assert objective_health(active, [Health.OFF_TRACK, Health.OUTDATED]) is Health.OFF_TRACK
    assert objective_health(active, []) is Health.PENDING
    assert objective_health(ObjectiveState.ACHIEVED, [Health.OFF_TRACK]) is Health.ACHIEVED


def test_mission_health_looks_at_open_objectives_first() -> None:
    assert mission_health([Health.MISSED, Health.ON_TRACK]) is Health.ON_TRACK
    assert mission_health([Health.ACHIEVED, Health.MISSED, Health.ABANDONED]) is Health.MISSED
    assert mission_health([Health.ACHIEVED, Health.ABANDONED]) is Health.ACHIEVED
    assert mission_health([Health.ABANDONED]) is Health.ABANDONED
    assert mission_health([]) is Health.PENDING
    assert worst([]) is None


@given(unit, unit, maybe_unit, maybe_unit)
def test_pace_health_never_improves_with_less_progress(
    a: float, b: float, expected: float | None, confidence: float | None
) -> None:
    low, high = sorted((a, b))
    assert (
        pace_health(low, expected, confidence).severity
        >= pace_health(high, expected, confidence).severity
    )


@given(unit, maybe_unit, unit, unit)
def test_pace_health_never_improves_with_less_confidence(
    progress: float, expected: float | None, a: float, b: float
) -> None:
    low, high = sorted((a, b))
    assert (
        pace_health(progress, expected, low).severity
        >= pace_health(progress, expected, high).severity
    )


@given(unit, unit, maybe_unit)
def test_pace_health_is_an_open_state(
    progress: float, expected: float, confidence: float | None
) -> None:
    assert pace_health(progress, expected, confidence) in {
        Health.ON_TRACK,
        Health.AT_RISK,
        Health.OFF_TRACK,
    }


@given(st.lists(st.sampled_from(Health), min_size=1))
def test_worst_is_one_of_them_and_none_is_worse(healths: list[Health]) -> None:
    found = worst(healths)
    assert found is not None
    assert found in healths
    assert all(h.severity <= found.severity for h in healths)
