"""What the plan's PDF report says, as plain frozen data (the Fava pattern): the renderer in
``okrdesk.report`` only lays it out.

Computed from records loaded once (a handful of queries whatever the plan's size), with
the same status maths the panes colour by and the chart series the chart pane draws.

What goes in: the cover facts; every mission (nested missions in tree order) with its
statement, stakeholder and the team objectives it serves; each mission's objectives with
their why, kind, state, key results (baseline → current → target, progress, confidence,
health), chart series and milestones with their growth notes; the team objectives the
person's items align to (every team objective with ``all_team_objectives``); the objectives
without a mission; the cycle's one-on-ones; and summary counts and chart data.

Missions and objectives are the person's own: team and company items
(``domain.entities.is_team_item``) are context, never in the summary's numbers; the summary
says how many there are apart. Archived items stay out (they are out of the person's
way in the app too). Private growth notes and the private sections of one-on-ones stay
out unless ``include_private`` is set.

With ``cycle_id`` only that cycle's objectives and one-on-ones are in it; with
``mission_id`` only that mission, the missions that serve it and their objectives.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from okrdesk.domain.entities import (
    MEETING_SECTIONS,
    ActionItem,
    CheckIn,
    GrowthNote,
    KeyResult,
    Meeting,
    Milestone,
    Mission,
    MissionLink,
    MissionValue,
    NextStep,
    Objective,
    PersonalValue,
    Skill,
    Stakeholder,
    is_team_item,
)
from okrdesk.domain.enums import (
    Blocker,
    Direction,
    KeyResultKind,
    Level,
    NoteKind,
    ObjectiveKind,
    ObjectiveState,
)
from okrdesk.domain.health import DEFAULT_OUTDATED_AFTER_DAYS, Health
from okrdesk.services.missions import purpose, stakeholder_ids_by_mission
from okrdesk.services.next_steps import is_overdue
from okrdesk.services.plan import PlanService
from okrdesk.services.series import (
    HEALTH_ORDER,
    UNLABELLED,
    Count,
    MissionBar,
    ObjectiveSeries,
    build_objective_series,
)
from okrdesk.services.skill_growth import MovedSkill, SkillsSeries, cycle_skills, skills_series
from okrdesk.services.status import ItemStatus, PlanRecords, compute_status, load_records

ALL_CYCLES = "All cycles"
NO_STAKEHOLDER = "No stakeholder"
NO_MISSION = "No mission"


@dataclass(frozen=True)
class ReportOptions:
    cycle_id: str | None = None
    mission_id: str | None = None
    include_private: bool = False
    # Every team objective (of the cycle), not only those the person's items align to.
    all_team_objectives: bool = False
    # The report's date (today when None): what "current" and "expected" are measured at.
    today: date | None = None
    outdated_after_days: int = DEFAULT_OUTDATED_AFTER_DAYS


@dataclass(frozen=True)
class Cover:
    owner: str
    # The cycle's name, or "All cycles".
    cycle: str
    cycle_start: date | None
    cycle_end: date | None
    # The mission the report is limited to, if any.
    mission: str | None
    day: date
    include_private: bool
    # The person's purpose and their values (name, what it means), from the plan.
    purpose: str = ""
    values: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class KeyResultRow:
    title: str
    kind: KeyResultKind
    direction: Direction
    baseline: float | None
    current: float | None
    target: float | None
    band: tuple[float | None, float | None] | None
    unit: str
    due: date | None
    progress: float
    confidence: float | None
    health: Health
    check_ins: int


@dataclass(frozen=True)
class GrowthNoteEntry:
    day: date
    kind: NoteKind
    text: str
    private: bool


@dataclass(frozen=True)
class MilestoneSection:
    title: str
    due: date | None
    done_on: date | None
    purpose: str
    growth_path: str
    organisational_value: str
    notes: tuple[GrowthNoteEntry, ...]


@dataclass(frozen=True)
class NextStepEntry:
    """A next step on one of the objective's key results (the weekly rhythm)."""

    key_result: str
    title: str
    due: date | None
    done: bool
    overdue: bool
    blocker: Blocker | None


