"""The coach in the editor: the item's findings as you type, each with its reason and fix,
and a "Why?" that gives the principle behind it in other words.

Below the form of a mission, objective, key result or milestone. The findings are those of
the item *as typed*: a pause of ``TYPING_PAUSE_MS`` after a keystroke (or a commit) reviews
the unsaved text, so "Publish 5 blog posts" is flagged before Enter is pressed. A key result
also has a "Why?" that shows how the classifier read it (its words and its numbers). An
item the coach leaves out (owned by someone else, imported from a team) says so.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from okrdesk.domain.coach import Finding, Ownership, Severity, key_result_reading
from okrdesk.domain.entities import Item, KeyResult, Objective
from okrdesk.domain.validation import ValidationError, coerce
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr, translated
from okrdesk.gui.core.theme import error_colour, info_colour, muted_text, warning_colour
from okrdesk.gui.features.coach import actions as coach_actions
from okrdesk.gui.features.coach.state import CoachState
from okrdesk.gui.features.coach.wording import fix_text, why_text
from okrdesk.gui.panes.editor import EditorPanel
from okrdesk.gui.panes.fields import LineField, TextField
from okrdesk.gui.panes.forms import RecordForm
from okrdesk.qt.core import QEvent, Qt, QTimer
from okrdesk.qt.gui import QPalette
from okrdesk.qt.widgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.coach import strength_text

TYPING_PAUSE_MS = 400

# Marked for translation here, translated where shown: tr(SEVERITY_WORDS[severity]).
SEVERITY_WORDS = {
    Severity.ERROR: QT_TR_NOOP("Error"),
    Severity.WARN: QT_TR_NOOP("Warning"),
    Severity.INFO: QT_TR_NOOP("Advice"),
}
SEVERITY_MARKS = {Severity.ERROR: "✕", Severity.WARN: "⚠", Severity.INFO: "i"}
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARN: 1, Severity.INFO: 2}

PANEL_STYLE = """
QFrame#coachFinding { border: 1px solid palette(mid); border-radius: 6px;
                      background: palette(base); }
QFrame#coachFinding[severity="error"] { border-left: 4px solid {error}; }
QFrame#coachFinding[severity="warn"] { border-left: 4px solid {warning}; }
QFrame#coachFinding[severity="info"] { border-left: 4px solid {info}; }
QLabel#coachHeading { font-weight: 600; }
QLabel#coachSeverity { font-weight: 600; }
QLabel#coachSeverity[severity="error"] { color: {error}; }
QLabel#coachSeverity[severity="warn"] { color: {warning}; }
QLabel#coachMuted, QLabel#coachFix { color: {muted}; }
"""


def panel_style(palette: QPalette) -> str:
    """The findings' style sheet in the palette's shades of red, amber and grey."""
    colours = {
        "error": error_colour(palette),
        "warning": warning_colour(palette),
        "info": info_colour(palette),
        "muted": muted_text(palette),
    }
    style = PANEL_STYLE
    for name, colour in colours.items():
        style = style.replace("{" + name + "}", colour.name())
    return style


def plain_label(text: str, name: str = "", parent: QWidget | None = None) -> QLabel:
    """A word-wrapped label that shows user text as text, never as markup."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    return label


def left_out_text(ownership: Ownership, owner: str) -> str:
    """Why the editor shows no findings for an item the coach does not review."""
    if ownership is Ownership.IMPORTED:
        return tr(
            "The coach leaves this out: it was imported from a team plan or document, and "
            "changes in its source, not here."
        )
    if ownership is Ownership.TEAM:
        return tr(
            "The coach leaves this out: it is a team objective, context for your own work. "
            "If it is yours, set its owner to your name."
        )
    return tr(
        "The coach leaves this out: it is owned by {owner}, and only its owner can act on "
        "it. If {owner} is you, set your name in File ▸ Plan settings."
    ).format(owner=owner)


