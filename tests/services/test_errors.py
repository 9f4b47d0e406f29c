"""describe_error: the one place a failure becomes a sentence (the CLI prints it; the
window's error dialog should show it)."""

from __future__ import annotations

import errno
import sqlite3

import pytest
from sqlalchemy.exc import IntegrityError, OperationalError

from okrdesk.services.errors import ImportRefused, PlanFileError, describe_error


def sqlite_error(text: str, code: int | None) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(text)
    if code is not None:
        # As sqlite3 sets it on the errors it raises itself (not a declared attribute).
        error.sqlite_errorcode = code
    return error


@pytest.mark.parametrize(
    ("error", "sentence"),
    [
        (sqlite_error("database or disk is full", 13), "The disk is full: nothing was changed."),
        (sqlite_error("database or disk is full", None), "The disk is full: nothing was changed."),
        (sqlite_error("whatever", 13 | (1 << 8)), "The disk is full: nothing was changed."),
        (sqlite_error("attempt to write a readonly database", 8), "read-only"),
        (sqlite_error("database is locked", 5), "(it is locked)"),
        (sqlite_error("no such table: dismissals", None), "(a schema mismatch)"),
        (sqlite_error("database disk image is malformed", 11), "damaged"),
        (OSError(errno.ENOSPC, "No space left on device", "/x/plan.json"),
         "The disk is full: nothing was changed."),
        (OSError(errno.EROFS, "Read-only file system", "/x/plan.json"),
         "plan.json: the disk is read-only: nothing was changed."),
        (OSError(errno.EACCES, "Permission denied", "/x/plan.json"),
         "plan.json: permission denied: nothing was changed."),
        (PlanFileError("plan.okrdesk is damaged."), "plan.okrdesk is damaged."),
        (ImportRefused("x.json is not valid JSON."), "x.json is not valid JSON."),
    ],
)  # fmt: skip
def test_each_cause_has_its_sentence(error: BaseException, sentence: str) -> None:
    assert sentence in describe_error(error)


def test_sql_text_and_row_data_never_reach_the_sentence() -> None:
    wrapped = OperationalError(
        "UPDATE growth_notes SET text=? WHERE id=?",
        ("I was scared", "n-1"),
        sqlite_error("database or disk is full", 13),
    )
    assert describe_error(wrapped) == "The disk is full: nothing was changed."
    refused = IntegrityError("INSERT INTO x VALUES (?)", ("secret",), sqlite3.IntegrityError("x"))
    assert "secret" not in describe_error(refused) and "INSERT" not in describe_error(refused)
    assert describe_error(ValueError("the secret row")) == (
        "Unexpected error (ValueError): nothing was changed; the details are in the log."
    )
