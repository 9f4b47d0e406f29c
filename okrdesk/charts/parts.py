"""Small pieces every chart kind uses: axes in the style's colours, date axes, the "today"
marker, numbers and percentages as people write them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from functools import lru_cache

import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Annotation, Text

from okrdesk.charts.style import ChartStyle
from okrdesk.domain.messages import message


def style_axes(ax: Axes, style: ChartStyle) -> None:
    colours = style.colours
    ax.set_facecolor(colours.background)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(colours.grid)
    ax.tick_params(colors=colours.muted, labelsize=style.small_size, length=3 * style.weight**0.5)


def empty_axes(ax: Axes, style: ChartStyle) -> Text:
    """Axes without marks and a sentence in their middle (set its text afterwards)."""
    ax.set_axis_off()
    return ax.text(
        0.5,
        0.5,
        "",
        ha="center",
        va="center",
        transform=ax.transAxes,
        fontsize=style.text_size,
        color=style.colours.muted,
        linespacing=1.6,
        parse_math=False,
    )


def num(day: date) -> float:
    """``day`` as matplotlib's date number (days since its epoch)."""
    if type(day) is date:  # a day, not a datetime: whole days from the epoch's day
        return day.toordinal() + _epoch_offset(mdates.get_epoch())  # type: ignore[no-untyped-call]
    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


@lru_cache(maxsize=4)
def _epoch_offset(epoch: str) -> float:
    """What turns a day's ordinal into its date number (date2num is slow: a chart converts
    a few dozen days after each check-in)."""
    day = date(2000, 1, 1)
    return float(mdates.date2num(day)) - day.toordinal()  # type: ignore[no-untyped-call]


def nums(days: Sequence[date]) -> list[float]:
    return [num(d) for d in days]


def date_axis(ax: Axes, style: ChartStyle, most: int = 6) -> None:
    locator = mdates.AutoDateLocator(minticks=3, maxticks=most)  # type: ignore[no-untyped-call]
    formatter = mdates.ConciseDateFormatter(locator)  # type: ignore[no-untyped-call]
    if not style.date_offset:
        formatter.offset_formats = [""] * 6
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(formatter)


def x_range(days: Sequence[date]) -> tuple[float, float]:
    """The days' span with a little room either side (a week at least)."""
    first, last = min(days), max(days)
    span = max((last - first).days, 6)
    pad = timedelta(days=max(1, round(span * 0.04)))
    return num(first - pad), num(last + pad)


class TodayMarker:
    """A dotted line at today with the word beside it, moved when the day changes."""

    def __init__(self, ax: Axes, style: ChartStyle) -> None:
        colours = style.colours
        self.line: Line2D = ax.axvline(
            0, color=colours.muted, linewidth=0.9 * style.weight, linestyle=":", zorder=1
        )
        self.label: Annotation = ax.annotate(
            style.say(message("today")),
            xy=(0, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(3, -2),
            textcoords="offset points",
            va="top",
            fontsize=style.small_size - 0.5,
            color=colours.muted,
        )
        self.label.set_in_layout(False)

    def move(self, today: date) -> None:
        x = num(today)
        if self.label.xy == (x, 1.0):
            return  # as it was: a chart that keeps its still parts need not draw them again
        self.line.set_xdata([x, x])
        self.label.xy = (x, 1.0)
        self.label.stale = True  # the annotation's point is a plain attribute

    def show(self, visible: bool) -> None:
        self.line.set_visible(visible)
        self.label.set_visible(visible)


def number(value: float) -> str:
    """A value as a person writes it: 2.3, 61.1, 1,250 (not 2.30204)."""
    size = abs(value)
    digits = 0 if size >= 100 else 1 if size >= 10 else 2
    text = f"{value:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def value_text(value: float, unit: str) -> str:
    text = number(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit in ("%", "€", "$", "£") else f"{text} {unit}"


def percent(value: float | None, style: ChartStyle) -> str:
    if value is None:
        return "–"
    return style.say(message("{percent} %", percent=round(value * 100)))
