"""The coach's latest word on the open plan, kept fresh for the panel, editor and tree.

After every change (and undo, redo, another plan) the plan is reviewed again off the UI
thread: loading it and a first review of a large plan (hundreds of key results) take longer
than a keystroke may. Changes that come while a review runs are folded into one more
review afterwards, and a review of a plan that has since been replaced is thrown away.

The editor asks about one item as it is typed (``review_draft``): that uses the context of
the last review with the unsaved record in it, on the UI thread, which is quick because
only that item's rules run.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from okrdesk.domain.coach import CoachContext, Finding, Ownership, Review, Severity
from okrdesk.domain.entities import Dismissal, Item, KeyResult, Milestone, Mission, Objective
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import tr
from okrdesk.gui.core.tasks import run_task
from okrdesk.qt.core import QObject, QThreadPool, QTimer, Signal
from okrdesk.services.coach import (
    build_context,
    dismissals,
    objective_strengths,
    review_context,
    with_draft,
)
from okrdesk.services.plan import PlanService

# Changes often come in bursts (a macro, undoing several steps): wait for the burst to end.
SETTLE_MS = 120
# The first review of a plan just opened waits longer: it reads the whole plan, and its
# thread would hold the interpreter while the window paints and answers its first keys.
FIRST_REVIEW_MS = 600


@dataclass(frozen=True)
class CoachResult:
    """One review of the plan, with what it was made from."""

    context: CoachContext
    review: Review
    dismissals: tuple[Dismissal, ...]
    strengths: dict[str, float]

    def dismissal(self, rule_id: str, item_id: str) -> Dismissal | None:
        for found in self.dismissals:
            if (found.rule_id, found.subject_id) == (rule_id, item_id):
                return found
        return None


def compute(plan: PlanService, today: date | None = None) -> CoachResult:
    context = build_context(plan, today)
    found = tuple(dismissals(plan))
    result = review_context(context, found)
    return CoachResult(context, result, found, objective_strengths(result))


@dataclass(frozen=True, slots=True)
class Badge:
    errors: int
    warnings: int

    @property
    def text(self) -> str:
        # Text, not colour alone: "⚠2" reads as two warnings even without the colour.
        parts = []
        if self.errors:
            parts.append(f"✕{self.errors}")
        if self.warnings:
            parts.append(f"⚠{self.warnings}")
        return " ".join(parts)

    @property
    def counts(self) -> str:
        """In words: "1 error and 2 warnings"."""
        errors = (
            tr("1 error") if self.errors == 1 else tr("{count} errors").format(count=self.errors)
        )
        warnings = (
            tr("1 warning")
            if self.warnings == 1
            else tr("{count} warnings").format(count=self.warnings)
        )
        if self.errors and self.warnings:
            return tr("{errors} and {warnings}").format(errors=errors, warnings=warnings)
        return errors if self.errors else warnings if self.warnings else ""

    @property
    def tooltip(self) -> str:
        return tr("Coach: {counts} (see the Coach panel, F7)").format(counts=self.counts)


class CoachState(QObject):
    # A new review is in (also after the plan was replaced).
    updated = Signal()

    def __init__(self, controller: PlanController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.result: CoachResult | None = None
        self.today: date | None = None  # None: the real today (tests and screenshots fix it)
        self._badges: dict[str, Badge] = {}
        self._running = False
        self._again = False
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self._start)
        # Its own pool of one thread: one review at a time, and closing can wait for it
        # (the plan must not close under a review that is reading it).
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        controller.changed.connect(self.schedule)
        controller.plan_replaced.connect(self._plan_replaced)

    # -- reviewing ------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._running or self._timer.isActive()

    def schedule(self, _changes: object = None) -> None:
        if not self._closed:
            self._timer.start(FIRST_REVIEW_MS if self.result is None else SETTLE_MS)

    def close(self) -> None:
        """The window is closing: start nothing more, and let a running review end."""
        self._closed = True
        self._timer.stop()
        self._pool.waitForDone()

    def _plan_replaced(self) -> None:
        self.result = None
        self._badges = {}
        self.updated.emit()
        self.schedule()

    def _start(self) -> None:
        if self._closed:
            return
        if self._running:
            self._again = True
            return
        self._running = True
        self._again = False
        plan = self.controller.plan
        today = self.today
        # A review of a plan that changed meanwhile is dropped: the change that changed it
        # scheduled the next one. So is one that failed (the plan closed under it).
        run_task(
            lambda _progress: compute(plan, today),
            self._finished,
            lambda _error: self._finished(None),
            on_stale=lambda: self._finished(None),
            stale_when=self.controller.revision_key,
            pool=self._pool,
        )

    def _finished(self, result: CoachResult | None) -> None:
        self._running = False
        if self._closed:
            return
        if result is not None:
            self._take(result)
        if self._again:
            self._again = False
            self.schedule()

    def _take(self, result: CoachResult) -> None:
        self.result = result
        badges: dict[str, list[Finding]] = {}
        for finding in result.review.findings:
            if finding.severity is not Severity.INFO:
                badges.setdefault(finding.item_id, []).append(finding)
        # Equal badges are one object: a large plan has tens of thousands of them, and
        # only a few different ones.
        alike: dict[tuple[int, int], Badge] = {}
        self._badges = {}
        for item_id, found in badges.items():
            errors = sum(f.severity is Severity.ERROR for f in found)
            warnings = sum(f.severity is Severity.WARN for f in found)
            key = (errors, warnings)
            self._badges[item_id] = alike.setdefault(key, Badge(errors, warnings))
        self.updated.emit()

    # -- questions ------------------------------------------------------------------------

    def badge_for(self, node_id: str) -> Badge | None:
        return self._badges.get(node_id)

    def findings_for(self, item_id: str) -> list[Finding]:
        return [] if self.result is None else self.result.review.findings_for(item_id)

    def review_draft(self, draft: Item) -> list[Finding] | None:
        """The findings about ``draft`` as typed, not saved; None before the first review."""
        if self.result is None:
            return None
        context = with_draft(self.result.context, draft)
        found = review_context(context, self.result.dismissals, only=[draft.id])
        return list(found.findings)

    def left_out(self, draft: Item) -> tuple[Ownership, str] | None:
        """Why the coach leaves ``draft`` out, as typed (whose it is, and the owner's name);
        None when it coaches it, or before the first review. A key result or milestone is
        left out with its objective."""
        if self.result is None:
            return None
        context = self.result.context
        item: Item | None = draft
        if isinstance(draft, KeyResult | Milestone):
            item = context.objective(draft.objective_id)
        if not isinstance(item, Mission | Objective):
            return None
        ownership = context.ownership(item)
        return None if ownership is Ownership.MINE else (ownership, item.owner.strip())

    def dismissed_count(self, item_id: str) -> int:
        if self.result is None:
            return 0
        return sum(f.item_id == item_id for f in self.result.review.dismissed)

    def objective_strength(self, objective_id: str) -> float | None:
        return None if self.result is None else self.result.strengths.get(objective_id)

    def plan_strength(self) -> float | None:
        return None if self.result is None else self.result.review.plan_strength()
