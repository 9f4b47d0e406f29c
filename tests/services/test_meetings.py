"""One-on-ones: the prepared agenda, closing with snapshots, and "since last time"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from sqlalchemy.exc import IntegrityError

from okrdesk.domain.entities import (
    AgendaPoint,
    Cycle,
    Meeting,
    Mission,
    MissionEvaluation,
    MissionLink,
    MissionStakeholder,
    Objective,
    Snapshot,
    Stakeholder,
)
from okrdesk.domain.enums import Level, MeetingKind, StakeholderKind
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


# -- agreeing missions (issue 23) -------------------------------------------------------------


@dataclass
class Missions:
    calm: Mission
    open_craft: Mission
    team: Mission


def agree_missions(plan: PlanService, p: Prepared) -> Missions:
    """Beside the prepared plan: a team mission the person's "Calm month-ends" is part of,
    serving customers first and the team too, with when it is served, two closed cycles'
    evaluations and a link to a team objective; a second mission serving nobody; someone
    else's mission and an archived one."""
    plan.set_info("owner", "Maya")
    customers = plan.add(Stakeholder(name="Bookkeepers", kind=StakeholderKind.CUSTOMERS))
    team = plan.add(Stakeholder(name="Reports team", kind=StakeholderKind.TEAM))
    society = plan.add(Stakeholder(name="Code Club Leith", kind=StakeholderKind.SOCIETY))
    team_mission = plan.add(
        Mission(title="Reports a practice can send", level=Level.TEAM, owner="Reports team")
    )
    calm = plan.update(
        Mission,
        p.objective.mission_id or "",
        stakeholder_id=customers.id,
        parent_id=team_mission.id,
        served_when="When bookkeepers send the month-end report without checking it first",
    )
    plan.add(MissionStakeholder(mission_id=calm.id, stakeholder_id=team.id))
    plan.add(MissionStakeholder(mission_id=calm.id, stakeholder_id=society.id, position=1))
    q3 = plan.add(Cycle(name="2025 Q3", start=date(2025, 7, 1), end=date(2025, 9, 30)))
    q4 = plan.add(Cycle(name="2025 Q4", start=date(2025, 10, 1), end=date(2025, 12, 31)))
    plan.add(MissionEvaluation(mission_id=calm.id, cycle_id=q4.id, rating=3, change="Ask them"))
    plan.add(MissionEvaluation(mission_id=calm.id, cycle_id=q3.id, rating=4))
    team_objective = plan.add(
        Objective(title="Month-end in one evening", level=Level.TEAM, cycle_id=p.cycle.id)
    )
    calm_on_call = plan.add(
        Objective(title="Calm on-call", level=Level.TEAM, cycle_id=p.cycle.id, position=1)
    )
    old_objective = plan.add(Objective(title="Old aim", level=Level.TEAM, cycle_id=q4.id))
    for objective in (team_objective, old_objective, calm_on_call):
        plan.add(MissionLink(mission_id=calm.id, objective_id=objective.id))
    open_craft = plan.add(Mission(title="Open the craft to career changers", position=5))
    plan.add(Mission(title="Daniel's mission", owner="Daniel"))
    plan.add(Mission(title="Old mission", archived=True))
    return Missions(calm, open_craft, team_mission)


def missions_meeting(p: Prepared) -> Meeting:
    return Meeting(date=TODAY, counterpart="Daniel", cycle_id=p.cycle.id, kind=MeetingKind.MISSIONS)


