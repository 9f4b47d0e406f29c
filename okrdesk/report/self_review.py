"""A cycle's self-review as a PDF, typeset like the plan report: the missions and how they
were served, a chart and a page of the objectives' scores with their reasons, the key
results that moved most, the milestones with their growth path, the learnings and the
feedback received. Written whole or not at all (``Document.write``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from okrdesk.charts.counts import Rows, RowsChart
from okrdesk.charts.export import svg_chart
from okrdesk.charts.rows import Row
from okrdesk.domain.health import Health
from okrdesk.qt.core import Qt
from okrdesk.report.charts import report_style
from okrdesk.report.document import Document, RunningText
from okrdesk.report.flow import Flowable, Heading, Indented, KeepTogether, Paragraph, Rule, Run
from okrdesk.report.formatting import DASH, long_date, plural, short_date
from okrdesk.report.graphics import SvgImage
from okrdesk.report.table import Column, Table
from okrdesk.report.theme import DEFAULT_THEME, Theme
from okrdesk.services.files import check_target
from okrdesk.services.plan import PlanService
from okrdesk.services.self_review import (
    MilestoneGrowth,
    MissionServed,
    ObjectiveResult,
    SelfReview,
    self_review,
)

MOVER_COLUMNS = (
    Column("Key result", 3.0),
    Column("Objective", 2.4),
    Column("From", 1.0, Qt.AlignmentFlag.AlignRight),
    Column("To", 1.0, Qt.AlignmentFlag.AlignRight),
    Column("Moved", 0.9, Qt.AlignmentFlag.AlignRight),
)
# A band's tone on paper, through the health colours every view shares.
TONE_HEALTH = {"good": Health.ON_TRACK, "warning": Health.AT_RISK, "bad": Health.OFF_TRACK}


@dataclass(frozen=True)
class SelfReviewExport:
    path: Path
    pages: int
    private_left_out: int


def _score(score: float | None) -> str:
    return DASH if score is None else f"{score:.1f}"


def _bullet(text: str, theme: Theme, marker: str = "•") -> Flowable:
    return Indented(Paragraph(text, theme.body, space_after=2), 14.0, marker=marker,
                    marker_style=theme.muted)  # fmt: skip


def _labelled(label: str, text: str, theme: Theme) -> Paragraph:
    return Paragraph([Run(f"{label}  ", theme.label), Run(text)], theme.body, space_after=3)


def score_chart(review: SelfReview, theme: Theme, width_pt: float = 483) -> Flowable | None:
    """One bar per objective, its final score coloured by its band."""
    rows = tuple(
        Row(
            o.title,
            o.score,
            colour=theme.health(TONE_HEALTH.get(o.tone, Health.PENDING)),
            right=_score(o.score),
        )
        for o in review.objectives
        if o.score is not None
    )
    if not rows:
        return None
    height = 36 + 20 * len(rows)
    svg = svg_chart(RowsChart, Rows("Final scores", rows), report_style(theme), width_pt, height)
    return SvgImage(svg, width_pt, height, space_after=8)


def _heading_block(review: SelfReview, theme: Theme) -> list[Flowable]:
    facts = [f"{long_date(review.start)} – {long_date(review.end)}"]
    if review.owner:
        facts.insert(0, review.owner)
    if review.include_private:
        privacy = "Includes private notes: share with care."
    elif review.private_left_out:
        privacy = f"{plural(review.private_left_out, 'private note')} left out."
    else:
        privacy = "Private notes are left out."
    flow: list[Flowable] = [
        Paragraph("okrdesk  ·  self-review", theme.kicker, space_after=4),
        Paragraph(f"Self-review: {review.cycle_name}", theme.title.with_(size=22), space_after=4),
        Paragraph("   ·   ".join(facts), theme.muted, space_after=6),
        Paragraph(privacy, theme.small, space_after=4),
    ]
    if not review.closed:
        flow.append(
            Paragraph(
                "This cycle is not closed yet: the scores are those its last check-ins propose.",
                theme.small,
                space_after=4,
            )
        )
    flow.append(Rule(theme.rule, space_after=6))
    return flow


def _mission(mission: MissionServed, theme: Theme) -> list[Flowable]:
    flow: list[Flowable] = [Heading(mission.title, 2, theme, in_toc=False)]
    if mission.stakeholder or mission.statement:
        who = f"For {mission.stakeholder}. " if mission.stakeholder else ""
        flow.append(Paragraph(who + mission.statement, theme.muted, space_after=4))
    if mission.rating is None:
        flow.append(Paragraph("Not evaluated for this cycle.", theme.muted, space_after=4))
    else:
        flow.append(_labelled("Served", f"{mission.rating} of 5, {mission.rating_label}", theme))
    if mission.evidence:
        flow.append(_labelled("Evidence", mission.evidence, theme))
    flow.extend(_bullet(text, theme, "↳") for text in mission.cited)
    served = "; ".join(f"{title} ({_score(score)})" for title, score in mission.objectives)
    flow.append(_labelled("Through", served, theme))
    if mission.change:
        flow.append(_labelled("What to change", mission.change, theme))
    chart = history_chart(mission, theme)
    if chart is not None:
        flow.append(chart)
    return flow


def history_chart(mission: MissionServed, theme: Theme, width_pt: float = 400) -> Flowable | None:
    """The mission's rating cycle by cycle (a bar of the five-point scale, with the mean
    score of its objectives); only once there is more than one cycle to compare."""
    rated = [h for h in mission.history if h[1] is not None]
    if len(mission.history) < 2 or not rated:
        return None
    rows = tuple(
        Row(
            name,
            None if rating is None else rating / 5,
            colour=theme.accent,
            right=(f"{rating} of 5" if rating is not None else "not rated")
            + ("" if score is None else f" · {score:.1f}"),
        )
        for name, rating, score in mission.history
    )
    height = 36 + 20 * len(rows)
    title = "Served, cycle by cycle (rating · mean score)"
    svg = svg_chart(RowsChart, Rows(title, rows), report_style(theme), width_pt, height)
    return SvgImage(svg, width_pt, height, space_after=8)


def _objective(result: ObjectiveResult, theme: Theme) -> Flowable:
    tone = theme.health(TONE_HEALTH.get(result.tone, Health.PENDING))
    line = [
        Run("● ", theme.body.with_(colour=tone)),
        Run(f"{_score(result.score)}  ", theme.body.with_(bold=True)),
        Run(f"{result.band}, {result.kind}" if result.band else result.kind, theme.muted),
    ]
    parts: list[Flowable] = [
        Heading(result.title, 3, theme, in_toc=False),
        Paragraph(line, theme.body, space_after=3),
    ]
    if result.reason:
        # Two decimals: an adjustment may be smaller than the one shown elsewhere.
        proposed = DASH if result.proposed is None else f"{result.proposed:.2f}"
        parts.append(_labelled(f"Adjusted from {proposed}", result.reason, theme))
    if result.cause:
        cause = result.cause.capitalize() + (f": {result.cause_text}" if result.cause_text else "")
        parts.append(_labelled("Main cause", cause, theme))
    if result.decision:
        why = f" – {result.decision_why}" if result.decision_why else ""
        parts.append(_labelled("Next cycle", result.decision.capitalize() + why, theme))
    if result.learned:
        parts.append(_labelled("I learned that", result.learned, theme))
    return KeepTogether(parts)


def _milestone(milestone: MilestoneGrowth, theme: Theme) -> list[Flowable]:
    done = f"done {short_date(milestone.done_on)}" if milestone.done_on else "not done"
    flow: list[Flowable] = [
        Heading(milestone.title, 3, theme, in_toc=False),
        Paragraph(f"{milestone.objective} · {done}", theme.muted, space_after=3),
    ]
    if milestone.growth_path:
        flow.append(_labelled("Growth path", milestone.growth_path, theme))
    if milestone.organisational_value:
        flow.append(_labelled("Value beyond the deliverable", milestone.organisational_value,
                              theme))  # fmt: skip
    for note in milestone.notes:
        private = " (private)" if note.private else ""
        flow.append(_bullet(f"{short_date(note.date)}{private}: {note.text.strip()}", theme, "✎"))
    return flow


def _movers(review: SelfReview, theme: Theme) -> list[Flowable]:
    if not review.movers:
        return [Paragraph("No key result moved this cycle.", theme.muted)]
    body = theme.table_body
    right = Qt.AlignmentFlag.AlignRight
    rows: list[list[Flowable]] = [
        [
            Paragraph(m.title, body),
            Paragraph(m.objective, body),
            Paragraph(m.start, body, align=right),
            Paragraph(m.end, body, align=right),
            Paragraph(f"+{round(m.moved * 100)} %", body, align=right),
        ]
        for m in review.movers
    ]
    return [Table(MOVER_COLUMNS, rows, theme)]


def self_review_story(review: SelfReview, theme: Theme = DEFAULT_THEME) -> list[Flowable]:
    flow = _heading_block(review, theme)
    flow.append(Heading("Missions and how they were served", 1, theme))
    if not review.missions:
        flow.append(Paragraph("No objective of this cycle serves a mission.", theme.muted))
    for mission in review.missions:
        flow.extend(_mission(mission, theme))
    flow.append(Heading("Objectives and their scores", 1, theme))
    chart = score_chart(review, theme)
    if chart is not None:
        flow.append(chart)
    flow.extend(_objective(result, theme) for result in review.objectives)
    # At most a handful of rows: the table stays with its heading.
    flow.append(KeepTogether([Heading("Key results that moved most", 1, theme),
                              *_movers(review, theme)]))  # fmt: skip
    flow.append(Heading("Milestones and growth", 1, theme))
    if not review.milestones:
        flow.append(Paragraph("No milestone this cycle.", theme.muted))
    for milestone in review.milestones:
        flow.extend(_milestone(milestone, theme))
    flow.append(Heading("What I learned", 1, theme))
    if not review.learnings:
        flow.append(Paragraph("No learning written down at the close.", theme.muted))
    for objective, learned in review.learnings:
        text = [Run(f"I learned that {learned}"), Run(f"  ({objective})", theme.muted)]
        flow.append(Indented(Paragraph(text, theme.body, space_after=2), 14.0, marker="•",
                             marker_style=theme.muted))  # fmt: skip
    flow.append(Heading("Feedback received", 1, theme))
    feedback = [f"{short_date(day)}: {text}" for day, text in review.feedback]
    flow.extend(_list(feedback, "No feedback noted this cycle.", theme))
    return flow


def _list(lines: Sequence[str], empty: str, theme: Theme) -> list[Flowable]:
    if not lines:
        return [Paragraph(empty, theme.muted)]
    return [_bullet(line, theme) for line in lines]


def write_self_review_pdf(
    review: SelfReview,
    path: Path,
    *,
    page_size: str = "A4",
    theme: Theme = DEFAULT_THEME,
    overwrite: bool = False,
    plan: Path | None = None,
) -> int:
    """Write the self-review at ``path``; returns the number of pages. Needs a
    QGuiApplication; touches no plan, so it may run off the UI thread."""
    title = f"Self-review: {review.cycle_name}"
    foot = title + (" · includes private notes" if review.include_private else "")
    running = RunningText(
        header_left=" · ".join(p for p in (review.owner, title) if p), footer_left=foot
    )
    document = Document(title=title, author=review.owner, page_size=page_size, theme=theme,
                        running=running)  # fmt: skip
    story = self_review_story(review, theme)
    return document.write(path, story, toc=False, overwrite=overwrite, plan=plan)


def export_self_review_pdf(
    plan: PlanService,
    cycle_id: str,
    path: Path,
    *,
    include_private: bool = False,
    page_size: str = "A4",
    overwrite: bool = False,
) -> SelfReviewExport:
    """The cycle's self-review as a PDF at ``path`` (an existing file only with
    ``overwrite``; never the plan, nor any plan)."""
    check_target(Path(path), overwrite=overwrite, plan=plan.path)
    review = self_review(plan, cycle_id, include_private=include_private)
    pages = write_self_review_pdf(
        review, Path(path), page_size=page_size, overwrite=overwrite, plan=plan.path
    )
    return SelfReviewExport(Path(path), pages, review.private_left_out)
