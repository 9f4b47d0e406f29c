"""Expected progress, score bands and the forecast; properties of the progress maths."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from okrdesk.domain.entities import CheckIn, Cycle, KeyResult, Objective
from okrdesk.domain.enums import Direction, KeyResultKind, ObjectiveKind, ObjectiveState
from okrdesk.domain.progress import key_result_progress
from okrdesk.domain.scoring import (
    Forecast,
    ScoreBand,
    deadline,
    expected_between,
    expected_progress,
    fit_line,
    forecast_key_result,
    key_result_expected,
    misses_target,
    objective_score,
    recent_check_ins,
    score_band,
)

Q1 = Cycle(name="Q1", start=date(2026, 1, 1), end=date(2026, 3, 31))  # 89 days long

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
unit = st.floats(min_value=0.0, max_value=1.0)


@st.composite
def cycles(draw: st.DrawFn) -> Cycle:
    start = draw(days)
    length = draw(st.integers(min_value=1, max_value=400))
    return Cycle(name="c", start=start, end=start + timedelta(days=length))


def check_in(day: date, value: float, confidence: float | None = None, n: int = 0) -> CheckIn:
    # ``created`` orders check-ins made on the same day.
    return CheckIn(
        key_result_id="kr",
        date=day,
        value=value,
        confidence=confidence,
        created=datetime(2026, 1, 1) + timedelta(seconds=n),
    )


# -- expected progress ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2025, 12, 1), 0.0),
        (date(2026, 1, 1), 0.0),
        (date(2026, 1, 1) + timedelta(days=89 // 2), 44 / 89),
        (date(2026, 3, 31), 1.0),
        (date(2026, 6, 1), 1.0),
    ],
)
def test_expected_progress_is_linear_over_the_cycle(today: date, expected: float) -> None:
    assert expected_progress(Q1, today) == pytest.approx(expected)


def test_expected_between_a_window_without_length_is_a_step() -> None:
    day = date(2026, 2, 1)
    assert expected_between(day, day, day - timedelta(days=1)) == 0.0
    assert expected_between(day, day, day) == 1.0


def test_key_result_expected_runs_to_its_due_date() -> None:
    kr = KeyResult(objective_id="o", title="t", due=date(2026, 1, 31))
    assert deadline(kr, Q1) == date(2026, 1, 31)
    assert key_result_expected(kr, Q1, date(2026, 1, 16)) == pytest.approx(0.5)
    assert key_result_expected(kr, Q1, date(2026, 2, 15)) == 1.0
    assert key_result_expected(KeyResult(objective_id="o", title="t"), Q1, date(2026, 3, 31)) == 1.0
    assert key_result_expected(kr, None, date(2026, 1, 16)) is None


@given(cycles(), days)
def test_expected_progress_is_within_bounds(cycle: Cycle, today: date) -> None:
    assert 0.0 <= expected_progress(cycle, today) <= 1.0


@given(cycles(), days, days)
def test_expected_progress_never_goes_back_in_time(cycle: Cycle, a: date, b: date) -> None:
    earlier, later = sorted((a, b))
    assert expected_progress(cycle, earlier) <= expected_progress(cycle, later)


# -- progress properties ------------------------------------------------------------------------


@st.composite
def metric_key_results(draw: st.DrawFn, direction: Direction) -> KeyResult:
    baseline = draw(finite)
    distance = draw(st.floats(min_value=1e-3, max_value=1e6))
    target = baseline + distance if direction is Direction.INCREASE else baseline - distance
    return KeyResult(
        objective_id="o", title="t", direction=direction, baseline=baseline, target=target
    )


@given(st.data(), st.sampled_from(Direction), finite)
def test_progress_is_within_bounds(data: st.DataObject, direction: Direction, value: float) -> None:
    kr = data.draw(metric_key_results(direction))
    assert 0.0 <= key_result_progress(kr, value) <= 1.0


@given(metric_key_results(Direction.INCREASE), finite, finite)
def test_progress_of_an_increase_never_falls_as_the_value_rises(
    kr: KeyResult, a: float, b: float
) -> None:
    low, high = sorted((a, b))
    assert key_result_progress(kr, low) <= key_result_progress(kr, high)


@given(metric_key_results(Direction.DECREASE), finite, finite)
def test_progress_of_a_decrease_never_rises_as_the_value_rises(
    kr: KeyResult, a: float, b: float
) -> None:
    low, high = sorted((a, b))
    assert key_result_progress(kr, low) >= key_result_progress(kr, high)


@given(finite, finite, finite)
def test_maintain_progress_is_full_exactly_inside_the_band(a: float, b: float, v: float) -> None:
    low, high = sorted((a, b))
    kr = KeyResult(
        objective_id="o", title="t", kind=KeyResultKind.MAINTAIN, band_low=low, band_high=high
    )
    assert key_result_progress(kr, v) == (1.0 if low <= v <= high else 0.0)


# -- score --------------------------------------------------------------------------------------


def test_score_is_the_weighted_final_progress_of_a_closed_objective() -> None:
    heavy = KeyResult(objective_id="o", title="a", baseline=0, target=10, weight=3.0)
    light = KeyResult(objective_id="o", title="b", baseline=0, target=10, weight=1.0)
    closed = Objective(title="o", state=ObjectiveState.MISSED)
    # (0.8 * 3 + 0.4 * 1) / 4
    assert objective_score(closed, [(heavy, 8.0), (light, 4.0)]) == pytest.approx(0.7)
    assert objective_score(closed, [(heavy, None), (light, 20.0)]) == pytest.approx(0.25)


def test_an_open_objective_or_one_without_key_results_has_no_score() -> None:
    kr = KeyResult(objective_id="o", title="a", baseline=0, target=10)
    assert objective_score(Objective(title="o", state=ObjectiveState.ACTIVE), [(kr, 10.0)]) is None
    assert objective_score(Objective(title="o", state=ObjectiveState.ACHIEVED), []) is None


@given(st.lists(st.tuples(finite, st.floats(min_value=0.01, max_value=100)), min_size=1))
def test_score_is_within_bounds(values: list[tuple[float, float]]) -> None:
    pairs = [
        (KeyResult(objective_id="o", title="t", baseline=0, target=100, weight=w), v)
        for v, w in values
    ]
    score = objective_score(Objective(title="o", state=ObjectiveState.ACHIEVED), pairs)
    assert score is not None
    assert 0.0 <= score <= 1.0


@pytest.mark.parametrize(
    ("score", "kind", "band"),
    [
        (1.0, ObjectiveKind.COMMITTED, ScoreBand.DELIVERED),
        (0.9999999999, ObjectiveKind.COMMITTED, ScoreBand.DELIVERED),
        (0.95, ObjectiveKind.COMMITTED, ScoreBand.SHORT),
        (0.7, ObjectiveKind.COMMITTED, ScoreBand.SHORT),
        (0.69, ObjectiveKind.COMMITTED, ScoreBand.MISSED),
        (0.0, ObjectiveKind.COMMITTED, ScoreBand.MISSED),
        (1.0, ObjectiveKind.ASPIRATIONAL, ScoreBand.SANDBAGGED),
        (0.9, ObjectiveKind.ASPIRATIONAL, ScoreBand.SANDBAGGED),
        (0.7, ObjectiveKind.ASPIRATIONAL, ScoreBand.HEALTHY),
        (0.6, ObjectiveKind.ASPIRATIONAL, ScoreBand.HEALTHY),
        (0.5, ObjectiveKind.ASPIRATIONAL, ScoreBand.SHORT),
        (0.4, ObjectiveKind.ASPIRATIONAL, ScoreBand.SHORT),
        (0.39, ObjectiveKind.ASPIRATIONAL, ScoreBand.MISSED),
    ],
)
def test_score_bands(score: float, kind: ObjectiveKind, band: ScoreBand) -> None:
    assert score_band(score, kind) is band


def test_score_bands_read_as_people_expect() -> None:
    assert ScoreBand.HEALTHY.label == "Healthy stretch"
    assert ScoreBand.SANDBAGGED.tone == "warning"
    assert all(band.label and band.tone in {"good", "warning", "bad"} for band in ScoreBand)


BAND_RANK = {
    ObjectiveKind.COMMITTED: [ScoreBand.MISSED, ScoreBand.SHORT, ScoreBand.DELIVERED],
    ObjectiveKind.ASPIRATIONAL: [
        ScoreBand.MISSED,
        ScoreBand.SHORT,
        ScoreBand.HEALTHY,
        ScoreBand.SANDBAGGED,
    ],
}
# Growth is a stretch: scored as an aspirational objective.
BAND_RANK[ObjectiveKind.DEVELOPMENT] = BAND_RANK[ObjectiveKind.ASPIRATIONAL]


@given(unit, unit, st.sampled_from(ObjectiveKind))
def test_a_higher_score_never_falls_into_a_lower_band(
    a: float, b: float, kind: ObjectiveKind
) -> None:
    low, high = sorted((a, b))
    rank = BAND_RANK[kind]
    assert rank.index(score_band(low, kind)) <= rank.index(score_band(high, kind))


@given(unit)
def test_only_a_full_score_delivers_a_commitment(score: float) -> None:
    delivered = score_band(score, ObjectiveKind.COMMITTED) is ScoreBand.DELIVERED
    assert delivered == (score >= 1.0 - 1e-9)


# -- forecast -----------------------------------------------------------------------------------


def test_forecast_extends_the_recent_trend_to_the_cycle_end() -> None:
    kr = KeyResult(objective_id="o", title="t", baseline=0, target=100)
    # +1 a day from Jan 1: 89 at the end of March.
    check_ins = [check_in(date(2026, 1, 1) + timedelta(days=d), d) for d in (0, 10, 20)]
    forecast = forecast_key_result(kr, check_ins, Q1)
    assert isinstance(forecast, Forecast)
    assert forecast.at == Q1.end
    assert forecast.value == pytest.approx(89.0)
    assert forecast.trending_off_track
    assert forecast.value_on(date(2026, 1, 11)) == pytest.approx(10.0)


def test_forecast_runs_to_the_due_date_and_may_be_on_track() -> None:
    kr = KeyResult(objective_id="o", title="t", baseline=0, target=30, due=date(2026, 1, 31))
    check_ins = [check_in(date(2026, 1, 1), 0), check_in(date(2026, 1, 11), 10)]
    forecast = forecast_key_result(kr, check_ins, Q1)
    assert forecast is not None
    assert forecast.at == date(2026, 1, 31)
    assert forecast.value == pytest.approx(30.0)
    assert not forecast.trending_off_track


def test_forecast_of_a_decrease_misses_when_it_stays_above_the_target() -> None:
    kr = KeyResult(
        objective_id="o", title="t", direction=Direction.DECREASE, baseline=100, target=50
    )
    slow = [check_in(date(2026, 1, 1), 100), check_in(date(2026, 1, 31), 95)]
    fast = [check_in(date(2026, 1, 1), 100), check_in(date(2026, 1, 31), 70)]
    slow_forecast = forecast_key_result(kr, slow, Q1)
    fast_forecast = forecast_key_result(kr, fast, Q1)
    assert slow_forecast is not None and slow_forecast.trending_off_track
    assert fast_forecast is not None and not fast_forecast.trending_off_track


def test_forecast_of_a_maintain_key_result_leaving_its_band() -> None:
    kr = KeyResult(
        objective_id="o", title="t", kind=KeyResultKind.MAINTAIN, band_low=90, band_high=100
    )
    drifting = [check_in(date(2026, 1, 1), 99), check_in(date(2026, 1, 31), 93)]
    steady = [check_in(date(2026, 1, 1), 95), check_in(date(2026, 1, 31), 95)]
    drifting_forecast = forecast_key_result(kr, drifting, Q1)
    steady_forecast = forecast_key_result(kr, steady, Q1)
    assert drifting_forecast is not None and drifting_forecast.trending_off_track
    assert steady_forecast is not None and not steady_forecast.trending_off_track


def test_no_forecast_without_two_days_a_deadline_or_a_measurable_kind() -> None:
    kr = KeyResult(objective_id="o", title="t", baseline=0, target=10)
    same_day = [check_in(date(2026, 1, 5), 1, n=0), check_in(date(2026, 1, 5), 2, n=1)]
    two_days = [check_in(date(2026, 1, 5), 1), check_in(date(2026, 1, 6), 2)]
    assert forecast_key_result(kr, same_day, Q1) is None
    assert forecast_key_result(kr, [], Q1) is None
    assert forecast_key_result(kr, two_days, None) is None
    milestone = KeyResult(objective_id="o", title="t", kind=KeyResultKind.MILESTONE)
    assert forecast_key_result(milestone, two_days, Q1) is None


def test_forecast_uses_only_the_last_six_check_ins() -> None:
    kr = KeyResult(objective_id="o", title="t", baseline=0, target=100)
    old = [check_in(date(2026, 1, 1) + timedelta(days=d), 1000.0) for d in range(3)]
    recent = [check_in(date(2026, 2, 1) + timedelta(days=d), 2.0 * d) for d in range(6)]
    forecast = forecast_key_result(kr, recent[3:] + old + recent[:3], Q1)
    assert forecast is not None
    assert forecast.fit.slope_per_day == pytest.approx(2.0)
    assert [c.value for c in recent_check_ins(old + recent)] == [c.value for c in recent]


def test_misses_target_without_a_target_is_never_a_miss() -> None:
    assert not misses_target(KeyResult(objective_id="o", title="t"), -5.0)


@given(
    days,
    st.floats(min_value=-1000, max_value=1000),
    st.floats(min_value=-100, max_value=100),
    st.lists(st.integers(min_value=0, max_value=365), min_size=2, max_size=8, unique=True),
    st.integers(min_value=-365, max_value=730),
)
def test_the_fit_of_points_on_a_line_is_that_line(
    origin: date, intercept: float, slope: float, offsets: list[int], probe: int
) -> None:
    points = [(origin + timedelta(days=d), intercept + slope * d) for d in offsets]
    fit = fit_line(points)
    assert fit is not None
    expected = intercept + slope * probe
    got = fit.value_on(origin + timedelta(days=probe))
    assert got == pytest.approx(expected, rel=1e-6, abs=1e-6)


@given(days, st.lists(finite, min_size=1, max_size=5))
def test_no_fit_on_a_single_day(day: date, values: list[float]) -> None:
    assert fit_line([(day, v) for v in values]) is None
