"""The self-review PDF, read back with pypdf: what a person takes to their appraisal."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from okrdesk.cli import main
from okrdesk.domain.entities import GrowthNote, Meeting
from okrdesk.domain.enums import NoteKind
from okrdesk.report.self_review import export_self_review_pdf
from okrdesk.services.plan import PlanService
from okrdesk.services.self_review import self_review
from tests.builders import Closable, closable_plan
from tests.report.sample_plan import page_texts
from tests.services.test_cycle_close import full_close

pytestmark = pytest.mark.usefixtures("qapp")

PRIVATE = "My manager doubts the guide (private)"


@pytest.fixture
def closed(plan: PlanService) -> Closable:
    made = closable_plan(plan)
    full_close(made).apply(plan)
    plan.add(GrowthNote(milestone_id=made.milestone.id, date=date(2026, 3, 1), text=PRIVATE,
                        kind=NoteKind.FEEDBACK, private=True))  # fmt: skip
    plan.add(GrowthNote(milestone_id=made.milestone.id, date=date(2026, 3, 2),
                        text="Two hires said the guide <b>saved</b> them a week",
                        kind=NoteKind.FEEDBACK))  # fmt: skip
    plan.add(Meeting(date=date(2026, 3, 10), counterpart="Dana", cycle_id=made.cycle.id,
                     feedback="Keep writing short pages"))  # fmt: skip
    return made


def test_the_review_holds_scores_movers_learnings_and_feedback(
    plan: PlanService, closed: Closable
) -> None:
    review = self_review(plan, closed.cycle.id)
    assert [(o.title, o.score, o.decision) for o in review.objectives] == [
        ("Make onboarding self-serve", 0.9, "keep"),
        ("Answer every question within a day", 0.4, "change"),
    ]
    assert [m.title for m in review.movers] == ["Pages written", "Readers a week",
                                                "Hours to answer"]  # fmt: skip
    assert review.missions[0].cited == ("Readers a week", "Short pages get read.")
    assert [text for _day, text in review.feedback] == [
        "Two hires said the guide <b>saved</b> them a week",
        "Keep writing short pages",
    ]
    assert review.private_left_out == 1
    assert self_review(plan, closed.cycle.id, include_private=True).private_left_out == 0


def test_the_pdf_reads_as_a_self_review_and_leaves_private_notes_out(
    plan: PlanService, closed: Closable, tmp_path: Path
) -> None:
    out = tmp_path / "review.pdf"
    result = export_self_review_pdf(plan, closed.cycle.id, out)
    text = " ".join(page_texts(out))
    assert result.pages >= 1 and result.private_left_out == 1
    for expected in (
        "Self-review: 2026 Q1",
        "Missions and how they were served",
        "Served 4 of 5, well served",
        "Adjusted from 0.50 Two answers took a week",
        "Main cause Underestimated the work: Questions come in bursts",
        "I learned that a rota beats heroics",
        "Growth path Technical writing",
        "Two hires said the guide <b>saved</b> them a week",
        "1 private note left out.",
    ):
        assert expected in text, expected
    assert PRIVATE not in text
    with_private = tmp_path / "private.pdf"
    export_self_review_pdf(plan, closed.cycle.id, with_private, include_private=True)
    assert PRIVATE in " ".join(page_texts(with_private))


def test_the_command_line_writes_it_whole_and_refuses_to_overwrite(
    plan: PlanService, closed: Closable, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(plan.path)
    out = tmp_path / "review.pdf"
    assert main(["export", "self-review", "2026 Q1", str(out), "--db", db]) == 0
    assert "Exported the self-review of 2026 Q1" in capsys.readouterr().out
    first = out.read_bytes()
    assert main(["export", "self-review", "2026 Q1", str(out), "--db", db]) == 1
    assert "okrdesk:" in capsys.readouterr().err and out.read_bytes() == first
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_mission_evaluated_before_shows_its_ratings_cycle_by_cycle(
    plan: PlanService, closed: Closable, tmp_path: Path
) -> None:
    from okrdesk.domain.entities import MissionEvaluation, Objective, ObjectiveClose
    from okrdesk.services.cycle_close import CloseCycle

    later = plan.create(Objective, title="Pair on questions", mission_id=closed.mission.id,
                        cycle_id=closed.next_cycle.id)  # fmt: skip
    CloseCycle(
        closed.next_cycle.id,
        (ObjectiveClose(objective_id=later.id, closed_on=date(2026, 7, 2), score=0.8),),
        (MissionEvaluation(mission_id=closed.mission.id, cycle_id=closed.next_cycle.id, rating=5),),
    ).apply(plan)
    out = tmp_path / "q2.pdf"
    export_self_review_pdf(plan, closed.next_cycle.id, out)
    text = " ".join(page_texts(out))
    assert "Served, cycle by cycle" in text
    assert "4 of 5 · 0.7" in text and "5 of 5 · 0.8" in text
    first = tmp_path / "q1.pdf"
    export_self_review_pdf(plan, closed.cycle.id, first)
    assert "Served, cycle by cycle" not in " ".join(page_texts(first))
