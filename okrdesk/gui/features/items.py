"""The actions on tree items: add (by kind, as a child, as a sibling), rename, delete, move.

Each works on the tree's current node and goes through the controller, so every one is a
single undoable step. Where a new item goes follows from the selection: an objective goes
to the selected mission (or beside the selected objective), a key result to the selected
objective, and so on; an action with no sensible place is disabled.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from okrdesk.domain.entities import (
    TYPE_NAMES,
    ActionItem,
    Cycle,
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
from okrdesk.domain.enums import Level
from okrdesk.domain.validation import ValidationError
from okrdesk.gui.core.actions import ActionSpec, make_actions
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.gui.core.kinds import (
    BRANCH_CHILD_KINDS,
    CHILD_KINDS,
    may_hold,
    record_parent_id,
    record_type,
)
from okrdesk.gui.features.base import Feature, Shell
from okrdesk.qt.gui import QAction, QKeySequence
from okrdesk.services.operations import AddMeeting
from okrdesk.services.outline import Branch, Node, NodeKind

NEW_TITLES: dict[NodeKind, str] = {
    NodeKind.MISSION: QT_TR_NOOP("New mission"),
    NodeKind.OBJECTIVE: QT_TR_NOOP("New objective"),
    NodeKind.KEY_RESULT: QT_TR_NOOP("New key result"),
    NodeKind.MILESTONE: QT_TR_NOOP("New milestone"),
    NodeKind.GROWTH_NOTE: QT_TR_NOOP("New note"),
    NodeKind.MEETING: QT_TR_NOOP("My manager"),
    NodeKind.ACTION_ITEM: QT_TR_NOOP("New action"),
    NodeKind.NEXT_STEP: QT_TR_NOOP("New next step"),
    NodeKind.SKILL: QT_TR_NOOP("New skill"),
}

_ADD = ("edit.add.items", "toolbar.add", "context.add")
ITEM_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "add_mission",
        QT_TR_NOOP("Mission"),
        QT_TR_NOOP("Add a mission"),
        "Ctrl+Shift+M",
        NodeKind.MISSION,
        sections=_ADD,
    ),
    ActionSpec(
        "add_objective",
        QT_TR_NOOP("Objective"),
        QT_TR_NOOP("Add an objective to the selected mission"),
        "Ctrl+Shift+O",
        NodeKind.OBJECTIVE,
        sections=_ADD,
    ),
    ActionSpec(
        "add_key_result",
        QT_TR_NOOP("Key result"),
        QT_TR_NOOP("Add a key result to the selected objective"),
        "Ctrl+Shift+K",
        NodeKind.KEY_RESULT,
        sections=_ADD,
    ),
    ActionSpec(
        "add_milestone",
        QT_TR_NOOP("Milestone"),
        QT_TR_NOOP("Add a milestone to the selected objective"),
        "Ctrl+Shift+L",
        NodeKind.MILESTONE,
        sections=_ADD,
    ),
    ActionSpec(
        "add_note",
        QT_TR_NOOP("Growth note"),
        QT_TR_NOOP("Add a growth-learning note to the selected milestone"),
        "Ctrl+Shift+G",
        NodeKind.GROWTH_NOTE,
        sections=_ADD,
    ),
    ActionSpec(
        "add_meeting",
        QT_TR_NOOP("One-on-one"),
        QT_TR_NOOP("Add a one-on-one, its agenda prepared from the plan"),
        None,
        NodeKind.MEETING,
        sections=("edit.add.items", "context.add"),
    ),
    ActionSpec(
        "add_skill",
        QT_TR_NOOP("Skill"),
        QT_TR_NOOP("Add a skill to your skills framework"),
        None,
        NodeKind.SKILL,
        sections=("edit.add.items", "context.add"),
    ),
    ActionSpec(
        "add_child",
        QT_TR_NOOP("Add child"),
        QT_TR_NOOP("Add an item inside the selected one"),
        "Ctrl+Shift+N",
        "add",
        sections=("edit.item", "context.add-here"),
    ),
    ActionSpec(
        "add_sibling",
        QT_TR_NOOP("Add sibling"),
        QT_TR_NOOP("Add an item of the same kind next to the selected one"),
        "Ctrl+Shift+Return",
        "add",
        sections=("edit.item", "context.add-here"),
    ),
    ActionSpec(
        "rename",
        QT_TR_NOOP("Rename"),
        QT_TR_NOOP("Rename the selected item in place"),
        "F2",
        widget_keys=True,
        sections=("edit.change", "context.change"),
    ),
    ActionSpec(
        "move_up",
        QT_TR_NOOP("Move up"),
        QT_TR_NOOP("Move the selected item up among its siblings"),
        "Alt+Up",
        "up",
        widget_keys=True,
        sections=("edit.change", "context.change"),
    ),
    ActionSpec(
        "move_down",
        QT_TR_NOOP("Move down"),
        QT_TR_NOOP("Move the selected item down among its siblings"),
        "Alt+Down",
        "down",
        widget_keys=True,
        sections=("edit.change", "context.change"),
    ),
    ActionSpec(
        "delete",
        QT_TR_NOOP("Delete"),
        QT_TR_NOOP("Delete the selected item and what it holds"),
        QKeySequence.StandardKey.Delete,
        "delete",
        widget_keys=True,
        sections=("edit.change", "toolbar.delete", "context.delete"),
    ),
)


class Items(Feature):
    """Adding, renaming, moving and deleting the tree's items."""

    def install(self, shell: Shell) -> None:
        self.shell = shell
        self.controller = shell.controller
        self.tree = shell.tree
        slots: dict[str, Callable[[], object]] = {
            "add_mission": lambda: self.add(NodeKind.MISSION),
            "add_objective": lambda: self.add(NodeKind.OBJECTIVE),
            "add_key_result": lambda: self.add(NodeKind.KEY_RESULT),
            "add_milestone": lambda: self.add(NodeKind.MILESTONE),
            "add_note": lambda: self.add(NodeKind.GROWTH_NOTE),
            "add_meeting": lambda: self.add(NodeKind.MEETING),
            "add_skill": lambda: self.add(NodeKind.SKILL),
            "add_child": self.add_child_item,
            "add_sibling": self.add_sibling_item,
            "rename": self.rename_current,
            "move_up": lambda: self.move_current(-1),
            "move_down": lambda: self.move_current(+1),
            "delete": self.delete_current,
        }
        self.actions = make_actions(ITEM_ACTIONS, shell.widget, slots, key_widget=self.tree)
        for spec in ITEM_ACTIONS:
            for section in spec.sections:
                shell.add_action(section, self.actions[spec.name])
        self.tree.node_selected.connect(lambda _id: self.update_enabled())
        self.controller.changed.connect(lambda _changes: self.update_enabled())
        shell.welcome.create_mission.connect(self._create_first_mission)
        self.update_enabled()

    def action(self, name: str) -> QAction:
        return self.actions[name]

    def _create_first_mission(self) -> None:
        self.add(NodeKind.MISSION)

    # -- where things go ------------------------------------------------------------------

    def _current(self) -> Node | None:
        return self.tree.current_node()

    def _lineage(self, node: Node | None) -> list[Node]:
        """The node and its ancestors, nearest first."""
        if node is None:
            return []
        nodes = self.tree.source.outline.nodes
        return [node, *(nodes[i] for i in self.tree.source.outline.ancestors(node.id))]

    def place_for(self, kind: NodeKind) -> tuple[str, str | None] | None:
        """(tree parent id, sibling to insert after) for a new item of ``kind``."""
        current = self._current()
        if kind is NodeKind.MISSION:
            if current is not None and current.kind is NodeKind.MISSION and current.parent_id:
                return current.parent_id, current.id
            return Branch.MISSIONS.value, None
        if kind is NodeKind.MEETING:
            return Branch.MEETINGS.value, None
        if kind is NodeKind.SKILL:
            # Beside the selected skill, else at the end of the framework.
            if current is not None and current.kind is NodeKind.SKILL:
                return Branch.SKILLS.value, current.id
            return Branch.SKILLS.value, None
        for node in self._lineage(current):
            if node.kind is kind and node.parent_id is not None:
                return node.parent_id, node.id
            if may_hold(node.kind, node.id, kind):
                return node.id, None
        return None

    def update_enabled(self) -> None:
        for action, kind in (
            (self.actions["add_objective"], NodeKind.OBJECTIVE),
            (self.actions["add_key_result"], NodeKind.KEY_RESULT),
            (self.actions["add_milestone"], NodeKind.MILESTONE),
            (self.actions["add_note"], NodeKind.GROWTH_NOTE),
        ):
            action.setEnabled(self.place_for(kind) is not None)
        current = self._current()
        is_item = current is not None and current.kind is not NodeKind.BRANCH
        self.actions["add_child"].setEnabled(self._child_kind(current) is not None)
        self.actions["add_sibling"].setEnabled(is_item)
        self.actions["delete"].setEnabled(is_item)
        self.actions["rename"].setEnabled(
            is_item and current is not None and current.kind is not NodeKind.MEETING
        )
        self.actions["move_up"].setEnabled(is_item and self._neighbour(current, -1) is not None)
        self.actions["move_down"].setEnabled(is_item and self._neighbour(current, +1) is not None)

    def _child_kind(self, node: Node | None) -> NodeKind | None:
        if node is None:
            return None
        if node.kind is NodeKind.BRANCH:
            return BRANCH_CHILD_KINDS.get(node.id)
        return CHILD_KINDS.get(node.kind)

    # -- adding ---------------------------------------------------------------------------

    def add(self, kind: NodeKind) -> Item | None:
        place = self.place_for(kind)
        if place is None:
            return None
        return self.add_at(kind, *place)

    def add_child_item(self) -> Item | None:
        current = self._current()
        kind = self._child_kind(current)
        if current is None or kind is None:
            return None
        return self.add_at(kind, current.id, None)

    def add_sibling_item(self) -> Item | None:
        current = self._current()
        if current is None or current.kind is NodeKind.BRANCH or current.parent_id is None:
            return None
        return self.add_at(current.kind, current.parent_id, current.id)

    def add_at(self, kind: NodeKind, parent_node: str, after: str | None) -> Item | None:
        if kind is NodeKind.MEETING:
            # However it is asked for (toolbar, add child, add sibling), a one-on-one
            # comes with its agenda prepared.
            return self.add_meeting()
        record = self._new_record(kind, parent_node)
        index = None
        if after is not None:
            sibling = self.controller.plan.find(type(record), after)
            if sibling is not None:
                index = self.controller.plan.placement(sibling).index + 1
        try:
            added = self.controller.add(record, index=index)
        except ValidationError as error:
            self.shell.show_status(error.message, 8000)
            return None
        self.start_rename()
        return added

    def add_meeting(self) -> Meeting | None:
        """A one-on-one today with the same person as last time, in the cycle shown (else
        the one running today), its agenda prepared from the plan: one undoable step."""
        from okrdesk.services.meetings import prepare_agenda

        plan = self.controller.plan
        day = self.shell.today()
        cycle_id = self.controller.cycle_id
        if cycle_id is None:
            running = [c for c in plan.all(Cycle) if c.contains(day)]
            cycle_id = running[0].id if running else None
        earlier = sorted(plan.all(Meeting), key=lambda m: (m.date, m.created))
        counterpart = earlier[-1].counterpart if earlier else tr(NEW_TITLES[NodeKind.MEETING])
        meeting = Meeting(date=day, counterpart=counterpart, cycle_id=cycle_id)
        try:
            added = self.controller.run(AddMeeting(meeting, tuple(prepare_agenda(plan, meeting))))
        except ValidationError as error:
            self.shell.show_status(error.message, 8000)
            return None
        assert isinstance(added.record, Meeting)
        return added.record

    def _new_record(self, kind: NodeKind, parent_node: str) -> Item:
        parent = record_parent_id(parent_node)
        title = tr(NEW_TITLES[kind])
        plan = self.controller.plan
        match kind:
            case NodeKind.MISSION:
                level = Level.PERSONAL
                if parent is not None:
                    level = plan.get(Mission, parent).level
                return Mission(title=title, parent_id=parent, level=level)
            case NodeKind.OBJECTIVE:
                if parent is not None:
                    level = plan.get(Mission, parent).level
                else:
                    level = Level.PERSONAL if parent_node == Branch.BLIND.value else Level.TEAM
                return Objective(
                    title=title, mission_id=parent, level=level, cycle_id=self.controller.cycle_id
                )
            case NodeKind.KEY_RESULT:
                assert parent is not None
                return KeyResult(objective_id=parent, title=title)
            case NodeKind.MILESTONE:
                assert parent is not None
                return Milestone(objective_id=parent, title=title)
            case NodeKind.GROWTH_NOTE:
                assert parent is not None
                return GrowthNote(milestone_id=parent, date=self.shell.today(), text=title)
            case NodeKind.MEETING:
                return Meeting(
                    date=self.shell.today(), counterpart=title, cycle_id=self.controller.cycle_id
                )
            case NodeKind.ACTION_ITEM:
                assert parent is not None
                return ActionItem(meeting_id=parent, text=title)
            case NodeKind.NEXT_STEP:
                assert parent is not None
                due = self.shell.today() + timedelta(days=7)
                return NextStep(key_result_id=parent, title=title, due=due)
            case NodeKind.SKILL:
                return Skill(name=title)
        raise AssertionError(kind)  # pragma: no cover

    # -- renaming, deleting, moving -------------------------------------------------------

    def start_rename(self) -> None:
        current = self._current()
        if current is None or current.kind is NodeKind.MEETING:
            return
        self.tree.setFocus()
        self.tree.edit(self.tree.currentIndex().siblingAtColumn(0))

    def rename_current(self) -> None:
        self.start_rename()

    def delete_current(self) -> bool:
        current = self._current()
        if current is None:
            return False
        cls = record_type(current.kind)
        if cls is None:
            return False
        preview = self.controller.preview_delete(cls, current.id)
        others = preview.describe_others()
        question = tr("Delete the {kind} “{title}”?").format(
            kind=TYPE_NAMES[cls], title=current.title
        )
        details = (
            tr("This also deletes {others}. Undo with Ctrl+Z.").format(others=others)
            if others
            else tr("Undo with Ctrl+Z.")
        )
        if not self.shell.confirm(question, details):
            return False
        self.controller.delete(cls, current.id, current.parent_id)
        return True

    def _neighbour(self, node: Node | None, step: int) -> Node | None:
        """The visible sibling of the same kind above (-1) or below (+1)."""
        if node is None or node.parent_id is None:
            return None
        same = [
            n for n in self.tree.source.outline.child_nodes(node.parent_id) if n.kind is node.kind
        ]
        ids = [n.id for n in same]
        at = ids.index(node.id) + step
        return same[at] if 0 <= at < len(same) else None

    def move_current(self, step: int) -> bool:
        current = self._current()
        neighbour = self._neighbour(current, step)
        if current is None or neighbour is None:
            return False
        cls = record_type(current.kind)
        assert cls is not None and current.parent_id is not None
        parent = record_parent_id(current.parent_id)
        siblings = [s.id for s in self.controller.plan.children(cls, parent) if s.id != current.id]
        index = siblings.index(neighbour.id) + (1 if step > 0 else 0)
        try:
            return self.controller.move(cls, current.id, parent, index)
        except ValidationError as error:
            self.shell.show_status(error.message, 8000)
            return False
