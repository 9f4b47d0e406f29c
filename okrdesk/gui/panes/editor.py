"""The editor pane: the form of the selected item, committing each field through the
controller (so every edit is one undoable step) and showing refusals beside the field."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from okrdesk.domain.entities import PARENT_FIELD, Item, MissionLink
from okrdesk.domain.validation import ValidationError, coerce
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr, translated
from okrdesk.gui.core.kinds import KIND_NAMES, kind_icon, record_type
from okrdesk.gui.panes.forms import FORMS, RecordForm
from okrdesk.qt.core import QEvent, Qt
from okrdesk.qt.gui import QResizeEvent
from okrdesk.qt.widgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.changes import PlanChanges
from okrdesk.services.errors import ItemNotFound
from okrdesk.services.links import set_links
from okrdesk.services.operations import DeleteItem, EditFields, Operation
from okrdesk.services.outline import Branch, Node, NodeKind

BRANCH_HINTS: dict[str, str] = {
    Branch.MISSIONS.value: QT_TR_NOOP(
        "A mission is what you want to do for others: customers, colleagues, your team, "
        "the company, society. Add one with Ctrl+Shift+M, then give it objectives."
    ),
    Branch.TEAM.value: QT_TR_NOOP(
        "Objectives of your team or company that none of your missions owns. A personal "
        "mission can serve them: tick them in the mission's form."
    ),
    Branch.BLIND.value: QT_TR_NOOP(
        "Personal objectives without a mission. An objective without a mission is a blind "
        "objective: drag it onto the mission it serves."
    ),
    Branch.MEETINGS.value: QT_TR_NOOP(
        "One-on-ones: progress, difficulties, development and feedback, reviewed with your manager."
    ),
    Branch.SKILLS.value: QT_TR_NOOP(
        "Your skills framework: each skill with its level now (1 to 5) and the level you aim "
        "at. A milestone's growth path picks skills; when one is done you are asked whether a "
        "level moved, and the chart shows how each grew over the cycles. Add one from "
        "Edit ▸ Add ▸ Skill."
    ),
}
NOTHING_HINT = QT_TR_NOOP("Select an item in the tree to edit it here.")


class EditorPanel(QWidget):
    """A part of an item's page below its form; features subclass it.

    A panel that changes the plan passes itself as the initiator (``controller.run(op,
    self)``); it is then not told again of what it just did, and refreshes itself."""

    def show_record(self, record: Item) -> None:
        """Another item is shown, or the item shown changed: show ``record`` as it is now."""
        raise NotImplementedError

    def record_saved(self, record: Item, name: str) -> None:
        """The page above just wrote field ``name`` of the item shown. By default the panel
        shows the item again; one that does not show that field need not."""
        self.show_record(record)


class ElidedLabel(QLabel):
    """One line of plain text; when it is too long for the width it ends in "…", and the
    whole of it is in the tooltip. A long title no longer wraps the editor's header onto
    more lines and pushes the form down under the mouse."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.full_text = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        # Any width will do: the text is elided to it, never the other way round.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._elide()

    def _elide(self) -> None:
        one_line = " ".join(self.full_text.split())
        shown = self.fontMetrics().elidedText(one_line, Qt.TextElideMode.ElideRight, self.width())
        if shown != self.text():
            self.setText(shown)


