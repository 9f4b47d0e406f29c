"""The objective chooser: a filter line over a tree of objectives grouped by team, then by
cycle; each row shows the title, the owner and the objective it is part of, so that two
objectives of the same title ("Accomplish Q1 hiring goals", four times in GitLab's OKRs)
read apart.

One widget for two fields: an objective's "Aligned to" (one objective, chosen in
``ChooserDialog``: Enter takes it, Esc cancels) and a personal mission's "Serves team
objectives" (several, ticked in place, each tick one undoable change).

Keys: typing filters (the words may come from the title, the owner, the parent, the team
or the cycle, in any order); Up, Down, Page Up and Page Down move from the filter line too;
Enter chooses (or ticks); Esc clears the filter, then cancels.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from okrdesk.domain.entities import Cycle, Objective
from okrdesk.domain.enums import Level
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.qt.core import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from okrdesk.qt.gui import QGuiApplication, QKeyEvent, QResizeEvent
from okrdesk.qt.widgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.plan import PlanService

THIS_PLAN = QT_TR_NOOP("Entered in this plan")
TEAM_FILE = QT_TR_NOOP("Your team's file")
NO_CYCLE = QT_TR_NOOP("No cycle")
COLUMNS = (QT_TR_NOOP("Objective"), QT_TR_NOOP("Owner"), QT_TR_NOOP("Part of"))
ID_ROLE = Qt.ItemDataRole.UserRole + 1

AnyIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()


# -- the choices, as plain data ---------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    """One objective that can be chosen."""

    id: str
    title: str
    owner: str
    parent: str  # the title of the objective it is aligned to ("" when none)
    archived: bool = False
    # What the filter looks in besides the title, owner and parent: its team and cycle.
    context: str = ""


@dataclass(frozen=True)
class Group:
    """A team, or a cycle within a team."""

    title: str
    children: tuple[Group | Choice, ...] = ()

    def choices(self) -> Iterable[Choice]:
        for child in self.children:
            if isinstance(child, Choice):
                yield child
            else:
                yield from child.choices()


def team_of(objective: Objective) -> str:
    """The team an objective comes from: the source it was imported from, else this plan."""
    kind, _, name = objective.origin.partition(":")
    if not objective.origin:
        return tr(THIS_PLAN)
    if kind == "team" or not name:
        return tr(TEAM_FILE)
    return name


def aligned_below(objectives: Sequence[Objective], root: str) -> set[str]:
    """``root`` and every objective aligned to it, directly or not: aligning ``root`` to
    one of them would make a loop."""
    below = {root}
    grew = True
    while grew:
        grew = False
        for objective in objectives:
            if objective.aligned_to_id in below and objective.id not in below:
                below.add(objective.id)
                grew = True
    return below


def build_groups(
    objectives: Sequence[Objective],
    cycles: Sequence[Cycle],
    *,
    team_only: bool,
    exclude: str | None = None,
    keep: frozenset[str] = frozenset(),
) -> tuple[Group, ...]:
    """The choosable objectives by team (imported sources by name, this plan last), then by
    cycle (the latest first, no cycle last), each in the plan's order. Archived objectives
    are left out unless in ``keep`` (the current choice stays visible)."""
    titles = {o.id: o.title for o in objectives}
    cycle_by_id = {c.id: c for c in cycles}
    banned = aligned_below(objectives, exclude) if exclude else set()
    teams: dict[str, dict[str | None, list[Objective]]] = {}
    for objective in objectives:
        if objective.id in banned or (team_only and objective.level is Level.PERSONAL):
            continue
        if objective.archived and objective.id not in keep:
            continue
        cycle_id = objective.cycle_id if objective.cycle_id in cycle_by_id else None
        teams.setdefault(team_of(objective), {}).setdefault(cycle_id, []).append(objective)
    own = tr(THIS_PLAN)
    groups = []
    for team in sorted(teams, key=lambda name: (name == own, name.casefold())):
        by_cycle = teams[team]
        ordered = sorted(
            by_cycle,
            key=lambda c: (c is None, -cycle_by_id[c].start.toordinal() if c else 0),
        )
        cycle_groups = []
        for cycle_id in ordered:
            name = cycle_by_id[cycle_id].name if cycle_id else tr(NO_CYCLE)
            rows = tuple(
                Choice(
                    id=o.id,
                    title=o.title,
                    owner=o.owner,
                    parent=titles.get(o.aligned_to_id or "", ""),
                    archived=o.archived,
                    context=f"{team} {name}",
                )
                for o in by_cycle[cycle_id]
            )
            cycle_groups.append(Group(name, _numbered(rows)))
        groups.append(Group(team, tuple(cycle_groups)))
    return tuple(groups)


def _numbered(rows: tuple[Choice, ...]) -> tuple[Choice, ...]:
    """Rows that would still read the same (title, owner and parent alike) get "(2)",
    "(3)"… after their title, in the plan's order."""
    seen: dict[tuple[str, str, str], int] = {}
    numbered = []
    for row in rows:
        key = (row.title.casefold(), row.owner.casefold(), row.parent.casefold())
        seen[key] = seen.get(key, 0) + 1
        if seen[key] > 1:
            row = Choice(
                row.id,
                f"{row.title} ({seen[key]})",
                row.owner,
                row.parent,
                row.archived,
                row.context,
            )
        numbered.append(row)
    return tuple(numbered)


