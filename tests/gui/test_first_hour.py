"""A newcomer's first hour, walked through the window as they would (issue 17): a new plan,
their name, a mission, an objective, three key results, a check-in, a milestone and a
growth note, a company's objectives imported, a mission serving one of them, the alignment
view, a one-on-one, review mode and the PDF. Each step checks what the person sees."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import (
    CheckIn,
    Cycle,
    GrowthNote,
    KeyResult,
    Meeting,
    Milestone,
    Mission,
    MissionLink,
    Objective,
)
from okrdesk.gui.features.checkins import CheckInDialog, CheckIns
from okrdesk.gui.features.files import Files
from okrdesk.gui.features.items import Items
from okrdesk.gui.features.meetings.feature import Meetings
from okrdesk.gui.features.pdf_export import PdfChoices, PdfExport
from okrdesk.gui.features.team.feature import Team
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import Qt
from okrdesk.qt.widgets import QDialogButtonBox
from okrdesk.services.outline import NodeKind
from okrdesk.services.report_data import ReportOptions
from tests.gui.helpers import OpenWindow, current, field, rename_in_place, type_into
from tests.report.sample_plan import page_texts

TODAY = date(2026, 11, 18)  # a Wednesday in 2026 Q4
GITLAB = Path(__file__).resolve().parents[1] / "data" / "okr-plans" / "gitlab_fy21-q1.raw.txt"
PIPELINE = "Build strong FY21 pipeline."


def add(qtbot: QtBot, window: MainWindow, action: str, title: str, under: str) -> str:
    """Select ``under``, trigger Edit ▸ Add ▸ ``action`` and name the new item in place."""
    window.tree.select_node(under)
    window.feature(Items).actions[action].trigger()
    rename_in_place(qtbot, window, title)
    return current(window).id


def new_plan(qtbot: QtBot, open_window: OpenWindow, tmp_path: Path) -> MainWindow:
    """File ▸ New from the window of a first start: the welcome page, a cycle to work in."""
    window = open_window(tmp_path / "first-start.okrdesk")
    window.clock = lambda: TODAY
    window.feature(Files).ask_new_path = lambda: tmp_path / "my-plan.okrdesk"
    assert window.feature(Files).new_plan()
    assert window.pages.currentWidget() is window.welcome
    # A new plan starts with the quarter it is made in, chosen in the toolbar.
    (cycle,) = window.plan.all(Cycle)
    assert cycle.name.startswith("2026") and cycle.contains(TODAY)
    assert window.cycle_box.currentData() == cycle.id
    return window


def build_own_plan(qtbot: QtBot, window: MainWindow) -> dict[str, str]:
    # The name first: the coach reviews the owner's items, the title says whose plan it is.
    type_into(qtbot, window.welcome.owner_edit, "Ana Ruiz")
    assert window.plan.owner() == "Ana Ruiz"
    assert "Ana Ruiz" in window.windowTitle()

    qtbot.mouseClick(window.welcome.create_button, Qt.MouseButton.LeftButton)
    rename_in_place(qtbot, window, "Help customers close their month")
    ids = {"mission": current(window).id}
    assert window.pages.currentWidget() is window.splitter
    ids["objective"] = add(
        qtbot, window, "add_objective", "Month-end takes one evening", ids["mission"]
    )
    (cycle,) = window.plan.all(Cycle)
    assert window.plan.get(Objective, ids["objective"]).cycle_id == cycle.id
    for number, title in enumerate(("Hours to close", "Manual steps left", "Happy customers")):
        ids[f"kr{number}"] = add(qtbot, window, "add_key_result", title, ids["objective"])
        assert current(window).kind is NodeKind.KEY_RESULT
    # A target typed in the form and Enter: saved at once, one undo step.
    window.tree.select_node(ids["kr0"])
    type_into(qtbot, field(window, "target"), "10")
    assert window.plan.get(KeyResult, ids["kr0"]).target == 10
    assert window.summary.text().startswith("1 mission · 1 objective · 3 key results")
    return ids


def check_in(qtbot: QtBot, window: MainWindow, kr_id: str) -> None:
    window.tree.select_node(kr_id)
    window.feature(CheckIns).action.trigger()
    dialog = window.feature(CheckIns).dialog
    assert isinstance(dialog, CheckInDialog) and dialog.isVisible()
    assert dialog.date_edit.date().toPython() == TODAY
    dialog.value_edit.setText("4")
    dialog.confidence.setText("7")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    (saved,) = window.plan.all(CheckIn)
    assert (saved.value, saved.confidence) == (4, 0.7)
    history = window.feature(CheckIns).history
    # Shown as a person writes it: in 10, newest first.
    assert history.table.item(0, 2).text() == "7 in 10"
    qtbot.waitUntil(lambda: "average" in window.summary.text())


def import_company(qtbot: QtBot, window: MainWindow) -> None:
    before = window.summary.text()
    actions = window.feature(Team).files
    reports: list[str] = []
    actions.ask_import_path = lambda: GITLAB
    actions.show_report = lambda _title, summary, _details: reports.append(summary)
    actions.import_action.trigger()
    qtbot.waitUntil(lambda: actions.preview_dialog is not None)
    preview = actions.preview_dialog
    assert preview is not None
    qtbot.mouseClick(preview.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(reports), timeout=20000)
    team = [o for o in window.plan.all(Objective) if o.id != current_objective(window)]
    assert len(team) == 138
    # The company's objectives are context: the person's own numbers stay as they were.
    qtbot.waitUntil(lambda: window.summary.text().startswith(before.split(" · average")[0]))
    assert "1 mission · 1 objective · 3 key results" in window.summary.text()


def current_objective(window: MainWindow) -> str:
    (mine,) = [o for o in window.plan.all(Objective) if o.title == "Month-end takes one evening"]
    return mine.id


def serve_and_see_alignment(qtbot: QtBot, window: MainWindow, mission_id: str) -> None:
    window.tree.select_node(mission_id)
    form = window.editor.form
    assert form is not None and form.links is not None
    chooser = form.links
    # Typed to find it among 138, ticked from the keyboard.
    chooser.filter.setFocus()
    qtbot.keyClicks(chooser.filter, "strong pipeline")
    qtbot.keyClick(chooser.filter, Qt.Key.Key_Return)
    (link,) = window.plan.where(MissionLink, mission_id=mission_id)
    assert window.plan.get(Objective, link.objective_id).title == PIPELINE

    window.feature(Team).alignment_action.trigger()
    view = window.feature(Team).alignment
    assert view is not None
    qtbot.waitExposed(view)
    # The person's cycle has no team objectives: the window says so and offers the one.
    assert "This cycle has no team objectives." in view.caption.text()
    view.offer.click()
    assert view.alignment is not None
    shown = [node.title for column in view.alignment.columns for node in column]
    assert PIPELINE in shown and "Help customers close their month" in shown
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    view.view.setFocus()
    qtbot.keyClick(view.view, Qt.Key.Key_Escape)
    assert not view.isVisible()


def one_on_one_and_review(qtbot: QtBot, window: MainWindow) -> None:
    window.feature(Items).actions["add_meeting"].trigger()
    (meeting,) = window.plan.all(Meeting)
    assert meeting.date == TODAY
    assert current(window).kind is NodeKind.MEETING
    review = window.feature(Meetings).reviews.start(fullscreen=False)
    qtbot.waitExposed(review)
    assert review.pages, "review mode has pages to show"
    titles = [page.title for page in review.pages]
    assert "Month-end takes one evening" in titles
    review.activateWindow()
    review.setFocus()
    with qtbot.waitSignal(review.left):
        qtbot.keyClick(review, Qt.Key.Key_Escape)


def export_pdf(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    export = window.feature(PdfExport).exporter
    path = tmp_path / "my-plan.pdf"
    export.ask_choices = lambda: PdfChoices(path, ReportOptions(today=TODAY), "A4")
    with qtbot.waitSignal(export.done, timeout=60000):
        export.action.trigger()
    text = " ".join(page_texts(path))
    assert "Help customers close their month" in text
    assert "Hours to close" in text
    # Only the company objective the person's work serves is printed, not all 138.
    assert PIPELINE in text
    assert "Accomplish Q1 hiring goals" not in text


def test_the_first_hour(qtbot: QtBot, open_window: OpenWindow, tmp_path: Path) -> None:
    window = new_plan(qtbot, open_window, tmp_path)
    ids = build_own_plan(qtbot, window)
    check_in(qtbot, window, ids["kr0"])

    milestone = add(qtbot, window, "add_milestone", "Checklist agreed", ids["objective"])
    assert window.plan.get(Milestone, milestone).objective_id == ids["objective"]
    note = add(qtbot, window, "add_note", "Ask finance before the first draft", milestone)
    assert window.plan.get(GrowthNote, note).milestone_id == milestone

    import_company(qtbot, window)
    serve_and_see_alignment(qtbot, window, ids["mission"])
    one_on_one_and_review(qtbot, window)
    export_pdf(qtbot, window, tmp_path)
    # Nothing of the hour was lost on the way.
    assert window.plan.get(Mission, ids["mission"]).title == "Help customers close their month"
    assert len(window.plan.children(KeyResult, ids["objective"])) == 3
