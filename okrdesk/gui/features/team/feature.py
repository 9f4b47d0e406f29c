"""Team objectives and alignment in the main window: the lock banner and the contributors
panel in the editor, View ▸ Alignment, Edit ▸ Copy to next cycle, and File ▸ Import/Export
team objectives. ``install(window)`` is called once by the main window."""

from __future__ import annotations

from typing import TYPE_CHECKING

from okrdesk.domain.entities import Objective
from okrdesk.gui.core.i18n import tr
from okrdesk.gui.features.team.alignment import AlignmentWindow
from okrdesk.gui.features.team.contributors import ContributorsPanel
from okrdesk.gui.features.team.files import TeamFileActions
from okrdesk.gui.features.team.lock import install_lock_banners
from okrdesk.gui.features.team.next_cycle import NextCycleDialog
from okrdesk.qt.gui import QAction, QKeySequence
from okrdesk.services.outline import NodeKind

if TYPE_CHECKING:
    from okrdesk.gui.shell import MainWindow

ALIGNMENT_SHORTCUT = "Ctrl+Shift+A"


class TeamFeatures:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        controller = window.controller
        install_lock_banners(controller, window.editor)
        self.contributors = ContributorsPanel(controller, self.go_to)
        window.editor.add_panel(Objective, self.contributors)
        self.alignment: AlignmentWindow | None = None

        self.alignment_action = QAction(tr("&Alignment…"), window)
        self.alignment_action.setObjectName("alignmentAction")
        self.alignment_action.setShortcut(QKeySequence(ALIGNMENT_SHORTCUT))
        self.alignment_action.setStatusTip(
            tr("See how your missions and objectives serve the team's: a diagram of the cycle")
        )
        self.alignment_action.triggered.connect(self.show_alignment)
        window.view_menu.addSeparator()
        window.view_menu.addAction(self.alignment_action)

        self.copy_action = QAction(tr("Copy to &next cycle…"), window)
        self.copy_action.setObjectName("copyToNextCycleAction")
        self.copy_action.setStatusTip(
            tr("Copy objectives with their key results and milestones into another cycle")
        )
        self.copy_action.triggered.connect(self.copy_to_next_cycle)
        window.edit_menu.addSeparator()
        window.edit_menu.addAction(self.copy_action)

        self.files = TeamFileActions(window)
        quit_action = window.files.quit
        window.file_menu.insertAction(quit_action, self.files.import_action)
        window.file_menu.insertAction(quit_action, self.files.export_action)
        window.file_menu.insertSeparator(quit_action)

    def go_to(self, node_id: str) -> bool:
        """Select the item in the tree, showing every cycle if the one shown hides it."""
        tree = self.window.tree
        if tree.select_node(node_id):
            return True
        if self.window.controller.cycle_id is not None:
            self.window.choose_cycle(None)
            return tree.select_node(node_id)
        return False

    def alignment_window(self) -> AlignmentWindow:
        if self.alignment is None:
            self.alignment = AlignmentWindow(self.window.controller, self.go_to, self.window)
        return self.alignment

    def show_alignment(self) -> None:
        self.alignment_window().show_window()

    def copy_to_next_cycle(self) -> NextCycleDialog:
        node = self.window.tree.current_node()
        chosen = [node.id] if node is not None and node.kind is NodeKind.OBJECTIVE else []
        dialog = NextCycleDialog(self.window.controller, chosen, self.window)
        self.last_dialog = dialog
        if dialog.exec() and dialog.copied is not None and dialog.copied.notes:
            self.window.show_error(
                tr("Copy to next cycle"),
                dialog.copied.summary() + "\n\n" + "\n".join(dialog.copied.notes),
            )
        elif dialog.copied is not None:
            self.window.statusBar().showMessage(dialog.copied.summary(), 8000)
        return dialog


def install(window: MainWindow) -> TeamFeatures:
    features = TeamFeatures(window)
    window.team_features = features  # type: ignore[attr-defined]
    return features
