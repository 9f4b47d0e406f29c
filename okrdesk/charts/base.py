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

import dataclasses
import math
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar
from weakref import WeakKeyDictionary

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.axis import Axis, XAxis
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.colors import to_hex, to_rgba
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.path import Path
from matplotlib.text import Text
from matplotlib.transforms import Affine2D, Bbox

from okrdesk.charts.memory import remember_texts
from okrdesk.charts.style import ChartStyle
from okrdesk.charts.text import Font, fit, text_size, text_width

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
    # Kept whole after the shortened text ("  · 2 notes").
    suffix: str = ""
    # What it was last fitted to (the text and the whole pixels of room), and the result.
    fitted_to: tuple[str, int] | None = None
    result: str = ""


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
        self._legend_built: Hashable = None
        self._title: Text | None = None
        figure.set_facecolor(style.colours.background)

    @classmethod
    def shape(cls, data: Any) -> Hashable:
        """What decides which artists exist: data of the same shape is shown in place."""
        raise NotImplementedError

    def show(self, data: Any) -> None:
        raise NotImplementedError

    def live_artists(self) -> Sequence[Artist]:
        """The artists ``show`` moves, in the order to draw them: drawn over the rest,
        which the screen paints again from memory while it stays as it was
        (``okrdesk.charts.layers``). None: the whole figure is drawn every time."""
        return ()

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

    def fit_label(
        self,
        artist: Text,
        text: str,
        room: Callable[[], float],
        lines: int = 1,
        suffix: str = "",
    ) -> None:
        """Show ``text`` in ``artist``, shortened or wrapped to ``room()`` when fitted,
        then ``suffix`` as it is."""
        artist.set_parse_math(False)  # "$5 and $10" is money, not mathematics
        entry = self.fitted.get(id(artist))
        if entry is None or entry.artist is not artist:
            self.fitted[id(artist)] = Fitted(artist, text, room, lines, suffix)
        else:
            entry.text, entry.room, entry.lines, entry.suffix = text, room, lines, suffix

    def forget(self, artists: Sequence[Text]) -> None:
        """Stop fitting ``artists`` (their axes were cleared)."""
        for artist in artists:
            self.fitted.pop(id(artist), None)

    def fit_texts(self, drawing: bool = False) -> None:
        """Fit every label to its room now. While ``drawing`` the figure's legend is not
        made again (the draw has already listed what it draws); the next redraw does it."""
        self._pin_axis_labels()
        for entry in self.fitted.values():
            room = entry.room()
            wanted = (entry.text + entry.suffix, round(room))
            shown = entry.artist.get_text()
            if entry.fitted_to == wanted and shown == entry.result:
                continue
            font = Font.of(entry.artist)
            left = room - text_width(entry.suffix, font, self.dpi)
            fitted = fit(entry.text, left, font, self.dpi, entry.lines) + entry.suffix
            if shown != fitted:
                entry.artist.set_text(fitted)
            entry.fitted_to, entry.result = wanted, fitted
        if self._legend_entries:
            self._fit_legend(rebuild=not drawing)

    def _pin_axis_labels(self) -> None:
        """Put each axis label beside its tick labels ourselves: matplotlib would measure
        every tick label of the axes and its twins again on each draw to do it."""
        font = Font(self.style.small_size, family=self.style.family)
        for ax in self.figure.axes:
            across = max(self.axes_width(ax), 1.0)
            if not ax.xaxis.label.get_text():
                ax.xaxis.set_label_coords(0.5, 0.0)
                ax.xaxis.label.set_visible(False)
            label = ax.yaxis.label
            if not label.get_text().strip():
                ax.yaxis.set_label_coords(0.0, 0.5)
                label.set_visible(False)
                continue
            ticks = _tick_labels(ax.yaxis)
            widest = max((text_width(t, font, self.dpi) for t in ticks), default=0.0)
            # Tick length, the pad to its label, and the pad to the axis label (points).
            room = (widest + self.points(3 + 3.5 + 4)) / across
            right = str(ax.yaxis.get_label_position()) == "right"
            label.set_visible(True)
            ax.yaxis.set_label_coords(1 + room if right else -room, 0.5)

    # -- the legend below the chart -----------------------------------------------------------

    def set_legend(self, entries: Sequence[tuple[Any, str]]) -> None:
        """The figure's legend below the chart, or in the axes' corner for a style that
        keeps it there: (handle, label) pairs; made again only when its columns change."""
        self._legend_entries = tuple(entries)
        if not entries:
            self._remove_legend()

    def _fit_legend(self, rebuild: bool) -> None:
        style = self.style
        font = Font(style.small_size, family=style.family)
        em = self.points(style.small_size)
        room = self.width() - 2 * EDGE - em  # less the legend's own padding
        # Each entry: its line sample, the pad after it (2.6 em) and its label.
        labels = [fit(label, room - 2.6 * em, font, self.dpi) for _, label in self._legend_entries]
        widths = [text_width(label, font, self.dpi) + 2.6 * em for label in labels]
        columns = 1
        if style.legend_below:
            columns = max(
                [
                    n
                    for n in range(1, min(3, len(widths)) + 1)
                    if _columns_width(widths, n, em) <= room
                ],
                default=1,
            )
        # Made again when its samples change (a forecast appears, or turns red) or its
        # columns do; a label that reads otherwise ("target 12") is set in place.
        built = (tuple(sample_look(handle) for handle, _ in self._legend_entries), columns)
        if self.legend is None or built != self._legend_built:
            if not rebuild:
                return
            self._remove_legend()
            self.legend = self._make_legend(labels, columns)
            self._legend_columns, self._legend_built = columns, built
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
        legend: Legend
        if style.legend_below:
            legend = RememberedLegend(
                self.figure,
                handles,
                labels,
                loc="outside lower center",
                bbox_transform=self.figure.transSubfigure,
                **options,
            )
            self.figure.legends.append(legend)  # as Figure.legend does
        else:
            # Lower right: a burn-up climbs from the lower left and "today" sits at the top.
            legend = self.legend_axes().legend(handles, labels, loc="lower right", **options)
        for text in legend.get_texts():
            text.set_parse_math(False)
        legend.set_in_layout(True)
        return legend

    def legend_axes(self) -> Axes:
        return self.figure.axes[0]

    def _remove_legend(self) -> None:
        legend = self.legend
        if isinstance(legend, RememberedLegend):
            self.figure.legends.remove(legend)
        elif legend is not None:
            legend.remove()
        if legend is not None:
            self.legend = None
            self._legend_columns, self._legend_built = 0, None

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


