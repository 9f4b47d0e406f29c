"""Drawing the chart pane's charts on a matplotlib Figure (never pyplot).

Imported only once the window is on screen: matplotlib is slow to import. Every function
here draws plain series from okrdesk.services (series, growth) and computes nothing.
The figure uses constrained layout so titles, labels and legends never overlap; long
titles are wrapped or shortened to the width there is.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import matplotlib.dates as mdates
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from okrdesk.domain.enums import KeyResultKind, ObjectiveKind
from okrdesk.domain.health import Health
from okrdesk.domain.scoring import score_band
from okrdesk.gui.core.i18n import tr
from okrdesk.gui.panes.chart_data import ChartData, Message
from okrdesk.services.growth import GrowthSummary
from okrdesk.services.series import (
    Count,
    KeyResultSeries,
    MissionSeries,
    ObjectiveSeries,
    PlanSeries,
    RoadmapSeries,
)

TITLE_SIZE = 11.5
TEXT_SIZE = 9.5
SMALL_SIZE = 8.5
# Roughly how wide a character of body text is, in pixels at 96 dpi.
CHAR_PIXELS = 6.6


@dataclass(frozen=True)
class Colours:
    """The app's palette (read from QPalette by the pane), plus tones that read on it."""

    background: str = "#ffffff"
    text: str = "#1f2933"
    muted: str = "#616e7c"
    grid: str = "#d9dde2"
    track: str = "#e9ecef"
    accent: str = "#2e6db4"
    good: str = "#2f8a4c"
    warning: str = "#c77c02"
    bad: str = "#c0392b"
    neutral: str = "#8a94a0"
    confidence: str = "#8e5bb5"
    expected: str = "#1f2933"
    # Closed states and staleness, told apart from the open ones they resemble.
    achieved: str = "#1d5e33"
    missed: str = "#7d241b"
    outdated: str = "#a08a5c"
    # Text on a coloured segment.
    on_tone: str = "#ffffff"

    @classmethod
    def for_background(cls, background: str, text: str, muted: str, accent: str) -> Colours:
        """Tones chosen for a light or a dark background (by its lightness)."""
        if _lightness(background) >= 0.5:
            return cls(
                background=background,
                text=text,
                muted=muted,
                accent=accent,
                expected=text,
                grid=_mix(background, text, 0.16),
                track=_mix(background, text, 0.09),
            )
        return cls(
            background=background,
            text=text,
            muted=muted,
            accent=_lighter(accent),
            good="#5cc27a",
            warning="#f0b429",
            bad="#ef6a5a",
            neutral="#9aa5b1",
            confidence="#c39be6",
            expected=text,
            achieved="#9be0ae",
            missed="#b0473b",
            outdated="#c9b48a",
            on_tone="#16181b",
            grid=_mix(background, text, 0.22),
            track=_mix(background, text, 0.13),
        )

    def tone(self, name: str) -> str:
        return {"good": self.good, "warning": self.warning, "bad": self.bad}.get(name, self.neutral)

    def health(self, health: Health) -> str:
        special = {
            Health.ACHIEVED: self.achieved,
            Health.MISSED: self.missed,
            Health.OUTDATED: self.outdated,
        }
        return special.get(health) or self.tone(health.tone)


def _rgb(colour: str) -> tuple[float, float, float]:
    colour = colour.lstrip("#")
    return (int(colour[0:2], 16) / 255, int(colour[2:4], 16) / 255, int(colour[4:6], 16) / 255)


def _hex(rgb: Sequence[float]) -> str:
    return "#" + "".join(f"{round(max(0.0, min(1.0, c)) * 255):02x}" for c in rgb)


def _lightness(colour: str) -> float:
    r, g, b = _rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _mix(a: str, b: str, share: float) -> str:
    """``a`` with ``share`` of ``b`` mixed in."""
    return _hex([x + (y - x) * share for x, y in zip(_rgb(a), _rgb(b), strict=True)])


def _lighter(colour: str) -> str:
    # An accent picked for light themes is often too dark on a dark background.
    return colour if _lightness(colour) > 0.45 else _mix(colour, "#ffffff", 0.35)


# -- entry points -------------------------------------------------------------------------------


