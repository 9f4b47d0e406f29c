"""A plan file holds data, never code: its schema must be exactly the one okrdesk made.

SQLite keeps executable things in the file itself: a trigger runs on the next write (it
could delete missions, or copy a private note into a key result that goes out in a team
file), and a view with an INSTEAD OF trigger can stand where a table should be and swallow
writes. So before anything writes to a plan, its schema is compared with the schema the
revision it records should have; any trigger or view, any table, column, index or foreign
key okrdesk did not make, and any that is missing, refuses the file, which is left as it
was.

What is compared, per table: each column's name, declared type, NOT NULL, primary-key place
and whether it is generated; the indexes (the columns or expressions they cover, unique,
partial); the foreign keys; and that no CHECK constraint is declared. Column order and
defaults are not compared: ALTER TABLE decides them, so a migrated plan and a new plan
differ there, and a default is a constant that runs nothing.

The expected shape of the current revision comes from the declarative tables
(``okrdesk.store.schema``); that of an older revision from running the migrations up to it
in memory (a test checks that both routes agree for the current revision).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache

from okrdesk.domain.messages import Message, message
from okrdesk.domain.text import shorten

VERSION_TABLE = "alembic_version"
# Tables SQLite makes itself (ANALYZE's statistics): data, and never ours to refuse.
_SQLITE_OWN = re.compile(r"^sqlite_(stat\d|sequence)$")
_QUOTED = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|`[^`]*`|\[[^\]]*\]")
_CHECK = re.compile(r"\bCHECK\s*\(", re.IGNORECASE)

Column = tuple[str, str, bool, int, int]  # name, type, not null, pk place, hidden (generated)
Index = tuple[tuple[str, ...], bool, bool]  # columns (or "<expression>"), unique, partial
ForeignKey = tuple[str, str, str, str, str]  # from, table, to, on update, on delete


@dataclass(frozen=True)
class TableShape:
    columns: frozenset[Column]
    indexes: tuple[Index, ...]
    foreign_keys: frozenset[ForeignKey]
    has_check: bool


SchemaShape = dict[str, TableShape]


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _table_shape(connection: sqlite3.Connection, table: str, sql: str) -> TableShape:
    quoted = _quote(table)
    columns = frozenset(
        (str(row[1]), str(row[2]).upper(), bool(row[3]), int(row[5]), int(row[6]))
        for row in connection.execute(f"PRAGMA table_xinfo({quoted})")
    )
    indexes: list[Index] = []
    for row in connection.execute(f"PRAGMA index_list({quoted})"):
        name, unique, partial = str(row[1]), bool(row[2]), bool(row[4])
        covered = tuple(
            "<expression>" if info[1] == -2 else str(info[2])
            for info in connection.execute(f"PRAGMA index_xinfo({_quote(name)})")
            if info[5]  # key columns only, not the rowid every index carries
        )
        indexes.append((covered, unique, partial))
    foreign_keys = frozenset(
        (str(row[3]), str(row[2]), str(row[4]), str(row[5]), str(row[6]))
        for row in connection.execute(f"PRAGMA foreign_key_list({quoted})")
    )
    has_check = bool(_CHECK.search(_QUOTED.sub("''", sql or "")))
    return TableShape(columns, tuple(sorted(indexes)), foreign_keys, has_check)


@dataclass(frozen=True)
class FileSchema:
    tables: SchemaShape
    # (type, name) of every trigger and view.
    code: tuple[tuple[str, str], ...]


def read_schema(connection: sqlite3.Connection) -> FileSchema:
    """The shape of the database on ``connection`` (read only: PRAGMAs and sqlite_master)."""
    rows = connection.execute("SELECT type, name, sql FROM sqlite_master").fetchall()
    code = tuple(sorted((str(t), str(n)) for t, n, _sql in rows if t in ("trigger", "view")))
    tables = {
        str(name): _table_shape(connection, str(name), str(sql or ""))
        for kind, name, sql in rows
        if kind == "table" and not _SQLITE_OWN.match(str(name))
    }
    return FileSchema(tables, code)


def _shape_of_metadata() -> SchemaShape:
    from sqlalchemy import create_engine

    from okrdesk.store.schema import Base

    engine = create_engine("sqlite://")
    try:
        with engine.begin() as connection:
            Base.metadata.create_all(connection)
            connection.exec_driver_sql(
                f"CREATE TABLE {VERSION_TABLE} (version_num VARCHAR(32) NOT NULL, "
                f"CONSTRAINT {VERSION_TABLE}_pkc PRIMARY KEY (version_num))"
            )
            raw = connection.connection.dbapi_connection
            assert raw is not None
            return read_schema(raw).tables  # type: ignore[arg-type]
    finally:
        engine.dispose()


def _shape_of_revision(revision: str) -> SchemaShape:
    from sqlalchemy import create_engine

    from okrdesk.store.database import run_migrations

    engine = create_engine("sqlite://")
    try:
        run_migrations(engine, revision)
        with engine.connect() as connection:
            raw = connection.connection.dbapi_connection
            assert raw is not None
            return read_schema(raw).tables  # type: ignore[arg-type]
    finally:
        engine.dispose()


@lru_cache(maxsize=8)
def expected_schema(revision: str, head: str) -> SchemaShape:
    """The tables a plan recording ``revision`` must have (``head``: the current one)."""
    return _shape_of_metadata() if revision == head else _shape_of_revision(revision)


def _shown(name: str) -> str:
    return shorten(name, 40)


def schema_problem(found: FileSchema, expected: SchemaShape) -> Message | None:
    """One sentence saying what in ``found`` okrdesk did not make, or None when nothing."""
    if found.code:
        kind, name = found.code[0]
        return message("it holds a {kind} “{name}”", kind=kind, name=_shown(name))
    extra = sorted(set(found.tables) - set(expected))
    if extra:
        return message("it holds a table okrdesk does not make (“{name}”)", name=_shown(extra[0]))
    missing = sorted(set(expected) - set(found.tables))
    if missing:
        return message("its table “{name}” is missing", name=missing[0])
    for table in sorted(expected):
        problem = _table_problem(table, found.tables[table], expected[table])
        if problem is not None:
            return problem
    return None


def _table_problem(table: str, found: TableShape, expected: TableShape) -> Message | None:
    found_names = {c[0]: c for c in found.columns}
    expected_names = {c[0]: c for c in expected.columns}
    missing = sorted(set(expected_names) - set(found_names))
    if missing:
        return message(
            "the column “{column}” of its table “{table}” is missing",
            column=missing[0],
            table=table,
        )
    extra = sorted(set(found_names) - set(expected_names))
    if extra:
        return message(
            "its table “{table}” has a column okrdesk does not make (“{column}”)",
            table=table,
            column=_shown(extra[0]),
        )
    changed = sorted(name for name, column in found_names.items() if expected_names[name] != column)
    if changed:
        return message(
            "the column “{column}” of its table “{table}” is not declared as okrdesk declares it",
            column=changed[0],
            table=table,
        )
    if found.has_check and not expected.has_check:
        return message("its table “{table}” declares a CHECK constraint", table=table)
    if found.indexes != expected.indexes:
        return message("the indexes of its table “{table}” are not okrdesk's", table=table)
    if found.foreign_keys != expected.foreign_keys:
        return message("the references of its table “{table}” are not okrdesk's", table=table)
    return None
