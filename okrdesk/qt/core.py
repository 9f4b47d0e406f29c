"""Qt's QtCore, re-exported: see okrdesk.qt."""

from PySide6.QtCore import *  # noqa: F403
