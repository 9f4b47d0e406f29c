"""The chart pane's drawing: the window's palette and language made into a screen style for
``okrdesk.charts``, which draws (the same charts as the review mode and the PDF).

Imported only once the window is on screen: matplotlib is slow to import. Each figure keeps
its ``Board``, so a redraw of the same kind of chart moves its artists instead of building
the figure again.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from matplotlib.figure import Figure

from okrdesk.charts.board import Board
from okrdesk.charts.counts import Notice
from okrdesk.charts.skills import skills_height
from okrdesk.charts.style import ChartStyle, Colours, screen_style
from okrdesk.gui.core.i18n import tr
from okrdesk.gui.panes.chart_data import ChartData, Message
from okrdesk.services.growth import GrowthSummary
from okrdesk.services.series import (
    KeyResultSeries,
    MissionSeries,
    ObjectiveSeries,
    PlanSeries,
    RoadmapSeries,
)
from okrdesk.services.skill_growth import SkillsSeries

_boards: WeakKeyDictionary[Figure, Board] = WeakKeyDictionary()


def board_for(figure: Figure) -> Board:
    board = _boards.get(figure)
    if board is None:
        board = _boards[figure] = Board(figure)
    return board


def style_for(colours: Colours) -> ChartStyle:
    """The screen style in the palette's colours, its words in the user's language."""
    return screen_style(colours, tr)


def draw(figure: Figure, data: ChartData, colours: Colours) -> None:
    shown = Notice(data.title, tr(data.text)) if isinstance(data, Message) else data
    board_for(figure).show_screen(shown, style_for(colours))


def draw_growth_summary(figure: Figure, summary: GrowthSummary, colours: Colours) -> None:
    board_for(figure).show_screen(summary, style_for(colours))


# The height (pixels) a mission's ratings across cycles take below its rows.
HISTORY_HEIGHT = 210


def fills_height(data: ChartData | GrowthSummary) -> bool:
    """Whether the chart should take all the height there is (lines over time do);
    rows of bars keep their own height, so a short list stays compact."""
    return isinstance(data, KeyResultSeries | ObjectiveSeries | Message)


def preferred_height(data: ChartData | GrowthSummary, width: int) -> int:
    """How tall (pixels) the chart needs to stay readable; the pane scrolls beyond it."""
    match data:
        case ObjectiveSeries():
            return 300 + 44 * len(data.key_results)
        case MissionSeries():
            rows = sum(len(c.objectives) + 1 for c in data.cycles)
            # The ratings across cycles need room of their own below the rows.
            return max(260, 150 + 42 * rows) + (HISTORY_HEIGHT if data.history else 0)
        case PlanSeries():
            return 340 + 40 * (len(data.missions) + len(data.balance) + len(data.result_mix))
        case RoadmapSeries():
            return max(300, 160 + 50 * len(data.milestones))
        case GrowthSummary():
            return 200 + 30 * (len(data.by_kind) + len(data.by_mission))
        case SkillsSeries():
            return skills_height(data, width)
    return 320
