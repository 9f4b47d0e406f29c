"""The window points at values that need repair and takes backups after work."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import Mission
from okrdesk.gui.features.backups import Backups
from okrdesk.gui.features.repairs import Repairs
from okrdesk.gui.panes.tree_model import Role
from okrdesk.services.backups import list_backups
from okrdesk.services.plan import PlanService
from tests.gui.helpers import OpenWindow


def test_a_value_that_needs_repair_is_badged_shown_and_repaired(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    plan = PlanService.open(plan_path)
    mission = plan.add(Mission(title="Serve the readers"))
    plan.close()
    with sqlite3.connect(plan_path) as raw:  # a file changed outside okrdesk
        raw.execute("UPDATE missions SET level = 'galactic' WHERE id = ?", (mission.id,))
    window = open_window(plan_path)
    repairs = window.feature(Repairs)
    qtbot.waitUntil(lambda: mission.id in repairs.subjects)
    badge = window.tree.source.index_of(mission.id).data(Role.BADGE)
    assert badge is not None and "repair" in badge[0] and "level" in badge[1]
    window.tree.select_node(mission.id)
    panel = next(p for p in repairs.panels if p.record_id == mission.id)
    assert panel.isVisible() and "level" in panel.label.text()
    # Entering the value again repairs it: the badge and the panel go.
    window.controller.edit(Mission, mission.id, level="team")
    qtbot.waitUntil(lambda: mission.id not in repairs.subjects)
    # The coach may badge the mission now (it has no objective): only the repair badge goes.
    after = window.tree.source.index_of(mission.id).data(Role.BADGE)
    assert after is None or "repair" not in after[0] + after[1]
    assert not panel.isVisible()


def test_a_backup_is_taken_after_work(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    window = open_window(plan_path)
    before = {b.path for b in list_backups(plan_path)}
    backups = window.feature(Backups)
    assert backups.timer.isActive()
    window.controller.add(Mission(title="Work since the backup"))
    task = backups.back_up_if_due(datetime.now() + timedelta(minutes=11))
    qtbot.waitUntil(lambda: not task.running)
    taken = [b for b in list_backups(plan_path) if b.path not in before]
    assert [b.reason for b in taken] == ["edited"]
    # Nothing changed since: no second one.
    task = backups.back_up_if_due(datetime.now() + timedelta(minutes=30))
    qtbot.waitUntil(lambda: not task.running)
    assert len(list_backups(plan_path)) == len(before) + 1
