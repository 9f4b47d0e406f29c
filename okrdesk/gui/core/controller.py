"""The one place the GUI changes the plan, and the one place that pushes undo steps.

Panes and features never call the plan service's writing methods: they hand the controller
an operation (``okrdesk.services.operations``), or use one of its small conveniences that
build one. The controller applies it (refused input raises ValidationError before anything
is pushed), pushes one undo step, and emits ``changed`` once with the operation's
``PlanChanges``; undo and redo emit theirs the same way. Each pane decides from that value
alone what to redo.
"""

from __future__ import annotations

from typing import Any, TypeVar

from okrdesk.domain.entities import PARENT_FIELD, Item
from okrdesk.domain.validation import coerce
from okrdesk.gui.core.commands import OperationCommand
from okrdesk.qt.core import QObject, Signal
from okrdesk.qt.gui import QUndoStack
from okrdesk.services.changes import PlanChanges
from okrdesk.services.operations import (
    AddItem,
    Applied,
    DeleteItem,
    EditFields,
    MoveItem,
    Operation,
)
from okrdesk.services.outline import Outline, build_outline
from okrdesk.services.plan import Deletion, PlanService

T = TypeVar("T", bound=Item)


class PlanController(QObject):
    # Once per change, undo or redo: a PlanChanges saying what changed.
    changed = Signal(object)
    # Another plan replaced the current one; whoever replaced it announces the change
    # (with everything changed) once the view state of the new plan is in place.
    plan_replaced = Signal()

    def __init__(self, plan: PlanService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.cycle_id: str | None = None
        self.undo_stack = QUndoStack(self)

    # -- the plan -------------------------------------------------------------------------

    def replace_plan(self, plan: PlanService) -> None:
        """Work on ``plan`` from now on; the undo history goes with the old plan."""
        old = self.plan
        self.undo_stack.clear()
        self.plan = plan
        self.cycle_id = None
        if old is not plan:
            old.close()
        self.plan_replaced.emit()

    def set_cycle(self, cycle_id: str | None) -> None:
        if cycle_id != self.cycle_id:
            self.cycle_id = cycle_id
            self.announce(PlanChanges.all())

    def revision_key(self) -> tuple[int, int, str | None]:
        """What a result computed off the UI thread is about: this plan, at this revision,
        for this cycle. A result whose key changed meanwhile is stale."""
        return id(self.plan), self.plan.revision, self.cycle_id

    def outline(self) -> Outline:
        return build_outline(self.plan, self.cycle_id)

    def changed_outside_history(self, focus: str | None = None) -> None:
        """The plan was rewritten by something that cannot be undone step by step (an
        import, the demo): the history no longer applies, and every pane starts again."""
        self.undo_stack.clear()
        self.announce(PlanChanges.all(focus))

    # -- changes --------------------------------------------------------------------------

    def run(self, operation: Operation, initiator: object = None) -> Applied:
        """Apply ``operation`` and push it as one undo step; tell the panes what changed.
        A change that changed nothing is not pushed."""
        applied = operation.apply(self.plan)
        if applied.changes.empty:
            return applied
        if applied.changes.everything:
            # The whole plan was replaced (a restored backup): the steps before it speak
            # of items that may no longer exist. This one alone can be undone.
            self.undo_stack.clear()
        self.undo_stack.push(OperationCommand(self, operation, applied))
        self.announce(applied.changes.by(initiator))
        return applied

    def announce(self, changes: PlanChanges) -> None:
        """Tell every pane (the undo command calls this after an undo or a redo)."""
        self.changed.emit(changes)

    def add(
        self,
        record: T,
        *,
        index: int | None = None,
        focus: str | None = None,
        initiator: object = None,
    ) -> T:
        added = self.run(AddItem(record, index, focus), initiator).record
        assert isinstance(added, type(record))
        return added

    def edit(self, cls: type[Item], item_id: str, initiator: object = None, **raw: Any) -> bool:
        """Change fields from loosely typed values; False when nothing differed.

        Raises ValidationError (with the field) when a value is refused: nothing is saved.
        """
        applied = self.run(EditFields(cls, item_id, coerce(cls, raw)), initiator)
        return not applied.changes.empty

    def delete(self, cls: type[Item], item_id: str, focus: str | None = None) -> None:
        self.run(DeleteItem(cls, item_id, focus))

    def preview_delete(self, cls: type[Item], item_id: str) -> Deletion:
        return self.plan.preview_delete(cls, item_id)

    def move(
        self,
        cls: type[Item],
        item_id: str,
        parent_id: str | None,
        index: int,
        initiator: object = None,
    ) -> bool:
        """Move an item; False when it is already there."""
        current = self.plan.get(cls, item_id)
        field = PARENT_FIELD.get(cls)
        same_parent = field is None or getattr(current, field) == parent_id
        if same_parent and self.plan.placement(current).index == index:
            return False
        self.run(MoveItem(cls, item_id, parent_id, index), initiator)
        return True
