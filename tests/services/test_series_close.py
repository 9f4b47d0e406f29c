"""A closed objective's chart agrees with its close: the score the close adjusted is the
score its series carries, the same as the plan tree's status."""

from __future__ import annotations

from datetime import date

from okrdesk.domain.entities import Objective, ObjectiveClose
from okrdesk.domain.enums import ObjectiveState
from okrdesk.services.plan import PlanService
from okrdesk.services.series import objective_series
from okrdesk.services.status import compute_status, load_records
from tests.builders import closable_plan

AFTER = date(2026, 4, 10)


def test_a_closed_objectives_series_carries_the_adjusted_score(plan: PlanService) -> None:
    c = closable_plan(plan)
    plan.update(Objective, c.docs.id, state=ObjectiveState.MISSED.value)
    before = objective_series(plan, c.docs.id, AFTER)
    # Without a close the score is the key results' progress, graded.
    assert before.score is not None and abs(before.score - before.progress) < 1e-9
    plan.add(
        ObjectiveClose(
            objective_id=c.docs.id,
            closed_on=AFTER,
            proposed=before.score,
            score=0.4,
            reason="The readers were mostly the team itself.",
        )
    )
    after = objective_series(plan, c.docs.id, AFTER)
    assert after.score == 0.4
    # The same score as the tree's status, which already read the close.
    assert compute_status(load_records(plan, c.cycle.id), AFTER)[c.docs.id].score == 0.4


def test_the_pdf_charts_a_closed_objective_with_its_adjusted_score(plan: PlanService) -> None:
    from okrdesk.services.report_data import ReportOptions, build_report_data

    c = closable_plan(plan)
    plan.update(Objective, c.docs.id, state=ObjectiveState.MISSED.value)
    plan.add(ObjectiveClose(objective_id=c.docs.id, closed_on=AFTER, proposed=0.7, score=0.4,
                            reason="The readers were mostly the team itself."))  # fmt: skip
    data = build_report_data(plan, ReportOptions(today=AFTER))
    (docs,) = [o for o in data.objectives if o.id == c.docs.id]
    assert docs.chart.score == 0.4
