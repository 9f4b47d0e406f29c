"""Chart series on a small plan built through PlanService."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, dataclass
from datetime import date

import pytest

from okrdesk.domain.entities import (
    CheckIn,
    Cycle,
    GrowthNote,
    KeyResult,
    Milestone,
    Mission,
    Objective,
    Stakeholder,
)
from okrdesk.domain.enums import Direction, KeyResultKind, StakeholderKind
from okrdesk.domain.health import Health
from okrdesk.services.errors import ItemNotFound
from okrdesk.services.plan import PlanService
from okrdesk.services.series import (
    NO_CYCLE,
    NO_STAKEHOLDER,
    Line,
    find_key_result_series,
    key_result_series,
    mission_and_below,
    mission_series,
    objective_series,
    plan_series,
    roadmap_series,
)

TODAY = date(2026, 2, 14)


@dataclass
class Plan:
    q1: Cycle
    q2: Cycle
    customers: Stakeholder
    team: Stakeholder
    mission: Mission
    sub_mission: Mission
    growth: Objective
    launch: Objective
    undated: Objective
    blind: Objective
    signups: KeyResult
    churn: KeyResult
    uptime: KeyResult
    docs: KeyResult


def stakeholder(plan: PlanService, kind: StakeholderKind) -> Stakeholder:
    return next(s for s in plan.all(Stakeholder) if s.kind is kind)


@pytest.fixture
def small(plan: PlanService) -> Plan:
    customers = stakeholder(plan, StakeholderKind.CUSTOMERS)
    team = stakeholder(plan, StakeholderKind.TEAM)
    q2 = plan.create(Cycle, name="Q2", start="2026-04-01", end="2026-06-30")
    q1 = plan.create(Cycle, name="Q1", start="2026-01-01", end="2026-03-31")
    mission = plan.create(Mission, title="Help customers", stakeholder_id=customers.id)
    sub_mission = plan.create(
        Mission, title="Grow my team", stakeholder_id=team.id, parent_id=mission.id
    )
    growth = plan.create(Objective, title="Grow", mission_id=mission.id, cycle_id=q1.id)
    signups = plan.create(
        KeyResult,
        objective_id=growth.id,
        title="Signups",
        baseline=10,
        target=110,
        unit="people",
        result_level="outcome",
    )
    churn = plan.create(
        KeyResult,
        objective_id=growth.id,
        title="Churn",
        direction="decrease",
        baseline=10,
        target=5,
        weight=3,
        result_level="impact",
    )
    uptime = plan.create(
        KeyResult,
        objective_id=growth.id,
        title="Uptime",
        kind="maintain",
        band_low=99,
        band_high=None,
    )
    # Q2 is listed first in the plan, but the mission chart orders cycles by date.
    launch = plan.create(Objective, title="Launch", mission_id=mission.id, cycle_id=q2.id, index=0)
    docs = plan.create(
        KeyResult, objective_id=launch.id, title="Docs", kind="milestone", result_level="output"
    )
    undated = plan.create(Objective, title="Someday", mission_id=mission.id)
    blind = plan.create(Objective, title="Blind", cycle_id=q1.id)
    plan.create(KeyResult, objective_id=blind.id, title="Something", target=1)
    for day, value, confidence in (
        ("2026-01-01", 10, 0.9),
        ("2026-01-21", 40, 0.7),
        ("2026-02-10", 60, None),
    ):
        plan.create(CheckIn, key_result_id=signups.id, date=day, value=value, confidence=confidence)
    plan.create(CheckIn, key_result_id=churn.id, date="2026-01-21", value=9)
    plan.create(CheckIn, key_result_id=churn.id, date="2026-01-21", value=8)
    plan.create(CheckIn, key_result_id=uptime.id, date="2026-02-12", value=99.9)
    return Plan(
        q1,
        q2,
        customers,
        team,
        mission,
        sub_mission,
        growth,
        launch,
        undated,
        blind,
        signups,
        churn,
        uptime,
        docs,
    )


# -- key result -------------------------------------------------------------------------------


def test_key_result_series(plan: PlanService, small: Plan) -> None:
    series = key_result_series(plan, small.signups.id, TODAY)
    assert series.title == "Signups" and series.unit == "people"
    assert series.kind is KeyResultKind.METRIC and series.direction is Direction.INCREASE
    assert series.dates == (date(2026, 1, 1), date(2026, 1, 21), date(2026, 2, 10))
    assert series.values == (10.0, 40.0, 60.0)
    assert series.confidences == (0.9, 0.7, None)
    assert (series.baseline, series.target, series.band) == (10.0, 110.0, None)
    assert series.expected_pace == Line((date(2026, 1, 1), date(2026, 3, 31)), (10.0, 110.0))
    assert (series.start, series.end, series.today) == (date(2026, 1, 1), date(2026, 3, 31), TODAY)
    assert series.progress == pytest.approx(0.5)
    assert series.expected_progress == pytest.approx(44 / 89)
    assert not series.is_empty
    # Fit through (0, 10), (20, 40), (40, 60): slope 1.25/day, intercept 35/3.
    assert series.forecast is not None
    assert series.forecast.days == (date(2026, 2, 10), date(2026, 3, 31))
    assert series.forecast.values == pytest.approx((35 / 3 + 50, 35 / 3 + 1.25 * 89))
    assert not series.trending_off_track


def test_key_result_series_of_a_maintain_key_result(plan: PlanService, small: Plan) -> None:
    series = key_result_series(plan, small.uptime.id, TODAY)
    assert series.band == (99.0, None)
    assert series.expected_pace is None  # the band is the expectation
    assert series.forecast is None  # a single check-in
    assert series.health is Health.ON_TRACK


def test_key_result_series_without_check_ins(plan: PlanService, small: Plan) -> None:
    series = key_result_series(plan, small.docs.id, TODAY)
    assert series.is_empty
    assert series.dates == series.values == series.confidences == ()
    assert series.expected_pace is None and series.forecast is None
    assert series.health is Health.PENDING
    assert (series.start, series.end) == (date(2026, 4, 1), date(2026, 6, 30))


def test_key_result_series_forecast_stops_when_the_deadline_has_passed(
    plan: PlanService, small: Plan
) -> None:
    plan.create(CheckIn, key_result_id=small.signups.id, date="2026-04-02", value=100)
    series = key_result_series(plan, small.signups.id, date(2026, 4, 3))
    assert series.forecast is None


def test_key_result_series_of_a_missing_key_result(plan: PlanService) -> None:
    with pytest.raises(ItemNotFound):
        key_result_series(plan, "nope", TODAY)


def test_find_key_result_series_says_none_for_a_missing_key_result(plan: PlanService) -> None:
    assert find_key_result_series(plan, "nope", TODAY) is None


def test_a_key_result_series_is_read_in_one_transaction(
    plan: PlanService, small: Plan, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The chart pane reads it after each edit of the key result: one read, not one per
    record (the key result, its objective, the cycle, the check-ins)."""
    reading = plan.database.reading
    reads: list[None] = []

    def counted() -> object:
        reads.append(None)
        return reading()

    monkeypatch.setattr(plan.database, "reading", counted)
    series = find_key_result_series(plan, small.signups.id, TODAY)
    assert len(reads) == 1
    assert series == key_result_series(plan, small.signups.id, TODAY)
    assert series is not None and series.start == small.q1.start


