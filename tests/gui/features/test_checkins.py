"""Check-ins from the GUI: the dialog, its refusals, the history table, undo, and the chart
that follows them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import CheckIn, KeyResult
from okrdesk.gui.features.checkins import CheckInDialog, CheckInHistory, CheckIns
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.widgets import QDialogButtonBox, QLabel, QLineEdit
from okrdesk.services.plan import PlanService
from tests.builders import small_plan
from tests.gui.helpers import OpenWindow, drawn_figure

TODAY = date(2026, 1, 23)


def value_line(window: MainWindow) -> list[float]:
    """The y values of the key result chart's value line, as drawn."""
    for ax in drawn_figure(window).axes:
        for line in ax.get_lines():
            if line.get_gid() == "values":
                return [float(v) for v in line.get_ydata()]
    raise AssertionError("no value line drawn")


def press_ok(dialog: CheckInDialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def open_dialog(window: MainWindow) -> CheckInDialog:
    window.clock = lambda: TODAY
    window.feature(CheckIns).action.trigger()
    dialog = window.feature(CheckIns).dialog
    assert isinstance(dialog, CheckInDialog) and dialog.isVisible()
    return dialog


def history(window: MainWindow) -> CheckInHistory:
    panel = window.feature(CheckIns).history
    assert isinstance(panel, CheckInHistory)
    return panel


def test_check_in_redraws_the_chart_and_undo_takes_it_back(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    ids = small_plan(plan_path)
    window = open_window(plan_path)
    qtbot.waitUntil(lambda: window.chart.ready)
    window.tree.select_node(ids["first"])
    assert value_line(window) == [2.0, 3.0]

    dialog = open_dialog(window)
    assert dialog.date_edit.date().toPython() == TODAY
    dialog.value_edit.setText("3.5")
    dialog.confidence.setText("7/10")
    dialog.note.setPlainText("New macros help")
    press_ok(dialog)
    assert not dialog.isVisible()

    saved = window.plan.check_ins(ids["first"])[-1]
    assert (saved.value, saved.confidence, saved.note, saved.date) == (
        3.5,
        0.7,
        "New macros help",
        TODAY,
    )
    assert window.chart.data.values == (2.0, 3.0, 3.5)  # type: ignore[union-attr]
    assert value_line(window) == [2.0, 3.0, 3.5]
    assert window.tree.current_node().id == ids["first"]  # type: ignore[union-attr]
    assert history(window).table.rowCount() == 3
    assert history(window).table.item(0, 2).text() == "7 in 10"

    window.undo_action.trigger()
    assert [c.value for c in window.plan.check_ins(ids["first"])] == [2.0, 3.0]
    assert value_line(window) == [2.0, 3.0]
    assert history(window).table.rowCount() == 2
    window.redo_action.trigger()
    assert value_line(window) == [2.0, 3.0, 3.5]


def test_the_dialog_refuses_bad_values_and_saves_nothing(
    open_window: OpenWindow, plan_path: Path
) -> None:
    ids = small_plan(plan_path)
    window = open_window(plan_path)
    window.tree.select_node(ids["first"])
    dialog = open_dialog(window)
    press_ok(dialog)
    assert dialog.isVisible() and "value" in dialog.error.text().lower()
    dialog.value_edit.setText("lots")
    press_ok(dialog)
    assert dialog.isVisible() and "number" in dialog.error.text()
    assert len(window.plan.check_ins(ids["first"])) == 2
    assert window.controller.undo_stack.count() == 0
    dialog.value_edit.setText("1,250")
    press_ok(dialog)
    assert not dialog.isVisible()
    assert window.plan.check_ins(ids["first"])[-1].value == 1250.0


def test_confidence_may_stay_unset(open_window: OpenWindow, plan_path: Path) -> None:
    ids = small_plan(plan_path)
    window = open_window(plan_path)
    window.tree.select_node(ids["second"])
    dialog = open_dialog(window)
    assert dialog.confidence.text() == ""
    assert dialog.confidence.placeholderText() == "not set"
    dialog.value_edit.setText("40")
    press_ok(dialog)
    assert window.plan.check_ins(ids["second"])[-1].confidence is None


def test_confidence_is_typed_and_shown_in_10_and_a_bad_one_is_refused(
    open_window: OpenWindow, plan_path: Path
) -> None:
    ids = small_plan(plan_path)
    window = open_window(plan_path)
    window.tree.select_node(ids["second"])
    dialog = open_dialog(window)
    assert dialog.findChild(QLabel, "unitLabel").text() == "in 10"  # type: ignore[union-attr]
    dialog.value_edit.setText("40")
    dialog.confidence.setText("70")
    press_ok(dialog)
    assert dialog.isVisible() and "Confidence goes from 0 to 10" in dialog.error.text()
    assert window.plan.check_ins(ids["second"]) == []
    dialog.confidence.setText("7 in 10")
    press_ok(dialog)
    assert not dialog.isVisible()
    saved = window.plan.check_ins(ids["second"])[-1]
    assert saved.confidence == 0.7
    panel = history(window)
    assert panel.table.item(0, 2).text() == "7 in 10"
    panel.table.selectRow(0)
    again = panel.edit_selected()
    assert again is not None and again.confidence.text() == "7"
    again.confidence.setText("0.85")  # an old habit: a fraction of one
    press_ok(again)
    assert window.plan.check_ins(ids["second"])[-1].confidence == 0.85
    assert panel.table.item(0, 2).text() == "8.5 in 10"


def test_a_milestone_key_result_is_checked_in_as_done(
    open_window: OpenWindow, plan_path: Path
) -> None:
    ids = small_plan(plan_path)
    plan = PlanService.open(plan_path)
    launch = plan.create(KeyResult, objective_id=ids["speed"], title="Launch", kind="milestone")
    plan.close()
    window = open_window(plan_path)
    window.tree.select_node(launch.id)
    dialog = open_dialog(window)
    assert dialog.done_box.isVisibleTo(dialog) and not dialog.value_edit.isVisibleTo(dialog)
    dialog.done_box.setChecked(True)
    press_ok(dialog)
    assert window.plan.check_ins(launch.id)[-1].value == 1.0
    assert history(window).table.item(0, 1).text() == "done"


def test_check_in_is_in_the_context_menu_of_key_results_only(
    open_window: OpenWindow, plan_path: Path
) -> None:
    ids = small_plan(plan_path)
    window = open_window(plan_path)
    action = window.feature(CheckIns).action
    assert action in window.tree.context_actions
    assert action.shortcut().toString() == "Ctrl+K"
    window.tree.select_node(ids["first"])
    assert action.isEnabled()
    window.tree.select_node(ids["speed"])
    assert not action.isEnabled()
    action.trigger()
    assert window.feature(CheckIns).dialog is None


def test_editing_and_deleting_a_check_in_are_undoable(
    open_window: OpenWindow, plan_path: Path
) -> None:
    ids = small_plan(plan_path)
    window = open_window(plan_path)
    window.tree.select_node(ids["first"])
    panel = history(window)
    assert [panel.table.item(r, 0).text() for r in range(2)] == ["2026-01-16", "2026-01-09"]
    panel.table.selectRow(0)
    dialog = panel.edit_selected()
    assert dialog is not None and dialog.value_edit.text() == "3"
    dialog.value_edit.setText("3.25")
    press_ok(dialog)
    assert [c.value for c in window.plan.check_ins(ids["first"])] == [2.0, 3.25]
    assert window.controller.undo_stack.undoText() == "Edit check-in"

    # A second edit of the same field is a step of its own, not merged into the first.
    panel.table.selectRow(0)
    again = panel.edit_selected()
    assert again is not None
    again.value_edit.setText("3.5")
    press_ok(again)
    window.undo_action.trigger()
    assert window.plan.check_ins(ids["first"])[-1].value == 3.25
    window.undo_action.trigger()
    assert window.plan.check_ins(ids["first"])[-1].value == 3.0

    panel.table.selectRow(1)
    doomed = panel.selected()
    assert doomed is not None and doomed.value == 2.0
    assert panel.delete_selected()
    assert window.plan.find(CheckIn, doomed.id) is None
    assert panel.table.rowCount() == 1
    window.undo_action.trigger()
    assert window.plan.find(CheckIn, doomed.id) == doomed
    assert panel.table.rowCount() == 2


def test_the_history_says_when_there_is_nothing_yet(
    open_window: OpenWindow, plan_path: Path
) -> None:
    ids = small_plan(plan_path)
    window = open_window(plan_path)
    window.tree.select_node(ids["second"])
    panel = history(window)
    assert panel.empty.isVisibleTo(panel) and not panel.table.isVisibleTo(panel)
    assert not panel.edit_button.isEnabled() and not panel.delete_button.isEnabled()
    panel.today = lambda: TODAY
    dialog = panel.check_in()
    assert dialog is not None and dialog.date_edit.date().toPython() == TODAY


def test_the_history_shows_a_new_unit_and_is_not_refilled_for_other_fields(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    ids = small_plan(plan_path)
    window = open_window(plan_path)
    window.tree.select_node(ids["first"])
    table = history(window).table
    first_row = table.item(0, 1)
    form = window.editor.forms[KeyResult]
    target = form.editors["target"].focus_widget()
    assert isinstance(target, QLineEdit)
    target.setText("9")
    target.editingFinished.emit()
    assert window.plan.get(KeyResult, ids["first"]).target == 9
    # A target shows in no row: the rows stay as they were, not built again.
    assert table.item(0, 1) is first_row
    unit = form.editors["unit"].focus_widget()
    assert isinstance(unit, QLineEdit)
    unit.setText("parcels")
    unit.editingFinished.emit()
    assert table.item(0, 1).text().endswith(" parcels")
    # And the check-in dialog opened next reads the key result as saved.
    assert history(window).kr == window.plan.get(KeyResult, ids["first"])
