"""One-on-ones in the main window: the meeting's page (closing, agenda, action items,
since last time), review mode (F5) and File ▸ Export one-on-one as PDF."""

from __future__ import annotations

from okrdesk.domain.entities import Meeting
from okrdesk.gui.features.base import Feature, Shell
from okrdesk.gui.features.meetings.export import export_action
from okrdesk.gui.features.meetings.panel import (
    ActionItemsPanel,
    AgendaPanel,
    ClosingPanel,
    SinceLastTimePanel,
)
from okrdesk.gui.features.meetings.review_mode import Reviews
from okrdesk.gui.features.meetings.skills_moved import SkillsMovedPanel


class Meetings(Feature):
    def install(self, shell: Shell) -> None:
        controller = shell.controller
        self.reviews = Reviews(shell)
        closing = ClosingPanel(controller, shell.today)
        closing.review_button.show()
        closing.review_button.clicked.connect(lambda: self.reviews.start())
        for panel in (
            closing,
            AgendaPanel(controller),
            ActionItemsPanel(controller),
            SinceLastTimePanel(controller, shell.today),
            SkillsMovedPanel(controller, shell.reveal),
        ):
            shell.add_editor_panel(Meeting, panel)
        shell.add_action("view.review", self.reviews.action)
        self.export_action = export_action(shell)
        shell.add_action("file.meeting", self.export_action)
