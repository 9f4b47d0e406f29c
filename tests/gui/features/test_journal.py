"""The learning journal dock and the growth summary window."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from okrdesk.domain.entities import Cycle, GrowthNote, Milestone, Mission, Objective
from okrdesk.domain.enums import NoteKind
from okrdesk.gui.features.growth.feature import Growth
from okrdesk.gui.features.growth.journal import PRIVATE_COLUMN, JournalView
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import Qt
from okrdesk.qt.widgets import QComboBox
from okrdesk.services.plan import PlanService
from tests.builders import small_plan
from tests.gui.helpers import OpenWindow


@pytest.fixture
def ids(plan_path: Path) -> dict[str, str]:
    found = small_plan(plan_path)
    plan = PlanService.open(plan_path)
    q1 = plan.create(Cycle, name="2026 Q1", start="2026-01-01", end="2026-03-31")
    plan.update(Objective, found["speed"], cycle_id=q1.id)
    plan.update(Milestone, found["milestone"], done_on=date(2026, 2, 1), growth_path="Triage")
    other = plan.create(Objective, title="Hire well", mission_id=found["grow"])
    interviews = plan.create(Milestone, objective_id=other.id, title="Interview loop")
    for milestone, day, kind, text, private in (
        (found["milestone"], "2026-01-10", "skill", "Macros for common replies", False),
        (found["milestone"], "2026-02-01", "lesson", "I answered too fast, twice", True),
        (interviews.id, "2026-01-20", "insight", "Pair interviews calm candidates", False),
    ):
        plan.create(
            GrowthNote, milestone_id=milestone, date=day, kind=kind, text=text, private=private
        )
    plan.close()
    return {**found, "q1": q1.id, "interviews": interviews.id}


def open_journal(window: MainWindow) -> JournalView:
    window.feature(Growth).journal_dock.toggleViewAction().trigger()
    view = window.feature(Growth).journal
    assert isinstance(view, JournalView) and view.isVisible()
    return view


def shown(view: JournalView) -> list[str]:
    return [view.model.index(r, 2).data() for r in range(view.model.rowCount())]


def choose(box: QComboBox, data: object) -> None:
    row = box.findData(data)
    assert row >= 0
    box.setCurrentIndex(row)
    box.activated.emit(row)


def test_the_journal_is_filled_when_first_shown_not_when_the_window_opens(
    open_window: OpenWindow, plan_path: Path, ids: dict[str, str]
) -> None:
    window = open_window(plan_path)
    view = window.feature(Growth).journal
    assert not view.isVisible() and view.model.rowCount() == 0
    assert open_journal(window) is view and len(shown(view)) == 3
    assert view.count.text() == "3 notes, 1 private"


def test_the_journal_lists_every_note_newest_first_and_filters(
    open_window: OpenWindow, plan_path: Path, ids: dict[str, str]
) -> None:
    window = open_window(plan_path)
    view = open_journal(window)
    assert shown(view) == [
        "I answered too fast, twice",
        "Pair interviews calm candidates",
        "Macros for common replies",
    ]
    assert view.count.text() == "3 notes, 1 private"
    private = view.model.index(0, PRIVATE_COLUMN)
    assert private.data() == "private" and private.data(Qt.ItemDataRole.FontRole).italic()
    assert view.model.index(1, PRIVATE_COLUMN).data() == ""
    assert view.model.headerData(PRIVATE_COLUMN, Qt.Orientation.Horizontal) == "Private"

    choose(view.kind, NoteKind.SKILL.value)
    assert shown(view) == ["Macros for common replies"]
    choose(view.kind, None)
    choose(view.mission, ids["grow"])
    assert shown(view) == ["Pair interviews calm candidates"]
    choose(view.mission, ids["care"])
    choose(view.cycle, ids["q1"])
    assert len(shown(view)) == 2
    view.text.setText("too FAST")
    assert shown(view) == ["I answered too fast, twice"]
    view.text.setText("nothing like it")
    assert shown(view) == [] and view.count.text() == "0 notes"


def test_a_note_links_back_to_its_milestone_in_every_cycle(
    open_window: OpenWindow, plan_path: Path, ids: dict[str, str]
) -> None:
    window = open_window(plan_path)
    view = open_journal(window)
    # The tree shows Q1 only: the interview milestone is not in it.
    window.choose_cycle(ids["q1"])
    row = shown(view).index("Pair interviews calm candidates")
    assert view.open_entry(view.model.index(row, 0))
    node = window.tree.current_node()
    assert node is not None and node.id == ids["interviews"]
    assert window.controller.cycle_id is None


def test_the_journal_follows_edits_and_undo(
    open_window: OpenWindow, plan_path: Path, ids: dict[str, str]
) -> None:
    window = open_window(plan_path)
    view = open_journal(window)
    window.controller.add(
        GrowthNote(milestone_id=ids["interviews"], date=date(2026, 3, 1), text="Newest")
    )
    assert shown(view)[0] == "Newest"
    window.undo_action.trigger()
    assert "Newest" not in shown(view)


def test_the_growth_summary_window(
    open_window: OpenWindow, plan_path: Path, ids: dict[str, str]
) -> None:
    window = open_window(plan_path)
    summary = window.feature(Growth).show_summary()
    assert summary.isVisible() and summary.cycle.currentData() is None
    data = summary.summary
    assert data is not None and data.notes == 3 and data.private_notes == 1
    assert {c.key: c.count for c in data.by_kind} == {
        "skill": 1,
        "insight": 1,
        "lesson": 1,
        "feedback": 0,
        "idea": 0,
    }
    assert [(c.label, c.count) for c in data.by_mission] == [
        ("Care for customers", 2),
        ("Grow the team", 1),
    ]
    text = summary.text.toPlainText()
    assert "3 growth notes, 1 of them private." in text
    assert "New help desk (done 2026-02-01)" in text and "Growth path: Triage" in text
    bars = [ax for ax in summary.canvas.figure.axes if ax.get_gid() == "Notes per kind"]
    assert [round(p.get_width()) for p in bars[0].patches] == [1, 1, 1, 0, 0]

    summary.choose_cycle(ids["q1"])
    assert summary.summary is not None and summary.summary.notes == 2
    assert [c.label for c in summary.summary.by_mission] == ["Care for customers"]
    # It follows the plan while open.
    window.controller.edit(Mission, ids["care"], title="Delight customers")
    assert summary.summary.by_mission[0].label == "Delight customers"
