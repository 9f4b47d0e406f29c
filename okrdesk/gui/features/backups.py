"""File ▸ Restore from backup: the plan's backups with dates and sizes, and restoring one
as an undoable step (undo puts back the copy taken just before restoring)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.gui.core.tasks import Task, run_task
from okrdesk.gui.features.base import Feature, Shell
from okrdesk.qt.core import Qt, QTimer
from okrdesk.qt.gui import QAction
from okrdesk.qt.widgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.backups import Backup, list_backups, save_copy
from okrdesk.services.operations import ReplaceContent

REASONS = {
    "opened": QT_TR_NOOP("when the plan was opened"),
    "closed": QT_TR_NOOP("when the plan was closed"),
    "edited": QT_TR_NOOP("after editing"),
    "before-upgrade": QT_TR_NOOP("before an upgrade to a newer okrdesk"),
    "before-restore": QT_TR_NOOP("before a backup was restored"),
}


def describe_reason(reason: str) -> str:
    return tr(REASONS[reason]) if reason in REASONS else reason.replace("-", " ")


def human_size(size: int) -> str:
    if size < 1024:
        return tr("{size} bytes").format(size=size)
    if size < 1024 * 1024:
        return tr("{size} KB").format(size=f"{size / 1024:.0f}")
    return tr("{size} MB").format(size=f"{size / 1024 / 1024:.1f}")


class BackupDialog(QDialog):
    """Pick one of a plan's backups, newest first."""

    def __init__(self, plan_path: Path, action_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Backups of {plan}").format(plan=plan_path.name))
        self.backups = list_backups(plan_path)
        intro = QLabel(
            tr(
                "okrdesk copies your plan when it opens, every ten minutes of editing and "
                "when it closes after a change (the newest ten kept), and before upgrades "
                "and restores."
            )
            if self.backups
            else tr("There are no backups of this plan yet.")
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget(len(self.backups), 3, self)
        self.table.setHorizontalHeaderLabels([tr("Taken"), tr("Why"), tr("Size")])
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        for row, backup in enumerate(self.backups):
            cells = (
                backup.taken.strftime("%Y-%m-%d %H:%M:%S"),
                describe_reason(backup.reason),
                human_size(backup.size),
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        if self.backups:
            self.table.selectRow(0)
        self.table.doubleClicked.connect(self.accept)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.ok = buttons.addButton(action_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setEnabled(bool(self.backups))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def chosen(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None


def restore_chosen_backup(shell: Shell, backup: Backup) -> None:
    """Put ``backup`` into the plan as one undoable step (undo puts back what was there)."""
    taken = f"{backup.taken:%Y-%m-%d %H:%M}"
    label = tr("Restore the backup of {taken}").format(taken=taken)
    shell.controller.run(ReplaceContent(backup.path, label))
    shell.show_status(
        tr("Restored the backup of {taken}. Edit ▸ Undo puts back what was there.").format(
            taken=taken
        ),
        10000,
    )


def recover_to_new_file(backup: Backup, broken_plan: Path) -> Path:
    """Copy a backup beside a plan that cannot be opened, leaving that plan untouched."""
    stem = f"{broken_plan.stem}-restored-{backup.taken:%Y%m%d-%H%M%S}"
    target = broken_plan.with_name(stem + broken_plan.suffix)
    counter = 1
    while target.exists():
        counter += 1
        target = broken_plan.with_name(f"{stem}-{counter}{broken_plan.suffix}")
    save_copy(backup.path, target)
    return target


# How often the window asks the plan whether a backup after work is due (the plan decides:
# at most one every ten minutes, and only after a change).
BACKUP_CHECK_MS = 60_000


class Backups(Feature):
    """File ▸ Restore from backup, and backups taken while the person works."""

    def install(self, shell: Shell) -> None:
        self.shell = shell
        self.timer = QTimer(shell.widget)
        self.timer.setInterval(BACKUP_CHECK_MS)
        self.timer.timeout.connect(lambda: self.back_up_if_due())
        self.timer.start()
        self.action = QAction(tr("Restore from &backup…"), shell.widget)
        self.action.setStatusTip(tr("Put back a copy of this plan that okrdesk took earlier"))
        self.action.triggered.connect(self.choose)
        shell.add_action("file.backup", self.action)

    def back_up_if_due(self, now: datetime | None = None) -> Task:
        """Copy the plan off the UI thread when a backup after work is due."""
        plan = self.shell.controller.plan
        return run_task(lambda _progress: plan.backup_if_due(now), lambda _taken: None)

    def choose(self) -> None:
        shell = self.shell
        dialog = BackupDialog(shell.controller.plan.path, tr("Restore"), shell.widget)
        if dialog.exec() == QDialog.DialogCode.Accepted and (backup := dialog.chosen()):
            restore_chosen_backup(shell, backup)
