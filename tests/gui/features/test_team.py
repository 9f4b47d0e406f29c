"""Team objectives in the window: the lock banner, the contributors panel, the alignment
view, copy to next cycle and the team file actions."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import Cycle, KeyResult, Mission, MissionLink, Objective
from okrdesk.gui.features.team.feature import Team
from okrdesk.gui.features.team.files import ColumnMapDialog
from okrdesk.gui.features.team.next_cycle import NextCycleDialog
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import QPoint, Qt
from okrdesk.qt.widgets import QDialogButtonBox, QPushButton, QWidget
from okrdesk.services.changes import PlanChanges
from okrdesk.services.team import import_team
from tests.gui.helpers import current, recorded


def team_file(tmp_path: Path) -> Path:
    path = tmp_path / "team.json"
    path.write_text(
        json.dumps(
            {
                "format": "okrdesk-team",
                "version": 1,
                "origin": "manager-plan",
                "team": "Platform",
                "cycles": [
                    {"id": "q1", "name": "2026 Q1", "start": "2026-01-01", "end": "2026-03-31"}
                ],
                "objectives": [
                    {
                        "id": "team-1",
                        "title": "Nobody waits on us",
                        "level": "team",
                        "cycle_id": "q1",
                    }
                ],
                "key_results": [
                    {
                        "id": "kr-1",
                        "objective_id": "team-1",
                        "title": "p99 below 300 ms",
                        "target": 300,
                        "baseline": 900,
                        "direction": "decrease",
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    return path


def with_team(window: MainWindow, tmp_path: Path) -> None:
    import_team(window.plan, team_file(tmp_path))
    window.controller.announce(PlanChanges.all())


def banner_of(window: MainWindow) -> QWidget:
    found = window.editor.stack.currentWidget().findChild(QWidget, "teamLockBanner")
    assert found is not None
    return found


def test_team_objective_is_read_only_until_unlocked(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    with_team(window, tmp_path)
    assert window.tree.select_node("team-1")
    form = window.editor.forms[Objective]
    banner = banner_of(window)
    button = banner.findChild(QPushButton, "teamLockButton")
    assert isinstance(button, QPushButton)
    assert banner.isVisible() and button.text() == "Unlock to edit"
    assert not form.editors["title"].isEnabled()

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert not window.plan.get(Objective, "team-1").locked
    assert form.editors["title"].isEnabled() and button.text() == "Lock again"
    # Unlocking is one undoable step.
    window.controller.undo_stack.undo()
    assert window.plan.get(Objective, "team-1").locked
    assert not form.editors["title"].isEnabled()
    # A personal objective shows no banner and an editable form.
    mine = window.controller.add(Objective(title="Mine"))
    assert window.tree.select_node(mine.id)
    assert not banner.isVisible() and form.editors["title"].isEnabled()


def test_contributors_panel_lists_and_goes_to_them(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    with_team(window, tmp_path)
    mission = window.controller.add(Mission(title="Help my colleagues"))
    window.controller.add(MissionLink(mission_id=mission.id, objective_id="team-1"))
    aligned = window.controller.add(Objective(title="Write the guide", aligned_to_id="team-1"))
    assert window.tree.select_node("team-1")
    panel = window.feature(Team).contributors
    rows = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert rows == ["Help my colleagues  ·  serves it", "Write the guide  ·  aligned to it"]
    rect = panel.list.visualItemRect(panel.list.item(1))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert current(window).id == aligned.id


def test_alignment_view_click_selects_and_exports(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    with_team(window, tmp_path)
    mission = window.controller.add(Mission(title="Help my colleagues"))
    window.controller.add(MissionLink(mission_id=mission.id, objective_id="team-1"))
    cycle = window.plan.all(Cycle)[0]
    mine = window.controller.add(
        Objective(title="Write the guide", mission_id=mission.id, cycle_id=cycle.id)
    )
    window.controller.add(KeyResult(objective_id=mine.id, title="Guide has 10 readers", target=10))
    window.choose_cycle(cycle.id)
    window.feature(Team).alignment_action.trigger()
    view_window = window.feature(Team).alignment
    assert view_window is not None and view_window.isVisible()
    columns = [[n.title for n in column] for column in view_window.alignment.columns]
    assert columns == [
        [],
        ["Nobody waits on us"],
        ["Help my colleagues"],
        ["Write the guide"],
        ["Guide has 10 readers"],
    ]
    point = view_window.view.node_point(mission.id)
    qtbot.mouseClick(
        view_window.view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=QPoint(int(point.x()), int(point.y())),
    )
    assert current(window).id == mission.id
    for name in ("alignment.png", "alignment.svg"):
        out = tmp_path / name
        view_window.ask_export_path = lambda out=out: out
        assert view_window.export() == out
        assert out.stat().st_size > 1000
        assert out.stat().st_mode & 0o077 == 0  # the owner's alone
    assert (tmp_path / "alignment.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    view_window.close()


def test_copy_to_next_cycle_is_one_undoable_step(qtbot: QtBot, window: MainWindow) -> None:
    plan = window.plan
    q1 = plan.create(Cycle, name="2026 Q1", start="2026-01-01", end="2026-03-31")
    q2 = plan.create(Cycle, name="2026 Q2", start="2026-04-01", end="2026-06-30")
    objective = plan.create(Objective, title="Fast reports", cycle_id=q1.id)
    plan.create(
        KeyResult,
        objective_id=objective.id,
        title="Load time",
        baseline="9",
        target="2",
        direction="decrease",
    )
    window.controller.announce(PlanChanges.all(objective.id))
    dialog = NextCycleDialog(window.controller, [objective.id], window)
    qtbot.addWidget(dialog)
    assert dialog.cycle_box.currentData() == q2.id
    assert dialog.chosen_ids() == [objective.id]
    dialog.accept()
    assert dialog.copied is not None
    copy_id = dialog.copied.objectives[0].id
    assert plan.get(Objective, copy_id).cycle_id == q2.id
    assert len(plan.all(KeyResult)) == 2
    window.controller.undo_stack.undo()
    assert plan.find(Objective, copy_id) is None and len(plan.all(KeyResult)) == 1
    window.controller.undo_stack.redo()
    assert plan.get(Objective, copy_id).cycle_id == q2.id and len(plan.all(KeyResult)) == 2
    # Nothing chosen: the dialog says so and stays open.
    again = NextCycleDialog(window.controller, [], window)
    qtbot.addWidget(again)
    again.accept()
    assert again.copied is None and "at least one" in again.error.text()


def test_column_mapping_dialog_guesses_and_requires_the_key_fields(qtbot: QtBot) -> None:
    headers = ["Goal", "Measure", "DRI", "Quarter", "Goal value", "UoM"]
    from okrdesk.domain.okr_csv import guess_column_map

    dialog = ColumnMapDialog(headers, guess_column_map(headers), "odd.csv")
    qtbot.addWidget(dialog)
    assert dialog.column_map() == {
        "objective": "Goal",
        "key result": "Measure",
        "owner": "DRI",
        "cycle": "Quarter",
        "target": "Goal value",
        "unit": "UoM",
    }
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert ok.isEnabled()
    dialog.boxes["objective"].setCurrentIndex(0)
    assert not ok.isEnabled() and "objective" in dialog.error.text()


def test_import_a_csv_with_odd_headers_through_the_file_menu(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "odd.csv"
    path.write_text(
        "Goal,Measure,Quarter,Goal value\nDelight customers,NPS to 45,2026 Q2,45\n",
        encoding="utf-8",
    )
    actions = window.feature(Team).files
    asked: list[list[str]] = []
    reports: list[str] = []
    actions.ask_import_path = lambda: path
    actions.ask_column_map = lambda headers, guess, name: asked.append(headers) or guess
    actions.show_report = lambda title, summary, details: reports.append(summary)
    actions.import_action.trigger()
    # A CSV is previewed first, with the columns as mapped; Import writes it.
    qtbot.waitUntil(lambda: actions.preview_dialog is not None)
    preview = actions.preview_dialog
    assert preview is not None and preview.items["o0.k0"].text(0) == "NPS to 45"
    preview.import_button.click()
    qtbot.waitUntil(lambda: bool(reports))
    assert asked == [["Goal", "Measure", "Quarter", "Goal value"]]
    assert reports[0].startswith(
        "Read 1 objective and 1 key result (1 with a target) from odd.csv into 2026-Q2 (new): "
        "2 added"
    )
    (objective,) = window.plan.all(Objective)
    assert objective.locked and window.tree.select_node(objective.id)
    # A refused file: a clear message, nothing written.
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something else"}', encoding="utf-8")
    actions.ask_import_path = lambda: bad
    actions.import_action.trigger()
    qtbot.waitUntil(lambda: bool(recorded(window).errors))
    assert "not an okrdesk team file" in recorded(window).errors[-1]
    assert "Nothing was written" in recorded(window).errors[-1]


def test_export_team_objectives_through_the_file_menu(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    plan = window.plan
    q1 = plan.create(Cycle, name="2026 Q1", start="2026-01-01", end="2026-03-31")
    plan.create(Objective, title="Team goal", level="team", cycle_id=q1.id)
    window.controller.announce(PlanChanges.all())
    window.choose_cycle(q1.id)
    out = tmp_path / "out.json"
    actions = window.feature(Team).files
    actions.ask_export_path = lambda: out
    actions.export_action.trigger()
    qtbot.waitUntil(lambda: window.pages.isEnabled() and out.exists())
    document = json.loads(out.read_text(encoding="utf-8"))
    assert [o["title"] for o in document["objectives"]] == ["Team goal"]


def test_alignment_shortcut_is_unique(window: MainWindow) -> None:
    from okrdesk.qt.gui import QAction, QKeySequence

    mine = QKeySequence("Ctrl+Shift+A")
    users = [a.text() for a in window.findChildren(QAction) if mine in a.shortcuts()]
    assert users == ["&Alignment…"]


def test_the_tree_neither_renames_nor_moves_a_locked_team_item(
    window: MainWindow, tmp_path: Path
) -> None:
    with_team(window, tmp_path)
    refusals: list[str] = []
    window.tree.source.refused.connect(refusals.append)
    model = window.tree.source
    index = model.index_of("team-1")
    assert not model.setData(index, "Renamed behind the team's back")
    assert window.plan.get(Objective, "team-1").title == "Nobody waits on us"
    mission = window.controller.add(Mission(title="Mine"))
    data = model.mimeData([index])
    assert not model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, model.index_of(mission.id))
    assert window.plan.get(Objective, "team-1").mission_id is None
    assert len(refusals) == 2 and "unlock it in the editor" in refusals[0]
