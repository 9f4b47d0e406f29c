"""Plan settings (File ▸ Plan settings…, Ctrl+,): what belongs to the plan as a whole rather
than to one item: whose plan it is (the owner, also asked for on the welcome page and shown
in the status bar and, by the window, in its title), and the weekly rhythm (the check-in's
day and time, the one-on-one cadence) that the reminders and the calendar follow.

The dialog's fields are declared once, as data, in ``SETTINGS`` (like the item forms'
``FORMS``): each says how to read its value from the plan and which operation stores a new
one. Saving runs the changed settings as one undoable step; a refused value is said beside
its field and the dialog stays open with what was typed. To add a setting, add a ``Setting``
(and, for a value that is not one line of text, a ``SettingEditor`` subclass).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import time
from typing import Any

from okrdesk.domain.validation import ValidationError
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr, translated
from okrdesk.gui.features.base import Feature, Shell
from okrdesk.gui.panes.fields import FieldEditor, guard_wheel, value_text
from okrdesk.qt.core import QObject, Qt, QTime, Signal
from okrdesk.qt.gui import QAction, QKeySequence
from okrdesk.qt.widgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTimeEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.changes import PlanChanges
from okrdesk.services.operations import Operation, SetOwner, Steps
from okrdesk.services.plan import OWNER_INFO, PlanService
from okrdesk.services.rhythm import (
    CHECK_IN_DAY,
    CHECK_IN_TIME,
    MAX_CADENCE,
    MEETING_CADENCE,
    SetRhythmPart,
    read_rhythm,
)

SHORTCUT = "Ctrl+,"


class SettingEditor(FieldEditor):
    """How one setting is typed: an editor field (it shows a value with ``load`` and marks
    a refusal with ``set_invalid``) that gives back what is typed; the dialog stores it
    when Save is pressed."""

    def value(self) -> Any:
        raise NotImplementedError


class LineSetting(SettingEditor):
    """One line of text."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        # A plain line edit: Escape closes the dialog, as in every dialog.
        self.edit = QLineEdit(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)

    def value(self) -> str:
        return self.edit.text()

    def show_value(self, value: Any) -> None:
        self.edit.setText(value_text(value))
        self.edit.setCursorPosition(0)

    def focus_widget(self) -> QWidget:
        return self.edit


@dataclass(frozen=True)
class Setting:
    # The name a refusal gives (``ValidationError.field``), and the editor's object name.
    name: str
    label: str
    tip: str
    read: Callable[[PlanService], Any]
    # The undoable operation that stores a new value (it refuses a bad one).
    change: Callable[[Any], Operation]
    placeholder: str = ""
    editor: Callable[[str, QWidget], SettingEditor] = LineSetting

    def differs(self, plan: PlanService, value: Any) -> bool:
        stored = self.read(plan)
        if isinstance(stored, str) and isinstance(value, str):
            return value.strip() != stored
        return bool(value != stored)


# -- the weekly rhythm (issue 22): the check-in's day and time, the one-on-one cadence -------

WEEKDAY_NAMES = (
    QT_TR_NOOP("Monday"),
    QT_TR_NOOP("Tuesday"),
    QT_TR_NOOP("Wednesday"),
    QT_TR_NOOP("Thursday"),
    QT_TR_NOOP("Friday"),
    QT_TR_NOOP("Saturday"),
    QT_TR_NOOP("Sunday"),
)


class WeekdaySetting(SettingEditor):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.box = QComboBox(self)
        for day in WEEKDAY_NAMES:
            self.box.addItem(tr(day))
        guard_wheel(self.box)
        _alone(self, self.box)

    def value(self) -> int:
        return self.box.currentIndex()

    def show_value(self, value: Any) -> None:
        self.box.setCurrentIndex(int(value))

    def focus_widget(self) -> QWidget:
        return self.box


class TimeSetting(SettingEditor):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.edit = QTimeEdit(self)
        self.edit.setDisplayFormat("HH:mm")
        guard_wheel(self.edit)
        _alone(self, self.edit)

    def value(self) -> time:
        chosen = self.edit.time()
        return time(chosen.hour(), chosen.minute())

    def show_value(self, value: Any) -> None:
        self.edit.setTime(QTime(value.hour, value.minute))

    def focus_widget(self) -> QWidget:
        return self.edit


