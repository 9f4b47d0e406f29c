"""The skills framework over time: each skill's level as a step line from the day it was
listed, its aim as a dashed line, a marker at each step naming the milestone behind it
(and how many growth notes tagged with the skill led up to it), and at the end of each cycle
that is over the level reached, filled when it met the aim (the cycle under way: where the
line ends). One skill's own story lists its steps below.

The series come from ``okrdesk.services.skill_growth``. Drawn whole for each series: it
changes only when a skill does.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from functools import partial
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from okrdesk.charts.base import EDGE, Chart
from okrdesk.charts.parts import date_axis, empty_axes, num, style_axes, x_range
from okrdesk.charts.style import ChartStyle
from okrdesk.charts.text import Font, text_width
from okrdesk.domain.entities import SKILL_LEVELS
from okrdesk.domain.messages import message
from okrdesk.services.skill_growth import CycleEnd, SkillLine, SkillsSeries, StepMark

# Cycles named under the axis at most (more: a date axis, the bands unnamed).
NAMED_CYCLES = 5
# One skill's story lists this many lines at most below its chart.
STORY_LINES = 14
# The share of the axes' width a step's label may take.
STEP_LABEL_SHARE = 0.42
# Pixels on screen: a skill's band (taller for one skill's story), a listed line.
BAND = 150
STORY_BAND = 200
LINE = 19


def notes_text(count: int, style: ChartStyle) -> str:
    if not count:
        return ""
    return style.say(message("1 note") if count == 1 else message("{count} notes", count=count))


def step_label(mark: StepMark) -> str:
    """What a step's marker says: the milestone behind it, else the step's own note."""
    return mark.milestone or mark.note


def level_text(line: SkillLine, style: ChartStyle) -> str:
    if line.aim is not None and line.aim > line.level:
        return style.say(message("level {level}, aiming at {aim}", level=line.level, aim=line.aim))
    if line.aim is not None:
        return style.say(message("level {level}, aim reached", level=line.level))
    return style.say(message("level {level}", level=line.level))


def story_lines(data: SkillsSeries, style: ChartStyle) -> list[tuple[str, bool]]:
    """One skill's steps as lines (text, whether it is a step's heading): each step's day,
    its move and the milestone behind it, then its note and the growth notes behind it."""
    say = style.say
    found: list[tuple[str, bool]] = []
    for mark in data.skills[0].steps if data.skills else ():
        before = "?" if mark.previous is None else str(mark.previous)
        head = f"{mark.day.isoformat()} · {before} → {mark.level}"
        if mark.milestone:
            head += f" · {mark.milestone}"
        found.append((head, True))
        if mark.note:
            found.append((f"“{mark.note}”", False))
        found += [(say(message("note: {text}", text=text)), False) for text in mark.notes]
    if not found:
        nothing = message("No steps yet: the level has not moved since it was listed.")
        found.append((say(nothing), False))
    if len(found) > STORY_LINES:
        hidden = len(found) - STORY_LINES + 1
        found = found[: STORY_LINES - 1]
        found.append((say(message("…and {count} more lines", count=hidden)), False))
    return found


def skills_height(data: SkillsSeries, width: int = 600) -> int:
    """How tall (pixels) the chart needs on screen: a band per skill, one skill's story
    listed below it, and the legend below (in one column in a narrow pane)."""
    if data.is_empty:
        return 320
    top = 110 if width >= 460 else 150
    if data.story:
        return top + STORY_BAND + LINE * (len(story_lines(data, ChartStyle())) + 1)
    return top + BAND * len(data.skills)


def _cycles(data: SkillsSeries) -> list[CycleEnd]:
    """The cycles any skill's line crosses, oldest first, once each."""
    seen: dict[tuple[str, object], CycleEnd] = {}
    for line in data.skills:
        for cycle in line.cycles:
            seen.setdefault((cycle.name, cycle.start), cycle)
    return sorted(seen.values(), key=lambda c: c.start)


