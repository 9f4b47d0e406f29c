"""plan_status on a small plan built through PlanService."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

import pytest

from okrdesk.domain.entities import CheckIn, Cycle, KeyResult, Mission, Objective
from okrdesk.domain.enums import ObjectiveKind, ObjectiveState
from okrdesk.domain.health import Health
from okrdesk.domain.scoring import ScoreBand
from okrdesk.services.plan import PlanService
from okrdesk.services.status import plan_status

TODAY = date(2026, 2, 14)  # 44 of Q1's 89 days gone


@dataclass
class Small:
    q1: Cycle
    q2: Cycle
    mission: Mission
    growth: Objective
    launch: Objective
    done: Objective
    signups: KeyResult
    churn: KeyResult
    uptime: KeyResult
    docs: KeyResult
    old_kr: KeyResult
    empty_mission: Mission


def build(plan: PlanService) -> Small:
    q1 = plan.create(Cycle, name="Q1", start="2026-01-01", end="2026-03-31")
    q2 = plan.create(Cycle, name="Q2", start="2026-04-01", end="2026-06-30")
    mission = plan.create(Mission, title="Help customers succeed")
    empty_mission = plan.create(Mission, title="Nothing yet")
    growth = plan.create(
        Objective, title="Grow", mission_id=mission.id, cycle_id=q1.id, state="active"
    )
    signups = plan.create(KeyResult, objective_id=growth.id, title="Signups", target=100)
    churn = plan.create(
        KeyResult,
        objective_id=growth.id,
        title="Churn",
        direction="decrease",
        baseline=10,
        target=5,
        weight=2,
    )
    uptime = plan.create(
        KeyResult,
        objective_id=growth.id,
        title="Uptime",
        kind="maintain",
        band_low=99,
        band_high=100,
    )
    launch = plan.create(
        Objective, title="Launch", mission_id=mission.id, cycle_id=q2.id, state="draft"
    )
    docs = plan.create(KeyResult, objective_id=launch.id, title="Docs", kind="milestone")
    done = plan.create(
        Objective,
        title="Last year",
        mission_id=mission.id,
        cycle_id=q1.id,
        state="achieved",
        kind="aspirational",
    )
    old_kr = plan.create(KeyResult, objective_id=done.id, title="Old", target=10)
    # Signups: 0 on Jan 1, 30 on Jan 21, 50 on Feb 10 (slowing), confidence 0.8.
    plan.create(CheckIn, key_result_id=signups.id, date="2026-01-01", value=0, confidence=0.9)
    plan.create(CheckIn, key_result_id=signups.id, date="2026-01-21", value=30, confidence=0.8)
    plan.create(CheckIn, key_result_id=signups.id, date="2026-02-10", value=50, confidence=0.8)
    # Churn: 10 -> 9, a month ago: stale.
    plan.create(CheckIn, key_result_id=churn.id, date="2026-01-10", value=9, confidence=0.5)
    plan.create(CheckIn, key_result_id=uptime.id, date="2026-02-13", value=99.5, confidence=0.9)
    plan.create(CheckIn, key_result_id=old_kr.id, date="2026-03-30", value=7)
    return Small(
        q1, q2, mission, growth, launch, done, signups, churn, uptime, docs, old_kr, empty_mission
    )


@pytest.fixture
def small(plan: PlanService) -> Small:
    return build(plan)


def test_every_mission_objective_and_key_result_has_a_status(
    plan: PlanService, small: Small
) -> None:
    statuses = plan_status(plan, TODAY)
    ids = {m.id for m in plan.all(Mission)}
    ids |= {o.id for o in plan.all(Objective)} | {kr.id for kr in plan.all(KeyResult)}
    assert set(statuses) == ids
    assert statuses[small.mission.id].kind == "mission"
    assert statuses[small.growth.id].kind == "objective"
    assert statuses[small.signups.id].kind == "key_result"


def test_key_result_numbers(plan: PlanService, small: Small) -> None:
    statuses = plan_status(plan, TODAY)
    signups = statuses[small.signups.id]
    assert signups.progress == pytest.approx(0.5)
    assert signups.expected_progress == pytest.approx(44 / 89)
    assert signups.confidence == 0.8
    assert signups.health is Health.ON_TRACK
    assert signups.score is None
    # Fit through (0, 0), (20, 30), (40, 50): slope 1.25/day, intercept 5/3; day 89.
    assert signups.forecast is not None
    assert signups.forecast.at == date(2026, 3, 31)
    assert signups.forecast.value == pytest.approx(5 / 3 + 1.25 * 89)
    assert not signups.trending_off_track

    churn = statuses[small.churn.id]
    assert churn.progress == pytest.approx(0.2)
    assert churn.health is Health.OUTDATED
    assert churn.forecast is None  # one check-in: no trend yet

    assert statuses[small.uptime.id].health is Health.ON_TRACK
    assert statuses[small.uptime.id].progress == 1.0

    docs = statuses[small.docs.id]
    assert docs.health is Health.PENDING
    assert docs.expected_progress == 0.0  # Q2 has not started
    assert docs.forecast is None and docs.confidence is None


def test_objective_numbers_and_score(plan: PlanService, small: Small) -> None:
    statuses = plan_status(plan, TODAY)
    growth = statuses[small.growth.id]
    # (0.5 * 1 + 0.2 * 2 + 1.0 * 1) / 4
    assert growth.progress == pytest.approx(0.475)
    assert growth.expected_progress == pytest.approx(44 / 89)
    assert growth.health is Health.OUTDATED  # churn is stale; nothing is worse
    assert growth.score is None and growth.forecast is None

    done = statuses[small.done.id]
    assert done.health is Health.ACHIEVED
    assert done.score == pytest.approx(0.7)
    assert done.score_band is ScoreBand.HEALTHY
    assert statuses[small.old_kr.id].health is Health.ACHIEVED


def test_committed_and_abandoned_scores(plan: PlanService, small: Small) -> None:
    plan.update(Objective, small.done.id, kind=ObjectiveKind.COMMITTED)
    assert plan_status(plan, TODAY)[small.done.id].score_band is ScoreBand.SHORT
    plan.update(Objective, small.done.id, state=ObjectiveState.ABANDONED)
    abandoned = plan_status(plan, TODAY)[small.done.id]
    assert abandoned.health is Health.ABANDONED
    assert abandoned.score == pytest.approx(0.7)
    assert abandoned.score_band is None


def test_mission_numbers(plan: PlanService, small: Small) -> None:
    statuses = plan_status(plan, TODAY)
    mission = statuses[small.mission.id]
    # Objectives: growth 0.475, launch 0.0, done 0.7.
    assert mission.progress == pytest.approx((0.475 + 0.0 + 0.7) / 3)
    assert mission.expected_progress == pytest.approx((44 / 89 + 0.0 + 44 / 89) / 3)
    # Open objectives: growth (outdated) and launch (pending): outdated is worse.
    assert mission.health is Health.OUTDATED
    empty = statuses[small.empty_mission.id]
    assert empty.progress is None and empty.expected_progress is None
    assert empty.health is Health.PENDING


def test_one_cycle_only(plan: PlanService, small: Small) -> None:
    statuses = plan_status(plan, TODAY, cycle_id=small.q2.id)
    assert small.growth.id not in statuses and small.signups.id not in statuses
    assert small.docs.id in statuses
    assert statuses[small.mission.id].progress == 0.0
    assert statuses[small.mission.id].health is Health.PENDING


def test_the_outdated_threshold_is_a_parameter(plan: PlanService, small: Small) -> None:
    # Judged on pace then: 0.2 progress against 0.49 expected, confidence 0.5.
    assert plan_status(plan, TODAY, outdated_after_days=60)[small.churn.id].health is (
        Health.AT_RISK
    )
    assert plan_status(plan, TODAY, outdated_after_days=3)[small.signups.id].health is (
        Health.OUTDATED
    )


def test_a_forecast_that_misses_the_target_trends_off_track(
    plan: PlanService, small: Small
) -> None:
    plan.create(CheckIn, key_result_id=small.churn.id, date="2026-02-10", value=8.5)
    churn = plan_status(plan, TODAY)[small.churn.id]
    assert churn.forecast is not None
    assert churn.forecast.value > 5  # from 9 to 8.5 in a month: nowhere near 5 by March
    assert churn.trending_off_track


def test_a_done_milestone_is_on_track_without_a_forecast(plan: PlanService, small: Small) -> None:
    plan.create(CheckIn, key_result_id=small.docs.id, date="2026-04-02", value=1)
    docs = plan_status(plan, date(2026, 4, 3))[small.docs.id]
    assert docs.progress == 1.0
    assert docs.health is Health.ON_TRACK
    assert docs.forecast is None


def test_as_json_is_plain_data(plan: PlanService, small: Small) -> None:
    statuses = plan_status(plan, TODAY)
    text = json.dumps({k: s.as_json() for k, s in statuses.items()})
    loaded = json.loads(text)
    assert loaded[small.signups.id]["health"] == "on_track"
    assert loaded[small.signups.id]["forecast"]["date"] == "2026-03-31"
    assert loaded[small.signups.id]["forecast"]["trending_off_track"] is False
    assert loaded[small.done.id]["score_band"] == "healthy"
    assert loaded[small.growth.id]["forecast"] is None


def test_today_defaults_to_the_real_day(plan: PlanService, small: Small) -> None:
    statuses = plan_status(plan)
    expected = statuses[small.growth.id].expected_progress
    assert expected is not None and 0.0 <= expected <= 1.0
