"""The plan as one tree, with computed progress: what the tree pane and `okrdesk list` show.

Branches: Missions (nested by the mission they serve) → objectives → key results (→ their
next steps) and milestones → growth notes; Team objectives (team- and company-level
objectives that serve no mission of this plan) → key results and milestones; Objectives
without a mission (the coach's "blind objectives"); One-on-ones → action items.

Loaded with one Core column query per kind (``COLUMNS``) rather than full records or ORM
objects: the outline of a 50,000-item plan must build in a fraction of a second. A new kind
of node is a line in ``COLUMNS``, a node maker, and where its nodes hang (``HANGS_ON``).
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict, namedtuple
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import ColumnElement, Select, select
from sqlalchemy.orm import Session

from okrdesk.domain.entities import (
    ActionItem,
    CheckIn,
    GrowthNote,
    Item,
    KeyResult,
    Meeting,
    Milestone,
    Mission,
    MissionLink,
    NextStep,
    Objective,
    Skill,
)
from okrdesk.domain.enums import Level
from okrdesk.domain.progress import (
    key_result_progress,
    mission_progress,
    objective_progress,
    weighted_mean,
)
from okrdesk.domain.text import first_line
from okrdesk.services.operations import EditFields, MoveItem, Operation, Steps
from okrdesk.services.plan import PlanService
from okrdesk.store.mapping import table_of


class NodeKind(StrEnum):
    BRANCH = "branch"
    MISSION = "mission"
    OBJECTIVE = "objective"
    KEY_RESULT = "key_result"
    MILESTONE = "milestone"
    GROWTH_NOTE = "growth_note"
    MEETING = "meeting"
    ACTION_ITEM = "action_item"
    NEXT_STEP = "next_step"
    SKILL = "skill"


class Branch(StrEnum):
    MISSIONS = "branch:missions"
    TEAM = "branch:team"
    BLIND = "branch:blind"
    MEETINGS = "branch:meetings"
    SKILLS = "branch:skills"


BRANCH_TITLES: dict[Branch, str] = {
    Branch.MISSIONS: "Missions",
    Branch.TEAM: "Team objectives",
    Branch.BLIND: "Objectives without a mission",
    Branch.MEETINGS: "One-on-ones",
    Branch.SKILLS: "Skills",
}


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    kind: NodeKind
    title: str
    parent_id: str | None
    progress: float | None = None
    # Lower-cased title and text, for search as you type.
    text: str = ""
    # A short word of state: "achieved", "done", "private", "archived"...
    state: str = ""
    # A key result's weight in its objective's progress.
    weight: float = 1.0


@dataclass
class Outline:
    nodes: dict[str, Node] = field(default_factory=dict)
    children: dict[str | None, list[str]] = field(default_factory=lambda: defaultdict(list))
    # The cycle whose objectives it shows (None: all cycles).
    cycle_id: str | None = None

    def add(self, node: Node) -> None:
        self.nodes[node.id] = node
        self.children[node.parent_id].append(node.id)

    def child_nodes(self, parent_id: str | None) -> list[Node]:
        return [self.nodes[i] for i in self.children.get(parent_id, ())]

    def ancestors(self, node_id: str) -> list[str]:
        found: list[str] = []
        current = self.nodes[node_id].parent_id if node_id in self.nodes else None
        while current is not None:
            found.append(current)
            current = self.nodes[current].parent_id
        return found

    def walk(self, parent_id: str | None = None, depth: int = 0) -> list[tuple[int, Node]]:
        """Every node below ``parent_id``, depth first, with its depth."""
        out: list[tuple[int, Node]] = []
        for node in self.child_nodes(parent_id):
            out.append((depth, node))
            out.extend(self.walk(node.id, depth + 1))
        return out


def _joined(*parts: str | None) -> str:
    return "\n".join(p for p in parts if p).lower()


# One maker per kind of node, from a record or a query row with the same field names, so
# that building the whole outline and patching one node agree.


def mission_node(m: Any, parent: str, progress: float | None) -> Node:
    return Node(
        m.id,
        NodeKind.MISSION,
        m.title,
        parent,
        progress,
        _joined(m.title, m.statement),
        "archived" if m.archived else "",
    )


def objective_parent(o: Any) -> str:
    if o.mission_id is not None:
        return str(o.mission_id)
    return Branch.BLIND.value if o.level is Level.PERSONAL else Branch.TEAM.value


def objective_node(o: Any, progress: float | None) -> Node:
    return Node(
        o.id,
        NodeKind.OBJECTIVE,
        o.title,
        objective_parent(o),
        progress,
        _joined(o.title, o.why),
        "archived" if o.archived else o.state.value,
    )


def key_result_node(kr: Any, value: float | None) -> Node:
    """A key result's node; its progress is None before its first check-in (there is
    nothing to show yet: a band to maintain is not "0 %" before it was measured), while its
    objective's progress still counts it as 0."""
    return Node(
        kr.id,
        NodeKind.KEY_RESULT,
        kr.title,
        kr.objective_id,
        None if value is None else key_result_progress(kr, value),
        _joined(kr.title, kr.unit),
        "archived" if kr.archived else "",
        kr.weight,
    )


