"""The review's pages as data: order, the meeting's cycle, and nothing private."""

from __future__ import annotations

from datetime import date

from okrdesk.domain.entities import AgendaPoint, Meeting, Mission, Objective
from okrdesk.domain.enums import Level
from okrdesk.services.meetings import Source, close_meeting, create_meeting
from okrdesk.services.plan import PlanService
from okrdesk.services.review import (
    AgendaPage,
    MissionPage,
    ObjectivePage,
    ProgressPage,
    current_meeting,
    review_pages,
)
from tests.builders import MEETINGS_TODAY as TODAY
from tests.builders import Prepared, new_meeting


def test_pages_run_mission_objectives_progress_agenda(
    plan: PlanService, prepared: Prepared
) -> None:
    p = prepared
    company = plan.add(Mission(title="Evenings back", level=Level.COMPANY))
    plan.update(Mission, plan.get(Objective, p.objective.id).mission_id or "", parent_id=company.id)
    plan.add(Objective(title="Archived one", cycle_id=p.cycle.id, archived=True))
    plan.add(Objective(title="Blind one", cycle_id=p.cycle.id))
    meeting, _ = create_meeting(plan, new_meeting(p))

    pages = review_pages(plan, meeting.id, today=TODAY)
    assert [(type(page).__name__, page.title) for page in pages] == [
        ("MissionPage", "Evenings back"),
        ("MissionPage", "Calm month-ends"),
        ("ObjectivePage", "Reports people trust"),
        ("ObjectivePage", "Blind one"),
        ("ProgressPage", "Since the last meeting"),
        ("AgendaPage", "Agenda"),
    ]
    top = pages[0]
    assert isinstance(top, MissionPage)
    assert [line.title for line in top.served_by] == ["Calm month-ends"]
    objective = pages[2]
    assert isinstance(objective, ObjectivePage)
    assert objective.mission == "Calm month-ends"
    steady = next(kr for kr in objective.key_results if kr.title == "Load time")
    assert steady.value == 40 and steady.change is not None and steady.change.value_delta == 15


def test_nothing_private_is_in_the_pages(plan: PlanService, prepared: Prepared) -> None:
    p = prepared
    meeting, _ = create_meeting(plan, new_meeting(p))
    # Made private after the agenda was prepared: its point must go too.
    plan.update(type(p.public_note), p.public_note.id, private=True)
    pages = review_pages(plan, meeting.id, today=TODAY)
    progress = next(page for page in pages if isinstance(page, ProgressPage))
    agenda = next(page for page in pages if isinstance(page, AgendaPage))
    assert progress.notes == ()
    assert {m.title for m in progress.milestones} == {"Query fix shipped", "Shadow run"}
    sources = [point.source for point in plan.children(AgendaPoint, meeting.id) if point.source]
    assert Source.GROWTH_NOTE in sources
    assert Source.GROWTH_NOTE not in {line.source for line in agenda.points}
    everything = repr(pages)
    assert "froze" not in everything and "Profiling first" not in everything


def test_a_review_without_a_meeting_has_no_agenda(plan: PlanService, prepared: Prepared) -> None:
    pages = review_pages(plan, None, prepared.cycle.id, TODAY)
    assert not any(isinstance(page, AgendaPage) for page in pages)
    assert isinstance(pages[-1], ProgressPage)


def test_the_current_meeting_is_the_latest_open_one(plan: PlanService, prepared: Prepared) -> None:
    assert current_meeting(plan, TODAY) is None  # the only one is closed
    today, _ = create_meeting(plan, new_meeting(prepared))
    plan.add(Meeting(date=date(2026, 3, 1), counterpart="Daniel"))
    found = current_meeting(plan, TODAY)
    assert found is not None and found.id == today.id
    close_meeting(plan, today.id, TODAY)
    ahead = current_meeting(plan, TODAY)
    assert ahead is not None and ahead.date == date(2026, 3, 1)
