"""needing_repair: the items whose stored values okrdesk cannot use as they are, named by
item and field; the coach points at them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from okrdesk.domain.entities import CheckIn, KeyResult, Objective
from okrdesk.services.coach import build_context, review_plan
from okrdesk.services.plan import PlanService
from okrdesk.services.repairs import PLAN_SUBJECT, needing_repair, repair_subjects


def plan_with_a_bad_check_in(path: Path) -> tuple[str, str]:
    plan = PlanService.open(path)
    objective = plan.create(Objective, title="Answer faster")
    kr = plan.create(KeyResult, objective_id=objective.id, title="Tickets answered", target=10)
    check_in = plan.create(CheckIn, key_result_id=kr.id, date="2026-11-02", value=4)
    plan.close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE check_ins SET value = 'four-ish' WHERE id = ?", (check_in.id,))
        raw.execute("UPDATE objectives SET kind = 'moonshot' WHERE id = ?", (objective.id,))
    raw.close()
    return kr.id, objective.id


def test_a_sound_plan_needs_no_repair(plan: PlanService) -> None:
    plan.create(Objective, title="Fine")
    assert needing_repair(plan) == []
    assert build_context(plan).repairs == {}


def test_each_value_is_named_with_what_okrdesk_reads_instead(plan_path: Path) -> None:
    plan_with_a_bad_check_in(plan_path)
    plan = PlanService.open(plan_path)
    try:
        described = sorted(str(r.describe()) for r in needing_repair(plan))
    finally:
        plan.close()
    assert described == [
        "check-in “2026-11-02: 0”, field “value”: holds “four-ish”, which is no number; it "
        "reads as “0.0”.",
        "objective “Answer faster”, field “kind”: holds “moonshot”, which okrdesk does not "
        "know; it reads as “committed”.",
    ]


def test_a_check_in_is_shown_on_its_key_result_and_the_coach_points_there(
    plan_path: Path,
) -> None:
    kr_id, objective_id = plan_with_a_bad_check_in(plan_path)
    plan = PlanService.open(plan_path)
    try:
        subjects = repair_subjects(plan)
        assert set(subjects) == {kr_id, objective_id}
        assert PLAN_SUBJECT not in subjects
        found = {(f.rule_id, f.item_id) for f in review_plan(plan).findings}
    finally:
        plan.close()
    assert ("KR-NEEDS-REPAIR", kr_id) in found
    assert ("OBJ-NEEDS-REPAIR", objective_id) in found
    assert ("PLAN-NEEDS-REPAIR", "plan") in found


def test_entering_the_value_again_repairs_it_and_the_list_follows(plan_path: Path) -> None:
    _kr_id, objective_id = plan_with_a_bad_check_in(plan_path)
    plan = PlanService.open(plan_path)
    try:
        assert {r.field for r in needing_repair(plan)} == {"value", "kind"}
        plan.update(Objective, objective_id, kind="aspirational")
        assert {r.field for r in needing_repair(plan)} == {"value"}
        check_in = plan.all(CheckIn)[0]
        plan.update(CheckIn, check_in.id, value=4)
        assert needing_repair(plan) == []
    finally:
        plan.close()
