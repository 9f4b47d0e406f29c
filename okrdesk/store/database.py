"""Opening a plan file: checks, SQLite settings, schema creation and upgrades.

SQLite settings, set on every connection:

- ``journal_mode=WAL``: readers never block the writer, and a killed process leaves a
  consistent file (the WAL is replayed or discarded on the next open).
- ``synchronous=FULL``: every commit is on disk before the call returns, so an edit the
  app has shown as saved survives a power cut, not only a crash. The cost is one fsync
  per edit, which a person's typing never notices.
- ``foreign_keys=ON``: the database itself refuses dangling references.
- ``busy_timeout=5000``: a second process waits for a lock instead of failing at once.

A file is inspected read-only before anything writes to it, so a file that is refused is
left byte-for-byte as it was.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from okrdesk.domain.messages import message
from okrdesk.store import revisions
from okrdesk.store.schema import Base
from okrdesk.store.schema_check import expected_schema, read_schema, schema_problem

# Kept in a module of their own (standard library only, for the first window), named here
# too for the code that knows them from here.
REVISIONS = revisions.REVISIONS
HEAD = revisions.HEAD
VERSION_TABLE = revisions.VERSION_TABLE
SQLITE_HEADER = revisions.SQLITE_HEADER
APPLICATION_ID = revisions.APPLICATION_ID
_APPLICATION_ID_OFFSET = 68
MIGRATIONS = Path(__file__).with_name("migrations")


class PlanFileError(Exception):
    """A plan file that cannot be opened, with one sentence saying why."""


@dataclass
class Database:
    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    # Goes up with every statement that writes, whoever runs it: a cache of something
    # computed from the plan is good while the revision it was computed at still holds.
    revision: int = 0
    _readers: sessionmaker[Session] | None = None
    _table_writes: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        event.listen(self.engine, "after_cursor_execute", self._count_writes)

    def _count_writes(self, *args: Any) -> None:
        context = args[4]
        if context is not None and (context.isinsert or context.isupdate or context.isdelete):
            self.revision += 1
            table = getattr(getattr(context.compiled, "statement", None), "table", None)
            name = getattr(table, "name", None)
            key = name if isinstance(name, str) else ""
            self._table_writes[key] = self._table_writes.get(key, 0) + 1

    def continue_revisions(self, previous: Database) -> None:
        """Count on from ``previous`` (the same file, reopened with other content): every
        revision, of the plan and of each table, must differ from any seen before."""
        self.revision = previous.revision + 1
        self._table_writes = dict(previous._table_writes)
        self._table_writes[""] = self._table_writes.get("", 0) + 1

    def table_revision(self, table: str) -> tuple[int, int]:
        """Like ``revision``, for one table: it changes with every write to ``table``
        (and with any write whose table is not known)."""
        return self._table_writes.get(table, 0), self._table_writes.get("", 0)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: committed as a whole when the block ends, else rolled back."""
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only look at one consistent state of the plan. It takes no write lock, so
        reading (the coach in the background, say) never holds up a write, nor waits for
        one: WAL readers see the last commit."""
        if self._readers is None:
            self._readers = sessionmaker(make_engine(self.path, begin="BEGIN"))
        with self._readers.begin() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
        if self._readers is not None:
            bind = self._readers.kw["bind"]
            bind.dispose()


def _set_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Transactions are begun explicitly below, so the driver must not begin its own.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def make_engine(path: Path, begin: str = "BEGIN IMMEDIATE") -> Engine:
    """An engine on the plan. Its transactions start with ``begin``: by default they take
    the write lock at once, so a read-modify-write (renumbering siblings, say) cannot
    interleave with another process's write."""
    engine = create_engine(f"sqlite:///{path}")
    event.listen(engine, "connect", _set_pragmas)
    event.listen(engine, "begin", lambda connection: connection.exec_driver_sql(begin))
    return engine


@dataclass(frozen=True)
class FileFacts:
    """What a read-only look at a file found."""

    empty: bool
    revision: str | None
    has_tables: bool


