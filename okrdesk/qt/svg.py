"""Qt's QtSvg, re-exported: see okrdesk.qt."""

from PySide6.QtSvg import *  # noqa: F403
