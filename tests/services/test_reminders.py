"""Reminders with an injected clock: the check-in once its day and time came while key
results wait, a one-on-one by the cadence."""

from __future__ import annotations

from datetime import date, datetime, time

from okrdesk.domain.entities import CheckIn, Meeting
from okrdesk.services.plan import PlanService
from okrdesk.services.reminders import due_reminder, next_meeting_due
from okrdesk.services.rhythm import Rhythm, SetRhythm
from tests.builders import weekly_plan


def test_the_check_in_reminder_comes_on_friday_at_three(plan: PlanService) -> None:
    weekly_plan(plan)
    assert due_reminder(plan, datetime(2026, 2, 18, 16, 0)) is None  # Wednesday
    assert due_reminder(plan, datetime(2026, 2, 20, 14, 59)) is None
    reminder = due_reminder(plan, datetime(2026, 2, 20, 15, 0))
    assert reminder is not None and reminder.waiting == 3
    assert reminder.week == date(2026, 2, 16)
    assert reminder.text == "3 key results wait for this week's check-in."
    # Saturday still; the day and time are the plan's.
    assert due_reminder(plan, datetime(2026, 2, 21, 9, 0)) is not None
    SetRhythm(Rhythm(day=0, at=time(9, 0), cadence_days=0)).apply(plan)
    assert due_reminder(plan, datetime(2026, 2, 16, 9, 0)) is not None


def test_nothing_is_said_when_nothing_waits(plan: PlanService) -> None:
    krs = weekly_plan(plan)
    friday = datetime(2026, 2, 20, 15, 0)
    for name in ("steady", "sliding"):
        plan.create(CheckIn, key_result_id=krs[name].id, date=friday.date(), value=50)
    reminder = due_reminder(plan, friday)
    assert reminder is not None and reminder.text.startswith("1 key result waits")
    plan.create(CheckIn, key_result_id=krs["fresh"].id, date=friday.date(), value=50)
    assert due_reminder(plan, friday) is None


def test_a_one_on_one_is_due_by_the_cadence(plan: PlanService) -> None:
    assert next_meeting_due(plan) is None
    plan.add(Meeting(date=date(2026, 2, 2), counterpart="Daniel"))
    plan.add(Meeting(date=date(2026, 1, 19), counterpart="Daniel"))
    assert next_meeting_due(plan) == date(2026, 2, 16)
    assert due_reminder(plan, datetime(2026, 2, 15, 9, 0)) is None
    reminder = due_reminder(plan, datetime(2026, 2, 16, 9, 0))
    assert reminder is not None and reminder.waiting == 0
    assert reminder.text == "A one-on-one is due (2026-02-16)."
    SetRhythm(Rhythm(cadence_days=0)).apply(plan)
    assert next_meeting_due(plan) is None
