"""The Help menu: the user guide, the keyboard shortcuts and About okrdesk.

The shortcuts dialog reads the window's actions when it opens, so it lists whatever the
features installed, with the keys they really have.
"""

from __future__ import annotations

import html
import platform
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from okrdesk import __version__
from okrdesk.gui.core import crash
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.gui.core.kinds import action_icon
from okrdesk.gui.features.base import Feature, Shell
from okrdesk.qt import BINDING_VERSION as pyside_version
from okrdesk.qt.core import QObject, QSettings, Qt, QUrl, qVersion
from okrdesk.qt.gui import QAction, QDesktopServices, QKeySequence, QPalette, QShortcut
from okrdesk.qt.widgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from okrdesk.services.files import private_folder
from okrdesk.services.locations import backup_folder

LICENCE = "GPL-3.0-or-later"
LICENCE_URL = "https://www.gnu.org/licenses/gpl-3.0.html"
TAGLINE = QT_TR_NOOP(
    "Personal missions, objectives and key results, milestones and growth notes: "
    "planned offline, on your desktop."
)
SHORTCUTS_KEYS = "Ctrl+/"
# An action whose text changes (Undo X) names itself in this property for the list.
STABLE_TEXT = "stableText"
NATIVE = QKeySequence.SequenceFormat.NativeText


@dataclass(frozen=True)
class ShortcutEntry:
    where: str  # the menu path, "Edit ▸ Add", or "Window" for actions in no menu
    command: str
    keys: str  # native text; several sequences joined with ", "


