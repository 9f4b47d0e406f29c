"""Finding the stored values okrdesk cannot use as they are, with SQL (one scan per table).

What the safe column types (``safe_types``) read as a fallback is found here too, by the
same rules: an unknown enum value, text or binary data in a number or text column, a day
that is no day. So are values that read fine yet lie outside what okrdesk accepts as input
(a day outside 1900–2200, a number beyond ±10^15) and references to items that are not in
the plan (a file written with foreign keys off). Each finding names its item and field;
``services.repairs`` turns them into sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, Table
from sqlalchemy.orm import Session

from okrdesk.domain.entities import Item
from okrdesk.domain.validation import DATE_MAX, DATE_MIN, MAX_MAGNITUDE
from okrdesk.store.mapping import ROW_TYPES, table_of
from okrdesk.store.safe_types import (
    SafeDate,
    SafeDateTime,
    SafeEnum,
    SafeFloat,
    SafeInteger,
    SafeString,
    SafeText,
)


class Problem(StrEnum):
    UNKNOWN_WORD = "unknown word"
    NOT_A_NUMBER = "not a number"
    OUT_OF_RANGE = "out of range"
    NOT_A_DAY = "not a day"
    OUTSIDE_WINDOW = "outside the window"
    NOT_TEXT = "not text"
    DANGLING = "dangling reference"


@dataclass(frozen=True)
class Finding:
    item_type: type[Item]
    item_id: str
    field: str
    problem: Problem
    # The value as stored (for a dangling reference: the id it names).
    raw: Any
    # What reading makes of it (the field's fallback, or the value itself when it reads).
    read_as: Any


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _day_checks(col: str) -> tuple[tuple[str, Problem], ...]:
    return (
        (
            f"{col} IS NOT NULL AND (typeof({col}) != 'text' OR date({col}) IS NULL "
            f"OR date({col}) != substr({col}, 1, 10))",
            Problem.NOT_A_DAY,
        ),
        (
            f"date({col}) IS NOT NULL AND (date({col}) < '{DATE_MIN.isoformat()}' "
            f"OR date({col}) > '{DATE_MAX.isoformat()}')",
            Problem.OUTSIDE_WINDOW,
        ),
    )


def _checks(column: Column[Any]) -> tuple[tuple[str, Problem], ...]:
    """(SQL condition true for a bad value, what is wrong) for one column."""
    col = _quoted(column.name)
    kind = column.type
    if isinstance(kind, SafeEnum):
        words = ", ".join("'" + m.value.replace("'", "''") + "'" for m in kind.enum)
        return ((f"{col} IS NOT NULL AND {col} NOT IN ({words})", Problem.UNKNOWN_WORD),)
    if isinstance(kind, SafeFloat):
        return (
            (f"typeof({col}) NOT IN ('integer', 'real', 'null')", Problem.NOT_A_NUMBER),
            (
                f"typeof({col}) IN ('integer', 'real') AND abs({col}) > {MAX_MAGNITUDE:.0f}",
                Problem.OUT_OF_RANGE,
            ),
        )
    if isinstance(kind, SafeInteger):
        return ((f"typeof({col}) NOT IN ('integer', 'null')", Problem.NOT_A_NUMBER),)
    if isinstance(kind, SafeDate | SafeDateTime):
        return _day_checks(col)
    if isinstance(kind, SafeString | SafeText):
        return ((f"typeof({col}) NOT IN ('text', 'null')", Problem.NOT_TEXT),)
    return ()


def _read_as(column: Column[Any], raw: Any) -> Any:
    processor = column.type.dialect_impl(_DIALECT).result_processor(_DIALECT, None)
    return raw if processor is None else processor(raw)


def _scan_table(session: Session, cls: type[Item], table: Table) -> list[Finding]:
    checks = [
        (column, sql, problem) for column in table.columns for sql, problem in _checks(column)
    ]
    if not checks:
        return []
    flags = ", ".join(f"({sql})" for _column, sql, _problem in checks)
    raws = ", ".join(_quoted(column.name) for column, _sql, _problem in checks)
    where = " OR ".join(f"({sql})" for _column, sql, _problem in checks)
    query = f"SELECT id, {flags}, {raws} FROM {_quoted(table.name)} WHERE {where}"
    found: list[Finding] = []
    for row in session.connection().exec_driver_sql(query):
        item_id, values = row[0], row[1:]
        for index, (column, _sql, problem) in enumerate(checks):
            if values[index]:
                raw = values[len(checks) + index]
                read_as = _read_as(column, raw)
                found.append(Finding(cls, str(item_id), column.name, problem, raw, read_as))
    return found


def _dangling(session: Session) -> list[Finding]:
    by_table = {table_of(cls).name: cls for cls in ROW_TYPES}
    connection = session.connection()
    found: list[Finding] = []
    for table, rowid, parent, key_index in connection.exec_driver_sql("PRAGMA foreign_key_check"):
        cls = by_table.get(table)
        if cls is None:
            continue
        keys = connection.exec_driver_sql(f"PRAGMA foreign_key_list({_quoted(table)})").fetchall()
        field = next((str(k[3]) for k in keys if k[0] == key_index), "")
        row = connection.exec_driver_sql(
            f"SELECT id, {_quoted(field)} FROM {_quoted(table)} WHERE rowid = ?", (rowid,)
        ).fetchone()
        if row is not None:
            found.append(Finding(cls, str(row[0]), field, Problem.DANGLING, row[1], parent))
    # In table order, as the other findings: SQLite lists tables in the order they were made,
    # which an upgrade changes.
    order = {cls: index for index, cls in enumerate(ROW_TYPES)}
    return sorted(found, key=lambda finding: order[finding.item_type])


def find_problems(session: Session) -> list[Finding]:
    """Every stored value of the plan that is unreadable, outside okrdesk's windows, or a
    reference to nothing; in table order, then as SQLite returns them."""
    found: list[Finding] = []
    for cls in ROW_TYPES:
        found += _scan_table(session, cls, table_of(cls))
    return found + _dangling(session)


def _sqlite_dialect() -> Any:
    from sqlalchemy.dialects import sqlite

    return sqlite.dialect()


_DIALECT = _sqlite_dialect()
