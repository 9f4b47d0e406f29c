"""The plan's tree as a Qt item model over the services' outline (no copy in items).

Each index carries a small integer standing for a node id; the outline is rebuilt from the
plan after every change that reshapes it (a model reset), and the tree pane puts expansion
and selection back. Renames and drops are turned into controller calls, so they are undoable.

The view asks ``index``, ``parent``, ``rowCount``, ``flags`` and ``data`` thousands of times
per keystroke of a search, so they answer from plain values: flags per kind worked out
once, roles looked up in a table, children lists made only for the rows the view asks for.
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
    QModelRoleData,
    QModelRoleDataSpan,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from okrdesk.qt.gui import QFont
from okrdesk.services.outline import Node, NodeKind, Outline, drop_objective_on_branch
from okrdesk.services.outline_search import OutlineSearch, search_words

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

# Plain values for the methods the view calls most (an enum's attribute costs a lookup).
COLUMN_COUNT = len(Column)
TITLE = int(Column.TITLE)
PROGRESS = int(Column.PROGRESS)
STATE = int(Column.STATE)
HEADER_TEXTS = tuple(HEADERS[column] for column in Column)
HORIZONTAL = Qt.Orientation.Horizontal
DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole)


def progress_text(progress: float | None) -> str:
    return "" if progress is None else f"{round(progress * 100)} %"


def unmeasured(node: Node) -> bool:
    """A key result before its first check-in: no percentage to show (the outline gives
    it none), though its objective counts it as 0."""
    return node.kind is NodeKind.KEY_RESULT and node.progress is None


def kind_flags(kind: NodeKind) -> tuple[Qt.ItemFlag, Qt.ItemFlag]:
    """A node's flags in the title column and in the others."""
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    flags |= Qt.ItemFlag.ItemIsDropEnabled
    if kind is not NodeKind.BRANCH and kind is not NodeKind.MEETING:
        flags |= Qt.ItemFlag.ItemIsDragEnabled
    title = flags | Qt.ItemFlag.ItemIsEditable if TITLE_FIELDS.get(kind) else flags
    return title, flags


FLAGS: dict[NodeKind, tuple[Qt.ItemFlag, Qt.ItemFlag]] = {
    kind: kind_flags(kind) for kind in NodeKind
}
NO_NODE_FLAGS = Qt.ItemFlag.ItemIsDropEnabled

# What a role shows of a node in a column (a role not listed shows nothing).
RoleAnswer = Callable[["OutlineModel", Node, int], Any]


