"""The one-on-one's development section: the skills that moved since the last closed
one-on-one (else in the meeting's cycle), each with the steps that moved it and the
milestones behind them (``services.skill_growth.meeting_skills``). Activating a skill's
line selects it in the tree."""

from __future__ import annotations

from collections.abc import Callable

from okrdesk.domain.entities import Item, Meeting
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import tr
from okrdesk.gui.panes.editor import EditorPanel
from okrdesk.qt.core import Qt
from okrdesk.qt.gui import QFont
from okrdesk.qt.widgets import (
    QAbstractScrollArea,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)
from okrdesk.services.skill_growth import MeetingSkills, MovedSkill, StepMark, meeting_skills


def move_line(move: MovedSkill) -> str:
    line = tr("{skill}: level {before} → {after}").format(
        skill=move.name, before=move.before, after=move.after
    )
    if move.aim is not None:
        line += " · " + tr("aim {level}").format(level=move.aim)
    return line


def mark_line(mark: StepMark) -> str:
    parts = [
        mark.day.isoformat(),
        f"{'?' if mark.previous is None else mark.previous} → {mark.level}",
    ]
    if mark.milestone:
        parts.append(mark.milestone)
    if mark.note:
        parts.append(f"“{mark.note}”")
    if mark.notes:
        count = len(mark.notes)
        parts.append(tr("1 note") if count == 1 else tr("{count} notes").format(count=count))
    return "    " + " · ".join(parts)


def stretch_text(found: MeetingSkills) -> str:
    if found.since is not None:
        return tr("Skills that moved since the one-on-one of {meeting}.").format(
            meeting=found.since.label
        )
    if found.cycle is not None:
        return tr("Skills that moved in {cycle}.").format(cycle=found.cycle.name)
    return tr("Skills that moved up to this one-on-one.")


class SkillsMovedPanel(EditorPanel):
    """Development: which skills grew, to talk about them."""

    def __init__(self, controller: PlanController, select: Callable[[str], object]) -> None:
        super().__init__()
        self.controller = controller
        self.select = select
        self.found: MeetingSkills | None = None
        box = QGroupBox(tr("Development: skills that moved"), self)
        self.caption = QLabel(box)
        self.caption.setObjectName("skillsMovedCaption")
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setWordWrap(True)
        self.list = QListWidget(box)
        self.list.setObjectName("skillsMoved")
        self.list.setAccessibleName(tr("Skills that moved"))
        self.list.setToolTip(tr("Enter or double-click a skill to select it in the tree"))
        self.list.setWordWrap(True)
        # As tall as its lines, wrapped, up to a point: the page scrolls, not the list.
        self.list.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.list.setMaximumHeight(300)
        self.list.itemActivated.connect(self._activated)
        inner = QVBoxLayout(box)
        inner.addWidget(self.caption)
        inner.addWidget(self.list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(box)

    def show_record(self, record: Item) -> None:
        assert isinstance(record, Meeting)
        found = meeting_skills(self.controller.plan, record.id)
        self.found = found
        caption = stretch_text(found)
        if not found.moves:
            caption += " " + tr(
                "None yet: a level moves in the skill's form, or when a milestone is done."
            )
        self.caption.setText(caption)
        bold = QFont()
        bold.setBold(True)
        self.list.clear()
        for move in found.moves:
            head = QListWidgetItem(move_line(move), self.list)
            head.setData(Qt.ItemDataRole.UserRole, move.skill_id)
            head.setFont(bold)
            for mark in move.steps:
                step = QListWidgetItem(mark_line(mark), self.list)
                step.setData(Qt.ItemDataRole.UserRole, move.skill_id)
                step.setToolTip("\n".join(mark.notes))
        self.list.setVisible(bool(self.list.count()))

    def _activated(self, item: QListWidgetItem) -> None:
        self.select(str(item.data(Qt.ItemDataRole.UserRole)))
