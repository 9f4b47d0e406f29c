"""Check-ins from the GUI: the check-in dialog (Ctrl+K, the tree's context menu, the key
result's editor) and the key result's check-in history, whose edits and deletes are
undoable like every other change.

Confidence is asked and shown as "x in 10" (people answer that more readily than 0.7) and
stored as 0.0-1.0, read and written by ``okrdesk.domain.confidence`` like everywhere else.
Nothing is saved until every field is valid; refusals show in the dialog.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from typing import Any

from okrdesk.domain.confidence import confidence_points, confidence_text, parse_confidence
from okrdesk.domain.entities import CheckIn, Item, KeyResult
from okrdesk.domain.enums import KeyResultKind
from okrdesk.domain.validation import ValidationError, coerce, validate
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr, translated
from okrdesk.gui.features.base import Feature, Shell
from okrdesk.gui.panes.editor import EditorPanel
from okrdesk.gui.panes.fields import IN_10, NOT_SET, guard_wheel, qdate_to_date
from okrdesk.qt.core import QDate, Qt
from okrdesk.qt.gui import QAction, QKeySequence
from okrdesk.qt.widgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.errors import ItemNotFound
from okrdesk.services.operations import EditFields
from okrdesk.services.outline import NodeKind

CHECK_IN_KEYS = "Ctrl+K"
CONFIDENCE_TIP = QT_TR_NOOP(
    "How sure you are of reaching the target, in 10: 7, 7/10 or 7 in 10 (empty: not set)"
)


# The fields of a key result that its check-ins table shows (see value_text).
KEY_RESULT_FIELDS_SHOWN = frozenset({"kind", "unit"})


def value_text(kr: KeyResult, value: float) -> str:
    if kr.kind is KeyResultKind.MILESTONE:
        return tr("done") if value >= 1 else tr("not done")
    return f"{value:g} {kr.unit}".rstrip()


class CheckInDialog(QDialog):
    """A new check-in on ``kr``, or a change to ``existing``; it saves itself through the
    controller when OK is pressed and every field is valid."""

    def __init__(
        self,
        controller: PlanController,
        kr: KeyResult,
        parent: QWidget | None = None,
        existing: CheckIn | None = None,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.kr = kr
        self.existing = existing
        self.saved: CheckIn | None = None
        self.milestone = kr.kind is KeyResultKind.MILESTONE
        self.setObjectName("checkInDialog")
        self.setWindowTitle(tr("Edit check-in") if existing else tr("Check in"))
        self.setMinimumWidth(380)
        # The parts are built in the order they appear, top to bottom: the widgets' creation
        # order is the dialog's tab order.
        heading = self._build_heading()
        value_row = self._build_value_row()
        confidence_row = self._build_confidence_row()
        self._build_note()
        self._build_date()
        self._build_error()
        form = self._build_form(value_row, confidence_row)
        self._build_buttons()
        self._lay_out(heading, form)
        self._connect()
        self._load(existing, today or date.today())

    def _build_heading(self) -> QLabel:
        # The title is the person's text: plain, never read as rich text.
        heading = QLabel(self.kr.title, self)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setWordWrap(True)
        heading.setObjectName("editorTitle")
        return heading

    def _build_value_row(self) -> QHBoxLayout:
        """A milestone is answered with a Done box, any other kind with a number (and its
        unit); both widgets exist so ``raw_values`` and ``_load`` need not ask which."""
        self.value_edit = QLineEdit(self)
        self.value_edit.setObjectName("checkInValue")
        self.value_edit.setAccessibleName(tr("Value"))
        self.done_box = QCheckBox(tr("Done"), self)
        self.done_box.setObjectName("checkInDone")
        value_row = QHBoxLayout()
        if self.milestone:
            value_row.addWidget(self.done_box)
            self.value_edit.hide()
        else:
            self.done_box.hide()
            value_row.addWidget(self.value_edit, 1)
            self._add_unit(value_row)
            self.value_edit.setPlaceholderText(self._value_hint())
        return value_row

    def _add_unit(self, value_row: QHBoxLayout) -> None:
        if self.kr.unit:
            unit = QLabel(self.kr.unit, self)
            unit.setTextFormat(Qt.TextFormat.PlainText)
            unit.setObjectName("unitLabel")
            value_row.addWidget(unit)

    def _value_hint(self) -> str:
        """The value field's placeholder: where the key result starts and aims, if known."""
        hint = []
        if self.kr.baseline is not None:
            hint.append(tr("from {value}").format(value=f"{self.kr.baseline:g}"))
        if self.kr.target is not None:
            hint.append(tr("to {value}").format(value=f"{self.kr.target:g}"))
        return " ".join(hint) or tr("the value now")

    def _build_confidence_row(self) -> QHBoxLayout:
        self.confidence = QLineEdit(self)
        self.confidence.setObjectName("checkInConfidence")
        self.confidence.setAccessibleName(tr("Confidence"))
        self.confidence.setPlaceholderText(tr(NOT_SET))
        self.confidence.setToolTip(tr(CONFIDENCE_TIP))
        # The number alone in the field, so what is shown reads back in every language.
        confidence_row = QHBoxLayout()
        confidence_row.addWidget(self.confidence, 1)
        in_10 = QLabel(tr(IN_10), self)
        in_10.setObjectName("unitLabel")
        confidence_row.addWidget(in_10)
        return confidence_row

    def _build_note(self) -> None:
        self.note = QPlainTextEdit(self)
        self.note.setObjectName("checkInNote")
        self.note.setAccessibleName(tr("Note"))
        self.note.setPlaceholderText(tr("What moved, what is in the way"))
        # Tab moves on to the date rather than typing a tab into the note.
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(90)

    def _build_date(self) -> None:
        self.date_edit = QDateEdit(self)
        self.date_edit.setObjectName("checkInDate")
        self.date_edit.setAccessibleName(tr("Date"))
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        # Scrolling the dialog must not change the date under the pointer.
        guard_wheel(self.date_edit)

    def _build_error(self) -> None:
        # Hidden until a refusal: a validation message may quote what the person typed.
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.hide()

    def _build_form(self, value_row: QHBoxLayout, confidence_row: QHBoxLayout) -> QFormLayout:
        form = QFormLayout()
        form.addRow(tr("Value"), value_row)
        form.addRow(tr("Confidence"), confidence_row)
        form.addRow(tr("Note"), self.note)
        form.addRow(tr("Date"), self.date_edit)
        return form

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(tr("Save") if self.existing else tr("Check in"))

    def _lay_out(self, heading: QLabel, form: QFormLayout) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _load(self, existing: CheckIn | None, today: date) -> None:
        day = today if existing is None else existing.date
        self.date_edit.setDate(QDate(day.year, day.month, day.day))
        confidence = None if existing is None else existing.confidence
        self.confidence.setText("" if confidence is None else confidence_points(confidence))
        if existing is not None:
            self.value_edit.setText(f"{existing.value:g}")
            self.done_box.setChecked(existing.value >= 1)
            self.note.setPlainText(existing.note)
        self.value_edit.setFocus()

    def raw_values(self) -> dict[str, Any]:
        """What the person entered, as loose values for the record's fields."""
        value: Any = (1.0 if self.done_box.isChecked() else 0.0) if self.milestone else None
        if not self.milestone:
            value = self.value_edit.text().strip()
            if not value:
                raise ValidationError("value", tr("Enter the value now."))
        return {
            "value": value,
            "confidence": parse_confidence(self.confidence.text()),
            "note": self.note.toPlainText().strip(),
            "date": qdate_to_date(self.date_edit.date()),
        }

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def accept(self) -> None:
        try:
            values = coerce(CheckIn, self.raw_values())
            if self.existing is None:
                record = CheckIn(key_result_id=self.kr.id, **values)
                validate(record)
                added = self.controller.add(record)
                assert isinstance(added, CheckIn)
                self.saved = added
            else:
                validate(dataclasses.replace(self.existing, **values))
                self.saved = edit_check_in(self.controller, self.existing, values)
        except ValidationError as error:
            self.show_error(translated(error.message))
            return
        except ItemNotFound:
            self.show_error(tr("This key result or check-in was deleted meanwhile."))
            return
        super().accept()


