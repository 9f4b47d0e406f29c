"""The Coach panel: every finding in the plan, grouped by item or by rule, sortable.

Double-click a finding (or its item) to select the item in the tree. A finding that does
not apply can be dismissed with a reason (one undoable step); "Show dismissed" brings the
dismissed ones back into the list, greyed, with their reason, to restore them. The plan's
strength and the selected objective's are shown on top, and under them which items the coach
leaves out and why (a team's imported objectives, items owned by others).

``Coach.install`` (feature.py) adds the dock (View ▸ Coach, F7), the editor panels, the tree badges
and a status bar button, and keeps them all fresh after every change.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING

from okrdesk.domain.coach import RULES, Finding, Review, Severity, coverage_summary
from okrdesk.domain.entities import KeyResult, Milestone, Mission, Objective
from okrdesk.domain.messages import Message
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr, translated
from okrdesk.gui.features.coach import actions as coach_actions
from okrdesk.gui.features.coach.findings import (
    SEVERITY_MARKS,
    SEVERITY_ORDER,
    SEVERITY_WORDS,
)
from okrdesk.gui.features.coach.state import Badge, CoachState
from okrdesk.gui.features.coach.wording import fix_text, rule_reason, why_text
from okrdesk.qt.core import QModelIndex, QSortFilterProxyModel, Qt
from okrdesk.qt.gui import (
    QBrush,
    QFont,
    QShowEvent,
    QStandardItem,
    QStandardItemModel,
)
from okrdesk.qt.widgets import (
    QAbstractItemView,
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.coach import strength_text
from okrdesk.services.outline import NodeKind

if TYPE_CHECKING:
    from okrdesk.gui.features.base import Shell

COACHED_TYPES = (Mission, Objective, KeyResult, Milestone)
SHORTCUT = "F7"
# A review that found nothing of the person's to check has no strength (never "100 %").
NOTHING_TO_CHECK = QT_TR_NOOP("Nothing to check yet")


class Column(IntEnum):
    FINDING = 0
    SEVERITY = 1
    RULE = 2


class Grouping(IntEnum):
    ITEM = 0
    RULE = 1


class DataRole(IntEnum):
    SORT = Qt.ItemDataRole.UserRole + 20
    ITEM_ID = Qt.ItemDataRole.UserRole + 21
    RULE_ID = Qt.ItemDataRole.UserRole + 22
    # The row's finding: its index in CoachPanel.rows (-1 for a group row).
    ROW = Qt.ItemDataRole.UserRole + 23


@dataclass(frozen=True)
class Row:
    finding: Finding
    dismissed: bool
    dismissal_reason: str
    order: int


def severity_rank(finding: Finding) -> int:
    return SEVERITY_ORDER[finding.severity]


class CoachPanel(QWidget):
    def __init__(
        self,
        state: CoachState,
        controller: PlanController,
        shell: Shell,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.controller = controller
        self.shell = shell
        self.setObjectName("coachPanel")
        self.rows: list[Row] = []
        self.selected_objective: str | None = None
        self._stale = True

        self.strength = self._build_strength()
        self.coverage = self._build_coverage()
        controls = self._build_controls()
        self.model, self.proxy, self.view = self._build_view()
        side = self._build_side()
        self._build_layout(controls, side)
        self._connect()
        self.rebuild()

    def _build_strength(self) -> QLabel:
        strength = QLabel(self)
        strength.setObjectName("coachStrength")
        strength.setTextFormat(Qt.TextFormat.PlainText)
        strength.setWordWrap(True)
        strength.setToolTip(
            tr(
                "Strength: (rules passed + half the warnings) / rules checked. "
                "Advice (info) counts as passed; a dismissed finding too."
            )
        )
        return strength

    def _build_coverage(self) -> QLabel:
        coverage = QLabel(self)
        coverage.setObjectName("coachCoverage")
        coverage.setTextFormat(Qt.TextFormat.PlainText)
        coverage.setWordWrap(True)
        coverage.setStyleSheet("color: palette(placeholder-text);")
        coverage.hide()
        return coverage

    def _build_controls(self) -> QHBoxLayout:
        """The grouping and "Show dismissed" (``self.grouping``, ``self.show_dismissed``)."""
        self.grouping = QComboBox(self)
        self.grouping.setAccessibleName(tr("Group findings by"))
        self.grouping.addItem(tr("By item"), Grouping.ITEM)
        self.grouping.addItem(tr("By rule"), Grouping.RULE)
        self.show_dismissed = QCheckBox(tr("Show dismissed"), self)
        self.show_dismissed.setToolTip(tr("List the findings you dismissed too, to restore them"))
        controls = QHBoxLayout()
        controls.setContentsMargins(0, 0, 0, 0)
        group_label = QLabel(tr("Group"), self)
        group_label.setBuddy(self.grouping)
        controls.addWidget(group_label)
        controls.addWidget(self.grouping)
        controls.addStretch(1)
        controls.addWidget(self.show_dismissed)
        return controls

    def _build_view(self) -> tuple[QStandardItemModel, QSortFilterProxyModel, QTreeView]:
        model = QStandardItemModel(0, len(Column), self)
        model.setHorizontalHeaderLabels([tr("Finding"), tr("Severity"), tr("Rule")])
        proxy = QSortFilterProxyModel(self)
        proxy.setSourceModel(model)
        proxy.setSortRole(DataRole.SORT)
        view = QTreeView(self)
        view.setObjectName("coachFindings")
        view.setAccessibleName(tr("Coach findings"))
        view.setModel(proxy)
        view.setSortingEnabled(True)
        view.sortByColumn(Column.SEVERITY, Qt.SortOrder.AscendingOrder)
        view.setUniformRowHeights(True)
        view.setAlternatingRowColors(True)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.FINDING, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(Column.SEVERITY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.RULE, QHeaderView.ResizeMode.ResizeToContents)
        return model, proxy, view

    def _build_side(self) -> QVBoxLayout:
        """The selected finding's detail (``self.detail``) over the buttons acting on it."""
        self.detail = QLabel(self)
        self.detail.setObjectName("coachDetail")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setMinimumHeight(48)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.go_button = QPushButton(tr("Go to item"), self)
        self.go_button.setToolTip(tr("Select the finding's item in the tree (or double-click)"))
        self.dismiss_button = QPushButton(tr("Dismiss…"), self)
        self.dismiss_button.setToolTip(
            tr("It does not apply here: say why, and hide it (undoable)")
        )
        self.restore_button = QPushButton(tr("Restore"), self)
        self.restore_button.setToolTip(tr("Show this dismissed finding again (undoable)"))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.go_button)
        buttons.addStretch(1)
        buttons.addWidget(self.dismiss_button)
        buttons.addWidget(self.restore_button)
        side = QVBoxLayout()
        side.setContentsMargins(0, 0, 0, 0)
        side.addWidget(self.detail, 1)
        side.addLayout(buttons)
        return side

    def _build_layout(self, controls: QHBoxLayout, side: QVBoxLayout) -> None:
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.strength, 1)
        top.addLayout(controls)
        # Side by side when the dock is wide (at the bottom), one above the other when it
        # is tall (at a side): see set_wide.
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.addWidget(self.view, 3)
        self.body.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addLayout(top)
        layout.addWidget(self.coverage)
        layout.addLayout(self.body, 1)

    def _connect(self) -> None:
        self.grouping.currentIndexChanged.connect(lambda _row: self.rebuild())
        self.show_dismissed.toggled.connect(lambda _on: self.rebuild())
        self.view.doubleClicked.connect(self._activated)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._show_detail())
        self.go_button.clicked.connect(lambda: self._activated(self.view.currentIndex()))
        self.dismiss_button.clicked.connect(self.dismiss_current)
        self.restore_button.clicked.connect(self.restore_current)
        self.state.updated.connect(self.rebuild)

    def set_wide(self, wide: bool) -> None:
        self.body.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        self.body.setStretch(1, 2 if wide else 0)

    # -- building the list ----------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.rebuild()

    def rebuild(self) -> None:
        if not self.isVisible():
            # A large plan has a thousand findings: list them when someone looks.
            self._stale = True
            return
        self._stale = False
        kept = self.current_key()
        result = self.state.result
        self.rows = []
        if result is not None:
            order = 0
            for finding in result.review.findings:
                self.rows.append(Row(finding, False, "", order))
                order += 1
            if self.show_dismissed.isChecked():
                for finding in result.review.dismissed:
                    found = result.dismissal(finding.rule_id, finding.item_id)
                    reason = "" if found is None else found.reason
                    self.rows.append(Row(finding, True, reason, order))
                    order += 1
        self._fill()
        self.view.expandAll()
        self._restore_current(kept)
        self._show_strength()
        self._show_coverage()
        self._show_detail()

    def _fill(self) -> None:
        self.model.removeRows(0, self.model.rowCount())
        grouping = Grouping(self.grouping.currentData())
        self.model.setHorizontalHeaderLabels(
            [tr("Finding"), tr("Severity"), tr("Rule") if grouping is Grouping.ITEM else tr("Kind")]
        )
        groups: dict[str, list[int]] = {}
        for number, row in enumerate(self.rows):
            key = row.finding.item_id if grouping is Grouping.ITEM else row.finding.rule_id
            groups.setdefault(key, []).append(number)
        root = self.model.invisibleRootItem()
        for key, numbers in groups.items():
            group = self._group_cells(grouping, key, [self.rows[n] for n in numbers])
            for number in numbers:
                group[0].appendRow(self._finding_cells(grouping, number))
            root.appendRow(group)

    def _group_cells(self, grouping: Grouping, key: str, members: list[Row]) -> list[QStandardItem]:
        """A group's row: its item or rule, shown at the worst severity still live in it."""
        live = [r for r in members if not r.dismissed] or members
        worst = min(live, key=lambda r: severity_rank(r.finding))
        first = members[0].finding
        count = len(members)
        if grouping is Grouping.ITEM:
            title = first.item_title or tr("(untitled)")
            group_text = (
                tr("{title}  ({kind}) · 1 finding")
                if count == 1
                else tr("{title}  ({kind}) · {count} findings")
            ).format(title=title, kind=first.item_type, count=count)
            group_tip = f"{first.item_type.capitalize()}: {title}"
        else:
            rule = RULES[key]
            # The count first: the reason is long and is cut at the column's end.
            reason = rule_reason(rule)
            group_text = f"{key} ×{count}: {reason}"
            group_tip = fix_tip(reason, translated(Message(rule.fix)))
        group = self._cells(
            group_text,
            worst.finding.severity,
            "",
            sort_order=worst.order,
            tip=group_tip,
            item_id=first.item_id if grouping is Grouping.ITEM else "",
            rule_id=key if grouping is Grouping.RULE else "",
            row=-1,
            dismissed=all(r.dismissed for r in members),
        )
        group[0].setFont(_bold())
        return group

    def _finding_cells(self, grouping: Grouping, number: int) -> list[QStandardItem]:
        """One finding's row in its group: what the group does not already say."""
        row = self.rows[number]
        finding = row.finding
        if grouping is Grouping.ITEM:
            text, third = translated(finding.reason), finding.rule_id
        else:
            text, third = finding.item_title or tr("(untitled)"), finding.item_type
        tip = fix_tip(translated(finding.reason), translated(finding.fix))
        if row.dismissed:
            text = tr("Dismissed: {text}").format(text=text)
            tip += "\n" + dismissed_text(row.dismissal_reason)
        return self._cells(
            text,
            finding.severity,
            third,
            sort_order=row.order,
            tip=tip,
            item_id=finding.item_id,
            rule_id=finding.rule_id,
            row=number,
            dismissed=row.dismissed,
        )

    def _cells(
        self,
        text: str,
        severity: Severity,
        third: str,
        *,
        sort_order: int,
        tip: str,
        item_id: str,
        rule_id: str,
        row: int,
        dismissed: bool,
    ) -> list[QStandardItem]:
        severity_text = f"{SEVERITY_MARKS[severity]} {tr(SEVERITY_WORDS[severity])}"
        cells = [QStandardItem(text), QStandardItem(severity_text), QStandardItem(third)]
        sorts: list[object] = [text.casefold(), SEVERITY_ORDER[severity] * 100_000 + sort_order]
        sorts.append(third.casefold())
        for cell, sort in zip(cells, sorts, strict=True):
            cell.setData(sort, DataRole.SORT)
            cell.setData(item_id, DataRole.ITEM_ID)
            cell.setData(rule_id, DataRole.RULE_ID)
            cell.setData(row, DataRole.ROW)
            cell.setToolTip(tip)
            cell.setEditable(False)
            if dismissed:
                font = QFont()
                font.setItalic(True)
                cell.setFont(font)
                cell.setForeground(QBrush(self.palette().placeholderText().color()))
        return cells

    # -- what is selected -----------------------------------------------------------------

    def current_row(self) -> Row | None:
        index = self.view.currentIndex()
        number = index.siblingAtColumn(0).data(DataRole.ROW) if index.isValid() else None
        if not isinstance(number, int) or number < 0 or number >= len(self.rows):
            return None
        return self.rows[number]

    def current_key(self) -> tuple[str, str] | None:
        index = self.view.currentIndex().siblingAtColumn(0)
        if not index.isValid():
            return None
        return (str(index.data(DataRole.RULE_ID)), str(index.data(DataRole.ITEM_ID)))

    def _restore_current(self, key: tuple[str, str] | None) -> None:
        if key is None:
            return
        for index in self._all_indexes():
            if (index.data(DataRole.RULE_ID), index.data(DataRole.ITEM_ID)) == key:
                self.view.setCurrentIndex(index)
                return

    def _all_indexes(self) -> list[QModelIndex]:
        found: list[QModelIndex] = []
        for group_row in range(self.proxy.rowCount()):
            group = self.proxy.index(group_row, 0)
            found.append(group)
            found += [self.proxy.index(r, 0, group) for r in range(self.proxy.rowCount(group))]
        return found

    def select_finding(self, rule_id: str, item_id: str) -> bool:
        for index in self._all_indexes():
            if (index.data(DataRole.RULE_ID), index.data(DataRole.ITEM_ID)) == (rule_id, item_id):
                self.view.setCurrentIndex(index)
                return True
        return False

    def _show_detail(self) -> None:
        row = self.current_row()
        index = self.view.currentIndex()
        has_item = index.isValid() and bool(index.siblingAtColumn(0).data(DataRole.ITEM_ID))
        self.go_button.setEnabled(has_item)
        self.dismiss_button.setEnabled(row is not None and not row.dismissed)
        self.restore_button.setEnabled(row is not None and row.dismissed)
        if row is None:
            if self.state.result is None:
                self.detail.setText(tr("The coach is reading the plan…"))
            elif not self.rows:
                self.detail.setText(tr("No findings: the coach has nothing to suggest."))
            else:
                self.detail.setText(tr("Select a finding to see its reason and fix."))
            return
        finding = row.finding
        lines = [
            f"{tr(SEVERITY_WORDS[finding.severity])} · {finding.rule_id} · "
            f"{finding.item_type}: {finding.item_title}",
            translated(finding.reason),
            fix_text(finding),
        ]
        if finding.why:
            lines += ["", why_text(finding)]  # the principle, set apart from the advice
        if row.dismissed:
            lines.append(dismissed_text(row.dismissal_reason))
        self.detail.setText("\n".join(lines))

    def _show_strength(self) -> None:
        result = self.state.result
        if result is None:
            self.strength.setText(tr("Plan strength: …"))
            return
        plan = result.review.plan_strength()
        if plan is None:
            self.strength.setText(tr(NOTHING_TO_CHECK))
            return
        text = tr("Plan strength {strength}").format(strength=strength_text(plan))
        objective_id = self.selected_objective
        value = None if objective_id is None else self.state.objective_strength(objective_id)
        if objective_id is not None and value is not None:
            found = self.controller.plan.find(Objective, objective_id)
            if found is not None:
                title = coach_actions.short_title(found.title, 36)
                text += f" · “{title}” {strength_text(value)}"
        self.strength.setText(text)

    def _show_coverage(self) -> None:
        """Each sentence saying which items the coach leaves out, and why."""
        result = self.state.result
        sentences = () if result is None else coverage_sentences(result.review)
        self.coverage.setText("\n".join(sentences))
        self.coverage.setVisible(bool(sentences))

    def set_selected_node(self, node_id: str) -> None:
        """The tree's selection: show the strength of the objective it is in, if any."""
        outline = self.shell.tree.source.outline
        objective = None
        for candidate in [node_id, *outline.ancestors(node_id)] if node_id else []:
            node = outline.nodes.get(candidate)
            if node is not None and node.kind is NodeKind.OBJECTIVE:
                objective = node.id
                break
        self.selected_objective = objective
        self._show_strength()

    # -- acting ---------------------------------------------------------------------------

    def _activated(self, index: QModelIndex) -> None:
        if not index.isValid():
            return
        item_id = str(index.siblingAtColumn(0).data(DataRole.ITEM_ID) or "")
        if not item_id:
            return
        # Hidden by the cycle filter or the search, it is shown again.
        if not self.shell.reveal(item_id):
            self.shell.show_status(
                tr("That finding is about the plan or a cycle as a whole, not one item."), 6000
            )

    def dismiss_current(self) -> None:
        row = self.current_row()
        if row is None or row.dismissed:
            return
        coach_actions.dismiss_with_reason(self, self.controller, row.finding)

    def restore_current(self) -> None:
        row = self.current_row()
        if row is None or not row.dismissed:
            return
        finding = row.finding
        coach_actions.undismiss(
            self.controller, finding.rule_id, finding.item_id, finding.item_title
        )