@dataclass(frozen=True)
class ObjectiveSection:
    id: str
    title: str
    why: str
    kind: ObjectiveKind
    state: ObjectiveState
    level: Level
    owner: str
    cycle: str | None
    # The objective it is aligned to (a team or company objective), by title.
    aligned_to: str | None
    progress: float | None
    expected_progress: float | None
    health: Health
    score: float | None
    key_results: tuple[KeyResultRow, ...]
    milestones: tuple[MilestoneSection, ...]
    chart: ObjectiveSeries
    # For a team objective: the person's missions and objectives aligned to it, by title.
    aligned_from: tuple[str, ...] = ()
    # Open ones first, soonest due first; done ones after.
    next_steps: tuple[NextStepEntry, ...] = ()


@dataclass(frozen=True)
class MissionSection:
    id: str
    title: str
    statement: str
    level: Level
    owner: str
    # The primary stakeholder, then the further ones it serves.
    stakeholder: str | None
    # The mission it serves (its parent in the tree), by title.
    serves: str | None
    # How deep it sits in the tree of missions (0: top).
    depth: int
    # The team objectives it serves (mission links), by title.
    team_objectives: tuple[str, ...]
    progress: float | None
    health: Health
    objectives: tuple[ObjectiveSection, ...]
    also_for: tuple[str, ...] = ()
    # The person's values it names, and how they will know it is served.
    values: tuple[str, ...] = ()
    served_when: str = ""

    @property
    def whom(self) -> tuple[str, ...]:
        """Every stakeholder it serves, the primary one first."""
        return ((self.stakeholder,) if self.stakeholder else ()) + self.also_for


@dataclass(frozen=True)
class MeetingSection:
    day: date
    counterpart: str
    # (section name, text) for the sections that have text and may be shown.
    sections: tuple[tuple[str, str], ...]
    # (text, owner, due, done)
    action_items: tuple[tuple[str, str, date | None, bool], ...]
    private_left_out: int


@dataclass(frozen=True)
class SkillsCycle:
    """The skills that moved in one cycle, biggest move first."""

    cycle: str
    moves: tuple[MovedSkill, ...]


@dataclass(frozen=True)
class SkillsSection:
    """The skills framework: each skill's level over the cycles (up to the report's cycle
    end), and per cycle the skills that moved."""

    chart: SkillsSeries
    cycles: tuple[SkillsCycle, ...]


@dataclass(frozen=True)
class Summary:
    missions: int
    objectives: int
    key_results: int
    check_ins: int
    milestones: int
    milestones_done: int
    growth_notes: int
    objectives_by_state: tuple[Count, ...]
    objective_health: tuple[Count, ...]
    key_result_health: tuple[Count, ...]
    result_mix: tuple[Count, ...]
    mission_progress: tuple[MissionBar, ...]
    # Objectives, by the stakeholder their mission serves.
    stakeholders: tuple[Count, ...]
    # The mean progress of the objectives with key results.
    average_progress: float | None
    # The coach's findings as sentences, when the coach is available.
    coach: tuple[str, ...] = ()
    coach_strength: float | None = None
    # The team and company objectives in the report's scope, counted apart from the
    # person's, and how many of them the report prints.
    team_objectives: int = 0
    team_objectives_printed: int = 0


@dataclass(frozen=True)
class ReportData:
    cover: Cover
    summary: Summary
    missions: tuple[MissionSection, ...]
    # Team and company objectives: those the person's items align to, or every one when
    # the report was asked for all of them (``all_team_objectives``).
    team_objectives: tuple[ObjectiveSection, ...]
    # The person's objectives without a mission ("blind objectives").
    unassigned: tuple[ObjectiveSection, ...]
    meetings: tuple[MeetingSection, ...]
    # How many private notes were left out (0 when they are included).
    private_left_out: int = 0
    all_team_objectives: bool = False
    # The skills framework (None: the plan lists no skills, or the report is of one mission).
    skills: SkillsSection | None = None

    @property
    def objectives(self) -> list[ObjectiveSection]:
        found = [o for m in self.missions for o in m.objectives]
        return found + list(self.team_objectives) + list(self.unassigned)


