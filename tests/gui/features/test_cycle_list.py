"""The Cycles dialog (Cycle ▸ Cycles…) and a new plan's first cycle (issue 17, point 4)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import Cycle, Objective
from okrdesk.gui.features.cycle_list import CycleList, CyclesDialog
from okrdesk.gui.features.items import Items
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import QDate, Qt
from okrdesk.qt.gui import QAction
from okrdesk.services.outline import Branch, NodeKind
from tests.gui.helpers import OpenWindow, recorded

TODAY = date(2026, 11, 20)


def open_dialog(window: MainWindow) -> CyclesDialog:
    window.clock = lambda: TODAY
    action = window.findChild(QAction, "showCycles")
    assert isinstance(action, QAction)
    action.trigger()
    return window.feature(CycleList).show_dialog()


def rows(dialog: CyclesDialog) -> list[str]:
    found = []
    for row in range(dialog.list.topLevelItemCount()):
        item = dialog.list.topLevelItem(row)
        found.append("  ·  ".join(item.text(column) for column in range(3)))
    return found


def box_names(window: MainWindow) -> list[str]:
    return [window.cycle_box.itemText(i) for i in range(window.cycle_box.count())]


def test_a_new_plan_shows_its_quarter_selected_in_the_cycle_box(
    window: MainWindow, tmp_path: Path
) -> None:
    window.clock = lambda: TODAY
    assert window.open_plan_file(tmp_path / "fresh.okrdesk", create=True)
    (cycle,) = window.plan.all(Cycle)
    assert (cycle.name, cycle.start, cycle.end) == (
        "2026 Q4",
        date(2026, 10, 1),
        date(2026, 12, 31),
    )
    assert window.controller.cycle_id == cycle.id
    assert window.cycle_box.currentData() == cycle.id
    # The first objective goes in it.
    objective = window.feature(Items).add_at(NodeKind.OBJECTIVE, Branch.BLIND.value, None)
    assert isinstance(objective, Objective) and objective.cycle_id == cycle.id


@pytest.fixture
def window(open_window: OpenWindow, tmp_path: Path) -> MainWindow:
    """A window on a plan started the way the app starts one (with its first cycle)."""
    from okrdesk.services.locations import open_plan

    open_plan(tmp_path / "started.okrdesk", today=TODAY).close()
    return open_window(tmp_path / "started.okrdesk")


def test_the_cycle_menu_opens_the_dialog_with_the_cycles(window: MainWindow) -> None:
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&Cycle" in titles
    dialog = open_dialog(window)
    assert dialog.isVisible()
    (row,) = rows(dialog)
    assert row.startswith("2026 Q4  ·  1 Oct – 31 Dec 2026") and "0 objectives" in row


def test_the_tree_s_context_menu_opens_the_cycles_too(window: MainWindow) -> None:
    from okrdesk.gui.features.cycle_list import CycleList

    action = window.feature(CycleList).action
    assert action in window.tree.context_actions
    action.trigger()
    dialog = window.feature(CycleList).dialog
    assert dialog is not None and dialog.isVisible()


def test_add_next_quarter_is_one_click_and_one_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(window)
    before = len(window.plan.all(Cycle))
    qtbot.mouseClick(dialog.add_next, Qt.MouseButton.LeftButton)
    cycles = window.plan.all(Cycle)
    assert len(cycles) == before + 1
    added = max(cycles, key=lambda c: c.start)
    assert dialog.current_cycle() == added and dialog.name.text() == added.name
    assert any(name.startswith(added.name) for name in box_names(window))
    stack = window.controller.undo_stack
    assert stack.undoText() == "Add cycle"
    stack.undo()
    assert len(window.plan.all(Cycle)) == before and len(rows(dialog)) == before


def test_rename_and_redate_in_place_are_undoable(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_dialog(window)
    (cycle,) = window.plan.all(Cycle)
    dialog.name.setFocus()
    dialog.name.selectAll()
    qtbot.keyClicks(dialog.name, "Autumn push")
    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
    assert window.plan.get(Cycle, cycle.id).name == "Autumn push"
    assert rows(dialog)[0].startswith("Autumn push")
    assert any(name.startswith("Autumn push") for name in box_names(window))
    dialog.end.setDate(QDate(2027, 1, 15))
    dialog.end.editingFinished.emit()
    assert window.plan.get(Cycle, cycle.id).end == date(2027, 1, 15)
    stack = window.controller.undo_stack
    assert stack.undoText() == "Change the dates of cycle"
    stack.undo()
    stack.undo()
    back = window.plan.get(Cycle, cycle.id)
    assert (back.name, back.start, back.end) == (cycle.name, cycle.start, cycle.end)
    assert dialog.name.text() == cycle.name


def test_an_end_before_the_start_is_said_and_nothing_is_saved(window: MainWindow) -> None:
    dialog = open_dialog(window)
    (cycle,) = window.plan.all(Cycle)
    dialog.end.setDate(QDate(cycle.start.year, cycle.start.month, 1).addDays(-1))
    dialog.end.editingFinished.emit()
    assert dialog.error.text() == "A cycle must end after it starts."
    assert window.plan.get(Cycle, cycle.id) == cycle


def test_deleting_a_cycle_with_objectives_asks_and_keeps_them(window: MainWindow) -> None:
    dialog = open_dialog(window)
    (cycle,) = window.plan.all(Cycle)
    objective = window.controller.add(Objective(title="Ship it", cycle_id=cycle.id))
    dialogs = recorded(window)
    dialogs.answer = False
    assert not dialog.delete_current()
    assert window.plan.find(Cycle, cycle.id) is not None
    ((question, details),) = dialogs.questions
    assert question == f"Delete the cycle “{cycle.name}”?"
    assert "1 objective in it will stay in the plan, with no cycle" in details
    dialogs.answer = True
    assert dialog.delete_current()
    assert window.plan.find(Cycle, cycle.id) is None
    assert window.plan.get(Objective, objective.id).cycle_id is None
    assert window.cycle_box.currentData() is None and rows(dialog) == []
    window.controller.undo_stack.undo()
    assert window.plan.get(Objective, objective.id).cycle_id == cycle.id


def test_an_empty_cycle_is_deleted_without_a_question(window: MainWindow) -> None:
    dialog = open_dialog(window)
    dialog.add_next_quarter()
    assert dialog.delete_current()
    assert recorded(window).questions == []


@pytest.mark.parametrize("size", [(1024, 640), (1366, 768)])
def test_the_dialog_fits_the_window(
    qtbot: QtBot, window: MainWindow, size: tuple[int, int]
) -> None:
    window.resize(*size)
    dialog = open_dialog(window)
    for _ in range(5):
        dialog.add_next_quarter()
    qtbot.waitExposed(dialog)
    hint = dialog.sizeHint()
    assert hint.width() <= size[0] and hint.height() <= size[1] - 60
    assert dialog.width() <= size[0] and dialog.height() <= size[1]
    shots = os.environ.get("OKRDESK_SHOTS")
    if shots:
        window.grab().save(str(Path(shots) / f"window-{size[0]}x{size[1]}.png"))
        dialog.grab().save(str(Path(shots) / f"cycles-{size[0]}x{size[1]}.png"))
