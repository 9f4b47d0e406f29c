"""Team objectives are context: a real company's 138 objectives imported beside a small
plan of the person's own leave the person's numbers as they were (issue 17, point 2)."""

from __future__ import annotations

from datetime import date

import pytest

from okrdesk.domain.entities import Objective, is_team_item
from okrdesk.domain.enums import Level
from okrdesk.services.coach import review_plan
from okrdesk.services.outline import build_outline
from okrdesk.services.plan import PlanService
from okrdesk.services.report_data import NO_STAKEHOLDER, ReportOptions, build_report_data
from okrdesk.services.series import plan_series
from okrdesk.services.summary import plan_counts, team_item_ids
from tests.builders import (
    REAL_TEAM_KEY_RESULTS,
    REAL_TEAM_OBJECTIVES,
    OwnPlanWithTeam,
    own_plan_with_team,
)

TODAY = date(2026, 2, 1)


@pytest.fixture
def built(plan: PlanService) -> OwnPlanWithTeam:
    return own_plan_with_team(plan)


def test_the_one_predicate_is_the_level() -> None:
    assert not is_team_item(Objective(title="Mine"))
    assert is_team_item(Objective(title="Ours", level=Level.TEAM))
    assert is_team_item(Objective(title="The company's", level=Level.COMPANY))


def test_every_imported_objective_is_a_team_one(plan: PlanService, built: OwnPlanWithTeam) -> None:
    assert len(built.team_ids) == REAL_TEAM_OBJECTIVES
    assert team_item_ids(plan) == built.team_ids
    assert {o.id for o in plan.all(Objective) if is_team_item(o)} == built.team_ids


def test_the_status_numbers_are_the_persons_with_the_team_counted_apart(
    plan: PlanService, built: OwnPlanWithTeam
) -> None:
    for cycle_id in (None, built.objectives[0].cycle_id):
        counts = plan_counts(build_outline(plan, cycle_id), team_item_ids(plan))
        assert (counts.missions, counts.objectives, counts.key_results) == (1, 3, 3)
        assert counts.average == pytest.approx(0.42)
        assert counts.objective_ids == {o.id for o in built.objectives}
    everything = plan_counts(build_outline(plan), team_item_ids(plan))
    assert everything.team_objectives == REAL_TEAM_OBJECTIVES
    # The person's own cycle holds none of the team's.
    own_cycle = plan_counts(build_outline(plan, built.objectives[0].cycle_id), team_item_ids(plan))
    assert own_cycle.team_objectives == 0


def test_the_overview_is_the_persons_plan(plan: PlanService, built: OwnPlanWithTeam) -> None:
    series = plan_series(plan, today=TODAY)
    assert [m.title for m in series.missions] == ["Help customers succeed"]
    served = [(b.name, b.objectives, b.key_results) for b in series.balance if b.objectives]
    assert served == [("Customers", 3, 3)]
    assert NO_STAKEHOLDER not in {b.name for b in series.balance}
    assert sum(c.count for c in series.objective_health) == 3
    assert sum(c.count for c in series.key_result_health) == 3
    assert sum(c.count for c in series.result_mix) == 3
    assert (series.team_objectives, series.team_key_results) == (
        REAL_TEAM_OBJECTIVES,
        REAL_TEAM_KEY_RESULTS,
    )


def test_the_report_summary_is_the_persons_and_prints_the_aligned_team_objectives(
    plan: PlanService, built: OwnPlanWithTeam
) -> None:
    data = build_report_data(plan, ReportOptions(today=TODAY), coach=False)
    summary = data.summary
    assert (summary.missions, summary.objectives, summary.key_results) == (1, 3, 3)
    assert summary.average_progress == pytest.approx(0.42)
    assert [(c.label, c.count) for c in summary.stakeholders] == [("Customers", 3)]
    assert (summary.team_objectives, summary.team_objectives_printed) == (138, 2)
    printed = {o.id: o.aligned_from for o in data.team_objectives}
    assert printed == {
        built.aligned_to.id: ("My objective 1",),
        built.served.id: ("Help customers succeed",),
    }
    assert not data.all_team_objectives


def test_the_report_prints_every_team_objective_when_asked(
    plan: PlanService, built: OwnPlanWithTeam
) -> None:
    options = ReportOptions(today=TODAY, all_team_objectives=True)
    data = build_report_data(plan, options, coach=False)
    assert {o.id for o in data.team_objectives} == built.team_ids
    assert data.summary.objectives == 3 and data.summary.average_progress == pytest.approx(0.42)
    # A report limited to one mission prints only what that mission's items align to.
    one = build_report_data(
        plan,
        ReportOptions(today=TODAY, all_team_objectives=True, mission_id=built.mission.id),
        coach=False,
    )
    assert {o.id for o in one.team_objectives} == {built.aligned_to.id, built.served.id}


@pytest.mark.parametrize("owner", ["", "Maya"])
def test_the_coach_leaves_the_team_objectives_out(
    plan: PlanService, built: OwnPlanWithTeam, owner: str
) -> None:
    plan.set_owner(owner)
    result = review_plan(plan, TODAY)
    assert built.team_ids.isdisjoint(f.item_id for f in result.findings)
    assert built.team_ids <= {item.item_id for item in result.left_out}
    # The person's own objectives are still coached.
    mine = {o.id for o in built.objectives}
    assert mine & {f.item_id for f in result.findings}
    assert result.plan_strength() is not None
