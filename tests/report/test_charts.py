"""The PDF's charts: the shared charts in the print style, fitted to the page's room, in
the one table's health colours, as SVG with text as text."""

from __future__ import annotations

import re

import pytest
from matplotlib.figure import Figure

from okrdesk.charts.board import Board
from okrdesk.charts.counts import CountChart, Rows, RowsChart, counts_of
from okrdesk.charts.objective import ProgressChart
from okrdesk.charts.rows import Row
from okrdesk.charts.tones import HEALTH_TONES
from okrdesk.domain.health import Health
from okrdesk.report import charts
from okrdesk.report.theme import DEFAULT_THEME
from okrdesk.services.series import Count, MissionBar
from tests.charts.drawn import agg_figure, outside, overlapping
from tests.charts.series import LONG, objective

STYLE = charts.report_style(DEFAULT_THEME)


def page_figure(width_pt: float, height_pt: float) -> Figure:
    # Points at 72 dpi: the sizes the PDF gives its charts.
    return agg_figure(round(width_pt), round(height_pt), dpi=72)


def test_progress_by_mission_fits_long_titles() -> None:
    rows = tuple(
        Row(title, 0.4, colour=DEFAULT_THEME.health(Health.OFF_TRACK), right="40 %")
        for title in (LONG, "Help my teammates")
    )
    figure = page_figure(490, charts.mission_progress_height(len(rows)))
    Board(figure).show(RowsChart, Rows(LONG, rows), STYLE)
    assert outside(figure) == [] and overlapping(figure) == []


@pytest.mark.parametrize("label", ["On track", LONG])
def test_count_bars_fit_their_column(label: str) -> None:
    counts = (Count("on_track", label, 3), Count("at_risk", "At risk", 12))
    figure = page_figure(236, 150)
    data = counts_of("Objectives by stakeholder served", counts, {}, DEFAULT_THEME.accent)
    Board(figure).show(CountChart, data, STYLE)
    assert outside(figure) == [] and overlapping(figure) == []


def test_the_burn_up_fits_its_strip() -> None:
    figure = page_figure(483, 118)
    Board(figure).show(ProgressChart, objective(LONG), STYLE)
    assert outside(figure) == [] and overlapping(figure) == []


def test_svg_keeps_text_as_text_in_the_tables_colours() -> None:
    bars = (
        MissionBar("m", LONG, 0.4, Health.OFF_TRACK),
        MissionBar("n", "Short", None, Health.PENDING),
    )
    svg = charts.mission_progress("Progress by mission", bars, DEFAULT_THEME)
    assert svg is not None
    text = svg.decode()
    assert "Progress by mission" in text and "Short" in text and "–" in text
    assert re.search(re.escape(LONG[:20]) + r"[^<]*…", text)
    assert HEALTH_TONES[Health.OFF_TRACK].print in text
    # The same plan draws the same file.
    assert charts.mission_progress("Progress by mission", bars, DEFAULT_THEME) == svg


def test_nothing_to_draw_gives_no_chart() -> None:
    assert charts.count_bars("By health", [Count("a", "A", 0)], {}, DEFAULT_THEME) is None
    assert charts.mission_progress("By mission", [], DEFAULT_THEME) is None
    empty = objective()
    empty = type(empty)(**{**empty.__dict__, "burn_up": type(empty.burn_up)((), ())})
    assert charts.objective_chart(empty, DEFAULT_THEME) is None


def test_the_report_colours_health_from_the_one_table() -> None:
    assert charts.health_colours(DEFAULT_THEME) == {h.value: HEALTH_TONES[h].print for h in Health}