def _tree(missions: Sequence[Mission]) -> list[tuple[int, Mission]]:
    """Missions in tree order with their depth (a loop, which the services refuse, is
    listed flat at the end rather than lost)."""
    ids = {m.id for m in missions}
    children: dict[str | None, list[Mission]] = defaultdict(list)
    for m in missions:
        children[m.parent_id if m.parent_id in ids else None].append(m)
    ordered: list[tuple[int, Mission]] = []
    seen: set[str] = set()

    def visit(parent: str | None, depth: int) -> None:
        for m in children[parent]:
            if m.id not in seen:
                seen.add(m.id)
                ordered.append((depth, m))
                visit(m.id, depth + 1)

    visit(None, 0)
    ordered += [(0, m) for m in missions if m.id not in seen]
    return ordered


def _subtree(ordered: Sequence[tuple[int, Mission]], root_id: str) -> list[tuple[int, Mission]]:
    for index, (depth, mission) in enumerate(ordered):
        if mission.id == root_id:
            below = [mission]
            for later_depth, later in ordered[index + 1 :]:
                if later_depth <= depth:
                    break
                below.append(later)
            return [(d - depth, m) for d, m in ordered if m in below]
    return []


class _Builder:
    def __init__(self, plan: PlanService, options: ReportOptions, day: date) -> None:
        self.options = options
        self.day = day
        self.records: PlanRecords = load_records(plan, options.cycle_id)
        self.statuses: dict[str, ItemStatus] = compute_status(
            self.records, day, options.outdated_after_days
        )
        self.key_results: dict[str, list[KeyResult]] = defaultdict(list)
        for kr in self.records.key_results:
            if not kr.archived:
                self.key_results[kr.objective_id].append(kr)
        self.milestones: dict[str, list[Milestone]] = defaultdict(list)
        for ms in plan.all(Milestone):
            self.milestones[ms.objective_id].append(ms)
        self.notes: dict[str, list[GrowthNote]] = defaultdict(list)
        for note in plan.all(GrowthNote):
            self.notes[note.milestone_id].append(note)
        self.private_left_out = 0
        self.all_objectives = {o.id: o for o in plan.all(Objective)}
        self.next_steps: dict[str, list[NextStep]] = defaultdict(list)
        for step in plan.all(NextStep):
            self.next_steps[step.key_result_id].append(step)

    def next_step_entries(self, key_results: Sequence[KeyResult]) -> tuple[NextStepEntry, ...]:
        entries = [
            NextStepEntry(
                key_result=kr.title,
                title=step.title,
                due=step.due,
                done=step.done,
                overdue=is_overdue(step, self.day),
                blocker=step.blocker,
            )
            for kr in key_results
            for step in self.next_steps.get(kr.id, [])
        ]
        return tuple(sorted(entries, key=lambda e: (e.done, e.due is None, e.due or date.max)))

    def key_result_row(self, kr: KeyResult) -> KeyResultRow:
        check_ins: list[CheckIn] = self.records.check_ins.get(kr.id, [])
        latest = check_ins[-1] if check_ins else None
        status = self.statuses[kr.id]
        return KeyResultRow(
            title=kr.title,
            kind=kr.kind,
            direction=kr.direction,
            baseline=kr.baseline,
            current=None if latest is None else latest.value,
            target=kr.target,
            band=(kr.band_low, kr.band_high) if kr.kind is KeyResultKind.MAINTAIN else None,
            unit=kr.unit,
            due=kr.due,
            progress=status.progress or 0.0,
            confidence=status.confidence,
            health=status.health,
            check_ins=len(check_ins),
        )

    def milestone(self, ms: Milestone) -> MilestoneSection:
        notes = []
        for note in sorted(self.notes.get(ms.id, []), key=lambda n: (n.date, n.position)):
            if note.private and not self.options.include_private:
                self.private_left_out += 1
                continue
            notes.append(GrowthNoteEntry(note.date, note.kind, note.text, note.private))
        return MilestoneSection(
            title=ms.title,
            due=ms.due,
            done_on=ms.done_on,
            purpose=ms.purpose,
            growth_path=ms.growth_path,
            organisational_value=ms.organisational_value,
            notes=tuple(notes),
        )

    def objective(self, objective: Objective, aligned_from: Sequence[str] = ()) -> ObjectiveSection:
        cycle = self.records.cycle_of(objective)
        key_results = self.key_results.get(objective.id, [])
        status = self.statuses[objective.id]
        aligned = (
            None
            if objective.aligned_to_id is None
            else self.all_objectives.get(objective.aligned_to_id)
        )
        chart = build_objective_series(
            objective,
            key_results,
            {kr.id: self.records.check_ins.get(kr.id, []) for kr in key_results},
            cycle,
            self.day,
            self.options.outdated_after_days,
            # A closed objective's chart says the score its close gave it, as its status does.
            final_score=self.records.final_scores.get(objective.id),
        )
        return ObjectiveSection(
            id=objective.id,
            title=objective.title,
            why=objective.why,
            kind=objective.kind,
            state=objective.state,
            level=objective.level,
            owner=objective.owner,
            cycle=None if cycle is None else cycle.name,
            aligned_to=None if aligned is None else aligned.title,
            progress=status.progress,
            expected_progress=status.expected_progress,
            health=status.health,
            score=status.score,
            key_results=tuple(self.key_result_row(kr) for kr in key_results),
            milestones=tuple(self.milestone(ms) for ms in self.milestones.get(objective.id, [])),
            chart=chart,
            aligned_from=tuple(aligned_from),
            next_steps=self.next_step_entries(key_results),
        )

    def meeting(self, meeting: Meeting, actions: Sequence[ActionItem]) -> MeetingSection:
        sections = []
        left_out = 0
        for name in MEETING_SECTIONS:
            text: str = getattr(meeting, name)
            if not text.strip():
                continue
            if getattr(meeting, f"{name}_private") and not self.options.include_private:
                left_out += 1
                continue
            sections.append((name.capitalize(), text))
        self.private_left_out += left_out
        return MeetingSection(
            day=meeting.date,
            counterpart=meeting.counterpart,
            sections=tuple(sections),
            action_items=tuple((a.text, a.owner, a.due, a.done) for a in actions),
            private_left_out=left_out,
        )


