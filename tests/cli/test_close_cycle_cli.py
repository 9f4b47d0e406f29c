"""`okrdesk close-cycle NAME`: by options for scripts, by questions in a terminal."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from okrdesk.cli import main
from okrdesk.domain.entities import EvidenceLink, MissionEvaluation, Objective, ObjectiveClose
from okrdesk.domain.enums import CloseDecision, ObjectiveState, ShortfallCause
from okrdesk.services.plan import PlanService
from tests.builders import Closable, closable_plan


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, Closable]:
    path = tmp_path / "plan.okrdesk"
    plan = PlanService.open(path)
    made = closable_plan(plan)
    plan.close()
    return path, made


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def stored(path: Path) -> tuple[dict[str, ObjectiveClose], list[MissionEvaluation], int, dict]:
    plan = PlanService.open(path)
    try:
        closes = {plan.get(Objective, c.objective_id).title: c for c in plan.all(ObjectiveClose)}
        states = {o.title: o.state for o in plan.all(Objective)}
        return closes, plan.all(MissionEvaluation), plan.count(EvidenceLink), states
    finally:
        plan.close()


def test_options_close_the_cycle_without_asking(
    db: tuple[Path, Closable], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _made = db
    status, out, err = run(
        capsys, "close-cycle", "2026 q1", "--db", str(path), "--no-input", "--date", "2026-04-02",
        "--score", "Answer=0.4", "--reason", "Answer=two answers took a week",
        "--decision", "Answer=change", "--why", "Answer=a rota instead",
        "--cause", "Answer=underestimated", "--learned", "Make onboarding=short pages get read",
        "--rate", "Help new=4", "--evidence", "Help new=two hires onboarded alone",
        "--cite", "Help new=Readers", "--cite", "Help new=Short pages",
    )  # fmt: skip
    assert status == 0, err
    closes, evaluations, links, states = stored(path)
    speed = closes["Answer every question within a day"]
    assert (speed.score, speed.proposed, speed.decision, speed.cause) == (
        0.4, 0.5, CloseDecision.CHANGE, ShortfallCause.UNDERESTIMATED,
    )  # fmt: skip
    docs = closes["Make onboarding self-serve"]
    assert (docs.score, docs.decision, docs.learned) == (0.9, CloseDecision.KEEP,
                                                         "short pages get read")  # fmt: skip
    assert [e.rating for e in evaluations] == [4] and links == 2
    assert states["Answer every question within a day"] is ObjectiveState.MISSED
    assert "Closed 2026 Q1: 2 objectives scored, 1 of 1 missions evaluated." in out
    assert "0.40, Fell short (proposed 0.50: two answers took a week); change" in out


def test_without_a_rating_the_missions_are_named_as_waiting(
    db: tuple[Path, Closable], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _made = db
    status, out, _err = run(capsys, "close-cycle", "2026 Q1", "--db", str(path), "--no-input")
    assert status == 0
    assert "Not evaluated yet: “Help new colleagues find their feet”" in out
    closes, evaluations, _links, _states = stored(path)
    assert len(closes) == 2 and evaluations == []


def test_the_prompts_ask_for_each_objective_and_mission_with_defaults(
    db: tuple[Path, Closable], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _made = db
    answers = [
        # Make onboarding self-serve: keep the score, keep, a why, a learning.
        "", "", "still the biggest wait", "short pages get read",
        # Answer every question within a day: 0.4 with a reason, change, a cause.
        "1.7", "0.4", "two answers took a week", "chnage", "change", "a rota", "blocked_by_others",
        "the on-call team", "questions come in bursts",
        # The mission: a rating, evidence, what to change.
        "9", "5", "the new hires said so", "ask them earlier",
    ]  # fmt: skip
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(answers) + "\n"))
    status, out, err = run(capsys, "close-cycle", "2026 Q1", "--db", str(path), "--interactive")
    assert status == 0, err
    closes, evaluations, _links, _states = stored(path)
    speed = closes["Answer every question within a day"]
    assert (speed.score, speed.reason, speed.decision, speed.cause, speed.cause_text) == (
        0.4, "two answers took a week", CloseDecision.CHANGE, ShortfallCause.BLOCKED_BY_OTHERS,
        "the on-call team",
    )  # fmt: skip
    assert closes["Make onboarding self-serve"].decision_why == "still the biggest wait"
    assert [(e.rating, e.evidence, e.change) for e in evaluations] == [
        (5, "the new hires said so", "ask them earlier")
    ]
    assert "must be between 0 and 1" in out and "must be one of keep, change, drop" in out
    assert "proposed score 0.50" in out and "Short pages get read." in out


def test_a_cycle_that_does_not_exist_or_a_title_that_matches_nothing_is_one_line(
    db: tuple[Path, Closable], capsys: pytest.CaptureFixture[str]
) -> None:
    path, _made = db
    status, _out, err = run(capsys, "close-cycle", "2030 Q9", "--db", str(path), "--no-input")
    assert status == 1 and err.startswith("okrdesk: no cycle is named “2030 Q9”")
    assert "“2026 Q1”" in err
    status, _out, err = run(capsys, "close-cycle", "2026 Q1", "--db", str(path), "--no-input",
                            "--score", "Nothing like it=0.5")  # fmt: skip
    assert status == 1 and "no objective has the id or a title starting with" in err
    status, _out, err = run(capsys, "close-cycle", "2026 Q1", "--db", str(path), "--no-input",
                            "--score", "Answer=0.3")  # fmt: skip
    assert status == 1 and "Say why the score is 0.30 rather than the proposed 0.50" in err
    assert stored(path)[0] == {}