class FindingCard(QFrame):
    """One finding: severity in words, the reason, the fix, a "Why?" that shows the
    principle behind it, and a way to dismiss it."""

    def __init__(self, finding: Finding, dismiss: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finding = finding
        self.setObjectName("coachFinding")
        self.setProperty("severity", finding.severity.value)
        word = tr(SEVERITY_WORDS[finding.severity])
        severity = QLabel(f"{SEVERITY_MARKS[finding.severity]}  {word}", self)
        severity.setObjectName("coachSeverity")
        severity.setProperty("severity", finding.severity.value)
        rule = plain_label(finding.rule_id, "coachMuted", self)
        rule.setWordWrap(False)
        self.dismiss_button = QToolButton(self)
        self.dismiss_button.setText(tr("Dismiss…"))
        self.dismiss_button.setAutoRaise(True)
        self.dismiss_button.setToolTip(
            tr("It does not apply here: say why, and hide it (undoable)")
        )
        self.dismiss_button.clicked.connect(lambda: dismiss(self.finding))
        self.why_button = QToolButton(self)
        self.why_button.setText(tr("Why?"))
        self.why_button.setCheckable(True)
        self.why_button.setAutoRaise(True)
        self.why_button.setToolTip(tr("The principle behind this finding"))
        self.why_button.toggled.connect(self._show_why)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(severity)
        top.addWidget(rule)
        top.addStretch(1)
        top.addWidget(self.dismiss_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 8, 8)
        layout.setSpacing(3)
        layout.addLayout(top)
        self.reason = plain_label("", "coachReason", self)
        self.fix = plain_label("", "coachFix", self)
        self.why = plain_label("", "coachWhy", self)
        self.why.hide()
        layout.addWidget(self.reason)
        layout.addWidget(self.fix)
        # Under the advice, not beside the title: a narrow editor keeps its width.
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.why_button)
        bottom.addStretch(1)
        layout.addLayout(bottom)
        layout.addWidget(self.why)
        self.show_texts(finding)

    def shows_kind_of(self, finding: Finding) -> bool:
        """Whether this card can show ``finding`` by changing its texts: the same rule at
        the same severity (the card's colours and marks)."""
        return (finding.rule_id, finding.severity) == (self.finding.rule_id, self.finding.severity)

    def show_texts(self, finding: Finding) -> None:
        """The reason, fix and principle of ``finding`` (a finding's words follow what is
        typed: the numbers in them change while the rule and its severity stay)."""
        self.finding = finding
        word = tr(SEVERITY_WORDS[finding.severity])
        reason = translated(finding.reason)
        self.setAccessibleName(tr("{severity}: {reason}").format(severity=word, reason=reason))
        self.reason.setText(reason)
        self.fix.setText(fix_text(finding))
        self.why.setText(why_text(finding) if finding.why else "")
        self.why_button.setVisible(bool(finding.why))

    def _show_why(self, shown: bool) -> None:
        self.why.setVisible(shown)
        self.why_button.setText(tr("Hide why") if shown else tr("Why?"))


