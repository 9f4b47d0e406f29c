"""The weekly rhythm's place in the window: the check-in pass (Edit menu, a shortcut and a
toolbar button that counts the key results waiting) and ticking a next step off from the
tree (Edit menu and the tree's context menu), each an undo step.

The button's count is worked out off the UI thread (at open and once typing pauses after a
change), so that neither the first paint nor a keystroke waits for it; a count of a plan
that changed meanwhile, or one overtaken by a later count, is dropped."""

from __future__ import annotations

from datetime import date

from okrdesk.domain.entities import CheckIn, Cycle, KeyResult, NextStep, Objective
from okrdesk.gui.core.i18n import tr
from okrdesk.gui.core.kinds import action_icon
from okrdesk.gui.core.tasks import run_task
from okrdesk.gui.features.base import Feature, Shell
from okrdesk.gui.features.weekly.pass_dialog import PassSession, WeeklyPassDialog
from okrdesk.gui.features.weekly.reminders import Reminders
from okrdesk.qt.core import Qt, QTimer
from okrdesk.qt.gui import QAction, QKeySequence
from okrdesk.services.changes import PlanChanges
from okrdesk.services.next_steps import TickNextStep
from okrdesk.services.outline import NodeKind
from okrdesk.services.weekly import waiting_ids, week_of, weekly_pass

# Ctrl+Shift+K adds a key result already; the pass takes the check-in key with Alt.
PASS_KEYS = "Ctrl+Alt+K"
RECOUNT_DELAY_MS = 400


