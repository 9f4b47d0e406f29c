"""The look at a Markdown or CSV OKR document before anything is written: the objectives
and key results found, as a tree with tick boxes, what was skipped and why, the team that
owns what names no owner, and the cycle to import into.

The dialog only shows an ``ImportPreview`` (``services.okr_preview``) and says what the
person chose (``PreviewChoices``); the import itself runs elsewhere, off the UI thread.
Every text from the document is data: tree and list items and labels are plain text, and
tool tips (Qt reads those as rich text when they look like HTML) are escaped.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from okrdesk.gui.core.i18n import QT_TR_NOOP, tr, translated
from okrdesk.gui.core.kinds import kind_icon
from okrdesk.qt.core import QLocale, QSize, Qt
from okrdesk.qt.gui import QFont, QGuiApplication, QPalette
from okrdesk.qt.widgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.okr_preview import ImportPreview, PreviewKeyResult, PreviewObjective
from okrdesk.services.outline import NodeKind

# The tree's columns: an objective's row shows its cycle where a key result's shows its
# numbers (baseline → target unit).
COLUMNS = (
    QT_TR_NOOP("Objective / key result"),
    QT_TR_NOOP("Owner"),
    QT_TR_NOOP("Cycle / numbers"),
    QT_TR_NOOP("Grade"),
    QT_TR_NOOP("Priority"),
    QT_TR_NOOP("Status"),
)
TITLE, OWNER, CYCLE_OR_NUMBERS, GRADE, PRIORITY, STATUS = range(len(COLUMNS))
# The widest a column other than the title may start (pixels): long owners and status notes
# are cut short (their tool tip shows them whole) so the titles keep the room.
COLUMN_CAP = {OWNER: 150, CYCLE_OR_NUMBERS: 130, GRADE: 60, PRIORITY: 80, STATUS: 140}
KEY_ROLE = Qt.ItemDataRole.UserRole
SHADED_ROLE = Qt.ItemDataRole.UserRole + 1
# The size the dialog asks for, and the share of the screen it may take at most.
PREFERRED = QSize(1160, 760)
SCREEN_SHARE = (0.94, 0.88)


@dataclass(frozen=True)
class PreviewChoices:
    """What to import: every key but the unticked ones, with the team and cycle chosen
    (None: as the document says)."""

    excluded: frozenset[str]
    team: str | None
    cycle: str | None


def plain_tooltip(text: str) -> str:
    """A tool tip that shows ``text`` as it is (and wraps it), whatever it holds."""
    return f"<p>{html.escape(text)}</p>" if text else ""


def number_text(value: float) -> str:
    return QLocale().toString(value, "g", 10)


def numbers_text(kr: PreviewKeyResult) -> str:
    """ "baseline → target unit" as read from the key result ("" when it states no target)."""
    if kr.target is None:
        return ""
    unit = kr.unit.strip()
    if kr.baseline is None:
        text = tr("→ {target} {unit}").format(target=number_text(kr.target), unit=unit)
    else:
        text = tr("{baseline} → {target} {unit}").format(
            baseline=number_text(kr.baseline), target=number_text(kr.target), unit=unit
        )
    return text.strip()


def grade_text(grade: float | None) -> str:
    return "" if grade is None else QLocale().toString(grade, "f", 2)


def initial_size(available: QSize) -> QSize:
    """The preferred size, kept inside the screen (a title bar and a panel need room too)."""
    return QSize(
        min(PREFERRED.width(), int(available.width() * SCREEN_SHARE[0])),
        min(PREFERRED.height(), int(available.height() * SCREEN_SHARE[1])),
    )


class ImportPreviewDialog(QDialog):
    """Tick what to import; Import accepts, Esc or Cancel leave everything as it was."""

    def __init__(
        self,
        preview: ImportPreview,
        cycle_names: Sequence[str],
        suggested_cycle: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.preview = preview
        self.setObjectName("importPreviewDialog")
        self.setWindowTitle(tr("Import {name}").format(name=preview.source))
        self._syncing = False
        self.items: dict[str, QTreeWidgetItem] = {}
        self.tick_buttons: list[QPushButton] = []
        self.tree = self._build_tree()
        self.skipped = self._build_skipped()
        self.team_edit = QLineEdit(self)
        self.team_edit.setObjectName("previewTeam")
        self.team_edit.setPlaceholderText(tr("Owner of what names no owner (optional)"))
        self.cycle_box = self._build_cycle_box(cycle_names, suggested_cycle)
        self.counts = QLabel(self)
        self.counts.setObjectName("previewCounts")
        self.counts.setTextFormat(Qt.TextFormat.PlainText)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.import_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(tr("&Import"))
        self.import_button.setObjectName("previewImport")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.tree.itemChanged.connect(self._item_changed)
        self._update_counts()
        self.tree.setFocus()
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)

    # -- building -------------------------------------------------------------------------

    def _build_tree(self) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setObjectName("previewTree")
        tree.setAccessibleName(tr("Objectives and key results found"))
        tree.setHeaderLabels([tr(name) for name in COLUMNS])
        tree.setUniformRowHeights(True)
        tree.setIndentation(16)
        tree.setAllColumnsShowFocus(True)
        tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Long titles are cut short (the tool tip shows them whole), never scrolled to.
        tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for objective in self.preview.roots():
            self._add_objective(tree, None, objective)
        tree.expandAll()
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        for column, cap in COLUMN_CAP.items():
            tree.resizeColumnToContents(column)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, min(header.sectionSize(column), cap))
            # A column the document says nothing in only takes room from the titles.
            tree.setColumnHidden(column, not self._column_used(column))
        return tree

    def _column_used(self, column: int) -> bool:
        return any(item.text(column) for item in self.items.values())

    def _add_objective(
        self, tree: QTreeWidget, parent: QTreeWidgetItem | None, objective: PreviewObjective
    ) -> None:
        cycle = objective.cycle or self.preview.cycle
        values = ("", objective.owner, cycle, grade_text(objective.grade), objective.priority)
        item = self._row(objective.key, objective.title, values, objective.status)
        item.setIcon(TITLE, kind_icon(NodeKind.OBJECTIVE))
        bold = QFont(item.font(TITLE))
        bold.setBold(True)
        item.setFont(TITLE, bold)
        if parent is None:
            tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        for kr in objective.key_results:
            values = ("", kr.owner, numbers_text(kr), grade_text(kr.grade), kr.priority)
            child = self._row(kr.key, kr.text, values, kr.status)
            child.setIcon(TITLE, kind_icon(NodeKind.KEY_RESULT))
            item.addChild(child)
        for nested in self.preview.children(objective.key):
            self._add_objective(tree, item, nested)

    def _row(self, key: str, title: str, values: Sequence[str], status: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([title, *values[1:], status])
        item.setData(TITLE, KEY_ROLE, key)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(TITLE, Qt.CheckState.Checked)
        for column in range(len(COLUMNS)):
            item.setToolTip(column, plain_tooltip(item.text(column)))
        self.items[key] = item
        return item

    def _build_skipped(self) -> QListWidget:
        skipped = QListWidget(self)
        skipped.setObjectName("previewSkipped")
        skipped.setAccessibleName(tr("Passages skipped"))
        skipped.setTextElideMode(Qt.TextElideMode.ElideRight)
        skipped.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        skipped.setUniformItemSizes(True)
        for entry in self.preview.skipped:
            text = entry.describe()
            skipped.addItem(text)
            skipped.item(skipped.count() - 1).setToolTip(plain_tooltip(text))
        if not self.preview.skipped:
            skipped.addItem(tr("Nothing was skipped."))
            skipped.setEnabled(False)
        return skipped

    def _build_cycle_box(self, cycle_names: Sequence[str], suggested: str | None) -> QComboBox:
        box = QComboBox(self)
        box.setObjectName("previewCycle")
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(24)
        said = self.preview.cycle or ", ".join(self.preview.cycles)
        if said:
            box.addItem(tr("As the document says ({cycle})").format(cycle=said), None)
        else:
            box.addItem(tr("A new cycle from today (the document names none)"), None)
        seen: set[str] = set()
        for name in (*self.preview.cycles, self.preview.cycle, *cycle_names):
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                box.addItem(name, name)
        if suggested is not None and box.findData(suggested) >= 0:
            box.setCurrentIndex(box.findData(suggested))
        box.currentIndexChanged.connect(self._cycle_changed)
        return box

    def _lay_out(self) -> None:
        heading = QLabel(self.preview.title or self.preview.source, self)
        heading.setObjectName("editorTitle")
        summary = QLabel(translated(self.preview.summary()), self)
        summary.setObjectName("previewSummary")
        hint = QLabel(
            tr(
                "Untick what you do not want. An objective left out takes its key results "
                "with it; an objective under it is kept and aligned one level up."
            ),
            self,
        )
        for label in (heading, summary, hint):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.setChildrenCollapsible(False)
        split.addWidget(self.tree)
        split.addWidget(self._skipped_pane())
        # The tree takes what room there is; the list of skipped passages keeps its few rows.
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 0)
        split.setSizes([400, self._skipped_height(min(max(len(self.preview.skipped), 1), 3))])
        layout = QVBoxLayout(self)
        for widget in (heading, summary, hint):
            layout.addWidget(widget)
        layout.addLayout(self._tick_row())
        layout.addWidget(split, 1)
        layout.addLayout(self._choice_row())
        layout.addWidget(self.buttons)
        # Tab goes down the dialog as it reads, the tree first after the tick buttons.
        order: list[QWidget] = [
            *self.tick_buttons,
            self.tree,
            self.skipped,
            self.team_edit,
            self.cycle_box,
            self.import_button,
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel),
        ]
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)

    def _tick_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        for text, state in ((tr("Tick &all"), True), (tr("Untick a&ll"), False)):
            button = QPushButton(text, self)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, s=state: self.tick_all(s))
            row.addWidget(button)
            self.tick_buttons.append(button)
        row.addStretch(1)
        row.addWidget(self.counts)
        return row

    def _skipped_height(self, rows: int) -> int:
        """The height of the skipped pane showing ``rows`` rows (its label included)."""
        row = max(self.skipped.sizeHintForRow(0), self.fontMetrics().height())
        return self.fontMetrics().height() + 10 + row * rows + 2 * self.skipped.frameWidth() + 4

    def _skipped_pane(self) -> QWidget:
        pane = QWidget(self)
        layout = QVBoxLayout(pane)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(
            tr("&Skipped ({count}): passages not read as objectives or key results").format(
                count=len(self.preview.skipped)
            ),
            pane,
        )
        label.setBuddy(self.skipped)
        layout.addWidget(label)
        layout.addWidget(self.skipped, 1)
        self.skipped.setMinimumHeight(self._skipped_height(1) - self.fontMetrics().height() - 10)
        return pane

    def _choice_row(self) -> QHBoxLayout:
        """The team and the cycle, side by side (a short screen has no height to spare)."""
        row = QHBoxLayout()
        for text, field, stretch in (
            (tr("&Team"), self.team_edit, 2),
            (tr("&Cycle"), self.cycle_box, 3),
        ):
            label = QLabel(text, self)
            label.setBuddy(field)
            row.addWidget(label)
            row.addWidget(field, stretch)
        return row

    def fit_to_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is not None:
            self.resize(initial_size(screen.availableGeometry().size()))

    # -- ticking --------------------------------------------------------------------------

    def tick_all(self, ticked: bool) -> None:
        state = Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        self._syncing = True
        try:
            for item in self.items.values():
                item.setCheckState(TITLE, state)
        finally:
            self._syncing = False
        self._update_counts()

    def _item_changed(self, item: QTreeWidgetItem, column: int) -> None:
        if self._syncing or column != TITLE:
            return
        key = str(item.data(TITLE, KEY_ROLE))
        self._syncing = True
        try:
            if is_objective_key(key):
                # An objective's key results go with it; nested objectives stay as they are.
                for index in range(item.childCount()):
                    child = item.child(index)
                    if child is not None and not is_objective_key(str(child.data(TITLE, KEY_ROLE))):
                        child.setCheckState(TITLE, item.checkState(TITLE))
            elif item.checkState(TITLE) == Qt.CheckState.Checked:
                parent = item.parent()
                # A key result cannot come without its objective.
                if parent is not None:
                    parent.setCheckState(TITLE, Qt.CheckState.Checked)
        finally:
            self._syncing = False
        self._update_counts()

    def _shade_unticked(self) -> None:
        """Grey the rows left out, so what will be imported stands out."""
        grey = self.palette().color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        ticked = Qt.CheckState.Checked
        self._syncing = True
        try:
            for item in self.items.values():
                left_out = item.checkState(TITLE) != ticked
                if bool(item.data(TITLE, SHADED_ROLE)) == left_out:
                    continue
                item.setData(TITLE, SHADED_ROLE, left_out)
                for column in range(len(COLUMNS)):
                    # None puts back the palette's text colour.
                    item.setData(column, Qt.ItemDataRole.ForegroundRole, grey if left_out else None)
        finally:
            self._syncing = False

    def _cycle_changed(self) -> None:
        chosen = self.cycle_box.currentData()
        for objective in self.preview.objectives:
            cycle = chosen or objective.cycle or self.preview.cycle
            item = self.items[objective.key]
            item.setText(CYCLE_OR_NUMBERS, cycle)
            item.setToolTip(CYCLE_OR_NUMBERS, plain_tooltip(cycle))

    def excluded(self) -> frozenset[str]:
        ticked = Qt.CheckState.Checked
        return frozenset(k for k, item in self.items.items() if item.checkState(TITLE) != ticked)

    def _update_counts(self) -> None:
        self._shade_unticked()
        excluded = self.excluded()
        objectives = [o for o in self.preview.objectives if o.key not in excluded]
        key_results = sum(kr.key not in excluded for o in objectives for kr in o.key_results)
        self.counts.setText(
            tr(
                "{objectives} of {all_objectives} objectives, "
                "{key_results} of {all_krs} key results ticked"
            ).format(
                objectives=len(objectives),
                all_objectives=len(self.preview.objectives),
                key_results=key_results,
                all_krs=self.preview.key_result_count,
            )
        )
        self.import_button.setEnabled(bool(objectives))
        self.import_button.setToolTip(
            "" if objectives else tr("Tick at least one objective to import.")
        )

    # -- the answer -----------------------------------------------------------------------

    def choices(self) -> PreviewChoices:
        team = self.team_edit.text().strip()
        cycle = self.cycle_box.currentData()
        return PreviewChoices(
            excluded=self.excluded(),
            team=team or None,
            cycle=str(cycle) if cycle else None,
        )


def is_objective_key(key: str) -> bool:
    """Keys are "o3" for an objective, "o3.k1" for one of its key results."""
    return "." not in key
