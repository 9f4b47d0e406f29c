"""SQLite's side of a backup: copying a plan page by page, and telling a sound copy from one
cut short. Naming, keeping and pruning backups is the services' (``services.backups``);
the copy is written into a temporary file they make (``services.files``)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from okrdesk.store.database import SQLITE_HEADER

_HEADER_SIZE = 100


def copy_database(source: Path, destination: Path) -> None:
    """Copy the SQLite database ``source`` into the (empty) file ``destination`` with the
    online backup API: consistent even while another connection writes in WAL mode."""
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    try:
        dst = sqlite3.connect(destination)
        try:
            src.backup(dst)
            # A backup is one self-contained file: no -wal beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()


def integrity_ok(path: Path) -> bool:
    """Whether SQLite's full ``PRAGMA integrity_check`` passes on ``path`` (read only)."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return False
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    return rows == [("ok",)]


def looks_complete(path: Path) -> bool:
    """A cheap look at a copy's header: a SQLite file whose size is the page count times the
    page size its header records, with no journal beside it. A copy cut short (killed
    mid-copy, a full disk) fails it; reading the header costs one small read."""
    for suffix in ("-journal", "-wal"):
        if path.with_name(path.name + suffix).exists():
            return False
    try:
        with path.open("rb") as handle:
            header = handle.read(_HEADER_SIZE)
        size = path.stat().st_size
    except OSError:
        return False
    if len(header) < _HEADER_SIZE or not header.startswith(SQLITE_HEADER):
        return False
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    change_counter = header[24:28]
    valid_for = header[92:96]
    if page_size < 512 or size == 0 or size % page_size:
        return False
    # The page count in the header is trusted only when it was written with the latest
    # change (https://sqlite.org/fileformat.html, "in-header database size").
    return change_counter != valid_for or pages * page_size == size
