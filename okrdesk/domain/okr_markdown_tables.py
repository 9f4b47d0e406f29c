"""The tables OKRs are published in: which column holds what, and one row's key result.

Columns are known by their header ("Objective", "Key result", "Owner", "Priority", "Target",
"Baseline", "Unit", "Score"); an objective title may end with its owners in parentheses
("Research is projecting the future (David)").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from okrdesk.domain.okr_markdown_blocks import Line
from okrdesk.domain.okr_parsed import ParsedKeyResult
from okrdesk.domain.okr_text import read_item, tidy

_NAMES_IN_PARENS_RE = re.compile(
    r"\s\((?P<names>[A-Z][a-z]{1,20}(?:(?:,\s?|\s?&\s?|\sand\s)[A-Z][a-z]{1,20}){0,6})\)$"
)
ROW_NUMBERING_RE = re.compile(r"^\s{0,3}(?:\d{1,3}(?:\.\d{1,3}){0,3}[.)]?|[A-Za-z][.)])\s(?=\S)")


def table_key_result(
    text: Line, line: int, cells: list[Line], roles: dict[str, int]
) -> ParsedKeyResult:
    reading = read_item(text.text, text.bold)

    def cell(role: str) -> str:
        return cells[roles[role]].text if role in roles else ""

    grade_text = cell("grade")
    grade = (
        float(grade_text)
        if re.fullmatch(r"0(?:\.\d{1,3})?|1(?:\.0{1,3})?|\.\d{1,3}", grade_text)
        else reading.grade
    )
    return ParsedKeyResult(
        text=reading.text,
        line=line,
        owner=cell("owner") or reading.owner,
        priority=cell("priority").upper() or reading.priority,
        status=reading.status,
        grade=grade,
        target_text=cell("target"),
        baseline_text=cell("baseline"),
        unit_text=cell("unit"),
    )


_COLUMN_PATTERNS: dict[str, Callable[[str], bool]] = {
    role: re.compile(pattern).fullmatch  # type: ignore[misc]
    for role, pattern in {
        "objective": r"objectives?|goals?|o",
        "key result": r"key ?results?|krs?|results?|key result.{0,40}",
        "owner": r"owners?|dri|leads?|who|assignees?|responsible",
        "priority": r"priority|prio|p",
        "target": r"targets?|target value|goal value",
        "baseline": r"baseline|start(?:ing)?(?: value)?|current(?: value)?|from",
        "unit": r"units?",
        "grade": r"score|grade|final score|end-?q(?:uarter)?(?: score| grade)?",
    }.items()
}


def column_roles(header: list[str]) -> dict[str, int]:
    roles: dict[str, int] = {}
    for index, name in enumerate(header):
        for role, matches in _COLUMN_PATTERNS.items():
            if role not in roles and matches(name):
                roles[role] = index
                break
    return roles


def title_only(text: str) -> str:
    return title_and_names(read_item(ROW_NUMBERING_RE.sub("", text, count=1)).text)[0]


def title_and_names(text: str) -> tuple[str, str]:
    """("Research is projecting…", "David") for "Research is projecting… (David)"."""
    match = _NAMES_IN_PARENS_RE.search(text)
    if match is None:
        return text, ""
    return tidy(text[: match.start()]), match.group("names")