def milestone_node(ms: Any) -> Node:
    return Node(
        ms.id,
        NodeKind.MILESTONE,
        ms.title,
        ms.objective_id,
        1.0 if ms.done_on else 0.0,
        _joined(ms.title, ms.purpose, ms.growth_path, ms.organisational_value),
        "done" if ms.done_on else "",
    )


def note_node(n: Any) -> Node:
    return Node(
        n.id,
        NodeKind.GROWTH_NOTE,
        first_line(n.text, 80),
        n.milestone_id,
        None,
        _joined(n.text),
        "private" if n.private else "",
    )


def meeting_node(mt: Any) -> Node:
    title = f"{mt.date.isoformat()} · {mt.counterpart}"
    return Node(
        mt.id,
        NodeKind.MEETING,
        title,
        Branch.MEETINGS.value,
        None,
        _joined(title, mt.progress, mt.difficulties, mt.development, mt.feedback),
    )


def action_node(a: Any) -> Node:
    return Node(
        a.id,
        NodeKind.ACTION_ITEM,
        a.text,
        a.meeting_id,
        1.0 if a.done else 0.0,
        _joined(a.text),
        "done" if a.done else "",
    )


def next_step_node(n: Any) -> Node:
    # The title alone (the tree edits it in place); the due date is its state until done.
    due = f"due {n.due.isoformat()}" if n.due is not None else ""
    return Node(
        n.id,
        NodeKind.NEXT_STEP,
        n.title,
        n.key_result_id,
        1.0 if n.done else 0.0,
        _joined(n.title),
        "done" if n.done else due,
    )


def skill_state(s: Any) -> str:
    """Where a skill's level stands, then its group: "3 → 4 aimed · People" (the level
    first: a narrow column shows the start)."""
    if s.aim is not None and s.aim > s.level:
        level = f"{s.level} → {s.aim} aimed"
    elif s.aim is not None:
        level = f"{s.level}, aim reached"
    else:
        level = f"level {s.level}"
    return f"{level} · {s.group.strip()}" if s.group.strip() else level


def skill_node(s: Any) -> Node:
    return Node(
        s.id,
        NodeKind.SKILL,
        s.name,
        Branch.SKILLS.value,
        None,
        _joined(s.name, s.group, s.meanings),
        skill_state(s),
    )


def build_outline(plan: PlanService, cycle_id: str | None = None) -> Outline:
    """The plan's tree; with ``cycle_id``, only that cycle's objectives (and what hangs on
    them) and one-on-ones are in it."""
    outline = Outline(cycle_id=cycle_id)
    for branch in Branch:
        outline.add(Node(branch.value, NodeKind.BRANCH, BRANCH_TITLES[branch], None))
    with plan.database.reading() as s:
        rows = {cls: _read(s, _query(cls, cycle_id), cls) for cls in COLUMNS}
        latest = _latest_values(s)
    objectives = rows[Objective]
    objective_progresses = _objective_progresses(objectives, rows[KeyResult], latest)
    _add_missions(outline, rows[Mission], _progress_by_mission(objectives, objective_progresses))
    _add_objectives(outline, rows, latest, objective_progresses)
    _add_meetings(outline, rows)
    for skill in rows[Skill]:  # whatever the cycle: a framework outlives its quarters
        outline.add(skill_node(skill))
    return outline


