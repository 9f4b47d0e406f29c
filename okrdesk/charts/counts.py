"""Charts of bars alone: counts (the PDF's summary, the growth summary), progress rows (the
PDF's progress by mission), and a sentence in place of a chart."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure

from okrdesk.charts.base import Chart
from okrdesk.charts.parts import empty_axes, style_axes
from okrdesk.charts.rows import CountBars, ProgressRows, Row, one_colour
from okrdesk.charts.style import ChartStyle
from okrdesk.domain.messages import message
from okrdesk.services.growth import GrowthSummary
from okrdesk.services.series import Count


@dataclass(frozen=True)
class Notice:
    """No chart: a sentence instead (nothing selected, a one-on-one...)."""

    title: str
    text: str


class NoticeChart(Chart):
    @classmethod
    def shape(cls, data: Notice) -> Hashable:
        return "notice"

    def __init__(self, figure: Figure, style: ChartStyle, data: Notice) -> None:
        super().__init__(figure, style, data)
        self.ax = figure.add_subplot(111)
        self.notice = empty_axes(self.ax, style)

    def show(self, data: Notice) -> None:
        if data.title:
            self.figure_title(data.title)
        self.fit_label(self.notice, data.text, lambda: self.width() * 0.8, lines=6)


@dataclass(frozen=True)
class Counts:
    """Bars of counts under a title, each coloured by ``colour``."""

    title: str
    counts: tuple[Count, ...]
    colour: Callable[[Count], str]


class CountChart(Chart):
    @classmethod
    def shape(cls, data: Counts) -> Hashable:
        return len(data.counts)

    def __init__(self, figure: Figure, style: ChartStyle, data: Counts) -> None:
        super().__init__(figure, style, data)
        ax = figure.add_subplot(111)
        style_axes(ax, style)
        self.bars = CountBars(self, ax)

    def show(self, data: Counts) -> None:
        # The title over the whole figure, labels' column included (one line on a page).
        self.figure_title(data.title)
        self.bars.show(None, data.counts, data.colour)


@dataclass(frozen=True)
class Rows:
    """Progress rows under a title."""

    title: str
    rows: tuple[Row, ...]


class RowsChart(Chart):
    @classmethod
    def shape(cls, data: Rows) -> Hashable:
        return len(data.rows)

    def __init__(self, figure: Figure, style: ChartStyle, data: Rows) -> None:
        super().__init__(figure, style, data)
        self.rows = ProgressRows(self, figure.add_subplot(111))

    def show(self, data: Rows) -> None:
        self.figure_title(data.title)
        self.rows.show(data.rows)


class GrowthChart(Chart):
    """Growth notes per kind and per mission, of one cycle."""

    @classmethod
    def shape(cls, data: GrowthSummary) -> Hashable:
        return (bool(data.notes), len(data.by_kind), len(data.by_mission))

    def __init__(self, figure: Figure, style: ChartStyle, data: GrowthSummary) -> None:
        super().__init__(figure, style, data)
        self.notice = None
        if not data.notes:
            self.notice = empty_axes(figure.add_subplot(111), style)
            return
        kinds, missions = figure.subplots(
            2, 1, height_ratios=[len(data.by_kind) + 1, len(data.by_mission) + 1]
        )
        for ax in (kinds, missions):
            style_axes(ax, style)
        self.kinds = CountBars(self, kinds)
        self.missions = CountBars(self, missions)

    def show(self, data: GrowthSummary) -> None:
        say, colours = self.style.say, self.style.colours
        self.figure_title(say(message("Growth summary · {title}", title=data.title)))
        if self.notice is not None:
            text = say(
                message("No growth notes yet. Log what you learn on a milestone with Ctrl+L.")
            )
            self.fit_label(self.notice, text, lambda: self.width() * 0.8, lines=6)
            return
        self.kinds.show(say(message("Notes per kind")), data.by_kind, one_colour(colours.accent))
        self.missions.show(
            say(message("Notes per mission")), data.by_mission, one_colour(colours.confidence)
        )


def counts_of(title: str, counts: Sequence[Count], colours: dict[str, str], default: str) -> Counts:
    """Counts coloured by key (a health, a result level), ``default`` for other keys."""

    def pick(count: Count) -> str:
        return colours.get(count.key, default)

    return Counts(title, tuple(counts), pick)