class EditorPane(QWidget):
    def __init__(self, controller: PlanController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setObjectName("editorPane")
        self.node: Node | None = None
        self.record: Item | None = None
        # The day a field saved by a use case happened (a skill's level moved); the window
        # gives its clock.
        self.today: Callable[[], date] = date.today

        header = self._build_header()
        self.stack = QStackedWidget(self)
        self.hint = QLabel(tr(NOTHING_HINT), self)
        self.hint.setObjectName("editorHint")
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.stack.addWidget(self.hint)
        self.forms: dict[type[Item], RecordForm] = {}
        self.pages: dict[type[Item], QScrollArea] = {}
        self.panel_layouts: dict[type[Item], QVBoxLayout] = {}
        self.panels: dict[type[Item], list[EditorPanel]] = {}
        for cls in FORMS:
            self._add_form_page(cls)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 6)
        layout.addLayout(header)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        layout.addWidget(self.stack, 1)
        self.show_node(None)
        controller.changed.connect(self._plan_changed)

    def _build_header(self) -> QHBoxLayout:
        """The kind's icon beside its name over the item's title."""
        self.icon = QLabel(self)
        self.icon.setFixedSize(28, 28)
        self.kind_label = QLabel(self)
        self.kind_label.setObjectName("kindLabel")
        self.title_label = ElidedLabel(self)
        self.title_label.setObjectName("editorTitle")
        heading = QVBoxLayout()
        heading.setSpacing(0)
        heading.addWidget(self.kind_label)
        heading.addWidget(self.title_label)
        header = QHBoxLayout()
        header.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        header.addLayout(heading, 1)
        return header

    def _add_form_page(self, cls: type[Item]) -> None:
        """A scrolled page in the stack for ``cls`` items: its form, then room for the
        panels features add below it (see add_panel)."""
        form = RecordForm(cls)
        form.committed.connect(self._commit)
        form.link_toggled.connect(self._toggle_link)
        form.links_chosen.connect(self._choose_links)
        page = QWidget(self)
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(form)
        page_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        self.stack.addWidget(scroll)
        self.forms[cls] = form
        self.pages[cls] = scroll
        self.panel_layouts[cls] = page_layout
        self.panels[cls] = []

    def add_panel(self, cls: type[Item], panel: EditorPanel) -> None:
        """Show ``panel`` below the form of ``cls`` items (a check-in history, notes...).
        It is told each time such an item is shown, with the record."""
        layout = self.panel_layouts[cls]
        layout.insertWidget(layout.count() - 1, panel)
        self.panels[cls].append(panel)

    # -- showing --------------------------------------------------------------------------

    @property
    def form(self) -> RecordForm | None:
        return None if self.record is None else self.forms[type(self.record)]

    def show_node(self, node: Node | None) -> None:
        self.node = node
        cls = None if node is None else record_type(node.kind)
        record = None if node is None or cls is None else self.controller.plan.find(cls, node.id)
        self.record = record
        if node is None:
            self._heading(None, "", tr("Nothing selected"))
            self.hint.setText(tr(NOTHING_HINT))
            self.stack.setCurrentWidget(self.hint)
            return
        if record is None:
            self._heading(node.kind, "", node.title)
            self.hint.setText(tr(BRANCH_HINTS.get(node.id, NOTHING_HINT)))
            self.stack.setCurrentWidget(self.hint)
            return
        form = self.forms[type(record)]
        form.load(record, self.controller.plan)
        for panel in self.panels[type(record)]:
            panel.show_record(record)
        self._heading(node.kind, tr(KIND_NAMES[node.kind]).capitalize(), record.label)
        self.stack.setCurrentWidget(self.pages[type(record)])

    def reload(self) -> None:
        """Show the stored values again (refused ones stay as typed)."""
        node = self.node
        cls = None if node is None else record_type(node.kind)
        if node is not None and cls is not None and self.controller.plan.find(cls, node.id) is None:
            node = None
        self.show_node(node)

    def _plan_changed(self, changes: PlanChanges) -> None:
        """Show the item again when the change touched it (an undo, a check-in, the tree's
        rename), never for what this page itself just wrote; the tree tells of a new
        selection. A page hidden meanwhile loads when it is shown."""
        record, node = self.record, self.node
        if node is None or changes.initiator is self:
            return
        if record is None:
            if changes.everything:
                self.show_node(node)
            return
        if not changes.touches_item(type(record), record.id):
            return
        fresh = self.controller.plan.find(type(record), record.id)
        if fresh is None:
            self.show_node(None)
            return
        self.record = fresh
        initiator = changes.initiator
        form = self.forms[type(fresh)]
        form.load(fresh, self.controller.plan)
        for panel in self.panels[type(fresh)]:
            if panel is not initiator:
                panel.show_record(fresh)
        self._heading(node.kind, tr(KIND_NAMES[node.kind]).capitalize(), fresh.label)

    def _heading(self, kind: NodeKind | None, kind_text: str, title: str) -> None:
        self.icon.setPixmap(
            kind_icon(kind).pixmap(28, 28) if kind else kind_icon(NodeKind.BRANCH).pixmap(0, 0)
        )
        self.kind_label.setText(kind_text.upper() if kind_text else "")
        self.kind_label.setVisible(bool(kind_text))
        self.title_label.set_full_text(title or tr("(untitled)"))

    # -- committing -----------------------------------------------------------------------

    def _commit(self, name: str, value: Any) -> None:
        record = self.record
        form = self.form
        if record is None or form is None:
            return
        cls = type(record)
        try:
            if PARENT_FIELD.get(cls) == name:
                # A new parent is a move (to the end of its new siblings), undone as one.
                siblings = self.controller.plan.children(cls, value)
                self.controller.move(cls, record.id, value, len(siblings), initiator=self)
                saved = self.controller.plan.get(cls, record.id)
            else:
                editor = form.editors[name]
                values = coerce(cls, {name: editor.parse(value)})
                applied = self.controller.run(self._saving(form, record, values), self)
                saved = applied.record if isinstance(applied.record, cls) else record
        except ItemNotFound:
            # Deleted meanwhile (another window, an undo): show what is there now.
            self.reload()
            return
        except ValidationError as error:
            # The message goes beside what the person typed, which stays as typed; a field
            # the service names besides it (a target that no longer fits) is marked too.
            form.show_error(name, translated(error.message))
            if error.field != name and error.field in form.editors:
                form.editors[error.field].set_invalid(True)
            return
        form.clear_error(name)
        for other, editor in form.editors.items():
            if not form.has_error(other):
                editor.set_invalid(False)
        self._saved(saved, name)

    def _saving(self, form: RecordForm, record: Item, values: dict[str, Any]) -> Operation:
        """The step that saves one field: a plain edit, or the use case its spec names
        (``FieldSpec.saved_by``) when the value changed."""
        ((name, value),) = values.items()
        saver = form.specs[name].saved_by
        if saver is None or value == getattr(record, name):
            return EditFields(type(record), record.id, values, mergeable=form.editors[name].typed)
        return saver(self.controller.plan, record, value, self.today())

    def _saved(self, record: Item, name: str) -> None:
        """This page wrote ``name``: take the stored record without reading the plan again
        or reloading the form (the person's cursor stays where it is)."""
        self.record = record
        form = self.forms[type(record)]
        form.accept(record, name)
        for panel in self.panels[type(record)]:
            panel.record_saved(record, name)
        if self.node is not None:
            self._heading(self.node.kind, tr(KIND_NAMES[self.node.kind]).capitalize(), record.label)

    def _choose_links(self, name: str, ids: list[str]) -> None:
        """A link row's new ticks: one step that links exactly those (see set_links)."""
        record, form = self.record, self.form
        if record is None or form is None:
            return
        spec = form.link_specs[name]
        label = tr("Choose {what} of {kind}").format(
            what=tr(spec.label).lower(), kind=tr(KIND_NAMES[self.node.kind]) if self.node else ""
        )
        step = set_links(
            self.controller.plan,
            spec.link,
            (spec.owner_field, record.id),
            spec.other_field,
            ids,
            label,
        )
        if step.steps:
            self.controller.run(step, self)
        form.load(self.controller.plan.get(type(record), record.id), self.controller.plan)

    def _toggle_link(self, objective_id: str, serve: bool) -> None:
        record = self.record
        if record is None:
            return
        links = self.controller.plan.where(
            MissionLink, mission_id=record.id, objective_id=objective_id
        )
        if serve and not links:
            link = MissionLink(mission_id=record.id, objective_id=objective_id)
            self.controller.add(link, focus=record.id, initiator=self)
        elif not serve:
            for link in links:
                self.controller.run(DeleteItem(MissionLink, link.id, focus=record.id), self)
