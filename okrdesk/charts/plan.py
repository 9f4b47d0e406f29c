"""The plan's overview (of one cycle or all): progress per mission, the mission balance per
stakeholder, key results by result level, and health counts."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch, Rectangle
from matplotlib.text import Text
from matplotlib.ticker import MaxNLocator

from okrdesk.charts.base import GAP, Chart
from okrdesk.charts.parts import empty_axes, style_axes
from okrdesk.charts.rows import AxesPart, CountBars, ProgressRows, Row, one_colour
from okrdesk.charts.style import ChartStyle
from okrdesk.charts.text import Font, text_width
from okrdesk.domain.health import Health
from okrdesk.domain.messages import message
from okrdesk.services.series import PlanSeries, StakeholderBalance

# The overview's "progress per mission" shows this many missions at most: a plan of
# hundreds would be an unreadable wall of bars (and take seconds to lay out).
MAX_MISSION_ROWS = 15


def legend_below(part: AxesPart, entries: Sequence[tuple[Any, str]]) -> None:
    """A legend under an axes of its own (below its tick labels), in as many columns as
    its width allows."""
    style, chart = part.style, part.chart
    font = Font(style.small_size, family=style.family)
    widest = max(text_width(label, font, chart.dpi) for _, label in entries)
    room = chart.axes_width(part.ax)
    columns = max(1, min(3, len(entries), int(room // (widest + chart.points(30)))))
    legend = part.ax.legend(
        [handle for handle, _ in entries],
        [label for _, label in entries],
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        # In font sizes: the ticks, their pad and their labels' line, then a little air.
        borderaxespad=2.4,
        ncols=columns,
        fontsize=style.small_size,
        frameon=False,
        labelcolor=style.colours.text,
    )
    for text in legend.get_texts():
        text.set_parse_math(False)


def count_axes(ax: Axes, rows: int, top: int) -> None:
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlim(0, max(top, 1))
    ax.set_ylim(rows - 0.45, -0.95)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))


@dataclass
class _BalanceArtists:
    label: Text
    right: Text
    objectives: Rectangle
    key_results: Rectangle


class Balance(AxesPart):
    """Per stakeholder: how many objectives and key results serve them."""

    def show(self, rows: Sequence[StakeholderBalance]) -> None:
        if len(rows) != self.shape:
            self._build(rows)
            self.shape = len(rows)
        self.axes_title(self.style.say(message("Mission balance: what serves each stakeholder")))
        if not rows:
            self.empty.set_text(self.style.say(message("No stakeholders yet")))
            return
        top = max([*(r.objectives for r in rows), *(r.key_results for r in rows), 1])
        for artists, row in zip(self.artists, rows, strict=True):
            artists.objectives.set_width(row.objectives)
            artists.key_results.set_width(row.key_results)
            artists.right.set_text(self._counts(row))
            self.fit(artists.label, row.name, partial(self._room, artists))
        count_axes(self.ax, len(rows), top)

    def _counts(self, row: StakeholderBalance) -> str:
        say = self.style.say
        if not (row.objectives or row.key_results):
            return say(message("nothing serves them yet"))
        objectives = (
            message("1 objective")
            if row.objectives == 1
            else message("{count} objectives", count=row.objectives)
        )
        key_results = (
            message("1 KR")
            if row.key_results == 1
            else message("{count} KRs", count=row.key_results)
        )
        return f"{say(objectives)} · {say(key_results)}"

    def _build(self, rows: Sequence[StakeholderBalance]) -> None:
        self.reset()
        ax, style = self.ax, self.style
        colours = style.colours
        self.artists: list[_BalanceArtists] = []
        if not rows:
            self.empty = empty_axes(ax, style)
            return
        for y in range(len(rows)):
            label, right = self.label_pair(y)
            (objectives,) = ax.barh(y - 0.08, 0, height=0.16, color=colours.accent)
            (key_results,) = ax.barh(y + 0.1, 0, height=0.16, color=colours.confidence)
            self.artists.append(_BalanceArtists(label, right, objectives, key_results))
        say = style.say
        legend_below(
            self,
            [
                (Patch(color=colours.accent), say(message("objectives"))),
                (Patch(color=colours.confidence), say(message("key results"))),
            ],
        )

    def _room(self, artists: _BalanceArtists) -> float:
        return self.chart.axes_width(self.ax) - self.width_of(artists.right) - GAP


@dataclass
class _Segment:
    bar: Rectangle
    number: Text


class HealthCounts(AxesPart):
    """Two stacked bars, objectives and key results, one segment per health."""

    def show(self, data: PlanSeries) -> None:
        rows = (
            (message("Objectives"), data.objective_health),
            (message("Key results"), data.key_result_health),
        )
        shape = tuple(tuple(c.key for c in counts if c.count) for _, counts in rows)
        if shape != self.shape:
            self._build(shape)
            self.shape = shape
        say = self.style.say
        self.axes_title(say(message("Health")))
        top = 1
        for y, (label, counts) in enumerate(rows):
            total = sum(c.count for c in counts)
            top = max(top, total)
            self.totals[y].set_text(str(total))
            self.fit(self.labels[y], say(label), partial(self._room, y))
            left = 0
            shown = [c for c in counts if c.count]
            for segment, count in zip(self.segments[y], shown, strict=True):
                segment.bar.set_x(left)
                segment.bar.set_width(count.count)
                segment.number.set_position((left + count.count / 2, y))
                segment.number.set_text(str(count.count))
                left += count.count
        count_axes(self.ax, len(rows), top)

    def _build(self, shape: tuple[tuple[str, ...], ...]) -> None:
        self.reset()
        ax, style = self.ax, self.style
        colours = style.colours
        self.labels: list[Text] = []
        self.totals: list[Text] = []
        self.segments: list[list[_Segment]] = []
        used: list[str] = []
        for y, keys in enumerate(shape):
            label, total = self.label_pair(y)
            self.labels.append(label)
            self.totals.append(total)
            segments = []
            for key in keys:
                colour = colours.health(Health(key))
                (bar,) = ax.barh(y, 0, height=0.34, color=colour, edgecolor=colours.background)
                number = self.text(
                    0,
                    y,
                    ha="center",
                    va="center",
                    fontsize=style.small_size - 1,
                    color=colours.on_tone,
                    fontweight="bold",
                )
                segments.append(_Segment(bar, number))
                used += [key] if key not in used else []
            self.segments.append(segments)
        if used:
            entries = [
                (Patch(color=colours.health(Health(k))), style.say(Health(k).label)) for k in used
            ]
            legend_below(self, entries)

    def _room(self, y: int) -> float:
        return self.chart.axes_width(self.ax) - self.width_of(self.totals[y]) - GAP


def mission_rows(data: PlanSeries, style: ChartStyle) -> list[Row]:
    shown = data.missions[:MAX_MISSION_ROWS]
    hidden = len(data.missions) - len(shown)
    health = style.colours.health
    rows = [Row(m.title, m.progress, None, health(m.health), indent=m.depth) for m in shown]
    if hidden:
        more = message("… and {n} more missions", n=hidden)
        rows.append(Row(style.say(more), header=True, right=""))
    return rows


def overview_title(data: PlanSeries) -> str:
    """The chart's title; it says how many team objectives the numbers leave out, as the
    status bar does, so that nobody looks for them in the bars."""
    if data.team_objectives == 1:
        return message("Overview · {title} · 1 team objective not counted", title=data.title)
    if data.team_objectives:
        return message(
            "Overview · {title} · {count} team objectives not counted",
            title=data.title,
            count=data.team_objectives,
        )
    return message("Overview · {title}", title=data.title)


class PlanChart(Chart):
    @classmethod
    def shape(cls, data: PlanSeries) -> Hashable:
        if data.is_empty:
            return "empty"
        shown = min(len(data.missions), MAX_MISSION_ROWS)
        hidden = len(data.missions) > shown
        return (shown, hidden, len(data.balance), len(data.result_mix))

    def __init__(self, figure: Figure, style: ChartStyle, data: PlanSeries) -> None:
        super().__init__(figure, style, data)
        self.notice: Text | None = None
        if data.is_empty:
            self.notice = empty_axes(figure.add_subplot(111), style)
            return
        shown = min(len(data.missions), MAX_MISSION_ROWS)
        hidden = len(data.missions) > shown
        missions, balance, mix, health = figure.subplots(
            4,
            1,
            height_ratios=[
                max(shown, 1) + 1 + (1 if hidden else 0),
                max(len(data.balance), 1) + 2,
                len(data.result_mix) + 1,
                4,
            ],
        )
        for ax, gid in ((missions, "missions"), (balance, "balance"), (health, "health")):
            ax.set_gid(gid)
        self.missions = ProgressRows(self, missions)
        self.no_missions: Text | None = None
        if not data.missions:
            self.no_missions = empty_axes(missions, style)
        self.balance = Balance(self, balance)
        self.mix = CountBars(self, mix)
        self.health = HealthCounts(self, health)
        for ax in (balance, mix, health):
            style_axes(ax, style)

    def show(self, data: PlanSeries) -> None:
        style = self.style
        say = style.say
        self.figure_title(say(overview_title(data)))
        if self.notice is not None:
            text = say(message("Nothing to chart yet\nAdd a mission with Ctrl+Shift+M"))
            self.fit_label(self.notice, text, lambda: self.width() * 0.8, lines=6)
            return
        if self.no_missions is not None:
            self.no_missions.set_text(say(message("No missions yet")))
        else:
            self.missions.show(mission_rows(data, style))
        self.missions.axes_title(say(message("Progress per mission")))
        self.balance.show(data.balance)
        accent = style.colours.accent
        self.mix.show(
            say(message("Key results by result level")), data.result_mix, one_colour(accent)
        )
        self.health.show(data)