# Query rows (named tuples), read by field name as the node makers read records.
_Rows = list[Any]

# The columns each kind of node is made from, read by SQLAlchemy Core with the tables'
# own column types (an unreadable value reads as the field's default, as everywhere):
# ORM objects cost three times as much on a large plan. Building and patching read the
# same columns, so that they agree; a new kind of node adds its line here.
COLUMNS: dict[type[Item], tuple[str, ...]] = {
    Mission: ("id", "title", "statement", "parent_id", "archived"),
    Objective: ("id", "title", "why", "mission_id", "level", "state", "archived", "cycle_id"),
    # What key_result_progress reads, and the node's own fields.
    KeyResult: (
        "id",
        "title",
        "objective_id",
        "unit",
        "archived",
        "weight",
        "kind",
        "direction",
        "baseline",
        "target",
        "band_low",
        "band_high",
    ),
    NextStep: ("id", "title", "key_result_id", "due", "done"),
    # A skill of the person's framework, whatever the cycle (issue 23).
    Skill: ("id", "name", "group", "level", "aim", "meanings"),
    Milestone: (
        "id",
        "title",
        "purpose",
        "growth_path",
        "organisational_value",
        "objective_id",
        "done_on",
    ),
    GrowthNote: ("id", "text", "milestone_id", "private"),
    Meeting: (
        "id",
        "date",
        "counterpart",
        "progress",
        "difficulties",
        "development",
        "feedback",
    ),
    ActionItem: ("id", "text", "meeting_id", "done"),
}

# Kinds the outline shows one cycle of (the others hang on them, or stay whatever the
# cycle: missions).
BY_CYCLE: tuple[type[Item], ...] = (Objective, Meeting)

# The rows as named tuples of those columns: a SQLAlchemy row's field costs ten times a
# tuple's to read, and the node makers read several fields of every node.
ROW_TUPLES: dict[type[Item], Any] = {
    cls: namedtuple(f"{cls.__name__}Columns", names) for cls, names in COLUMNS.items()
}


def _read(s: Session, query: Select[*tuple[Any, ...]], cls: type[Item]) -> _Rows:
    make = ROW_TUPLES[cls]._make
    return [make(row) for row in s.execute(query).all()]


def _query(cls: type[Item], cycle_id: str | None = None) -> Select[*tuple[Any, ...]]:
    """The columns of ``cls`` the outline needs, siblings in the tree's order (one-on-ones
    newest first)."""
    table = table_of(cls)
    query = select(*(table.c[name] for name in COLUMNS[cls]))
    if cls is Meeting:
        query = query.order_by(table.c.date.desc(), table.c.created)
    else:
        query = query.order_by(table.c.position, table.c.created)
    if cycle_id is not None and cls in BY_CYCLE:
        query = query.where(table.c.cycle_id == cycle_id)
    return query


def _latest_values(s: Session) -> dict[str, float]:
    """Each key result's latest check-in value (by day, then by when it was entered), as
    ``_latest_value`` finds one: SQLite looks each up in the check-ins' key result index
    instead of handing every check-in over."""
    check_ins, key_results = table_of(CheckIn), table_of(KeyResult)
    latest = _latest_check_in(check_ins.c.key_result_id == key_results.c.id).scalar_subquery()
    return {
        kr_id: value
        for kr_id, value in s.execute(select(key_results.c.id, latest))
        if value is not None
    }


def _latest_check_in(where: ColumnElement[bool]) -> Select[float]:
    check_ins = table_of(CheckIn)
    return (
        select(check_ins.c.value)
        .where(where)
        .order_by(check_ins.c.date.desc(), check_ins.c.created.desc())
        .limit(1)
    )


def _objective_progresses(
    objectives: _Rows, key_results: _Rows, latest: dict[str, float]
) -> dict[str, float | None]:
    krs_by_objective: dict[str, list[Any]] = defaultdict(list)
    for kr in key_results:
        krs_by_objective[kr.objective_id].append(kr)
    return {
        o.id: objective_progress((kr, latest.get(kr.id)) for kr in krs_by_objective[o.id])
        for o in objectives
    }


