from __future__ import annotations

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from okrdesk.domain.entities import KeyResult
from okrdesk.domain.enums import Direction, KeyResultKind
from okrdesk.domain.progress import (
    key_result_progress,
    mission_progress,
    objective_progress,
)

finite = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)


def metric(baseline: float | None, target: float | None, direction: Direction) -> KeyResult:
    return KeyResult(
        objective_id="o",
        title="kr",
        kind=KeyResultKind.METRIC,
        direction=direction,
        baseline=baseline,
        target=target,
    )


def test_metric_increase_is_the_share_of_the_distance_covered() -> None:
    kr = metric(20, 50, Direction.INCREASE)
    assert key_result_progress(kr, 20) == 0.0
    assert key_result_progress(kr, 35) == pytest.approx(0.5)
    assert key_result_progress(kr, 50) == 1.0


def test_metric_decrease_is_mirrored() -> None:
    kr = metric(120, 60, Direction.DECREASE)  # cut response time from 120 to 60 minutes
    assert key_result_progress(kr, 120) == 0.0
    assert key_result_progress(kr, 90) == pytest.approx(0.5)
    assert key_result_progress(kr, 45) == 1.0
    assert key_result_progress(kr, 150) == 0.0


def test_no_check_in_means_no_progress() -> None:
    assert key_result_progress(metric(0, 10, Direction.INCREASE), None) == 0.0


def test_missing_baseline_counts_from_zero() -> None:
    assert key_result_progress(metric(None, 10, Direction.INCREASE), 4) == pytest.approx(0.4)


def test_maintain_is_one_inside_the_band_only() -> None:
    kr = KeyResult(
        objective_id="o", title="uptime", kind=KeyResultKind.MAINTAIN, band_low=99.5, band_high=100
    )
    assert key_result_progress(kr, 99.9) == 1.0
    assert key_result_progress(kr, 99.5) == 1.0
    assert key_result_progress(kr, 99.4) == 0.0
    assert key_result_progress(kr, None) == 0.0


def test_milestone_and_baseline_kinds_are_zero_or_one() -> None:
    milestone = KeyResult(objective_id="o", title="ship", kind=KeyResultKind.MILESTONE)
    assert key_result_progress(milestone, 0) == 0.0
    assert key_result_progress(milestone, 1) == 1.0
    baseline = KeyResult(objective_id="o", title="measure", kind=KeyResultKind.BASELINE)
    assert key_result_progress(baseline, None) == 0.0
    assert key_result_progress(baseline, 42.0) == 1.0


def test_objective_progress_is_the_weighted_mean() -> None:
    heavy = KeyResult(objective_id="o", title="a", baseline=0, target=10, weight=3)
    light = KeyResult(objective_id="o", title="b", baseline=0, target=10, weight=1)
    assert objective_progress([(heavy, 10), (light, 0)]) == pytest.approx(0.75)
    assert objective_progress([]) is None


def test_mission_progress_is_the_mean_of_objectives_that_have_one() -> None:
    assert mission_progress([0.2, 0.6, None]) == pytest.approx(0.4)
    assert mission_progress([None]) is None


@given(baseline=finite, target=finite, value=finite)
def test_progress_stays_between_zero_and_one(baseline: float, target: float, value: float) -> None:
    assume(baseline != target)
    direction = Direction.INCREASE if target > baseline else Direction.DECREASE
    p = key_result_progress(metric(baseline, target, direction), value)
    assert 0.0 <= p <= 1.0
    assert not math.isnan(p)


@given(baseline=finite, target=finite, a=finite, b=finite)
def test_progress_follows_the_value_in_the_direction(
    baseline: float, target: float, a: float, b: float
) -> None:
    assume(baseline != target)
    low, high = sorted((a, b))
    direction = Direction.INCREASE if target > baseline else Direction.DECREASE
    kr = metric(baseline, target, direction)
    if direction is Direction.INCREASE:
        assert key_result_progress(kr, low) <= key_result_progress(kr, high)
    else:
        assert key_result_progress(kr, low) >= key_result_progress(kr, high)


@given(low=finite, width=st.floats(min_value=0, max_value=1e6), value=finite)
def test_maintain_band_contains_exactly_its_values(low: float, width: float, value: float) -> None:
    high = low + width
    kr = KeyResult(
        objective_id="o", title="k", kind=KeyResultKind.MAINTAIN, band_low=low, band_high=high
    )
    assert key_result_progress(kr, value) == (1.0 if low <= value <= high else 0.0)


@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0.1, 10)), min_size=1, max_size=8))
def test_objective_progress_lies_between_its_key_results(pairs: list[tuple[float, float]]) -> None:
    records = [
        (KeyResult(objective_id="o", title="k", baseline=0, target=1, weight=w), p)
        for p, w in pairs
    ]
    result = objective_progress(records)
    assert result is not None
    assert min(p for p, _ in pairs) - 1e-9 <= result <= max(p for p, _ in pairs) + 1e-9
