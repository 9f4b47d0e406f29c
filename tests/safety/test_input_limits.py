"""What okrdesk refuses at input, with the right sentence: days outside 1900–2200, numbers
beyond ±10^15, a title over 300 characters (however long), a 400-digit number in a file;
and a negative number on the command line is a value, not an option."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from okrdesk.cli import main
from okrdesk.domain.entities import CheckIn, Cycle, KeyResult, Mission, Objective
from okrdesk.services.errors import ImportRefused, ValidationError
from okrdesk.services.exchange import import_plan
from okrdesk.services.plan import PlanService
from okrdesk.services.team import import_team


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "plan.okrdesk"
    plan = PlanService.open(path)
    objective = plan.create(Objective, title="Answer faster")
    plan.create(KeyResult, objective_id=objective.id, title="Tickets answered", target=10)
    plan.close()
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def check_ins(db: Path) -> list[CheckIn]:
    plan = PlanService.open(db)
    try:
        return plan.all(CheckIn)
    finally:
        plan.close()


@pytest.mark.parametrize("day", ["9999-12-31", "1899-12-31", "2201-01-01", "0001-01-01"])
def test_checkin_refuses_a_day_outside_the_window(
    day: str, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "--db", str(db), "checkin", "Tickets", "5", "--date", day)
    assert status == 1 and out == ""
    assert err == (f"okrdesk: Date must be a day between 1900-01-01 and 2200-12-31, not {day}.\n")
    assert check_ins(db) == []


@pytest.mark.parametrize("value", ["-1e308", "1e308", "-1e16"])
def test_checkin_takes_a_negative_number_as_a_value_and_refuses_an_extreme_one(
    value: str, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "--db", str(db), "checkin", "Tickets", value)
    assert status == 1 and out == ""
    assert err.startswith("okrdesk: Value must be a number between -10^15 and 10^15, not ")
    assert "unrecognized" not in err and "expected" not in err
    assert check_ins(db) == []


@pytest.mark.parametrize(("value", "stored"), [("-5", -5.0), ("-0.5", -0.5), ("-1,000", -1000.0)])
def test_an_ordinary_negative_value_is_checked_in(
    value: str, stored: float, db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _err = run(capsys, "--db", str(db), "checkin", "Tickets", value)
    assert status == 0 and "Checked in" in out
    assert [c.value for c in check_ins(db)] == [stored]


def test_a_million_character_title_is_refused_with_the_title_limit(plan: PlanService) -> None:
    with pytest.raises(ValidationError) as refused:
        plan.create(Mission, title="x" * 1_000_000)
    assert refused.value.field == "title"
    assert str(refused.value) == (
        "The title is too long: at most 300 characters (it has 1,000,000)."
    )
    assert plan.all(Mission) == []


def test_days_outside_the_window_are_refused_everywhere(plan: PlanService) -> None:
    with pytest.raises(ValidationError, match="between 1900-01-01 and 2200-12-31"):
        plan.create(Cycle, name="Forever", start="2026-01-01", end="9999-12-31")
    cycle = plan.create(Cycle, name="Q1", start="2026-01-01", end="2026-03-31")
    with pytest.raises(ValidationError, match="not 1066-10-14"):
        plan.update(Cycle, cycle.id, start="1066-10-14")


def test_a_400_digit_number_in_a_plan_file_is_one_sentence(
    plan: PlanService, tmp_path: Path
) -> None:
    path = tmp_path / "plan.json"
    path.write_text(
        '{"format": "okrdesk-plan", "version": 1, "check_ins": [{"value": ' + "9" * 400 + "}]}"
    )
    with pytest.raises(ImportRefused) as refused:
        import_plan(plan, path)
    assert str(refused.value) == (
        "plan.json holds a whole number of 400 digits; okrdesk reads numbers of at most 18 "
        "digits (write a larger one with an exponent, like 1.5e21)."
    )


def test_a_400_digit_number_in_a_team_file_is_one_sentence(
    plan: PlanService, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "team.json"
    document = {
        "format": "okrdesk-team",
        "version": 1,
        "origin": "x",
        "key_results": [{"id": "k", "objective_id": "o", "title": "K", "target": 1}],
    }
    path.write_text(json.dumps(document).replace('"target": 1', '"target": ' + "7" * 400))
    with pytest.raises(ImportRefused, match=r"team\.json holds a whole number of 400 digits"):
        import_team(plan, path)
    status = main(["--db", str(plan.path), "import", "team", str(path)])
    err = capsys.readouterr().err
    assert status == 2 and err.count("\n") == 1 and "OverflowError" not in err
