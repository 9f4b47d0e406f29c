"""okrdesk export team / import team / import markdown / import csv."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from okrdesk.cli import main
from okrdesk.domain.entities import Cycle, KeyResult, Objective
from okrdesk.services.demo import fill_demo
from okrdesk.services.plan import PlanService

BIFROST = Path(__file__).parent.parent / "data" / "okr-plans" / "ipfs_bifrost_2019-q4.raw.txt"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_export_team_then_import_it_into_a_new_plan(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    manager = tmp_path / "manager.okrdesk"
    plan = PlanService.open(manager)
    fill_demo(plan)
    cycle = next(c for c in plan.all(Cycle) if c.name == "2026 Q4")
    plan.close()
    out = tmp_path / "team.json"
    status, printed, _ = run(
        capsys, "export", "team", str(out), "--cycle", "2026 Q4", "--db", str(manager)
    )
    assert status == 0 and "of 2026 Q4" in printed
    document = json.loads(out.read_text(encoding="utf-8"))
    assert all(o["cycle_id"] == cycle.id for o in document["objectives"])

    mine = tmp_path / "mine.okrdesk"  # does not exist yet: import creates it
    status, printed, _ = run(capsys, "import", "team", str(out), "--db", str(mine))
    assert status == 0
    assert f"{len(document['objectives'])} objectives" in printed and "added" in printed
    status, printed, _ = run(capsys, "import", "team", str(out), "--db", str(mine))
    assert "0 added, 0 updated, 0 archived" in printed


def test_import_markdown_prints_what_it_did_not_understand(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "plan.okrdesk"
    status, printed, _ = run(
        capsys, "import", "markdown", str(BIFROST), "--team", "Bifrost", "--db", str(db)
    )
    assert status == 0
    lines = printed.splitlines()
    assert lines[0].startswith("Read 5 objectives and 18 key results")
    assert any("not an objective or key result" in line or "prose" in line for line in lines[1:])
    plan = PlanService.open(db)
    assert plan.count(Objective) == 5 and plan.count(KeyResult) == 18
    plan.close()


def test_import_csv_and_a_refused_one(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    db = tmp_path / "plan.okrdesk"
    good = tmp_path / "okrs.csv"
    good.write_text(
        "objective,key result,owner,cycle,target,unit\nShip it,Users 100,Ana,2026 Q1,100,users\n",
        encoding="utf-8",
    )
    status, printed, _ = run(capsys, "import", "csv", str(good), "--db", str(db))
    assert status == 0 and "1 objective and 1 key result" in printed
    bad = tmp_path / "odd.csv"
    bad.write_text("Goal,Measure\nA,B\n", encoding="utf-8")
    status, _, err = run(capsys, "import", "team", str(bad), "--db", str(db))
    assert status == 2 and "no “objective” column" in err and "Nothing was written" in err
