"""Owner-only everything, whatever the umask: the settings file, the log, the data, backup
and plan folders (0700), and every file in them (0600)."""

from __future__ import annotations

import logging
import stat
from pathlib import Path

import pytest

from okrdesk.domain.entities import Mission
from okrdesk.services.backups import list_backups
from okrdesk.services.files import private_config
from okrdesk.services.locations import default_plan_path, resolve_plan_path
from okrdesk.services.logs import private_log_handler
from okrdesk.services.plan import PlanService
from okrdesk.store.location import backup_dir, data_dir

pytestmark = pytest.mark.usefixtures("loose_umask")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_data_and_backup_folders_and_the_backups_are_owner_only() -> None:
    path = resolve_plan_path(None)  # the default plan, in the user data folder
    plan = PlanService.open(path)
    plan.create(Mission, title="Private")
    plan.close()
    assert path == default_plan_path()
    for folder in (data_dir(), data_dir() / "backups", backup_dir(path)):
        assert mode(folder) == 0o700, folder
    assert mode(path) == 0o600
    backups = list_backups(path)
    assert backups and all(mode(b.path) == 0o600 for b in backups)


def test_the_log_and_its_folder_are_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "logs" / "okrdesk.log"
    handler = private_log_handler(path, max_bytes=200, backup_count=2)
    logger = logging.getLogger("okrdesk.test-owner-only")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        for n in range(20):  # enough to rotate
            logger.warning("line %d of a log that quotes the plan", n)
    finally:
        logger.removeHandler(handler)
        handler.close()
    assert mode(path.parent) == 0o700
    written = sorted(path.parent.iterdir())
    assert len(written) == 3  # the log and its two rotated copies
    assert all(mode(p) == 0o600 for p in written)


def test_the_settings_file_stays_owner_only_as_qt_rewrites_it(tmp_path: Path) -> None:
    from okrdesk.qt.core import QSettings

    conf = tmp_path / "config" / "okrdesk" / "okrdesk.conf"
    private_config(conf)
    assert mode(conf.parent) == 0o700 and mode(conf) == 0o600
    settings = QSettings(str(conf), QSettings.Format.IniFormat)
    settings.setValue("plans/last", "/home/someone/plan.okrdesk")
    settings.sync()
    assert mode(conf) == 0o600


def test_the_windows_settings_are_owner_only() -> None:
    pytest.importorskip("PySide6")
    from okrdesk.gui.core import settings

    settings.remember_plan(Path("/home/someone/plan.okrdesk"))
    conf = Path(settings._settings().fileName())
    settings._settings().sync()
    assert conf.exists()
    assert mode(conf) == 0o600 and mode(conf.parent) == 0o700
