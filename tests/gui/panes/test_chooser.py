"""The objective chooser over a real company's OKRs (GitLab FY21-Q1, 138 objectives):
grouped by team and cycle, duplicates told apart, filtered by typing, chosen with the
keyboard, and each choice one undoable edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import Cycle, MissionLink, Objective
from okrdesk.domain.enums import Level
from okrdesk.gui.panes.chooser import (
    ChooserDialog,
    Group,
    ObjectiveChooser,
    build_groups,
    plan_groups,
)
from okrdesk.gui.panes.fields import ObjectiveField
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import Qt
from okrdesk.services.okr_import import import_markdown
from okrdesk.services.plan import PlanService
from tests.builders import small_plan
from tests.gui.helpers import OpenWindow

GITLAB = Path(__file__).parents[2] / "data" / "okr-plans" / "gitlab_fy21-q1.raw.txt"
BIFROST = Path(__file__).parents[2] / "data" / "okr-plans" / "ipfs_bifrost_2019-q4.raw.txt"


@pytest.fixture
def team_plan(plan_path: Path) -> dict[str, str]:
    """The small plan with GitLab's company OKRs and the IPFS Bifrost team's imported."""
    ids = small_plan(plan_path)
    plan = PlanService.open(plan_path)
    import_markdown(plan, GITLAB)
    import_markdown(plan, BIFROST, team="Bifrost")
    plan.close()
    return ids


def by_title(plan: PlanService, title: str) -> list[Objective]:
    return [o for o in plan.all(Objective) if o.title == title]


def field_of(window: MainWindow) -> ObjectiveField:
    form = window.editor.form
    assert form is not None
    editor = form.editors["aligned_to_id"]
    assert isinstance(editor, ObjectiveField)
    return editor


def test_choices_are_grouped_by_team_then_cycle(plan_path: Path, team_plan: dict[str, str]) -> None:
    plan = PlanService.open(plan_path)
    groups = plan_groups(plan, team_only=True)
    assert [g.title for g in groups] == [
        "Bifrost",
        "gitlab_fy21-q1.raw.txt",
        "Entered in this plan",
    ]
    assert [c.title for c in groups[1].children] == ["FY21-Q1"]
    assert [c.title for c in groups[0].children] == ["2019-Q4"]
    gitlab = list(groups[1].choices())
    assert len(gitlab) == 138
    # Nested objectives name the one they are part of; the top ones none.
    iacv = next(c for c in gitlab if c.title == "IACV")
    assert (iacv.owner, iacv.parent) == ("CEO", "")
    pipeline = next(c for c in gitlab if c.title == "Build strong FY21 pipeline.")
    assert (pipeline.owner, pipeline.parent) == ("CRO", "IACV")
    # Team-only leaves the person's own objectives out; "Team goal" was entered by hand.
    assert [c.title for c in groups[2].choices()] == ["Team goal"]
    plan.close()


def test_duplicate_titles_read_apart(plan_path: Path, team_plan: dict[str, str]) -> None:
    plan = PlanService.open(plan_path)
    choices = list(plan_groups(plan, team_only=True)[1].choices())
    hiring = [c for c in choices if c.title.startswith("Accomplish Q1 hiring goals")]
    assert len(hiring) == 4
    # Title, owner and parent together tell every one of them apart.
    assert len({(c.title, c.owner, c.parent) for c in hiring}) == 4
    plan.close()


def test_rows_that_would_read_the_same_are_numbered(plan: PlanService) -> None:
    objectives = [
        Objective(id=f"o{n}", title="Hire well", owner="CFO", level=Level.TEAM) for n in (1, 2, 3)
    ]
    (team,) = build_groups(objectives, [], team_only=True)
    (no_cycle,) = team.children
    assert isinstance(no_cycle, Group) and no_cycle.title == "No cycle"
    assert [c.title for c in team.choices()] == ["Hire well", "Hire well (2)", "Hire well (3)"]


def test_an_objective_cannot_be_aligned_to_itself_or_below_itself() -> None:
    top = Objective(id="top", title="Top", level=Level.TEAM)
    middle = Objective(id="mid", title="Middle", aligned_to_id="top")
    bottom = Objective(id="low", title="Bottom", aligned_to_id="mid")
    other = Objective(id="other", title="Other")
    archived = Objective(id="old", title="Old", archived=True)
    groups = build_groups(
        [top, middle, bottom, other, archived], [], team_only=False, exclude="mid"
    )
    assert [c.id for g in groups for c in g.choices()] == ["top", "other"]
    # The current choice stays even when archived.
    kept = build_groups([other, archived], [], team_only=False, keep=frozenset({"old"}))
    assert [(c.id, c.archived) for g in kept for c in g.choices()] == [
        ("other", False),
        ("old", True),
    ]


def test_the_model_passes_qt_model_checks(
    qtbot: QtBot, qtmodeltester: ModelTester, plan_path: Path, team_plan: dict[str, str]
) -> None:
    plan = PlanService.open(plan_path)
    chooser = ObjectiveChooser(checkable=True)
    qtbot.addWidget(chooser)
    chooser.set_groups(plan_groups(plan, team_only=False))
    chooser.set_checked({plan.all(Objective)[5].id})
    qtmodeltester.check(chooser.model)
    chooser.filter.setText("hiring")
    qtmodeltester.check(chooser.proxy)
    plan.close()


def test_typing_filters_by_title_owner_and_team(
    qtbot: QtBot, plan_path: Path, team_plan: dict[str, str]
) -> None:
    plan = PlanService.open(plan_path)
    chooser = ObjectiveChooser()
    qtbot.addWidget(chooser)
    chooser.set_groups(plan_groups(plan, team_only=True))
    assert len(chooser.visible_ids()) == 138 + 5 + 1
    assert chooser.count.text() == "144 objectives"
    # Words in any order, from the title and the owner.
    qtbot.keyClicks(chooser.filter, "hiring recruiting")
    titles = [plan.get(Objective, i).title for i in chooser.visible_ids()]
    assert len(titles) == 1
    assert titles[0].startswith("Deliver on the ambitious hiring plan, in partnership")
    assert chooser.count.text() == "1 of 144 objectives match"
    chooser.filter.clear()
    qtbot.keyClicks(chooser.filter, "bifrost")
    assert len(chooser.visible_ids()) == 5
    # The first match is the current row at once: Enter would take it.
    assert chooser.current_id() == chooser.visible_ids()[0]
    plan.close()


def test_aligned_to_is_chosen_with_the_keyboard_as_one_undoable_edit(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, team_plan: dict[str, str]
) -> None:
    window = open_window(plan_path)
    window.tree.select_node(team_plan["speed"])
    field = field_of(window)
    assert field.button.text() == "(none)"
    seen: list[ChooserDialog] = []

    def ask(dialog: ChooserDialog) -> tuple[bool, str | None]:
        seen.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        chooser = dialog.chooser
        # The filter line has the focus: typing filters at once.
        assert dialog.focusWidget() is chooser.filter
        qtbot.keyClicks(chooser.filter, "hiring goals")
        assert len(chooser.visible_ids()) == 4
        qtbot.keyClick(chooser.filter, Qt.Key.Key_Down)
        qtbot.keyClick(chooser.filter, Qt.Key.Key_Down)
        qtbot.keyClick(chooser.filter, Qt.Key.Key_Return)
        return dialog.result() == ChooserDialog.DialogCode.Accepted, dialog.chosen_id

    field.ask = ask
    steps = window.controller.undo_stack.count()
    qtbot.mouseClick(field.button, Qt.MouseButton.LeftButton)
    (dialog,) = seen
    third = dialog.chooser.visible_ids()[2]
    plan = window.plan
    assert plan.get(Objective, team_plan["speed"]).aligned_to_id == third
    chosen = plan.get(Objective, third)
    assert field_of(window).button.text().startswith("Accomplish Q1 hiring goals")
    assert chosen.owner in field_of(window).button.toolTip()
    assert window.controller.undo_stack.count() == steps + 1
    window.undo_action.trigger()
    assert plan.get(Objective, team_plan["speed"]).aligned_to_id is None
    assert field_of(window).button.text() == "(none)"


def test_escape_cancels_and_no_alignment_clears(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, team_plan: dict[str, str]
) -> None:
    stored = PlanService.open(plan_path)
    iacv = by_title(stored, "IACV")[0]
    stored.update(Objective, team_plan["speed"], aligned_to_id=iacv.id)
    stored.close()
    window = open_window(plan_path)
    plan = window.plan
    window.tree.select_node(team_plan["speed"])
    field = field_of(window)
    assert field.button.text() == "IACV — CEO"

    def escape(dialog: ChooserDialog) -> tuple[bool, str | None]:
        dialog.show()
        qtbot.waitExposed(dialog)
        # The current alignment is the current row.
        assert dialog.chooser.current_id() == iacv.id
        qtbot.keyClicks(dialog.chooser.filter, "pipeline")
        qtbot.keyClick(dialog.chooser.filter, Qt.Key.Key_Escape)  # clears the filter
        assert dialog.isVisible() and dialog.chooser.filter.text() == ""
        qtbot.keyClick(dialog.chooser.filter, Qt.Key.Key_Escape)  # cancels
        assert not dialog.isVisible()
        return dialog.result() == ChooserDialog.DialogCode.Accepted, dialog.chosen_id

    field.ask = escape
    steps = window.controller.undo_stack.count()
    field.choose()
    assert plan.get(Objective, team_plan["speed"]).aligned_to_id == iacv.id
    assert window.controller.undo_stack.count() == steps

    def no_alignment(dialog: ChooserDialog) -> tuple[bool, str | None]:
        dialog.show()
        dialog.none_button.click()
        return dialog.result() == ChooserDialog.DialogCode.Accepted, dialog.chosen_id

    field.ask = no_alignment
    field.choose()
    assert plan.get(Objective, team_plan["speed"]).aligned_to_id is None
    window.undo_action.trigger()
    assert plan.get(Objective, team_plan["speed"]).aligned_to_id == iacv.id


@pytest.mark.parametrize(("width", "height"), [(1024, 640), (1366, 768)])
def test_the_chooser_dialog_fits_the_screen(
    qtbot: QtBot, plan_path: Path, team_plan: dict[str, str], width: int, height: int
) -> None:
    plan = PlanService.open(plan_path)
    dialog = ChooserDialog("Aligned to", plan_groups(plan, team_only=False), None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.width() <= width - 40 and dialog.height() <= height - 60
    # Three columns, nothing to scroll sideways.
    assert not dialog.chooser.view.isColumnHidden(1)
    assert not dialog.chooser.view.horizontalScrollBar().isVisible()
    plan.close()


def test_serves_team_objectives_keeps_the_filter_after_a_tick(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, team_plan: dict[str, str]
) -> None:
    window = open_window(plan_path)
    window.tree.select_node(team_plan["care"])
    form = window.editor.form
    assert form is not None and form.links is not None
    chooser = form.links
    # In the form's narrow column: one column, the owner after the title.
    assert chooser.view.isColumnHidden(1)
    qtbot.keyClicks(chooser.filter, "channel CRO")
    (launch,) = chooser.visible_ids()
    assert chooser.model.index_of(launch).data() == "Launch New Channel Program · CRO"
    qtbot.keyClick(chooser.filter, Qt.Key.Key_Return)
    plan = window.plan
    links = plan.where(MissionLink, mission_id=team_plan["care"])
    assert [link.objective_id for link in links] == [launch]
    form = window.editor.form
    assert form is not None and form.links is chooser
    assert chooser.filter.text() == "channel CRO" and chooser.visible_ids() == [launch]
    assert "1 ticked" in chooser.count.text()
    # Enter again unticks: one more undoable step.
    qtbot.keyClick(chooser.filter, Qt.Key.Key_Return)
    assert plan.where(MissionLink, mission_id=team_plan["care"]) == []
    window.undo_action.trigger()
    assert len(plan.where(MissionLink, mission_id=team_plan["care"])) == 1


def test_a_cycle_group_is_named_by_the_cycle(plan: PlanService) -> None:
    cycle = plan.create(Cycle, name="2026 Q3", start="2026-07-01", end="2026-09-30")
    plan.create(Objective, title="Ship", level="team", cycle_id=cycle.id)
    (team,) = plan_groups(plan, team_only=True)
    assert [g.title for g in team.children] == ["2026 Q3"]
