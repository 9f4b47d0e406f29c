"""The File menu: new, open, recent, save a copy, import and export JSON, quit.

File dialogs are attributes (``ask_*``) so tests can answer them without a dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okrdesk.gui.core import settings
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.gui.core.tasks import run_in_background
from okrdesk.qt.core import QObject
from okrdesk.qt.gui import QAction, QKeySequence
from okrdesk.qt.widgets import QFileDialog, QMenu
from okrdesk.services.errors import PlanFileError

if TYPE_CHECKING:
    from okrdesk.gui.shell import MainWindow

PLAN_FILTER = QT_TR_NOOP("okrdesk plans (*.okrdesk);;All files (*)")
JSON_FILTER = QT_TR_NOOP("okrdesk exchange files (*.json);;All files (*)")
PLAN_SUFFIX = ".okrdesk"

AskPath = Callable[[], Path | None]


def _with_suffix(path: Path, suffix: str) -> Path:
    return path if path.suffix else path.with_suffix(suffix)


class FileActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ask_open_path: AskPath = lambda: self._ask(
            open_file=True, title=tr("Open plan"), filters=tr(PLAN_FILTER)
        )
        self.ask_new_path: AskPath = lambda: self._ask(
            open_file=False, title=tr("New plan"), filters=tr(PLAN_FILTER), suffix=PLAN_SUFFIX
        )
        self.ask_copy_path: AskPath = lambda: self._ask(
            open_file=False, title=tr("Save a copy as"), filters=tr(PLAN_FILTER), suffix=PLAN_SUFFIX
        )
        self.ask_import_path: AskPath = lambda: self._ask(
            open_file=True, title=tr("Import JSON"), filters=tr(JSON_FILTER)
        )
        self.ask_export_path: AskPath = lambda: self._ask(
            open_file=False, title=tr("Export JSON"), filters=tr(JSON_FILTER), suffix=".json"
        )

        def make(text: str, tip: str, shortcut: Any, slot: Callable[[], object]) -> QAction:
            action = QAction(text, window)
            action.setStatusTip(tip)
            action.setToolTip(tip)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
            action.triggered.connect(slot)
            return action

        self.new = make(
            tr("&New plan…"),
            tr("Start a new, empty plan file"),
            QKeySequence.StandardKey.New,
            self.new_plan,
        )
        self.open = make(
            tr("&Open plan…"),
            tr("Open another plan file"),
            QKeySequence.StandardKey.Open,
            self.open_plan,
        )
        self.save_copy = make(
            tr("Save a &copy as…"),
            tr("Write a copy of this plan to another file"),
            QKeySequence.StandardKey.SaveAs,
            self.save_copy_as,
        )
        self.import_json = make(
            tr("&Import JSON…"),
            tr("Add the items of an exchange file to this plan"),
            None,
            self.import_file,
        )
        self.export_json = make(
            tr("&Export JSON…"), tr("Write this plan to an exchange file"), None, self.export_file
        )
        self.quit = make(
            tr("&Quit"),
            tr("Close okrdesk (everything is saved already)"),
            QKeySequence.StandardKey.Quit,
            window.close,
        )
        self.recent_menu = QMenu(tr("Open &recent"), window)
        self.recent_menu.aboutToShow.connect(self._fill_recent)

    def fill_menu(self, menu: QMenu) -> None:
        menu.addAction(self.new)
        menu.addAction(self.open)
        menu.addMenu(self.recent_menu)
        menu.addSeparator()
        menu.addAction(self.save_copy)
        menu.addSeparator()
        menu.addAction(self.import_json)
        menu.addAction(self.export_json)
        menu.addSeparator()
        menu.addAction(self.quit)

    # -- dialogs --------------------------------------------------------------------------

    def _ask(self, *, open_file: bool, title: str, filters: str, suffix: str = "") -> Path | None:
        start = str(self.window.controller.plan.path.parent)
        if open_file:
            chosen, _ = QFileDialog.getOpenFileName(self.window, title, start, filters)
        else:
            chosen, _ = QFileDialog.getSaveFileName(
                self.window,
                title,
                start,
                filters,
                options=QFileDialog.Option.DontConfirmOverwrite
                if suffix == PLAN_SUFFIX
                else QFileDialog.Option(0),
            )
        if not chosen:
            return None
        return _with_suffix(Path(chosen), suffix) if suffix else Path(chosen)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        current = self.window.controller.plan.path.resolve()
        recent = [p for p in settings.recent_plans() if p != current]
        for path in recent:
            action = self.recent_menu.addAction(path.name)
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _=False, p=path: self.open_recent(p))
        if not recent:
            self.recent_menu.addAction(tr("No other recent plans")).setEnabled(False)

    # -- the actions ----------------------------------------------------------------------

    def new_plan(self) -> bool:
        path = self.ask_new_path()
        if path is None:
            return False
        if path.exists():
            self.window.show_error(
                tr("New plan"),
                tr(
                    "{name} exists already. Choose another name, or use Open plan to open it."
                ).format(name=path.name),
            )
            return False
        return self.window.open_plan_file(path, create=True)

    def open_plan(self) -> bool:
        path = self.ask_open_path()
        return path is not None and self.window.open_plan_file(path, create=False)

    def open_recent(self, path: Path) -> bool:
        if not path.exists():
            settings.forget_plan(path)
            self.window.show_error(
                tr("Open recent"), tr("{path} no longer exists.").format(path=path)
            )
            return False
        return self.window.open_plan_file(path, create=False)

    def save_copy_as(self) -> bool:
        from okrdesk.services.backups import save_copy

        path = self.ask_copy_path()
        if path is None:
            return False
        plan_path = self.window.controller.plan.path
        if path.expanduser().resolve() == plan_path.resolve():
            self.window.show_error(
                tr("Save a copy"), tr("A copy cannot replace the plan it is made from.")
            )
            return False
        try:
            save_copy(plan_path, path)
        except (OSError, PlanFileError) as error:
            self.window.show_error(
                tr("Save a copy"),
                tr("Cannot write {name}: {error}").format(name=path.name, error=error),
            )
            return False
        self.window.statusBar().showMessage(tr("Saved a copy as {path}").format(path=path), 8000)
        return True

    def export_file(self) -> None:
        try:
            from okrdesk.services.exchange import export_plan
        except ImportError:
            self.window.show_error(tr("Export"), tr("JSON export is not available in this build."))
            return
        path = self.ask_export_path()
        if path is None:
            return
        plan = self.window.controller.plan
        self.window.begin_busy(tr("Exporting to {name}…").format(name=path.name))
        run_in_background(
            lambda: export_plan(plan, path),
            lambda _none: self._exported(path),
            lambda error: self._failed(tr("Export"), error),
        )

    def _exported(self, path: Path) -> None:
        self.window.end_busy()
        self.window.statusBar().showMessage(
            tr("Exported the plan to {path}").format(path=path), 8000
        )

    def import_file(self) -> None:
        try:
            from okrdesk.services.exchange import import_plan
        except ImportError:
            self.window.show_error(tr("Import"), tr("JSON import is not available in this build."))
            return
        path = self.ask_import_path()
        if path is None:
            return
        plan = self.window.controller.plan
        self.window.begin_busy(tr("Importing {name}…").format(name=path.name))
        run_in_background(
            lambda: import_plan(plan, path),
            lambda summary: self._imported(path, summary),
            lambda error: self._failed(tr("Import"), error),
        )

    def _imported(self, path: Path, summary: Any) -> None:
        self.window.end_busy()
        # An import is not on the undo stack: earlier steps may no longer apply cleanly.
        self.window.controller.changed_outside_history()
        self.window.statusBar().showMessage(
            tr("Imported from {name}: {summary}.").format(
                name=path.name, summary=summary.describe()
            ),
            10000,
        )

    def _failed(self, what: str, error: Exception) -> None:
        self.window.end_busy()
        self.window.show_error(what, str(error) or type(error).__name__)
