"""`okrdesk list --format json`: every item with its computed numbers."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from okrdesk.cli import main
from okrdesk.cli.listing import json_rows
from okrdesk.domain.entities import CheckIn, Cycle, KeyResult, Milestone, Mission, Objective
from okrdesk.services.plan import PlanService

TODAY = date(2026, 2, 14)
NUMBERS = ("expected_progress", "health", "forecast", "score", "score_band", "confidence")


@pytest.fixture
def small(plan_path: Path) -> dict[str, str]:
    plan = PlanService.open(plan_path)
    q1 = plan.create(Cycle, name="Q1", start="2026-01-01", end="2026-03-31")
    care = plan.create(Mission, title="Care")
    speed = plan.create(Objective, title="Answer fast", mission_id=care.id, cycle_id=q1.id)
    done = plan.create(
        Objective, title="Old goal", mission_id=care.id, cycle_id=q1.id, state="achieved"
    )
    reply = plan.create(KeyResult, objective_id=speed.id, title="Reply", baseline=0, target=10)
    shipped = plan.create(KeyResult, objective_id=done.id, title="Shipped", target=4)
    plan.add(CheckIn(key_result_id=reply.id, date=date(2026, 1, 10), value=2, confidence=0.8))
    plan.add(CheckIn(key_result_id=reply.id, date=date(2026, 2, 1), value=4, confidence=0.6))
    plan.add(CheckIn(key_result_id=shipped.id, date=date(2026, 2, 1), value=3))
    milestone = plan.create(Milestone, objective_id=speed.id, title="Desk")
    plan.close()
    return {
        "care": care.id,
        "speed": speed.id,
        "done": done.id,
        "reply": reply.id,
        "milestone": milestone.id,
    }


def test_rows_carry_every_number(plan_path: Path, small: dict[str, str]) -> None:
    plan = PlanService.open(plan_path)
    try:
        rows = {row["id"]: row for row in json_rows(plan, today=TODAY)}
    finally:
        plan.close()
    reply = rows[small["reply"]]
    assert reply["kind"] == "key_result" and reply["progress"] == pytest.approx(0.4)
    assert reply["expected_progress"] == pytest.approx(44 / 89)
    assert reply["health"] in ("on_track", "at_risk", "off_track")
    assert reply["confidence"] == 0.6
    assert reply["forecast"]["date"] == "2026-03-31"
    assert isinstance(reply["forecast"]["trending_off_track"], bool)
    assert reply["score"] is None
    done = rows[small["done"]]
    assert done["state"] == "achieved" and done["health"] == "achieved"
    assert done["score"] == pytest.approx(0.75) and done["score_band"] == "short"
    assert rows[small["speed"]]["score"] is None
    assert rows[small["care"]]["health"] is not None
    milestone = rows[small["milestone"]]
    assert all(milestone[name] is None for name in NUMBERS)
    assert milestone["progress"] == 0.0


def test_list_json_from_the_command_line(
    capsys: pytest.CaptureFixture[str], plan_path: Path, small: dict[str, str]
) -> None:
    assert main(["--db", str(plan_path), "list", "--format", "json", "--cycle", "Q1"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {"id", "kind", "title", "parent_id", "progress", *NUMBERS} <= set(rows[0])
    reply = next(row for row in rows if row["id"] == small["reply"])
    assert reply["health"] and reply["forecast"] is not None
    # The text tree is as it was.
    assert main(["--db", str(plan_path), "list"]) == 0
    out = capsys.readouterr().out
    assert "Answer fast" in out and "Desk" in out
    assert "{" not in out


def test_the_text_list_shortens_a_long_note_at_a_word_with_an_ellipsis(
    small: dict[str, str], plan_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from okrdesk.domain.entities import GrowthNote

    plan = PlanService.open(plan_path)
    words = "Learned that asking customers early saves weeks of building the wrong thing"
    plan.add(GrowthNote(milestone_id=small["milestone"], date=TODAY, text=words + " " + words))
    plan.close()
    assert main(["list", "--db", str(plan_path)]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if "Learned that" in x)
    shown = line.strip()
    assert shown.endswith("…") and len(shown) <= 80
    assert (words + " " + words).startswith(shown[:-1])
    assert shown[:-1].split()[-1] in (words + " " + words).split()  # a whole word
