"""Qt's QtGui, re-exported: see okrdesk.qt."""

from PySide6.QtGui import *  # noqa: F403
