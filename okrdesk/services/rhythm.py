"""The weekly rhythm's settings, kept in the plan itself (plan facts, so they travel with
the file and its backups): the day and time of the weekly check-in and how often the
person meets their manager. Read with defaults; written as one undoable operation.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from okrdesk.domain.messages import message
from okrdesk.domain.validation import ValidationError
from okrdesk.services.changes import PlanChanges
from okrdesk.services.operations import Applied
from okrdesk.services.plan import PlanService

CHECK_IN_DAY = "checkin_day"  # 0 Monday … 6 Sunday
CHECK_IN_TIME = "checkin_time"  # HH:MM, local time
MEETING_CADENCE = "meeting_cadence_days"  # days between one-on-ones, 0: none planned
RHYTHM_FACTS = frozenset({CHECK_IN_DAY, CHECK_IN_TIME, MEETING_CADENCE})

DEFAULT_DAY = 4  # Friday afternoon: the week's work is done, the next one not yet planned
DEFAULT_TIME = time(15, 0)
DEFAULT_CADENCE = 14
MAX_CADENCE = 92
# How long the calendar's weekly check-in lasts.
CHECK_IN_MINUTES = 30


@dataclass(frozen=True)
class Rhythm:
    day: int = DEFAULT_DAY
    at: time = DEFAULT_TIME
    cadence_days: int = DEFAULT_CADENCE

    def check_in_moment(self, today: date) -> datetime:
        """This week's check-in (Monday to Sunday), as a local date and time."""
        monday = today - timedelta(days=today.weekday())
        return datetime.combine(monday + timedelta(days=self.day), self.at)

    def check_in_due(self, now: datetime) -> bool:
        """Whether this week's check-in time has come."""
        return now >= self.check_in_moment(now.date())


def _parse_time(text: str) -> time | None:
    try:
        hours, minutes = text.strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError:
        return None


def _whole(text: str, low: int, high: int) -> int | None:
    try:
        value = int(text.strip())
    except ValueError:
        return None
    return value if low <= value <= high else None


def read_rhythm(plan: PlanService) -> Rhythm:
    """The plan's rhythm; a value missing or unreadable (a hand-edited file) is the default."""
    day = _whole(plan.info(CHECK_IN_DAY), 0, 6)
    at = _parse_time(plan.info(CHECK_IN_TIME))
    cadence = _whole(plan.info(MEETING_CADENCE), 0, MAX_CADENCE)
    return Rhythm(
        DEFAULT_DAY if day is None else day,
        DEFAULT_TIME if at is None else at,
        DEFAULT_CADENCE if cadence is None else cadence,
    )


def check_rhythm(rhythm: Rhythm) -> Rhythm:
    if not 0 <= rhythm.day <= 6:
        raise ValidationError(CHECK_IN_DAY, message("Choose a day of the week."))
    if not 0 <= rhythm.cadence_days <= MAX_CADENCE:
        raise ValidationError(
            MEETING_CADENCE,
            message(
                "One-on-ones are at most {days} days apart (0: none planned).", days=MAX_CADENCE
            ),
        )
    return rhythm


@dataclass(frozen=True, slots=True)
class SetRhythmPart:
    """Change one part of the rhythm (``day``, ``at`` or ``cadence_days``), keeping the
    others as stored: one setting of the plan settings dialog."""

    part: str
    value: Any

    @property
    def label(self) -> str:
        return message("Change the weekly rhythm")

    def apply(self, plan: PlanService) -> Applied:
        if self.part not in ("day", "at", "cadence_days"):
            raise ValueError(f"no part {self.part!r} of the rhythm")
        old = read_rhythm(plan)
        applied = SetRhythm(dataclasses.replace(old, **{self.part: self.value})).apply(plan)
        return Applied(applied.changes, SetRhythmPart(self.part, getattr(old, self.part)))


@dataclass(frozen=True, slots=True)
class SetRhythm:
    """Store the rhythm in the plan; undo puts back the one before."""

    rhythm: Rhythm

    @property
    def label(self) -> str:
        return message("Change the weekly rhythm")

    def apply(self, plan: PlanService) -> Applied:
        new = check_rhythm(self.rhythm)
        old = read_rhythm(plan)
        if new == old:
            return Applied(PlanChanges(), SetRhythm(old))
        with plan.database.transaction() as s:
            from okrdesk.store.schema import PlanInfoRow

            s.merge(PlanInfoRow(key=CHECK_IN_DAY, value=str(new.day)))
            s.merge(PlanInfoRow(key=CHECK_IN_TIME, value=new.at.strftime("%H:%M")))
            s.merge(PlanInfoRow(key=MEETING_CADENCE, value=str(new.cadence_days)))
        return Applied(PlanChanges(facts=RHYTHM_FACTS), SetRhythm(old))
