"""File ▸ Export calendar (.ics)…: the weekly check-in, one-on-ones, next steps and
milestones for the calendar the person already uses (``services.calendar_export``),
written off the UI thread. The save dialog asks before it replaces a file; the dialog is
an attribute (``ask_path``) so tests can answer it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from okrdesk.gui.core.i18n import tr
from okrdesk.gui.core.tasks import run_task
from okrdesk.gui.features.base import Feature, Shell
from okrdesk.qt.gui import QAction
from okrdesk.qt.widgets import QFileDialog
from okrdesk.services.calendar_export import CalendarReport, export_calendar


class CalendarExport(Feature):
    def install(self, shell: Shell) -> None:
        self.shell = shell
        self.ask_path: Callable[[], Path | None] = self._ask_path
        self.action = QAction(tr("Export ca&lendar (.ics)…"), shell.widget)
        self.action.setObjectName("exportCalendarAction")
        tip = tr("The weekly check-in, one-on-ones, next steps and milestones, for a calendar")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self.action.triggered.connect(self.export)
        shell.add_action("file.export", self.action)

    def _ask_path(self) -> Path | None:
        plan_path = self.shell.controller.plan.path
        dialog = QFileDialog(self.shell.widget, tr("Export calendar"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(tr("iCalendar files (*.ics);;All files (*)"))
        dialog.setDefaultSuffix("ics")
        dialog.setDirectory(str(plan_path.parent))
        dialog.selectFile(f"{plan_path.stem}.ics")
        if not dialog.exec() or not dialog.selectedFiles():
            return None
        return Path(dialog.selectedFiles()[0])

    def export(self) -> None:
        path = self.ask_path()
        if path is None:
            return
        plan = self.shell.controller.plan
        today = self.shell.today()
        self.shell.begin_busy(tr("Exporting to {name}…").format(name=path.name))
        # The save dialog asked before replacing a file: the export may replace it.
        run_task(
            lambda _progress: export_calendar(plan, path, today, overwrite=True),
            self._exported,
            self._failed,
        )

    def _exported(self, report: CalendarReport) -> None:
        self.shell.end_busy()
        self.shell.show_status(
            tr("Exported {count} calendar events to {path}").format(
                count=report.events, path=report.path
            ),
            10000,
        )

    def _failed(self, error: Exception) -> None:
        self.shell.end_busy()
        self.shell.show_failure(tr("Export calendar"), error)
