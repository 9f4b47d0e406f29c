"""`okrdesk checkin --from-csv FILE` and `okrdesk export calendar OUT.ics`."""

from __future__ import annotations

from pathlib import Path

import icalendar
import pytest

from okrdesk.cli import main
from okrdesk.domain.entities import CheckIn, KeyResult, Objective
from okrdesk.domain.enums import KeyResultKind
from okrdesk.services.plan import PlanService
from tests.builders import weekly_plan


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "plan.okrdesk"
    plan = PlanService.open(path)
    krs = weekly_plan(plan)
    objective = plan.get(Objective, krs["steady"].objective_id)
    plan.add(KeyResult(objective_id=objective.id, title="Launch", kind=KeyResultKind.MILESTONE))
    plan.close()
    return path


def check_ins(db: Path) -> list[CheckIn]:
    plan = PlanService.open(db)
    try:
        return plan.all(CheckIn)
    finally:
        plan.close()


def test_every_row_is_checked_in(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path):
    steady_id = next(kr.id for kr in _krs(db) if kr.title == "Steady")
    csv = tmp_path / "week.csv"
    csv.write_text(
        "key result,date,value,confidence,note\n"
        f'{steady_id},2026-02-20,61,7,"Up, thanks to the cache"\n'
        "sliding,2026-02-20,9,3 in 10\n"
        "Launch,2026-02-20,done\n",
        encoding="utf-8",
    )
    before = {c.id for c in check_ins(db)}
    status, out, err = run(capsys, "--db", str(db), "checkin", "--from-csv", str(csv))
    assert (status, err) == (0, "")
    assert out == "Checked in 3 values on 3 key results from week.csv.\n"
    found = {c.key_result_id: c for c in check_ins(db) if c.id not in before}
    assert found[steady_id].note == "Up, thanks to the cache" and found[steady_id].confidence == 0.7
    assert sorted(c.value for c in found.values()) == [1.0, 9.0, 61.0]


def test_a_file_with_bad_rows_is_refused_whole_with_one_line_per_row(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    csv = tmp_path / "week.csv"
    csv.write_text(
        "Steady,2026-02-20,61,7\n"
        "Nobody,2026-02-20,1\n"
        "Steady,20/02/2026,61\n"
        "Steady,2026-02-20,lots\n"
        "Steady,2026-02-20,61,eleven\n"
        "Steady,2026-02-20\n",
        encoding="utf-8",
    )
    before = len(check_ins(db))
    status, out, err = run(capsys, "--db", str(db), "checkin", "--from-csv", str(csv))
    assert status == 2 and out == ""
    lines = err.splitlines()
    assert lines[0] == "okrdesk: week.csv was refused: 5 bad rows. Nothing was written."
    assert [line.split(":")[0].strip() for line in lines[1:]] == [
        "row 2", "row 3", "row 4", "row 5", "row 6",
    ]  # fmt: skip
    assert "no key result has the id or title “Nobody”" in lines[1]
    assert "onfidence" in lines[4] and "3 to 5 columns" in lines[5]
    assert len(check_ins(db)) == before


def test_from_csv_and_a_key_result_are_not_given_together(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    status, _out, err = run(capsys, "--db", str(db), "checkin", "Steady", "--from-csv", "x.csv")
    assert status == 2 and "not both" in err
    status, _out, err = run(capsys, "--db", str(db), "checkin")
    assert status == 2 and "which key result" in err


def test_export_calendar_writes_an_ics_file(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    out = tmp_path / "plan.ics"
    status, text, err = run(capsys, "--db", str(db), "export", "calendar", str(out))
    assert (status, err) == (0, "") and "calendar events" in text
    calendar = icalendar.Calendar.from_ical(out.read_bytes())
    assert calendar.walk("VCALENDAR")
    status, _text, err = run(capsys, "--db", str(db), "export", "calendar", str(out))
    assert status == 1 and "exists" in err
    status, _text, _err = run(capsys, "--db", str(db), "export", "calendar", str(out), "--force")
    assert status == 0


def _krs(db: Path) -> list[KeyResult]:
    plan = PlanService.open(db)
    try:
        return plan.all(KeyResult)
    finally:
        plan.close()
