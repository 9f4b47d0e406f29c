"""Cycle ▸ Close Cycle…: a page per objective and per mission, saved as one undo step."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import EvidenceLink, MissionEvaluation, Objective, ObjectiveClose
from okrdesk.domain.enums import CloseDecision, ObjectiveState, ShortfallCause
from okrdesk.gui.features.closing.dialog import CloseCycleDialog
from okrdesk.gui.features.closing.feature import CycleClosing
from okrdesk.gui.features.closing.pages import MissionPage, ObjectivePage
from okrdesk.gui.features.closing.self_review import SelfReviewChoices, SelfReviewDialog
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import Qt
from okrdesk.services.changes import PlanChanges
from tests.builders import closable_plan

# Where the pictures go when a person wants to look at them (CLOSE_SHOTS=folder).
SHOTS = os.environ.get("CLOSE_SHOTS", "")


def shoot(dialog: CloseCycleDialog, name: str) -> None:
    if SHOTS:
        dialog.grab().save(str(Path(SHOTS) / f"{name}.png"))


def test_a_person_closes_the_cycle_page_by_page_and_undo_takes_it_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    made = closable_plan(window.plan)
    window.controller.announce(PlanChanges.all())
    window.clock = lambda: date(2026, 4, 2)
    feature = window.feature(CycleClosing)
    feature.run_dialog = lambda dialog: dialog.show()
    dialog = feature.close_cycle()
    qtbot.addWidget(dialog)
    assert dialog.cycle_box.currentData() == made.cycle.id  # the cycle that ended
    assert dialog.step.text() == "Objective 1 of 2"
    first = dialog.pages.currentWidget()
    assert isinstance(first, ObjectivePage)
    assert "propose 0.90" in first.findChild(type(dialog.step), "closeProposed").text()
    assert not first.cause.isVisible() and not first.reason.isEnabled()
    # It fits a 1024x640 screen with room for the title bar; larger screens get more room.
    for page in (dialog.pages.widget(i) for i in range(dialog.pages.count())):
        assert page is not None and page.minimumSizeHint().height() < 480
    assert dialog.minimumSizeHint().width() <= 1000 and dialog.minimumSizeHint().height() <= 580
    dialog.resize(1000, 580)
    shoot(dialog, "close-objective")
    dialog.resize(1300, 700)
    shoot(dialog, "close-objective-1366")
    dialog.resize(1000, 580)

    first.learned.setText("short pages get read")
    qtbot.mouseClick(dialog.next, Qt.MouseButton.LeftButton)
    second = dialog.pages.currentWidget()
    assert isinstance(second, ObjectivePage) and dialog.step.text() == "Objective 2 of 2"
    second.score.setValue(0.4)
    assert second.cause.isVisible() and second.reason.isEnabled()
    qtbot.mouseClick(dialog.next, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentWidget() is second  # an adjusted score needs its reason
    assert "rather than the proposed 0.50" in dialog.error.text()
    second.reason.setText("two answers took a week")
    second.findChild(type(first.decisions.buttons()[0]), "closeDecision_change").setChecked(True)
    second.decision_why.setText("a rota instead")
    second.cause.setCurrentIndex(second.cause.findData(ShortfallCause.BLOCKED_BY_OTHERS.value))
    shoot(dialog, "close-objective-short")
    qtbot.mouseClick(dialog.next, Qt.MouseButton.LeftButton)

    mission = dialog.pages.currentWidget()
    assert isinstance(mission, MissionPage) and dialog.step.text() == "Mission 1 of 1"
    assert dialog.save.isVisible() and not dialog.next.isVisible()
    mission.rating.setCurrentIndex(mission.rating.findData(4))
    mission.evidence.setPlainText("Two new hires onboarded alone")
    mission.cited.item(0).setCheckState(Qt.CheckState.Checked)
    shoot(dialog, "close-mission")
    qtbot.mouseClick(dialog.save, Qt.MouseButton.LeftButton)

    plan = window.plan
    assert dialog.saved
    closes = {c.objective_id: c for c in plan.all(ObjectiveClose)}
    assert closes[made.docs.id].learned == "short pages get read"
    speed = closes[made.speed.id]
    assert (speed.score, speed.decision, speed.cause) == (
        0.4, CloseDecision.CHANGE, ShortfallCause.BLOCKED_BY_OTHERS,
    )  # fmt: skip
    assert [e.rating for e in plan.all(MissionEvaluation)] == [4]
    assert len(plan.all(EvidenceLink)) == 1
    assert plan.get(Objective, made.speed.id).state is ObjectiveState.MISSED

    stack = window.controller.undo_stack
    stack.undo()
    assert plan.all(ObjectiveClose) == [] and plan.all(MissionEvaluation) == []
    assert plan.get(Objective, made.docs.id).state is ObjectiveState.ACTIVE
    stack.redo()
    assert len(plan.all(ObjectiveClose)) == 2 and len(plan.all(EvidenceLink)) == 1


def test_closing_again_starts_from_the_earlier_close(qtbot: QtBot, window: MainWindow) -> None:
    made = closable_plan(window.plan)
    dialog = CloseCycleDialog(window.controller, made.cycle.id, date(2026, 4, 2), window)
    qtbot.addWidget(dialog)
    dialog.accept()
    again = CloseCycleDialog(window.controller, made.cycle.id, date(2026, 4, 3), window)
    qtbot.addWidget(again)
    page = again.pages.widget(0)
    assert isinstance(page, ObjectivePage) and page.score.value() == 0.9
    assert len(window.plan.all(MissionEvaluation)) == 1


def test_file_export_self_review_writes_the_pdf_off_the_ui_thread(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    made = closable_plan(window.plan)
    window.clock = lambda: date(2026, 4, 2)
    exporter = window.feature(CycleClosing).self_review
    dialog = SelfReviewDialog(window.plan, None, date(2026, 4, 2), window)
    qtbot.addWidget(dialog)
    assert dialog.cycle_box.currentData() == made.cycle.id
    out = tmp_path / "review.pdf"
    exporter.ask_choices = lambda: SelfReviewChoices(made.cycle.id, out)
    with qtbot.waitSignal(exporter.done, timeout=60000) as finished:
        exporter.action.trigger()
    assert not isinstance(finished.args[0], Exception), finished.args[0]
    assert out.read_bytes().startswith(b"%PDF")
    assert "Exported the self-review" in window.statusBar().currentMessage()
