"""One-on-ones in the window: a meeting comes with its agenda, the agenda is edited, the
meeting is closed, values change, and the next meeting shows what changed. All undoable."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TypeVar

import pytest
from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import (
    ActionItem,
    AgendaPoint,
    CheckIn,
    Cycle,
    GrowthNote,
    KeyResult,
    Meeting,
    Milestone,
    Mission,
    Objective,
    Stakeholder,
)
from okrdesk.domain.enums import MeetingKind, ObjectiveState, StakeholderKind
from okrdesk.gui.features.items import Items
from okrdesk.gui.features.meetings.feature import Meetings
from okrdesk.gui.features.meetings.panel import (
    ActionItemsPanel,
    AgendaPanel,
    ClosingPanel,
    SinceLastTimePanel,
)
from okrdesk.gui.panes.editor import EditorPanel
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import Qt
from okrdesk.qt.gui import QAction
from okrdesk.qt.widgets import QComboBox
from okrdesk.services.changes import PlanChanges
from okrdesk.services.meetings import snapshots_of
from okrdesk.services.plan import PlanService
from tests.gui.helpers import OpenWindow, current

FIRST = date(2026, 2, 16)
SECOND = date(2026, 3, 2)
P = TypeVar("P", bound=EditorPanel)


@pytest.fixture
def prepared_plan(plan_path: Path) -> dict[str, str]:
    """A cycle with an active objective: a key result with low confidence, one going well,
    one never measured; a milestone done and a private and a public growth note."""
    plan = PlanService.open(plan_path)
    cycle = plan.add(Cycle(name="2026 Q1", start=date(2026, 1, 1), end=date(2026, 3, 31)))
    mission = plan.add(Mission(title="Calm month-ends"))
    objective = plan.add(
        Objective(
            title="Reports people trust",
            mission_id=mission.id,
            cycle_id=cycle.id,
            state=ObjectiveState.ACTIVE,
        )
    )

    def kr(title: str) -> KeyResult:
        return plan.add(KeyResult(objective_id=objective.id, title=title, baseline=0, target=100))

    low, steady = kr("Mismatch alerts"), kr("Load time")
    kr("Cache hits")
    plan.add(CheckIn(key_result_id=low.id, date=date(2026, 2, 12), value=10, confidence=0.3))
    plan.add(CheckIn(key_result_id=steady.id, date=date(2026, 2, 12), value=25, confidence=0.8))
    milestone = plan.add(
        Milestone(objective_id=objective.id, title="Query fix shipped", done_on=date(2026, 2, 9))
    )
    plan.add(GrowthNote(milestone_id=milestone.id, date=date(2026, 2, 10), text="Profile first"))
    plan.add(
        GrowthNote(milestone_id=milestone.id, date=date(2026, 2, 11), text="I froze", private=True)
    )
    ids = {"cycle": cycle.id, "low": low.id, "steady": steady.id, "milestone": milestone.id}
    plan.close()
    return ids


def panel(window: MainWindow, kind: type[P]) -> P:
    found = [p for p in window.editor.panels[Meeting] if isinstance(p, kind)]
    assert len(found) == 1
    return found[0]


def agenda_texts(window: MainWindow) -> list[str]:
    items = panel(window, AgendaPanel).list
    return [items.item(row).text() for row in range(items.count())]


def open_on(open_window: OpenWindow, plan_path: Path, day: date) -> MainWindow:
    window = open_window(plan_path)
    window.clock = lambda: day
    return window


def new_meeting(window: MainWindow) -> Meeting:
    window.feature(Items).actions["add_meeting"].trigger()
    node = current(window)
    meeting = window.plan.get(Meeting, node.id)
    return meeting


def test_a_new_meeting_comes_with_its_agenda_in_one_undoable_step(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, prepared_plan: dict[str, str]
) -> None:
    window = open_on(open_window, plan_path, FIRST)
    meeting = window.feature(Items).add_meeting()
    assert meeting.date == FIRST
    assert meeting.cycle_id == prepared_plan["cycle"]  # the cycle running that day

    texts = agenda_texts(window)
    expected = [
        "Confidence in “Mismatch alerts” is low: 3 in 10.",
        "The milestone “Query fix shipped” was done on 9 Feb 2026.",
        "A growth note to talk about: “Profile first”",
    ]
    assert [t for t in texts if "the coach notes that" not in t.lower()] == expected
    assert not any("froze" in t for t in texts)
    stored = window.plan.children(AgendaPoint, meeting.id)
    assert [p.text for p in stored] == texts

    stack = window.controller.undo_stack
    stack.undo()
    assert window.plan.find(Meeting, meeting.id) is None
    assert window.plan.count(AgendaPoint) == 0
    stack.redo()
    assert [p.text for p in window.plan.children(AgendaPoint, meeting.id)] == texts
    assert current(window).id == meeting.id


def test_the_agenda_is_edited_through_undoable_steps(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, prepared_plan: dict[str, str]
) -> None:
    window = open_on(open_window, plan_path, FIRST)
    meeting = window.feature(Items).add_meeting()
    agenda = panel(window, AgendaPanel)
    before = agenda_texts(window)
    stack = window.controller.undo_stack

    # Add a point by typing it.
    agenda.new_point.setFocus()
    qtbot.keyClicks(agenda.new_point, "Ask about the conference budget")
    qtbot.keyClick(agenda.new_point, Qt.Key.Key_Return)
    assert agenda_texts(window) == [*before, "Ask about the conference budget"]
    assert agenda.new_point.text() == ""

    # Move it to the top with Alt+Up, step by step.
    agenda.list.setCurrentRow(agenda.list.count() - 1)
    agenda.list.setFocus()
    for _ in range(len(before)):
        qtbot.keyClick(agenda.list, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert agenda_texts(window)[0] == "Ask about the conference budget"
    assert window.plan.children(AgendaPoint, meeting.id)[0].text == (
        "Ask about the conference budget"
    )

    # Tick the first point done.
    agenda.list.item(0).setCheckState(Qt.CheckState.Checked)
    assert window.plan.children(AgendaPoint, meeting.id)[0].done

    # Remove the second one with the button.
    agenda.list.setCurrentRow(1)
    qtbot.mouseClick(agenda.remove, Qt.MouseButton.LeftButton)
    assert agenda_texts(window) == ["Ask about the conference budget", *before[1:]]

    # Every step undoes: remove, tick, the moves, the add.
    stack.undo()
    assert agenda_texts(window)[1] == before[0]
    stack.undo()
    assert not window.plan.children(AgendaPoint, meeting.id)[0].done
    for _ in range(len(before)):
        stack.undo()
    assert agenda_texts(window) == [*before, "Ask about the conference budget"]
    stack.undo()
    assert agenda_texts(window) == before

    # "Prepare from plan" adds only what the agenda lacks.
    agenda.list.setCurrentRow(0)
    qtbot.mouseClick(agenda.remove, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(agenda.prepare, Qt.MouseButton.LeftButton)
    assert sorted(agenda_texts(window)) == sorted(before)
    stack.undo()
    assert agenda_texts(window) == before[1:]


def test_action_items_are_added_and_ticked(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, prepared_plan: dict[str, str]
) -> None:
    window = open_on(open_window, plan_path, FIRST)
    meeting = window.feature(Items).add_meeting()
    actions = panel(window, ActionItemsPanel)
    actions.new_action.setFocus()
    qtbot.keyClicks(actions.new_action, "Book the dry run")
    qtbot.keyClick(actions.new_action, Qt.Key.Key_Return)
    stored = window.plan.children(ActionItem, meeting.id)
    assert [a.text for a in stored] == ["Book the dry run"]
    assert current(window).id == meeting.id  # the page being typed in stays
    actions.list.item(0).setCheckState(Qt.CheckState.Checked)
    assert window.plan.get(ActionItem, stored[0].id).done
    window.controller.undo_stack.undo()
    assert not window.plan.get(ActionItem, stored[0].id).done


def test_close_change_values_and_see_the_deltas_next_time(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, prepared_plan: dict[str, str]
) -> None:
    window = open_on(open_window, plan_path, FIRST)
    first = window.feature(Items).add_meeting()
    window.controller.add(ActionItem(meeting_id=first.id, text="Book the dry run", owner="Me"))
    window.tree.select_node(first.id)
    closing = panel(window, ClosingPanel)
    since = panel(window, SinceLastTimePanel)
    assert "No closed one-on-one before this one" in since.caption.text()

    qtbot.mouseClick(closing.close_button, Qt.MouseButton.LeftButton)
    assert window.plan.get(Meeting, first.id).closed_on == FIRST
    assert len(snapshots_of(window.plan, first.id)) == 3
    assert not closing.close_button.isEnabled()
    assert "Closed on 2026-02-16" in closing.state.text()

    # Undo reopens it and forgets the snapshots; redo closes it with the same ones.
    frozen = [s.id for s in snapshots_of(window.plan, first.id)]
    window.controller.undo_stack.undo()
    assert window.plan.get(Meeting, first.id).closed_on is None
    assert snapshots_of(window.plan, first.id) == []
    assert closing.close_button.isEnabled()
    window.controller.undo_stack.redo()
    assert [s.id for s in snapshots_of(window.plan, first.id)] == frozen

    # Values change after the meeting.
    for kr_id, value, confidence in (
        (prepared_plan["low"], 20.0, 0.2),
        (prepared_plan["steady"], 70.0, 0.9),
    ):
        window.controller.add(
            CheckIn(key_result_id=kr_id, date=date(2026, 2, 27), value=value, confidence=confidence)
        )

    window.clock = lambda: SECOND
    second = window.feature(Items).add_meeting()
    texts = agenda_texts(window)
    assert texts[0] == "Still open from last time: Book the dry run (Me)."
    assert "Confidence in “Mismatch alerts” dropped from 3 to 2 in 10." in texts
    assert not any("Load time" in t for t in texts)  # going well: nothing to discuss

    assert since.caption.text() == f"Compared with the one-on-one of {first.label}."
    rows = {
        since.table.item(row, 0).text(): [
            since.table.item(row, column).text() for column in range(1, 4)
        ]
        for row in range(since.table.rowCount())
    }
    assert rows["Load time"] == ["25 → 70 (+45)", "8 → 9 in 10 (+1)", "At risk → On track"]
    assert rows["Mismatch alerts"] == ["10 → 20 (+10)", "3 → 2 in 10 (-1)", "Off track"]
    assert rows["Cache hits"] == ["–", "–", "Pending"]
    assert window.plan.get(Meeting, second.id).closed_on is None


def test_a_meeting_added_as_a_sibling_has_its_agenda_too(
    open_window: OpenWindow, plan_path: Path, prepared_plan: dict[str, str]
) -> None:
    window = open_on(open_window, plan_path, FIRST)
    first = window.feature(Items).add_meeting()
    window.plan.update(Meeting, first.id, date="2026-01-15")
    window.controller.announce(PlanChanges.all(first.id))
    assert window.tree.select_node(first.id)
    added = window.feature(Items).add_sibling_item()
    assert added is not None and added.id != first.id
    assert window.plan.children(AgendaPoint, added.id), "the agenda was prepared"


# -- one-on-ones for agreeing missions (issue 23) ---------------------------------------------


def menu_actions(actions: list[QAction]) -> list[QAction]:
    """Every action of these menus and their submenus."""
    found = []
    for action in actions:
        found.append(action)
        menu = action.menu()
        if menu is not None:
            found += menu_actions(menu.actions())
    return found


def test_a_one_on_one_for_agreeing_missions_lists_the_missions_and_says_its_kind(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, prepared_plan: dict[str, str]
) -> None:
    plan = PlanService.open(plan_path)
    customers = plan.add(Stakeholder(name="Bookkeepers", kind=StakeholderKind.CUSTOMERS))
    [mission] = plan.all(Mission)
    plan.update(
        Mission, mission.id, stakeholder_id=customers.id, served_when="they stop double-checking"
    )
    plan.close()
    window = open_on(open_window, plan_path, FIRST)
    meetings = window.feature(Meetings)
    action = meetings.missions_meeting_action
    assert action.text() == "One-on-one for agreeing missions"
    assert action in menu_actions(window.menuBar().actions()), "it is in Edit ▸ Add"
    action.trigger()
    meeting = window.plan.get(Meeting, current(window).id)
    assert (meeting.kind, meeting.date, meeting.cycle_id) == (
        MeetingKind.MISSIONS,
        FIRST,
        prepared_plan["cycle"],
    )
    texts = agenda_texts(window)
    assert texts[:2] == [
        "The mission “Calm month-ends” serves Bookkeepers.",
        "You will know “Calm month-ends” is served when they stop double-checking.",
    ]
    assert not any("Confidence in" in t for t in texts)  # not the regular agenda
    assert panel(window, ClosingPanel).state.text().startswith("For agreeing missions:")
    kind = window.editor.forms[Meeting].editors["kind"].focus_widget()
    assert isinstance(kind, QComboBox) and kind.currentText() == "Missions"
    window.controller.undo_stack.undo()
    assert window.plan.find(Meeting, meeting.id) is None


def test_a_regular_one_on_one_turned_into_one_for_missions_prepares_them(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, prepared_plan: dict[str, str]
) -> None:
    window = open_on(open_window, plan_path, FIRST)
    meeting = window.feature(Items).add_meeting()
    assert meeting is not None and meeting.kind is MeetingKind.REGULAR
    assert not panel(window, ClosingPanel).state.text().startswith("For agreeing missions")
    kind = window.editor.forms[Meeting].editors["kind"].focus_widget()
    assert isinstance(kind, QComboBox) and kind.currentText() == "Regular"
    kind.setCurrentIndex(kind.findData(MeetingKind.MISSIONS.value))
    kind.activated.emit(kind.currentIndex())
    assert window.plan.get(Meeting, meeting.id).kind is MeetingKind.MISSIONS
    qtbot.mouseClick(panel(window, AgendaPanel).prepare, Qt.MouseButton.LeftButton)
    assert "The mission “Calm month-ends” names nobody it serves yet: whom is it for?" in (
        agenda_texts(window)
    )
