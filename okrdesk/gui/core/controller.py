"""The one place the GUI changes the plan: it runs undo commands and tells panes to refresh.

Panes never call the plan service's writing methods; they ask the controller, which applies
a command (so refused input raises ValidationError before anything is pushed) and pushes it
on the one undo stack. After any change, undo or redo the controller emits ``changed`` once
with the id of the node to select, and every pane redraws from the plan.
"""

from __future__ import annotations

from typing import Any

from okrdesk.domain.entities import PARENT_FIELD, Item
from okrdesk.domain.validation import coerce
from okrdesk.gui.core.commands import AddItem, DeleteItem, EditFields, MoveItem, PlanCommand
from okrdesk.qt.core import QObject, Signal
from okrdesk.qt.gui import QUndoStack
from okrdesk.services.outline import Outline, build_outline
from okrdesk.services.plan import Deletion, PlanService


class PlanController(QObject):
    # The node id to select after the change ("" to keep the selection).
    changed = Signal(str)
    # A different plan (or the same plan reopened) replaced the current one.
    plan_replaced = Signal()

    def __init__(self, plan: PlanService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.plan = plan
        self.cycle_id: str | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.indexChanged.connect(self._flush)
        self._pending = False
        self._pending_focus: str | None = None
        self._macro_depth = 0
        # What the pending change touched (None: it reshaped the tree); during a
        # ``changed`` signal from a command, ``last_touched`` says so to the panes, and is
        # None at any other time (a new plan, another cycle: rebuild everything).
        self._touched: set[tuple[type[Item], str]] | None = set()
        self.last_touched: frozenset[tuple[type[Item], str]] | None = None

    # -- the plan -------------------------------------------------------------------------

    def replace_plan(self, plan: PlanService, *, keep_history: bool = False) -> None:
        """Work on ``plan`` from now on. The undo history goes with the old plan, unless
        the new one is the same file given back (a restored backup, whose command is on
        the stack and must stay there)."""
        old = self.plan
        if not keep_history:
            self.undo_stack.clear()
        self.plan = plan
        self.cycle_id = None
        if old is not plan:
            old.close()
        self.plan_replaced.emit()

    def set_cycle(self, cycle_id: str | None) -> None:
        if cycle_id != self.cycle_id:
            self.cycle_id = cycle_id
            self.changed.emit("")

    def outline(self) -> Outline:
        return build_outline(self.plan, self.cycle_id)

    # -- changes --------------------------------------------------------------------------

    def add(self, record: Item, *, index: int | None = None, parent_node: str = "") -> Item:
        command = AddItem(self, record, index, parent_node)
        self._run(command)
        return command.record

    def edit(self, cls: type[Item], item_id: str, **raw: Any) -> bool:
        """Change fields from loosely typed values; False when nothing differed.

        Raises ValidationError (with the field) when a value is refused: nothing is saved.
        """
        current = self.plan.get(cls, item_id)
        new = coerce(cls, raw)
        old = {name: getattr(current, name) for name in new}
        if old == new:
            return False
        self._run(EditFields(self, cls, item_id, old, new))
        return True

    def delete(self, cls: type[Item], item_id: str, parent_node: str | None) -> None:
        self._run(DeleteItem(self, cls, item_id, parent_node))

    def preview_delete(self, cls: type[Item], item_id: str) -> Deletion:
        return self.plan.preview_delete(cls, item_id)

    def move(self, cls: type[Item], item_id: str, parent_id: str | None, index: int) -> bool:
        """Move an item; False when it is already there."""
        current = self.plan.get(cls, item_id)
        where = self.plan.placement(current)
        field = PARENT_FIELD.get(cls)
        same_parent = field is None or getattr(current, field) == parent_id
        if same_parent and where.index == index:
            return False
        self._run(MoveItem(self, cls, item_id, parent_id, index))
        return True

    def begin_macro(self, text: str) -> None:
        self._macro_depth += 1
        self.undo_stack.beginMacro(text)

    def end_macro(self) -> None:
        self.undo_stack.endMacro()
        self._macro_depth -= 1
        self._flush()

    def _run(self, command: PlanCommand) -> None:
        command.apply_first()
        self.undo_stack.push(command)
        self._flush()

    # -- telling the panes ----------------------------------------------------------------

    def notify_changed(
        self, focus: str | None, touched: list[tuple[type[Item], str]] | None = None
    ) -> None:
        """Called by commands after each redo and undo; the signal goes out once per step."""
        self._pending = True
        if focus is not None:
            self._pending_focus = focus
        if touched is None:
            self._touched = None
        elif self._touched is not None:
            self._touched.update(touched)

    def _flush(self) -> None:
        if not self._pending or self._macro_depth > 0:
            return
        focus = self._pending_focus or ""
        self._pending = False
        self._pending_focus = None
        touched, self._touched = self._touched, set()
        self.last_touched = None if touched is None else frozenset(touched)
        try:
            self.changed.emit(focus)
        finally:
            self.last_touched = None
