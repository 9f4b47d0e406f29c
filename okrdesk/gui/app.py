"""Starting the app: the QApplication, the plan to open, and the screenshot mode."""

from __future__ import annotations

import sys
from pathlib import Path

from okrdesk.gui.core import crash, desktop, settings
from okrdesk.gui.core.i18n import tr
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import QCoreApplication, QEventLoop, Qt, QTimer
from okrdesk.qt.widgets import QApplication, QDialog, QFileDialog, QMessageBox, QWidget
from okrdesk.services.errors import PlanFileError
from okrdesk.services.plan import PlanService

DEFAULT_SIZE = (1400, 900)


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


def _open_first_plan(path: Path) -> PlanService | None:
    """Open ``path``; when it is refused, explain and offer a backup or another plan (None:
    give up). The refused file is never written to."""
    from okrdesk.services.locations import open_plan

    while True:
        try:
            return open_plan(path)
        except PlanFileError as error:
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
) -> int:
    """Run okrdesk on the plan at ``db_path`` (None: the last plan, else the default one).

    With ``screenshot`` the window (offscreen: the caller sets QT_QPA_PLATFORM) is sized,
    the first item whose title equals or starts with ``select`` is selected, and the PNG
    is written once everything is painted; returns 0 when it was written.
    """
    app = application()
    path = db_path if db_path is not None else _default_plan()
    if screenshot is not None:
        from okrdesk.services.locations import open_plan

        try:
            plan = open_plan(path)
        except PlanFileError as error:
            print(f"okrdesk: {error}", file=sys.stderr)
            return 2
    else:
        crash.install()  # off screen, for a screenshot, nobody would see its dialog
        opened = _open_first_plan(path)
        if opened is None:
            return 1
        plan = opened
    window = MainWindow(plan, remember_layout=screenshot is None)
    if screenshot is not None:
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
    window.show()
    QTimer.singleShot(0, window.raise_)
    # The weekly rhythm's reminders run for the person's window only (never for a
    # screenshot): a banner now if one is due, a notification when one comes.
    from okrdesk.gui.features.weekly.feature import WeeklyRhythm

    QTimer.singleShot(0, window.feature(WeeklyRhythm).reminders.start)
    return app.exec()
