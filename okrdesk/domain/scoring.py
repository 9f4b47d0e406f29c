"""Time-based numbers: expected progress, the final score and its bands, the forecast.

Expected progress says how far along a key result *should* be today if work went at an even
pace; the score grades an objective once it is closed; the forecast extends the recent
check-ins to the deadline. None of them is typed in: they follow from the plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from okrdesk.domain.entities import CheckIn, Cycle, KeyResult, Objective
from okrdesk.domain.enums import Direction, KeyResultKind, ObjectiveKind
from okrdesk.domain.messages import message
from okrdesk.domain.progress import clamp01, objective_progress

# -- expected progress ------------------------------------------------------------------------


def expected_between(start: date, end: date, today: date) -> float:
    """Linear from 0 on ``start`` to 1 on ``end``; 0 before, 1 after.

    A window that ends on or before it starts is a step: 0 before ``end``, 1 from it on.
    """
    if end <= start:
        return 1.0 if today >= end else 0.0
    return clamp01((today - start).days / (end - start).days)


def expected_progress(cycle: Cycle, today: date) -> float:
    """How far through ``cycle`` ``today`` is: the progress an even pace would have made."""
    return expected_between(cycle.start, cycle.end, today)


def deadline(kr: KeyResult, cycle: Cycle | None) -> date | None:
    """When ``kr`` should be done: its own due date, else its cycle's end."""
    if kr.due is not None:
        return kr.due
    return None if cycle is None else cycle.end


def key_result_expected(kr: KeyResult, cycle: Cycle | None, today: date) -> float | None:
    """Expected progress of ``kr``: linear from its cycle's start to its deadline.

    None when the key result has no cycle (there is no start to measure time from).
    """
    end = deadline(kr, cycle)
    if cycle is None or end is None:
        return None
    return expected_between(cycle.start, end, today)


# -- score ------------------------------------------------------------------------------------


def objective_score(
    objective: Objective, key_results: Iterable[tuple[KeyResult, float | None]]
) -> float | None:
    """The grade (0.0-1.0) of a closed objective: the weighted mean of its key results'
    final progress. None while the objective is open or when it has no key results.

    ``key_results`` pairs each key result with its final value (None: never checked in).
    """
    if not objective.state.is_closed:
        return None
    return objective_progress(key_results)


class ScoreBand(StrEnum):
    """How a final score reads, given the kind of objective it grades.

    Committed objectives are promises: 1.0 is expected and anything less needs
    explaining. Aspirational objectives are stretches: 0.6-0.7 is the sweet spot, and
    a near-perfect score suggests the objective was not ambitious enough (sandbagging).

    ==================  =====================  =====================
    band                committed              aspirational
    ==================  =====================  =====================
    DELIVERED           1.0                    —
    HEALTHY             —                      0.6 up to 0.9
    SANDBAGGED          —                      0.9 and above
    SHORT               0.7 up to 1.0          0.4 up to 0.6
    MISSED              below 0.7              below 0.4
    ==================  =====================  =====================

    The committed red line sits at 0.7 rather than the usual 0.4 because a committed
    objective that lands below 0.7 broke its promise by a third: that is a miss, not a
    near miss. The aspirational lines follow the common OKR grading (0.4 red, 0.6-0.7
    healthy); from 0.9 up the key results were probably too safe.
    """

    DELIVERED = "delivered"
    HEALTHY = "healthy"
    SANDBAGGED = "sandbagged"
    SHORT = "short"
    MISSED = "missed"

    @property
    def label(self) -> str:
        return _SCORE_BAND_LABELS[self]

    @property
    def tone(self) -> str:
        """'good', 'warning' or 'bad': what colour the GUI and the report give the band."""
        return _SCORE_BAND_TONES[self]


_SCORE_BAND_LABELS: dict[ScoreBand, str] = {
    ScoreBand.DELIVERED: "Delivered",
    ScoreBand.HEALTHY: "Healthy stretch",
    ScoreBand.SANDBAGGED: "Too safe: aim higher",
    ScoreBand.SHORT: "Fell short",
    ScoreBand.MISSED: "Missed",
}

_SCORE_BAND_TONES: dict[ScoreBand, str] = {
    ScoreBand.DELIVERED: "good",
    ScoreBand.HEALTHY: "good",
    ScoreBand.SANDBAGGED: "warning",
    ScoreBand.SHORT: "warning",
    ScoreBand.MISSED: "bad",
}

COMMITTED_SHORT_FROM = 0.7
ASPIRATIONAL_SHORT_FROM = 0.4
ASPIRATIONAL_HEALTHY_FROM = 0.6
ASPIRATIONAL_SANDBAGGED_FROM = 0.9
# A weighted mean of 1.0s may come out a hair below 1.0.
_EPSILON = 1e-9


