"""The pages of the close dialog: one per objective (its score, what comes next, the
cause of a shortfall, the learning, with the cycle's growth notes beside), one per mission
(a rating, the evidence with what it cites, what to change).

Each page starts from the draft the services give (an earlier close, else the proposed
score) and turns its fields back into a record; nothing is written here.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from okrdesk.domain.entities import (
    MISSION_RATINGS,
    EvidenceLink,
    GrowthNote,
    MissionEvaluation,
    ObjectiveClose,
)
from okrdesk.domain.enums import CloseDecision, ObjectiveKind, ShortfallCause
from okrdesk.domain.retrospective import CAUSE_LABELS, DECISION_LABELS, needs_cause
from okrdesk.domain.scoring import score_band
from okrdesk.gui.core.i18n import tr, translated
from okrdesk.qt.core import Qt
from okrdesk.qt.widgets import (
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.retrospective import (
    MissionReview,
    ObjectiveReview,
    draft_close,
    draft_evaluation,
)

NOTE_KIND_ROLE = Qt.ItemDataRole.UserRole + 1


def plain_label(text: str, parent: QWidget, *, name: str = "") -> QLabel:
    """A label showing ``text`` as typed (user text is never read as rich text)."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def line_edit(text: str, name: str, placeholder: str, parent: QWidget) -> QLineEdit:
    """A one-line field showing the start of ``text`` (not its end, as Qt does)."""
    edit = QLineEdit(text, parent)
    edit.setObjectName(name)
    edit.setPlaceholderText(placeholder)
    edit.setCursorPosition(0)
    return edit


def _score_text(score: float | None) -> str:
    return "—" if score is None else f"{score:.2f}"


def notes_list(notes: tuple[GrowthNote, ...], own: set[str], parent: QWidget) -> QListWidget:
    """The cycle's growth notes, oldest first, the objective's own (ids in ``own``) in bold,
    the whole note as its tooltip."""
    shown = QListWidget(parent)
    shown.setObjectName("closeGrowthNotes")
    shown.setAccessibleName(tr("Growth notes of this cycle"))
    shown.setWordWrap(True)
    for note in notes:
        row = QListWidgetItem(f"{note.date.isoformat()} · {note.text.strip()}", shown)
        row.setToolTip(note.text)
        row.setFlags(Qt.ItemFlag.ItemIsEnabled)
        if note.id in own:
            font = row.font()
            font.setBold(True)
            row.setFont(font)
    if not notes:
        row = QListWidgetItem(tr("No growth note this cycle."), shown)
        row.setFlags(Qt.ItemFlag.NoItemFlags)
    return shown


def page_title(text: str, parent: QWidget) -> QLabel:
    title = plain_label(text, parent, name="closePageTitle")
    font = title.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.2)
    title.setFont(font)
    return title


