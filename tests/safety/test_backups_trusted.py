"""Backups that can be trusted: a copy cut short never carries a backup's name, is never
listed or counted, never blocks a fresh backup; before-upgrade copies are pruned and do
not pile up; backups are taken after work, not only when the plan opens."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from okrdesk.domain.entities import Mission
from okrdesk.services import backups
from okrdesk.services.backups import (
    KEEP_BEFORE,
    backup_before_upgrade,
    list_backups,
    restore_backup,
    rolling_backup,
    take_backup,
)
from okrdesk.services.errors import PlanFileError
from okrdesk.services.plan import PlanService
from okrdesk.store.database import HEAD
from okrdesk.store.location import backup_dir
from tests.builders import mission_titles as titles


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_a_backup_killed_mid_copy_is_never_listed_and_is_cleaned(plan_path: Path) -> None:
    plan = PlanService.open(plan_path)
    for n in range(40):
        plan.create(Mission, title=f"Mission {n}", statement="words " * 50)
    plan.close()
    before = list_backups(plan_path)
    # A process copying the plan into its backup is killed (SIGKILL) half-way.
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from okrdesk.services import backups

        def half_then_die(source, destination):
            data = Path(source).read_bytes()
            Path(destination).write_bytes(data[: len(data) // 2])
            os.kill(os.getpid(), signal.SIGKILL)

        backups.copy_database = half_then_die
        backups.take_backup(Path({str(plan_path)!r}), "opened")
        """
    )
    child = subprocess.run([sys.executable, "-c", script], env=os.environ.copy(), timeout=60)
    assert child.returncode == -signal.SIGKILL
    folder = backup_dir(plan_path)
    assert any(name.endswith(".okrdesk-tmp") for name in files_in(folder))  # left behind
    assert list_backups(plan_path) == before  # never listed
    PlanService.open(plan_path).close()  # the next start cleans it
    assert not any(name.endswith(".okrdesk-tmp") for name in files_in(folder))


def test_an_incomplete_copy_under_a_backups_name_is_not_offered_and_does_not_block(
    plan_path: Path,
) -> None:
    plan = PlanService.open(plan_path)
    plan.create(Mission, title="Keep me")
    plan.close()
    # What an older okrdesk left when it was killed mid-copy: the backup's own name, and
    # a third of the file, newer than every other backup.
    future = datetime.now() + timedelta(days=1)
    good = take_backup(plan_path, "opened", future - timedelta(hours=3))
    cut = backup_dir(plan_path) / f"{plan_path.stem}-{future:%Y%m%d-%H%M%S}-opened.okrdesk"
    cut.write_bytes(good.path.read_bytes()[: good.size // 3])
    assert cut not in [b.path for b in list_backups(plan_path)]
    assert not cut.exists()  # removed, so it can never be restored by hand either
    # and it did not hold up a fresh backup for an hour
    assert rolling_backup(plan_path, "opened", future) is not None


def test_a_copy_that_fails_its_integrity_check_is_discarded(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    PlanService.open(plan_path).close()
    before = files_in(backup_dir(plan_path))
    monkeypatch.setattr(backups, "integrity_ok", lambda _path: False)
    with pytest.raises(PlanFileError, match="integrity check"):
        take_backup(plan_path, "opened", datetime.now() + timedelta(days=1))
    assert files_in(backup_dir(plan_path)) == before


def test_before_upgrade_copies_are_pruned_like_the_rest(plan_path: Path) -> None:
    PlanService.open(plan_path).close()
    start = datetime.now().replace(microsecond=0) + timedelta(days=1)
    for n in range(KEEP_BEFORE + 4):
        take_backup(plan_path, "before-upgrade", start + timedelta(minutes=n))
    backups.prune(plan_path)
    kept = [b for b in list_backups(plan_path) if b.reason == "before-upgrade"]
    assert len(kept) == KEEP_BEFORE
    assert kept[0].taken == start + timedelta(minutes=KEEP_BEFORE + 3)


def test_an_upgrade_tried_again_does_not_pile_up_copies(plan_path: Path) -> None:
    PlanService.open(plan_path).close()
    first = backup_before_upgrade(plan_path)
    assert first is not None
    for _ in range(3):  # the upgrade failed; okrdesk is started again and again
        assert backup_before_upgrade(plan_path) is None
    assert [b.reason for b in list_backups(plan_path)].count("before-upgrade") == 1


def test_an_inconsistent_schema_version_is_one_line_and_takes_no_copy(plan_path: Path) -> None:
    PlanService.open(plan_path).close()
    with sqlite3.connect(plan_path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0001_initial'")
    raw.close()
    count = len(list_backups(plan_path))
    for _ in range(3):
        with pytest.raises(PlanFileError) as refused:
            PlanService.open(plan_path)
        assert str(refused.value) == (
            "test.okrdesk records schema version 0001_initial, but its tables are those of "
            f"version {HEAD}; okrdesk left it as it was."
        )
    assert len(list_backups(plan_path)) == count


def test_work_is_backed_up_every_few_minutes_of_editing(plan_path: Path) -> None:
    plan = PlanService.open(plan_path)  # "opened": the plan as it was this morning
    opened = datetime.now()
    assert [b.reason for b in list_backups(plan_path)] == ["opened"]
    assert not plan.backup_if_due(opened + timedelta(minutes=30))  # nothing changed yet
    plan.create(Mission, title="This morning's work")
    assert not plan.backup_if_due(opened + timedelta(minutes=5))  # too soon after the last
    assert plan.backup_if_due(opened + timedelta(minutes=11))
    assert not plan.backup_if_due(opened + timedelta(minutes=30))  # nothing new since
    newest = list_backups(plan_path)[0]
    assert newest.reason == "edited"
    assert titles(newest.path) == ["This morning's work"]
    plan.close()


def test_closing_after_work_backs_the_work_up(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = PlanService.open(plan_path)
    plan.create(Mission, title="A day's work")
    monkeypatch.setattr(backups, "WORK_INTERVAL", timedelta(0))  # as if hours went by
    plan.close()
    newest = list_backups(plan_path)[0]
    assert newest.reason == "closed"
    assert titles(newest.path) == ["A day's work"]
    PlanService.open(plan_path).close()  # opened and closed again without a change
    assert list_backups(plan_path)[0] == newest


def test_a_backup_that_cannot_be_written_never_stops_the_work(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = PlanService.open(plan_path)
    plan.create(Mission, title="Still saved")

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("okrdesk.services.plan.backup_after_work", full_disk)
    assert plan.backup_if_due(datetime.now() + timedelta(hours=1)) is False
    plan.close()
    assert titles(plan_path) == ["Still saved"]


def test_a_backup_file_carrying_code_is_refused_before_a_restore_changes_anything(
    plan_path: Path, tmp_path: Path
) -> None:
    plan = PlanService.open(plan_path)
    plan.create(Mission, title="Mine")
    plan.close()
    planted = tmp_path / "planted.okrdesk"
    PlanService.open(planted).close()
    with sqlite3.connect(planted) as raw:
        raw.execute("CREATE TRIGGER wipe AFTER INSERT ON check_ins BEGIN DELETE FROM missions; END")
    raw.close()
    count = len(list_backups(plan_path))
    with pytest.raises(PlanFileError, match="holds a trigger “wipe”"):
        restore_backup(plan_path, planted)
    assert titles(plan_path) == ["Mine"]
    assert len(list_backups(plan_path)) == count
