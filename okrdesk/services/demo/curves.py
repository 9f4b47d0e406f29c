"""How a key result's check-ins move through its cycle: named curves and three stories.

A curve says how far along a metric key result is (0..1 of the way from baseline to
target) at a fraction ``t`` of its cycle; each is one story a real quarter tells. The data
file names a curve by its function's name (``curve = "slipping"``): add a function here
and to ``CURVES`` to offer another.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

Curve = Callable[[float], float]


def on_track(t: float) -> float:
    # A little ahead of the straight line: it still looks on track days after a check-in.
    return 0.08 + 1.02 * t


def slipping(t: float) -> float:
    # A good start, then the work stalled around the middle of the quarter.
    return 0.9 * t if t < 0.4 else 0.36 + 0.15 * (t - 0.4)


def late_start(t: float) -> float:
    return 0.0 if t < 0.3 else 1.1 * (t - 0.3)


def achieved(t: float) -> float:
    return min(1.08, 1.2 * t)


def fell_short(t: float) -> float:
    return 0.65 * t


CURVES: Mapping[str, Curve] = {
    curve.__name__: curve for curve in (on_track, slipping, late_start, achieved, fell_short)
}

# A small, fixed wobble so the lines look measured rather than drawn with a ruler.
_WOBBLE = (0.0, 0.03, -0.02, 0.01, 0.025, -0.015, 0.02, -0.01, 0.015, 0.0, -0.025, 0.01, 0.03)
_WOBBLE_SCALE = 0.03  # the largest wobble: a spread is reached at it


def wobble(i: int) -> float:
    """The wobble of the ``i``-th check-in."""
    return _WOBBLE[i % len(_WOBBLE)]


class Story(Protocol):
    """A key result's value at a fraction ``t`` of its cycle, before rounding."""

    def value(self, t: float, wobble: float) -> float: ...


@dataclass(frozen=True)
class Climb:
    """A metric: from its baseline towards its target along a curve."""

    baseline: float
    target: float
    curve: Curve

    def value(self, t: float, wobble: float) -> float:
        progress = max(0.0, self.curve(t) + wobble) if t > 0 else 0.0
        return self.baseline + (self.target - self.baseline) * progress


@dataclass(frozen=True)
class Hover:
    """A maintained or baseline measure: around its typical value, by up to ``spread``."""

    typical: float
    spread: float

    def value(self, t: float, wobble: float) -> float:
        return self.typical + self.spread * wobble / _WOBBLE_SCALE


@dataclass(frozen=True)
class Finish:
    """A milestone key result: 0 until the fraction of the cycle it was done at, then 1."""

    done_at: float | None

    def value(self, t: float, wobble: float) -> float:
        return 1.0 if self.done_at is not None and t >= self.done_at else 0.0
