"""What a reader of published OKRs (Markdown, CSV) finds: plain data, nothing stored yet.

Both readers are tolerant by item and strict by file: an item they cannot read is left out
and listed (``NotUnderstood``, with its line and why); a file is refused
(``DocumentRefused``) only when it is not an OKR document at all: over the caps below, or
without a single objective (the importer says that one).
"""

from __future__ import annotations

from dataclasses import dataclass

from okrdesk.domain.text import shorten

# Caps against hostile or mistaken files (the byte cap is the import service's, 10 MB). A
# line longer than MAX_LINE_CHARS is skipped and reported; more than MAX_ITEMS objectives
# and key results (or lines that could be: list items, headings, table rows, CSV rows), or
# a Markdown text over MAX_MARKDOWN_CHARS, refuse the file. GitLab's whole company quarter
# (138 objectives, 336 key results, 474 such lines) is 67 KB; the cap is ten times that and
# keeps the slowest file within about a second (markdown-it reads ~8,000 list items a
# second here). A team file (``services.team``) may hold more: it is not read line by line.
MAX_LINE_CHARS = 20_000
MAX_ITEMS = 5_000
MAX_MARKDOWN_CHARS = 1_000_000


class DocumentRefused(ValueError):
    """The file is not an OKR document this reader can take (said in one sentence)."""


@dataclass(frozen=True)
class ParsedKeyResult:
    text: str
    line: int
    owner: str = ""
    priority: str = ""
    # An after-the-fact note split off the text ("DONE", "Achieved. Received 26 locations.").
    status: str = ""
    # An end-of-cycle grade written beside it (0.0-1.0), never a target.
    grade: float | None = None
    # Stated in separate table or CSV columns, as written (numbers are read by the importer).
    target_text: str = ""
    baseline_text: str = ""
    unit_text: str = ""


@dataclass(frozen=True)
class ParsedObjective:
    title: str
    line: int
    owner: str = ""
    priority: str = ""
    status: str = ""
    grade: float | None = None
    # A paragraph written under the objective's heading, kept as its "why".
    description: str = ""
    # Index in ParsedDocument.objectives of the objective this one is nested under.
    parent: int | None = None
    # The cycle its section names ("2019-Q3", or as written when it has no year: "Q2").
    cycle: str = ""
    key_results: tuple[ParsedKeyResult, ...] = ()


@dataclass(frozen=True)
class NotUnderstood:
    """Lines ``line``..``last_line`` were not taken as objectives or key results."""

    line: int
    last_line: int
    text: str
    reason: str

    def describe(self) -> str:
        where = (
            f"line {self.line}"
            if self.line == self.last_line
            else f"lines {self.line}–{self.last_line}"
        )
        return f"{where}: {self.reason}: “{self.text}”" if self.text else f"{where}: {self.reason}"


@dataclass(frozen=True)
class ParsedDocument:
    title: str
    # The cycle most objectives are in, normalised ("FY21-Q1"), or "" when it names none.
    cycle: str
    objectives: tuple[ParsedObjective, ...]
    not_understood: tuple[NotUnderstood, ...]

    @property
    def key_result_count(self) -> int:
        return sum(len(o.key_results) for o in self.objectives)


def excerpt(text: str, limit: int = 100) -> str:
    return shorten(text, limit)


def merge_runs(entries: list[NotUnderstood]) -> list[NotUnderstood]:
    """Neighbouring lines skipped for the same reason become one entry (no flooding)."""
    merged: list[NotUnderstood] = []
    count = 1
    for entry in sorted(entries, key=lambda e: e.line):
        last = merged[-1] if merged else None
        same_reason = last is not None and last.reason.split(" (")[0] == entry.reason
        if last is not None and same_reason and entry.line <= last.last_line + 2:
            count += 1
            merged[-1] = NotUnderstood(
                last.line,
                max(last.last_line, entry.last_line),
                last.text,
                f"{entry.reason} ({count} in a row)",
            )
        else:
            count = 1
            merged.append(entry)
    return merged


def most_common(names: list[str]) -> str:
    counts: dict[str, int] = {}
    for name in names:
        if name:
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda n: counts[n]) if counts else ""
