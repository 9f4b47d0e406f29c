"""The status bar's summary of the plan shown: how many of the person's missions, objectives
and key results, their average progress, how many team objectives apart, and a moment later
how many of the person's objectives are off track and at risk."""

from __future__ import annotations

from okrdesk.domain.health import Health
from okrdesk.gui.core.controller import PlanController
from okrdesk.gui.core.i18n import QT_TR_NOOP, tr
from okrdesk.gui.core.tasks import Progress, run_task
from okrdesk.gui.panes.tree import OutlineView
from okrdesk.qt.widgets import QLabel, QWidget
from okrdesk.services.changes import PlanChanges
from okrdesk.services.outline import SHAPING_TYPES
from okrdesk.services.plan import plural
from okrdesk.services.summary import plan_counts, team_item_ids

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
        self._counting = False
        self._again = False
        self._counts = ""
        self._objective_ids: frozenset[str] = frozenset()
        controller.changed.connect(self._plan_changed)

    def _plan_changed(self, changes: PlanChanges) -> None:
        if changes.touches(*SHAPING_TYPES):
            self.update_summary()

    def update_summary(self) -> None:
        """Counts and the average at once; how many objectives are at risk a moment later,
        from the health computed off the UI thread (it reads every check-in). The numbers
        are the person's own; the team's objectives are counted apart, after them."""
        found = plan_counts(self.tree.source.outline, team_item_ids(self.controller.plan))
        parts = [
            count_text(found.missions, "mission"),
            count_text(found.objectives, "objective"),
            count_text(found.key_results, "key result"),
        ]
        if found.average is not None:
            parts.append(tr("average {percent} %").format(percent=round(100 * found.average)))
        if found.team_objectives:
            parts.append(count_text(found.team_objectives, "team objective"))
        counts = " · ".join(parts)
        self.setText(counts)
        self._counts = counts
        self._objective_ids = found.objective_ids
        self._count_health()

    def _count_health(self) -> None:
        """One count at a time: each reads every check-in, and several at once held
        several reads of the plan alive together. A change while one runs is counted once
        it ends (the newest counts and objectives then)."""
        if self._counting:
            self._again = True
            return
        self._counting = True
        self._again = False
        counts, objective_ids = self._counts, self._objective_ids
        plan, cycle_id = self.controller.plan, self.controller.cycle_id

        def health(_progress: Progress) -> dict[str, Health]:
            from okrdesk.services.status import plan_status

            return {
                item_id: status.health
                for item_id, status in plan_status(plan, cycle_id=cycle_id).items()
            }

        def show(healths: dict[str, Health] | None) -> None:
            self._counting = False
            if self.closed:
                return
            if self._again:
                self._count_health()
                return
            if healths is None:
                return
            found = [health for i in objective_ids if (health := healths.get(i)) is not None]
            self.setText(trouble_text(counts, found))

        def stale() -> None:
            # Counted from a plan that changed meanwhile: dropped, and counted again.
            self._again = True
            show(None)

        run_task(
            health,
            show,
            lambda _error: show(None),
            on_stale=stale,
            stale_when=self.controller.revision_key,
        )