def test_a_key_result_of_an_objective_without_cycle(plan: PlanService, small: Plan) -> None:
    kr = plan.add(KeyResult(objective_id=small.undated.id, title="Undated", target=5.0))
    series = key_result_series(plan, kr.id, TODAY)
    assert series.start is None and series.expected_pace is None


def test_series_are_frozen(plan: PlanService, small: Plan) -> None:
    series = key_result_series(plan, small.signups.id, TODAY)
    with pytest.raises(FrozenInstanceError):
        series.title = "changed"  # type: ignore[misc]


# -- objective --------------------------------------------------------------------------------


def test_objective_series(plan: PlanService, small: Plan) -> None:
    series = objective_series(plan, small.growth.id, TODAY)
    assert series.title == "Grow"
    bars = {bar.title: bar for bar in series.key_results}
    assert [bar.title for bar in series.key_results] == ["Signups", "Churn", "Uptime"]
    assert bars["Signups"].progress == pytest.approx(0.5)
    assert bars["Churn"].progress == pytest.approx(0.4)  # the later check-in of the day
    assert bars["Uptime"].progress == 1.0
    assert bars["Signups"].expected == pytest.approx(44 / 89)
    assert bars["Churn"].health is Health.OUTDATED
    assert series.ideal == Line((date(2026, 1, 1), date(2026, 3, 31)), (0.0, 1.0))
    assert series.expected_progress == pytest.approx(44 / 89)
    # Weights 1, 3, 1. Jan 1: signups 0 -> 0. Jan 21: signups 0.3, churn 0.4 -> 1.5/5.
    # Feb 10: signups 0.5 -> 1.7/5. Feb 12: uptime in band -> 2.7/5.
    assert series.burn_up.days == (
        date(2026, 1, 1),
        date(2026, 1, 21),
        date(2026, 2, 10),
        date(2026, 2, 12),
    )
    assert series.burn_up.values == pytest.approx((0.0, 0.3, 0.34, 0.54))
    assert series.progress == pytest.approx(0.54)
    assert series.health is Health.OUTDATED
    assert series.score is None
    assert not series.is_empty


