"""Qt's QtWidgets, re-exported: see okrdesk.qt."""

from PySide6.QtWidgets import *  # noqa: F403
