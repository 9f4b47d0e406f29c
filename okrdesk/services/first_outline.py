"""The plan's outline for the first window: titles and where they hang, read with nothing
but ``sqlite3``, read-only, before SQLAlchemy and the rest of okrdesk load.

It shows the same tree as ``services.outline.build_outline`` (the same branches, parents
and order; a test holds them together) without progress, states or checks: the real
window takes over a moment later, after ``open_plan`` has checked the file as always. A
file this reader is not sure of (not a plan, a revision it does not know, unreadable) gives
None, and opening takes the normal road with its normal message.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from okrdesk.domain.text import first_line
from okrdesk.store.revisions import APPLICATION_ID, REVISIONS, SQLITE_HEADER, VERSION_TABLE

# The branches at the top of the tree, as ``services.outline`` names them (same order).
BRANCHES: tuple[tuple[str, str], ...] = (
    ("branch:missions", "Missions"),
    ("branch:team", "Team objectives"),
    ("branch:blind", "Objectives without a mission"),
    ("branch:meetings", "One-on-ones"),
    ("branch:skills", "Skills"),
)
MISSIONS, TEAM, BLIND, MEETINGS, SKILLS = (branch_id for branch_id, _title in BRANCHES)

# Each kind's rows: id, title, the id it hangs on (what is read, in the tree's order).
_ORDER = "ORDER BY position, created"
_QUERIES: dict[str, str] = {
    "mission": f"SELECT id, title, parent_id FROM missions {_ORDER}",
    "key_result": f"SELECT id, title, objective_id FROM key_results {_ORDER}",
    "next_step": f"SELECT id, title, key_result_id FROM next_steps {_ORDER}",
    "milestone": f"SELECT id, title, objective_id FROM milestones {_ORDER}",
    "growth_note": f"SELECT id, text, milestone_id FROM growth_notes {_ORDER}",
    "action_item": f"SELECT id, text, meeting_id FROM action_items {_ORDER}",
    "skill": f"SELECT id, name, NULL FROM skills {_ORDER}",
}
_OBJECTIVES = f"SELECT id, title, mission_id, level, cycle_id FROM objectives {_ORDER}"
_MEETINGS = "SELECT id, date, counterpart, cycle_id FROM meetings ORDER BY date DESC, created"
# Where each kind hangs: on a node of this kind (what hangs on a node not shown stays out).
_HANGS_ON = {
    "key_result": "objective",
    "next_step": "key_result",
    "milestone": "objective",
    "growth_note": "milestone",
    "action_item": "meeting",
}


@dataclass(frozen=True, slots=True)
class FirstNode:
    id: str
    kind: str  # a NodeKind's value: "branch", "mission", "objective"...
    title: str
    parent_id: str | None


@dataclass(frozen=True, slots=True)
class FirstCycle:
    id: str
    name: str
    start: date | None
    end: date | None


def _day(text: object) -> date | None:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return None


@dataclass
class FirstOutline:
    """The tree to paint first, and the few facts the window's frame shows."""

    owner: str = ""
    purpose: str = ""
    values: list[str] = field(default_factory=list)
    # The cycle shown (None: all), and every cycle, by start.
    cycle_id: str | None = None
    cycles: list[FirstCycle] = field(default_factory=list)
    nodes: dict[str, FirstNode] = field(default_factory=dict)
    children: dict[str | None, list[str]] = field(default_factory=lambda: defaultdict(list))
    # No mission, objective nor one-on-one at all: the window shows its welcome panel.
    empty: bool = True

    def add(self, node: FirstNode) -> None:
        self.nodes[node.id] = node
        self.children[node.parent_id].append(node.id)

    def child_nodes(self, parent_id: str | None) -> list[FirstNode]:
        return [self.nodes[i] for i in self.children.get(parent_id, ())]


def read_first_outline(path: Path, cycle_id: str | None = None) -> FirstOutline | None:
    """The outline of the plan at ``path`` (with ``cycle_id``, that cycle's objectives and
    one-on-ones, when the plan has such a cycle), or None when the file is not a plan of a
    revision this okrdesk knows, or cannot be read. Never writes a byte."""
    try:
        if not _has_plan_header(path):
            return None
        connection = _read_only(path)
    except (OSError, sqlite3.Error):
        return None
    try:
        return _read(connection, cycle_id)
    except (sqlite3.Error, TypeError, ValueError, AttributeError):
        return None
    finally:
        connection.close()


