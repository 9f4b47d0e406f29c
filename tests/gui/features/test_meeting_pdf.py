"""A one-on-one's PDF: agenda, notes, action items and since last time, read back with
pypdf; private notes only when asked; from the report, the command line and the window."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from okrdesk.cli import main
from okrdesk.domain.entities import (
    ActionItem,
    AgendaPoint,
    CheckIn,
    Cycle,
    KeyResult,
    Meeting,
    Mission,
    Objective,
)
from okrdesk.domain.enums import MeetingKind
from okrdesk.gui.features.meetings.feature import Meetings
from okrdesk.report.meeting import export_meeting_pdf
from okrdesk.services.meetings import close_meeting
from okrdesk.services.plan import PlanService
from tests.gui.helpers import OpenWindow

FIRST = date(2026, 2, 2)
SECOND = date(2026, 2, 16)
PRIVATE = "I am thinking about leaving the team"


def pdf_text(path: Path) -> str:
    reader = PdfReader(str(path))
    return "\n".join(page.extract_text() for page in reader.pages)


def squashed(text: str) -> str:
    """Extracted text breaks lines where the layout did: compare without whitespace."""
    return "".join(text.split())


@pytest.fixture
def meeting_plan(plan_path: Path) -> str:
    """Two one-on-ones: the first closed; a key result moved between them; the second
    with an agenda, notes (one section private) and action items. Returns its id."""
    plan = PlanService.open(plan_path)
    plan.set_info("owner", "Maya")
    cycle = plan.add(Cycle(name="2026 Q1", start=date(2026, 1, 1), end=date(2026, 3, 31)))
    mission = plan.add(Mission(title="Calm month-ends"))
    objective = plan.add(
        Objective(title="Reports people trust", mission_id=mission.id, cycle_id=cycle.id)
    )
    kr = plan.add(
        KeyResult(objective_id=objective.id, title="Load time", baseline=0, target=100, unit="ms")
    )
    plan.add(CheckIn(key_result_id=kr.id, date=date(2026, 1, 30), value=25, confidence=0.8))
    first = plan.add(Meeting(date=FIRST, counterpart="Daniel", cycle_id=cycle.id))
    close_meeting(plan, first.id, FIRST)
    plan.add(CheckIn(key_result_id=kr.id, date=date(2026, 2, 12), value=40, confidence=0.6))
    second = plan.add(
        Meeting(
            date=SECOND,
            counterpart="Daniel",
            cycle_id=cycle.id,
            progress="Query fix shipped <b>early</b>",
            difficulties=PRIVATE,
            difficulties_private=True,
        )
    )
    plan.add(AgendaPoint(meeting_id=second.id, text="Conference budget", done=True))
    plan.add(AgendaPoint(meeting_id=second.id, text="Totals view design review"))
    plan.add(ActionItem(meeting_id=second.id, text="Book the dry run", owner="Maya"))
    plan.close()
    return second.id


def test_the_pdf_holds_the_summary_and_leaves_private_notes_out(
    qapp: object, plan_path: Path, meeting_plan: str, tmp_path: Path
) -> None:
    plan = PlanService.open(plan_path)
    out = tmp_path / "meeting.pdf"
    result = export_meeting_pdf(plan, meeting_plan, out, today=SECOND)
    plan.close()
    assert result.pages >= 1 and result.private_left_out == 1
    text = squashed(pdf_text(out))
    for expected in (
        "One-on-onewithDaniel",
        "16February2026",
        "regularone-on-one",
        "Conferencebudget",
        "Totalsviewdesignreview",
        "Queryfixshipped<b>early</b>",  # the person's words, not markup
        "Bookthedryrun",
        "Sincelasttime",
        "Comparedwiththeone-on-oneof2February2026",
        "25→40ms(+15)",
        "8→6in10(-2)",
        "1privatenoteleftout",
    ):
        assert expected in text, expected
    assert squashed(PRIVATE) not in text

    with_private = tmp_path / "private.pdf"
    plan = PlanService.open(plan_path)
    export_meeting_pdf(plan, meeting_plan, with_private, include_private=True, today=SECOND)
    plan.close()
    text = squashed(pdf_text(with_private))
    assert squashed(PRIVATE) in text
    assert "Difficulties(private)" in text


def test_the_pdf_of_a_meeting_for_agreeing_missions_says_so(
    qapp: object, plan_path: Path, meeting_plan: str, tmp_path: Path
) -> None:
    plan = PlanService.open(plan_path)
    plan.update(Meeting, meeting_plan, kind=MeetingKind.MISSIONS)
    out = tmp_path / "missions.pdf"
    export_meeting_pdf(plan, meeting_plan, out, today=SECOND)
    plan.close()
    text = squashed(pdf_text(out))
    assert "16February2026·2026Q1·agreeingmissions·open" in text
    assert "regularone-on-one" not in text


def test_the_command_line_exports_a_meeting_by_day(
    capsys: pytest.CaptureFixture[str], plan_path: Path, meeting_plan: str, tmp_path: Path
) -> None:
    out = tmp_path / "cli.pdf"
    status = main(["export", "meeting", SECOND.isoformat(), str(out), "--db", str(plan_path)])
    captured = capsys.readouterr()
    assert status == 0, captured.err
    assert "1 private note was left out" in captured.out
    assert squashed(PRIVATE) not in squashed(pdf_text(out))

    status = main(["export", "meeting", "2026-03-01", str(out), "--db", str(plan_path)])
    captured = capsys.readouterr()
    assert status != 0
    assert captured.err.startswith("okrdesk: ") and len(captured.err.splitlines()) == 1


def test_the_window_exports_the_selected_meeting(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path, meeting_plan: str, tmp_path: Path
) -> None:
    window = open_window(plan_path)
    window.clock = lambda: SECOND
    window.tree.select_node(meeting_plan)
    out = tmp_path / "window.pdf"
    assert window.feature(Meetings).export_action.text() == "Export one-on-one as PDF…"
    from okrdesk.gui.features.meetings.export import export_meeting

    assert export_meeting(window, out, include_private=False)
    qtbot.waitUntil(out.exists, timeout=20000)
    qtbot.waitUntil(lambda: "Exported the one-on-one" in window.statusBar().currentMessage())
    text = squashed(pdf_text(out))
    assert "Totalsviewdesignreview" in text
    assert squashed(PRIVATE) not in text