def coverage_sentences(review: Review) -> tuple[str, ...]:
    return tuple(translated(sentence) for sentence in coverage_summary(review))


def fix_tip(reason: str, fix: str) -> str:
    return reason + "\n" + tr("Fix: {fix}").format(fix=fix)


def dismissed_text(reason: str | None) -> str:
    return tr("Dismissed: {reason}").format(reason=reason or tr("(no reason given)"))


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def status_text(state: CoachState) -> tuple[str, str]:
    result = state.result
    if result is None:
        return tr("Coach …"), tr("The coach is reading the plan")
    severities = [f.severity for f in result.review.findings]
    errors = severities.count(Severity.ERROR)
    warnings = severities.count(Severity.WARN)
    value = result.review.plan_strength()
    if value is None:
        return tr("Coach: nothing to check yet"), tr("The coach has nothing of yours to check yet")
    strength = strength_text(value)
    if not errors and not warnings:
        return (
            tr("Coach: strength {strength}").format(strength=strength),
            tr("Plan strength {strength}: no warnings or errors").format(strength=strength),
        )
    counts = Badge(errors, warnings).counts
    return (
        tr("Coach: {counts} · strength {strength}").format(counts=counts, strength=strength),
        tr("Plan strength {strength}; {counts}").format(strength=strength, counts=counts),
    )
