"""The person's purpose and values (File ▸ Purpose and Values…, Ctrl+Shift+U): why they work
and for whom, and the short list of values their missions can name. The purpose is shown
above the tree, with the values under it; clicking it opens the dialog. Saving is one undo
step; a refused value is said in the dialog, which stays open with what was typed."""

from __future__ import annotations

from okrdesk.domain.entities import PURPOSE_INFO, PersonalValue
from okrdesk.domain.validation import ValidationError
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr, translated
from okrdesk.gui.features.base import Feature, Shell
from okrdesk.qt.core import Qt, Signal
from okrdesk.qt.gui import QAction, QKeySequence, QMouseEvent, QResizeEvent
from okrdesk.qt.widgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.changes import PlanChanges
from okrdesk.services.missions import ValueRow, edit_values, purpose, set_purpose
from okrdesk.services.operations import Operation, Steps

SHORTCUT = "Ctrl+Shift+U"
NO_PURPOSE = QT_TR_NOOP("Write your purpose: why you work, and for whom (click here)")
ID_ROLE = Qt.ItemDataRole.UserRole + 1


class PurposeDialog(QDialog):
    """The purpose statement, and the values as a table of name and meaning."""

    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("purposeDialog")
        self.setWindowTitle(tr("Purpose and values"))
        self.controller = controller
        plan = controller.plan
        self.purpose = QPlainTextEdit(self)
        self.purpose.setObjectName("purposeText")
        self.purpose.setTabChangesFocus(True)
        self.purpose.setPlaceholderText(
            tr("Why I work, and for whom: the difference I want to make for others")
        )
        self.purpose.setPlainText(purpose(plan))
        self.purpose.setMaximumHeight(110)
        self.values = QTableWidget(0, 2, self)
        self.values.setObjectName("valuesTable")
        self.values.setHorizontalHeaderLabels([tr("Value"), tr("What it means to me")])
        self.values.verticalHeader().hide()
        header = self.values.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.values.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        for value in plan.all(PersonalValue):
            self._add_row(value.id, value.name, value.meaning)
        add = QPushButton(tr("&Add value"), self)
        add.setObjectName("addValue")
        add.clicked.connect(self.add_value)
        remove = QPushButton(tr("&Remove value"), self)
        remove.setObjectName("removeValue")
        remove.clicked.connect(self.remove_value)
        row_buttons = QHBoxLayout()
        row_buttons.addWidget(add)
        row_buttons.addWidget(remove)
        row_buttons.addStretch(1)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        purpose_label = QLabel(tr("&Purpose"), self)
        purpose_label.setBuddy(self.purpose)
        layout.addWidget(purpose_label)
        layout.addWidget(self.purpose)
        values_label = QLabel(tr("&Values (a mission can name the ones it expresses)"), self)
        values_label.setBuddy(self.values)
        layout.addWidget(values_label)
        layout.addWidget(self.values, 1)
        layout.addLayout(row_buttons)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, 440)

    def _add_row(self, value_id: str | None, name: str, meaning: str) -> int:
        row = self.values.rowCount()
        self.values.insertRow(row)
        name_item = QTableWidgetItem(name)
        name_item.setData(ID_ROLE, value_id)
        self.values.setItem(row, 0, name_item)
        self.values.setItem(row, 1, QTableWidgetItem(meaning))
        return row

    def add_value(self) -> None:
        row = self._add_row(None, "", "")
        self.values.setCurrentCell(row, 0)
        item = self.values.item(row, 0)
        if item is not None:
            self.values.editItem(item)

    def remove_value(self) -> None:
        row = self.values.currentRow()
        if row >= 0:
            self.values.removeRow(row)

    def rows(self) -> list[ValueRow]:
        """The values as typed; a row left with no name and no meaning is no value."""
        found = []
        for row in range(self.values.rowCount()):
            name_item, meaning_item = self.values.item(row, 0), self.values.item(row, 1)
            name = name_item.text() if name_item else ""
            meaning = meaning_item.text() if meaning_item else ""
            if not (name.strip() or meaning.strip()):
                continue
            value_id = name_item.data(ID_ROLE) if name_item else None
            found.append(ValueRow(value_id if isinstance(value_id, str) else None, name, meaning))
        return found

    def operation(self) -> Operation | None:
        plan = self.controller.plan
        steps = edit_values(plan, self.rows())
        if self.purpose.toPlainText().strip() != purpose(plan):
            steps.insert(0, set_purpose(self.purpose.toPlainText()))
        if not steps:
            return None
        return Steps(tr("Edit purpose and values"), tuple(steps))

    def save(self) -> bool:
        """Store what changed as one undo step and close; a refusal stays in the dialog."""
        operation = self.operation()
        if operation is None:
            self.accept()
            return True
        try:
            self.controller.run(operation)
        except ValidationError as refused:
            self.error.setText(translated(refused.message))
            self.error.show()
            return False
        self.accept()
        return True


