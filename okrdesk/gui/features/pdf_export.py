"""File ▸ Export PDF…: an options dialog (cycle, mission, private notes, page size, file),
then a progress dialog while the report is written on a worker thread; Cancel stops it and
leaves no file behind.

The report package draws with QPainter on a QPdfWriter and matplotlib's SVG backend (never
pyplot), both safe off the UI thread. It is imported when the export starts, not when the
window does: the report pulls in matplotlib, which must stay off the start-up path.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from okrdesk.domain.entities import Cycle, Mission
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.gui.core.tasks import Cancelled, Progress, Task, run_task
from okrdesk.gui.features.base import Feature, Shell
from okrdesk.qt.core import QObject, Signal
from okrdesk.qt.gui import QAction
from okrdesk.qt.widgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QWidget,
)
from okrdesk.services.plan import PlanService
from okrdesk.services.report_data import ReportOptions

PDF_FILTER = QT_TR_NOOP("PDF documents (*.pdf);;All files (*)")
PAGE_SIZES = ("A4", "Letter")
ALL_CYCLES = QT_TR_NOOP("All cycles")
ALL_MISSIONS = QT_TR_NOOP("All missions")


@dataclass(frozen=True)
class PdfChoices:
    path: Path
    options: ReportOptions
    page_size: str
    # The person said to replace the file at ``path`` (never assumed).
    overwrite: bool = False


def _buddy_label(text: str, buddy: QWidget, parent: QWidget) -> QLabel:
    """A form label whose & letter takes the focus to ``buddy`` (a bare string would show
    the & itself)."""
    label = QLabel(text, parent)
    label.setBuddy(buddy)
    return label


class PdfOptionsDialog(QDialog):
    """What to put in the PDF and where to write it."""

    def __init__(
        self, plan: PlanService, parent: QWidget | None = None, cycle_id: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Export PDF"))
        self.setObjectName("pdfOptionsDialog")
        self.cycle_box = QComboBox()
        self.cycle_box.setObjectName("pdfCycle")
        self.cycle_box.addItem(tr(ALL_CYCLES), None)
        for cycle in sorted(plan.all(Cycle), key=lambda c: c.start):
            self.cycle_box.addItem(cycle.name, cycle.id)
        if cycle_id is not None and self.cycle_box.findData(cycle_id) >= 0:
            self.cycle_box.setCurrentIndex(self.cycle_box.findData(cycle_id))
        self.mission_box = QComboBox()
        self.mission_box.setObjectName("pdfMission")
        self.mission_box.addItem(tr(ALL_MISSIONS), None)
        for mission in plan.all(Mission):
            if not mission.archived:
                self.mission_box.addItem(mission.title, mission.id)
        self.private_box = QCheckBox(tr("Include private growth notes and one-on-one notes"))
        self.private_box.setObjectName("pdfPrivate")
        # Team objectives are context: by default only those the person's items align to.
        self.team_box = QCheckBox(tr("List every team objective, not only those my work aligns to"))
        self.team_box.setObjectName("pdfAllTeam")
        self.page_box = QComboBox()
        self.page_box.setObjectName("pdfPageSize")
        self.page_box.addItems(list(PAGE_SIZES))
        self.path_edit = QLineEdit(str(plan.path.with_suffix(".pdf")))
        self.path_edit.setObjectName("pdfPath")
        self.path_edit.textChanged.connect(self._update_ok)
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        form = QFormLayout(self)
        for text, field in (
            (tr("&Cycle"), self.cycle_box),
            (tr("&Mission"), self.mission_box),
        ):
            form.addRow(_buddy_label(text, field, self), field)
        form.addRow("", self.private_box)
        form.addRow("", self.team_box)
        form.addRow(_buddy_label(tr("&Page size"), self.page_box, self), self.page_box)
        form.addRow(_buddy_label(tr("&Save as"), self.path_edit, self), path_row)
        # A path the save dialog already asked about replacing.
        self._confirmed: Path | None = None
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("Export"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.setMinimumWidth(520)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, tr("Export PDF"), self.path_edit.text(), tr(PDF_FILTER)
        )
        if chosen:
            self.path_edit.setText(chosen)
            self._confirmed = Path(chosen)

    def accept(self) -> None:
        path = self.choices().path
        if path.exists() and path != self._confirmed:
            answer = QMessageBox.question(
                self,
                tr("Export PDF"),
                tr("{name} exists already. Replace it?").format(name=path.name),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            self._confirmed = path
        super().accept()

    def _update_ok(self) -> None:
        self.ok_button.setEnabled(bool(self.path_edit.text().strip()))

    def choices(self) -> PdfChoices:
        path = Path(self.path_edit.text().strip()).expanduser()
        if not path.suffix:
            path = path.with_suffix(".pdf")
        return PdfChoices(
            path=path,
            options=ReportOptions(
                cycle_id=self.cycle_box.currentData(),
                mission_id=self.mission_box.currentData(),
                include_private=self.private_box.isChecked(),
                all_team_objectives=self.team_box.isChecked(),
            ),
            page_size=self.page_box.currentText(),
            overwrite=path == self._confirmed,
        )


def write_pdf(plan: PlanService, choices: PdfChoices, progress: Progress) -> Any:
    """Write the report (on a pool thread); cancelling stops it with nothing written."""
    from okrdesk.report import document
    from okrdesk.report.plan_report import export_plan_pdf

    try:
        return export_plan_pdf(
            plan,
            choices.path,
            choices.options,
            page_size=choices.page_size,
            progress=progress.report,
            cancelled=lambda: progress.cancelled,
            overwrite=choices.overwrite,
        )
    except document.ExportCancelled:
        raise Cancelled from None


class PdfExporter(QObject):
    """The action, the dialogs and the worker thread of one window."""

    done = Signal(object)

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.widget)
        self.shell = shell
        self.action = QAction(tr("Export &PDF…"), shell.widget)
        self.action.setObjectName("exportPdfAction")
        tip = tr("Write a report of the plan to print or share, as PDF")
        self.action.setStatusTip(tip)
        self.action.setToolTip(tip)
        self.action.triggered.connect(self.start)
        self.task: Task | None = None
        self.progress: QProgressDialog | None = None
        # Tests answer the options dialog here instead of a person.
        self.ask_choices = self._ask_choices

    def _ask_choices(self) -> PdfChoices | None:
        # Start from the cycle the window shows.
        dialog = PdfOptionsDialog(
            self.shell.controller.plan, self.shell.widget, self.shell.controller.cycle_id
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.choices()

    def start(self) -> None:
        if self.task is not None and self.task.running:
            return
        choices = self.ask_choices()
        if choices is None:
            return
        self.run(choices)

    def run(self, choices: PdfChoices) -> None:
        """Write the PDF for ``choices`` off the UI thread, with a cancellable progress."""
        progress = QProgressDialog(
            tr("Preparing the report…"), tr("Cancel"), 0, 100, self.shell.widget
        )
        progress.setObjectName("pdfProgress")
        progress.setWindowTitle(tr("Export PDF"))
        progress.setMinimumDuration(300)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        self.progress = progress
        plan = self.shell.controller.plan
        self.task = run_task(
            lambda task_progress: write_pdf(plan, choices, task_progress),
            self._finished,
            self._failed,
            on_progress=self._progressed,
            on_cancelled=self._cancelled,
        )
        progress.canceled.connect(self.task.cancel)
        self.shell.show_status(tr("Exporting {name}…").format(name=choices.path.name))

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _progressed(self, fraction: float, message: str) -> None:
        if self.progress is not None and not self.progress.wasCanceled():
            self.progress.setValue(round(fraction * 100))
            if message:
                self.progress.setLabelText(message)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _finished(self, result: Any) -> None:
        self._close_progress()
        self.shell.show_status(
            tr("Exported the plan to {path} ({pages} pages)").format(
                path=result.path, pages=result.pages
            ),
            10000,
        )
        self.done.emit(result)

    def _failed(self, error: Exception) -> None:
        self._close_progress()
        self.shell.show_status("")  # the "Writing…" message is over
        self.shell.show_failure(tr("Export PDF"), error)
        self.done.emit(error)

    def _cancelled(self) -> None:
        self._close_progress()
        self.shell.show_status(tr("PDF export cancelled; nothing was written."), 8000)
        self.done.emit(None)


class PdfExport(Feature):
    """File ▸ Export PDF…: the plan as a typeset report."""

    def install(self, shell: Shell) -> None:
        self.exporter = PdfExporter(shell)
        shell.add_action("file.export", self.exporter.action)
