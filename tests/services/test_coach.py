"""The coach over a stored plan: the context it builds, dismissals, strength, the demo."""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date, timedelta

import pytest

from okrdesk.domain.coach import Ownership, Severity, coverage_summary
from okrdesk.domain.entities import (
    CheckIn,
    Cycle,
    Dismissal,
    KeyResult,
    Mission,
    Objective,
    Stakeholder,
)
from okrdesk.domain.enums import Direction, ObjectiveState, StakeholderKind
from okrdesk.domain.validation import ValidationError
from okrdesk.services.coach import (
    build_context,
    current_cycle,
    dismiss,
    dismissals,
    find_dismissal,
    findings_for,
    objective_strengths,
    review_context,
    review_plan,
    strength_text,
    undismiss,
    with_draft,
)
from okrdesk.services.demo import fill_demo
from okrdesk.services.plan import PlanService
from okrdesk.services.status import plan_status
from okrdesk.services.team_sync import TeamItems, sync_team

TODAY = date(2025, 5, 15)


def cycle(name: str, start: str, end: str) -> Cycle:
    return Cycle(name=name, start=date.fromisoformat(start), end=date.fromisoformat(end))


@pytest.fixture
def small(plan: PlanService) -> dict[str, str]:
    """A mission for customers, an objective in Q2 with an outcome and an output key result."""
    plan.set_info("owner", "Alex")
    customers = next(s for s in plan.all(Stakeholder) if s.kind is StakeholderKind.CUSTOMERS)
    q1 = plan.add(cycle("2025 Q1", "2025-01-01", "2025-03-31"))
    q2 = plan.add(cycle("2025 Q2", "2025-04-01", "2025-06-30"))
    mission = plan.add(
        Mission(
            title="Help customers close their month",
            statement="I help our customers close their books in one evening.",
            stakeholder_id=customers.id,
        )
    )
    objective = plan.add(
        Objective(
            title="Month-end takes one evening",
            why="Closing the month is the top complaint.",
            mission_id=mission.id,
            cycle_id=q2.id,
            state=ObjectiveState.ACTIVE,
            confidence=0.8,
        )
    )
    outcome = plan.add(
        KeyResult(
            objective_id=objective.id,
            title="Cut month-end close time from 6 hours to 2 hours",
            direction=Direction.DECREASE,
            baseline=6,
            target=2,
            unit="hours",
        )
    )
    output = plan.add(
        KeyResult(
            objective_id=objective.id,
            title="Publish 5 blog posts about closing the month",
            baseline=0,
            target=5,
            unit="posts",
        )
    )
    empty = plan.add(
        Objective(
            title="Partners recommend us to their clients",
            mission_id=mission.id,
            cycle_id=q2.id,
            state=ObjectiveState.ACTIVE,
        )
    )
    return {
        "q1": q1.id,
        "q2": q2.id,
        "mission": mission.id,
        "objective": objective.id,
        "outcome": outcome.id,
        "output": output.id,
        "empty": empty.id,
    }


def rules_on(plan: PlanService, item_id: str) -> set[str]:
    return {f.rule_id for f in findings_for(plan, item_id, TODAY)}


# -- the context ----------------------------------------------------------------------------


def test_the_current_cycle_contains_today_and_is_the_shortest_such() -> None:
    year = cycle("2025", "2025-01-01", "2025-12-31")
    q2 = cycle("2025 Q2", "2025-04-01", "2025-06-30")
    q3 = cycle("2025 Q3", "2025-07-01", "2025-09-30")
    assert current_cycle([year, q2, q3], TODAY) is q2
    assert current_cycle([year, q3], TODAY) is year


def test_without_a_cycle_containing_today_the_latest_is_current() -> None:
    q1 = cycle("2025 Q1", "2025-01-01", "2025-03-31")
    q4 = cycle("2024 Q4", "2024-10-01", "2024-12-31")
    assert current_cycle([q4, q1], date(2025, 8, 1)) is q1
    assert current_cycle([], TODAY) is None


def test_the_context_has_the_owner_the_current_cycle_and_the_status_health(
    plan: PlanService, small: dict[str, str]
) -> None:
    plan.add(CheckIn(key_result_id=small["outcome"], date=date(2025, 5, 1), value=4))
    context = build_context(plan, TODAY)
    assert context.owner == "Alex"
    assert context.current_cycle_id == small["q2"]
    assert context.today == TODAY
    statuses = plan_status(plan, TODAY)
    assert context.health == {
        small["outcome"]: statuses[small["outcome"]].health.value,
        small["output"]: statuses[small["output"]].health.value,
    }
    assert context.latest_values == {small["outcome"]: 4.0}


