"""The weekly check-in pass: one focused dialog that walks the key results waiting for this
week's check-in, riskiest first (``services.weekly``), then shows what the pass did.

For each key result: the new value (the last one and the pace beside it), the confidence
in 10, what changed, and, when the confidence is low or the key result would be off track,
a blocker and one next step with a due date. Its open next steps can be ticked off here
too. Save stores the check-in (and the next step) as one undo step and goes on; Skip goes
on without; Leave closes the pass, which opens again on what still waits. At the end: the
summary and the streak.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from okrdesk.domain.confidence import confidence_points, confidence_text, parse_confidence
from okrdesk.domain.entities import CheckIn, NextStep
from okrdesk.domain.enums import Blocker, KeyResultKind
from okrdesk.domain.health import Health
from okrdesk.domain.validation import ValidationError, coerce
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr, translated
from okrdesk.gui.features.weekly.pass_summary import SummaryPage
from okrdesk.gui.panes.fields import IN_10, NOT_SET, guard_wheel, qdate_to_date
from okrdesk.qt.core import QDate, Qt
from okrdesk.qt.widgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.errors import ItemNotFound
from okrdesk.services.next_steps import TickNextStep
from okrdesk.services.weekly import (
    PassEntry,
    Waiting,
    asks_for_blocker,
    check_in_step,
    pass_summary,
)

BLOCKER_NAMES: dict[Blocker, str] = {
    Blocker.WAITING_ON_OTHERS: QT_TR_NOOP("Waiting on others"),
    Blocker.UNCLEAR: QT_TR_NOOP("Unclear what to do"),
    Blocker.TOO_MUCH_ELSE: QT_TR_NOOP("Too much else"),
    Blocker.TECHNICAL: QT_TR_NOOP("Technical"),
    Blocker.OTHER: QT_TR_NOOP("Other"),
}
HEALTH_NAMES: dict[Health, str] = {
    Health.OFF_TRACK: QT_TR_NOOP("off track"),
    Health.AT_RISK: QT_TR_NOOP("at risk"),
    Health.ON_TRACK: QT_TR_NOOP("on track"),
    Health.OUTDATED: QT_TR_NOOP("no recent check-in"),
    Health.PENDING: QT_TR_NOOP("no check-in yet"),
}
# A next step is due in a week unless the person says otherwise.
STEP_DAYS = 7


@dataclass
class PassSession:
    """What this week's pass did so far: it outlives the dialog, so leaving and coming back
    goes on where the person left (what was saved no longer waits; what was skipped is
    not asked again this week)."""

    week: date
    saved: list[CheckIn] = field(default_factory=list)
    steps: list[NextStep] = field(default_factory=list)
    skipped: set[str] = field(default_factory=set)
    seen: dict[str, Waiting] = field(default_factory=dict)


def number_text(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    return f"{value:g} {unit}".rstrip()


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)} %"


def facts_text(item: Waiting) -> str:
    """The last value, its day and confidence, the progress against the pace, the health."""
    kr = item.key_result
    last = item.last
    status = item.status
    parts = []
    if last is None:
        parts.append(tr("No check-in yet"))
    else:
        confidence = translated(confidence_text(last.confidence, tr(NOT_SET)))
        parts.append(
            tr("Last: {value} on {day} ({confidence})").format(
                value=number_text(last.value, kr.unit),
                day=last.date.isoformat(),
                confidence=confidence,
            )
        )
    if status.expected_progress is not None:
        parts.append(
            tr("progress {progress} of {pace} expected by now").format(
                progress=percent_text(status.progress), pace=percent_text(status.expected_progress)
            )
        )
    parts.append(tr(HEALTH_NAMES.get(status.health, status.health.value)))
    return " · ".join(parts)


class EntryPage(QWidget):
    """The fields for one key result of the pass."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.item: Waiting | None = None
        self.counter = QLabel(self)
        self.counter.setObjectName("kindLabel")
        self.title = QLabel(self)
        self.title.setObjectName("editorTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.objective = QLabel(self)
        self.objective.setTextFormat(Qt.TextFormat.PlainText)
        self.objective.setWordWrap(True)
        self.facts = QLabel(self)
        self.facts.setObjectName("passFacts")
        self.facts.setTextFormat(Qt.TextFormat.PlainText)
        self.facts.setWordWrap(True)
        self.steps_box = QGroupBox(tr("Open next steps (tick off what is done)"), self)
        self.steps_layout = QVBoxLayout(self.steps_box)
        self._build_fields()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.counter, self.title, self.objective, self.facts, self.steps_box):
            layout.addWidget(widget)
        layout.addLayout(self.form)
        layout.addWidget(self.blocker_box)
        layout.addStretch(1)

    def _build_fields(self) -> None:
        self.value = QLineEdit(self)
        self.value.setObjectName("passValue")
        self.value.setAccessibleName(tr("Value"))
        self.unit = QLabel(self)
        self.unit.setObjectName("unitLabel")
        self.unit.setTextFormat(Qt.TextFormat.PlainText)
        self.done = QCheckBox(tr("Done"), self)
        self.done.setObjectName("passDone")
        value_row = QHBoxLayout()
        for widget in (self.value, self.unit, self.done):
            value_row.addWidget(widget)
        self.confidence = QLineEdit(self)
        self.confidence.setObjectName("passConfidence")
        self.confidence.setAccessibleName(tr("Confidence"))
        self.confidence.setPlaceholderText(tr(NOT_SET))
        self.confidence.setMaximumWidth(90)
        confidence_row = QHBoxLayout()
        confidence_row.addWidget(self.confidence)
        confidence_row.addWidget(QLabel(tr(IN_10), self))
        confidence_row.addStretch(1)
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("passNote")
        self.note.setAccessibleName(tr("What changed"))
        self.note.setPlaceholderText(tr("What moved this week, what got in the way"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(64)
        self.form = QFormLayout()
        self.form.addRow(tr("Value now"), value_row)
        self.form.addRow(tr("Confidence"), confidence_row)
        self.form.addRow(tr("What changed"), self.note)
        self._build_blocker()

    def _build_blocker(self) -> None:
        self.blocker_box = QGroupBox(tr("Low confidence or off track: what is in the way?"), self)
        self.blocker_box.setObjectName("passBlocker")
        self.blocker = QComboBox(self.blocker_box)
        self.blocker.setObjectName("passBlockerChoice")
        self.blocker.addItem(tr("Choose…"), "")
        # The value as text: Qt hands an enum back as a plain string anyway.
        for blocker, name in BLOCKER_NAMES.items():
            self.blocker.addItem(tr(name), blocker.value)
        self.step = QLineEdit(self.blocker_box)
        self.step.setObjectName("passStep")
        self.step.setPlaceholderText(tr("One next step that moves it"))
        self.step_due = QDateEdit(self.blocker_box)
        self.step_due.setObjectName("passStepDue")
        self.step_due.setCalendarPopup(True)
        self.step_due.setDisplayFormat("yyyy-MM-dd")
        guard_wheel(self.blocker, self.step_due)
        form = QFormLayout(self.blocker_box)
        form.addRow(tr("Blocker"), self.blocker)
        form.addRow(tr("Next step"), self.step)
        form.addRow(tr("Due"), self.step_due)

    def show_item(self, item: Waiting, index: int, total: int, today: date) -> None:
        self.item = item
        kr = item.key_result
        self.counter.setText(
            tr("KEY RESULT {index} OF {total}").format(index=index + 1, total=total)
        )
        self.title.setText(kr.title)
        self.objective.setText(tr("for “{objective}”").format(objective=item.objective.title))
        self.facts.setText(facts_text(item))
        milestone = kr.kind is KeyResultKind.MILESTONE
        self.value.setVisible(not milestone)
        self.unit.setVisible(not milestone and bool(kr.unit))
        self.unit.setText(kr.unit)
        self.done.setVisible(milestone)
        last = item.last
        self.value.setText("" if last is None else f"{last.value:g}")
        self.done.setChecked(last is not None and last.value >= 1)
        confidence = None if last is None else last.confidence
        self.confidence.setText("" if confidence is None else confidence_points(confidence))
        self.note.clear()
        self.blocker.setCurrentIndex(0)
        self.step.clear()
        due = today + timedelta(days=STEP_DAYS)
        self.step_due.setDate(QDate(due.year, due.month, due.day))
        self.value.selectAll()
        (self.done if milestone else self.value).setFocus()

    def value_number(self) -> float:
        assert self.item is not None
        if self.item.key_result.kind is KeyResultKind.MILESTONE:
            return 1.0 if self.done.isChecked() else 0.0
        text = self.value.text().strip()
        if not text:
            raise ValidationError("value", tr("Enter the value now, or skip this one."))
        number = coerce(CheckIn, {"value": text})["value"]
        assert isinstance(number, float)
        return number

    def entry(self, today: date) -> PassEntry:
        """What was entered, typed; ValidationError (field and sentence) when refused."""
        assert self.item is not None
        asked = self.blocker_box.isVisible()
        chosen = self.blocker.currentData() if asked else ""
        return PassEntry(
            key_result_id=self.item.key_result.id,
            day=today,
            value=self.value_number(),
            confidence=parse_confidence(self.confidence.text()),
            note=self.note.toPlainText(),
            blocker=Blocker(chosen) if chosen else None,
            step_title=self.step.text() if asked else "",
            step_due=qdate_to_date(self.step_due.date()) if asked else None,
        )

    def update_blocker(self, today: date) -> None:
        """Show the blocker and next step when what is entered so far asks for them."""
        if self.item is None:
            return
        try:
            value = self.value_number()
            confidence = parse_confidence(self.confidence.text())
        except ValidationError:
            return  # keep what is shown until the value reads again
        after = self.item.status_after(value, confidence, today)
        self.blocker_box.setVisible(asks_for_blocker(after.health, confidence))


class WeeklyPassDialog(QDialog):
    """The pass over ``items`` (riskiest first), saving through ``controller``."""

    def __init__(
        self,
        controller: PlanController,
        items: list[Waiting],
        session: PassSession,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("weeklyPassDialog")
        self.setWindowTitle(tr("Weekly check-in"))
        self.controller = controller
        self.session = session
        self.today = today
        self.items = [i for i in items if i.key_result.id not in session.skipped]
        for item in items:
            session.seen.setdefault(item.key_result.id, item)
        self.index = 0
        self.page = EntryPage(self)
        self.summary = SummaryPage(self)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self.page)
        self.pages.addWidget(self.summary)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.hide()
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        layout.addLayout(self.button_row)
        for edit in (self.page.value, self.page.confidence):
            edit.textChanged.connect(lambda _text: self.page.update_blocker(self.today()))
        self.page.done.toggled.connect(lambda _on: self.page.update_blocker(self.today()))
        self.setMinimumWidth(520)
        self._show_current()

    def _build_buttons(self) -> None:
        self.leave_button = QPushButton(tr("Leave for now"), self)
        self.leave_button.setToolTip(tr("Close the pass; it goes on with what still waits"))
        self.leave_button.clicked.connect(self.reject)
        self.skip_button = QPushButton(tr("Skip"), self)
        self.skip_button.setToolTip(tr("Go on without checking this one in this week"))
        self.skip_button.clicked.connect(self.skip)
        self.save_button = QPushButton(tr("Save and next"), self)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton(tr("Close"), self)
        self.close_button.clicked.connect(self.accept)
        self.button_row = QHBoxLayout()
        self.button_row.addWidget(self.leave_button)
        self.button_row.addStretch(1)
        for button in (self.skip_button, self.save_button, self.close_button):
            self.button_row.addWidget(button)

    @property
    def current(self) -> Waiting | None:
        return self.items[self.index] if self.index < len(self.items) else None

    def _show_current(self) -> None:
        self.error.hide()
        item = self.current
        at_end = item is None
        for button in (self.leave_button, self.skip_button, self.save_button):
            button.setVisible(not at_end)
        self.close_button.setVisible(at_end)
        if item is None:
            self._show_summary()
            return
        self.page.show_item(item, self.index, len(self.items), self.today())
        self._fill_steps(item)
        self.page.update_blocker(self.today())
        self.pages.setCurrentWidget(self.page)

    def _fill_steps(self, item: Waiting) -> None:
        layout = self.page.steps_layout
        while layout.count():
            taken = layout.takeAt(0)
            old = None if taken is None else taken.widget()
            if old is not None:
                old.deleteLater()
        for step in item.open_steps:
            due = "" if step.due is None else f" ({tr('due {day}').format(day=step.due)})"
            box = QCheckBox(step.title + due, self.page.steps_box)
            box.setObjectName("passOpenStep")
            box.toggled.connect(lambda done, s=step.id: self.tick(s, done))
            layout.addWidget(box)
        self.page.steps_box.setVisible(bool(item.open_steps))

    def tick(self, step_id: str, done: bool) -> None:
        try:
            self.controller.run(TickNextStep(step_id, done))
        except ItemNotFound:
            self.show_error(tr("This next step was deleted meanwhile."))

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def save(self) -> bool:
        """Save the current key result's check-in (and next step) as one undo step."""
        item = self.current
        if item is None:
            return False
        try:
            operation, check_in, step = check_in_step(item, self.page.entry(self.today()))
            self.controller.run(operation)
        except ValidationError as error:
            self.show_error(translated(error.message))
            return False
        except ItemNotFound:
            self.show_error(tr("This key result was deleted meanwhile; skip it."))
            return False
        self.session.saved.append(check_in)
        if step is not None:
            self.session.steps.append(step)
        self.index += 1
        self._show_current()
        return True

    def skip(self) -> None:
        item = self.current
        if item is not None:
            self.session.skipped.add(item.key_result.id)
            self.index += 1
            self._show_current()

    def _show_summary(self) -> None:
        session = self.session
        plan = self.controller.plan
        # What an undo took back meanwhile is not in the summary.
        saved = [c for c in session.saved if plan.find(CheckIn, c.id) is not None]
        steps = [s for s in session.steps if plan.find(NextStep, s.id) is not None]
        summary = pass_summary(plan, list(session.seen.values()), saved, steps, self.today())
        self.summary.show_summary(summary)
        self.pages.setCurrentWidget(self.summary)
        self.close_button.setFocus()
