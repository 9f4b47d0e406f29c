"""A one-on-one's summary as a PDF, with the plan report's building blocks: the agenda,
the notes of the four sections (private ones left out unless asked for), the action items
and the since-last-time table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from okrdesk.qt.core import Qt
from okrdesk.report.document import Document, RunningText
from okrdesk.report.flow import Flowable, Heading, Indented, Paragraph, Rule, Run
from okrdesk.report.formatting import DASH, long_date, plural, short_date
from okrdesk.report.table import Column, Table
from okrdesk.report.theme import DEFAULT_THEME, Theme
from okrdesk.services.files import check_target
from okrdesk.services.meeting_summary import MeetingSummary, meeting_summary
from okrdesk.services.meetings import confidence_cell, health_cell, value_cell
from okrdesk.services.plan import PlanService

ACTION_COLUMNS = (
    Column("Action", 3.4),
    Column("Owner", 1.4),
    Column("Due", 1.1),
    Column("Done", 0.7, Qt.AlignmentFlag.AlignCenter),
)
SINCE_COLUMNS = (
    Column("Key result", 3.0),
    Column("Value", 1.8),
    Column("Confidence", 1.6),
    Column("Health", 1.6),
)


@dataclass(frozen=True)
class MeetingExport:
    path: Path
    pages: int
    private_left_out: int


def title_of(summary: MeetingSummary) -> str:
    meeting = summary.meeting
    return f"One-on-one with {meeting.counterpart}" if meeting.counterpart else "One-on-one"


def meeting_story(summary: MeetingSummary, theme: Theme = DEFAULT_THEME) -> list[Flowable]:
    return [
        *_heading(summary, theme),
        *_agenda(summary, theme),
        *_notes(summary, theme),
        *_action_items(summary, theme),
        *_since_last_time(summary, theme),
    ]


def _heading(summary: MeetingSummary, theme: Theme) -> list[Flowable]:
    """The title, the meeting's facts and what the PDF says about private notes."""
    meeting = summary.meeting
    facts = [long_date(meeting.date)]
    if summary.cycle:
        facts.append(summary.cycle)
    facts.append(summary.kind)
    facts.append(
        f"closed {short_date(meeting.closed_on)}" if meeting.closed_on is not None else "open"
    )
    privacy = (
        "Includes private notes: share with care."
        if summary.include_private
        else "Private notes are left out."
    )
    if summary.private_left_out and not summary.include_private:
        privacy = f"{plural(summary.private_left_out, 'private note')} left out."
    return [
        Paragraph("okrdesk  ·  one-on-one", theme.kicker, space_after=4),
        Paragraph(title_of(summary), theme.title.with_(size=22), space_after=4),
        Paragraph("   ·   ".join(facts), theme.muted, space_after=6),
        Paragraph(privacy, theme.small, space_after=4),
        Rule(theme.rule, space_after=6),
    ]


def _agenda(summary: MeetingSummary, theme: Theme) -> list[Flowable]:
    flow: list[Flowable] = [Heading("Agenda", 1, theme)]
    if not summary.agenda:
        flow.append(Paragraph("Nothing was on the agenda.", theme.muted))
    for point in summary.agenda:
        paragraph = Paragraph(
            point.text, theme.body.with_(colour=theme.muted.colour) if point.done else theme.body
        )
        flow.append(
            Indented(paragraph, 14.0, marker="✓" if point.done else "•", marker_style=theme.muted)
        )
    return flow


def _notes(summary: MeetingSummary, theme: Theme) -> list[Flowable]:
    flow: list[Flowable] = [Heading("Notes", 1, theme)]
    for section in summary.sections:
        label = section.title + ("  (private)" if section.private else "")
        flow.append(Heading(label, 3, theme, in_toc=False))
        text = section.text.strip()
        flow.append(
            Paragraph(text or "No notes.", theme.body if text else theme.muted, space_after=4)
        )
    return flow


def _action_items(summary: MeetingSummary, theme: Theme) -> list[Flowable]:
    heading = Heading("Action items", 1, theme)
    if not summary.actions:
        return [heading, Paragraph("No action items.", theme.muted)]
    body = theme.table_body
    rows: list[list[Flowable]] = [
        [
            Paragraph(action.text, body),
            Paragraph(action.owner or DASH, body),
            Paragraph(DASH if action.due is None else short_date(action.due), body),
            Paragraph("✓" if action.done else "", body, align=Qt.AlignmentFlag.AlignCenter),
        ]
        for action in summary.actions
    ]
    return [heading, Table(ACTION_COLUMNS, rows, theme)]


def _since_last_time(summary: MeetingSummary, theme: Theme) -> list[Flowable]:
    """How the key results moved since the last closed one-on-one."""
    flow: list[Flowable] = [Heading("Since last time", 1, theme)]
    since = summary.since
    if since.previous is None:
        flow.append(Paragraph("No closed one-on-one before this one to compare with.", theme.muted))
    else:
        flow.append(
            Paragraph(
                f"Compared with the one-on-one of {long_date(since.previous.date)}.",
                theme.muted,
                space_after=4,
            )
        )
    if since.changes:
        body = theme.table_body
        rows: list[list[Flowable]] = []
        for change in since.changes:
            tone = theme.health(change.health_now)
            health_style = body.with_(bold=change.health_changed)
            rows.append(
                [
                    Paragraph(change.title, body),
                    Paragraph(value_cell(change), body),
                    Paragraph(confidence_cell(change), body),
                    Paragraph(
                        [Run("● ", body.with_(colour=tone)), Run(health_cell(change))],
                        health_style,
                    ),
                ]
            )
        flow.append(Table(SINCE_COLUMNS, rows, theme))
    return flow


def write_meeting_pdf(
    summary: MeetingSummary,
    path: Path,
    *,
    page_size: str = "A4",
    theme: Theme = DEFAULT_THEME,
    overwrite: bool = False,
    plan: Path | None = None,
) -> int:
    """Write the summary as a PDF at ``path``; returns the number of pages. Needs a
    QGuiApplication; touches no plan, so it may run off the UI thread."""
    title = title_of(summary)
    foot = f"{title}, {long_date(summary.meeting.date)}"
    if summary.include_private:
        foot += " · includes private notes"
    running = RunningText(
        header_left=" · ".join(p for p in (summary.owner, title) if p), footer_left=foot
    )
    document = Document(title=title, page_size=page_size, theme=theme, running=running)
    story = meeting_story(summary, theme)
    return document.write(path, story, toc=False, overwrite=overwrite, plan=plan)


def export_meeting_pdf(
    plan: PlanService,
    meeting_id: str,
    path: Path,
    *,
    include_private: bool = False,
    page_size: str = "A4",
    today: date | None = None,
    overwrite: bool = False,
) -> MeetingExport:
    """A one-on-one's summary as a PDF at ``path`` (an existing file only with
    ``overwrite``; never the plan, nor any plan)."""
    check_target(Path(path), overwrite=overwrite, plan=plan.path)
    summary = meeting_summary(plan, meeting_id, include_private=include_private, today=today)
    pages = write_meeting_pdf(
        summary, Path(path), page_size=page_size, overwrite=overwrite, plan=plan.path
    )
    return MeetingExport(Path(path), pages, summary.private_left_out)
