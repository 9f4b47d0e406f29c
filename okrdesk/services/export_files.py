"""Writing an export file: whole or not at all, never onto the plan, never over a file the
person did not mean to replace.

One place for it: the shared atomic-write helper (services/files.py, being built on another
branch) takes over ``write_atomically`` with the same contract: a unique temporary file in
the target's folder (created exclusively, owner-only), written, flushed and fsynced, renamed
over the target, the folder fsynced; the temporary file removed on any failure.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from okrdesk.domain.messages import message
from okrdesk.services.errors import ExportRefused
from okrdesk.services.plan import PlanService

_SQLITE_HEADER = b"SQLite format 3\x00"


def check_export_target(plan: PlanService, path: Path, *, force: bool = False) -> None:
    """ExportRefused when ``path`` is the open plan (or its -wal/-shm), another plan file,
    a folder, or an existing file and ``force`` is not given."""
    target = Path(path)
    resolved = target.resolve()
    plan_path = Path(plan.path).resolve()
    protected = {plan_path, Path(f"{plan_path}-wal"), Path(f"{plan_path}-shm")}
    if resolved in protected:
        raise ExportRefused(message("{path} is the open plan: choose another file.", path=path))
    if target.is_dir():
        raise ExportRefused(message("{path} is a folder: name a file to write.", path=path))
    if not target.exists():
        return
    with contextlib.suppress(OSError), target.open("rb") as stream:
        if stream.read(len(_SQLITE_HEADER)) == _SQLITE_HEADER:
            raise ExportRefused(
                message(
                    "{path} is a plan file: okrdesk never writes an export over one.", path=path
                )
            )
    if not force:
        raise ExportRefused(
            message("{path} exists already; give --force to replace it.", path=path)
        )


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data``, owner-only; a crash half-way leaves the old file."""
    target = Path(path)
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):  # the rename itself made durable
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
