"""A chart is drawn once and then moved: data of the same shape reuses its axes and
artists, and the layout is computed again only when titles, labels or the size change."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from okrdesk.charts.board import Board
from okrdesk.charts.style import Colours, screen_style
from okrdesk.domain.health import Health
from okrdesk.services.series import KeyResultBar
from tests.charts.drawn import agg_figure
from tests.charts.series import DAYS, LONG, key_result, objective, roadmap

STYLE = screen_style(Colours())


def line(figure: Figure, gid: str) -> Line2D:
    return next(drawn for ax in figure.axes for drawn in ax.get_lines() if drawn.get_gid() == gid)


def shown(board: Board, data: object) -> Figure:
    board.show_screen(data, STYLE)  # type: ignore[arg-type]
    board.figure.canvas.draw()
    return board.figure


def test_a_check_in_moves_the_lines_and_keeps_the_layout() -> None:
    board = Board(agg_figure(400, 600))
    figure = shown(board, key_result())
    axes, values, layouts = list(figure.axes), line(figure, "values"), board.layouts
    later = key_result(
        dates=(*DAYS, DAYS[-1] + timedelta(days=7)),
        values=(9.5, 8.2, 7.9, 6.5, 5.4, 5.0),
        confidences=(0.6, 0.7, None, 0.8, 0.8, 0.9),
        progress=0.69,
    )
    shown(board, later)
    assert board.builds == 1 and figure.axes == axes
    assert line(figure, "values") is values
    assert list(values.get_ydata()) == [9.5, 8.2, 7.9, 6.5, 5.4, 5.0]
    assert list(line(figure, "confidence").get_ydata()) == [6.0, 7.0, 8.0, 8.0, 9.0]
    assert "progress 69 %" in figure.axes[0].get_title(loc="left")
    assert board.layouts == layouts  # the same lines of text, the same tick labels


def test_a_longer_title_lays_the_chart_out_again() -> None:
    board = Board(agg_figure(400, 600))
    shown(board, key_result())
    layouts = board.layouts
    shown(board, key_result(title=LONG))
    assert board.builds == 1 and board.layouts > layouts


def test_a_forecast_that_goes_is_hidden_in_place() -> None:
    board = Board(agg_figure(400, 600))
    figure = shown(board, key_result())
    forecast = line(figure, "forecast")
    shown(board, key_result(forecast=None))
    assert board.builds == 1 and not forecast.get_visible()
    labels = [t.get_text() for t in figure.legends[0].get_texts()]
    assert "forecast" not in labels and "target 3" in labels


def test_progress_bars_move_in_place() -> None:
    board = Board(agg_figure(400, 600))
    figure = shown(board, objective())
    bars = next(ax for ax in figure.axes if ax.get_gid() == "key_result_bars")
    patches = list(bars.patches)
    first = objective().key_results[0]
    faster = replace(
        objective(),
        key_results=(
            KeyResultBar(first.key_result_id, first.title, 0.9, 0.55, Health.ON_TRACK),
            *objective().key_results[1:],
        ),
    )
    shown(board, faster)
    assert board.builds == 1 and list(bars.patches) == patches
    assert round(patches[1].get_width(), 6) == 90.0


def test_another_kind_shape_or_palette_builds_again() -> None:
    board = Board(agg_figure(400, 600))
    shown(board, key_result())
    shown(board, objective())
    assert board.builds == 2
    shown(board, replace(objective(), key_results=objective().key_results[:1]))
    assert board.builds == 3
    dark = Colours.for_background("#202124", "#e8eaed", "#9aa0a6", "#1a4f8b")
    board.show_screen(roadmap(), STYLE)
    board.show_screen(roadmap(), screen_style(dark))
    assert board.builds == 5
    assert board.figure.get_facecolor()[:3] != (1.0, 1.0, 1.0)


def test_a_new_size_lays_the_chart_out_again() -> None:
    board = Board(agg_figure(400, 600))
    figure = shown(board, key_result())
    layouts = board.layouts
    figure.canvas.draw()
    assert board.layouts == layouts
    figure.set_size_inches(700 / 96, 600 / 96)
    figure.canvas.draw()
    assert board.layouts > layouts and board.builds == 1


def test_the_legend_painted_from_memory_looks_as_drawn() -> None:
    board = Board(agg_figure(400, 600))
    figure = shown(board, key_result())
    canvas = figure.canvas
    assert isinstance(canvas, FigureCanvasAgg)
    drawn = bytes(canvas.buffer_rgba())
    canvas.draw()  # the legend comes from memory this time
    assert bytes(canvas.buffer_rgba()) == drawn
    shown(board, key_result(target=4.0))  # "target 4": the legend is drawn again
    assert "target 4" in [t.get_text() for t in figure.legends[0].get_texts()]
    assert bytes(canvas.buffer_rgba()) != drawn


def test_texts_painted_from_memory_look_as_drawn() -> None:
    """The second draw paints the unchanged texts around the axes from memory: the same
    pixels as a chart drawn for the first time."""
    remembered = shown(Board(agg_figure(400, 600)), key_result())
    remembered.canvas.draw()
    fresh = shown(Board(agg_figure(400, 600)), key_result())
    assert isinstance(remembered.canvas, FigureCanvasAgg)
    assert isinstance(fresh.canvas, FigureCanvasAgg)
    assert bytes(remembered.canvas.buffer_rgba()) == bytes(fresh.canvas.buffer_rgba())


def test_a_chart_laid_out_again_in_place_is_laid_out_as_afresh() -> None:
    """Constrained layout measures the axes where they are: each new layout starts from
    the grid, as a new chart does, so that the same data gives the same picture."""
    board = Board(agg_figure(400, 600))
    shown(board, key_result())
    without = key_result(forecast=None)  # one legend entry less: laid out again
    in_place = shown(board, without)
    afresh = shown(Board(agg_figure(400, 600)), without)
    assert [ax.get_position().bounds for ax in in_place.axes] == [
        ax.get_position().bounds for ax in afresh.axes
    ]
    assert isinstance(in_place.canvas, FigureCanvasAgg)
    assert isinstance(afresh.canvas, FigureCanvasAgg)
    assert bytes(in_place.canvas.buffer_rgba()) == bytes(afresh.canvas.buffer_rgba())


def test_a_label_that_reads_otherwise_is_set_in_the_same_legend() -> None:
    board = Board(agg_figure(400, 600))
    figure = shown(board, key_result())
    legend = figure.legends[0]
    shown(board, key_result(target=4.0))
    assert figure.legends == [legend]
    assert "target 4" in [t.get_text() for t in legend.get_texts()]
    # A sample that looks otherwise (the forecast turns red) makes the legend again.
    shown(board, key_result(target=4.0, trending_off_track=True))
    (again,) = figure.legends
    assert again is not legend
    labels = [t.get_text() for t in again.get_texts()]
    sample = again.legend_handles[labels.index("forecast (off track)")]
    assert isinstance(sample, Line2D)
    assert to_hex(sample.get_color()) == to_hex(STYLE.colours.bad)
