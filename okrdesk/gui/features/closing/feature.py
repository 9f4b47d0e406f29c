"""Closing a cycle in the window: Cycle ▸ Close Cycle… (beside Copy to next cycle) and
File ▸ Export Self-Review…"""

from __future__ import annotations

from collections.abc import Callable

from okrdesk.gui.core.i18n import tr
from okrdesk.gui.features.base import Feature, Shell
from okrdesk.gui.features.closing.dialog import CloseCycleDialog
from okrdesk.gui.features.closing.self_review import SelfReviewExporter
from okrdesk.qt.gui import QAction


class CycleClosing(Feature):
    """Installs Cycle ▸ Close Cycle…, and the self-review export."""

    def install(self, shell: Shell) -> None:
        self.shell = shell
        self.action = QAction(tr("C&lose Cycle…"), shell.widget)
        self.action.setObjectName("closeCycleAction")
        self.action.setStatusTip(
            tr("Score each objective, decide what comes next and evaluate the missions")
        )
        self.action.triggered.connect(self.close_cycle)
        shell.add_action("cycle.close", self.action)
        self.self_review = SelfReviewExporter(shell)
        shell.add_action("file.export", self.self_review.action)
        self.last_dialog: CloseCycleDialog | None = None
        # Tests replace how the dialog runs (exec blocks); the window calls exec.
        self.run_dialog: Callable[[CloseCycleDialog], object] = lambda d: d.exec()

    def close_cycle(self) -> CloseCycleDialog:
        shell = self.shell
        dialog = CloseCycleDialog(
            shell.controller, shell.controller.cycle_id, shell.today(), shell.widget
        )
        self.last_dialog = dialog
        self.run_dialog(dialog)
        if dialog.saved:
            shell.show_status(
                tr("Closed {cycle}: undo takes it back").format(
                    cycle=dialog.cycle_box.currentText().split("  (")[0]
                ),
                8000,
            )
        return dialog
