"""Backups of the plan that can be trusted, and putting one back.

A backup is copied into a temporary file in the backup folder, checked with SQLite's full
``PRAGMA integrity_check``, and only then renamed to its name (``services.files``): a copy
killed half-way, or cut short by a full disk, never carries a backup's name. A file with a
backup's name that is not a complete SQLite file (left by an older okrdesk) is never listed,
and is removed when the backups are listed.

When backups are taken (``PlanService`` decides, through the functions here):

- ``opened``: when a plan is opened, unless a rolling backup is less than an hour old;
- ``edited``: every ``WORK_INTERVAL`` of editing (the window calls
  ``PlanService.backup_if_due`` from a timer), and ``closed``: when the plan is closed, each
  only when the plan changed since the last backup and the last rolling backup is older than
  ``WORK_INTERVAL`` (so a burst of command-line edits does not push older backups out);
- ``before-upgrade``: before okrdesk upgrades a plan to its schema, unless a copy taken
  since the plan last changed exists already (an upgrade that failed and is tried again
  does not pile up copies); ``before-restore``: before a backup replaces the plan.

The newest ``KEEP`` rolling backups are kept, and the newest ``KEEP_BEFORE`` of each other
kind. They live in the user data directory, in an owner-only folder named after the plan.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from okrdesk.services.files import private_folder, write_via
from okrdesk.store.backups import copy_database, integrity_ok, looks_complete
from okrdesk.store.database import PlanFileError, verify_plan_file
from okrdesk.store.location import PLAN_SUFFIX, backup_dir

ROLLING = ("opened", "edited", "closed")
BEFORE_UPGRADE = "before-upgrade"
BEFORE_RESTORE = "before-restore"
KEEP = 10
KEEP_BEFORE = 3
MIN_INTERVAL = timedelta(hours=1)
WORK_INTERVAL = timedelta(minutes=10)

__all__ = [
    "Backup",
    "backup_after_work",
    "backup_before_upgrade",
    "list_backups",
    "restore_backup",
    "rolling_backup",
    "save_copy",
    "take_backup",
]

_NAME = re.compile(r"^(?P<taken>\d{8}-\d{6})-(?P<reason>[a-z-]+?)(?:-(?P<counter>\d+))?$")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    reason: str
    size: int


def _verify_copy(temp: Path) -> None:
    if not integrity_ok(temp):
        raise PlanFileError("The backup copy failed SQLite's integrity check; it was discarded.")


def _backup_folder(plan: Path) -> Path:
    # okrdesk's data folder, its backups/ and the plan's own folder: all owner-only.
    folder = backup_dir(plan)
    for own in (folder.parent.parent, folder.parent):
        private_folder(own)
    return private_folder(folder)


def take_backup(plan: Path, reason: str, when: datetime | None = None) -> Backup:
    """Copy ``plan`` into its backup folder now: checked, then named (see the module)."""
    # Seconds, as the file name keeps them: the listed backup equals the one returned.
    taken = (when or datetime.now()).replace(microsecond=0)
    folder = _backup_folder(plan)
    stem = f"{plan.stem}-{taken:%Y%m%d-%H%M%S}-{reason}"
    target = folder / f"{stem}{PLAN_SUFFIX}"
    counter = 1
    while target.exists():
        counter += 1
        target = folder / f"{stem}-{counter}{PLAN_SUFFIX}"
    write_via(target, lambda temp: copy_database(plan, temp), overwrite=False, verify=_verify_copy)
    return Backup(target, taken, reason, target.stat().st_size)


def _parse(plan: Path, path: Path) -> tuple[datetime, str] | None:
    prefix = f"{plan.stem}-"
    if not path.stem.startswith(prefix):
        return None
    found = _NAME.match(path.stem[len(prefix) :])
    if found is None:
        return None
    try:
        taken = datetime.strptime(found.group("taken"), "%Y%m%d-%H%M%S")
    except ValueError:
        return None
    return taken, found.group("reason")


def list_backups(plan: Path) -> list[Backup]:
    """The plan's sound backups, newest first. A file with a backup's name that is not a
    complete copy is removed, never offered."""
    folder = backup_dir(plan)
    if not folder.is_dir():
        return []
    found: list[tuple[int, Backup]] = []
    for path in folder.glob(f"*{PLAN_SUFFIX}"):
        parsed = _parse(plan, path)
        if parsed is None:
            continue
        if not looks_complete(path):
            for leftover in (path, path.with_name(path.name + "-journal")):
                leftover.unlink(missing_ok=True)
            continue
        info = path.stat()
        found.append((info.st_mtime_ns, Backup(path, parsed[0], parsed[1], info.st_size)))
    # Backups of the same second in the order they were written.
    found.sort(key=lambda pair: (pair[1].taken, pair[0], pair[1].path.name), reverse=True)
    return [backup for _written, backup in found]


def prune(plan: Path, keep: int = KEEP) -> None:
    """Keep the newest ``keep`` rolling backups and ``KEEP_BEFORE`` of every other kind."""
    backups = list_backups(plan)
    rolling = [b for b in backups if b.reason in ROLLING]
    doomed = rolling[keep:]
    for reason in sorted({b.reason for b in backups} - set(ROLLING)):
        doomed += [b for b in backups if b.reason == reason][KEEP_BEFORE:]
    for old in doomed:
        old.path.unlink(missing_ok=True)


def _last_rolling(plan: Path) -> Backup | None:
    return next((b for b in list_backups(plan) if b.reason in ROLLING), None)


def rolling_backup(
    plan: Path,
    reason: str,
    now: datetime | None = None,
    keep: int = KEEP,
    min_interval: timedelta = MIN_INTERVAL,
) -> Backup | None:
    """Back ``plan`` up unless a rolling backup is younger than ``min_interval``; prune."""
    if reason not in ROLLING:
        raise ValueError(f"not a rolling backup reason: {reason}")
    now = now or datetime.now()
    if not plan.exists() or plan.stat().st_size == 0:
        return None
    last = _last_rolling(plan)
    if last is not None and now - last.taken < min_interval:
        return None
    taken = take_backup(plan, reason, now)
    prune(plan, keep)
    return taken


def backup_after_work(plan: Path, reason: str, now: datetime | None = None) -> Backup | None:
    """A rolling backup of a plan that changed, at most one per ``WORK_INTERVAL``."""
    return rolling_backup(plan, reason, now, min_interval=WORK_INTERVAL)


def _last_change(plan: Path) -> float:
    # A -wal only counts once something was written to it: opening a plan makes an empty one.
    times = [plan.stat().st_mtime]
    wal = plan.with_name(plan.name + "-wal")
    if wal.exists() and wal.stat().st_size > 0:
        times.append(wal.stat().st_mtime)
    return max(times)


def backup_before_upgrade(plan: Path) -> Backup | None:
    """The copy taken before an upgrade; none when one taken since the plan last changed
    exists (the upgrade failed before and is tried again)."""
    changed = _last_change(plan)
    for backup in list_backups(plan):
        if backup.reason == BEFORE_UPGRADE and backup.path.stat().st_mtime >= changed:
            return None
    taken = take_backup(plan, BEFORE_UPGRADE)
    prune(plan)
    return taken


def restore_backup(plan: Path, backup: Path) -> Backup:
    """Replace the plan's content with ``backup``'s; returns the backup of what was there,
    so that restoring that one undoes this. The plan must not be open in this process.
    A backup that is not a sound okrdesk plan is refused before anything changes."""
    verify_plan_file(backup)
    before = take_backup(plan, BEFORE_RESTORE)
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
    prune(plan)
    return before


def save_copy(plan: Path, destination: Path, *, overwrite: bool = False) -> None:
    """Write a consistent, checked, owner-only copy of the plan to ``destination``. An
    existing file is replaced only with ``overwrite`` (the person confirmed it), and the
    plan itself never."""
    write_via(
        destination,
        lambda temp: copy_database(plan, temp),
        overwrite=overwrite,
        plan=plan,
        verify=_verify_copy,
        replaces_plans=True,
    )
