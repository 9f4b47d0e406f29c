"""The command line: every command, its errors as one line, and its exit statuses."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import pytest

from okrdesk import __version__
from okrdesk.cli import main
from okrdesk.domain.entities import CheckIn, Cycle, KeyResult, Mission
from okrdesk.services.demo import fill_demo
from okrdesk.services.plan import PlanService


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "plan.okrdesk"


@pytest.fixture
def demo_db(db: Path) -> Path:
    plan = PlanService.open(db)
    fill_demo(plan)
    plan.close()
    return db


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def one_error_line(err: str) -> str:
    """The single 'okrdesk: ...' line a failing command must print, and nothing more."""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("okrdesk: ")
    assert "Traceback" not in err
    return lines[0]


def count(db: Path, cls: type[Any]) -> int:
    plan = PlanService.open(db)
    try:
        return plan.count(cls)
    finally:
        plan.close()


# -- version, help, mistakes ------------------------------------------------------------


def test_version(capsys: pytest.CaptureFixture[str]):
    status, out, _err = run(capsys, "--version")
    assert status == 0
    assert out.strip() == f"okrdesk {__version__}"


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]):
    status, out, _err = run(capsys, "--help")
    assert status == 0
    for command in ("demo", "list", "checkin", "export", "import"):
        assert command in out


@pytest.mark.parametrize(
    "argv",
    [["bogus"], ["list", "--format", "xml"], ["export", "xlsx", "out.xlsx"], ["checkin", "x"]],
    ids=["unknown-command", "bad-choice", "bad-format", "missing-value"],
)
def test_a_command_line_mistake_is_one_line_and_status_2(
    capsys: pytest.CaptureFixture[str], argv: list[str]
):
    status, _out, err = run(capsys, *argv)
    assert status == 2
    assert "see okrdesk --help" in one_error_line(err)


# -- demo and list ----------------------------------------------------------------------


def test_demo_fills_a_new_plan_and_refuses_a_second_time(
    capsys: pytest.CaptureFixture[str], db: Path
):
    status, out, _err = run(capsys, "--db", str(db), "demo")
    assert status == 0
    assert str(db) in out
    missions = count(db, Mission)
    assert missions >= 3

    status, _out, err = run(capsys, "demo", "--db", str(db))
    assert status == 1
    assert "already has missions" in one_error_line(err)
    assert count(db, Mission) == missions


def test_list_text_is_an_indented_tree_with_progress(
    capsys: pytest.CaptureFixture[str], demo_db: Path
):
    status, out, _err = run(capsys, "--db", str(demo_db), "list")
    assert status == 0
    lines = out.splitlines()
    # The person's purpose and values come first, then the tree.
    assert lines[0].startswith("Purpose: I build software")
    assert lines[1] == "Values: Craft · Generosity · Calm"
    assert lines[3] == "Missions"
    mission = next(line for line in lines if "Make month-end reports fast" in line)
    assert mission.endswith("(for Customers, Colleagues)")
    objective = next(line for line in lines if "loads fast on a practice's busiest day" in line)
    indent = len(mission) - len(mission.lstrip())
    assert len(objective) - len(objective.lstrip()) == indent + 2
    assert objective.rstrip().endswith("%")
    assert any("[achieved]" in line for line in lines)
    assert "One-on-ones" in lines


def test_list_json_gives_ids_kinds_titles_parents_and_progress(
    capsys: pytest.CaptureFixture[str], demo_db: Path
):
    status, out, _err = run(capsys, "--db", str(demo_db), "list", "--format", "json")
    assert status == 0
    rows = json.loads(out)
    ids = {row["id"] for row in rows}
    assert len(ids) == len(rows)
    for row in rows:
        assert {"id", "kind", "title", "parent_id", "progress"} <= row.keys()
        assert row["parent_id"] is None or row["parent_id"] in ids
        assert row["progress"] is None or 0.0 <= row["progress"] <= 1.0
    kinds = {row["kind"] for row in rows}
    assert {"mission", "objective", "key_result", "milestone", "meeting"} <= kinds
    assert rows[0]["kind"] == "purpose" and rows[0]["values"] == ["Craft", "Generosity", "Calm"]
    served = [row["stakeholders"] for row in rows if row["kind"] == "mission"]
    assert ["Customers", "Colleagues"] in served
    assert sum(1 for row in rows if row["kind"] == "key_result") == count(demo_db, KeyResult)


def test_list_for_one_cycle(capsys: pytest.CaptureFixture[str], demo_db: Path):
    status, all_out, _err = run(capsys, "--db", str(demo_db), "list")
    plan = PlanService.open(demo_db)
    older = min(plan.all(Cycle), key=lambda c: c.start)
    plan.close()
    status, out, _err = run(capsys, "--db", str(demo_db), "list", "--cycle", older.name.lower())
    assert status == 0
    assert "Ship the new PDF export" in out
    assert "Make on-call boring" not in out
    assert "Make on-call boring" in all_out


def test_list_of_an_unknown_cycle_names_the_cycles(
    capsys: pytest.CaptureFixture[str], demo_db: Path
):
    status, _out, err = run(capsys, "--db", str(demo_db), "list", "--cycle", "1999")
    assert status == 1
    line = one_error_line(err)
    assert "no cycle" in line and "Q" in line


def test_list_of_a_missing_plan_does_not_create_one(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
):
    missing = tmp_path / "typo.okrdesk"
    status, _out, err = run(capsys, "--db", str(missing), "list")
    assert status == 1
    assert "no plan at" in one_error_line(err)
    assert not missing.exists()


def test_list_of_an_empty_plan_says_so(capsys: pytest.CaptureFixture[str], db: Path):
    PlanService.open(db).close()
    status, out, _err = run(capsys, "--db", str(db), "list")
    assert status == 0
    assert "empty" in out


def test_a_file_that_is_no_plan_is_one_line(capsys: pytest.CaptureFixture[str], tmp_path: Path):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("shopping list", encoding="utf-8")
    status, _out, err = run(capsys, "--db", str(bogus), "list")
    assert status == 1
    assert "not an okrdesk plan" in one_error_line(err)
    assert bogus.read_text(encoding="utf-8") == "shopping list"


def test_the_plan_comes_from_okrdesk_db(
    capsys: pytest.CaptureFixture[str], demo_db: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("OKRDESK_DB", str(demo_db))
    status, out, _err = run(capsys, "list")
    assert status == 0
    assert "Make on-call boring" in out


# -- checkin ----------------------------------------------------------------------------


def latest(db: Path, title: str) -> CheckIn:
    plan = PlanService.open(db)
    try:
        kr = next(k for k in plan.all(KeyResult) if k.title == title)
        return plan.check_ins(kr.id)[-1]
    finally:
        plan.close()


def test_checkin_by_title_prefix(capsys: pytest.CaptureFixture[str], demo_db: Path):
    status, out, _err = run(
        capsys,
        "--db",
        str(demo_db),
        "checkin",
        "P95 LOAD",
        "4.2",
        "--confidence",
        "75%",
        "--note",
        "index on the ledger join",
        "--date",
        "2099-01-02",
    )
    assert status == 0
    assert "p95 load time of the month-end report" in out
    assert "confidence 7.5 in 10" in out
    check_in = latest(demo_db, "p95 load time of the month-end report")
    assert (check_in.value, check_in.confidence, check_in.note) == (
        4.2,
        0.75,
        "index on the ledger join",
    )
    assert check_in.date.isoformat() == "2099-01-02"


@pytest.mark.parametrize(
    ("written", "stored", "said"),
    [
        ("7", 0.7, "7 in 10"),
        ("7/10", 0.7, "7 in 10"),
        ("7 in 10", 0.7, "7 in 10"),
        ("0.8", 0.8, "8 in 10"),
    ],
)
def test_checkin_confidence_is_written_and_said_in_10(
    capsys: pytest.CaptureFixture[str], demo_db: Path, written: str, stored: float, said: str
):
    status, out, _err = run(
        capsys, "--db", str(demo_db), "checkin", "Runbooks", "9", "--confidence", written
    )
    assert status == 0
    assert f"confidence {said};" in out
    assert latest(demo_db, "Runbooks written for the reports service's alerts").confidence == stored


def test_checkin_by_id_and_done_for_a_milestone(capsys: pytest.CaptureFixture[str], demo_db: Path):
    title = "Mismatch alerts shipped to every practice"
    plan = PlanService.open(demo_db)
    kr = next(k for k in plan.all(KeyResult) if k.title == title)
    plan.close()
    status, _out, _err = run(
        capsys, "--db", str(demo_db), "checkin", kr.id, "done", "--date", "2099-01-02"
    )
    assert status == 0
    assert latest(demo_db, title).value == 1.0


def test_checkin_on_an_ambiguous_prefix_lists_the_candidates(
    capsys: pytest.CaptureFixture[str], demo_db: Path
):
    before = count(demo_db, CheckIn)
    status, _out, err = run(capsys, "--db", str(demo_db), "checkin", "pages", "3")
    assert status == 1
    line = one_error_line(err)
    assert "matches 2 key results" in line
    assert "Pages per week across the team" in line and "Pages during my on-call weeks" in line
    assert count(demo_db, CheckIn) == before


def test_checkin_on_an_unknown_key_result(capsys: pytest.CaptureFixture[str], demo_db: Path):
    status, _out, err = run(capsys, "--db", str(demo_db), "checkin", "velocity", "3")
    assert status == 1
    assert "no key result has the id or a title starting with “velocity”" in one_error_line(err)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["abc"], "Value must be a number"),
        (["3", "--date", "31/12/2026"], "Date must be a date"),
        (["3", "--confidence", "70"], "Confidence goes from 0 to 10 (7 means 7 in 10)"),
        (["3", "--confidence", "high"], "Confidence is how sure you are, in 10"),
    ],
    ids=["value", "date", "confidence-range", "confidence-text"],
)
def test_checkin_with_a_bad_value_writes_nothing(
    capsys: pytest.CaptureFixture[str], demo_db: Path, extra: list[str], message: str
):
    before = count(demo_db, CheckIn)
    status, _out, err = run(capsys, "--db", str(demo_db), "checkin", "Runbooks", *extra)
    assert status == 1
    assert message in one_error_line(err)
    assert count(demo_db, CheckIn) == before


# -- export and import ------------------------------------------------------------------


def test_export_then_import_into_a_new_plan(
    capsys: pytest.CaptureFixture[str], demo_db: Path, tmp_path: Path
):
    out_file = tmp_path / "plan.json"
    status, out, _err = run(capsys, "--db", str(demo_db), "export", "json", str(out_file))
    assert status == 0
    assert stat.S_IMODE(out_file.stat().st_mode) == 0o600
    assert json.loads(out_file.read_text(encoding="utf-8"))["format"] == "okrdesk-plan"

    new_db = tmp_path / "new.okrdesk"
    status, out, _err = run(capsys, "--db", str(new_db), "import", "json", str(out_file))
    assert status == 0
    assert "key results" in out
    assert count(new_db, CheckIn) == count(demo_db, CheckIn)


def test_export_into_a_missing_folder_is_one_line(
    capsys: pytest.CaptureFixture[str], demo_db: Path, tmp_path: Path
):
    target = tmp_path / "no" / "such" / "folder" / "plan.json"
    status, _out, err = run(capsys, "--db", str(demo_db), "export", "json", str(target))
    assert status == 1
    assert "does not exist; nothing was written" in one_error_line(err)


def test_a_refused_import_exits_2_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], demo_db: Path, tmp_path: Path
):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "okrdesk-plan", "version": 99}', encoding="utf-8")
    before = (count(demo_db, Mission), count(demo_db, CheckIn))
    status, _out, err = run(capsys, "--db", str(demo_db), "import", "json", str(bad))
    assert status == 2
    line = one_error_line(err)
    assert "import refused" in line and "version 99" in line and "Nothing was written" in line
    assert (count(demo_db, Mission), count(demo_db, CheckIn)) == before


def test_importing_a_missing_file_is_one_line(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
):
    status, _out, err = run(capsys, "--db", str(db), "import", "json", str(tmp_path / "x.json"))
    assert status == 1
    assert "x.json" in one_error_line(err)


# -- opening the window -----------------------------------------------------------------


@pytest.fixture
def fake_app(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Stands in for okrdesk.gui.app: records how run_app was called."""
    calls: list[dict[str, Any]] = []
    module = types.ModuleType("okrdesk.gui.app")

    def run_app(db_path: Path, **options: Any) -> int:
        calls.append({"db_path": db_path, **options, "platform": os.environ.get("QT_QPA_PLATFORM")})
        return 0

    module.run_app = run_app  # a module made at run time: no declared names
    monkeypatch.setitem(sys.modules, "okrdesk.gui.app", module)
    return calls