def sample_look(handle: Any) -> Hashable:
    """What a legend draws of ``handle`` (its sample copies these when the legend is made)."""
    if isinstance(handle, Line2D):
        return (
            "line",
            to_hex(handle.get_color(), keep_alpha=True),
            handle.get_linestyle(),
            handle.get_linewidth(),
            str(handle.get_marker()),
            handle.get_markersize(),
            to_hex(handle.get_markerfacecolor(), keep_alpha=True),
            handle.get_alpha(),
        )
    if isinstance(handle, Patch):
        return ("patch", to_hex(handle.get_facecolor(), keep_alpha=True), handle.get_alpha())
    return ("other", id(handle))  # unknown: a new one makes the legend again


def _columns_width(widths: Sequence[float], columns: int, em: float) -> float:
    """How wide a legend of entries this wide is in ``columns`` columns: matplotlib fills
    them in order, a column as wide as its widest entry, 1.2 em between columns."""
    size, extra = divmod(len(widths), columns)
    total, start = 0.0, 0
    for column in range(columns):
        end = start + size + (1 if column < extra else 0)
        total += max(widths[start:end], default=0.0)
        start = end
    return total + 1.2 * em * (columns - 1)


def _tick_labels(axis: Axis) -> list[str]:
    """The axis's major tick labels, computed as a draw would (and remembered for the
    same view, size, locator and formatter: a date locator takes a while)."""
    low, high = sorted(axis.get_view_interval())
    # The locator and formatter themselves, not their ids: a new one may reuse an old id.
    key = (
        low,
        high,
        axis.axes.get_position().bounds,
        axis.get_major_locator(),
        axis.get_major_formatter(),
    )
    remembered = _TICKS.get(axis)
    if remembered is not None and _same(remembered[0], key):
        return remembered[1]
    locations = [v for v in axis.get_major_locator()() if low - 1e-9 <= v <= high + 1e-9]
    labels = list(axis.get_major_formatter().format_ticks(locations)) if locations else []
    _TICKS[axis] = (key, labels)
    return labels


