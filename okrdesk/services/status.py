"""The computed numbers of every mission, objective and key result: progress, expected
progress, health, forecast, score. What `okrdesk list --format json` prints and the panes
colour by.

The maths lives in the domain (progress, scoring, health); this module loads the records
once and applies it.
"""

from __future__ import annotations

import threading
import weakref
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from okrdesk.domain.entities import (
    CheckIn,
    Cycle,
    Item,
    KeyResult,
    Mission,
    Objective,
    ObjectiveClose,
)
from okrdesk.domain.enums import ObjectiveState
from okrdesk.domain.health import (
    DEFAULT_OUTDATED_AFTER_DAYS,
    Health,
    key_result_health,
    mission_health,
    objective_health,
)
from okrdesk.domain.progress import key_result_progress, mission_progress, weighted_mean
from okrdesk.domain.scoring import (
    Forecast,
    ScoreBand,
    expected_progress,
    forecast_key_result,
    key_result_expected,
    score_band,
)
from okrdesk.services.plan import PlanService
from okrdesk.services.plan_read import PlanRead, shared_read


@dataclass(frozen=True)
class ItemStatus:
    """The numbers of one item. ``forecast`` and ``confidence`` are for key results only;
    ``score`` and ``score_band`` for closed objectives only (no band for an abandoned one:
    grading what was dropped on purpose would mislead)."""

    kind: str  # "mission", "objective" or "key_result"
    progress: float | None
    expected_progress: float | None
    health: Health
    forecast: Forecast | None = None
    score: float | None = None
    score_band: ScoreBand | None = None
    confidence: float | None = None

    @property
    def trending_off_track(self) -> bool:
        return self.forecast is not None and self.forecast.trending_off_track

    def as_json(self) -> dict[str, Any]:
        """Plain JSON-ready values (enums as their stored strings, dates as ISO text)."""
        forecast = None
        if self.forecast is not None:
            forecast = {
                "date": self.forecast.at.isoformat(),
                "value": self.forecast.value,
                "trending_off_track": self.forecast.trending_off_track,
            }
        return {
            "progress": self.progress,
            "expected_progress": self.expected_progress,
            "health": self.health.value,
            "forecast": forecast,
            "score": self.score,
            "score_band": None if self.score_band is None else self.score_band.value,
            "confidence": self.confidence,
        }


def sorted_check_ins(check_ins: Iterable[CheckIn]) -> list[CheckIn]:
    """Oldest first, by date then by when each was made (the order PlanService uses)."""
    return sorted(check_ins, key=lambda c: (c.date, c.created))


def key_result_status(
    kr: KeyResult,
    check_ins: Sequence[CheckIn],
    cycle: Cycle | None,
    state: ObjectiveState,
    today: date,
    outdated_after_days: int = DEFAULT_OUTDATED_AFTER_DAYS,
) -> ItemStatus:
    """``check_ins`` are the key result's, oldest first."""
    latest = check_ins[-1] if check_ins else None
    expected = key_result_expected(kr, cycle, today)
    return ItemStatus(
        kind="key_result",
        progress=key_result_progress(kr, None if latest is None else latest.value),
        expected_progress=expected,
        health=key_result_health(kr, latest, expected, today, state, outdated_after_days),
        forecast=forecast_key_result(kr, check_ins, cycle),
        confidence=None if latest is None else latest.confidence,
    )


def objective_status(
    objective: Objective,
    key_results: Sequence[tuple[KeyResult, ItemStatus]],
    cycle: Cycle | None,
    today: date,
    final_score: float | None = None,
) -> ItemStatus:
    """From its key results' statuses: progress is their weighted mean, and so is the
    score once the objective is closed (the final progress, graded), unless the cycle's
    close gave it a ``final_score`` of its own (adjusted with a reason)."""
    progress = weighted_mean((s.progress or 0.0, kr.weight) for kr, s in key_results)
    closed = objective.state.is_closed
    score = (progress if final_score is None else final_score) if closed else None
    band = None
    if score is not None and objective.state is not ObjectiveState.ABANDONED:
        band = score_band(score, objective.kind)
    return ItemStatus(
        kind="objective",
        progress=progress,
        expected_progress=None if cycle is None else expected_progress(cycle, today),
        health=objective_health(objective.state, (s.health for _, s in key_results)),
        score=score,
        score_band=band,
    )


def mission_status(objective_statuses: Sequence[ItemStatus]) -> ItemStatus:
    """Progress and expected progress are means over the objectives that have progress
    (those with key results), so the two numbers compare like with like."""
    measured = [s for s in objective_statuses if s.progress is not None]
    expected = weighted_mean(
        (s.expected_progress, 1.0) for s in measured if s.expected_progress is not None
    )
    return ItemStatus(
        kind="mission",
        progress=mission_progress(s.progress for s in measured),
        expected_progress=expected,
        health=mission_health(s.health for s in objective_statuses),
    )


