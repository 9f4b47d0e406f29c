"""Cycle ▸ Copy to next cycle: choose objectives and a cycle; the copies (with key results
and milestones, baselines from the last check-ins) go in as one undoable step."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from okrdesk.domain.entities import Cycle, Objective
from okrdesk.gui.core.i18n import tr, translated
from okrdesk.qt.core import Qt
from okrdesk.qt.widgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.next_cycle import CycleCopy, default_selection, plan_copy
from okrdesk.services.operations import AddRecords

if TYPE_CHECKING:
    from okrdesk.gui.core.controller import PlanController


def copy_operation(copied: CycleCopy) -> AddRecords:
    """The copies as one undoable step: undo removes exactly the records it added."""
    n = len(copied.objectives)
    text = tr("Copy 1 objective to {cycle}") if n == 1 else tr("Copy {count} objectives to {cycle}")
    first = copied.objectives[0].id if copied.objectives else None
    label = text.format(count=n, cycle=copied.cycle.name)
    return AddRecords(label, tuple(copied.records), focus=first)


def next_cycle_after(cycles: Sequence[Cycle], cycle_id: str | None) -> Cycle | None:
    """The cycle that starts after ``cycle_id``'s (else the latest other one)."""
    ordered = sorted(cycles, key=lambda c: c.start)
    current = next((c for c in ordered if c.id == cycle_id), None)
    if current is not None:
        later = [c for c in ordered if c.start > current.start]
        if later:
            return later[0]
    others = [c for c in ordered if c.id != cycle_id]
    return others[-1] if others else None


def _source_cycle(controller: PlanController, chosen: Sequence[str]) -> str | None:
    """The cycle copied from: the window's, else the first chosen objective's."""
    source_cycle = controller.cycle_id
    if source_cycle is None and chosen:
        found = controller.plan.find(Objective, chosen[0])
        source_cycle = None if found is None else found.cycle_id
    return source_cycle


class NextCycleDialog(QDialog):
    def __init__(
        self,
        controller: PlanController,
        chosen: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("nextCycleDialog")
        self.setWindowTitle(tr("Copy to next cycle"))
        self.controller = controller
        cycles = sorted(controller.plan.all(Cycle), key=lambda c: c.start)
        source_cycle = _source_cycle(controller, chosen)
        # Made in this order, which is the focus chain: the list, the cycle, the buttons.
        intro = self._make_intro()
        self.objectives = self._make_objective_list(cycles, source_cycle, chosen)
        self.cycle_box = self._make_cycle_box(cycles, source_cycle)
        self.error = self._make_error()
        buttons = self._make_buttons()
        form = QFormLayout()
        form.addRow(tr("Copy to"), self.cycle_box)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.objectives, 1)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, 440)
        self.copied: CycleCopy | None = None

    def _make_intro(self) -> QLabel:
        intro = QLabel(
            tr(
                "The copies keep their missions, alignment and the missions that serve them. "
                "Each key result starts from its last checked-in value; no check-ins, growth "
                "notes or done dates are copied."
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        return intro

    def _make_objective_list(
        self, cycles: Sequence[Cycle], source_cycle: str | None, chosen: Sequence[str]
    ) -> QListWidget:
        """The live objectives of the source cycle (all of them without one), the chosen
        ones ticked."""
        plan = self.controller.plan
        names = {c.id: c.name for c in cycles}
        objectives = QListWidget(self)
        objectives.setObjectName("copyObjectives")
        objectives.setAccessibleName(tr("Objectives to copy"))
        # A closed cycle offers what its close kept or changed (issue 21).
        defaults = set(chosen) if chosen else set(default_selection(plan, source_cycle))
        for objective in plan.all(Objective):
            if objective.archived:
                continue
            if source_cycle is not None and objective.cycle_id != source_cycle:
                continue
            cycle_name = names.get(objective.cycle_id or "") or tr("no cycle")
            row = QListWidgetItem(f"{objective.title}  ({cycle_name})", objectives)
            row.setData(Qt.ItemDataRole.UserRole, objective.id)
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            wanted = objective.id in defaults
            row.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)
        return objectives

    def _make_cycle_box(self, cycles: Sequence[Cycle], source_cycle: str | None) -> QComboBox:
        """Every cycle, the one after the source cycle chosen."""
        box = QComboBox(self)
        box.setObjectName("copyCycle")
        box.setAccessibleName(tr("Copy to cycle"))
        for cycle in cycles:
            box.addItem(f"{cycle.name}  ({cycle.start} – {cycle.end})", cycle.id)
        target = next_cycle_after(cycles, source_cycle)
        if target is not None:
            box.setCurrentIndex(box.findData(target.id))
        return box

    def _make_error(self) -> QLabel:
        """Where a refused copy says why (hidden until then)."""
        error = QLabel(self)
        error.setObjectName("fieldError")
        error.setTextFormat(Qt.TextFormat.PlainText)
        error.setWordWrap(True)
        error.hide()
        return error

    def _make_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(tr("Copy"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    def chosen_ids(self) -> list[str]:
        found = []
        for row in range(self.objectives.count()):
            item = self.objectives.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                found.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return found

    def set_checked(self, objective_ids: Sequence[str]) -> None:
        for row in range(self.objectives.count()):
            item = self.objectives.item(row)
            wanted = item.data(Qt.ItemDataRole.UserRole) in objective_ids
            item.setCheckState(Qt.CheckState.Checked if wanted else Qt.CheckState.Unchecked)

    def accept(self) -> None:
        """Copy as one undoable step; a refusal is shown in the dialog, which stays open."""
        from okrdesk.services.errors import ValidationError

        cycle_id = self.cycle_box.currentData()
        try:
            if cycle_id is None:
                raise ValidationError("cycle_id", tr("Add the next cycle first (Edit ▸ Add)."))
            copied = plan_copy(self.controller.plan, self.chosen_ids(), cycle_id)
            self.controller.run(copy_operation(copied))
        except ValidationError as error:
            self.error.setText(translated(error.message))
            self.error.show()
            return
        self.copied = copied
        super().accept()