class PurposeHeader(QWidget):
    """The purpose above the tree (two lines at most), the values under it (one line); a
    click opens the dialog."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("purposeHeader")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.purpose = QLabel(self)
        self.purpose.setObjectName("purposeText")
        self.purpose.setStyleSheet("font-style: italic;")
        self.values = QLabel(self)
        self.values.setObjectName("valuesText")
        self.values.setStyleSheet("color: palette(placeholder-text);")
        for label in (self.purpose, self.values):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.purpose.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(1)
        layout.addWidget(self.purpose)
        layout.addWidget(self.values)
        self.setToolTip(
            tr("Your purpose and values: click to edit ({shortcut})").format(shortcut=SHORTCUT)
        )
        self.full_purpose = ""
        self.full_values = ""

    def show_purpose(self, text: str, values: list[str]) -> None:
        self.full_purpose = text or tr(NO_PURPOSE)
        self.full_values = (
            tr("Values: {values}").format(values=" · ".join(values)) if values else ""
        )
        self.setAccessibleName("\n".join(p for p in (self.full_purpose, self.full_values) if p))
        self._fit()

    def _fit(self) -> None:
        # Two lines of purpose and one of values at most: the tree is what this column is for.
        metrics = self.purpose.fontMetrics()
        width = max(self.width() - 12, 120)
        room = width * 2 - metrics.averageCharWidth() * 6
        self.purpose.setText(
            metrics.elidedText(self.full_purpose, Qt.TextElideMode.ElideRight, room)
        )
        self.values.setText(
            metrics.elidedText(self.full_values, Qt.TextElideMode.ElideRight, width)
        )
        self.values.setVisible(bool(self.full_values))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class Purpose(Feature):
    def install(self, shell: Shell) -> None:
        self.shell = shell
        self.dialog: PurposeDialog | None = None
        self.action = QAction(tr("&Purpose and Values…"), shell.widget)
        self.action.setObjectName("purposeAndValues")
        self.action.setShortcut(QKeySequence(SHORTCUT))
        tip = tr("Why you work and for whom, and the values your missions express")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self.action.triggered.connect(self.open_dialog)
        shell.add_action("file.settings", self.action)
        self.header = PurposeHeader(shell.widget)
        self.header.clicked.connect(self.open_dialog)
        shell.add_tree_header(self.header)
        shell.controller.changed.connect(self._plan_changed)
        self.show_purpose()

    def open_dialog(self) -> PurposeDialog:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return self.dialog
        self.dialog = PurposeDialog(self.shell.controller, self.shell.widget)
        self.dialog.open()
        return self.dialog

    def _plan_changed(self, changes: PlanChanges) -> None:
        if changes.touches_fact(PURPOSE_INFO) or changes.touches(PersonalValue):
            self.show_purpose()

    def show_purpose(self) -> None:
        plan = self.shell.controller.plan
        self.header.show_purpose(purpose(plan), [v.name for v in plan.all(PersonalValue)])
