"""The first-run panel: what a newcomer sees in a plan with nothing in it yet."""

from __future__ import annotations

from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.gui.core.kinds import action_icon, kind_icon
from okrdesk.qt.core import Qt, Signal
from okrdesk.qt.widgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from okrdesk.services.outline import NodeKind

INTRO = QT_TR_NOOP(
    "okrdesk keeps your missions, objectives and key results together.\n\n"
    "Start with a mission: what you want to do for others (your customers, your colleagues, "
    "your team, the company). Then give it objectives for this quarter, and key results "
    "that prove each objective. Milestones carry the path for your growth on the way.\n\n"
    "Everything is saved as you type; Ctrl+Z undoes any step."
)


class WelcomePanel(QWidget):
    create_mission = Signal()
    open_demo = Signal()
    open_plan = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome")
        card = QFrame(self)
        card.setObjectName("welcomeCard")
        card.setMaximumWidth(620)
        title = QLabel(tr("Welcome to okrdesk"), card)
        title.setObjectName("welcomeTitle")
        text = QLabel(tr(INTRO), card)
        text.setWordWrap(True)
        text.setTextFormat(Qt.TextFormat.PlainText)
        text.setObjectName("welcomeText")

        self.create_button = QPushButton(
            kind_icon(NodeKind.MISSION), tr("Create your first mission"), card
        )
        self.create_button.setObjectName("createFirstMission")
        self.create_button.setDefault(True)
        self.create_button.setToolTip(tr("Add a mission and start typing its title (Ctrl+Shift+M)"))
        self.demo_button = QPushButton(action_icon("app"), tr("Open the demo plan"), card)
        self.demo_button.setObjectName("openDemo")
        self.demo_button.setToolTip(tr("Fill this empty plan with an example to explore"))
        self.open_button = QPushButton(tr("Open another plan…"), card)
        self.open_button.setToolTip(tr("Open a plan file (Ctrl+O)"))
        for button in (self.create_button, self.demo_button, self.open_button):
            button.setMinimumHeight(34)
        self.create_button.clicked.connect(self.create_mission)
        self.demo_button.clicked.connect(self.open_demo)
        self.open_button.clicked.connect(self.open_plan)

        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.demo_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        inner = QVBoxLayout(card)
        inner.setContentsMargins(32, 28, 32, 28)
        inner.setSpacing(14)
        inner.addWidget(title)
        inner.addWidget(text)
        inner.addLayout(buttons)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
