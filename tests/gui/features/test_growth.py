"""Milestones with their three elements, growth notes (Ctrl+L), the notes list in the
milestone's editor, and the "What did you learn?" prompt when a milestone is done."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import GrowthNote, Milestone
from okrdesk.domain.enums import NoteKind
from okrdesk.gui.features.growth.feature import Growth
from okrdesk.gui.features.growth.notes import PRIVATE_MARK, PROMPT_TITLE, MilestoneNotes, NoteDialog
from okrdesk.gui.features.items import Items
from okrdesk.gui.panes.fields import DateField
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.widgets import QDialogButtonBox
from okrdesk.services.outline import NodeKind
from tests.builders import small_plan
from tests.gui.helpers import OpenWindow, field, text_area, type_into

TODAY = date(2026, 3, 2)


def save(dialog: NoteDialog) -> None:
    buttons = dialog.findChild(QDialogButtonBox)
    assert isinstance(buttons, QDialogButtonBox)
    buttons.button(QDialogButtonBox.StandardButton.Save).click()


def log_note(window: MainWindow, text: str, kind: NoteKind, private: bool = False) -> NoteDialog:
    window.clock = lambda: TODAY
    window.feature(Growth).note_actions.action.trigger()
    dialog = window.feature(Growth).note_actions.dialog
    assert isinstance(dialog, NoteDialog) and dialog.isVisible() and not dialog.isModal()
    dialog.text.setPlainText(text)
    dialog.kind.setCurrentIndex(dialog.kind.findData(kind.value))
    dialog.private.setChecked(private)
    save(dialog)
    return dialog


def notes_panel(window: MainWindow) -> MilestoneNotes:
    panel = window.feature(Growth).notes
    assert isinstance(panel, MilestoneNotes)
    return panel


def commit_text(qtbot: QtBot, window: MainWindow, name: str, text: str) -> None:
    area = text_area(window, name)
    area.setFocus()
    area.setPlainText(text)
    window.tree.setFocus()  # leaving the field commits it
    qtbot.waitUntil(lambda: getattr(window.plan.get(Milestone, milestone_of(window)), name) == text)


def milestone_of(window: MainWindow) -> str:
    node = window.tree.current_node()
    assert node is not None and node.kind is NodeKind.MILESTONE
    return node.id


def test_a_milestone_with_purpose_growth_path_and_value_notes_and_done(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    ids = small_plan(plan_path)
    window = open_window(plan_path)
    window.tree.select_node(ids["speed"])
    window.feature(Items).actions["add_milestone"].trigger()
    milestone_id = milestone_of(window)
    # The in-place rename is open on the new milestone: close it, then fill the form.
    window.tree.setFocus()
    type_into(qtbot, field(window, "title"), "Run the new help desk for a week")
    commit_text(qtbot, window, "purpose", "Prove the desk handles a busy week")
    commit_text(qtbot, window, "growth_path", "Learn queue triage and SLAs")
    commit_text(qtbot, window, "organisational_value", "A triage playbook for the team")
    stored = window.plan.get(Milestone, milestone_id)
    assert stored.title == "Run the new help desk for a week"
    assert stored.purpose and stored.growth_path and stored.organisational_value

    panel = notes_panel(window)
    assert panel.empty.isVisibleTo(panel)
    log_note(window, "Tag tickets by urgency first", NoteKind.SKILL)
    log_note(window, "I froze when the queue hit 40", NoteKind.LESSON, private=True)
    notes = window.plan.children(GrowthNote, milestone_id)
    assert [(n.kind, n.private, n.date) for n in notes] == [
        (NoteKind.SKILL, False, TODAY),
        (NoteKind.LESSON, True, TODAY),
    ]
    # In the tree under their milestone, the private one marked.
    children = window.tree.source.outline.child_nodes(milestone_id)
    assert [n.state for n in children] == ["", "private"]
    assert panel.list.count() == 2
    lines = [panel.list.item(r).text() for r in range(2)]
    assert any(PRIVATE_MARK.lower() in line and "froze" in line for line in lines)
    assert all(PRIVATE_MARK.lower() not in line for line in lines if "Tag tickets" in line)
    assert (
        window.feature(Growth).notes.list.item(0).font().italic()
        != window.feature(Growth).notes.list.item(1).font().italic()
    )

    # Marking it done asks what was learned, without blocking.
    prompt = window.feature(Growth).learn_prompt
    prompt.today = lambda: TODAY
    done_on = window.editor.forms[Milestone].editors["done_on"]
    assert isinstance(done_on, DateField)
    done_on.enabled_box.setChecked(True)
    assert window.plan.get(Milestone, milestone_id).done_on is not None
    dialog = prompt.dialog
    assert isinstance(dialog, NoteDialog)
    assert dialog.isVisible() and not dialog.isModal()
    assert dialog.windowTitle() == PROMPT_TITLE
    assert dialog.chosen_kind() is NoteKind.LESSON
    dialog.text.setPlainText("A playbook beats heroics")
    save(dialog)
    assert len(window.plan.children(GrowthNote, milestone_id)) == 3
    assert panel.list.item(0).text().endswith("A playbook beats heroics")


def test_undoing_done_does_not_ask_again(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    ids = small_plan(plan_path)
    window = open_window(plan_path)
    prompt = window.feature(Growth).learn_prompt
    window.controller.edit(Milestone, ids["milestone"], done_on="2026-03-01")
    first = prompt.dialog
    assert isinstance(first, NoteDialog) and first.isVisible()
    first.reject()
    prompt.dialog = None
    window.undo_action.trigger()
    assert window.plan.get(Milestone, ids["milestone"]).done_on is None
    assert prompt.dialog is None
    # Editing something else of a done milestone does not ask either.
    window.redo_action.trigger()
    prompt.dialog = None
    window.controller.edit(Milestone, ids["milestone"], purpose="Faster answers")
    assert prompt.dialog is None


def test_a_note_needs_text_and_ctrl_l_needs_a_milestone(
    open_window: OpenWindow, plan_path: Path
) -> None:
    ids = small_plan(plan_path)
    window = open_window(plan_path)
    action = window.feature(Growth).note_actions.action
    assert action.shortcut().toString() == "Ctrl+L"
    assert action in window.tree.context_actions
    window.tree.select_node(ids["speed"])
    assert not action.isEnabled()
    window.tree.select_node(ids["milestone"])
    assert action.isEnabled()
    action.trigger()
    dialog = window.feature(Growth).note_actions.dialog
    save(dialog)
    assert dialog.isVisible() and "text" in dialog.error.text()
    assert window.plan.children(GrowthNote, ids["milestone"]) == []
    dialog.text.setPlainText("Customers prefer chat")
    save(dialog)
    note = window.plan.children(GrowthNote, ids["milestone"])[0]
    # Ctrl+L on a note logs on its milestone.
    window.tree.select_node(note.id)
    assert window.feature(Growth).note_actions.current_milestone() == ids["milestone"]
    window.undo_action.trigger()
    assert window.plan.children(GrowthNote, ids["milestone"]) == []


def test_double_clicking_a_note_in_the_list_selects_it(
    open_window: OpenWindow, plan_path: Path
) -> None:
    ids = small_plan(plan_path)
    window = open_window(plan_path)
    window.tree.select_node(ids["milestone"])
    panel = notes_panel(window)
    panel.today = lambda: TODAY
    dialog = panel.log_note()
    assert dialog is not None
    dialog.text.setPlainText("Short answers first")
    save(dialog)
    item = panel.list.item(0)
    panel.list.itemActivated.emit(item)
    node = window.tree.current_node()
    assert node is not None and node.kind is NodeKind.GROWTH_NOTE
