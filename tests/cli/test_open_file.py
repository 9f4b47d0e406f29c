"""`okrdesk open [FILE]`, the command a double-click on a plan file runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from okrdesk.cli import build_parser


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["open", "My plan.okrdesk"], Path("My plan.okrdesk")),
        (["open"], None),
        (["--db", "a.okrdesk", "open"], Path("a.okrdesk")),
        (["open", "--db", "b.okrdesk"], Path("b.okrdesk")),
    ],
)
def test_open_means_the_window_on_the_file(argv: list[str], expected: Path | None) -> None:
    args = build_parser().parse_args(argv)
    # No command left: main() opens the window, on --db when there is one.
    assert args.command is None
    assert args.db == expected


def test_open_keeps_the_window_options() -> None:
    args = build_parser().parse_args(["--screenshot", "out.png", "open", "plan.okrdesk"])
    assert args.command is None
    assert args.screenshot == Path("out.png")
    assert args.db == Path("plan.okrdesk")


def test_other_commands_are_unchanged() -> None:
    assert build_parser().parse_args(["list"]).command == "list"
