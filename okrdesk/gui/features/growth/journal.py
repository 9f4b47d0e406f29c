"""The learning journal: every growth note of the plan, newest first, filterable by kind,
mission, cycle and text. Activating a note selects its milestone in the tree; private
notes are marked in their own column and in italics.

A dock (View ▸ Learning journal, Ctrl+J) over okrdesk.services.growth.journal.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from okrdesk.domain.entities import Cycle, GrowthNote, Milestone, Mission, Objective
from okrdesk.domain.enums import NoteKind
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.follow import follow
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.qt.core import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from okrdesk.qt.gui import QFont
from okrdesk.qt.widgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.growth import JournalEntry, JournalFilter, journal

if TYPE_CHECKING:
    from okrdesk.gui.features.base import Shell

ModelIndex = QModelIndex | QPersistentModelIndex
JOURNAL_KEYS = "Ctrl+J"
COLUMNS = (
    QT_TR_NOOP("Date"),
    QT_TR_NOOP("Kind"),
    QT_TR_NOOP("Note"),
    QT_TR_NOOP("Milestone"),
    QT_TR_NOOP("Mission"),
    "",
)
PRIVATE_COLUMN = 5


# What the journal shows or filters by.
JOURNAL_KINDS = (Mission, Cycle, Objective, Milestone, GrowthNote)


class JournalModel(QAbstractTableModel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries: list[JournalEntry] = []

    def set_entries(self, entries: list[JournalEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr("Private") if section == PRIVATE_COLUMN else tr(COLUMNS[section])
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entries[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                entry.date.isoformat(),
                entry.kind.value.capitalize(),
                " ".join(entry.text.split()),
                entry.milestone_title,
                entry.mission_title,
                tr("private") if entry.private else "",
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 2:
                return entry.text
            if column == 3:
                return f"{entry.milestone_title}\n{entry.objective_title}\n" + tr(
                    "Double-click to open it"
                )
            if column == PRIVATE_COLUMN and entry.private:
                return tr("A private note: kept out of shared reports")
        if role == Qt.ItemDataRole.FontRole and entry.private:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.UserRole:
            return entry.milestone_id
        return None


class JournalView(QWidget):
    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.widget)
        self.shell = shell
        self.controller: PlanController = shell.controller
        self.setObjectName("learningJournal")
        filters = self._build_filters()
        self.model = JournalModel(self)
        self.table = self._build_table()
        self.count = QLabel(self)
        self.count.setObjectName("editorHint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self._connect()
        # Hidden (as it mostly is), it catches up when shown, not on every edit; nor is
        # it filled before it is first shown (every note of the plan: a large plan's
        # window would open that much later).
        follow(self.controller, self, self.reload, JOURNAL_KINDS).stale = True

    def _build_filters(self) -> QHBoxLayout:
        """The kind, mission and cycle boxes and the search field, in a row."""
        self.kind = QComboBox(self)
        self.kind.setObjectName("journalKind")
        self.kind.setAccessibleName(tr("Kind"))
        self.kind.addItem(tr("All kinds"), None)
        for kind in NoteKind:
            self.kind.addItem(tr(kind.value.capitalize()), kind.value)
        self.mission = QComboBox(self)
        self.mission.setObjectName("journalMission")
        self.mission.setAccessibleName(tr("Mission"))
        self.mission.setMinimumContentsLength(14)
        self.mission.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.cycle = QComboBox(self)
        self.cycle.setObjectName("journalCycle")
        self.cycle.setAccessibleName(tr("Cycle"))
        self.text = QLineEdit(self)
        self.text.setObjectName("journalText")
        self.text.setAccessibleName(tr("Search notes"))
        self.text.setPlaceholderText(tr("Search notes"))
        self.text.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        filters.addWidget(self.kind)
        filters.addWidget(self.mission, 1)
        filters.addWidget(self.cycle)
        filters.addWidget(self.text, 1)
        return filters

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("journalTable")
        table.setAccessibleName(tr("Learning journal"))
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.setAlternatingRowColors(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(0, 90)
        header.resizeSection(1, 70)
        header.resizeSection(3, 200)
        header.resizeSection(4, 180)
        header.resizeSection(PRIVATE_COLUMN, 60)
        return table

    def _connect(self) -> None:
        # activated, not currentIndexChanged: refilling a box must not refresh on its own.
        for box in (self.kind, self.mission, self.cycle):
            box.activated.connect(lambda _row: self.refresh())
        self.text.textChanged.connect(lambda _text: self.refresh())
        self.table.activated.connect(self.open_entry)

    def _fill(self, box: QComboBox, everything: str, choices: list[tuple[str, str]]) -> None:
        chosen = box.currentData()
        box.clear()
        box.addItem(everything, None)
        for value, label in choices:
            box.addItem(label, value)
        row = box.findData(chosen) if chosen is not None else 0
        box.setCurrentIndex(max(row, 0))

    def reload(self) -> None:
        """The plan changed: refill the choices, then the notes."""
        plan = self.controller.plan
        self._fill(self.mission, tr("All missions"), [(m.id, m.title) for m in plan.all(Mission)])
        cycles = sorted(plan.all(Cycle), key=lambda c: c.start)
        self._fill(self.cycle, tr("All cycles"), [(c.id, c.name) for c in cycles])
        self.refresh()

    def current_filter(self) -> JournalFilter:
        kind = self.kind.currentData()
        return JournalFilter(
            kind=None if kind is None else NoteKind(kind),
            mission_id=self.mission.currentData(),
            cycle_id=self.cycle.currentData(),
            text=self.text.text(),
        )

    def refresh(self) -> None:
        entries = journal(self.controller.plan, self.current_filter())
        self.model.set_entries(entries)
        private = sum(1 for e in entries if e.private)
        shown = (
            tr("1 note") if len(entries) == 1 else tr("{count} notes").format(count=len(entries))
        )
        if private:
            shown = tr("{notes}, {private} private").format(notes=shown, private=private)
        self.count.setText(shown)

    def open_entry(self, index: QModelIndex) -> bool:
        """Select the note's milestone in the tree (showing every cycle if need be)."""
        if not index.isValid():
            return False
        return self.shell.reveal(self.model.entries[index.row()].milestone_id)
