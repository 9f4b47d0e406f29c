"""The seam between the main window and its features (calibre's ``InterfaceAction`` is the
model): a feature is a class with ``install(shell)``, listed once in ``gui.shell.FEATURES``,
and the ``Shell`` below is all it may use of the window.

A feature adds its actions to named menu sections (``gui.shell.MENUS`` says where each
section sits, so menus never depend on the order features are installed in), its docks,
its panels under an item's form, its entries in the tree's context menu and its widgets
in the status bar. It changes the plan through the controller only, and hears of changes
from the controller's ``changed`` signal. It never imports the main window, another
feature, or hangs anything onto the window: a test reaches an installed feature with
``window.feature(CheckIns)``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Protocol

from okrdesk.domain.entities import Item
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.panes.chart import ChartPane
from okrdesk.gui.panes.editor import EditorPane, EditorPanel
from okrdesk.gui.panes.tree import OutlineView
from okrdesk.gui.panes.welcome import WelcomePanel
from okrdesk.qt.core import Qt
from okrdesk.qt.gui import QAction
from okrdesk.qt.widgets import QDockWidget, QMenu, QToolBar, QWidget


class Dialogs(Protocol):
    """The questions and messages that stop the person; tests answer them instead."""

    def show_error(self, parent: QWidget, title: str, message: str) -> None: ...

    def confirm(self, parent: QWidget, question: str, details: str) -> bool: ...


class Shell(Protocol):
    @property
    def controller(self) -> PlanController: ...

    @property
    def tree(self) -> OutlineView: ...

    @property
    def editor(self) -> EditorPane: ...

    @property
    def chart(self) -> ChartPane: ...

    @property
    def welcome(self) -> WelcomePanel: ...

    @property
    def widget(self) -> QWidget:
        """The main window as a widget: the parent of a feature's dialogs and actions."""
        ...

    @property
    def today(self) -> Callable[[], date]:
        """The window's clock (tests set it once for every feature)."""
        ...

    # -- places to add to -----------------------------------------------------------------

    def add_action(self, section: str, action: QAction | QMenu) -> None:
        """Put ``action`` (or a submenu) in a menu section named in ``gui.shell.MENUS``."""
        ...

    def add_toolbar_action(self, section: str, action: QAction) -> None: ...

    def add_context_action(self, section: str, action: QAction) -> None:
        """An entry of the tree's context menu, shown while it is enabled."""
        ...

    def add_dock(
        self, dock: QDockWidget, section: str, area: Qt.DockWidgetArea, shortcut: str = ""
    ) -> QAction:
        """Add a hidden dock; its show/hide action goes into ``section``."""
        ...

    def add_editor_panel(self, cls: type[Item], panel: EditorPanel) -> None: ...

    def add_status_widget(self, widget: QWidget) -> None: ...

    def add_tree_header(self, widget: QWidget) -> None:
        """Show ``widget`` above the tree (the person's purpose)."""
        ...

    def add_banner(self, banner: QToolBar) -> None:
        """A strip across the window under the main toolbar (a reminder), shown and
        hidden by the feature that owns it."""
        ...

    # -- what a feature may ask of the window ---------------------------------------------

    def show_status(self, message: str, msecs: int = 6000) -> None: ...

    def show_error(self, title: str, message: str) -> None: ...

    def show_failure(self, title: str, error: BaseException) -> None:
        """One sentence for what went wrong (disk full, read-only, locked…), never the SQL
        or the data; the details go to the log."""
        ...

    def confirm(self, question: str, details: str) -> bool: ...

    def begin_busy(self, message: str) -> None: ...

    def end_busy(self) -> None: ...

    def choose_cycle(self, cycle_id: str | None) -> None: ...

    def reveal(self, node_id: str) -> bool:
        """Select the node in the tree, showing every cycle and ending a search if they
        hide it; False when the plan has no such node."""
        ...

    def open_plan_file(self, path: Path, *, create: bool) -> bool: ...


class Feature:
    """A capability of the window. Subclasses build their parts in ``install``."""

    def install(self, shell: Shell) -> None:
        raise NotImplementedError
