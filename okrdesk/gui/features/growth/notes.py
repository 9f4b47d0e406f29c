"""Growth-learning notes in the GUI: the quick note (Ctrl+L, also in the tree's context
menu), the notes list in the milestone's editor, and the "What did you learn?" prompt that
opens, without blocking anything, when a milestone is marked done.

Every note is added through the controller, so it is one undoable step.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from okrdesk.domain.entities import GrowthNote, Item, Milestone
from okrdesk.domain.enums import NoteKind
from okrdesk.domain.validation import ValidationError, validate
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.gui.panes.editor import EditorPanel
from okrdesk.gui.panes.fields import guard_wheel, qdate_to_date
from okrdesk.qt.core import QDate, QObject, Qt
from okrdesk.qt.gui import QAction, QKeySequence
from okrdesk.qt.widgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.changes import PlanChanges
from okrdesk.services.errors import ItemNotFound
from okrdesk.services.growth import done_days
from okrdesk.services.outline import NodeKind

if TYPE_CHECKING:
    from okrdesk.gui.features.base import Shell

LOG_NOTE_KEYS = "Ctrl+L"
PROMPT_TITLE = QT_TR_NOOP("What did you learn?")
PRIVATE_MARK = QT_TR_NOOP("private")
# Marked here, translated where shown.
KIND_TIPS: dict[NoteKind, str] = {
    NoteKind.SKILL: QT_TR_NOOP("A skill you built or practised"),
    NoteKind.INSIGHT: QT_TR_NOOP("Something you now see differently"),
    NoteKind.LESSON: QT_TR_NOOP("What you would do differently next time"),
    NoteKind.FEEDBACK: QT_TR_NOOP("Feedback you received or gave"),
    NoteKind.IDEA: QT_TR_NOOP("An idea worth following up"),
}
KIND_WORDS: dict[NoteKind, str] = {
    NoteKind.SKILL: QT_TR_NOOP("skill"),
    NoteKind.INSIGHT: QT_TR_NOOP("insight"),
    NoteKind.LESSON: QT_TR_NOOP("lesson"),
    NoteKind.FEEDBACK: QT_TR_NOOP("feedback"),
    NoteKind.IDEA: QT_TR_NOOP("idea"),
}


def note_line(note: GrowthNote) -> str:
    """One line for lists: date, kind, private mark, first line of the text."""
    text = " ".join(note.text.split())
    parts = [note.date.isoformat(), tr(KIND_WORDS.get(note.kind, note.kind.value))]
    if note.private:
        parts.append(tr(PRIVATE_MARK))
    return f"{' · '.join(parts)} — {text}"


class NoteDialog(QDialog):
    """A growth note on a milestone: date (today), kind, text, private. Non-modal: the
    person may keep working and come back to it."""

    def __init__(
        self,
        controller: PlanController,
        milestone: Milestone,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        prompt: bool = False,
        select: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.milestone = milestone
        self.select = select
        self.saved: GrowthNote | None = None
        self.setObjectName("noteDialog")
        self.setWindowTitle(tr(PROMPT_TITLE) if prompt else tr("Log a growth note"))
        self.setMinimumWidth(420)
        intro = self._build_intro(prompt)
        self.text = self._build_text()
        self.kind = self._build_kind(prompt)
        self.date_edit = self._build_date(today or date.today())
        guard_wheel(self.kind, self.date_edit)
        self.private = QCheckBox(tr("Private: keep it out of shared reports and one-on-ones"), self)
        self.private.setObjectName("notePrivate")
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout()
        form.addRow(tr("Note"), self.text)
        form.addRow(tr("Kind"), self.kind)
        form.addRow(tr("Date"), self.date_edit)
        form.addRow("", self.private)
        buttons = self._build_buttons(prompt)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.text.setFocus()

    def _build_intro(self, prompt: bool) -> QLabel:
        """Which milestone the note is on; asked when it was just done, a heading."""
        intro = QLabel(self)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        if prompt:
            intro.setText(
                tr("“{title}” is done. {question}").format(
                    title=self.milestone.title, question=tr(PROMPT_TITLE)
                )
            )
        else:
            intro.setText(tr("On “{title}”").format(title=self.milestone.title))
        intro.setObjectName("editorTitle" if prompt else "")
        return intro

    def _build_text(self) -> QPlainTextEdit:
        text = QPlainTextEdit(self)
        text.setObjectName("noteText")
        text.setAccessibleName(tr("Note"))
        text.setTabChangesFocus(True)
        # The milestone's growth path, when it has one, is what the note is likely about.
        growth_path = self.milestone.growth_path
        text.setPlaceholderText(
            tr("A skill, an insight, a lesson, feedback, an idea…")
            if not growth_path.strip()
            else tr("Growth path: {path}").format(path=" ".join(growth_path.split())[:160])
        )
        return text

    def _build_kind(self, prompt: bool) -> QComboBox:
        kind_box = QComboBox(self)
        kind_box.setObjectName("noteKind")
        kind_box.setAccessibleName(tr("Kind"))
        for kind in NoteKind:
            # Qt hands an enum back as its plain string: store the string.
            kind_box.addItem(tr(kind.value.capitalize()), kind.value)
            kind_box.setItemData(
                kind_box.count() - 1, tr(KIND_TIPS[kind]), Qt.ItemDataRole.ToolTipRole
            )
        kind_box.setCurrentIndex(
            kind_box.findData((NoteKind.LESSON if prompt else NoteKind.INSIGHT).value)
        )
        return kind_box

    def _build_date(self, day: date) -> QDateEdit:
        date_edit = QDateEdit(self)
        date_edit.setObjectName("noteDate")
        date_edit.setCalendarPopup(True)
        date_edit.setDisplayFormat("yyyy-MM-dd")
        date_edit.setDate(QDate(day.year, day.month, day.day))
        return date_edit

    def _build_buttons(self, prompt: bool) -> QDialogButtonBox:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        if prompt:
            later = buttons.button(QDialogButtonBox.StandardButton.Cancel)
            later.setText(tr("Not now"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        return buttons

    def chosen_kind(self) -> NoteKind:
        return NoteKind(self.kind.currentData())

    def accept(self) -> None:
        note = GrowthNote(
            milestone_id=self.milestone.id,
            date=qdate_to_date(self.date_edit.date()),
            text=self.text.toPlainText().strip(),
            kind=self.chosen_kind(),
            private=self.private.isChecked(),
        )
        try:
            validate(note)
            added = self.controller.add(note)
        except ValidationError as error:
            self.error.setText(error.message)
            self.error.show()
            return
        except ItemNotFound:
            self.error.setText(tr("This milestone was deleted meanwhile."))
            self.error.show()
            return
        assert isinstance(added, GrowthNote)
        self.saved = added
        if self.select is not None:
            # Stay on the milestone (the new note shows in its list and in the tree).
            self.select(self.milestone.id)
        super().accept()


def open_note(
    controller: PlanController,
    milestone_id: str,
    parent: QWidget,
    *,
    today: date | None = None,
    prompt: bool = False,
    select: Callable[[str], object] | None = None,
) -> NoteDialog | None:
    milestone = controller.plan.find(Milestone, milestone_id)
    if milestone is None:
        return None
    dialog = NoteDialog(controller, milestone, parent, today=today, prompt=prompt, select=select)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setModal(False)
    dialog.show()
    return dialog


class MilestoneNotes(EditorPanel):
    """The milestone's growth notes, newest first; double-click one to open it."""

    def __init__(
        self, controller: PlanController, select: Callable[[str], object], parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.select = select
        self.milestone: Milestone | None = None
        self.notes: list[GrowthNote] = []
        self.today: Callable[[], date] = date.today
        self.dialog: NoteDialog | None = None
        self.setObjectName("milestoneNotes")
        title = QLabel(tr("Growth notes"), self)
        title.setObjectName("kindLabel")
        self.list = QListWidget(self)
        self.list.setObjectName("noteList")
        self.list.setAccessibleName(tr("Growth notes"))
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(110)
        self.list.itemActivated.connect(self._open_item)
        self.empty = QLabel(tr("No notes yet: log what you learn as the work goes on."), self)
        self.empty.setObjectName("editorHint")
        self.empty.setWordWrap(True)
        self.log_button = QPushButton(tr("Log a note…"), self)
        self.log_button.setToolTip(
            tr("Log a growth-learning note on this milestone ({shortcut})").format(
                shortcut=LOG_NOTE_KEYS
            )
        )
        self.log_button.clicked.connect(self.log_note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.log_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.list)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)

    def show_record(self, record: Item) -> None:
        assert isinstance(record, Milestone)
        self.milestone = record
        notes = self.controller.plan.children(GrowthNote, record.id)
        self.notes = sorted(notes, key=lambda n: (n.date, n.created), reverse=True)
        self.list.clear()
        for note in self.notes:
            item = QListWidgetItem(note_line(note))
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            item.setToolTip(note.text)
            if note.private:
                font = item.font()
                font.setItalic(True)
                item.setFont(font)
            self.list.addItem(item)
        self.list.setVisible(bool(self.notes))
        self.empty.setVisible(not self.notes)

    def _open_item(self, item: QListWidgetItem) -> None:
        self.select(str(item.data(Qt.ItemDataRole.UserRole)))

    def log_note(self) -> NoteDialog | None:
        if self.milestone is None:
            return None
        self.dialog = open_note(
            self.controller,
            self.milestone.id,
            self.window(),
            today=self.today(),
            select=self.select,
        )
        return self.dialog


