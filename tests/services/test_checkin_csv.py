"""Check-ins from CSV: read whole, refused whole with one sentence per bad row."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from okrdesk.domain.entities import CheckIn, KeyResult
from okrdesk.services.checkin_csv import CsvRefused, import_check_ins, read_check_ins
from okrdesk.services.errors import ImportRefused
from okrdesk.services.plan import PlanService
from tests.builders import weekly_plan


@pytest.fixture
def krs(plan: PlanService) -> dict[str, KeyResult]:
    return weekly_plan(plan)


def test_titles_match_in_any_case_and_ids_exactly(plan: PlanService, krs: dict[str, KeyResult]):
    data = f"STEADY,2026-02-20,61\n{krs['sliding'].id},2026-02-20,7,,late\n".encode()
    found = read_check_ins(plan, data, "w.csv")
    assert [(c.key_result_id, c.value, c.note) for c in found] == [
        (krs["steady"].id, 61.0, ""),
        (krs["sliding"].id, 7.0, "late"),
    ]
    assert found[0].date == date(2026, 2, 20) and found[0].confidence is None


def test_a_title_two_key_results_share_asks_for_the_id(
    plan: PlanService, krs: dict[str, KeyResult]
) -> None:
    plan.add(KeyResult(objective_id=krs["steady"].objective_id, title="Steady"))
    with pytest.raises(CsvRefused) as refused:
        read_check_ins(plan, b"Steady,2026-02-20,61\n", "w.csv")
    assert refused.value.lines == ("row 1: 2 key results are titled “Steady”; give the id",)


def test_refusals_are_whole_and_name_every_bad_row(
    plan: PlanService, krs: dict[str, KeyResult], tmp_path: Path
) -> None:
    path = tmp_path / "w.csv"
    rows = ["Steady,2026-02-20,61"] + ["Nobody,2026-02-20,1"] * 60
    path.write_text("\n".join(rows), encoding="utf-8")
    before = plan.count(CheckIn)
    with pytest.raises(CsvRefused) as refused:
        import_check_ins(plan, path)
    assert len(refused.value.lines) == 51 and refused.value.lines[-1] == "and 10 more bad rows"
    assert str(refused.value) == "w.csv was refused: 51 bad rows."
    assert plan.count(CheckIn) == before


@pytest.mark.parametrize(
    ("data", "sentence"),
    [
        (b"", "holds no check-ins"),
        (b"key result,date,value\n", "holds no check-ins"),
        (b"\xff\xfe,2026", "not UTF-8"),
    ],
)
def test_a_file_that_is_no_csv_of_check_ins_is_one_sentence(
    plan: PlanService, krs: dict[str, KeyResult], data: bytes, sentence: str
) -> None:
    with pytest.raises(ImportRefused, match=sentence):
        read_check_ins(plan, data, "w.csv")
