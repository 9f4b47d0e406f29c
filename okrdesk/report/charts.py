"""The report's charts: okrdesk's charts (``okrdesk.charts``, the ones the window and the
review mode draw) in the print style, handed over as SVG so the PDF holds them as vector
paths.

Each function returns SVG bytes, or None when there is nothing to draw (no check-ins yet,
every count at zero).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from okrdesk.charts.counts import CountChart, Rows, RowsChart, counts_of
from okrdesk.charts.export import svg_chart
from okrdesk.charts.objective import ProgressChart
from okrdesk.charts.parts import percent
from okrdesk.charts.rows import Row
from okrdesk.charts.style import ChartStyle, print_style
from okrdesk.domain.health import Health
from okrdesk.report.theme import Theme
from okrdesk.services.series import Count, MissionBar, ObjectiveSeries
from okrdesk.services.skill_growth import SkillsSeries


def report_style(theme: Theme) -> ChartStyle:
    return print_style(accent=theme.accent, track=theme.track)


def objective_chart(
    series: ObjectiveSeries, theme: Theme, width_pt: float = 300, height_pt: float = 110
) -> bytes | None:
    """The objective's progress over the cycle against the even pace (None without
    check-ins)."""
    if series.is_empty:
        return None
    return svg_chart(ProgressChart, series, report_style(theme), width_pt, height_pt)


def count_bars(
    title: str,
    counts: Sequence[Count],
    colours: Mapping[str, str],
    theme: Theme,
    width_pt: float = 240,
    height_pt: float = 150,
    default: str | None = None,
) -> bytes | None:
    """Horizontal bars, one per non-zero count (None when all are zero)."""
    shown = [c for c in counts if c.count]
    if not shown:
        return None
    data = counts_of(title, shown, dict(colours), default or theme.accent)
    return svg_chart(CountChart, data, report_style(theme), width_pt, height_pt)


def mission_progress_height(bars: int, row_pt: float = 20) -> float:
    return 36 + row_pt * bars


def mission_progress(
    title: str,
    bars: Sequence[MissionBar],
    theme: Theme,
    width_pt: float = 490,
    row_pt: float = 20,
) -> bytes | None:
    """One bar per mission, coloured by health, with its percentage."""
    if not bars:
        return None
    style = report_style(theme)
    rows = tuple(
        Row(b.title, b.progress, colour=theme.health(b.health), right=percent(b.progress, style))
        for b in bars
    )
    height = mission_progress_height(len(bars), row_pt)
    return svg_chart(RowsChart, Rows(title, rows), style, width_pt, height)


def health_colours(theme: Theme) -> dict[str, str]:
    return {h.value: theme.health(h) for h in Health}


def skills_chart_height(skills: int) -> float:
    """Points: the title and the key, and a band per skill."""
    return 62 + 84 * skills


def skills_chart(series: SkillsSeries, theme: Theme, width_pt: float = 483) -> bytes | None:
    """Each skill's level over the cycles, its aim, its steps (None without skills)."""
    from okrdesk.charts.skills import SkillsChart

    if series.is_empty:
        return None
    height = skills_chart_height(len(series.skills))
    return svg_chart(SkillsChart, series, report_style(theme), width_pt, height)
