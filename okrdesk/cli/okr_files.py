"""OKRs out to other tools:

    okrdesk export csv OUT.csv [--cycle NAME] [--force]        one row per key result
    okrdesk export markdown OUT.md [--cycle NAME] [--force]    a page a handbook publishes

An existing file is replaced only with --force; the open plan never is.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from okrdesk.domain.entities import Cycle
from okrdesk.services.okr_export import export_csv, export_markdown
from okrdesk.services.plan import PlanService


def register(commands: Any) -> None:
    for name, help_text, metavar in (
        ("csv", "objectives and key results as a spreadsheet (CSV)", "OUT.csv"),
        ("markdown", "objectives and key results as a Markdown page", "OUT.md"),
    ):
        parser = commands.exports.add_parser(name, parents=[commands.db_after], help=help_text)
        parser.add_argument("path", type=Path, metavar=metavar)
        parser.add_argument("--cycle", metavar="NAME", help="only this cycle's objectives")
        parser.add_argument("--force", action="store_true", help="replace the file if it exists")
        parser.set_defaults(run=_export_csv if name == "csv" else _export_markdown)


def _cycle_id(plan: PlanService, args: argparse.Namespace) -> str | None:
    from okrdesk.cli import resolve

    if args.cycle is None:
        return None
    return resolve(plan.all(Cycle), args.cycle, "cycle", lambda c: c.name).id


def _export_csv(plan: PlanService, args: argparse.Namespace) -> int:
    counts = export_csv(plan, args.path, cycle_id=_cycle_id(plan, args), force=args.force)
    print(_exported(counts.objectives, counts.key_results, args.path))
    return 0


def _export_markdown(plan: PlanService, args: argparse.Namespace) -> int:
    counts = export_markdown(plan, args.path, cycle_id=_cycle_id(plan, args), force=args.force)
    print(_exported(counts.objectives, counts.key_results, args.path))
    return 0


def _exported(objectives: int, key_results: int, path: Path) -> str:
    return f"Exported {objectives} objectives and {key_results} key results to {path}."
