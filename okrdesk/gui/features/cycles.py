"""Cycles in the main window: Edit ▸ Add ▸ Cycle for the next quarter."""

from __future__ import annotations

from okrdesk.domain.entities import Cycle
from okrdesk.gui.core.i18n import tr
from okrdesk.gui.features.base import Feature, Shell
from okrdesk.qt.gui import QAction


class Cycles(Feature):
    def install(self, shell: Shell) -> None:
        self.shell = shell
        self.add_next = QAction(tr("Cycle for the next quarter"), shell.widget)
        self.add_next.setObjectName("addNextCycle")
        self.add_next.setToolTip(tr("Add a cycle for the quarter after the latest one"))
        self.add_next.triggered.connect(self.add_next_cycle)
        shell.add_action("edit.add.cycle", self.add_next)

    def add_next_cycle(self) -> Cycle:
        """The quarter after the latest cycle (this quarter when none is current)."""
        from okrdesk.services.operations import add_next_quarter

        operation = add_next_quarter(self.shell.controller.plan, self.shell.today())
        cycle = self.shell.controller.run(operation).record
        assert isinstance(cycle, Cycle)
        self.shell.show_status(tr("Added the cycle {name}").format(name=cycle.label), 6000)
        return cycle
