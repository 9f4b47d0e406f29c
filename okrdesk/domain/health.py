"""Health: one word for how an item is doing, from its state, check-ins and pace.

For a key result the rules are tried in order and the first match wins:

1. its objective is closed: achieved, missed or abandoned, as the objective says;
2. no check-in yet: pending (a key result nobody has measured is never on track);
3. the last check-in is older than ``outdated_after_days`` (14 by default): outdated;
4. otherwise compare progress with expected progress and read the latest confidence:

   - off track when progress < expected - 0.3, or confidence < 0.4;
   - on track when progress >= expected - 0.1 and confidence >= 0.7;
   - at risk otherwise.

   A check-in without a confidence is judged on progress alone. What "expected" means
   depends on the kind of key result: a metric is expected to move at an even pace
   (linear from the cycle's start to its deadline); a maintain key result is expected to
   stay in its band all the time (expected 1); a milestone is expected done only once its
   deadline has come (expected 0 before, 1 from then on); a baseline is on track once
   measured. Without a cycle there is no pace: only confidence can put it at risk.

An objective is closed-state health when closed, pending without key results, and
otherwise takes the worst health of its key results. A mission takes the worst health of
its open objectives; when all are closed, missed beats achieved and abandoned ones only
count when there is nothing else. "Worst" runs off track, at risk, outdated, pending,
on track: a stale or unmeasured key result hides what is going on, so it outranks a
good one, while a known problem outranks not knowing.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from okrdesk.domain.entities import CheckIn, KeyResult
from okrdesk.domain.enums import KeyResultKind, ObjectiveState
from okrdesk.domain.progress import key_result_progress

DEFAULT_OUTDATED_AFTER_DAYS = 14
ON_TRACK_SLACK = 0.1
OFF_TRACK_GAP = 0.3
ON_TRACK_CONFIDENCE = 0.7
OFF_TRACK_CONFIDENCE = 0.4
_EPSILON = 1e-9


class Health(StrEnum):
    ACHIEVED = "achieved"
    MISSED = "missed"
    ABANDONED = "abandoned"
    OUTDATED = "outdated"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    PENDING = "pending"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def is_closed(self) -> bool:
        return self in (Health.ACHIEVED, Health.MISSED, Health.ABANDONED)

    @property
    def severity(self) -> int:
        """Higher is worse; used where several healths combine into one."""
        return _SEVERITY[self]

    @property
    def tone(self) -> str:
        """'good', 'warning', 'bad' or 'neutral': the colour the GUI and report use."""
        return _TONES[self]


_LABELS: dict[Health, str] = {
    Health.ACHIEVED: "Achieved",
    Health.MISSED: "Missed",
    Health.ABANDONED: "Abandoned",
    Health.OUTDATED: "Outdated",
    Health.ON_TRACK: "On track",
    Health.AT_RISK: "At risk",
    Health.OFF_TRACK: "Off track",
    Health.PENDING: "Pending",
}

_SEVERITY: dict[Health, int] = {
    Health.ABANDONED: 0,
    Health.ACHIEVED: 1,
    Health.MISSED: 2,
    Health.ON_TRACK: 3,
    Health.PENDING: 4,
    Health.OUTDATED: 5,
    Health.AT_RISK: 6,
    Health.OFF_TRACK: 7,
}

_TONES: dict[Health, str] = {
    Health.ACHIEVED: "good",
    Health.MISSED: "bad",
    Health.ABANDONED: "neutral",
    Health.OUTDATED: "warning",
    Health.ON_TRACK: "good",
    Health.AT_RISK: "warning",
    Health.OFF_TRACK: "bad",
    Health.PENDING: "neutral",
}

CLOSED_HEALTH: dict[ObjectiveState, Health] = {
    ObjectiveState.ACHIEVED: Health.ACHIEVED,
    ObjectiveState.MISSED: Health.MISSED,
    ObjectiveState.ABANDONED: Health.ABANDONED,
}


def pace_health(progress: float, expected: float | None, confidence: float | None) -> Health:
    """On track, at risk or off track from the progress gap and the confidence (rule 4)."""
    gap = 0.0 if expected is None else expected - progress
    # The epsilon keeps a gap of exactly 0.1 or 0.3 (0.5 - 0.4 is 0.0999...) on the
    # lenient side of the line, as a person reading the numbers would expect.
    if gap > OFF_TRACK_GAP + _EPSILON or (
        confidence is not None and confidence < OFF_TRACK_CONFIDENCE
    ):
        return Health.OFF_TRACK
    if gap <= ON_TRACK_SLACK + _EPSILON and (
        confidence is None or confidence >= ON_TRACK_CONFIDENCE
    ):
        return Health.ON_TRACK
    return Health.AT_RISK


def _expected_for_kind(kr: KeyResult, expected: float | None) -> float | None:
    if expected is None:
        return None
    if kr.kind is KeyResultKind.MAINTAIN:
        return 1.0
    if kr.kind is KeyResultKind.MILESTONE:
        return 1.0 if expected >= 1.0 else 0.0
    if kr.kind is KeyResultKind.BASELINE:
        return 0.0
    return expected


def is_outdated(latest: CheckIn, today: date, outdated_after_days: int) -> bool:
    return (today - latest.date).days > outdated_after_days


def key_result_health(
    kr: KeyResult,
    latest: CheckIn | None,
    expected: float | None,
    today: date,
    state: ObjectiveState = ObjectiveState.ACTIVE,
    outdated_after_days: int = DEFAULT_OUTDATED_AFTER_DAYS,
) -> Health:
    """The health of ``kr`` given its latest check-in and its expected progress today.

    ``state`` is the state of the key result's objective (see the module's rules).
    """
    if state in CLOSED_HEALTH:
        return CLOSED_HEALTH[state]
    if latest is None:
        return Health.PENDING
    if is_outdated(latest, today, outdated_after_days):
        return Health.OUTDATED
    progress = key_result_progress(kr, latest.value)
    return pace_health(progress, _expected_for_kind(kr, expected), latest.confidence)


def worst(healths: Iterable[Health]) -> Health | None:
    """The most severe of ``healths``; None when there are none."""
    return max(healths, key=lambda h: h.severity, default=None)


def objective_health(state: ObjectiveState, key_result_healths: Iterable[Health]) -> Health:
    """Closed: the closed health; else the worst of its key results'; pending without any."""
    if state in CLOSED_HEALTH:
        return CLOSED_HEALTH[state]
    return worst(key_result_healths) or Health.PENDING


def mission_health(objective_healths: Iterable[Health]) -> Health:
    """The worst of its open objectives' health; when all are closed, the worst of the
    closed ones (abandoned counts least); pending for a mission without objectives."""
    healths = list(objective_healths)
    open_healths = [h for h in healths if not h.is_closed]
    return worst(open_healths or healths) or Health.PENDING