class OutlineModel(QAbstractItemModel):
    # A change was refused (a rename or a drop): a sentence for the status bar.
    refused = Signal(str)

    def __init__(self, controller: PlanController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.outline = Outline()
        # Node ids <-> the integers indexes carry; grow-only so stale indexes stay harmless.
        self._number: dict[str, int] = {}
        self._ids: list[str] = []
        self._bold = QFont()
        self._bold.setBold(True)
        # Where badges come from (a feature adds one): node id -> (text, tooltip) or None.
        self.badge_sources: list[BadgeSource] = []
        # The search: its lower-cased text, the ids that match it, and the ids shown for
        # it (None: no search, everything is shown).
        self.needle = ""
        self.matches: list[str] = []
        self.match_set: frozenset[str] = frozenset()
        self._shown: set[str] | None = None
        self._search: OutlineSearch | None = None
        # The children lists shown, and each shown node's row, made as the view asks.
        self._kids: dict[str | None, list[str]] = {}
        self._row: dict[str, int] = {}

    # -- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        self.beginResetModel()
        self.outline = self.controller.outline()
        self._search = None
        self._find()
        self._kids, self._row = {}, {}
        self.endResetModel()

    def set_filter(self, needle: str) -> bool:
        """Show only nodes whose title or text holds every word of ``needle``, with their
        ancestors; "" shows everything. True when the rows shown changed (a model reset);
        a search that leaves the same rows shown (typing on often does) only changes
        which of them match.

        Filtering here, not in a QSortFilterProxyModel: a recursive proxy asks the model
        for parents so often that one keystroke on a 50,000-item plan took minutes, while
        one pass over the outline's prepared texts takes milliseconds.
        """
        needle = needle.strip().lower()
        if needle == self.needle:
            return False
        shown_before = self._shown
        self.needle = needle
        self._find()
        if shown_before is not None and self._shown == shown_before:
            return False
        self.beginResetModel()
        self._kids, self._row = {}, {}
        self.endResetModel()
        return True

    def _find(self) -> None:
        """Work out what is shown (everything, or the search's matches and their
        ancestors); the children lists follow when the view asks for them."""
        if not self.needle:
            self.matches, self._shown = [], None
        else:
            if self._search is None or self._search.outline is not self.outline:
                self._search = OutlineSearch(self.outline)
            found = self._search.search(search_words(self.needle))
            self.matches, self._shown = found.matches, found.shown
        self.match_set = frozenset(self.matches)

    def _children(self, parent_id: str | None) -> list[str]:
        """The children of ``parent_id`` shown, in order (their rows noted on the way)."""
        kids = self._kids.get(parent_id)
        if kids is None:
            every = self.outline.children.get(parent_id, [])
            shown = self._shown
            kids = every if shown is None else [child for child in every if child in shown]
            self._kids[parent_id] = kids
            row_of = self._row
            for row, node_id in enumerate(kids):
                row_of[node_id] = row
        return kids

    def first_match(self) -> str | None:
        """The first matching node in the order the tree shows them (depth first)."""
        pending = list(reversed(self._children(None)))
        while pending:
            node_id = pending.pop()
            if node_id in self.match_set:
                return node_id
            pending.extend(reversed(self._children(node_id)))
        return None

    def nodes_changed(self, node_ids: set[str]) -> None:
        """These nodes were patched in place: search their new texts, redraw their rows."""
        if self._search is not None:
            self._search.refresh(node_ids)
        for node_id in node_ids:
            first = self.index_of(node_id)
            if first.isValid():
                self.dataChanged.emit(first, first.siblingAtColumn(COLUMN_COUNT - 1))

    def node(self, index: AnyIndex) -> Node | None:
        if not index.isValid():
            return None
        return self.outline.nodes.get(self._ids[index.internalId()])

    def index_of(self, node_id: str, column: int = 0) -> QModelIndex:
        row = self._row_of(node_id)
        if row is None:
            return QModelIndex()
        return self.createIndex(row, column, self._number_of(node_id))

    def _row_of(self, node_id: str) -> int | None:
        """The row ``node_id`` is shown at under its parent; None when it is not shown."""
        row = self._row.get(node_id)
        if row is None:
            node = self.outline.nodes.get(node_id)
            if node is None or (self._shown is not None and node_id not in self._shown):
                return None
            self._children(node.parent_id)
            row = self._row.get(node_id)
        return row

    def _number_of(self, node_id: str) -> int:
        number = self._number.get(node_id)
        if number is None:
            number = len(self._ids)
            self._number[node_id] = number
            self._ids.append(node_id)
        return number

    # -- the model API --------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = ROOT) -> QModelIndex:
        if row < 0 or not 0 <= column < COLUMN_COUNT or parent.column() > 0:
            return QModelIndex()
        parent_node = self.node(parent)
        children = self._children(None if parent_node is None else parent_node.id)
        if row >= len(children):
            return QModelIndex()
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
        return len(self._children(None if node is None else node.id))

    def hasChildren(self, parent: AnyIndex = ROOT) -> bool:
        # The default asks rowCount and columnCount: two calls into Python instead of one.
        return self.rowCount(parent) > 0

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return COLUMN_COUNT

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == DISPLAY_ROLE and orientation is HORIZONTAL and 0 <= section < COLUMN_COUNT:
            return tr(HEADER_TEXTS[section])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        answer = ROLE_ANSWERS.get(role)
        if answer is None:
            return None
        node = self.node(index)
        if node is None:
            return None
        return answer(self, node, index.column())

    def multiData(self, index: AnyIndex, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        """Several roles at once, as a delegate asks for them (``initStyleOption``): one
        call into Python for a cell instead of one per role."""
        node = self.node(index)
        column = index.column()
        # PySide6's span indexes as a sequence (its stubs do not say so).
        entries: Any = [roleDataSpan] if isinstance(roleDataSpan, QModelRoleData) else roleDataSpan
        for k in range(len(entries)):
            role_data = entries[k]
            answer = None if node is None else ROLE_ANSWERS.get(role_data.role())
            value = None if answer is None or node is None else answer(self, node, column)
            role_data.setData(value)

    def _display(self, node: Node, column: int) -> Any:
        if column == TITLE:
            return node.title or tr("(untitled)")
        if column == PROGRESS:
            return progress_text(node.progress)
        if column == STATE:
            return node.state
        return None

    def _edit(self, node: Node, column: int) -> Any:
        return node.title if column == TITLE else None

    def _decoration(self, node: Node, column: int) -> Any:
        return kind_icon(node.kind) if column == TITLE else None

    def _font(self, node: Node, column: int) -> Any:
        return self._bold if node.kind is NodeKind.BRANCH else None

    def _accessible(self, node: Node, column: int) -> Any:
        if column != PROGRESS:
            return None
        if unmeasured(node):
            return tr(NO_CHECK_IN)
        return progress_text(node.progress) or "no progress"

    def _badge_role(self, node: Node, column: int) -> Any:
        return self._badge(node) if column == TITLE else None

    def _badge(self, node: Node) -> tuple[str, str] | None:
        """Every source's badge for ``node``, side by side, their tooltips one per line."""
        found = [badge for source in self.badge_sources if (badge := source(node.id))]
        if not found:
            return None
        return " ".join(text for text, _tip in found), "\n".join(tip for _text, tip in found)

    def _tooltip(self, node: Node, column: int = TITLE) -> str:
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
            return NO_NODE_FLAGS
        title, other = FLAGS[node.kind]
        return title if index.column() == TITLE else other

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
        rows = self._children(parent_id)
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

    def multiData(self, index: AnyIndex, roleDataSpan: QModelRoleDataSpan | QModelRoleData) -> None:
        # Not forwarded by QIdentityProxyModel, which would ask the model role by role.
        source = self.sourceModel()
        if isinstance(source, OutlineModel):
            source.multiData(self.mapToSource(index), roleDataSpan)
        else:
            super().multiData(index, roleDataSpan)

    def set_needle(self, text: str) -> bool:
        """Search for ``text``; False when that changed nothing shown."""
        source = self.sourceModel()
        return isinstance(source, OutlineModel) and source.set_filter(text)


ROLE_ANSWERS: dict[int, RoleAnswer] = {
    DISPLAY_ROLE: OutlineModel._display,
    int(Qt.ItemDataRole.EditRole): OutlineModel._edit,
    int(Qt.ItemDataRole.DecorationRole): OutlineModel._decoration,
    int(Qt.ItemDataRole.ToolTipRole): OutlineModel._tooltip,
    int(Qt.ItemDataRole.FontRole): OutlineModel._font,
    int(Qt.ItemDataRole.AccessibleTextRole): OutlineModel._accessible,
    int(Role.NODE_ID): lambda _model, node, _column: node.id,
    int(Role.KIND): lambda _model, node, _column: node.kind.value,
    int(Role.PROGRESS): lambda _model, node, _column: node.progress,
    int(Role.STATE): lambda _model, node, _column: node.state,
    int(Role.SEARCH_TEXT): lambda _model, node, _column: f"{node.title.lower()}\n{node.text}",
    int(Role.BADGE): OutlineModel._badge_role,
}
