"""Editor fields: each shows one value of a record and says when the person committed a new
one. Enter or leaving the field commits; Escape puts back the stored value. A refused value
stays in the field (marked invalid) until it is fixed or reverted.

A combo box, spin box or date edit in a form ignores the mouse wheel until it has focus
(``guard_wheel``): scrolling a form must scroll it, never change the value under the mouse
(every change is saved at once and becomes an undo step).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any

from okrdesk.domain.confidence import confidence_points, parse_confidence
from okrdesk.domain.entities import SKILL_LEVELS
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.gui.panes.chooser import ChooserDialog, GroupSource
from okrdesk.qt.core import QCoreApplication, QDate, QEvent, QObject, Qt, Signal
from okrdesk.qt.gui import QFocusEvent, QKeyEvent, QResizeEvent
from okrdesk.qt.widgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

NONE_LABEL = QT_TR_NOOP("(none)")
NOT_SET = QT_TR_NOOP("not set")
IN_10 = QT_TR_NOOP("in 10")


def qdate_to_date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def value_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


class FieldEditor(QWidget):
    """Base: ``committed`` carries the field's name and the new raw value."""

    committed = Signal(str, object)
    # Whether the value is typed: typing in the field again joins the undo step before; a
    # choice made (a cycle, an alignment, a date, a tick) is a step of its own.
    typed = False

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.stored: Any = None
        self._loading = False

    def load(self, value: Any) -> None:
        self.stored = value
        self._loading = True
        try:
            self.show_value(value)
        finally:
            self._loading = False
        self.set_invalid(False)

    def revert(self) -> None:
        self.load(self.stored)

    def accept(self, value: Any) -> None:
        """``value`` was saved: it is what is stored now. Shown again only when it differs
        from what is shown (a number tidied up), so an edit never moves the cursor."""
        self.stored = value
        if not self.shows(value):
            self.load(value)
        self.set_invalid(False)

    def shows(self, value: Any) -> bool:
        """Whether the editor shows ``value`` already (subclasses that can tell say so)."""
        return False

    def show_value(self, value: Any) -> None:
        raise NotImplementedError

    def parse(self, raw: Any) -> Any:
        """The value of the record's field for what the person committed (``raw``), in the
        loose types ``validation.coerce`` takes; raises ValidationError when it cannot be
        read. Most fields commit such a value already."""
        return raw

    def focus_widget(self) -> QWidget:
        return self

    def set_invalid(self, invalid: bool) -> None:
        widget = self.focus_widget()
        widget.setProperty("invalid", invalid)
        # Re-polish so the style sheet's [invalid="true"] rule applies at once.
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    def commit(self, value: Any) -> None:
        if not self._loading:
            self.committed.emit(self.name, value)


def _single(widget: QWidget) -> QHBoxLayout:
    layout = QHBoxLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
    return layout


class WheelGuard(QObject):
    """Hands a wheel turn over an unfocused widget on to its parent (the form's scroll
    area), so the form scrolls and the value stays; once the person clicked or tabbed into
    the widget, the wheel changes it as usual."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QWidget)
            and not watched.hasFocus()
        ):
            # Ignored, the event goes on to the parents: Qt propagates an ignored wheel.
            event.ignore()
            return True
        return super().eventFilter(watched, event)


_WHEEL_GUARD: WheelGuard | None = None


def guard_wheel(*widgets: QWidget) -> None:
    """Let ``widgets`` (combo boxes, spin boxes, date edits) take the wheel only with focus:
    a wheel turn no longer gives them focus either (Qt.StrongFocus: click or Tab)."""
    global _WHEEL_GUARD
    if _WHEEL_GUARD is None:
        _WHEEL_GUARD = WheelGuard(QCoreApplication.instance())
    for widget in widgets:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.installEventFilter(_WHEEL_GUARD)


class EscapeLineEdit(QLineEdit):
    """A line edit that says when Escape is pressed in it."""

    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        super().keyPressEvent(event)


_STAYING = (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)


class _FieldLineEdit(EscapeLineEdit):
    """A form's line edit: once the person leaves it, it shows its text from the start
    again, as a freshly loaded field does (a long title must not read "…ive small")."""

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        # A popup (the context menu) or another window takes focus without the person
        # leaving the field: they come back to their cursor.
        if event.reason() not in _STAYING:
            self.setCursorPosition(0)


class _LineEditor(FieldEditor):
    """One line edit showing ``text_of(value)``; the text typed is committed as it is."""

    typed = True

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.edit = _FieldLineEdit(self)
        self.edit.setClearButtonEnabled(False)
        self.setLayout(_single(self.edit))
        self.edit.editingFinished.connect(self._finished)
        self.edit.escaped.connect(self.revert)

    def text_of(self, value: Any) -> str:
        return value_text(value)

    def show_value(self, value: Any) -> None:
        self.edit.setText(self.text_of(value))
        # Long titles read from their start, not from where the last edit left the view.
        self.edit.setCursorPosition(0)

    def shows(self, value: Any) -> bool:
        return self.edit.text() == self.text_of(value)

    def focus_widget(self) -> QWidget:
        return self.edit

    def _finished(self) -> None:
        if self.edit.text() != self.text_of(self.stored) or self.edit.property("invalid"):
            self.commit(self.edit.text())


class LineField(_LineEditor):
    """One line of text or a number (kept as typed until the service accepts it)."""


class ConfidenceField(_LineEditor):
    """A confidence, typed and shown in 10 ("7", "7/10", "7 in 10"; see
    ``domain.confidence``) and stored from 0 to 1. The field holds the number alone, with
    "in 10" beside it, so what it shows reads back in every language."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.edit.setPlaceholderText(tr(NOT_SET))
        self.scale = QLabel(tr(IN_10), self)
        self.scale.setObjectName("unitLabel")
        layout = self.layout()
        assert layout is not None
        layout.addWidget(self.scale)

    def text_of(self, value: Any) -> str:
        return confidence_points(value) if isinstance(value, float | int) else ""

    def parse(self, raw: Any) -> Any:
        return parse_confidence(raw) if isinstance(raw, str) else raw