def test_a_plan_whose_cycles_are_all_past_coaches_the_latest_one(
    plan: PlanService, small: dict[str, str]
) -> None:
    later = TODAY + timedelta(days=120)
    assert build_context(plan, later).current_cycle_id == small["q2"]


# -- findings -------------------------------------------------------------------------------


def test_review_finds_the_flaws_of_a_stored_plan(plan: PlanService, small: dict[str, str]) -> None:
    result = review_plan(plan, TODAY)
    found = {(f.rule_id, f.item_id) for f in result.findings}
    assert ("KR-OUTPUT", small["output"]) in found
    assert ("OBJ-NO-KR", small["empty"]) in found
    assert not any(item == small["outcome"] and rule == "KR-OUTPUT" for rule, item in found)
    assert result.dismissed == ()


def test_findings_for_one_item_are_that_items_only(
    plan: PlanService, small: dict[str, str]
) -> None:
    found = findings_for(plan, small["output"], TODAY)
    assert found and {f.item_id for f in found} == {small["output"]}
    assert "KR-OUTPUT" in {f.rule_id for f in found}
    output = next(f for f in found if f.rule_id == "KR-OUTPUT")
    assert "publish" in output.reason and "publish" in output.why
    assert output.item_title == "Publish 5 blog posts about closing the month"


def test_a_draft_is_coached_before_it_is_saved(plan: PlanService, small: dict[str, str]) -> None:
    context = build_context(plan, TODAY)
    stored = plan.get(KeyResult, small["outcome"])
    draft = dataclasses.replace(stored, title="Write a guide to closing the month")
    drafted = review_context(with_draft(context, draft), only=[stored.id])
    assert "KR-OUTPUT" in {f.rule_id for f in drafted.findings}
    # Nothing was saved, and the original context is unchanged.
    assert plan.get(KeyResult, stored.id).title == stored.title
    assert "KR-OUTPUT" not in {
        f.rule_id for f in review_context(context, only=[stored.id]).findings
    }


def test_a_new_draft_item_is_added_to_the_context(plan: PlanService, small: dict[str, str]) -> None:
    context = build_context(plan, TODAY)
    draft = KeyResult(objective_id=small["empty"], title="Run 3 partner webinars")
    result = review_context(with_draft(context, draft), only=[draft.id, small["empty"]])
    rules = {(f.rule_id, f.item_id) for f in result.findings}
    assert ("KR-OUTPUT", draft.id) in rules
    assert ("OBJ-NO-KR", small["empty"]) not in rules


# -- dismissals -----------------------------------------------------------------------------


def test_a_dismissal_is_stored_with_its_reason_and_sets_the_finding_apart(
    plan: PlanService, small: dict[str, str]
) -> None:
    dismissal = dismiss(plan, "KR-OUTPUT", small["output"], "The posts are the point this time.")
    stored = plan.get(Dismissal, dismissal.id)
    assert (stored.rule_id, stored.subject_id) == ("KR-OUTPUT", small["output"])
    assert stored.reason == "The posts are the point this time."
    assert "KR-OUTPUT" not in rules_on(plan, small["output"])
    result = review_plan(plan, TODAY)
    assert [(f.rule_id, f.item_id) for f in result.dismissed] == [("KR-OUTPUT", small["output"])]


def test_dismissing_twice_keeps_one_record_with_the_new_reason(
    plan: PlanService, small: dict[str, str]
) -> None:
    dismiss(plan, "KR-OUTPUT", small["output"], "first")
    dismiss(plan, "KR-OUTPUT", small["output"], "second")
    assert [d.reason for d in dismissals(plan)] == ["second"]


def test_a_dismissal_stays_after_reopening_the_plan(
    plan: PlanService, small: dict[str, str]
) -> None:
    dismiss(plan, "KR-OUTPUT", small["output"], "on purpose")
    reopened = PlanService.open(plan.path)
    try:
        assert "KR-OUTPUT" not in rules_on(reopened, small["output"])
    finally:
        reopened.close()