class SkillsChart(Chart):
    @classmethod
    def shape(cls, data: SkillsSeries) -> Hashable:
        return data

    def __init__(self, figure: Figure, style: ChartStyle, data: SkillsSeries) -> None:
        super().__init__(figure, style, data)
        self.notice: Text | None = None
        self.titles: list[Text] = []
        self.step_labels: list[tuple[Text, Axes, str, str]] = []
        self.listed: list[tuple[Text, str]] = []
        if data.is_empty:
            self.notice = empty_axes(figure.add_subplot(111), style)
            return
        lines = story_lines(data, style) if data.story else []
        count = len(data.skills)
        ratios = [1.0] * count
        if lines:
            ratios.append(LINE * (len(lines) + 1) / STORY_BAND)
        # A page keeps its legend inside the axes: here, in a row of its own below.
        keyed = not style.legend_below
        if keyed:
            entries = self._legend(data)
            ratios.append(self._key_share(entries, sum(ratios), len(ratios)))
        axes = figure.subplots(len(ratios), 1, height_ratios=ratios, squeeze=False)[:, 0]
        self.axes: list[Axes] = list(axes[:count])
        for ax in self.axes[1:]:
            ax.sharex(self.axes[0])
        left, right = x_range([data.start, data.end])
        for index, (ax, line) in enumerate(zip(self.axes, data.skills, strict=True)):
            ax.set_gid(f"skill_{index}")
            self._skill_axes(ax, line, data, (left, right))
        self._time_axis(data, (left, right))
        if lines:
            self._story_axes(axes[count], lines)
        if keyed:
            self._key(axes[-1], entries)
        else:
            self.set_legend(self._legend(data))

    # -- building -------------------------------------------------------------------------

    def _skill_axes(
        self, ax: Axes, line: SkillLine, data: SkillsSeries, span: tuple[float, float]
    ) -> None:
        style = self.style
        colours, weight = style.colours, style.weight
        style_axes(ax, style)
        ax.grid(axis="y", color=colours.grid, linewidth=0.6)
        for index, cycle in enumerate(_cycles(data)):
            # Within the axis' span: a path far past it is no use to any medium.
            left, right = max(num(cycle.start), span[0]), min(num(cycle.end), span[1])
            if index % 2 == 0 and left < right:
                ax.axvspan(left, right, color=colours.track, alpha=0.5, linewidth=0)
        days = [day for day, _level in line.points] + [data.end]
        levels = [level for _day, level in line.points] + [line.points[-1][1]]
        # A skill listed on the chart's last day is a dot, not a line of no length.
        listed_today = days[0] == days[-1]
        ax.step(
            [num(d) for d in days], levels, where="post", color=colours.accent,
            linewidth=2.2 * weight, zorder=3, gid="levels",
            marker="o" if listed_today else "", markersize=4 * weight,
        )  # fmt: skip
        if line.aim is not None:
            ax.axhline(
                line.aim, color=colours.muted, linestyle="--", linewidth=1.2 * weight,
                zorder=2, gid="aim",
            )  # fmt: skip
            aim = ax.annotate(
                style.say(message("aim {level}", level=line.aim)),
                xy=(1.0, line.aim), xycoords=("axes fraction", "data"), xytext=(-2, 2),
                textcoords="offset points", ha="right", va="bottom",
                fontsize=style.small_size - 0.5, color=colours.muted,
            )  # fmt: skip
            aim.set_in_layout(False)
        self._steps(ax, line, span)
        self._cycle_ends(ax, line, data)
        ax.set_ylim(0.4, 5.9)
        ax.set_yticks(list(SKILL_LEVELS))
        title = ax.set_title(
            "", y=1.0, loc="left", fontsize=style.text_size, color=colours.text,
            fontweight="bold" if style.bold_titles else "normal", pad=4 * weight**0.5,
        )  # fmt: skip
        self.titles.append(title)

    def _steps(self, ax: Axes, line: SkillLine, span: tuple[float, float]) -> None:
        style = self.style
        colours, weight = style.colours, style.weight
        xs = [num(m.day) for m in line.steps]
        ax.plot(
            xs, [m.level for m in line.steps], linestyle="none", marker="o",
            markersize=6.5 * weight, color=colours.accent, markeredgecolor=colours.background,
            markeredgewidth=1.2, zorder=5, gid="steps",
        )  # fmt: skip
        for x, mark in zip(xs, line.steps, strict=True):
            text = step_label(mark)
            suffix = notes_text(len(mark.notes), style)
            if not text and not suffix:
                continue
            late = (x - span[0]) / max(span[1] - span[0], 1.0) > 0.55
            above = mark.level < max(SKILL_LEVELS)
            label = ax.annotate(
                "", xy=(x, mark.level), xytext=(-5 if late else 5, 6 if above else -7),
                textcoords="offset points", ha="right" if late else "left",
                va="bottom" if above else "top", fontsize=style.small_size - 0.5,
                color=colours.text, zorder=6,
                # Over the line and the cycles' marks, the label stays readable.
                bbox={"boxstyle": "round,pad=0.15", "facecolor": colours.background,
                      "edgecolor": "none", "alpha": 0.85},
            )  # fmt: skip
            label.set_in_layout(False)
            after = f" · {suffix}" if text and suffix else suffix
            self.step_labels.append((label, ax, text, after))

    def _cycle_ends(self, ax: Axes, line: SkillLine, data: SkillsSeries) -> None:
        style = self.style
        colours, weight = style.colours, style.weight
        # Reached against aimed, at the end of each cycle that is over (the line's end
        # says where the cycle under way stands); without an aim, nothing to hold it to.
        for cycle in line.cycles if line.aim is not None else ():
            if not cycle.ended:
                continue
            x = num(min(cycle.end, data.end))
            met = cycle.met
            ax.plot(
                x, cycle.reached, linestyle="none", marker="s", markersize=6 * weight,
                markerfacecolor=colours.good if met else colours.background,
                markeredgecolor=colours.good if met else colours.bad, markeredgewidth=1.4,
                zorder=4, gid="cycle_ends",
            )  # fmt: skip

    def _time_axis(self, data: SkillsSeries, span: tuple[float, float]) -> None:
        """Under the lowest skill: the cycles by name, in the middle of their bands (or
        dates, when there are many cycles or none)."""
        first, last = self.axes[0], self.axes[-1]
        first.set_xlim(*span)
        for ax in self.axes[:-1]:
            ax.tick_params(labelbottom=False)
        cycles = [c for c in _cycles(data) if num(c.end) > span[0] and num(c.start) < span[1]]
        if not cycles or len(cycles) > NAMED_CYCLES:
            date_axis(last, self.style)
            return
        middles = [(max(num(c.start), span[0]) + min(num(c.end), span[1])) / 2 for c in cycles]
        last.set_xticks(middles, [c.name for c in cycles])
        last.tick_params(axis="x", length=0)

    def _story_axes(self, ax: Axes, lines: Sequence[tuple[str, bool]]) -> None:
        style = self.style
        ax.set_axis_off()
        ax.set_ylim(len(lines) - 0.5, -0.7)
        ax.set_xlim(0, 1)
        for row, (text, heading) in enumerate(lines):
            artist = ax.text(
                0.0 if heading else 0.03, row, "", va="center", ha="left",
                fontsize=style.small_size, color=style.colours.text if heading else
                style.colours.muted, fontweight="bold" if heading else "normal",
                parse_math=False,
            )  # fmt: skip
            self.listed.append((artist, text))
        self.story_ax = ax

    def key_columns(self, entries: Sequence[tuple[Any, str]]) -> int:
        """As many columns (up to 3) as the figure's width holds. matplotlib shares the
        entries out as evenly as it can, the first columns one longer, each column as wide
        as its widest entry and 1.2 em from the next."""
        font = Font(self.style.small_size, family=self.style.family)
        em = self.points(self.style.small_size)
        widths = [text_width(label, font, self.dpi) + 2.6 * em for _, label in entries]
        # The key's row starts where the axes do, after the levels' tick labels.
        room = self.width() - 2 * EDGE - 3 * em
        for columns in (3, 2):
            size, extra = divmod(len(widths), columns)
            total, start = 1.2 * em * (columns - 1), 0
            for column in range(columns):
                end = start + size + (1 if column < extra else 0)
                total += max(widths[start:end], default=0.0)
                start = end
            if total <= room:
                return columns
        return 1

    def _key_share(self, entries: Sequence[tuple[Any, str]], others: float, rows_of: int) -> float:
        """The height ratio that gives the key its lines' height beside axes of ``others``
        ratios in all (``rows_of`` of them, each with its title and gap)."""
        rows = -(-len(entries) // self.key_columns(entries))  # the longest column
        key = self.points(self.style.small_size) * (1.5 * rows + 0.6)
        height = float(self.figure.get_figheight()) * self.dpi
        spare = height - key - self.points(self.style.title_size) * 2.5
        spare -= rows_of * self.points(self.style.text_size) * 3.2
        return key * others / max(spare, key)

    def _key(self, ax: Axes, entries: Sequence[tuple[Any, str]]) -> None:
        """The legend of a page, across its own row (short words: nothing to fit)."""
        style = self.style
        ax.set_axis_off()
        legend = ax.legend(
            [handle for handle, _ in entries], [label for _, label in entries],
            loc="center left", ncols=self.key_columns(entries), fontsize=style.small_size,
            frameon=False,
            labelcolor=style.colours.text, handlelength=1.8, columnspacing=1.2,
            borderaxespad=0,
        )  # fmt: skip
        for text in legend.get_texts():
            text.set_parse_math(False)

    def _legend(self, data: SkillsSeries) -> list[tuple[Any, str]]:
        say, colours = self.style.say, self.style.colours
        entries: list[tuple[Any, str]] = [
            (Line2D([], [], color=colours.accent, linewidth=2), say(message("level"))),
        ]
        if any(line.aim is not None for line in data.skills):
            aim = Line2D([], [], color=colours.muted, linestyle="--")
            entries.append((aim, say(message("aim"))))
        if any(line.steps for line in data.skills):
            step = Line2D([], [], color=colours.accent, marker="o", linestyle="none")
            entries.append((step, say(message("step (its milestone)"))))
        ends = [c for line in data.skills if line.aim is not None for c in line.cycles if c.ended]
        if any(c.met for c in ends):
            met = Line2D([], [], color=colours.good, marker="s", linestyle="none")
            entries.append((met, say(message("aim met at cycle end"))))
        if any(not c.met for c in ends):
            short = Line2D(
                [], [], marker="s", linestyle="none", markerfacecolor=colours.background,
                markeredgecolor=colours.bad,
            )  # fmt: skip
            entries.append((short, say(message("short of aim at cycle end"))))
        return entries

    # -- data -----------------------------------------------------------------------------

    def show(self, data: SkillsSeries) -> None:
        style = self.style
        self.figure_title(data.title)
        if self.notice is not None:
            text = style.say(message("No skills yet\nAdd one from Edit ▸ Add ▸ Skill"))
            self.fit_label(self.notice, text, lambda: self.width() * 0.8, lines=6)
            return
        for title, ax, line in zip(self.titles, self.axes, data.skills, strict=True):
            # One skill's story has its name as the chart's title already.
            parts = [] if data.story else [line.name]
            if line.group:
                parts.append(line.group)
            parts.append(level_text(line, style))
            if line.notes:
                parts.append(notes_text(line.notes, style))
            self.fit_label(title, " · ".join(parts), partial(self.right_of, ax))
        for label, ax, text, suffix in self.step_labels:
            self.fit_label(label, text, partial(self._step_room, ax), suffix=suffix)
        for artist, text in self.listed:
            self.fit_label(artist, text, lambda: self.axes_width(self.story_ax) - EDGE)

    def _step_room(self, ax: Axes) -> float:
        return self.axes_width(ax) * STEP_LABEL_SHARE

    def legend_axes(self) -> Axes:
        return self.axes[0] if self.notice is None else self.figure.axes[0]
