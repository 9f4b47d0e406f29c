"""Team objectives on the command line:

    okrdesk export team OUT.json [--cycle NAME]
    okrdesk import team FILE            (an okrdesk-team JSON file or a CSV)
    okrdesk import markdown FILE [--team NAME] [--cycle NAME]
    okrdesk import csv FILE [--team NAME] [--cycle NAME]

The import commands may create the plan (their command is "import").
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from okrdesk.domain.entities import Cycle
from okrdesk.services.alignment import default_cycle
from okrdesk.services.okr_import import ImportReport, import_csv, import_markdown
from okrdesk.services.plan import PlanService
from okrdesk.services.team import TeamImportReport, export_team, import_team


def register(commands: Any) -> None:
    from okrdesk.cli import add_force

    to_team = commands.exports.add_parser(
        "team",
        parents=[commands.db_after],
        help="the team's missions, objectives and key results of a cycle, for your team",
    )
    to_team.add_argument("path", type=Path, metavar="OUT.json")
    to_team.add_argument(
        "--cycle", metavar="NAME", help="the cycle (default: the current one; 'all' for every)"
    )
    add_force(to_team)
    to_team.set_defaults(run=_export_team)

    from_team = commands.imports.add_parser(
        "team", parents=[commands.db_after], help="a team file (JSON) or a CSV of team OKRs"
    )
    from_team.add_argument("path", type=Path, metavar="FILE")
    from_team.set_defaults(run=_import_team)

    for name, help_text in (
        ("markdown", "OKRs published as Markdown (a handbook page)"),
        ("csv", "OKRs from a spreadsheet saved as CSV"),
    ):
        parser = commands.imports.add_parser(name, parents=[commands.db_after], help=help_text)
        parser.add_argument("path", type=Path, metavar="FILE")
        parser.add_argument("--team", metavar="NAME", help="the owner of what names none")
        parser.add_argument("--cycle", metavar="NAME", help="the cycle, when the file says none")
        parser.set_defaults(run=_import_markdown if name == "markdown" else _import_csv)


def _export_team(plan: PlanService, args: argparse.Namespace) -> int:
    # Imported here: the CLI package imports this module while registering.
    from okrdesk.cli import resolve

    cycle: Cycle | None
    if args.cycle is None:
        cycle = default_cycle(plan)
    elif args.cycle.strip().casefold() == "all":
        cycle = None
    else:
        cycle = resolve(plan.all(Cycle), args.cycle, "cycle", lambda c: c.name)
    counts = export_team(plan, args.path, None if cycle is None else cycle.id, overwrite=args.force)
    which = "every cycle" if cycle is None else cycle.name
    print(
        f"Exported {counts['missions']} missions, {counts['objectives']} objectives and "
        f"{counts['key_results']} key results of {which} to {args.path}."
    )
    return 0


def _print_report(report: ImportReport | TeamImportReport) -> None:
    print(report.summary())
    for line in report.details():
        print(f"  {line}")


def _import_team(plan: PlanService, args: argparse.Namespace) -> int:
    _print_report(import_team(plan, args.path))
    return 0


def _import_markdown(plan: PlanService, args: argparse.Namespace) -> int:
    _print_report(import_markdown(plan, args.path, team=args.team, cycle=args.cycle))
    return 0


def _import_csv(plan: PlanService, args: argparse.Namespace) -> int:
    _print_report(import_csv(plan, args.path, team=args.team, cycle=args.cycle))
    return 0
