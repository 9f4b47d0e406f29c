"""Plans for tests, built the same way wherever a test needs one: import them from here,
never from another test module."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from okrdesk.domain.entities import (
    ActionItem,
    CheckIn,
    Cycle,
    GrowthNote,
    KeyResult,
    Meeting,
    Milestone,
    Mission,
    MissionLink,
    Objective,
    Stakeholder,
)
from okrdesk.domain.enums import Level, ObjectiveState, StakeholderKind
from okrdesk.services.meetings import close_meeting
from okrdesk.services.okr_import import import_markdown
from okrdesk.services.plan import PlanService


def small_plan(path: Path) -> dict[str, str]:
    """Two missions; the first has two objectives with key results, check-ins, a milestone."""
    plan = PlanService.open(path)
    care = plan.create(Mission, title="Care for customers")
    grow = plan.create(Mission, title="Grow the team")
    speed = plan.create(Objective, title="Answer fast", mission_id=care.id)
    trust = plan.create(Objective, title="Be trusted", mission_id=care.id)
    first = plan.create(KeyResult, objective_id=speed.id, title="Reply time", target="4")
    second = plan.create(KeyResult, objective_id=speed.id, title="Tickets closed", target="90")
    plan.add(CheckIn(key_result_id=first.id, date=date(2026, 1, 9), value=2.0))
    plan.add(CheckIn(key_result_id=first.id, date=date(2026, 1, 16), value=3.0))
    milestone = plan.create(Milestone, objective_id=speed.id, title="New help desk")
    team = plan.create(Objective, title="Team goal", level=Level.TEAM.value)
    plan.close()
    return {
        "care": care.id,
        "grow": grow.id,
        "speed": speed.id,
        "trust": trust.id,
        "first": first.id,
        "second": second.id,
        "milestone": milestone.id,
        "team": team.id,
    }


def small_plan_in_q1(path: Path) -> tuple[dict[str, str], str]:
    """``small_plan`` with a 2026 Q1 cycle holding the "speed" objective (the rest in no
    cycle); its ids and the cycle's id."""
    ids = small_plan(path)
    plan = PlanService.open(path)
    q1 = plan.create(Cycle, name="2026 Q1", start="2026-01-01", end="2026-03-31")
    plan.update(Objective, ids["speed"], cycle_id=q1.id)
    plan.close()
    return ids, q1.id


def mission_titles(path: Path) -> list[str]:
    plan = PlanService.open(path)
    try:
        return [m.title for m in plan.all(Mission)]
    finally:
        plan.close()


START = date(2026, 1, 1)
LAST_MEETING = date(2026, 2, 2)
MEETINGS_TODAY = date(2026, 2, 16)


@dataclass
class Prepared:
    cycle: Cycle
    objective: Objective
    low: KeyResult
    dropping: KeyResult
    stale: KeyResult
    steady: KeyResult
    done_milestone: Milestone
    due_milestone: Milestone
    later_milestone: Milestone
    public_note: GrowthNote
    private_note: GrowthNote
    old_note: GrowthNote
    last: Meeting
    open_action: ActionItem


def check_in(plan: PlanService, kr: KeyResult, day: date, value: float, confidence: float) -> None:
    plan.add(CheckIn(key_result_id=kr.id, date=day, value=value, confidence=confidence))


def kr(plan: PlanService, objective: Objective, title: str) -> KeyResult:
    return plan.add(KeyResult(objective_id=objective.id, title=title, baseline=0, target=100))


