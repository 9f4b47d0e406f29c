"""One bad row never takes the plan down: a value okrdesk cannot use as it is (written by
another tool, or by an older okrdesk) reads as a safe value; the plan still opens, lists,
checks and exports (a JSON export of it imports), the item is listed as needing repair by
name and field, and charts and the PDF draw whatever days are stored."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from okrdesk.cli import main
from okrdesk.domain.entities import CheckIn, Cycle, KeyResult, Mission, Objective
from okrdesk.services.demo import fill_demo
from okrdesk.services.plan import PlanService
from okrdesk.services.repairs import needing_repair
from okrdesk.services.series import key_result_series, objective_series, roadmap_series

Plant = Callable[[sqlite3.Connection], None]


def first(raw: sqlite3.Connection, table: str) -> str:
    found: str = raw.execute(f"SELECT id FROM {table} ORDER BY rowid LIMIT 1").fetchone()[0]
    return found


def update(table: str, sql_set: str) -> Plant:
    return lambda raw: (
        raw.execute(f"UPDATE {table} SET {sql_set} WHERE id = ?", (first(raw, table),)) and None
    )


def dangling(raw: sqlite3.Connection) -> None:
    raw.execute("PRAGMA foreign_keys=OFF")
    raw.execute("UPDATE key_results SET objective_id = 'gone' WHERE id = ?",
                (first(raw, "key_results"),))  # fmt: skip
    raw.execute("UPDATE objectives SET cycle_id = 'gone' WHERE id = ?", (first(raw, "objectives"),))


def mission_loop(raw: sqlite3.Connection) -> None:
    a, b = (r[0] for r in raw.execute("SELECT id FROM missions ORDER BY rowid LIMIT 2"))
    raw.execute("UPDATE missions SET parent_id = ? WHERE id = ?", (b, a))
    raw.execute("UPDATE missions SET parent_id = ? WHERE id = ?", (a, b))


# case: (how to plant it, the table and field the repair list must name, or None)
CASES: dict[str, tuple[Plant, tuple[str, str] | None]] = {
    "an unknown enum value": (update("key_results", "kind = 'wizardry'"), ("key result", "kind")),
    "an unknown state": (update("objectives", "state = 'sleeping'"), ("objective", "state")),
    "text in a number column": (update("check_ins", "value = 'about five'"), ("check-in", "value")),
    "text in a position": (update("missions", "position = 'first'"), ("mission", "position")),
    "a date that is no date": (update("check_ins", "date = '31/12/2026'"), ("check-in", "date")),
    "a time stamp that is none": (update("objectives", "created = 'yesterday'"),
                                  ("objective", "created")),
    "binary data in a title": (update("missions", "title = x'00ff00ff'"), ("mission", "title")),
    "a day past the window": (update("check_ins", "date = '9999-12-31'"), ("check-in", "date")),
    "a cycle ending in 9999": (update("cycles", "\"end\" = '9999-12-31'"), ("cycle", "end")),
    "a day before the window": (update("meetings", "date = '0001-01-01'"), ("one-on-one", "date")),
    "a huge number": (update("check_ins", "value = -1e308"), ("check-in", "value")),
    "an infinite number": (update("key_results", "target = 9e999"), ("key result", "target")),
    # Both are named; the check's one line names the first in table order.
    "dangling references": (dangling, ("objective", "cycle_id")),
    "missions serving each other": (mission_loop, None),
}  # fmt: skip


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.okrdesk"
    plan = PlanService.open(path)
    fill_demo(plan)
    plan.close()
    return path


def planted(demo_file: Path, folder: Path, *plants: Plant) -> Path:
    path = folder / "plan.okrdesk"
    shutil.copyfile(demo_file, path)
    with sqlite3.connect(path) as raw:
        for plant in plants:
            plant(raw)
    raw.close()
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_bad_value_still_opens_lists_checks_and_exports_a_file_that_imports(
    case: str, demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plant, named = CASES[case]
    path = planted(demo_file, tmp_path, plant)
    # (`check` exits 1 when it finds errors, as a value needing repair is.)
    for argv in (["list"], ["list", "--format", "json"], ["check"]):
        status, out, err = run(capsys, "--db", str(path), *argv)
        assert status in (0, 1) and err == "" and out, (argv, err)
    checked = out
    exported = tmp_path / "plan.json"
    status, out, err = run(capsys, "--db", str(path), "export", "json", str(exported))
    assert status == 0 and err == "", err
    json.loads(exported.read_text(encoding="utf-8"))
    status, out, err = run(capsys, "--db", str(tmp_path / "fresh.okrdesk"), "import", "json",
                           str(exported))  # fmt: skip
    assert status == 0, err
    if named is not None:
        kind, field = named
        plan = PlanService.open(path)
        try:
            repairs = needing_repair(plan)
        finally:
            plan.close()
        described = [str(r.describe()) for r in repairs]
        assert any(d.startswith(f"{kind} “") and f"field “{field}”" in d for d in described), (
            described
        )
        assert "NEEDS-REPAIR" in checked and f"field “{field}”" in checked


def test_every_bad_value_at_once_still_draws_charts_and_the_pdf(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], qapp: object
) -> None:
    path = planted(demo_file, tmp_path, *(plant for plant, _named in CASES.values()))
    plan = PlanService.open(path)
    try:
        assert len(needing_repair(plan)) >= 8  # (several plants hit the same first row)
        for kr in plan.all(KeyResult):
            key_result_series(plan, kr.id)
        for objective in plan.all(Objective):
            objective_series(plan, objective.id)
            roadmap_series(plan, objective.id)
    finally:
        plan.close()
    out = tmp_path / "report.pdf"
    status, _said, err = run(capsys, "--db", str(path), "export", "pdf", str(out))
    assert status == 0, err
    assert out.read_bytes().startswith(b"%PDF-")


def test_a_stored_day_in_9999_is_left_off_the_chart(demo_file: Path, tmp_path: Path) -> None:
    path = planted(demo_file, tmp_path)
    plan = PlanService.open(path)
    try:
        kr = next(k for k in plan.all(KeyResult) if plan.check_ins(k.id))
        count = len(plan.check_ins(kr.id))
        last = plan.check_ins(kr.id)[-1]
    finally:
        plan.close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE check_ins SET date = '9999-12-31' WHERE id = ?", (last.id,))
    raw.close()
    plan = PlanService.open(path)
    try:
        series = key_result_series(plan, kr.id)
        assert len(series.dates) == count - 1 and date(9999, 12, 31) not in series.dates
        assert plan.get(CheckIn, last.id).date == date(9999, 12, 31)  # kept, for repair
    finally:
        plan.close()


def test_the_items_read_as_their_safe_values(demo_file: Path, tmp_path: Path) -> None:
    path = planted(
        demo_file,
        tmp_path,
        update("key_results", "kind = 'wizardry', weight = 'heavy'"),
        update("cycles", "start = 'soon'"),
        update("missions", "title = x'00ff00ff'"),
    )
    plan = PlanService.open(path)
    try:
        kr = plan.all(KeyResult)
        assert {k.kind.value for k in kr} <= {"metric", "maintain", "milestone", "baseline"}
        assert all(isinstance(k.weight, float) for k in kr)
        assert all(isinstance(c.start, date) for c in plan.all(Cycle))
        assert all(isinstance(m.title, str) for m in plan.all(Mission))
    finally:
        plan.close()
