"""The main window: assembles the panes, menus and toolbar, and keeps the window's and the
plan's view state across sessions. The work itself lives in the panes and action modules."""

from __future__ import annotations

from pathlib import Path

from okrdesk.domain.entities import Cycle, Meeting, Mission, Objective
from okrdesk.domain.health import Health
from okrdesk.gui.core import settings
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.gui.core.kinds import action_icon
from okrdesk.gui.core.tasks import run_in_background
from okrdesk.gui.core.theme import error_colour
from okrdesk.gui.features import backups as backup_actions
from okrdesk.gui.features import checkins, pdf_export
from okrdesk.gui.features import help as help_menu
from okrdesk.gui.features.coach import panel as coach_panel
from okrdesk.gui.features.files import FileActions
from okrdesk.gui.features.growth import notes as growth
from okrdesk.gui.features.items import ItemActions
from okrdesk.gui.features.meetings import panel as meeting_panel
from okrdesk.gui.features.team import feature as team_features
from okrdesk.gui.panes.chart import ChartPane
from okrdesk.gui.panes.editor import EditorPane
from okrdesk.gui.panes.fields import EscapeLineEdit
from okrdesk.gui.panes.tree import OutlineView
from okrdesk.gui.panes.welcome import WelcomePanel
from okrdesk.qt.core import Qt, QTimer
from okrdesk.qt.gui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShowEvent
from okrdesk.qt.widgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QUndoView,
    QWidget,
)
from okrdesk.services.changes import PlanChanges
from okrdesk.services.errors import PlanFileError
from okrdesk.services.outline import SHAPING_TYPES, Branch, NodeKind
from okrdesk.services.plan import PlanService, plural

ALL_CYCLES = QT_TR_NOOP("All cycles")
AT_RISK = frozenset({Health.AT_RISK, Health.OFF_TRACK})
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


# How long after the window first shows the chart pane loads matplotlib and draws.
CHART_DELAY_MS = 120


# The status bar's counts, one template per kind (singular, plural) for translators.
COUNT_TEXTS: dict[str, tuple[str, str]] = {
    "mission": (QT_TR_NOOP("{n} mission"), QT_TR_NOOP("{n} missions")),
    "objective": (QT_TR_NOOP("{n} objective"), QT_TR_NOOP("{n} objectives")),
    "key result": (QT_TR_NOOP("{n} key result"), QT_TR_NOOP("{n} key results")),
}


def count_text(count: int, name: str) -> str:
    one, many = COUNT_TEXTS.get(name, (f"{{n}} {name}", f"{{n}} {plural(name)}"))
    return tr(one if count == 1 else many).format(n=count)


