"""The plan's PDF: the report data from ``okrdesk.services.report_data`` told as a story of
flowables, written by ``Document``.

Order: cover, contents, a summary (key figures, overview charts, the coach's view), the
missions with their objectives, key results, charts and milestones, the team objectives no
mission serves, the objectives without a mission, the skills (their chart and the skills that
moved in each cycle), and the one-on-ones of the cycle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from okrdesk.domain.confidence import confidence_text
from okrdesk.domain.enums import Level
from okrdesk.domain.health import Health
from okrdesk.qt.core import Qt
from okrdesk.report import charts
from okrdesk.report.document import (
    CancelCheck,
    Document,
    ExportCancelled,
    ProgressCallback,
    RunningText,
)
from okrdesk.report.flow import (
    Box,
    Columns,
    Flowable,
    Heading,
    Indented,
    KeepTogether,
    PageBreak,
    Paragraph,
    Rule,
    Run,
    Spacer,
    Stack,
)
from okrdesk.report.formatting import (
    DASH,
    key_result_values,
    long_date,
    number,
    percent,
    plural,
    short_date,
)
from okrdesk.report.graphics import ProgressBar, SvgImage
from okrdesk.report.table import Column, Table
from okrdesk.report.theme import DEFAULT_THEME, TextStyle, Theme
from okrdesk.services.files import check_target
from okrdesk.services.plan import PlanService
from okrdesk.services.report_data import (
    ALL_CYCLES,
    MeetingSection,
    MilestoneSection,
    MissionSection,
    ObjectiveSection,
    ReportData,
    ReportOptions,
    SkillsCycle,
    SkillsSection,
    build_report_data,
)
from okrdesk.services.skill_growth import MovedSkill, StepMark

REPORT_TITLE = "Missions and OKRs"
MAX_COACH_FINDINGS = 12
# A skills chart holds this many skills' bands; more go on in another chart below.
SKILLS_PER_CHART = 6
KEY_RESULT_COLUMNS = (
    Column("Key result", 3.0),
    Column("Baseline → current → target", 2.1),
    Column("Progress", 1.4),
    Column("Confidence", 1.35, Qt.AlignmentFlag.AlignRight),
    Column("Health", 1.35),
)


@dataclass(frozen=True)
class ExportResult:
    path: Path
    pages: int
    objectives: int
    private_left_out: int


class _Story:
    """Builds the flowables; one method per part of the report."""

    def __init__(
        self, data: ReportData, theme: Theme, progress: ProgressCallback, cancelled: CancelCheck
    ) -> None:
        self.data = data
        self.theme = theme
        self.progress = progress
        self.cancelled = cancelled
        self.charts_done = 0
        # Team objectives are printed without a chart.
        self.charts_total = max(1, len(data.objectives) - len(data.team_objectives))
        self.flow: list[Flowable] = []

    # -- small pieces -------------------------------------------------------------------------

    def para(
        self,
        text: str | Sequence[Run],
        *,
        style: TextStyle | None = None,
        space_before: float = 0.0,
        space_after: float | None = None,
        indent: float = 0.0,
    ) -> Paragraph:
        return Paragraph(
            text,
            style or self.theme.body,
            space_before=space_before,
            space_after=self.theme.paragraph_gap if space_after is None else space_after,
            indent=indent,
        )

    def labelled(self, label: str, text: str, *, indent: float = 0.0) -> Paragraph:
        """A bold label ("Why"), then the person's words as written."""
        return self.para(
            [Run(f"{label}  ", self.theme.label), Run(text)], indent=indent, space_after=4.0
        )

    def kicker(self, *words: str) -> Paragraph:
        text = "  ·  ".join(w for w in words if w)
        return Paragraph(
            text, self.theme.kicker, space_before=14.0, space_after=1.5, keep_with_next=True
        )

    def health_runs(self, health: Health, style: TextStyle | None = None) -> list[Run]:
        base = style or self.theme.table_body
        tone = self.theme.health(health)
        return [Run("● ", base.with_(colour=tone)), Run(health.label, base)]

    def meta(self, parts: Sequence[str | list[Run]]) -> Paragraph:
        runs: list[Run] = []
        for part in parts:
            if not part:
                continue
            if runs:
                runs.append(Run("   ·   "))
            runs += [Run(part)] if isinstance(part, str) else part
        return Paragraph(runs, self.theme.muted, space_after=6.0)

    def bullet(self, text: str | Sequence[Run], *, style: TextStyle | None = None) -> Flowable:
        paragraph = Paragraph(text, style or self.theme.body, space_after=2.5)
        return Indented(paragraph, 12.0, marker="•", marker_style=self.theme.muted)

    def check(self) -> None:
        if self.cancelled():
            raise ExportCancelled

    # -- the cover ----------------------------------------------------------------------------

    def cover(self) -> list[Flowable]:
        cover = self.data.cover
        theme = self.theme
        lines: list[Flowable] = [
            Spacer(150),
            Rule(theme.accent, thickness=3.0, space_after=18),
            Paragraph("okrdesk  ·  plan report", theme.kicker, space_after=10),
            Paragraph(REPORT_TITLE, theme.title, space_after=8, line_spacing=1.1),
        ]
        if cover.owner:
            lines.append(Paragraph(cover.owner, theme.subtitle.with_(size=18, colour="#243b53")))
        if cover.purpose:
            lines.append(
                Paragraph(
                    cover.purpose,
                    theme.body.with_(size=11.5, italic=True, colour="#243b53"),
                    space_before=10,
                )
            )
        if cover.values:
            lines.append(
                Paragraph(
                    [Run("Values  ", theme.label), Run(" · ".join(n for n, _m in cover.values))],
                    theme.body.with_(size=11),
                    space_before=6,
                )
            )
        cycle = cover.cycle
        if cover.cycle_start is not None and cover.cycle_end is not None:
            cycle += f"  ·  {short_date(cover.cycle_start)} – {short_date(cover.cycle_end)}"
        lines += [
            Spacer(26),
            Paragraph([Run("Cycle  ", theme.label), Run(cycle)], theme.body.with_(size=11)),
        ]
        if cover.mission:
            lines.append(
                Paragraph(
                    [Run("Mission  ", theme.label), Run(cover.mission)],
                    theme.body.with_(size=11),
                    space_before=4,
                )
            )
        lines.append(
            Paragraph(
                [Run("Date  ", theme.label), Run(long_date(cover.day))],
                theme.body.with_(size=11),
                space_before=4,
            )
        )
        privacy = (
            "Includes private notes: share with care."
            if cover.include_private
            else "Private notes are left out."
        )
        summary = self.data.summary
        contents = ", ".join(
            (
                plural(summary.missions, "mission"),
                plural(summary.objectives, "objective"),
                plural(summary.key_results, "key result"),
                plural(summary.milestones, "milestone"),
            )
        )
        lines += [
            Spacer(36),
            Rule(theme.rule, thickness=0.6, space_after=10),
            Paragraph(f"In this report: {contents}.", theme.muted, space_after=3),
            Paragraph(privacy, theme.muted),
        ]
        return lines

    # -- the summary --------------------------------------------------------------------------

    def figure_box(self, value: str, label: str) -> Flowable:
        theme = self.theme
        return Box(
            Stack(
                [
                    Paragraph(value, theme.title.with_(size=19, colour=theme.accent)),
                    Paragraph(label, theme.small, space_before=1),
                ]
            ),
            theme.table_header_fill,
            padding=9,
        )

    def summary(self) -> None:
        self.summary_intro()
        self.summary_figures()
        if not self.summary_charts():
            self.flow.append(
                self.para(
                    "The plan has no missions or objectives here yet.", style=self.theme.muted
                )
            )
        summary = self.data.summary
        if summary.coach or summary.coach_strength is not None:
            self.coach()
        self.private_left_out_note()

    def summary_intro(self) -> None:
        data, theme = self.data, self.theme
        scope = data.cover.cycle if data.cover.cycle != ALL_CYCLES else "every cycle"
        self.flow.append(Heading("Summary", 1, theme, space_before=0))
        intro = (
            f"Where the plan stands on {long_date(data.cover.day)}, for {scope}"
            + (f", mission “{data.cover.mission}”" if data.cover.mission else "")
            + "."
        )
        self.flow.append(self.para(intro, space_after=10))
        if data.summary.team_objectives:
            self.flow.append(self.para(team_count_text(data), style=theme.muted, space_after=8))

    def summary_figures(self) -> None:
        """The row of headline figures, and the space below it."""
        summary = self.data.summary
        done = f"{summary.milestones_done} of {summary.milestones}"
        self.flow.append(
            Columns(
                [
                    self.figure_box(number(summary.missions), "missions"),
                    self.figure_box(number(summary.objectives), "objectives"),
                    self.figure_box(number(summary.key_results), "key results"),
                    self.figure_box(percent(summary.average_progress), "average progress"),
                    self.figure_box(done, "milestones done"),
                ],
                gap=8,
            )
        )
        self.flow.append(Spacer(12))

    def summary_charts(self) -> bool:
        """The count charts two by two, then the progress by mission; False when there was
        nothing to chart."""
        summary, theme = self.data.summary, self.theme
        colours = charts.health_colours(theme)
        width = 236.0
        pairs = [
            charts.count_bars(
                "Objectives by health", summary.objective_health, colours, theme, width
            ),
            charts.count_bars(
                "Key results by health", summary.key_result_health, colours, theme, width
            ),
            charts.count_bars(
                "Key results by level",
                summary.result_mix,
                {"output": "#9fb3c8", "outcome": theme.accent, "impact": "#102a43"},
                theme,
                width,
            ),
            charts.count_bars(
                "Objectives by stakeholder served", summary.stakeholders, {}, theme, width
            ),
        ]
        drawn = [SvgImage(svg, width, 150) for svg in pairs if svg is not None]
        for start in range(0, len(drawn), 2):
            row: list[Flowable] = list(drawn[start : start + 2])
            if len(row) == 1:
                row.append(Spacer(0))
            self.flow.append(Columns(row, gap=12))
        missions = charts.mission_progress("Progress by mission", summary.mission_progress, theme)
        if missions is not None:
            rows = len(summary.mission_progress)
            self.flow.append(SvgImage(missions, 490, charts.mission_progress_height(rows)))
        return bool(drawn) or missions is not None

    def private_left_out_note(self) -> None:
        left_out = self.data.private_left_out
        if left_out:
            self.flow.append(
                self.para(
                    f"{plural(left_out, 'private note')} "
                    f"{'is' if left_out == 1 else 'are'} left out of this report.",
                    style=self.theme.muted,
                    space_before=8,
                )
            )

    def coach(self) -> None:
        summary = self.data.summary
        self.flow.append(Heading("What the coach suggests", 2, self.theme, in_toc=False))
        if summary.coach_strength is not None:
            self.flow.append(
                self.para(
                    [
                        Run("Plan strength  ", self.theme.label),
                        Run(percent(summary.coach_strength)),
                    ]
                )
            )
        for finding in summary.coach[:MAX_COACH_FINDINGS]:
            self.flow.append(self.bullet(finding))
        hidden = len(summary.coach) - MAX_COACH_FINDINGS
        if hidden > 0:
            self.flow.append(
                self.para(
                    f"…and {plural(hidden, 'more suggestion')} in the app.", style=self.theme.muted
                )
            )

    # -- missions and objectives --------------------------------------------------------------

    def mission(self, mission: MissionSection) -> None:
        theme = self.theme
        # Each top-level mission opens a new page, like a chapter; the missions that serve
        # it follow on.
        if mission.depth == 0:
            self.flow.append(PageBreak())
        self.flow.append(self.kicker("Mission", f"{mission.level.value} level"))
        self.flow.append(Heading(mission.title, 1, theme, space_before=0))
        if mission.statement.strip():
            self.flow.append(
                Indented(
                    Paragraph(
                        mission.statement,
                        theme.body.with_(size=10.5, italic=True, colour="#243b53"),
                        space_before=2,
                        space_after=2,
                    ),
                    11.0,
                    bar=theme.accent,
                )
            )
            self.flow.append(Spacer(8))
        facts: list[str | list[Run]] = []
        if mission.whom:
            facts.append([Run("For  ", theme.label), Run(", ".join(mission.whom))])
        if mission.values:
            facts.append([Run("Values  ", theme.label), Run(", ".join(mission.values))])
        if mission.owner:
            facts.append([Run("Owner  ", theme.label), Run(mission.owner)])
        if mission.objectives:
            facts.append([Run("Progress  ", theme.label), Run(percent(mission.progress))])
            facts.append(self.health_runs(mission.health, theme.muted))
        if facts:
            self.flow.append(self.meta(facts))
        if mission.served_when.strip():
            self.flow.append(self.labelled("Served when", mission.served_when.strip()))
        if mission.serves:
            self.flow.append(self.labelled("Serves the mission", mission.serves))
        if mission.team_objectives:
            self.flow.append(
                Paragraph(
                    "Team objectives it serves",
                    theme.label,
                    space_before=4,
                    space_after=2,
                    keep_with_next=True,
                )
            )
            for title in mission.team_objectives:
                self.flow.append(self.bullet(title))
        if not mission.objectives:
            self.flow.append(
                self.para(
                    "No objectives for this mission here yet.", style=theme.muted, space_before=6
                )
            )
        for objective in mission.objectives:
            self.objective(objective)

    def objective(self, objective: ObjectiveSection) -> None:
        theme = self.theme
        self.check()
        self.flow.append(
            self.kicker(
                "Objective"
                if objective.level is Level.PERSONAL
                else f"{objective.level.value} objective",
                objective.kind.value,
                objective.state.value,
                objective.cycle or "",
            )
        )
        self.flow.append(Heading(objective.title, 2, theme, space_before=0))
        facts: list[str | list[Run]] = []
        if objective.owner:
            facts.append([Run("Owner  ", theme.label), Run(objective.owner)])
        if objective.key_results:
            expected = (
                f" (expected {percent(objective.expected_progress)})"
                if objective.expected_progress is not None and not objective.state.is_closed
                else ""
            )
            facts.append(
                [Run("Progress  ", theme.label), Run(percent(objective.progress) + expected)]
            )
        facts.append(self.health_runs(objective.health, theme.muted))
        if objective.score is not None:
            facts.append([Run("Score  ", theme.label), Run(f"{objective.score:.1f}")])
        self.flow.append(self.meta(facts))
        if objective.aligned_to:
            self.flow.append(self.labelled("Aligned to", objective.aligned_to))
        if objective.why.strip() and objective.why.strip() != objective.title.strip():
            self.flow.append(self.labelled("Why", objective.why))
        if objective.key_results:
            self.flow.append(self.key_result_table(objective))
        else:
            self.flow.append(self.para("No key results yet.", style=theme.muted))
        svg = charts.objective_chart(objective.chart, theme, width_pt=483, height_pt=118)
        self.charts_done += 1
        self.progress(0.1 + 0.4 * self.charts_done / self.charts_total, "Drawing charts…")
        if svg is not None:
            self.flow.append(SvgImage(svg, 483, 118, space_before=0, space_after=6))
        if objective.next_steps:
            self.next_steps(objective)
        if objective.milestones:
            self.flow.append(
                Paragraph(
                    "Milestones",
                    theme.heading(3),
                    space_before=8,
                    space_after=4,
                    keep_with_next=True,
                )
            )
            for milestone in objective.milestones:
                self.milestone(milestone)

    def key_result_table(self, objective: ObjectiveSection) -> Table:
        theme = self.theme
        body = theme.table_body
        rows: list[list[Flowable]] = []
        for kr in objective.key_results:
            details = [kr.kind.value]
            if kr.due is not None:
                details.append(f"due {short_date(kr.due)}")
            details.append(plural(kr.check_ins, "check-in"))
            rows.append(
                [
                    Stack(
                        [
                            Paragraph(kr.title, body),
                            Paragraph(
                                " · ".join(details), theme.small.with_(size=7.5), space_before=1
                            ),
                        ]
                    ),
                    Paragraph(key_result_values(kr), body),
                    ProgressBar(
                        kr.progress if kr.check_ins else None,
                        theme.health(kr.health)
                        if kr.health is not Health.PENDING
                        else theme.accent,
                        theme.track,
                        body,
                    ),
                    Paragraph(
                        confidence_text(kr.confidence, DASH),
                        body,
                        align=Qt.AlignmentFlag.AlignRight,
                    ),
                    Paragraph(self.health_runs(kr.health), body),
                ]
            )
        return Table(KEY_RESULT_COLUMNS, rows, theme)

    def next_steps(self, objective: ObjectiveSection) -> None:
        """The next steps set on the objective's key results: what is due, what is late."""
        theme = self.theme
        self.flow.append(
            Paragraph(
                "Next steps", theme.heading(3), space_before=8, space_after=4, keep_with_next=True
            )
        )
        for step in objective.next_steps:
            if step.done:
                status = Run("✓ done", theme.small.with_(colour=theme.health(Health.ON_TRACK)))
            elif step.overdue and step.due is not None:
                late = theme.small.with_(colour=theme.health(Health.OFF_TRACK), bold=True)
                status = Run(f"overdue since {short_date(step.due)}", late)
            elif step.due is not None:
                status = Run(f"due {short_date(step.due)}", theme.small)
            else:
                status = Run("no due date", theme.small)
            about = f"on {step.key_result}"
            if step.blocker is not None:
                about += f" · blocker: {step.blocker.value}"
            self.flow.append(
                self.bullet(
                    [
                        Run(step.title + "   "),
                        status,
                        Run("   " + about, theme.muted.with_(size=8.5)),
                    ],
                    style=theme.body.with_(size=9.5),
                )
            )

    def milestone(self, milestone: MilestoneSection) -> None:
        theme = self.theme
        if milestone.done_on is not None:
            status = [
                Run(
                    f"✓ Done {short_date(milestone.done_on)}",
                    theme.small.with_(colour=theme.health(Health.ON_TRACK)),
                )
            ]
        elif milestone.due is not None:
            status = [Run(f"Due {short_date(milestone.due)}", theme.small)]
        else:
            status = []
        parts: list[Flowable] = [
            Paragraph(
                [Run(milestone.title, theme.body.with_(bold=True)), Run("   "), *status],
                theme.body,
                space_after=3,
            )
        ]
        for label, text in (
            ("Purpose", milestone.purpose),
            ("Growth path", milestone.growth_path),
            ("Organisational value", milestone.organisational_value),
        ):
            if text.strip():
                parts.append(self.labelled(label, text))
        for note in milestone.notes:
            head = f"{short_date(note.day)} · {note.kind.value}"
            if note.private:
                head += " · private"
            parts.append(
                self.bullet(
                    [Run(head + "  ", theme.label.with_(size=8.5)), Run(note.text)],
                    style=theme.body.with_(size=9.5),
                )
            )
        block = Indented(Stack(parts), 10.0, bar=theme.rule, bar_width=1.5)
        # A short milestone is kept whole on one page; a long one flows.
        self.flow.append(KeepTogether([block, Spacer(6)]))

    # -- other parts ----------------------------------------------------------------------------

    def objective_group(
        self, title: str, intro: str, objectives: Sequence[ObjectiveSection]
    ) -> None:
        if not objectives:
            return
        self.flow.append(Heading(title, 1, self.theme, space_before=30))
        self.flow.append(self.para(intro, style=self.theme.muted))
        for objective in objectives:
            self.objective(objective)

    def team_objectives(self, data: ReportData) -> None:
        """Short entries: a team objective is context, not the person's work to report."""
        if not data.team_objectives:
            return
        theme = self.theme
        if data.all_team_objectives:
            title, intro = TEAM_HEADING_ALL, "Every team and company objective of the plan."
        else:
            title = TEAM_HEADING_ALIGNED
            intro = "The team and company objectives your missions and objectives align to."
        self.flow.append(Heading(title, 1, theme, space_before=30))
        self.flow.append(self.para(intro, style=theme.muted))
        for objective in data.team_objectives:
            self.check()
            self.flow.append(
                self.kicker(f"{objective.level.value} objective", objective.cycle or "")
            )
            self.flow.append(Heading(objective.title, 3, theme, space_before=0, in_toc=False))
            facts: list[str | list[Run]] = []
            if objective.owner:
                facts.append([Run("Owner  ", theme.label), Run(objective.owner)])
            if objective.key_results:
                facts.append([Run("Progress  ", theme.label), Run(percent(objective.progress))])
            facts.append(plural(len(objective.key_results), "key result"))
            self.flow.append(self.meta(facts))
            if objective.aligned_from:
                self.flow.append(self.labelled("Aligned to it", ", ".join(objective.aligned_from)))

    def meetings(self, meetings: Sequence[MeetingSection]) -> None:
        if not meetings:
            return
        theme = self.theme
        self.flow.append(Heading("One-on-ones", 1, theme, space_before=30))
        for meeting in meetings:
            title = long_date(meeting.day) + (
                f" · {meeting.counterpart}" if meeting.counterpart else ""
            )
            self.flow.append(Heading(title, 2, theme))
            for name, text in meeting.sections:
                self.flow.append(self.labelled(name, text))
            if meeting.private_left_out:
                self.flow.append(
                    self.para(
                        f"{plural(meeting.private_left_out, 'private section')} left out.",
                        style=theme.muted,
                    )
                )
            if meeting.action_items:
                self.flow.append(
                    Paragraph(
                        "Action items",
                        theme.label,
                        space_before=4,
                        space_after=2,
                        keep_with_next=True,
                    )
                )
                for text, owner, due, done in meeting.action_items:
                    extra = ", ".join(
                        p for p in (owner, f"due {short_date(due)}" if due else "") if p
                    )
                    runs = [Run(("✓ " if done else "") + text)]
                    if extra:
                        runs.append(Run(f"  ({extra})", theme.muted))
                    self.flow.append(self.bullet(runs))

    def skills(self, section: SkillsSection | None) -> None:
        """The skills framework: its chart, then per cycle the skills that moved."""
        if section is None:
            return
        theme = self.theme
        self.flow.append(Heading("Skills", 1, theme, space_before=30))
        self.flow.append(
            self.para(
                "Each skill's level over the cycles (the line) against its aim (dashed), a "
                "dot at each step with the milestone behind it, and at the end of each cycle "
                "that is over the level reached: filled where it met the aim.",
                style=theme.muted,
            )
        )
        skills = section.chart.skills
        for start in range(0, len(skills), SKILLS_PER_CHART):
            title = "Levels over the cycles" + (" (continued)" if start else "")
            chunk = skills[start : start + SKILLS_PER_CHART]
            part = replace(section.chart, skills=chunk, title=title)
            svg = charts.skills_chart(part, theme)
            if svg is not None:
                height = charts.skills_chart_height(len(part.skills))
                self.flow.append(SvgImage(svg, 483, height, space_before=4, space_after=8))
        for cycle in section.cycles:
            self.skills_cycle(cycle, several=len(section.cycles) > 1)
        if not section.cycles:
            self.flow.append(
                self.para("No skill's level has moved yet.", style=theme.muted, space_before=6)
            )

    def skills_cycle(self, cycle: SkillsCycle, *, several: bool) -> None:
        theme = self.theme
        self.flow.append(Heading(f"Skills that moved in {cycle.cycle}", 2, theme, in_toc=several))
        if not cycle.moves:
            self.flow.append(self.para("No skill's level moved in this cycle.", style=theme.muted))
        for move in cycle.moves:
            self.moved_skill(move)

    def moved_skill(self, move: MovedSkill) -> None:
        theme = self.theme
        runs = [
            Run(move.name, theme.body.with_(bold=True)),
            Run(f"   level {move.before} → {move.after}"),
        ]
        if move.aim is not None:
            runs.append(Run(f"   aim {move.aim}", theme.muted))
        if move.group:
            runs.append(Run(f"   {move.group}", theme.muted))
        parts: list[Flowable] = [Paragraph(runs, theme.body, space_after=3)]
        parts += [self.skill_step(mark) for mark in move.steps]
        block = Indented(Stack(parts), 10.0, bar=theme.accent, bar_width=1.5)
        self.flow.append(KeepTogether([block, Spacer(6)]))

    def skill_step(self, mark: StepMark) -> Flowable:
        """One step: its day and move, the milestone and the note behind it, and the
        growth notes tagged with the skill that led up to it."""
        theme = self.theme
        before = "?" if mark.previous is None else str(mark.previous)
        runs = [Run(f"{short_date(mark.day)} · {before} → {mark.level}  ", theme.label)]
        if mark.milestone:
            runs += [Run("with the milestone ", theme.muted), Run(f"“{mark.milestone}”")]
        if mark.note:
            runs.append(Run(f"  {mark.note}", theme.muted))
        lines: list[Flowable] = [self.bullet(runs, style=theme.body.with_(size=9.5))]
        for note in mark.notes:
            paragraph = Paragraph(
                [Run("Note  ", theme.label.with_(size=8.5)), Run(note)],
                theme.body.with_(size=9),
                space_after=2,
            )
            lines.append(Indented(paragraph, 24.0))
        return Stack(lines)

    def build(self) -> list[Flowable]:
        data = self.data
        self.summary()
        for mission in data.missions:
            self.mission(mission)
        self.team_objectives(data)
        self.objective_group(
            "Objectives without a mission",
            "Objectives that serve no mission yet: an objective without a mission is a "
            "blind objective.",
            data.unassigned,
        )
        self.skills(data.skills)
        self.meetings(data.meetings)
        return self.flow


