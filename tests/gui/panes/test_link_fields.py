"""A form's link rows (issue 23): a mission's further stakeholders and values, a milestone's
and a note's skills, ticked in a filterable dialog; each OK one undo step."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import (
    GrowthNote,
    Milestone,
    Mission,
    MissionStakeholder,
    NoteSkill,
    Objective,
    PersonalValue,
    Skill,
    Stakeholder,
)
from okrdesk.gui.panes.link_chooser import LinkChoice, LinksDialog, LinksField
from okrdesk.qt.core import Qt
from okrdesk.services.missions import stakeholders_of, values_of
from okrdesk.services.plan import PlanService
from tests.gui.helpers import OpenWindow


def a_plan(path: Path) -> dict[str, str]:
    plan = PlanService.open(path)
    shops = plan.add(Stakeholder(name="Small shops"))
    town = plan.add(Stakeholder(name="The town"))
    plan.add(Stakeholder(name="Suppliers"))
    mission = plan.add(Mission(title="Help small shops last", stakeholder_id=shops.id))
    thrift = plan.add(PersonalValue(name="Thrift"))
    objective = plan.add(Objective(title="Ten shops online", mission_id=mission.id))
    milestone = plan.add(Milestone(objective_id=objective.id, title="First shop live"))
    note = plan.add(GrowthNote(milestone_id=milestone.id, date=date(2026, 5, 1), text="Listen"))
    skill = plan.add(Skill(name="Facilitation", group="People"))
    plan.close()
    return {
        "mission": mission.id,
        "town": town.id,
        "thrift": thrift.id,
        "note": note.id,
        "skill": skill.id,
        "shops": shops.id,
    }


def answer(field: LinksField, pick: list[str] | None, seen: list[list[str]]) -> None:
    """Answer the field's dialog with ``pick`` (None: Cancel), noting what it offered."""

    def ask(dialog: LinksDialog) -> list[str] | None:
        seen.append([dialog.list.item(r).text() for r in range(dialog.list.count())])
        return pick

    field.ask = ask


def test_a_mission_gets_further_stakeholders_and_values_in_one_step_each(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    ids = a_plan(plan_path)
    window = open_window(plan_path)
    assert window.reveal(ids["mission"])
    form = window.editor.form
    assert form is not None
    also = form.link_fields["also_serves"]
    offered: list[list[str]] = []
    answer(also, [ids["town"]], offered)
    also.choose()
    # The primary stakeholder is no choice for a further one.
    assert "Small shops" not in offered[0] and "The town" in offered[0]
    mission = window.plan.get(Mission, ids["mission"])
    assert [s.name for s in stakeholders_of(window.plan, mission)] == ["Small shops", "The town"]
    assert also.summary.toolTip() == "The town"

    values = form.link_fields["values"]
    answer(values, [ids["thrift"]], offered)
    values.choose()
    assert [v.name for v in values_of(window.plan, mission)] == ["Thrift"]

    window.controller.undo_stack.undo()
    assert values_of(window.plan, mission) == []
    window.controller.undo_stack.undo()
    assert window.plan.all(MissionStakeholder) == []
    assert also.summary.toolTip() == "(none)"


def test_cancel_changes_nothing_and_a_note_is_tagged_with_a_skill(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    ids = a_plan(plan_path)
    window = open_window(plan_path)
    assert window.reveal(ids["note"])
    form = window.editor.form
    assert form is not None
    skills = form.link_fields["skills"]
    offered: list[list[str]] = []
    answer(skills, None, offered)
    skills.choose()
    assert offered == [["Facilitation — People"]]
    assert window.plan.all(NoteSkill) == []
    answer(skills, [ids["skill"]], offered)
    skills.choose()
    assert [t.skill_id for t in window.plan.all(NoteSkill)] == [ids["skill"]]


def test_the_dialog_filters_and_keeps_the_order_chosen(qtbot: QtBot) -> None:
    choices = [LinkChoice("a", "Alpha"), LinkChoice("b", "Beta", "Greek"), LinkChoice("c", "Gamma")]
    dialog = LinksDialog("Pick", choices, ["c"], "none", None)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.filter, "greek")
    assert [dialog.list.item(r).isHidden() for r in range(3)] == [True, False, True]
    dialog.list.item(0).setCheckState(Qt.CheckState.Checked)
    assert dialog.ticked() == ["c", "a"]
