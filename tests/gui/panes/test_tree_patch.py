"""Edits that reshape nothing patch the tree in place (fast on large plans); the result
must be what building it again would show."""

from __future__ import annotations

from datetime import date

from okrdesk.domain.entities import CheckIn, KeyResult, Mission, Objective, Skill
from okrdesk.gui.shell import MainWindow
from okrdesk.services.outline import build_outline


def test_field_edits_and_check_ins_patch_the_tree(window: MainWindow) -> None:
    controller = window.controller
    mission = controller.add(Mission(title="Mission"))
    objective = controller.add(Objective(title="Objective", mission_id=mission.id))
    kr = controller.add(KeyResult(title="KR", objective_id=objective.id, baseline=0, target=10))
    outline = window.tree.source.outline

    controller.edit(Mission, mission.id, title="Renamed mission")
    controller.add(CheckIn(key_result_id=kr.id, date=date(2026, 10, 1), value=5))
    assert window.tree.source.outline is outline  # patched, not rebuilt
    shown = window.tree.source.index_of(mission.id).data()
    assert shown == "Renamed mission"
    assert outline.nodes[objective.id].progress == 0.5
    assert outline.nodes == build_outline(window.plan).nodes

    controller.undo_stack.undo()  # the check-in
    assert outline.nodes[kr.id].progress is None  # no check-in (yet) again
    assert outline.nodes[objective.id].progress == 0.0
    assert outline.nodes == build_outline(window.plan).nodes

    controller.edit(Objective, objective.id, mission_id=None)  # reshapes: rebuilt
    assert window.tree.source.outline is not outline
    assert window.tree.source.outline.nodes == build_outline(window.plan).nodes


def test_patching_weighs_key_results_as_building_does(window: MainWindow) -> None:
    controller = window.controller
    mission = controller.add(Mission(title="Mission"))
    objective = controller.add(Objective(title="Objective", mission_id=mission.id))
    light = controller.add(KeyResult(title="Light", objective_id=objective.id, target=10))
    heavy = controller.add(
        KeyResult(title="Heavy", objective_id=objective.id, target=10, weight=3.0)
    )
    outline = window.tree.source.outline
    controller.add(CheckIn(key_result_id=heavy.id, date=date(2026, 10, 1), value=10))
    controller.edit(KeyResult, light.id, target="20")
    assert window.tree.source.outline is outline  # patched, not rebuilt
    assert outline.nodes[objective.id].progress == 0.75
    assert outline.nodes == build_outline(window.plan).nodes


def test_skills_added_renamed_and_removed_keep_the_tree_as_a_rebuild_would(
    window: MainWindow,
) -> None:
    controller = window.controller
    skill = controller.add(Skill(name="Facilitation", level=2))
    assert window.tree.source.outline.nodes == build_outline(window.plan).nodes
    outline = window.tree.source.outline
    controller.edit(Skill, skill.id, name="Running workshops", aim=4)
    assert window.tree.source.outline is outline  # patched, not rebuilt
    assert outline.nodes[skill.id].state == "2 → 4 aimed"
    assert outline.nodes == build_outline(window.plan).nodes
    controller.delete(Skill, skill.id)
    assert skill.id not in window.tree.source.outline.nodes
    assert window.tree.source.outline.nodes == build_outline(window.plan).nodes
    controller.undo_stack.undo()
    assert window.tree.source.outline.nodes == build_outline(window.plan).nodes