class FindingsPanel(EditorPanel):
    def __init__(
        self,
        state: CoachState,
        controller: PlanController,
        form: RecordForm,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.controller = controller
        self.form = form
        self.record: Item | None = None
        self.setObjectName(f"coachFindings_{form.cls.__name__}")
        self.setStyleSheet(panel_style(self.palette()))

        header = self._build_header()
        self.why = plain_label("", "coachWhy", self)
        self.why.hide()
        self.summary = plain_label("", "coachMuted", self)
        self.cards_box = QVBoxLayout()
        self.cards_box.setContentsMargins(0, 0, 0, 0)
        self.cards_box.setSpacing(6)
        self.cards: list[FindingCard] = []
        self._build_layout(header)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(TYPING_PAUSE_MS)
        self._connect()

    def _build_header(self) -> QHBoxLayout:
        """ "Coach", the strength and, for a key result, "Why?"."""
        self.heading = plain_label(tr("Coach"), "coachHeading", self)
        self.heading.setWordWrap(False)
        self.strength = plain_label("", "coachMuted", self)
        self.strength.setWordWrap(False)
        self.strength.setToolTip(
            tr(
                "Strength: (rules passed + half the warnings) / rules checked, over the "
                "objective, its key results and milestones"
            )
        )
        self.why_button = QPushButton(tr("Why?"), self)
        self.why_button.setCheckable(True)
        self.why_button.setToolTip(
            tr("How the coach reads this key result: output, outcome or impact")
        )
        self.why_button.setVisible(self.form.cls is KeyResult)
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.heading)
        header.addWidget(self.strength)
        header.addStretch(1)
        header.addWidget(self.why_button)
        return header

    def _build_layout(self, header: QHBoxLayout) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 6, 6)
        layout.setSpacing(6)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        layout.addLayout(header)
        layout.addWidget(self.why)
        layout.addLayout(self.cards_box)
        layout.addWidget(self.summary)

    def _connect(self) -> None:
        self.why_button.toggled.connect(self._show_why)
        self.timer.timeout.connect(self.recompute)
        # Every keystroke in the form restarts the pause before the coach looks again.
        for editor in self.form.editors.values():
            if isinstance(editor, LineField):
                editor.edit.textEdited.connect(self._typed)
            elif isinstance(editor, TextField):
                editor.edit.textChanged.connect(self._typed)
            editor.committed.connect(self._typed)
        self.state.updated.connect(self._state_updated)

    # -- EditorPanel ----------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        """Take the new shades when the system switches between light and dark."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            style = panel_style(self.palette())
            if style != self.styleSheet():
                self.setStyleSheet(style)

    def show_record(self, record: Item) -> None:
        self.record = record
        self.timer.stop()
        self.recompute()

    def record_saved(self, record: Item, name: str) -> None:
        """The form saved a field: the coach reads the record after the pause the field's
        commit already started (``_typed``), not at once; the cards stay until then."""
        self.record = record

    def _typed(self, *_args: object) -> None:
        # Wait for a pause: reviewing on every keystroke would make typing slow.
        self.timer.start()

    # -- computing ------------------------------------------------------------------------

    def draft(self) -> Item | None:
        """The record with what is typed in its text and number fields, saved or not."""
        record = self.record
        if record is None:
            return None
        changes: dict[str, Any] = {}
        for name, editor in self.form.editors.items():
            if isinstance(editor, LineField):
                raw = editor.edit.text()
            elif isinstance(editor, TextField):
                raw = editor.edit.toPlainText()
            else:
                continue
            try:
                changes.update(coerce(type(record), {name: raw}))
            except ValidationError:
                continue  # not a value yet (half a number): coach the stored one
        return dataclasses.replace(record, **changes)

    def _state_updated(self) -> None:
        if self.record is not None and self.isVisible():
            # The record may have changed under us (an undo): coach the stored one plus
            # whatever is typed and not yet saved.
            stored = self.controller.plan.find(type(self.record), self.record.id)
            if stored is None:
                return
            self.record = stored
            self.recompute()

    def recompute(self) -> None:
        draft = self.draft()
        if draft is None:
            return
        findings = self.state.review_draft(draft)
        self._show_strength(draft)
        if isinstance(draft, KeyResult):
            self.why.setText(translated(key_result_reading(draft)))
        if findings is None:
            self.summary.setText(tr("The coach is reading the plan…"))
            self.summary.show()
            self._show_cards([])
            return
        findings.sort(key=lambda f: SEVERITY_ORDER[f.severity])
        dismissed = self.state.dismissed_count(draft.id)
        self.summary.setVisible(not findings or bool(dismissed))
        left_out = self.state.left_out(draft)
        if left_out is not None and not findings:
            self.summary.setText(left_out_text(*left_out))
        elif findings:
            self.summary.setText(
                tr("{count} dismissed finding").format(count=dismissed)
                if dismissed == 1
                else tr("{count} dismissed findings").format(count=dismissed)
            )
        elif dismissed:
            self.summary.setText(
                tr("Nothing to improve here ({count} dismissed: see the Coach panel, F7).").format(
                    count=dismissed
                )
            )
        else:
            self.summary.setText(tr("Nothing to improve here."))
        self._show_cards(findings)

    def _show_strength(self, draft: Item) -> None:
        value = self.state.objective_strength(draft.id) if isinstance(draft, Objective) else None
        self.strength.setText(
            ""
            if value is None
            else tr("· strength {strength}").format(strength=strength_text(value))
        )

    def _show_cards(self, findings: list[Finding]) -> None:
        if [c.finding for c in self.cards] == findings:
            return
        kept = len(self.cards) == len(findings) and all(
            card.shows_kind_of(finding) for card, finding in zip(self.cards, findings, strict=True)
        )
        if kept:
            # The same findings in other words (a number typed into the form): the cards
            # stay, with their "Why?" open or closed, and only their texts change.
            for card, finding in zip(self.cards, findings, strict=True):
                if card.finding != finding:
                    card.show_texts(finding)
            return
        for card in self.cards:
            self.cards_box.removeWidget(card)
            card.deleteLater()
        self.cards = [FindingCard(f, self._dismiss, self) for f in findings]
        for card in self.cards:
            self.cards_box.addWidget(card)
        count = len(findings)
        if count == 1:
            self.heading.setText(tr("Coach · 1 finding"))
        elif count:
            self.heading.setText(tr("Coach · {count} findings").format(count=count))
        else:
            self.heading.setText(tr("Coach"))

    def _show_why(self, shown: bool) -> None:
        self.why.setVisible(shown)
        self.why_button.setText(tr("Hide why") if shown else tr("Why?"))

    def _dismiss(self, finding: Finding) -> None:
        coach_actions.dismiss_with_reason(self, self.controller, finding)
