"""The plan as an iCalendar file (RFC 5545) for the calendar the person already uses: the
weekly check-in as a recurring event, one-on-ones on their days, next steps and milestones
on their due dates. Written with the ``icalendar`` library (imported here only: start-up
does not need it), whole or not at all (``services.files``).

Every event's UID is derived from what it is about (the item's id; the cycle's for the
weekly check-in), so a calendar that subscribed to the file updates its events on the
next export instead of adding them twice. Times are floating (no time zone): the check-in
is at 15:00 wherever the person is. Private notes never go in: a one-on-one is only who
it is with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from okrdesk.domain.entities import (
    Cycle,
    KeyResult,
    Meeting,
    Milestone,
    NextStep,
    Objective,
    utc_now,
)
from okrdesk.services.coach import current_cycle
from okrdesk.services.files import check_target, write_file
from okrdesk.services.plan import PlanService
from okrdesk.services.rhythm import CHECK_IN_MINUTES, Rhythm, read_rhythm

PRODUCT_ID = "-//okrdesk//okrdesk weekly rhythm//EN"
UID_DOMAIN = "okrdesk"
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class CalendarReport:
    path: Path
    events: int


def uid(kind: str, item_id: str) -> str:
    """A UID that stays the same for the same item on every export."""
    return f"{kind}-{item_id}@{UID_DOMAIN}"


def _event(ical: Any, kind: str, item_id: str, summary: str, stamp: datetime) -> Any:
    event = ical.Event()
    event.add("uid", uid(kind, item_id))
    event.add("dtstamp", stamp)
    event.add("summary", summary)
    return event


def _all_day(ical: Any, kind: str, item_id: str, summary: str, day: date, stamp: datetime) -> Any:
    event = _event(ical, kind, item_id, summary, stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")  # a due date does not make the person busy
    return event


def _weekly_check_in(ical: Any, cycle: Cycle, rhythm: Rhythm, stamp: datetime) -> Any:
    """Every week of the cycle, on the person's day and time."""
    first = rhythm.check_in_moment(cycle.start)
    if first.date() < cycle.start:
        first += timedelta(days=7)
    event = _event(ical, "weekly-check-in", cycle.id, f"Weekly check-in ({cycle.name})", stamp)
    event.add("dtstart", first)
    event.add("dtend", first + timedelta(minutes=CHECK_IN_MINUTES))
    until = datetime.combine(cycle.end, rhythm.at)
    event.add("rrule", {"freq": "weekly", "byday": WEEKDAYS[rhythm.day], "until": until})
    event.add(
        "description",
        "Check in on every key result of the cycle in okrdesk: the value now, how sure you "
        "are, what changed; a blocker and one next step where it slips.",
    )
    return event


def build_calendar(plan: PlanService, today: date, stamp: datetime | None = None) -> bytes:
    """The plan's calendar as iCalendar bytes."""
    import icalendar as ical

    stamp = stamp or utc_now()
    calendar = ical.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"okrdesk: {plan.owner() or plan.path.stem}")
    rhythm = read_rhythm(plan)
    cycle = current_cycle(plan.all(Cycle), today)
    if cycle is not None:
        calendar.add_component(_weekly_check_in(ical, cycle, rhythm, stamp))
    for meeting in plan.all(Meeting):
        summary = f"One-on-one with {meeting.counterpart}"
        calendar.add_component(_all_day(ical, "meeting", meeting.id, summary, meeting.date, stamp))
    key_results = {kr.id: kr for kr in plan.all(KeyResult)}
    for step in plan.all(NextStep):
        kr = key_results.get(step.key_result_id)
        if step.due is None or kr is None:
            continue
        done = "Done: " if step.done else ""
        event = _all_day(
            ical, "next-step", step.id, f"{done}Next step: {step.title}", step.due, stamp
        )
        event.add("description", f"On the key result “{kr.title}”.")
        calendar.add_component(event)
    objectives = {o.id: o for o in plan.all(Objective)}
    for milestone in plan.all(Milestone):
        if milestone.due is None:
            continue
        done = "Done: " if milestone.done else ""
        summary = f"{done}Milestone: {milestone.title}"
        event = _all_day(ical, "milestone", milestone.id, summary, milestone.due, stamp)
        objective = objectives.get(milestone.objective_id)
        if objective is not None:
            event.add("description", f"On the road to “{objective.title}”.")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data


def export_calendar(
    plan: PlanService, path: Path, today: date, *, overwrite: bool = False
) -> CalendarReport:
    """Write the plan's calendar to ``path``, owner-only and whole or not at all; an
    existing file is replaced only with ``overwrite`` (never a plan file)."""
    target = check_target(Path(path), overwrite=overwrite, plan=plan.path)
    data = build_calendar(plan, today)
    write_file(target, data, overwrite=overwrite, plan=plan.path)
    return CalendarReport(target, data.count(b"BEGIN:VEVENT"))
