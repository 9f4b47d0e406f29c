"""The status bar's summary of the plan shown: how many of the person's missions, objectives
and key results, their average progress, how many team objectives apart, and a moment later
how many of the person's objectives are off track and at risk."""

from __future__ import annotations

from okrdesk.domain.entities import Mission, MissionLink, Objective
from okrdesk.domain.health import Health
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.gui.core.tasks import Progress, run_task
from okrdesk.gui.panes.tree import OutlineView
from okrdesk.qt.core import QTimer
from okrdesk.qt.widgets import QLabel, QWidget
from okrdesk.services.changes import PlanChanges
from okrdesk.services.outline import SHAPING_TYPES
from okrdesk.services.plan import plural
from okrdesk.services.summary import PlanCounts, plan_counts, team_item_ids, with_new_average

# How long edits pause before the objectives' health is counted again.
HEALTH_PAUSE_MS = 250

# Counted apart, worst first, in the words the tree and the charts use for them.
TROUBLE: tuple[tuple[Health, str], ...] = (
    (Health.OFF_TRACK, QT_TR_NOOP("{n} off track")),
    (Health.AT_RISK, QT_TR_NOOP("{n} at risk")),
)


def trouble_text(counts: str, healths: list[Health]) -> str:
    """``counts`` followed by how many objectives are off track and at risk (none: nothing)."""
    parts = [counts]
    for health, words in TROUBLE:
        n = healths.count(health)
        if n:
            parts.append(tr(words).format(n=n))
    return " · ".join(parts)


# One template per kind (singular, plural) for translators.
COUNT_TEXTS: dict[str, tuple[str, str]] = {
    "mission": (QT_TR_NOOP("{n} mission"), QT_TR_NOOP("{n} missions")),
    "objective": (QT_TR_NOOP("{n} objective"), QT_TR_NOOP("{n} objectives")),
    "key result": (QT_TR_NOOP("{n} key result"), QT_TR_NOOP("{n} key results")),
    "team objective": (QT_TR_NOOP("{n} team objective"), QT_TR_NOOP("{n} team objectives")),
}


def count_text(count: int, name: str) -> str:
    one, many = COUNT_TEXTS.get(name, (f"{{n}} {name}", f"{{n}} {plural(name)}"))
    return tr(one if count == 1 else many).format(n=count)


class PlanSummary(QLabel):
    def __init__(
        self, controller: PlanController, tree: OutlineView, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("summary")
        self.controller = controller
        self.tree = tree
        self.closed = False
        # What was counted last: an edit that only moves numbers works out the average
        # again and keeps the rest (counting walks every node of the plan, and reading
        # which items are the team's reads two whole tables).
        self._counts: PlanCounts | None = None
        self._text = ""
        # Health is counted once edits pause (it reads every check-in, off the UI thread,
        # yet it holds the interpreter while the edit's own panes are drawing).
        self._healths: dict[str, Health] = {}
        self._counting = False
        self._again = False
        self._health_timer = QTimer(self)
        self._health_timer.setSingleShot(True)
        self._health_timer.setInterval(HEALTH_PAUSE_MS)
        self._health_timer.timeout.connect(self._count_health)
        controller.changed.connect(self._plan_changed)

    @property
    def counts(self) -> PlanCounts | None:
        """The numbers shown (None before the first count)."""
        return self._counts

    def _plan_changed(self, changes: PlanChanges) -> None:
        if not changes.touches(*SHAPING_TYPES):
            return
        # Items added, removed or moved, and missions and objectives (their level says
        # whose they are) and their links are counted again; the rest moves the average.
        recount = changes.reshapes(*SHAPING_TYPES) or changes.touches(
            Mission, Objective, MissionLink
        )
        self.update_summary(recount=recount)

    def update_summary(self, *, recount: bool = True) -> None:
        """Counts and the average at once; how many objectives are at risk a moment later,
        from the health computed off the UI thread (it reads every check-in). The numbers
        are the person's own; the team's objectives are counted apart, after them."""
        outline = self.tree.source.outline
        if recount or self._counts is None:
            found = plan_counts(outline, team_item_ids(self.controller.plan))
        else:
            found = with_new_average(self._counts, outline)
        self._counts = found
        parts = [
            count_text(found.missions, "mission"),
            count_text(found.objectives, "objective"),
            count_text(found.key_results, "key result"),
        ]
        if found.average is not None:
            parts.append(tr("average {percent} %").format(percent=round(100 * found.average)))
        if found.team_objectives:
            parts.append(count_text(found.team_objectives, "team objective"))
        self._text = " · ".join(parts)
        # The health counted last stays until the new one is in (an objective gone drops
        # out at once): the text does not flicker with each edit.
        self._show()
        self._health_timer.start()

    def _show(self) -> None:
        objective_ids = () if self._counts is None else self._counts.objective_ids
        known = self._healths
        found = [health for i in objective_ids if (health := known.get(i)) is not None]
        self.setText(trouble_text(self._text, found))

    def _count_health(self) -> None:
        """Count every objective's health off the UI thread, one count at a time."""
        if self.closed:
            return
        if self._counting:
            self._again = True
            return
        self._counting, self._again = True, False
        plan, cycle_id = self.controller.plan, self.controller.cycle_id

        def health(_progress: Progress) -> dict[str, Health]:
            from okrdesk.services.status import plan_status

            return {
                item_id: status.health
                for item_id, status in plan_status(plan, cycle_id=cycle_id).items()
            }

        # A count of a plan that changed meanwhile is dropped: the change that changed it
        # asked for the next one.
        run_task(
            health,
            self._counted,
            lambda _error: self._counted(None),
            stale_when=self.controller.revision_key,
            on_stale=lambda: self._counted(None),
        )

    def _counted(self, healths: dict[str, Health] | None) -> None:
        self._counting = False
        if self.closed:
            return
        if healths is not None:
            self._healths = healths
            self._show()
        if self._again:
            self._health_timer.start()
