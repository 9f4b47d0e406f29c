"""The icons of okrdesk's actions and of the app, by name (SVG files beside the GUI).

A module of its own, importing Qt only: the first window shows them before the rest of the
GUI (and the services under it) has loaded.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from okrdesk.qt.gui import QIcon

ICON_DIR = Path(__file__).parents[1] / "icons"


@cache
def action_icon(name: str) -> QIcon:
    path = ICON_DIR / f"{name}.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
