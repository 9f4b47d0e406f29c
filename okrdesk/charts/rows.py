"""Rows of horizontal bars, the shape most charts here take: progress to 100 % (key
results, objectives, missions) and counts (health, result level, growth notes).

A narrow pane puts each label above its bar, so a long title keeps the whole width; a page
puts it beside the bar. Either way the label is shortened to the room it has, measured, so
it never runs into the number beside it. A part keeps its artists and moves them when the
rows change in value only; it draws its axes again when rows come or go.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from functools import partial

from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from okrdesk.charts.base import EDGE, GAP, Chart
from okrdesk.charts.parts import percent, style_axes
from okrdesk.charts.style import Placement
from okrdesk.charts.text import Font, text_width
from okrdesk.domain.messages import message
from okrdesk.services.series import Count

# A page gives labels beside their bars this share of the figure's width (a count's label
# is a word or two, a progress row's a title).
ROW_LABEL_SHARE = 0.42
COUNT_LABEL_SHARE = 0.3


class AxesPart:
    """One axes of a chart, owned by one drawing part."""

    def __init__(self, chart: Chart, ax: Axes) -> None:
        self.chart = chart
        self.ax = ax
        self.style = chart.style
        self.texts: list[Text] = []
        self.shape: Hashable = None

    @property
    def beside(self) -> bool:
        return self.style.labels is Placement.BESIDE

    def reset(self) -> None:
        """Empty the axes (for rows that came or went)."""
        self.ax.clear()
        self.chart.forget(self.texts)
        self.texts = []
        style_axes(self.ax, self.style)

    def text(self, x: float, y: float, **options: object) -> Text:
        text = self.ax.text(x, y, "", parse_math=False, **options)  # type: ignore[arg-type]
        text.set_in_layout(self.beside and options.get("ha") == "right")
        self.texts.append(text)
        return text

    def label_pair(self, y: float) -> tuple[Text, Text]:
        """A row's label above its bar on the left and its number on the right (in the
        axes' width), in small type."""
        transform = self.ax.get_yaxis_transform()
        style = self.style
        colours = style.colours
        label = self.text(0, y - 0.24, ha="left", va="bottom", transform=transform)
        number = self.text(1, y - 0.24, ha="right", va="bottom", transform=transform)
        label.set_color(colours.text)
        number.set_color(colours.muted)
        for text in (label, number):
            text.set_fontsize(style.small_size)
        return label, number

    def fit(self, artist: Text, text: str, room: Callable[[], float], lines: int = 1) -> None:
        self.chart.fit_label(artist, text, room, lines)

    def width_of(self, artist: Text) -> float:
        return text_width(artist.get_text(), Font.of(artist), self.chart.dpi)

    def beside_room(self, share: float) -> float:
        return self.chart.width() * share - EDGE

    def axes_title(self, title: str) -> None:
        style = self.style
        bold = style.bold_titles
        artist = self.ax.set_title(
            "",
            y=1.0,
            loc="left",
            fontsize=style.title_size if bold else style.text_size,
            color=style.colours.text,
            fontweight="bold" if bold else "normal",
            pad=6 * style.weight**0.5,
        )
        self.fit(artist, title, lambda: self.chart.right_of(self.ax), lines=2)


def one_colour(colour: str) -> Callable[[Count], str]:
    """Every bar in ``colour``."""

    def pick(_count: Count) -> str:
        return colour

    return pick


# -- progress rows -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    label: str
    value: float | None = None
    expected: float | None = None
    colour: str = ""
    header: bool = False
    right: str | None = None
    # Nesting depth, shown as an indent of the label (a mission serving another).
    indent: int = 0


@dataclass
class _RowArtists:
    label: Text
    right: Text
    bar: Rectangle | None = None
    tick: Line2D | None = None


