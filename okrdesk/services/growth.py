"""Growth-learning notes read across the plan: the learning journal and a cycle's growth
summary, as plain data (the GUI only shows them).

A note belongs to a cycle and a mission through its milestone's objective, as everything
else in the plan does (the tree's cycle filter works the same way).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from okrdesk.domain.entities import Cycle, GrowthNote, Milestone, Mission, Objective
from okrdesk.domain.enums import NoteKind
from okrdesk.services.plan import PlanService
from okrdesk.services.series import Count, mission_and_below
from okrdesk.store.mapping import table_of

NO_MISSION = "No mission"
WHOLE_PLAN = "The whole plan"


@dataclass(frozen=True)
class JournalEntry:
    note_id: str
    date: date
    kind: NoteKind
    text: str
    private: bool
    milestone_id: str
    milestone_title: str
    objective_id: str
    objective_title: str
    mission_id: str | None
    mission_title: str
    cycle_id: str | None
    cycle_name: str


@dataclass(frozen=True)
class JournalFilter:
    """What to show; each part left empty shows everything. A mission includes the
    missions that serve it."""

    kind: NoteKind | None = None
    mission_id: str | None = None
    cycle_id: str | None = None
    text: str = ""


@dataclass(frozen=True)
class _Context:
    milestones: dict[str, Milestone]
    objectives: dict[str, Objective]
    missions: dict[str, Mission]
    cycles: dict[str, Cycle]


def done_days(plan: PlanService) -> dict[str, date | None]:
    """Each milestone's done day (None: not done), by id: two columns, not the records
    (the window looks whenever a whole plan arrives, thousands of milestones on a large
    one)."""
    table = table_of(Milestone)
    query = select(table.c.id, table.c.done_on)
    with plan.database.reading() as s:
        return {milestone_id: done_on for milestone_id, done_on in s.execute(query)}


def _context(plan: PlanService) -> _Context:
    return _Context(
        milestones={m.id: m for m in plan.all(Milestone)},
        objectives={o.id: o for o in plan.all(Objective)},
        missions={m.id: m for m in plan.all(Mission)},
        cycles={c.id: c for c in plan.all(Cycle)},
    )


def _entry(note: GrowthNote, context: _Context) -> JournalEntry | None:
    milestone = context.milestones.get(note.milestone_id)
    objective = None if milestone is None else context.objectives.get(milestone.objective_id)
    if milestone is None or objective is None:
        return None
    mission = None if objective.mission_id is None else context.missions.get(objective.mission_id)
    cycle = None if objective.cycle_id is None else context.cycles.get(objective.cycle_id)
    return JournalEntry(
        note_id=note.id,
        date=note.date,
        kind=note.kind,
        text=note.text,
        private=note.private,
        milestone_id=milestone.id,
        milestone_title=milestone.title,
        objective_id=objective.id,
        objective_title=objective.title,
        mission_id=None if mission is None else mission.id,
        mission_title=NO_MISSION if mission is None else mission.title,
        cycle_id=None if cycle is None else cycle.id,
        cycle_name="" if cycle is None else cycle.name,
    )


def journal(plan: PlanService, wanted: JournalFilter | None = None) -> list[JournalEntry]:
    """Every growth note of the plan that ``wanted`` lets through, newest first."""
    wanted = wanted or JournalFilter()
    context = _context(plan)
    missions = (
        None
        if wanted.mission_id is None
        else mission_and_below(list(context.missions.values()), wanted.mission_id)
    )
    needle = wanted.text.strip().casefold()
    entries = []
    notes = sorted(plan.all(GrowthNote), key=lambda n: (n.date, n.created), reverse=True)
    for note in notes:
        entry = _entry(note, context)
        if entry is None:
            continue
        if wanted.kind is not None and entry.kind is not wanted.kind:
            continue
        if missions is not None and entry.mission_id not in missions:
            continue
        if wanted.cycle_id is not None and entry.cycle_id != wanted.cycle_id:
            continue
        if needle and not any(
            needle in text.casefold()
            for text in (entry.text, entry.milestone_title, entry.objective_title)
        ):
            continue
        entries.append(entry)
    return entries


# -- growth summary -----------------------------------------------------------------------------


@dataclass(frozen=True)
class GrowthPath:
    """A milestone done in the cycle, with what it was meant to build and bring."""

    milestone_id: str
    title: str
    objective_title: str
    done_on: date
    growth_path: str
    organisational_value: str
    notes: int


@dataclass(frozen=True)
class GrowthSummary:
    cycle_id: str | None
    title: str
    # Every kind, in the vocabulary's order, even at 0.
    by_kind: tuple[Count, ...]
    # Missions with notes, most notes first; "No mission" last.
    by_mission: tuple[Count, ...]
    done: tuple[GrowthPath, ...]
    notes: int
    private_notes: int

    @property
    def is_empty(self) -> bool:
        return not self.notes and not self.done

    def as_text(self) -> str:
        """The summary in plain sentences (for copying, and for people who prefer text)."""
        lines = [f"Growth summary: {self.title}", ""]
        if self.notes:
            private = f", {self.private_notes} of them private" if self.private_notes else ""
            lines.append(f"{_count(self.notes, 'growth note')}{private}.")
            kinds = ", ".join(f"{c.label.lower()} {c.count}" for c in self.by_kind if c.count)
            lines.append(f"By kind: {kinds}.")
            missions = "; ".join(f"{c.label}: {c.count}" for c in self.by_mission)
            lines.append(f"By mission: {missions}.")
        else:
            lines.append("No growth notes yet.")
        lines.append("")
        if self.done:
            lines.append(f"{_count(len(self.done), 'milestone')} done:")
            for path in self.done:
                lines.append(f"- {path.title} (done {path.done_on.isoformat()})")
                if path.growth_path.strip():
                    lines.append(f"  Growth path: {_one_line(path.growth_path)}")
                if path.organisational_value.strip():
                    lines.append(f"  Value beyond: {_one_line(path.organisational_value)}")
                lines.append(f"  {_count(path.notes, 'note')}")
        else:
            lines.append("No milestone done yet.")
        return "\n".join(lines)


def _count(number: int, name: str) -> str:
    return f"{number} {name if number == 1 else name + 's'}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def growth_summary(plan: PlanService, cycle_id: str | None = None) -> GrowthSummary:
    """Notes per kind and per mission, and the milestones done, of one cycle's objectives
    (of the whole plan when ``cycle_id`` is None)."""
    entries = journal(plan, JournalFilter(cycle_id=cycle_id))
    kinds = Counter(e.kind for e in entries)
    missions: Counter[str | None] = Counter(e.mission_id for e in entries)
    titles = {e.mission_id: e.mission_title for e in entries}
    by_mission = sorted(
        (m for m in missions if m is not None), key=lambda m: (-missions[m], titles[m])
    )
    mission_counts = [Count(m, titles[m], missions[m]) for m in by_mission]
    if missions[None]:
        mission_counts.append(Count("", NO_MISSION, missions[None]))
    context = _context(plan)
    notes_per_milestone: dict[str, int] = defaultdict(int)
    for note in plan.all(GrowthNote):
        notes_per_milestone[note.milestone_id] += 1
    done = []
    for milestone in context.milestones.values():
        objective = context.objectives.get(milestone.objective_id)
        if milestone.done_on is None or objective is None:
            continue
        if cycle_id is not None and objective.cycle_id != cycle_id:
            continue
        done.append(
            GrowthPath(
                milestone_id=milestone.id,
                title=milestone.title,
                objective_title=objective.title,
                done_on=milestone.done_on,
                growth_path=milestone.growth_path,
                organisational_value=milestone.organisational_value,
                notes=notes_per_milestone[milestone.id],
            )
        )
    done.sort(key=lambda p: (p.done_on, p.title))
    cycle = None if cycle_id is None else context.cycles.get(cycle_id)
    return GrowthSummary(
        cycle_id=cycle_id,
        title=WHOLE_PLAN if cycle is None else cycle.name,
        by_kind=tuple(Count(k.value, k.value.capitalize(), kinds[k]) for k in NoteKind),
        by_mission=tuple(mission_counts),
        done=tuple(done),
        notes=len(entries),
        private_notes=sum(1 for e in entries if e.private),
    )
