"""`okrdesk export pdf OUT.pdf [--cycle NAME] [--mission TITLE] [--include-private]
[--all-team-objectives] [--page-size A4|Letter]`: the plan as a PDF report, without a
window. Team objectives are printed only where the person's items align to them, unless
``--all-team-objectives`` asks for every one.

Qt draws the PDF, so a QGuiApplication is made; without a display it uses Qt's offscreen
platform, chosen here before Qt starts.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import Any

from okrdesk.domain.entities import Cycle, Mission
from okrdesk.services.plan import PlanService
from okrdesk.services.report_data import ReportOptions

PAGE_SIZES = ("A4", "Letter")


def register(commands: Any) -> None:
    from okrdesk.cli import add_force

    parser = commands.exports.add_parser(
        "pdf", parents=[commands.db_after], help="a report of the plan to print or share, as PDF"
    )
    parser.add_argument("path", type=Path, metavar="OUT.pdf")
    parser.add_argument("--cycle", metavar="NAME", help="only this cycle's objectives")
    parser.add_argument(
        "--mission", metavar="TITLE", help="only this mission and the missions serving it"
    )
    parser.add_argument(
        "--include-private",
        action="store_true",
        help="include private growth notes and private one-on-one notes",
    )
    parser.add_argument(
        "--all-team-objectives",
        action="store_true",
        help="list every team objective, not only those your missions and objectives align to",
    )
    parser.add_argument(
        "--page-size",
        choices=PAGE_SIZES,
        default="A4",
        type=_page_size,
        help="A4 (default) or Letter",
    )
    add_force(parser)
    parser.set_defaults(run=export_pdf)


def add_pdf_file_options(parser: Any) -> None:
    """The options every PDF export shares: private notes, page size, replacing a file."""
    from okrdesk.cli import add_force

    parser.add_argument(
        "--include-private", action="store_true", help="include the private notes too"
    )
    parser.add_argument("--page-size", choices=PAGE_SIZES, default="A4", help="A4 or Letter")
    add_force(parser)


def pages_text(pages: int) -> str:
    return f"{pages} page{'s' if pages != 1 else ''}"


def left_out_text(private_left_out: int) -> str:
    """What an export's line adds when private notes stayed out (nothing when none did)."""
    if not private_left_out:
        return ""
    noun = "note was" if private_left_out == 1 else "notes were"
    return f" {private_left_out} private {noun} left out (--include-private puts them in)."


def _page_size(text: str) -> str:
    for name in PAGE_SIZES:
        if text.strip().casefold() == name.casefold():
            return name
    return text


def ensure_gui_application() -> Any:
    """The QGuiApplication the report needs (offscreen when there is no display)."""
    from okrdesk.cli import has_display

    if not has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from okrdesk.qt.gui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        app = QGuiApplication(["okrdesk"])
    return app


def export_pdf(plan: PlanService, args: argparse.Namespace) -> int:
    from okrdesk.cli import resolve

    cycle_id = None
    if args.cycle is not None:
        cycle_id = resolve(plan.all(Cycle), args.cycle, "cycle", lambda c: c.name).id
    mission_id = None
    if args.mission is not None:
        mission_id = resolve(plan.all(Mission), args.mission, "mission", lambda m: m.title).id
    options = ReportOptions(
        cycle_id=cycle_id,
        mission_id=mission_id,
        include_private=args.include_private,
        all_team_objectives=args.all_team_objectives,
    )
    _app = ensure_gui_application()
    # Imported only now: Qt and matplotlib take a moment to load.
    from okrdesk.report.plan_report import export_plan_pdf

    started = time.perf_counter()
    result = export_plan_pdf(
        plan, args.path, options, page_size=args.page_size, overwrite=args.force
    )
    seconds = time.perf_counter() - started
    pages = f"{pages_text(result.pages)}, {seconds:.1f} s"
    print(f"Exported the plan to {args.path} ({pages}).{left_out_text(result.private_left_out)}")
    return 0