# Each kind's name for people (titles of charts, pages).
KIND_NAMES: dict[ObjectiveKind, str] = {
    ObjectiveKind.COMMITTED: message("Committed"),
    ObjectiveKind.ASPIRATIONAL: message("Aspirational"),
    ObjectiveKind.DEVELOPMENT: message("Development"),
}


def score_band(score: float, kind: ObjectiveKind) -> ScoreBand:
    """The band of a final ``score`` for an objective of ``kind`` (see ScoreBand). Growing
    a skill is a stretch: a development objective is scored as an aspirational one."""
    if kind is ObjectiveKind.COMMITTED:
        if score >= 1.0 - _EPSILON:
            return ScoreBand.DELIVERED
        if score >= COMMITTED_SHORT_FROM - _EPSILON:
            return ScoreBand.SHORT
        return ScoreBand.MISSED
    if score >= ASPIRATIONAL_SANDBAGGED_FROM - _EPSILON:
        return ScoreBand.SANDBAGGED
    if score >= ASPIRATIONAL_HEALTHY_FROM - _EPSILON:
        return ScoreBand.HEALTHY
    if score >= ASPIRATIONAL_SHORT_FROM - _EPSILON:
        return ScoreBand.SHORT
    return ScoreBand.MISSED


# -- forecast ---------------------------------------------------------------------------------

FORECAST_WINDOW = 6


@dataclass(frozen=True)
class LinearFit:
    """value = intercept + slope_per_day * (day - origin), in days."""

    origin: date
    intercept: float
    slope_per_day: float

    def value_on(self, day: date) -> float:
        return self.intercept + self.slope_per_day * (day - self.origin).days


@dataclass(frozen=True)
class Forecast:
    """A straight line fitted to the recent check-ins, read at the deadline."""

    at: date
    value: float
    fit: LinearFit
    # The forecast misses the target (or leaves the band) in the key result's direction.
    trending_off_track: bool

    def value_on(self, day: date) -> float:
        return self.fit.value_on(day)


def fit_line(points: Sequence[tuple[date, float]]) -> LinearFit | None:
    """Least-squares line through (day, value) points; None without two distinct days."""
    if len({day for day, _ in points}) < 2:
        return None
    origin = min(day for day, _ in points)
    xs = [float((day - origin).days) for day, _ in points]
    ys = [value for _, value in points]
    n = len(points)
    mean_x = sum(xs) / n
    mean_y = sum(ys) / n
    sxx = sum((x - mean_x) ** 2 for x in xs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    slope = sxy / sxx
    return LinearFit(origin, mean_y - slope * mean_x, slope)


def recent_check_ins(check_ins: Sequence[CheckIn], window: int = FORECAST_WINDOW) -> list[CheckIn]:
    """The last ``window`` check-ins by date (then by when they were made)."""
    ordered = sorted(check_ins, key=lambda c: (c.date, c.created))
    return ordered[-window:] if window > 0 else []


def misses_target(kr: KeyResult, value: float) -> bool:
    """Whether ``value`` at the deadline would fail ``kr``: below (above, for a decrease)
    the target of a metric, outside the band of a maintain key result."""
    if kr.kind is KeyResultKind.MAINTAIN:
        too_low = kr.band_low is not None and value < kr.band_low
        too_high = kr.band_high is not None and value > kr.band_high
        return too_low or too_high
    if kr.kind is KeyResultKind.METRIC and kr.target is not None:
        if kr.direction is Direction.DECREASE:
            return value > kr.target
        return value < kr.target
    return False


def forecast_key_result(
    kr: KeyResult,
    check_ins: Sequence[CheckIn],
    cycle: Cycle | None,
    window: int = FORECAST_WINDOW,
) -> Forecast | None:
    """The value ``kr`` is heading for at its deadline, from its last ``window`` check-ins.

    Only metric and maintain key results have a forecast (a milestone is done or not; a
    baseline is measured once). None without a deadline or without check-ins on at least
    two distinct days.
    """
    if kr.kind not in (KeyResultKind.METRIC, KeyResultKind.MAINTAIN):
        return None
    end = deadline(kr, cycle)
    if end is None:
        return None
    fit = fit_line([(c.date, c.value) for c in recent_check_ins(check_ins, window)])
    if fit is None:
        return None
    value = fit.value_on(end)
    return Forecast(
        at=end,
        value=value,
        fit=fit,
        trending_off_track=misses_target(kr, value),
    )
