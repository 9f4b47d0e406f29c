"""Keep a view up to date with the plan without redoing work nobody sees.

``follow(controller, view, refresh, kinds)`` calls ``refresh`` after a change that touched
one of ``kinds`` (any change when ``kinds`` is empty) — at once while ``view`` is visible,
else the next time it is shown. A hidden dock, dialog or window therefore costs nothing
while the person edits.
"""

from __future__ import annotations

from collections.abc import Callable

from okrdesk.domain.entities import Item
from okrdesk.gui.core.controller import PlanController
from okrdesk.qt.core import QEvent, QObject
from okrdesk.qt.widgets import QWidget
from okrdesk.services.changes import PlanChanges


class Follower(QObject):
    def __init__(
        self,
        controller: PlanController,
        view: QWidget,
        refresh: Callable[[], None],
        kinds: tuple[type[Item], ...] = (),
    ) -> None:
        super().__init__(view)
        self.view = view
        self.refresh = refresh
        self.kinds = kinds
        self.stale = False
        controller.changed.connect(self._changed)
        view.installEventFilter(self)

    def _changed(self, changes: PlanChanges) -> None:
        if self.kinds and not changes.touches(*self.kinds):
            return
        if self.view.isVisible():
            self.stale = False
            self.refresh()
        else:
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.refresh()
        return False


def follow(
    controller: PlanController,
    view: QWidget,
    refresh: Callable[[], None],
    kinds: tuple[type[Item], ...] = (),
) -> Follower:
    """Call ``refresh`` when the plan changes (see the module's notes)."""
    return Follower(controller, view, refresh, kinds)
