"""The plan's tree as a Qt item model over the services' outline (no copy in items).

Each index carries a small integer standing for a node id; the outline is rebuilt from the
plan after every change (a model reset), and the tree pane puts expansion and selection
back. Renames and drops are turned into controller calls, so they are undoable.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from okrdesk.domain.validation import ValidationError
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr, translated
from okrdesk.gui.core.kinds import (
    KIND_NAMES,
    TITLE_FIELDS,
    kind_icon,
    may_hold,
    record_parent_id,
    record_type,
)
from okrdesk.qt.core import (
    QAbstractItemModel,
    QByteArray,
    QIdentityProxyModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from okrdesk.qt.gui import QFont
from okrdesk.services.outline import Node, NodeKind, Outline, drop_objective_on_branch

MIME_TYPE = "application/x-okrdesk-node"

# A node's badge (text, tooltip) after its title, or None: the coach's warnings.
BadgeSource = Callable[[str], tuple[str, str] | None]

AnyIndex = QModelIndex | QPersistentModelIndex
# The invisible root, as a default argument (one shared, never-changed object).
ROOT = QModelIndex()


class Column(IntEnum):
    TITLE = 0
    PROGRESS = 1
    STATE = 2


HEADERS = {
    Column.TITLE: QT_TR_NOOP("Title"),
    Column.PROGRESS: QT_TR_NOOP("Progress"),
    Column.STATE: QT_TR_NOOP("State"),
}


class Role(IntEnum):
    NODE_ID = Qt.ItemDataRole.UserRole + 1
    KIND = Qt.ItemDataRole.UserRole + 2
    PROGRESS = Qt.ItemDataRole.UserRole + 3
    SEARCH_TEXT = Qt.ItemDataRole.UserRole + 4
    STATE = Qt.ItemDataRole.UserRole + 5
    # (text, tooltip) of a small badge after the title (the coach's warnings), or None.
    BADGE = Qt.ItemDataRole.UserRole + 6


NO_CHECK_IN = QT_TR_NOOP("no check-in yet")


def progress_text(progress: float | None) -> str:
    return "" if progress is None else f"{round(progress * 100)} %"


def unmeasured(node: Node) -> bool:
    """A key result before its first check-in: no percentage to show (the outline gives
    it none), though its objective counts it as 0."""
    return node.kind is NodeKind.KEY_RESULT and node.progress is None


class OutlineModel(QAbstractItemModel):
    # A change was refused (a rename or a drop): a sentence for the status bar.
    refused = Signal(str)

    def __init__(self, controller: PlanController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.outline = Outline()
        self._row: dict[str, int] = {}
        # Node ids <-> the integers indexes carry; grow-only so stale indexes stay harmless.
        self._number: dict[str, int] = {}
        self._ids: list[str] = []
        self._bold = QFont()
        self._bold.setBold(True)
        # Where badges come from (a feature adds one): node id -> (text, tooltip) or None.
        self.badge_sources: list[BadgeSource] = []
        # The search: its lower-cased text, the ids that match it, and the children
        # lists shown (the outline's own when there is no search).
        self.needle = ""
        self.matches: list[str] = []
        self.match_set: frozenset[str] = frozenset()
        self._kids: dict[str | None, list[str]] = {}

    # -- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        self.beginResetModel()
        self.outline = self.controller.outline()
        self._show()
        self.endResetModel()

    def set_filter(self, needle: str) -> None:
        """Show only nodes whose title or text holds every word of ``needle``, with their
        ancestors; "" shows everything.

        Filtering here, not in a QSortFilterProxyModel: a recursive proxy asks the model
        for parents so often that one keystroke on a 50,000-item plan took minutes, while
        one pass over the outline's prepared texts takes milliseconds.
        """
        needle = needle.strip().lower()
        if needle == self.needle:
            return
        self.beginResetModel()
        self.needle = needle
        self._show()
        self.endResetModel()

    def _show(self) -> None:
        """Work out the children lists shown (all of them, or the search's) and rows."""
        self.matches = []
        if not self.needle:
            self._kids = self.outline.children
        else:
            words = self.needle.split()
            nodes = self.outline.nodes
            shown: set[str] = set()
            for node in nodes.values():
                # The outline's text is lower-cased and starts with the title already.
                haystack = node.text or node.title.lower()
                if all(word in haystack for word in words):
                    self.matches.append(node.id)
                    current: str | None = node.id
                    while current is not None and current not in shown:
                        shown.add(current)
                        current = nodes[current].parent_id
            self._kids = {
                parent: [child for child in children if child in shown]
                for parent, children in self.outline.children.items()
                if parent is None or parent in shown
            }
        self.match_set = frozenset(self.matches)
        self._row = {}
        for ids in self._kids.values():
            for row, node_id in enumerate(ids):
                self._row[node_id] = row

    def first_match(self) -> str | None:
        """The first matching node in the order the tree shows them (depth first)."""
        pending = list(reversed(self._kids.get(None, [])))
        while pending:
            node_id = pending.pop()
            if node_id in self.match_set:
                return node_id
            pending.extend(reversed(self._kids.get(node_id, [])))
        return None

    def nodes_changed(self, node_ids: set[str]) -> None:
        """These nodes were patched in place: redraw their rows."""
        for node_id in node_ids:
            first = self.index_of(node_id)
            if first.isValid():
                self.dataChanged.emit(first, first.siblingAtColumn(len(Column) - 1))

    def node(self, index: AnyIndex) -> Node | None:
        if not index.isValid():
            return None
        return self.outline.nodes.get(self._ids[index.internalId()])

    def index_of(self, node_id: str, column: int = 0) -> QModelIndex:
        if node_id not in self._row:
            return QModelIndex()
        return self.createIndex(self._row[node_id], column, self._number_of(node_id))

    def _number_of(self, node_id: str) -> int:
        number = self._number.get(node_id)
        if number is None:
            number = len(self._ids)
            self._number[node_id] = number
            self._ids.append(node_id)
        return number

    # -- the model API --------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        parent_node = self.node(parent)
        children = self._kids.get(None if parent_node is None else parent_node.id, [])
        return self.createIndex(row, column, self._number_of(children[row]))

    def parent(self, child: AnyIndex = ROOT) -> QModelIndex:  # type: ignore[override]
        node = self.node(child)
        if node is None or node.parent_id is None:
            return QModelIndex()
        return self.index_of(node.parent_id)

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        if parent.column() > 0:
            return 0
        node = self.node(parent)
        return len(self._kids.get(None if node is None else node.id, []))

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(HEADERS[Column(section)]) if 0 <= section < len(Column) else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.TITLE:
                return node.title or tr("(untitled)")
            if column == Column.PROGRESS:
                return progress_text(node.progress)
            if column == Column.STATE:
                return node.state
            return None
        if role == Qt.ItemDataRole.EditRole and column == Column.TITLE:
            return node.title
        if role == Qt.ItemDataRole.DecorationRole and column == Column.TITLE:
            return kind_icon(node.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(node)
        if role == Qt.ItemDataRole.FontRole and node.kind is NodeKind.BRANCH:
            return self._bold
        if role == Qt.ItemDataRole.AccessibleTextRole and column == Column.PROGRESS:
            if unmeasured(node):
                return tr(NO_CHECK_IN)
            return progress_text(node.progress) or "no progress"
        if role == Role.NODE_ID:
            return node.id
        if role == Role.KIND:
            return node.kind.value
        if role == Role.PROGRESS:
            return node.progress
        if role == Role.STATE:
            return node.state
        if role == Role.SEARCH_TEXT:
            return f"{node.title.lower()}\n{node.text}"
        if role == Role.BADGE and column == Column.TITLE:
            return self._badge(node)
        return None

    def _badge(self, node: Node) -> tuple[str, str] | None:
        """Every source's badge for ``node``, side by side, their tooltips one per line."""
        found = [badge for source in self.badge_sources if (badge := source(node.id))]
        if not found:
            return None
        return " ".join(text for text, _tip in found), "\n".join(tip for _text, tip in found)

    def _tooltip(self, node: Node) -> str:
        if node.kind is NodeKind.BRANCH:
            count = len(self.outline.children.get(node.id, []))
            return f"{node.title}: {count} item{'s' if count != 1 else ''}"
        parts = [f"{KIND_NAMES[node.kind].capitalize()}: {node.title}"]
        if node.progress is not None:
            parts.append(tr("Progress {percent}").format(percent=progress_text(node.progress)))
        elif unmeasured(node):
            parts.append(tr("No check-in yet"))
        if node.state:
            parts.append(tr("State: {state}").format(state=node.state))
        badge = self._badge(node)
        if badge is not None:
            parts.append(badge[1])
        return "\n".join(parts)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        node = self.node(index)
        if node is None:
            return Qt.ItemFlag.ItemIsDropEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        flags |= Qt.ItemFlag.ItemIsDropEnabled
        if node.kind is not NodeKind.BRANCH and node.kind is not NodeKind.MEETING:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        if index.column() == Column.TITLE and TITLE_FIELDS.get(node.kind):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        if node is None or role != Qt.ItemDataRole.EditRole or index.column() != Column.TITLE:
            return False
        field = TITLE_FIELDS.get(node.kind)
        cls = record_type(node.kind)
        if field is None or cls is None:
            return False
        if self._locked(node):
            return False
        try:
            self.controller.edit(cls, node.id, **{field: str(value)})
        except ValidationError as error:
            self.refused.emit(translated(error.message))
            return False
        return True

    def _locked(self, node: Node) -> bool:
        """An imported team item stays as the team's file says until it is unlocked in the
        editor: the tree must not rename or move it either."""
        cls = record_type(node.kind)
        record = None if cls is None else self.controller.plan.find(cls, node.id)
        if record is not None and getattr(record, "locked", False):
            self.refused.emit(
                tr("{title} is a team item, read-only until you unlock it in the editor.").format(
                    title=node.title
                )
            )
            return True
        return False

    # -- drag and drop --------------------------------------------------------------------

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # type: ignore[override]
        data = QMimeData()
        ids = []
        for index in indexes:
            node = self.node(index)
            if node is not None and index.column() == Column.TITLE and node.id not in ids:
                ids.append(node.id)
        # One item at a time: the view selects single rows.
        data.setData(MIME_TYPE, QByteArray(ids[0].encode() if ids else b""))
        return data

    def _dragged(self, data: QMimeData) -> Node | None:
        if not data.hasFormat(MIME_TYPE):
            return None
        node_id = bytes(data.data(MIME_TYPE).data()).decode()
        return self.outline.nodes.get(node_id)

    def _drop_target(self, data: QMimeData, parent: AnyIndex) -> tuple[Node, Node] | None:
        dragged = self._dragged(data)
        target = self.node(parent)
        if dragged is None or target is None or dragged.kind is NodeKind.BRANCH:
            return None
        if not may_hold(target.kind, target.id, dragged.kind):
            return None
        # Never into itself or its own descendants.
        if target.id == dragged.id or dragged.id in self.outline.ancestors(target.id):
            return None
        return dragged, target

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: AnyIndex,
    ) -> bool:
        return action == Qt.DropAction.MoveAction and self._drop_target(data, parent) is not None

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: AnyIndex,
    ) -> bool:
        found = self._drop_target(data, parent) if action == Qt.DropAction.MoveAction else None
        if found is None:
            return False
        dragged, target = found
        if self._locked(dragged):
            return False
        index = self.plan_index_for_row(dragged, target.id, row)
        try:
            self._move(dragged, target, index)
        except ValidationError as error:
            self.refused.emit(translated(error.message))
            return False
        # The move is done through the plan; the view must not remove any row itself.
        return False

    def plan_index_for_row(self, dragged: Node, parent_id: str, row: int) -> int:
        """The index among the item's future siblings in the plan for a drop at ``row``.

        The tree may hide siblings (another cycle) and mixes kinds (key results, then
        milestones), so count in the plan's own sibling list, without the item itself.
        """
        cls = record_type(dragged.kind)
        assert cls is not None
        siblings = [
            s.id
            for s in self.controller.plan.children(cls, record_parent_id(parent_id))
            if s.id != dragged.id
        ]
        shown = [n for n in self.outline.child_nodes(parent_id) if n.kind is dragged.kind]
        if row < 0:
            return len(siblings)
        rows = self._kids.get(parent_id, [])
        after = [i for i in rows[row:] if i != dragged.id and i in {n.id for n in shown}]
        if after and after[0] in siblings:
            return siblings.index(after[0])
        before = [i for i in rows[:row] if i != dragged.id and i in {n.id for n in shown}]
        if before and before[-1] in siblings:
            return siblings.index(before[-1]) + 1
        return len(siblings)

    def _move(self, dragged: Node, target: Node, index: int) -> None:
        cls = record_type(dragged.kind)
        assert cls is not None
        new_parent = record_parent_id(target.id)
        if dragged.kind is NodeKind.OBJECTIVE and target.kind is NodeKind.BRANCH:
            plan = self.controller.plan
            self.controller.run(drop_objective_on_branch(plan, dragged.id, target.id, index))
            return
        self.controller.move(cls, dragged.id, new_parent, index)


class OutlineFilter(QIdentityProxyModel):
    """What the tree view shows: the outline model, searched as you type (the model does
    the filtering; see ``OutlineModel.set_filter``)."""

    @property
    def needle(self) -> str:
        source = self.sourceModel()
        return source.needle if isinstance(source, OutlineModel) else ""

    def set_needle(self, text: str) -> None:
        source = self.sourceModel()
        if isinstance(source, OutlineModel):
            source.set_filter(text)
