"""The command line: open the app, or work on the plan from a terminal or a script.

    okrdesk [--db PATH] [--screenshot OUT.png] [--select TITLE] [--size WxH]
    okrdesk demo | list | checkin | close-cycle NAME | export json OUT | import json IN

Every error is one line on stderr starting with "okrdesk:" and a non-zero exit status
(2 for a refused import or a command line okrdesk does not understand, 1 otherwise); a
traceback is shown only with OKRDESK_DEBUG=1.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from okrdesk import __version__
from okrdesk.domain.confidence import confidence_text, parse_confidence
from okrdesk.domain.entities import CheckIn, Cycle, Item, KeyResult, PersonalValue, Stakeholder
from okrdesk.domain.enums import KeyResultKind
from okrdesk.domain.progress import key_result_progress
from okrdesk.launch import has_display as has_display
from okrdesk.services.demo import DemoRefused, fill_demo
from okrdesk.services.errors import (
    ImportRefused,
    ItemNotFound,
    PlanFileError,
    ValidationError,
    WriteRefused,
    describe_error,
)
from okrdesk.services.exchange import export_plan, import_plan
from okrdesk.services.locations import ENV_PLAN, open_plan, resolve_plan_path
from okrdesk.services.logs import log_failure
from okrdesk.services.missions import purpose, stakeholder_ids_by_mission
from okrdesk.services.outline import NodeKind, build_outline
from okrdesk.services.plan import PlanService

T = TypeVar("T", bound=Item)

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_REFUSED = 2


class CommandError(Exception):
    """A problem with what was asked, with the sentence to show."""

    def __init__(self, message: str, status: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.status = status


# What a person types as a negative number: "-5", "-1,000", "-0.5", "-1e308", "-inf".
_NEGATIVE_NUMBER = re.compile(
    r"^-(?:\d[\d,]*\.?\d*|\.\d+)(?:e[-+]?\d+)?$|^-(?:inf|infinity|nan)$", re.IGNORECASE
)


class _Parser(argparse.ArgumentParser):
    """argparse, but a mistake is one line (not usage plus a line) and no exit here, and
    every negative number is a value (argparse alone takes "-1e308" for an option)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._negative_number_matcher = _NEGATIVE_NUMBER

    def error(self, message: str) -> NoReturn:
        raise CommandError(f"{message} (see okrdesk --help)", EXIT_USAGE)


# -- the parser -------------------------------------------------------------------------


def _size(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"\s*(\d{2,5})\s*[xX×]\s*(\d{2,5})\s*", text)
    if match is None:
        raise argparse.ArgumentTypeError(f"a size is WIDTHxHEIGHT, like 1280x800, not “{text}”")
    return int(match.group(1)), int(match.group(2))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="okrdesk",
        description="Personal missions, objectives and key results, planned offline.",
        epilog=(
            "Without a command okrdesk opens its window. The plan file is --db, else "
            "$OKRDESK_DB, else (for the window) the plan open last time, else plan.okrdesk "
            "in your user data folder."
        ),
    )
    _add_window_options(parser)
    # --db is also accepted after the command ("okrdesk list --db x.okrdesk").
    db_after = _Parser(add_help=False)
    db_after.add_argument(
        "--db", type=Path, metavar="PATH", default=argparse.SUPPRESS, help="the plan file"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    # In this order in --help: the built-in commands, then each feature's.
    for add in (_add_demo, _add_list, _add_checkin):
        add(commands, db_after)
    exports = _add_export_json(commands, db_after)
    imports = _add_import_json(commands, db_after)
    register_features(Commands(commands, exports, imports, db_after))
    return parser


def _add_window_options(parser: argparse.ArgumentParser) -> None:
    """The options of okrdesk without a command (the window)."""
    parser.add_argument("--version", action="version", version=f"okrdesk {__version__}")
    parser.add_argument("--db", type=Path, metavar="PATH", help="the plan file to use")
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="OUT.png",
        help="open the window off screen, save a picture of it and quit",
    )
    parser.add_argument("--select", metavar="TITLE", help="select this item when the window opens")
    parser.add_argument("--size", type=_size, metavar="WxH", help="window size, like 1280x800")


def _add_demo(commands: Any, db_after: argparse.ArgumentParser) -> None:
    commands.add_parser(
        "demo", parents=[db_after], help="fill a new plan with a demo to explore"
    ).set_defaults(run=_demo)