def test_undismiss_brings_the_finding_back(plan: PlanService, small: dict[str, str]) -> None:
    dismiss(plan, "KR-OUTPUT", small["output"], "on purpose")
    assert undismiss(plan, "KR-OUTPUT", small["output"]) is True
    assert find_dismissal(plan, "KR-OUTPUT", small["output"]) is None
    assert "KR-OUTPUT" in rules_on(plan, small["output"])
    assert undismiss(plan, "KR-OUTPUT", small["output"]) is False


def test_a_dismissal_is_for_one_item_only(plan: PlanService, small: dict[str, str]) -> None:
    dismiss(plan, "KR-NO-BASELINE", small["outcome"], "not this one")
    plan.update(KeyResult, small["output"], baseline=None)
    assert "KR-NO-BASELINE" in rules_on(plan, small["output"])


def test_an_unknown_rule_cannot_be_dismissed(plan: PlanService, small: dict[str, str]) -> None:
    with pytest.raises(ValidationError, match="no rule"):
        dismiss(plan, "NO-SUCH-RULE", small["output"], "")
    assert dismissals(plan) == []


# -- strength -------------------------------------------------------------------------------


def test_strength_per_objective_and_for_the_plan(plan: PlanService, small: dict[str, str]) -> None:
    result = review_plan(plan, TODAY)
    strengths = objective_strengths(result)
    assert set(strengths) == {small["objective"], small["empty"]}
    # The empty objective has an error (no key results); the other one only a warning.
    assert strengths[small["empty"]] < strengths[small["objective"]] < 1.0
    assert 0.0 < result.plan_strength() < 1.0
    before = strengths[small["objective"]]
    dismiss(plan, "KR-OUTPUT", small["output"], "on purpose")
    assert objective_strengths(review_plan(plan, TODAY))[small["objective"]] > before


# -- the demo -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "today",
    [date(2026, 1, 2), date(2026, 2, 14), date(2026, 5, 20), date(2026, 9, 29)],
    ids=["first-day", "early", "mid", "last-days"],
)
def test_the_demo_gets_a_few_honest_findings_and_no_errors(plan: PlanService, today: date) -> None:
    fill_demo(plan, today)
    result = review_plan(plan, today)
    severities = Counter(f.severity for f in result.findings)
    assert severities[Severity.ERROR] == 0
    # One of them is MIS-NOT-EVALUABLE advice while one of the demo's missions does not say
    # yet how Maya will know it is served (issue 23): 12 became 13.
    assert 5 <= len(result.findings) <= 13, [f.rule_id for f in result.findings]
    assert severities[Severity.WARN] <= 8
    rules = Counter(f.rule_id for f in result.findings)
    # The demo's missions are missions: wide, and not reworded from cycle to cycle.
    assert rules["MIS-NARROW"] == rules["MIS-UNSTABLE"] == 0
    # What the demo is meant to show: outputs posing as key results, a blind objective.
    assert rules["KR-OUTPUT"] >= 1
    assert rules["OBJ-BLIND"] == 1
    # Maya dismissed the team-link finding on her volunteering mission, with a reason.
    assert [f.rule_id for f in result.dismissed] == ["MIS-NO-TEAM-LINK"]
    assert dismissals(plan)[0].reason.strip()
    assert result.plan_strength() > 0.9


def test_the_blind_demo_objective_is_its_weakest(plan: PlanService) -> None:
    fill_demo(plan, date(2026, 5, 20))
    result = review_plan(plan, date(2026, 5, 20))
    strengths = objective_strengths(result)
    weakest = min(strengths, key=lambda objective_id: strengths[objective_id])
    assert plan.get(Objective, weakest).mission_id is None


def test_every_objective_strength_at_once_equals_each_asked_alone(plan: PlanService) -> None:
    # Grouped once for a large plan; it must say what asking each objective says.
    fill_demo(plan, date(2026, 5, 20))
    result = review_plan(plan, date(2026, 5, 20))
    ids = {e.objective_id for e in result.evaluations if e.objective_id is not None}
    alone = {o: result.objective_strength(o) for o in ids}
    assert objective_strengths(result) == {o: s for o, s in alone.items() if s is not None}
    assert len(objective_strengths(result)) >= 5


# -- whose items --------------------------------------------------------------------------