def _same(one: tuple[Any, ...], other: tuple[Any, ...]) -> bool:
    return one[:3] == other[:3] and one[3] is other[3] and one[4] is other[4]


_TICKS: WeakKeyDictionary[Axis, tuple[tuple[Any, ...], list[str]]] = WeakKeyDictionary()


def _tick_key(axis: Axis, font: Font, dpi: float) -> Hashable:
    """How much room an axis's tick labels take: the widest label (y) or the two outer
    ones (x, which may overhang the axes' ends)."""
    if not axis.get_visible():
        return ()
    labels = _tick_labels(axis)
    if not labels:
        return ()
    formatter = axis.get_major_formatter()
    # In steps of 3 pixels: "10" after "9" moves the layout, "12" after "10" does not.
    widths = [round(text_width(label, font, dpi) / 3) for label in labels]
    offset = bool(getattr(formatter, "get_offset", lambda: "")())
    if isinstance(axis, XAxis):
        return (widths[0], widths[-1], offset)
    return (max(widths), offset)


@dataclass(frozen=True)
class _LegendPixels:
    """A legend as last drawn: where (figure size, renderer), what it said, its pixels,
    and each label's box and size."""

    place: Hashable
    labels: tuple[str, ...]
    pixels: Any
    box: Bbox
    label_boxes: tuple[Bbox, ...]
    label_sizes: tuple[tuple[float, float, float], ...]


class RememberedLegend(Legend):
    """The legend below a chart, painted again from its last pixels while neither its
    labels nor the figure's size changed: laying a legend out and drawing its texts was a
    third of a key result chart's redraw. A label that reads otherwise at the same size
    ("target 12" after "target 11") is painted alone over those pixels. Only on the
    screen's Agg canvas (nothing else is drawn where it sits, below the axes); any other
    renderer draws it as usual."""

    _remembered: _LegendPixels | None = None
    # How many draws painted only the labels that changed (for tests).
    relabelled = 0

    def draw(self, renderer: Any) -> None:
        if not isinstance(renderer, RendererAgg) or not self.get_visible():
            super().draw(renderer)
            return
        figure = self.get_figure(root=True)
        if figure is None or self not in figure.legends:
            return  # taken off the figure after the draw had listed it
        place = (tuple(figure.bbox.bounds), id(renderer))
        labels = tuple(text.get_text() for text in self.get_texts())
        remembered = self._remembered
        if remembered is not None and remembered.place == place:
            if remembered.labels == labels:
                renderer.restore_region(remembered.pixels)  # type: ignore[no-untyped-call]
                self.stale = False
                return
            if self._relabel(renderer, remembered, labels):
                self.stale = False
                return
        super().draw(renderer)
        texts = self.get_texts()
        box = self.get_window_extent(renderer).padded(2)  # and its antialiased edge
        self._remembered = _LegendPixels(
            place,
            labels,
            renderer.copy_from_bbox(box),
            box,
            tuple(text.get_window_extent(renderer).padded(2) for text in texts),
            tuple(_size(text, self.dpi) for text in texts),
        )

    @property
    def dpi(self) -> float:
        figure = self.get_figure(root=True)
        return 72.0 if figure is None else float(figure.dpi)

    def _relabel(
        self, renderer: RendererAgg, remembered: _LegendPixels, labels: tuple[str, ...]
    ) -> bool:
        """Paint only the labels that changed, over the remembered pixels, when each is as
        big as the one before it (so nothing in the legend moves); False otherwise."""
        texts = self.get_texts()
        if len(labels) != len(remembered.labels):
            return False
        changed = [i for i, label in enumerate(labels) if label != remembered.labels[i]]
        sizes = list(remembered.label_sizes)
        for i in changed:
            sizes[i] = _size(texts[i], self.dpi)
            if sizes[i] != remembered.label_sizes[i]:
                return False
        renderer.restore_region(remembered.pixels)  # type: ignore[no-untyped-call]
        figure = self.get_figure(root=True)
        assert figure is not None
        for i in changed:
            _fill(renderer, remembered.label_boxes[i], figure.get_facecolor())
            texts[i].draw(renderer)
        pixels = renderer.copy_from_bbox(remembered.box)  # type: ignore[no-untyped-call]
        self._remembered = dataclasses.replace(remembered, labels=labels, pixels=pixels)
        self.relabelled += 1
        return True


