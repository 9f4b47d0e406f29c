"""`okrdesk check` and `okrdesk classify`: what they print and their exit statuses."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from okrdesk.cli import main
from okrdesk.domain.coach import RULES
from okrdesk.domain.entities import KeyResult, Mission, Objective
from okrdesk.services.demo import fill_demo
from okrdesk.services.plan import PlanService

DAY = "2026-05-20"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "plan.okrdesk"


@pytest.fixture
def demo_db(db: Path) -> Path:
    plan = PlanService.open(db)
    fill_demo(plan, date.fromisoformat(DAY))
    plan.close()
    return db


@pytest.fixture
def flawed_db(db: Path) -> Path:
    """An objective without key results (an error) next to an output key result (a warning)."""
    plan = PlanService.open(db)
    mission = plan.add(Mission(title="Help customers close their month"))
    empty = plan.add(Objective(title="Partners recommend us", mission_id=mission.id))
    objective = plan.add(Objective(title="Month-end takes one evening", mission_id=mission.id))
    plan.add(KeyResult(objective_id=objective.id, title="Publish 5 blog posts", target=5))
    plan.close()
    del empty
    return db


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


# -- check ----------------------------------------------------------------------------------


def test_check_on_the_demo_prints_each_finding_with_its_reason_and_fix(
    capsys: pytest.CaptureFixture[str], demo_db: Path
) -> None:
    status, out, err = run(capsys, "check", "--db", str(demo_db), "--date", DAY)
    assert status == 0, err
    assert err == ""
    assert "KR-OUTPUT  key result: Rustlings exercises completed" in out
    assert "Fix: Move it to a milestone" in out
    [last] = [line for line in out.splitlines() if " findings (" in line]
    # (One of them the demo's overdue next step, KR-NEXT-STEP-OVERDUE; one MIS-NOT-EVALUABLE
    # advice, while one of the demo's missions does not say how it will be known to be served.)
    assert "KR-NEXT-STEP-OVERDUE" in out and out.count("MIS-NOT-EVALUABLE") == 1
    assert last.startswith("12 findings (0 errors, ")
    assert "1 dismissed" in last and "Plan strength" in last
    # And which items it left out, and why: the demo's team objectives are others'.
    assert "The coach leaves out" in out and "owned by" in out
    # Warnings come before info.
    lines = [line for line in out.splitlines() if line[:5] in ("warn ", "info ", "error")]
    severities = [line.split()[0] for line in lines]
    assert severities == sorted(severities, key=["error", "warn", "info"].index)


def test_check_json_is_a_list_of_findings(
    capsys: pytest.CaptureFixture[str], demo_db: Path
) -> None:
    status, out, _err = run(capsys, "check", "--format", "json", "--db", str(demo_db))
    assert status == 0
    findings = json.loads(out)
    assert isinstance(findings, list) and findings
    for finding in findings:
        assert {"rule_id", "severity", "item_id", "item_title", "reason", "fix"} <= set(finding)
        assert finding["why"] and finding["why"] not in finding["reason"]
        assert finding["rule_id"] in RULES
        assert finding["severity"] in ("info", "warn", "error")
    plan = PlanService.open(demo_db)
    try:
        ids = {kr.id: kr.title for kr in plan.all(KeyResult)}
    finally:
        plan.close()
    outputs = [f for f in findings if f["rule_id"] == "KR-OUTPUT"]
    assert outputs and all(ids[f["item_id"]] == f["item_title"] for f in outputs)


def test_an_error_level_finding_exits_1(capsys: pytest.CaptureFixture[str], flawed_db: Path):
    status, out, err = run(capsys, "check", "--db", str(flawed_db))
    assert status == 1
    assert err == ""
    assert "error  OBJ-NO-KR  objective: Partners recommend us" in out
    status, out, _err = run(capsys, "check", "--format", "json", "--db", str(flawed_db))
    assert status == 1
    assert {"OBJ-NO-KR", "KR-OUTPUT"} <= {f["rule_id"] for f in json.loads(out)}


def test_check_of_a_missing_plan_is_one_line_and_creates_nothing(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    status, out, err = run(capsys, "check", "--db", str(db))
    assert status == 1
    assert out == ""
    assert err.startswith("okrdesk: there is no plan") and len(err.splitlines()) == 1
    assert not db.exists()


def test_check_rules_lists_every_rule_without_a_plan(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    status, out, _err = run(capsys, "check", "--rules", "--db", str(db))
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == len(RULES)
    listed = {line.split()[0]: line.split()[1] for line in lines}
    assert listed == {rule_id: rule.severity.value for rule_id, rule in RULES.items()}
    assert RULES["KR-OUTPUT"].reason in out
    assert not db.exists()


def test_a_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str], demo_db: Path) -> None:
    status, _out, err = run(capsys, "check", "--date", "someday", "--db", str(demo_db))
    assert status == 2
    assert err.startswith("okrdesk: ") and len(err.splitlines()) == 1


# -- classify -------------------------------------------------------------------------------


def feed(monkeypatch: pytest.MonkeyPatch, text: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))


def test_classify_labels_each_line_and_skips_blank_ones(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, db: Path
) -> None:
    feed(
        monkeypatch,
        "Publish 5 blog posts\n\n  Increase trial-to-paid conversion from 2% to 4%  \n"
        "Grow ARR to $2M\n",
    )
    status, out, _err = run(capsys, "classify")
    assert status == 0
    assert out.splitlines() == [
        "output\tPublish 5 blog posts",
        "outcome\tIncrease trial-to-paid conversion from 2% to 4%",
        "impact\tGrow ARR to $2M",
    ]
    assert not db.exists()


def test_classify_why_adds_the_reasons(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed(monkeypatch, "Publish 5 blog posts\tabout tax\n")
    status, out, _err = run(capsys, "classify", "--why")
    assert status == 0
    [line] = out.splitlines()
    label, text, why = line.split("\t")
    assert (label, text) == ("output", "Publish 5 blog posts about tax")
    assert 'activity verb "publish"' in why


def test_classify_refuses_arguments_it_does_not_know(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    feed(monkeypatch, "Publish 5 blog posts\n")
    status, out, err = run(capsys, "classify", "extra")
    assert status == 2
    assert out == ""
    assert err.startswith("okrdesk: ")


# -- a real process -------------------------------------------------------------------------


def test_real_processes_check_and_classify(flawed_db: Path, tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "OKRDESK_DB": str(flawed_db)}
    env.pop("OKRDESK_DEBUG", None)
    command = [sys.executable, "-c", "import sys; from okrdesk.cli import main; sys.exit(main())"]
    checked = subprocess.run(
        [*command, "check", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert checked.returncode == 1, checked.stderr
    assert "OBJ-NO-KR" in {f["rule_id"] for f in json.loads(checked.stdout)}
    classified = subprocess.run(
        [*command, "classify"],
        input="Conduct 50 customer interviews\nReduce churn from 5% to 3%\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert classified.returncode == 0, classified.stderr
    assert classified.stdout.splitlines() == [
        "output\tConduct 50 customer interviews",
        "outcome\tReduce churn from 5% to 3%",
    ]
    assert "Traceback" not in checked.stderr + classified.stderr


# -- owner ----------------------------------------------------------------------------------


def test_owner_shows_and_sets_whose_plan_it_is(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = str(tmp_path / "plan.okrdesk")
    PlanService.open(Path(db)).close()
    assert run(capsys, "owner", "--db", db)[1].strip() == "The plan has no owner yet."
    status, out, _err = run(capsys, "owner", "  Maya ", "--db", db)
    assert status == 0 and out.strip() == "The plan's owner is now Maya."
    assert run(capsys, "owner", "--db", db)[1].strip() == "Maya"
    status, _out, err = run(capsys, "owner", "Maya\nL", "--db", db)
    assert status != 0 and "one line" in err
    assert run(capsys, "owner", "--db", db)[1].strip() == "Maya"


def test_check_on_an_empty_plan_claims_no_strength(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "plan.okrdesk"
    PlanService.open(db).close()
    status, out, _err = run(capsys, "check", "--db", str(db))
    assert status == 0
    assert "Nothing of yours to check yet, so no plan strength." in out
    assert "100 %" not in out
