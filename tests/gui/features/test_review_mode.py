"""The review mode: pages in order, every way of stepping, notes typed without leaving,
and never a private note on any page (checked on every text the screen holds)."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from matplotlib.text import Text
from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import (
    MISSION_RATINGS,
    ActionItem,
    AgendaPoint,
    CheckIn,
    Cycle,
    EvidenceLink,
    GrowthNote,
    KeyResult,
    Meeting,
    Mission,
    MissionEvaluation,
    Objective,
    ObjectiveClose,
)
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.features.meetings.feature import Meetings
from okrdesk.gui.features.meetings.review_mode import FittedPage, ReviewMode, action_text
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import Qt
from okrdesk.qt.widgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from okrdesk.services.demo import fill_demo
from okrdesk.services.meetings import Source
from okrdesk.services.plan import PlanService
from okrdesk.services.review import (
    AgendaPage,
    MissionPage,
    ObjectivePage,
    ProgressPage,
    PurposePage,
    review_pages,
)
from tests.gui.helpers import OpenWindow

TODAY = date(2026, 5, 20)
PRIVATE_SECTION = "Sales keep asking me directly"
PRIVATE_NOTE = "Felt out of my depth"
PRIVATE_FEEDBACK = "My manager interrupts me in meetings"


@pytest.fixture
def demo_window(open_window: OpenWindow, plan_path: Path) -> MainWindow:
    """The demo plan, its one-on-one with a private section (difficulties) and a private
    feedback too, and an agenda point about the private growth note, prepared before the
    note was made private."""
    plan = PlanService.open(plan_path)
    fill_demo(plan, TODAY)
    meeting = plan.all(Meeting)[0]
    plan.update(Meeting, meeting.id, feedback=PRIVATE_FEEDBACK, feedback_private=True)
    private = next(n for n in plan.all(GrowthNote) if n.private)
    assert PRIVATE_NOTE in private.text
    plan.add(
        AgendaPoint(
            meeting_id=meeting.id,
            text=f"Growth note: “{private.text[:40]}”",
            source=Source.GROWTH_NOTE,
            subject_id=private.id,
        )
    )
    plan.add(AgendaPoint(meeting_id=meeting.id, text="Conference budget"))
    plan.close()
    window = open_window(plan_path)
    window.clock = lambda: TODAY
    window.tree.select_node(meeting.id)
    return window


def screen_texts(widget: QWidget) -> list[str]:
    """Every text the review's widgets hold, shown or not, charts included."""
    texts: list[str] = []
    for child in widget.findChildren(QWidget):
        if isinstance(child, QLabel | QAbstractButton | QLineEdit):
            texts.append(child.text())
        if isinstance(child, QPlainTextEdit):
            texts.append(child.toPlainText())
        if isinstance(child, QComboBox):
            texts += [child.itemText(i) for i in range(child.count())]
        if isinstance(child, QWidget) and child.accessibleName():
            texts.append(child.accessibleName())
        figure = getattr(child, "figure", None)
        if figure is not None:
            texts += [t.get_text() for t in figure.findobj(Text)]
    return texts


def open_review(qtbot: QtBot, window: MainWindow) -> ReviewMode:
    review = window.feature(Meetings).reviews.start(fullscreen=False)
    qtbot.waitExposed(review)
    review.activateWindow()
    review.setFocus()
    return review


