"""Building a plan through the window's actions, editing fields, undoing and redoing."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import GrowthNote, KeyResult, Mission, MissionLink, Objective
from okrdesk.domain.enums import Level
from okrdesk.gui.features.items import Items
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import Qt
from okrdesk.qt.widgets import QComboBox, QLabel
from okrdesk.services.outline import Branch, NodeKind
from tests.builders import small_plan
from tests.gui.helpers import OpenWindow, current, field, rename_in_place, text_area, type_into


def build_plan(qtbot: QtBot, window: MainWindow) -> tuple[str, str, str]:
    """Mission -> objective -> key result, the way a newcomer does it."""
    qtbot.mouseClick(window.welcome.create_button, Qt.MouseButton.LeftButton)
    rename_in_place(qtbot, window, "Help customers close their month")
    mission = current(window)
    window.feature(Items).actions["add_objective"].trigger()
    rename_in_place(qtbot, window, "Month-end takes one evening")
    objective = current(window)
    window.feature(Items).actions["add_key_result"].trigger()
    rename_in_place(qtbot, window, "Report time")
    key_result = current(window)
    return mission.id, objective.id, key_result.id


def test_a_newcomer_sees_the_welcome_panel_then_builds_a_plan(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert window.pages.currentWidget() is window.welcome
    mission_id, objective_id, kr_id = build_plan(qtbot, window)

    assert window.pages.currentWidget() is window.splitter
    plan = window.plan
    assert plan.get(Mission, mission_id).title == "Help customers close their month"
    objective = plan.get(Objective, objective_id)
    assert objective.title == "Month-end takes one evening"
    assert objective.mission_id == mission_id
    kr = plan.get(KeyResult, kr_id)
    assert (kr.title, kr.objective_id) == ("Report time", objective_id)
    outline = window.tree.source.outline
    assert outline.ancestors(kr_id) == [objective_id, mission_id, Branch.MISSIONS.value]
    # The new key result is selected and its form is in the editor.
    assert current(window).kind is NodeKind.KEY_RESULT
    assert field(window, "title").text() == "Report time"
    assert "1 mission · 1 objective · 1 key result" in window.summary.text()


def test_fields_commit_on_enter_and_invalid_input_is_refused_and_kept(
    qtbot: QtBot, window: MainWindow
) -> None:
    _, _, kr_id = build_plan(qtbot, window)
    type_into(qtbot, field(window, "unit"), "minutes")
    type_into(qtbot, field(window, "baseline"), "240")
    assert window.plan.get(KeyResult, kr_id).baseline == 240.0

    target = field(window, "target")
    type_into(qtbot, target, "about an hour")
    form = window.editor.form
    assert form is not None
    assert form.has_error("target")
    assert "number" in form.errors["target"].text()
    assert target.text() == "about an hour"  # kept as typed
    assert window.plan.get(KeyResult, kr_id).target is None  # nothing saved

    # A number on the wrong side of the baseline is refused by the service, with its reason.
    type_into(qtbot, target, "60")
    assert "above its baseline" in form.errors["target"].text()
    assert target.text() == "60"
    assert window.plan.get(KeyResult, kr_id).target is None

    # Saying the value should go down makes 60 a valid target.
    direction = form.editors["direction"]
    combo = direction.focus_widget()
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("decrease"))
    combo.activated.emit(combo.currentIndex())
    type_into(qtbot, target, "60")
    assert not form.has_error("target")
    kr = window.plan.get(KeyResult, kr_id)
    assert (kr.direction.value, kr.target, kr.unit) == ("decrease", 60.0, "minutes")
    # The unit shows beside the numbers.
    assert form.units["target"].text() == "minutes"


def test_escape_reverts_a_field_and_saves_nothing(qtbot: QtBot, window: MainWindow) -> None:
    mission_id, _, _ = build_plan(qtbot, window)
    window.tree.select_node(mission_id)
    title = field(window, "title")
    title.setFocus()
    title.selectAll()
    qtbot.keyClicks(title, "Something else")
    qtbot.keyClick(title, Qt.Key.Key_Escape)
    assert title.text() == "Help customers close their month"
    statement = text_area(window, "statement")
    statement.setFocus()
    qtbot.keyClicks(statement, "For the practices")
    qtbot.keyClick(statement, Qt.Key.Key_Escape)
    assert statement.toPlainText() == ""
    window.tree.setFocus()
    assert window.plan.get(Mission, mission_id).statement == ""
    # Ctrl+Enter commits a text area.
    statement.setFocus()
    qtbot.keyClicks(statement, "For the practices")
    qtbot.keyClick(statement, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.plan.get(Mission, mission_id).statement == "For the practices"


def test_undo_everything_back_to_the_empty_plan_and_redo_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    mission_id, objective_id, kr_id = build_plan(qtbot, window)
    type_into(qtbot, field(window, "target"), "5")
    stack = window.controller.undo_stack
    steps = stack.count()
    # Add + rename for each of the three items, and the target.
    assert steps == 7

    while window.undo_action.isEnabled():
        window.undo_action.trigger()
    plan = window.plan
    assert plan.count(Mission) == plan.count(Objective) == plan.count(KeyResult) == 0
    assert window.pages.currentWidget() is window.welcome

    while window.redo_action.isEnabled():
        window.redo_action.trigger()
    assert plan.get(Mission, mission_id).title == "Help customers close their month"
    assert plan.get(Objective, objective_id).mission_id == mission_id
    assert plan.get(KeyResult, kr_id).target == 5.0
    assert window.pages.currentWidget() is window.splitter
    assert current(window).id == kr_id


def test_successive_edits_of_one_field_merge_into_one_step(
    qtbot: QtBot, window: MainWindow
) -> None:
    mission_id, _, _ = build_plan(qtbot, window)
    window.tree.select_node(mission_id)
    before = window.controller.undo_stack.count()
    type_into(qtbot, field(window, "owner"), "Maya")
    type_into(qtbot, field(window, "owner"), "Maya L.")
    assert window.controller.undo_stack.count() == before + 1
    window.undo_action.trigger()
    assert window.plan.get(Mission, mission_id).owner == ""
    assert field(window, "owner").text() == ""


def test_two_choices_in_a_row_are_two_steps(qtbot: QtBot, window: MainWindow) -> None:
    # Typing merges; a choice is a decision of its own, undone on its own.
    _, _, kr_id = build_plan(qtbot, window)
    window.tree.select_node(kr_id)
    form = window.editor.form
    assert form is not None
    combo = form.editors["direction"].focus_widget()
    assert isinstance(combo, QComboBox)
    before = window.controller.undo_stack.count()
    for value in ("decrease", "increase"):
        combo.setCurrentIndex(combo.findData(value))
        combo.activated.emit(combo.currentIndex())
    assert window.controller.undo_stack.count() == before + 2
    window.undo_action.trigger()
    assert window.plan.get(KeyResult, kr_id).direction.value == "decrease"


def test_choosing_a_mission_for_an_objective_moves_it_and_undo_moves_it_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    first, objective_id, _ = build_plan(qtbot, window)
    window.tree.select_node(first)
    window.feature(Items).actions["add_mission"].trigger()
    rename_in_place(qtbot, window, "Grow the team")
    second = current(window).id
    window.tree.select_node(objective_id)
    form = window.editor.form
    assert form is not None
    combo = form.editors["mission_id"].focus_widget()
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(second))
    combo.activated.emit(combo.currentIndex())
    assert window.plan.get(Objective, objective_id).mission_id == second
    assert window.tree.source.outline.nodes[objective_id].parent_id == second
    window.undo_action.trigger()
    assert window.plan.get(Objective, objective_id).mission_id == first


def test_add_child_and_sibling_follow_the_selection(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    ids = small_plan(plan_path)
    window = open_window(plan_path)
    plan = window.plan
    window.tree.select_node(ids["speed"])
    window.feature(Items).actions["add_child"].trigger()
    rename_in_place(qtbot, window, "Customers who come back")
    child = current(window).id
    assert plan.get(KeyResult, child).objective_id == ids["speed"]
    window.feature(Items).actions["add_sibling"].trigger()
    rename_in_place(qtbot, window, "Complaints")
    sibling = current(window).id
    order = [kr.id for kr in plan.children(KeyResult, ids["speed"])]
    assert order.index(sibling) == order.index(child) + 1

    window.tree.select_node(ids["milestone"])
    assert window.feature(Items).actions["add_note"].isEnabled()
    window.feature(Items).actions["add_note"].trigger()
    rename_in_place(qtbot, window, "Ask the support team first")
    note = plan.get(GrowthNote, current(window).id)
    assert (note.milestone_id, note.text) == (ids["milestone"], "Ask the support team first")

    window.tree.select_node(Branch.TEAM.value)
    window.feature(Items).actions["add_child"].trigger()
    rename_in_place(qtbot, window, "Team-wide goal")
    team_objective = plan.get(Objective, current(window).id)
    assert (team_objective.mission_id, team_objective.level) == (None, Level.TEAM)
    assert current(window).parent_id == Branch.TEAM.value

    # Nothing to add a key result to on the Missions branch: the action says so.
    window.tree.select_node(Branch.MISSIONS.value)
    assert not window.feature(Items).actions["add_key_result"].isEnabled()
    assert window.feature(Items).actions["add_objective"].isEnabled() is False
    assert window.feature(Items).actions["rename"] in window.tree.context_actions


def test_a_personal_mission_serves_team_objectives(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    ids = small_plan(plan_path)
    window = open_window(plan_path)
    window.tree.select_node(ids["care"])
    form = window.editor.form
    assert form is not None and form.links is not None
    chooser = form.links
    assert not chooser.isHidden()
    assert chooser.visible_ids() == [ids["team"]]
    index = chooser.model.index_of(ids["team"])
    assert index.data(Qt.ItemDataRole.DisplayRole) == "Team goal"
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    # Ticked from the keyboard: the filter line, Down to the objective, Enter.
    chooser.filter.setFocus()
    qtbot.keyClick(chooser.filter, Qt.Key.Key_Down)
    qtbot.keyClick(chooser.filter, Qt.Key.Key_Return)
    links = window.plan.where(MissionLink, mission_id=ids["care"])
    assert [link.objective_id for link in links] == [ids["team"]]
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    window.undo_action.trigger()
    assert window.plan.where(MissionLink, mission_id=ids["care"]) == []
    form = window.editor.form
    assert form is not None and form.links is not None
    index = form.links.model.index_of(ids["team"])
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked


def test_an_empty_name_typed_in_the_tree_is_refused(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    ids = small_plan(plan_path)
    window = open_window(plan_path)
    window.tree.select_node(ids["care"])
    window.tree.setFocus()
    qtbot.keyClick(window.tree, Qt.Key.Key_F2)
    rename_in_place(qtbot, window, "   ")
    assert window.plan.get(Mission, ids["care"]).title == "Care for customers"
    assert "needs a title" in window.statusBar().currentMessage()
    assert window.controller.undo_stack.count() == 0


def test_a_key_results_form_shows_the_numbers_its_kind_uses(window: MainWindow) -> None:
    objective = window.controller.add(Objective(title="Objective"))
    kr = window.controller.add(KeyResult(title="Uptime", objective_id=objective.id))
    assert window.tree.select_node(kr.id)
    form = window.editor.forms[KeyResult]

    def shown() -> set[str]:
        names = ("direction", "baseline", "target", "band_low", "band_high")
        return {name for name in names if form.editors[name].isVisibleTo(form)}

    assert shown() == {"direction", "baseline", "target"}
    window.controller.edit(KeyResult, kr.id, kind="maintain")
    assert shown() == {"band_low", "band_high"}
    window.controller.edit(KeyResult, kr.id, kind="milestone")
    assert shown() == set()
    # Successive edits of one field merge: undo goes back to the metric it was.
    window.controller.undo_stack.undo()
    assert shown() == {"direction", "baseline", "target"}


def test_the_drafting_confidence_is_typed_and_shown_in_10(qtbot: QtBot, window: MainWindow) -> None:
    _, objective_id, _ = build_plan(qtbot, window)
    window.tree.select_node(objective_id)
    form = window.editor.form
    assert form is not None
    confidence = field(window, "confidence")
    assert confidence.placeholderText() == "not set"
    scale = form.editors["confidence"].findChild(QLabel, "unitLabel")
    assert isinstance(scale, QLabel) and scale.text() == "in 10"

    type_into(qtbot, confidence, "7")
    assert window.plan.get(Objective, objective_id).confidence == 0.7
    assert confidence.text() == "7" and not form.has_error("confidence")
    type_into(qtbot, confidence, "8 in 10")
    assert window.plan.get(Objective, objective_id).confidence == 0.8
    assert confidence.text() == "8"  # tidied to the number in 10
    type_into(qtbot, confidence, "6/10")
    assert window.plan.get(Objective, objective_id).confidence == 0.6

    type_into(qtbot, confidence, "70")
    assert "Confidence goes from 0 to 10 (7 means 7 in 10)" in form.errors["confidence"].text()
    assert confidence.text() == "70"  # kept as typed, nothing saved
    assert window.plan.get(Objective, objective_id).confidence == 0.6

    confidence.clear()
    qtbot.keyClick(confidence, Qt.Key.Key_Return)
    assert window.plan.get(Objective, objective_id).confidence is None
    assert not form.has_error("confidence")
    # A confidence stored elsewhere (the command line, an import) shows in 10 too.
    window.controller.edit(Objective, objective_id, confidence=0.75)
    assert confidence.text() == "7.5"


LONG_TITLE = (
    "Give small accounting practices their evenings back at month end with reports "
    "that explain themselves"
)


def test_a_committed_title_stays_where_the_person_typed_and_reads_from_its_start_after(
    qtbot: QtBot, window: MainWindow
) -> None:
    mission_id, _, _ = build_plan(qtbot, window)
    window.resize(1024, 640)
    window.tree.select_node(mission_id)
    title = field(window, "title")
    title.setFocus()
    title.setText(LONG_TITLE)
    title.end(False)
    qtbot.keyClicks(title, " and weekends")
    qtbot.keyClick(title, Qt.Key.Key_Return)
    assert window.plan.get(Mission, mission_id).title == LONG_TITLE + " and weekends"
    # Saving did not move the cursor (nor the view) under the person still in the field.
    assert title.hasFocus() and title.cursorPosition() == len(title.text())

    # Once they leave it, the field reads from the start, like a freshly loaded one.
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    assert not title.hasFocus()
    assert title.cursorPosition() == 0
    assert title.cursorRect().left() < 10


def test_a_long_title_is_one_elided_line_in_the_header_and_the_form_stays_put(
    qtbot: QtBot, window: MainWindow
) -> None:
    mission_id, objective_id, _ = build_plan(qtbot, window)
    window.resize(1024, 640)
    window.fit_splitter()
    window.tree.select_node(objective_id)
    qtbot.wait(20)
    header = window.editor.title_label
    short_height = header.height()
    form_top = window.editor.stack.geometry().top()

    long_title = " ".join(["Make the month-end report something a practice trusts"] * 5)
    window.controller.edit(Mission, mission_id, title=long_title)
    window.tree.select_node(mission_id)
    qtbot.wait(20)
    assert header.text().endswith("…") and len(header.text()) < len(long_title)
    assert header.toolTip() == long_title
    assert header.height() == short_height
    assert window.editor.stack.geometry().top() == form_top
    assert header.fontMetrics().horizontalAdvance(header.text()) <= header.width()
