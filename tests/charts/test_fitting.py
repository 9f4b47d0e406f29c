"""Every chart's text stays inside the figure and off other text, with the longest titles
and units people can type, in the narrow pane of a 1024×640 window and the wide one of a
1920×1080 window; measured with matplotlib's renderer."""

from __future__ import annotations

from typing import Any

import pytest

from okrdesk.charts.board import Board
from okrdesk.charts.counts import Notice
from okrdesk.charts.objective import ProgressChart
from okrdesk.charts.style import Colours, presentation_style, screen_style
from tests.charts.drawn import agg_figure, drawn_texts, outside, overlapping
from tests.charts.series import (
    LONG,
    UNIT,
    growth,
    key_result,
    mission,
    objective,
    overview,
    roadmap,
)

# The chart pane's width in a 1024×640 window and in a 1920×1080 one (pixels).
PANES = {"1024x640": (262, 560), "1920x1080": (760, 980)}

LONG_CHARTS: dict[str, Any] = {
    "key result": key_result(LONG, UNIT),
    "key result, milestone": key_result(LONG, "", dates=(), values=(), confidences=()),
    "objective": objective(LONG, (LONG, LONG[:120], "Short")),
    "mission": mission(LONG, LONG),
    "overview": overview(LONG, LONG),
    "roadmap": roadmap(LONG, LONG),
    "growth": growth(LONG, LONG),
    "notice": Notice(LONG, LONG),
}


@pytest.mark.parametrize("pane", PANES)
@pytest.mark.parametrize("kind", LONG_CHARTS)
def test_long_text_is_fitted_to_the_room_it_has(kind: str, pane: str) -> None:
    figure = agg_figure(*PANES[pane])
    Board(figure).show_screen(LONG_CHARTS[kind], screen_style(Colours()))
    assert outside(figure) == []
    assert overlapping(figure) == []
    texts = "\n".join(t.get_text() for t, _ in drawn_texts(figure))
    # Shortened, not dropped: the title's start is there, and where it was cut is marked.
    assert LONG[:8] in texts and "…" in texts


@pytest.mark.parametrize("kind", ["key result", "objective", "overview"])
def test_everyday_charts_shorten_nothing_in_a_wide_pane(kind: str) -> None:
    data = {"key result": key_result(), "objective": objective(), "overview": overview()}[kind]
    figure = agg_figure(*PANES["1920x1080"])
    Board(figure).show_screen(data, screen_style(Colours()))
    assert outside(figure) == [] and overlapping(figure) == []
    assert all("…" not in t.get_text() for t, _ in drawn_texts(figure))


def test_the_subtitle_keeps_every_part_it_wraps() -> None:
    """The header lost "expected 55 %" when it ran past the edge: it wraps instead."""
    figure = agg_figure(*PANES["1024x640"])
    Board(figure).show_screen(key_result(), screen_style(Colours()))
    texts = [t.get_text() for t, _ in drawn_texts(figure)]
    subtitle = next(t for t in texts if t.startswith("On track"))
    assert "expected 55 %" in subtitle and "forecast 2.3 s by Dec 31" in subtitle
    assert subtitle.count("\n") >= 1


def test_a_label_never_runs_into_its_percentage() -> None:
    """ "…most commo0 %": a long key result label printed over its number."""
    figure = agg_figure(*PANES["1024x640"])
    Board(figure).show_screen(objective(labels=(LONG, "Short")), screen_style(Colours()))
    boxes = {t.get_text(): box for t, box in drawn_texts(figure)}
    label = next(box for text, box in boxes.items() if text.startswith(LONG[:8]))
    number = boxes["30 %"]
    assert label.x1 < number.x0


def test_the_review_chart_fits_its_canvas() -> None:
    figure = agg_figure(360, 280)
    Board(figure).show(ProgressChart, objective(LONG), presentation_style())
    assert outside(figure) == [] and overlapping(figure) == []


def test_dollars_in_a_title_are_not_mathematics() -> None:
    figure = agg_figure(*PANES["1920x1080"])
    Board(figure).show_screen(
        key_result("Save $5 and $10 per report", "$"), screen_style(Colours())
    )
    assert "Save $5 and $10 per report" in [t.get_text() for t, _ in drawn_texts(figure)]