def _size(text: Text, dpi: float) -> tuple[float, float, float]:
    return text_size(text.get_text(), Font.of(text), dpi)


def _fill(renderer: RendererAgg, box: Bbox, colour: Any) -> None:
    """``box`` (outwards to whole pixels) painted in ``colour``, as the figure's own
    background is under a legend."""
    x0, y0 = math.floor(box.x0), math.floor(box.y0)
    x1, y1 = math.ceil(box.x1), math.ceil(box.y1)
    gc = renderer.new_gc()
    gc.set_antialiased(False)
    gc.set_linewidth(0)
    rectangle = Affine2D().scale(x1 - x0, y1 - y0).translate(x0, y0)
    renderer.draw_path(gc, Path.unit_rectangle(), rectangle, to_rgba(colour))  # type: ignore[no-untyped-call]
    gc.restore()


class ChartLayout(ConstrainedLayoutEngine):
    """Constrained layout run only when the chart's layout inputs change; the labels are
    fitted to the room the layout leaves (and laid out again if their lines change)."""

    def __init__(self, chart: Chart, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.chart = chart
        self.laid_out: Hashable = None
        self.runs = 0

    def execute(self, fig: Figure) -> Any:
        try:
            return self._lay_out(fig)
        finally:
            remember_texts(fig)  # where the axes are now, for the draw that follows

    def _lay_out(self, fig: Figure) -> Any:
        chart = self.chart
        started = False
        for _attempt in range(3):
            chart.fit_texts(drawing=True)
            key = chart.layout_key()
            if key == self.laid_out:
                return None
            if chart.constrained:
                if not started:
                    # From where a chart drawn afresh starts, so that a chart redrawn in
                    # place is laid out the same (constrained layout measures the axes
                    # where they are: from the last layout's places it ends half a pixel
                    # away); the next attempts refine from there, as they do afresh.
                    _start_from_the_grid(fig)
                    chart.fit_texts(drawing=True)
                    key = chart.layout_key()
                    started = True
                super().execute(fig)
            self.runs += 1
            self.laid_out = key
        chart.fit_texts(drawing=True)
        return None


def _start_from_the_grid(fig: Figure) -> None:
    """Each axes back where its grid cell puts it, as when it was made."""
    for ax in fig.axes:
        spec = ax.get_subplotspec()
        if spec is not None and ax.get_in_layout():
            ax.set_position(spec.get_position(fig))
            ax.set_in_layout(True)  # set_position takes an axes out of the layout