TEAM_HEADING_ALIGNED = "Team objectives my work aligns to"
TEAM_HEADING_ALL = "Team objectives"


def team_count_text(data: ReportData) -> str:
    """The summary's line about the team's objectives: not in its numbers, and which are
    printed."""
    summary = data.summary
    held = plural(summary.team_objectives, "team objective")
    printed = summary.team_objectives_printed
    if data.all_team_objectives:
        tail = "all of them are listed at the end"
    elif printed == 1:
        tail = "the one your work aligns to is listed at the end"
    elif printed:
        tail = f"the {printed:,} your work aligns to are listed at the end"
    else:
        tail = "your work aligns to none of them"
    return (
        f"These numbers are your own. The plan also holds {held}, context that is not "
        f"counted here; {tail}."
    )


def running_text(data: ReportData) -> RunningText:
    cover = data.cover
    head = " · ".join(p for p in (cover.owner, REPORT_TITLE, cover.cycle) if p)
    foot = f"Exported {long_date(cover.day)}"
    if cover.include_private:
        foot += " · includes private notes"
    return RunningText(header_left=head, footer_left=foot)


def write_report(
    data: ReportData,
    path: Path,
    *,
    page_size: str = "A4",
    theme: Theme = DEFAULT_THEME,
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    overwrite: bool = False,
    plan: Path | None = None,
) -> int:
    """Write ``data`` as a PDF at ``path`` (never over ``plan``; over an existing file only
    with ``overwrite``); returns the number of pages."""
    report: ProgressCallback = progress or (lambda _f, _m: None)
    stop: CancelCheck = cancelled or (lambda: False)
    story = _Story(data, theme, report, stop)
    flow = story.build()
    title = " — ".join(p for p in (data.cover.owner, f"{REPORT_TITLE}, {data.cover.cycle}") if p)
    document = Document(title=title, page_size=page_size, theme=theme, running=running_text(data))
    return document.write(
        path,
        flow,
        cover=story.cover(),
        progress=lambda f, m: report(0.5 + 0.5 * f, m),
        cancelled=stop,
        overwrite=overwrite,
        plan=plan,
    )


def export_plan_pdf(
    plan: PlanService,
    path: Path,
    options: ReportOptions | None = None,
    *,
    page_size: str = "A4",
    progress: ProgressCallback | None = None,
    cancelled: CancelCheck | None = None,
    overwrite: bool = False,
) -> ExportResult:
    """The whole export: read the plan, write the PDF. Needs a QGuiApplication. An
    existing file is replaced only with ``overwrite`` (the person confirmed it); the plan,
    or any plan, never (refused before the plan is read)."""
    check_target(Path(path), overwrite=overwrite, plan=plan.path)
    report: ProgressCallback = progress or (lambda _f, _m: None)
    report(0.0, "Reading the plan…")
    data = build_report_data(plan, options)
    if cancelled is not None and cancelled():
        raise ExportCancelled
    pages = write_report(
        data,
        path,
        page_size=page_size,
        progress=report,
        cancelled=cancelled,
        overwrite=overwrite,
        plan=plan.path,
    )
    return ExportResult(Path(path), pages, len(data.objectives), data.private_left_out)