def create_private_file(path: Path) -> None:
    """Create ``path`` empty and readable by its owner only (plans hold private notes);
    never through a symbolic link, never over an existing file."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | _NOFOLLOW, 0o600)
    os.close(fd)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def _read_only(path: Path) -> sqlite3.Connection:
    # Without a write-ahead log beside it the file is complete on its own: read it as
    # immutable, so that not even a -shm or -wal file appears next to a file we refuse.
    wal = path.with_name(path.name + "-wal")
    options = "mode=ro" if wal.exists() else "mode=ro&immutable=1"
    return sqlite3.connect(f"{path.resolve().as_uri()}?{options}", uri=True, timeout=5)


def _header(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(100)


def is_plan_file(path: Path) -> bool:
    """Whether ``path`` is an okrdesk plan (or a copy of one): a SQLite file with okrdesk's
    application id, or, for plans older than the id, with okrdesk's version and mission
    tables. Reads without writing a byte; False for anything it cannot read."""
    try:
        header = _header(path)
    except OSError:
        return False
    if not header.startswith(SQLITE_HEADER):
        return False
    offset = _APPLICATION_ID_OFFSET
    if int.from_bytes(header[offset : offset + 4], "big") == APPLICATION_ID:
        return True
    try:
        connection = _read_only(path)
        try:
            names = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return {VERSION_TABLE, "missions"} <= names


def _recorded_revision(connection: sqlite3.Connection, name: str) -> str:
    rows = connection.execute(f"SELECT version_num FROM {VERSION_TABLE}").fetchall()
    if len(rows) != 1 or not isinstance(rows[0][0], str):
        raise PlanFileError(
            message(
                "{name} records {count} schema versions instead of one, so okrdesk cannot tell "
                "how to read it; okrdesk left it as it was.",
                name=name,
                count=len(rows),
            )
        )
    revision: str = rows[0][0]
    return revision


def _check_schema(connection: sqlite3.Connection, revision: str, name: str) -> None:
    found = read_schema(connection)
    problem = schema_problem(found, expected_schema(revision, HEAD))
    if problem is None:
        return
    if not found.code:
        # Tables of another revision than the one recorded: say so, rather than name the
        # first difference (an upgrade cut short, or a version row edited by hand).
        for other in REVISIONS:
            if other != revision and schema_problem(found, expected_schema(other, HEAD)) is None:
                raise PlanFileError(
                    message(
                        "{name} records schema version {recorded}, but its tables are those of "
                        "version {actual}; okrdesk left it as it was.",
                        name=name,
                        recorded=revision,
                        actual=other,
                    )
                )
    raise PlanFileError(
        message(
            "{name} is not a plan as okrdesk makes them ({problem}); okrdesk runs nothing a file "
            "brings and left it as it was.",
            name=name,
            problem=problem,
        )
    )


def _inspect(path: Path) -> FileFacts:
    """Look at ``path`` without writing a byte; raise PlanFileError for what cannot open."""
    name = path.name
    try:
        header = _header(path)[: len(SQLITE_HEADER)]
    except PermissionError:
        raise PlanFileError(
            message("{name} cannot be read: permission denied.", name=name)
        ) from None
    except IsADirectoryError:
        raise PlanFileError(message("{path} is a folder, not a plan file.", path=path)) from None
    if header == b"":
        return FileFacts(empty=True, revision=None, has_tables=False)
    if header != SQLITE_HEADER:
        raise PlanFileError(
            message("{name} is not an okrdesk plan (it is not a SQLite database).", name=name)
        )
    try:
        connection = _read_only(path)
    except sqlite3.Error as error:
        raise PlanFileError(
            message("{name} cannot be opened: {error}.", name=name, error=error)
        ) from None
    try:
        names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        revision = None
        if VERSION_TABLE in names:
            revision = _recorded_revision(connection, name)
        if names:
            check = connection.execute("PRAGMA quick_check").fetchone()
            if check is None or check[0] != "ok":
                raise PlanFileError(
                    message("{name} is damaged (SQLite integrity check failed).", name=name)
                )
        if revision in REVISIONS:
            _check_schema(connection, revision, name)
    except sqlite3.OperationalError as error:
        if "locked" in str(error):
            raise PlanFileError(
                message("{name} is locked by another program; try again.", name=name)
            ) from None
        raise PlanFileError(
            message("{name} cannot be read: {error}.", name=name, error=error)
        ) from None
    except sqlite3.DatabaseError as error:
        raise PlanFileError(
            message("{name} is damaged or not a plan ({error}).", name=name, error=error)
        ) from None
    finally:
        connection.close()
    return FileFacts(empty=not names, revision=revision, has_tables=bool(names))


def verify_plan_file(path: Path) -> None:
    """Raise PlanFileError unless ``path`` is a sound okrdesk plan of a schema this okrdesk
    knows (its integrity and schema checked as on open); reads without writing a byte."""
    facts = _inspect(path)
    if facts.revision is None:
        raise PlanFileError(message("{name} is not an okrdesk plan.", name=path.name))
    if facts.revision not in REVISIONS:
        raise PlanFileError(
            message(
                "{name} was made by a newer okrdesk; update okrdesk to open it.", name=path.name
            )
        )


def _writable(path: Path) -> bool:
    # The owner's write bit counts too: an administrator can write anywhere, yet a file
    # made read-only on purpose should stay so.
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & stat.S_IWUSR)


def _check_writable(path: Path) -> None:
    if not _writable(path):
        raise PlanFileError(
            message("{name} is read-only; okrdesk needs to write to it.", name=path.name)
        )
    if not _writable(path.parent):
        raise PlanFileError(
            message(
                "The folder of {name} is read-only; okrdesk needs to write beside the plan.",
                name=path.name,
            )
        )


def _check_not_locked(engine: Engine, path: Path) -> None:
    """Take the write lock once (waiting up to the busy timeout), so that a plan another
    program holds is refused now with a sentence rather than failing at the first edit."""
    try:
        with engine.begin():
            pass
    except OperationalError as error:
        if "locked" in str(error.orig):
            raise PlanFileError(
                message(
                    "{name} is in use by another program (it is locked); try again later.",
                    name=path.name,
                )
            ) from None
        raise PlanFileError(
            message("{name} cannot be opened: {orig}.", name=path.name, orig=error.orig)
        ) from None


def _stamp_new(engine: Engine) -> None:
    with engine.begin() as connection:
        Base.metadata.create_all(connection)
        connection.exec_driver_sql(
            f"CREATE TABLE {VERSION_TABLE} (version_num VARCHAR(32) NOT NULL, "
            f"CONSTRAINT {VERSION_TABLE}_pkc PRIMARY KEY (version_num))"
        )
        connection.exec_driver_sql(f"INSERT INTO {VERSION_TABLE} VALUES ('{HEAD}')")


def upgrade(engine: Engine, target: str = "head") -> None:
    """Upgrade the plan on ``engine`` to ``target`` (see ``run_migrations``)."""
    run_migrations(engine, target)


def run_migrations(engine: Engine, target: str = "head") -> None:
    """Run Alembic's migrations up to ``target`` (imported here: only upgrades need it).

    Foreign keys are off while they run: SQLite alters a table by copying and dropping it,
    and dropping a table with foreign keys on would fire every ON DELETE of the rows that
    refer to it (cascading objectives away with their missions). The references are checked
    once at the end instead, and a violation rolls the whole upgrade back.
    """
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.connect() as connection:
        # Before any transaction: the pragma is a no-op inside one.
        raw = connection.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, target)
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise PlanFileError(
                        message(
                            "Upgrading the plan would leave {broken} broken references; nothing "
                            "was changed.",
                            broken=len(broken),
                        )
                    )
        finally:
            raw.execute("PRAGMA foreign_keys=ON")


BeforeUpgrade = Callable[[Path], object]


def _stamp_application_id(engine: Engine) -> None:
    with engine.begin() as connection:
        found = connection.exec_driver_sql("PRAGMA application_id").scalar()
        if found != APPLICATION_ID:
            connection.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")


def open_database(
    path: Path, *, create: bool = True, before_upgrade: BeforeUpgrade | None = None
) -> Database:
    """Open the plan at ``path``, creating it (owner-only) when it does not exist yet.

    An older plan is handed to ``before_upgrade`` (the services back it up there), then
    upgraded; a newer one, a file that is no plan, or one whose schema is not what its
    version says (a trigger, a view, a table or column okrdesk did not make) is refused
    with a PlanFileError and left untouched.
    """
    path = Path(path).expanduser()
    if not path.exists():
        if not create:
            raise PlanFileError(message("{path} does not exist.", path=path))
        if not path.parent.is_dir():
            raise PlanFileError(message("The folder {parent} does not exist.", parent=path.parent))
        try:
            create_private_file(path)
        except PermissionError:
            raise PlanFileError(
                message(
                    "Cannot create {name}: the folder {parent} is read-only.",
                    name=path.name,
                    parent=path.parent,
                )
            ) from None
        facts = FileFacts(empty=True, revision=None, has_tables=False)
    else:
        facts = _inspect(path)
        if facts.has_tables and facts.revision is None:
            raise PlanFileError(
                message(
                    "{name} is a SQLite database of another application, not an okrdesk plan.",
                    name=path.name,
                )
            )
        if facts.revision is not None and facts.revision not in REVISIONS:
            raise PlanFileError(
                message(
                    "{name} was made by a newer okrdesk; update okrdesk to open it.", name=path.name
                )
            )
        _check_writable(path)
    engine = make_engine(path)
    try:
        _check_not_locked(engine, path)
        if facts.empty:
            _stamp_new(engine)
        elif facts.revision != HEAD:
            if before_upgrade is not None:
                before_upgrade(path)
            upgrade(engine)
        _stamp_application_id(engine)
    except Exception:
        engine.dispose()
        raise
    return Database(path, engine, sessionmaker(engine, expire_on_commit=False))