def _add_list(commands: Any, db_after: argparse.ArgumentParser) -> None:
    listing = commands.add_parser("list", parents=[db_after], help="print the plan as a tree")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.add_argument("--cycle", metavar="NAME", help="only this cycle's objectives")
    listing.set_defaults(run=_list)


def _add_checkin(commands: Any, db_after: argparse.ArgumentParser) -> None:
    checkin = commands.add_parser(
        "checkin", parents=[db_after], help="record a key result's current value"
    )
    checkin.add_argument(
        "key_result", nargs="?", metavar="KR", help="the key result's id or title start"
    )
    checkin.add_argument(
        "value", nargs="?", metavar="VALUE", help="the value now (done for a milestone)"
    )
    checkin.add_argument(
        "--from-csv",
        type=Path,
        metavar="FILE",
        help="check in every row of FILE (key result id or title, date, value, confidence, "
        "note), all or none",
    )
    checkin.add_argument(
        "--confidence", metavar="C", help="how sure you are, in 10: 7, 7/10, '7 in 10' or 70%%"
    )
    checkin.add_argument("--note", default="", metavar="TEXT")
    checkin.add_argument("--date", metavar="YYYY-MM-DD", help="the day of the value (today)")
    checkin.set_defaults(run=_checkin)


# `okrdesk export FORMAT ...` and `okrdesk import FORMAT ...`: one sub-command per format,
# each with its own options; these return the sub-command groups features add formats to.


def _add_export_json(commands: Any, db_after: argparse.ArgumentParser) -> Any:
    export = commands.add_parser("export", help="write the plan (or part of it) to a file")
    exports = export.add_subparsers(
        dest="format", metavar="FORMAT", parser_class=_Parser, required=True
    )
    to_json = exports.add_parser("json", parents=[db_after], help="the whole plan, as JSON")
    to_json.add_argument("path", type=Path, metavar="OUT")
    add_force(to_json)
    to_json.set_defaults(run=_export)
    return exports


def _add_import_json(commands: Any, db_after: argparse.ArgumentParser) -> Any:
    load = commands.add_parser("import", help="add a file to the plan")
    imports = load.add_subparsers(
        dest="format", metavar="FORMAT", parser_class=_Parser, required=True
    )
    from_json = imports.add_parser("json", parents=[db_after], help="a plan exported as JSON")
    from_json.add_argument("path", type=Path, metavar="IN")
    from_json.set_defaults(run=_import)
    return imports


def add_force(parser: argparse.ArgumentParser) -> None:
    """``--force``: an export replaces an existing file only when told to (never a plan)."""
    parser.add_argument(
        "--force", action="store_true", help="replace OUT if it exists (never a plan file)"
    )


@dataclass(frozen=True)
class Commands:
    """Where a feature adds its sub-commands: top level, `export X` and `import X`.

    Give each new parser ``parents=[commands.db_after]`` and ``set_defaults(run=...)``
    with ``run(plan, args) -> int``; add its name to ``creates_plan`` when it may run
    on a plan that does not exist yet.
    """

    top: Any
    exports: Any
    imports: Any
    db_after: argparse.ArgumentParser


def register_features(commands: Commands) -> None:
    """Each feature module adds its commands here, one line each."""
    from okrdesk.cli import coach

    coach.register(commands)
    from okrdesk.cli import team

    team.register(commands)
    from okrdesk.cli import listing

    listing.register(commands)
    from okrdesk.cli import pdf

    pdf.register(commands)
    from okrdesk.cli import open_file

    open_file.register(commands)
    from okrdesk.cli import meetings

    meetings.register(commands)
    from okrdesk.cli import okr_files

    okr_files.register(commands)
    from okrdesk.cli import weekly

    weekly.register(commands)
    from okrdesk.cli import close_cycle

    close_cycle.register(commands)


# -- finding items by what a person types -----------------------------------------------


def resolve(items: Sequence[T], typed: str, what: str, title: Callable[[T], str]) -> T:
    """The item whose id is ``typed``, else whose title is or starts with it (ignoring
    case). Refuses, listing the candidates, when none or several match."""
    for item in items:
        if item.id == typed:
            return item
    wanted = typed.strip().casefold()
    if not wanted:
        raise CommandError(f"say which {what}: give its id or the start of its title.")
    exact = [item for item in items if title(item).strip().casefold() == wanted]
    if len(exact) == 1:
        return exact[0]
    found = exact or [item for item in items if title(item).casefold().startswith(wanted)]
    if len(found) == 1:
        return found[0]
    if not found:
        known = "; ".join(f"“{title(i)}”" for i in items[:10])
        hint = f" The plan has: {known}{'; …' if len(items) > 10 else ''}." if items else ""
        raise CommandError(f"no {what} has the id or a title starting with “{typed}”.{hint}")
    listed = "; ".join(f"“{title(i)}” ({i.id})" for i in found[:10])
    more = f"; and {len(found) - 10} more" if len(found) > 10 else ""
    raise CommandError(
        f"“{typed}” matches {len(found)} {what}s: {listed}{more}. Give more of the title or the id."
    )


