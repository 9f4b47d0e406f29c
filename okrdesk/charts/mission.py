"""A mission: its objectives' progress, grouped by cycle; once it has evaluations, below
them its rating per cycle (1-5) beside its objectives' mean final score (0-1)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text

from okrdesk.charts.base import Chart
from okrdesk.charts.objective import expected_entry, health_entries
from okrdesk.charts.parts import empty_axes, percent, style_axes
from okrdesk.charts.rows import AxesPart, ProgressRows, Row
from okrdesk.charts.style import ChartStyle
from okrdesk.domain.messages import message
from okrdesk.services.series import MissionSeries, RatedCycle

NAN = float("nan")


class RatingHistory(AxesPart):
    """The rating per cycle on the left scale (1-5) and the objectives' mean final score on
    the right one (0-1), one column per cycle; a cycle without a value leaves a gap."""

    def __init__(self, chart: Chart, ax: Axes) -> None:
        super().__init__(chart, ax)
        style = self.style
        colours, weight = style.colours, style.weight
        style_axes(ax, style)
        ax.grid(axis="y", color=colours.grid, linewidth=0.7)
        self.scores: Axes = ax.twinx()
        style_axes(self.scores, style)
        self.scores.spines["right"].set_visible(True)
        self.scores.spines["right"].set_color(colours.grid)
        (self.rating,) = ax.plot(
            [], [], color=colours.accent, linewidth=2 * weight, marker="o",
            markersize=4 * weight, gid="mission_ratings",
        )  # fmt: skip
        (self.score,) = self.scores.plot(
            [], [], color=colours.muted, linestyle="--", linewidth=1.3 * weight, marker="s",
            markersize=3.5 * weight, gid="objective_scores",
        )  # fmt: skip
        ax.set_ylim(0.6, 5.4)
        ax.set_yticks([1, 2, 3, 4, 5])
        # The scales line up: a rating of 1 beside a score of 0, 5 beside 1.0.
        self.scores.set_ylim((0.6 - 1) / 4, (5.4 - 1) / 4)
        self.scores.set_yticks([0.0, 0.5, 1.0], ["0", "0.5", "1.0"])

    def show(self, history: Sequence[RatedCycle]) -> None:
        style = self.style
        self.axes_title(style.say(message("Rating and objectives' score per cycle")))
        # Each scale is named in its line's colour: no legend rows needed for them.
        for ax, text, colour in (
            (self.ax, message("rating"), style.colours.accent),
            (self.scores, message("score"), style.colours.muted),
        ):
            ax.set_ylabel(style.say(text), color=colour, fontsize=style.small_size)
        xs = list(range(len(history)))
        self.ax.set_xlim(-0.5, len(history) - 0.5)
        self.ax.set_xticks(xs, [h.name for h in history])
        self.rating.set_data(xs, [NAN if h.rating is None else h.rating for h in history])
        self.score.set_data(xs, [NAN if h.mean_score is None else h.mean_score for h in history])


def mission_rows(data: MissionSeries, style: ChartStyle) -> list[Row]:
    rows: list[Row] = []
    for cycle in data.cycles:
        rows.append(Row(cycle.name, header=True, right=percent(cycle.progress, style)))
        for bar in cycle.objectives:
            rows.append(
                Row(bar.title, bar.progress, bar.expected, style.colours.health(bar.health))
            )
    return rows


class MissionChart(Chart):
    @classmethod
    def shape(cls, data: MissionSeries) -> Hashable:
        if data.is_empty or not data.history:
            return data.is_empty
        # With the ratings the two axes share the height by the rows' count.
        return (len(data.history), sum(1 + len(c.objectives) for c in data.cycles))

    def __init__(self, figure: Figure, style: ChartStyle, data: MissionSeries) -> None:
        super().__init__(figure, style, data)
        self.notice: Text | None = None
        self.ratings: RatingHistory | None = None
        if data.is_empty:
            self.notice = empty_axes(figure.add_subplot(111), style)
            return
        if data.history:
            rows = sum(1 + len(c.objectives) for c in data.cycles)
            ax, below = figure.subplots(2, 1, height_ratios=[rows + 0.8, 3.2])
            self.ratings = RatingHistory(self, below)
        else:
            ax = figure.add_subplot(111)
        ax.set_gid("objective_bars")
        self.rows = ProgressRows(self, ax)

    def show(self, data: MissionSeries) -> None:
        style = self.style
        self.figure_title(data.title)
        if self.notice is not None:
            text = style.say(message("No objectives yet\nAdd one with Ctrl+Shift+O"))
            self.fit_label(self.notice, text, lambda: self.width() * 0.8, lines=6)
            return
        self.rows.show(mission_rows(data, style))
        ax = self.rows.ax
        caption = message(
            "Objectives' progress per cycle · {health} · {percent}",
            health=style.say(data.health.label),
            percent=percent(data.progress, style),
        )
        subtitle = ax.set_title(
            "", y=1.0, loc="left", fontsize=style.small_size, color=style.colours.muted, pad=6
        )
        self.fit_label(subtitle, style.say(caption), lambda: self.right_of(ax), lines=3)
        bars = [b for c in data.cycles for b in c.objectives]
        entries = health_entries([b.health for b in bars], style)
        if any(b.expected is not None for b in bars):
            entries.append(expected_entry(style))
        if self.ratings is not None:
            self.ratings.show(data.history)
        self.set_legend(entries)

    def legend_axes(self) -> Axes:
        return self.rows.ax if self.ratings is None else self.ratings.ax
