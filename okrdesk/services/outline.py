"""The plan as one tree, with computed progress: what the tree pane and `okrdesk list` show.

Branches: Missions (nested by the mission they serve) → objectives → key results (→ their
next steps) and milestones → growth notes; Team objectives (team- and company-level
objectives that serve no mission of this plan) → key results and milestones; Objectives
without a mission (the coach's "blind objectives"); One-on-ones → action items.

Loaded with a few column queries rather than full records: the outline of a 50,000-item
plan must build in a fraction of a second.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from okrdesk.domain.entities import (
    ActionItem,
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
from okrdesk.store.mapping import ROW_TYPES, to_record
from okrdesk.store.schema import (
    ActionItemRow,
    CheckInRow,
    GrowthNoteRow,
    KeyResultRow,
    MeetingRow,
    MilestoneRow,
    MissionRow,
    NextStepRow,
    ObjectiveRow,
    SkillRow,
)


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


def key_result_node(kr: KeyResult, value: float | None) -> Node:
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


def _skill_rows(s: Session) -> _Rows:
    return s.execute(
        select(
            SkillRow.id,
            SkillRow.name,
            SkillRow.group,
            SkillRow.level,
            SkillRow.aim,
            SkillRow.meanings,
        ).order_by(SkillRow.position, SkillRow.created)
    ).all()


def _next_step_rows(s: Session) -> list[Any]:
    return list(
        s.execute(
            select(
                NextStepRow.id,
                NextStepRow.title,
                NextStepRow.key_result_id,
                NextStepRow.due,
                NextStepRow.done,
            ).order_by(NextStepRow.position, NextStepRow.created)
        ).all()
    )


def build_outline(plan: PlanService, cycle_id: str | None = None) -> Outline:
    """The plan's tree; with ``cycle_id``, only that cycle's objectives (and what hangs on
    them) and one-on-ones are in it."""
    outline = Outline(cycle_id=cycle_id)
    for branch in Branch:
        outline.add(Node(branch.value, NodeKind.BRANCH, BRANCH_TITLES[branch], None))
    with plan.database.reading() as s:
        rows = _read_outline_rows(s, cycle_id)
        skills = _skill_rows(s)
    objective_progresses = _objective_progresses(rows.objectives, rows.key_results, rows.latest)
    _add_missions(
        outline, rows.missions, _progress_by_mission(rows.objectives, objective_progresses)
    )
    _add_objectives(outline, rows, objective_progresses)
    _add_meetings(outline, rows.meetings, rows.actions)
    for skill in skills:  # whatever the cycle: a framework outlives its quarters
        outline.add(skill_node(skill))
    return outline


# Column query rows, read by field name as the node makers read records.
_Rows = Sequence[Any]


@dataclass(frozen=True, slots=True)
class _OutlineRows:
    """What the outline is built from: one column query per kind of item (key results as
    records, for their progress), read in one transaction."""

    missions: _Rows
    objectives: _Rows
    key_results: list[KeyResult]
    # Each key result's latest check-in value.
    latest: dict[str, float]
    milestones: _Rows
    notes: _Rows
    meetings: _Rows
    actions: _Rows
    next_steps: _Rows


def _read_outline_rows(s: Session, cycle_id: str | None) -> _OutlineRows:
    return _OutlineRows(
        missions=_mission_rows(s),
        objectives=_objective_rows(s, cycle_id),
        key_results=_key_results(s),
        latest=_latest_values(s),
        milestones=_milestone_rows(s),
        notes=_note_rows(s),
        meetings=_meeting_rows(s, cycle_id),
        actions=_action_rows(s),
        next_steps=_next_step_rows(s),
    )


def _mission_rows(s: Session) -> _Rows:
    return s.execute(
        select(
            MissionRow.id,
            MissionRow.title,
            MissionRow.statement,
            MissionRow.parent_id,
            MissionRow.archived,
        ).order_by(MissionRow.position, MissionRow.created)
    ).all()


def _objective_rows(s: Session, cycle_id: str | None) -> _Rows:
    query = select(
        ObjectiveRow.id,
        ObjectiveRow.title,
        ObjectiveRow.why,
        ObjectiveRow.mission_id,
        ObjectiveRow.level,
        ObjectiveRow.state,
        ObjectiveRow.archived,
        ObjectiveRow.cycle_id,
    ).order_by(ObjectiveRow.position, ObjectiveRow.created)
    if cycle_id is not None:
        query = query.where(ObjectiveRow.cycle_id == cycle_id)
    return s.execute(query).all()


def _key_results(s: Session) -> list[KeyResult]:
    return [
        to_record(KeyResult, r)
        for r in s.scalars(
            select(KeyResultRow).order_by(KeyResultRow.position, KeyResultRow.created)
        )
    ]


def _latest_values(s: Session) -> dict[str, float]:
    # In date order, so a later check-in overwrites an earlier one: one pass, no subquery.
    return {
        kr_id: value
        for kr_id, value in s.execute(
            select(CheckInRow.key_result_id, CheckInRow.value).order_by(
                CheckInRow.date, CheckInRow.created
            )
        )
    }


def _milestone_rows(s: Session) -> _Rows:
    return s.execute(
        select(
            MilestoneRow.id,
            MilestoneRow.title,
            MilestoneRow.purpose,
            MilestoneRow.growth_path,
            MilestoneRow.organisational_value,
            MilestoneRow.objective_id,
            MilestoneRow.done_on,
        ).order_by(MilestoneRow.position, MilestoneRow.created)
    ).all()


def _note_rows(s: Session) -> _Rows:
    return s.execute(
        select(
            GrowthNoteRow.id,
            GrowthNoteRow.text,
            GrowthNoteRow.milestone_id,
            GrowthNoteRow.private,
        ).order_by(GrowthNoteRow.position, GrowthNoteRow.created)
    ).all()


def _meeting_rows(s: Session, cycle_id: str | None) -> _Rows:
    query = select(
        MeetingRow.id,
        MeetingRow.date,
        MeetingRow.counterpart,
        MeetingRow.progress,
        MeetingRow.difficulties,
        MeetingRow.development,
        MeetingRow.feedback,
    ).order_by(MeetingRow.date.desc(), MeetingRow.created)
    if cycle_id is not None:
        query = query.where(MeetingRow.cycle_id == cycle_id)
    return s.execute(query).all()


def _action_rows(s: Session) -> _Rows:
    return s.execute(
        select(
            ActionItemRow.id, ActionItemRow.text, ActionItemRow.meeting_id, ActionItemRow.done
        ).order_by(ActionItemRow.position, ActionItemRow.created)
    ).all()


def _objective_progresses(
    objectives: _Rows, key_results: list[KeyResult], latest: dict[str, float]
) -> dict[str, float | None]:
    krs_by_objective: dict[str, list[KeyResult]] = defaultdict(list)
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
    outline: Outline, rows: _OutlineRows, objective_progresses: dict[str, float | None]
) -> None:
    """The objectives, then what hangs on those shown: with a cycle, the key results,
    milestones and notes of other cycles' objectives stay out."""
    shown_objectives: set[str] = set()
    for o in rows.objectives:
        outline.add(objective_node(o, objective_progresses[o.id]))
        shown_objectives.add(o.id)
    shown_key_results: set[str] = set()
    for kr in rows.key_results:
        if kr.objective_id in shown_objectives:
            outline.add(key_result_node(kr, rows.latest.get(kr.id)))
            shown_key_results.add(kr.id)
    for step in rows.next_steps:
        if step.key_result_id in shown_key_results:
            outline.add(next_step_node(step))
    shown_milestones: set[str] = set()
    for ms in rows.milestones:
        if ms.objective_id in shown_objectives:
            outline.add(milestone_node(ms))
            shown_milestones.add(ms.id)
    for n in rows.notes:
        if n.milestone_id in shown_milestones:
            outline.add(note_node(n))


