"""Drawing the chart pane's charts on a matplotlib Figure (never pyplot).

Imported only once the window is on screen: matplotlib is slow to import.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import matplotlib.dates as mdates
from matplotlib.figure import Figure

from okrdesk.gui.chart_data import ChartData, Message, ProgressBars, ValueSeries


@dataclass(frozen=True)
class Colours:
    """The app's palette, so charts match light and dark themes."""

    background: str = "#ffffff"
    text: str = "#1f2933"
    muted: str = "#7b8794"
    grid: str = "#e4e7eb"
    line: str = "#2e6db4"
    baseline: str = "#7b8794"
    target: str = "#1e8449"
    bar: str = "#2e6db4"
    track: str = "#e4e7eb"


TITLE_SIZE = 11
TEXT_SIZE = 9


def draw(figure: Figure, data: ChartData, colours: Colours) -> None:
    figure.clear()
    figure.set_facecolor(colours.background)
    if isinstance(data, ValueSeries):
        _draw_values(figure, data, colours)
    elif isinstance(data, ProgressBars):
        _draw_bars(figure, data, colours)
    else:
        _draw_message(figure, data, colours)


def _wrap(text: str, width: int) -> str:
    return "\n".join(textwrap.wrap(text, width)[:3]) or " "


def _chars_across(figure: Figure) -> int:
    """Roughly how many characters of body text fit across the figure."""
    return max(20, int(figure.get_figwidth() * figure.dpi / 7.5))


def _title(figure: Figure, title: str, colours: Colours) -> None:
    if title:
        figure.suptitle(
            _wrap(title, int(_chars_across(figure) * 0.8)),
            x=0.04,
            ha="left",
            fontsize=TITLE_SIZE,
            color=colours.text,
            fontweight="bold",
        )


def _style_axes(ax: object, colours: Colours) -> None:
    ax.set_facecolor(colours.background)  # type: ignore[attr-defined]
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)  # type: ignore[attr-defined]
    for side in ("left", "bottom"):
        ax.spines[side].set_color(colours.grid)  # type: ignore[attr-defined]
    ax.tick_params(colors=colours.muted, labelsize=TEXT_SIZE)  # type: ignore[attr-defined]


def _draw_message(figure: Figure, data: Message, colours: Colours) -> None:
    _title(figure, data.title, colours)
    figure.text(
        0.5,
        0.5,
        _wrap(data.text, 44),
        ha="center",
        va="center",
        fontsize=TEXT_SIZE + 1,
        color=colours.muted,
    )


def _draw_values(figure: Figure, data: ValueSeries, colours: Colours) -> None:
    _title(figure, data.title, colours)
    if not data.values:
        lines = ["No check-ins yet"]
        if data.target is not None:
            start = "0" if data.baseline is None else f"{data.baseline:g}"
            lines.append(f"From {start} to {data.target:g} {data.unit}".rstrip())
        figure.text(
            0.5,
            0.5,
            "\n".join(lines),
            ha="center",
            va="center",
            fontsize=TEXT_SIZE + 1,
            color=colours.muted,
            linespacing=1.6,
        )
        return
    ax = figure.add_subplot(111)
    _style_axes(ax, colours)
    ax.grid(axis="y", color=colours.grid, linewidth=0.8)
    ax.plot(
        mdates.date2num(list(data.dates)),  # type: ignore[no-untyped-call]
        list(data.values),
        marker="o",
        color=colours.line,
        linewidth=2,
        markersize=5,
    )
    if data.baseline is not None:
        ax.axhline(data.baseline, color=colours.baseline, linestyle="--", linewidth=1)
        ax.annotate(
            f"baseline {data.baseline:g}",
            xy=(0, data.baseline),
            xycoords=("axes fraction", "data"),
            xytext=(4, 3),
            textcoords="offset points",
            fontsize=TEXT_SIZE - 1,
            color=colours.muted,
        )
    if data.target is not None:
        ax.axhline(data.target, color=colours.target, linestyle="--", linewidth=1.2)
        ax.annotate(
            f"target {data.target:g}",
            xy=(0, data.target),
            xycoords=("axes fraction", "data"),
            xytext=(4, 3),
            textcoords="offset points",
            fontsize=TEXT_SIZE - 1,
            color=colours.target,
        )
    if data.unit:
        ax.set_ylabel(data.unit, fontsize=TEXT_SIZE, color=colours.muted)
    locator = mdates.AutoDateLocator(maxticks=6)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]
    ax.margins(x=0.08, y=0.15)
    figure.subplots_adjust(left=0.14, right=0.96, top=0.86, bottom=0.12)


def _one_line(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _draw_bars(figure: Figure, data: ProgressBars, colours: Colours) -> None:
    _title(figure, data.title, colours)
    if not data.labels:
        figure.text(
            0.5,
            0.5,
            data.empty_message,
            ha="center",
            va="center",
            fontsize=TEXT_SIZE + 1,
            color=colours.muted,
        )
        return
    ax = figure.add_subplot(111)
    _style_axes(ax, colours)
    count = len(data.labels)
    positions = list(range(count))
    values = [0.0 if v is None else v * 100 for v in data.values]
    # Thin bars with their label above: long titles stay readable in a narrow pane.
    ax.barh(positions, [100] * count, color=colours.track, height=0.24)
    ax.barh(positions, values, color=colours.bar, height=0.24)
    width_chars = _chars_across(figure)
    for y, label, value in zip(positions, data.labels, data.values, strict=True):
        ax.text(
            0,
            y - 0.2,
            _one_line(label, width_chars),
            va="bottom",
            ha="left",
            fontsize=TEXT_SIZE,
            color=colours.text,
        )
        text = "no value yet" if value is None else f"{round(value * 100)} %"
        ax.text(102, y, text, va="center", ha="left", fontsize=TEXT_SIZE, color=colours.text)
    ax.set_yticks([])
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100], ["0", "25", "50", "75", "100 %"])
    ax.spines["left"].set_visible(False)
    ax.set_ylim(max(count, 6) - 0.5, -0.8)
    figure.subplots_adjust(left=0.05, right=0.84, top=0.86, bottom=0.08)
