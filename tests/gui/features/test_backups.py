"""File ▸ Restore from backup, and the way out when a plan cannot be opened."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from okrdesk.domain.entities import Mission
from okrdesk.gui.features.backups import BackupDialog, recover_to_new_file, restore_chosen_backup
from okrdesk.services.backups import list_backups, rolling_backup
from okrdesk.services.plan import PlanService
from tests.gui.helpers import OpenWindow


def missions(plan: PlanService) -> list[str]:
    return [m.title for m in plan.all(Mission)]


def test_restoring_a_backup_is_one_undoable_step(
    qtbot: QtBot, open_window: OpenWindow, plan_path: Path
) -> None:
    plan = PlanService.open(plan_path)
    plan.create(Mission, title="Before the mistake")
    plan.close()
    backup = rolling_backup(plan_path, "opened", datetime.now() + timedelta(days=1))
    assert backup is not None
    window = open_window(plan_path)
    window.controller.add(Mission(title="After the mistake"))

    dialog = BackupDialog(plan_path, "Restore", window)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(list_backups(plan_path)) >= 1
    assert dialog.table.item(0, 1).text() == "when the plan was opened"
    assert dialog.table.item(0, 2).text().endswith("KB")
    assert dialog.chosen() == backup  # the newest comes first and is selected

    restore_chosen_backup(window, backup)
    assert missions(window.plan) == ["Before the mistake"]
    assert window.controller.undo_stack.count() == 1
    window.controller.undo_stack.undo()
    assert missions(window.plan) == ["Before the mistake", "After the mistake"]
    window.controller.undo_stack.redo()
    assert missions(window.plan) == ["Before the mistake"]
    # The tree follows the plan it now shows.
    assert "After the mistake" not in [n.title for n in window.controller.outline().nodes.values()]


def test_a_backup_of_a_broken_plan_is_copied_beside_it(plan_path: Path) -> None:
    plan = PlanService.open(plan_path)
    plan.create(Mission, title="Years of work")
    plan.close()
    backup = rolling_backup(plan_path, "opened", datetime.now() + timedelta(days=1))
    assert backup is not None
    plan_path.write_bytes(b"garbage")
    recovered = recover_to_new_file(backup, plan_path)
    assert plan_path.read_bytes() == b"garbage"
    assert recovered.parent == plan_path.parent
    assert recovered.name.startswith("test-restored-")
    reopened = PlanService.open(recovered)
    assert missions(reopened) == ["Years of work"]
    reopened.close()
