"""File ▸ Import team objectives on a Markdown or CSV document: the preview first (a tree
with tick boxes, what was skipped, team and cycle), then the import of what stayed ticked,
off the UI thread and outside the undo history, as a team file's import is."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import Cycle, KeyResult, Objective
from okrdesk.gui.features.team.feature import Team
from okrdesk.gui.features.team.files import TeamFileActions
from okrdesk.gui.features.team.import_preview import (
    TITLE,
    ImportPreviewDialog,
    initial_size,
    numbers_text,
)
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import QSize, Qt
from okrdesk.qt.widgets import QDialogButtonBox, QLabel
from okrdesk.services.okr_preview import PreviewKeyResult, preview_markdown
from tests.gui.helpers import recorded

DATA = Path(__file__).resolve().parents[2] / "data"
IPLD = DATA / "okr-docs" / "ipld-okrs.md"
GITLAB = DATA / "okr-plans" / "gitlab_fy21-q1.raw.txt"

Reports = list[tuple[str, list[str]]]


def open_preview(
    qtbot: QtBot, window: MainWindow, path: Path
) -> tuple[TeamFileActions, ImportPreviewDialog, Reports]:
    """Choose ``path`` in File ▸ Import team objectives and wait for the preview."""
    actions = window.feature(Team).files
    reports: Reports = []
    actions.ask_import_path = lambda: path
    actions.show_report = lambda _title, summary, details: reports.append((summary, details))
    actions.import_action.trigger()
    qtbot.waitUntil(lambda: actions.preview_dialog is not None)
    dialog = actions.preview_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    # Reading happened in the background; the window is usable again under the dialog.
    assert window.pages.isEnabled()
    return actions, dialog, reports


def untick(qtbot: QtBot, dialog: ImportPreviewDialog, key: str) -> None:
    """Go to the row of ``key`` and press Space, as a person with the keyboard does."""
    dialog.tree.setCurrentItem(dialog.items[key])
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Space)
    assert dialog.items[key].checkState(TITLE) == Qt.CheckState.Unchecked


def ticked(dialog: ImportPreviewDialog, key: str) -> bool:
    return dialog.items[key].checkState(TITLE) == Qt.CheckState.Checked


def test_preview_untick_choose_team_and_cycle_then_import(qtbot: QtBot, window: MainWindow) -> None:
    controller = window.controller
    q2 = controller.add(Cycle(name="2026-Q2", start=date(2026, 4, 1), end=date(2026, 6, 30)))
    assert controller.undo_stack.count() == 1
    _actions, dialog, reports = open_preview(qtbot, window, IPLD)
    preview = dialog.preview
    # Everything the document holds is shown, ticked; the skipped passages are listed.
    assert dialog.tree.topLevelItemCount() == 3
    assert all(ticked(dialog, key) for key in dialog.items)
    assert len(dialog.items) == 3 + 15
    assert dialog.skipped.count() == 3
    assert dialog.skipped.item(1).text() == "line 7: a quote, not an objective: “Work in Progress”"
    summary = dialog.findChild(QLabel, "previewSummary")
    assert isinstance(summary, QLabel) and summary.text() == preview.summary()
    assert dialog.tree.hasFocus()
    # Unticking an objective unticks its key results; one key result of another goes too.
    untick(qtbot, dialog, "o1")
    assert not ticked(dialog, "o1.k0") and not ticked(dialog, "o1.k1")
    untick(qtbot, dialog, "o2.k7")
    assert dialog.counts.text() == "2 of 3 objectives, 12 of 15 key results ticked"
    qtbot.keyClicks(dialog.team_edit, "IPLD team")
    dialog.cycle_box.setCurrentIndex(dialog.cycle_box.findData("2026-Q2"))
    assert dialog.items["o0"].text(2) == "2026-Q2"
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(reports))

    objectives = window.plan.all(Objective)
    assert sorted(o.title for o in objectives) == [
        "Design and implement GraphSync, to improve performance of Apps",
        "Implement updated IPLD Format spec",
    ]
    # The team owns what names no owner; everything went into the cycle chosen, no new one.
    assert {o.owner for o in objectives} == {"IPLD team"}
    assert {o.cycle_id for o in objectives} == {q2.id}
    assert [c.name for c in window.plan.all(Cycle)] == ["2026-Q2"]
    key_results = window.plan.all(KeyResult)
    assert len(key_results) == 12
    assert "GraphSync learns to distribute IPLD Selectors (full)" not in {
        kr.title for kr in key_results
    }
    assert reports[0][0].startswith("Read 2 objectives and 12 key results")
    # As for every team import: locked items, shown in the tree; the history starts again.
    assert all(o.locked for o in objectives)
    assert window.tree.select_node(objectives[0].id)
    assert controller.undo_stack.count() == 0 and not window.undo_action.isEnabled()
    assert window.pages.isEnabled() and not recorded(window).errors


def test_a_nested_objective_left_out_keeps_what_is_under_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    _actions, dialog, reports = open_preview(qtbot, window, GITLAB)
    assert dialog.preview.objectives[1].title == "Build strong FY21 pipeline."
    untick(qtbot, dialog, "o1")
    # The objectives nested under it stay ticked: they are aligned one level up.
    assert ticked(dialog, "o2")
    assert dialog.cycle_box.currentData() is None  # as the document says
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Return)  # Enter imports, wherever the focus is
    qtbot.waitUntil(lambda: bool(reports))
    plan = window.plan
    objectives = plan.all(Objective)
    assert len(objectives) == 137 and len(plan.all(KeyResult)) == 336 - 2
    by_title = {o.title: o for o in objectives}
    assert "Build strong FY21 pipeline." not in by_title
    instrument = by_title["Instrument systems and programs to intended targets."]
    assert instrument.aligned_to_id == by_title["IACV"].id
    assert [c.name for c in plan.all(Cycle)] == ["FY21-Q1"]


def test_cancel_or_escape_write_nothing(qtbot: QtBot, window: MainWindow) -> None:
    controller = window.controller
    controller.add(Cycle(name="2026-Q2", start=date(2026, 4, 1), end=date(2026, 6, 30)))
    actions, dialog, reports = open_preview(qtbot, window, IPLD)
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: actions.preview_dialog is None)
    actions, again, reports = open_preview(qtbot, window, IPLD)
    cancel = again.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: actions.preview_dialog is None)
    qtbot.wait(50)
    assert not reports and window.plan.all(Objective) == []
    assert controller.undo_stack.count() == 1


def test_import_needs_an_objective_and_a_key_result_brings_its_objective_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    _actions, dialog, _reports = open_preview(qtbot, window, IPLD)
    dialog.tick_all(False)
    assert not any(ticked(dialog, key) for key in dialog.items)
    assert not dialog.import_button.isEnabled()
    assert dialog.counts.text() == "0 of 3 objectives, 0 of 15 key results ticked"
    # Ticking a key result ticks its objective (a key result cannot come alone) and no more.
    dialog.tree.setCurrentItem(dialog.items["o2.k3"])
    qtbot.keyClick(dialog.tree, Qt.Key.Key_Space)
    assert ticked(dialog, "o2") and not ticked(dialog, "o2.k0")
    assert dialog.import_button.isEnabled()
    assert dialog.choices().excluded == frozenset(dialog.items) - {"o2", "o2.k3"}
    dialog.reject()


def test_the_preview_fits_a_small_screen_without_scrolling_sideways(
    qtbot: QtBot, window: MainWindow
) -> None:
    _actions, dialog, _reports = open_preview(qtbot, window, GITLAB)
    for screen in (QSize(1024, 640), QSize(1366, 768)):
        size = initial_size(screen)
        assert size.width() <= screen.width() and size.height() <= screen.height() - 60
        dialog.resize(size)
        qtbot.waitUntil(lambda s=size: dialog.size() == s)
        assert dialog.minimumSizeHint().width() <= size.width()
        assert dialog.minimumSizeHint().height() <= size.height()
        tree = dialog.tree
        assert not tree.horizontalScrollBar().isVisible()
        assert tree.header().length() <= tree.viewport().width()
        # The titles keep most of the width; columns the document leaves empty are hidden.
        assert tree.columnWidth(TITLE) > tree.viewport().width() // 2
        assert tree.isColumnHidden(3)  # no grades in this document
    dialog.reject()


def test_document_text_is_shown_as_text(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    path = tmp_path / "<i>Team.md"
    # Escaped in the Markdown, so the text itself holds the angle brackets.
    path.write_text(
        "# \\<i\\>Team\\</i\\> OKRs\n\n## 2026 Q3\n\n"
        "### Objective: Ship \\<b\\>bold\\</b\\> & fast\n\n"
        "- KR: Raise conversion from 4% to 10%\n",
        encoding="utf-8",
    )
    _actions, dialog, _reports = open_preview(qtbot, window, path)
    item = dialog.items["o0"]
    assert item.text(TITLE) == "Ship <b>bold</b> & fast"
    assert item.toolTip(TITLE) == "<p>Ship &lt;b&gt;bold&lt;/b&gt; &amp; fast</p>"
    assert dialog.items["o0.k0"].text(2) == "4 → 10 %"
    # The labels that show the document's words show them as plain text.
    shown = [label for label in dialog.findChildren(QLabel) if "<i>Team" in label.text()]
    assert [label.text() for label in shown] == ["<i>Team</i> OKRs", dialog.preview.summary()]
    assert {label.textFormat() for label in shown} == {Qt.TextFormat.PlainText}
    dialog.reject()


def test_a_document_that_is_none_is_refused_before_any_preview(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    path = tmp_path / "notes.md"
    path.write_text("Just some notes, nothing to import.\n", encoding="utf-8")
    actions = window.feature(Team).files
    actions.ask_import_path = lambda: path
    actions.import_action.trigger()
    qtbot.waitUntil(lambda: bool(recorded(window).errors))
    assert recorded(window).errors[-1] == (
        "Found no objectives in notes.md. Not understood: line 1: prose: "
        "“Just some notes, nothing to import.” Nothing was written."
    )
    assert actions.preview_dialog is None and window.pages.isEnabled()


@pytest.mark.parametrize(
    ("baseline", "target", "unit", "shown"),
    [(None, None, "", ""), (None, 95.0, "%", "→ 95 %"), (30.0, 45.0, "", "30 → 45")],
)
def test_numbers_of_a_key_result(
    baseline: float | None, target: float | None, unit: str, shown: str
) -> None:
    kr = PreviewKeyResult("o0.k0", 1, "x", "", "", "", None, baseline, target, unit)
    assert numbers_text(kr) == shown


def test_the_preview_matches_the_service(qtbot: QtBot, window: MainWindow) -> None:
    """Each row is one objective or key result of the preview, nested as in the document."""
    _actions, dialog, _reports = open_preview(qtbot, window, GITLAB)
    preview = preview_markdown(GITLAB)
    assert len(dialog.items) == len(preview.objectives) + preview.key_result_count
    for objective in preview.objectives:
        item = dialog.items[objective.key]
        parent = item.parent()
        expected_parent = None if objective.parent is None else dialog.items[objective.parent]
        assert parent is expected_parent
        assert [item.child(i).text(TITLE) for i in range(len(objective.key_results))] == [
            kr.text for kr in objective.key_results
        ]
    dialog.reject()


def test_tab_goes_from_the_tree_to_the_team_and_cycle_then_import(
    qtbot: QtBot, window: MainWindow
) -> None:
    _actions, dialog, _reports = open_preview(qtbot, window, IPLD)
    assert dialog.tree.hasFocus()
    seen = []
    for _ in range(5):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        seen.append(dialog.focusWidget())
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert seen == [
        dialog.skipped,
        dialog.team_edit,
        dialog.cycle_box,
        dialog.import_button,
        cancel,
    ]
    dialog.reject()
