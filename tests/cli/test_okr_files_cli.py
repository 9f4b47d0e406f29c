"""okrdesk import markdown|csv --dry-run, and okrdesk export csv|markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrdesk.cli import main
from okrdesk.domain.entities import Objective
from okrdesk.services.demo import fill_demo
from okrdesk.services.plan import PlanService

DOCS = Path(__file__).parent.parent / "data" / "okr-docs"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_a_dry_run_prints_the_tree_and_writes_nothing(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "plan.okrdesk"
    doc = DOCS / "terraforma-places-conflation.md"
    status, out, _ = run(capsys, "import", "markdown", str(doc), "--dry-run", "--db", str(db))
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith("terraforma-places-conflation.md: 1 objectives and 4 key results")
    assert lines[1].startswith("  Objective (line 3): Develop rule-based and machine learning")
    assert "KR (line 5): Normalization Dataset: Build and document" in lines[2]
    assert "status “Achieved. Received 0% parsing errors and 26 locations.”" in lines[2]
    assert any(
        line.startswith("  skipped lines 20–36: a note under a key result") for line in lines
    )
    assert lines[-1] == "Nothing was written (--dry-run)."
    assert not db.exists()


def test_a_dry_run_of_a_csv_and_of_a_refused_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = tmp_path / "okrs.csv"
    good.write_text("objective,key result\nShip it,Reach 100 users (0.4)\n", encoding="utf-8")
    status, out, _ = run(capsys, "import", "csv", str(good), "--dry-run", "--team", "Ops")
    assert status == 0
    assert "Objective (line 2): Ship it [cycle none named, owner Ops]" in out
    assert "KR (line 2): Reach 100 users [target 100 users, grade 0.4]" in out
    empty = tmp_path / "empty.md"
    empty.write_text("Just words.\n", encoding="utf-8")
    status, out, err = run(capsys, "import", "markdown", str(empty), "--dry-run")
    assert status == 0 and "0 objectives" in out  # a dry run reports; the import refuses
    status, _, err = run(
        capsys, "import", "markdown", str(empty), "--db", str(tmp_path / "p.okrdesk")
    )
    assert status == 2 and "Found no objectives in empty.md" in err


def test_export_csv_and_markdown_and_refuse_to_overwrite(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "plan.okrdesk"
    plan = PlanService.open(db)
    fill_demo(plan)
    objectives = plan.count(Objective)
    plan.close()
    for verb, name in (("csv", "okrs.csv"), ("markdown", "okrs.md")):
        out = tmp_path / name
        status, printed, _ = run(capsys, "export", verb, str(out), "--db", str(db))
        assert status == 0 and f"Exported {objectives} objectives" in printed
        status, _, err = run(capsys, "export", verb, str(out), "--db", str(db))
        assert status == 1 and "exists already" in err and "--force" in err
        status, _, _ = run(capsys, "export", verb, str(out), "--db", str(db), "--force")
        assert status == 0
    status, _, err = run(capsys, "export", "csv", str(db), "--db", str(db), "--force")
    assert status == 1 and "the open plan" in err
    status, printed, _ = run(capsys, "import", "markdown", str(tmp_path / "okrs.md"), "--dry-run")
    assert f"{objectives} objectives" in printed.splitlines()[0]
