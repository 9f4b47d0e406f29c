"""The close dialog: a guided pass over a cycle, a page per objective (the final score,
what comes next, a shortfall's cause, the learning) and then a page per mission it served
(how well it was served, the evidence, what to change). Save stores it all as one
undoable step (``services.cycle_close.CloseCycle``)."""

from __future__ import annotations

from datetime import date

from okrdesk.domain.entities import (
    Cycle,
    EvidenceLink,
    MissionEvaluation,
    ObjectiveClose,
    Stakeholder,
)
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import tr, translated
from okrdesk.gui.features.closing.pages import MissionPage, ObjectivePage, plain_label
from okrdesk.qt.widgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.cycle_close import CloseCycle
from okrdesk.services.errors import ValidationError
from okrdesk.services.retrospective import load_retrospective


def cycle_to_close(cycles: list[Cycle], chosen: str | None, today: date) -> Cycle | None:
    """The chosen cycle when it has ended, else the latest that has (else the chosen one)."""
    by_id = {c.id: c for c in cycles}
    current = by_id.get(chosen or "")
    if current is not None and current.end < today:
        return current
    ended = [c for c in cycles if c.end < today]
    if ended:
        return max(ended, key=lambda c: c.end)
    return current or (max(cycles, key=lambda c: c.end) if cycles else None)


class CloseCycleDialog(QDialog):
    def __init__(
        self,
        controller: PlanController,
        cycle_id: str | None,
        today: date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("closeCycleDialog")
        self.setWindowTitle(tr("Close the cycle"))
        self.controller = controller
        self.today = today
        self.saved = False
        cycles = sorted(controller.plan.all(Cycle), key=lambda c: c.start)
        self.cycle_box = QComboBox(self)
        self.cycle_box.setObjectName("closeCycleChoice")
        self.cycle_box.setAccessibleName(tr("Cycle to close"))
        for cycle in cycles:
            self.cycle_box.addItem(f"{cycle.name}  ({cycle.start} – {cycle.end})", cycle.id)
        start = cycle_to_close(cycles, cycle_id, today)
        if start is not None:
            self.cycle_box.setCurrentIndex(self.cycle_box.findData(start.id))
        self.step = QLabel(self)
        self.step.setObjectName("closeStep")
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Cycle"), self))
        top.addWidget(self.cycle_box, 1)
        top.addWidget(self.step)
        self.pages = QStackedWidget(self)
        self.error = plain_label("", self, name="fieldError")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.back = QPushButton(tr("Back"), self)
        self.back.setObjectName("closeBack")
        self.next = QPushButton(tr("Next"), self)
        self.next.setObjectName("closeNext")
        self.save = QPushButton(tr("Save"), self)
        self.save.setObjectName("closeSave")
        for button in (self.back, self.next, self.save):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.back.clicked.connect(lambda: self.go(-1))
        self.next.clicked.connect(lambda: self.go(1))
        self.save.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.cycle_box.currentIndexChanged.connect(self.load)
        self.resize(900, 560)
        self.load()

    # -- pages ------------------------------------------------------------------------------

    def load(self) -> None:
        """One page per objective, then one per mission, of the chosen cycle."""
        while (page := self.pages.widget(0)) is not None:
            self.pages.removeWidget(page)
            page.deleteLater()
        self.objective_pages: list[ObjectivePage] = []
        self.mission_pages: list[MissionPage] = []
        cycle_id = self.cycle_box.currentData()
        if cycle_id is not None:
            retro = load_retrospective(self.controller.plan, str(cycle_id))
            for review in retro.objectives:
                page = ObjectivePage(review, self.today, retro.growth_notes, self.pages)
                # A sentence about the reason goes once the reason is being typed.
                page.reason.textChanged.connect(self.error.hide)
                self.objective_pages.append(page)
            plan = self.controller.plan
            for mission in retro.missions:
                found = plan.find(Stakeholder, mission.mission.stakeholder_id or "")
                who = "" if found is None else found.name
                self.mission_pages.append(MissionPage(mission, retro.cycle.id, who, self.pages))
        for page in (*self.objective_pages, *self.mission_pages):
            self.pages.addWidget(page)
        if not self.pages.count():
            self.pages.addWidget(
                plain_label(tr("This cycle has no objective of yours to close."), self.pages)
            )
        self.error.hide()
        self.show_page(0)

    def show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)
        page = self.pages.currentWidget()
        if isinstance(page, MissionPage):
            scores = {
                p.review.objective.id: round(p.score.value(), 2) for p in self.objective_pages
            }
            page.show_scores(scores)
        total = len(self.objective_pages) + len(self.mission_pages)
        objectives = len(self.objective_pages)
        if index < objectives:
            text = tr("Objective {n} of {total}").format(n=index + 1, total=objectives)
        elif total:
            text = tr("Mission {n} of {total}").format(
                n=index - objectives + 1, total=len(self.mission_pages)
            )
        else:
            text = ""
        self.step.setText(text)
        self.back.setEnabled(index > 0)
        last = index >= total - 1
        self.next.setVisible(not last)
        self.save.setVisible(last and total > 0)
        self.save.setDefault(last)
        self.next.setDefault(not last)

    def go(self, step: int) -> None:
        index = self.pages.currentIndex()
        if step > 0 and not self._page_ok(index):
            return
        self.error.hide()
        self.show_page(max(0, min(index + step, self.pages.count() - 1)))

    def _page_ok(self, index: int) -> bool:
        """Check the objective page before leaving it, so a problem shows where it is."""
        if index >= len(self.objective_pages):
            return True
        from okrdesk.domain.validation import validate

        try:
            validate(self.objective_pages[index].record())
        except ValidationError as error:
            self.show_error(error)
            return False
        return True

    def show_error(self, error: ValidationError) -> None:
        self.error.setText(translated(error.message))
        self.error.show()

    # -- saving ------------------------------------------------------------------------------

    def operation(self) -> CloseCycle:
        closes: list[ObjectiveClose] = [page.record() for page in self.objective_pages]
        evaluations: list[MissionEvaluation] = []
        evidence: list[EvidenceLink] = []
        for page in self.mission_pages:
            evaluation = page.record()
            evaluations.append(evaluation)
            evidence.extend(page.evidence_links(evaluation))
        cycle_id = str(self.cycle_box.currentData())
        return CloseCycle(cycle_id, tuple(closes), tuple(evaluations), tuple(evidence))

    def accept(self) -> None:
        """Store the close as one undoable step; a refusal shows its page and sentence."""
        for index in range(len(self.objective_pages)):
            if not self._page_ok(index):
                self.show_page(index)
                return
        try:
            self.controller.run(self.operation())
        except ValidationError as error:
            self.show_error(error)
            return
        self.saved = True
        super().accept()
