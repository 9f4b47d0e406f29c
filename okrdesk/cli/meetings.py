"""`okrdesk export meeting DATE|ID OUT.pdf [--include-private] [--page-size A4|Letter]`:
a one-on-one's summary (agenda, notes, action items, since last time) as a PDF."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from okrdesk.services.meeting_summary import find_meeting
from okrdesk.services.plan import PlanService


def register(commands: Any) -> None:
    from okrdesk.cli.pdf import add_pdf_file_options

    parser = commands.exports.add_parser(
        "meeting",
        parents=[commands.db_after],
        help="a one-on-one's summary as PDF: agenda, notes, action items, since last time",
    )
    parser.add_argument("meeting", metavar="DATE|ID", help="the day (YYYY-MM-DD) or the id")
    parser.add_argument("path", type=Path, metavar="OUT.pdf")
    add_pdf_file_options(parser)
    parser.set_defaults(run=export_meeting)


def export_meeting(plan: PlanService, args: argparse.Namespace) -> int:
    from okrdesk.cli.pdf import ensure_gui_application, left_out_text, pages_text

    meeting = find_meeting(plan, args.meeting)
    _app = ensure_gui_application()
    # Imported only now: Qt takes a moment to load.
    from okrdesk.report.meeting import export_meeting_pdf

    result = export_meeting_pdf(
        plan,
        meeting.id,
        args.path,
        include_private=args.include_private,
        page_size=args.page_size,
        overwrite=args.force,
    )
    pages = pages_text(result.pages)
    left_out = left_out_text(result.private_left_out)
    print(f"Exported the one-on-one of {meeting.label} to {args.path} ({pages}).{left_out}")
    return 0
