"""A key result over time: its check-ins against the target, the baseline, the good band,
the expected pace and the forecast, and the confidence on a second axis (in tenths)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from okrdesk.charts.base import Chart
from okrdesk.charts.parts import (
    TodayMarker,
    date_axis,
    empty_axes,
    number,
    nums,
    percent,
    style_axes,
    value_text,
    x_range,
)
from okrdesk.charts.style import ChartStyle
from okrdesk.domain.enums import KeyResultKind
from okrdesk.domain.messages import message
from okrdesk.services.series import KeyResultSeries, Line


@dataclass(frozen=True)
class _Shape:
    """What decides a key result chart's axes: a check-in, a new target or a forecast
    that comes or goes keeps them (those marks are shown or hidden in place)."""

    milestone: bool
    band: bool
    confidence: bool
    unit: bool

    @classmethod
    def of(cls, data: KeyResultSeries) -> _Shape:
        milestone = data.kind is KeyResultKind.MILESTONE
        return cls(
            milestone=milestone,
            band=data.band is not None and any(end is not None for end in data.band),
            confidence=any(c is not None for c in data.confidences),
            unit=bool(data.unit) and not milestone,
        )


def subtitle(data: KeyResultSeries, style: ChartStyle) -> str:
    parts = [
        style.say(data.health.label),
        style.say(message("progress {percent}", percent=percent(data.progress, style))),
    ]
    if data.expected_progress is not None and not data.health.is_closed:
        expected = percent(data.expected_progress, style)
        parts.append(style.say(message("expected {percent}", percent=expected)))
    if data.forecast is not None and data.kind is KeyResultKind.METRIC:
        end = data.forecast.days[-1]
        value = value_text(data.forecast.values[-1], data.unit)
        parts.append(
            style.say(message("forecast {value} by {day}", value=value, day=f"{end:%b %-d}"))
        )
    return " · ".join(parts)


class EmptyKeyResultChart(Chart):
    """No check-in yet: what to do about it."""

    @classmethod
    def shape(cls, data: KeyResultSeries) -> Hashable:
        return "empty"

    def __init__(self, figure: Figure, style: ChartStyle, data: KeyResultSeries) -> None:
        super().__init__(figure, style, data)
        self.ax = figure.add_subplot(111)
        self.notice = empty_axes(self.ax, style)

    def show(self, data: KeyResultSeries) -> None:
        say = self.style.say
        self.figure_title(data.title)
        lines = [say(message("No check-ins yet"))]
        if data.target is not None and data.kind is KeyResultKind.METRIC:
            start = value_text(0.0 if data.baseline is None else data.baseline, data.unit)
            target = value_text(data.target, data.unit)
            lines.append(say(message("From {start} to {target}", start=start, target=target)))
        lines.append(say(message("Check in with Ctrl+K")))
        self.fit_label(
            self.notice, "\n".join(lines), lambda: self.axes_width(self.ax) * 0.9, lines=6
        )


class KeyResultChart(Chart):
    @classmethod
    def shape(cls, data: KeyResultSeries) -> Hashable:
        return _Shape.of(data)

    def __init__(self, figure: Figure, style: ChartStyle, data: KeyResultSeries) -> None:
        super().__init__(figure, style, data)
        self.marks = _Shape.of(data)
        self.ax = ax = figure.add_subplot(111)
        style_axes(ax, style)
        ax.grid(axis="y", color=style.colours.grid, linewidth=0.7)
        self.subtitle: Text = ax.set_title(
            "", y=1.0, loc="left", fontsize=style.small_size, color=style.colours.muted, pad=6
        )
        self._reference_marks(ax)
        self._lines(ax)
        self.today = TodayMarker(ax, style)
        date_axis(ax, style)
        ax.margins(y=0.05)
        # Five or six values are enough to read a line by (the default fills a tall pane
        # with a dozen, each a text to draw on every redraw).
        self.value_ticks = MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10])
        ax.yaxis.set_major_locator(self.value_ticks)
        if self.marks.milestone:
            say = style.say
            ax.set_yticks([0, 1], [say(message("not done")), say(message("done"))])
            ax.set_ylim(-0.25, 1.35)
        self.unit: Text | None = None
        if self.marks.unit:
            self.unit = ax.set_ylabel(" ", fontsize=style.small_size, color=style.colours.muted)
        self.twin: Axes | None = None
        if self.marks.confidence:
            self._confidence_axis(ax)

    def _reference_marks(self, ax: Axes) -> None:
        colours, weight = self.style.colours, self.style.weight
        self.band: Rectangle | None = None
        self._samples: dict[Hashable, Line2D] = {}
        self.band_sample = Patch(color=colours.good, alpha=0.25)
        if self.marks.band:
            self.band = ax.axhspan(0, 1, color=colours.good, alpha=0.12, linewidth=0)
        self.baseline = ax.axhline(0, color=colours.muted, linestyle="--", linewidth=1 * weight)
        self.target = ax.axhline(0, color=colours.good, linestyle="--", linewidth=1.3 * weight)

    def _lines(self, ax: Axes) -> None:
        colours, weight = self.style.colours, self.style.weight
        (self.pace,) = ax.plot(
            [],
            [],
            color=colours.expected,
            linestyle=":",
            linewidth=1.2 * weight,
            alpha=0.7,
            gid="expected_pace",
        )
        (self.values,) = ax.plot(
            [],
            [],
            marker="o",
            color=colours.accent,
            linewidth=2 * weight,
            markersize=5 * weight,
            zorder=4,
            gid="values",
            drawstyle="steps-post" if self.marks.milestone else "default",
        )
        (self.forecast,) = ax.plot(
            [],
            [],
            linestyle="--",
            linewidth=1.6 * weight,
            marker="o",
            markevery=[1],
            markerfacecolor=colours.background,
            zorder=3,
            gid="forecast",
        )

    def _confidence_axis(self, ax: Axes) -> None:
        style = self.style
        colour = style.colours.confidence
        self.twin = twin = ax.twinx()
        (self.confidence,) = twin.plot(
            [],
            [],
            color=colour,
            linewidth=1.2 * style.weight,
            marker="s",
            markersize=3.5 * style.weight,
            alpha=0.85,
            drawstyle="steps-post",
            gid="confidence",
        )
        twin.set_ylim(0, 10.5)
        twin.set_yticks([0, 5, 10])
        self.confidence_label = twin.set_ylabel(" ", fontsize=style.small_size, color=colour)
        twin.tick_params(colors=colour, labelsize=style.small_size, length=3)
        for side in ("top", "left", "bottom"):
            twin.spines[side].set_visible(False)
        twin.spines["right"].set_color(style.colours.grid)

    def live_artists(self) -> Sequence[Artist]:
        """What a check-in or an edit of the key result moves; the axes stay unless their
        limits do."""
        lines = [self.baseline, self.target, self.pace, self.forecast, self.values]
        if self.twin is not None:
            lines.append(self.confidence)
        legend = [] if self.legend is None else [self.legend]
        return [*lines, self.subtitle, *legend]

    # -- data ---------------------------------------------------------------------------------

    def show(self, data: KeyResultSeries) -> None:
        style, ax = self.style, self.ax
        self.figure_title(data.title)
        self.fit_label(self.subtitle, subtitle(data, style), lambda: self.right_of(ax), lines=3)
        self._move_reference_marks(data)
        _line(self.pace, data.expected_pace)
        self.values.set_data(nums(data.dates), list(data.values))
        _line(self.forecast, data.forecast)
        colours = style.colours
        self.forecast.set_color(colours.bad if data.trending_off_track else colours.accent)
        days = [*data.dates, data.today]
        days += [d for d in (data.start, data.end) if d is not None]
        if data.forecast is not None:
            days += list(data.forecast.days)
        ax.set_xlim(*x_range(days))
        self.today.move(data.today)
        if not self.marks.milestone:
            ax.relim(visible_only=True)
            ax.autoscale_view(scalex=False)
            ax.set_ylim(*rounded_out(ax.get_ylim(), self.value_ticks), auto=None)
        if self.unit is not None:
            self.fit_label(self.unit, data.unit, lambda: self._axes_height())
        if self.twin is not None:
            self._show_confidence(data)
        self.set_legend(self._legend(data))

    def _axes_height(self) -> float:
        return float(self.ax.get_position().height * self.figure.get_figheight()) * self.dpi

    def _move_reference_marks(self, data: KeyResultSeries) -> None:
        if self.band is not None and data.band is not None:
            low, high = data.band
            values = [v for v in (*data.values, low, high) if v is not None]
            bottom = low if low is not None else min(values) - 1
            top = high if high is not None else max(values) + 1
            if (self.band.get_y(), self.band.get_height()) != (bottom, top - bottom):
                self.band.set_y(bottom)
                self.band.set_height(top - bottom)
        milestone = self.marks.milestone
        for line, value in ((self.baseline, data.baseline), (self.target, data.target)):
            line.set_visible(value is not None and not milestone)
            if value is not None:
                line.set_ydata([value, value])

    def _show_confidence(self, data: KeyResultSeries) -> None:
        pairs = [(d, c) for d, c in zip(data.dates, data.confidences, strict=True) if c is not None]
        self.confidence.set_data(nums([d for d, _ in pairs]), [c * 10 for _, c in pairs])
        label = self.style.say(message("confidence (in 10)"))
        self.fit_label(self.confidence_label, label, lambda: self._axes_height())

    def _legend(self, data: KeyResultSeries) -> list[tuple[Any, str]]:
        say, colours = self.style.say, self.style.colours
        sample = self._sample
        entries: list[tuple[Any, str]] = [(self.values, say(message("value")))]
        if self.band is not None:
            entries.append((self.band_sample, say(message("good band"))))
        if self.baseline.get_visible() and data.baseline is not None:
            label = say(message("baseline {value}", value=number(data.baseline)))
            entries.append((sample(color=colours.muted, linestyle="--"), label))
        if self.target.get_visible() and data.target is not None:
            label = say(message("target {value}", value=number(data.target)))
            entries.append((sample(color=colours.good, linestyle="--"), label))
        if data.expected_pace is not None:
            pace = sample(color=colours.expected, linestyle=":", alpha=0.7)
            entries.append((pace, say(message("expected pace"))))
        if data.forecast is not None:
            off = data.trending_off_track
            label = say(message("forecast (off track)") if off else message("forecast"))
            colour = colours.bad if off else colours.accent
            entries.append((sample(color=colour, linestyle="--"), label))
        if self.twin is not None:
            handle = sample(color=colours.confidence, marker="s", markersize=3.5)
            entries.append((handle, say(message("confidence"))))
        return entries

    def _sample(self, **look: Any) -> Line2D:
        """A legend's sample line of this look, made once (the legend is fitted after
        every check-in; making a line costs more than the rest of it)."""
        key = tuple(sorted(look.items()))
        found = self._samples.get(key)
        if found is None:
            found = self._samples[key] = Line2D([], [], **look)
        return found


def rounded_out(limits: tuple[float, float], ticks: MaxNLocator) -> tuple[float, float]:
    """``limits`` widened to the values ticked just outside them: the scale ends at a
    labelled value, and a new target or check-in inside it keeps the axes as they were
    (only the lines move, see ``live_artists``)."""
    low, high = limits
    values = ticks.tick_values(low, high)
    if len(values) < 2:
        return limits
    return float(min(values[0], low)), float(max(values[-1], high))


def _line(line: Line2D, points: Line | None) -> None:
    """``line`` through ``points``, hidden when there are none."""
    line.set_visible(points is not None)
    if points is not None:
        line.set_data(nums(points.days), list(points.values))
    else:
        line.set_data([], [])