class CadenceSetting(SettingEditor):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(name, parent)
        self.spin = QSpinBox(self)
        self.spin.setRange(0, MAX_CADENCE)
        self.spin.setSuffix(tr(" days"))
        self.spin.setSpecialValueText(tr("none planned"))
        guard_wheel(self.spin)
        _alone(self, self.spin)

    def value(self) -> int:
        return self.spin.value()

    def show_value(self, value: Any) -> None:
        self.spin.setValue(int(value))

    def focus_widget(self) -> QWidget:
        return self.spin


def _alone(editor: QWidget, widget: QWidget) -> None:
    layout = QHBoxLayout(editor)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(widget)
    layout.addStretch(1)


def _rhythm_setting(part: str) -> Callable[[Any], Operation]:
    return lambda value: SetRhythmPart(part, value)


RHYTHM_SETTINGS: tuple[Setting, ...] = (
    Setting(
        CHECK_IN_DAY,
        QT_TR_NOOP("Weekly check-in &day"),
        QT_TR_NOOP(
            "The day of your weekly check-in pass; okrdesk reminds you from then on while "
            "key results wait, and the calendar export puts it in your calendar."
        ),
        lambda plan: read_rhythm(plan).day,
        _rhythm_setting("day"),
        editor=WeekdaySetting,
    ),
    Setting(
        CHECK_IN_TIME,
        QT_TR_NOOP("Check-in &time"),
        QT_TR_NOOP("The time of day of the weekly check-in (local time)."),
        lambda plan: read_rhythm(plan).at,
        _rhythm_setting("at"),
        editor=TimeSetting,
    ),
    Setting(
        MEETING_CADENCE,
        QT_TR_NOOP("One-on-one &every"),
        QT_TR_NOOP("How often you meet your manager; okrdesk says when the next one is due."),
        lambda plan: read_rhythm(plan).cadence_days,
        _rhythm_setting("cadence_days"),
        editor=CadenceSetting,
    ),
)


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "owner",
        QT_TR_NOOP("&Owner"),
        QT_TR_NOOP(
            "Your name. The coach reviews the items that are yours (owned by you or by "
            "nobody) and leaves out those owned by others or imported from a team; new "
            "missions, objectives and action items are yours. Renaming yourself carries "
            "your items along."
        ),
        PlanService.owner,
        SetOwner,
        QT_TR_NOOP("The name you give your own items"),
    ),
    *RHYTHM_SETTINGS,
)