def prepare_meetings_plan(plan: PlanService) -> Prepared:
    """A plan one closed meeting into a cycle, with something of each kind to talk about."""
    cycle = plan.add(Cycle(name="2026 Q1", start=START, end=date(2026, 3, 31)))
    mission = plan.add(Mission(title="Calm month-ends"))
    objective = plan.add(
        Objective(
            title="Reports people trust",
            mission_id=mission.id,
            cycle_id=cycle.id,
            state=ObjectiveState.ACTIVE,
        )
    )
    low = kr(plan, objective, "Mismatch alerts")
    dropping = kr(plan, objective, "Cache hit rate")
    stale = kr(plan, objective, "Runbooks written")
    steady = kr(plan, objective, "Load time")
    check_in(plan, dropping, date(2026, 1, 30), 30, 0.9)
    check_in(plan, steady, date(2026, 1, 30), 25, 0.8)
    last = plan.add(Meeting(date=LAST_MEETING, counterpart="Daniel", cycle_id=cycle.id))
    open_action = plan.add(ActionItem(meeting_id=last.id, text="Book the dry run", owner="Me"))
    plan.add(ActionItem(meeting_id=last.id, text="Route requests", done=True))
    close_meeting(plan, last.id, LAST_MEETING)
    check_in(plan, low, date(2026, 2, 12), 10, 0.3)
    check_in(plan, dropping, date(2026, 2, 12), 35, 0.6)
    check_in(plan, stale, date(2026, 1, 10), 1, 0.8)
    check_in(plan, steady, date(2026, 2, 12), 40, 0.8)

    def milestone(title: str, due: date | None, done_on: date | None = None) -> Milestone:
        return plan.add(Milestone(objective_id=objective.id, title=title, due=due, done_on=done_on))

    done_milestone = milestone("Query fix shipped", date(2026, 2, 20), done_on=date(2026, 2, 9))
    due_milestone = milestone("Shadow run", date(2026, 2, 13))
    later_milestone = milestone("Totals view", date(2026, 3, 20))
    milestone("Old spike", date(2026, 1, 15), done_on=date(2026, 1, 14))

    def note(text: str, day: date, private: bool = False) -> GrowthNote:
        return plan.add(
            GrowthNote(milestone_id=done_milestone.id, date=day, text=text, private=private)
        )

    public_note = note("Profiling first saves days", date(2026, 2, 10))
    private_note = note("I froze in the architecture review", date(2026, 2, 11), private=True)
    old_note = note("Indexes matter", date(2026, 1, 20))
    return Prepared(
        cycle,
        objective,
        low,
        dropping,
        stale,
        steady,
        done_milestone,
        due_milestone,
        later_milestone,
        public_note,
        private_note,
        old_note,
        last,
        open_action,
    )


def new_meeting(p: Prepared, day: date = MEETINGS_TODAY) -> Meeting:
    return Meeting(date=day, counterpart="Daniel", cycle_id=p.cycle.id)


REAL_TEAM_FILE = Path(__file__).parent / "data" / "okr-plans" / "gitlab_fy21-q1.raw.txt"
REAL_TEAM_OBJECTIVES = 138
REAL_TEAM_KEY_RESULTS = 336


@dataclass
class OwnPlanWithTeam:
    """A small plan of the person's own beside a real company's 138 objectives."""

    mission: Mission
    objectives: list[Objective]
    # The team objectives the person's items align to: one by an objective's "aligned
    # to", one served by the mission.
    aligned_to: Objective
    served: Objective
    # The team objectives' ids.
    team_ids: frozenset[str]


def own_plan_with_team(plan: PlanService) -> OwnPlanWithTeam:
    """GitLab's published FY21-Q1 OKRs imported as team objectives, then one mission for
    customers with three objectives at 50 %, 34 % and 42 % (an average of 42 %) in a cycle
    of the person's own."""
    import_markdown(plan, REAL_TEAM_FILE, team=None, cycle=None)
    team = sorted(plan.all(Objective), key=lambda o: o.position)
    cycle = plan.add(Cycle(name="2026 Q1", start=START, end=date(2026, 3, 31)))
    customers = next(
        (s for s in plan.all(Stakeholder) if s.kind is StakeholderKind.CUSTOMERS), None
    ) or plan.add(Stakeholder(name="Customers", kind=StakeholderKind.CUSTOMERS))
    mission = plan.add(Mission(title="Help customers succeed", stakeholder_id=customers.id))
    objectives = []
    for index, value in enumerate((50.0, 34.0, 42.0)):
        objective = plan.add(
            Objective(
                title=f"My objective {index + 1}",
                mission_id=mission.id,
                cycle_id=cycle.id,
                state=ObjectiveState.ACTIVE,
                aligned_to_id=team[3].id if index == 0 else None,
                position=index,
            )
        )
        kr = plan.add(
            KeyResult(objective_id=objective.id, title=f"Measure {index + 1}", target=100.0)
        )
        plan.add(CheckIn(key_result_id=kr.id, date=date(2026, 1, 20), value=value))
        objectives.append(objective)
    plan.add(MissionLink(mission_id=mission.id, objective_id=team[7].id))
    return OwnPlanWithTeam(
        mission=mission,
        objectives=objectives,
        aligned_to=team[3],
        served=team[7],
        team_ids=frozenset(o.id for o in team),
    )


WEEKLY_TODAY = date(2026, 2, 18)  # a Wednesday