def edit_check_in(controller: PlanController, existing: CheckIn, values: dict[str, Any]) -> CheckIn:
    """Change a check-in as one undo step of its own (never merged with the last one)."""
    changes = {k: v for k, v in values.items() if getattr(existing, k) != v}
    if not changes:
        return existing
    edit = EditFields(
        CheckIn, existing.id, changes, mergeable=False, label_text=tr("Edit check-in")
    )
    saved = controller.run(edit).record
    assert isinstance(saved, CheckIn)
    return saved


def open_check_in(
    controller: PlanController,
    kr_id: str,
    parent: QWidget,
    existing: CheckIn | None = None,
    today: date | None = None,
) -> CheckInDialog | None:
    """Open the check-in dialog (window-modal, so the app goes on drawing)."""
    kr = controller.plan.find(KeyResult, kr_id)
    if kr is None:
        return None
    dialog = CheckInDialog(controller, kr, parent, existing, today)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class CheckInHistory(EditorPanel):
    """The key result's check-ins, newest first, with check in, edit and delete."""

    COLUMNS = (
        QT_TR_NOOP("Date"),
        QT_TR_NOOP("Value"),
        QT_TR_NOOP("Confidence"),
        QT_TR_NOOP("Note"),
    )

    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("checkInHistory")
        self.kr: KeyResult | None = None
        self.check_ins: list[CheckIn] = []
        self.today: Callable[[], date] = date.today
        self.dialog: CheckInDialog | None = None
        title = QLabel(tr("Check-ins"), self)
        title.setObjectName("kindLabel")
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setObjectName("checkInTable")
        self.table.setAccessibleName(tr("Check-in history"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in self.COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in range(3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(150)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.check_in_button = QPushButton(tr("Check in…"), self)
        self.check_in_button.setToolTip(
            tr("Record the value now ({shortcut})").format(shortcut=CHECK_IN_KEYS)
        )
        self.check_in_button.clicked.connect(self.check_in)
        self.edit_button = QPushButton(tr("Edit…"), self)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton(tr("Delete"), self)
        self.delete_button.setToolTip(tr("Delete the selected check-in (undo with Ctrl+Z)"))
        self.delete_button.clicked.connect(self.delete_selected)
        self.empty = QLabel(tr("No check-ins yet."), self)
        self.empty.setObjectName("editorHint")
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_in_button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        buttons.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)

    def record_saved(self, record: Item, name: str) -> None:
        # The table shows each value with the key result's unit, or as done / not done
        # for a milestone key result; no other field of it changes a row.
        if name in KEY_RESULT_FIELDS_SHOWN:
            self.show_record(record)
        else:
            assert isinstance(record, KeyResult)
            self.kr = record

    def show_record(self, record: Item) -> None:
        assert isinstance(record, KeyResult)
        self.kr = record
        selected = self.selected()
        # Newest first: the last check-in is what a person looks for.
        self.check_ins = list(reversed(self.controller.plan.check_ins(record.id)))
        self.table.setRowCount(len(self.check_ins))
        for row, check_in in enumerate(self.check_ins):
            cells = (
                check_in.date.isoformat(),
                value_text(record, check_in.value),
                translated(confidence_text(check_in.confidence)),
                " ".join(check_in.note.split()),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 3 and check_in.note:
                    item.setToolTip(check_in.note)
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(self.check_ins))
        self.empty.setVisible(not self.check_ins)
        if selected is not None:
            ids = [c.id for c in self.check_ins]
            if selected.id in ids:
                self.table.selectRow(ids.index(selected.id))
        self._update_buttons()

    def selected(self) -> CheckIn | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.check_ins):
            return None
        return self.check_ins[rows[0].row()]

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def check_in(self) -> CheckInDialog | None:
        if self.kr is None:
            return None
        self.dialog = open_check_in(self.controller, self.kr.id, self.window(), today=self.today())
        return self.dialog

    def edit_selected(self) -> CheckInDialog | None:
        chosen = self.selected()
        if self.kr is None or chosen is None:
            return None
        self.dialog = open_check_in(self.controller, self.kr.id, self.window(), chosen)
        return self.dialog

    def delete_selected(self) -> bool:
        chosen = self.selected()
        if self.kr is None or chosen is None:
            return False
        self.controller.delete(CheckIn, chosen.id, self.kr.id)
        return True


class CheckIns(Feature):
    """Ctrl+K on the selected key result (Edit menu, context menu) and the history of
    check-ins under a key result's form."""

    def install(self, shell: Shell) -> None:
        self.shell = shell
        self.dialog: CheckInDialog | None = None
        self.history = CheckInHistory(shell.controller, shell.editor)
        self.history.today = shell.today
        shell.add_editor_panel(KeyResult, self.history)
        self.action = QAction(tr("Check &in…"), shell.widget)
        self.action.setShortcut(QKeySequence(CHECK_IN_KEYS))
        self.action.setToolTip(
            tr("Record the selected key result's value now ({shortcut})").format(
                shortcut=CHECK_IN_KEYS
            )
        )
        self.action.setStatusTip(tr("Record the selected key result's value now"))
        self.action.triggered.connect(self.check_in)
        shell.add_action("edit.record", self.action)
        shell.add_context_action("context.record", self.action)
        shell.tree.node_selected.connect(lambda _id: self.update_enabled())
        self.update_enabled()

    def current_key_result(self) -> str | None:
        node = self.shell.tree.current_node()
        return node.id if node is not None and node.kind is NodeKind.KEY_RESULT else None

    def update_enabled(self) -> None:
        self.action.setEnabled(self.current_key_result() is not None)

    def check_in(self) -> CheckInDialog | None:
        kr_id = self.current_key_result()
        if kr_id is None:
            return None
        shell = self.shell
        self.dialog = open_check_in(shell.controller, kr_id, shell.widget, today=shell.today())
        return self.dialog
