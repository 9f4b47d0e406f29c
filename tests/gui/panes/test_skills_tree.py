"""The skills framework in the window: the Skills branch of the tree, adding, renaming,
moving and deleting skills like every item, and the skill's form, whose level goes
through ``services.skills.level_moved`` as one undo step."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import CheckIn, KeyResult, Objective, Skill, SkillStep
from okrdesk.domain.enums import ObjectiveKind
from okrdesk.gui.features.items import Items
from okrdesk.gui.panes.fields import LevelField
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.widgets import QComboBox
from okrdesk.services.outline import Branch, NodeKind, build_outline
from tests.builders import small_plan
from tests.gui.helpers import OpenWindow, current, field, rename_in_place, text_area, type_into

TODAY = date(2026, 3, 2)


def skills_shown(window: MainWindow) -> list[tuple[str, str]]:
    nodes = window.tree.source.outline.child_nodes(Branch.SKILLS.value)
    return [(n.title, n.state) for n in nodes]


def same_as_a_rebuild(window: MainWindow) -> bool:
    fresh = build_outline(window.plan, window.controller.cycle_id)
    outline = window.tree.source.outline
    return outline.nodes == fresh.nodes and dict(outline.children) == dict(fresh.children)


def test_skills_are_added_renamed_moved_deleted_and_undone_in_the_tree(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    small_plan(plan_path)
    window = open_window(plan_path)
    items = window.feature(Items)
    assert window.tree.source.outline.nodes[Branch.SKILLS.value].title == "Skills"
    assert items.action("add_skill") in window.tree.context_actions

    items.action("add_skill").trigger()  # Edit ▸ Add ▸ Skill
    assert current(window).kind is NodeKind.SKILL
    rename_in_place(qtbot, window, "Facilitation")
    first = current(window).id
    # From the branch's context menu: add child on the Skills branch makes a skill too.
    window.tree.select_node(Branch.SKILLS.value)
    assert items.action("add_child").isEnabled()
    items.action("add_child").trigger()
    rename_in_place(qtbot, window, "Writing")
    assert skills_shown(window) == [("Facilitation", "level 1"), ("Writing", "level 1")]
    assert same_as_a_rebuild(window)

    items.move_current(-1)
    assert [t for t, _ in skills_shown(window)] == ["Writing", "Facilitation"]
    assert same_as_a_rebuild(window)
    window.tree.select_node(first)
    assert items.delete_current()
    assert [t for t, _ in skills_shown(window)] == ["Writing"]
    assert same_as_a_rebuild(window)

    window.undo_action.trigger()  # the delete
    window.undo_action.trigger()  # the move
    assert [t for t, _ in skills_shown(window)] == ["Facilitation", "Writing"]
    assert same_as_a_rebuild(window)
    window.undo_action.trigger()  # the rename
    assert [t for t, _ in skills_shown(window)] == ["Facilitation", "New skill"]
    assert same_as_a_rebuild(window)


def level_box(window: MainWindow, name: str = "level") -> QComboBox:
    editor = window.editor.forms[Skill].editors[name]
    assert isinstance(editor, LevelField)
    combo = editor.focus_widget()
    assert isinstance(combo, QComboBox)
    return combo


def choose(combo: QComboBox, level: int | None) -> None:
    combo.setCurrentIndex(combo.findData(None if level is None else str(level)))
    combo.activated.emit(combo.currentIndex())


def test_the_skill_form_saves_its_fields_and_a_level_through_level_moved(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    small_plan(plan_path)
    window = open_window(plan_path)
    window.clock = lambda: TODAY
    plan = window.plan
    skill = window.controller.add(Skill(name="Facilitation", level=2))
    objective = window.controller.add(
        Objective(title="Grow as a facilitator", kind=ObjectiveKind.DEVELOPMENT)
    )
    kr = window.controller.add(
        KeyResult(
            objective_id=objective.id, title="Level 4", baseline=2, target=4, skill_id=skill.id
        )
    )
    window.tree.select_node(skill.id)
    type_into(qtbot, field(window, "group"), "People")
    meanings = text_area(window, "meanings")
    assert "one line per level" in meanings.placeholderText().lower()
    meanings.setFocus()
    meanings.setPlainText("I watch\nI help\nI run one alone\nI teach it\nI shape it")
    window.tree.setFocus()  # leaving the field commits it
    qtbot.waitUntil(lambda: plan.get(Skill, skill.id).meanings.startswith("I watch"))
    # Each level reads with its meaning.
    assert level_box(window).itemText(level_box(window).findData("3")) == "3 — I run one alone"
    choose(level_box(window, "aim"), 4)
    assert plan.get(Skill, skill.id).aim == 4
    assert current(window).state == "2 → 4 aimed · People"

    steps_before = window.controller.undo_stack.count()
    choose(level_box(window), 3)
    assert plan.get(Skill, skill.id).level == 3
    (step,) = plan.all(SkillStep)
    assert (step.date, step.previous, step.level, step.milestone_id) == (TODAY, 2, 3, None)
    (check_in,) = plan.where(CheckIn, key_result_id=kr.id)
    assert (check_in.date, check_in.value) == (TODAY, 3.0)
    assert window.controller.undo_stack.count() == steps_before + 1
    assert current(window).state == "3 → 4 aimed · People"
    assert same_as_a_rebuild(window)
    # Choosing the level it has already is no step at all.
    choose(level_box(window), 3)
    assert window.controller.undo_stack.count() == steps_before + 1

    window.undo_action.trigger()
    assert plan.get(Skill, skill.id).level == 2
    assert plan.all(SkillStep) == [] and plan.where(CheckIn, key_result_id=kr.id) == []
    assert level_box(window).currentData() == "2"
    assert same_as_a_rebuild(window)
    window.redo_action.trigger()
    assert plan.get(Skill, skill.id).level == 3 and len(plan.all(SkillStep)) == 1