def test_review_steps_through_every_page_and_never_shows_a_private_note(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    review = open_review(qtbot, demo_window)
    kinds = [type(page) for page in review.pages]
    # It opens on the person's purpose and values, then the missions.
    assert kinds[:2] == [PurposePage, MissionPage]
    assert kinds[-2:] == [ProgressPage, AgendaPage]
    assert ObjectivePage in kinds
    # Each mission is followed by its own objectives.
    first_objective = review.pages[kinds.index(ObjectivePage)]
    assert isinstance(first_objective, ObjectivePage) and first_objective.mission

    seen: list[str] = []
    for number in range(len(review.pages)):
        assert review.index == number
        assert review.counter.text() == f"{number + 1} / {len(review.pages)}"
        texts = screen_texts(review)
        joined = "\n".join(texts)
        assert PRIVATE_SECTION not in joined
        assert PRIVATE_NOTE not in joined
        assert PRIVATE_FEEDBACK not in joined
        page = review.pages[number]
        assert page.title in texts
        seen.append(page.title)
        qtbot.keyClick(review, Qt.Key.Key_Right)
    assert review.index == len(review.pages) - 1  # the last page stays
    assert len(seen) == len(review.pages)

    # The notes panel hides the private sections' text; the others can be typed in.
    assert not review.notes.edits["difficulties"].isVisibleTo(review.notes)
    assert review.notes.private_labels["difficulties"].isVisibleTo(review.notes)
    assert review.notes.edits["progress"].toPlainText().startswith("Load time is well ahead")

    # The agenda leaves out the point about the note that became private.
    agenda = review.pages[-1]
    assert isinstance(agenda, AgendaPage)
    assert [p.text for p in agenda.points] == ["Conference budget"]


def test_every_way_of_stepping(qtbot: QtBot, demo_window: MainWindow) -> None:
    review = open_review(qtbot, demo_window)
    last = len(review.pages) - 1
    qtbot.keyClick(review, Qt.Key.Key_PageDown)
    assert review.index == 1
    qtbot.keyClick(review, Qt.Key.Key_Right)
    assert review.index == 2
    qtbot.keyClick(review, Qt.Key.Key_Left)
    assert review.index == 1
    qtbot.keyClick(review, Qt.Key.Key_PageUp)
    qtbot.keyClick(review, Qt.Key.Key_PageUp)
    assert review.index == 0
    qtbot.keyClick(review, Qt.Key.Key_End)
    assert review.index == last
    qtbot.keyClick(review, Qt.Key.Key_Home)
    assert review.index == 0
    # The page index jumps.
    review.index_box.activated.emit(last - 1)
    assert review.index == last - 1
    assert review.index_box.currentIndex() == last - 1
    assert review.stack.currentWidget() is review.built[last - 1]


def test_notes_are_typed_without_leaving_and_saved_through_the_controller(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    review = open_review(qtbot, demo_window)
    meeting_id = review.meeting_id
    assert meeting_id is not None
    qtbot.keyClick(review, Qt.Key.Key_N)
    assert review.notes.isVisible()
    development = review.notes.edits["development"]
    development.setFocus()
    development.selectAll()
    qtbot.keyClicks(development, "Lead the totals view design")
    # Arrows belong to the text while typing: the page does not change.
    qtbot.keyClick(development, Qt.Key.Key_Left)
    assert review.index == 0
    # Closing the notes panel saves the note through the controller: one undoable step.
    review.notes_button.click()
    assert not review.notes.isVisible()
    plan = demo_window.plan
    assert plan.get(Meeting, meeting_id).development == "Lead the totals view design"
    assert review.isVisible()
    demo_window.controller.undo_stack.undo()
    assert plan.get(Meeting, meeting_id).development.startswith("Want to lead")
    assert review.notes.edits["development"].toPlainText().startswith("Want to lead")


def test_escape_in_a_note_leaves_the_review_and_keeps_what_was_typed(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    review = open_review(qtbot, demo_window)
    meeting_id = review.meeting_id
    assert meeting_id is not None
    qtbot.keyClick(review, Qt.Key.Key_N)
    progress = review.notes.edits["progress"]
    progress.setFocus()
    progress.selectAll()
    qtbot.keyClicks(progress, "Cache fix lands Friday")
    # One Esc, even from inside the notes box, leaves the review mode.
    with qtbot.waitSignal(review.left):
        qtbot.keyClick(progress, Qt.Key.Key_Escape)
    assert demo_window.feature(Meetings).reviews.review is None
    assert demo_window.plan.get(Meeting, meeting_id).progress == "Cache fix lands Friday"


def test_agenda_points_are_ticked_in_review(qtbot: QtBot, demo_window: MainWindow) -> None:
    review = open_review(qtbot, demo_window)
    qtbot.keyClick(review, Qt.Key.Key_End)
    boxes = review.stack.currentWidget().findChildren(QCheckBox)
    plan = demo_window.plan
    actions = plan.children(ActionItem, review.meeting_id or "")
    assert len(actions) == 3
    # The agenda point, then the meeting's action items with who and by when.
    assert [b.accessibleName() for b in boxes] == ["Conference budget"] + [
        action_text(a) for a in actions
    ]
    assert boxes[1].accessibleName() == (
        "Agree with product how stale a cached total may be · Maya Lindqvist · due 26 May"
    )
    boxes[0].click()
    point = next(p for p in plan.all(AgendaPoint) if p.text == "Conference budget")
    assert point.done
    assert review.index == len(review.pages) - 1  # still on the agenda
    # An action item is ticked off there too, one undoable step.
    assert not actions[0].done
    review.stack.currentWidget().findChildren(QCheckBox)[1].click()
    assert plan.get(ActionItem, actions[0].id).done
    assert review.index == len(review.pages) - 1
    demo_window.controller.undo_stack.undo()
    assert not plan.get(ActionItem, actions[0].id).done
    labels = [label.text() for label in review.stack.currentWidget().findChildren(QLabel)]
    assert "Action items" in labels


def test_f5_starts_the_review_and_escape_leaves_it(qtbot: QtBot, demo_window: MainWindow) -> None:
    qtbot.keyClick(demo_window.tree, Qt.Key.Key_F5)
    review = demo_window.feature(Meetings).reviews.review
    assert isinstance(review, ReviewMode)
    qtbot.waitExposed(review)
    assert review.isFullScreen()
    assert review.meeting_id == demo_window.tree.current_node().id  # type: ignore[union-attr]
    with qtbot.waitSignal(review.left):
        qtbot.keyClick(review, Qt.Key.Key_Escape)
    assert demo_window.feature(Meetings).reviews.review is None
    # F5 again opens a new review.
    qtbot.keyClick(demo_window.tree, Qt.Key.Key_F5)
    again = demo_window.feature(Meetings).reviews.review
    assert isinstance(again, ReviewMode) and again is not review
    again.close()


def test_the_review_says_confidence_in_10(qtbot: QtBot) -> None:
    from okrdesk.domain.health import Health
    from okrdesk.gui.features.meetings.review_mode import _key_result_block
    from okrdesk.services.meetings import Change
    from okrdesk.services.review import KeyResultLine

    change = Change(
        subject_id="k",
        title="Load time",
        objective_title="Fast reports",
        in_snapshot=True,
        value_before=25.0,
        value_now=40.0,
        confidence_before=0.8,
        confidence_now=0.5,
        progress_before=0.2,
        progress_now=0.4,
        health_before=Health.ON_TRACK,
        health_now=Health.AT_RISK,
    )
    line = KeyResultLine("k", "Load time", 40.0, 100.0, "", 0.4, 0.5, Health.AT_RISK, change)
    block = _key_result_block(line)
    qtbot.addWidget(block)
    texts = [label.text() for label in block.findChildren(QLabel)]
    facts = next(t for t in texts if t.startswith("Confidence"))
    assert facts.startswith(
        "Confidence 5 in 10   ·   Since last time: +15, confidence 8 → 5 in 10 (-3)"
    )
    unset = _key_result_block(dataclasses.replace(line, confidence=None, change=None))
    qtbot.addWidget(unset)
    assert "Confidence –" in [label.text() for label in unset.findChildren(QLabel)]


LONG_TITLE = (
    "Every practice that sends a month-end report to its clients finds each wrong number "
    "itself, before any client does, and tells the client what changed and why, so that "
    "trust in the report grows every month instead of being spent on corrections that "
    "arrive by phone on the first day"
)


def crowded_plan(path: Path) -> PlanService:
    """An objective with a 280-character title, a long why and five long key results."""
    plan = PlanService.open(path)
    cycle = plan.create(Cycle, name="2026 Q2", start="2026-04-01", end="2026-06-30")
    mission = plan.create(Mission, title="Make month-end reports right " * 4)
    objective = plan.create(
        Objective,
        title=LONG_TITLE,
        why="Because a wrong number found by a client costs a week of trust. " * 5,
        mission_id=mission.id,
        cycle_id=cycle.id,
    )
    for number in range(5):
        kr = plan.create(
            KeyResult,
            objective_id=objective.id,
            title=f"Key result {number + 1}: " + "practices that check their numbers " * 5,
            target="100",
            unit="practices of the pilot group",
        )
        plan.add(CheckIn(key_result_id=kr.id, date=date(2026, 5, 1), value=40.0, confidence=0.6))
    return plan


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1024, 640)])
@pytest.mark.parametrize("notes", [False, True])
def test_an_objective_slide_fits_the_screen_without_a_scrollbar(
    qtbot: QtBot, plan_path: Path, width: int, height: int, notes: bool
) -> None:
    plan = crowded_plan(plan_path)
    controller = PlanController(plan)
    review = ReviewMode(controller, None, TODAY)
    qtbot.addWidget(review)
    review.resize(width, height)
    review.show()
    qtbot.waitExposed(review)
    review.show_notes(notes)
    index = next(i for i, p in enumerate(review.pages) if isinstance(p, ObjectivePage))
    review.go_to(index)
    page = review.stack.currentWidget()
    assert isinstance(page, FittedPage)
    # Nothing (the header, a long unit) makes the window wider than the screen.
    assert review.width() == width
    qtbot.waitUntil(lambda: page.verticalScrollBar().maximum() == 0)
    body = page.widget()
    assert body.height() <= page.viewport().height()
    # Every key result card is on the screen, whole.
    cards = [f for f in body.findChildren(QFrame) if f.objectName() == "card"]
    assert len(cards) == 5
    for card in cards:
        bottom = card.mapTo(page, card.rect().bottomLeft()).y()
        assert bottom <= page.height()
    # The type shrank to fit, and a long title shows its start; the whole title is still
    # there for a screen reader and as a tool tip.
    assert page.scale < 1.0
    titles = [label for label in body.findChildren(QLabel) if label.objectName() == "pageTitle"]
    assert titles[0].text().endswith("…") and titles[0].accessibleName() == LONG_TITLE
    plan.close()


