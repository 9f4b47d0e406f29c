"""Pathological input never stalls the Markdown or CSV reader (issue 16, bounded imports).

Each case is about 100 KB built to hit what makes readers slow: runs of spaces inside a
heading or before a colon, lines as long as the line cap allows, deep nesting, thousands of
backticks, stars, brackets and parentheses. Every one must be read (or refused) within the
bound; a 6.5 MB file is refused before it is parsed.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
from collections.abc import Callable

import pytest

from okrdesk.domain.okr_csv import CsvFormatError, parse_okr_csv
from okrdesk.domain.okr_markdown import parse_okr_markdown
from okrdesk.domain.okr_parsed import MAX_ITEMS, MAX_LINE_CHARS, DocumentRefused

# "Within a second or two", on a shared two-core machine.
BOUND_SECONDS = 2.5
SIZE = 100_000


def repeated(line: str, head: str = "### Grow\n") -> str:
    return head + (line + "\n") * (SIZE // (len(line) + 1))


MARKDOWN = {
    "spaces inside a heading": repeated("#" + " " * 3000 + "a" + " " * 3000 + "b", head=""),
    "spaces before a label's colon": repeated("- KR" + " " * 3000 + ":" + " " * 900 + "x"),
    "one huge line": "### Grow\n- " + "word " * SIZE + "\n- KR: Sign 3 partners\n",
    "lines just under the cap": repeated("- " + "word " * (MAX_LINE_CHARS // 5 - 1)),
    "deep nesting": "".join(" " * (2 * (d % 60)) + "- **Team: x**\n" for d in range(1200)),
    "backticks": repeated("- " + "`a" * 1900),
    "asterisks and underscores": repeated("- KR: " + "*a _b **c " * 390),
    "brackets": repeated("- " + "[a](" * 950),
    "unclosed brackets": repeated("- " + "[" * 3900),
    "brackets just under the cap": repeated("- " + "[a " * 199),
    "images": repeated("- " + "![a](" * 780),
    "links": repeated("- [a](b) " * 400),
    "colons": repeated("- " + "A:" * 1900),
    "parentheses and grades": repeated("- x" + " (0.5" * 600 + ")"),
    "nested quotes": repeated(">" * 1000 + " x", head=""),
    "table cells": "| Objective | Key result |\n|---|---|\n" + ("| **a" * 3000 + " | b |\n") * 6,
}


def timed(read: Callable[[], object]) -> float:
    """The processor time ``read`` took: what a runaway pattern costs, which a shared,
    loaded machine does not inflate the way it does the time on the clock."""
    started = time.process_time()
    with contextlib.suppress(DocumentRefused):
        read()
    return time.process_time() - started


@pytest.mark.parametrize("name", list(MARKDOWN))
def test_markdown_reader_finishes_quickly(name: str) -> None:
    text = MARKDOWN[name]
    assert 50_000 < len(text) <= 6 * SIZE
    assert timed(lambda: parse_okr_markdown(text)) < BOUND_SECONDS


def test_a_huge_line_is_skipped_and_the_rest_read() -> None:
    document = parse_okr_markdown(MARKDOWN["one huge line"])
    assert [kr.text for kr in document.objectives[0].key_results] == ["Sign 3 partners"]
    assert document.not_understood[0].reason == f"a line of {5 * SIZE + 2} characters, skipped"


def test_a_line_of_thousands_of_brackets_is_skipped_and_listed() -> None:
    document = parse_okr_markdown("### Grow\n- " + "[" * 5000 + "\n- Sign 3 partners\n")
    assert [kr.text for kr in document.objectives[0].key_results] == ["Sign 3 partners"]
    assert document.not_understood[0].reason == "a line with 5000 brackets, skipped"
    many = parse_okr_markdown(MARKDOWN["brackets just under the cap"])
    assert any(e.reason.startswith("a line with 199 brackets") for e in many.not_understood)


def test_a_file_of_six_and_a_half_megabytes_is_refused_at_once() -> None:
    text = ("### Objective\n- KR: Publish 3 posts about " + "x " * 30 + "\n") * 60_000
    assert len(text) > 6_000_000
    started = time.process_time()
    with pytest.raises(DocumentRefused, match="at most 1,000,000"):
        parse_okr_markdown(text)
    assert time.process_time() - started < BOUND_SECONDS


def test_more_items_than_the_cap_are_refused() -> None:
    with pytest.raises(DocumentRefused, match=f"at most {MAX_ITEMS:,} objectives"):
        parse_okr_markdown("### Grow\n" + "- KR: x\n" * (MAX_ITEMS + 1))


CSV = {
    "spaces before a colon": "objective,key result\n" + ("Grow,KR" + " " * 3000 + ":x\n") * 30,
    "asterisks": "objective,key result\n" + ("Grow,KR: " + "*a _b " * 600 + "\n") * 25,
    "brackets": "objective,key result\n" + ("Grow,x " + "[a](" * 900 + "\n") * 25,
    "parentheses": "objective,key result\n" + ("Grow,x" + " (0.5" * 700 + ")\n") * 25,
    "many rows": "objective,key result\n" + "Grow,Publish 3 posts (0.5)\n" * 3500,
}


@pytest.mark.parametrize("name", list(CSV))
def test_csv_reader_finishes_quickly(name: str) -> None:
    text = CSV[name]
    assert len(text) > 50_000
    assert timed(lambda: parse_okr_csv(text)) < BOUND_SECONDS


def test_csv_caps_rows_and_cells() -> None:
    with pytest.raises(CsvFormatError, match=f"more than {MAX_ITEMS} rows"):
        parse_okr_csv("objective,key result\n" + "Grow,Publish\n" * (MAX_ITEMS + 2))
    document = parse_okr_csv(
        "objective,key result\nGrow," + "a" * (MAX_LINE_CHARS + 1) + "\nGrow,Publish 3 posts\n"
    )
    assert [kr.text for kr in document.objectives[0].key_results] == ["Publish 3 posts"]
    assert "longer than" in document.not_understood[0].reason


def test_the_markdown_parser_is_not_loaded_at_start_up() -> None:
    code = (
        "import sys, okrdesk.cli, okrdesk.services.okr_import, okrdesk.services.team; "
        "okrdesk.cli.build_parser(); print('markdown_it' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
