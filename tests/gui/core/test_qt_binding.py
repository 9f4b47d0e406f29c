"""The Qt binding must not leak references to None (PySide6 6.12.0 did, and Python 3.11
aborts with "deallocating None" after a few thousand calls: a crash in normal use)."""

from __future__ import annotations

import sys

from pytestqt.qtbot import QtBot

from okrdesk.qt.widgets import QLabel


def test_calls_returning_nothing_keep_none_alive(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for n in range(3000):
        label.setText(str(n))
    assert abs(sys.getrefcount(None) - before) < 100
