"""The one undo command: a thin Qt wrapper around a Qt-free operation.

Every change the window makes is an ``Operation`` from ``okrdesk.services.operations``,
applied once by the controller before it is pushed (so a refused change never reaches the
stack). The stack's first ``redo`` then does nothing; every later undo applies the inverse,
every later redo the inverse of that, and each tells the controller what changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from okrdesk.gui.core.i18n import translated
from okrdesk.qt.gui import QUndoCommand
from okrdesk.services.operations import Applied, EditFields, Operation

if TYPE_CHECKING:
    from okrdesk.gui.core.controller import PlanController

# Consecutive edits of the same fields of one item merge into one step (Qt asks commands
# with the same id whether they merge).
EDIT_MERGE_ID = 1


class OperationCommand(QUndoCommand):
    def __init__(self, controller: PlanController, operation: Operation, applied: Applied) -> None:
        super().__init__(translated(operation.label))
        self.controller = controller
        # What redo applies and what undo applies: each application returns the other.
        self.forward = operation
        self.backward = applied.inverse
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True  # applied by the controller before the push
            return
        applied = self.forward.apply(self.controller.plan)
        self.backward = applied.inverse
        self.controller.announce(applied.changes)

    def undo(self) -> None:
        applied = self.backward.apply(self.controller.plan)
        self.forward = applied.inverse
        self.controller.announce(applied.changes)

    def id(self) -> int:
        return EDIT_MERGE_ID if isinstance(self.forward, EditFields) else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        forward, backward = self.forward, self.backward
        if not (
            isinstance(other, OperationCommand)
            and isinstance(forward, EditFields)
            and isinstance(backward, EditFields)
            and isinstance(other.forward, EditFields)
            and other.forward.continues(forward)
        ):
            return False
        self.forward = other.forward
        # Typing a value and then the old one again leaves nothing to undo.
        self.setObsolete(dict(other.forward.values) == dict(backward.values))
        return True