def _progress_by_mission(
    objectives: _Rows, objective_progresses: dict[str, float | None]
) -> dict[str, list[float | None]]:
    """Each mission's objectives' progresses (a mission with none: an empty list)."""
    progress_by_mission: dict[str, list[float | None]] = defaultdict(list)
    for o in objectives:
        if o.mission_id is not None:
            progress_by_mission[o.mission_id].append(objective_progresses[o.id])
    return progress_by_mission


def _add_missions(
    outline: Outline,
    missions: _Rows,
    progress_by_mission: dict[str, list[float | None]],
) -> None:
    mission_ids = {m.id for m in missions}
    # Parents before children, whatever their positions: add in breadth-first order.
    pending = list(missions)
    placed: set[str] = set()
    while pending:
        waiting = []
        for m in pending:
            parent = m.parent_id if m.parent_id in mission_ids else None
            if parent is not None and parent not in placed:
                waiting.append(m)
                continue
            outline.add(
                mission_node(
                    m, parent or Branch.MISSIONS.value, mission_progress(progress_by_mission[m.id])
                )
            )
            placed.add(m.id)
        if len(waiting) == len(pending):  # a loop the services refuse; show them flat
            for m in waiting:
                outline.add(Node(m.id, NodeKind.MISSION, m.title, Branch.MISSIONS.value))
            break
        pending = waiting


def _add_objectives(
    outline: Outline,
    rows: dict[type[Item], _Rows],
    latest: dict[str, float],
    objective_progresses: dict[str, float | None],
) -> None:
    """The objectives, then what hangs on those shown."""
    for o in rows[Objective]:
        outline.add(objective_node(o, objective_progresses[o.id]))
    _add_hanging(outline, KeyResult, rows, lambda kr: key_result_node(kr, latest.get(kr.id)))
    _add_hanging(outline, NextStep, rows, next_step_node)
    _add_hanging(outline, Milestone, rows, milestone_node)
    _add_hanging(outline, GrowthNote, rows, note_node)


def _add_meetings(outline: Outline, rows: dict[type[Item], _Rows]) -> None:
    for mt in rows[Meeting]:
        outline.add(meeting_node(mt))
    _add_hanging(outline, ActionItem, rows, action_node)


# What the node of each kind hangs on: the field naming it, and its kind.
HANGS_ON: dict[type[Item], tuple[str, NodeKind]] = {
    KeyResult: ("objective_id", NodeKind.OBJECTIVE),
    NextStep: ("key_result_id", NodeKind.KEY_RESULT),
    Milestone: ("objective_id", NodeKind.OBJECTIVE),
    GrowthNote: ("milestone_id", NodeKind.MILESTONE),
    ActionItem: ("meeting_id", NodeKind.MEETING),
}


def _add_hanging(
    outline: Outline, cls: type[Item], rows: dict[type[Item], _Rows], make: Callable[[Any], Node]
) -> None:
    """The nodes of the items of ``cls`` whose parent is in the outline: with a cycle, what
    hangs on another cycle's objective stays out with it."""
    field_name, parent_kind = HANGS_ON[cls]
    nodes = outline.nodes
    for row in rows[cls]:
        parent = nodes.get(getattr(row, field_name))
        if parent is not None and parent.kind is parent_kind:
            outline.add(make(row))


# What each editable kind of item is in the outline, for patching.
PATCHABLE_TYPES: dict[type[Item], NodeKind] = {
    Mission: NodeKind.MISSION,
    Objective: NodeKind.OBJECTIVE,
    KeyResult: NodeKind.KEY_RESULT,
    Milestone: NodeKind.MILESTONE,
    GrowthNote: NodeKind.GROWTH_NOTE,
    Meeting: NodeKind.MEETING,
    ActionItem: NodeKind.ACTION_ITEM,
    NextStep: NodeKind.NEXT_STEP,
    Skill: NodeKind.SKILL,
}


# What the outline is made of: a change to none of these leaves it as it is. A mission
# link moves a team objective between branches; a check-in touches its key result too.
SHAPING_TYPES: tuple[type[Item], ...] = (
    Mission,
    Objective,
    MissionLink,
    KeyResult,
    Milestone,
    GrowthNote,
    Meeting,
    ActionItem,
    NextStep,
    Skill,
)