@pytest.fixture
def no_display(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")


def test_no_display_is_one_line_and_status_1(
    capsys: pytest.CaptureFixture[str], no_display: None, fake_app: list[dict[str, Any]]
):
    status, _out, err = run(capsys)
    assert status == 1
    assert one_error_line(err).startswith("okrdesk: no display found; ")
    assert fake_app == []


def test_a_screenshot_needs_no_display(
    capsys: pytest.CaptureFixture[str],
    no_display: None,
    fake_app: list[dict[str, Any]],
    db: Path,
    tmp_path: Path,
):
    shot = tmp_path / "window.png"
    argv = ["--db", str(db), "--screenshot", str(shot), "--select", "On-call", "--size", "1280x800"]
    status, _out, _err = run(capsys, *argv)
    assert status == 0
    (call,) = fake_app
    assert call == {
        "db_path": db,
        "screenshot": shot,
        "select": "On-call",
        "size": (1280, 800),
        "platform": "offscreen",
    }


def test_without_db_the_window_chooses_the_plan(
    capsys: pytest.CaptureFixture[str],
    fake_app: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
):
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    status, _out, _err = run(capsys)
    assert status == 0
    (call,) = fake_app
    # None: the window reopens the last plan, else the default one.
    assert call["db_path"] is None
    assert call["size"] is None and call["screenshot"] is None


def test_the_window_opens_okrdesk_db(
    capsys: pytest.CaptureFixture[str],
    fake_app: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
):
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setenv("OKRDESK_DB", str(tmp_path / "from-env.okrdesk"))
    status, _out, _err = run(capsys)
    assert status == 0
    assert fake_app[0]["db_path"] == tmp_path / "from-env.okrdesk"


def test_commands_use_the_default_plan_and_make_its_folder(
    capsys: pytest.CaptureFixture[str], private_dirs: Path
):
    status, out, _err = run(capsys, "demo")
    assert status == 0
    made = list(private_dirs.rglob("plan.okrdesk"))
    assert len(made) == 1
    assert str(made[0]) in out
    assert stat.S_IMODE(made[0].parent.stat().st_mode) == 0o700


def test_a_bad_size_is_refused(capsys: pytest.CaptureFixture[str], fake_app: list[dict[str, Any]]):
    status, _out, err = run(capsys, "--screenshot", "x.png", "--size", "big")
    assert status == 2
    assert "WIDTHxHEIGHT" in one_error_line(err)
    assert fake_app == []


# -- a real process: no traceback, the right statuses -----------------------------------


def run_process(*argv: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **(env or {})}
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        environment.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "okrdesk", *argv],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="display detection is X11/Wayland")
def test_process_statuses_and_no_traceback(db: Path, tmp_path: Path):
    shown = run_process()
    assert shown.returncode == 1
    assert shown.stderr.startswith("okrdesk: no display found; ")
    assert "Traceback" not in shown.stderr

    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    refused = run_process("--db", str(db), "import", "json", str(bad))
    assert refused.returncode == 2
    assert refused.stderr.count("\n") == 1
    assert "Traceback" not in refused.stderr
    assert "not valid JSON" in refused.stderr

    filled = run_process("--db", str(db), "demo")
    assert filled.returncode == 0, filled.stderr
    listed = run_process("--db", str(db), "list", "--format", "json")
    assert listed.returncode == 0
    assert any(row["kind"] == "key_result" for row in json.loads(listed.stdout))