def test_typing_the_owners_name_into_an_items_owner_keeps_its_findings(
    plan: PlanService, small: dict[str, str]
) -> None:
    """The window's Owner field: the person types their own name and the coach stays on."""
    plan.set_owner("Maya Lindqvist")
    plan.update(Objective, small["empty"], owner="")
    before = {(f.rule_id, f.item_id) for f in review_plan(plan, TODAY).findings}
    assert ("OBJ-NO-KR", small["empty"]) in before
    for typed in ("Maya Lindqvist", " maya lindqvist "):
        plan.update(Objective, small["empty"], owner=typed)
        after = review_plan(plan, TODAY)
        assert {(f.rule_id, f.item_id) for f in after.findings} == before
        assert after.left_out == ()


def test_a_new_objective_is_the_owners_and_is_coached(plan: PlanService) -> None:
    plan.set_owner("Maya")
    objective = plan.add(Objective(title="Ship the new onboarding"))
    assert objective.owner == "Maya"
    found = {(f.rule_id, f.item_id) for f in review_plan(plan, TODAY).findings}
    assert ("OBJ-NO-KR", objective.id) in found


def test_team_items_imported_from_others_are_left_out_and_the_review_says_so(
    plan: PlanService, small: dict[str, str]
) -> None:
    team = TeamItems(
        origin="team:manager",
        source="Finance team (team.json)",
        objectives=[Objective(id="team-1", title="Close every month in one day", owner="Rita")],
    )
    sync_team(plan, team)
    result = review_plan(plan, TODAY)
    assert "team-1" not in {f.item_id for f in result.findings}
    assert [(item.item_id, item.ownership) for item in result.left_out] == [
        ("team-1", Ownership.IMPORTED)
    ]
    [sentence] = coverage_summary(result)
    assert "1 team item imported" in sentence and "Close every month in one day" in sentence


def test_the_plan_owner_names_whose_items_the_context_coaches(plan: PlanService) -> None:
    plan.set_owner("  Maya ")
    assert build_context(plan, TODAY).owner == "Maya"


def test_an_empty_plan_has_no_strength(plan: PlanService) -> None:
    result = review_plan(plan, TODAY)
    assert result.plan_strength() is None
    assert strength_text(result.plan_strength()) == "–"


# -- missions with depth (issue 23) ---------------------------------------------------------


def test_the_coach_sees_whom_else_a_stored_mission_serves(
    plan: PlanService, small: dict[str, str]
) -> None:
    from okrdesk.services.missions import set_stakeholders

    me = plan.add(Stakeholder(name="Me", kind=StakeholderKind.SELF))
    team = next(s for s in plan.all(Stakeholder) if s.kind is StakeholderKind.TEAM)
    mission = small["mission"]
    plan.update(Mission, mission, stakeholder_id=me.id)

    def rules() -> set[str]:
        found = review_plan(plan, TODAY).findings
        return {f.rule_id for f in found if f.item_id in (mission, "plan")}

    assert {"MIS-SERVES-SELF", "PLAN-SELF-ONLY"} <= rules()
    set_stakeholders(plan, mission, me.id, [team.id]).apply(plan)
    assert not {"MIS-SERVES-SELF", "PLAN-SELF-ONLY"} & rules()


def test_a_mission_reworded_after_each_close_is_found_from_what_the_closes_kept(
    plan: PlanService, small: dict[str, str]
) -> None:
    from okrdesk.domain.entities import MissionEvaluation
    from okrdesk.services.cycle_close import CloseCycle

    mission = small["mission"]
    after_close = {
        small["q1"]: "Help customers close their month without stress",
        small["q2"]: "Give customers their evenings back at month-end",
    }
    for cycle_id, title in after_close.items():
        rated = MissionEvaluation(mission_id=mission, cycle_id=cycle_id, rating=4)
        CloseCycle(cycle_id, evaluations=(rated,)).apply(plan)
        plan.update(Mission, mission, title=title)
    day = date(2025, 7, 10)
    [finding] = [f for f in review_plan(plan, day).findings if f.rule_id == "MIS-UNSTABLE"]
    assert finding.item_id == mission
    assert "the last 2 closed cycles (“2025 Q1” and “2025 Q2”)" in finding.reason
    # Kept as it read at the last close: stable since.
    plan.update(Mission, mission, title="Help customers close their month without stress")
    assert "MIS-UNSTABLE" not in {f.rule_id for f in review_plan(plan, day).findings}
