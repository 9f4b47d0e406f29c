"""A figure drawn on the screen in two layers: what stays from one draw to the next (axes,
ticks, grid, titles) painted again from memory, what moves drawn over it.

A chart kind names its *live* artists (``Chart.live_artists``): those its ``show`` moves
for each new data of the same shape (a key result's lines, its subtitle, its legend). On
the screen's Agg canvas, ``LayeredFigure`` draws everything else once, keeps those pixels,
and at the next draw, while nothing else changed, copies them back and draws only the live
artists over them: drawing the axes' ticks and texts was most of a redraw's time, and a
check-in moves none of them.

"Nothing else changed" is what matplotlib itself tracks: every artist that is not live is
marked fresh once the background is drawn, and any setter that changes it marks it stale
again; the axes' places and limits (which move every tick without marking one) and the
canvas are compared as well. Saving (PNG, SVG), another renderer, or a chart with no live
artists draws the figure as usual, so the window's copies, the review mode and the PDF
draw as they always did.
"""

from __future__ import annotations

import weakref
from collections.abc import Hashable, Iterator, Sequence
from contextlib import suppress
from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.backend_bases import DrawEvent
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure

from okrdesk.charts.base import Chart, ChartLayout
from okrdesk.charts.memory import draw_live


class LayeredFigure(Figure):
    """A figure that keeps its still background on the screen (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._background: tuple[weakref.ref[RendererAgg], Hashable, Any] | None = None
        # How many draws painted the background again (the rest copied it back).
        self.background_draws = 0

    def draw(self, renderer: Any) -> None:
        chart = self._chart()
        live = () if chart is None else chart.live_artists()
        saving = self.canvas.is_saving()
        if not live or saving or not isinstance(renderer, RendererAgg) or not self.get_visible():
            super().draw(renderer)
            return
        engine = self.get_layout_engine()
        if self.axes and engine is not None:
            # The layout decides where the still parts are. As in Figure.draw, a
            # ValueError can happen while a window is resized.
            with suppress(ValueError):
                engine.execute(self)
        key = still_key(self)
        background = self._background
        still = list(still_artists(self, live))
        if (
            background is None
            or background[0]() is not renderer
            or background[1] != key
            or any(artist.stale for artist in still)
        ):
            self._draw_background(renderer, live, still, key)
        else:
            renderer.restore_region(background[2])  # type: ignore[no-untyped-call]
            # As a whole draw says it is done: the background is on the canvas (a draw
            # from memory too, without its live artists, as matplotlib's blitting wants).
            self.canvas.callbacks.process(
                "draw_event", DrawEvent("draw_event", self.canvas, renderer)
            )
        for artist in live:
            draw_live(artist, renderer)
        self.stale = False

    def _draw_background(
        self, renderer: RendererAgg, live: Sequence[Artist], still: list[Artist], key: Hashable
    ) -> None:
        # Animated artists are left out of a figure's draw (matplotlib's blitting).
        for artist in live:
            artist.set_animated(True)
        try:
            super().draw(renderer)
        finally:
            for artist in live:
                artist.set_animated(False)
        for artist in still:
            artist.stale = False
        region = renderer.copy_from_bbox(self.bbox)  # type: ignore[no-untyped-call]
        self._background = (weakref.ref(renderer), key, region)
        self.background_draws += 1

    def clear(self, keep_observers: bool = False) -> None:
        super().clear(keep_observers=keep_observers)
        self._background = None  # another chart is built: nothing of the last one stays

    def _chart(self) -> Chart | None:
        """The chart on the figure: the board gives it the chart's layout engine."""
        engine = self.get_layout_engine()
        return engine.chart if isinstance(engine, ChartLayout) else None


def still_artists(figure: Figure, live: Sequence[Artist]) -> Iterator[Artist]:
    """Every artist of the figure drawn into its background: all but the live ones, the
    figure and its axes (whose staleness their live children set too), and the axes'
    axes (their ticks are made and moved while drawing; ``still_key`` covers them)."""
    skipped = {id(artist) for artist in live}
    stack: list[Artist] = list(figure.get_children())
    while stack:
        artist = stack.pop()
        if id(artist) in skipped or isinstance(artist, Axis):
            continue
        if not isinstance(artist, Axes):
            yield artist
        stack.extend(artist.get_children())


def still_key(figure: Figure) -> Hashable:
    """What moves the still layer without marking any of its artists stale: where each
    axes is, what it shows, and its axis labels."""
    return tuple(
        (
            tuple(ax.get_position().bounds),
            tuple(ax.viewLim.bounds),
            ax.get_visible(),
            ax.axison,
            tuple(_axis_key(axis) for axis in (ax.xaxis, ax.yaxis)),
        )
        for ax in figure.axes
    )


def _axis_key(axis: Axis) -> Hashable:
    label = axis.label
    return (
        axis.get_visible(),
        label.get_text(),
        label.get_visible(),
        tuple(label.get_position()),
        axis.get_label_position(),
    )
