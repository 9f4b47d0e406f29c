"""The person's purpose and values (issue 23): edited in one dialog as one undo step, shown
above the tree, named by missions."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import Mission, MissionValue, PersonalValue
from okrdesk.gui.features.purpose import NO_PURPOSE, Purpose
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.widgets import QTableWidgetItem
from okrdesk.services.missions import purpose, set_values


def test_purpose_and_values_are_saved_as_one_step_and_shown_above_the_tree(
    qtbot: QtBot, window: MainWindow
) -> None:
    feature = window.feature(Purpose)
    assert feature.header.accessibleName() == NO_PURPOSE
    dialog = feature.open_dialog()
    dialog.purpose.setPlainText("To help <b>small</b> shops last, for the towns they keep alive.")
    dialog.add_value()
    dialog.values.setItem(0, 0, QTableWidgetItem("Thrift"))
    dialog.values.setItem(0, 1, QTableWidgetItem("Mend before you buy"))
    dialog.add_value()  # left empty: no value
    assert dialog.save()

    plan = window.plan
    assert purpose(plan).startswith("To help <b>small</b>")
    assert [(v.name, v.meaning) for v in plan.all(PersonalValue)] == [
        ("Thrift", "Mend before you buy")
    ]
    # Shown as typed: the header is plain text, never markup.
    assert "<b>small</b>" in feature.header.accessibleName()
    assert "Values: Thrift" in feature.header.accessibleName()

    window.controller.undo_stack.undo()
    assert purpose(plan) == "" and plan.all(PersonalValue) == []
    assert feature.header.accessibleName() == NO_PURPOSE
    window.controller.undo_stack.redo()
    assert plan.count(PersonalValue) == 1


def test_a_value_without_a_name_is_refused_and_the_dialog_keeps_what_was_typed(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = window.feature(Purpose).open_dialog()
    dialog.purpose.setPlainText("Why I work")
    dialog.add_value()
    dialog.values.setItem(0, 1, QTableWidgetItem("a meaning without a name"))
    assert not dialog.save()
    assert dialog.error.isVisible() and "value" in dialog.error.text().lower()
    assert purpose(window.plan) == "" and window.plan.count(PersonalValue) == 0
    assert dialog.purpose.toPlainText() == "Why I work"


def test_removing_a_value_unlinks_its_missions_and_undo_links_them_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    plan = window.plan
    thrift = plan.add(PersonalValue(name="Thrift"))
    mission = plan.add(Mission(title="Help small shops last"))
    set_values(plan, mission.id, [thrift.id]).apply(plan)
    dialog = window.feature(Purpose).open_dialog()
    dialog.values.setCurrentCell(0, 0)
    dialog.remove_value()
    assert dialog.save()
    assert plan.all(MissionValue) == []
    window.controller.undo_stack.undo()
    assert [link.value_id for link in plan.all(MissionValue)] == [thrift.id]