class WeeklyRhythm(Feature):
    def install(self, shell: Shell) -> None:
        self.shell = shell
        self.dialog: WeeklyPassDialog | None = None
        self.session = PassSession(week_of(shell.today())[0])
        self.pass_action = QAction(tr("&Weekly check-in…"), shell.widget)
        self.pass_action.setObjectName("weeklyPassAction")
        self.pass_action.setShortcut(QKeySequence(PASS_KEYS))
        self.pass_action.setIcon(action_icon("checkin"))
        self.pass_action.triggered.connect(self.open_pass)
        shell.add_action("edit.record", self.pass_action)
        shell.add_toolbar_action("toolbar.weekly", self.pass_action)
        self.tick_action = QAction(tr("&Tick off next step"), shell.widget)
        self.tick_action.setObjectName("tickNextStepAction")
        self.tick_action.setToolTip(tr("Mark the selected next step done (or not done again)"))
        self.tick_action.triggered.connect(self.tick_selected)
        shell.add_action("edit.record", self.tick_action)
        shell.add_context_action("context.record", self.tick_action)
        shell.tree.node_selected.connect(lambda _id: self.update_tick())
        shell.controller.changed.connect(self._changed)
        # Counting what waits reads the cycle's check-ins: done once typing pauses, after
        # the keypress that changed something returned (an edit costs a few reads only).
        self.recount = QTimer(shell.widget)
        self.recount.setSingleShot(True)
        self.recount.setInterval(RECOUNT_DELAY_MS)
        self.recount.timeout.connect(self._recount)
        self.reminders = Reminders(shell, self.open_pass)
        # A new week (or day) changes what waits without any change to the plan.
        self.reminders.timer.timeout.connect(self.count_later)
        # Each count asked for; a count that finishes after a later one was asked is old.
        self._counts_asked = 0
        self.counting = False
        # What the last count asked for was of (see _count_key): a change that changed
        # nothing it reads (the window announcing the plan just counted) asks no other.
        self._asked_key: tuple[int, int, date] | None = None
        # A count that comes in after the window is gone has no button to go on.
        self._gone = False
        shell.widget.destroyed.connect(self._window_gone)
        self._show_count(None)
        self.count_later()
        self.update_tick()

    # -- the pass -------------------------------------------------------------------------

    def current_session(self) -> PassSession:
        """This week's session: a new week starts a new pass."""
        monday = week_of(self.shell.today())[0]
        if self.session.week != monday:
            self.session = PassSession(monday)
        return self.session

    def waiting(self) -> int:
        return self._not_skipped(waiting_ids(self.shell.controller.plan, self.shell.today()))

    def _not_skipped(self, waiting: frozenset[str]) -> int:
        return len(waiting - self.current_session().skipped)

    def update_count(self) -> None:
        """Count what waits now, on the UI thread (the pass just ended, say)."""
        self._counts_asked += 1  # a count still under way is older than this one
        self._asked_key = self._count_key()
        self.counting = False
        self._show_count(self.waiting())

    def count_later(self) -> None:
        """Count what waits off the UI thread; the button shows it when it is in."""
        self._counts_asked += 1
        asked = self._counts_asked
        self._asked_key = self._count_key()
        plan, today = self.shell.controller.plan, self.shell.today()
        self.counting = True
        run_task(
            lambda _progress: waiting_ids(plan, today),
            lambda found: self._counted(asked, found),
            lambda _error: self._counted(asked, None),
            stale_when=self._count_key,
            on_stale=lambda: self._stale(asked),
        )

    def _count_key(self) -> tuple[int, int, date]:
        """What a count is of: this plan at this revision, on this day (whatever the cycle
        the tree shows: the pass is of the current cycle)."""
        plan = self.shell.controller.plan
        return id(plan), plan.revision, self.shell.today()

    def _counted(self, asked: int, waiting: frozenset[str] | None) -> None:
        if asked != self._counts_asked or self._gone:
            return  # a later count was asked for: it will show
        self.counting = False
        if waiting is not None:  # None: it failed (the plan closed under it)
            self._show_count(self._not_skipped(waiting))

    def _stale(self, asked: int) -> None:
        # The plan (or the day) changed under the count: count again, unless a later
        # count is on its way already.
        if asked == self._counts_asked and not self._gone:
            self.count_later()

    def _window_gone(self) -> None:
        self._gone = True

    def _show_count(self, count: int | None) -> None:
        """The count on the button (None: not known yet)."""
        # The toolbar shows the count alone beside the icon (its icon text): the full
        # words would push the search box off a 1024-pixel-wide window.
        if count is None:
            self.pass_action.setText(tr("&Weekly check-in…"))
            self.pass_action.setIconText("…")
            tip = tr("Start this week's check-in ({keys})")
        elif count:
            self.pass_action.setText(tr("&Weekly check-in ({count})…").format(count=count))
            self.pass_action.setIconText(str(count))
            tip = tr("{count} key results wait for this week's check-in ({keys})")
        else:
            self.pass_action.setText(tr("&Weekly check-in…"))
            self.pass_action.setIconText(tr("Done"))
            tip = tr("Nothing waits for this week's check-in ({keys})")
        self.pass_action.setToolTip(tip.format(count=count, keys=PASS_KEYS))
        self.pass_action.setStatusTip(tip.format(count=count, keys=PASS_KEYS))

    def open_pass(self) -> WeeklyPassDialog:
        """Open the pass on what waits (its summary straight away when nothing does)."""
        shell = self.shell
        found = weekly_pass(shell.controller.plan, shell.today())
        dialog = WeeklyPassDialog(
            shell.controller, list(found.waiting), self.current_session(), shell.today, shell.widget
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.update_count())
        self.dialog = dialog
        dialog.open()
        return dialog

    # -- next steps in the tree -----------------------------------------------------------

    def selected_step(self) -> str | None:
        node = self.shell.tree.current_node()
        return node.id if node is not None and node.kind is NodeKind.NEXT_STEP else None

    def update_tick(self) -> None:
        self.tick_action.setEnabled(self.selected_step() is not None)

    def tick_selected(self) -> bool:
        step_id = self.selected_step()
        step = None if step_id is None else self.shell.controller.plan.find(NextStep, step_id)
        if step is None:
            return False
        self.shell.controller.run(TickNextStep(step.id, not step.done))
        return True

    def _changed(self, changes: PlanChanges) -> None:
        self.update_tick()
        if changes.touches(CheckIn, KeyResult, Objective, Cycle, NextStep):
            self.recount.start()

    def _recount(self) -> None:
        if self._count_key() != self._asked_key:
            self.count_later()
        self.reminders.clear()
