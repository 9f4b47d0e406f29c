"""Reminders while offline (``services.reminders``): a banner when the window starts with a
reminder due (okrdesk was not running when it came), and a desktop notification through
Qt's system tray when it comes while the window is open. Once a week each: what was said
this week is not said again.

The clock is an attribute (``clock``), so tests drive the reminders with any time; so is
``notify`` (the tray when there is one, else the status bar).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from okrdesk.gui.core.i18n import tr, translated
from okrdesk.gui.core.kinds import action_icon
from okrdesk.gui.features.base import Shell
from okrdesk.qt.core import QTimer
from okrdesk.qt.widgets import QLabel, QPushButton, QSizePolicy, QSystemTrayIcon, QToolBar, QWidget
from okrdesk.services.reminders import Reminder, due_reminder

# How often the running window looks at the clock.
CHECK_EVERY_MS = 60_000


class ReminderBanner(QToolBar):
    """ "3 key results wait for this week's check-in" with a button to start the pass."""

    def __init__(self, start_pass: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(tr("Reminders"), parent)
        self.setObjectName("reminderBanner")
        self.toggleViewAction().setVisible(False)
        self.label = QLabel(self)
        self.label.setObjectName("reminderText")
        self.label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.start = QPushButton(tr("Start the check-in"), self)
        self.start.setObjectName("reminderStart")
        self.start_pass = start_pass
        self.start.clicked.connect(self._start)
        self.later = QPushButton(tr("Later"), self)
        self.later.setObjectName("reminderLater")
        self.later.clicked.connect(self.hide)
        self.addWidget(self.label)
        self.addWidget(self.start)
        self.addWidget(self.later)
        self.hide()

    def _start(self) -> None:
        self.hide()
        self.start_pass()

    def show_reminder(self, reminder: Reminder) -> None:
        self.label.setText("  " + translated(reminder.text))  # plain text: no markup in it
        self.start.setVisible(reminder.waiting > 0)
        self.show()


class Reminders:
    """The banner at start and the notification every minute after, over ``shell``.

    Inert until ``start``: the app starts it when the window opens for the person (not
    for a screenshot, nor in tests, which drive ``check_at_start`` and ``check_running``
    with a clock of their own)."""

    def __init__(self, shell: Shell, start_pass: Callable[[], object]) -> None:
        self.shell = shell
        self.clock: Callable[[], datetime] = datetime.now
        self.notify: Callable[[str, str], None] = self._notify
        self.said: set[date] = set()  # the weeks a reminder was given
        self.tray: QSystemTrayIcon | None = None
        self.banner = ReminderBanner(start_pass, shell.widget)
        shell.add_banner(self.banner)
        self.timer = QTimer(shell.widget)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check_running)

    def start(self) -> None:
        """Look now (the banner), then every minute (the notification)."""
        self.check_at_start()
        self.timer.start()

    def due(self) -> Reminder | None:
        reminder = due_reminder(self.shell.controller.plan, self.clock())
        return None if reminder is None or reminder.week in self.said else reminder

    def check_at_start(self) -> Reminder | None:
        """okrdesk was not running when the reminder came: say it in the window."""
        reminder = self.due()
        if reminder is not None:
            self.said.add(reminder.week)
            self.banner.show_reminder(reminder)
        return reminder

    def check_running(self) -> Reminder | None:
        """The reminder came while the window is open: a desktop notification."""
        reminder = self.due()
        if reminder is not None:
            self.said.add(reminder.week)
            self.notify(tr("okrdesk"), translated(reminder.text))
            self.banner.show_reminder(reminder)
        return reminder

    def clear(self) -> None:
        """Nothing waits any more (the pass was done): the banner goes."""
        if (
            self.banner.isVisible()
            and due_reminder(self.shell.controller.plan, self.clock()) is None
        ):
            self.banner.hide()

    def _notify(self, title: str, text: str) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            self.shell.show_status(text, 15000)
            return
        if self.tray is None:
            self.tray = QSystemTrayIcon(action_icon("app"), self.shell.widget)
            self.tray.setToolTip(tr("okrdesk"))
            self.tray.show()
        self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 10000)
