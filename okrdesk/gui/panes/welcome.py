"""The first-run panel: what a newcomer sees in a plan with nothing in it yet.

It asks the person's name, so the plan knows whose it is (the coach reviews the owner's
items, and new items belong to them). The panel only says what was typed
(``owner_entered``); whoever names the owner shows the name stored (``show_owner``) or why
it was refused (``show_owner_error``).
"""

from __future__ import annotations

from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.gui.core.kinds import action_icon, kind_icon
from okrdesk.gui.panes.fields import LineField
from okrdesk.qt.core import Qt, Signal
from okrdesk.qt.widgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.outline import NodeKind

INTRO = QT_TR_NOOP(
    "okrdesk keeps your missions, objectives and key results together.\n\n"
    "Start with a mission: what you want to do for others (your customers, your colleagues, "
    "your team, the company). Then give it objectives for this quarter, and key results "
    "that prove each objective. Milestones carry the path for your growth on the way.\n\n"
    "Everything is saved as you type; Ctrl+Z undoes any step."
)
OWNER_HINT = QT_TR_NOOP(
    "The coach reviews your own items and leaves out those of others (a team's objectives "
    "you keep for alignment). Change it later in File ▸ Plan settings."
)
# The domain's limit (MAX_OWNER_NAME); longer names are refused with a sentence.
OWNER_MAX_LENGTH = 100


class WelcomePanel(QWidget):
    create_mission = Signal()
    open_demo = Signal()
    open_plan = Signal()
    # The name typed into "Your name", when Enter is pressed or the field is left.
    owner_entered = Signal(str)

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
        owner_row = self._build_owner_row(card)
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
        inner.addLayout(owner_row)
        inner.addSpacing(4)
        inner.addLayout(buttons)

        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(card, 4)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def _build_owner_row(self, card: QWidget) -> QFormLayout:
        # An editor field: Enter or leaving it says what was typed, Escape puts back the
        # stored name, a refusal marks it.
        self.owner_field = LineField("owner", card)
        self.owner_field.committed.connect(lambda _name, typed: self.owner_entered.emit(typed))
        self.owner_edit = self.owner_field.edit
        self.owner_edit.setObjectName("welcomeOwner")
        self.owner_edit.setPlaceholderText(tr("The name you give your own items"))
        # Longer than the limit still types, so the refusal can say why.
        self.owner_edit.setMaxLength(OWNER_MAX_LENGTH * 2)
        self.owner_error = QLabel(card)
        self.owner_error.setObjectName("fieldError")
        self.owner_error.setTextFormat(Qt.TextFormat.PlainText)
        self.owner_error.setWordWrap(True)
        self.owner_error.hide()
        self.owner_edit.escaped.connect(self.owner_error.hide)  # the stored name is back
        hint = QLabel(tr(OWNER_HINT), card)
        hint.setObjectName("welcomeHint")
        hint.setStyleSheet("color: palette(placeholder-text);")
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setWordWrap(True)
        field = QVBoxLayout()
        field.setSpacing(3)
        field.addWidget(self.owner_field)
        field.addWidget(self.owner_error)
        field.addWidget(hint)
        label = QLabel(tr("Your &name"), card)
        label.setBuddy(self.owner_edit)
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(label, field)
        return form

    def show_owner(self, name: str) -> None:
        """``name`` is the plan's owner now (empty: none yet); any refusal is gone."""
        self.owner_field.accept(name)
        self.owner_error.hide()

    def show_owner_error(self, sentence: str) -> None:
        """The typed name was refused: say why beside it, and keep what was typed."""
        self.owner_error.setText(sentence)
        self.owner_error.show()
        self.owner_field.set_invalid(True)