def _counts(values: Iterable[str], keys: Sequence[tuple[str, str]]) -> tuple[Count, ...]:
    counted = Counter(values)
    return tuple(Count(key, label, counted[key]) for key, label in keys)


def _health_counts(healths: Iterable[Health]) -> tuple[Count, ...]:
    return _counts((h.value for h in healths), [(h.value, h.label) for h in HEALTH_ORDER])


def _coach(
    plan: PlanService, day: date, in_scope: Callable[[str], bool]
) -> tuple[tuple[str, ...], float | None]:
    """The coach's findings about what the report shows (none, and no score, when the
    coach cannot review the plan: the report is complete without it)."""
    from okrdesk.services import coach  # only when a report is made

    try:
        result = coach.review_plan(plan, day)
        # Errors first, then warnings, then advice.
        order = {"error": 0, "warn": 1, "warning": 1}
        ranked = sorted(
            (f for f in result.findings if in_scope(f.item_id)),
            key=lambda f: order.get(str(getattr(f.severity, "value", "")), 2),
        )
        findings = [f"{f.item_title}: {f.reason}" if f.item_title else f.reason for f in ranked]
        strength = result.plan_strength()
    except Exception:  # the coach is advice: a failure in it must not stop the export
        return (), None
    return tuple(findings), None if strength is None else float(strength)


