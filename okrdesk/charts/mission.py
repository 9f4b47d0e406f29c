"""A mission: its objectives' progress, grouped by cycle."""

from __future__ import annotations

from collections.abc import Hashable

from matplotlib.figure import Figure
from matplotlib.text import Text

from okrdesk.charts.base import Chart
from okrdesk.charts.objective import expected_entry, health_entries
from okrdesk.charts.parts import empty_axes, percent
from okrdesk.charts.rows import ProgressRows, Row
from okrdesk.charts.style import ChartStyle
from okrdesk.domain.messages import message
from okrdesk.services.series import MissionSeries


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
        return data.is_empty

    def __init__(self, figure: Figure, style: ChartStyle, data: MissionSeries) -> None:
        super().__init__(figure, style, data)
        ax = figure.add_subplot(111)
        self.notice: Text | None = None
        if data.is_empty:
            self.notice = empty_axes(ax, style)
            return
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
        self.set_legend(entries)
