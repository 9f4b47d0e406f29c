"""The weekly check-in pass in the window: walked end to end, each save one undo step, the
blocker and next step when asked for, skip, leave and resume, the summary and the streak;
next steps ticked off from the tree and from the pass."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import CheckIn, KeyResult, NextStep
from okrdesk.domain.enums import Blocker
from okrdesk.gui.features.weekly import feature as weekly_feature
from okrdesk.gui.features.weekly.feature import WeeklyRhythm
from okrdesk.gui.features.weekly.pass_dialog import WeeklyPassDialog
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import QDate
from okrdesk.qt.widgets import QCheckBox
from okrdesk.services.changes import PlanChanges
from okrdesk.services.plan import PlanService
from okrdesk.services.weekly import waiting_ids
from tests.builders import WEEKLY_TODAY, weekly_plan
from tests.gui.helpers import OpenWindow, recorded


def open_weekly(
    open_window: OpenWindow, plan_path: Path
) -> tuple[MainWindow, dict[str, KeyResult]]:
    plan = PlanService.open(plan_path)
    krs = weekly_plan(plan)
    plan.close()
    window = open_window(plan_path)
    window.clock = lambda: WEEKLY_TODAY
    window.feature(WeeklyRhythm).update_count()
    return window, krs


def start_pass(window: MainWindow) -> WeeklyPassDialog:
    window.feature(WeeklyRhythm).pass_action.trigger()
    dialog = window.feature(WeeklyRhythm).dialog
    assert isinstance(dialog, WeeklyPassDialog) and dialog.isVisible()
    return dialog


def test_the_toolbar_button_counts_what_waits(open_window: OpenWindow, plan_path: Path) -> None:
    window, _ = open_weekly(open_window, plan_path)
    action = window.feature(WeeklyRhythm).pass_action
    assert action.text() == "&Weekly check-in (3)…" and action.iconText() == "3"
    assert action.shortcut().toString() == "Ctrl+Alt+K"


class HeldCount:
    """``waiting_ids`` held on its pool thread until released (on the UI thread it answers
    at once), recording each call."""

    def __init__(self, first: frozenset[str] | None = None) -> None:
        self.release = threading.Event()
        self.threads: list[threading.Thread] = []
        # What the first call answers instead of reading the plan: a count of the plan as
        # it was before a change.
        self.first = first

    def __call__(self, plan: PlanService, today: date) -> frozenset[str]:
        self.threads.append(threading.current_thread())
        found = waiting_ids(plan, today)
        if threading.current_thread() is not threading.main_thread():
            self.release.wait(10)
        if self.first is not None and len(self.threads) == 1:
            return self.first
        return found


def settled(qtbot: QtBot, rhythm: WeeklyRhythm) -> None:
    qtbot.waitUntil(lambda: not rhythm.recount.isActive() and not rhythm.counting)


def test_the_count_at_open_comes_in_after_the_window_shows(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = PlanService.open(plan_path)
    weekly_plan(plan)
    expected = len(waiting_ids(plan, date.today()))
    plan.close()
    held = HeldCount()
    monkeypatch.setattr(weekly_feature, "waiting_ids", held)
    window = open_window(plan_path)
    rhythm = window.feature(WeeklyRhythm)
    # The window is up while the count is still being made: the button says so.
    assert rhythm.counting and rhythm.pass_action.iconText() == "…"
    assert rhythm.pass_action.text() == "&Weekly check-in…"
    held.release.set()
    settled(qtbot, rhythm)
    assert rhythm.pass_action.iconText() == str(expected)
    assert held.threads and threading.main_thread() not in held.threads


def test_a_change_is_counted_off_the_ui_thread_once_typing_pauses(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, krs = open_weekly(open_window, plan_path)
    rhythm = window.feature(WeeklyRhythm)
    settled(qtbot, rhythm)
    held = HeldCount()
    monkeypatch.setattr(weekly_feature, "waiting_ids", held)
    window.controller.add(CheckIn(key_result_id=krs["steady"].id, date=WEEKLY_TODAY, value=55))
    qtbot.waitUntil(lambda: rhythm.counting)
    # Until the count is in the button shows the last one.
    assert rhythm.pass_action.iconText() == "3"
    held.release.set()
    settled(qtbot, rhythm)
    assert rhythm.pass_action.iconText() == "2"
    assert held.threads[0] is not threading.main_thread()


def test_a_change_that_changed_nothing_counted_asks_no_new_count(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, krs = open_weekly(open_window, plan_path)
    rhythm = window.feature(WeeklyRhythm)
    settled(qtbot, rhythm)
    held = HeldCount()
    held.release.set()
    monkeypatch.setattr(weekly_feature, "waiting_ids", held)
    # The window announcing the plan it just counted (as it does when it opens).
    window.controller.announce(PlanChanges.all())
    assert rhythm.recount.isActive()
    settled(qtbot, rhythm)
    assert held.threads == []
    window.controller.add(CheckIn(key_result_id=krs["steady"].id, date=WEEKLY_TODAY, value=55))
    qtbot.waitUntil(lambda: len(held.threads) == 1)
    settled(qtbot, rhythm)
    assert rhythm.pass_action.iconText() == "2"


def test_a_count_of_a_plan_that_changed_meanwhile_is_dropped_and_made_again(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, krs = open_weekly(open_window, plan_path)
    rhythm = window.feature(WeeklyRhythm)
    settled(qtbot, rhythm)
    shown: list[str] = []
    rhythm.pass_action.changed.connect(lambda: shown.append(rhythm.pass_action.iconText()))
    # The first count answers for the plan as it was: five waiting.
    held = HeldCount(first=frozenset({"a", "b", "c", "d", "e"}))
    monkeypatch.setattr(weekly_feature, "waiting_ids", held)
    rhythm.count_later()
    # The plan changes under it (written past the window: no recount is asked for).
    window.plan.add(CheckIn(key_result_id=krs["steady"].id, date=WEEKLY_TODAY, value=55))
    held.release.set()
    settled(qtbot, rhythm)
    assert len(held.threads) == 2  # counted again, on the plan as it is
    assert "5" not in shown and rhythm.pass_action.iconText() == "2"


def test_a_count_made_now_wins_over_one_still_under_way(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _krs = open_weekly(open_window, plan_path)
    rhythm = window.feature(WeeklyRhythm)
    settled(qtbot, rhythm)
    held = HeldCount(first=frozenset({"a", "b", "c", "d", "e"}))
    monkeypatch.setattr(weekly_feature, "waiting_ids", held)
    rhythm.count_later()
    rhythm.update_count()  # the pass ended: counted at once, on the UI thread
    assert rhythm.pass_action.iconText() == "3" and not rhythm.counting
    held.release.set()
    qtbot.waitUntil(lambda: len(held.threads) == 2)  # the held one, then update_count's
    qtbot.wait(50)
    assert rhythm.pass_action.iconText() == "3"


def test_the_pass_is_walked_end_to_end(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    window, krs = open_weekly(open_window, plan_path)
    dialog = start_pass(window)
    page = dialog.page
    # Riskiest first: the one far behind, with its last value and the pace beside it.
    assert page.title.text() == "Sliding"
    assert page.counter.text() == "KEY RESULT 1 OF 3"
    assert "Last: 5 % on 2026-02-13 (6 in 10)" in page.facts.text()
    assert "expected by now" in page.facts.text() and "off track" in page.facts.text()
    assert page.value.text() == "5" and page.confidence.text() == "6"
    # Still off track at 8: the blocker and one next step are asked for, and required.
    page.value.setText("8")
    page.confidence.setText("3")
    assert page.blocker_box.isVisible()
    assert not dialog.save()
    assert "blocker" in dialog.error.text()
    page.blocker.setCurrentIndex(page.blocker.findData(Blocker.TECHNICAL.value))
    page.step.setText("Profile the ledger query")
    page.step_due.setDate(QDate(2026, 2, 20))
    page.note.setPlainText("The join is slow on big practices.")
    assert dialog.save()
    stored = window.plan.children(NextStep, krs["sliding"].id)
    assert [(s.title, s.due, s.blocker) for s in stored] == [
        ("Profile the ledger query", date(2026, 2, 20), Blocker.TECHNICAL)
    ]
    assert window.plan.check_ins(krs["sliding"].id)[-1].value == 8
    # Next: never measured. Skip it.
    assert page.title.text() == "Never measured" and page.value.text() == ""
    dialog.skip()
    # Then the steady one: keeps pace, confident: no blocker asked.
    assert page.title.text() == "Steady"
    page.value.setText("60")
    assert not page.blocker_box.isVisible()
    assert dialog.save()
    # The summary.
    assert dialog.pages.currentWidget() is dialog.summary
    summary = dialog.summary
    assert summary.counts.text() == "2 checked in, 1 skipped."
    assert summary.streak.text() == "A streak of 2 weeks in a row."
    moved = [summary.moved.item(i).text() for i in range(summary.moved.count())]
    assert moved == ["Sliding: 5 → 8 %", "Steady: 50 → 60 %"]
    assert summary.at_risk.item(0).text() == "Sliding (3 in 10)"
    assert summary.next_steps.item(0).text() == "Profile the ledger query — due 2026-02-20"
    dialog.close_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    # Skipped ones are not asked again this week.
    assert window.feature(WeeklyRhythm).pass_action.iconText() == "Done"


def test_each_save_is_one_undo_step(open_window: OpenWindow, plan_path: Path) -> None:
    window, krs = open_weekly(open_window, plan_path)
    dialog = start_pass(window)
    dialog.page.value.setText("9")
    dialog.page.confidence.setText("2")
    dialog.page.blocker.setCurrentIndex(1)
    dialog.page.step.setText("Ask Daniel")
    assert dialog.save()
    assert window.controller.undo_stack.count() == 1
    assert window.controller.undo_stack.undoText() == "Weekly check-in on Sliding"
    window.controller.undo_stack.undo()
    assert window.plan.children(NextStep, krs["sliding"].id) == []
    assert window.plan.check_ins(krs["sliding"].id)[-1].value == 5


def test_leave_and_resume_goes_on_with_what_still_waits(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    window, _krs = open_weekly(open_window, plan_path)
    dialog = start_pass(window)
    dialog.skip()  # sliding
    dialog.page.value.setText("52")
    dialog.page.confidence.setText("7")
    assert dialog.save()  # never measured, now on pace
    dialog.leave_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert window.feature(WeeklyRhythm).pass_action.iconText() == "1"
    again = start_pass(window)
    assert again.page.title.text() == "Steady" and again.page.counter.text() == "KEY RESULT 1 OF 1"
    again.page.value.setText("55")
    assert again.save()
    # The summary covers the whole week's pass, across both sittings.
    assert again.summary.counts.text() == "2 checked in, 1 skipped."


def test_next_steps_are_ticked_off_from_the_tree_and_from_the_pass(
    open_window: OpenWindow, plan_path: Path
) -> None:
    plan = PlanService.open(plan_path)
    krs = weekly_plan(plan)
    step = plan.add(NextStep(key_result_id=krs["sliding"].id, title="Ask finance"))
    other = plan.add(NextStep(key_result_id=krs["sliding"].id, title="Book the room"))
    plan.close()
    window = open_window(plan_path)
    window.clock = lambda: WEEKLY_TODAY
    feature = window.feature(WeeklyRhythm)
    assert window.tree.select_node(step.id)
    assert feature.tick_action.isEnabled()
    feature.tick_action.trigger()
    assert window.plan.get(NextStep, step.id).done
    assert window.tree.source.outline.nodes[step.id].state == "done"
    window.controller.undo_stack.undo()
    assert not window.plan.get(NextStep, step.id).done
    # In the pass: its open next steps are listed, and a tick is an undo step too.
    dialog = start_pass(window)
    boxes = dialog.page.steps_box.findChildren(QCheckBox, "passOpenStep")
    assert [b.text() for b in boxes] == ["Ask finance", "Book the room"]
    boxes[1].setChecked(True)
    assert window.plan.get(NextStep, other.id).done
    assert window.controller.undo_stack.undoText() == "Tick off next step"


def test_a_key_result_deleted_during_the_pass_is_refused_in_a_sentence(
    open_window: OpenWindow, plan_path: Path
) -> None:
    window, krs = open_weekly(open_window, plan_path)
    dialog = start_pass(window)
    window.controller.delete(KeyResult, krs["sliding"].id)
    dialog.page.value.setText("50")
    dialog.page.confidence.setText("8")
    assert not dialog.save()
    assert dialog.error.text() == "The key result this check-in refers to does not exist."
    # Nothing was written (the deleted key result's own check-in went with it).
    assert window.plan.count(CheckIn) == 2


def test_file_export_calendar_writes_the_ics_off_the_ui_thread(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, tmp_path: Path
) -> None:
    import icalendar

    from okrdesk.gui.features.weekly.calendar import CalendarExport

    window, _krs = open_weekly(open_window, plan_path)
    out = tmp_path / "plan.ics"
    out.write_text("an older export")  # the save dialog asked and the person said replace
    feature = window.feature(CalendarExport)
    feature.ask_path = lambda: out
    file_actions = [a.objectName() for a in window.menus["file"].actions()]
    assert "exportCalendarAction" in file_actions
    feature.action.trigger()
    # The export queues on the window's thread pool behind the coach's first review,
    # which takes seconds on a loaded machine.
    qtbot.waitUntil(lambda: window.pages.isEnabled(), timeout=30000)
    assert not recorded(window).errors
    assert out.read_bytes().startswith(b"BEGIN")
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Weekly check-in (2026 Q1)"]
    assert "Exported 1 calendar events" in window.statusBar().currentMessage()
    # Refused targets are one sentence, nothing written.
    feature.ask_path = lambda: plan_path
    feature.action.trigger()
    qtbot.waitUntil(lambda: bool(recorded(window).errors), timeout=30000)
    assert window.pages.isEnabled()


# -- reminders, with an injected clock ----------------------------------------------------


def test_a_banner_at_start_when_the_check_in_came_while_okrdesk_was_not_running(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    from datetime import datetime

    from okrdesk.gui.features.weekly.reminders import Reminders

    window, _krs = open_weekly(open_window, plan_path)
    reminders: Reminders = window.feature(WeeklyRhythm).reminders
    notified: list[str] = []
    reminders.notify = lambda _title, text: notified.append(text)
    reminders.clock = lambda: datetime(2026, 2, 18, 16, 0)  # Wednesday: not yet
    assert reminders.check_at_start() is None
    assert not reminders.banner.isVisible()
    reminders.clock = lambda: datetime(2026, 2, 20, 15, 30)  # Friday after three
    assert reminders.check_at_start() is not None
    assert reminders.banner.isVisible()
    assert reminders.banner.label.text().strip() == "3 key results wait for this week's check-in."
    assert notified == []  # the banner says it; no notification as well
    # The banner's button starts the pass and goes away.
    reminders.banner.start.click()
    dialog = window.feature(WeeklyRhythm).dialog
    assert isinstance(dialog, WeeklyPassDialog) and dialog.isVisible()
    assert not reminders.banner.isVisible()


def test_a_notification_when_the_check_in_comes_while_running_once_a_week(
    open_window: OpenWindow, plan_path: Path
) -> None:
    from datetime import datetime

    window, _krs = open_weekly(open_window, plan_path)
    reminders = window.feature(WeeklyRhythm).reminders
    notified: list[str] = []
    reminders.notify = lambda _title, text: notified.append(text)
    reminders.clock = lambda: datetime(2026, 2, 20, 14, 59)
    assert reminders.check_running() is None
    reminders.clock = lambda: datetime(2026, 2, 20, 15, 0)
    assert reminders.check_running() is not None
    reminders.clock = lambda: datetime(2026, 2, 20, 15, 1)
    assert reminders.check_running() is None  # said this week already
    assert notified == ["3 key results wait for this week's check-in."]
    # The next week it comes again, and the one checked in last Monday waits too.
    reminders.clock = lambda: datetime(2026, 2, 27, 15, 0)
    window.clock = lambda: date(2026, 2, 27)
    assert reminders.check_running() is not None
    assert notified[-1] == "4 key results wait for this week's check-in."


def test_the_rhythm_is_set_in_plan_settings_as_one_undo_step(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    from datetime import time

    from okrdesk.gui.features.plan_settings import (
        CadenceSetting,
        PlanSettings,
        TimeSetting,
        WeekdaySetting,
    )
    from okrdesk.qt.core import QTime
    from okrdesk.services.rhythm import Rhythm, read_rhythm

    window, _krs = open_weekly(open_window, plan_path)
    dialog = window.feature(PlanSettings).open_settings()
    day = dialog.editors["checkin_day"]
    at = dialog.editors["checkin_time"]
    cadence = dialog.editors["meeting_cadence_days"]
    assert isinstance(day, WeekdaySetting) and isinstance(at, TimeSetting)
    assert isinstance(cadence, CadenceSetting)
    assert day.value() == 4 and at.value() == time(15, 0) and cadence.value() == 14
    day.box.setCurrentIndex(0)
    at.edit.setTime(QTime(9, 30))
    cadence.spin.setValue(7)
    assert dialog.save()
    assert read_rhythm(window.plan) == Rhythm(0, time(9, 30), 7)
    assert window.controller.undo_stack.count() == 1
    window.undo_action.trigger()
    assert read_rhythm(window.plan) == Rhythm()
