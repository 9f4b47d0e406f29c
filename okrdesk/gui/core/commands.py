"""Undo commands: small, symmetric, each calling the plan service and nothing else.

A command is applied once by the controller *before* it is pushed (so a refused change
never reaches the stack); the stack's first ``redo`` then only tells the panes. Every later
redo and undo calls the service again. Each command names the item the panes should
select afterwards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from okrdesk.domain.entities import (
    TYPE_NAMES,
    AgendaPoint,
    CheckIn,
    Dismissal,
    Item,
    KeyResult,
    MissionLink,
    Snapshot,
    Stakeholder,
)
from okrdesk.gui.core.i18n import tr
from okrdesk.qt.gui import QUndoCommand
from okrdesk.services.plan import Deletion, Placement

if TYPE_CHECKING:
    from okrdesk.gui.core.controller import PlanController

EDIT_MERGE_ID = 1


# Items whose fields changed, for patching the tree; None when the tree must be rebuilt.
Touched = list[tuple[type[Item], str]] | None

# Kinds of record the tree does not show: changing them leaves it as it is.
OUTSIDE_THE_TREE: frozenset[type[Item]] = frozenset(
    {Stakeholder, MissionLink, AgendaPoint, Snapshot, Dismissal}
)


def touched_by_adding_or_deleting(record: Item) -> Touched:
    """A check-in changes its key result's progress; a record the tree does not show
    changes nothing there; anything else adds or removes a node."""
    if isinstance(record, CheckIn):
        return [(KeyResult, record.key_result_id)]
    return [] if type(record) in OUTSIDE_THE_TREE else None


class PlanCommand(QUndoCommand):
    def __init__(self, controller: PlanController, text: str) -> None:
        super().__init__(text)
        self.controller = controller
        self._applied_already = False

    def apply_first(self) -> None:
        """Do the change now (may raise ValidationError); the push's redo then skips it."""
        self.do()
        self._applied_already = True

    def redo(self) -> None:
        if self._applied_already:
            self._applied_already = False
        else:
            self.do()
        self.controller.notify_changed(self.focus_after_redo(), self.touched())

    def undo(self) -> None:
        self.revert()
        self.controller.notify_changed(self.focus_after_undo(), self.touched())

    def touched(self) -> Touched:
        """The tree's items whose fields this command changed, when it reshaped nothing
        (None, the default: it may have, and the tree is built again)."""
        return None

    # Subclasses fill these in.
    def do(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def focus_after_redo(self) -> str | None:
        return None

    def focus_after_undo(self) -> str | None:
        return None


class AddItem(PlanCommand):
    """Add a record; undo deletes it by id, redo adds the very same record back."""

    def __init__(
        self, controller: PlanController, record: Item, index: int | None, parent_node: str
    ) -> None:
        super().__init__(controller, tr("Add {kind}").format(kind=TYPE_NAMES[type(record)]))
        self.record = record
        self.index = index
        self.parent_node = parent_node

    def do(self) -> None:
        self.record = self.controller.plan.add(self.record, self.index)
        # Redo must put it back exactly where it first went.
        self.index = self.controller.plan.placement(self.record).index

    def revert(self) -> None:
        self.controller.plan.delete(type(self.record), self.record.id)

    def focus_after_redo(self) -> str:
        return self.record.id

    def focus_after_undo(self) -> str:
        return self.parent_node

    def touched(self) -> Touched:
        return touched_by_adding_or_deleting(self.record)


class EditFields(PlanCommand):
    """Change fields of one item; successive edits of the same fields merge into one step."""

    def __init__(
        self,
        controller: PlanController,
        cls: type[Item],
        item_id: str,
        old: dict[str, Any],
        new: dict[str, Any],
    ) -> None:
        names = ", ".join(name.replace("_id", "").replace("_", " ") for name in new)
        super().__init__(
            controller, tr("Edit {fields} of {kind}").format(fields=names, kind=TYPE_NAMES[cls])
        )
        self.cls = cls
        self.item_id = item_id
        self.old = old
        self.new = new

    def do(self) -> None:
        self.controller.plan.update(self.cls, self.item_id, **self.new)

    def revert(self) -> None:
        self.controller.plan.update(self.cls, self.item_id, **self.old)

    def focus_after_redo(self) -> str:
        return self.item_id

    def focus_after_undo(self) -> str:
        return self.item_id

    def touched(self) -> Touched:
        if self.cls is CheckIn:
            check_in = self.controller.plan.find(CheckIn, self.item_id)
            return None if check_in is None else [(KeyResult, check_in.key_result_id)]
        if self.cls in OUTSIDE_THE_TREE:
            return []
        return [(self.cls, self.item_id)]

    def id(self) -> int:
        return EDIT_MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, EditFields)
            and other.cls is self.cls
            and other.item_id == self.item_id
            and other.new.keys() == self.new.keys()
        ):
            return False
        self.new = dict(other.new)
        # Typing a value and then the old one again leaves nothing to undo.
        self.setObsolete(self.new == self.old)
        return True


class DeleteItem(PlanCommand):
    """Delete an item with everything it owns; undo restores all of it, links included."""

    def __init__(
        self, controller: PlanController, cls: type[Item], item_id: str, parent_node: str | None
    ) -> None:
        super().__init__(controller, tr("Delete {kind}").format(kind=TYPE_NAMES[cls]))
        self.cls = cls
        self.item_id = item_id
        self.parent_node = parent_node
        self.deletion: Deletion | None = None

    def do(self) -> None:
        self.deletion = self.controller.plan.delete(self.cls, self.item_id)

    def revert(self) -> None:
        assert self.deletion is not None
        self.controller.plan.restore(self.deletion)

    def focus_after_redo(self) -> str | None:
        return self.parent_node

    def focus_after_undo(self) -> str:
        return self.item_id

    def touched(self) -> Touched:
        return None if self.deletion is None else touched_by_adding_or_deleting(self.deletion.root)


class MoveItem(PlanCommand):
    """Put an item under another parent or at another index; undo puts it back."""

    def __init__(
        self,
        controller: PlanController,
        cls: type[Item],
        item_id: str,
        parent_id: str | None,
        index: int,
    ) -> None:
        super().__init__(controller, tr("Move {kind}").format(kind=TYPE_NAMES[cls]))
        self.cls = cls
        self.item_id = item_id
        self.parent_id = parent_id
        self.index = index
        self.old: Placement | None = None

    def do(self) -> None:
        self.old = self.controller.plan.move(self.cls, self.item_id, self.parent_id, self.index)

    def revert(self) -> None:
        assert self.old is not None
        self.controller.plan.move(self.cls, self.item_id, self.old.parent_id, self.old.index)

    def focus_after_redo(self) -> str:
        return self.item_id

    def focus_after_undo(self) -> str:
        return self.item_id
