"""A one-on-one's page in the editor: closing it, its agenda, its action items and the
"since last time" table; and creating a meeting with its prepared agenda.

Every change goes through the controller, one undoable step each: adding, removing,
reordering and ticking agenda points and action items, creating a meeting with its agenda,
and closing a meeting (undo reopens it and deletes its snapshots).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from okrdesk.domain.entities import ActionItem, AgendaPoint, Item, Meeting
from okrdesk.domain.enums import MeetingKind
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr, translated
from okrdesk.gui.core.kinds import action_icon
from okrdesk.gui.core.theme import health_text_colour
from okrdesk.gui.panes.editor import EditorPanel
from okrdesk.qt.core import QEvent, QModelIndex, Qt, Signal
from okrdesk.qt.gui import QBrush, QDropEvent, QFont, QKeyEvent, QKeySequence
from okrdesk.qt.widgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.meetings import (
    confidence_cell,
    health_cell,
    prepare_agenda,
    since_last_time,
    value_cell,
)
from okrdesk.services.next_steps import tick_agenda_point
from okrdesk.services.operations import AddItem, AddMeeting, CloseMeeting, Steps

if TYPE_CHECKING:
    pass

Today = Callable[[], date]


# -- undo commands ---------------------------------------------------------------------------


def edit_from_list_item(
    controller: PlanController, record: AgendaPoint | ActionItem, item: QListWidgetItem
) -> bool:
    """Save what the person did to a ticked, editable list row (its tick, its text) as one
    undoable edit; False when they emptied the text, which is not saved."""
    done = item.checkState() == Qt.CheckState.Checked
    text = item.text().strip()
    changes: dict[str, object] = {}
    if done != record.done:
        changes["done"] = done
    if text and text != record.text:
        changes["text"] = text
    if "done" in changes and isinstance(record, AgendaPoint):
        # A point about a next step ticks the step too, in the same undo step.
        controller.run(tick_agenda_point(controller.plan, record, done))
        del changes["done"]
    if changes:
        controller.edit(type(record), record.id, **changes)
    return bool(text)


def create_meeting(controller: PlanController, meeting: Meeting) -> Meeting:
    """Add ``meeting`` with the agenda prepared from the plan, as one undoable step."""
    points = tuple(prepare_agenda(controller.plan, meeting))
    added = controller.run(AddMeeting(meeting, points)).record
    assert isinstance(added, Meeting)
    return added


def close_meeting(controller: PlanController, meeting_id: str, day: date) -> None:
    controller.run(CloseMeeting(meeting_id, day))


def add_prepared_points(controller: PlanController, meeting: Meeting) -> int:
    """Add the prepared points the agenda lacks (one undoable step); how many were added."""
    plan = controller.plan
    have = {(p.source, p.subject_id) for p in plan.children(AgendaPoint, meeting.id)}
    fresh = [p for p in prepare_agenda(plan, meeting) if (p.source, p.subject_id) not in have]
    if not fresh:
        return 0
    steps = tuple(AddItem(point, focus=meeting.id) for point in fresh)
    controller.run(Steps(tr("Prepare agenda"), steps, focus=meeting.id))
    return len(fresh)


# -- a list that reorders through the controller ---------------------------------------------


class OrderedList(QListWidget):
    """Checkable, editable rows of records; dragging, Alt+Up/Down and Delete ask the owner
    to move or remove (the list itself never moves a row: the plan does, then it reloads)."""

    move_requested = Signal(str, int)
    remove_requested = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setMinimumHeight(90)

    def current_id(self) -> str | None:
        item = self.currentItem()
        if item is None:
            return None
        item_id = item.data(Qt.ItemDataRole.UserRole)
        return item_id if isinstance(item_id, str) else None

    def request_step(self, step: int) -> None:
        row = self.currentRow()
        item_id = self.current_id()
        if item_id is not None and 0 <= row + step < self.count():
            self.move_requested.emit(item_id, row + step)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.request_step(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        if event.matches(QKeySequence.StandardKey.Delete) and self.state() != (
            QAbstractItemView.State.EditingState
        ):
            item_id = self.current_id()
            if item_id is not None:
                self.remove_requested.emit(item_id)
            return
        super().keyPressEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        item_id = self.current_id()
        source = self.currentRow()
        target = self.indexAt(event.position().toPoint())
        row = self.count() if not target.isValid() else self._drop_row(target, event)
        # Dropping below itself: the row it leaves shifts the rest up by one.
        index = row - 1 if row > source else row
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        if item_id is not None and index != source:
            self.move_requested.emit(item_id, index)

    def _drop_row(self, target: QModelIndex, event: QDropEvent) -> int:
        rect = self.visualRect(target)
        below = event.position().toPoint().y() > rect.center().y()
        return target.row() + (1 if below else 0)


def _button(text: str, tip: str, parent: QWidget) -> QPushButton:
    button = QPushButton(text, parent)
    button.setToolTip(tip)
    return button


def _icon_button(icon: str, name: str, tip: str, parent: QWidget) -> QPushButton:
    button = QPushButton(action_icon(icon), "", parent)
    button.setAccessibleName(name)
    button.setToolTip(tip)
    return button


# -- panels ----------------------------------------------------------------------------------


class ClosingPanel(EditorPanel):
    """Whether the meeting is open, and the button that closes it."""

    def __init__(self, controller: PlanController, today: Today = date.today) -> None:
        super().__init__()
        self.controller = controller
        self.today = today
        self.meeting_id: str | None = None
        self.state = QLabel(self)
        self.state.setObjectName("meetingState")
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.state.setWordWrap(True)
        self.close_button = _button(
            tr("Close meeting"),
            tr(
                "Freeze every key result's value, confidence and health now, so the next "
                "one-on-one shows what changed since (undo with Ctrl+Z)"
            ),
            self,
        )
        self.close_button.setObjectName("closeMeeting")
        self.close_button.clicked.connect(self.close_now)
        self.review_button = _button(tr("Review together (F5)"), tr("Start the review mode"), self)
        self.review_button.setObjectName("startReview")
        self.review_button.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.review_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.state)
        layout.addLayout(buttons)

    def show_record(self, record: Item) -> None:
        assert isinstance(record, Meeting)
        self.meeting_id = record.id
        closed = record.closed_on is not None
        state = (
            tr("Closed on {day}: its key results are frozen for next time.").format(
                day=record.closed_on
            )
            if closed
            else tr("Open. Close it at the end of the meeting to compare next time.")
        )
        if record.kind is MeetingKind.MISSIONS:
            kind = tr(
                "For agreeing missions: the agenda takes each of your missions in turn, whom "
                "it serves, when it is served, how it was evaluated and what it serves."
            )
            state = f"{kind}\n{state}"
        self.state.setText(state)
        self.close_button.setEnabled(not closed)

    def close_now(self) -> None:
        if self.meeting_id is not None:
            close_meeting(self.controller, self.meeting_id, self.today())


# What "Prepare from plan" adds, by the kind of one-on-one.
PREPARE_TIPS: dict[MeetingKind, str] = {
    MeetingKind.REGULAR: QT_TR_NOOP(
        "Add what the plan suggests talking about and the agenda lacks: low confidence, "
        "outdated check-ins, milestones, growth notes, coach warnings, open actions"
    ),
    MeetingKind.MISSIONS: QT_TR_NOOP(
        "Add what the agenda lacks about each of your missions: whom it serves, when it is "
        "served, its evaluations, the team missions and objectives it serves, what the coach "
        "says of it; and the open actions"
    ),
}


class AgendaPanel(EditorPanel):
    def __init__(self, controller: PlanController) -> None:
        super().__init__()
        self.controller = controller
        self.meeting: Meeting | None = None
        self.points: dict[str, AgendaPoint] = {}
        self._loading = False
        box = QGroupBox(tr("Agenda"), self)
        self.list = OrderedList("agendaList", box)
        self.list.setAccessibleName(tr("Agenda"))
        self.list.setToolTip(
            tr(
                "Tick a point when it was talked about; double-click to change it, drag or "
                "Alt+Up/Down to reorder, Delete to remove"
            )
        )
        self.list.itemChanged.connect(self._item_changed)
        self.list.move_requested.connect(self.move_point)
        self.list.remove_requested.connect(self.remove_point)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.new_point = QLineEdit(box)
        self.new_point.setObjectName("newAgendaPoint")
        self.new_point.setAccessibleName(tr("New agenda point"))
        self.new_point.setPlaceholderText(tr("Add a point and press Enter"))
        self.new_point.returnPressed.connect(self._add_typed)
        # Up, down and remove are known by their icons (named for screen readers), so the
        # row fits the narrowest editor pane beside "Prepare from plan".
        self.up = _icon_button("up", tr("Up"), tr("Move the point up (Alt+Up)"), box)
        self.down = _icon_button("down", tr("Down"), tr("Move the point down (Alt+Down)"), box)
        self.remove = _icon_button("delete", tr("Remove"), tr("Remove the point (Delete)"), box)
        self.prepare = _button(tr("Prepare from plan"), tr(PREPARE_TIPS[MeetingKind.REGULAR]), box)
        self.prepare.setObjectName("prepareAgenda")
        self.up.clicked.connect(lambda: self.list.request_step(-1))
        self.down.clicked.connect(lambda: self.list.request_step(1))
        self.remove.clicked.connect(self._remove_current)
        self.prepare.clicked.connect(self._prepare)
        buttons = QHBoxLayout()
        for button in (self.up, self.down, self.remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.prepare)
        inner = QVBoxLayout(box)
        inner.addWidget(self.list)
        inner.addWidget(self.new_point)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)

    def show_record(self, record: Item) -> None:
        assert isinstance(record, Meeting)
        self.meeting = record
        self.prepare.setToolTip(tr(PREPARE_TIPS[record.kind]))
        points = self.controller.plan.children(AgendaPoint, record.id)
        self.points = {p.id: p for p in points}
        keep = self.list.current_id()
        self._loading = True
        try:
            self.list.clear()
            for point in points:
                item = QListWidgetItem(point.text, self.list)
                item.setData(Qt.ItemDataRole.UserRole, point.id)
                item.setFlags(
                    item.flags()
                    | Qt.ItemFlag.ItemIsUserCheckable
                    | Qt.ItemFlag.ItemIsEditable
                    | Qt.ItemFlag.ItemIsDragEnabled
                )
                item.setCheckState(Qt.CheckState.Checked if point.done else Qt.CheckState.Unchecked)
                if point.source:
                    item.setToolTip(
                        tr("Prepared from the plan ({source})").format(source=point.source)
                    )
                if point.id == keep:
                    self.list.setCurrentItem(item)
        finally:
            self._loading = False
        self.list.setFixedHeight(min(60 + 26 * max(len(points), 2), 320))
        self._update_buttons()

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        self.up.setEnabled(row > 0)
        self.down.setEnabled(0 <= row < self.list.count() - 1)
        self.remove.setEnabled(row >= 0)

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        point = self.points.get(item.data(Qt.ItemDataRole.UserRole))
        if point is None:
            return
        if not edit_from_list_item(self.controller, point, item) and self.meeting is not None:
            self.show_record(self.meeting)  # an emptied point keeps its text

    def add_point(self, text: str) -> AgendaPoint | None:
        if self.meeting is None or not text.strip():
            return None
        point = AgendaPoint(meeting_id=self.meeting.id, text=text.strip())
        added = self.controller.add(point, focus=self.meeting.id)
        assert isinstance(added, AgendaPoint)
        return added

    def _add_typed(self) -> None:
        if self.add_point(self.new_point.text()) is not None:
            self.new_point.clear()

    def move_point(self, point_id: str, index: int) -> None:
        if self.meeting is not None:
            self.controller.move(AgendaPoint, point_id, self.meeting.id, index)
            self._select(point_id)

    def remove_point(self, point_id: str) -> None:
        if self.meeting is not None:
            self.controller.delete(AgendaPoint, point_id, self.meeting.id)

    def _remove_current(self) -> None:
        point_id = self.list.current_id()
        if point_id is not None:
            self.remove_point(point_id)

    def _prepare(self) -> None:
        if self.meeting is not None:
            add_prepared_points(self.controller, self.meeting)

    def _select(self, point_id: str) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == point_id:
                self.list.setCurrentItem(item)


class ActionItemsPanel(EditorPanel):
    """The meeting's action items: tick when done, double-click to change, add, remove."""

    def __init__(self, controller: PlanController) -> None:
        super().__init__()
        self.controller = controller
        self.meeting: Meeting | None = None
        self.action_items: dict[str, ActionItem] = {}
        self._loading = False
        box = QGroupBox(tr("Action items"), self)
        self.list = OrderedList("actionList", box)
        self.list.setAccessibleName(tr("Action items"))
        self.list.itemChanged.connect(self._item_changed)
        self.list.move_requested.connect(self._move)
        self.list.remove_requested.connect(self._remove)
        self.new_action = QLineEdit(box)
        self.new_action.setObjectName("newActionItem")
        self.new_action.setAccessibleName(tr("New action item"))
        self.new_action.setPlaceholderText(
            tr("Add an action and press Enter (owner and due: in the tree)")
        )
        self.new_action.returnPressed.connect(self._add_typed)
        inner = QVBoxLayout(box)
        inner.addWidget(self.list)
        inner.addWidget(self.new_action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)

    def show_record(self, record: Item) -> None:
        assert isinstance(record, Meeting)
        self.meeting = record
        actions = self.controller.plan.children(ActionItem, record.id)
        self.action_items = {a.id: a for a in actions}
        self._loading = True
        try:
            self.list.clear()
            for action in actions:
                due = action.due and tr("due {day}").format(day=action.due)
                extras = [p for p in (action.owner, due) if p]
                item = QListWidgetItem(action.text, self.list)
                item.setData(Qt.ItemDataRole.UserRole, action.id)
                item.setFlags(
                    item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable
                )
                item.setCheckState(
                    Qt.CheckState.Checked if action.done else Qt.CheckState.Unchecked
                )
                if extras:
                    item.setToolTip(", ".join(str(e) for e in extras))
        finally:
            self._loading = False
        self.list.setFixedHeight(min(50 + 26 * max(len(actions), 1), 260))

    def _item_changed(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        action = self.action_items.get(item.data(Qt.ItemDataRole.UserRole))
        if action is None:
            return
        if not edit_from_list_item(self.controller, action, item) and self.meeting is not None:
            self.show_record(self.meeting)  # an emptied action keeps its text

    def _add_typed(self) -> None:
        text = self.new_action.text().strip()
        if self.meeting is None or not text:
            return
        action = ActionItem(meeting_id=self.meeting.id, text=text)
        # The meeting stays selected: the person goes on typing in its page.
        self.controller.add(action, focus=self.meeting.id)
        self.new_action.clear()

    def _move(self, action_id: str, index: int) -> None:
        if self.meeting is not None:
            self.controller.move(ActionItem, action_id, self.meeting.id, index)

    def _remove(self, action_id: str) -> None:
        if self.meeting is not None:
            self.controller.delete(ActionItem, action_id, self.meeting.id)


class SharedWidthTable(QTableWidget):
    """A table whose columns share its width (``shares``: each column's part, at least
    what its heading needs; the first takes what is left), with rows as tall as their
    wrapped text at that width: it never needs to scroll sideways, and the rows are
    measured again whenever the width changes (``fitted`` then)."""

    fitted = Signal()

    def __init__(self, shares: tuple[float, ...], parent: QWidget | None = None) -> None:
        super().__init__(0, len(shares), parent)
        self.shares = shares
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setMinimumSectionSize(24)

    def viewportEvent(self, event: QEvent) -> bool:
        handled = super().viewportEvent(event)
        # The view's own width: it narrows when the vertical scroll bar appears.
        if event.type() == QEvent.Type.Resize:
            self.share_width()
        return handled

    def share_width(self) -> None:
        width = self.viewport().width()
        header = self.horizontalHeader()
        widths = [
            max(int(width * share), header.sectionSizeHint(column))
            for column, share in enumerate(self.shares)
        ]
        widths[0] = max(width - sum(widths[1:]), 0)
        for column, column_width in enumerate(widths):
            self.setColumnWidth(column, column_width)
        self.resizeRowsToContents()
        self.fitted.emit()


class SinceLastTimePanel(EditorPanel):
    """Each key result against the previous closed meeting: value, confidence, health."""

    HEADERS = (
        QT_TR_NOOP("Key result"),
        QT_TR_NOOP("Value"),
        QT_TR_NOOP("Confidence"),
        QT_TR_NOOP("Health"),
    )

    def __init__(self, controller: PlanController, today: Today = date.today) -> None:
        super().__init__()
        self.controller = controller
        self.today = today
        box = QGroupBox(tr("Since last time"), self)
        self.caption = QLabel(box)
        self.caption.setObjectName("sinceCaption")
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        # Every column shares the pane's width and wraps (the editor pane is narrow); the
        # key result's title gets the largest part.
        self.table = SharedWidthTable((0.34, 0.25, 0.21, 0.2), box)
        self.table.setObjectName("sinceTable")
        self.table.setAccessibleName(tr("Since last time"))
        self.table.setHorizontalHeaderLabels([tr(h) for h in self.HEADERS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.fitted.connect(self._fit_height)
        inner = QVBoxLayout(box)
        inner.addWidget(self.caption)
        inner.addWidget(self.table)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)

    def show_record(self, record: Item) -> None:
        assert isinstance(record, Meeting)
        since = since_last_time(self.controller.plan, record.id, self.today())
        if since.previous is None:
            self.caption.setText(
                tr(
                    "No closed one-on-one before this one: close a meeting to compare the next "
                    "one with it."
                )
            )
        else:
            self.caption.setText(
                tr("Compared with the one-on-one of {meeting}.").format(
                    meeting=since.previous.label
                )
            )
        self.table.setRowCount(len(since.changes))
        bold = QFont()
        bold.setBold(True)
        for row, change in enumerate(since.changes):
            confidence = translated(confidence_cell(change))
            cells = (change.title, value_cell(change), confidence, health_cell(change))
            for column, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                if column == 0:
                    cell.setToolTip(change.objective_title)
                if column == 3 and change.health_changed:
                    cell.setFont(bold)
                    colour = health_text_colour(self.table.palette(), change.health_now)
                    cell.setForeground(QBrush(colour))
                self.table.setItem(row, column, cell)
        self.table.share_width()
        self.table.setVisible(bool(since.changes))

    def _fit_height(self) -> None:
        rows = sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(min(rows + self.table.horizontalHeader().height() + 6, 360))
