"""Next steps: one small promise with a due date on a key result (the weekly rhythm).

They are plain items of the plan (``NextStep``, owned by their key result), added, edited
and deleted like any other through ``services.operations``; this module holds what is
particular to them: ticking one off as an undo step of its own, and the questions the
agenda, the calendar and the reminders ask (which are due, which are overdue).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from okrdesk.domain.entities import AgendaPoint, NextStep
from okrdesk.domain.messages import message
from okrdesk.services.changes import PlanChanges
from okrdesk.services.operations import Applied, EditFields, Operation, Steps
from okrdesk.services.plan import PlanService

# What the agenda calls a point prepared from a next step (``meetings.Source.NEXT_STEP``).
NEXT_STEP_SOURCE = "next step"


@dataclass(frozen=True, slots=True)
class TickNextStep:
    """Tick a next step off (or back on with ``done=False``). Undo puts back what it was,
    so ticking one already done is a step that changes nothing, undone as nothing."""

    next_step_id: str
    done: bool = True

    @property
    def label(self) -> str:
        return message("Tick off next step") if self.done else message("Reopen next step")

    def apply(self, plan: PlanService) -> Applied:
        old, new = plan.change(NextStep, self.next_step_id, done=self.done)
        inverse = TickNextStep(self.next_step_id, old.done)
        changes = PlanChanges() if old == new else PlanChanges.edited(new)
        return Applied(changes, inverse, new)


def tick_agenda_point(plan: PlanService, point: AgendaPoint, done: bool) -> Operation:
    """Ticking an agenda point off; when the point is a next step (prepared by the agenda
    from one still there), the next step is ticked with it, in the same undo step."""
    tick_point = EditFields(AgendaPoint, point.id, {"done": done}, mergeable=False)
    step = None if point.subject_id is None else plan.find(NextStep, point.subject_id)
    if point.source != NEXT_STEP_SOURCE or step is None or step.done == done:
        return tick_point
    label = message("Tick off next step") if done else message("Reopen next step")
    return Steps(label, (tick_point, TickNextStep(step.id, done)), focus=point.meeting_id)


def open_steps(plan: PlanService, key_result_id: str) -> list[NextStep]:
    """A key result's next steps not done yet, soonest due first (undated last)."""
    steps = [s for s in plan.children(NextStep, key_result_id) if not s.done]
    return sorted(steps, key=lambda s: (s.due is None, s.due or date.max, s.position))


def is_overdue(step: NextStep, today: date) -> bool:
    return not step.done and step.due is not None and step.due < today


def overdue_steps(plan: PlanService, today: date) -> list[NextStep]:
    """Every next step past its due date and not done, oldest due first."""
    found = [s for s in plan.all(NextStep) if is_overdue(s, today)]
    return sorted(found, key=lambda s: (s.due, s.position))


def steps_due_between(
    plan: PlanService, key_result_ids: Iterable[str], since: date, until: date
) -> list[NextStep]:
    """The next steps of these key results that fell due after ``since`` up to ``until``,
    and those due earlier still open: what a one-on-one follows up. Soonest due first."""
    wanted = set(key_result_ids)
    found = [
        s
        for s in plan.all(NextStep)
        if s.key_result_id in wanted
        and s.due is not None
        and s.due <= until
        and (s.due > since or not s.done)
    ]
    return sorted(found, key=lambda s: (s.due, s.position))
