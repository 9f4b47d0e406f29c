"""The screen's figure keeps its still background: a check-in or an edit that leaves the
axes as they were draws only the lines, the subtitle and the legend over the background
painted from memory, and the picture is the one a chart drawn afresh shows."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from okrdesk.charts.base import RememberedLegend
from okrdesk.charts.board import Board
from okrdesk.charts.key_result import KeyResultChart
from okrdesk.charts.layers import LayeredFigure
from okrdesk.charts.memory import _memories
from okrdesk.charts.style import Colours, screen_style
from okrdesk.services.series import KeyResultSeries
from tests.charts.series import DAYS, LONG, key_result, objective

STYLE = screen_style(Colours())


def layered(width: int = 400, height: int = 600) -> LayeredFigure:
    figure = LayeredFigure(figsize=(width / 96, height / 96), dpi=96)
    FigureCanvasAgg(figure)
    return figure


def pixels(figure: Figure) -> bytes:
    canvas = figure.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    return bytes(canvas.buffer_rgba())


def drawn(board: Board, data: object) -> bytes:
    board.show_screen(data, STYLE)  # type: ignore[arg-type]
    board.figure.canvas.draw()
    return pixels(board.figure)


def fresh(data: object, width: int = 400, height: int = 600) -> bytes:
    return drawn(Board(layered(width, height)), data)


def checked_in() -> KeyResultSeries:
    return key_result(
        dates=(*DAYS, DAYS[-1] + timedelta(days=7)),
        values=(9.5, 8.2, 7.9, 6.5, 5.4, 5.1),
        confidences=(0.6, 0.7, None, 0.8, 0.8, 0.9),
        progress=0.69,
    )


def test_a_check_in_draws_over_the_kept_background_as_a_fresh_chart_would() -> None:
    figure = layered()
    board = Board(figure)
    first = drawn(board, key_result())
    assert figure.background_draws == 1
    later = drawn(board, checked_in())
    assert figure.background_draws == 1  # the axes stayed: only the live artists drew
    assert later != first
    assert later == fresh(checked_in())


def test_a_new_target_inside_the_scale_keeps_the_background() -> None:
    figure = layered()
    board = Board(figure)
    drawn(board, key_result())
    ticks = list(figure.axes[0].get_yticks())
    moved = drawn(board, key_result(target=3.5))
    assert figure.background_draws == 1 and list(figure.axes[0].get_yticks()) == ticks
    assert moved == fresh(key_result(target=3.5))
    assert "target 3.5" in [t.get_text() for t in figure.legends[0].get_texts()]


def test_a_target_beyond_the_scale_draws_the_background_again() -> None:
    figure = layered()
    board = Board(figure)
    drawn(board, key_result())
    bigger = key_result(target=30.0, expected_pace=None, forecast=None)
    assert drawn(board, bigger) == fresh(bigger)
    assert figure.background_draws == 2


def test_a_new_title_draws_the_background_again() -> None:
    figure = layered()
    board = Board(figure)
    drawn(board, key_result())
    renamed = key_result(title="p99 load time")
    assert drawn(board, renamed) == fresh(renamed)
    assert figure.background_draws == 2
    longer = key_result(title=LONG)
    assert drawn(board, longer) == fresh(longer)


def test_a_new_size_draws_the_background_again() -> None:
    figure = layered()
    board = Board(figure)
    drawn(board, key_result())
    figure.set_size_inches(500 / 96, 600 / 96)
    figure.canvas.draw()
    assert figure.background_draws == 2
    assert pixels(figure) == fresh(key_result(), 500, 600)


def test_the_same_data_again_changes_no_pixel() -> None:
    figure = layered()
    board = Board(figure)
    first = drawn(board, key_result())
    assert drawn(board, key_result()) == first
    assert figure.background_draws == 1


def test_another_kind_is_built_and_drawn_whole() -> None:
    figure = layered()
    board = Board(figure)
    drawn(board, key_result())
    shown = drawn(board, objective())
    assert board.builds == 2
    assert board.chart is not None and not board.chart.live_artists()
    plain = Figure(figsize=(400 / 96, 600 / 96), dpi=96)
    FigureCanvasAgg(plain)
    assert shown == drawn(Board(plain), objective())
    drawn(board, key_result())
    assert board.builds == 3 and pixels(figure) == fresh(key_result())


def test_saving_draws_every_artist_as_a_plain_figure_does() -> None:
    figure = layered()
    board = Board(figure)
    drawn(board, key_result())
    drawn(board, checked_in())
    plain = Figure(figsize=(400 / 96, 600 / 96), dpi=96)
    FigureCanvasAgg(plain)
    drawn(Board(plain), checked_in())

    def png(of: Figure) -> bytes:
        buffer = io.BytesIO()
        of.savefig(buffer, format="png", dpi=96, facecolor=of.get_facecolor())
        return buffer.getvalue()

    assert png(figure) == png(plain)
    # And the screen afterwards still shows the chart, drawn again.
    figure.canvas.draw()
    assert pixels(figure) == fresh(checked_in())


def test_a_forecast_that_goes_is_taken_off_the_picture() -> None:
    figure = layered()
    board = Board(figure)
    drawn(board, key_result())
    without = replace(key_result(), forecast=None)
    assert drawn(board, without) == fresh(without)


def test_the_value_scale_ends_at_labelled_values() -> None:
    """Rounded out to the ticks just beyond the lines: an edit inside the scale keeps it."""
    figure = layered()
    board = Board(figure)
    for series in (key_result(), key_result(target=3.3), checked_in()):
        drawn(board, series)
        low, high = figure.axes[0].get_ylim()
        ticks = list(figure.axes[0].get_yticks())
        assert (low, high) == (0.0, 10.0) and low in ticks and high in ticks
    drawn(board, key_result(target=30.0, expected_pace=None, forecast=None))
    assert figure.axes[0].get_ylim() == (0.0, 35.0)


def test_a_label_as_wide_as_before_is_painted_alone_as_a_fresh_legend_would_be() -> None:
    figure = layered()
    board = Board(figure)
    drawn(board, key_result())
    (legend,) = figure.legends
    assert isinstance(legend, RememberedLegend)
    moved = drawn(board, key_result(target=4.0))  # "target 4" is as wide as "target 3"
    assert legend.relabelled == 1 and figure.legends == [legend]
    assert moved == fresh(key_result(target=4.0))
    wider = drawn(board, key_result(target=4.25))  # wider: the legend is laid out again
    assert legend.relabelled == 1
    assert wider == fresh(key_result(target=4.25))


def test_a_draw_from_memory_says_it_is_done_as_a_whole_draw_does() -> None:
    figure = layered()
    board = Board(figure)
    events: list[object] = []
    figure.canvas.mpl_connect("draw_event", events.append)
    drawn(board, key_result())
    drawn(board, checked_in())
    assert figure.background_draws == 1 and len(events) == 2


def test_a_subtitle_of_several_lines_that_stays_is_painted_from_memory() -> None:
    figure = layered(300, 600)  # narrow: the subtitle wraps onto lines of its own
    board = Board(figure)
    drawn(board, key_result())
    chart = board.chart
    assert isinstance(chart, KeyResultChart)
    subtitle = chart.subtitle
    words = subtitle.get_text()
    assert len(words.splitlines()) > 1
    canvas = figure.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    memory = _memories[canvas.get_renderer()]
    painted: list[str] = []
    draw_text = memory.draw_text

    def recording(gc: object, x: float, y: float, s: str, *args: object, **kw: object) -> object:
        painted.append(s)
        return draw_text(gc, x, y, s, *args, **kw)

    memory.draw_text = recording
    # Another target: the legend's label changes, the subtitle's words stay.
    moved = key_result(target=3.2)
    assert drawn(board, moved) == fresh(moved, 300, 600)
    assert subtitle.get_text() == words
    assert painted == ["target 3.2"]
    # Other words in it are drawn, and the picture is still a fresh chart's.
    worse = key_result(progress=0.2)
    assert drawn(board, worse) == fresh(worse, 300, 600)
    assert subtitle.get_text() != words
    assert set(subtitle.get_text().splitlines()) <= set(painted)