def plain_text(text: str) -> str:
    """A menu text without its mnemonic marker and trailing ellipsis."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip(".…").strip()


def _keys(sequences: list[QKeySequence]) -> str:
    return ", ".join(s.toString(NATIVE) for s in sequences if not s.isEmpty())


def action_name(action: QAction) -> str:
    """What the list calls an action: its fixed name where its text changes with what it
    would do ("Undo Edit owner of mission" is listed as "Undo"), else its text."""
    fixed = action.property(STABLE_TEXT)
    return plain_text(str(fixed)) if fixed else plain_text(action.text())


def window_shortcuts(window: QWidget) -> list[ShortcutEntry]:
    """Every key shortcut of ``window``: its menus' actions in menu order, then actions and
    QShortcuts that live outside the menus (tree-only keys, toggles, panels)."""
    entries: list[ShortcutEntry] = []
    seen: set[int] = set()

    def visit(menu: QMenu, path: list[str]) -> None:
        for action in menu.actions():
            if action.isSeparator():
                continue
            sub = action.menu()
            if isinstance(sub, QMenu):
                visit(sub, [*path, plain_text(action.text())])
                continue
            seen.add(id(action))
            keys = _keys(action.shortcuts())
            if keys and action.isVisible():
                entries.append(ShortcutEntry(" ▸ ".join(path), action_name(action), keys))

    bars = [window.menuBar()] if isinstance(window, QMainWindow) else []
    for top in (action for bar in bars for action in bar.actions()):
        menu = top.menu()
        if isinstance(menu, QMenu):
            visit(menu, [plain_text(top.text())])
    for action in window.findChildren(QAction):
        if id(action) in seen or action.isSeparator() or not action.isVisible():
            continue
        keys = _keys(action.shortcuts())
        text = action_name(action) or plain_text(action.toolTip())
        if keys and text:
            seen.add(id(action))
            entries.append(ShortcutEntry(tr("Window"), text, keys))
    for shortcut in window.findChildren(QShortcut):
        keys = _keys(shortcut.keys())
        text = shortcut.whatsThis() or shortcut.objectName()
        if keys and text and shortcut.isEnabled():
            entries.append(ShortcutEntry(tr("Window"), text, keys))
    return entries


def conflicts(entries: list[ShortcutEntry]) -> dict[str, list[ShortcutEntry]]:
    """Key sequences given to more than one command (Qt then runs neither)."""
    by_key: dict[str, list[ShortcutEntry]] = {}
    for entry in entries:
        for key in entry.keys.split(", "):
            by_key.setdefault(key, []).append(entry)
    return {key: found for key, found in by_key.items() if len(found) > 1}


class ShortcutsDialog(QDialog):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle(tr("Keyboard shortcuts"))
        self.entries = window_shortcuts(window)
        self.filter = QLineEdit()
        self.filter.setObjectName("shortcutsFilter")
        self.filter.setPlaceholderText(tr("Filter by command, menu or key"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(tr("Filter shortcuts"))
        self.filter.textChanged.connect(self._filter)
        self.table = QTableWidget(len(self.entries), 3)
        self.table.setObjectName("shortcutsTable")
        self.table.setHorizontalHeaderLabels([tr("Command"), tr("Keys"), tr("Menu")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        for row, entry in enumerate(self.entries):
            for column, text in enumerate((entry.command, entry.keys, entry.where)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(620, 560)

    def _filter(self, text: str) -> None:
        wanted = text.strip().lower()
        for row, entry in enumerate(self.entries):
            shown = f"{entry.command} {entry.keys} {entry.where}".lower()
            self.table.setRowHidden(row, bool(wanted) and wanted not in shown)

    def visible_commands(self) -> list[str]:
        return [
            entry.command
            for row, entry in enumerate(self.entries)
            if not self.table.isRowHidden(row)
        ]


def guide_markdown() -> str:
    """The user guide shipped inside the package."""
    return resources.files("okrdesk.gui").joinpath("guide", "guide.md").read_text("utf-8")


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(tr("okrdesk user guide"))
        self.browser = QTextBrowser()
        self.browser.setObjectName("guideBrowser")
        self.browser.setOpenExternalLinks(True)
        self.browser.document().setDocumentMargin(18)
        # Our own text, written in Markdown: nothing in it comes from the user.
        self.browser.setMarkdown(guide_markdown())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(720, 720)


def _path_row(path: Path, folder: Path, name: str) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    label = QLabel(str(path))
    label.setObjectName(f"{name}Path")
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setWordWrap(True)
    show = QPushButton(tr("Open folder"))
    show.setObjectName(f"{name}Open")
    show.setToolTip(tr("Open {folder} in the file manager").format(folder=folder))
    show.clicked.connect(lambda: open_folder(folder))
    layout.addWidget(label, 1)
    layout.addWidget(show)
    return row


def open_folder(folder: Path) -> None:
    private_folder(folder)  # owner-only, whatever the umask
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class AboutDialog(QDialog):
    def __init__(self, window: QWidget, plan_path: Path) -> None:
        super().__init__(window)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(tr("About okrdesk"))
        head = self._build_head()
        self.plan_path = plan_path
        self.backups = backup_folder(plan_path)
        self.log_file = crash.log_file()
        self.settings_file = Path(QSettings().fileName())
        where = self._build_where()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addSpacing(8)
        layout.addLayout(where)
        layout.addWidget(buttons)
        # Wrapped labels need their height for the width they get, which a dialog's own
        # size hint does not ask for: size it from the layout at the chosen width.
        width = 660
        self.resize(width, max(self.sizeHint().height(), layout.totalHeightForWidth(width)))

    def _build_head(self) -> QHBoxLayout:
        """The icon beside the name and version, the tagline, the licence and the versions
        of what okrdesk runs on."""
        icon = QLabel()
        icon.setPixmap(action_icon("app").pixmap(64, 64))
        title = QLabel(f"okrdesk {__version__}")
        title.setObjectName("aboutTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        title.setFont(font)
        tagline = QLabel(tr(TAGLINE))
        tagline.setWordWrap(True)
        licence = QLabel(
            tr(
                'Free software under the {licence} licence: <a href="{url}">GNU General '
                "Public License, version 3 or later</a>. It comes with no warranty."
            ).format(licence=html.escape(LICENCE), url=LICENCE_URL)
        )
        licence.setObjectName("aboutLicence")
        licence.setTextFormat(Qt.TextFormat.RichText)
        licence.setOpenExternalLinks(True)
        licence.setWordWrap(True)
        versions = QLabel(
            f"Python {platform.python_version()} · Qt {qVersion()} · PySide6 {pyside_version}"
        )
        versions.setObjectName("aboutVersions")
        versions.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        head = QHBoxLayout()
        head.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(tagline)
        text.addWidget(licence)
        text.addWidget(versions)
        head.addLayout(text, 1)
        return head

    def _build_where(self) -> QFormLayout:
        """Where the plan, its backups, the log and the settings are, each to open."""
        where = QFormLayout()
        plan_path = self.plan_path
        where.addRow(tr("Plan:"), _path_row(plan_path, plan_path.parent, "plan"))
        where.addRow(tr("Backups:"), _path_row(self.backups, self.backups, "backups"))
        where.addRow(tr("Log:"), _path_row(self.log_file, self.log_file.parent, "log"))
        where.addRow(
            tr("Settings:"), _path_row(self.settings_file, self.settings_file.parent, "settings")
        )
        return where


class Help(Feature):
    """The Help menu: the user guide, the keyboard shortcuts and About okrdesk."""

    def install(self, shell: Shell) -> None:
        self.actions = HelpActions(shell.widget, lambda: shell.controller.plan.path)
        for section, action in (
            ("help.guide", self.actions.guide),
            ("help.guide", self.actions.shortcuts),
            ("help.about", self.actions.about),
        ):
            shell.add_action(section, action)


class HelpActions(QObject):
    """The Help menu's actions and the dialogs they open; lives as long as the window."""

    def __init__(self, window: QWidget, plan_path: Callable[[], Path]) -> None:
        super().__init__(window)
        self.setObjectName("helpActions")
        self.window = window
        self.plan_path = plan_path
        self.guide_dialog: GuideDialog | None = None
        self.guide = QAction(action_icon("help"), tr("&User guide"), window)
        self.guide.setObjectName("userGuideAction")
        self.guide.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.guide.setStatusTip(tr("Read the short guide to okrdesk"))
        self.guide.triggered.connect(self.show_guide)
        self.shortcuts = QAction(tr("&Keyboard shortcuts"), window)
        self.shortcuts.setObjectName("keyboardShortcutsAction")
        self.shortcuts.setShortcut(QKeySequence(SHORTCUTS_KEYS))
        self.shortcuts.setStatusTip(tr("List every keyboard shortcut of this window"))
        self.shortcuts.triggered.connect(self.show_shortcuts)
        self.about = QAction(action_icon("app"), tr("&About okrdesk"), window)
        self.about.setObjectName("aboutAction")
        self.about.setMenuRole(QAction.MenuRole.AboutRole)
        self.about.setStatusTip(tr("Version, licence, and where your plan and backups are kept"))
        self.about.triggered.connect(self.show_about)

    def show_guide(self) -> GuideDialog:
        if self.guide_dialog is None:
            self.guide_dialog = GuideDialog(self.window)
        self.guide_dialog.show()
        self.guide_dialog.raise_()
        self.guide_dialog.activateWindow()
        return self.guide_dialog

    def show_shortcuts(self) -> ShortcutsDialog:
        dialog = ShortcutsDialog(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self.window, self.plan_path())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