class ProgressRows(AxesPart):
    """Thin bars to 100 % with their label and number; a dark tick shows the progress
    expected by today."""

    def show(self, rows: Sequence[Row]) -> None:
        shape = tuple((r.header, r.expected is not None, r.indent) for r in rows)
        if shape != self.shape:
            self._build(rows)
            self.shape = shape
        for artists, row in zip(self.artists, rows, strict=True):
            self._fill(artists, row)

    def _build(self, rows: Sequence[Row]) -> None:
        self.reset()
        ax, style = self.ax, self.style
        colours = style.colours
        self.artists: list[_RowArtists] = []
        height = 0.55 if self.beside else 0.3
        for y, row in enumerate(rows):
            if row.header:
                self.artists.append(self._header(y))
                continue
            ax.barh(y, 100, color=colours.track, height=height)
            (bar,) = ax.barh(y, 0, color=colours.accent, height=height)
            tick = None
            if row.expected is not None:
                half = height * 0.8
                (tick,) = ax.plot(
                    [0, 0], [y - half, y + half], color=colours.expected, linewidth=1.6
                )
            if self.beside:
                label = self.text(-2, y, ha="right", va="center", fontsize=style.small_size)
                right = self.text(102, y, ha="left", va="center", fontsize=style.small_size)
            else:
                label = self.text(3 * row.indent, y - 0.21, ha="left", va="bottom")
                right = self.text(100, y - 0.21, ha="right", va="bottom")
            label.set_color(colours.text)
            right.set_color(colours.muted)
            for text in (label, right):
                text.set_fontsize(style.small_size)
            self.artists.append(_RowArtists(label, right, bar, tick))
        self._axes(len(rows))

    def _header(self, y: int) -> _RowArtists:
        style = self.style
        x, offset = (-2, 0.0) if self.beside else (0, 0.15)
        label = self.text(
            x,
            y + offset,
            ha="right" if self.beside else "left",
            va="center" if self.beside else "bottom",
            fontsize=style.text_size,
            color=style.colours.text,
            fontweight="bold",
        )
        right = self.text(
            102 if self.beside else 100,
            y + offset,
            ha="left" if self.beside else "right",
            va="center" if self.beside else "bottom",
            fontsize=style.small_size,
            color=style.colours.muted,
        )
        return _RowArtists(label, right)

    def _axes(self, count: int) -> None:
        ax = self.ax
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        if self.beside:
            ax.set_xlim(0, 112)
            ax.xaxis.set_visible(False)
            ax.spines["bottom"].set_visible(False)
            ax.set_ylim(count - 0.5, -0.5)
            return
        ax.set_xlim(0, 100)
        hundred = percent(1.0, self.style)
        ax.set_xticks([0, 25, 50, 75, 100], ["0", "25", "50", "75", hundred])
        ax.set_ylim(count - 0.45, -0.95)

    def _fill(self, artists: _RowArtists, row: Row) -> None:
        right = row.right if row.right is not None else percent(row.value, self.style)
        if artists.right.get_text() != right:
            artists.right.set_text(right)
        if artists.bar is not None:
            artists.bar.set_width(0.0 if row.value is None else row.value * 100)
            artists.bar.set_color(row.colour or self.style.colours.accent)
        if artists.tick is not None and row.expected is not None:
            x = row.expected * 100
            artists.tick.set_xdata([x, x])
        label = ("› " if row.indent else "") + row.label
        self.fit(artists.label, label, lambda: self._room(artists, row.indent))

    def _room(self, artists: _RowArtists, indent: int) -> float:
        if self.beside:
            return self.beside_room(ROW_LABEL_SHARE)
        across = self.chart.axes_width(self.ax)
        return across * (1 - 3 * indent / 100) - self.width_of(artists.right) - GAP


# -- counts --------------------------------------------------------------------------------------


@dataclass
class _CountArtists:
    bar: Rectangle
    label: Text
    number: Text


class CountBars(AxesPart):
    """One bar per count, its label and the number."""

    def show(
        self, title: str | None, counts: Sequence[Count], colour: Callable[[Count], str]
    ) -> None:
        """The bars, under ``title`` (None: the chart titles them)."""
        shape = len(counts)
        if shape != self.shape:
            self._build(counts)
            self.shape = shape
        if title is not None:
            self.axes_title(title)
            self.ax.set_gid(title)  # tests and tools find the axes by what it shows
        if not counts:
            self.empty.set_text(self.style.say(message("Nothing yet")))
            return
        top = max([c.count for c in counts] + [1])
        for artists, count in zip(self.artists, counts, strict=True):
            artists.bar.set_width(count.count)
            artists.bar.set_color(colour(count))
            artists.number.set_text(str(count.count))
            if self.beside:
                artists.number.set_x(count.count + top * 0.02)
            self.fit(artists.label, count.label, partial(self._room, artists))
        self.ax.set_xlim(0, top * 1.18 if self.beside else top)

    def _build(self, counts: Sequence[Count]) -> None:
        from okrdesk.charts.parts import empty_axes

        self.reset()
        self.artists: list[_CountArtists] = []
        if not counts:
            self.empty = empty_axes(self.ax, self.style)
            return
        ax, style = self.ax, self.style
        transform = ax.get_yaxis_transform()
        for y, _count in enumerate(counts):
            (bar,) = ax.barh(y, 0, height=0.62 if self.beside else 0.26)
            if self.beside:
                label = self.text(-0.03, y, ha="right", va="center", transform=transform)
                number = self.text(0, y, ha="left", va="center")
                for text in (label, number):
                    text.set_fontsize(style.small_size)
                    text.set_color(style.colours.text)
            else:
                label, number = self.label_pair(y)
            self.artists.append(_CountArtists(bar, label, number))
        ax.set_yticks([])
        if self.beside:
            ax.xaxis.set_visible(False)
            ax.spines["bottom"].set_visible(False)
            # One slot per bar, at least five: one or two bars stay bars, not blocks.
            ax.set_ylim(max(len(counts), 5) - 0.5, -0.5)
        else:
            ax.spines["left"].set_visible(False)
            ax.set_ylim(len(counts) - 0.45, -0.95)
            ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))

    def _room(self, artists: _CountArtists) -> float:
        if self.beside:
            return self.beside_room(COUNT_LABEL_SHARE)
        return self.chart.axes_width(self.ax) - self.width_of(artists.number) - GAP
