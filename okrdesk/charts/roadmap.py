"""An objective's milestones on a time axis: due against done, overdue marked."""

from __future__ import annotations

from collections.abc import Hashable
from datetime import date
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from okrdesk.charts.base import EDGE, Chart
from okrdesk.charts.parts import TodayMarker, date_axis, empty_axes, num, style_axes, x_range
from okrdesk.charts.style import ChartStyle
from okrdesk.domain.messages import message
from okrdesk.services.series import MilestoneMark, RoadmapSeries


def _notes(mark: MilestoneMark, style: ChartStyle) -> str:
    if not mark.notes:
        return ""
    count = message("1 note") if mark.notes == 1 else message("{count} notes", count=mark.notes)
    return "  · " + style.say(count)


class RoadmapChart(Chart):
    """Drawn whole for each roadmap (it changes only when a milestone does)."""

    @classmethod
    def shape(cls, data: RoadmapSeries) -> Hashable:
        return data

    def __init__(self, figure: Figure, style: ChartStyle, data: RoadmapSeries) -> None:
        super().__init__(figure, style, data)
        self.ax = figure.add_subplot(111)
        self.data = data
        if data.is_empty:
            self.notice = empty_axes(self.ax, style)
            return
        style_axes(self.ax, style)
        self.ax.set_gid("roadmap")
        self._draw(self.ax, data)

    def show(self, data: RoadmapSeries) -> None:
        style = self.style
        say = style.say
        self.figure_title(data.title)
        if data.is_empty:
            text = say(message("No milestones yet\nAdd one with Ctrl+Shift+L"))
            self.fit_label(self.notice, text, lambda: self.width() * 0.8, lines=6)
            return
        parts = [
            say(
                message(
                    "Milestones: {done} of {count} done",
                    done=data.done,
                    count=len(data.milestones),
                )
            )
        ]
        if data.overdue:
            parts.append(say(message("{count} overdue", count=data.overdue)))
        subtitle = self.ax.set_title(
            "", y=1.0, loc="left", fontsize=style.small_size, color=style.colours.muted, pad=6
        )
        self.fit_label(subtitle, " · ".join(parts), lambda: self.right_of(self.ax), lines=3)
        for label, mark in zip(self.labels, data.milestones, strict=True):
            self.fit_label(
                label,
                mark.title,
                lambda: self.axes_width(self.ax) - EDGE,
                suffix=_notes(mark, style),
            )

    def _draw(self, ax: Axes, data: RoadmapSeries) -> None:
        style = self.style
        colours = style.colours
        days = [data.today]
        days += [d for m in data.milestones for d in (m.due, m.done_on) if d is not None]
        days += [d for d in (data.start, data.end) if d is not None]
        if data.start is not None and data.end is not None:
            ax.axvspan(num(data.start), num(data.end), color=colours.track, alpha=0.55, linewidth=0)
        left, right = x_range(days)
        self.labels = []
        for y, mark in enumerate(data.milestones):
            selected = mark.milestone_id == data.selected_id
            label = ax.text(
                left,
                y - 0.26,
                "",
                va="bottom",
                ha="left",
                fontsize=style.small_size + (0.5 if selected else 0),
                color=colours.text,
                fontweight="bold" if selected else "normal",
                parse_math=False,
            )
            label.set_in_layout(False)
            self.labels.append(label)
            ax.plot([left, right], [y, y], color=colours.grid, linewidth=0.6, zorder=1)
            self._marks(ax, y, mark, data, (left, right))
        ax.set_xlim(left, right)
        TodayMarker(ax, style).move(data.today)
        date_axis(ax, style)
        ax.set_yticks([])
        ax.spines["left"].set_visible(False)
        ax.set_ylim(len(data.milestones) - 0.5, -1.2)
        self.set_legend(self._legend(data))

    def _marks(
        self,
        ax: Axes,
        y: int,
        mark: MilestoneMark,
        data: RoadmapSeries,
        span: tuple[float, float],
    ) -> None:
        style = self.style
        colours, say = style.colours, style.say
        done_colour = colours.bad if mark.late else colours.good
        if mark.due is not None and mark.done_on is not None:
            ax.plot(
                [num(mark.due), num(mark.done_on)],
                [y, y],
                color=done_colour,
                linewidth=2.2,
                zorder=2,
            )
        if mark.due is not None:
            overdue = mark.overdue
            ax.plot(
                num(mark.due),
                y,
                marker="D",
                markersize=7,
                markerfacecolor=colours.bad if overdue else colours.background,
                markeredgecolor=colours.bad if overdue else colours.text,
                markeredgewidth=1.4,
                linestyle="none",
                zorder=3,
            )
            if overdue:
                self._overdue(ax, y, mark.due, data.today, span)
        if mark.done_on is not None:
            ax.plot(
                num(mark.done_on),
                y,
                marker="o",
                markersize=7.5,
                color=done_colour,
                linestyle="none",
                zorder=4,
            )
        if mark.due is None and mark.done_on is None:
            ax.annotate(
                say(message("no due date")),
                xy=(span[1], y),
                xytext=(-4, 0),
                textcoords="offset points",
                ha="right",
                va="center",
                fontsize=style.small_size - 0.5,
                color=colours.muted,
                fontstyle="italic",
            ).set_in_layout(False)

    def _overdue(self, ax: Axes, y: int, due: date, today: date, span: tuple[float, float]) -> None:
        """ "overdue 25 d" beside the due mark, on its left near the axis' right end."""
        style = self.style
        late = (num(due) - span[0]) / (span[1] - span[0]) > 0.7
        note = ax.annotate(
            style.say(message("overdue {days} d", days=(today - due).days)),
            xy=(num(due), y),
            xytext=(-7 if late else 7, 0),
            textcoords="offset points",
            ha="right" if late else "left",
            va="center",
            fontsize=style.small_size - 0.5,
            color=style.colours.bad,
            fontweight="bold",
        )
        note.set_in_layout(False)

    def _legend(self, data: RoadmapSeries) -> list[tuple[Any, str]]:
        colours, say = self.style.colours, self.style.say
        due = Line2D(
            [],
            [],
            marker="D",
            linestyle="none",
            markerfacecolor=colours.background,
            markeredgecolor=colours.text,
        )
        done = Line2D([], [], marker="o", linestyle="none", color=colours.good)
        entries: list[tuple[Any, str]] = [(due, say(message("due"))), (done, say(message("done")))]
        if any(m.late for m in data.milestones):
            late = Line2D([], [], marker="o", color=colours.bad)
            entries.append((late, say(message("done late"))))
        if data.overdue:
            overdue = Line2D([], [], marker="D", linestyle="none", color=colours.bad)
            entries.append((overdue, say(message("overdue"))))
        return entries