class LearnPrompt(QObject):
    """Asks "What did you learn?" when a milestone goes from not done to done.

    It compares each milestone's done day before and after every change; undo never
    asks, nor does a milestone that arrives done (an import, the demo).
    """

    def __init__(self, shell: Shell) -> None:
        super().__init__(shell.widget)
        self.shell = shell
        self.enabled = True
        self.today = shell.today
        self.dialog: NoteDialog | None = None
        # A question asked first (whether a skill's level moved): given the milestone and
        # what to do once it is answered, True when it asks.
        self.before: Callable[[str, Callable[[], object]], bool] | None = None
        # Filled when the window announces its plan (a change to everything), which
        # asks nothing: a milestone counts as newly done only when it was known undone.
        self._done: dict[str, date | None] = {}
        self._index = shell.controller.undo_stack.index()
        shell.controller.changed.connect(self._changed)
        shell.controller.plan_replaced.connect(self._reset)

    def _done_now(self) -> dict[str, date | None]:
        return done_days(self.shell.controller.plan)

    def _reset(self) -> None:
        self._done = self._done_now()
        self._index = self.shell.controller.undo_stack.index()

    def _changed(self, changes: PlanChanges) -> None:
        index = self.shell.controller.undo_stack.index()
        undone = index < self._index
        self._index = index
        before = self._done
        if changes.everything:
            self._done = self._done_now()
        elif changes.touches(Milestone):
            # Only the milestones the change touched can have changed: look at those alone
            # (reading every milestone after each keystroke is slow on a large plan).
            self._done = dict(before)
            plan = self.shell.controller.plan
            for item_id in changes.ids(Milestone):
                if milestone := plan.find(Milestone, item_id):
                    self._done[item_id] = milestone.done_on
        else:
            return
        if undone or not self.enabled:
            return
        newly_done = [
            milestone_id
            for milestone_id, done_on in self._done.items()
            if done_on is not None and milestone_id in before and before[milestone_id] is None
        ]
        if len(newly_done) == 1:
            milestone_id = newly_done[0]
            asked_first = self.before is not None and self.before(
                milestone_id, lambda: self.ask(milestone_id)
            )
            if not asked_first:
                self.ask(milestone_id)

    def ask(self, milestone_id: str) -> None:
        """“What did you learn?” about the milestone just done."""
        self.dialog = open_note(
            self.shell.controller,
            milestone_id,
            self.shell.widget,
            today=self.today(),
            prompt=True,
            select=self.shell.tree.select_node,
        )


