"""Whose plan it is, in the window: asked on the welcome page, changed in Plan settings (one
undoable step), shown in the status bar and the title."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import Mission, Objective
from okrdesk.gui.features.plan_settings import LineSetting, PlanSettings, PlanSettingsDialog
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import Qt
from okrdesk.qt.widgets import QDialogButtonBox, QLabel, QToolButton
from okrdesk.services.plan import PlanService
from tests.gui.conftest import OpenWindow
from tests.gui.helpers import type_into


def owner_status(window: MainWindow) -> QToolButton:
    found = window.statusBar().findChild(QToolButton, "ownerStatus")
    assert isinstance(found, QToolButton)
    return found


def owner_field(dialog: PlanSettingsDialog) -> LineSetting:
    editor = dialog.editors["owner"]
    assert isinstance(editor, LineSetting)
    return editor


def save(qtbot: QtBot, dialog: PlanSettingsDialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_the_welcome_page_asks_the_name_and_new_items_are_the_owners(
    qtbot: QtBot, window: MainWindow
) -> None:
    welcome = window.welcome
    assert window.pages.currentWidget() is welcome
    assert owner_status(window).text() == "No owner yet"
    assert "Plan settings" in owner_status(window).toolTip()
    assert welcome.owner_edit.text() == ""

    type_into(qtbot, welcome.owner_edit, "  Alex Kim ")
    assert window.plan.owner() == "Alex Kim"
    assert owner_status(window).text() == "Owner: Alex Kim"
    assert window.windowTitle() == "test — Alex Kim — okrdesk"
    assert not welcome.owner_error.isVisible()

    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    [mission] = window.plan.all(Mission)
    assert mission.owner == "Alex Kim"


def test_the_welcome_page_says_why_a_name_is_refused_beside_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    welcome = window.welcome
    type_into(qtbot, welcome.owner_edit, "Alex")
    too_long = "A" * 101
    type_into(qtbot, welcome.owner_edit, too_long)
    assert welcome.owner_error.isVisible()
    assert "too long (101 characters; at most 100)" in welcome.owner_error.text()
    assert welcome.owner_error.textFormat() is Qt.TextFormat.PlainText
    assert welcome.owner_edit.text() == too_long  # what was typed stays, to fix it
    assert window.plan.owner() == "Alex"
    # Escape puts back the stored name, and the refusal goes with what was typed.
    qtbot.keyClick(welcome.owner_edit, Qt.Key.Key_Escape)
    assert welcome.owner_edit.text() == "Alex"
    assert not welcome.owner_error.isVisible()
    type_into(qtbot, welcome.owner_edit, "Alex Kim")
    assert not welcome.owner_error.isVisible()
    assert window.plan.owner() == "Alex Kim"


def test_the_welcome_page_shows_the_owner_of_the_plan_it_opens(
    open_window: OpenWindow, plan_path: Path
) -> None:
    plan = PlanService.open(plan_path)
    plan.set_owner("Maya")
    plan.close()
    window = open_window(plan_path)
    assert window.welcome.owner_edit.text() == "Maya"
    assert window.windowTitle() == "test — Maya — okrdesk"


def test_plan_settings_renames_the_owner_in_one_undoable_step(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    plan = PlanService.open(plan_path)
    plan.set_owner("Alex")
    mine = plan.add(Objective(title="Newcomers ship in week one"))
    theirs = plan.add(Objective(title="Grace's objective", owner="Grace"))
    plan.close()
    window = open_window(plan_path)
    feature = window.feature(PlanSettings)
    assert feature.action.shortcut().toString() == "Ctrl+,"
    assert feature.action in window.menus["file"].actions()

    dialog = feature.open_settings()
    assert dialog.isVisible()
    assert owner_field(dialog).value() == "Alex"
    owner_field(dialog).edit.setText("Alex Kim")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    assert window.plan.owner() == "Alex Kim"
    assert window.plan.get(Objective, mine.id).owner == "Alex Kim"
    assert window.plan.get(Objective, theirs.id).owner == "Grace"
    assert owner_status(window).text() == "Owner: Alex Kim"
    assert window.windowTitle() == "test — Alex Kim — okrdesk"
    assert window.controller.undo_stack.undoText() == "Set the plan's owner to Alex Kim"

    window.undo_action.trigger()
    assert window.plan.owner() == "Alex"
    assert window.plan.get(Objective, mine.id).owner == "Alex"
    assert owner_status(window).text() == "Owner: Alex"
    assert window.windowTitle() == "test — Alex — okrdesk"
    window.redo_action.trigger()
    assert window.plan.owner() == "Alex Kim"
    assert window.plan.get(Objective, mine.id).owner == "Alex Kim"
    assert owner_status(window).text() == "Owner: Alex Kim"


def test_plan_settings_says_why_a_name_is_refused_and_stays_open(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    plan = PlanService.open(plan_path)
    plan.add(Objective(title="Newcomers ship in week one"))
    plan.close()
    window = open_window(plan_path)
    dialog = window.feature(PlanSettings).open_settings()
    owner_field(dialog).edit.setText("Alex\tKim")
    save(qtbot, dialog)
    assert dialog.isVisible()
    error = dialog.errors["owner"]
    assert error.isVisible() and error.text() == "The owner's name must fit on one line."
    assert error.textFormat() is Qt.TextFormat.PlainText
    assert owner_field(dialog).edit.property("invalid") is True
    assert window.plan.owner() == ""
    assert window.controller.undo_stack.count() == 0

    owner_field(dialog).edit.setText("Alex Kim")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    assert window.plan.owner() == "Alex Kim"


def test_plan_settings_with_nothing_changed_just_closes(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    plan = PlanService.open(plan_path)
    plan.set_owner("Alex")
    plan.add(Objective(title="Newcomers ship in week one"))
    plan.close()
    window = open_window(plan_path)
    dialog = window.feature(PlanSettings).open_settings()
    owner_field(dialog).edit.setText(" Alex ")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    assert window.controller.undo_stack.count() == 0


def test_the_owner_in_the_status_bar_opens_plan_settings(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.mouseClick(owner_status(window), Qt.MouseButton.LeftButton)
    dialog = window.feature(PlanSettings).dialog
    assert dialog is not None and dialog.isVisible()
    # User text is never rich text in the dialog.
    for label in dialog.findChildren(QLabel):
        if label.objectName() == "fieldError" or label.wordWrap():
            assert label.textFormat() is Qt.TextFormat.PlainText
    dialog.reject()
