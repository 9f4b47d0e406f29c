"""The calendar export: an iCalendar file that icalendar reads back, with the weekly
check-in as a recurring event, one-on-ones, next steps and milestones, stable UIDs."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import icalendar
import pytest

from okrdesk.domain.entities import Meeting, Milestone, NextStep
from okrdesk.services.calendar_export import build_calendar, export_calendar, uid
from okrdesk.services.demo import fill_demo
from okrdesk.services.errors import WriteRefused
from okrdesk.services.plan import PlanService
from okrdesk.services.rhythm import Rhythm, SetRhythm
from tests.builders import WEEKLY_TODAY, weekly_plan


def events(data: bytes) -> dict[str, Any]:
    calendar = icalendar.Calendar.from_ical(data)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def weekly(plan: PlanService) -> dict[str, Any]:
    krs = weekly_plan(plan)
    step = plan.add(
        NextStep(key_result_id=krs["sliding"].id, title="Ask <finance>", due=date(2026, 2, 20))
    )
    plan.add(NextStep(key_result_id=krs["sliding"].id, title="Undated"))
    milestone = plan.add(
        Milestone(objective_id=krs["steady"].objective_id, title="Shadow run", due=date(2026, 3, 2))
    )
    meeting = plan.add(Meeting(date=date(2026, 2, 10), counterpart="Daniel", feedback="private!"))
    return {"step": step, "milestone": milestone, "meeting": meeting, **krs}


def test_the_file_parses_back_with_every_kind_of_event(
    plan: PlanService, weekly: dict[str, Any], tmp_path: Path
) -> None:
    report = export_calendar(plan, tmp_path / "plan.ics", WEEKLY_TODAY)
    data = (tmp_path / "plan.ics").read_bytes()
    found = events(data)
    assert report.events == len(found) == 4
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["version"]) == "2.0" and "okrdesk" in str(calendar["prodid"])

    step = found[uid("next-step", weekly["step"].id)]
    assert str(step["summary"]) == "Next step: Ask <finance>"
    assert step.decoded("dtstart") == date(2026, 2, 20)
    assert "Sliding" in str(step["description"])
    assert found[uid("milestone", weekly["milestone"].id)].decoded("dtstart") == date(2026, 3, 2)
    meeting = found[uid("meeting", weekly["meeting"].id)]
    assert str(meeting["summary"]) == "One-on-one with Daniel"
    assert "private" not in data.decode()


def test_the_weekly_check_in_recurs_on_the_chosen_day_and_time_through_the_cycle(
    plan: PlanService, weekly: dict[str, Any]
) -> None:
    [check_in] = [e for e in events(build_calendar(plan, WEEKLY_TODAY)).values()
                  if str(e["uid"]).startswith("weekly-check-in-")]  # fmt: skip
    # 2026-01-01 is a Thursday: the first Friday of the cycle is the 2nd, at 15:00.
    assert check_in.decoded("dtstart") == datetime(2026, 1, 2, 15, 0)
    rule = check_in["rrule"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["FR"]
    assert rule["UNTIL"] == [datetime(2026, 3, 31, 15, 0)]

    SetRhythm(Rhythm(day=0, at=time(9, 30))).apply(plan)
    [moved] = [e for e in events(build_calendar(plan, WEEKLY_TODAY)).values()
               if str(e["uid"]).startswith("weekly-check-in-")]  # fmt: skip
    assert moved.decoded("dtstart") == datetime(2026, 1, 5, 9, 30)
    assert moved["rrule"]["BYDAY"] == ["MO"]
    assert moved["uid"] == check_in["uid"]


def test_uids_stay_the_same_across_exports(plan: PlanService, tmp_path: Path) -> None:
    fill_demo(plan, date(2026, 5, 20))
    first = events(build_calendar(plan, date(2026, 5, 20), datetime(2026, 5, 20, 9)))
    plan.add(NextStep(key_result_id=plan.all(NextStep)[0].key_result_id, title="New",
                      due=date(2026, 5, 29)))  # fmt: skip
    second = events(build_calendar(plan, date(2026, 5, 21), datetime(2026, 5, 21, 9)))
    assert set(first) < set(second) and len(second) == len(first) + 1
    assert len(first) > 10
    for key, event in first.items():
        assert str(second[key]["summary"]) == str(event["summary"])


def test_an_existing_file_or_the_plan_is_not_replaced_unless_told(
    plan: PlanService, weekly: dict[str, Any], tmp_path: Path
) -> None:
    out = tmp_path / "plan.ics"
    out.write_text("mine")
    with pytest.raises(WriteRefused):
        export_calendar(plan, out, WEEKLY_TODAY)
    assert out.read_text() == "mine"
    export_calendar(plan, out, WEEKLY_TODAY, overwrite=True)
    assert out.read_bytes().startswith(b"BEGIN:VCALENDAR")
    with pytest.raises(WriteRefused):
        export_calendar(plan, plan.path, WEEKLY_TODAY, overwrite=True)


def test_a_plan_without_cycles_still_makes_a_valid_calendar(plan: PlanService) -> None:
    calendar = icalendar.Calendar.from_ical(build_calendar(plan, WEEKLY_TODAY))
    assert list(calendar.walk("VEVENT")) == []
