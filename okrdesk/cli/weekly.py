"""The weekly rhythm on the command line: `okrdesk export calendar OUT.ics` and the CSV
side of `okrdesk checkin --from-csv FILE` (a week's values from a spreadsheet or a job)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import Any

from okrdesk.services.plan import PlanService


def register(commands: Any) -> None:
    from okrdesk.cli import add_force

    parser = commands.exports.add_parser(
        "calendar",
        parents=[commands.db_after],
        help="the weekly check-in, one-on-ones, next steps and milestones, as iCalendar",
    )
    parser.add_argument("path", type=Path, metavar="OUT.ics")
    add_force(parser)
    parser.set_defaults(run=export_calendar_command)


def export_calendar_command(plan: PlanService, args: argparse.Namespace) -> int:
    from okrdesk.services.calendar_export import export_calendar

    report = export_calendar(plan, args.path, date.today(), overwrite=args.force)
    print(f"Exported {report.events} calendar events to {report.path}.")
    return 0


def check_in_from_csv(plan: PlanService, path: Path) -> int:
    """Every row of ``path`` or none: one line per bad row on stderr otherwise."""
    from okrdesk.cli import EXIT_REFUSED
    from okrdesk.services.checkin_csv import CsvRefused, import_check_ins

    try:
        records = import_check_ins(plan, path)
    except CsvRefused as refused:
        print(f"okrdesk: {refused} Nothing was written.", file=sys.stderr)
        for line in refused.lines:
            print(f"  {line}", file=sys.stderr)
        return EXIT_REFUSED
    key_results = len({r.key_result_id for r in records})
    print(f"Checked in {len(records)} values on {key_results} key results from {path.name}.")
    return 0
