"""Errors the services raise, each with a sentence fit to show a person, and
``describe_error``: the one place that turns any failure into such a sentence.

The command line prints ``describe_error(error)`` as its one line; the window should show
it in its error dialog. The sentence never carries SQL text or row data (a database error's
own text may hold both): the details belong in the log.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from sqlalchemy.exc import DBAPIError, IntegrityError

from okrdesk.domain.messages import Message, message
from okrdesk.domain.validation import ValidationError
from okrdesk.store.database import PlanFileError

__all__ = [
    "ImportRefused",
    "IncompleteFile",
    "ItemNotFound",
    "PlanFileError",
    "TargetExists",
    "ValidationError",
    "WriteRefused",
    "describe_error",
]


class ItemNotFound(LookupError):
    def __init__(self, what: str, item_id: str) -> None:
        super().__init__(f"No {what} with id {item_id} in this plan.")
        self.item_id = item_id


class ImportRefused(ValueError):
    """A file that cannot be imported; nothing was written."""


class WriteRefused(OSError):
    """A file okrdesk will not write there (the open plan, a plan, a folder…); nothing was
    written. An OSError, as FileExistsError is: a caller that shows file-system errors
    shows this one too."""


class IncompleteFile(WriteRefused):
    """What was about to be written came out wrong (cut short, a writer that failed); it
    was discarded and the target left as it was."""


class TargetExists(WriteRefused):
    """The target exists and the person did not say to replace it."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            message(
                "{name} exists already; nothing was written (replace it with --force, "
                "or choose another name).",
                name=Path(path).name,
            )
        )
        self.path = Path(path)


# Sentences every layer shows for what went wrong below it.
DISK_FULL = message("The disk is full: nothing was changed.")
READ_ONLY = message("The plan or its folder is read-only: nothing was changed.")
LOCKED = message(
    "The plan is in use by another program (it is locked): nothing was changed; try again."
)
SCHEMA_MISMATCH = message(
    "The plan's tables are not what this okrdesk expects (a schema mismatch): nothing was changed."
)
DAMAGED = message("The plan file is damaged: nothing was changed; restore a backup.")
IO_ERROR = message("The disk could not be read or written: nothing was changed.")
CANNOT_OPEN = message("The plan file cannot be opened: nothing was changed.")
REFUSED_CHANGE = message(
    "The plan refused the change (it would break a reference between items): nothing was changed."
)
DATABASE_ERROR = message("The plan could not be read or written: nothing was changed.")

# SQLite's primary result codes (https://sqlite.org/rescode.html).
_SQLITE_CODES: dict[int, Message] = {
    3: READ_ONLY,  # SQLITE_PERM
    5: LOCKED,  # SQLITE_BUSY
    6: LOCKED,  # SQLITE_LOCKED
    8: READ_ONLY,  # SQLITE_READONLY
    10: IO_ERROR,  # SQLITE_IOERR
    11: DAMAGED,  # SQLITE_CORRUPT
    13: DISK_FULL,  # SQLITE_FULL
    14: CANNOT_OPEN,  # SQLITE_CANTOPEN
    19: REFUSED_CHANGE,  # SQLITE_CONSTRAINT
    26: DAMAGED,  # SQLITE_NOTADB
}
# For errors without a code (older drivers), by the words of SQLite's own message.
_SQLITE_WORDS: tuple[tuple[str, Message], ...] = (
    ("disk is full", DISK_FULL),
    ("readonly", READ_ONLY),
    ("read-only", READ_ONLY),
    ("locked", LOCKED),
    ("busy", LOCKED),
    ("no such table", SCHEMA_MISMATCH),
    ("no such column", SCHEMA_MISMATCH),
    ("has no column", SCHEMA_MISMATCH),
    ("malformed", DAMAGED),
    ("not a database", DAMAGED),
    ("disk i/o", IO_ERROR),
    ("unable to open", CANNOT_OPEN),
)

_DISK_QUOTA = getattr(errno, "EDQUOT", -1)


def _database_sentence(error: sqlite3.Error) -> Message:
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int) and (code & 0xFF) in _SQLITE_CODES:
        return _SQLITE_CODES[code & 0xFF]
    words = str(error).lower()
    for fragment, sentence in _SQLITE_WORDS:
        if fragment in words:
            return sentence
    return DATABASE_ERROR


def _os_sentence(error: OSError) -> str:
    where = f"{Path(error.filename).name}: " if error.filename else ""
    code = error.errno
    if code == errno.ENOSPC:
        return DISK_FULL
    if code == _DISK_QUOTA:
        return message("Your disk quota is used up: nothing was changed.")
    if code == errno.EROFS:
        return message("{where}the disk is read-only: nothing was changed.", where=where)
    if code in (errno.EACCES, errno.EPERM):
        return message("{where}permission denied: nothing was changed.", where=where)
    if code == errno.ENOENT:
        return message("{where}no such file or folder.", where=where)
    if code == errno.EIO:
        return message(
            "{where}the disk could not be read or written: nothing was changed.", where=where
        )
    reason = error.strerror or type(error).__name__
    return message("{where}{reason}.", where=where, reason=reason)


_OWN_SENTENCES = (PlanFileError, ValidationError, ImportRefused, ItemNotFound, WriteRefused)


def describe_error(error: BaseException) -> str:
    """One sentence for a person about ``error``: the error's own for okrdesk's errors,
    a fixed sentence by cause for database and file-system failures (disk full, read-only,
    locked, schema mismatch, damaged), and the bare kind of anything unforeseen."""
    if isinstance(error, _OWN_SENTENCES):
        # The Message it was raised with, so the window can translate it.
        first = error.args[0] if error.args else None
        return first if isinstance(first, str) else str(error)
    if isinstance(error, IntegrityError):
        return REFUSED_CHANGE
    if isinstance(error, DBAPIError) and isinstance(error.orig, sqlite3.Error):
        return _database_sentence(error.orig)
    if isinstance(error, sqlite3.Error):
        return _database_sentence(error)
    if isinstance(error, OSError):
        return _os_sentence(error)
    if isinstance(error, MemoryError):
        return message("okrdesk ran out of memory: nothing was changed.")
    return message(
        "Unexpected error ({kind}): nothing was changed; the details are in the log.",
        kind=type(error).__name__,
    )
