"""File ▸ Export PDF: the options dialog, the export off the UI thread, cancelling."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from okrdesk.gui.features.files import Files
from okrdesk.gui.features.pdf_export import (
    ALL_CYCLES,
    PdfChoices,
    PdfExport,
    PdfExporter,
    PdfOptionsDialog,
)
from okrdesk.gui.shell import MainWindow
from okrdesk.services.report_data import ReportOptions
from tests.gui.helpers import recorded
from tests.report.sample_plan import MARKUP_TITLE, PRIVATE_NOTE, TODAY, build_plan, page_texts


def _export(window: MainWindow) -> PdfExporter:
    return window.feature(PdfExport).exporter


def test_the_file_menu_has_export_pdf(window: MainWindow) -> None:
    actions = window.menus["file"].actions()
    export = _export(window)
    assert export.action in actions
    assert actions.index(export.action) == actions.index(window.feature(Files).export_json) + 1


def test_the_options_dialog_offers_the_plan_s_cycles_and_missions(
    window: MainWindow, qtbot: QtBot
) -> None:
    ids = build_plan(window.plan)
    dialog = PdfOptionsDialog(window.plan, window, cycle_id=ids["q2"])
    qtbot.addWidget(dialog)
    cycles = [dialog.cycle_box.itemText(i) for i in range(dialog.cycle_box.count())]
    assert cycles == [ALL_CYCLES, "2025-Q1", "2025-Q2"]
    assert dialog.cycle_box.currentData() == ids["q2"]
    missions = [dialog.mission_box.itemText(i) for i in range(dialog.mission_box.count())]
    assert MARKUP_TITLE in missions
    dialog.mission_box.setCurrentIndex(missions.index(MARKUP_TITLE))
    dialog.private_box.setChecked(True)
    dialog.page_box.setCurrentText("Letter")
    dialog.path_edit.setText(str(Path("~/report")))
    choices = dialog.choices()
    assert choices.path == Path("~/report.pdf").expanduser()
    assert choices.options == ReportOptions(
        cycle_id=ids["q2"], mission_id=ids["mission"], include_private=True
    )
    assert choices.page_size == "Letter"
    # Every team objective, only when asked.
    dialog.team_box.setChecked(True)
    assert dialog.choices().options.all_team_objectives
    dialog.path_edit.clear()
    assert not dialog.ok_button.isEnabled()


def test_export_runs_off_the_ui_thread_and_writes_the_pdf(
    window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    build_plan(window.plan)
    export = _export(window)
    path = tmp_path / "plan.pdf"
    choices = PdfChoices(path, ReportOptions(today=TODAY, include_private=True), "A4")
    export.ask_choices = lambda: choices
    with qtbot.waitSignal(export.done, timeout=60000) as done:
        export.action.trigger()
        assert export.task is not None and export.task.running
    assert done.args is not None and done.args[0].pages > 3
    text = " ".join(page_texts(path))
    assert MARKUP_TITLE in text and PRIVATE_NOTE in text
    qtbot.waitUntil(lambda: export.task is not None and not export.task.running)
    assert "Exported the plan" in window.statusBar().currentMessage()


def test_cancelling_leaves_no_file(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    build_plan(window.plan)
    export = _export(window)
    path = tmp_path / "plan.pdf"
    with qtbot.waitSignal(export.done, timeout=60000) as done:
        export.run(PdfChoices(path, ReportOptions(today=TODAY), "A4"))
        export.cancel()
    assert done.args == [None]
    assert not path.exists()
    assert list(tmp_path.glob("*.pdf*")) == []
    assert "cancelled" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: export.task is not None and not export.task.running)


def test_a_failure_is_shown_not_raised(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    export = _export(window)
    path = tmp_path / "missing folder" / "plan.pdf"
    with qtbot.waitSignal(export.done, timeout=60000):
        export.run(PdfChoices(path, ReportOptions(today=TODAY), "A4"))
    assert recorded(window).errors
    qtbot.waitUntil(lambda: export.task is not None and not export.task.running)
