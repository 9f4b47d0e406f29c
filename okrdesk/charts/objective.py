"""An objective: its key results' progress as bars, and its progress over the cycle against
an even pace (the burn-up), which the review mode and the PDF show on their own."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from typing import Any

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text

from okrdesk.charts.base import Chart
from okrdesk.charts.parts import (
    TodayMarker,
    date_axis,
    empty_axes,
    nums,
    percent,
    x_range,
)
from okrdesk.charts.rows import AxesPart, ProgressRows, Row
from okrdesk.charts.style import ChartStyle
from okrdesk.domain.health import Health
from okrdesk.domain.messages import message
from okrdesk.domain.scoring import KIND_NAMES, score_band
from okrdesk.services.series import ObjectiveSeries


class BurnUp(AxesPart):
    """Progress (0-100 %) over the cycle, the even pace from 0 to 100 %, and today."""

    def show(self, series: ObjectiveSeries) -> None:
        shape = (series.is_empty, series.ideal is not None)
        if shape != self.shape:
            self._build(series)
            self.shape = shape
        self.axes_title(self.style.say(message("Progress over the cycle")))
        if series.is_empty:
            self.empty.set_text(self.style.say(message("No check-ins yet")))
            return
        if self.ideal is not None and series.ideal is not None:
            self.ideal.set_data(nums(series.ideal.days), [v * 100 for v in series.ideal.values])
        self.line.set_data(nums(series.burn_up.days), [v * 100 for v in series.burn_up.values])
        self.line.set_color(self.colour(series.health))
        days = list(series.burn_up.days)
        if series.ideal is not None:
            days += list(series.ideal.days)
        # Today when it falls in the cycle (a closed cycle's chart stays the cycle's), or
        # always without a cycle (how long since the last check-in is what it shows then).
        shown = series.ideal is None or min(days) <= series.today <= max(days)
        if shown:
            days.append(series.today)
        self.ax.set_xlim(*x_range(days))
        self.today.move(series.today)
        self.today.show(shown)

    def colour(self, health: Health) -> str:
        # Pending says nothing yet: the accent, not a grey that reads as "abandoned".
        colours = self.style.colours
        return colours.accent if health is Health.PENDING else colours.health(health)

    def _build(self, series: ObjectiveSeries) -> None:
        self.reset()
        ax, style = self.ax, self.style
        colours, weight = style.colours, style.weight
        self.ideal: Line2D | None = None
        if series.is_empty:
            self.empty: Text = empty_axes(ax, style)
            return
        ax.grid(axis="y", color=colours.grid, linewidth=0.7)
        if series.ideal is not None:
            (self.ideal,) = ax.plot(
                [], [], color=colours.muted, linestyle="--", linewidth=1.1 * weight, gid="ideal"
            )
        (self.line,) = ax.plot(
            [],
            [],
            color=colours.accent,
            linewidth=2 * weight,
            marker="o",
            markersize=3.5 * weight,
            gid="burn_up",
        )
        self.today = TodayMarker(ax, style)
        date_axis(ax, style, most=6 if style.legend_below else 5)
        ax.set_ylim(0, 105)
        ax.set_yticks([0, 50, 100], ["0", "50", percent(1.0, style)])

    def legend_entries(self, series: ObjectiveSeries) -> list[tuple[Any, str]]:
        if series.is_empty:
            return []
        say, colours = self.style.say, self.style.colours
        weight = self.style.weight
        line = Line2D([], [], color=self.colour(series.health), linewidth=2 * weight)
        entries: list[tuple[Any, str]] = [(line, say(message("progress")))]
        if series.ideal is not None:
            pace = Line2D([], [], color=colours.muted, linestyle="--", linewidth=1.1 * weight)
            entries.append((pace, say(message("even pace"))))
        return entries


def objective_subtitle(data: ObjectiveSeries, style: ChartStyle) -> str:
    say = style.say
    kind = KIND_NAMES[data.kind]
    parts = [
        say(kind),
        say(data.health.label),
        say(message("progress {percent}", percent=percent(data.progress, style))),
    ]
    if data.score is not None:
        parts.append(say(message("score {score}", score=f"{data.score:.2f}")))
        if data.state.value != "abandoned":
            parts.append(say(score_band(data.score, data.kind).label).lower())
    elif data.expected_progress is not None:
        expected = percent(data.expected_progress, style)
        parts.append(say(message("expected {percent}", percent=expected)))
    return " · ".join(parts)


def health_entries(healths: Sequence[Health], style: ChartStyle) -> list[tuple[Any, str]]:
    """One legend swatch per health shown, in the order first seen."""
    seen = list(dict.fromkeys(healths))
    return [(Patch(color=style.colours.health(h)), style.say(h.label)) for h in seen]


def expected_entry(style: ChartStyle) -> tuple[Any, str]:
    line = Line2D([], [], color=style.colours.expected, linewidth=1.6)
    return line, style.say(message("expected by today"))


class ObjectiveChart(Chart):
    """The key results' bars above the burn-up."""

    @classmethod
    def shape(cls, data: ObjectiveSeries) -> Hashable:
        return len(data.key_results)

    def __init__(self, figure: Figure, style: ChartStyle, data: ObjectiveSeries) -> None:
        super().__init__(figure, style, data)
        self.notice: Text | None = None
        if not data.key_results:
            self.notice = empty_axes(figure.add_subplot(111), style)
            return
        bars, burn = figure.subplots(2, 1, height_ratios=[len(data.key_results) + 0.8, 3.2])
        bars.set_gid("key_result_bars")
        self.rows = ProgressRows(self, bars)
        self.burn_up = BurnUp(self, burn)
        self.subtitle: Text | None = None

    def show(self, data: ObjectiveSeries) -> None:
        style = self.style
        self.figure_title(data.title)
        if self.notice is not None:
            text = style.say(message("No key results yet\nAdd one with Ctrl+Shift+K"))
            self.fit_label(self.notice, text, lambda: self.width() * 0.8, lines=6)
            return
        colour = style.colours.health
        self.rows.show(
            [Row(b.title, b.progress, b.expected, colour(b.health)) for b in data.key_results]
        )
        ax = self.rows.ax
        self.subtitle = ax.set_title(
            "", y=1.0, loc="left", fontsize=style.small_size, color=style.colours.muted, pad=6
        )
        self.fit_label(
            self.subtitle, objective_subtitle(data, style), lambda: self.right_of(ax), lines=3
        )
        self.burn_up.show(data)
        entries = health_entries([b.health for b in data.key_results], style)
        if any(b.expected is not None for b in data.key_results):
            entries.append(expected_entry(style))
        self.set_legend(entries + self.burn_up.legend_entries(data))

    def legend_axes(self) -> Any:
        return self.burn_up.ax


class ProgressChart(Chart):
    """The burn-up alone (the review mode, the PDF), its legend in its corner."""

    @classmethod
    def shape(cls, data: ObjectiveSeries) -> Hashable:
        return "burn-up"

    def __init__(self, figure: Figure, style: ChartStyle, data: ObjectiveSeries) -> None:
        super().__init__(figure, style, data)
        self.burn_up = BurnUp(self, figure.add_subplot(111))

    def show(self, data: ObjectiveSeries) -> None:
        self.burn_up.show(data)
        self.set_legend(self.burn_up.legend_entries(data))