class MainWindow(QMainWindow):
    def __init__(self, plan: PlanService, *, remember_layout: bool = True) -> None:
        super().__init__()
        # Off for screenshots: they must neither use nor change the person's layout.
        self.remember_layout = remember_layout
        self._closed = False
        self.setObjectName("mainWindow")
        # The error red is chosen for the palette, light or dark, so it stays readable.
        self.setStyleSheet(STYLE.replace("ERROR", error_colour(self.palette()).name()))
        self.setWindowIcon(action_icon("app"))
        self.controller = PlanController(plan, self)
        self.view_state = settings.PlanViewState(plan.path)
        self._chart_started = False
        self._summary_asked: object = None

        self.tree = OutlineView(self.controller)
        self.editor = EditorPane(self.controller)
        self.chart = ChartPane(self.controller)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        for pane in (self.tree, self.editor, self.chart):
            self.splitter.addWidget(pane)
        self.tree.setMinimumWidth(300)
        self.editor.setMinimumWidth(340)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 3)
        self.welcome = WelcomePanel()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.welcome)
        self.pages.addWidget(self.splitter)
        self.setCentralWidget(self.pages)

        self.items = ItemActions(self.controller, self.tree, self)
        self.files = FileActions(self)
        self._build_undo()
        self._build_toolbar()
        self._build_menus()
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.statusBar().addPermanentWidget(self.summary)

        self._install_features()
        self.tree.node_selected.connect(self._node_selected)
        self.controller.changed.connect(self._plan_changed)
        self.welcome.create_mission.connect(self._create_first_mission)
        self.welcome.open_demo.connect(self.open_demo)
        self.welcome.open_plan.connect(self.files.open_plan)

        if remember_layout:
            self._restore_layout()
        else:
            self.resize(1400, 900)
            self.fit_splitter()
        self._load_plan_state()

    # -- building -------------------------------------------------------------------------

    def _build_undo(self) -> None:
        stack = self.controller.undo_stack
        self.undo_action = stack.createUndoAction(self, tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setIcon(action_icon("undo"))
        self.undo_action.setToolTip(tr("Undo the last change (Ctrl+Z)"))
        self.redo_action = stack.createRedoAction(self, tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.setIcon(action_icon("redo"))
        self.redo_action.setToolTip(tr("Redo what was undone (Ctrl+Shift+Z)"))
        self.history = QUndoView(stack)
        self.history.setEmptyLabel(tr("Plan as opened"))
        self.history.setAccessibleName(tr("Undo history"))
        self.history_dock = QDockWidget(tr("History"), self)
        self.history_dock.setObjectName("historyDock")
        self.history_dock.setWidget(self.history)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.history_dock)
        self.history_dock.hide()

    def _build_toolbar(self) -> None:
        bar = QToolBar(tr("Main toolbar"), self)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(bar)
        cycle_label = QLabel(" " + tr("Cycle") + " ")
        self.cycle_box = QComboBox()
        self.cycle_box.setObjectName("cycleBox")
        self.cycle_box.setAccessibleName(tr("Cycle"))
        self.cycle_box.setToolTip(tr("Show the objectives of one cycle, or of all cycles"))
        self.cycle_box.setMinimumContentsLength(12)
        self.cycle_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.cycle_box.activated.connect(self._cycle_chosen)
        cycle_label.setBuddy(self.cycle_box)
        bar.addWidget(cycle_label)
        bar.addWidget(self.cycle_box)
        bar.addSeparator()
        for action in self.items.add_actions[:5]:
            bar.addAction(action)
        bar.addSeparator()
        bar.addAction(self.items.delete)
        bar.addSeparator()
        bar.addAction(self.undo_action)
        bar.addAction(self.redo_action)
        for action in (self.items.delete, self.undo_action, self.redo_action):
            button = bar.widgetForAction(action)
            if isinstance(button, QToolButton):
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.search_box = EscapeLineEdit()
        self.search_box.setObjectName("searchBox")
        self.search_box.setAccessibleName(tr("Search"))
        self.search_box.setPlaceholderText(tr("Search titles and notes (Ctrl+F)"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMinimumWidth(200)
        self.search_box.setMaximumWidth(320)
        self.search_box.textChanged.connect(self.tree.set_search)
        self.search_box.escaped.connect(self._leave_search)
        bar.addWidget(self.search_box)
        self.find_action = QAction(tr("&Find…"), self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.setToolTip(tr("Search titles and notes (Ctrl+F)"))
        self.find_action.triggered.connect(self._focus_search)

    def _build_menus(self) -> None:
        self.file_menu = file_menu = self.menuBar().addMenu(tr("&File"))
        self.files.fill_menu(file_menu)
        self.edit_menu = edit = self.menuBar().addMenu(tr("&Edit"))
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        edit.addSeparator()
        add = edit.addMenu(action_icon("add"), tr("&Add"))
        for action in self.items.add_actions:
            add.addAction(action)
        add.addSeparator()
        self.add_cycle_action = add.addAction(tr("Cycle for the next quarter"))
        self.add_cycle_action.setToolTip(tr("Add a cycle for the quarter after the latest one"))
        self.add_cycle_action.triggered.connect(self.add_next_cycle)
        edit.addAction(self.items.add_child)
        edit.addAction(self.items.add_sibling)
        edit.addSeparator()
        edit.addAction(self.items.rename)
        edit.addAction(self.items.move_up)
        edit.addAction(self.items.move_down)
        edit.addAction(self.items.delete)
        edit.addSeparator()
        edit.addAction(self.find_action)
        self.view_menu = view = self.menuBar().addMenu(tr("&View"))
        history = self.history_dock.toggleViewAction()
        history.setText(tr("Undo &history"))
        history.setShortcut(QKeySequence("Ctrl+H"))
        view.addAction(history)
        view.addSeparator()
        view.addAction(tr("&Expand all"), QKeySequence("Ctrl+Shift+Right"), self.tree.expandAll)
        view.addAction(tr("&Collapse all"), QKeySequence("Ctrl+Shift+Left"), self.tree.collapseAll)
        self.help_menu = self.menuBar().addMenu(tr("&Help"))

    def _install_features(self) -> None:
        """Each feature adds its own menus, docks, shortcuts and editor panels here, one
        line each; the feature's module keeps all of its code."""
        backup_actions.install(self)
        meeting_panel.install(self)
        coach_panel.install(self)
        checkins.install(self)
        growth.install(self)
        team_features.install(self)
        pdf_export.install(self)
        help_menu.install(self)

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
            plan = open_plan(path, create=create)
        except PlanFileError as error:
            self.show_error(tr("Open plan"), str(error))
            return False
        self._save_plan_state()
        self.controller.replace_plan(plan)  # closes the old plan, which backs it up
        self.view_state = settings.PlanViewState(plan.path)
        self.search_box.clear()
        self._load_plan_state()
        return True

    def _load_plan_state(self) -> None:
        plan = self.plan
        if self.remember_layout:
            settings.remember_plan(plan.path)
        self.setWindowTitle(tr("{plan} — okrdesk").format(plan=plan.path.stem))
        self.setWindowFilePath(str(plan.path))
        state = self.view_state
        cycle_ids = {c.id for c in plan.all(Cycle)}
        self.controller.cycle_id = state.cycle if state.cycle in cycle_ids else None
        self.tree.set_expanded_ids(state.expanded if state.saved else [Branch.MISSIONS.value])
        self.controller.announce(PlanChanges.all(state.selected or None))

    def _save_plan_state(self) -> None:
        self.view_state.expanded = self.tree.expanded_ids()
        node = self.tree.current_node()
        self.view_state.selected = "" if node is None else node.id
        self.view_state.cycle = self.controller.cycle_id or ""

    def _plan_changed(self, changes: PlanChanges) -> None:
        if changes.touches(Cycle):
            self._fill_cycles()
        if changes.touches(*SHAPING_TYPES):
            self._update_summary()
        if changes.reshapes(Mission, Objective, Meeting):
            self.pages.setCurrentWidget(self.welcome if self.plan.is_empty() else self.splitter)

    def _node_selected(self, node_id: str) -> None:
        node = self.tree.source.outline.nodes.get(node_id)
        self.editor.show_node(node)
        self.chart.show_node(node)

    def _fill_cycles(self) -> None:
        box = self.cycle_box
        box.blockSignals(True)
        box.clear()
        box.addItem(tr(ALL_CYCLES), None)
        for cycle in sorted(self.plan.all(Cycle), key=lambda c: c.start):
            box.addItem(f"{cycle.name}  ({cycle.start:%b %-d} – {cycle.end:%b %-d, %Y})", cycle.id)
        row = box.findData(self.controller.cycle_id) if self.controller.cycle_id else 0
        if row < 0:
            self.controller.cycle_id = None
            row = 0
        box.setCurrentIndex(row)
        box.blockSignals(False)

    def _cycle_chosen(self, row: int) -> None:
        cycle_id = self.cycle_box.itemData(row)
        self.view_state.cycle = cycle_id or ""
        self.controller.set_cycle(cycle_id)

    def choose_cycle(self, cycle_id: str | None) -> None:
        row = self.cycle_box.findData(cycle_id) if cycle_id else 0
        self.cycle_box.setCurrentIndex(row)
        self._cycle_chosen(row)

    def _update_summary(self) -> None:
        """Counts and the average at once; how many objectives are at risk a moment later,
        from the health computed off the UI thread (it reads every check-in)."""
        outline = self.tree.source.outline
        kinds = [n.kind for n in outline.nodes.values()]
        objectives = [n for n in outline.nodes.values() if n.kind is NodeKind.OBJECTIVE]
        progresses = [n.progress for n in objectives if n.progress is not None]
        parts = [
            count_text(kinds.count(NodeKind.MISSION), "mission"),
            count_text(len(objectives), "objective"),
            count_text(kinds.count(NodeKind.KEY_RESULT), "key result"),
        ]
        if progresses:
            parts.append(
                tr("average {percent} %").format(
                    percent=round(100 * sum(progresses) / len(progresses))
                )
            )
        counts = " · ".join(parts)
        self.summary.setText(counts)
        plan, cycle_id = self.plan, self.controller.cycle_id
        asked = (plan, plan.revision, cycle_id)
        self._summary_asked = asked

        def health() -> dict[str, Health]:
            from okrdesk.services.status import plan_status

            return {
                item_id: status.health
                for item_id, status in plan_status(plan, cycle_id=cycle_id).items()
            }

        def show(healths: dict[str, Health]) -> None:
            if self._summary_asked != asked or self._closed:
                return  # the plan changed meanwhile: a newer count is on its way
            at_risk = sum(1 for n in objectives if healths.get(n.id) in AT_RISK)
            self.summary.setText(
                tr("{counts} · {n} at risk").format(counts=counts, n=at_risk) if at_risk else counts
            )

        run_in_background(health, show, lambda _error: None)

    # -- helpers for actions --------------------------------------------------------------

    def add_next_cycle(self) -> None:
        from datetime import date, timedelta

        from okrdesk.services.demo import quarter_name, quarter_of

        cycles = sorted(self.plan.all(Cycle), key=lambda c: c.end)
        day = date.today() if not cycles else cycles[-1].end + timedelta(days=1)
        start, end = quarter_of(day)
        cycle = self.controller.add(Cycle(name=quarter_name(start), start=start, end=end))
        self.statusBar().showMessage(tr("Added the cycle {name}").format(name=cycle.label), 6000)

    def _create_first_mission(self) -> None:
        self.pages.setCurrentWidget(self.splitter)
        self.items.add(NodeKind.MISSION)

    def open_demo(self) -> None:
        from okrdesk.services.demo import fill_demo

        plan = self.plan
        self.begin_busy(tr("Writing the demo plan…"))
        run_in_background(
            lambda: fill_demo(plan), lambda _none: self._demo_done(), self._demo_failed
        )

    def _demo_done(self) -> None:
        self.end_busy()
        outline = self.controller.outline()
        first = outline.children.get(Branch.MISSIONS.value, [])
        self.tree.set_expanded_ids([Branch.MISSIONS.value, *first])
        self.controller.changed_outside_history(first[0] if first else None)
        self.statusBar().showMessage(tr("The demo plan is ready: explore, edit, undo."), 8000)

    def _demo_failed(self, error: Exception) -> None:
        self.end_busy()
        self.show_error(tr("Demo plan"), str(error))

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

    def show_error(self, title: str, message: str) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, self
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.exec()

    def _focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _leave_search(self) -> None:
        self.search_box.clear()
        self.tree.setFocus()

    # -- window state ---------------------------------------------------------------------

    def _restore_layout(self) -> None:
        geometry = settings.layout("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            screen = QGuiApplication.primaryScreen()
            available = screen.availableGeometry() if screen is not None else None
            width, height = 1400, 900
            if available is not None:
                width = min(width, int(available.width() * 0.92))
                height = min(height, int(available.height() * 0.9))
            self.resize(width, height)
        state = settings.layout("state")
        if state is not None:
            self.restoreState(state)
        splitter = settings.layout("splitter")
        if splitter is None or not self.splitter.restoreState(splitter):
            self.fit_splitter()
        header = settings.layout("tree_header")
        if header is not None:
            self.tree.header().restoreState(header)

    def fit_splitter(self) -> None:
        """Share the window's width between the panes: tree, editor, chart."""
        width = max(self.width(), 900)
        self.splitter.setSizes([int(width * 0.38), int(width * 0.35), int(width * 0.27)])

    def select_by_title(self, text: str) -> bool:
        """Select the first item titled ``text`` (else the first whose title starts so)."""
        wanted = text.strip().lower()
        nodes = [node for _depth, node in self.tree.source.outline.walk()]
        titles = [(node.title.strip().lower(), node.id) for node in nodes]
        for title, node_id in titles:
            if title == wanted:
                return self.tree.select_node(node_id)
        for title, node_id in titles:
            if title.startswith(wanted):
                return self.tree.select_node(node_id)
        return False

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
            # person sees their plan at once and the chart a moment later.
            QTimer.singleShot(CHART_DELAY_MS, self.chart.ensure_canvas)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closed:
            self._closed = True
            if self.remember_layout:
                self.save_layout()
                self._save_plan_state()
            self.plan.close()
        super().closeEvent(event)