def _aligned_from(
    objectives: Sequence[Objective], missions: Sequence[Mission], links: Sequence[MissionLink]
) -> dict[str, list[str]]:
    """For each team objective the person's printed items align to: their titles (the
    objectives aligned to it, then the missions that serve it)."""
    found: dict[str, list[str]] = defaultdict(list)
    for o in objectives:
        if o.aligned_to_id is not None:
            found[o.aligned_to_id].append(o.title)
    titles = {m.id: m.title for m in missions}
    for link in links:
        if link.mission_id in titles:
            found[link.objective_id].append(titles[link.mission_id])
    return found


def _own_objectives_by_mission(
    missions: Sequence[Mission], live_objectives: Sequence[Objective]
) -> dict[str | None, list[Objective]]:
    """The person's objectives by the mission of theirs they serve (None: no mission)."""
    own_mission_ids = {m.id for m in missions if not is_team_item(m)}
    by_mission: dict[str | None, list[Objective]] = defaultdict(list)
    for o in live_objectives:
        if not is_team_item(o):
            # A personal objective under a team mission serves no mission of the person's.
            by_mission[o.mission_id if o.mission_id in own_mission_ids else None].append(o)
    return by_mission


def _missions_in_scope(
    missions: Sequence[Mission], mission_id: str | None
) -> list[tuple[int, Mission]]:
    """The person's live missions in tree order with their depth; only the asked mission's
    subtree when the report is of one mission."""
    own_missions = [m for m in missions if not is_team_item(m)]
    found = [(d, m) for d, m in _tree(own_missions) if not m.archived]
    return found if mission_id is None else _subtree(found, mission_id)


def _mission_sections(
    plan: PlanService,
    build: _Builder,
    missions: Sequence[tuple[int, Mission]],
    by_mission: dict[str | None, list[Objective]],
    mission_links: Sequence[MissionLink],
) -> list[MissionSection]:
    mission_titles = {m.id: m.title for m in build.records.missions}
    stakeholders = {s.id: s for s in plan.all(Stakeholder)}
    serves = stakeholder_ids_by_mission(plan)
    values = {v.id: v.name for v in plan.all(PersonalValue)}
    named: dict[str, list[str]] = defaultdict(list)
    for value_link in plan.all(MissionValue):
        if value_link.value_id in values:
            named[value_link.mission_id].append(values[value_link.value_id])
    links: dict[str, list[str]] = defaultdict(list)
    for link in mission_links:
        target = build.all_objectives.get(link.objective_id)
        if target is not None:
            links[link.mission_id].append(target.title)
    sections = []
    for depth, m in missions:
        stakeholder = None if m.stakeholder_id is None else stakeholders.get(m.stakeholder_id)
        status = build.statuses[m.id]
        sections.append(
            MissionSection(
                id=m.id,
                title=m.title,
                statement=m.statement,
                level=m.level,
                owner=m.owner,
                stakeholder=None if stakeholder is None else stakeholder.name,
                also_for=tuple(
                    stakeholders[i].name
                    for i in serves.get(m.id, [])[1 if stakeholder else 0 :]
                    if i in stakeholders
                ),
                values=tuple(named.get(m.id, ())),
                served_when=m.served_when,
                serves=None if m.parent_id is None else mission_titles.get(m.parent_id),
                depth=depth,
                team_objectives=tuple(links.get(m.id, ())),
                progress=status.progress,
                health=status.health,
                objectives=tuple(build.objective(o) for o in by_mission.get(m.id, [])),
            )
        )
    return sections