# -- commands ---------------------------------------------------------------------------


def _percent(progress: float | None) -> str:
    return "" if progress is None else f"{round(progress * 100)} %"


def _list(plan: PlanService, args: argparse.Namespace) -> int:
    cycle_id = None
    if args.cycle is not None:
        cycle_id = resolve(plan.all(Cycle), args.cycle, "cycle", lambda c: c.name).id
    outline = build_outline(plan, cycle_id)
    if args.format == "json":
        rows = [
            {
                "id": node.id,
                "kind": node.kind.value,
                "title": node.title,
                "parent_id": node.parent_id,
                "progress": node.progress,
            }
            for _depth, node in outline.walk()
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    whom = _whom(plan)
    lines = []
    for depth, node in outline.walk():
        if node.kind is NodeKind.BRANCH and not outline.children.get(node.id):
            continue
        parts = ["  " * depth + node.title]
        if node.kind is not NodeKind.BRANCH and node.progress is not None:
            parts.append(_percent(node.progress))
        if node.state and node.state not in ("active",):
            parts.append(f"[{node.state}]")
        if node.id in whom:
            parts.append(f"(for {', '.join(whom[node.id])})")
        lines.append("  ".join(parts))
    if lines:
        lines = [*_purpose_lines(plan), *lines]
    if not lines:
        print("The plan is empty. Try: okrdesk demo (on a new plan), or open the app.")
    else:
        print("\n".join(lines))
    return 0


def _whom(plan: PlanService) -> dict[str, list[str]]:
    """Each mission's stakeholders' names, the primary one first."""
    names = {s.id: s.name for s in plan.all(Stakeholder)}
    return {
        mission_id: [names[i] for i in ids if i in names]
        for mission_id, ids in stakeholder_ids_by_mission(plan).items()
    }


def _purpose_lines(plan: PlanService) -> list[str]:
    """The person's purpose and values, above the tree (nothing when neither is written)."""
    lines = []
    if purpose(plan):
        lines.append(f"Purpose: {purpose(plan)}")
    values = [v.name for v in plan.all(PersonalValue)]
    if values:
        lines.append(f"Values: {' · '.join(values)}")
    return [*lines, ""] if lines else []


def _confidence(text: str | None) -> float | None:
    return None if text is None else parse_confidence(text)


def _checkin_value(kr: KeyResult, text: str) -> str:
    word = text.strip().casefold()
    if kr.kind is KeyResultKind.MILESTONE and word in ("done", "yes"):
        return "1"
    if kr.kind is KeyResultKind.MILESTONE and word in ("not done", "no"):
        return "0"
    return text


def _check_checkin_args(args: argparse.Namespace) -> None:
    """KR VALUE or --from-csv FILE: a mistyped command line, before any plan is opened."""
    if args.from_csv is not None and args.key_result is not None:
        raise CommandError(
            "give either KR VALUE or --from-csv FILE, not both (see okrdesk --help)", EXIT_USAGE
        )
    if args.from_csv is None and (args.key_result is None or args.value is None):
        raise CommandError(
            "say which key result and its value: okrdesk checkin KR VALUE, or --from-csv FILE "
            "(see okrdesk --help)",
            EXIT_USAGE,
        )


def _checkin(plan: PlanService, args: argparse.Namespace) -> int:
    if args.from_csv is not None:
        from okrdesk.cli.weekly import check_in_from_csv

        return check_in_from_csv(plan, args.from_csv)
    kr = resolve(plan.all(KeyResult), args.key_result, "key result", lambda k: k.title)
    check_in = plan.create(
        CheckIn,
        key_result_id=kr.id,
        date=args.date if args.date is not None else date.today(),
        value=_checkin_value(kr, args.value),
        confidence=_confidence(args.confidence),
        note=args.note,
    )
    unit = f" {kr.unit}" if kr.unit else ""
    confidence = confidence_text(check_in.confidence)
    confidence = f", confidence {confidence}" if confidence else ""
    progress = _percent(key_result_progress(kr, check_in.value))
    print(
        f"Checked in {check_in.value:g}{unit} on “{kr.title}” for "
        f"{check_in.date.isoformat()}{confidence}; progress {progress}."
    )
    return 0


def _demo(plan: PlanService, args: argparse.Namespace) -> int:
    fill_demo(plan)
    reopen = "okrdesk" if args.db is None else f"okrdesk --db {plan.path}"
    print(f"Filled {plan.path} with a demo plan. Explore it with: {reopen}")
    return 0


def _export(plan: PlanService, args: argparse.Namespace) -> int:
    report = export_plan(plan, args.path, overwrite=args.force)
    print(f"Exported the plan to {args.path}.")
    print_mended(report.mended)
    return 0


def print_mended(notes: Sequence[str], shown: int = 10) -> None:
    """The values an export mended to keep its file importable, a few of them by name."""
    if not notes:
        return
    print(
        f"The plan holds values okrdesk could not use as they are; the file has them "
        f"mended ({len(notes)}; `okrdesk check` lists what to repair):"
    )
    for note in notes[:shown]:
        print(f"  {note}")
    if len(notes) > shown:
        print(f"  … and {len(notes) - shown} more")


def _import(plan: PlanService, args: argparse.Namespace) -> int:
    summary = import_plan(plan, args.path)
    matched = (
        f" ({summary.matched_stakeholders} stakeholders were already in the plan)"
        if summary.matched_stakeholders
        else ""
    )
    print(f"Imported {summary.describe()} from {args.path}{matched}.")
    return 0


# Commands that only read must not leave a new, empty plan behind after a typo in --db.
_CREATES_PLAN = {"demo", "import"}


def _run_command(args: argparse.Namespace) -> int:
    if getattr(args, "dry_run", False) and hasattr(args, "without_plan"):
        status_without: int = args.without_plan(args)  # a dry run neither opens nor writes
        return status_without
    path = resolve_plan_path(args.db)
    creates = args.command in _CREATES_PLAN
    if not creates and not path.exists():
        raise CommandError(
            f"there is no plan at {path} yet; open the app or run `okrdesk demo` to make one."
        )
    plan = open_plan(path, create=creates)
    try:
        status: int = args.run(plan, args)
        return status
    finally:
        plan.close()


# -- the window -------------------------------------------------------------------------


def _open_window(args: argparse.Namespace) -> int:
    if args.screenshot is None and not has_display():
        raise CommandError(
            "no display found; run okrdesk in a desktop session, or use a command such as "
            "`okrdesk list` (see okrdesk --help)."
        )
    if args.screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    # Without --db or $OKRDESK_DB the window chooses: the plan open last time, else the
    # default one (see okrdesk.gui.app.run_app).
    chosen = args.db is not None or os.environ.get(ENV_PLAN, "").strip()
    path = resolve_plan_path(args.db) if chosen else None
    # Imported here: Qt takes a while to load and the commands above never need it.
    from okrdesk.gui.app import run_app  # type: ignore[import-not-found,unused-ignore]

    result: Any = run_app(path, screenshot=args.screenshot, select=args.select, size=args.size)
    return result if isinstance(result, int) else 0


# -- main -------------------------------------------------------------------------------


def _say(message: str) -> None:
    print(f"okrdesk: {message}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser().parse_args(args_list)
        if args.command is None:
            return _open_window(args)
        if args.command == "checkin":
            _check_checkin_args(args)
        return _run_command(args)
    except SystemExit as leaving:  # --help and --version
        return leaving.code if isinstance(leaving.code, int) else 0
    except CommandError as error:
        _say(str(error))
        return error.status
    except ImportRefused as error:
        _say(f"import refused: {error} Nothing was written.")
        return EXIT_REFUSED
    except (PlanFileError, ValidationError, ItemNotFound, DemoRefused, WriteRefused) as error:
        _say(str(error))
        return EXIT_ERROR
    except BrokenPipeError:
        # The reader went away (`okrdesk list | head`): stop quietly, and keep Python from
        # complaining when it flushes stdout on the way out.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the last resort: still one line, never a traceback
        if os.environ.get("OKRDESK_DEBUG"):
            raise
        # The sentence names the cause (disk full, read-only, locked…), never SQL text or
        # row data; the details go to the log.
        _say(describe_error(error))
        log_failure(error)
        return EXIT_ERROR