def draw(figure: Figure, data: ChartData, colours: Colours) -> None:
    figure.clear()
    figure.set_facecolor(colours.background)
    figure.set_layout_engine("constrained")
    engine = figure.get_layout_engine()
    if engine is not None:
        engine.set(w_pad=0.08, h_pad=0.08, hspace=0.06)  # type: ignore[call-arg]
    match data:
        case KeyResultSeries():
            _draw_key_result(figure, data, colours)
        case ObjectiveSeries():
            _draw_objective(figure, data, colours)
        case MissionSeries():
            _draw_mission(figure, data, colours)
        case PlanSeries():
            _draw_plan(figure, data, colours)
        case RoadmapSeries():
            _draw_roadmap(figure, data, colours)
        case Message():
            _draw_message(figure, data.title, tr(data.text), colours)


def draw_growth_summary(figure: Figure, summary: GrowthSummary, colours: Colours) -> None:
    figure.clear()
    figure.set_facecolor(colours.background)
    figure.set_layout_engine("constrained")
    if not summary.notes:
        _draw_message(
            figure,
            tr("Growth summary · {title}").format(title=summary.title),
            tr("No growth notes yet. Log what you learn on a milestone with Ctrl+L."),
            colours,
        )
        return
    _title(figure, tr("Growth summary · {title}").format(title=summary.title), colours)
    kinds, missions = figure.subplots(
        2, 1, height_ratios=[len(summary.by_kind) + 1, len(summary.by_mission) + 1]
    )
    _count_bars(kinds, summary.by_kind, colours, tr("Notes per kind"), colours.accent)
    _count_bars(missions, summary.by_mission, colours, tr("Notes per mission"), colours.confidence)


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
            return max(260, 150 + 42 * rows)
        case PlanSeries():
            return 340 + 40 * (len(data.missions) + len(data.balance) + len(data.result_mix))
        case RoadmapSeries():
            return max(300, 160 + 50 * len(data.milestones))
        case GrowthSummary():
            return 200 + 30 * (len(data.by_kind) + len(data.by_mission))
    return 320


# -- pieces -------------------------------------------------------------------------------------


def _chars_across(figure: Figure, share: float = 1.0) -> int:
    """About how many characters of body text fit across ``share`` of the figure."""
    return max(16, int(figure.get_figwidth() * figure.dpi * share / CHAR_PIXELS))


def _wrap(text: str, width: int, lines: int = 3) -> str:
    wrapped = textwrap.wrap(text, width, max_lines=lines, placeholder=" …")
    return "\n".join(wrapped) or " "


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _percent(value: float | None) -> str:
    return "–" if value is None else tr("{percent} %").format(percent=round(value * 100))


def _title(figure: Figure, title: str, colours: Colours) -> None:
    if title:
        # Bold title characters are about 1.3 times as wide as body text.
        figure.suptitle(
            _wrap(title, int(_chars_across(figure) * 0.72), 2),
            x=0.02,
            ha="left",
            fontsize=TITLE_SIZE,
            color=colours.text,
            fontweight="bold",
        )


def _subtitle(ax: Axes, text: str, colours: Colours) -> None:
    chars = int(_chars_across(ax.get_figure(), 0.92) * TEXT_SIZE / SMALL_SIZE)  # type: ignore[arg-type]
    ax.set_title(_wrap(text, chars, 3), loc="left", fontsize=SMALL_SIZE, color=colours.muted, pad=6)


def _style(ax: Axes, colours: Colours) -> None:
    ax.set_facecolor(colours.background)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(colours.grid)
    ax.tick_params(colors=colours.muted, labelsize=SMALL_SIZE, length=3)


def _empty_axes(ax: Axes, text: str, colours: Colours) -> None:
    ax.set_axis_off()
    ax.text(
        0.5,
        0.5,
        text,
        ha="center",
        va="center",
        transform=ax.transAxes,
        fontsize=TEXT_SIZE,
        color=colours.muted,
        linespacing=1.6,
    )


def _draw_message(figure: Figure, title: str, text: str, colours: Colours) -> None:
    _title(figure, title, colours)
    ax = figure.add_subplot(111)
    _empty_axes(ax, _wrap(text, min(46, _chars_across(figure, 0.8)), 6), colours)


