"""The toolbar's cycle chooser: which cycle's objectives the window shows, or all cycles."""

from __future__ import annotations

from okrdesk.domain.entities import Cycle
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.qt.widgets import QComboBox, QWidget
from okrdesk.services.changes import PlanChanges

ALL_CYCLES = QT_TR_NOOP("All cycles")


def cycle_label(cycle: Cycle) -> str:
    return f"{cycle.name}  ({cycle.start:%b %-d} – {cycle.end:%b %-d, %Y})"


class CycleChooser(QComboBox):
    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("cycleBox")
        self.setAccessibleName(tr("Cycle"))
        self.setToolTip(tr("Show the objectives of one cycle, or of all cycles"))
        self.setMinimumContentsLength(12)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.activated.connect(self._activated)
        controller.changed.connect(self._plan_changed)

    def _plan_changed(self, changes: PlanChanges) -> None:
        if changes.touches(Cycle):
            self.fill()

    def fill(self) -> None:
        self.blockSignals(True)
        try:
            self.clear()
            self.addItem(tr(ALL_CYCLES), None)
            for cycle in sorted(self.controller.plan.all(Cycle), key=lambda c: c.start):
                self.addItem(cycle_label(cycle), cycle.id)
            row = self.findData(self.controller.cycle_id) if self.controller.cycle_id else 0
            if row < 0:
                self.controller.cycle_id = None
                row = 0
            self.setCurrentIndex(row)
        finally:
            self.blockSignals(False)

    def choose(self, cycle_id: str | None) -> None:
        row = self.findData(cycle_id) if cycle_id else 0
        self.setCurrentIndex(max(row, 0))
        self._activated(max(row, 0))

    def _activated(self, row: int) -> None:
        self.controller.set_cycle(self.itemData(row))
