"""The end of the weekly pass: what moved, what is at risk, the next steps, the streak."""

from __future__ import annotations

from okrdesk.domain.confidence import confidence_text
from okrdesk.gui.core.i18n import tr, translated
from okrdesk.qt.core import Qt
from okrdesk.qt.widgets import QLabel, QListWidget, QVBoxLayout, QWidget
from okrdesk.services.weekly import PassSummary


def _heading(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("kindLabel")
    return label


class SummaryPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel(tr("This week's check-in is done"), self)
        self.title.setObjectName("editorTitle")
        self.counts = QLabel(self)
        self.counts.setWordWrap(True)
        self.streak = QLabel(self)
        self.streak.setObjectName("passStreak")
        self.moved = QListWidget(self)
        self.moved.setObjectName("passMoved")
        self.at_risk = QListWidget(self)
        self.at_risk.setObjectName("passAtRisk")
        self.next_steps = QListWidget(self)
        self.next_steps.setObjectName("passNextSteps")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.counts)
        layout.addWidget(self.streak)
        for heading, widget in (
            (tr("WHAT MOVED"), self.moved),
            (tr("AT RISK"), self.at_risk),
            (tr("NEXT STEPS"), self.next_steps),
        ):
            layout.addWidget(_heading(heading, self))
            layout.addWidget(widget, 1)

    def show_summary(self, summary: PassSummary) -> None:
        self.counts.setText(
            tr("{checked} checked in, {skipped} skipped.").format(
                checked=summary.checked_in, skipped=summary.skipped
            )
        )
        if summary.streak == 1:
            self.streak.setText(tr("A streak of 1 week: come back next week to make it 2."))
        else:
            self.streak.setText(
                tr("A streak of {weeks} weeks in a row.").format(weeks=summary.streak)
            )
        # List items are plain text: titles never pass through rich text here.
        self.moved.clear()
        for moved in summary.moved:
            before = "—" if moved.before is None else f"{moved.before:g}"
            self.moved.addItem(f"{moved.title}: {before} → {moved.after:g} {moved.unit}".rstrip())
        if not summary.moved:
            self.moved.addItem(tr("Nothing moved this week."))
        self.at_risk.clear()
        for risk in summary.at_risk:
            confidence = translated(confidence_text(risk.confidence, "—"))
            self.at_risk.addItem(f"{risk.title} ({confidence})")
        if not summary.at_risk:
            self.at_risk.addItem(tr("Nothing at risk."))
        self.next_steps.clear()
        for step in summary.next_steps:
            due = "" if step.due is None else f" — {tr('due {day}').format(day=step.due)}"
            self.next_steps.addItem(step.title + due)
        if not summary.next_steps:
            self.next_steps.addItem(tr("No new next steps."))
        for widget in (self.moved, self.at_risk, self.next_steps):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
