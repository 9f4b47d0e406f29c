"""Starting the app: the QApplication, the plan to open, the first paint, and the
screenshot mode.

The person's window comes in two steps (issue 20). As soon as Qt has loaded, a first
window (``gui.first_window``) paints the plan's outline from a plain read-only ``sqlite3``
look at the file. Then the rest of okrdesk (SQLAlchemy, the services, the features) is
imported on a worker thread, so that the first window keeps answering while it loads, and
the real ``MainWindow`` is built on the UI thread, handed the size, the splitter, what is
open and selected and a search typed meanwhile, and shown in the first one's place. A file
the first read is not sure of opens the usual way, with its usual messages.
"""

from __future__ import annotations

import importlib
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from okrdesk.gui.core import desktop, settings
from okrdesk.gui.core.i18n import tr
from okrdesk.gui.core.window_layout import DEFAULT_SIZE
from okrdesk.qt.core import QCoreApplication, QEventLoop, QObject, Qt, QTimer, Signal
from okrdesk.qt.widgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from okrdesk.gui.first_window import FirstWindow
    from okrdesk.gui.shell import MainWindow
    from okrdesk.services.plan import PlanService

# What the real window needs and the first one does not: imported on a worker thread
# while the first window is on screen.
THE_REST = ("okrdesk.gui.shell", "okrdesk.gui.core.crash", "okrdesk.gui.features.weekly.feature")


def application() -> QApplication:
    """The app's QApplication (the one that exists already, in tests)."""
    QCoreApplication.setOrganizationName(settings.ORGANISATION)
    QCoreApplication.setApplicationName(settings.APPLICATION)
    desktop.before_application()
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationDisplayName("okrdesk")
    desktop.integrate(app)
    return app


def _open_first_plan(
    path: Path, on_refusal: Callable[[], object] | None = None
) -> PlanService | None:
    """Open ``path``; when it is refused, explain and offer a backup or another plan (None:
    give up). The refused file is never written to. ``on_refusal`` runs before the first
    question."""
    from okrdesk.services.errors import PlanFileError
    from okrdesk.services.locations import open_plan

    while True:
        try:
            return open_plan(path)
        except PlanFileError as error:
            if on_refusal is not None:
                on_refusal()
                on_refusal = None
            chosen = _ask_for_another(path, str(error))
            if chosen is None:
                return None
            path = chosen


