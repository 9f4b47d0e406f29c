"""“Did a skill's level move?”, asked once when a milestone whose growth path picks skills
is marked done (its Done on set in the form, or ticked anywhere else), before “What did you
learn?”.

A small non-modal dialog: each of the milestone's skills with its level now and a spin box
for the new one, with the person's line on what that level means. OK moves the levels that
changed (``services.skills.level_moved``, with the milestone and the day it was done) as
one undo step; No, Esc or closing it leaves every level as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from okrdesk.domain.entities import SKILL_LEVELS, Milestone, MilestoneSkill, Skill
from okrdesk.domain.validation import ValidationError
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr, translated
from okrdesk.gui.panes.fields import guard_wheel
from okrdesk.qt.core import Qt
from okrdesk.qt.widgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.errors import ItemNotFound
from okrdesk.services.operations import Operation, Steps
from okrdesk.services.skills import level_moved

if TYPE_CHECKING:
    from okrdesk.gui.features.base import Shell

LEVELS_TITLE = QT_TR_NOOP("Did a skill's level move?")


def _plain(text: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)  # skill names are the person's text
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


class LevelsDialog(QDialog):
    """The milestone's skills, each with its level now and the level it has moved to."""

    def __init__(
        self,
        controller: PlanController,
        milestone: Milestone,
        skills: list[Skill],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.milestone = milestone
        self.skills = skills
        self.setObjectName("levelsDialog")
        self.setWindowTitle(tr(LEVELS_TITLE))
        self.setMinimumWidth(480)
        intro = _plain(
            tr("“{title}” is done. {question}").format(
                title=milestone.title, question=tr(LEVELS_TITLE)
            ),
            self,
            "editorTitle",
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(3, 3)
        for column, heading in enumerate((tr("Skill"), tr("Level now"), tr("Moved to"))):
            grid.addWidget(_plain(heading, self, "kindLabel"), 0, column)
        self.boxes: dict[str, QSpinBox] = {}
        self.meanings: dict[str, QLabel] = {}
        for row, skill in enumerate(skills, start=1):
            self._add_row(grid, row, skill)
        self.error = _plain("", self, "fieldError")
        self.error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Record the levels"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("No"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        if skills:
            self.boxes[skills[0].id].setFocus()

    def _add_row(self, grid: QGridLayout, row: int, skill: Skill) -> None:
        name = _plain(skill.name, self)
        now = _plain(str(skill.level), self)
        now.setAlignment(Qt.AlignmentFlag.AlignCenter)
        box = QSpinBox(self)
        box.setRange(min(SKILL_LEVELS), max(SKILL_LEVELS))
        box.setValue(skill.level)
        box.setAccessibleName(tr("New level of {skill}").format(skill=skill.name))
        guard_wheel(box)
        name.setBuddy(box)
        meaning = _plain("", self, "unitLabel")
        box.valueChanged.connect(lambda level, s=skill, m=meaning: m.setText(s.meaning_of(level)))
        meaning.setText(skill.meaning_of(skill.level))
        grid.addWidget(name, row, 0)
        grid.addWidget(now, row, 1)
        grid.addWidget(box, row, 2)
        grid.addWidget(meaning, row, 3)
        self.boxes[skill.id] = box
        self.meanings[skill.id] = meaning

    def moved(self) -> list[tuple[Skill, int]]:
        """The skills whose level the person changed, with the new level."""
        return [
            (skill, self.boxes[skill.id].value())
            for skill in self.skills
            if self.boxes[skill.id].value() != skill.level
        ]

    def step(self) -> Steps:
        """Every level moved, one undo step; the milestone stays selected."""
        plan = self.controller.plan
        day = self.milestone.done_on
        assert day is not None
        moves: tuple[Operation, ...] = tuple(
            level_moved(plan, skill.id, level, day, milestone_id=self.milestone.id)
            for skill, level in self.moved()
        )
        label = tr("Skill levels moved with “{title}”").format(title=self.milestone.title)
        return Steps(label, moves, focus=self.milestone.id)

    def accept(self) -> None:
        try:
            step = self.step()
            if step.steps:
                self.controller.run(step)
        except ValidationError as error:
            self.error.setText(translated(error.message))
            self.error.show()
            return
        except ItemNotFound:
            self.error.setText(tr("A skill or the milestone was deleted meanwhile."))
            self.error.show()
            return
        super().accept()


class SkillPrompt:
    """Opens the levels dialog for a milestone just done, when its growth path picks
    skills (``LearnPrompt`` asks it first: see ``ask``)."""

    def __init__(self, shell: Shell) -> None:
        self.shell = shell
        self.enabled = True
        self.dialog: LevelsDialog | None = None

    def ask(self, milestone_id: str, then: Callable[[], object]) -> bool:
        """Ask about the milestone's skills, and call ``then`` once the dialog is closed;
        False (and nothing asked) when the milestone picks no skill."""
        plan = self.shell.controller.plan
        milestone = plan.find(Milestone, milestone_id)
        links = plan.where(MilestoneSkill, milestone_id=milestone_id)
        skills = [s for link in links if (s := plan.find(Skill, link.skill_id)) is not None]
        if not self.enabled or milestone is None or milestone.done_on is None or not skills:
            return False
        dialog = LevelsDialog(self.shell.controller, milestone, skills, self.shell.widget)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setModal(False)
        dialog.finished.connect(lambda _result: then())
        dialog.show()
        self.dialog = dialog
        return True
