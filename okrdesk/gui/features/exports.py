"""File ▸ Export objectives as CSV… and as Markdown…: the objectives and key results of the
cycle shown (of every cycle when all are shown) for a spreadsheet, a handbook page or a
repository (``services.okr_export``), written off the UI thread.

The save dialog asks before it replaces a file, so the export is told to replace it
(``force``); what it still refuses (the open plan, another plan file, a folder) is shown
as a message and nothing is written. The save dialog is an attribute (``ask_path``) so tests
can answer it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.gui.core.tasks import run_task
from okrdesk.gui.features.base import Feature, Shell
from okrdesk.qt.gui import QAction
from okrdesk.qt.widgets import QFileDialog
from okrdesk.services.okr_export import ExportCounts, export_csv, export_markdown


@dataclass(frozen=True)
class ExportFormat:
    name: str  # "csv" or "markdown"
    text: str
    tip: str
    title: str
    filters: str
    suffix: str
    write: Callable[..., ExportCounts]


FORMATS = (
    ExportFormat(
        "csv",
        QT_TR_NOOP("Export objectives as C&SV…"),
        QT_TR_NOOP("One row per key result, for a spreadsheet: objective, mission, numbers"),
        QT_TR_NOOP("Export objectives as CSV"),
        QT_TR_NOOP("CSV files (*.csv);;All files (*)"),
        "csv",
        export_csv,
    ),
    ExportFormat(
        "markdown",
        QT_TR_NOOP("Export objectives as &Markdown…"),
        QT_TR_NOOP("Headings and lists a handbook or a repository would publish"),
        QT_TR_NOOP("Export objectives as Markdown"),
        QT_TR_NOOP("Markdown files (*.md);;All files (*)"),
        "md",
        export_markdown,
    ),
)


class Exports(Feature):
    def install(self, shell: Shell) -> None:
        self.shell = shell
        self.ask_path: Callable[[ExportFormat], Path | None] = self._ask_path
        self.actions: dict[str, QAction] = {}
        for fmt in FORMATS:
            action = QAction(tr(fmt.text), shell.widget)
            action.setObjectName(f"export_{fmt.name}Action")
            action.setStatusTip(tr(fmt.tip))
            action.setToolTip(tr(fmt.tip))
            action.triggered.connect(lambda _=False, f=fmt: self.export(f))
            shell.add_action("file.export", action)
            self.actions[fmt.name] = action

    def _ask_path(self, fmt: ExportFormat) -> Path | None:
        plan_path = self.shell.controller.plan.path
        dialog = QFileDialog(self.shell.widget, tr(fmt.title))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(tr(fmt.filters))
        # The suffix goes on before the dialog asks about replacing a file, so it asks
        # about the file that is written.
        dialog.setDefaultSuffix(fmt.suffix)
        dialog.setDirectory(str(plan_path.parent))
        dialog.selectFile(f"{plan_path.stem}-objectives.{fmt.suffix}")
        if not dialog.exec() or not dialog.selectedFiles():
            return None
        return Path(dialog.selectedFiles()[0])

    def export(self, fmt: ExportFormat) -> None:
        path = self.ask_path(fmt)
        if path is None:
            return
        plan = self.shell.controller.plan
        cycle_id = self.shell.controller.cycle_id
        today = self.shell.today()
        self.shell.begin_busy(tr("Exporting to {name}…").format(name=path.name))
        run_task(
            lambda _progress: fmt.write(plan, path, cycle_id=cycle_id, force=True, today=today),
            lambda counts: self._exported(path, counts),
            lambda error: self._failed(fmt, path, error),
        )

    def _exported(self, path: Path, counts: Any) -> None:
        self.shell.end_busy()
        self.shell.show_status(
            tr("Exported {objectives} objectives and {key_results} key results to {path}").format(
                objectives=counts.objectives, key_results=counts.key_results, path=path
            ),
            10000,
        )

    def _failed(self, fmt: ExportFormat, path: Path, error: Exception) -> None:
        self.shell.end_busy()
        self.shell.show_failure(tr(fmt.title), error)
