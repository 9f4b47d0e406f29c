"""Next steps: items under their key result, ticked off as one undo step, in the agenda."""

from __future__ import annotations

from datetime import date

import pytest

from okrdesk.domain.entities import KeyResult, NextStep
from okrdesk.domain.enums import Blocker
from okrdesk.services.errors import ValidationError
from okrdesk.services.meetings import Source, prepare_agenda
from okrdesk.services.next_steps import (
    TickNextStep,
    is_overdue,
    open_steps,
    overdue_steps,
    steps_due_between,
)
from okrdesk.services.operations import AddItem, DeleteItem
from okrdesk.services.plan import PlanService
from tests.builders import Prepared, new_meeting


def test_a_next_step_is_stored_read_changed_and_refused_without_a_title(
    plan: PlanService, prepared: Prepared
) -> None:
    step = plan.create(
        NextStep,
        key_result_id=prepared.low.id,
        title="Ask finance for the export",
        due="2026-02-20",
        blocker="waiting on others",
    )
    assert plan.get(NextStep, step.id).due == date(2026, 2, 20)
    assert step.blocker is Blocker.WAITING_ON_OTHERS
    assert plan.children(NextStep, prepared.low.id) == [step]
    assert plan.update(NextStep, step.id, title="Ask Maya").title == "Ask Maya"
    with pytest.raises(ValidationError, match="title"):
        plan.create(NextStep, key_result_id=prepared.low.id, title="  ")
    with pytest.raises(ValidationError, match="key result"):
        plan.create(NextStep, key_result_id="gone", title="Anything")


def test_deleting_the_key_result_takes_its_next_steps_and_undo_brings_them_back(
    plan: PlanService, prepared: Prepared
) -> None:
    step = plan.add(NextStep(key_result_id=prepared.low.id, title="Pair on the query"))
    applied = DeleteItem(KeyResult, prepared.low.id).apply(plan)
    assert plan.find(NextStep, step.id) is None
    assert applied.changes.touches(NextStep)
    applied.inverse.apply(plan)
    assert plan.get(NextStep, step.id) == step


def test_adding_a_next_step_is_undone_by_its_inverse(plan: PlanService, prepared: Prepared):
    applied = AddItem(NextStep(key_result_id=prepared.low.id, title="Write it down")).apply(plan)
    assert applied.changes.touches_item(KeyResult, prepared.low.id)
    applied.inverse.apply(plan)
    assert plan.children(NextStep, prepared.low.id) == []


def test_ticking_off_is_one_step_and_its_inverse_reopens(plan: PlanService, prepared: Prepared):
    step = plan.add(NextStep(key_result_id=prepared.low.id, title="Pair on the query"))
    tick = TickNextStep(step.id)
    assert tick.label == "Tick off next step"
    applied = tick.apply(plan)
    assert plan.get(NextStep, step.id).done
    assert applied.changes.touches_item(NextStep, step.id)
    again = applied.inverse.apply(plan)
    assert not plan.get(NextStep, step.id).done
    assert again.inverse == tick
    # Ticking one already done changes nothing, and its undo changes nothing either.
    tick.apply(plan)
    nothing = tick.apply(plan)
    assert nothing.changes.empty and nothing.inverse == tick


def test_open_and_overdue_steps_soonest_first(plan: PlanService, prepared: Prepared) -> None:
    kr = prepared.low.id
    late = plan.add(NextStep(key_result_id=kr, title="Late", due=date(2026, 2, 1)))
    later = plan.add(NextStep(key_result_id=kr, title="Later", due=date(2026, 2, 28)))
    undated = plan.add(NextStep(key_result_id=kr, title="Some day"))
    plan.add(NextStep(key_result_id=kr, title="Done late", due=date(2026, 1, 20), done=True))
    assert open_steps(plan, kr) == [late, later, undated]
    assert overdue_steps(plan, date(2026, 2, 16)) == [late]
    assert is_overdue(late, date(2026, 2, 2)) and not is_overdue(late, date(2026, 2, 1))


def test_steps_due_between_follow_up_what_fell_due_and_what_is_still_open(
    plan: PlanService, prepared: Prepared
) -> None:
    kr = prepared.low.id
    old_open = plan.add(NextStep(key_result_id=kr, title="Old, open", due=date(2026, 1, 5)))
    plan.add(NextStep(key_result_id=kr, title="Old, done", due=date(2026, 1, 5), done=True))
    fell_due = plan.add(NextStep(key_result_id=kr, title="Done", due=date(2026, 2, 10), done=True))
    plan.add(NextStep(key_result_id=kr, title="Not yet", due=date(2026, 3, 1)))
    plan.add(NextStep(key_result_id=prepared.steady.id, title="Other", due=date(2026, 2, 10)))
    found = steps_due_between(plan, [kr], date(2026, 2, 2), date(2026, 2, 16))
    assert found == [old_open, fell_due]


def test_the_agenda_follows_up_next_steps_due_since_last_time(
    plan: PlanService, prepared: Prepared
) -> None:
    p = prepared
    done = plan.add(
        NextStep(key_result_id=p.low.id, title="Ask finance", due=date(2026, 2, 9), done=True)
    )
    due = plan.add(
        NextStep(key_result_id=p.dropping.id, title="Warm the cache", due=date(2026, 2, 13))
    )
    plan.add(
        NextStep(key_result_id=p.low.id, title="Before last time", due=date(2026, 1, 20), done=True)
    )
    plan.add(NextStep(key_result_id=p.low.id, title="After the meeting", due=date(2026, 2, 27)))
    points = [pt for pt in prepare_agenda(plan, new_meeting(p), coach=None)]
    steps = [pt for pt in points if pt.source == Source.NEXT_STEP]
    assert [pt.subject_id for pt in steps] == [done.id, due.id]
    assert steps[0].text == "Next step: “Ask finance” (done) on “Mismatch alerts”"
    assert steps[1].text == "Next step: “Warm the cache” (due 2026-02-13) on “Cache hit rate”"
    # After the milestones, before the growth notes.
    sources = [pt.source for pt in points]
    assert sources.index(Source.NEXT_STEP) > sources.index(Source.MILESTONE)
    assert sources.index(Source.NEXT_STEP) < sources.index(Source.GROWTH_NOTE)


def test_ticking_an_agenda_point_about_a_next_step_ticks_the_step_in_one_step(
    plan: PlanService, prepared: Prepared
) -> None:
    from okrdesk.domain.entities import AgendaPoint
    from okrdesk.services.meetings import add_meeting_with_agenda
    from okrdesk.services.next_steps import tick_agenda_point

    step = plan.add(
        NextStep(key_result_id=prepared.low.id, title="Ask finance", due=date(2026, 2, 10))
    )
    meeting = new_meeting(prepared)
    points = prepare_agenda(plan, meeting, coach=None)
    add_meeting_with_agenda(plan, meeting, points)
    [point] = [p for p in plan.children(AgendaPoint, meeting.id) if p.source == Source.NEXT_STEP]
    applied = tick_agenda_point(plan, point, True).apply(plan)
    assert plan.get(AgendaPoint, point.id).done and plan.get(NextStep, step.id).done
    applied.inverse.apply(plan)
    assert not plan.get(AgendaPoint, point.id).done and not plan.get(NextStep, step.id).done
    # Any other point is ticked alone.
    other = next(p for p in plan.children(AgendaPoint, meeting.id) if p.source != Source.NEXT_STEP)
    tick_agenda_point(plan, other, True).apply(plan)
    assert plan.get(AgendaPoint, other.id).done and not plan.get(NextStep, step.id).done
