"""What each kind of tree node is: its record type, its name, its icon, where it may go.

One table for the tree, the editor, the actions and drag and drop, so they agree.
"""

from __future__ import annotations

from functools import cache

from okrdesk.domain.entities import (
    PARENT_FIELD,
    ActionItem,
    GrowthNote,
    Item,
    KeyResult,
    Meeting,
    Milestone,
    Mission,
    NextStep,
    Objective,
    Skill,
)
from okrdesk.gui.core.i18n import QT_TR_NOOP
from okrdesk.gui.core.icons import ICON_DIR as ICON_DIR
from okrdesk.gui.core.icons import action_icon as action_icon
from okrdesk.qt.gui import QIcon
from okrdesk.services.outline import Branch, NodeKind

RECORD_TYPES: dict[NodeKind, type[Item]] = {
    NodeKind.MISSION: Mission,
    NodeKind.OBJECTIVE: Objective,
    NodeKind.KEY_RESULT: KeyResult,
    NodeKind.MILESTONE: Milestone,
    NodeKind.GROWTH_NOTE: GrowthNote,
    NodeKind.MEETING: Meeting,
    NodeKind.ACTION_ITEM: ActionItem,
    NodeKind.NEXT_STEP: NextStep,
    NodeKind.SKILL: Skill,
}

# Translated where shown: tr(KIND_NAMES[kind]).
KIND_NAMES: dict[NodeKind, str] = {
    NodeKind.BRANCH: QT_TR_NOOP("branch"),
    NodeKind.MISSION: QT_TR_NOOP("mission"),
    NodeKind.OBJECTIVE: QT_TR_NOOP("objective"),
    NodeKind.KEY_RESULT: QT_TR_NOOP("key result"),
    NodeKind.MILESTONE: QT_TR_NOOP("milestone"),
    NodeKind.GROWTH_NOTE: QT_TR_NOOP("growth note"),
    NodeKind.MEETING: QT_TR_NOOP("one-on-one"),
    NodeKind.ACTION_ITEM: QT_TR_NOOP("action item"),
    NodeKind.NEXT_STEP: QT_TR_NOOP("next step"),
    NodeKind.SKILL: QT_TR_NOOP("skill"),
}

# The field the tree's title column edits in place (None: the title is computed).
TITLE_FIELDS: dict[NodeKind, str | None] = {
    NodeKind.MISSION: "title",
    NodeKind.OBJECTIVE: "title",
    NodeKind.KEY_RESULT: "title",
    NodeKind.MILESTONE: "title",
    NodeKind.GROWTH_NOTE: "text",
    NodeKind.MEETING: None,
    NodeKind.ACTION_ITEM: "text",
    NodeKind.NEXT_STEP: "title",
    NodeKind.SKILL: "name",
}

# Where a node of a kind may be dropped: the kinds of parent it accepts (branches by id).
VALID_PARENT_KINDS: dict[NodeKind, frozenset[NodeKind]] = {
    NodeKind.MISSION: frozenset({NodeKind.MISSION}),
    NodeKind.OBJECTIVE: frozenset({NodeKind.MISSION}),
    NodeKind.KEY_RESULT: frozenset({NodeKind.OBJECTIVE}),
    NodeKind.MILESTONE: frozenset({NodeKind.OBJECTIVE}),
    NodeKind.GROWTH_NOTE: frozenset({NodeKind.MILESTONE}),
    NodeKind.ACTION_ITEM: frozenset({NodeKind.MEETING}),
    NodeKind.NEXT_STEP: frozenset({NodeKind.KEY_RESULT}),
}
VALID_PARENT_BRANCHES: dict[NodeKind, frozenset[str]] = {
    NodeKind.MISSION: frozenset({Branch.MISSIONS.value}),
    NodeKind.OBJECTIVE: frozenset({Branch.TEAM.value, Branch.BLIND.value}),
    NodeKind.SKILL: frozenset({Branch.SKILLS.value}),
}

# What "add child" makes under a node of each kind (branches by id).
CHILD_KINDS: dict[NodeKind, NodeKind] = {
    NodeKind.MISSION: NodeKind.OBJECTIVE,
    NodeKind.OBJECTIVE: NodeKind.KEY_RESULT,
    NodeKind.MILESTONE: NodeKind.GROWTH_NOTE,
    NodeKind.MEETING: NodeKind.ACTION_ITEM,
    NodeKind.KEY_RESULT: NodeKind.NEXT_STEP,
}
BRANCH_CHILD_KINDS: dict[str, NodeKind] = {
    Branch.MISSIONS.value: NodeKind.MISSION,
    Branch.TEAM.value: NodeKind.OBJECTIVE,
    Branch.BLIND.value: NodeKind.OBJECTIVE,
    Branch.MEETINGS.value: NodeKind.MEETING,
    Branch.SKILLS.value: NodeKind.SKILL,
}


def record_type(kind: NodeKind) -> type[Item] | None:
    return RECORD_TYPES.get(kind)


def parent_field(kind: NodeKind) -> str | None:
    cls = RECORD_TYPES.get(kind)
    return None if cls is None else PARENT_FIELD.get(cls)


def is_branch_id(node_id: str | None) -> bool:
    return node_id is not None and node_id.startswith("branch:")


def may_hold(parent_kind: NodeKind, parent_id: str, child_kind: NodeKind) -> bool:
    """Whether a node of ``child_kind`` may sit directly under the given parent."""
    if parent_kind is NodeKind.BRANCH:
        return parent_id in VALID_PARENT_BRANCHES.get(child_kind, frozenset())
    return parent_kind in VALID_PARENT_KINDS.get(child_kind, frozenset())


def record_parent_id(parent_id: str) -> str | None:
    """The value of the record's parent field for a tree parent: branches mean "none"."""
    return None if is_branch_id(parent_id) else parent_id


@cache
def kind_icon(kind: NodeKind) -> QIcon:
    return QIcon(str(ICON_DIR / f"{kind.value}.svg"))
