"""Doing what a person does in the main window, for the GUI tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from okrdesk.gui.shell import MainWindow
from okrdesk.qt.core import Qt
from okrdesk.qt.widgets import QAbstractItemView, QLineEdit, QPlainTextEdit, QWidget
from okrdesk.services.outline import Node

# Opens a main window on a plan file (the ``open_window`` fixture of tests/gui/conftest.py).
OpenWindow = Callable[[Path], MainWindow]


def rename_in_place(qtbot: QtBot, window: MainWindow, text: str) -> None:
    """Type ``text`` into the tree's open in-place editor and press Enter."""
    index = window.tree.currentIndex().siblingAtColumn(0)
    editor = window.tree.indexWidget(index)
    assert isinstance(editor, QLineEdit), "no in-place editor is open"
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on the next pass of the event loop.
    qtbot.waitUntil(lambda: window.tree.state() != QAbstractItemView.State.EditingState)


def field(window: MainWindow, name: str) -> QLineEdit:
    found = window.editor.stack.currentWidget().findChild(QLineEdit, f"input_{name}")
    assert isinstance(found, QLineEdit), name
    return found


def text_area(window: MainWindow, name: str) -> QPlainTextEdit:
    found = window.editor.stack.currentWidget().findChild(QPlainTextEdit, f"input_{name}")
    assert isinstance(found, QPlainTextEdit), name
    return found


def type_into(qtbot: QtBot, line: QLineEdit, text: str, key: Qt.Key = Qt.Key.Key_Return) -> None:
    line.setFocus()
    line.selectAll()
    qtbot.keyClicks(line, text)
    qtbot.keyClick(line, key)


def current(window: MainWindow) -> Node:
    node = window.tree.current_node()
    assert node is not None
    return node


def shown_titles(window: MainWindow) -> list[str]:
    """Every title the tree shows now (through the search filter), depth first."""
    proxy = window.tree.proxy
    titles: list[str] = []

    def visit(parent: object) -> None:
        for row in range(proxy.rowCount(parent)):  # type: ignore[arg-type]
            index = proxy.index(row, 0, parent)  # type: ignore[arg-type]
            titles.append(index.data())
            visit(index)

    from okrdesk.qt.core import QModelIndex

    visit(QModelIndex())
    return titles


def drawn_figure(window: MainWindow) -> Any:
    """The chart's matplotlib figure once the drawing that waits for the event loop is done
    (the pane draws after an edit or a selection returns, not during it)."""
    window.chart.draw_now()
    return window.chart.canvas.figure


class RecordingDialogs:
    """Gives ``answer`` (yes) to every question and keeps every error and question, for
    tests to look at."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.questions: list[tuple[str, str]] = []
        self.answer = True

    def show_error(self, parent: QWidget, title: str, message: str) -> None:
        self.errors.append(message)

    def confirm(self, parent: QWidget, question: str, details: str) -> bool:
        self.questions.append((question, details))
        return self.answer


def recorded(window: MainWindow) -> RecordingDialogs:
    """The window's recorded questions and errors (see the ``open_window`` fixture)."""
    dialogs = window.dialogs
    assert isinstance(dialogs, RecordingDialogs)
    return dialogs
