"""File ▸ Export objectives as CSV… and as Markdown…, through the File menu."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import Cycle, KeyResult, Objective
from okrdesk.gui.features.exports import ExportFormat, Exports
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.gui import QAction
from okrdesk.services.changes import PlanChanges
from okrdesk.services.okr_preview import preview_markdown
from tests.gui.helpers import recorded


def file_menu_action(window: MainWindow, name: str) -> QAction:
    found = [a for a in window.menus["file"].actions() if a.objectName() == f"export_{name}Action"]
    assert len(found) == 1, name
    return found[0]


def two_cycles(window: MainWindow) -> tuple[Cycle, Cycle]:
    plan = window.plan
    q1 = plan.create(Cycle, name="2026-Q1", start=date(2026, 1, 1), end=date(2026, 3, 31))
    q2 = plan.create(Cycle, name="2026-Q2", start=date(2026, 4, 1), end=date(2026, 6, 30))
    blog = plan.create(Objective, title="Grow the blog", owner="Ana", cycle_id=q2.id)
    plan.create(KeyResult, objective_id=blog.id, title="=Weekly readers", baseline=300, target=450)
    plan.create(KeyResult, objective_id=blog.id, title="Publish a style guide")
    plan.create(Objective, title="Old goal", cycle_id=q1.id)
    window.controller.announce(PlanChanges.all())
    return q1, q2


def answer_with(window: MainWindow, path: Path) -> list[str]:
    asked: list[str] = []

    def ask(fmt: ExportFormat) -> Path:
        asked.append(fmt.name)
        return path

    window.feature(Exports).ask_path = ask
    return asked


def test_export_csv_of_the_cycle_shown(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    _q1, q2 = two_cycles(window)
    window.choose_cycle(q2.id)
    out = tmp_path / "okrs.csv"
    out.write_text("an older export\n", encoding="utf-8")  # the save dialog said replace it
    asked = answer_with(window, out)
    file_menu_action(window, "csv").trigger()
    qtbot.waitUntil(lambda: window.pages.isEnabled() and "Weekly" in out.read_text("utf-8"))
    assert asked == ["csv"]
    rows = list(csv.DictReader(out.read_text("utf-8").splitlines()))
    assert [(r["objective"], r["key result"], r["cycle"]) for r in rows] == [
        ("Grow the blog", "'=Weekly readers", "2026-Q2"),
        ("Grow the blog", "Publish a style guide", "2026-Q2"),
    ]
    assert rows[0]["baseline"] == "300" and rows[0]["target"] == "450"
    assert "Exported 1 objectives and 2 key results" in window.statusBar().currentMessage()
    assert not recorded(window).errors


def test_export_markdown_of_all_cycles_reads_back(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    two_cycles(window)
    window.choose_cycle(None)
    out = tmp_path / "okrs.md"
    answer_with(window, out)
    file_menu_action(window, "markdown").trigger()
    qtbot.waitUntil(lambda: window.pages.isEnabled() and out.exists())
    preview = preview_markdown(out)
    assert [(o.title, o.owner, o.cycle) for o in preview.objectives] == [
        ("Old goal", "", "2026-Q1"),
        ("Grow the blog", "Ana", "2026-Q2"),
    ]
    assert [kr.text for kr in preview.objectives[1].key_results] == [
        "=Weekly readers",
        "Publish a style guide",
    ]


def test_an_export_onto_the_open_plan_is_refused(qtbot: QtBot, window: MainWindow) -> None:
    two_cycles(window)
    before = window.plan.path.read_bytes()
    answer_with(window, window.plan.path)
    file_menu_action(window, "csv").trigger()
    qtbot.waitUntil(lambda: bool(recorded(window).errors))
    assert recorded(window).errors == [
        f"{window.plan.path.name} is the open plan's own file; an export never replaces it. "
        "Choose another name: nothing was written."
    ]
    assert window.plan.path.read_bytes() == before and window.pages.isEnabled()
    assert len(window.plan.all(Objective)) == 2


def test_cancelling_the_save_dialog_writes_nothing(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    window.feature(Exports).ask_path = lambda _fmt: None
    file_menu_action(window, "markdown").trigger()
    qtbot.wait(50)
    assert list(tmp_path.glob("*.md")) == [] and window.pages.isEnabled()