class ObjectivePage(QWidget):
    def __init__(
        self,
        review: ObjectiveReview,
        closed_on: date,
        cycle_notes: tuple[GrowthNote, ...],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("closeObjectivePage")
        self.review = review
        self.draft = replace(draft_close(review, closed_on), closed_on=closed_on)
        kind = (
            tr("Committed objective.")
            if review.objective.kind is ObjectiveKind.COMMITTED
            else tr("Aspirational objective: 0.6 to 0.7 is a good score.")
            if review.objective.kind is ObjectiveKind.ASPIRATIONAL
            else tr("Development objective: growth is a stretch, 0.6 to 0.7 is a good score.")
        )
        left = QVBoxLayout()
        left.addWidget(page_title(review.objective.title, self))
        left.addWidget(plain_label(self._proposed_text(kind), self, name="closeProposed"))
        left.addWidget(plain_label(self._results_text(), self, name="closeKeyResults"))
        left.addLayout(self._form())
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(plain_label(tr("Growth notes this cycle (this objective's in bold)"), self))
        own = {note.id for note in review.growth_notes}
        right.addWidget(notes_list(cycle_notes, own, self), 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        self.score.valueChanged.connect(self._update)
        self._update()

    def _form(self) -> QFormLayout:
        """The fields, each starting from the draft."""
        draft = self.draft
        self.score = QDoubleSpinBox(self)
        self.score.setObjectName("closeScore")
        self.score.setRange(0.0, 1.0)
        self.score.setDecimals(2)
        self.score.setSingleStep(0.05)
        self.score.setValue(draft.score)
        self.band = plain_label("", self, name="closeBand")
        score_row = QHBoxLayout()
        score_row.addWidget(self.score)
        score_row.addWidget(self.band, 1)
        self.reason = line_edit(
            draft.reason, "closeReason", tr("Why the score differs from the proposed one"), self
        )
        self.decision_why = line_edit(
            draft.decision_why, "closeDecisionWhy", tr("In one line: why"), self
        )
        self.cause = QComboBox(self)
        self.cause.setObjectName("closeCause")
        self.cause.addItem(tr("Choose the main cause"), None)
        for cause, label in CAUSE_LABELS.items():
            self.cause.addItem(translated(label).capitalize(), cause.value)
        if draft.cause is not None:
            self.cause.setCurrentIndex(self.cause.findData(draft.cause.value))
        self.cause_text = line_edit(draft.cause_text, "closeCauseText", tr("In your words"), self)
        self.cause_label = QLabel(tr("Main cause"), self)
        self.learned = line_edit(
            draft.learned, "closeLearned", tr("…carry it into the next cycle"), self
        )
        form = QFormLayout()
        form.addRow(tr("Final score"), score_row)
        form.addRow(tr("Reason"), self.reason)
        form.addRow(tr("Next cycle"), self._decision_row())
        form.addRow(tr("Why"), self.decision_why)
        form.addRow(self.cause_label, self.cause)
        form.addRow("", self.cause_text)
        form.addRow(tr("I learned that…"), self.learned)
        return form

    def _decision_row(self) -> QHBoxLayout:
        self.decisions = QButtonGroup(self)
        row = QHBoxLayout()
        for decision in CloseDecision:
            button = QRadioButton(translated(DECISION_LABELS[decision]).capitalize(), self)
            button.setObjectName(f"closeDecision_{decision.value}")
            button.setChecked(decision is self.draft.decision)
            self.decisions.addButton(button)
            row.addWidget(button)
        row.addStretch(1)
        return row

    def _proposed_text(self, kind: str) -> str:
        if self.review.proposed is None:
            return kind + " " + tr("It has no key result to score by.")
        band = score_band(self.review.proposed, self.review.objective.kind).label
        return (
            kind
            + " "
            + tr("The last check-ins propose {score} ({band}).").format(
                score=_score_text(self.review.proposed), band=tr(band)
            )
        )

    def _results_text(self) -> str:
        lines = []
        for end in self.review.key_results:
            kr = end.key_result
            value = tr("no check-in") if end.value is None else f"{end.value:g} {kr.unit}".strip()
            progress = "" if end.progress is None else f" ({round(end.progress * 100)} %)"
            lines.append(f"· {kr.title}: {value}{progress}")
        return "\n".join(lines)

    def _update(self) -> None:
        score = self.score.value()
        self.band.setText(tr(score_band(score, self.review.objective.kind).label))
        adjusted = replace(self.draft, score=score).adjusted and self.review.proposed is not None
        self.reason.setEnabled(adjusted)
        short = needs_cause(score)
        for widget in (self.cause_label, self.cause, self.cause_text):
            widget.setVisible(short)

    def record(self) -> ObjectiveClose:
        """The close as the page says it (checked when stored)."""
        checked = self.decisions.checkedButton()
        name = "" if checked is None else checked.objectName().removeprefix("closeDecision_")
        decision = CloseDecision(name) if name else CloseDecision.KEEP
        score = round(self.score.value(), 2)
        short = needs_cause(score)
        cause = self.cause.currentData() if short else None
        close = replace(
            self.draft,
            score=score,
            decision=decision,
            decision_why=self.decision_why.text().strip(),
            cause=None if cause is None else ShortfallCause(cause),
            cause_text=self.cause_text.text().strip() if short else "",
            learned=self.learned.text().strip(),
        )
        reason = self.reason.text().strip() if close.adjusted else ""
        return replace(close, reason=reason)


class MissionPage(QWidget):
    def __init__(
        self,
        review: MissionReview,
        cycle_id: str,
        stakeholder: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("closeMissionPage")
        self.review = review
        self.draft = draft_evaluation(review, cycle_id)
        title = page_title(review.mission.title, self)
        asked = (
            tr("How well did this cycle's work serve {who}?").format(who=stakeholder)
            if stakeholder
            else tr("How well did this cycle's work serve the people this mission is for?")
        )
        question = plain_label(asked, self)
        self.served = plain_label("", self, name="closeServedBy")
        self.show_scores({})
        self.rating = QComboBox(self)
        self.rating.setObjectName("closeRating")
        for number, label in MISSION_RATINGS.items():
            self.rating.addItem(f"{number} · {translated(label)}", number)
        self.rating.setCurrentIndex(self.rating.findData(self.draft.rating))
        self.evidence = QPlainTextEdit(self.draft.evidence, self)
        self.evidence.setObjectName("closeEvidence")
        self.evidence.setPlaceholderText(tr("Feedback received, outcomes reached"))
        self.evidence.setTabChangesFocus(True)
        self.cited = self._cited_list()
        self.change = line_edit(
            self.draft.change, "closeChange", tr("What to do differently for this mission"), self
        )
        form = QFormLayout()
        form.addRow(tr("Rating"), self.rating)
        form.addRow(tr("Evidence"), self.evidence)
        form.addRow(tr("What to change"), self.change)
        left = QVBoxLayout()
        left.addWidget(title)
        left.addWidget(question)
        left.addWidget(self.served)
        left.addLayout(form, 1)
        right = QVBoxLayout()
        right.addWidget(QLabel(tr("Behind the evidence"), self))
        right.addWidget(self.cited, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)

    def show_scores(self, scores: dict[str, float]) -> None:
        """The objectives that served the mission with their scores (those of the pages
        before, as the person set them, where given)."""
        lines = [tr("Served by:")]
        for objective in self.review.objectives:
            score = scores.get(objective.objective.id, objective.score)
            lines.append(f"· {objective.objective.title}: {_score_text(score)}")
        self.served.setText("\n".join(lines))

    def _cited_list(self) -> QListWidget:
        """The key results and growth notes behind the mission's objectives, to tick."""
        shown = QListWidget(self)
        shown.setObjectName("closeCited")
        shown.setAccessibleName(tr("Key results and growth notes behind the evidence"))
        shown.setWordWrap(True)
        shown.setSpacing(3)
        earlier = {link.key_result_id or link.growth_note_id for link in self.review.evidence}
        for objective in self.review.objectives:
            for end in objective.key_results:
                self._add_cited(shown, end.key_result.title, "kr", end.key_result.id, earlier)
            for note in objective.growth_notes:
                text = f"✎ {note.text.strip()}"
                self._add_cited(shown, text, "note", note.id, earlier)
        return shown

    @staticmethod
    def _add_cited(
        shown: QListWidget, text: str, kind: str, item_id: str, earlier: set[str | None]
    ) -> None:
        row = QListWidgetItem(text, shown)
        row.setToolTip(text)
        row.setData(Qt.ItemDataRole.UserRole, item_id)
        row.setData(NOTE_KIND_ROLE, kind)
        row.setFlags(row.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        checked = item_id in earlier
        row.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def record(self) -> MissionEvaluation:
        return replace(
            self.draft,
            rating=int(self.rating.currentData()),
            evidence=self.evidence.toPlainText().strip(),
            change=self.change.text().strip(),
        )

    def evidence_links(self, evaluation: MissionEvaluation) -> list[EvidenceLink]:
        links = []
        for row in range(self.cited.count()):
            item = self.cited.item(row)
            if item.checkState() != Qt.CheckState.Checked:
                continue
            item_id = str(item.data(Qt.ItemDataRole.UserRole))
            if item.data(NOTE_KIND_ROLE) == "kr":
                links.append(EvidenceLink(evaluation_id=evaluation.id, key_result_id=item_id))
            else:
                links.append(EvidenceLink(evaluation_id=evaluation.id, growth_note_id=item_id))
        return links
