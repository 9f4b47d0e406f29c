"""The tree pane: the outline view, its search filter, and the expansion and selection that
must survive every rebuild of the model (edits, undo, another cycle, a restart)."""

from __future__ import annotations

from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import tr
from okrdesk.gui.panes.badges import BadgeDelegate
from okrdesk.gui.panes.progress_delegate import ProgressDelegate
from okrdesk.gui.panes.tree_model import BadgeSource, Column, OutlineFilter, OutlineModel
from okrdesk.qt.core import QItemSelectionModel, QModelIndex, QPoint, Qt, QTimer, Signal
from okrdesk.qt.gui import QAction
from okrdesk.qt.widgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTreeView,
    QWidget,
)
from okrdesk.services.changes import PlanChanges
from okrdesk.services.outline import (
    PATCHABLE_TYPES,
    SHAPING_TYPES,
    Branch,
    Node,
    patch_outline,
)

# While searching, the tree opens the way to this many matches at most (more than a
# screen holds; each opened branch costs the view a layout pass).
SEARCH_EXPANDS = 60


class OutlineView(QTreeView):
    # The id of the node now current ("" when none).
    node_selected = Signal(str)

    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.source = OutlineModel(controller, self)
        self.proxy = OutlineFilter(self)
        self.proxy.setSourceModel(self.source)
        self.setModel(self.proxy)
        self.setObjectName("outline")
        self.setAccessibleName(tr("Plan outline"))
        self.setItemDelegateForColumn(Column.TITLE, BadgeDelegate(self))
        self.setItemDelegateForColumn(Column.PROGRESS, ProgressDelegate(self))
        self.setUniformRowHeights(True)
        self.setIndentation(16)
        self.setAnimated(False)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_menu)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.PROGRESS, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.STATE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(Column.PROGRESS, 112)
        header.resizeSection(Column.STATE, 72)
        header.setMinimumSectionSize(40)
        self.context_actions: list[QAction | None] = []
        self._expanded: set[str] = {Branch.MISSIONS.value}
        # What the view has expanded now: it tells of every expansion and collapse, even
        # expanding all; a model reset expands nothing.
        self._open: set[str] = set()
        self.source.modelReset.connect(self._open.clear)
        self._restoring = False
        self._selecting = False
        self.expanded.connect(lambda index: self._note_expanded(index, True))
        self.collapsed.connect(lambda index: self._note_expanded(index, False))
        self.selectionModel().currentChanged.connect(self._current_changed)
        self.source.refused.connect(self._show_refusal)
        # The node the panes were last told of: they hear again only when it changes.
        self._announced: str | None = None
        self.controller.changed.connect(self._plan_changed)

    # -- what is shown --------------------------------------------------------------------

    def current_node(self) -> Node | None:
        return self.source.node(self.proxy.mapToSource(self.currentIndex()))

    def node_index(self, node_id: str) -> QModelIndex:
        return self.proxy.mapFromSource(self.source.index_of(node_id))

    def add_badge_source(self, source: BadgeSource) -> None:
        """Show a badge after a node's title when ``source`` gives one (the coach's)."""
        self.source.badge_sources.append(source)

    def expanded_ids(self) -> list[str]:
        return sorted(self._expanded)

    def set_expanded_ids(self, ids: list[str]) -> None:
        self._expanded = set(ids)
        self._apply_expansion()

    def _plan_changed(self, changes: PlanChanges) -> None:
        """Patch the nodes a change touched, or build the tree again when it reshaped it;
        then select what the change asks for. The editor and the chart hear of the change
        from the controller, not from here: a selection that stays is not announced."""
        if not changes.everything and not changes.touches(*SHAPING_TYPES):
            return
        if changes.reshapes(*SHAPING_TYPES) or not self._patch(changes):
            self.rebuild(changes.focus or "")
            return
        if changes.focus and changes.focus in self.source.outline.nodes:
            self.select_node(changes.focus)

    def rebuild(self, focus: str = "") -> None:
        """Build the tree from the plan; select ``focus`` (else keep the selection)."""
        current = self.current_node()
        old_ancestors = [] if current is None else self.source.outline.ancestors(current.id)
        self._end_renaming()
        self.source.reload()
        self._apply_expansion()
        wanted = [focus] if focus else []
        if current is not None:
            wanted += [current.id, *old_ancestors]
        for node_id in wanted:
            if node_id in self.source.outline.nodes and self.node_index(node_id).isValid():
                self.select_node(node_id)
                return
        self._select_first()

    def _patch(self, changes: PlanChanges) -> bool:
        """After a change that only edited fields, update those nodes in place instead of
        building the tree again; False when that is not enough."""
        if self.proxy.needle:
            return False
        touched = [(cls, item_id) for cls, item_id in changes.pairs() if cls in PATCHABLE_TYPES]
        changed = patch_outline(self.controller.plan, self.source.outline, touched)
        if changed is None:
            return False
        self.source.nodes_changed(changed)
        return True

    def select_node(self, node_id: str) -> bool:
        """Make ``node_id`` current, expanding its ancestors; False when it is not shown."""
        if node_id not in self.source.outline.nodes:
            return False
        for ancestor in self.source.outline.ancestors(node_id):
            self._expanded.add(ancestor)
            self._set_expanded(ancestor, True)
        index = self.node_index(node_id)
        if not index.isValid():
            return False
        self._selecting = True
        try:
            self.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._selecting = False
        self.scrollTo(index)
        self._announce(node_id)
        return True

    def _announce(self, node_id: str) -> None:
        """Tell the panes of the current node, once per node."""
        if node_id != self._announced:
            self._announced = node_id
            self.node_selected.emit(node_id)

    def _select_first(self) -> None:
        index = self.proxy.index(0, 0)
        node = self.source.node(self.proxy.mapToSource(index))
        if node is None:
            self._announce("")
        else:
            self.select_node(node.id)

    def _end_renaming(self) -> None:
        """Close the in-place rename before the model is reset under it, and save what
        was typed once the change under way is done, as leaving the editor would.

        A reset drops the view's editors without telling the title column's delegate,
        which then commits from the hidden editor ("commitData called with an editor that
        does not belong to this view") and the typed name was lost."""
        if self.state() != QAbstractItemView.State.EditingState:
            return
        index = self.currentIndex().siblingAtColumn(Column.TITLE)
        editor = self.indexWidget(index)
        node = self.current_node()
        if editor is None or node is None:
            return
        typed = editor.text() if isinstance(editor, QLineEdit) else None
        self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        if typed is not None and typed != node.title:
            QTimer.singleShot(0, lambda: self._rename(node.id, typed))

    def _rename(self, node_id: str, title: str) -> None:
        """A rename typed before a rebuild, saved as the editor would have saved it."""
        node = self.source.outline.nodes.get(node_id)
        index = self.source.index_of(node_id)
        if node is not None and index.isValid() and node.title != title:
            self.source.setData(index, title)

    # -- search ---------------------------------------------------------------------------

    def set_search(self, text: str) -> None:
        """Filter the tree; the selection stays on an item that still matches, else goes to
        the first match (not to a folder that is only shown for what it holds)."""
        current = self.current_node()
        self._end_renaming()
        self.proxy.set_needle(text)
        self._apply_expansion()
        searching = bool(self.proxy.needle)
        still_shown = current is not None and self.node_index(current.id).isValid()
        if (
            still_shown
            and current is not None
            and (not searching or current.id in self.source.match_set)
        ):
            # The same item, still shown: the panes need not hear of it again.
            self._reselect_quietly(current.id)
        elif searching:
            first = self.source.first_match()
            if first is None or not self.select_node(first):
                self._select_first()

    def _reselect_quietly(self, node_id: str) -> None:
        index = self.node_index(node_id)
        self._selecting = True
        try:
            self.selectionModel().setCurrentIndex(
                index,
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        finally:
            self._selecting = False
        self.scrollTo(index)

    # -- expansion ------------------------------------------------------------------------

    def _apply_expansion(self) -> None:
        """Expand what the person expanded; while a search is on, the way to its first
        matches (all of them would be every node of a large plan for a one-letter search,
        and nobody reads that: typing on narrows it); everything else collapsed.

        Only what differs from what is expanded now changes: right after a model reset
        that is every expansion, and the view lays its rows out once, later. Collapsing
        all first would lay the rows out at once, and again at each expansion after it."""
        if self.proxy.needle:
            wanted: set[str] = set()
            for match in self.source.matches[:SEARCH_EXPANDS]:
                wanted.update(self.source.outline.ancestors(match))
        else:
            wanted = self._expanded
        self._restoring = True
        try:
            for node_id in self._open - wanted:
                self._set_expanded(node_id, False)
            for node_id in wanted - self._open:
                self._set_expanded(node_id, True)
        finally:
            self._restoring = False

    def _set_expanded(self, node_id: str, expanded: bool) -> None:
        index = self.node_index(node_id)
        if index.isValid():
            was = self._restoring
            self._restoring = True
            self.setExpanded(index, expanded)
            self._restoring = was

    def _note_expanded(self, index: QModelIndex, expanded: bool) -> None:
        node = self.source.node(self.proxy.mapToSource(index))
        if node is None:
            return
        if expanded:
            self._open.add(node.id)
        else:
            self._open.discard(node.id)
        if self._restoring or self.proxy.needle:
            return
        if expanded:
            self._expanded.add(node.id)
        else:
            self._expanded.discard(node.id)

    # -- signals --------------------------------------------------------------------------

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._selecting:
            return
        node = self.source.node(self.proxy.mapToSource(current))
        self._announce("" if node is None else node.id)

    def _show_menu(self, point: QPoint) -> None:
        index = self.indexAt(point)
        if index.isValid():
            self.setCurrentIndex(index)
        menu = QMenu(self)
        for action in self.context_actions:
            if action is None:
                menu.addSeparator()
            elif action.isEnabled():
                menu.addAction(action)
        menu.exec(self.viewport().mapToGlobal(point))

    def _show_refusal(self, message: str) -> None:
        window = self.window()
        status = getattr(window, "statusBar", None)
        if callable(status):
            status().showMessage(message, 8000)
