"""Team objectives and alignment in the main window: the lock banner and the contributors
panel in the editor, View ▸ Alignment, Cycle ▸ Copy to next cycle, and File ▸ Import/Export
team objectives. ``install(shell.widget)`` is called once by the main window."""

from __future__ import annotations

from okrdesk.domain.entities import Objective
from okrdesk.gui.core.i18n import tr
from okrdesk.gui.features.base import Feature, Shell
from okrdesk.gui.features.team.alignment import AlignmentWindow
from okrdesk.gui.features.team.contributors import ContributorsPanel
from okrdesk.gui.features.team.files import TeamFileActions
from okrdesk.gui.features.team.lock import install_lock_banners
from okrdesk.gui.features.team.next_cycle import NextCycleDialog
from okrdesk.qt.gui import QAction, QKeySequence
from okrdesk.services.outline import NodeKind

ALIGNMENT_SHORTCUT = "Ctrl+Shift+A"


class Team(Feature):
    def install(self, shell: Shell) -> None:
        self.shell = shell
        controller = shell.controller
        install_lock_banners(controller, shell.editor)
        self.contributors = ContributorsPanel(controller, shell.reveal)
        shell.add_editor_panel(Objective, self.contributors)
        self.alignment: AlignmentWindow | None = None

        self.alignment_action = QAction(tr("&Alignment…"), shell.widget)
        self.alignment_action.setObjectName("alignmentAction")
        self.alignment_action.setShortcut(QKeySequence(ALIGNMENT_SHORTCUT))
        self.alignment_action.setStatusTip(
            tr("See how your missions and objectives serve the team's: a diagram of the cycle")
        )
        self.alignment_action.triggered.connect(self.show_alignment)
        shell.add_action("view.team", self.alignment_action)

        self.copy_action = QAction(tr("Copy to &next cycle…"), shell.widget)
        self.copy_action.setObjectName("copyToNextCycleAction")
        self.copy_action.setStatusTip(
            tr("Copy objectives with their key results and milestones into another cycle")
        )
        self.copy_action.triggered.connect(self.copy_to_next_cycle)
        shell.add_action("cycle.close", self.copy_action)

        self.files = TeamFileActions(shell)
        shell.add_action("file.team", self.files.import_action)
        shell.add_action("file.team", self.files.export_action)

    def alignment_window(self) -> AlignmentWindow:
        if self.alignment is None:
            shell = self.shell
            self.alignment = AlignmentWindow(shell.controller, shell.reveal, shell.widget)
        return self.alignment

    def show_alignment(self) -> None:
        self.alignment_window().show_window()

    def copy_to_next_cycle(self) -> NextCycleDialog:
        shell = self.shell
        node = shell.tree.current_node()
        chosen = [node.id] if node is not None and node.kind is NodeKind.OBJECTIVE else []
        dialog = NextCycleDialog(shell.controller, chosen, shell.widget)
        self.last_dialog = dialog
        if dialog.exec() and dialog.copied is not None and dialog.copied.notes:
            shell.show_error(
                tr("Copy to next cycle"),
                dialog.copied.summary() + "\n\n" + "\n".join(dialog.copied.notes),
            )
        elif dialog.copied is not None:
            shell.show_status(dialog.copied.summary(), 8000)
        return dialog