def plan_groups(
    plan: PlanService, *, team_only: bool, exclude: str | None = None, keep: Iterable[str] = ()
) -> tuple[Group, ...]:
    """``build_groups`` over the plan, kept until objectives or cycles change (a form is
    loaded again after every edit; reading a large plan each time made typing slow)."""
    kept = frozenset(k for k in keep if k)
    key = (team_only, exclude, kept, plan.revision_of(Objective), plan.revision_of(Cycle))
    cached = _GROUPS.setdefault(plan, {})
    if key not in cached:
        if len(cached) > 16:  # older revisions: never asked for again
            cached.clear()
        cached[key] = build_groups(
            plan.all(Objective), plan.all(Cycle), team_only=team_only, exclude=exclude, keep=kept
        )
    return cached[key]


_GROUPS: weakref.WeakKeyDictionary[PlanService, dict[object, tuple[Group, ...]]] = (
    weakref.WeakKeyDictionary()
)


# -- the model -------------------------------------------------------------------------------


@dataclass(eq=False)
class _Node:
    item: Group | Choice | None
    parent: int  # the parent node's number (-1 for the root)
    row: int
    children: list[int] = field(default_factory=list)


class ChoiceModel(QAbstractItemModel):
    """The groups as a tree of three columns. ``checkable``: the objectives have tick
    boxes (``checked`` holds the ticked ids); a tick says ``toggled``."""

    toggled = Signal(str, bool)

    def __init__(self, checkable: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.checkable = checkable
        # Narrow (a form's column): one column, the owner after the title.
        self.compact = False
        self.checked: set[str] = set()
        self.groups: tuple[Group, ...] = ()
        self._nodes: list[_Node] = [_Node(None, -1, 0)]
        self._by_id: dict[str, int] = {}

    def set_groups(self, groups: tuple[Group, ...]) -> None:
        if groups == self.groups:
            return
        self.beginResetModel()
        self.groups = groups
        self._nodes = [_Node(None, -1, 0)]
        self._by_id = {}
        for group in groups:
            self._add(group, 0)
        self.endResetModel()

    def _add(self, item: Group | Choice, parent: int) -> None:
        number = len(self._nodes)
        siblings = self._nodes[parent].children
        self._nodes.append(_Node(item, parent, len(siblings)))
        siblings.append(number)
        if isinstance(item, Choice):
            self._by_id[item.id] = number
        else:
            for child in item.children:
                self._add(child, number)

    def set_checked(self, ids: Iterable[str]) -> None:
        """Tick exactly ``ids`` (saying nothing: the plan says so already)."""
        wanted = set(ids)
        changed = wanted ^ self.checked
        self.checked = wanted
        for choice_id in changed:
            index = self.index_of(choice_id)
            if index.isValid():
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
                self._group_changed(index.parent())

    def set_compact(self, compact: bool) -> None:
        if compact == self.compact:
            return
        self.compact = compact
        for number, node in enumerate(self._nodes):
            if node.children:
                parent = QModelIndex() if number == 0 else self.createIndex(node.row, 0, number)
                last = self.index(len(node.children) - 1, 0, parent)
                self.dataChanged.emit(self.index(0, 0, parent), last)

    def _group_changed(self, index: QModelIndex) -> None:
        while index.isValid():
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole])
            index = index.parent()

    def _node(self, index: AnyIndex) -> _Node:
        return self._nodes[index.internalId()] if index.isValid() else self._nodes[0]

    def choice_at(self, index: AnyIndex) -> Choice | None:
        item = self._node(index).item if index.isValid() else None
        return item if isinstance(item, Choice) else None

    def index_of(self, choice_id: str, column: int = 0) -> QModelIndex:
        number = self._by_id.get(choice_id)
        if number is None:
            return QModelIndex()
        return self.createIndex(self._nodes[number].row, column, number)

    def count(self) -> int:
        return len(self._by_id)

    # -- QAbstractItemModel ---------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = ROOT) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        return self.createIndex(row, column, self._node(parent).children[row])

    def parent(self, index: AnyIndex = ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        parent = self._node(index).parent
        if parent <= 0:
            return QModelIndex()
        return self.createIndex(self._nodes[parent].row, 0, parent)

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(COLUMNS[section]) if 0 <= section < len(COLUMNS) else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled
        if self.choice_at(index) is not None:
            flags |= Qt.ItemFlag.ItemIsSelectable
            if self.checkable and index.column() == 0:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        item = self._node(index).item
        if isinstance(item, Group):
            return self._group_data(item, index.column(), role)
        if not isinstance(item, Choice):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            text = (item.title, item.owner, item.parent)[column]
            if column == 0 and self.compact and item.owner:
                text = tr("{title} · {owner}").format(title=item.title, owner=item.owner)
            if column == 0 and item.archived:
                return tr("{title} (archived)").format(title=text)
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return _tip(item)
        if role == ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.CheckStateRole and self.checkable and column == 0:
            ticked = item.id in self.checked
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        return None

    def _group_data(self, group: Group, column: int, role: int) -> object:
        if column != 0 or role != Qt.ItemDataRole.DisplayRole:
            return None
        ids = [choice.id for choice in group.choices()]
        ticked = sum(1 for choice_id in ids if choice_id in self.checked)
        if ticked:
            return tr("{group} · {count} objectives, {ticked} ticked").format(
                group=group.title, count=len(ids), ticked=ticked
            )
        return tr("{group} · {count} objectives").format(group=group.title, count=len(ids))

    def setData(self, index: AnyIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        choice = self.choice_at(index)
        if not (self.checkable and choice is not None and role == Qt.ItemDataRole.CheckStateRole):
            return False
        ticked = Qt.CheckState(value) == Qt.CheckState.Checked  # type: ignore[call-overload]
        if ticked == (choice.id in self.checked):
            return False
        (self.checked.add if ticked else self.checked.discard)(choice.id)
        first = self.index(index.row(), 0, index.parent())
        self.dataChanged.emit(first, first, [Qt.ItemDataRole.CheckStateRole])
        self._group_changed(first.parent())
        self.toggled.emit(choice.id, ticked)
        return True


def _tip(choice: Choice) -> str:
    lines = [choice.title]
    if choice.owner:
        lines.append(tr("Owner: {owner}").format(owner=choice.owner))
    if choice.parent:
        lines.append(tr("Part of: {parent}").format(parent=choice.parent))
    return "\n".join(lines)


class ChoiceFilter(QSortFilterProxyModel):
    """Keeps the objectives whose title, owner, parent, team or cycle hold every word
    typed, and the groups above them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.words: tuple[str, ...] = ()

    def set_words(self, text: str) -> None:
        words = tuple(text.casefold().split())
        if words == self.words:
            return
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            self.words = words
            self.endFilterChange()
        else:  # pragma: no cover - Qt 6.8
            self.words = words
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, ChoiceModel)
        choice = model.choice_at(model.index(source_row, 0, source_parent))
        if not self.words:
            return True
        if choice is None:
            return False  # a group shows when one of its objectives does
        haystack = " ".join((choice.title, choice.owner, choice.parent, choice.context))
        folded = haystack.casefold()
        return all(word in folded for word in self.words)


# -- the widget ------------------------------------------------------------------------------


_MOVES = (
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
)
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
# Narrower than this (a form's column), the chooser shows one column: title · owner.
COMPACT_WIDTH = 560


class _ChoiceTree(QTreeView):
    """Typing a letter in the tree goes on in the filter line."""

    typed = Signal(str)
    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _ENTER:
            self.entered.emit()
            return
        text = event.text()
        if text and text.isprintable() and not text.isspace():
            self.typed.emit(text)
            return
        super().keyPressEvent(event)


class ObjectiveChooser(QWidget):
    """A filter line over the grouped objectives. Single choice: ``chosen`` says which
    (Enter or a double click). ``checkable``: tick boxes, ``toggled`` says each tick."""

    chosen = Signal(str)
    toggled = Signal(str, bool)
    cancelled = Signal()

    def __init__(self, checkable: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.checkable = checkable
        self.model = ChoiceModel(checkable, self)
        self.model.toggled.connect(self.toggled)
        self.model.toggled.connect(lambda _id, _on: self._show_count())
        self.proxy = ChoiceFilter(self)
        self.proxy.setSourceModel(self.model)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("chooserFilter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(tr("Type to filter: title, owner, team or cycle"))
        self.filter.setAccessibleName(tr("Filter the objectives"))
        self.filter.textChanged.connect(self._filter_changed)
        self.filter.installEventFilter(self)
        self.view = _ChoiceTree(self)
        self.view.setObjectName("chooserTree")
        self.view.setModel(self.proxy)
        self.view.setUniformRowHeights(True)
        self.view.setAlternatingRowColors(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setAccessibleName(tr("Objectives"))
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(1, 150)
        header.resizeSection(2, 190)
        self.view.typed.connect(self._typed)
        self.view.entered.connect(self.activate_current)
        self.view.doubleClicked.connect(self._double_clicked)
        # What the count line says when there is nothing to choose from.
        self.empty_text = tr("No objectives to choose from")
        self.count = QLabel(self)
        self.count.setObjectName("editorHint")
        self.count.setWordWrap(True)
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count)
        self.setFocusProxy(self.filter)

    # -- content --------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        compact = event.size().width() < COMPACT_WIDTH
        self.model.set_compact(compact)
        self.view.setColumnHidden(1, compact)
        self.view.setColumnHidden(2, compact)
        self.view.setHeaderHidden(compact)
        self.view.setIndentation(12 if compact else 20)

    def set_groups(self, groups: tuple[Group, ...]) -> None:
        """Show ``groups``; what is typed, ticked and current stays when they are the same."""
        if groups == self.model.groups:
            return
        current = self.current_id()
        self.model.set_groups(groups)
        self.view.expandAll()
        if current is not None:
            self.select(current)
        self._show_count()

    def set_checked(self, ids: Iterable[str]) -> None:
        self.model.set_checked(ids)
        self._show_count()

    def select(self, choice_id: str | None) -> bool:
        """Make ``choice_id`` the current row (shown); False when it is not there."""
        if choice_id is None:
            return False
        index = self.proxy.mapFromSource(self.model.index_of(choice_id))
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        choice = self.model.choice_at(self.proxy.mapToSource(index)) if index.isValid() else None
        return None if choice is None else choice.id

    def visible_ids(self) -> list[str]:
        """The objectives the filter keeps, top to bottom."""
        found: list[str] = []

        def walk(parent: QModelIndex) -> None:
            for row in range(self.proxy.rowCount(parent)):
                index = self.proxy.index(row, 0, parent)
                choice_id = index.data(ID_ROLE)
                if isinstance(choice_id, str):
                    found.append(choice_id)
                walk(index)

        walk(QModelIndex())
        return found

    # -- keys and clicks ------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.filter and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key in _MOVES:
                self._move(key)
                return True
            if key in _ENTER:
                self.activate_current()
                return True
            if key == Qt.Key.Key_Escape:
                self.escape()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.escape()
            return
        super().keyPressEvent(event)

    def escape(self) -> None:
        if self.filter.text():
            self.filter.clear()
        else:
            self.cancelled.emit()

    def _move(self, key: int) -> None:
        """Up and Down from the filter line move among the objectives, past the groups."""
        ids = self.visible_ids()
        if not ids:
            return
        current = self.current_id()
        position = ids.index(current) if current in ids else -1
        steps = {Qt.Key.Key_Up.value: -1, Qt.Key.Key_Down.value: 1, Qt.Key.Key_PageUp.value: -10}
        step = steps.get(int(key), 10)
        if position < 0:
            position = 0 if step > 0 else len(ids) - 1
        else:
            position = max(0, min(len(ids) - 1, position + step))
        self.select(ids[position])

    def _typed(self, text: str) -> None:
        self.filter.setFocus()
        self.filter.insert(text)

    def _filter_changed(self, text: str) -> None:
        self.proxy.set_words(text)
        self.view.expandAll()
        ids = self.visible_ids()
        if ids and self.current_id() not in ids:
            self.select(ids[0])
        self._show_count()

    def activate_current(self) -> None:
        index = self.view.currentIndex()
        if not index.isValid():
            return
        choice_id = self.current_id()
        if choice_id is None:
            self.view.setExpanded(index, not self.view.isExpanded(index))
        elif self.checkable:
            self.model.setData(
                self.model.index_of(choice_id),
                Qt.CheckState.Unchecked
                if choice_id in self.model.checked
                else Qt.CheckState.Checked,
                Qt.ItemDataRole.CheckStateRole,
            )
        else:
            self.chosen.emit(choice_id)

    def _double_clicked(self, index: QModelIndex) -> None:
        if not self.checkable and self.model.choice_at(self.proxy.mapToSource(index)):
            self.activate_current()

    def _show_count(self) -> None:
        total = self.model.count()
        if not total:
            self.count.setText(self.empty_text)
            return
        shown = len(self.visible_ids())
        parts = [
            tr("{shown} of {total} objectives match").format(shown=shown, total=total)
            if self.proxy.words
            else tr("{total} objectives").format(total=total)
        ]
        if self.checkable:
            parts.append(tr("{count} ticked").format(count=len(self.model.checked)))
        self.count.setText(" · ".join(parts))


# -- the dialog and the field ----------------------------------------------------------------


class ChooserDialog(QDialog):
    """One objective to choose, or none: Enter takes the current row, Esc cancels."""

    def __init__(
        self,
        title: str,
        groups: tuple[Group, ...],
        current: str | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("chooserDialog")
        self.setWindowTitle(title)
        self.chosen_id: str | None = current
        self.chooser = ObjectiveChooser(parent=self)
        self.chooser.set_groups(groups)
        self.chooser.select(current)
        self.chooser.chosen.connect(self._chosen)
        self.chooser.cancelled.connect(self.reject)
        buttons = QDialogButtonBox(self)
        self.choose_button = buttons.addButton(tr("Choose"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.none_button = buttons.addButton(
            tr("No alignment"), QDialogButtonBox.ButtonRole.ResetRole
        )
        self.none_button.setToolTip(tr("Align it to no objective"))
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.choose_button.clicked.connect(self.chooser.activate_current)
        self.none_button.clicked.connect(lambda: self._chosen(None))
        buttons.rejected.connect(self.reject)
        # Enter belongs to the chooser (it takes the current row), not to a default button.
        for button in buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.chooser, 1)
        layout.addWidget(buttons)
        self.resize(*size_on_screen(self))
        self.chooser.filter.setFocus()

    def _chosen(self, choice_id: str | None) -> None:
        self.chosen_id = choice_id
        self.accept()


def size_on_screen(widget: QWidget, wanted: tuple[int, int] = (860, 540)) -> tuple[int, int]:
    """``wanted``, or less on a screen too small for it (a 1024×640 one, say)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return wanted
    room = screen.availableGeometry()
    return min(wanted[0], room.width() - 40), min(wanted[1], room.height() - 60)


GroupSource = Callable[[], tuple[Group, ...]]
