"""Reading OKRs from CSV: header matching, column maps, rows that cannot be placed."""

from __future__ import annotations

import pytest

from okrdesk.domain.okr_csv import (
    CsvFormatError,
    csv_headers,
    guess_column_map,
    normalise_header,
    parse_okr_csv,
)

STANDARD = """objective,key result,owner,cycle,target,unit
Delight users,Raise NPS to 40,Ana,2026-Q1,40,points
,Cut churn to 3%,Ana,2026-Q1,,
Ship faster,Lead time below 2 days,Bo,2026-Q1,2,days
"""


def test_reads_objectives_key_results_and_their_columns() -> None:
    document = parse_okr_csv(STANDARD)
    assert [o.title for o in document.objectives] == ["Delight users", "Ship faster"]
    first = document.objectives[0]
    assert (first.owner, first.cycle, first.line) == ("Ana", "2026-Q1", 2)
    assert [kr.text for kr in first.key_results] == ["Raise NPS to 40", "Cut churn to 3%"]
    assert (first.key_results[0].target_text, first.key_results[0].unit_text) == ("40", "points")
    assert first.key_results[1].line == 3
    assert document.cycle == "2026-Q1"
    assert document.not_understood == ()


def test_header_matching_ignores_case_spaces_and_underscores() -> None:
    text = " OBJECTIVE ;Key_Result; Owner \nGrow;Sign 3 partners;Cy\n"
    document = parse_okr_csv(text)
    assert [(o.title, o.owner) for o in document.objectives] == [("Grow", "Cy")]
    assert [kr.text for kr in document.objectives[0].key_results] == ["Sign 3 partners"]


def test_a_column_map_reads_odd_headers() -> None:
    text = "Goal,Measure,Who,Quarter,Aim\nGrow,Sign partners,Cy,Q3 2026,3\n"
    column_map = {"objective": "Goal", "key_result": "Measure", "owner": "Who", "target": "Aim"}
    column_map["cycle"] = "Quarter"
    document = parse_okr_csv(text, column_map)
    objective = document.objectives[0]
    assert (objective.title, objective.owner, objective.cycle) == ("Grow", "Cy", "2026-Q3")
    assert objective.key_results[0].target_text == "3"


def test_a_map_may_cover_some_fields_and_names_match_the_rest() -> None:
    text = "Goal,key result,owner\nGrow,Sign partners,Cy\n"
    document = parse_okr_csv(text, {"objective": "Goal"})
    assert document.objectives[0].owner == "Cy"


def test_a_missing_required_column_is_refused_with_the_columns_found() -> None:
    with pytest.raises(CsvFormatError, match=r"no “key result” column .*Goal, Measure"):
        parse_okr_csv("Goal,Measure\nGrow,Sign partners\n", {"objective": "Goal"})


def test_a_map_naming_a_column_the_file_lacks_is_refused() -> None:
    with pytest.raises(CsvFormatError, match="no column “Aim”"):
        parse_okr_csv(STANDARD, {"target": "Aim"})


def test_a_map_naming_an_unknown_field_is_refused() -> None:
    with pytest.raises(CsvFormatError, match="not a field"):
        parse_okr_csv(STANDARD, {"colour": "objective"})


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(CsvFormatError, match="no header row"):
        parse_okr_csv("")


def test_rows_that_cannot_be_placed_are_reported_with_their_line() -> None:
    text = "objective,key result,owner\n,Orphan result,Ana\n,,Bo\n,,\nGrow,,\n"
    document = parse_okr_csv(text)
    assert [o.title for o in document.objectives] == ["Grow"]
    assert [(e.line, e.reason) for e in document.not_understood] == [
        (2, "a key result with no objective (the objective column is empty)"),
        (3, "a row with neither objective nor key result"),
    ]


def test_the_same_objective_on_later_rows_collects_its_key_results() -> None:
    text = "objective,key result\nGrow,One\nShip,Two\nGrow,Three\n"
    document = parse_okr_csv(text)
    assert [o.title for o in document.objectives] == ["Grow", "Ship"]
    assert [kr.text for kr in document.objectives[0].key_results] == ["One", "Three"]


def test_quoted_cells_byte_order_mark_and_status_notes() -> None:
    text = '\ufeffobjective,key result\n"Grow, boldly","Sign 3 partners => DONE"\n'
    document = parse_okr_csv(text)
    kr = document.objectives[0].key_results[0]
    assert document.objectives[0].title == "Grow, boldly"
    assert (kr.text, kr.status) == ("Sign 3 partners", "DONE")


def test_headers_and_a_guessed_map_for_the_mapping_dialog() -> None:
    headers = csv_headers("Goal, KR ,DRI,Quarter,Target value,Notes\n")
    assert headers == ["Goal", "KR", "DRI", "Quarter", "Target value", "Notes"]
    assert guess_column_map(headers) == {
        "objective": "Goal",
        "key result": "KR",
        "owner": "DRI",
        "cycle": "Quarter",
        "target": "Target value",
    }


def test_normalise_header() -> None:
    assert normalise_header("\ufeff  Key_Result ") == "key result"
