"""A field of a form that shows the items one item links to (a mission's further
stakeholders and its values, the skills a milestone builds or a note is tagged with) and
lets the person tick them in a filterable list: Choose… opens it, Enter or OK keeps the
ticks as one undoable step, Esc leaves everything as it was."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.qt.core import Qt, Signal
from okrdesk.qt.gui import QResizeEvent
from okrdesk.qt.widgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

NOTHING_CHOSEN = QT_TR_NOOP("(none)")
ID_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class LinkChoice:
    """One item that can be ticked: its id, its name, and a word on it (its group)."""

    id: str
    label: str
    detail: str = ""

    @property
    def text(self) -> str:
        return f"{self.label} — {self.detail}" if self.detail else self.label


class LinksDialog(QDialog):
    """Tick any number of the choices; the filter narrows the list as one types."""

    def __init__(
        self,
        title: str,
        choices: Sequence[LinkChoice],
        chosen: Sequence[str],
        empty_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("linksDialog")
        self.setWindowTitle(title)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("linksFilter")
        self.filter.setPlaceholderText(tr("Type to filter"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._filter)
        self.list = QListWidget(self)
        self.list.setObjectName("linksList")
        self.list.setAccessibleName(title)
        for choice in choices:
            item = QListWidgetItem(choice.text, self.list)
            item.setData(ID_ROLE, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            ticked = choice.id in chosen
            item.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
        # The order they were chosen in is kept for those that stay; new ones go after.
        self.order = list(chosen)
        self.empty = QLabel(empty_text, self)
        self.empty.setWordWrap(True)
        self.empty.setVisible(not choices)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        self.resize(420, 360)
        self.filter.setFocus()

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        for row in range(self.list.count()):
            item = self.list.item(row)
            shown = all(word in item.text().casefold() for word in words)
            item.setHidden(not shown)

    def ticked(self) -> list[str]:
        """The ticked ids: those chosen before in their order, then the new ones."""
        ticked = [
            str(self.list.item(row).data(ID_ROLE))
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        ]
        kept = [i for i in self.order if i in ticked]
        return kept + [i for i in ticked if i not in kept]


def _ask(dialog: LinksDialog) -> list[str] | None:
    return dialog.ticked() if dialog.exec() == QDialog.DialogCode.Accepted else None


class LinksField(QWidget):
    """The chosen items' names on one line, with Choose… to change them."""

    # The ids now wanted, in order.
    chosen = Signal(list)

    def __init__(self, name: str, title: str, empty_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.name = name
        self.title = title
        self.empty_text = empty_text
        self.choices: Callable[[], Sequence[LinkChoice]] = lambda: ()
        self.current: list[str] = []
        self.names: dict[str, str] = {}
        self.summary = QLabel(self)
        self.summary.setObjectName("linksSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setMinimumWidth(60)
        self.button = QPushButton(tr("Choose…"), self)
        self.button.setObjectName(f"choose_{name}")
        self.button.setAccessibleName(tr("Choose {what}").format(what=title))
        self.button.clicked.connect(self.choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary, 1)
        layout.addWidget(self.button)
        # Set by a test to answer the dialog: the ticked ids, or None for Cancel.
        self.ask: Callable[[LinksDialog], list[str] | None] = _ask

    def show_links(self, ids: Sequence[str], names: dict[str, str]) -> None:
        self.current = list(ids)
        self.names = names
        self._show_summary()

    def _show_summary(self) -> None:
        text = ", ".join(self.names.get(i, "?") for i in self.current) or tr(NOTHING_CHOSEN)
        metrics = self.summary.fontMetrics()
        width = max(60, self.summary.width())
        self.summary.setText(metrics.elidedText(text, Qt.TextElideMode.ElideRight, width))
        self.summary.setToolTip(text)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._show_summary()

    def choose(self) -> None:
        dialog = LinksDialog(self.title, self.choices(), self.current, self.empty_text, self)
        ticked = self.ask(dialog)
        if ticked is not None and ticked != self.current:
            self.chosen.emit(ticked)
