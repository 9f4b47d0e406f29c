"""okrdesk's objectives and key results out as CSV and Markdown, and back in again."""

from __future__ import annotations

import csv
import io
import os
from datetime import date
from pathlib import Path

import pytest

from okrdesk.domain.entities import CheckIn, Cycle, KeyResult, Mission, Objective
from okrdesk.domain.enums import Direction, ObjectiveState
from okrdesk.domain.okr_cycles import normalise_cycle_name
from okrdesk.services.demo import fill_demo
from okrdesk.services.errors import WriteRefused
from okrdesk.services.okr_export import CSV_COLUMNS, export_csv, export_markdown
from okrdesk.services.okr_import import import_csv, import_markdown
from okrdesk.services.plan import PlanService

TODAY = date(2026, 5, 15)


@pytest.fixture
def small(plan: PlanService) -> PlanService:
    cycle = plan.create(Cycle, name="2026-Q2", start=date(2026, 4, 1), end=date(2026, 6, 30))
    mission = plan.create(Mission, title="Serve our customers")
    grow = plan.create(
        Objective,
        title='=HYPERLINK("http://x.io","Grow")',
        owner="@evil",
        cycle_id=cycle.id,
        mission_id=mission.id,
        why="Customers *wait* too long [really].",
    )
    kr = plan.create(
        KeyResult,
        objective_id=grow.id,
        title="Cut wait time",
        baseline=10,
        target=2,
        unit="+days",
        direction=Direction.DECREASE,
    )
    plan.create(CheckIn, key_result_id=kr.id, date=date(2026, 5, 1), value=6)
    plan.create(Objective, title="Plan the year", cycle_id=cycle.id, owner="Ana")
    return plan


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_csv_has_one_row_per_key_result_with_numbers_progress_and_health(
    small: PlanService, tmp_path: Path
) -> None:
    out = tmp_path / "okrs.csv"
    counts = export_csv(small, out, today=TODAY)
    assert (counts.objectives, counts.key_results) == (2, 1)
    first, second = rows(out)
    assert list(first) == list(CSV_COLUMNS)
    assert first["key result"] == "Cut wait time"
    assert (first["mission"], first["cycle"]) == ("Serve our customers", "2026-Q2")
    assert (first["baseline"], first["target"], first["current value"]) == ("10", "2", "6")
    assert (first["progress"], first["health"]) == ("0.50", "on_track")
    assert (second["objective"], second["key result"], second["owner"]) == (
        "Plan the year",
        "",
        "Ana",
    )


def test_csv_cells_a_spreadsheet_would_run_are_quoted(small: PlanService, tmp_path: Path) -> None:
    out = tmp_path / "okrs.csv"
    export_csv(small, out, today=TODAY)
    first = rows(out)[0]
    assert first["objective"] == '\'=HYPERLINK("http://x.io","Grow")'
    assert first["owner"] == "'@evil"
    assert first["unit"] == "'+days"
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in first.values())


def test_csv_reads_back_through_the_csv_import(small: PlanService, tmp_path: Path) -> None:
    out = tmp_path / "okrs.csv"
    export_csv(small, out, today=TODAY)
    again = PlanService.open(tmp_path / "again.okrdesk")
    try:
        report = import_csv(again, out)
        assert (report.objectives, report.key_results) == (2, 1)
        objective = next(o for o in again.all(Objective) if o.title != "Plan the year")
        (kr,) = again.all(KeyResult)
        assert (objective.title, objective.owner) == ('=HYPERLINK("http://x.io","Grow")', "@evil")
        assert (kr.title, kr.baseline, kr.target, kr.unit, kr.direction) == (
            "Cut wait time",
            10,
            2,
            "+days",
            Direction.DECREASE,
        )
        assert [c.name for c in again.all(Cycle)] == ["2026-Q2"]
    finally:
        again.close()


def structure(plan: PlanService) -> list[tuple[object, ...]]:
    cycles = {c.id: normalise_cycle_name(c.name) or c.name for c in plan.all(Cycle)}
    titles = {o.id: o.title for o in plan.all(Objective)}
    found = []
    for objective in sorted(
        plan.all(Objective), key=lambda o: (cycles.get(o.cycle_id or ""), o.position)
    ):
        krs = sorted(plan.children(KeyResult, objective.id), key=lambda k: k.position)
        found.append(
            (
                cycles.get(objective.cycle_id or ""),
                objective.title,
                objective.owner,
                titles.get(objective.aligned_to_id or ""),
                # A unit without a target (a maintain band's) has no place in an import.
                tuple((k.title, k.baseline, k.target, k.unit if k.target else "") for k in krs),
            )
        )
    return sorted(found, key=lambda row: (str(row[0]), str(row[1])))


def test_markdown_reads_back_to_the_same_structure(tmp_path: Path) -> None:
    source = PlanService.open(tmp_path / "demo.okrdesk")
    again = PlanService.open(tmp_path / "again.okrdesk")
    try:
        fill_demo(source)
        out = tmp_path / "okrs.md"
        counts = export_markdown(source, out, today=TODAY)
        report = import_markdown(again, out)
        assert (report.objectives, report.key_results) == (counts.objectives, counts.key_results)
        assert report.not_understood == ()
        assert structure(again) == structure(source)
    finally:
        source.close()
        again.close()


def test_markdown_keeps_the_why_and_a_closed_objective_s_grade(
    small: PlanService, tmp_path: Path
) -> None:
    objective = next(o for o in small.all(Objective) if o.title.startswith("=HYPERLINK"))
    small.update(Objective, objective.id, state=ObjectiveState.MISSED)
    out = tmp_path / "okrs.md"
    export_markdown(small, out, today=TODAY)
    text = out.read_text(encoding="utf-8")
    assert "Customers \\*wait\\* too long \\[really\\]." in text
    assert "(0.50)" in text
    again = PlanService.open(tmp_path / "again.okrdesk")
    try:
        report = import_markdown(again, out)
        assert [grade for _, _, grade in report.grades] == [0.5]
        imported = next(o for o in again.all(Objective) if o.title.startswith("=HYPERLINK"))
        assert imported.why == "Customers *wait* too long [really]."
    finally:
        again.close()


@pytest.mark.parametrize("export", [export_csv, export_markdown])
def test_an_existing_file_is_replaced_only_when_forced(
    small: PlanService, tmp_path: Path, export: object
) -> None:
    out = tmp_path / "okrs.out"
    out.write_text("keep me", encoding="utf-8")
    with pytest.raises(WriteRefused, match="exists already"):
        export(small, out)  # type: ignore[operator]
    assert out.read_text(encoding="utf-8") == "keep me"
    export(small, out, force=True)  # type: ignore[operator]
    assert "keep me" not in out.read_text(encoding="utf-8")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
def test_the_open_plan_is_never_written(small: PlanService, suffix: str) -> None:
    target = Path(f"{small.path}{suffix}")
    before = target.read_bytes() if target.exists() else None
    with pytest.raises(WriteRefused, match="the open plan"):
        export_csv(small, target, force=True)
    assert (target.read_bytes() if target.exists() else None) == before


def test_another_plan_file_is_never_written(small: PlanService, tmp_path: Path) -> None:
    other = PlanService.open(tmp_path / "other.okrdesk")
    other.close()
    with pytest.raises(WriteRefused, match="is an okrdesk plan"):
        export_markdown(small, tmp_path / "other.okrdesk", force=True)


def test_a_failed_write_leaves_the_old_file(
    small: PlanService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "okrs.csv"
    out.write_text("old", encoding="utf-8")

    def fail(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="No space"):
        export_csv(small, out, force=True)
    assert out.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".okrs")] == []
