"""Copies of a plan file taken with SQLite's online backup API (consistent even in WAL)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from okrdesk.store.location import PLAN_SUFFIX, backup_dir


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    reason: str
    size: int


def create_private_file(path: Path) -> None:
    """Create ``path`` empty and readable by its owner only (plans hold private notes)."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    os.close(fd)


def copy_database(source: Path, destination: Path) -> None:
    """Copy the SQLite database ``source`` to a new owner-only file ``destination``."""
    destination.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    create_private_file(destination)
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
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
    except BaseException:
        with contextlib.suppress(OSError):
            destination.unlink()
        raise


def take_backup(plan: Path, reason: str, when: datetime | None = None) -> Backup:
    # Seconds, as the file name keeps them: the listed backup equals the one returned.
    taken = (when or datetime.now()).replace(microsecond=0)
    folder = backup_dir(plan)
    name = f"{plan.stem}-{taken:%Y%m%d-%H%M%S}-{reason}{PLAN_SUFFIX}"
    target = folder / name
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{plan.stem}-{taken:%Y%m%d-%H%M%S}-{reason}-{counter}{PLAN_SUFFIX}"
    copy_database(plan, target)
    return Backup(target, taken, reason, target.stat().st_size)


def list_backups(plan: Path) -> list[Backup]:
    """The plan's backups, newest first."""
    folder = backup_dir(plan)
    if not folder.is_dir():
        return []
    found: list[Backup] = []
    for path in folder.glob(f"*{PLAN_SUFFIX}"):
        parts = path.stem[len(plan.stem) + 1 :].split("-")
        try:
            taken = datetime.strptime(f"{parts[0]}-{parts[1]}", "%Y%m%d-%H%M%S")
        except (ValueError, IndexError):
            continue
        reasons = parts[2:]
        if reasons and reasons[-1].isdigit():  # the counter of same-second backups
            reasons = reasons[:-1]
        reason = "-".join(reasons)
        found.append(Backup(path, taken, reason, path.stat().st_size))
    return sorted(found, key=lambda b: (b.taken, b.path.name), reverse=True)
