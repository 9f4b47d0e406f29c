"""One-on-ones in the main window: the meeting's page (closing, agenda, action items,
since last time), review mode (F5), File ▸ Export one-on-one as PDF, and Add ▸ One-on-one
for agreeing missions (its agenda takes each mission in turn)."""

from __future__ import annotations

from okrdesk.domain.entities import Meeting
from okrdesk.domain.enums import MeetingKind
from okrdesk.domain.validation import ValidationError
from okrdesk.gui.core.actions import ActionSpec, make_action
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.gui.features.base import Feature, Shell
from okrdesk.gui.features.meetings.export import export_action
from okrdesk.gui.features.meetings.panel import (
    ActionItemsPanel,
    AgendaPanel,
    ClosingPanel,
    SinceLastTimePanel,
    create_meeting,
)
from okrdesk.gui.features.meetings.review_mode import Reviews
from okrdesk.gui.features.meetings.skills_moved import SkillsMovedPanel
from okrdesk.services.meetings import new_meeting
from okrdesk.services.outline import NodeKind

MISSIONS_MEETING = ActionSpec(
    "add_missions_meeting",
    QT_TR_NOOP("One-on-one for agreeing missions"),
    QT_TR_NOOP(
        "Add a one-on-one for agreeing missions: its agenda lists each mission, whom it "
        "serves, how it was evaluated and what it serves"
    ),
    None,
    NodeKind.MEETING,
    sections=("edit.add.items", "context.add"),
)
# Who a first one-on-one is with, until the person types the name (as Add ▸ One-on-one).
FIRST_COUNTERPART = QT_TR_NOOP("My manager")


class Meetings(Feature):
    def install(self, shell: Shell) -> None:
        self.shell = shell
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
        self.missions_meeting_action = make_action(
            MISSIONS_MEETING, shell.widget, self.add_missions_meeting
        )
        for section in MISSIONS_MEETING.sections:
            shell.add_action(section, self.missions_meeting_action)

    def add_missions_meeting(self) -> Meeting | None:
        """A one-on-one for agreeing missions today, with the person of the last one, in the
        cycle shown (else the one running today), its agenda prepared: one undoable step."""
        controller = self.shell.controller
        meeting = new_meeting(
            controller.plan,
            self.shell.today(),
            controller.cycle_id,
            first_counterpart=tr(FIRST_COUNTERPART),
            kind=MeetingKind.MISSIONS,
        )
        try:
            return create_meeting(controller, meeting)
        except ValidationError as error:
            self.shell.show_status(error.message, 8000)
            return None
