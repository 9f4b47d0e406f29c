"""The window painted first: the plan's tree from a plain read, while the rest loads.

It has the real window's frame (menu titles, the toolbar's cycle box and search box, the
tree, editor and chart columns, at the size and splitter positions the person left) and
the outline's titles, but nothing that needs the services: menus and the cycle box are
disabled and the editor says it is loading. The person may already expand, select and
type a search; ``gui.app`` hands that over to the real window once it is built.

Only Qt, the settings and ``services.first_outline`` (``sqlite3``) are imported here: a
test checks that painting it loads neither SQLAlchemy nor matplotlib.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from okrdesk.gui.core import settings
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.gui.core.icons import action_icon
from okrdesk.gui.core.window_layout import DEFAULT_SIZE, fit_splitter, restore_panes, restore_size
from okrdesk.gui.menus import MENUS
from okrdesk.qt.core import QByteArray, Qt
from okrdesk.qt.gui import QFont, QResizeEvent
from okrdesk.qt.widgets import (
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QToolBar,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.first_outline import MISSIONS, FirstCycle, FirstNode, FirstOutline

NODE_ID = Qt.ItemDataRole.UserRole + 1
# The purpose header's words for a plan without a purpose (gui.features.purpose).
NO_PURPOSE = QT_TR_NOOP("Write your purpose: why you work, and for whom (click here)")
# The real window's size when none was saved, and its share of the width per column.
# The editor's and the chart pane's narrowest (gui.panes), so the splitter divides alike.
EDITOR_MIN_WIDTH = 340
CHART_MIN_WIDTH = 260


class PurposeLines(QWidget):
    """The purpose (two lines at most) and the values (one line) as the purpose header
    above the real tree shows them (gui.features.purpose), without its click."""

    def __init__(self, purpose: str, values: str) -> None:
        super().__init__()
        self.full_purpose, self.full_values = purpose, values
        self.purpose = QLabel(self)
        self.purpose.setStyleSheet("font-style: italic;")
        self.purpose.setWordWrap(True)
        self.values = QLabel(self)
        self.values.setStyleSheet("color: palette(placeholder-text);")
        self.values.setVisible(bool(values))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(1)
        for label in (self.purpose, self.values):
            label.setTextFormat(Qt.TextFormat.PlainText)
            layout.addWidget(label)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        metrics = self.purpose.fontMetrics()
        width = max(self.width() - 12, 120)
        room = width * 2 - metrics.averageCharWidth() * 6
        elide = Qt.TextElideMode.ElideRight
        self.purpose.setText(metrics.elidedText(self.full_purpose, elide, room))
        self.values.setText(metrics.elidedText(self.full_values, elide, width))


def _cycle_label(cycle: FirstCycle) -> str:
    """As the cycle box names a cycle (gui.panes.cycle_chooser)."""
    if cycle.start is None or cycle.end is None:
        return cycle.name
    return f"{cycle.name}  ({cycle.start:%b %-d} – {cycle.end:%b %-d, %Y})"


class FirstWindow(QMainWindow):
    def __init__(
        self,
        path: Path,
        outline: FirstOutline,
        view: settings.PlanViewState,
        *,
        remember_layout: bool = True,
    ) -> None:
        super().__init__()
        self.setObjectName("firstWindow")
        self.outline = outline
        self.setWindowIcon(action_icon("app"))
        name = path.stem
        self.setWindowTitle(
            tr("{plan} — {owner} — okrdesk").format(plan=name, owner=outline.owner)
            if outline.owner
            else tr("{plan} — okrdesk").format(plan=name)
        )
        for spec in MENUS:
            self.menuBar().addMenu(tr(spec.title)).setEnabled(False)
        self._build_toolbar()
        self._build_panes()
        self.statusBar().showMessage(tr("Opening the plan…"))
        # The nodes the person has open: the saved ones at first (a plan never opened
        # before shows its missions), then as they expand and collapse.
        self._expanded = set(view.expanded) if view.saved else {MISSIONS}
        self._filled: set[str] = set()
        self._items: dict[str, QTreeWidgetItem] = {}
        self._fill(self.tree.invisibleRootItem(), None)
        self.tree.itemExpanded.connect(self._item_expanded)
        self.tree.itemCollapsed.connect(self._item_collapsed)
        if remember_layout:
            self._restore_layout()
        else:
            self.resize(*DEFAULT_SIZE)
            self.fit_splitter()
        self._select(view.selected)
        # The tree has the keyboard, as in the real window (a search starts with Ctrl+F
        # there; here a click in the box); without a tree, the window keeps it, so that
        # the real window's welcome panel decides.
        if outline.empty:
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.setFocus()
        else:
            self.tree.setFocus()

    # -- building -------------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        bar = QToolBar(tr("Main toolbar"), self)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        bar.addWidget(QLabel(" " + tr("Cycle") + " "))
        # As the real cycle box: every cycle listed (its width follows them), disabled.
        cycle_box = QComboBox()
        cycle_box.setMinimumContentsLength(12)
        cycle_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        cycle_box.addItem(tr("All cycles"))
        cycles = sorted(self.outline.cycles, key=lambda c: c.start or date.min)
        for cycle in cycles:
            cycle_box.addItem(_cycle_label(cycle))
        ids = [c.id for c in cycles]
        if self.outline.cycle_id in ids:
            cycle_box.setCurrentIndex(ids.index(self.outline.cycle_id) + 1)
        cycle_box.setEnabled(False)
        bar.addWidget(cycle_box)
        bar.addSeparator()
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # As tall as the real toolbar's buttons (an icon and a name), so that nothing
        # moves down when they come.
        sample = QToolButton()
        sample.setIconSize(bar.iconSize())
        sample.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        sample.setIcon(action_icon("undo"))
        sample.setText(tr("Done"))
        spacer.setMinimumHeight(sample.sizeHint().height())
        bar.addWidget(spacer)
        # The search box works at once: what is typed here is searched in the real window.
        self.search_box = QLineEdit()
        self.search_box.setAccessibleName(tr("Search"))
        self.search_box.setPlaceholderText(tr("Search titles and notes (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(200)
        self.search_box.setMaximumWidth(320)
        bar.addWidget(self.search_box)

    def _build_panes(self) -> None:
        self.tree = QTreeWidget()
        self.tree.setObjectName("outlineView")
        self.tree.setHeaderLabels([tr("Title"), tr("Progress"), tr("State")])
        self.tree.setAccessibleName(tr("Plan outline"))
        # As the real outline view draws its rows.
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(16)
        self.tree.setAnimated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setMinimumWidth(300)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 112)
        header.resizeSection(2, 72)
        loading = QLabel(tr("Loading the plan…"))
        loading.setObjectName("editorHint")
        loading.setStyleSheet("QLabel { color: palette(placeholder-text); padding: 12px; }")
        loading.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        loading.setMinimumWidth(EDITOR_MIN_WIDTH)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        chart = QWidget()
        chart.setMinimumWidth(CHART_MIN_WIDTH)
        for pane in (self._tree_column(), loading, chart):
            self.splitter.addWidget(pane)
        for index, stretch in enumerate((4, 4, 3)):
            self.splitter.setStretchFactor(index, stretch)
        if self.outline.empty:
            # The real window shows its welcome panel here; until then, only the word.
            self.setCentralWidget(
                QLabel(tr("Loading the plan…"), alignment=Qt.AlignmentFlag.AlignCenter)
            )
            self.splitter.setParent(self)
            self.splitter.hide()
        else:
            self.setCentralWidget(self.splitter)

    def _tree_column(self) -> QWidget:
        """The tree under the person's purpose and values, where the real window has them."""
        column = QWidget()
        layout = QVBoxLayout(column)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        values = " · ".join(self.outline.values)
        layout.addWidget(
            PurposeLines(
                self.outline.purpose or tr(NO_PURPOSE),
                tr("Values: {values}").format(values=values) if values else "",
            )
        )
        layout.addWidget(self.tree, 1)
        return column

    def _fill(self, parent: QTreeWidgetItem, parent_id: str | None) -> None:
        """The items of ``parent_id``'s children; theirs only once they are open (a plan of
        50,000 items shows a few hundred rows)."""
        bold = QFont()
        bold.setBold(True)
        for node in self.outline.child_nodes(parent_id):
            item = QTreeWidgetItem(parent, [node.title or tr("(untitled)")])
            item.setData(0, NODE_ID, node.id)
            item.setIcon(0, action_icon(node.kind))
            if node.kind == "branch":
                item.setFont(0, bold)
            self._items[node.id] = item
            if self.outline.children.get(node.id):
                item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
                if node.id in self._expanded:
                    self._open(item, node)
        if parent_id is not None:
            self._filled.add(parent_id)

    def _open(self, item: QTreeWidgetItem, node: FirstNode) -> None:
        if node.id not in self._filled:
            self._fill(item, node.id)
        item.setExpanded(True)

    def _item_expanded(self, item: QTreeWidgetItem) -> None:
        node_id = str(item.data(0, NODE_ID))
        self._expanded.add(node_id)
        if node_id not in self._filled:
            self._fill(item, node_id)

    def _item_collapsed(self, item: QTreeWidgetItem) -> None:
        self._expanded.discard(str(item.data(0, NODE_ID)))

    def _select(self, node_id: str) -> None:
        """Make ``node_id`` current, opening its ancestors, as the real tree does."""
        nodes = self.outline.nodes
        if node_id not in nodes:
            return
        ancestors = []
        parent = nodes[node_id].parent_id
        while parent is not None and parent in nodes:
            ancestors.append(parent)
            parent = nodes[parent].parent_id
        for ancestor in reversed(ancestors):
            self._expanded.add(ancestor)
            self._open(self._items[ancestor], nodes[ancestor])
        self.tree.setCurrentItem(self._items[node_id])
        self.tree.scrollToItem(self._items[node_id])

    # -- the layout the real window will have ---------------------------------------------

    def _restore_layout(self) -> None:
        """As ``MainWindow._restore_layout``: the saved geometry, splitter and columns."""
        restore_size(self)
        restore_panes(self.splitter, self.tree.header())

    def fit_splitter(self) -> None:
        fit_splitter(self.splitter, self.width())

    # -- what the person did meanwhile ----------------------------------------------------

    def expanded_ids(self) -> list[str]:
        return sorted(self._expanded)

    def selected_id(self) -> str | None:
        item = self.tree.currentItem()
        return None if item is None else str(item.data(0, NODE_ID))

    def splitter_state(self) -> QByteArray:
        return self.splitter.saveState()