def test_objective_burn_up_starts_at_zero_on_the_first_day_of_the_cycle(
    plan: PlanService, small: Plan
) -> None:
    plan.create(CheckIn, key_result_id=small.docs.id, date="2026-05-01", value=1)
    series = objective_series(plan, small.launch.id, date(2026, 5, 2))
    assert series.burn_up == Line((date(2026, 4, 1), date(2026, 5, 1)), (0.0, 1.0))
    assert series.health is Health.ON_TRACK


def test_objective_series_without_key_results_or_cycle(plan: PlanService, small: Plan) -> None:
    series = objective_series(plan, small.undated.id, TODAY)
    assert series.is_empty
    assert series.key_results == ()
    assert series.ideal is None and series.expected_progress is None
    assert series.progress is None
    assert series.health is Health.PENDING


# -- mission ----------------------------------------------------------------------------------


def test_mission_series_groups_objectives_by_cycle(plan: PlanService, small: Plan) -> None:
    series = mission_series(plan, small.mission.id, TODAY)
    assert series.title == "Help customers"
    assert [c.name for c in series.cycles] == ["Q1", "Q2", NO_CYCLE]
    q1, q2, none = series.cycles
    assert q1.cycle_id == small.q1.id and q1.start == date(2026, 1, 1)
    assert [o.title for o in q1.objectives] == ["Grow"]
    assert q1.objectives[0].progress == pytest.approx(0.54)
    assert q1.objectives[0].expected == pytest.approx(44 / 89)
    assert q1.progress == pytest.approx(0.54)
    assert [o.title for o in q2.objectives] == ["Launch"]
    assert q2.objectives[0].progress == 0.0
    assert q2.objectives[0].health is Health.PENDING
    assert none.cycle_id is None and none.start is None
    assert none.objectives[0].progress is None and none.progress is None
    assert series.progress == pytest.approx(0.27)
    assert series.health is Health.OUTDATED
    assert not series.is_empty


def test_mission_series_of_a_mission_without_objectives(plan: PlanService, small: Plan) -> None:
    series = mission_series(plan, small.sub_mission.id, TODAY)
    assert series.is_empty
    assert series.progress is None
    assert series.health is Health.PENDING


# -- plan -------------------------------------------------------------------------------------


def test_plan_series(plan: PlanService, small: Plan) -> None:
    series = plan_series(plan, None, TODAY)
    assert series.title == "The whole plan"
    assert [(m.title, m.progress) for m in series.missions] == [
        ("Help customers", pytest.approx(0.27)),
        ("Grow my team", None),
    ]
    balance = {b.name: b for b in series.balance}
    assert (balance["Customers"].objectives, balance["Customers"].key_results) == (3, 4)
    # Stakeholders nothing serves are listed, so the gap shows.
    assert (balance["My team"].objectives, balance["My team"].key_results) == (0, 0)
    assert len(series.balance) == len(plan.all(Stakeholder)) + 1
    assert series.balance[-1].name == NO_STAKEHOLDER
    assert (series.balance[-1].objectives, series.balance[-1].key_results) == (1, 1)
    mix = {c.key: c.count for c in series.result_mix}
    assert mix == {"output": 1, "outcome": 1, "impact": 1, "unlabelled": 2}
    assert [c.label for c in series.result_mix] == ["Output", "Outcome", "Impact", "Unlabelled"]
    kr_health = {c.key: c.count for c in series.key_result_health}
    assert kr_health["on_track"] == 2  # signups, uptime
    assert kr_health["outdated"] == 1  # churn
    assert kr_health["pending"] == 2  # docs, something
    assert sum(kr_health.values()) == 5
    objective_health = {c.key: c.count for c in series.objective_health}
    assert objective_health["outdated"] == 1 and objective_health["pending"] == 3
    assert [c.label for c in series.objective_health][:3] == ["On track", "At risk", "Off track"]
    assert not series.is_empty


def test_plan_series_of_one_cycle(plan: PlanService, small: Plan) -> None:
    series = plan_series(plan, small.q2.id, TODAY)
    assert series.title == "Q2"
    assert series.missions[0].progress == 0.0
    balance = {b.name: b for b in series.balance}
    assert (balance["Customers"].objectives, balance["Customers"].key_results) == (1, 1)
    assert NO_STAKEHOLDER not in balance
    assert {c.key: c.count for c in series.result_mix}["output"] == 1
    assert sum(c.count for c in series.key_result_health) == 1


def test_plan_series_of_an_empty_plan(plan: PlanService) -> None:
    series = plan_series(plan, None, TODAY)
    assert series.is_empty
    assert series.missions == ()
    assert all(c.count == 0 for c in series.result_mix)
    assert all(b.objectives == 0 for b in series.balance)


def test_plan_series_indents_missions_as_the_tree_does(plan: PlanService, small: Plan) -> None:
    series = plan_series(plan, None, TODAY)
    assert [(m.title, m.depth) for m in series.missions] == [
        ("Help customers", 0),
        ("Grow my team", 1),
    ]