class NoteActions:
    """Ctrl+L: log a note on the selected milestone (or the milestone of a selected note)."""

    def __init__(self, shell: Shell) -> None:
        self.shell = shell
        self.today = shell.today
        self.dialog: NoteDialog | None = None
        self.action = QAction(tr("&Log growth note…"), shell.widget)
        self.action.setShortcut(QKeySequence(LOG_NOTE_KEYS))
        self.action.setToolTip(
            tr("Log a growth-learning note on the selected milestone ({shortcut})").format(
                shortcut=LOG_NOTE_KEYS
            )
        )
        self.action.setStatusTip(tr("Log a growth-learning note on the selected milestone"))
        self.action.triggered.connect(self.log_note)
        shell.tree.node_selected.connect(lambda _id: self.update_enabled())
        self.update_enabled()

    def current_milestone(self) -> str | None:
        node = self.shell.tree.current_node()
        if node is None:
            return None
        if node.kind is NodeKind.MILESTONE:
            return node.id
        if node.kind is NodeKind.GROWTH_NOTE:
            return node.parent_id
        return None

    def update_enabled(self) -> None:
        self.action.setEnabled(self.current_milestone() is not None)

    def log_note(self) -> NoteDialog | None:
        milestone_id = self.current_milestone()
        if milestone_id is None:
            return None
        node = self.shell.tree.current_node()
        # From a note, the new note's place is beside it: keep the note selected then.
        stay = self.shell.tree.select_node if node and node.id == milestone_id else None
        self.dialog = open_note(
            self.shell.controller, milestone_id, self.shell.widget, today=self.today(), select=stay
        )
        return self.dialog
