"""A figure that shows one chart at a time and redraws it in place.

``Board.show(kind, data, style)`` builds the kind's axes and artists the first time, and
for data of the same shape only moves them; a new kind, a new shape or a new style (the
palette changed) clears the figure and builds again. Its layout engine lays the figure out
only when the chart's titles, labels or size change (``okrdesk.charts.base.ChartLayout``).
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from matplotlib.figure import Figure

from okrdesk.charts.base import Chart, ChartLayout
from okrdesk.charts.counts import GrowthChart, Notice, NoticeChart
from okrdesk.charts.key_result import EmptyKeyResultChart, KeyResultChart
from okrdesk.charts.mission import MissionChart
from okrdesk.charts.objective import ObjectiveChart
from okrdesk.charts.plan import PlanChart
from okrdesk.charts.roadmap import RoadmapChart
from okrdesk.charts.skills import SkillsChart
from okrdesk.charts.style import ChartStyle
from okrdesk.services.growth import GrowthSummary
from okrdesk.services.series import (
    KeyResultSeries,
    MissionSeries,
    ObjectiveSeries,
    PlanSeries,
    RoadmapSeries,
)
from okrdesk.services.skill_growth import SkillsSeries

ScreenData = (
    KeyResultSeries
    | ObjectiveSeries
    | MissionSeries
    | PlanSeries
    | RoadmapSeries
    | GrowthSummary
    | SkillsSeries
    | Notice
)


def screen_chart(data: ScreenData) -> type[Chart]:
    """The chart the window shows for ``data``."""
    match data:
        case KeyResultSeries() if data.is_empty:
            return EmptyKeyResultChart
        case KeyResultSeries():
            return KeyResultChart
        case ObjectiveSeries():
            return ObjectiveChart
        case MissionSeries():
            return MissionChart
        case PlanSeries():
            return PlanChart
        case RoadmapSeries():
            return RoadmapChart
        case GrowthSummary():
            return GrowthChart
        case SkillsSeries():
            return SkillsChart
        case Notice():
            return NoticeChart
    raise TypeError(f"no chart for {type(data).__name__}")


class Board:
    def __init__(self, figure: Figure) -> None:
        self.figure = figure
        self.chart: Chart | None = None
        self._built: Hashable = None
        # How many times the figure was built from nothing (the rest were in place).
        self.builds = 0

    def show(self, kind: type[Chart], data: Any, style: ChartStyle) -> Chart:
        built = (kind, kind.shape(data), style)
        chart = self.chart
        if chart is None or built != self._built:
            self.figure.clear()
            chart = kind(self.figure, style, data)
            pad = style.pad
            self.figure.set_layout_engine(
                ChartLayout(chart, w_pad=pad, h_pad=pad, hspace=style.spacing)
            )
            self.chart, self._built = chart, built
            self.builds += 1
        chart.show(data)
        chart.fit_texts()
        return chart

    def show_screen(self, data: ScreenData, style: ChartStyle) -> Chart:
        return self.show(screen_chart(data), data, style)

    @property
    def layouts(self) -> int:
        """How many times the current chart was laid out."""
        engine = self.figure.get_layout_engine()
        return engine.runs if isinstance(engine, ChartLayout) else 0
