"""One-on-ones: the prepared agenda, closing with snapshots, and "since last time"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from okrdesk.domain.entities import (
    AgendaPoint,
    Meeting,
    Objective,
    Snapshot,
)
from okrdesk.domain.health import Health
from okrdesk.services.errors import ItemNotFound, ValidationError
from okrdesk.services.meetings import (
    Source,
    add_meeting_with_agenda,
    close_meeting,
    create_meeting,
    freeze,
    growth_notes_since,
    prepare_agenda,
    previous_meeting,
    reopen_meeting,
    since_last_time,
    snapshots_of,
    store_closing,
    visible_sections,
)
from okrdesk.services.plan import PlanService
from tests.builders import MEETINGS_TODAY, Prepared, check_in, new_meeting

TODAY = MEETINGS_TODAY


def test_the_agenda_is_prepared_from_the_plan_in_order(
    plan: PlanService, prepared: Prepared
) -> None:
    p = prepared
    points = prepare_agenda(plan, new_meeting(p), coach=None)

    assert [(point.source, point.subject_id) for point in points] == [
        (Source.ACTION_ITEM, p.open_action.id),
        (Source.CONFIDENCE, p.low.id),
        (Source.CONFIDENCE, p.dropping.id),
        (Source.OUTDATED, p.stale.id),
        (Source.MILESTONE, p.done_milestone.id),
        (Source.MILESTONE, p.due_milestone.id),
        (Source.GROWTH_NOTE, p.public_note.id),
    ]
    texts = [point.text for point in points]
    assert texts[0] == "Still open from last time: Book the dry run (Me)."
    assert texts[1] == "Confidence in “Mismatch alerts” is low: 3 in 10."
    assert texts[2] == "Confidence in “Cache hit rate” dropped from 9 to 6 in 10."
    assert texts[3] == "“Runbooks written” has had no check-in lately."
    assert texts[4] == "The milestone “Query fix shipped” was done on 9 Feb 2026."
    assert texts[5] == "The milestone “Shadow run” was due on 13 Feb 2026 and is not done yet."
    assert texts[6] == "A growth note to talk about: “Profiling first saves days”"
    assert [point.position for point in points] == list(range(7))
    assert all(not point.done for point in points)
    # Never the private note, not even as text.
    assert not any("froze" in text for text in texts)


def test_a_first_meeting_looks_back_from_the_cycle_start(
    plan: PlanService, prepared: Prepared
) -> None:
    p = prepared
    first = Meeting(date=date(2026, 1, 25), counterpart="Daniel", cycle_id=p.cycle.id)
    assert previous_meeting(plan, first) is None
    notes = growth_notes_since(plan, first)
    assert [n.id for n in notes] == [p.old_note.id]
    sources = {point.source for point in prepare_agenda(plan, first, coach=None)}
    assert Source.ACTION_ITEM not in sources


def test_coach_warnings_join_the_agenda_most_serious_first(
    plan: PlanService, prepared: Prepared
) -> None:
    @dataclass(frozen=True)
    class Finding:
        severity: str
        reason: str
        item_id: str
        item_title: str

    found = [
        Finding("info", "Consider a stretch", "a", "Load time"),
        Finding("warn", "The objective has no owner", "b", "Reports people trust"),
        Finding("error", "The key result reads as an output.", "c", "Runbooks written"),
        Finding("warn", "OKR titles in “2026 Q4” are long", "d", "2026 Q4"),
    ]
    points = prepare_agenda(plan, new_meeting(prepared), coach=lambda _plan, _day: found)
    coach = [(point.text, point.subject_id) for point in points if point.source == Source.COACH]
    assert coach == [
        ("About “Runbooks written”, the coach notes that the key result reads as an output.", "c"),
        ("About “Reports people trust”, the coach notes that the objective has no owner.", "b"),
        # A reason that names its item already is not followed by the name again; an
        # abbreviation keeps its capitals.
        ("The coach notes that OKR titles in “2026 Q4” are long.", "d"),
    ]


def test_a_failing_coach_does_not_stop_the_agenda(plan: PlanService, prepared: Prepared) -> None:
    def broken(_plan: PlanService, _day: date) -> list[object]:
        raise RuntimeError("coach bug")

    points = prepare_agenda(plan, new_meeting(prepared), coach=broken)
    assert points and all(point.source != Source.COACH for point in points)


def test_the_real_coach_is_used_when_present(plan: PlanService, prepared: Prepared) -> None:
    pytest.importorskip("okrdesk.services.coach")
    points = prepare_agenda(plan, new_meeting(prepared))
    coach = [point for point in points if point.source == Source.COACH]
    assert len(coach) <= 5
    assert all("the coach notes that" in point.text.lower() for point in coach)


def test_closed_objectives_raise_no_confidence_points(
    plan: PlanService, prepared: Prepared
) -> None:
    plan.update(Objective, prepared.objective.id, state="achieved")
    sources = [point.source for point in prepare_agenda(plan, new_meeting(prepared), coach=None)]
    assert Source.CONFIDENCE not in sources and Source.OUTDATED not in sources


def test_a_meeting_and_its_agenda_are_stored_together(
    plan: PlanService, prepared: Prepared
) -> None:
    meeting, points = create_meeting(plan, new_meeting(prepared))
    stored = plan.children(AgendaPoint, meeting.id)
    assert [s.text for s in stored] == [p.text for p in points]
    assert [s.position for s in stored] == list(range(len(points)))
    assert plan.get(Meeting, meeting.id).position == 1  # after the earlier meeting


def test_storing_a_meeting_with_a_broken_point_stores_nothing(
    plan: PlanService, prepared: Prepared
) -> None:
    meeting = new_meeting(prepared)
    stray = AgendaPoint(meeting_id="elsewhere", text="x")
    with pytest.raises(ValidationError):
        add_meeting_with_agenda(plan, meeting, [stray])
    bad_cycle = Meeting(date=TODAY, counterpart="Daniel", cycle_id="no such cycle")
    with pytest.raises(ValidationError):
        add_meeting_with_agenda(plan, bad_cycle, [])
    assert plan.find(Meeting, meeting.id) is None
    assert plan.count(Meeting) == 1


def test_closing_freezes_every_key_result_and_reopening_undoes_it(
    plan: PlanService, prepared: Prepared
) -> None:
    p = prepared
    meeting, _ = create_meeting(plan, new_meeting(p))
    closed, snapshots = close_meeting(plan, meeting.id, TODAY)

    assert closed.closed_on == TODAY
    assert plan.get(Meeting, meeting.id).closed_on == TODAY
    by_kr = {s.subject_id: s for s in snapshots_of(plan, meeting.id)}
    assert set(by_kr) == {p.low.id, p.dropping.id, p.stale.id, p.steady.id}
    assert (by_kr[p.steady.id].value, by_kr[p.steady.id].confidence) == (40, 0.8)
    assert by_kr[p.steady.id].progress == pytest.approx(0.4)
    assert by_kr[p.stale.id].health == Health.OUTDATED.value
    assert by_kr[p.low.id].title == "Mismatch alerts"
    assert [s.id for s in snapshots] == [s.id for s in snapshots_of(plan, meeting.id)]

    with pytest.raises(ValidationError, match="closed on 2026-02-16"):
        close_meeting(plan, meeting.id, TODAY)

    removed = reopen_meeting(plan, meeting.id)
    assert {s.id for s in removed} == {s.id for s in snapshots}
    assert plan.get(Meeting, meeting.id).closed_on is None
    assert snapshots_of(plan, meeting.id) == []


def test_closing_is_one_transaction(plan: PlanService, prepared: Prepared) -> None:
    meeting, _ = create_meeting(plan, new_meeting(prepared))
    orphan = Snapshot(meeting_id="no such meeting", subject_id="x", title="x")
    # The database refuses the reference only at the end: the close before it must go too.
    with pytest.raises(IntegrityError):
        store_closing(plan, meeting.id, TODAY, [*freeze(plan, meeting, TODAY), orphan])
    assert plan.get(Meeting, meeting.id).closed_on is None
    assert snapshots_of(plan, meeting.id) == []


def test_unknown_meetings_are_reported(plan: PlanService) -> None:
    with pytest.raises(ItemNotFound):
        close_meeting(plan, "nope", TODAY)
    with pytest.raises(ItemNotFound):
        reopen_meeting(plan, "nope")


def test_since_last_time_compares_with_the_previous_closed_meeting(
    plan: PlanService, prepared: Prepared
) -> None:
    p = prepared
    meeting, _ = create_meeting(plan, new_meeting(p))
    since = since_last_time(plan, meeting.id, TODAY)

    assert since.previous is not None and since.previous.id == p.last.id
    steady = since.for_key_result(p.steady.id)
    assert steady is not None
    assert (steady.value_before, steady.value_now, steady.value_delta) == (25, 40, 15)
    assert steady.confidence_delta == pytest.approx(0.0)
    dropping = since.for_key_result(p.dropping.id)
    assert dropping is not None
    assert dropping.confidence_delta == pytest.approx(-0.3)
    # No check-in at the last meeting: it was pending, and is now measured.
    low = since.for_key_result(p.low.id)
    assert low is not None
    assert (low.value_before, low.value_now, low.value_delta) == (None, 10, None)
    assert (low.health_before, low.health_changed) == (Health.PENDING, True)

    # Closed, the meeting keeps showing what it saw, whatever happens next.
    close_meeting(plan, meeting.id, TODAY)
    check_in(plan, p.steady, TODAY, 90, 0.9)
    steady_after = since_last_time(plan, meeting.id, TODAY).for_key_result(p.steady.id)
    assert steady_after is not None and steady_after.value_now == 40

    # The next meeting compares with this one.
    later, _ = create_meeting(plan, new_meeting(p, TODAY + timedelta(days=14)))
    nxt = since_last_time(plan, later.id, TODAY + timedelta(days=14)).for_key_result(p.steady.id)
    assert nxt is not None
    assert (nxt.value_before, nxt.value_now, nxt.value_delta) == (40, 90, 50)
    assert nxt.confidence_delta == pytest.approx(0.1)


def test_no_deltas_without_a_closed_meeting_before(plan: PlanService, prepared: Prepared) -> None:
    first = plan.add(Meeting(date=date(2026, 1, 20), counterpart="Daniel"))
    since = since_last_time(plan, first.id, TODAY)
    assert since.previous is None
    assert since.changes and all(not c.in_snapshot for c in since.changes)
    assert all(c.value_delta is None and not c.health_changed for c in since.changes)


def test_private_sections_are_left_out_unless_asked() -> None:
    meeting = Meeting(
        date=TODAY,
        counterpart="Daniel",
        progress="Shipped",
        difficulties="Sales",
        difficulties_private=True,
    )
    assert [name for name, _ in visible_sections(meeting)] == [
        "progress",
        "development",
        "feedback",
    ]
    assert len(visible_sections(meeting, include_private=True)) == 4
