"""The main window: the panes, the menus built from ``gui.menus``, and the features listed
once in ``FEATURES``, each installed through the ``Shell`` seam (``gui.features.base``).

The window keeps the window's and the plan's view state across sessions; the work itself
lives in the panes and features.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TypeVar

from okrdesk.domain.entities import Cycle, Item, Meeting, Mission, Objective
from okrdesk.gui.core import settings
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import tr, translated
from okrdesk.gui.core.kinds import action_icon
from okrdesk.gui.core.theme import error_colour
from okrdesk.gui.core.window_layout import (
    DEFAULT_SIZE,
    fit_splitter,
    restore_panes,
    restore_size,
)
from okrdesk.gui.features.backups import Backups
from okrdesk.gui.features.base import Dialogs, Feature
from okrdesk.gui.features.checkins import CheckIns
from okrdesk.gui.features.closing.feature import CycleClosing
from okrdesk.gui.features.coach.feature import Coach
from okrdesk.gui.features.cycle_list import CycleList
from okrdesk.gui.features.cycles import Cycles
from okrdesk.gui.features.demo import Demo
from okrdesk.gui.features.exports import Exports
from okrdesk.gui.features.files import Files
from okrdesk.gui.features.growth.feature import Growth
from okrdesk.gui.features.help import STABLE_TEXT, Help
from okrdesk.gui.features.items import Items
from okrdesk.gui.features.meetings.feature import Meetings
from okrdesk.gui.features.pdf_export import PdfExport
from okrdesk.gui.features.plan_settings import PlanSettings
from okrdesk.gui.features.purpose import Purpose
from okrdesk.gui.features.repairs import Repairs
from okrdesk.gui.features.team.feature import Team
from okrdesk.gui.features.weekly.calendar import CalendarExport
from okrdesk.gui.features.weekly.feature import WeeklyRhythm
from okrdesk.gui.menus import CONTEXT, MENUS, TOOLBAR, Menu, known_sections
from okrdesk.gui.panes.chart import ChartPane
from okrdesk.gui.panes.cycle_chooser import CycleChooser
from okrdesk.gui.panes.editor import EditorPane, EditorPanel
from okrdesk.gui.panes.fields import EscapeLineEdit
from okrdesk.gui.panes.summary import PlanSummary
from okrdesk.gui.panes.tree import OutlineView
from okrdesk.gui.panes.welcome import WelcomePanel
from okrdesk.qt.core import Qt, QTimer
from okrdesk.qt.gui import (
    QAction,
    QCloseEvent,
    QKeySequence,
    QResizeEvent,
    QShowEvent,
)
from okrdesk.qt.widgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QUndoView,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.changes import PlanChanges
from okrdesk.services.errors import PlanFileError
from okrdesk.services.outline import Branch, Node
from okrdesk.services.plan import PlanService

# Every feature of the window, installed in this order (within a menu section, their
# actions keep it).
FEATURES: tuple[type[Feature], ...] = (
    Files,
    PlanSettings,
    Purpose,
    Items,
    Cycles,
    CycleList,
    Demo,
    Backups,
    PdfExport,
    Exports,
    CalendarExport,
    Meetings,
    Coach,
    CheckIns,
    WeeklyRhythm,
    Growth,
    CycleClosing,
    Team,
    Repairs,
    Help,
)

STYLE = """
QLabel#fieldError { color: ERROR; }
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QDateEdit[invalid="true"] {
    border: 1px solid ERROR; border-radius: 3px;
}
QLabel#kindLabel { color: palette(placeholder-text); font-size: 8pt; letter-spacing: 1px; }
QLabel#editorTitle { font-size: 13pt; font-weight: 600; }
QLabel#editorHint { color: palette(placeholder-text); padding: 12px; }
QLabel#unitLabel { color: palette(placeholder-text); min-width: 2em; }
QLabel#welcomeTitle { font-size: 18pt; font-weight: 600; }
QFrame#welcomeCard { background: palette(base); border: 1px solid palette(mid);
                     border-radius: 8px; }
