"""Progress: backward-looking, from baseline to target, direction-aware, 0.0 to 1.0.

Progress is not the score (the grade given at a cycle's close) and not confidence (a
forward-looking guess): never mix them.
"""

from __future__ import annotations

from collections.abc import Iterable

from okrdesk.domain.entities import KeyResult
from okrdesk.domain.enums import Direction, KeyResultKind


def clamp01(x: float) -> float:
    return 0.0 if x < 0.0 else 1.0 if x > 1.0 else x


def key_result_progress(kr: KeyResult, value: float | None) -> float:
    """Progress of ``kr`` when its current value is ``value`` (None: not checked in yet).

    - metric: (value - baseline) / (target - baseline), clamped; for a decrease the same
      distance is measured downwards. A missing baseline counts as 0.
    - maintain: 1 while the value is inside [band_low, band_high], else 0.
    - milestone: 1 once done (a value of 1 or more), else 0.
    - baseline: 1 once a first value has been measured.
    """
    if kr.kind is KeyResultKind.BASELINE:
        return 0.0 if value is None else 1.0
    if value is None:
        return 0.0
    if kr.kind is KeyResultKind.MILESTONE:
        return 1.0 if value >= 1.0 else 0.0
    if kr.kind is KeyResultKind.MAINTAIN:
        low = float("-inf") if kr.band_low is None else kr.band_low
        high = float("inf") if kr.band_high is None else kr.band_high
        return 1.0 if low <= value <= high else 0.0
    if kr.target is None:
        return 0.0
    baseline = 0.0 if kr.baseline is None else kr.baseline
    span = kr.target - baseline
    if span == 0:
        return 1.0 if _reached(kr.direction, value, kr.target) else 0.0
    if kr.direction is Direction.DECREASE:
        return clamp01((baseline - value) / (baseline - kr.target)) if span < 0 else 0.0
    return clamp01((value - baseline) / span) if span > 0 else 0.0


def _reached(direction: Direction, value: float, target: float) -> bool:
    return value <= target if direction is Direction.DECREASE else value >= target


def weighted_mean(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Mean of (progress, weight) pairs; None when there is nothing to average."""
    total = 0.0
    weights = 0.0
    for progress, weight in pairs:
        total += progress * weight
        weights += weight
    return None if weights <= 0 else total / weights


def objective_progress(key_results: Iterable[tuple[KeyResult, float | None]]) -> float | None:
    """The weighted mean of the key results' progress; None for an objective without any."""
    return weighted_mean((key_result_progress(kr, value), kr.weight) for kr, value in key_results)


def mission_progress(objective_progresses: Iterable[float | None]) -> float | None:
    """The mean of its objectives' progress in a cycle, over objectives that have one."""
    return weighted_mean((p, 1.0) for p in objective_progresses if p is not None)
