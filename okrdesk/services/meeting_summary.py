"""A one-on-one's summary as plain data, for the meeting PDF: agenda, notes, action items
and the since-last-time table. Private notes are left out unless asked for, and counted,
so the export can say how many were left out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from okrdesk.domain.entities import (
    MEETING_SECTIONS,
    ActionItem,
    AgendaPoint,
    Cycle,
    GrowthNote,
    Meeting,
)
from okrdesk.domain.messages import message
from okrdesk.services.errors import ItemNotFound, ValidationError
from okrdesk.services.meetings import MEETING_KINDS, SinceLastTime, Source, since_last_time
from okrdesk.services.plan import PlanService

SECTION_TITLES = {
    "progress": "Progress",
    "difficulties": "Difficulties",
    "development": "Personal development",
    "feedback": "Feedback",
}


@dataclass(frozen=True)
class SummaryPoint:
    text: str
    done: bool


@dataclass(frozen=True)
class SummarySection:
    title: str
    text: str
    private: bool


@dataclass(frozen=True)
class MeetingSummary:
    meeting: Meeting
    cycle: str
    owner: str
    # What the one-on-one is for: "regular one-on-one", "agreeing missions".
    kind: str
    agenda: tuple[SummaryPoint, ...]
    sections: tuple[SummarySection, ...]
    actions: tuple[ActionItem, ...]
    since: SinceLastTime
    include_private: bool
    # Private sections and agenda points about private growth notes that were left out.
    private_left_out: int


def meeting_summary(
    plan: PlanService, meeting_id: str, *, include_private: bool = False, today: date | None = None
) -> MeetingSummary:
    meeting = plan.get(Meeting, meeting_id)
    cycle = None if meeting.cycle_id is None else plan.find(Cycle, meeting.cycle_id)
    private_notes = {n.id for n in plan.all(GrowthNote) if n.private}
    left_out = 0
    agenda = []
    for point in plan.children(AgendaPoint, meeting.id):
        about_private = point.source == Source.GROWTH_NOTE and point.subject_id in private_notes
        if about_private and not include_private:
            left_out += 1
            continue
        agenda.append(SummaryPoint(point.text, point.done))
    sections = []
    for name in MEETING_SECTIONS:
        private = bool(getattr(meeting, f"{name}_private"))
        text = str(getattr(meeting, name))
        if private and not include_private:
            left_out += 1 if text.strip() else 0
            continue
        sections.append(SummarySection(SECTION_TITLES[name], text, private))
    return MeetingSummary(
        meeting=meeting,
        cycle="" if cycle is None else cycle.name,
        owner=plan.owner(),
        kind=MEETING_KINDS[meeting.kind],
        agenda=tuple(agenda),
        sections=tuple(sections),
        actions=tuple(plan.children(ActionItem, meeting.id)),
        since=since_last_time(plan, meeting.id, today),
        include_private=include_private,
        private_left_out=left_out,
    )


def find_meeting(plan: PlanService, typed: str) -> Meeting:
    """The meeting whose id is ``typed``, else the one on that day (YYYY-MM-DD); several
    on one day are refused, listing them by id."""
    typed = typed.strip()
    found = plan.find(Meeting, typed)
    if found is not None:
        return found
    try:
        day = date.fromisoformat(typed)
    except ValueError:
        raise ItemNotFound("one-on-one", typed) from None
    on_day = [m for m in plan.all(Meeting) if m.date == day]
    if not on_day:
        raise ItemNotFound("one-on-one", typed)
    if len(on_day) > 1:
        listed = "; ".join(f"{m.id} ({m.counterpart})" for m in on_day)
        raise ValidationError(
            "meeting",
            message("Several one-on-ones on {day}: give the id: {listed}.", day=day, listed=listed),
        )
    return on_day[0]
