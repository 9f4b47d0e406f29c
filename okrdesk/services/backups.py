"""Rolling backups of the open plan, and putting one back.

A backup is taken when a plan is opened and when it is closed, at most once an hour, and
the newest ten rolling backups are kept (backups taken before an upgrade or a restore are
kept apart and never pruned). They live in the user data directory, in a folder named after
the plan.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from okrdesk.store.backups import Backup, copy_database, list_backups, take_backup

ROLLING = ("opened", "closed")
KEEP = 10
MIN_INTERVAL = timedelta(hours=1)

__all__ = ["Backup", "list_backups", "restore_backup", "rolling_backup", "save_copy"]


def rolling_backup(
    plan: Path, reason: str, now: datetime | None = None, keep: int = KEEP
) -> Backup | None:
    """Back ``plan`` up unless a rolling backup is less than an hour old; prune old ones."""
    if reason not in ROLLING:
        raise ValueError(f"not a rolling backup reason: {reason}")
    now = now or datetime.now()
    if not plan.exists() or plan.stat().st_size == 0:
        return None
    rolling = [b for b in list_backups(plan) if b.reason in ROLLING]
    if rolling and now - rolling[0].taken < MIN_INTERVAL:
        return None
    taken = take_backup(plan, reason, now)
    for old in [b for b in list_backups(plan) if b.reason in ROLLING][keep:]:
        old.path.unlink(missing_ok=True)
    return taken


def restore_backup(plan: Path, backup: Path) -> Backup:
    """Replace the plan's content with ``backup``'s; returns the backup of what was there,
    so that restoring that one undoes this. The plan must not be open in this process."""
    before = take_backup(plan, "before-restore")
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(plan, timeout=5)
        try:
            # The backup API writes page by page under SQLite's own locks, so another
            # process reading the plan sees either the old content or the new one.
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    return before


def save_copy(plan: Path, destination: Path) -> None:
    """Write a consistent, owner-only copy of the plan to ``destination`` (replacing it)."""
    destination.unlink(missing_ok=True)
    copy_database(plan, destination)
