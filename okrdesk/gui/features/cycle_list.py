"""The Cycles dialog (Cycle ▸ Cycles…): the plan's cycles in a list, each renamed and
re-dated in place, added ("Add next quarter" is one click) and deleted.

Every change is one undoable operation run by the controller (``services.operations``:
``add_next_quarter``, ``rename_cycle``, ``redate_cycle``, ``DeleteItem``), so the undo
history names it and every pane, the toolbar's cycle box among them, follows it. The dialog
reads the plan again whenever a change touches cycles, an undo included. Deleting a cycle
with objectives or one-on-ones in it asks first and says what becomes of them.
"""

from __future__ import annotations

from datetime import date

from okrdesk.domain.entities import Cycle, Meeting, Objective
from okrdesk.domain.okr_cycles import default_cycle_dates
from okrdesk.domain.validation import ValidationError
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import tr, translated
from okrdesk.gui.features.base import Feature, Shell
from okrdesk.gui.panes.fields import guard_wheel, qdate_to_date
from okrdesk.qt.core import QDate, Qt
from okrdesk.qt.gui import QAction
from okrdesk.qt.widgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.changes import PlanChanges
from okrdesk.services.operations import (
    AddItem,
    Applied,
    DeleteItem,
    Operation,
    add_next_quarter,
    cycle_deletion_details,
    redate_cycle,
    rename_cycle,
)

DATE_FORMAT = "d MMM yyyy"


