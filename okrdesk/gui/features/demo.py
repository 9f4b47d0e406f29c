"""The welcome page's "Open the demo plan": a plan that reads like a real person's, written
off the UI thread into the open (empty) plan."""

from __future__ import annotations

from okrdesk.gui.core.i18n import tr
from okrdesk.gui.core.tasks import run_task
from okrdesk.gui.features.base import Feature, Shell
from okrdesk.services.outline import Branch


class Demo(Feature):
    def install(self, shell: Shell) -> None:
        self.shell = shell
        shell.welcome.open_demo.connect(self.open_demo)

    def open_demo(self) -> None:
        from okrdesk.services.demo import fill_demo

        plan = self.shell.controller.plan
        self.shell.begin_busy(tr("Writing the demo plan…"))
        run_task(lambda _progress: fill_demo(plan), lambda _none: self._done(), self._failed)

    def _done(self) -> None:
        shell = self.shell
        shell.end_busy()
        outline = shell.controller.outline()
        first = outline.children.get(Branch.MISSIONS.value, [])
        shell.tree.set_expanded_ids([Branch.MISSIONS.value, *first])
        shell.controller.changed_outside_history(first[0] if first else None)
        shell.show_status(tr("The demo plan is ready: explore, edit, undo."), 8000)

    def _failed(self, error: Exception) -> None:
        self.shell.end_busy()
        self.shell.show_failure(tr("Demo plan"), error)
