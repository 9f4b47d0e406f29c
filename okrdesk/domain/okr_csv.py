"""Reading OKRs from a spreadsheet exported as CSV.

The expected header row names the columns ``objective``, ``key result``, ``owner``, ``cycle``,
``target`` and ``unit`` (``baseline`` too, if present), in any order, in any case, with any
spacing or underscores ("Key_Result", " KEY RESULT "). A file with other headers is read
with a ``column_map`` from our field names to its headers ({"objective": "Goal",
"key result": "Measure"}), which is what the GUI's mapping dialog passes;
``guess_column_map`` proposes one for that dialog.

A row with an empty objective cell belongs to the objective of the row above (spreadsheets
often write an objective once over several key results). Rows that cannot be placed are
reported, with their line numbers, in the same ``NotUnderstood`` form as the Markdown reader.
A key result's cell is read like a Markdown line (``okr_text``): an owner, a grade or a
status note written into it become fields of their own.

Caps (``okr_parsed``): a file of more than ``MAX_ITEMS`` rows is refused; a cell longer than
``MAX_LINE_CHARS`` is skipped and reported.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from okrdesk.domain.messages import message
from okrdesk.domain.okr_cycles import normalise_cycle_name
from okrdesk.domain.okr_parsed import (
    MAX_ITEMS,
    MAX_LINE_CHARS,
    DocumentRefused,
    NotUnderstood,
    ParsedDocument,
    ParsedKeyResult,
    ParsedObjective,
    most_common,
)
from okrdesk.domain.okr_text import EMPTY, TOO_LONG, ItemReading, read_item, tidy
from okrdesk.domain.text import shorten

FIELDS: tuple[str, ...] = (
    "objective",
    "key result",
    "owner",
    "cycle",
    "target",
    "unit",
    "baseline",
)
REQUIRED: tuple[str, ...] = ("objective", "key result")

# Other names people give these columns; used only to guess a map for the dialog.
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "objective": ("objectives", "goal", "goals", "o", "objective title"),
    "key result": ("key results", "kr", "krs", "result", "measure", "metric", "kr title"),
    "owner": ("owners", "dri", "lead", "assignee", "responsible", "who", "team"),
    "cycle": ("quarter", "period", "cycle name", "timeframe"),
    "target": ("goal value", "target value", "to"),
    "unit": ("units", "measure unit", "uom"),
    "baseline": ("start", "starting value", "current", "current value", "from"),
}


class CsvFormatError(DocumentRefused):
    """The file is not a CSV this reader can use (said in one sentence)."""


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_LINK_RE = re.compile(r"\[([^\[\]\n]{0,500})\]\([^()\s]{0,2000}\)")
_EMPHASIS_RE = re.compile(r"\*\*|__|~~")


def clean_text(text: str) -> str:
    """A cell as plain text: Markdown links keep their text, bold and strike marks go."""
    return tidy(_EMPHASIS_RE.sub("", _LINK_RE.sub(lambda m: m.group(1), text)))


def normalise_header(name: str) -> str:
    """'  Key_Result ' -> 'key result'."""
    return re.sub(r"[\s_\-]+", " ", name.replace("\ufeff", "")).strip().lower()


def read_rows(text: str) -> list[list[str]]:
    """The file's rows as lists of cells, the delimiter sniffed (comma, semicolon or tab)."""
    sample = text[:8192]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows: list[list[str]] = []
        for row in csv.reader(io.StringIO(text), dialect):
            rows.append(row)
            if len(rows) > MAX_ITEMS + 1:
                raise CsvFormatError(
                    message("The file has more than {limit} rows.", limit=MAX_ITEMS)
                )
        return rows
    except csv.Error as error:
        if "field limit" in str(error):
            raise CsvFormatError(
                message(
                    "The file has a cell longer than {limit:,} characters: it is no "
                    "spreadsheet of OKRs.",
                    limit=csv.field_size_limit(),
                )
            ) from None
        raise CsvFormatError(f"The file is not valid CSV ({error}).") from None


def csv_headers(text: str) -> list[str]:
    """The header row as written, for a mapping dialog."""
    rows = read_rows(text)
    return [cell.strip() for cell in rows[0]] if rows else []


def guess_column_map(headers: list[str]) -> dict[str, str]:
    """Our field -> the header that most likely holds it (fields with no match are left out)."""
    guessed: dict[str, str] = {}
    normalised = {normalise_header(h): h for h in headers}
    for name in FIELDS:
        for candidate in (name, *_SYNONYMS[name]):
            if candidate in normalised and normalised[candidate] not in guessed.values():
                guessed[name] = normalised[candidate]
                break
    return guessed


def parse_okr_csv(text: str, column_map: Mapping[str, str] | None = None) -> ParsedDocument:
    """Objectives and key results from CSV text.

    ``column_map`` maps field names (see ``FIELDS``; "key_result" is accepted too) to the
    file's headers; fields it leaves out are matched by name.
    """
    rows = read_rows(text)
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise CsvFormatError("The file has no header row.")
    columns = _columns(rows[0], column_map or {})
    sheet = _Sheet()
    for number, row in enumerate(rows[1:], start=2):
        sheet.read_row(number, row, columns)
    return sheet.document()


