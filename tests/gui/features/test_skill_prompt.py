"""“Did a skill's level move?” when a milestone that picks skills is marked done: a small
non-modal dialog before “What did you learn?”; OK moves the changed levels as one undo step
(with the milestone and its day), No or Esc moves nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import Milestone, MilestoneSkill, Skill, SkillStep
from okrdesk.gui.features.growth.feature import Growth
from okrdesk.gui.features.growth.notes import NoteDialog
from okrdesk.gui.features.growth.skill_prompt import LEVELS_TITLE, LevelsDialog
from okrdesk.gui.panes.fields import DateField
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import Qt
from okrdesk.qt.widgets import QDialogButtonBox
from okrdesk.services.skills import set_milestone_skills
from tests.builders import small_plan
from tests.gui.helpers import OpenWindow

DONE = date(2026, 3, 2)


def with_skills(window: MainWindow, milestone_id: str) -> tuple[Skill, Skill]:
    controller = window.controller
    facilitation = controller.add(
        Skill(name="Facilitation", level=2, meanings="watch\nhelp\nrun one alone")
    )
    writing = controller.add(Skill(name="Writing", level=3))
    controller.add(Skill(name="Not picked", level=1))
    controller.run(
        set_milestone_skills(controller.plan, milestone_id, [facilitation.id, writing.id])
    )
    return facilitation, writing


def mark_done(window: MainWindow, milestone_id: str) -> None:
    window.tree.select_node(milestone_id)
    done_on = window.editor.forms[Milestone].editors["done_on"]
    assert isinstance(done_on, DateField)
    done_on.picker.setDate(done_on.picker.date().fromString(DONE.isoformat(), "yyyy-MM-dd"))
    done_on.enabled_box.setChecked(True)
    assert window.plan.get(Milestone, milestone_id).done_on == DONE


def levels_dialog(window: MainWindow) -> LevelsDialog:
    dialog = window.feature(Growth).skill_prompt.dialog
    assert isinstance(dialog, LevelsDialog)
    assert dialog.isVisible() and not dialog.isModal()
    assert dialog.windowTitle() == LEVELS_TITLE
    return dialog


def test_ok_moves_the_changed_levels_as_one_step_then_asks_what_was_learned(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    ids = small_plan(plan_path)
    window = open_window(plan_path)
    facilitation, writing = with_skills(window, ids["milestone"])
    learn = window.feature(Growth).learn_prompt
    learn.dialog = None
    mark_done(window, ids["milestone"])
    dialog = levels_dialog(window)
    assert learn.dialog is None  # one question at a time
    # Only the milestone's skills, each at its level now, the first one focused.
    assert set(dialog.boxes) == {facilitation.id, writing.id}
    box = dialog.boxes[facilitation.id]
    assert box.value() == 2 and dialog.focusWidget() is box
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert dialog.meanings[facilitation.id].text() == "run one alone"
    steps = window.controller.undo_stack.count()
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    plan = window.plan
    assert plan.get(Skill, facilitation.id).level == 3
    assert plan.get(Skill, writing.id).level == 3  # left as it was: no step
    (step,) = plan.all(SkillStep)
    assert (step.skill_id, step.previous, step.level) == (facilitation.id, 2, 3)
    assert (step.milestone_id, step.date) == (ids["milestone"], DONE)
    assert window.controller.undo_stack.count() == steps + 1
    assert window.tree.current_node().id == ids["milestone"]  # type: ignore[union-attr]
    assert isinstance(learn.dialog, NoteDialog) and learn.dialog.isVisible()

    window.undo_action.trigger()
    assert plan.get(Skill, facilitation.id).level == 2 and plan.all(SkillStep) == []


def test_escape_moves_nothing_and_undoing_done_does_not_ask_again(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    ids = small_plan(plan_path)
    window = open_window(plan_path)
    facilitation, _writing = with_skills(window, ids["milestone"])
    prompt = window.feature(Growth).skill_prompt
    mark_done(window, ids["milestone"])
    dialog = levels_dialog(window)
    dialog.boxes[facilitation.id].setValue(5)
    steps = window.controller.undo_stack.count()
    qtbot.keyClick(dialog.boxes[facilitation.id], Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert window.plan.get(Skill, facilitation.id).level == 2
    assert window.plan.all(SkillStep) == [] and window.controller.undo_stack.count() == steps
    assert isinstance(window.feature(Growth).learn_prompt.dialog, NoteDialog)

    prompt.dialog = None
    window.controller.undo_stack.undo()  # not done any more
    window.controller.undo_stack.redo()  # done again, by redo: nobody is asked
    assert prompt.dialog is None
    # A milestone that picks no skill asks only what was learned.
    window.controller.run(set_milestone_skills(window.plan, ids["milestone"], []))
    window.controller.edit(Milestone, ids["milestone"], done_on=None)
    assert window.plan.where(MilestoneSkill, milestone_id=ids["milestone"]) == []
    window.controller.edit(Milestone, ids["milestone"], done_on=DONE.isoformat())
    assert prompt.dialog is None
