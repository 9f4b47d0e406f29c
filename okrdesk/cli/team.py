"""Team objectives on the command line:

    okrdesk export team OUT.json [--cycle NAME]
    okrdesk import team FILE            (an okrdesk-team JSON file or a CSV)
    okrdesk import markdown FILE [--team NAME] [--cycle NAME] [--dry-run]
    okrdesk import csv FILE [--team NAME] [--cycle NAME] [--dry-run]

The import commands may create the plan (their command is "import"); with --dry-run they
print what the file holds and what would be skipped, and neither open nor write a plan.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from okrdesk.domain.entities import Cycle
from okrdesk.services.alignment import default_cycle
from okrdesk.services.okr_import import ImportReport, import_csv, import_markdown
from okrdesk.services.okr_preview import ImportPreview, PreviewObjective
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
        parser.add_argument(
            "--dry-run", action="store_true", help="print what would be imported; write nothing"
        )
        parser.set_defaults(
            run=_import_markdown if name == "markdown" else _import_csv,
            without_plan=_preview_markdown if name == "markdown" else _preview_csv,
        )


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


def _preview_markdown(args: argparse.Namespace) -> int:
    from okrdesk.services.okr_preview import preview_markdown

    print_preview(preview_markdown(args.path), args.team, args.cycle)
    return 0


def _preview_csv(args: argparse.Namespace) -> int:
    from okrdesk.services.okr_preview import preview_csv

    print_preview(preview_csv(args.path), args.team, args.cycle)
    return 0


def print_preview(preview: ImportPreview, team: str | None, cycle: str | None) -> None:
    """The dry run's report: the tree of what would be imported, then what would not."""
    print(preview.summary())
    for objective in preview.roots():
        _print_objective(preview, objective, 1, team, cycle)
    for entry in preview.skipped:
        print(f"  skipped {entry.describe()}")
    print("Nothing was written (--dry-run).")


def _print_objective(
    preview: ImportPreview,
    objective: PreviewObjective,
    depth: int,
    team: str | None,
    cycle: str | None,
) -> None:
    indent = "  " * depth
    owner = objective.owner or (team or "")
    facts = [f"cycle {cycle or objective.cycle or preview.cycle or 'none named'}"]
    facts += [f"owner {owner}"] if owner else []
    facts += [f"grade {objective.grade:g}"] if objective.grade is not None else []
    print(f"{indent}Objective (line {objective.line}): {objective.title} [{', '.join(facts)}]")
    for kr in objective.key_results:
        details = []
        if kr.target is not None:
            start = "" if kr.baseline is None else f"{kr.baseline:g} → "
            details.append(f"target {start}{kr.target:g}{' ' + kr.unit if kr.unit else ''}")
        details += [f"owner {kr.owner}"] if kr.owner else []
        details += [f"priority {kr.priority}"] if kr.priority else []
        details += [f"grade {kr.grade:g}"] if kr.grade is not None else []
        details += [f"status “{kr.status}”"] if kr.status else []
        extra = f" [{', '.join(details)}]" if details else ""
        print(f"{indent}  KR (line {kr.line}): {kr.text}{extra}")
    for child in preview.children(objective.key):
        _print_objective(preview, child, depth + 1, team, cycle)