def test_an_agenda_for_agreeing_missions_takes_each_mission_in_turn(
    plan: PlanService, prepared: Prepared
) -> None:
    m = agree_missions(plan, prepared)
    points = prepare_agenda(plan, missions_meeting(prepared), coach=None)
    assert [(point.source, point.subject_id, point.text) for point in points] == [
        (Source.ACTION_ITEM, prepared.open_action.id,
         "Still open from last time: Book the dry run (Me)."),
        (Source.MISSION, m.calm.id, "The mission “Calm month-ends” serves Bookkeepers first, "
         "and also Reports team and Code Club Leith."),
        (Source.SERVED_WHEN, m.calm.id, "You will know “Calm month-ends” is served when "
         "bookkeepers send the month-end report without checking it first."),
        (Source.EVALUATION, m.calm.id, "“Calm month-ends” was rated well served in 2025 Q3 and "
         "partly served in 2025 Q4. To change after 2025 Q4: Ask them."),
        # The team objective of the meeting's cycle; the old one is history.
        (Source.ALIGNMENT, m.calm.id, "“Calm month-ends” serves the team mission “Reports a "
         "practice can send” and the team objectives “Month-end in one evening” and “Calm "
         "on-call”."),
        (Source.MISSION, m.open_craft.id, "The mission “Open the craft to career changers” "
         "names nobody it serves yet: whom is it for?"),
    ]  # fmt: skip
    assert [point.position for point in points] == list(range(6))


def test_the_coach_on_the_missions_joins_their_points_and_says_nothing_twice(
    plan: PlanService, prepared: Prepared
) -> None:
    @dataclass(frozen=True)
    class Finding:
        rule_id: str
        severity: str
        item_type: str
        item_id: str
        item_title: str
        reason: str

    m = agree_missions(plan, prepared)
    found = [
        Finding("MIS-NOT-EVALUABLE", "info", "mission", m.open_craft.id, "x",
                "The mission does not say how you will know it is served."),
        Finding("MIS-NO-STAKEHOLDER", "warn", "mission", m.open_craft.id, "x",
                "The mission names no stakeholder, so it does not say whom it serves."),
        Finding("MIS-DEAD", "warn", "mission", m.open_craft.id, "x",
                "The mission has no objective in the current cycle “2026 Q1”."),
        Finding("OBJ-NO-WHY", "info", "objective", prepared.objective.id, "x",
                "The objective does not say why it matters now."),
    ]  # fmt: skip
    points = prepare_agenda(plan, missions_meeting(prepared), coach=lambda _p, _d: found)
    about_open_craft = [p.text for p in points if p.subject_id == m.open_craft.id]
    assert about_open_craft == [
        "The mission “Open the craft to career changers” names nobody it serves yet: whom is "
        "it for?",
        # Warnings before advice; no objective's finding; "names no stakeholder" was said.
        "About “Open the craft to career changers”, the coach notes that the mission has no "
        "objective in the current cycle “2026 Q1”.",
        "About “Open the craft to career changers”, the coach notes that the mission does not "
        "say how you will know it is served.",
    ]


def test_the_real_coach_speaks_about_the_missions_of_a_missions_meeting(
    plan: PlanService, prepared: Prepared
) -> None:
    m = agree_missions(plan, prepared)
    points = prepare_agenda(plan, missions_meeting(prepared))
    coach = [p for p in points if p.source == Source.COACH]
    assert coach and {p.subject_id for p in coach} <= {m.calm.id, m.open_craft.id}
    # A regular meeting of the same plan is the regular agenda: no mission points.
    regular = {p.source for p in prepare_agenda(plan, new_meeting(prepared), coach=None)}
    assert regular.isdisjoint({Source.MISSION, Source.SERVED_WHEN, Source.EVALUATION})


def test_a_new_meeting_is_with_the_last_person_in_the_cycle_running(
    plan: PlanService, prepared: Prepared
) -> None:
    from okrdesk.services.meetings import new_meeting as default_meeting

    plan.add(Cycle(name="2026", start=date(2026, 1, 1), end=date(2026, 12, 31)))
    made = default_meeting(plan, TODAY, None, first_counterpart="My manager",
                           kind=MeetingKind.MISSIONS)  # fmt: skip
    assert (made.counterpart, made.cycle_id, made.kind) == (
        "Daniel",
        prepared.cycle.id,  # the quarter, not the year around it
        MeetingKind.MISSIONS,
    )
    plan.delete(Meeting, prepared.last.id)
    first = default_meeting(plan, TODAY, "chosen", first_counterpart="My manager")
    assert (first.counterpart, first.cycle_id, first.kind) == (
        "My manager",
        "chosen",
        MeetingKind.REGULAR,
    )
