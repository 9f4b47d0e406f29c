"""The report's charts, drawn with matplotlib's object API (never pyplot: it is not
thread-safe and the export runs off the UI thread) and handed over as SVG, so the PDF
holds them as vector paths.

Each function draws one series from ``okrdesk.services.series`` / ``report_data`` and
returns SVG bytes, or None when there is nothing to draw (no check-ins yet).
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Mapping, Sequence

import matplotlib
import matplotlib.dates as mdates
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import PercentFormatter

from okrdesk.domain.health import Health
from okrdesk.report.theme import Theme
from okrdesk.services.series import Count, MissionBar, ObjectiveSeries

TEXT = "#3e4c59"
MUTED = "#7b8794"
GRID = "#e4e7eb"
FONT = ["DejaVu Sans"]
PT = 1 / 72  # inches


def _figure(width_pt: float, height_pt: float) -> Figure:
    figure = Figure(figsize=(width_pt * PT, height_pt * PT))
    FigureCanvasSVG(figure)
    figure.set_facecolor("white")
    return figure


def _svg(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    # Text as text: Qt's SVG renderer draws it as real (searchable) PDF text, and it does
    # not understand the glyph outlines matplotlib writes otherwise. No date in the file:
    # the same plan gives the same chart.
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        figure.savefig(buffer, format="svg", metadata={"Date": None}, facecolor="white")
    return buffer.getvalue()


def _style(ax: object) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)  # type: ignore[attr-defined]
    for side in ("left", "bottom"):
        ax.spines[side].set_color(GRID)  # type: ignore[attr-defined]
    ax.tick_params(colors=MUTED, labelsize=7, length=2)  # type: ignore[attr-defined]


# Control characters have no glyph in any font (a title pasted from a terminal, or read
# from a plan another tool wrote): matplotlib would warn for each.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def drawable_text(text: str) -> str:
    return _CONTROL.sub(" ", text)


def _title(ax: object, title: str) -> None:
    ax.set_title(  # type: ignore[attr-defined]
        title, loc="left", fontsize=8.5, color=TEXT, fontweight="bold", pad=6, fontfamily=FONT
    )


def objective_chart(
    series: ObjectiveSeries, theme: Theme, width_pt: float = 300, height_pt: float = 110
) -> bytes | None:
    """The objective's progress over the cycle against the even pace (None without
    check-ins)."""
    if series.is_empty:
        return None
    figure = _figure(width_pt, height_pt)
    ax = figure.add_subplot(111)
    _style(ax)
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    if series.ideal is not None:
        ax.plot(
            mdates.date2num(list(series.ideal.days)),  # type: ignore[no-untyped-call]
            list(series.ideal.values),
            linestyle="--",
            color=MUTED,
            linewidth=0.9,
            label="Even pace",
        )
    days = list(series.burn_up.days)
    ax.plot(
        mdates.date2num(days),  # type: ignore[no-untyped-call]
        list(series.burn_up.values),
        color=theme.tones.colour(series.health.tone)
        if series.health is not Health.PENDING
        else theme.accent,
        linewidth=1.6,
        marker="o",
        markersize=2.5,
        label="Progress",
    )
    first = series.ideal.days[0] if series.ideal is not None else days[0]
    last = series.ideal.days[-1] if series.ideal is not None else days[-1]
    if first <= series.today <= last:
        ax.axvline(
            mdates.date2num(series.today),  # type: ignore[no-untyped-call]
            color=theme.accent,
            linewidth=0.7,
            linestyle=":",
        )
    ax.set_ylim(0, 1.05)
    ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
    ax.set_yticks([0, 0.5, 1.0])
    locator = mdates.AutoDateLocator(maxticks=6)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    dates = mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
    # The year in a corner ("2027-Jan") reads as a stray label at this size.
    dates.offset_formats = [""] * 6
    ax.xaxis.set_major_formatter(dates)
    _title(ax, "Progress over the cycle")
    ax.legend(loc="upper left", fontsize=6.5, frameon=False, labelcolor=MUTED, handlelength=2.2)
    figure.subplots_adjust(left=0.09, right=0.98, top=0.84, bottom=0.17)
    return _svg(figure)


def count_bars(
    title: str,
    counts: Sequence[Count],
    colours: Mapping[str, str],
    width_pt: float = 240,
    height_pt: float = 150,
    default: str = "#2e6db4",
) -> bytes | None:
    """Horizontal bars, one per non-zero count (None when all are zero)."""
    shown = [c for c in counts if c.count]
    if not shown:
        return None
    figure = _figure(width_pt, height_pt)
    ax = figure.add_subplot(111)
    _style(ax)
    # One slot per bar, at least five: one or two bars stay bars, not blocks.
    positions = list(range(len(shown)))
    bars = ax.barh(
        positions,
        [c.count for c in shown],
        color=[colours.get(c.key, default) for c in shown],
        height=0.62,
    )
    ax.set_yticks(positions, [drawable_text(c.label) for c in shown])
    ax.set_ylim(max(len(shown), 5) - 0.5, -0.5)
    values = [c.count for c in shown]
    ax.bar_label(bars, padding=3, fontsize=7, color=TEXT)
    ax.set_xlim(0, max(values) * 1.18)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    ax.tick_params(axis="y", labelsize=7.5, colors=TEXT)
    _title(ax, title)
    figure.subplots_adjust(left=0.30, right=0.97, top=0.86, bottom=0.04)
    return _svg(figure)


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
    height_pt = 36 + row_pt * len(bars)
    figure = _figure(width_pt, height_pt)
    ax = figure.add_subplot(111)
    _style(ax)
    labels = [textwrap.shorten(drawable_text(b.title), 60, placeholder="…") for b in bars][::-1]
    values = [b.progress or 0.0 for b in bars][::-1]
    colours = [theme.tones.colour(b.health.tone) for b in bars][::-1]
    ax.barh(labels, [1.0] * len(bars), color=theme.track, height=0.55)
    drawn = ax.barh(labels, values, color=colours, height=0.55)
    ax.bar_label(
        drawn,
        labels=["–" if b.progress is None else f"{round(b.progress * 100)} %" for b in bars][::-1],
        padding=3,
        fontsize=7,
        color=TEXT,
    )
    ax.set_xlim(0, 1.12)
    ax.xaxis.set_visible(False)
    ax.spines["bottom"].set_visible(False)
    ax.spines["left"].set_visible(False)
    ax.tick_params(axis="y", labelsize=7.5, colors=TEXT, length=0)
    _title(ax, title)
    inch = height_pt * PT
    figure.subplots_adjust(left=0.42, right=0.97, top=1 - (22 * PT) / inch, bottom=(6 * PT) / inch)
    return _svg(figure)


def health_colours(theme: Theme) -> dict[str, str]:
    return {h.value: theme.tones.colour(h.tone) for h in Health}
