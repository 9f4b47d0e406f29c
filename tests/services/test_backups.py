from __future__ import annotations

import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from okrdesk.domain.entities import Mission
from okrdesk.services.backups import list_backups, restore_backup, rolling_backup, save_copy
from okrdesk.services.plan import PlanService
from tests.builders import mission_titles as titles


def test_rolling_backups_are_hourly_owner_only_and_pruned(plan: PlanService) -> None:
    plan.create(Mission, title="Keep me")
    # Later than the backup the fixture's open took just now.
    start = datetime.now().replace(microsecond=0) + timedelta(days=1)
    assert rolling_backup(plan.path, "opened", start) is not None
    assert rolling_backup(plan.path, "closed", start + timedelta(minutes=59)) is None
    for hour in range(1, 13):
        assert rolling_backup(plan.path, "opened", start + timedelta(hours=hour)) is not None
    backups = list_backups(plan.path)
    assert len(backups) == 10
    assert backups[0].taken == start + timedelta(hours=12)
    assert all(stat.S_IMODE(b.path.stat().st_mode) == 0o600 for b in backups)
    assert titles(backups[-1].path) == ["Keep me"]


def test_restoring_a_backup_is_undone_by_restoring_the_one_taken_before(
    plan_path: Path,
) -> None:
    plan = PlanService.open(plan_path)
    plan.create(Mission, title="Version one")
    plan.close()
    first = rolling_backup(plan_path, "opened", datetime.now() + timedelta(days=1))
    assert first is not None
    plan = PlanService.open(plan_path)
    plan.create(Mission, title="Version two")
    plan.close()

    before = restore_backup(plan_path, first.path)
    assert titles(plan_path) == ["Version one"]
    restore_backup(plan_path, before.path)
    assert titles(plan_path) == ["Version one", "Version two"]


def test_save_copy_is_a_consistent_owner_only_file(plan: PlanService, tmp_path: Path) -> None:
    plan.create(Mission, title="Copied while open")
    copy = tmp_path / "copy.okrdesk"
    copy.write_text("old")
    save_copy(plan.path, copy, overwrite=True)
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert titles(copy) == ["Copied while open"]


def test_opening_and_closing_a_plan_takes_one_backup_an_hour(plan_path: Path) -> None:
    plan = PlanService.open(plan_path)
    plan.create(Mission, title="Safe")
    plan.close()
    PlanService.open(plan_path).close()
    backups = list_backups(plan_path)
    assert [b.reason for b in backups] == ["opened"]


def test_a_backup_that_cannot_be_written_does_not_stop_the_plan(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(_path: Path, _reason: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("okrdesk.services.plan.rolling_backup", full_disk)
    plan = PlanService.open(plan_path)
    plan.create(Mission, title="Still saved")
    plan.close()
    assert titles(plan_path) == ["Still saved"]
