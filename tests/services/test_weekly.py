"""The weekly check-in pass: who waits, riskiest first; one check-in as one undo step; the
blocker and next step asked for when confidence is low or off track; summary; streak."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from okrdesk.domain.entities import CheckIn, Cycle, KeyResult, NextStep, Objective
from okrdesk.domain.enums import Blocker
from okrdesk.domain.health import Health
from okrdesk.services.demo import fill_demo
from okrdesk.services.errors import ValidationError
from okrdesk.services.plan import PlanService
from okrdesk.services.weekly import (
    PassEntry,
    asks_for_blocker,
    check_in_step,
    pass_summary,
    streak,
    waiting_count,
    waiting_ids,
    week_of,
    weekly_pass,
)
from tests.builders import WEEKLY_TODAY, weekly_plan

TODAY = WEEKLY_TODAY
MONDAY = date(2026, 2, 16)


@pytest.fixture
def krs(plan: PlanService) -> dict[str, KeyResult]:
    return weekly_plan(plan)


def test_the_week_runs_monday_to_sunday() -> None:
    assert week_of(TODAY) == (MONDAY, date(2026, 2, 22))
    assert week_of(MONDAY) == (MONDAY, date(2026, 2, 22))
    assert week_of(date(2026, 2, 22))[0] == MONDAY


def test_the_current_cycles_key_results_without_a_check_in_this_week_wait_riskiest_first(
    plan: PlanService, krs: dict[str, KeyResult]
) -> None:
    found = weekly_pass(plan, TODAY)
    assert found.cycle is not None and found.cycle.name == "2026 Q1"
    titles = [w.key_result.title for w in found.waiting]
    assert titles == ["Sliding", "Never measured", "Steady"]
    assert found.waiting[0].status.health is Health.OFF_TRACK
    assert found.waiting[0].last is not None and found.waiting[0].last.value == 5
    assert waiting_count(plan, TODAY) == 3
    # Next week everything waits again, the one checked in on Monday too.
    assert waiting_count(plan, TODAY + timedelta(days=7)) == 4


def test_a_plan_without_cycles_has_nothing_waiting(plan: PlanService) -> None:
    assert weekly_pass(plan, TODAY).waiting == ()


def test_low_confidence_or_off_track_asks_for_a_blocker() -> None:
    assert asks_for_blocker(Health.ON_TRACK, 0.4)
    assert asks_for_blocker(Health.OFF_TRACK, 0.9)
    assert not asks_for_blocker(Health.ON_TRACK, 0.5)
    assert not asks_for_blocker(Health.AT_RISK, None)


def test_a_confident_check_in_is_one_step_without_a_next_step(
    plan: PlanService, krs: dict[str, KeyResult]
) -> None:
    steady = next(w for w in weekly_pass(plan, TODAY).waiting if w.key_result.title == "Steady")
    step, check_in, next_step = check_in_step(
        steady, PassEntry(steady.key_result.id, TODAY, 60, 0.8)
    )
    assert next_step is None
    applied = step.apply(plan)
    assert plan.get(CheckIn, check_in.id).value == 60
    assert waiting_count(plan, TODAY) == 2
    applied.inverse.apply(plan)
    assert plan.find(CheckIn, check_in.id) is None and waiting_count(plan, TODAY) == 3


def test_an_off_track_check_in_needs_a_blocker_and_a_dated_next_step(
    plan: PlanService, krs: dict[str, KeyResult]
) -> None:
    sliding = weekly_pass(plan, TODAY).waiting[0]
    entry = PassEntry(sliding.key_result.id, TODAY, 8, 0.7)
    with pytest.raises(ValidationError, match="blocker"):
        check_in_step(sliding, entry)
    with pytest.raises(ValidationError, match="next step"):
        check_in_step(sliding, PassEntry(**{**entry.__dict__, "blocker": Blocker.UNCLEAR}))
    with pytest.raises(ValidationError, match="due date"):
        check_in_step(
            sliding,
            PassEntry(**{**entry.__dict__, "blocker": Blocker.UNCLEAR, "step_title": "Ask"}),
        )
    full = PassEntry(
        sliding.key_result.id, TODAY, 8, 0.7, "Stuck on scope", Blocker.UNCLEAR,
        "Agree the scope with Daniel", date(2026, 2, 20),
    )  # fmt: skip
    step, check_in, _step = check_in_step(sliding, full)
    applied = step.apply(plan)
    stored = plan.children(NextStep, sliding.key_result.id)
    assert [s.title for s in stored] == ["Agree the scope with Daniel"]
    assert stored[0].blocker is Blocker.UNCLEAR and stored[0].due == date(2026, 2, 20)
    # One undo step takes back the check-in and the next step together.
    applied.inverse.apply(plan)
    assert plan.children(NextStep, sliding.key_result.id) == []
    assert plan.find(CheckIn, check_in.id) is None


def test_a_high_value_can_lift_it_off_the_blocker(plan: PlanService, krs: dict[str, KeyResult]):
    sliding = weekly_pass(plan, TODAY).waiting[0]
    # Back on pace with good confidence: nothing more is asked.
    _, _, next_step = check_in_step(sliding, PassEntry(sliding.key_result.id, TODAY, 60, 0.8))
    assert next_step is None


def test_a_refused_value_writes_nothing(plan: PlanService, krs: dict[str, KeyResult]) -> None:
    sliding = weekly_pass(plan, TODAY).waiting[0]
    with pytest.raises(ValidationError, match="onfidence"):
        check_in_step(sliding, PassEntry(sliding.key_result.id, TODAY, 8, 1.5))
    assert len(plan.check_ins(sliding.key_result.id)) == 1


def test_the_summary_says_what_moved_what_is_at_risk_and_the_next_steps(
    plan: PlanService, krs: dict[str, KeyResult]
) -> None:
    found = weekly_pass(plan, TODAY).waiting
    sliding, steady = found[0], found[2]
    saved, steps = [], []
    for item, entry in (
        (sliding, PassEntry(sliding.key_result.id, TODAY, 8, 0.3, "", Blocker.TECHNICAL,
                            "Profile the query", date(2026, 2, 20))),
        (steady, PassEntry(steady.key_result.id, TODAY, 50, 0.8)),
    ):  # fmt: skip
        step, check_in, next_step = check_in_step(item, entry)
        step.apply(plan)
        saved.append(check_in)
        steps += [next_step] if next_step else []
    summary = pass_summary(plan, found, saved, steps, TODAY)
    assert summary.checked_in == 2 and summary.skipped == 1
    assert [(m.title, m.before, m.after) for m in summary.moved] == [("Sliding", 5, 8)]
    assert [r.title for r in summary.at_risk] == ["Sliding"]
    assert [s.title for s in summary.next_steps] == ["Profile the query"]
    assert summary.streak == 2  # last week's check-ins and this week's


def test_the_streak_counts_weeks_in_a_row_and_waits_for_the_week_to_end(plan: PlanService):
    cycle = plan.add(Cycle(name="Q", start=date(2026, 1, 1), end=date(2026, 3, 31)))
    objective = plan.add(Objective(title="O", cycle_id=cycle.id))
    kr = plan.add(KeyResult(objective_id=objective.id, title="K", baseline=0, target=10))
    for day in (date(2026, 1, 23), date(2026, 2, 3), date(2026, 2, 13)):  # weeks 4, 6, 7
        plan.add(CheckIn(key_result_id=kr.id, date=day, value=1))
    assert streak(plan, date(2026, 2, 13)) == 2
    # Monday of week 8, nothing yet this week: still 2; the week after that, broken.
    assert streak(plan, date(2026, 2, 16)) == 2
    assert streak(plan, date(2026, 2, 23)) == 0
    plan.add(CheckIn(key_result_id=kr.id, date=date(2026, 1, 27), value=1))  # week 5
    assert streak(plan, date(2026, 2, 13)) == 4


def test_the_demo_has_a_streak_and_open_next_steps(plan: PlanService) -> None:
    day = date(2026, 5, 20)
    fill_demo(plan, day)
    assert streak(plan, day) >= 8
    found = weekly_pass(plan, day)
    assert any(w.open_steps for w in found.waiting)


def test_only_the_persons_own_objectives_wait(plan: PlanService, krs: dict[str, KeyResult]):
    plan.set_owner("Maya")
    cycle = plan.all(Cycle)[0]
    theirs = plan.add(Objective(title="Grace's", owner="Grace", cycle_id=cycle.id))
    imported = plan.add(
        Objective(title="Team", owner="Daniel", origin="team.json", cycle_id=cycle.id)
    )
    named = plan.add(Objective(title="Mine, from the team", owner="maya ", origin="team.json",
                               cycle_id=cycle.id))  # fmt: skip
    for objective in (theirs, imported, named):
        plan.add(KeyResult(objective_id=objective.id, title=f"KR of {objective.title}"))
    titles = {w.key_result.title for w in weekly_pass(plan, TODAY).waiting}
    assert "KR of Mine, from the team" in titles
    assert "KR of Grace's" not in titles and "KR of Team" not in titles
    assert len(titles) == 4


def test_the_count_names_the_key_results_the_pass_lists(
    plan: PlanService, krs: dict[str, KeyResult]
) -> None:
    # The toolbar counts with waiting_ids (a few columns, no scoring): the same rules as
    # the pass, on every kind of key result the builder makes, this week, next, and
    # another owner's and a team objective's.
    plan.set_owner("Maya")
    cycle = plan.all(Cycle)[0]
    theirs = plan.add(Objective(title="Grace's", owner="Grace", cycle_id=cycle.id))
    named = plan.add(Objective(title="Mine", owner="maya ", origin="team.json", cycle_id=cycle.id))
    shelved = plan.add(Objective(title="Shelved", archived=True, cycle_id=cycle.id))
    for objective in (theirs, named, shelved):
        plan.add(KeyResult(objective_id=objective.id, title=f"KR of {objective.title}"))
    for day in (TODAY, MONDAY, TODAY + timedelta(days=7), date(2025, 11, 3), date(2027, 1, 1)):
        listed = {w.key_result.id for w in weekly_pass(plan, day).waiting}
        assert waiting_ids(plan, day) == listed
    assert krs["sliding"].id in waiting_ids(plan, TODAY)
    assert krs["done_this_week"].id not in waiting_ids(plan, TODAY)
    assert krs["archived"].id not in waiting_ids(plan, TODAY + timedelta(days=7))
    assert len(waiting_ids(plan, TODAY)) == 4  # the three of the builder, and "Mine"


def test_nothing_waits_without_a_cycle(plan: PlanService) -> None:
    assert waiting_ids(plan, TODAY) == frozenset()