@dataclass
class _Sheet:
    """The objectives read so far, each with its key results, and the rows skipped."""

    objectives: list[ParsedObjective] = field(default_factory=list)
    key_results: list[list[ParsedKeyResult]] = field(default_factory=list)
    skipped: list[NotUnderstood] = field(default_factory=list)
    # The objective of the last row that named one: a row with an empty objective cell
    # belongs to it.
    current: int | None = None

    def skip(self, number: int, text: str, reason: str) -> None:
        self.skipped.append(NotUnderstood(number, number, text, reason))

    def read_row(self, number: int, row: list[str], columns: dict[str, int]) -> None:
        cells = {name: _cell(row, index) for name, index in columns.items()}
        if not any(cell.strip() for cell in row):
            return
        if any(len(cell) > MAX_LINE_CHARS for cell in row):
            reason = f"a cell longer than {MAX_LINE_CHARS} characters, row skipped"
            self.skip(number, _row_text(row), reason)
            return
        objective_title = clean_text(cells.get("objective", ""))
        if objective_title:
            self.current = _find_or_add(
                self.objectives, self.key_results, objective_title, cells, number
            )
        reading = read_item(clean_text(cells.get("key result", "")))
        if reading.kind == TOO_LONG:
            self.skip(number, reading.text, "a key result too long to read")
            return
        kr_text = "" if reading.kind == EMPTY else reading.text
        if not kr_text:
            if not objective_title:
                self.skip(number, _row_text(row), "a row with neither objective nor key result")
            return
        if self.current is None:
            reason = "a key result with no objective (the objective column is empty)"
            self.skip(number, kr_text, reason)
            return
        self.key_results[self.current].append(_key_result(kr_text, reading, cells, number))

    def document(self) -> ParsedDocument:
        finished = tuple(
            ParsedObjective(
                title=o.title,
                line=o.line,
                owner=o.owner,
                cycle=o.cycle,
                key_results=tuple(self.key_results[i]),
            )
            for i, o in enumerate(self.objectives)
        )
        return ParsedDocument(
            title="",
            cycle=most_common([o.cycle for o in finished]),
            objectives=finished,
            not_understood=tuple(self.skipped),
        )


def _key_result(
    kr_text: str, reading: ItemReading, cells: dict[str, str], number: int
) -> ParsedKeyResult:
    """A row's key result: its own owner column wins over an owner written in the cell."""
    return ParsedKeyResult(
        text=kr_text,
        line=number,
        owner=clean_text(cells.get("owner", "")) or reading.owner,
        priority=reading.priority,
        status=reading.status,
        grade=reading.grade,
        target_text=cells.get("target", "").strip(),
        baseline_text=cells.get("baseline", "").strip(),
        unit_text=cells.get("unit", "").strip(),
    )


def _columns(header: list[str], column_map: Mapping[str, str]) -> dict[str, int]:
    """Field name -> column index, from the map first and the header names after."""
    positions = {normalise_header(h): i for i, h in enumerate(header) if h.strip()}
    columns: dict[str, int] = {}
    for field_name, header_name in column_map.items():
        name = normalise_header(field_name)
        if name not in FIELDS:
            known = ", ".join(FIELDS)
            raise CsvFormatError(f"“{field_name}” is not a field okrdesk reads (it reads {known}).")
        if not header_name:
            continue
        if normalise_header(header_name) not in positions:
            raise CsvFormatError(f"The file has no column “{header_name}”.")
        columns[name] = positions[normalise_header(header_name)]
    for name in FIELDS:
        if name not in columns and name in positions:
            columns[name] = positions[name]
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        found = ", ".join(h.strip() for h in header if h.strip())
        raise CsvFormatError(
            f"The file has no “{missing[0]}” column (its columns are: {found}). "
            "Say which column holds it."
        )
    return columns


def _find_or_add(
    objectives: list[ParsedObjective],
    key_results: list[list[ParsedKeyResult]],
    title: str,
    cells: dict[str, str],
    number: int,
) -> int:
    cycle = normalise_cycle_name(cells.get("cycle", "")) or cells.get("cycle", "").strip()
    owner = clean_text(cells.get("owner", ""))
    for index, objective in enumerate(objectives):
        if objective.title == title and objective.cycle == cycle:
            return index
    objectives.append(ParsedObjective(title=title, line=number, owner=owner, cycle=cycle))
    key_results.append([])
    return len(objectives) - 1


def _cell(row: list[str], index: int) -> str:
    """The cell, without the apostrophe that keeps a spreadsheet from running "=…"."""
    cell = row[index] if index < len(row) else ""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in _FORMULA_START else cell


def _row_text(row: list[str]) -> str:
    text = " | ".join(cell.strip() for cell in row if cell.strip())
    return shorten(text, 100)
