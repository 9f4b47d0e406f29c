"""Help ▸ User guide, Keyboard shortcuts and About okrdesk."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from okrdesk import __version__
from okrdesk.gui.core import crash
from okrdesk.gui.features import help as help_menu
from okrdesk.gui.shell import MainWindow
from okrdesk.qt.gui import QAction, QKeySequence
from okrdesk.qt.widgets import QLabel, QMenu, QPushButton
from okrdesk.services.locations import backup_folder


def help_action(window: MainWindow, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert isinstance(found, QAction), name
    return found


def test_the_help_menu_holds_guide_shortcuts_and_about(window: MainWindow) -> None:
    texts = [a.text() for a in window.menus["help"].actions() if not a.isSeparator()]
    assert texts[:2] == ["&User guide", "&Keyboard shortcuts"]
    assert "&About okrdesk" in texts
    # One About, not the old one beside the new.
    assert sum("About" in text for text in texts) == 1


def test_the_guide_is_package_data_rendered_as_markdown(qtbot: QtBot, window: MainWindow) -> None:
    help_action(window, "userGuideAction").trigger()
    dialog = window.findChild(help_menu.GuideDialog)
    assert isinstance(dialog, help_menu.GuideDialog)
    qtbot.waitExposed(dialog)
    text = dialog.browser.toPlainText()
    assert text.startswith("The okrdesk user guide")
    assert "Missions first" in text
    # Rendered, not shown as source: no Markdown markers are left.
    assert "## " not in text and "**" not in text
    assert "Help ▸ Keyboard shortcuts" in text
    # F1 opens it (the platform's help key).
    assert help_action(window, "userGuideAction").shortcut() == QKeySequence(
        QKeySequence.StandardKey.HelpContents
    )
    dialog.close()


def test_shortcuts_are_read_from_the_window(window: MainWindow) -> None:
    entries = help_menu.window_shortcuts(window)
    by_command = {(e.where, e.command): e.keys for e in entries}
    native = QKeySequence.SequenceFormat.NativeText
    assert by_command[("Edit", "Undo")] == window.undo_action.shortcut().toString(native)
    assert by_command[("View", "Expand all")] == "Ctrl+Shift+Right"
    assert ("Edit ▸ Add", "Mission") in by_command
    assert by_command[("Help", "Keyboard shortcuts")] == "Ctrl+/"
    # An action added later, outside the menus, is listed too.
    late = QAction("Zoom the chart", window)
    late.setShortcut(QKeySequence("Ctrl+Alt+Z"))
    window.addAction(late)
    assert help_menu.ShortcutEntry("Window", "Zoom the chart", "Ctrl+Alt+Z") in (
        help_menu.window_shortcuts(window)
    )


# Reported, to be fixed by the modules that chose the keys (Edit ▸ Add ▸ Milestone in
# item_actions.py and View ▸ Alignment in team.py); then this set empties.
def test_no_two_commands_share_a_key(window: MainWindow) -> None:
    # Qt runs neither command of an ambiguous shortcut: each key must mean one thing.
    found = help_menu.conflicts(help_menu.window_shortcuts(window))
    assert found == {}, found


def test_conflicts_are_found() -> None:
    entries = [
        help_menu.ShortcutEntry("Edit", "Copy", "Ctrl+C"),
        help_menu.ShortcutEntry("Window", "Check in", "Ctrl+K, Ctrl+C"),
        help_menu.ShortcutEntry("View", "Coach", "F7"),
    ]
    assert help_menu.conflicts(entries) == {"Ctrl+C": entries[:2]}


def test_the_shortcuts_dialog_lists_and_filters(qtbot: QtBot, window: MainWindow) -> None:
    help_action(window, "keyboardShortcutsAction").trigger()
    dialog = window.findChild(help_menu.ShortcutsDialog)
    assert isinstance(dialog, help_menu.ShortcutsDialog)
    qtbot.waitExposed(dialog)
    assert dialog.table.rowCount() == len(help_menu.window_shortcuts(window))
    assert "Undo" in dialog.visible_commands()
    qtbot.keyClicks(dialog.filter, "expand")
    assert dialog.visible_commands() == ["Expand all"]
    dialog.filter.clear()
    assert len(dialog.visible_commands()) == dialog.table.rowCount()
    dialog.close()


def test_about_says_version_licence_and_where_things_are(
    qtbot: QtBot, window: MainWindow, plan_path: Path
) -> None:
    help_action(window, "aboutAction").trigger()
    dialog = window.findChild(help_menu.AboutDialog)
    assert isinstance(dialog, help_menu.AboutDialog)
    qtbot.waitExposed(dialog)

    def label(name: str) -> str:
        found = dialog.findChild(QLabel, name)
        assert isinstance(found, QLabel), name
        return found.text()

    assert label("aboutTitle") == f"okrdesk {__version__}"
    assert "GPL-3.0-or-later" in label("aboutLicence")
    assert label("planPath") == str(plan_path)
    assert label("backupsPath") == str(backup_folder(plan_path))
    assert label("logPath") == str(crash.log_file())
    assert dialog.findChild(QPushButton, "backupsOpen") is not None
    dialog.close()


def test_about_follows_the_open_plan(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    other = tmp_path / "other.okrdesk"
    assert window.open_plan_file(other, create=True)
    help_action(window, "aboutAction").trigger()
    dialog = window.findChild(help_menu.AboutDialog)
    assert isinstance(dialog, help_menu.AboutDialog)
    assert dialog.plan_path == other
    dialog.close()


def test_menu_texts_lose_their_markers() -> None:
    assert help_menu.plain_text("&Find…") == "Find"
    assert help_menu.plain_text("Save && close") == "Save & close"
    assert help_menu.plain_text("Check &in...") == "Check in"


def test_submenus_are_walked(window: MainWindow) -> None:
    sub = QMenu("&Deep", window.menus["view"])
    inner = sub.addAction("Deeper thing")
    inner.setShortcut(QKeySequence("Ctrl+Alt+D"))
    window.menus["view"].addMenu(sub)
    assert help_menu.ShortcutEntry("View ▸ Deep", "Deeper thing", "Ctrl+Alt+D") in (
        help_menu.window_shortcuts(window)
    )
