"""File ▸ Import team objectives (okrdesk-team JSON, CSV, Markdown) and File ▸ Export team
objectives, run off the UI thread. A CSV whose headers okrdesk does not recognise gets a
column-mapping dialog first (its guess from ``okr_csv.guess_column_map``). A Markdown or CSV
document is read into a preview first (``import_preview.ImportPreviewDialog``): the person
unticks what they do not want, chooses the team and the cycle, and only then is anything
written. A team file (okrdesk's own JSON) is imported at once.

The dialogs are attributes (``ask_*``) so tests can answer them without a window.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okrdesk.domain.entities import Cycle
from okrdesk.domain.okr_csv import (
    FIELDS,
    REQUIRED,
    CsvFormatError,
    csv_headers,
    guess_column_map,
    normalise_header,
)
from okrdesk.gui.core.i18n import QT_TR_NOOP, error_text, tr
from okrdesk.gui.core.tasks import run_task
from okrdesk.gui.features.team.import_preview import ImportPreviewDialog, PreviewChoices
from okrdesk.qt.core import QObject, Qt
from okrdesk.qt.gui import QAction
from okrdesk.qt.widgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.alignment import default_cycle
from okrdesk.services.errors import ImportRefused
from okrdesk.services.okr_import import read_import_text
from okrdesk.services.okr_preview import (
    ImportPreview,
    import_preview,
    preview_csv,
    preview_markdown,
)
from okrdesk.services.team import export_team, import_team, looks_like_json

if TYPE_CHECKING:
    from okrdesk.gui.features.base import Shell

IMPORT_FILTER = QT_TR_NOOP(
    "Team OKRs (*.json *.csv *.md *.markdown *.txt);;okrdesk team files (*.json);;"
    "CSV (*.csv);;Markdown (*.md *.markdown *.txt);;All files (*)"
)
EXPORT_FILTER = QT_TR_NOOP("okrdesk team files (*.json)")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".txt", ".mdown")
NOT_MAPPED = QT_TR_NOOP("(not in the file)")

ColumnMap = dict[str, str]


class ColumnMapDialog(QDialog):
    """Which column of the file holds each of okrdesk's fields."""

    def __init__(
        self, headers: list[str], guess: ColumnMap, name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("columnMapDialog")
        self.setWindowTitle(tr("Which column is which?"))
        intro = QLabel(
            tr(
                "okrdesk does not recognise every column of {name}. Say which column holds "
                "each field (objective and key result are needed)."
            ).format(name=name),
            self,
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.boxes: dict[str, QComboBox] = {}
        form = QFormLayout()
        for field_name in FIELDS:
            box = QComboBox(self)
            box.setObjectName(f"map_{field_name.replace(' ', '_')}")
            box.setAccessibleName(field_name)
            box.addItem(tr(NOT_MAPPED), "")
            for header in headers:
                if header:
                    box.addItem(header, header)
            chosen = guess.get(field_name, "")
            box.setCurrentIndex(max(0, box.findData(chosen)))
            box.currentIndexChanged.connect(self._check)
            label = field_name.capitalize() + (" *" if field_name in REQUIRED else "")
            form.addRow(label, box)
            self.boxes[field_name] = box
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._check()

    def column_map(self) -> ColumnMap:
        return {
            name: str(box.currentData()) for name, box in self.boxes.items() if box.currentData()
        }

    def _check(self) -> None:
        chosen = self.column_map()
        missing = [name for name in REQUIRED if name not in chosen]
        values = list(chosen.values())
        twice = len(values) != len(set(values))
        message = ""
        if missing:
            message = tr("Choose the column that holds the {field}.").format(field=missing[0])
        elif twice:
            message = tr("Each column can hold one field only.")
        self.error.setText(message)
        self.error.setVisible(bool(message))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not message)


def needs_mapping(headers: list[str]) -> bool:
    names = {normalise_header(h) for h in headers}
    return not all(name in names for name in REQUIRED)


class TeamFileActions(QObject):
    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.widget)
        self.shell = shell
        self.ask_import_path: Callable[[], Path | None] = lambda: self._ask(True)
        self.ask_export_path: Callable[[], Path | None] = lambda: self._ask(False)
        self.ask_column_map: Callable[[list[str], ColumnMap, str], ColumnMap | None] = (
            self._ask_column_map
        )
        self.show_report: Callable[[str, str, list[str]], None] = self._show_report
        # Opens the preview dialog; tests keep the dialog it opened in ``preview_dialog``.
        self.show_preview: Callable[[ImportPreview], None] = self._show_preview
        self.preview_dialog: ImportPreviewDialog | None = None
        self.import_action = QAction(tr("Import &team objectives…"), shell.widget)
        self.import_action.setObjectName("importTeamAction")
        self.import_action.setStatusTip(
            tr("Bring in your team's objectives: a team file, a CSV or a Markdown OKR document")
        )
        self.import_action.triggered.connect(self.import_team_file)
        self.export_action = QAction(tr("Export team o&bjectives…"), shell.widget)
        self.export_action.setObjectName("exportTeamAction")
        self.export_action.setStatusTip(
            tr("Write the team and company objectives of the cycle shown, for your team to import")
        )
        self.export_action.triggered.connect(self.export_team_file)

    # -- dialogs --------------------------------------------------------------------------

    def _ask(self, open_file: bool) -> Path | None:
        start = str(self.shell.controller.plan.path.parent)
        if open_file:
            chosen, _ = QFileDialog.getOpenFileName(
                self.shell.widget, tr("Import team objectives"), start, tr(IMPORT_FILTER)
            )
        else:
            chosen, _ = QFileDialog.getSaveFileName(
                self.shell.widget,
                tr("Export team objectives"),
                str(Path(start) / "team-objectives.json"),
                tr(EXPORT_FILTER),
            )
        if not chosen:
            return None
        path = Path(chosen)
        return path if open_file or path.suffix else path.with_suffix(".json")

    def _ask_column_map(self, headers: list[str], guess: ColumnMap, name: str) -> ColumnMap | None:
        dialog = ColumnMapDialog(headers, guess, name, self.shell.widget)
        return dialog.column_map() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def _show_report(self, title: str, summary: str, details: list[str]) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, title, summary, parent=self.shell.widget)
        box.setTextFormat(Qt.TextFormat.PlainText)
        if details:
            box.setDetailedText("\n".join(details))
        box.exec()

    # -- import ---------------------------------------------------------------------------

    def import_team_file(self) -> None:
        path = self.ask_import_path()
        if path is None:
            return
        try:
            work = self._reading(path)
        except ImportRefused as error:
            self.shell.show_error(
                tr("Import team objectives"),
                tr("{error} Nothing was written.").format(error=error),
            )
            return
        if work is None:
            return
        self.shell.begin_busy(tr("Reading {name}…").format(name=path.name))
        run_task(lambda _progress: work(), self._read, self._failed)

    def _reading(self, path: Path) -> Callable[[], Any] | None:
        """What to run in the background: the preview of a Markdown or CSV document, or the
        import of a team file (okrdesk's own, nothing to choose); None when the person
        cancelled the column mapping."""
        plan = self.shell.controller.plan
        if path.suffix.lower() in MARKDOWN_SUFFIXES:
            return lambda: preview_markdown(path)
        text = read_import_text(path)
        if looks_like_json(text, path):
            return lambda: import_team(plan, path)
        try:
            headers = csv_headers(text)
        except CsvFormatError as error:
            raise ImportRefused(f"{path.name}: {error}") from None
        column_map: ColumnMap | None = None
        if needs_mapping(headers):
            column_map = self.ask_column_map(headers, guess_column_map(headers), path.name)
            if column_map is None:
                return None
        chosen = column_map
        return lambda: preview_csv(path, chosen)

    def _read(self, result: Any) -> None:
        if not isinstance(result, ImportPreview):
            self._imported(result)
            return
        self.shell.end_busy()
        if result.objectives:
            self.show_preview(result)
            return
        # Not an OKR document at all: refused as the import would refuse it.
        hint = "; ".join(entry.describe() for entry in result.skipped[:3])
        text = tr("Found no objectives in {name}.").format(name=result.source)
        if hint:
            text += " " + tr("Not understood: {passages}").format(passages=hint)
        self.shell.show_error(
            tr("Import team objectives"), tr("{error} Nothing was written.").format(error=text)
        )

    def _show_preview(self, preview: ImportPreview) -> None:
        """Open the preview beside the window (window-modal, not a nested event loop);
        Import starts the import of what stayed ticked."""
        controller = self.shell.controller
        cycles = sorted(controller.plan.all(Cycle), key=lambda c: (c.start, c.position))
        shown = next((c.name for c in cycles if c.id == controller.cycle_id), None)
        dialog = ImportPreviewDialog(
            preview,
            [c.name for c in cycles],
            # A document that names no cycle goes, unless told otherwise, where the person looks.
            suggested_cycle=None if preview.cycle or preview.cycles else shown,
            parent=self.shell.widget,
        )
        dialog.fit_to_screen()
        dialog.accepted.connect(lambda: self.import_chosen(preview, dialog.choices()))
        dialog.finished.connect(self._preview_closed)
        self.preview_dialog = dialog
        dialog.open()

    def _preview_closed(self) -> None:
        if self.preview_dialog is not None:
            self.preview_dialog.deleteLater()
            self.preview_dialog = None

    def import_chosen(self, preview: ImportPreview, choices: PreviewChoices) -> None:
        """Import what the person kept of ``preview``, off the UI thread."""
        plan = self.shell.controller.plan
        self.shell.begin_busy(tr("Importing {name}…").format(name=preview.source))
        run_task(
            lambda _progress: import_preview(
                plan,
                preview,
                excluded=choices.excluded,
                team=choices.team,
                cycle=choices.cycle,
            ),
            self._imported,
            self._failed,
        )

    def _imported(self, report: Any) -> None:
        self.shell.end_busy()
        controller = self.shell.controller
        # An import is not on the undo stack: earlier steps may no longer apply cleanly.
        controller.changed_outside_history()
        summary = report.summary()
        self.shell.show_status(summary, 10000)
        self.show_report(tr("Import team objectives"), summary, report.details())

    def _failed(self, error: Exception) -> None:
        self.shell.end_busy()
        if isinstance(error, ImportRefused):
            message = tr("{error} Nothing was written.").format(error=error_text(error))
            self.shell.show_error(tr("Team objectives"), message)
        else:
            self.shell.show_failure(tr("Team objectives"), error)

    # -- export ---------------------------------------------------------------------------

    def export_team_file(self) -> None:
        path = self.ask_export_path()
        if path is None:
            return
        plan = self.shell.controller.plan
        cycle_id = self.shell.controller.cycle_id
        if cycle_id is None:
            cycle = default_cycle(plan)
            cycle_id = None if cycle is None else cycle.id
        self.shell.begin_busy(tr("Exporting to {name}…").format(name=path.name))
        run_task(
            lambda _progress: export_team(plan, path, cycle_id, overwrite=True),
            lambda counts: self._exported(path, counts),
            self._failed,
        )

    def _exported(self, path: Path, counts: dict[str, int]) -> None:
        self.shell.end_busy()
        self.shell.show_status(
            tr(
                "Exported {objectives} team objectives and {key_results} key results to {path}"
            ).format(objectives=counts["objectives"], key_results=counts["key_results"], path=path),
            10000,
        )