def _add_meetings(outline: Outline, meetings: _Rows, actions: _Rows) -> None:
    shown_meetings: set[str] = set()
    for mt in meetings:
        outline.add(meeting_node(mt))
        shown_meetings.add(mt.id)
    for a in actions:
        if a.meeting_id in shown_meetings:
            outline.add(action_node(a))


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
            row = s.get(ROW_TYPES[cls], item_id)
            if row is None:
                return None
            record = to_record(cls, row)
            if isinstance(record, Objective) and outline.cycle_id not in (None, record.cycle_id):
                return None
            new = _node_for(s, record, node)
            if new is None or new.parent_id != node.parent_id:
                return None
            if new != node:
                outline.nodes[item_id] = new
                changed.add(item_id)
            if isinstance(record, KeyResult):
                stale_objectives.add(record.objective_id)
            elif isinstance(record, Objective):
                stale_objectives.add(record.id)
    for objective_id in stale_objectives:
        changed |= _refresh_progress(outline, objective_id)
    return changed


def _latest_value(s: Session, key_result_id: str) -> float | None:
    value: float | None = s.scalar(
        select(CheckInRow.value)
        .where(CheckInRow.key_result_id == key_result_id)
        .order_by(CheckInRow.date.desc(), CheckInRow.created.desc())
        .limit(1)
    )
    return value


def _node_for(s: Session, record: Item, node: Node) -> Node | None:
    match record:
        case Mission():
            return mission_node(record, node.parent_id or Branch.MISSIONS.value, node.progress)
        case Objective():
            return objective_node(record, node.progress)
        case KeyResult():
            return key_result_node(record, _latest_value(s, record.id))
        case Milestone():
            return milestone_node(record)
        case GrowthNote():
            return note_node(record)
        case Meeting():
            return meeting_node(record)
        case ActionItem():
            return action_node(record)
        case NextStep():
            return next_step_node(record)
        case Skill():
            return skill_node(record)
    return None


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