class _TextArea(QPlainTextEdit):
    finished = Signal()
    escaped = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
            return
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if ctrl and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finished.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.finished.emit()


class TextField(FieldEditor):
    """Several lines: Enter is a new line, so Ctrl+Enter or leaving the field commits."""

    typed = True

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.edit = _TextArea(self)
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(64)
        self.edit.setMaximumHeight(120)
        self.setLayout(_single(self.edit))
        self.edit.finished.connect(self._finished)
        self.edit.escaped.connect(self.revert)

    def show_value(self, value: Any) -> None:
        self.edit.setPlainText(value_text(value))

    def shows(self, value: Any) -> bool:
        return self.edit.toPlainText() == value_text(value)

    def focus_widget(self) -> QWidget:
        return self.edit

    def _finished(self) -> None:
        if self.edit.toPlainText() != value_text(self.stored):
            self.commit(self.edit.toPlainText())


class BoolField(FieldEditor):
    def __init__(self, name: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.box = QCheckBox(text, self)
        self.setLayout(_single(self.box))
        self.box.toggled.connect(lambda checked: self.commit(checked))

    def show_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))

    def shows(self, value: Any) -> bool:
        return self.box.isChecked() == bool(value)

    def focus_widget(self) -> QWidget:
        return self.box


class ChoiceField(FieldEditor):
    """A closed list: an enum's values or other items of the plan (by id)."""

    def __init__(self, name: str, optional: bool, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.optional = optional
        self.combo = QComboBox(self)
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(12)
        guard_wheel(self.combo)
        self.setLayout(_single(self.combo))
        self.combo.activated.connect(lambda _row: self.commit(self.combo.currentData()))

    def set_choices(self, choices: list[tuple[str, str]]) -> None:
        """(value, label) pairs; "(none)" comes first when the field is optional."""
        self._loading = True
        try:
            self.combo.clear()
            if self.optional:
                self.combo.addItem(tr(NONE_LABEL), None)
            for value, label in choices:
                self.combo.addItem(label, value)
        finally:
            self._loading = False

    def show_value(self, value: Any) -> None:
        wanted = value.value if isinstance(value, Enum) else value
        row = self.combo.findData(wanted)
        self.combo.setCurrentIndex(max(row, 0))

    def focus_widget(self) -> QWidget:
        return self.combo


class LevelField(ChoiceField):
    """A skill level from 1 to 5 (or none, when optional), each choice read with the
    person's own line on what that level means to them (``set_meanings``)."""

    def __init__(self, name: str, optional: bool, parent: QWidget | None = None) -> None:
        super().__init__(name, optional, parent)
        self.set_meanings(lambda _level: "")

    def set_meanings(self, meaning_of: Callable[[int], str]) -> None:
        choices = []
        for level in SKILL_LEVELS:
            meaning = meaning_of(level)
            choices.append((str(level), f"{level} — {meaning}" if meaning else str(level)))
        self.set_choices(choices)
        self.show_value(self.stored)

    def show_value(self, value: Any) -> None:
        # The choices hold the levels as text (as an enum's values are).
        super().show_value(None if value is None else str(value))

    def parse(self, raw: Any) -> Any:
        return None if raw is None else int(raw)


class DateField(FieldEditor):
    """A date picker; an optional date has a tick box for "no date"."""

    def __init__(self, name: str, optional: bool, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.optional = optional
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        self.enabled_box = QCheckBox(self)
        self.enabled_box.setToolTip(tr("Tick to set a date; untick for none"))
        self.enabled_box.setVisible(optional)
        self.picker = QDateEdit(self)
        self.picker.setCalendarPopup(True)
        self.picker.setDisplayFormat("yyyy-MM-dd")
        self.picker.installEventFilter(self)
        guard_wheel(self.picker)
        layout.addWidget(self.enabled_box)
        layout.addWidget(self.picker, 1)
        self.setLayout(layout)
        self.picker.dateChanged.connect(self._date_changed)
        self.enabled_box.toggled.connect(self._toggled)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.picker
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
        ):
            self.revert()
            return True
        return super().eventFilter(watched, event)

    def show_value(self, value: Any) -> None:
        has_date = isinstance(value, date)
        self.enabled_box.setChecked(has_date)
        self.picker.setEnabled(has_date or not self.optional)
        day = value if isinstance(value, date) else date.today()
        self.picker.setDate(QDate(day.year, day.month, day.day))

    def focus_widget(self) -> QWidget:
        return self.picker

    def current(self) -> date:
        day = self.picker.date().toPython()
        assert isinstance(day, date)
        return day

    def _date_changed(self, _day: QDate) -> None:
        if self.optional and not self.enabled_box.isChecked():
            return
        if self.current() != self.stored:
            self.commit(self.current())

    def _toggled(self, checked: bool) -> None:
        self.picker.setEnabled(checked)
        self.commit(self.current() if checked else None)


class ObjectiveField(FieldEditor):
    """One objective of the plan (or none), chosen in a searchable dialog grouped by team
    and cycle (``chooser.ChooserDialog``): a list of 138 titles is no way to find one."""

    def __init__(self, name: str, dialog_title: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.dialog_title = dialog_title
        self.groups: GroupSource = lambda: ()
        self.describe: Callable[[str], str | None] = lambda _id: None
        self.button = QPushButton(self)
        self.button.setObjectName("objectiveButton")
        # Reads like the combo boxes above it: the choice from the left.
        self.button.setStyleSheet("QPushButton { text-align: left; padding: 3px 8px; }")
        self.button.clicked.connect(self.choose)
        self.clear_button = QToolButton(self)
        self.clear_button.setText("×")
        self.clear_button.setToolTip(tr("Align it to no objective"))
        self.clear_button.setAccessibleName(tr("Remove the alignment"))
        self.clear_button.clicked.connect(lambda: self.commit(None))
        layout = _single(self.button)
        layout.addWidget(self.clear_button)
        self.setLayout(layout)
        # Set by a test to answer the dialog: returns (accepted, chosen id).
        self.ask: Callable[[ChooserDialog], tuple[bool, str | None]] = _ask
        self.last_dialog: ChooserDialog | None = None

    def bind(self, groups: GroupSource, describe: Callable[[str], str | None]) -> None:
        """Where the choices come from (read when the dialog opens) and how a chosen id
        reads on the button."""
        self.groups = groups
        self.describe = describe

    def show_value(self, value: Any) -> None:
        label = self.describe(value) if isinstance(value, str) else None
        text = label if label is not None else tr(NONE_LABEL)
        metrics = self.button.fontMetrics()
        width = max(120, self.button.width() - 24)
        self.button.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, width))
        self.button.setToolTip(
            tr("{objective}\nClick to choose another (type to filter)").format(objective=text)
        )
        self.clear_button.setVisible(label is not None)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.show_value(self.stored)

    def shows(self, value: Any) -> bool:
        return False

    def focus_widget(self) -> QWidget:
        return self.button

    def choose(self) -> None:
        current = self.stored if isinstance(self.stored, str) else None
        dialog = ChooserDialog(tr(self.dialog_title), self.groups(), current, self)
        self.last_dialog = dialog
        accepted, chosen = self.ask(dialog)
        if accepted and chosen != self.stored:
            self.commit(chosen)


def _ask(dialog: ChooserDialog) -> tuple[bool, str | None]:
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    return accepted, dialog.chosen_id
