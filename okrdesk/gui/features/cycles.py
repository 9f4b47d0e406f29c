"""Cycles in the main window: Edit ▸ Add ▸ Cycle for the next quarter."""

from __future__ import annotations

from datetime import timedelta

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
        """The quarter after the latest cycle (this quarter when there is none)."""
        from okrdesk.services.demo import quarter_name, quarter_of

        cycles = sorted(self.shell.controller.plan.all(Cycle), key=lambda c: c.end)
        day = self.shell.today() if not cycles else cycles[-1].end + timedelta(days=1)
        start, end = quarter_of(day)
        cycle = self.shell.controller.add(Cycle(name=quarter_name(start), start=start, end=end))
        self.shell.show_status(tr("Added the cycle {name}").format(name=cycle.label), 6000)
        return cycle
