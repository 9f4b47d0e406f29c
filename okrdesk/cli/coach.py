"""The coach on the command line.

    okrdesk check [--format text|json] [--date YYYY-MM-DD]   every finding in the plan
    okrdesk check --rules                                   every rule: id, severity, reason
    okrdesk classify [--why] < key-results.txt              output, outcome or impact
    okrdesk owner [NAME]                                    whose plan this is (the coach
                                                            reviews that person's items)

``check`` exits 0 when no finding is an error, 1 otherwise (so a script or a commit hook can
stop on a plan that cannot be measured). ``check --rules`` and ``classify`` need no plan.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, NoReturn

from okrdesk.domain.classifier import classify
from okrdesk.domain.coach import Finding, Review, Severity, coverage_summary, rules_table
from okrdesk.domain.messages import message
from okrdesk.services.coach import review_plan, strength_text
from okrdesk.services.plan import PlanService

EXIT_CLEAN = 0
EXIT_ERRORS = 1
SEVERITY_ORDER = {Severity.ERROR: 0, Severity.WARN: 1, Severity.INFO: 2}


def register(commands: Any) -> None:
    check = commands.top.add_parser(
        "check",
        parents=[commands.db_after],
        help="coach the plan: what to improve, and why",
        description=(
            "Print every finding of the coach. The exit status is 1 when a finding is an "
            "error (the plan cannot measure something as it stands), else 0."
        ),
    )
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument(
        "--date",
        type=date.fromisoformat,
        metavar="YYYY-MM-DD",
        help="check the plan as it stands on this day (today)",
    )
    check.add_argument(
        "--rules",
        action=_Immediately,
        work=_print_rules,
        help="list every rule with its id, severity and reason, and stop",
    )
    check.set_defaults(run=_check)

    classify_parser = commands.top.add_parser(
        "classify",
        parents=[commands.db_after],
        help="label key results read from stdin as output, outcome or impact",
        description=(
            "Read one key result per line on stdin; print label<TAB>text per line "
            "(blank lines are skipped)."
        ),
    )
    classify_parser.add_argument(
        "--why", action="store_true", help="add a third column: the clues that decided"
    )
    _run_while_parsing(classify_parser, _classify)

    owner = commands.top.add_parser(
        "owner",
        parents=[commands.db_after],
        help="show or set whose plan this is",
        description=(
            "Without NAME, print the plan's owner. With NAME, make it the owner: the coach "
            "reviews the items owned by that person (or by nobody) and new missions and "
            "objectives are theirs unless given another owner. An empty NAME ('') unsets it."
        ),
    )
    owner.add_argument("name", nargs="?", metavar="NAME")
    owner.set_defaults(run=_owner)


# -- commands that need no plan -------------------------------------------------------------
#
# The CLI opens the plan before running a command, and refuses when there is none. These
# commands read no plan, so they run as soon as their arguments are parsed and end with
# SystemExit (as --help and --version do), which `okrdesk.cli.main` turns into the status.


class _Immediately(argparse.Action):
    """An option that does its work at once and stops, like --version."""

    def __init__(
        self, option_strings: Sequence[str], dest: str, work: Callable[[], int], **kw: Any
    ):
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kw)
        self.work = work

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> NoReturn:
        raise SystemExit(self.work())


def _run_while_parsing(
    parser: argparse.ArgumentParser, work: Callable[[argparse.Namespace], int]
) -> None:
    """Make ``parser`` run ``work`` on its arguments once they are parsed, then stop."""
    base = type(parser)

    class _Runs(base):  # type: ignore[valid-type,misc]
        def parse_known_args(  # type: ignore[override]
            self, args: Sequence[str] | None = None, namespace: Any = None
        ) -> NoReturn:
            parsed, rest = super().parse_known_args(args, namespace)
            if rest:
                self.error(f"unrecognized arguments: {' '.join(rest)}")
            raise SystemExit(work(parsed))

    parser.__class__ = _Runs


# -- check ----------------------------------------------------------------------------------


def _print_rules() -> int:
    rows = rules_table()
    width = max(len(rule_id) for rule_id, _, _ in rows)
    for rule_id, severity, reason in rows:
        print(f"{rule_id:<{width}}  {severity:<5}  {reason}")
    return EXIT_CLEAN


def finding_json(finding: Finding) -> dict[str, str]:
    return {
        "rule_id": finding.rule_id,
        "severity": finding.severity.value,
        "item_id": finding.item_id,
        "item_type": finding.item_type,
        "item_title": finding.item_title,
        "reason": finding.reason,
        "fix": finding.fix,
        "why": finding.why,
    }


def _by_severity(findings: Sequence[Finding]) -> list[Finding]:
    # Stable: within a severity the plan's own order (mission, objective, its key results).
    return sorted(findings, key=lambda f: SEVERITY_ORDER[f.severity])


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(result: Review) -> str:
    severities = [f.severity for f in result.findings]
    parts = [
        _count(severities.count(Severity.ERROR), "error"),
        _count(severities.count(Severity.WARN), "warning"),
        f"{severities.count(Severity.INFO)} info",
    ]
    dismissed = f"; {len(result.dismissed)} dismissed" if result.dismissed else ""
    value = result.plan_strength()
    strength = (
        message("Nothing of yours to check yet, so no plan strength.")
        if value is None
        else message("Plan strength {strength}.", strength=strength_text(value))
    )
    return f"{_count(len(result.findings), 'finding')} ({', '.join(parts)}){dismissed}. {strength}"


def _check(plan: PlanService, args: argparse.Namespace) -> int:
    result = review_plan(plan, args.date)
    findings = _by_severity(result.findings)
    if args.format == "json":
        print(json.dumps([finding_json(f) for f in findings], ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            where = f"{finding.item_type}: {finding.item_title}"
            print(f"{finding.severity.value:<5}  {finding.rule_id}  {where}")
            print(f"       {finding.reason}")
            print(f"       Fix: {finding.fix}")
        if findings:
            print()
        print(summary_line(result))
        for sentence in coverage_summary(result):
            print(sentence)
    has_errors = any(f.severity is Severity.ERROR for f in result.findings)
    return EXIT_ERRORS if has_errors else EXIT_CLEAN


# -- owner ----------------------------------------------------------------------------------


def _owner(plan: PlanService, args: argparse.Namespace) -> int:
    if args.name is None:
        owner = plan.owner()
        print(owner if owner else message("The plan has no owner yet."))
        return EXIT_CLEAN
    owner = plan.set_owner(args.name).owner
    print(
        message("The plan's owner is now {owner}.", owner=owner)
        if owner
        else message("The plan has no owner now.")
    )
    return EXIT_CLEAN


# -- classify -------------------------------------------------------------------------------


def _clean(text: str) -> str:
    # Tabs would shift the columns of the output.
    return " ".join(text.replace("\t", " ").split())


def _classify(args: argparse.Namespace) -> int:
    for line in sys.stdin:
        text = _clean(line)
        if not text:
            continue
        found = classify(text)
        row = [found.label.value, text]
        if args.why:
            row.append("; ".join(found.reasons))
        print("\t".join(row), flush=False)
    sys.stdout.flush()
    return EXIT_CLEAN