# -- objective bars as parallel tuples, missions with their sub-missions ------------------------


def test_objective_series_gives_bar_labels_and_values(plan: PlanService, small: Plan) -> None:
    series = objective_series(plan, small.growth.id, TODAY)
    assert series.labels == ("Signups", "Churn", "Uptime")
    assert series.values == tuple(bar.progress for bar in series.key_results)


def test_mission_series_with_sub_missions(plan: PlanService, small: Plan) -> None:
    hire = plan.create(
        Objective, title="Hire", mission_id=small.sub_mission.id, cycle_id=small.q1.id
    )
    alone = mission_series(plan, small.mission.id, TODAY)
    assert "Hire" not in [o.title for c in alone.cycles for o in c.objectives]
    both = mission_series(plan, small.mission.id, TODAY, with_sub_missions=True)
    q1 = both.cycles[0]
    assert [o.title for o in q1.objectives] == ["Grow", "Hire"]
    assert q1.objectives[1].objective_id == hire.id
    sub = mission_series(plan, small.sub_mission.id, TODAY, with_sub_missions=True)
    assert [o.title for c in sub.cycles for o in c.objectives] == ["Hire"]


def test_mission_and_below(plan: PlanService, small: Plan) -> None:
    deeper = plan.create(Mission, title="Deeper", parent_id=small.sub_mission.id)
    missions = plan.all(Mission)
    assert mission_and_below(missions, small.mission.id) == {
        small.mission.id,
        small.sub_mission.id,
        deeper.id,
    }
    assert mission_and_below(missions, deeper.id) == {deeper.id}


# -- milestone roadmap ------------------------------------------------------------------------


def test_roadmap_series(plan: PlanService, small: Plan) -> None:
    late = plan.create(Milestone, objective_id=small.growth.id, title="Late", due="2026-01-20")
    plan.update(Milestone, late.id, done_on=date(2026, 1, 25))
    overdue = plan.create(
        Milestone, objective_id=small.growth.id, title="Overdue", due="2026-02-01"
    )
    undated = plan.create(Milestone, objective_id=small.growth.id, title="Undated")
    early = plan.create(Milestone, objective_id=small.growth.id, title="Early", due="2026-03-01")
    plan.update(Milestone, early.id, done_on=date(2026, 2, 10))
    ahead = plan.create(Milestone, objective_id=small.growth.id, title="Ahead", due="2026-03-20")
    plan.create(GrowthNote, milestone_id=late.id, date="2026-01-25", text="One")
    plan.create(GrowthNote, milestone_id=late.id, date="2026-01-26", text="Two")
    series = roadmap_series(plan, small.growth.id, TODAY, selected_id=overdue.id)
    assert [m.title for m in series.milestones] == ["Late", "Overdue", "Early", "Ahead", "Undated"]
    marks = {m.title: m for m in series.milestones}
    assert marks["Late"].late and marks["Late"].done and not marks["Late"].overdue
    assert marks["Late"].notes == 2 and marks["Ahead"].notes == 0
    assert marks["Overdue"].overdue and not marks["Overdue"].done
    assert not marks["Early"].late and marks["Early"].done
    assert not marks["Ahead"].overdue  # due after today
    assert not marks["Undated"].overdue and marks["Undated"].due is None
    assert (series.done, series.overdue) == (2, 1)
    assert (series.start, series.end) == (small.q1.start, small.q1.end)
    assert series.selected_id == overdue.id and series.title == "Grow"
    assert not series.is_empty
    assert undated.id == marks["Undated"].milestone_id and ahead.id


def test_roadmap_series_of_an_objective_without_milestones_or_cycle(
    plan: PlanService, small: Plan
) -> None:
    series = roadmap_series(plan, small.undated.id, TODAY)
    assert series.is_empty and series.start is None and series.end is None
    assert (series.done, series.overdue) == (0, 0)


def test_an_objective_counts_for_every_stakeholder_its_mission_serves(
    plan: PlanService, small: Plan
) -> None:
    from okrdesk.services.missions import set_stakeholders

    team = next(s for s in plan.all(Stakeholder) if s.name == "My team")
    mission = next(m for m in plan.all(Mission) if m.title == "Help customers")
    set_stakeholders(plan, mission.id, mission.stakeholder_id, [team.id]).apply(plan)
    balance = {b.name: b for b in plan_series(plan, None, TODAY).balance}
    assert (balance["Customers"].objectives, balance["Customers"].key_results) == (3, 4)
    assert (balance["My team"].objectives, balance["My team"].key_results) == (3, 4)
    assert (balance[NO_STAKEHOLDER].objectives, balance[NO_STAKEHOLDER].key_results) == (1, 1)