def weekly_plan(plan: PlanService) -> dict[str, KeyResult]:
    """A quarter half gone with key results for the weekly pass: one keeping pace, one far
    behind, one never measured, one checked in this Monday, and some that never wait (an
    archived one, one of a closed objective, one of last quarter)."""
    cycle = plan.add(Cycle(name="2026 Q1", start=date(2026, 1, 1), end=date(2026, 3, 31)))
    old = plan.add(Cycle(name="2025 Q4", start=date(2025, 10, 1), end=date(2025, 12, 31)))
    mission = plan.add(Mission(title="Calm month-ends"))
    live = plan.add(
        Objective(
            title="Fast reports",
            mission_id=mission.id,
            cycle_id=cycle.id,
            state=ObjectiveState.ACTIVE,
        )
    )
    closed = plan.add(
        Objective(
            title="Done", mission_id=mission.id, cycle_id=cycle.id, state=ObjectiveState.ACHIEVED
        )
    )
    past = plan.add(Objective(title="Last quarter", mission_id=mission.id, cycle_id=old.id))

    def metric(objective: Objective, title: str, archived: bool = False) -> KeyResult:
        return plan.add(
            KeyResult(
                objective_id=objective.id,
                title=title,
                baseline=0,
                target=100,
                unit="%",
                archived=archived,
            )
        )

    made = {
        "steady": metric(live, "Steady"),
        "sliding": metric(live, "Sliding"),
        "fresh": metric(live, "Never measured"),
        "done_this_week": metric(live, "Checked in Monday"),
        "archived": metric(live, "Archived", archived=True),
        "closed": metric(closed, "Of a closed objective"),
        "past": metric(past, "Of last quarter"),
    }
    # Steady keeps pace (about 53 % of the cycle gone), sliding is far behind.
    check_in(plan, made["steady"], date(2026, 2, 13), 50, 0.8)
    check_in(plan, made["sliding"], date(2026, 2, 13), 5, 0.6)
    plan.add(CheckIn(key_result_id=made["done_this_week"].id, date=date(2026, 2, 16), value=40))
    return made


# -- closing a cycle (issue 21) ---------------------------------------------------------


@dataclass(frozen=True)
class Closable:
    """A finished quarter: one mission served by two objectives (one aspirational), their
    key results checked in, a milestone with a growth note; and the next quarter, empty."""

    cycle: Cycle
    next_cycle: Cycle
    mission: Mission
    docs: Objective
    speed: Objective
    readers: KeyResult
    pages: KeyResult
    latency: KeyResult
    milestone: Milestone
    note: GrowthNote


def closable_plan(plan: PlanService) -> Closable:
    from okrdesk.domain.enums import ObjectiveKind

    cycle = plan.create(Cycle, name="2026 Q1", start="2026-01-01", end="2026-03-31")
    following = plan.create(Cycle, name="2026 Q2", start="2026-04-01", end="2026-06-30")
    mission = plan.create(Mission, title="Help new colleagues find their feet")
    docs = plan.create(
        Objective, title="Make onboarding self-serve", mission_id=mission.id, cycle_id=cycle.id,
        why="New hires wait days for answers.", state=ObjectiveState.ACTIVE.value,
    )  # fmt: skip
    speed = plan.create(
        Objective, title="Answer every question within a day", mission_id=mission.id,
        cycle_id=cycle.id, kind=ObjectiveKind.ASPIRATIONAL.value,
    )  # fmt: skip
    readers = plan.create(KeyResult, objective_id=docs.id, title="Readers a week", baseline=0,
                          target=100)  # fmt: skip
    pages = plan.create(KeyResult, objective_id=docs.id, title="Pages written", baseline=0,
                        target=20)  # fmt: skip
    latency = plan.create(KeyResult, objective_id=speed.id, title="Hours to answer",
                          baseline=48, target=8, direction="decrease")  # fmt: skip
    plan.add(CheckIn(key_result_id=readers.id, date=date(2026, 3, 20), value=80.0))
    plan.add(CheckIn(key_result_id=pages.id, date=date(2026, 3, 20), value=20.0))
    plan.add(CheckIn(key_result_id=latency.id, date=date(2026, 3, 25), value=28.0))
    milestone = plan.create(Milestone, objective_id=docs.id, title="First guide",
                            growth_path="Technical writing")  # fmt: skip
    note = plan.add(
        GrowthNote(milestone_id=milestone.id, date=date(2026, 2, 10), text="Short pages get read.")
    )
    return Closable(cycle, following, mission, docs, speed, readers, pages, latency, milestone,
                    note)  # fmt: skip
