"""The report's content, computed from the plan without Qt."""

from __future__ import annotations

from okrdesk.domain.entities import Mission, Objective
from okrdesk.domain.health import Health
from okrdesk.services.plan import PlanService
from okrdesk.services.report_data import ALL_CYCLES, ReportData, ReportOptions, build_report_data
from tests.report.sample_plan import (
    LONG_TABLE_ROWS,
    MARKUP_TITLE,
    PRIVATE_MEETING,
    PRIVATE_NOTE,
    PUBLIC_NOTE,
    TODAY,
    build_plan,
)


def _notes(data: ReportData) -> list[str]:
    return [
        note.text
        for objective in data.objectives
        for milestone in objective.milestones
        for note in milestone.notes
    ]


def test_cover_missions_and_key_result_rows(plan: PlanService) -> None:
    ids = build_plan(plan)
    data = build_report_data(plan, ReportOptions(today=TODAY), coach=False)
    assert data.cover.owner == "Ada Example"
    assert data.cover.cycle == ALL_CYCLES
    assert [m.title for m in data.missions] == [MARKUP_TITLE, "Keep the lights on"]
    first = data.missions[0]
    assert first.stakeholder == "Customers"
    (objective,) = first.objectives
    assert objective.id == ids["objective"]
    assert objective.why == "New joiners take months to be productive."
    (row,) = objective.key_results
    assert (row.baseline, row.current, row.target, row.unit) == (2, 8, 10, "people")
    assert row.progress == 0.75
    assert row.confidence == 0.7
    assert row.check_ins == 4
    assert not objective.chart.is_empty
    assert data.summary.key_results == 1 + LONG_TABLE_ROWS
    assert data.summary.milestones == 1


def test_private_notes_are_left_out_unless_asked_for(plan: PlanService) -> None:
    build_plan(plan)
    shared = build_report_data(plan, ReportOptions(today=TODAY), coach=False)
    assert _notes(shared) == [PUBLIC_NOTE]
    (meeting,) = shared.meetings
    assert all(PRIVATE_MEETING not in text for _, text in meeting.sections)
    assert meeting.private_left_out == 1
    assert shared.private_left_out == 2

    private = build_report_data(plan, ReportOptions(today=TODAY, include_private=True), coach=False)
    assert sorted(_notes(private)) == sorted([PUBLIC_NOTE, PRIVATE_NOTE])
    assert ("Feedback", PRIVATE_MEETING) in private.meetings[0].sections
    assert private.private_left_out == 0


def test_a_cycle_keeps_only_its_objectives(plan: PlanService) -> None:
    ids = build_plan(plan)
    q1 = build_report_data(plan, ReportOptions(cycle_id=ids["q1"], today=TODAY), coach=False)
    assert [o.id for o in q1.objectives] == [ids["old"]]
    assert q1.cover.cycle == "2025-Q1"
    assert q1.meetings == ()
    q2 = build_report_data(plan, ReportOptions(cycle_id=ids["q2"], today=TODAY), coach=False)
    assert {o.id for o in q2.objectives} == {ids["objective"], ids["big"]}


def test_a_mission_keeps_only_itself_and_what_serves_it(plan: PlanService) -> None:
    ids = build_plan(plan)
    child = plan.create(
        Mission,
        title="Serving mission",
        parent_id=ids["mission"],
    )
    data = build_report_data(
        plan, ReportOptions(mission_id=ids["mission"], today=TODAY), coach=False
    )
    assert [(m.title, m.depth) for m in data.missions] == [
        (MARKUP_TITLE, 0),
        (child.title, 1),
    ]
    assert data.missions[1].serves == MARKUP_TITLE
    assert data.cover.mission == MARKUP_TITLE
    assert data.meetings == () and data.team_objectives == () and data.unassigned == ()


def test_archived_objectives_and_team_objectives(plan: PlanService) -> None:
    ids = build_plan(plan)
    plan.update(Objective, ids["old"], archived=True)
    team = plan.create(Objective, title="Team goal", level="team")
    blind = plan.create(Objective, title="Blind goal")
    data = build_report_data(plan, ReportOptions(today=TODAY), coach=False)
    assert ids["old"] not in {o.id for o in data.objectives}
    # Nothing of the person's aligns to the team objective: it is counted, not printed.
    assert data.team_objectives == () and data.summary.team_objectives == 1
    every = build_report_data(
        plan, ReportOptions(today=TODAY, all_team_objectives=True), coach=False
    )
    assert [o.id for o in every.team_objectives] == [team.id]
    assert [o.id for o in data.unassigned] == [blind.id]
    assert data.unassigned[0].health is Health.PENDING


def test_the_report_carries_the_purpose_values_and_every_stakeholder(plan: PlanService) -> None:
    from datetime import date

    from okrdesk.services.demo import fill_demo

    fill_demo(plan, date(2026, 5, 20))
    data = build_report_data(plan, ReportOptions(today=date(2026, 5, 20)), coach=False)
    assert data.cover.purpose.startswith("I build software")
    assert [name for name, _meaning in data.cover.values] == ["Craft", "Generosity", "Calm"]
    fast = next(m for m in data.missions if m.title.startswith("Make month-end reports fast"))
    assert fast.whom == ("Customers", "Colleagues")
    assert fast.values == ("Craft",)
    assert fast.served_when.startswith("Bookkeepers send")
    # Its objectives count for both stakeholders it serves.
    counts = {c.label: c.count for c in data.summary.stakeholders}
    assert counts["Colleagues"] == len(fast.objectives)
    assert counts["Customers"] >= len(fast.objectives)