@dataclass(frozen=True)
class PlanRecords:
    """What the status and the plan's chart series are computed from, loaded once."""

    missions: list[Mission]
    objectives: list[Objective]
    key_results: list[KeyResult]
    cycles: dict[str, Cycle]
    # Each key result's check-ins, oldest first.
    check_ins: dict[str, list[CheckIn]]
    # The final score each closed cycle's close gave its objectives, by objective id.
    final_scores: dict[str, float] = field(default_factory=dict)

    def cycle_of(self, objective: Objective) -> Cycle | None:
        return None if objective.cycle_id is None else self.cycles.get(objective.cycle_id)


def load_records(plan: PlanService, cycle_id: str | None = None) -> PlanRecords:
    """Every mission; the objectives of ``cycle_id`` (all when None) and their key results
    and check-ins.

    From the plan's shared read (``okrdesk.services.plan_read``), and kept while the tables
    it comes from hold: the status bar, the chart, the weekly pass and the coach all ask for
    the same records after each change. The records are the shared read's own objects, so
    the records of each cycle asked for cost their lists only.
    """
    read = shared_read(plan)
    key = read.revisions(RECORD_TYPES)
    with _RECORDS_LOCK:
        kept = _RECORDS.setdefault(plan, {})
        cached = kept.get(cycle_id)
        if key is not None and cached is not None and cached[0] == key:
            return cached[1]
    records = _load_records(read, cycle_id)
    if key is None or read.revisions(RECORD_TYPES) != key:
        return records  # read while the plan was written: good now, not kept
    with _RECORDS_LOCK:
        kept = _RECORDS.setdefault(plan, {})
        # Records of tables that changed since are dropped: they hold no cycle's.
        for other, (found_key, _records) in list(kept.items()):
            if found_key != key:
                del kept[other]
        kept[cycle_id] = (key, records)
    return records


# The tables PlanRecords are read from: the records hold while these tables do.
RECORD_TYPES: tuple[type[Item], ...] = (
    Mission,
    Objective,
    KeyResult,
    Cycle,
    CheckIn,
    ObjectiveClose,
)

# Per open plan (dropped with the plan), per cycle asked for: the tables' revisions the
# records were read at, and the records.
_RecordsByCycle = dict[str | None, tuple[tuple[tuple[int, int], ...], PlanRecords]]
_RECORDS: weakref.WeakKeyDictionary[PlanService, _RecordsByCycle] = weakref.WeakKeyDictionary()
_RECORDS_LOCK = threading.Lock()


def _load_records(read: PlanRead, cycle_id: str | None) -> PlanRecords:
    objectives = list(read.records(Objective))
    if cycle_id is not None:
        objectives = [o for o in objectives if o.cycle_id == cycle_id]
    objective_ids = {o.id for o in objectives}
    key_results = [kr for kr in read.records(KeyResult) if kr.objective_id in objective_ids]
    kr_ids = {kr.id for kr in key_results}
    by_kr: dict[str, list[CheckIn]] = defaultdict(list)
    for check_in in read.records(CheckIn):
        if check_in.key_result_id in kr_ids:
            by_kr[check_in.key_result_id].append(check_in)
    return PlanRecords(
        missions=list(read.records(Mission)),
        objectives=objectives,
        key_results=key_results,
        cycles={c.id: c for c in read.records(Cycle)},
        check_ins={kr_id: sorted_check_ins(found) for kr_id, found in by_kr.items()},
        final_scores={
            c.objective_id: c.score
            for c in read.records(ObjectiveClose)
            if c.objective_id in objective_ids
        },
    )


def compute_status(
    records: PlanRecords,
    today: date,
    outdated_after_days: int = DEFAULT_OUTDATED_AFTER_DAYS,
) -> dict[str, ItemStatus]:
    """The status of every mission, objective and key result in ``records``, by id."""
    statuses: dict[str, ItemStatus] = {}
    krs_by_objective: dict[str, list[KeyResult]] = defaultdict(list)
    for kr in records.key_results:
        krs_by_objective[kr.objective_id].append(kr)
    objectives_by_mission: dict[str, list[ItemStatus]] = defaultdict(list)
    for objective in records.objectives:
        cycle = records.cycle_of(objective)
        pairs: list[tuple[KeyResult, ItemStatus]] = []
        for kr in krs_by_objective[objective.id]:
            status = key_result_status(
                kr,
                records.check_ins.get(kr.id, []),
                cycle,
                objective.state,
                today,
                outdated_after_days,
            )
            statuses[kr.id] = status
            pairs.append((kr, status))
        final = records.final_scores.get(objective.id)
        status = objective_status(objective, pairs, cycle, today, final)
        statuses[objective.id] = status
        if objective.mission_id is not None:
            objectives_by_mission[objective.mission_id].append(status)
    for mission in records.missions:
        statuses[mission.id] = mission_status(objectives_by_mission[mission.id])
    return statuses


def plan_status(
    plan: PlanService,
    today: date | None = None,
    cycle_id: str | None = None,
    outdated_after_days: int = DEFAULT_OUTDATED_AFTER_DAYS,
) -> dict[str, ItemStatus]:
    """Every mission's, objective's and key result's status, by id. With ``cycle_id`` only
    that cycle's objectives and key results are in it, and a mission's numbers come from
    that cycle's objectives alone (as in the outline)."""
    records = load_records(plan, cycle_id)
    return compute_status(records, today or date.today(), outdated_after_days)
