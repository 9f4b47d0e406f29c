"""The coach: runs every rule over the plan and says what to improve, and why.

``evaluate(context)`` gives the findings a person should see; ``review(context, dismissed)``
also gives the dismissed ones (for the UI to show greyed out) and how many checks ran, from
which ``Review.plan_strength()`` and ``Review.objective_strength(id)`` compute the strength
score: (passes + half the warnings) / rules evaluated. An info finding is advice, not a
fault, so it counts as a pass; an error counts as nothing.

Which items are coached: the person's own (no owner, or the plan owner's name), not
archived; objectives that are not closed, with their key results and milestones; cycles
that have not ended; and the plan as a whole.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from okrdesk.domain.coach_context import CoachContext, Severity
from okrdesk.domain.coach_rules import (
    CYCLE,
    ITEM_TYPES,
    KEY_RESULT,
    MILESTONE,
    MISSION,
    OBJECTIVE,
    PLAN,
    RULES,
    PlanScope,
    Rule,
)

__all__ = [
    "RULES",
    "CoachContext",
    "Finding",
    "Review",
    "Rule",
    "Severity",
    "evaluate",
    "review",
    "rules_table",
    "strength",
]

Dismissal = tuple[str, str]  # (rule id, item id)


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: Severity
    item_id: str
    item_type: str
    item_title: str
    reason: str
    fix: str


@dataclass(frozen=True)
class Evaluation:
    """One rule checked against one item; ``objective_id`` groups it for the strength score."""

    rule_id: str
    item_id: str
    objective_id: str | None


@dataclass(frozen=True)
class Review:
    findings: tuple[Finding, ...]
    dismissed: tuple[Finding, ...]
    evaluations: tuple[Evaluation, ...]

    def plan_strength(self) -> float:
        return strength(self.findings, len(self.evaluations))

    def objective_strength(self, objective_id: str) -> float:
        """Over the objective and its key results and milestones."""
        scope = {e.item_id for e in self.evaluations if e.objective_id == objective_id}
        count = sum(e.objective_id == objective_id for e in self.evaluations)
        return strength([f for f in self.findings if f.item_id in scope], count)

    def findings_for(self, item_id: str) -> list[Finding]:
        return [f for f in self.findings if f.item_id == item_id]


def strength(findings: Iterable[Finding], rules_evaluated: int) -> float:
    """(passes + half the warnings) / rules evaluated; 1.0 when nothing was evaluated."""
    if rules_evaluated <= 0:
        return 1.0
    severities = [f.severity for f in findings]
    warnings = severities.count(Severity.WARN)
    errors = severities.count(Severity.ERROR)
    passes = max(rules_evaluated - warnings - errors, 0)
    return min((passes + 0.5 * warnings) / rules_evaluated, 1.0)


def rules_table() -> list[tuple[str, str, str]]:
    """(id, severity, reason) of every rule, for ``okrdesk check --rules``."""
    return [(r.id, r.severity.value, r.reason) for r in RULES.values()]


def _items(ctx: CoachContext) -> Iterator[tuple[str, Any, str | None]]:
    """(item type, item, objective id) of everything the coach looks at."""
    yield PLAN, PlanScope(), None
    for cycle in sorted(ctx.cycles, key=lambda c: (c.start, c.end)):
        if cycle.end >= ctx.today or cycle is ctx.current_cycle:
            yield CYCLE, cycle, None
    for mission in sorted(ctx.missions, key=lambda m: m.position):
        if not mission.archived and ctx.is_mine(mission.owner):
            yield MISSION, mission, None
    for objective in sorted(ctx.objectives, key=lambda o: o.position):
        if not ctx.is_live(objective):
            continue
        yield OBJECTIVE, objective, objective.id
        for kr in ctx.key_results_of(objective.id):
            yield KEY_RESULT, kr, objective.id
        for milestone in ctx.milestones_of(objective.id):
            yield MILESTONE, milestone, objective.id


def _rules_by_type() -> dict[str, list[Rule]]:
    grouped: dict[str, list[Rule]] = {t: [] for t in ITEM_TYPES}
    for r in RULES.values():
        grouped[r.applies_to].append(r)
    return grouped


def review(
    context: CoachContext,
    dismissed: Collection[Dismissal] = (),
    only: Iterable[str] | None = None,
) -> Review:
    """Every rule over every coached item; dismissed (rule id, item id) pairs set apart.

    ``only``: review just these item ids (the editor asks about one item as it is typed).
    """
    dismissed_pairs = set(dismissed)
    wanted = None if only is None else set(only)
    by_type = _rules_by_type()
    findings: list[Finding] = []
    put_aside: list[Finding] = []
    evaluations: list[Evaluation] = []
    for item_type, item, objective_id in _items(context):
        if wanted is not None and item.id not in wanted:
            continue
        for r in by_type[item_type]:
            verdict = r.check(item, context)
            if verdict is None:
                continue
            evaluations.append(Evaluation(r.id, item.id, objective_id))
            if verdict is False:
                continue
            finding = Finding(
                rule_id=r.id,
                severity=r.severity,
                item_id=item.id,
                item_type=item_type,
                item_title=item.label,
                reason=verdict if isinstance(verdict, str) else r.reason,
                fix=r.fix,
            )
            if (r.id, item.id) in dismissed_pairs:
                put_aside.append(finding)
            else:
                findings.append(finding)
    return Review(tuple(findings), tuple(put_aside), tuple(evaluations))


def evaluate(context: CoachContext, dismissed: Collection[Dismissal] = ()) -> list[Finding]:
    """The findings a person should see: every rule's, less the dismissed ones."""
    return list(review(context, dismissed).findings)
