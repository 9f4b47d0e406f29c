"""The alignment diagram's data: company and team missions → team objectives → my missions
→ my objectives → key results, with the cycle's progress on each, as plain dataclasses
(the GUI only draws them).

Columns, left to right, and the lines between them:

0. company and team missions (not archived);
1. team and company objectives of the cycle; a line from the mission they belong to;
2. my (personal) missions; a line from each team objective the mission serves;
3. my objectives of the cycle; a line from their mission, and from the team objective they
   are aligned to;
4. the key results of my objectives.

A team objective the team has dropped (archived) still shows when something of mine is
linked to it, marked archived: the link is worth seeing. Rows are ordered so that lines
mostly run straight: each column follows the order of what it hangs on.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from okrdesk.domain.entities import Cycle, KeyResult, Mission, MissionLink, Objective, Stakeholder
from okrdesk.domain.enums import Level
from okrdesk.services.missions import stakeholder_ids_by_mission
from okrdesk.services.plan import PlanService
from okrdesk.services.status import ItemStatus, plan_status

R = TypeVar("R")

COLUMN_TITLES: tuple[str, ...] = (
    "Company & team missions",
    "Team objectives",
    "My missions",
    "My objectives",
    "Key results",
)


@dataclass(frozen=True)
class AlignmentNode:
    id: str
    kind: str  # "mission", "objective" or "key_result"
    title: str
    column: int
    progress: float | None
    health: str
    owner: str = ""
    archived: bool = False
    locked: bool = False
    # Whom a mission serves, the primary stakeholder first (empty for other kinds).
    serves: tuple[str, ...] = ()


@dataclass(frozen=True)
class AlignmentEdge:
    source: str
    target: str
    # "owns" (mission → objective, objective → key result), "serves" (team objective →
    # my mission), "aligned" (team objective → my objective aligned to it), "part of" (a
    # company mission → a team mission within it, both in the first column).
    kind: str


@dataclass(frozen=True)
class Alignment:
    cycle_name: str
    columns: tuple[tuple[AlignmentNode, ...], ...]
    edges: tuple[AlignmentEdge, ...]

    @property
    def nodes(self) -> dict[str, AlignmentNode]:
        return {node.id: node for column in self.columns for node in column}

    @property
    def empty(self) -> bool:
        return not any(self.columns)


def default_cycle(plan: PlanService, today: date | None = None) -> Cycle | None:
    """The cycle that contains today, else the latest one that started, else the first."""
    cycles = sorted(plan.all(Cycle), key=lambda c: c.start)
    day = today or date.today()
    for cycle in cycles:
        if cycle.contains(day):
            return cycle
    started = [c for c in cycles if c.start <= day]
    if started:
        return started[-1]
    return cycles[0] if cycles else None


def build_alignment(
    plan: PlanService, cycle_id: str | None, today: date | None = None
) -> Alignment:
    """The diagram of ``cycle_id`` (every cycle's objectives when None)."""
    statuses = plan_status(plan, today=today, cycle_id=cycle_id)
    cycle = None if cycle_id is None else plan.find(Cycle, cycle_id)
    missions = [m for m in plan.all(Mission) if not m.archived]
    all_objectives = [o for o in plan.all(Objective) if cycle_id is None or o.cycle_id == cycle_id]
    links = plan.all(MissionLink)
    mine = [o for o in all_objectives if o.level is Level.PERSONAL and not o.archived]
    team_missions = [m for m in missions if m.level is not Level.PERSONAL]
    team, edges = _team_columns(team_missions, _team_objectives(all_objectives, links, mine))
    team_rank = {o.id: i for i, o in enumerate(team)}
    personal_missions, serves = _my_missions(
        [m for m in missions if m.level is Level.PERSONAL], links, team_rank
    )
    mine, mine_edges = _my_objectives(mine, personal_missions, links, team_rank)
    key_results = _key_results_of(plan, mine)
    edges += serves + mine_edges
    edges += [AlignmentEdge(kr.objective_id, kr.id, "owns") for kr in key_results]

    names = {s.id: s.name for s in plan.all(Stakeholder)}
    whom = {
        mission_id: tuple(names[i] for i in ids if i in names)
        for mission_id, ids in stakeholder_ids_by_mission(plan).items()
    }

    def node(record: Mission | Objective | KeyResult, kind: str, column: int) -> AlignmentNode:
        found = _node(statuses.get(record.id), record, kind, column)
        return replace(found, serves=whom.get(record.id, ())) if kind == "mission" else found

    columns = (
        tuple(node(m, "mission", 0) for m in team_missions),
        tuple(node(o, "objective", 1) for o in team),
        tuple(node(m, "mission", 2) for m in personal_missions),
        tuple(node(o, "objective", 3) for o in mine),
        tuple(node(kr, "key_result", 4) for kr in key_results),
    )
    return Alignment(
        cycle_name="All cycles" if cycle is None else cycle.name,
        columns=columns,
        edges=tuple(edges),
    )


def _node(
    status: ItemStatus | None, record: Mission | Objective | KeyResult, kind: str, column: int
) -> AlignmentNode:
    return AlignmentNode(
        id=record.id,
        kind=kind,
        title=record.title,
        column=column,
        progress=None if status is None else status.progress,
        health="" if status is None else status.health.value,
        owner=getattr(record, "owner", ""),
        archived=record.archived,
        locked=record.locked,
    )


def _team_objectives(
    objectives: Sequence[Objective], links: Sequence[MissionLink], mine: Sequence[Objective]
) -> list[Objective]:
    """The team and company objectives: live ones, and archived ones something of mine is
    linked to (the link is worth seeing)."""
    linked_ids = {link.objective_id for link in links} | {
        o.aligned_to_id for o in mine if o.aligned_to_id
    }
    return [
        o
        for o in objectives
        if o.level is not Level.PERSONAL and (not o.archived or o.id in linked_ids)
    ]


def _team_columns(
    team_missions: Sequence[Mission], team: Sequence[Objective]
) -> tuple[list[Objective], list[AlignmentEdge]]:
    """Column 0 and 1: team missions and the team objectives in their order."""
    edges: list[AlignmentEdge] = []
    mission_rank = {m.id: i for i, m in enumerate(team_missions)}
    ordered = sorted(team, key=lambda o: (mission_rank.get(o.mission_id or "", len(mission_rank)),))
    for m in team_missions:
        if m.parent_id in mission_rank:
            edges.append(AlignmentEdge(m.parent_id, m.id, "part of"))
    for o in ordered:
        if o.mission_id in mission_rank:
            edges.append(AlignmentEdge(o.mission_id, o.id, "owns"))
    return ordered, edges


def _my_missions(
    personal_missions: Sequence[Mission],
    links: Sequence[MissionLink],
    team_rank: dict[str, int],
) -> tuple[list[Mission], list[AlignmentEdge]]:
    """Column 2: my missions, by the first team objective each serves."""
    edges: list[AlignmentEdge] = []
    served: dict[str, list[int]] = defaultdict(list)
    for link in links:
        if link.objective_id in team_rank:
            served[link.mission_id].append(team_rank[link.objective_id])
    personal_ids = {m.id for m in personal_missions}
    for link in sorted(links, key=lambda k: team_rank.get(k.objective_id, 0)):
        if link.objective_id in team_rank and link.mission_id in personal_ids:
            edges.append(AlignmentEdge(link.objective_id, link.mission_id, "serves"))
    return _by_rank(personal_missions, lambda m: served.get(m.id, [])), edges


def _my_objectives(
    mine: Sequence[Objective],
    personal_missions: Sequence[Mission],
    links: Sequence[MissionLink],
    team_rank: dict[str, int],
) -> tuple[list[Objective], list[AlignmentEdge]]:
    """Column 3: my objectives, under their mission, else beside what they are aligned to."""
    edges: list[AlignmentEdge] = []
    my_mission_rank = {m.id: i for i, m in enumerate(personal_missions)}
    big = len(my_mission_rank) + len(team_rank) + 1

    def objective_rank(o: Objective) -> list[float]:
        if o.mission_id in my_mission_rank:
            return [my_mission_rank[o.mission_id]]
        if o.aligned_to_id in team_rank:
            return [big + team_rank[o.aligned_to_id]]
        return []

    ordered = _by_rank(mine, objective_rank)
    serving = {(link.mission_id, link.objective_id) for link in links}
    for o in ordered:
        if o.mission_id in my_mission_rank:
            edges.append(AlignmentEdge(o.mission_id, o.id, "owns"))
        # An alignment the mission already shows (its mission serves that team objective)
        # would only be a second line across the diagram.
        if o.aligned_to_id in team_rank and (o.mission_id, o.aligned_to_id) not in serving:
            edges.append(AlignmentEdge(o.aligned_to_id, o.id, "aligned"))
    return ordered, edges


def _key_results_of(plan: PlanService, mine: Sequence[Objective]) -> list[KeyResult]:
    """Column 4: the live key results of my objectives, in my objectives' order."""
    mine_ids = [o.id for o in mine]
    krs_by_objective: dict[str, list[KeyResult]] = defaultdict(list)
    for kr in plan.all(KeyResult):
        if kr.objective_id in mine_ids and not kr.archived:
            krs_by_objective[kr.objective_id].append(kr)
    return [kr for objective_id in mine_ids for kr in krs_by_objective[objective_id]]


def _by_rank(items: Sequence[R], ranks: Callable[[R], Sequence[float]]) -> list[R]:
    """Items by the mean rank of what they hang on (the barycentre keeps lines short);
    items that hang on nothing go last, each kind in its own order."""

    def key(pair: tuple[int, R]) -> tuple[int, float, int]:
        index, item = pair
        found = ranks(item)
        if not found:
            return (1, 0.0, index)
        return (0, sum(found) / len(found), index)

    return [item for _index, item in sorted(enumerate(items), key=key)]