def _ask_for_another(refused: Path, message: str) -> Path | None:
    from okrdesk.gui.features.backups import BackupDialog, recover_to_new_file
    from okrdesk.services.backups import list_backups

    box = QMessageBox(QMessageBox.Icon.Warning, "okrdesk", tr("This plan cannot be opened."))
    box.setTextFormat(Qt.TextFormat.PlainText)
    has_backups = bool(list_backups(refused))
    box.setInformativeText(
        message
        + "\n\n"
        + tr("The file has been left as it was.")
        + (
            " " + tr("okrdesk has backups of it: one can be copied beside it and opened.")
            if has_backups
            else ""
        )
    )
    open_backup = (
        box.addButton(tr("Open a backup…"), QMessageBox.ButtonRole.AcceptRole)
        if has_backups
        else None
    )
    open_other = box.addButton(tr("Open another plan…"), QMessageBox.ButtonRole.AcceptRole)
    new_plan = box.addButton(tr("New plan…"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    parent: QWidget | None = None
    if open_backup is not None and box.clickedButton() is open_backup:
        dialog = BackupDialog(refused, tr("Copy and open"))
        if dialog.exec() != QDialog.DialogCode.Accepted or (backup := dialog.chosen()) is None:
            return None
        return recover_to_new_file(backup, refused)
    if box.clickedButton() is open_other:
        chosen, _ = QFileDialog.getOpenFileName(
            parent, tr("Open plan"), "", tr("okrdesk plans (*.okrdesk);;All files (*)")
        )
    elif box.clickedButton() is new_plan:
        chosen, _ = QFileDialog.getSaveFileName(
            parent,
            tr("New plan"),
            "",
            tr("okrdesk plans (*.okrdesk)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if chosen and not Path(chosen).suffix:
            chosen += ".okrdesk"
    else:
        return None
    return Path(chosen) if chosen else None


def _default_plan() -> Path:
    last = settings.last_plan()
    if last is not None and last.exists():
        return last
    from okrdesk.services.locations import resolve_plan_path

    return resolve_plan_path(None)


def settle(window: MainWindow) -> None:
    """Process events until the window and its chart are fully painted."""
    app = QApplication.instance()
    assert app is not None
    for _ in range(3):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    window.chart.ensure_canvas()
    window.chart.draw_now()
    for _ in range(3):
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def take_screenshot(window: MainWindow, path: Path, select: str | None) -> bool:
    if select:
        # Show what the selected item holds too: a screenshot is there to be read.
        window.tree.expand(window.tree.currentIndex())
    settle(window)
    return window.grab().save(str(path), "PNG")


def run_app(
    db_path: Path | None,
    *,
    screenshot: Path | None = None,
    select: str | None = None,
    size: tuple[int, int] | None = None,
    watch: Callable[[Launch], object] | None = None,
) -> int:
    """Run okrdesk on the plan at ``db_path`` (None: the last plan, else the default one).

    With ``screenshot`` the window (offscreen: the caller sets QT_QPA_PLATFORM) is sized,
    the first item whose title equals or starts with ``select`` is selected, and the PNG
    is written once everything is painted; returns 0 when it was written. ``watch`` is
    given the launch before anything is shown (the benchmark times its signals).
    """
    app = application()
    path = db_path if db_path is not None else _default_plan()
    if screenshot is not None:
        return _screenshot(path, screenshot, select, size)
    launch = Launch(path)
    launch.given_up.connect(lambda: app.exit(1))
    if watch is not None:
        watch(launch)
    if not launch.paint_first() and not launch.open_directly():
        return 1
    return app.exec()


def _screenshot(
    path: Path, screenshot: Path, select: str | None, size: tuple[int, int] | None
) -> int:
    from okrdesk.gui.shell import MainWindow
    from okrdesk.services.errors import PlanFileError
    from okrdesk.services.locations import open_plan

    try:
        plan = open_plan(path)
    except PlanFileError as error:
        print(f"okrdesk: {error}", file=sys.stderr)
        return 2
    window = MainWindow(plan, remember_layout=False)
    width, height = size or DEFAULT_SIZE
    window.resize(width, height)
    window.fit_splitter()
    window.show()
    if select and not window.select_by_title(select):
        window.close()
        print(
            f"okrdesk: nothing in the plan is called “{select}”; no screenshot was taken.",
            file=sys.stderr,
        )
        return 1
    written = take_screenshot(window, screenshot, select)
    window.close()
    if not written:
        print(f"okrdesk: cannot write {screenshot}", file=sys.stderr)
        return 1
    return 0


class Launch(QObject):
    """The person's window on ``path``: painted first from a plain read, then built."""

    # The first window is on screen (after its first paint).
    painted = Signal()
    # The real window is shown (its MainWindow), the first one closed.
    ready = Signal(object)
    # The plan was refused and the person chose no other: okrdesk ends (status 1).
    given_up = Signal()
    # From the worker thread: the rest is imported (None), or what importing raised.
    _imported = Signal(object)

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.first: FirstWindow | None = None
        self.window: MainWindow | None = None
        self._imported.connect(self._build, Qt.ConnectionType.QueuedConnection)

    def paint_first(self) -> bool:
        """Show the first window, and load the rest once it is painted; False (nothing
        shown) when the first read is not sure of the file."""
        from okrdesk.gui.first_window import FirstWindow
        from okrdesk.services.first_outline import read_first_outline

        view = settings.PlanViewState(self.path)
        outline = read_first_outline(self.path, view.cycle if view.saved else None)
        if outline is None:
            return False
        self.first = FirstWindow(self.path, outline, view)
        self.first.show()
        QApplication.processEvents()
        self.painted.emit()
        # The imports hold the interpreter in turns with the UI thread: the first window
        # still answers a click or a keystroke while they run.
        threading.Thread(target=self._import_the_rest, name="okrdesk start-up").start()
        return True

    def _import_the_rest(self) -> None:
        try:
            for name in THE_REST:
                importlib.import_module(name)
        except BaseException as error:  # raised again on the UI thread
            self._imported.emit(error)
            return
        self._imported.emit(None)

    def _build(self, error: BaseException | None) -> None:
        first = self.first
        if first is None or not first.isVisible():
            return  # closed before the real window was ready: okrdesk is quitting
        if error is not None:
            # okrdesk is broken (a module missing from an install): say so, end.
            first.close()
            self.given_up.emit()
            raise error
        # Dialogs about a refused file replace the first window rather than sit on it.
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.setQuitOnLastWindowClosed(False)
        try:
            window = self._main_window(on_refusal=first.hide)
        finally:
            app.setQuitOnLastWindowClosed(True)
        if window is None:
            first.close()
            self.given_up.emit()
            return
        if window.plan.path.resolve() == self.path.resolve() and first.isVisible():
            hand_over(first, window)
        self._show(window)
        first.close()
        first.deleteLater()
        self.first = None

    def open_directly(self) -> bool:
        """Open the plan and show the real window at once (no first paint); False when
        the person gave up on a file that cannot be opened."""
        window = self._main_window()
        if window is None:
            return False
        self._show(window)
        return True

    def _main_window(self, on_refusal: Callable[[], object] | None = None) -> MainWindow | None:
        from okrdesk.gui.core import crash
        from okrdesk.gui.shell import MainWindow

        crash.install()
        plan = _open_first_plan(self.path, on_refusal)
        return None if plan is None else MainWindow(plan)

    def _show(self, window: MainWindow) -> None:
        from okrdesk.gui.features.weekly.feature import WeeklyRhythm

        self.window = window
        window.show()
        QTimer.singleShot(0, window.raise_)
        QTimer.singleShot(0, window.activateWindow)
        # The weekly rhythm's reminders run for the person's window only (never for a
        # screenshot): a banner now if one is due, a notification when one comes.
        QTimer.singleShot(0, window.feature(WeeklyRhythm).reminders.start)
        self.ready.emit(window)


def hand_over(first: FirstWindow, window: MainWindow) -> None:
    """Give the real window what the person saw and did in the first one: its size and
    place, the splitter, the open nodes, the selection, a search and where they typed."""
    # Where the first window is now (the person may have moved it), maximised or not.
    if first.isMaximized() or first.isFullScreen():
        window.setWindowState(first.windowState())
    else:
        window.setGeometry(first.geometry())
    window.splitter.restoreState(first.splitter_state())
    window.tree.set_expanded_ids(first.expanded_ids())
    selected = first.selected_id()
    if selected is not None:
        window.tree.select_node(selected)
    text = first.search_box.text()
    if text:
        window.search_box.setText(text)
    if first.search_box.hasFocus():
        window.search_box.setFocus()
        window.search_box.setCursorPosition(first.search_box.cursorPosition())
    elif first.tree.hasFocus():
        window.tree.setFocus()