def patch_outline(
    plan: PlanService, outline: Outline, touched: Iterable[tuple[type[Item], str]]
) -> set[str] | None:
    """Bring ``outline`` up to date after changes to the fields of ``touched`` items that
    left the tree's shape alone (a rename, a new target, a check-in); returns the ids of the
    nodes that changed, progress of their ancestors included.

    None when the change reshaped the tree (an item now under another parent, or in or out
    of the outline's cycle): build the outline again then. Patching reads the touched rows
    in one transaction where building reads the whole plan, which on a large plan is the
    difference between an edit that feels instant and one that does not.
    """
    changed: set[str] = set()
    stale_objectives: set[str] = set()
    with plan.database.reading() as s:
        for cls, item_id in touched:
            kind = PATCHABLE_TYPES.get(cls)
            node = outline.nodes.get(item_id)
            if kind is None or node is None or node.kind is not kind:
                return None
            found = _read(s, _query(cls).where(table_of(cls).c.id == item_id), cls)
            if not found:
                return None
            row = found[0]
            if cls is Objective and outline.cycle_id not in (None, row.cycle_id):
                return None
            new = _node_for(s, cls, row, node)
            if new.parent_id != node.parent_id:
                return None
            if new != node:
                outline.nodes[item_id] = new
                changed.add(item_id)
            if cls is KeyResult:
                stale_objectives.add(row.objective_id)
            elif cls is Objective:
                stale_objectives.add(row.id)
    for objective_id in stale_objectives:
        changed |= _refresh_progress(outline, objective_id)
    return changed


def _latest_value(s: Session, key_result_id: str) -> float | None:
    value: float | None = s.scalar(
        _latest_check_in(table_of(CheckIn).c.key_result_id == key_result_id)
    )
    return value


# The kinds whose node is made from their row alone.
ROW_NODES: dict[type[Item], Callable[[Any], Node]] = {
    Milestone: milestone_node,
    GrowthNote: note_node,
    Meeting: meeting_node,
    ActionItem: action_node,
    NextStep: next_step_node,
    Skill: skill_node,
}


def _node_for(s: Session, cls: type[Item], row: Any, node: Node) -> Node:
    """The node of a patchable kind from its row, as building the outline makes it."""
    if cls is Mission:
        return mission_node(row, node.parent_id or Branch.MISSIONS.value, node.progress)
    if cls is Objective:
        return objective_node(row, node.progress)
    if cls is KeyResult:
        return key_result_node(row, _latest_value(s, row.id))
    return ROW_NODES[cls](row)


def _refresh_progress(outline: Outline, objective_id: str) -> set[str]:
    """Recompute an objective's progress from its key results' nodes, then its mission's:
    the outline holds every key result of an objective it shows, with its weight."""
    node = outline.nodes.get(objective_id)
    if node is None:
        return set()
    key_results = [n for n in outline.child_nodes(objective_id) if n.kind is NodeKind.KEY_RESULT]
    progress = weighted_mean((kr.progress or 0.0, kr.weight) for kr in key_results)
    changed: set[str] = set()
    if progress != node.progress:
        outline.nodes[objective_id] = dataclasses.replace(node, progress=progress)
        changed.add(objective_id)
    mission = outline.nodes.get(node.parent_id or "")
    if mission is not None and mission.kind is NodeKind.MISSION:
        mission_value = mission_progress(
            n.progress for n in outline.child_nodes(mission.id) if n.kind is NodeKind.OBJECTIVE
        )
        if mission_value != mission.progress:
            outline.nodes[mission.id] = dataclasses.replace(mission, progress=mission_value)
            changed.add(mission.id)
    return changed


def drop_objective_on_branch(
    plan: PlanService, objective_id: str, branch: str, index: int
) -> Operation:
    """Moving an objective out of its mission onto a branch of the tree: the branch says
    which level an objective without a mission has (personal under "Objectives without a
    mission", team or company under "Team objectives"), so the level follows the move."""
    objective = plan.get(Objective, objective_id)
    move = MoveItem(Objective, objective_id, None, index)
    personal = branch == Branch.BLIND.value
    if (objective.level is Level.PERSONAL) == personal:
        return move
    level = Level.PERSONAL if personal else Level.TEAM
    return Steps(move.label, (move, EditFields(Objective, objective_id, {"level": level})))
