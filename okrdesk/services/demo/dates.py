"""The demo's calendar: quarters around today, weekly Friday check-ins, days not yet come.

Every date the demo writes is worked out from ``today``, so the plan looks current on
whatever day it is made.
"""

from __future__ import annotations

from datetime import date, timedelta

from okrdesk.domain.entities import Cycle
from okrdesk.domain.okr_cycles import quarter_of

MIN_CHECK_INS = 8
FRIDAY = 4
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def quarter_from(today: date, offset: int) -> tuple[date, date]:
    """The quarter ``offset`` quarters after today's (-1: the previous one)."""
    start, _end = quarter_of(today)
    months = start.year * 12 + start.month - 1 + 3 * offset
    return quarter_of(date(months // 12, months % 12 + 1, 1))


def fridays(start: date, end: date) -> list[date]:
    first = start + timedelta(days=(FRIDAY - start.weekday()) % 7)
    days = []
    while first <= end:
        days.append(first)
        first += timedelta(days=7)
    return days


def check_in_days(cycle: Cycle, today: date) -> list[date]:
    """Weekly Fridays through the cycle up to ``today``; at least MIN_CHECK_INS of them,
    reaching back before the cycle's start when it has only just begun."""
    days = fridays(cycle.start, min(cycle.end, today))
    if not days:
        days = [today - timedelta(days=(today.weekday() - FRIDAY) % 7)]
    while len(days) < MIN_CHECK_INS:
        days.insert(0, days[0] - timedelta(days=7))
    return days


def done_by(day: date, today: date) -> date | None:
    """``day`` when it is not in the future, else None (not done yet)."""
    return day if day <= today else None


def latest_weekday(weekday: int, today: date, not_before: date) -> date:
    """The latest ``weekday`` (0: Monday) on or before ``today``, but not before
    ``not_before`` (a meeting in a quarter that has only just begun)."""
    return max(not_before, today - timedelta(days=(today.weekday() - weekday) % 7))


def fraction_of(cycle: Cycle, day: date) -> float:
    """How far through ``cycle`` ``day`` is, from 0 (its start or before) to 1 (its end)."""
    span = (cycle.end - cycle.start).days
    return max(0.0, min(1.0, (day - cycle.start).days / span))
