"""A banner above a team item's form: imported items are read-only until unlocked, so a
re-import cannot silently overwrite an edit (it reports a conflict instead). Unlocking and
locking again are undoable edits of the item's ``locked`` field."""

from __future__ import annotations

from okrdesk.domain.entities import TYPE_NAMES, Item, KeyResult, Mission, Objective
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import tr
from okrdesk.gui.panes.editor import EditorPane, EditorPanel
from okrdesk.qt.core import Qt
from okrdesk.qt.widgets import QHBoxLayout, QLabel, QPushButton

LOCKABLE: tuple[type[Item], ...] = (Mission, Objective, KeyResult)
BANNER_STYLE = """
QWidget#teamLockBanner { background: palette(alternate-base); border: 1px solid palette(mid);
                         border-radius: 4px; }
"""


def origin_text(origin: str) -> str:
    """'team:…' -> 'your team's file'; 'markdown:okrs.md' -> 'okrs.md'."""
    kind, _, name = origin.partition(":")
    if kind == "team" or not name:
        return tr("your team's file")
    return name


class LockBanner(EditorPanel):
    def __init__(self, controller: PlanController, editor: EditorPane, cls: type[Item]) -> None:
        super().__init__()
        self.setObjectName("teamLockBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(BANNER_STYLE)
        self.controller = controller
        self.editor = editor
        self.cls = cls
        self.record: Item | None = None
        self.text = QLabel(self)
        self.text.setObjectName("teamLockText")
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.button = QPushButton(self)
        self.button.setObjectName("teamLockButton")
        self.button.clicked.connect(self._toggle)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)

    def show_record(self, record: Item) -> None:
        self.record = record
        locked = bool(getattr(record, "locked", False))
        origin = str(getattr(record, "origin", ""))
        self.editor.forms[self.cls].set_read_only(locked)
        self.setVisible(locked or bool(origin))
        kind = TYPE_NAMES[self.cls]
        source = origin_text(origin)
        if locked:
            self.text.setText(
                tr(
                    "This {kind} comes from {source}. It is read-only so that a newer file can "
                    "update it."
                ).format(kind=kind, source=source)
            )
            self.button.setText(tr("Unlock to edit"))
            self.button.setToolTip(
                tr("Edit it here; a re-import then keeps your edits and reports any conflict")
            )
        else:
            self.text.setText(
                tr(
                    "This {kind} comes from {source} and is unlocked: a re-import keeps your "
                    "edits and reports what it could not take."
                ).format(kind=kind, source=source)
            )
            self.button.setText(tr("Lock again"))
            self.button.setToolTip(tr("Read-only again; the next import takes the file's values"))

    def _toggle(self) -> None:
        record = self.record
        if record is None:
            return
        locked = bool(getattr(record, "locked", False))
        self.controller.edit(self.cls, record.id, locked=not locked)


def install_lock_banners(controller: PlanController, editor: EditorPane) -> None:
    """A banner at the top of each lockable kind's page (above the form)."""
    for cls in LOCKABLE:
        banner = LockBanner(controller, editor, cls)
        editor.panel_layouts[cls].insertWidget(0, banner)
        editor.panels[cls].append(banner)
