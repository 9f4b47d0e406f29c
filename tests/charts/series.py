"""Chart series built by hand (plain frozen data, no plan file): everyday ones and ones
with the longest titles and units people can type."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from okrdesk.domain.enums import Direction, KeyResultKind, ObjectiveKind, ObjectiveState
from okrdesk.domain.health import Health
from okrdesk.services.growth import GrowthSummary
from okrdesk.services.series import (
    Count,
    KeyResultBar,
    KeyResultSeries,
    Line,
    MilestoneMark,
    MissionBar,
    MissionCycle,
    MissionSeries,
    ObjectiveBar,
    ObjectiveSeries,
    PlanSeries,
    RoadmapSeries,
    StakeholderBalance,
)

TODAY = date(2026, 11, 20)
START, END = date(2026, 10, 1), date(2026, 12, 31)
# A title at the validation's limit (300) and a unit of 100 characters.
LONG = (
    "Make the month-end reporting experience dependable, fast and pleasant for every small "
    "accounting practice we serve, including the ones with the most complicated ledgers, the "
    "oldest browsers, the slowest connections and the most common objections to change, so "
    "nobody checks by hand twice, or three times"
)[:300]
UNIT = ("reports delivered to the practices' clients without a single correction asked " * 2)[:100]
DAYS = tuple(START + timedelta(days=10 * n) for n in range(5))


def key_result(title: str = "p95 load time", unit: str = "s", **changes: object) -> KeyResultSeries:
    series = KeyResultSeries(
        key_result_id="kr",
        title=title,
        unit=unit,
        kind=KeyResultKind.METRIC,
        direction=Direction.DECREASE,
        dates=DAYS,
        values=(9.5, 8.2, 7.9, 6.5, 5.4),
        confidences=(0.6, 0.7, None, 0.8, 0.8),
        baseline=9.5,
        target=3.0,
        band=None,
        expected_pace=Line((START, END), (9.5, 3.0)),
        forecast=Line((DAYS[-1], END), (5.4, 2.3)),
        trending_off_track=False,
        start=START,
        end=END,
        today=TODAY,
        progress=0.63,
        expected_progress=0.55,
        health=Health.ON_TRACK,
    )
    return replace(series, **changes)  # type: ignore[arg-type]


def objective(title: str = "Reports load fast", labels: tuple[str, ...] = ()) -> ObjectiveSeries:
    labels = labels or ("p95 load time", "Views served from the cache", "Errors below 0.5 %")
    healths = (Health.ON_TRACK, Health.OFF_TRACK, Health.AT_RISK)
    return ObjectiveSeries(
        objective_id="o",
        title=title,
        kind=ObjectiveKind.COMMITTED,
        state=ObjectiveState.ACTIVE,
        key_results=tuple(
            KeyResultBar(f"kr{n}", label, 0.3 + 0.2 * n, 0.55, healths[n % 3])
            for n, label in enumerate(labels)
        ),
        burn_up=Line(DAYS, (0.0, 0.2, 0.3, 0.4, 0.5)),
        ideal=Line((START, END), (0.0, 1.0)),
        progress=0.5,
        expected_progress=0.55,
        health=Health.OFF_TRACK,
        score=None,
        today=TODAY,
    )


def mission(
    title: str = "Fast reports", objective_title: str = "Reports load fast"
) -> MissionSeries:
    bars = (
        ObjectiveBar("o1", objective_title, 0.66, 0.55, Health.OFF_TRACK),
        ObjectiveBar("o2", "Spot wrong numbers", 0.46, 0.55, Health.AT_RISK),
    )
    return MissionSeries(
        mission_id="m",
        title=title,
        cycles=(MissionCycle("c", "2026 Q4", START, bars, 0.56),),
        progress=0.56,
        health=Health.OFF_TRACK,
        today=TODAY,
    )


def overview(title: str = "The whole plan", name: str = "Customers") -> PlanSeries:
    return PlanSeries(
        cycle_id=None,
        title=title,
        missions=(
            MissionBar("m1", name, 0.51, Health.AT_RISK),
            MissionBar("m2", "Help my teammates", 0.69, Health.ON_TRACK, depth=1),
        ),
        balance=(
            StakeholderBalance("s1", name, 4, 11),
            StakeholderBalance("s2", "Colleagues", 0, 0),
        ),
        result_mix=(Count("output", "Output", 7), Count("outcome", "Outcome", 14)),
        objective_health=(Count("on_track", "On track", 1), Count("off_track", "Off track", 2)),
        key_result_health=(Count("on_track", "On track", 9), Count("at_risk", "At risk", 6)),
        today=TODAY,
    )


def roadmap(
    title: str = "Reports load fast", milestone: str = "Profile the report"
) -> RoadmapSeries:
    return RoadmapSeries(
        objective_id="o",
        title=title,
        milestones=(
            MilestoneMark("a", milestone, START + timedelta(days=20), None, True, False, 2),
            MilestoneMark("b", "Nightly totals", END - timedelta(days=5), None, False, False, 0),
        ),
        start=START,
        end=END,
        today=TODAY,
    )


def growth(title: str = "2026 Q4", mission_name: str = "Fast reports") -> GrowthSummary:
    return GrowthSummary(
        cycle_id=None,
        title=title,
        by_kind=(Count("skill", "Skill", 1), Count("lesson", "Lesson", 2)),
        by_mission=(Count("m", mission_name, 3),),
        done=(),
        notes=3,
        private_notes=0,
    )