def _has_plan_header(path: Path) -> bool:
    with path.open("rb") as handle:
        header = handle.read(100)
    application_id = int.from_bytes(header[68:72], "big")
    return header.startswith(SQLITE_HEADER) and application_id == APPLICATION_ID


def _read_only(path: Path) -> sqlite3.Connection:
    # As the store's own read-only look: without a write-ahead log beside it the file is
    # complete on its own, read as immutable so that not even a -shm file appears.
    wal = path.with_name(path.name + "-wal")
    options = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True, timeout=1)


def _read(connection: sqlite3.Connection, cycle_id: str | None) -> FirstOutline | None:
    versions = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
    if len(versions) != 1 or versions[0][0] not in REVISIONS:
        return None
    outline = FirstOutline()
    facts = dict(connection.execute("SELECT key, value FROM plan_info").fetchall())
    outline.owner = str(facts.get("owner") or "").strip()
    outline.purpose = str(facts.get("purpose") or "").strip()
    outline.values = [
        str(name)
        for (name,) in connection.execute(f"SELECT name FROM personal_values {_ORDER}")
        if name
    ]
    outline.cycles = [
        FirstCycle(str(i), str(name or ""), _day(start), _day(end))
        for i, name, start, end in connection.execute(
            'SELECT id, name, start, "end" FROM cycles ORDER BY start, created'
        )
    ]
    shown_cycle = cycle_id if cycle_id in {c.id for c in outline.cycles} else None
    outline.cycle_id = shown_cycle
    for branch_id, title in BRANCHES:
        outline.add(FirstNode(branch_id, "branch", title, None))
    rows = {kind: connection.execute(query).fetchall() for kind, query in _QUERIES.items()}
    objectives = connection.execute(_OBJECTIVES).fetchall()
    meetings = connection.execute(_MEETINGS).fetchall()
    outline.empty = not (rows["mission"] or objectives or meetings)
    _add_missions(outline, rows["mission"])
    for o_id, title, mission_id, level, o_cycle in objectives:
        if shown_cycle is None or o_cycle == shown_cycle:
            outline.add(
                FirstNode(o_id, "objective", title or "", _objective_parent(mission_id, level))
            )
    for kind in ("key_result", "next_step", "milestone", "growth_note"):
        _add_hanging(outline, kind, rows[kind])
    for m_id, day, counterpart, m_cycle in meetings:
        if shown_cycle is None or m_cycle == shown_cycle:
            outline.add(FirstNode(m_id, "meeting", f"{day} · {counterpart or ''}", MEETINGS))
    _add_hanging(outline, "action_item", rows["action_item"])
    for s_id, name, _none in rows["skill"]:
        outline.add(FirstNode(s_id, "skill", name or "", SKILLS))
    return outline


def _objective_parent(mission_id: str | None, level: str | None) -> str:
    if mission_id is not None:
        return str(mission_id)
    # An unknown level reads as personal, as the store's own columns read it.
    return TEAM if level in ("team", "company") else BLIND


def _add_missions(outline: FirstOutline, missions: list[tuple[str, str, str | None]]) -> None:
    """Parents before children, whatever their positions (breadth first); a loop the
    services refuse is shown flat, as the outline shows it."""
    mission_ids = {m_id for m_id, _title, _parent in missions}
    pending = missions
    placed: set[str] = set()
    while pending:
        waiting = []
        for m_id, title, parent_id in pending:
            parent = parent_id if parent_id in mission_ids else None
            if parent is not None and parent not in placed:
                waiting.append((m_id, title, parent_id))
                continue
            outline.add(FirstNode(m_id, "mission", title or "", parent or MISSIONS))
            placed.add(m_id)
        if len(waiting) == len(pending):
            for m_id, title, _parent in waiting:
                outline.add(FirstNode(m_id, "mission", title or "", MISSIONS))
            break
        pending = waiting


def _add_hanging(outline: FirstOutline, kind: str, rows: list[tuple[str, str, str]]) -> None:
    parent_kind = _HANGS_ON[kind]
    nodes = outline.nodes
    for item_id, text, parent_id in rows:
        parent = nodes.get(parent_id)
        if parent is not None and parent.kind == parent_kind:
            title = first_line(text or "", 80) if kind == "growth_note" else (text or "")
            outline.add(FirstNode(item_id, kind, title, parent_id))
