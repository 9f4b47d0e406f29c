"""A week's check-ins from a CSV file (a spreadsheet's export, a metrics job's output):
one row per check-in with the key result (its id or its title), the date, the value, the
confidence and a note.

The file is read and checked whole first; any bad row refuses it all, with one line per
bad row, and nothing is written. Otherwise every check-in goes in in one transaction.

Columns, in this order (a header row naming them is allowed and skipped):
``key result, date, value, confidence, note``. The confidence and the note may be empty
(or left out); the date is YYYY-MM-DD; a milestone's value may be ``done`` / ``not done``.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from okrdesk.domain.confidence import parse_confidence
from okrdesk.domain.entities import CheckIn, KeyResult
from okrdesk.domain.enums import KeyResultKind
from okrdesk.domain.messages import Message, message
from okrdesk.domain.validation import ValidationError, coerce, validate
from okrdesk.services import files
from okrdesk.services.errors import ImportRefused
from okrdesk.services.plan import PlanService

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 10_000
# Bad rows named one by one before "and N more".
MAX_LINES = 50
HEADER_WORDS = frozenset({"key result", "key_result", "kr", "id", "key result id"})
DONE_WORDS = {"done": "1", "yes": "1", "not done": "0", "no": "0"}


class CsvRefused(ImportRefused):
    """The file was refused whole: one sentence per bad row in ``lines``."""

    def __init__(self, name: str, lines: tuple[Message, ...]) -> None:
        super().__init__(
            message("{name} was refused: {count} bad rows.", name=name, count=len(lines))
        )
        self.name = name
        self.lines = lines


def _find(key_results: list[KeyResult], typed: str) -> KeyResult | str:
    """The key result with that id, else the one with that title (any case); a sentence
    saying why not otherwise."""
    for kr in key_results:
        if kr.id == typed:
            return kr
    wanted = typed.strip().casefold()
    if not wanted:
        return message("the key result is missing")
    found = [kr for kr in key_results if kr.title.strip().casefold() == wanted]
    if len(found) == 1:
        return found[0]
    if found:
        return message(
            "{count} key results are titled “{title}”; give the id", count=len(found), title=typed
        )
    return message("no key result has the id or title “{title}”", title=typed)


def _check_in(key_results: list[KeyResult], cells: list[str]) -> CheckIn:
    """One row as a check-in; ValidationError with the sentence for the row otherwise."""
    if len(cells) < 3 or len(cells) > 5:
        raise ValidationError(
            "row", message("expected 3 to 5 columns, found {count}", count=len(cells))
        )
    typed, day, value, *rest = [cell.strip() for cell in cells]
    found = _find(key_results, typed)
    if isinstance(found, str):
        raise ValidationError("key result", found)
    if found.kind is KeyResultKind.MILESTONE:
        value = DONE_WORDS.get(value.casefold(), value)
    if not day:
        raise ValidationError("date", message("the date is missing (YYYY-MM-DD)"))
    if not value:
        raise ValidationError("value", message("the value is missing"))
    confidence = parse_confidence(rest[0]) if rest else None
    fields = coerce(
        CheckIn, {"date": day, "value": value, "note": rest[1] if len(rest) > 1 else ""}
    )
    record = CheckIn(key_result_id=found.id, confidence=confidence, **fields)
    validate(record)
    return record


def _rows(data: bytes, name: str) -> list[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportRefused(message("{name} is not UTF-8 text.", name=name)) from None
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as error:
        raise ImportRefused(
            message("{name} is not valid CSV: {error}", name=name, error=error)
        ) from None
    numbered = [(n, row) for n, row in enumerate(rows, start=1) if any(c.strip() for c in row)]
    if numbered and numbered[0][1][0].strip().casefold() in HEADER_WORDS:
        numbered = numbered[1:]
    if not numbered:
        raise ImportRefused(message("{name} holds no check-ins.", name=name))
    if len(numbered) > MAX_ROWS:
        raise ImportRefused(
            message("{name} holds {count:,} rows; at most {limit:,} at once.", name=name,
                    count=len(numbered), limit=MAX_ROWS)
        )  # fmt: skip
    return numbered


def read_check_ins(plan: PlanService, data: bytes, name: str) -> list[CheckIn]:
    """Every row as a check-in, or CsvRefused naming each bad row; writes nothing."""
    key_results = plan.all(KeyResult)
    records: list[CheckIn] = []
    bad: list[Message] = []
    for number, cells in _rows(data, name):
        try:
            records.append(_check_in(key_results, cells))
        except ValidationError as error:
            bad.append(message("row {row}: {problem}", row=number, problem=error.message))
    if bad:
        shown = bad[:MAX_LINES]
        if len(bad) > MAX_LINES:
            shown.append(message("and {count} more bad rows", count=len(bad) - MAX_LINES))
        raise CsvRefused(name, tuple(shown))
    return records


def import_check_ins(plan: PlanService, path: Path) -> list[CheckIn]:
    """Read ``path`` whole and add its check-ins in one transaction (all or none)."""
    path = Path(path)
    records = read_check_ins(plan, files.read_capped(path, MAX_FILE_BYTES), path.name)
    plan.add_all(records, validated=True)
    return records
