"""File ▸ Export Self-Review…: a cycle's self-review as a PDF, written off the UI thread
(the report pulls in matplotlib, imported when the export starts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from okrdesk.domain.entities import Cycle
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.gui.core.tasks import Task, run_task
from okrdesk.gui.features.base import Shell
from okrdesk.gui.features.closing.dialog import cycle_to_close
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
    QLineEdit,
    QPushButton,
    QWidget,
)
from okrdesk.services.plan import PlanService

PDF_FILTER = QT_TR_NOOP("PDF documents (*.pdf);;All files (*)")


@dataclass(frozen=True)
class SelfReviewChoices:
    cycle_id: str
    path: Path
    include_private: bool = False
    overwrite: bool = False


class SelfReviewDialog(QDialog):
    """Which cycle, whether private notes go in, and where the PDF goes."""

    def __init__(self, plan: PlanService, cycle_id: str | None, today: date, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("selfReviewDialog")
        self.setWindowTitle(tr("Export self-review"))
        cycles = sorted(plan.all(Cycle), key=lambda c: c.start)
        self.cycle_box = QComboBox(self)
        self.cycle_box.setObjectName("selfReviewCycle")
        for cycle in cycles:
            self.cycle_box.addItem(cycle.name, cycle.id)
        start = cycle_to_close(cycles, cycle_id, today)
        if start is not None:
            self.cycle_box.setCurrentIndex(self.cycle_box.findData(start.id))
        self.private_box = QCheckBox(tr("Include private growth notes and one-on-one notes"))
        self.private_box.setObjectName("selfReviewPrivate")
        self.path_edit = QLineEdit(str(plan.path.with_name("self-review.pdf")), self)
        self.path_edit.setObjectName("selfReviewPath")
        browse = QPushButton(tr("Choose…"), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok is not None:
            ok.setText(tr("Export"))
            ok.setEnabled(bool(cycles))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(tr("Cycle"), self.cycle_box)
        form.addRow("", self.private_box)
        form.addRow(tr("Save as"), row)
        form.addRow(buttons)
        self.setMinimumWidth(520)
        # A path the save dialog already asked about replacing.
        self.confirmed: Path | None = None

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, tr("Export self-review"), self.path_edit.text(), tr(PDF_FILTER)
        )
        if path:
            self.path_edit.setText(path)
            self.confirmed = Path(path)

    def choices(self) -> SelfReviewChoices:
        path = Path(self.path_edit.text().strip()).expanduser()
        return SelfReviewChoices(
            str(self.cycle_box.currentData()),
            path,
            self.private_box.isChecked(),
            overwrite=path == self.confirmed,
        )


def write_self_review(plan: PlanService, choices: SelfReviewChoices) -> Any:
    from okrdesk.report.self_review import export_self_review_pdf

    return export_self_review_pdf(
        plan,
        choices.cycle_id,
        choices.path,
        include_private=choices.include_private,
        overwrite=choices.overwrite,
    )


class SelfReviewExporter(QObject):
    """The action, its dialog and the worker thread of one window."""

    done = Signal(object)

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.widget)
        self.shell = shell
        self.action = QAction(tr("Export &Self-Review…"), shell.widget)
        self.action.setObjectName("exportSelfReviewAction")
        self.action.setStatusTip(
            tr("A cycle's missions, scores, growth and learnings as PDF, for your appraisal")
        )
        self.action.triggered.connect(self.start)
        self.task: Task | None = None
        # Tests answer the dialog here instead of a person.
        self.ask_choices = self._ask_choices

    def _ask_choices(self) -> SelfReviewChoices | None:
        controller = self.shell.controller
        dialog = SelfReviewDialog(
            controller.plan, controller.cycle_id, self.shell.today(), self.shell.widget
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        choices = dialog.choices()
        if choices.path.exists() and not choices.overwrite:
            question = tr("Replace {name}?").format(name=choices.path.name)
            if not self.shell.confirm(question, tr("A file of that name exists there.")):
                return None
            choices = SelfReviewChoices(
                choices.cycle_id, choices.path, choices.include_private, overwrite=True
            )
        return choices

    def start(self) -> None:
        if self.task is not None and self.task.running:
            return
        choices = self.ask_choices()
        if choices is not None:
            self.run(choices)

    def run(self, choices: SelfReviewChoices) -> None:
        plan = self.shell.controller.plan
        self.task = run_task(
            lambda _progress: write_self_review(plan, choices), self._finished, self._failed
        )
        self.shell.show_status(tr("Exporting {name}…").format(name=choices.path.name))

    def _finished(self, result: Any) -> None:
        self.shell.show_status(
            tr("Exported the self-review to {path} ({pages} pages)").format(
                path=result.path, pages=result.pages
            ),
            10000,
        )
        self.done.emit(result)

    def _failed(self, error: Exception) -> None:
        self.shell.show_status("")
        self.shell.show_failure(tr("Export self-review"), error)
        self.done.emit(error)
