"""What the review mode shows, page by page, as plain data: nothing private is ever in it.

The pages follow a one-on-one's conversation: each mission followed by its objectives
(each with its key results and chart series), the objectives that serve no mission, then
the milestones and growth notes since the last meeting, then the meeting's agenda. Private
growth notes are left out, and so is an agenda point about a growth note that has become
private since the agenda was prepared. Meeting notes are not in the pages at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from okrdesk.domain.entities import (
    AgendaPoint,
    Cycle,
    GrowthNote,
    Meeting,
    Milestone,
    Mission,
    MissionEvaluation,
    Objective,
    ObjectiveClose,
    PersonalValue,
    Stakeholder,
)
from okrdesk.domain.enums import NoteKind
from okrdesk.domain.health import Health
from okrdesk.services.meetings import (
    Change,
    KeyResultState,
    SinceLastTime,
    Source,
    growth_notes_since,
    key_result_states,
    milestones_since,
    since_day,
    since_last_time,
)
from okrdesk.services.missions import purpose, stakeholder_ids_by_mission
from okrdesk.services.plan import PlanService
from okrdesk.services.retrospective import CycleRetrospective, MissionReview, load_retrospective
from okrdesk.services.series import ObjectiveSeries, build_objective_series
from okrdesk.services.status import ItemStatus, PlanRecords, compute_status, load_records


@dataclass(frozen=True)
class ObjectiveLine:
    title: str
    progress: float | None
    health: Health


@dataclass(frozen=True)
class PurposePage:
    """The opening page: why the person works and for whom, and their values."""

    purpose: str
    values: tuple[tuple[str, str], ...]  # (name, what it means)

    @property
    def title(self) -> str:
        return self.purpose or "Values"


@dataclass(frozen=True)
class MissionPage:
    title: str
    statement: str
    # Every stakeholder it serves, the primary one first ("Customers, Colleagues").
    stakeholder: str
    level: str
    progress: float | None
    health: Health
    objectives: tuple[ObjectiveLine, ...]
    # The missions that serve this one (their objectives carry its work).
    served_by: tuple[ObjectiveLine, ...] = ()
    # How the review's cycle served it, once evaluated at the cycle's close, and what the
    # evaluation cites: key results' titles and growth notes' texts (never private ones).
    evaluation: MissionEvaluation | None = None
    cited: tuple[str, ...] = ()


@dataclass(frozen=True)
class KeyResultLine:
    key_result_id: str
    title: str
    value: float | None
    target: float | None
    unit: str
    progress: float
    confidence: float | None
    health: Health
    # Against the previous closed meeting; None without a meeting or one before it.
    change: Change | None


@dataclass(frozen=True)
class ObjectivePage:
    title: str
    why: str
    mission: str
    kind: str
    progress: float | None
    expected_progress: float | None
    health: Health
    key_results: tuple[KeyResultLine, ...]
    series: ObjectiveSeries
    # How it ended, once its cycle is closed: final score, reason, decision, learning.
    close: ObjectiveClose | None = None


@dataclass(frozen=True)
class MilestoneLine:
    title: str
    objective: str
    due: date | None
    done_on: date | None
    purpose: str


@dataclass(frozen=True)
class NoteLine:
    day: date
    milestone: str
    kind: NoteKind
    text: str


@dataclass(frozen=True)
class ProgressPage:
    """Milestones and growth notes since the last meeting."""

    title: str
    since: date
    milestones: tuple[MilestoneLine, ...]
    notes: tuple[NoteLine, ...]


@dataclass(frozen=True)
class AgendaLine:
    point_id: str
    text: str
    source: str
    done: bool


@dataclass(frozen=True)
class AgendaPage:
    title: str
    meeting: str
    points: tuple[AgendaLine, ...]


ReviewPage = PurposePage | MissionPage | ObjectivePage | ProgressPage | AgendaPage

PROGRESS_TITLE = "Since the last meeting"
AGENDA_TITLE = "Agenda"


def review_cycle(
    plan: PlanService, meeting: Meeting | None, cycle_id: str | None, today: date
) -> str | None:
    """The cycle a review is about: the meeting's, else the one chosen, else the one
    running today (None: all of them)."""
    if meeting is not None and meeting.cycle_id is not None:
        return meeting.cycle_id
    if cycle_id is not None:
        return cycle_id
    running = [c for c in plan.all(Cycle) if c.contains(today)]
    return running[0].id if running else None


def _tree_order(missions: Sequence[Mission]) -> list[Mission]:
    ids = {m.id for m in missions}
    children: dict[str | None, list[Mission]] = defaultdict(list)
    for mission in missions:
        children[mission.parent_id if mission.parent_id in ids else None].append(mission)
    ordered: list[Mission] = []

    def visit(parent: str | None) -> None:
        for mission in children[parent]:
            if mission not in ordered:
                ordered.append(mission)
                visit(mission.id)

    visit(None)
    return ordered + [m for m in missions if m not in ordered]


def _key_result_line(state: KeyResultState, change: Change | None) -> KeyResultLine:
    kr = state.key_result
    return KeyResultLine(
        key_result_id=kr.id,
        title=kr.title,
        value=state.value,
        target=kr.target,
        unit=kr.unit,
        progress=state.status.progress or 0.0,
        confidence=state.confidence,
        health=state.status.health,
        change=change,
    )


@dataclass(frozen=True)
class _PlanReview:
    """What every page of the plan is made from, read once for all of them."""

    records: PlanRecords
    statuses: dict[str, ItemStatus]
    states: list[KeyResultState]
    # Against the previous closed meeting; None in a review of the plan alone.
    since: SinceLastTime | None
    mission_titles: dict[str, str]
    today: date
    # The review's cycle as its close left it (None: a review across every cycle).
    retrospective: CycleRetrospective | None = None

    def close_of(self, objective: Objective) -> ObjectiveClose | None:
        if self.retrospective is None:
            return None
        found = (r for r in self.retrospective.objectives if r.objective.id == objective.id)
        return next((r.close for r in found), None)

    def mission_review(self, mission: Mission) -> MissionReview | None:
        if self.retrospective is None:
            return None
        found = (m for m in self.retrospective.missions if m.mission.id == mission.id)
        return next(found, None)

    def line(self, item: Mission | Objective) -> ObjectiveLine:
        status = self.statuses[item.id]
        return ObjectiveLine(item.title, status.progress, status.health)


def _plan_pages(
    plan: PlanService, meeting: Meeting | None, cycle_id: str | None, today: date
) -> list[ReviewPage]:
    records = load_records(plan, cycle_id)
    review = _PlanReview(
        records=records,
        statuses=compute_status(records, today),
        states=key_result_states(plan, cycle_id, today),
        since=None if meeting is None else since_last_time(plan, meeting.id, today),
        mission_titles={m.id: m.title for m in records.missions},
        today=today,
        retrospective=None if cycle_id is None else load_retrospective(plan, cycle_id),
    )
    names = {s.id: s.name for s in plan.all(Stakeholder)}
    stakeholders = {
        mission_id: ", ".join(names[i] for i in ids if i in names)
        for mission_id, ids in stakeholder_ids_by_mission(plan).items()
    }
    missions = [m for m in _tree_order(records.missions) if not m.archived]
    by_mission = _objectives_by_mission(review)
    pages: list[ReviewPage] = []
    for mission in missions:
        own = by_mission.get(mission.id, [])
        pages.append(_mission_page(review, mission, own, missions, stakeholders))
        pages.extend(_objective_page(review, o) for o in own)
    pages.extend(_objective_page(review, o) for o in by_mission.get(None, []))
    return pages


def _objectives_by_mission(review: _PlanReview) -> dict[str | None, list[Objective]]:
    """The live objectives under the mission they serve; under None those that serve no
    mission of the plan."""
    by_mission: dict[str | None, list[Objective]] = defaultdict(list)
    for objective in review.records.objectives:
        if objective.archived:
            continue
        known = objective.mission_id in review.mission_titles
        by_mission[objective.mission_id if known else None].append(objective)
    return by_mission


def _mission_page(
    review: _PlanReview,
    mission: Mission,
    own: list[Objective],
    missions: list[Mission],
    stakeholders: dict[str, str],
) -> MissionPage:
    status = review.statuses[mission.id]
    retro = review.mission_review(mission)
    return MissionPage(
        title=mission.title,
        statement=mission.statement,
        stakeholder=stakeholders.get(mission.id, ""),
        level=mission.level.value,
        progress=status.progress,
        health=status.health,
        objectives=tuple(review.line(o) for o in own),
        served_by=tuple(review.line(m) for m in missions if m.parent_id == mission.id),
        evaluation=None if retro is None else retro.evaluation,
        cited=() if retro is None else _cited(retro),
    )


def _cited(review: MissionReview) -> tuple[str, ...]:
    """What an evaluation cites, as the slide names it; a private growth note is left out
    (the other person is looking at the screen)."""
    titles = {e.key_result.id: e.key_result.title for o in review.objectives for e in o.key_results}
    notes = {n.id: n for o in review.objectives for n in o.growth_notes}
    cited = []
    for link in review.evidence:
        if link.key_result_id in titles:
            cited.append(titles[link.key_result_id])
        note = notes.get(link.growth_note_id or "")
        if note is not None and not note.private:
            cited.append(note.text)
    return tuple(cited)


def _objective_page(review: _PlanReview, objective: Objective) -> ObjectivePage:
    mine = [s for s in review.states if s.objective.id == objective.id]
    status = review.statuses[objective.id]
    since = review.since
    return ObjectivePage(
        title=objective.title,
        why=objective.why,
        mission=review.mission_titles.get(objective.mission_id or "", ""),
        kind=objective.kind.value,
        progress=status.progress,
        expected_progress=status.expected_progress,
        health=status.health,
        key_results=tuple(
            _key_result_line(s, None if since is None else since.for_key_result(s.key_result.id))
            for s in mine
        ),
        series=build_objective_series(
            objective,
            [s.key_result for s in mine],
            review.records.check_ins,
            review.records.cycle_of(objective),
            review.today,
            final_score=review.records.final_scores.get(objective.id),
        ),
        close=review.close_of(objective),
    )


def _progress_page(plan: PlanService, meeting: Meeting) -> ProgressPage:
    objectives = {o.id: o.title for o in plan.all(Objective)}
    milestones = {m.id: m for m in plan.all(Milestone)}
    return ProgressPage(
        title=PROGRESS_TITLE,
        since=since_day(plan, meeting),
        milestones=tuple(
            MilestoneLine(m.title, objectives.get(m.objective_id, ""), m.due, m.done_on, m.purpose)
            for m in milestones_since(plan, meeting)
        ),
        notes=tuple(
            NoteLine(n.date, milestones[n.milestone_id].title, n.kind, n.text)
            for n in growth_notes_since(plan, meeting)
            if not n.private
        ),
    )


def _agenda_page(plan: PlanService, meeting: Meeting) -> AgendaPage:
    private_notes = {n.id for n in plan.all(GrowthNote) if n.private}
    points = [
        p
        for p in plan.children(AgendaPoint, meeting.id)
        if not (p.source == Source.GROWTH_NOTE and p.subject_id in private_notes)
    ]
    return AgendaPage(
        title=AGENDA_TITLE,
        meeting=meeting.label,
        points=tuple(AgendaLine(p.id, p.text, p.source, p.done) for p in points),
    )


def review_pages(
    plan: PlanService,
    meeting_id: str | None,
    cycle_id: str | None = None,
    today: date | None = None,
) -> list[ReviewPage]:
    """Every page of the review of ``meeting_id`` (None: a review of the plan alone,
    with what happened in the last four weeks)."""
    day = today or date.today()
    meeting = None if meeting_id is None else plan.get(Meeting, meeting_id)
    cycle = review_cycle(plan, meeting, cycle_id, day)
    pages: list[ReviewPage] = []
    values = tuple((v.name, v.meaning) for v in plan.all(PersonalValue))
    if purpose(plan) or values:
        pages.append(PurposePage(purpose(plan), values))
    pages += _plan_pages(plan, meeting, cycle, day)
    # Without a meeting, "since the last meeting" is since the last one before today.
    reference = meeting or Meeting(date=day, counterpart="review", cycle_id=cycle)
    pages.append(_progress_page(plan, reference))
    if meeting is not None:
        pages.append(_agenda_page(plan, meeting))
    return pages


def current_meeting(plan: PlanService, today: date | None = None) -> Meeting | None:
    """The meeting a review is for when none is chosen: the latest open one."""
    day = today or date.today()
    open_ones = [m for m in plan.all(Meeting) if m.closed_on is None]
    if not open_ones:
        return None
    # Today's (or the latest before today); a meeting planned ahead only when no other.
    chosen = [m for m in open_ones if m.date <= day] or open_ones
    return max(chosen, key=lambda m: (m.date, m.created))