class PlanSettingsDialog(QDialog):
    def __init__(
        self,
        controller: PlanController,
        on_failure: Callable[[BaseException], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("planSettings")
        self.setWindowTitle(tr("Plan settings"))
        self.controller = controller
        self.on_failure = on_failure
        plan = controller.plan
        intro = QLabel(
            tr("These settings belong to this plan file ({name}), not to one item.").format(
                name=plan.path.name
            ),
            self,
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.editors: dict[str, SettingEditor] = {}
        self.errors: dict[str, QLabel] = {}
        for setting in SETTINGS:
            form.addRow(*self._row(setting, plan))
        # A refusal about no field of the dialog (should not happen; never lost).
        self.error = self._error_label()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addSpacing(10)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self.resize(560, self.sizeHint().height())
        self._fit_height()

    def _fit_height(self) -> None:
        """Tall enough for every wrapped line at the dialog's width (a refusal adds some)."""
        layout = self.layout()
        assert layout is not None
        layout.activate()
        wanted = self.heightForWidth(self.width())
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def _row(self, setting: Setting, plan: PlanService) -> tuple[QLabel, QWidget]:
        editor = setting.editor(setting.name, self)
        editor.setObjectName(f"setting_{setting.name}")
        editor.load(setting.read(plan))
        editor.focus_widget().setToolTip(tr(setting.tip))
        if setting.placeholder and isinstance(editor, LineSetting):
            editor.edit.setPlaceholderText(tr(setting.placeholder))
        error = self._error_label()
        tip = QLabel(tr(setting.tip), self)
        tip.setTextFormat(Qt.TextFormat.PlainText)
        tip.setWordWrap(True)
        tip.setStyleSheet("color: palette(placeholder-text);")
        box = QWidget(self)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        column.addWidget(editor)
        column.addWidget(error)
        column.addWidget(tip)
        label = QLabel(tr(setting.label), self)
        label.setBuddy(editor.focus_widget())
        self.editors[setting.name] = editor
        self.errors[setting.name] = error
        return label, box

    def _error_label(self) -> QLabel:
        label = QLabel(self)
        label.setObjectName("fieldError")
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.hide()
        return label

    def changed_operations(self) -> list[Operation]:
        plan = self.controller.plan
        found: list[Operation] = []
        for setting in SETTINGS:
            value = self.editors[setting.name].value()
            if setting.differs(plan, value):
                found.append(setting.change(value))
        return found

    def save(self) -> bool:
        """Store what changed as one undoable step and close; a refusal is said beside its
        field and the dialog stays open. False when nothing was stored."""
        self._clear_errors()
        operations = self.changed_operations()
        if not operations:
            self.accept()
            return True
        operation = (
            operations[0]
            if len(operations) == 1
            else Steps(tr("Change the plan settings"), tuple(operations))
        )
        try:
            self.controller.run(operation)
        except ValidationError as refused:
            self._show_refusal(refused)
            return False
        except Exception as error:  # a disk that is full, a plan that went read-only
            self.on_failure(error)
            return False
        self.accept()
        return True

    def _show_refusal(self, refused: ValidationError) -> None:
        label = self.errors.get(refused.field, self.error)
        label.setText(translated(refused.message))
        label.show()
        self._fit_height()
        editor = self.editors.get(refused.field)
        if editor is not None:
            editor.set_invalid(True)
            editor.focus_widget().setFocus()

    def _clear_errors(self) -> None:
        for label in (*self.errors.values(), self.error):
            label.hide()
        for editor in self.editors.values():
            editor.set_invalid(False)


def owner_status(owner: str) -> tuple[str, str]:
    """The status bar's text and tooltip for the plan's owner."""
    if owner:
        return (
            tr("Owner: {name}").format(name=owner),
            tr(
                "This plan is {name}'s: the coach reviews their items. Change it in "
                "File ▸ Plan settings ({shortcut})."
            ).format(name=owner, shortcut=SHORTCUT),
        )
    return (
        tr("No owner yet"),
        tr(
            "Set your name in File ▸ Plan settings ({shortcut}) so the coach knows which "
            "items are yours."
        ).format(shortcut=SHORTCUT),
    )


class OwnerSignals(QObject):
    # The plan's owner as now shown (empty: none yet), after it changed or another plan
    # opened: the window puts it in its title.
    shown = Signal(str)


class PlanSettings(Feature):
    def install(self, shell: Shell) -> None:
        self.shell = shell
        self.signals = OwnerSignals(shell.widget)
        self.dialog: PlanSettingsDialog | None = None
        self.action = QAction(tr("Plan &settings…"), shell.widget)
        self.action.setObjectName("planSettings")
        self.action.setShortcut(QKeySequence(SHORTCUT))
        tip = tr("Whose plan this is, and other settings of the plan file")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self.action.triggered.connect(self.open_settings)
        shell.add_action("file.settings", self.action)
        self.status = QToolButton(shell.widget)
        self.status.setObjectName("ownerStatus")
        self.status.setAutoRaise(True)
        self.status.clicked.connect(self.open_settings)
        shell.add_status_widget(self.status)
        shell.welcome.owner_entered.connect(self.name_owner_from_welcome)
        # The owner changes by an owner step (done, undone or redone) or with the whole
        # plan; the change says so, so no keystroke's edit costs a read here.
        shell.controller.changed.connect(self._plan_changed)
        self.show_owner()

    def open_settings(self) -> PlanSettingsDialog:
        """The dialog, open (window-modal); it stores what changed when Save is pressed."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return self.dialog
        shell = self.shell
        self.dialog = PlanSettingsDialog(shell.controller, self._failed, shell.widget)
        self.dialog.accepted.connect(self.show_owner)
        self.dialog.open()
        return self.dialog

    def _failed(self, error: BaseException) -> None:
        self.shell.show_failure(tr("Plan settings"), error)

    def name_owner_from_welcome(self, name: str) -> None:
        """The welcome page's "Your name", one step of the undo history like any other
        change of the owner."""
        try:
            self.shell.controller.run(SetOwner(name))
        except ValidationError as refused:
            self.shell.welcome.show_owner_error(translated(refused.message))
            return
        except Exception as error:  # the plan cannot be written
            self.shell.show_failure(tr("Your name"), error)
            return
        self.show_owner()

    def _plan_changed(self, changes: PlanChanges) -> None:
        if changes.touches_fact(OWNER_INFO):
            self.show_owner()

    def show_owner(self) -> None:
        owner = self.shell.controller.plan.owner()
        text, tip = owner_status(owner)
        self.status.setText(text)
        self.status.setToolTip(tip)
        self.status.setAccessibleName(text)
        self.shell.welcome.show_owner(owner)
        self.signals.shown.emit(owner)