def _date_axis(ax: Axes) -> None:
    locator = mdates.AutoDateLocator(minticks=3, maxticks=6)  # type: ignore[no-untyped-call]
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))  # type: ignore[no-untyped-call]


def _today(ax: Axes, today: date, colours: Colours) -> None:
    ax.axvline(_num(today), color=colours.muted, linewidth=0.9, linestyle=":", zorder=1)
    ax.annotate(
        tr("today"),
        xy=(_num(today), 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(3, -2),
        textcoords="offset points",
        va="top",
        fontsize=SMALL_SIZE - 0.5,
        color=colours.muted,
    )


def _num(day: date) -> float:
    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def _nums(days: Sequence[date]) -> list[float]:
    return [_num(d) for d in days]


def _x_range(ax: Axes, days: Sequence[date]) -> None:
    first, last = min(days), max(days)
    span = max((last - first).days, 6)
    pad = timedelta(days=max(1, round(span * 0.04)))
    ax.set_xlim(_num(first - pad), _num(last + pad))


def _legend(figure: Figure, handles: list[Any], colours: Colours) -> None:
    if not handles:
        return
    legend = figure.legend(
        handles=handles,
        loc="outside lower center",
        ncols=min(3, len(handles)),
        fontsize=SMALL_SIZE,
        frameon=False,
        labelcolor=colours.text,
        handlelength=1.8,
        columnspacing=1.2,
    )
    legend.set_in_layout(True)


# -- key result ---------------------------------------------------------------------------------


def _number(value: float) -> str:
    """A value as a person writes it: 2.3, 61.1, 1,250 (not 2.30204)."""
    size = abs(value)
    digits = 0 if size >= 100 else 1 if size >= 10 else 2
    text = f"{value:,.{digits}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _value(value: float, unit: str) -> str:
    text = _number(value)
    if not unit:
        return text
    return f"{text}{unit}" if unit in ("%", "€", "$", "£") else f"{text} {unit}"


def _key_result_subtitle(data: KeyResultSeries) -> str:
    parts = [data.health.label, tr("progress {percent}").format(percent=_percent(data.progress))]
    if data.expected_progress is not None and not data.health.is_closed:
        parts.append(tr("expected {percent}").format(percent=_percent(data.expected_progress)))
    if data.forecast is not None and data.kind is KeyResultKind.METRIC:
        end = data.forecast.days[-1]
        parts.append(
            tr("forecast {value} by {day}").format(
                value=_value(data.forecast.values[-1], data.unit), day=f"{end:%b %-d}"
            )
        )
    return " · ".join(parts)


def _draw_key_result(figure: Figure, data: KeyResultSeries, colours: Colours) -> None:
    _title(figure, data.title, colours)
    if data.is_empty:
        lines = [tr("No check-ins yet")]
        if data.target is not None and data.kind is KeyResultKind.METRIC:
            start = 0.0 if data.baseline is None else data.baseline
            lines.append(
                tr("From {start} to {target}").format(
                    start=_value(start, data.unit), target=_value(data.target, data.unit)
                )
            )
        lines.append(tr("Check in with Ctrl+K"))
        ax = figure.add_subplot(111)
        _empty_axes(ax, "\n".join(lines), colours)
        return
    ax = figure.add_subplot(111)
    _style(ax, colours)
    ax.grid(axis="y", color=colours.grid, linewidth=0.7)
    _subtitle(ax, _key_result_subtitle(data), colours)
    milestone = data.kind is KeyResultKind.MILESTONE
    handles: list[Any] = []
    if data.band is not None:
        low, high = data.band
        if low is not None or high is not None:
            values = [v for v in (*data.values, low, high) if v is not None]
            bottom = low if low is not None else min(values) - 1
            top = high if high is not None else max(values) + 1
            ax.axhspan(bottom, top, color=colours.good, alpha=0.12, linewidth=0)
            handles.append(Patch(color=colours.good, alpha=0.25, label=tr("good band")))
    if data.baseline is not None and not milestone:
        ax.axhline(data.baseline, color=colours.muted, linestyle="--", linewidth=1)
        handles.append(
            Line2D(
                [],
                [],
                color=colours.muted,
                linestyle="--",
                label=tr("baseline {value}").format(value=_number(data.baseline)),
            )
        )
    if data.target is not None and not milestone:
        ax.axhline(data.target, color=colours.good, linestyle="--", linewidth=1.3)
        handles.append(
            Line2D(
                [],
                [],
                color=colours.good,
                linestyle="--",
                label=tr("target {value}").format(value=_number(data.target)),
            )
        )
    if data.expected_pace is not None:
        ax.plot(
            _nums(data.expected_pace.days),
            list(data.expected_pace.values),
            color=colours.expected,
            linestyle=":",
            linewidth=1.2,
            alpha=0.7,
            gid="expected_pace",
        )
        handles.append(
            Line2D(
                [], [], color=colours.expected, linestyle=":", alpha=0.7, label=tr("expected pace")
            )
        )
    (values_line,) = ax.plot(
        _nums(data.dates),
        list(data.values),
        marker="o",
        color=colours.accent,
        linewidth=2,
        markersize=5,
        zorder=4,
        label="value",
        gid="values",
        drawstyle="steps-post" if milestone else "default",
    )
    handles.insert(0, values_line)
    if data.forecast is not None:
        colour = colours.bad if data.trending_off_track else colours.accent
        ax.plot(
            _nums(data.forecast.days),
            list(data.forecast.values),
            color=colour,
            linestyle="--",
            linewidth=1.6,
            marker="o",
            markevery=[1],
            markerfacecolor=colours.background,
            zorder=3,
            gid="forecast",
        )
        label = tr("forecast (off track)") if data.trending_off_track else tr("forecast")
        handles.append(Line2D([], [], color=colour, linestyle="--", label=label))
    if milestone:
        ax.set_yticks([0, 1], [tr("not done"), tr("done")])
        ax.set_ylim(-0.25, 1.35)
    elif data.unit:
        ax.set_ylabel(data.unit, fontsize=SMALL_SIZE, color=colours.muted)
    days = [*data.dates, data.today]
    days += [d for d in (data.start, data.end) if d is not None]
    if data.forecast is not None:
        days += list(data.forecast.days)
    _x_range(ax, days)
    _today(ax, data.today, colours)
    _date_axis(ax)
    ax.margins(y=0.12)
    confidences = [
        (d, c) for d, c in zip(data.dates, data.confidences, strict=True) if c is not None
    ]
    if confidences:
        twin = ax.twinx()
        twin.plot(
            _nums([d for d, _ in confidences]),
            [c * 10 for _, c in confidences],
            color=colours.confidence,
            linewidth=1.2,
            marker="s",
            markersize=3.5,
            alpha=0.85,
            drawstyle="steps-post",
            gid="confidence",
        )
        twin.set_ylim(0, 10.5)
        twin.set_yticks([0, 5, 10])
        twin.set_ylabel(tr("confidence (in 10)"), fontsize=SMALL_SIZE, color=colours.confidence)
        twin.tick_params(colors=colours.confidence, labelsize=SMALL_SIZE, length=3)
        for side in ("top", "left", "bottom"):
            twin.spines[side].set_visible(False)
        twin.spines["right"].set_color(colours.grid)
        handles.append(
            Line2D(
                [],
                [],
                color=colours.confidence,
                marker="s",
                markersize=3.5,
                label=tr("confidence"),
            )
        )
    _legend(figure, handles, colours)


# -- horizontal progress rows (objective, mission, plan) ----------------------------------------


@dataclass(frozen=True)
class _Row:
    label: str
    value: float | None = None
    expected: float | None = None
    colour: str = ""
    header: bool = False
    right: str | None = None
    # Nesting depth, shown as an indent of the label (a mission serving another).
    indent: int = 0


def _progress_rows(ax: Axes, rows: Sequence[_Row], colours: Colours, width_share: float) -> None:
    """Thin bars to 100 % with their label above, so long titles stay readable in a
    narrow pane; a dark tick shows the progress expected by today."""
    _style(ax, colours)
    chars = _chars_across(ax.get_figure(), width_share)  # type: ignore[arg-type]
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    for y, row in enumerate(rows):
        if row.header:
            ax.text(
                0,
                y + 0.15,
                _shorten(row.label, chars),
                va="bottom",
                ha="left",
                fontsize=TEXT_SIZE,
                color=colours.text,
                fontweight="bold",
            )
            if row.right:
                ax.text(
                    100,
                    y + 0.15,
                    row.right,
                    va="bottom",
                    ha="right",
                    fontsize=SMALL_SIZE,
                    color=colours.muted,
                )
            continue
        ax.barh(y, 100, color=colours.track, height=0.3)
        value = 0.0 if row.value is None else row.value * 100
        ax.barh(y, value, color=row.colour or colours.accent, height=0.3)
        if row.expected is not None:
            x = row.expected * 100
            ax.plot([x, x], [y - 0.24, y + 0.24], color=colours.expected, linewidth=1.6)
        right = row.right if row.right is not None else _percent(row.value)
        ax.text(
            3 * row.indent,
            y - 0.21,
            ("› " if row.indent else "")
            + _shorten(row.label, max(8, chars - len(right) - 4 - 3 * row.indent)),
            va="bottom",
            ha="left",
            fontsize=SMALL_SIZE,
            color=colours.text,
        )
        ax.text(
            100,
            y - 0.21,
            right,
            va="bottom",
            ha="right",
            fontsize=SMALL_SIZE,
            color=colours.muted,
        )
    ax.set_xlim(0, 100)
    ax.set_xticks([0, 25, 50, 75, 100], ["0", "25", "50", "75", "100 %"])
    ax.set_ylim(len(rows) - 0.45, -0.95)


def _health_handles(healths: Sequence[Health], colours: Colours) -> list[Any]:
    seen: list[Health] = []
    for health in healths:
        if health not in seen:
            seen.append(health)
    return [Patch(color=colours.health(h), label=h.label) for h in seen]


def _expected_handle(colours: Colours) -> Line2D:
    return Line2D([], [], color=colours.expected, linewidth=1.6, label=tr("expected by today"))


# -- objective ----------------------------------------------------------------------------------


def _objective_subtitle(data: ObjectiveSeries) -> str:
    kind = tr("Committed") if data.kind is ObjectiveKind.COMMITTED else tr("Aspirational")
    parts = [
        kind,
        data.health.label,
        tr("progress {percent}").format(percent=_percent(data.progress)),
    ]
    if data.score is not None:
        parts.append(tr("score {score}").format(score=f"{data.score:.2f}"))
        if data.state.value != "abandoned":
            parts.append(score_band(data.score, data.kind).label.lower())
    elif data.expected_progress is not None:
        parts.append(tr("expected {percent}").format(percent=_percent(data.expected_progress)))
    return " · ".join(parts)


def _draw_objective(figure: Figure, data: ObjectiveSeries, colours: Colours) -> None:
    _title(figure, data.title, colours)
    if not data.key_results:
        ax = figure.add_subplot(111)
        _empty_axes(ax, tr("No key results yet\nAdd one with Ctrl+Shift+K"), colours)
        return
    bars, burn = figure.subplots(2, 1, height_ratios=[len(data.key_results) + 0.8, 3.2])
    rows = [
        _Row(b.title, b.progress, b.expected, colours.health(b.health)) for b in data.key_results
    ]
    _progress_rows(bars, rows, colours, 0.95)
    _subtitle(bars, _objective_subtitle(data), colours)
    bars.set_gid("key_result_bars")
    _style(burn, colours)
    burn.set_title(tr("Progress over time"), loc="left", fontsize=SMALL_SIZE, color=colours.text)
    if data.is_empty:
        _empty_axes(burn, tr("No check-ins yet"), colours)
    else:
        burn.grid(axis="y", color=colours.grid, linewidth=0.7)
        if data.ideal is not None:
            burn.plot(
                _nums(data.ideal.days),
                [v * 100 for v in data.ideal.values],
                color=colours.expected,
                linestyle=":",
                linewidth=1.2,
                alpha=0.7,
                gid="ideal",
            )
        burn.plot(
            _nums(data.burn_up.days),
            [v * 100 for v in data.burn_up.values],
            color=colours.accent,
            linewidth=2,
            marker="o",
            markersize=3.5,
            gid="burn_up",
        )
        days = [*data.burn_up.days, data.today]
        if data.ideal is not None:
            days += list(data.ideal.days)
        _x_range(burn, days)
        _today(burn, data.today, colours)
        _date_axis(burn)
        burn.set_ylim(0, 105)
        burn.set_yticks([0, 50, 100], ["0", "50", "100 %"])
    handles = _health_handles([b.health for b in data.key_results], colours)
    if any(b.expected is not None for b in data.key_results):
        handles.append(_expected_handle(colours))
    if not data.is_empty:
        handles.append(Line2D([], [], color=colours.accent, linewidth=2, label=tr("progress")))
        if data.ideal is not None:
            handles.append(
                Line2D([], [], color=colours.expected, linestyle=":", alpha=0.7, label=tr("ideal"))
            )
    _legend(figure, handles, colours)


# -- mission ------------------------------------------------------------------------------------


def _draw_mission(figure: Figure, data: MissionSeries, colours: Colours) -> None:
    _title(figure, data.title, colours)
    if data.is_empty:
        ax = figure.add_subplot(111)
        _empty_axes(ax, tr("No objectives yet\nAdd one with Ctrl+Shift+O"), colours)
        return
    ax = figure.add_subplot(111)
    rows: list[_Row] = []
    healths: list[Health] = []
    for cycle in data.cycles:
        rows.append(_Row(cycle.name, header=True, right=_percent(cycle.progress)))
        for bar in cycle.objectives:
            rows.append(_Row(bar.title, bar.progress, bar.expected, colours.health(bar.health)))
            healths.append(bar.health)
    _progress_rows(ax, rows, colours, 0.95)
    ax.set_gid("objective_bars")
    _subtitle(
        ax,
        tr("Objectives' progress per cycle · {health} · {percent}").format(
            health=data.health.label, percent=_percent(data.progress)
        ),
        colours,
    )
    handles = _health_handles(healths, colours)
    if any(b.expected is not None for c in data.cycles for b in c.objectives):
        handles.append(_expected_handle(colours))
    _legend(figure, handles, colours)


# -- plan ---------------------------------------------------------------------------------------


# The overview's "progress per mission" shows this many missions at most.
MAX_MISSION_ROWS = 15


def _draw_plan(figure: Figure, data: PlanSeries, colours: Colours) -> None:
    _title(figure, tr("Overview · {title}").format(title=data.title), colours)
    if data.is_empty:
        ax = figure.add_subplot(111)
        _empty_axes(ax, tr("Nothing to chart yet\nAdd a mission with Ctrl+Shift+M"), colours)
        return
    shown = data.missions[:MAX_MISSION_ROWS]
    hidden = len(data.missions) - len(shown)
    missions, balance, mix, health = figure.subplots(
        4,
        1,
        height_ratios=[
            max(len(shown), 1) + 1 + (1 if hidden else 0),
            max(len(data.balance), 1) + 2,
            len(data.result_mix) + 1,
            4,
        ],
    )
    if data.missions:
        rows = [
            _Row(m.title, m.progress, None, colours.health(m.health), indent=m.depth) for m in shown
        ]
        if hidden:
            # A plan of hundreds of missions would be an unreadable wall of bars (and
            # take seconds to lay out): the first ones, and how many more there are.
            rows.append(_Row(tr("… and {n} more missions").format(n=hidden), header=True))
        _progress_rows(missions, rows, colours, 0.95)
    else:
        _empty_axes(missions, tr("No missions yet"), colours)
    missions.set_title(
        tr("Progress per mission"), loc="left", fontsize=TEXT_SIZE, color=colours.text
    )
    missions.set_gid("missions")
    _balance(balance, data, colours)
    _count_bars(mix, data.result_mix, colours, tr("Key results by result level"), colours.accent)
    _health_counts(health, data, colours)


def _row_label(ax: Axes, y: float, text: str, right: str, colours: Colours, chars: int) -> None:
    """A bar's label above it on the left, its number on the right."""
    ax.text(
        0,
        y - 0.24,
        _shorten(text, max(8, chars - len(right) - 3)),
        va="bottom",
        ha="left",
        fontsize=SMALL_SIZE,
        color=colours.text,
        transform=ax.get_yaxis_transform(),
    )
    ax.text(
        1,
        y - 0.24,
        right,
        va="bottom",
        ha="right",
        fontsize=SMALL_SIZE,
        color=colours.muted,
        transform=ax.get_yaxis_transform(),
    )


def _count_axes(ax: Axes, rows: int, top: int) -> None:
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlim(0, max(top, 1))
    ax.set_ylim(rows - 0.45, -0.95)
    ax.xaxis.set_major_locator(_integer_locator())


def _balance(ax: Axes, data: PlanSeries, colours: Colours) -> None:
    _style(ax, colours)
    ax.set_title(
        tr("Mission balance: what serves each stakeholder"),
        loc="left",
        fontsize=TEXT_SIZE,
        color=colours.text,
    )
    ax.set_gid("balance")
    rows = data.balance
    if not rows:
        _empty_axes(ax, tr("No stakeholders yet"), colours)
        return
    chars = _chars_across(ax.get_figure(), 0.9)  # type: ignore[arg-type]
    top = max([*(r.objectives for r in rows), *(r.key_results for r in rows), 1])
    for y, row in enumerate(rows):
        if row.objectives or row.key_results:
            objectives = (
                tr("1 objective")
                if row.objectives == 1
                else tr("{count} objectives").format(count=row.objectives)
            )
            key_results = (
                tr("1 KR")
                if row.key_results == 1
                else tr("{count} KRs").format(count=row.key_results)
            )
            right = f"{objectives} · {key_results}"
        else:
            right = tr("nothing serves them yet")
        _row_label(ax, y, row.name, right, colours, chars)
        ax.barh(y - 0.08, row.objectives, height=0.16, color=colours.accent)
        ax.barh(y + 0.1, row.key_results, height=0.16, color=colours.confidence)
    _count_axes(ax, len(rows), top)
    ax.legend(
        handles=[
            Patch(color=colours.accent, label=tr("objectives")),
            Patch(color=colours.confidence, label=tr("key results")),
        ],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.12),
        ncols=2,
        fontsize=SMALL_SIZE,
        frameon=False,
        labelcolor=colours.text,
    )


