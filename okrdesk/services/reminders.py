"""What okrdesk reminds the person of, offline: the weekly check-in once its day and time
have come while key results still wait, and a one-on-one once the cadence says one is due.

No server and no background service: the window asks this when it starts (a banner) and
every minute while it runs (a desktop notification), with its own clock, so tests drive
it with any time they like.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from okrdesk.domain.entities import Meeting
from okrdesk.domain.messages import message
from okrdesk.services.plan import PlanService
from okrdesk.services.rhythm import read_rhythm
from okrdesk.services.weekly import waiting_count, week_of


@dataclass(frozen=True)
class Reminder:
    # Monday of the week it is about: one reminder a week, however often it is asked.
    week: date
    waiting: int
    meeting_due: date | None

    @property
    def text(self) -> str:
        parts = []
        if self.waiting == 1:
            parts.append(message("1 key result waits for this week's check-in."))
        elif self.waiting:
            parts.append(
                message("{count} key results wait for this week's check-in.", count=self.waiting)
            )
        if self.meeting_due is not None:
            parts.append(message("A one-on-one is due ({day}).", day=self.meeting_due.isoformat()))
        return " ".join(parts)


def next_meeting_due(plan: PlanService) -> date | None:
    """When the next one-on-one is due by the cadence (None: none planned or none yet)."""
    cadence = read_rhythm(plan).cadence_days
    meetings = plan.all(Meeting)
    if cadence <= 0 or not meetings:
        return None
    last = max(m.date for m in meetings)
    return last + timedelta(days=cadence)


def due_reminder(plan: PlanService, now: datetime) -> Reminder | None:
    """The reminder due at ``now`` (local time), or None: the check-in once this week's day
    and time have come and key results still wait; a one-on-one once it is due."""
    rhythm = read_rhythm(plan)
    waiting = waiting_count(plan, now.date()) if rhythm.check_in_due(now) else 0
    meeting = next_meeting_due(plan)
    meeting_due = meeting if meeting is not None and meeting <= now.date() else None
    if not waiting and meeting_due is None:
        return None
    return Reminder(week_of(now.date())[0], waiting, meeting_due)
