"""Qt's QtTest, re-exported for the tests (real input through the window system, such
as a mouse wheel); the app never imports it. See okrdesk.qt."""

from PySide6.QtTest import *  # noqa: F403