"""

# How long after the window first shows the chart pane loads matplotlib and draws; and how
# long typing in the search box must pause for it (longer than between two keystrokes).
CHART_DELAY_MS = 120
TYPING_PAUSE_MS = 500
# How long a search pauses before the editor and the chart show the match it selected.
MATCH_PAUSE_MS = 200

F = TypeVar("F", bound=Feature)


class MessageBoxes:
    """The real questions and messages (tests put a recorder in their place)."""

    def show_error(self, parent: QWidget, title: str, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # user text is never rich text
        box.exec()

    def confirm(self, parent: QWidget, question: str, details: str) -> bool:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("Delete"))
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(question)
        box.setInformativeText(details)
        delete = box.addButton(tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is delete


class MainWindow(QMainWindow):
    def __init__(self, plan: PlanService, *, remember_layout: bool = True) -> None:
        super().__init__()
        # Off for screenshots: they must neither use nor change the person's layout.
        self.remember_layout = remember_layout
        self._closed = False
        self._chart_started = False
        self.setObjectName("mainWindow")
        # The error red is chosen for the palette, light or dark, so it stays readable.
        self.setStyleSheet(STYLE.replace("ERROR", error_colour(self.palette()).name()))
        self.setWindowIcon(action_icon("app"))
        self.dialogs: Dialogs = MessageBoxes()
        self.clock: Callable[[], date] = date.today
        self._controller = PlanController(plan, self)
        self.view_state = settings.PlanViewState(plan.path)
        self._build_panes()
        self.statusBar().addPermanentWidget(self.summary)
        self._sections: dict[str, list[QAction | QMenu]] = {s: [] for s in known_sections()}
        self._build_own_actions()
        # Loading matplotlib holds the UI thread for a second: a search typed at once is
        # answered first (this runs after the tree's search), the chart once typing pauses.
        self._chart_timer = QTimer(self)
        self._chart_timer.setSingleShot(True)
        self._chart_timer.setInterval(CHART_DELAY_MS)
        self._chart_timer.timeout.connect(self._load_chart)
        self.search_box.textChanged.connect(self._put_chart_off)
        # A search typed moves the selection at each keystroke: the editor and the chart
        # show the match once typing pauses (loading a record's form reads its choosers,
        # and a match the next keystroke leaves is not worth it).
        self._typing_search = False
        self._match_timer = QTimer(self)
        self._match_timer.setSingleShot(True)
        self._match_timer.setInterval(MATCH_PAUSE_MS)
        self._match_timer.timeout.connect(self._show_match)
        self._banners: list[QToolBar] = []
        self._features: dict[type[Feature], Feature] = {}
        for feature_type in FEATURES:
            feature = feature_type()
            feature.install(self)
            self._features[feature_type] = feature
        self.feature(PlanSettings).signals.shown.connect(self._show_title)
        self._build_menus()
        self._build_toolbar()
        self.tree.context_actions = [
            entry for entry in self._grouped(CONTEXT) if entry is None or isinstance(entry, QAction)
        ]
        self.tree.node_selected.connect(self._node_selected)
        self.controller.changed.connect(self._plan_changed)
        if remember_layout:
            self._restore_layout()
        else:
            self.resize(*DEFAULT_SIZE)
            self.fit_splitter()
        self._load_plan_state()

    # -- the Shell seam -------------------------------------------------------------------

    @property
    def controller(self) -> PlanController:
        return self._controller

    @property
    def tree(self) -> OutlineView:
        return self._tree

    @property
    def editor(self) -> EditorPane:
        return self._editor

    @property
    def chart(self) -> ChartPane:
        return self._chart

    @property
    def welcome(self) -> WelcomePanel:
        return self._welcome

    @property
    def widget(self) -> QWidget:
        return self

    @property
    def today(self) -> Callable[[], date]:
        return lambda: self.clock()

    def feature(self, cls: type[F]) -> F:
        """The installed feature of type ``cls`` (for tests and scripted tours)."""
        found = self._features[cls]
        assert isinstance(found, cls)
        return found

    def add_action(self, section: str, action: QAction | QMenu) -> None:
        self._section(section).append(action)

    def add_toolbar_action(self, section: str, action: QAction) -> None:
        self._section(section).append(action)

    def add_context_action(self, section: str, action: QAction) -> None:
        self._section(section).append(action)

    def add_dock(
        self, dock: QDockWidget, section: str, area: Qt.DockWidgetArea, shortcut: str = ""
    ) -> QAction:
        self.addDockWidget(area, dock)
        dock.hide()
        toggle = dock.toggleViewAction()
        if shortcut:
            toggle.setShortcut(QKeySequence(shortcut))
        self.add_action(section, toggle)
        return toggle

    def add_editor_panel(self, cls: type[Item], panel: EditorPanel) -> None:
        self.editor.add_panel(cls, panel)

    def add_tree_header(self, widget: QWidget) -> None:
        # Above the tree, in the order features are installed.
        self._tree_headers.insertWidget(self._tree_headers.count() - 1, widget)

    def add_status_widget(self, widget: QWidget) -> None:
        self.statusBar().addPermanentWidget(widget)

    def add_banner(self, banner: QToolBar) -> None:
        # On a row of its own under the main toolbar (placed when that one is built):
        # across the window, without changing the panes' layout.
        banner.setMovable(False)
        banner.setFloatable(False)
        self._banners.append(banner)

    def show_status(self, message: str, msecs: int = 6000) -> None:
        """A message in the status bar, shortened with … to the room left of its counters
        (the whole of it in the bar's tooltip)."""
        bar = self.statusBar()
        text = translated(message)
        room = min((w.x() for w in (self.summary,) if w.isVisible()), default=bar.width())
        shown = bar.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, max(room - 18, 40))
        bar.setToolTip(text if shown != text else "")
        bar.showMessage(shown, msecs)

    def show_error(self, title: str, message: str) -> None:
        self.dialogs.show_error(self, title, translated(message))

    def show_failure(self, title: str, error: BaseException) -> None:
        from okrdesk.services.errors import describe_error
        from okrdesk.services.logs import log_failure

        log_failure(error, where="window")
        self.show_error(title, describe_error(error))  # a Message: translated when shown

    def confirm(self, question: str, details: str) -> bool:
        return self.dialogs.confirm(self, question, details)

    def begin_busy(self, message: str) -> None:
        self.pages.setEnabled(False)
        self.menuBar().setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        self.statusBar().showMessage(message)

    def end_busy(self) -> None:
        QApplication.restoreOverrideCursor()
        self.pages.setEnabled(True)
        self.menuBar().setEnabled(True)
        self.statusBar().clearMessage()

    def choose_cycle(self, cycle_id: str | None) -> None:
        self.cycle_box.choose(cycle_id)

    def reveal(self, node_id: str) -> bool:
        if self.tree.select_node(node_id):
            return True
        if self.search_box.text():
            self.search_box.clear()
        if self.controller.cycle_id is not None:
            self.choose_cycle(None)
        return self.tree.select_node(node_id)

    def _section(self, name: str) -> list[QAction | QMenu]:
        if name not in self._sections:
            raise KeyError(f"no menu section {name!r} in gui.menus")
        return self._sections[name]

    # -- building -------------------------------------------------------------------------

    def _build_panes(self) -> None:
        self._tree = OutlineView(self.controller)
        self._editor = EditorPane(self.controller)
        self._editor.today = self.today
        self._chart = ChartPane(self.controller)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        # The tree under the headers features put above it (the person's purpose).
        tree_column = QWidget()
        tree_column.setObjectName("treeColumn")
        self._tree_headers = QVBoxLayout(tree_column)
        self._tree_headers.setContentsMargins(0, 0, 0, 0)
        self._tree_headers.setSpacing(0)
        self._tree_headers.addWidget(self.tree, 1)
        for pane in (tree_column, self.editor, self.chart):
            self.splitter.addWidget(pane)
        self.tree.setMinimumWidth(300)
        self.editor.setMinimumWidth(340)
        for index, stretch in enumerate((4, 4, 3)):
            self.splitter.setStretchFactor(index, stretch)
        self._welcome = WelcomePanel()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.splitter)
        self.setCentralWidget(self.pages)
        self.cycle_box = CycleChooser(self.controller)
        self.summary = PlanSummary(self.controller, self.tree)

    def _build_own_actions(self) -> None:
        """Undo and redo, the history, search, expand and collapse: the window's own."""
        stack = self.controller.undo_stack
        self.undo_action = stack.createUndoAction(self, tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setIcon(action_icon("undo"))
        self.undo_action.setToolTip(tr("Undo the last change (Ctrl+Z)"))
        self.redo_action = stack.createRedoAction(self, tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.setIcon(action_icon("redo"))
        self.redo_action.setToolTip(tr("Redo what was undone (Ctrl+Shift+Z)"))
        self.undo_action.setProperty(STABLE_TEXT, tr("Undo"))
        self.redo_action.setProperty(STABLE_TEXT, tr("Redo"))
        for action in (self.undo_action, self.redo_action):
            self.add_action("edit.undo", action)
            self.add_toolbar_action("toolbar.undo", action)
        self.history = QUndoView(stack)
        self.history.setEmptyLabel(tr("Plan as opened"))
        self.history.setAccessibleName(tr("Undo history"))
        self.history_dock = QDockWidget(tr("History"), self)
        self.history_dock.setObjectName("historyDock")
        self.history_dock.setWidget(self.history)
        area = Qt.DockWidgetArea.RightDockWidgetArea
        history = self.add_dock(self.history_dock, "view.history", area, "Ctrl+H")
        history.setText(tr("Undo &history"))
        self.search_box = EscapeLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setAccessibleName(tr("Search"))
        self.search_box.setPlaceholderText(tr("Search titles and notes (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(200)
        self.search_box.setMaximumWidth(320)
        self.search_box.textChanged.connect(self._search_typed)
        self.search_box.escaped.connect(self._leave_search)
        self.find_action = QAction(tr("&Find…"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.setToolTip(tr("Search titles and notes (Ctrl+F)"))
        self.find_action.triggered.connect(self._focus_search)
        self.add_action("edit.find", self.find_action)
        for text, keys, slot in (
            (tr("&Expand all"), "Ctrl+Shift+Right", self.tree.expandAll),
            (tr("&Collapse all"), "Ctrl+Shift+Left", self.tree.collapseAll),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.triggered.connect(slot)
            self.add_action("view.tree", action)

    def _build_menus(self) -> None:
        self.menus: dict[str, QMenu] = {}
        for spec in MENUS:
            self.menus[spec.name] = menu = self.menuBar().addMenu(tr(spec.title))
            self._fill_menu(menu, spec)

    def _fill_menu(self, menu: QMenu, spec: Menu) -> None:
        menu.setObjectName(f"{spec.name}Menu")
        for entry in self._grouped(spec.groups):
            if entry is None:
                menu.addSeparator()
            elif isinstance(entry, Menu):
                sub = menu.addMenu(tr(entry.title))
                if entry.icon:
                    sub.setIcon(action_icon(entry.icon))
                self._fill_menu(sub, entry)
            elif isinstance(entry, QMenu):
                menu.addMenu(entry)
            else:
                menu.addAction(entry)

    def _grouped(
        self, groups: tuple[tuple[str | Menu, ...], ...]
    ) -> list[QAction | QMenu | Menu | None]:
        """The entries of ``groups`` in order, None between non-empty groups."""
        out: list[QAction | QMenu | Menu | None] = []
        for group in groups:
            entries: list[QAction | QMenu | Menu] = []
            for part in group:
                if isinstance(part, Menu):
                    if any(self._sections[s] for s in part.sections()):
                        entries.append(part)
                else:
                    entries.extend(self._sections[part])
            if entries:
                if out:
                    out.append(None)
                out.extend(entries)
        return out

    def _build_toolbar(self) -> None:
        bar = QToolBar(tr("Main toolbar"), self)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(bar)
        cycle_label = QLabel(" " + tr("Cycle") + " ")
        cycle_label.setBuddy(self.cycle_box)
        bar.addWidget(cycle_label)
        bar.addWidget(self.cycle_box)
        bar.addSeparator()
        for entry in self._grouped(TOOLBAR):
            if entry is None:
                bar.addSeparator()
            elif isinstance(entry, QAction):
                bar.addAction(entry)
        # Delete, undo and redo are known by their icons.
        for button in self._toolbar_buttons(bar, "toolbar.delete", "toolbar.undo"):
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        bar.addWidget(self.search_box)
        # The add buttons lose their names (kept in their tooltips) when the window is too
        # narrow for them, so that the search box never falls into the overflow menu.
        self._add_buttons = self._toolbar_buttons(bar, "toolbar.add")
        self._toolbar_named_width = bar.sizeHint().width()
        for banner in self._banners:
            self.addToolBarBreak()
            self.addToolBar(banner)

    def _toolbar_buttons(self, bar: QToolBar, *sections: str) -> list[QToolButton]:
        found = []
        for name in sections:
            for action in self._sections[name]:
                button = bar.widgetForAction(action) if isinstance(action, QAction) else None
                if isinstance(button, QToolButton):
                    found.append(button)
        return found

    def _fit_toolbar(self) -> None:
        named = self.width() >= self._toolbar_named_width
        style = (
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            if named
            else Qt.ToolButtonStyle.ToolButtonIconOnly
        )
        for button in self._add_buttons:
            if button.toolButtonStyle() != style:
                button.setToolButtonStyle(style)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_toolbar()

    # -- the plan -------------------------------------------------------------------------

    @property
    def plan(self) -> PlanService:
        return self.controller.plan

    def open_plan_file(self, path: Path, *, create: bool) -> bool:
        """Replace the open plan with the one at ``path``; False (and a message) if refused."""
        from okrdesk.services.locations import open_plan

        path = path.expanduser()
        if path.exists() and path.resolve() == self.plan.path.resolve():
            return True
        try:
            plan = open_plan(path, create=create, today=self.clock())
        except PlanFileError as error:
            self.show_error(tr("Open plan"), str(error))
            return False
        self._save_plan_state()
        self.search_box.clear()
        self.controller.replace_plan(plan)  # closes the old plan, which backs it up
        self.view_state = settings.PlanViewState(plan.path)
        self._load_plan_state()
        return True

    def _load_plan_state(self) -> None:
        plan = self.plan
        if self.remember_layout:
            settings.remember_plan(plan.path)
        self._show_title(plan.owner())
        self.setWindowFilePath(str(plan.path))
        state = self.view_state
        cycle_ids = {c.id for c in plan.all(Cycle)}
        self.controller.cycle_id = state.cycle if state.cycle in cycle_ids else None
        if not state.saved:
            # A new plan shows the quarter it started with, ready for its first objective.
            self.controller.cycle_id = plan.starting_cycle_id()
        self.tree.set_expanded_ids(state.expanded if state.saved else [Branch.MISSIONS.value])
        self.controller.announce(PlanChanges.all(state.selected or None))

    def _show_title(self, owner: str) -> None:
        """The plan's name and whose plan it is (Plan settings names the owner)."""
        name = self.plan.path.stem
        if owner:
            self.setWindowTitle(tr("{plan} — {owner} — okrdesk").format(plan=name, owner=owner))
        else:
            self.setWindowTitle(tr("{plan} — okrdesk").format(plan=name))

    def _save_plan_state(self) -> None:
        self.view_state.expanded = self.tree.expanded_ids()
        node = self.tree.current_node()
        self.view_state.selected = "" if node is None else node.id
        self.view_state.cycle = self.controller.cycle_id or ""

    def _plan_changed(self, changes: PlanChanges) -> None:
        if changes.reshapes(Mission, Objective, Meeting):
            self.pages.setCurrentWidget(self.welcome if self.plan.is_empty() else self.splitter)

    def _search_typed(self, text: str) -> None:
        self._typing_search = True
        try:
            self.tree.set_search(text)
        finally:
            self._typing_search = False

    def _node_selected(self, node_id: str) -> None:
        if self._typing_search:
            self._match_timer.start()
            return
        self._match_timer.stop()
        self._show_node(self.tree.source.outline.nodes.get(node_id))

    def _show_match(self) -> None:
        """The match a paused search selected (or what was selected since)."""
        self._show_node(self.tree.current_node())

    def _show_node(self, node: Node | None) -> None:
        self.editor.show_node(node)
        self.chart.show_node(node)

    def _focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _leave_search(self) -> None:
        self.search_box.clear()
        self.tree.setFocus()

    # -- window state ---------------------------------------------------------------------

    def _restore_layout(self) -> None:
        restore_size(self)
        state = settings.layout("state")
        if state is not None:
            self.restoreState(state)
        restore_panes(self.splitter, self.tree.header())

    def fit_splitter(self) -> None:
        """Share the window's width between the panes: tree, editor, chart."""
        fit_splitter(self.splitter, self.width())

    def select_by_title(self, text: str) -> bool:
        """Select the first item whose title, as the tree shows it, is ``text`` (else starts
        with it, else holds it: a one-on-one by its date or by whom it is with), in any
        cycle; False when nothing matches."""
        wanted = text.strip().lower()
        if not wanted:
            return False
        if self.controller.cycle_id is not None and self._find_titled(wanted) is None:
            self.choose_cycle(None)
        found = self._find_titled(wanted)
        return found is not None and self.reveal(found)

    def _find_titled(self, wanted: str) -> str | None:
        nodes = [node for _depth, node in self.tree.source.outline.walk()]
        titles = [(node.title.strip().lower(), node.id) for node in nodes]
        for matches in (
            lambda title: title == wanted,
            lambda title: title.startswith(wanted),
            lambda title: wanted in title,
        ):
            for title, node_id in titles:
                if matches(title):
                    return node_id
        return None

    def save_layout(self) -> None:
        settings.save_layout("geometry", self.saveGeometry())
        settings.save_layout("state", self.saveState())
        settings.save_layout("splitter", self.splitter.saveState())
        settings.save_layout("tree_header", self.tree.header().saveState())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._chart_started:
            self._chart_started = True
            # matplotlib loads once the window is on screen and painted, not before: the
            # person sees their plan at once and the chart a moment later. The delay runs
            # from when the event loop takes over (after the first paint), not from here.
            QTimer.singleShot(0, self._chart_timer, self._chart_timer.start)

    def _load_chart(self) -> None:
        # Posted, not called: Qt looks at its timers after painting, so a pause can run
        # out while a keystroke's result is painted; that keystroke is done first.
        QTimer.singleShot(0, self.chart, self.chart.ensure_canvas)

    def _put_chart_off(self) -> None:
        if self._chart_started and not self.chart.ready:
            self._chart_timer.start(TYPING_PAUSE_MS)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed:
            self._closed = True
            self.summary.closed = True
            if self.remember_layout:
                self.save_layout()
                self._save_plan_state()
            self.plan.close()
        super().closeEvent(event)