def test_a_slide_that_fits_keeps_its_full_size_type(qtbot: QtBot, demo_window: MainWindow) -> None:
    review = open_review(qtbot, demo_window)
    review.resize(1366, 768)
    index = next(i for i, p in enumerate(review.pages) if isinstance(p, ObjectivePage))
    review.go_to(index)
    page = review.stack.currentWidget()
    assert isinstance(page, FittedPage)
    qtbot.waitUntil(lambda: page.scale == 1.0 and page.verticalScrollBar().maximum() == 0)


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1024, 640)])
def test_a_closed_cycle_shows_its_retrospective_on_the_slides(
    qtbot: QtBot, plan_path: Path, width: int, height: int
) -> None:
    plan = PlanService.open(plan_path)
    fill_demo(plan, TODAY)
    closed_cycles = {plan.get(Objective, c.objective_id).cycle_id for c in plan.all(ObjectiveClose)}
    assert len(closed_cycles) == 1
    cycle_id = closed_cycles.pop()
    controller = PlanController(plan)
    controller.set_cycle(cycle_id)
    review = ReviewMode(controller, None, TODAY)
    qtbot.addWidget(review)
    review.resize(width, height)
    review.show()
    qtbot.waitExposed(review)

    slide = next(
        i
        for i, p in enumerate(review.pages)
        if isinstance(p, ObjectivePage) and p.close is not None and p.close.learned
    )
    review.go_to(slide)
    page = review.stack.currentWidget()
    assert isinstance(page, FittedPage)
    closed = review.pages[slide]
    assert isinstance(closed, ObjectivePage) and closed.close is not None
    texts = "\n".join(screen_texts(page))
    assert f"Final score {closed.close.score:.1f}" in texts
    assert closed.close.learned[:40] in texts
    qtbot.waitUntil(lambda: page.verticalScrollBar().maximum() == 0)

    evaluated = next(
        i for i, p in enumerate(review.pages) if isinstance(p, MissionPage) and p.evaluation
    )
    review.go_to(evaluated)
    mission = review.pages[evaluated]
    assert isinstance(mission, MissionPage) and mission.evaluation is not None
    rating = mission.evaluation.rating
    texts = "\n".join(screen_texts(review.stack.currentWidget()))
    assert f"This cycle: {rating} of 5 · {MISSION_RATINGS[rating]}" in texts
    assert mission.evaluation.evidence[:40] in texts
    assert mission.cited and mission.cited[0][:30] in texts
    shown = review.stack.currentWidget()
    assert isinstance(shown, FittedPage)
    qtbot.waitUntil(lambda: shown.verticalScrollBar().maximum() == 0)
    # An adjusted close says why; the demo's other cycle has no close, so no slide there does.
    adjusted = [
        p.close
        for p in review.pages
        if isinstance(p, ObjectivePage) and p.close and p.close.adjusted
    ]
    assert all(c.reason for c in adjusted)
    plan.close()


def test_a_private_growth_note_is_never_cited_on_a_slide(plan_path: Path) -> None:
    plan = PlanService.open(plan_path)
    fill_demo(plan, TODAY)
    notes = {n.id: n for n in plan.all(GrowthNote)}
    cited = next(
        link.growth_note_id for link in plan.all(EvidenceLink) if link.growth_note_id in notes
    )
    assert cited is not None
    cycle_id = plan.get(MissionEvaluation, plan.all(EvidenceLink)[0].evaluation_id).cycle_id

    def cited_texts() -> list[str]:
        pages = review_pages(plan, None, cycle_id, TODAY)
        return [c for p in pages if isinstance(p, MissionPage) for c in p.cited]

    assert notes[cited].text in cited_texts()
    plan.update(GrowthNote, cited, private=True)
    assert notes[cited].text not in cited_texts()
    plan.close()


def test_an_open_cycle_shows_no_retrospective(qtbot: QtBot, demo_window: MainWindow) -> None:
    review = open_review(qtbot, demo_window)
    assert not any(isinstance(p, ObjectivePage) and p.close for p in review.pages)
    assert not any(isinstance(p, MissionPage) and p.evaluation for p in review.pages)
    assert "Final score" not in "\n".join(screen_texts(review))