def _integer_locator() -> Any:
    from matplotlib.ticker import MaxNLocator

    return MaxNLocator(integer=True, nbins=5)


def _count_bars(
    ax: Axes, counts: Sequence[Count], colours: Colours, title: str, colour: str
) -> None:
    _style(ax, colours)
    ax.set_title(title, loc="left", fontsize=TEXT_SIZE, color=colours.text)
    ax.set_gid(title)
    if not counts:
        _empty_axes(ax, tr("Nothing yet"), colours)
        return
    chars = _chars_across(ax.get_figure(), 0.9)  # type: ignore[arg-type]
    for y, count in enumerate(counts):
        _row_label(ax, y, count.label, str(count.count), colours, chars)
        ax.barh(y, count.count, height=0.26, color=colour)
    _count_axes(ax, len(counts), max([c.count for c in counts] + [1]))


def _health_counts(ax: Axes, data: PlanSeries, colours: Colours) -> None:
    """Two stacked bars, objectives and key results, one segment per health."""
    _style(ax, colours)
    ax.set_title(tr("Health"), loc="left", fontsize=TEXT_SIZE, color=colours.text)
    ax.set_gid("health")
    rows = ((tr("Objectives"), data.objective_health), (tr("Key results"), data.key_result_health))
    chars = _chars_across(ax.get_figure(), 0.9)  # type: ignore[arg-type]
    used: list[str] = []
    top = 1
    for y, (label, counts) in enumerate(rows):
        total = sum(c.count for c in counts)
        top = max(top, total)
        _row_label(ax, y, label, str(total), colours, chars)
        left = 0
        for count in counts:
            if not count.count:
                continue
            colour = colours.health(Health(count.key))
            ax.barh(
                y, count.count, left=left, height=0.34, color=colour, edgecolor=colours.background
            )
            ax.text(
                left + count.count / 2,
                y,
                str(count.count),
                ha="center",
                va="center",
                fontsize=SMALL_SIZE - 1,
                color=colours.on_tone,
                fontweight="bold",
            )
            left += count.count
            if count.key not in used:
                used.append(count.key)
    _count_axes(ax, len(rows), top)
    ax.legend(
        handles=[Patch(color=colours.health(Health(k)), label=Health(k).label) for k in used],
        loc="upper center",
        bbox_to_anchor=(0.5, -0.22),
        ncols=min(3, max(1, len(used))),
        fontsize=SMALL_SIZE,
        frameon=False,
        labelcolor=colours.text,
    )