def _meeting_sections(plan: PlanService, build: _Builder) -> list[MeetingSection]:
    """The one-on-ones (of the report's cycle, when it has one) in date order."""
    cycle_id = build.options.cycle_id
    actions: dict[str, list[ActionItem]] = defaultdict(list)
    for action in plan.all(ActionItem):
        actions[action.meeting_id].append(action)
    return [
        build.meeting(meeting, actions.get(meeting.id, []))
        for meeting in sorted(plan.all(Meeting), key=lambda mt: (mt.date, mt.created))
        if cycle_id is None or meeting.cycle_id == cycle_id
    ]


def _live_key_results(build: _Builder, sections: Sequence[ObjectiveSection]) -> list[KeyResult]:
    return [kr for o in sections for kr in build.key_results.get(o.id, []) if not kr.archived]


def _scope_test(
    build: _Builder,
    mission_sections: Sequence[MissionSection],
    sections: Sequence[ObjectiveSection],
    team: Sequence[ObjectiveSection],
) -> Callable[[str], bool]:
    """Whether a coach finding is about something the report covers."""
    options = build.options
    shown = {s.id for s in mission_sections} | {o.id for o in [*sections, *team]}
    shown |= {kr.id for kr in _live_key_results(build, sections)}
    shown |= {ms.id for o in sections for ms in build.milestones.get(o.id, [])}
    if options.cycle_id is not None:
        shown.add(options.cycle_id)
    records = build.records
    known = {m.id for m in records.missions} | set(build.all_objectives) | set(records.cycles)
    known |= {kr.id for krs in build.key_results.values() for kr in krs}
    known |= {ms.id for found in build.milestones.values() for ms in found}

    def in_scope(item_id: str) -> bool:
        # What the report shows, and the plan as a whole when the report is of all of it.
        return item_id in shown or (item_id not in known and options.mission_id is None)

    return in_scope


def _summary(
    build: _Builder,
    mission_sections: Sequence[MissionSection],
    sections: Sequence[ObjectiveSection],
    unassigned: Sequence[ObjectiveSection],
    coach: tuple[tuple[str, ...], float | None],
    team: tuple[int, int],
) -> Summary:
    """The counts and chart data of the person's own items; ``team`` is how many team
    objectives are in scope and how many are printed, counted apart."""
    stakeholder_counts: Counter[str] = Counter()
    for s in mission_sections:
        # An objective counts for every stakeholder its mission serves.
        for whom in s.whom or (NO_STAKEHOLDER,):
            stakeholder_counts[whom] += len(s.objectives)
    stakeholder_counts[NO_MISSION] += len(unassigned)
    key_rows = [kr for o in sections for kr in o.key_results]
    kr_records = _live_key_results(build, sections)
    milestones = [ms for o in sections for ms in o.milestones]
    measured = [o.progress for o in sections if o.key_results and o.progress is not None]
    findings, strength = coach
    return Summary(
        missions=len(mission_sections),
        objectives=len(sections),
        key_results=len(key_rows),
        check_ins=sum(kr.check_ins for kr in key_rows),
        milestones=len(milestones),
        milestones_done=sum(1 for ms in milestones if ms.done_on is not None),
        growth_notes=sum(len(ms.notes) for ms in milestones),
        objectives_by_state=_counts(
            (o.state.value for o in sections),
            [(s.value, s.value.capitalize()) for s in ObjectiveState],
        ),
        objective_health=_health_counts(o.health for o in sections),
        key_result_health=_health_counts(kr.health for kr in key_rows),
        result_mix=_counts(
            (UNLABELLED if kr.result_level is None else kr.result_level.value for kr in kr_records),
            [(k, k.capitalize()) for k in ("output", "outcome", "impact", UNLABELLED)],
        ),
        mission_progress=tuple(
            MissionBar(s.id, s.title, s.progress, s.health) for s in mission_sections
        ),
        stakeholders=tuple(
            Count(name, name, n) for name, n in sorted(stakeholder_counts.items()) if n
        ),
        average_progress=sum(measured) / len(measured) if measured else None,
        coach=findings,
        coach_strength=strength,
        team_objectives=team[0],
        team_objectives_printed=team[1],
    )