def cycle_row(cycle: Cycle, objectives: int, meetings: int) -> list[str]:
    """The list's columns for one cycle: name, dates and what is in it."""
    dates = f"{cycle.start:%-d %b} – {cycle.end:%-d %b %Y}"
    counts = tr("{n} objectives").format(n=objectives) if objectives != 1 else tr("1 objective")
    if meetings:
        counts += " · " + (
            tr("{n} one-on-ones").format(n=meetings) if meetings != 1 else tr("1 one-on-one")
        )
    return [cycle.name, dates, counts]


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class CyclesDialog(QDialog):
    def __init__(self, shell: Shell, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shell = shell
        self.setObjectName("cyclesDialog")
        self.setWindowTitle(tr("Cycles"))
        self.list = QTreeWidget(self)
        self.list.setObjectName("cycleList")
        self.list.setAccessibleName(tr("Cycles"))
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setHeaderLabels([tr("Cycle"), tr("Dates"), tr("In it")])
        header = self.list.header()
        header.setStretchLastSection(True)
        for column in (0, 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.list.currentItemChanged.connect(lambda *_: self._show_current())
        self.add_next = QPushButton(tr("Add &next quarter"), self)
        self.add_next.setObjectName("addNextQuarter")
        self.add_next.setToolTip(tr("Add the quarter after the latest cycle"))
        self.add_next.clicked.connect(self.add_next_quarter)
        self.add_other = QPushButton(tr("&Add cycle"), self)
        self.add_other.setObjectName("addCycle")
        self.add_other.setToolTip(tr("Add a cycle of three months from today, to name and date"))
        self.add_other.clicked.connect(self.add_cycle)
        self.delete = QPushButton(tr("&Delete"), self)
        self.delete.setObjectName("deleteCycle")
        self.delete.clicked.connect(self.delete_current)
        self.name = QLineEdit(self)
        self.name.setObjectName("cycleName")
        self.name.editingFinished.connect(self._rename)
        self.start = self._date_edit("cycleStart")
        self.end = self._date_edit("cycleEnd")
        self.error = QLabel(self)
        self.error.setObjectName("cycleError")
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: palette(highlight);")
        self._layout()
        shell.controller.changed.connect(self._plan_changed)
        self.refill()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.editingFinished.connect(self._redate)
        guard_wheel(edit)
        return edit

    def _layout(self) -> None:
        # Return in a field commits the field; it must not press a button too.
        for button in (self.add_next, self.add_other, self.delete):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        for button in (self.add_next, self.add_other):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for text, field in (
            (tr("&Name"), self.name),
            (tr("&Starts"), self.start),
            (tr("&Ends"), self.end),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            form.addRow(label, field)
        hint = QLabel(
            tr("Changes are saved as you make them; Ctrl+Z in the window undoes each one."),
            self,
        )
        hint.setObjectName("cycleHint")
        hint.setWordWrap(True)
        hint.setEnabled(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(hint)
        layout.addWidget(close)
        self.setMinimumWidth(480)

    # -- reading the plan -----------------------------------------------------------------

    @property
    def controller(self) -> PlanController:
        return self.shell.controller

    def cycles(self) -> list[Cycle]:
        return sorted(self.controller.plan.all(Cycle), key=lambda c: (c.start, c.end, c.name))

    def current_cycle(self) -> Cycle | None:
        item = self.list.currentItem()
        cycle_id = None if item is None else item.data(0, Qt.ItemDataRole.UserRole)
        return None if cycle_id is None else self.controller.plan.find(Cycle, cycle_id)

    def _plan_changed(self, changes: PlanChanges) -> None:
        if changes.touches(Cycle, Objective, Meeting):
            self.refill()

    def refill(self, select: str | None = None) -> None:
        """The list read again, keeping (or moving to) the selected cycle."""
        current = self.current_cycle()
        wanted = select or (None if current is None else current.id)
        plan = self.controller.plan
        objectives: dict[str | None, int] = {}
        for objective in plan.all(Objective):
            objectives[objective.cycle_id] = objectives.get(objective.cycle_id, 0) + 1
        meetings: dict[str | None, int] = {}
        for meeting in plan.all(Meeting):
            meetings[meeting.cycle_id] = meetings.get(meeting.cycle_id, 0) + 1
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for cycle in self.cycles():
                columns = cycle_row(cycle, objectives.get(cycle.id, 0), meetings.get(cycle.id, 0))
                item = QTreeWidgetItem(self.list, columns)
                item.setData(0, Qt.ItemDataRole.UserRole, cycle.id)
                for column, text in enumerate(columns):
                    item.setToolTip(column, text)
                if cycle.id == wanted:
                    self.list.setCurrentItem(item)
            first = self.list.topLevelItem(0)
            if self.list.currentItem() is None and first is not None:
                self.list.setCurrentItem(first)
        finally:
            self.list.blockSignals(False)
        self._show_current()

    def _show_current(self) -> None:
        cycle = self.current_cycle()
        for widget in (self.name, self.start, self.end, self.delete):
            widget.setEnabled(cycle is not None)
        self.error.clear()
        if cycle is None:
            self.name.clear()
            return
        for edit in (self.start, self.end):
            edit.blockSignals(True)
        try:
            self.name.setText(cycle.name)
            self.name.setCursorPosition(0)
            self.start.setDate(to_qdate(cycle.start))
            self.end.setDate(to_qdate(cycle.end))
        finally:
            for edit in (self.start, self.end):
                edit.blockSignals(False)

    # -- changing it ----------------------------------------------------------------------

    def _run(self, operation: Operation) -> Applied | None:
        """Run one undoable step; a refusal is said under the form and nothing is saved."""
        try:
            applied = self.controller.run(operation, initiator=self)
        except ValidationError as error:
            self.error.setText(translated(error.message))
            return None
        self.error.clear()
        return applied

    def add_next_quarter(self) -> Cycle | None:
        return self._add(add_next_quarter(self.controller.plan, self.shell.today()))

    def add_cycle(self) -> Cycle | None:
        """A cycle of three months from today, its name selected to be typed over."""
        start, end = default_cycle_dates(self.shell.today())
        added = self._add(AddItem(Cycle(name=tr("New cycle"), start=start, end=end)))
        self.name.setFocus()
        self.name.selectAll()
        return added

    def _add(self, operation: AddItem) -> Cycle | None:
        applied = self._run(operation)
        if applied is None or not isinstance(applied.record, Cycle):
            return None
        self.refill(select=applied.record.id)
        name = applied.record.label
        self.shell.show_status(tr("Added the cycle {name}").format(name=name), 6000)
        return applied.record

    def _rename(self) -> None:
        cycle = self.current_cycle()
        if cycle is not None and self.name.text().strip() != cycle.name:
            self._run(rename_cycle(cycle.id, self.name.text()))

    def _redate(self) -> None:
        cycle = self.current_cycle()
        if cycle is None:
            return
        start, end = qdate_to_date(self.start.date()), qdate_to_date(self.end.date())
        if (start, end) != (cycle.start, cycle.end):
            self._run(redate_cycle(cycle.id, start, end))

    def delete_current(self) -> bool:
        """Delete the selected cycle, after asking when something is in it."""
        cycle = self.current_cycle()
        if cycle is None:
            return False
        details = translated(cycle_deletion_details(self.controller.plan, cycle.id))
        if details:
            question = tr("Delete the cycle “{name}”?").format(name=cycle.name)
            if not self.shell.confirm(question, details):
                return False
        return self._run(DeleteItem(Cycle, cycle.id)) is not None


class CycleList(Feature):
    def install(self, shell: Shell) -> None:
        self.shell = shell
        self.dialog: CyclesDialog | None = None
        self.action = QAction(tr("&Cycles…"), shell.widget)
        self.action.setObjectName("showCycles")
        self.action.setToolTip(tr("Add, rename, re-date and delete the plan's cycles"))
        self.action.triggered.connect(self.show_dialog)
        shell.add_action("cycle.list", self.action)
        # Reached from the tree too: right-click an item to manage the cycles it lives in.
        shell.add_context_action("context.change", self.action)

    def show_dialog(self) -> CyclesDialog:
        """The dialog, made once and shown again (it follows the plan meanwhile)."""
        if self.dialog is None:
            self.dialog = CyclesDialog(self.shell, self.shell.widget)
        cycle_id = self.shell.controller.cycle_id
        self.dialog.refill(select=cycle_id)
        self.dialog.show()
        self.dialog.raise_()
        self.dialog.activateWindow()
        return self.dialog
