"""The File menu: new, open, recent, save a copy, import and export JSON, quit.

File dialogs are attributes (``ask_*``) so tests can answer them without a dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from okrdesk.gui.core import settings
from okrdesk.gui.core.actions import ActionSpec, make_actions
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.gui.core.tasks import run_task
from okrdesk.gui.features.base import Feature, Shell
from okrdesk.qt.gui import QKeySequence
from okrdesk.qt.widgets import QFileDialog, QMenu
from okrdesk.services.errors import PlanFileError

PLAN_FILTER = QT_TR_NOOP("okrdesk plans (*.okrdesk);;All files (*)")
JSON_FILTER = QT_TR_NOOP("okrdesk exchange files (*.json);;All files (*)")
PLAN_SUFFIX = ".okrdesk"

AskPath = Callable[[], Path | None]


def _with_suffix(path: Path, suffix: str) -> Path:
    return path if path.suffix else path.with_suffix(suffix)


# The File menu's actions; where each goes is said in Files.install (the recent plans'
# submenu sits among them).
FILE_ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "new_plan",
        QT_TR_NOOP("&New plan…"),
        QT_TR_NOOP("Start a new, empty plan file"),
        QKeySequence.StandardKey.New,
    ),
    ActionSpec(
        "open_plan",
        QT_TR_NOOP("&Open plan…"),
        QT_TR_NOOP("Open another plan file"),
        QKeySequence.StandardKey.Open,
    ),
    ActionSpec(
        "save_copy",
        QT_TR_NOOP("Save a &copy as…"),
        QT_TR_NOOP("Write a copy of this plan to another file"),
        QKeySequence.StandardKey.SaveAs,
    ),
    ActionSpec(
        "import_json",
        QT_TR_NOOP("&Import JSON…"),
        QT_TR_NOOP("Add the items of an exchange file to this plan"),
    ),
    ActionSpec(
        "export_json",
        QT_TR_NOOP("&Export JSON…"),
        QT_TR_NOOP("Write this plan to an exchange file"),
    ),
    ActionSpec(
        "quit",
        QT_TR_NOOP("&Quit"),
        QT_TR_NOOP("Close okrdesk (everything is saved already)"),
        QKeySequence.StandardKey.Quit,
    ),
)


class Files(Feature):
    """New, open, recent, save a copy, import and export JSON, quit."""

    def install(self, shell: Shell) -> None:
        self.shell = shell
        self._install_dialogs()
        actions = make_actions(
            FILE_ACTIONS,
            shell.widget,
            {
                "new_plan": self.new_plan,
                "open_plan": self.open_plan,
                "save_copy": self.save_copy_as,
                "import_json": self.import_file,
                "export_json": self.export_file,
                "quit": shell.widget.close,
            },
        )
        self.new = actions["new_plan"]
        self.open = actions["open_plan"]
        self.save_copy = actions["save_copy"]
        self.import_json = actions["import_json"]
        self.export_json = actions["export_json"]
        self.quit = actions["quit"]
        self.recent_menu = QMenu(tr("Open &recent"), shell.widget)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        for section, action in (
            ("file.plan", self.new),
            ("file.plan", self.open),
            ("file.plan", self.recent_menu),
            ("file.copy", self.save_copy),
            ("file.exchange", self.import_json),
            ("file.exchange", self.export_json),
            ("file.quit", self.quit),
        ):
            shell.add_action(section, action)
        shell.welcome.open_plan.connect(self.open_plan)

    def _install_dialogs(self) -> None:
        """The file dialogs each action asks with (attributes, for tests to answer)."""
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

    # -- dialogs --------------------------------------------------------------------------

    def _ask(self, *, open_file: bool, title: str, filters: str, suffix: str = "") -> Path | None:
        start = str(self.shell.controller.plan.path.parent)
        if open_file:
            chosen, _ = QFileDialog.getOpenFileName(self.shell.widget, title, start, filters)
        else:
            chosen, _ = QFileDialog.getSaveFileName(
                self.shell.widget,
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
        current = self.shell.controller.plan.path.resolve()
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
            self.shell.show_error(
                tr("New plan"),
                tr(
                    "{name} exists already. Choose another name, or use Open plan to open it."
                ).format(name=path.name),
            )
            return False
        return self.shell.open_plan_file(path, create=True)

    def open_plan(self) -> bool:
        path = self.ask_open_path()
        return path is not None and self.shell.open_plan_file(path, create=False)

    def open_recent(self, path: Path) -> bool:
        if not path.exists():
            settings.forget_plan(path)
            self.shell.show_error(
                tr("Open recent"), tr("{path} no longer exists.").format(path=path)
            )
            return False
        return self.shell.open_plan_file(path, create=False)

    def save_copy_as(self) -> bool:
        from okrdesk.services.backups import save_copy

        path = self.ask_copy_path()
        if path is None:
            return False
        plan_path = self.shell.controller.plan.path
        if path.expanduser().resolve() == plan_path.resolve():
            self.shell.show_error(
                tr("Save a copy"), tr("A copy cannot replace the plan it is made from.")
            )
            return False
        try:
            save_copy(plan_path, path, overwrite=True)
        except (OSError, PlanFileError) as error:
            self.shell.show_error(
                tr("Save a copy"),
                tr("Cannot write {name}: {error}").format(name=path.name, error=error),
            )
            return False
        self.shell.show_status(tr("Saved a copy as {path}").format(path=path), 8000)
        return True

    def export_file(self) -> None:
        try:
            from okrdesk.services.exchange import export_plan
        except ImportError:
            self.shell.show_error(tr("Export"), tr("JSON export is not available in this build."))
            return
        path = self.ask_export_path()
        if path is None:
            return
        plan = self.shell.controller.plan
        self.shell.begin_busy(tr("Exporting to {name}…").format(name=path.name))
        run_task(
            lambda _progress: export_plan(plan, path, overwrite=True),
            lambda _none: self._exported(path),
            lambda error: self._failed(tr("Export"), error),
        )

    def _exported(self, path: Path) -> None:
        self.shell.end_busy()
        self.shell.show_status(tr("Exported the plan to {path}").format(path=path), 8000)

    def import_file(self) -> None:
        try:
            from okrdesk.services.exchange import import_plan
        except ImportError:
            self.shell.show_error(tr("Import"), tr("JSON import is not available in this build."))
            return
        path = self.ask_import_path()
        if path is None:
            return
        plan = self.shell.controller.plan
        self.shell.begin_busy(tr("Importing {name}…").format(name=path.name))
        run_task(
            lambda _progress: import_plan(plan, path),
            lambda summary: self._imported(path, summary),
            lambda error: self._failed(tr("Import"), error),
        )

    def _imported(self, path: Path, summary: Any) -> None:
        self.shell.end_busy()
        # An import is not on the undo stack: earlier steps may no longer apply cleanly.
        self.shell.controller.changed_outside_history()
        self.shell.show_status(
            tr("Imported from {name}: {summary}.").format(
                name=path.name, summary=summary.describe()
            ),
            10000,
        )

    def _failed(self, what: str, error: Exception) -> None:
        self.shell.end_busy()
        self.shell.show_failure(what, error)