def _skills_section(plan: PlanService, build: _Builder) -> SkillsSection | None:
    """The chart up to the end of the report's cycle with the skills that moved in it; for
    every cycle, the chart up to the report's day and each cycle (until then) in which a
    skill moved."""
    if plan.count(Skill) == 0:
        return None
    options, day = build.options, build.day
    private = options.include_private
    cycle = None if options.cycle_id is None else build.records.cycles.get(options.cycle_id)
    if cycle is not None:
        chart = skills_series(plan, day, until=cycle.end, include_private=private)
        return SkillsSection(chart, (SkillsCycle(cycle.name, cycle_skills(plan, cycle, private)),))
    chart = skills_series(plan, day, include_private=private)
    cycles = []
    for each in sorted(build.records.cycles.values(), key=lambda c: c.start):
        moves = cycle_skills(plan, each, private) if each.start <= day else ()
        if moves:
            cycles.append(SkillsCycle(each.name, moves))
    return SkillsSection(chart, tuple(cycles))


def _cover(plan: PlanService, build: _Builder) -> Cover:
    options, records = build.options, build.records
    cycle = None if options.cycle_id is None else records.cycles.get(options.cycle_id)
    mission_titles = {m.id: m.title for m in records.missions}
    return Cover(
        owner=plan.owner(),
        cycle=ALL_CYCLES if cycle is None else cycle.name,
        cycle_start=None if cycle is None else cycle.start,
        cycle_end=None if cycle is None else cycle.end,
        mission=None if options.mission_id is None else mission_titles.get(options.mission_id),
        day=build.day,
        include_private=options.include_private,
        purpose=purpose(plan),
        values=tuple((v.name, v.meaning) for v in plan.all(PersonalValue)),
    )


def build_report_data(
    plan: PlanService, options: ReportOptions | None = None, *, coach: bool = True
) -> ReportData:
    options = options or ReportOptions()
    day = options.today or date.today()
    build = _Builder(plan, options, day)
    live_objectives = [o for o in build.records.objectives if not o.archived]
    by_mission = _own_objectives_by_mission(build.records.missions, live_objectives)
    missions = _missions_in_scope(build.records.missions, options.mission_id)
    mission_links = plan.all(MissionLink)
    mission_sections = _mission_sections(plan, build, missions, by_mission, mission_links)

    # The objectives without a mission and the one-on-ones belong to the whole plan, not
    # to one mission's report.
    unassigned: list[ObjectiveSection] = []
    meetings: list[MeetingSection] = []
    printed = [o for _, m in missions for o in by_mission.get(m.id, [])]
    if options.mission_id is None:
        printed += by_mission.get(None, [])
        unassigned = [build.objective(o) for o in by_mission.get(None, [])]
        meetings = _meeting_sections(plan, build)
    team_pool = [o for o in live_objectives if is_team_item(o)]
    aligned = _aligned_from(printed, [m for _, m in missions], mission_links)
    every_one = options.all_team_objectives and options.mission_id is None
    team = [
        build.objective(o, aligned.get(o.id, ())) for o in team_pool if every_one or o.id in aligned
    ]

    sections = [o for s in mission_sections for o in s.objectives] + unassigned
    in_scope = _scope_test(build, mission_sections, sections, team)
    findings = _coach(plan, day, in_scope) if coach else ((), None)
    summary = _summary(
        build, mission_sections, sections, unassigned, findings, (len(team_pool), len(team))
    )
    return ReportData(
        cover=_cover(plan, build),
        summary=summary,
        missions=tuple(mission_sections),
        team_objectives=tuple(team),
        unassigned=tuple(unassigned),
        meetings=tuple(meetings),
        private_left_out=build.private_left_out,
        all_team_objectives=every_one,
        skills=None if options.mission_id is not None else _skills_section(plan, build),
    )
