"""Cycle names as organisations write them, and the dates they stand for."""

from __future__ import annotations

from datetime import date

import pytest

from okrdesk.domain.okr_cycles import cycle_dates, default_cycle_dates, normalise_cycle_name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("2019-Q4", "2019-Q4"),
        ("## 2019 Q4 - Objectives and Key Results", "2019-Q4"),
        ("Q3 2019", "2019-Q3"),
        ("q1/2026", "2026-Q1"),
        ("FY21-Q1 OKRs", "FY21-Q1"),
        ("FY2021 Q3", "FY21-Q3"),
        ("Q1 FY21", "FY21-Q1"),
        ("FY21", "FY21"),
        ("2019-H2", "2019-H2"),
        ("2020 goals", ""),
        ("Q5 2019", ""),
        ("EOQ4", ""),
        ("", ""),
    ],
)
def test_normalise_cycle_name(text: str, name: str) -> None:
    assert normalise_cycle_name(text) == name


@pytest.mark.parametrize(
    ("name", "start", "end"),
    [
        ("2019-Q4", date(2019, 10, 1), date(2019, 12, 31)),
        ("2024 Q1", date(2024, 1, 1), date(2024, 3, 31)),
        # GitLab's fiscal year FY21 runs 1 Feb 2020 - 31 Jan 2021.
        ("FY21-Q1", date(2020, 2, 1), date(2020, 4, 30)),
        ("FY21-Q4", date(2020, 11, 1), date(2021, 1, 31)),
        ("FY21", date(2020, 2, 1), date(2021, 1, 31)),
        ("2019-H2", date(2019, 7, 1), date(2019, 12, 31)),
    ],
)
def test_cycle_dates(name: str, start: date, end: date) -> None:
    assert cycle_dates(name) == (start, end)


def test_a_name_without_dates_has_none() -> None:
    assert cycle_dates("Autumn push") is None


@pytest.mark.parametrize(
    ("today", "end"),
    [
        (date(2026, 3, 15), date(2026, 6, 14)),
        (date(2026, 1, 31), date(2026, 4, 30)),
        (date(2026, 11, 1), date(2027, 1, 31)),
    ],
)
def test_default_cycle_is_three_months_from_today(today: date, end: date) -> None:
    assert default_cycle_dates(today) == (today, end)
