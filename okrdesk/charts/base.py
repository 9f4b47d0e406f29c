"""What every chart kind shares: its artists made once and given new data in place, its
labels fitted to the room they have, and a layout computed only when it would change.

A chart kind builds its axes and artists for one *shape* of data (which lines, bands and
rows exist) and ``show``s data of that shape by moving its artists (``set_data``, bar
widths, texts). The board (``okrdesk.charts.board``) rebuilds only when the shape changes.

The layout (matplotlib's constrained layout, most of a redraw's time when run on every
draw) runs from ``ChartLayout`` only when its inputs change: the figure's size, how many
lines each title has, how wide the tick labels are, the legend's rows.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from matplotlib.axes import Axes
from matplotlib.axis import Axis, XAxis
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.legend import Legend
from matplotlib.text import Text

from okrdesk.charts.style import ChartStyle
from okrdesk.charts.text import Font, fit, text_width

# Room (pixels) kept free at the figure's edges and between a label and its neighbour.
EDGE = 6.0
GAP = 8.0


@dataclass
class Fitted:
    """A text drawn shortened or wrapped to ``room()`` pixels (computed when fitting, from
    where the axes are then)."""

    artist: Text
    text: str
    room: Callable[[], float]
    lines: int = 1


class Chart:
    """One kind of chart drawn on a figure; subclasses build in ``__init__`` and move their
    artists in ``show``."""

    # Whether the figure's layout engine should lay out the axes (False: fixed positions).
    constrained: ClassVar[bool] = True

    def __init__(self, figure: Figure, style: ChartStyle, data: Any) -> None:
        """Build the axes and artists for data of ``data``'s shape (``show`` fills them)."""
        self.figure = figure
        self.style = style
        self.fitted: dict[int, Fitted] = {}
        self.legend: Legend | None = None
        self._legend_entries: tuple[tuple[Any, str], ...] = ()
        self._legend_columns = 0
        self._title: Text | None = None
        figure.set_facecolor(style.colours.background)

    @classmethod
    def shape(cls, data: Any) -> Hashable:
        """What decides which artists exist: data of the same shape is shown in place."""
        raise NotImplementedError

    def show(self, data: Any) -> None:
        raise NotImplementedError

    # -- sizes --------------------------------------------------------------------------------

    @property
    def dpi(self) -> float:
        return float(self.figure.dpi)

    def width(self) -> float:
        return float(self.figure.get_figwidth()) * self.dpi

    def axes_width(self, ax: Axes) -> float:
        return float(ax.get_position().width) * self.width()

    def right_of(self, ax: Axes) -> float:
        """From the axes' left edge to the figure's right edge, less the margin."""
        return (1 - float(ax.get_position().x0)) * self.width() - EDGE

    def points(self, size: float) -> float:
        """``size`` points in pixels."""
        return size * self.dpi / 72

    # -- texts fitted to their room -----------------------------------------------------------

    def figure_title(self, text: str) -> None:
        """The chart's bold title at the top left, on at most two lines."""
        if self._title is None:
            style = self.style
            self._title = self.figure.suptitle(
                "",
                x=0.02,
                ha="left",
                fontsize=style.title_size,
                color=style.colours.text,
                fontweight="bold",
                fontfamily=list(style.family),
            )
        self.fit_label(self._title, text, lambda: self.width() * 0.98 - EDGE, lines=2)

    def fit_label(self, artist: Text, text: str, room: Callable[[], float], lines: int = 1) -> None:
        """Show ``text`` in ``artist``, shortened or wrapped to ``room()`` when fitted."""
        artist.set_parse_math(False)  # "$5 and $10" is money, not mathematics
        self.fitted[id(artist)] = Fitted(artist, text, room, lines)

    def forget(self, artists: Sequence[Text]) -> None:
        """Stop fitting ``artists`` (their axes were cleared)."""
        for artist in artists:
            self.fitted.pop(id(artist), None)

    def fit_texts(self) -> None:
        for entry in self.fitted.values():
            fitted = fit(entry.text, entry.room(), Font.of(entry.artist), self.dpi, entry.lines)
            if entry.artist.get_text() != fitted:
                entry.artist.set_text(fitted)
        if self._legend_entries:
            self._fit_legend()

    # -- the legend below the chart -----------------------------------------------------------

    def set_legend(self, entries: Sequence[tuple[Any, str]]) -> None:
        """The figure's legend below the chart, or in the axes' corner for a style that
        keeps it there: (handle, label) pairs; made again only when its columns change."""
        self._legend_entries = tuple(entries)
        if not entries:
            self._remove_legend()

    def _fit_legend(self) -> None:
        style = self.style
        font = Font(style.small_size, family=style.family)
        handle = self.points(style.small_size) * 2.6  # the line sample and the pad after it
        room = self.width() - 2 * EDGE
        labels = [fit(label, room - handle, font, self.dpi) for _, label in self._legend_entries]
        widest = max(text_width(label, font, self.dpi) for label in labels) + handle
        columns = max(1, min(len(labels), 3, int(room // (widest + self.points(8)))))
        if not style.legend_below:
            columns = 1
        if self.legend is None or columns != self._legend_columns:
            self._remove_legend()
            self.legend = self._make_legend(labels, columns)
            self._legend_columns = columns
            return
        for text, label in zip(self.legend.get_texts(), labels, strict=True):
            if text.get_text() != label:
                text.set_text(label)

    def _make_legend(self, labels: list[str], columns: int) -> Legend:
        style = self.style
        handles = [handle for handle, _ in self._legend_entries]
        options: dict[str, Any] = {
            "ncols": columns,
            "fontsize": style.small_size,
            "frameon": False,
            "labelcolor": style.colours.text,
            "handlelength": 1.8,
            "columnspacing": 1.2,
        }
        if style.legend_below:
            legend = self.figure.legend(handles, labels, loc="outside lower center", **options)
        else:
            legend = self.legend_axes().legend(handles, labels, loc="upper left", **options)
        for text in legend.get_texts():
            text.set_parse_math(False)
        legend.set_in_layout(True)
        return legend

    def legend_axes(self) -> Axes:
        return self.figure.axes[0]

    def _remove_legend(self) -> None:
        if self.legend is not None:
            self.legend.remove()
            self.legend = None
            self._legend_columns = 0

    # -- what the layout depends on -----------------------------------------------------------

    def layout_key(self) -> Hashable:
        lines = tuple(e.artist.get_text().count("\n") for e in self.fitted.values())
        font = Font(self.style.small_size, family=self.style.family)
        ticks = tuple(
            _tick_key(axis, font, self.dpi)
            for ax in self.figure.axes
            if ax.get_visible() and ax.axison
            for axis in (ax.xaxis, ax.yaxis)
        )
        legend = (len(self._legend_entries), self._legend_columns)
        size = (round(self.width()), round(float(self.figure.get_figheight()) * self.dpi))
        return (size, lines, ticks, legend)


def _tick_key(axis: Axis, font: Font, dpi: float) -> Hashable:
    """How much room an axis's tick labels take: the widest label (y) or the two outer
    ones (x, which may overhang the axes' ends); the labels are computed as a draw would."""
    if not axis.get_visible():
        return ()
    low, high = sorted(axis.get_view_interval())
    locations = [v for v in axis.get_major_locator()() if low - 1e-9 <= v <= high + 1e-9]
    if not locations:
        return ()
    formatter = axis.get_major_formatter()
    labels = formatter.format_ticks(locations)
    # In steps of 3 pixels: "10" after "9" moves the layout, "12" after "10" does not.
    widths = [round(text_width(label, font, dpi) / 3) for label in labels]
    offset = bool(getattr(formatter, "get_offset", lambda: "")())
    if isinstance(axis, XAxis):
        return (widths[0], widths[-1], offset)
    return (max(widths), offset)


class ChartLayout(ConstrainedLayoutEngine):
    """Constrained layout run only when the chart's layout inputs change; the labels are
    fitted to the room the layout leaves (and laid out again if their lines change)."""

    def __init__(self, chart: Chart, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.chart = chart
        self.laid_out: Hashable = None
        self.runs = 0

    def execute(self, fig: Figure) -> Any:
        chart = self.chart
        for _attempt in range(3):
            chart.fit_texts()
            key = chart.layout_key()
            if key == self.laid_out:
                return None
            if chart.constrained:
                super().execute(fig)
            self.runs += 1
            self.laid_out = key
        chart.fit_texts()
        return None
