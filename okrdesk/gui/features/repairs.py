"""Values that need repair, pointed at in the window: a "✕ repair" badge on the item in the
tree, and the sentences under the item's form (okrdesk.services.repairs finds them).

Such values come only from a file changed outside okrdesk (okrdesk refuses them at input),
so the plan is scanned off the UI thread when it is opened or replaced, and again only
after a change to an item that needed repair (entering the value again repairs it).
"""

from __future__ import annotations

from okrdesk.domain.entities import Item
from okrdesk.domain.messages import Message
from okrdesk.gui.core.i18n import tr, translated
from okrdesk.gui.core.tasks import run_task
from okrdesk.gui.features.base import Feature, Shell
from okrdesk.gui.panes.editor import EditorPanel
from okrdesk.gui.panes.forms import FORMS
from okrdesk.qt.core import Qt
from okrdesk.qt.widgets import QLabel, QVBoxLayout, QWidget
from okrdesk.services.changes import PlanChanges
from okrdesk.services.repairs import repair_subjects

# The items with a page in the editor (a cycle's repairs show on the coach's plan finding).
SHOWN_ON: tuple[type[Item], ...] = tuple(FORMS)

Subjects = dict[str, list[Message]]


class RepairPanel(EditorPanel):
    """Under an item's form: what of it needs repair, and how to repair it."""

    def __init__(self, repairs: Repairs, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.repairs = repairs
        self.setObjectName("repairPanel")
        self.label = QLabel(self)
        self.label.setObjectName("fieldError")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.addWidget(self.label)
        self.record_id = ""
        self.hide()

    def show_record(self, record: Item) -> None:
        self.record_id = record.id
        sentences = self.repairs.subjects.get(record.id, [])
        self.setVisible(bool(sentences))
        if sentences:
            lines = [translated(s) for s in sentences]
            self.label.setText(
                tr("Needs repair (enter the value again to repair it):")
                + "\n"
                + "\n".join(f"• {line}" for line in lines)
            )


class Repairs(Feature):
    def install(self, shell: Shell) -> None:
        self.shell = shell
        self.subjects: Subjects = {}
        self.panels: list[RepairPanel] = []
        for cls in SHOWN_ON:
            panel = RepairPanel(self)
            self.panels.append(panel)
            shell.add_editor_panel(cls, panel)
        shell.tree.add_badge_source(self._badge_for)
        shell.controller.changed.connect(self._plan_changed)

    def _plan_changed(self, changes: PlanChanges) -> None:
        touched_a_repair = any(item_id in self.subjects for _cls, item_id in changes.pairs())
        if changes.everything or touched_a_repair:
            self.scan()

    def scan(self) -> None:
        plan = self.shell.controller.plan
        run_task(
            lambda _progress: repair_subjects(plan),
            self._found,
            stale_when=self.shell.controller.revision_key,
            on_stale=self.scan,
        )

    def _found(self, subjects: Subjects) -> None:
        self.subjects = subjects
        self.shell.tree.viewport().update()
        record = self.shell.editor.record
        for panel in self.panels:
            if record is not None and panel.record_id == record.id:
                panel.show_record(record)

    def _badge_for(self, node_id: str) -> tuple[str, str] | None:
        sentences = self.subjects.get(node_id)
        if not sentences:
            return None
        tip = tr("Needs repair: {what}").format(what=translated(sentences[0]))
        return "✕" + tr("repair"), tip
