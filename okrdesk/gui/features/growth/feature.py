"""Growth in the main window: growth notes under a milestone's form, Ctrl+L to log one,
the questions "Did a skill's level move?" and "What did you learn?" when a milestone is done,
the learning journal (View ▸ Learning journal, Ctrl+J) and the growth summary."""

from __future__ import annotations

from okrdesk.domain.entities import Milestone
from okrdesk.gui.core.i18n import tr
from okrdesk.gui.features.base import Feature, Shell
from okrdesk.gui.features.growth.journal import JOURNAL_KEYS, JournalView
from okrdesk.gui.features.growth.notes import LearnPrompt, MilestoneNotes, NoteActions
from okrdesk.gui.features.growth.skill_prompt import SkillPrompt
from okrdesk.gui.features.growth.summary import GrowthSummaryWindow
from okrdesk.qt.core import Qt
from okrdesk.qt.gui import QAction
from okrdesk.qt.widgets import QDockWidget


class Growth(Feature):
    def install(self, shell: Shell) -> None:
        self.shell = shell
        self.notes = MilestoneNotes(shell.controller, shell.tree.select_node, shell.editor)
        self.notes.today = shell.today
        shell.add_editor_panel(Milestone, self.notes)
        self.note_actions = NoteActions(shell)
        shell.add_action("edit.record", self.note_actions.action)
        shell.add_context_action("context.record", self.note_actions.action)
        self.learn_prompt = LearnPrompt(shell)
        self.skill_prompt = SkillPrompt(shell)
        self.learn_prompt.before = self.skill_prompt.ask
        self.journal = JournalView(shell)
        self.journal_dock = QDockWidget(tr("Learning journal"), shell.widget)
        self.journal_dock.setObjectName("journalDock")
        self.journal_dock.setWidget(self.journal)
        area = Qt.DockWidgetArea.BottomDockWidgetArea
        toggle = shell.add_dock(self.journal_dock, "view.growth", area, JOURNAL_KEYS)
        toggle.setText(tr("Learning &journal"))
        toggle.setToolTip(
            tr("Every growth note, newest first, with filters ({shortcut})").format(
                shortcut=JOURNAL_KEYS
            )
        )
        self.summary_window: GrowthSummaryWindow | None = None
        summary = QAction(tr("&Growth summary…"), shell.widget)
        summary.setToolTip(
            tr("Notes per kind and per mission, and the growth paths of milestones done")
        )
        summary.triggered.connect(self.show_summary)
        shell.add_action("view.growth", summary)

    def show_summary(self) -> GrowthSummaryWindow:
        if self.summary_window is None:
            self.summary_window = GrowthSummaryWindow(self.shell)
        self.summary_window.open_for(self.shell.controller.cycle_id)
        return self.summary_window