# -- milestone roadmap --------------------------------------------------------------------------


def _draw_roadmap(figure: Figure, data: RoadmapSeries, colours: Colours) -> None:
    _title(figure, data.title, colours)
    ax = figure.add_subplot(111)
    if data.is_empty:
        _empty_axes(ax, tr("No milestones yet\nAdd one with Ctrl+Shift+L"), colours)
        return
    _style(ax, colours)
    ax.set_gid("roadmap")
    count = len(data.milestones)
    parts = [tr("Milestones: {done} of {count} done").format(done=data.done, count=count)]
    if data.overdue:
        parts.append(tr("{count} overdue").format(count=data.overdue))
    _subtitle(ax, " · ".join(parts), colours)
    days = [data.today]
    days += [d for m in data.milestones for d in (m.due, m.done_on) if d is not None]
    days += [d for d in (data.start, data.end) if d is not None]
    if data.start is not None and data.end is not None:
        ax.axvspan(_num(data.start), _num(data.end), color=colours.track, alpha=0.55, linewidth=0)
    _x_range(ax, days)
    left, right = ax.get_xlim()
    chars = _chars_across(figure, 0.9)
    for y, mark in enumerate(data.milestones):
        selected = mark.milestone_id == data.selected_id
        notes = (
            ""
            if not mark.notes
            else "  · " + tr("1 note")
            if mark.notes == 1
            else "  · " + tr("{count} notes").format(count=mark.notes)
        )
        # Bold text is wider: the selected milestone gets fewer characters.
        room = int(chars * (0.8 if selected else 0.92)) - len(notes)
        label = _shorten(mark.title, max(10, room)) + notes
        ax.text(
            left,
            y - 0.26,
            label,
            va="bottom",
            ha="left",
            fontsize=SMALL_SIZE + (0.5 if selected else 0),
            color=colours.text,
            fontweight="bold" if selected else "normal",
        )
        ax.plot([left, right], [y, y], color=colours.grid, linewidth=0.6, zorder=1)
        if mark.due is not None and mark.done_on is not None:
            ax.plot(
                [_num(mark.due), _num(mark.done_on)],
                [y, y],
                color=colours.bad if mark.late else colours.good,
                linewidth=2.2,
                zorder=2,
            )
        if mark.due is not None:
            overdue = mark.overdue
            ax.plot(
                _num(mark.due),
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
                late_by = (data.today - mark.due).days
                ax.annotate(
                    tr("overdue {days} d").format(days=late_by),
                    xy=(_num(mark.due), y),
                    xytext=(7, 0),
                    textcoords="offset points",
                    va="center",
                    fontsize=SMALL_SIZE - 0.5,
                    color=colours.bad,
                    fontweight="bold",
                )
        if mark.done_on is not None:
            ax.plot(
                _num(mark.done_on),
                y,
                marker="o",
                markersize=7.5,
                color=colours.bad if mark.late else colours.good,
                linestyle="none",
                zorder=4,
            )
        if mark.due is None and mark.done_on is None:
            ax.annotate(
                tr("no due date"),
                xy=(right, y),
                xytext=(-4, 0),
                textcoords="offset points",
                ha="right",
                va="center",
                fontsize=SMALL_SIZE - 0.5,
                color=colours.muted,
                fontstyle="italic",
            )
    ax.set_xlim(left, right)
    _today(ax, data.today, colours)
    _date_axis(ax)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_ylim(count - 0.5, -1.2)
    handles: list[Any] = [
        Line2D(
            [],
            [],
            marker="D",
            linestyle="none",
            markerfacecolor=colours.background,
            markeredgecolor=colours.text,
            label=tr("due"),
        ),
        Line2D([], [], marker="o", linestyle="none", color=colours.good, label=tr("done")),
    ]
    if any(m.late for m in data.milestones):
        handles.append(Line2D([], [], marker="o", color=colours.bad, label=tr("done late")))
    if data.overdue:
        handles.append(
            Line2D([], [], marker="D", linestyle="none", color=colours.bad, label=tr("overdue"))
        )
    _legend(figure, handles, colours)
