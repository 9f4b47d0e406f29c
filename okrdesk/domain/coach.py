"""The coach: runs every rule over the plan and says what to improve, and why.

``evaluate(context)`` gives the findings a person should see; ``review(context, dismissed)``
also gives the dismissed ones (for the UI to show greyed out) and how many checks ran, from
which ``Review.plan_strength()`` and ``Review.objective_strength(id)`` compute the strength
score: (passes + half the warnings) / rules evaluated. An info finding is advice, not a
fault, so it counts as a pass; an error counts as nothing. With nothing of the person's to
check yet (an empty plan), there is no strength: ``None``, never 100 %.

Which items are coached: the person's own (``CoachContext.ownership``), not archived;
objectives that are not closed, with their key results and milestones; cycles that have not
ended; and the plan as a whole. ``Review.left_out`` lists the missions and objectives it
skipped because they are not the person's, and ``coverage_summary`` says so in a sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from okrdesk.domain.classifier import classify_key_result
from okrdesk.domain.coach_context import CoachContext, Ownership, Severity
from okrdesk.domain.coach_rules import (
    CYCLE,
    ITEM_TYPES,
    KEY_RESULT,
    MILESTONE,
    MISSION,
    OBJECTIVE,
    PLAN,
    RULES,
    Fired,
    PlanScope,
    Rule,
    join_clauses,
    with_counter_evidence,
)
from okrdesk.domain.entities import Cycle, KeyResult, Milestone, Mission, Objective
from okrdesk.domain.messages import Message, message

__all__ = [
    "RULES",
    "CoachContext",
    "Finding",
    "LeftOut",
    "Ownership",
    "Review",
    "Rule",
    "Severity",
    "coverage_summary",
    "evaluate",
    "key_result_reading",
    "review",
    "rules_table",
    "strength",
]

Dismissal = tuple[str, str]  # (rule id, item id)


@dataclass(frozen=True, slots=True)
class Finding:
    rule_id: str
    severity: Severity
    item_id: str
    item_type: str
    item_title: str
    reason: str
    fix: str
    # The principle behind the finding, in other words than its reason ("Why?").
    why: str = ""


@dataclass(frozen=True, slots=True)
class Evaluation:
    """One rule checked against one item; ``objective_id`` groups it for the strength score."""

    rule_id: str
    item_id: str
    objective_id: str | None
    item_type: str = ""


@dataclass(frozen=True, slots=True)
class LeftOut:
    """A mission or objective the coach skipped because it is not the person's."""

    item_id: str
    item_type: str
    item_title: str
    ownership: Ownership
    owner: str


# The items whose evaluations make a strength: the plan and its cycles alone do not.
STRENGTH_TYPES = frozenset({MISSION, OBJECTIVE, KEY_RESULT, MILESTONE})


@dataclass(frozen=True)
class Review:
    findings: tuple[Finding, ...]
    dismissed: tuple[Finding, ...]
    evaluations: tuple[Evaluation, ...]
    left_out: tuple[LeftOut, ...] = ()
    # The plan's owner when the review was made; empty when the plan has none.
    owner: str = ""

    def plan_strength(self) -> float | None:
        """None when nothing of the person's was checked: an empty plan has no strength."""
        if not any(e.item_type in STRENGTH_TYPES for e in self.evaluations):
            return None
        return strength(self.findings, len(self.evaluations))

    def objective_strength(self, objective_id: str) -> float | None:
        """Over the objective and its key results and milestones."""
        scope = {e.item_id for e in self.evaluations if e.objective_id == objective_id}
        count = sum(e.objective_id == objective_id for e in self.evaluations)
        return strength([f for f in self.findings if f.item_id in scope], count)

    def findings_for(self, item_id: str) -> list[Finding]:
        return [f for f in self.findings if f.item_id == item_id]


def strength(findings: Iterable[Finding], rules_evaluated: int) -> float | None:
    """(passes + half the warnings) / rules evaluated; None when nothing was evaluated."""
    if rules_evaluated <= 0:
        return None
    severities = [f.severity for f in findings]
    warnings = severities.count(Severity.WARN)
    errors = severities.count(Severity.ERROR)
    passes = max(rules_evaluated - warnings - errors, 0)
    return min((passes + 0.5 * warnings) / rules_evaluated, 1.0)


def rules_table() -> list[tuple[str, str, str]]:
    """(id, severity, reason) of every rule, for ``okrdesk check --rules``."""
    return [(r.id, r.severity.value, r.reason) for r in RULES.values()]


def _cycle_looked_at(ctx: CoachContext, cycle: Cycle) -> bool:
    """The current cycle and those to come; a past cycle that was closed too: its
    retrospective may be unfinished."""
    return cycle.end >= ctx.today or cycle is ctx.current_cycle or ctx.is_closed(cycle.id)


def _items(ctx: CoachContext) -> Iterator[tuple[str, Any, str | None]]:
    """(item type, item, objective id) of everything the coach looks at."""
    yield PLAN, PlanScope(), None
    for cycle in sorted(ctx.cycles, key=lambda c: (c.start, c.end)):
        if _cycle_looked_at(ctx, cycle):
            yield CYCLE, cycle, None
    for mission in sorted(ctx.missions, key=lambda m: m.position):
        if not mission.archived and ctx.is_mine(mission):
            yield MISSION, mission, None
    for objective in sorted(ctx.objectives, key=lambda o: o.position):
        if not ctx.is_live(objective):
            continue
        yield OBJECTIVE, objective, objective.id
        for kr in ctx.key_results_of(objective.id):
            yield KEY_RESULT, kr, objective.id
        for milestone in ctx.milestones_of(objective.id):
            yield MILESTONE, milestone, objective.id


def _wanted_items(ctx: CoachContext, wanted: set[str]) -> Iterator[tuple[str, Any, str | None]]:
    """What ``_items`` yields for the ``wanted`` ids alone, found by id instead of walking
    the whole plan (the editor asks about one item after every edit)."""
    if PlanScope.id in wanted:
        yield PLAN, PlanScope(), None
    for item_id in wanted:
        cycle = ctx.cycle(item_id)
        if cycle is not None and _cycle_looked_at(ctx, cycle):
            yield CYCLE, cycle, None
        mission = ctx.mission(item_id)
        if mission is not None and not mission.archived and ctx.is_mine(mission):
            yield MISSION, mission, None
        objective = ctx.objective(item_id)
        if objective is not None and ctx.is_live(objective):
            yield OBJECTIVE, objective, objective.id
    for kr in ctx.key_results:
        if kr.id in wanted and _listed_under_live_objective(ctx, kr, ctx.key_results_of):
            yield KEY_RESULT, kr, kr.objective_id
    for milestone in ctx.milestones:
        if milestone.id in wanted and _listed_under_live_objective(
            ctx, milestone, ctx.milestones_of
        ):
            yield MILESTONE, milestone, milestone.objective_id


def _listed_under_live_objective(
    ctx: CoachContext, item: KeyResult | Milestone, listed: Callable[[str], Sequence[Any]]
) -> bool:
    """Whether ``_items`` reaches ``item``: under a coached objective, in its list (an
    archived key result is not)."""
    objective = ctx.objective(item.objective_id)
    return objective is not None and ctx.is_live(objective) and item in listed(objective.id)


def left_out(ctx: CoachContext) -> tuple[LeftOut, ...]:
    """The missions and objectives the coach would look at were they the person's."""
    found: list[LeftOut] = []
    candidates: list[tuple[str, Mission | Objective]] = [
        (MISSION, m) for m in sorted(ctx.missions, key=lambda m: m.position) if not m.archived
    ]
    candidates += [
        (OBJECTIVE, o)
        for o in sorted(ctx.objectives, key=lambda o: o.position)
        if not o.archived and not o.state.is_closed
    ]
    for item_type, item in candidates:
        ownership = ctx.ownership(item)
        if ownership is not Ownership.MINE:
            found.append(LeftOut(item.id, item_type, item.title, ownership, item.owner.strip()))
    return tuple(found)


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
    dismissed_pairs = frozenset(dismissed)
    context = context.with_dismissed(dismissed_pairs)
    wanted = None if only is None else set(only)
    by_type = _rules_by_type()
    findings: list[Finding] = []
    put_aside: list[Finding] = []
    evaluations: list[Evaluation] = []
    items = _items(context) if wanted is None else _wanted_items(context, wanted)
    for item_type, item, objective_id in items:
        for r in by_type[item_type]:
            verdict = r.check(item, context)
            if verdict is None:
                continue
            evaluations.append(Evaluation(r.id, item.id, objective_id, item_type))
            if verdict is False:
                continue
            finding = _finding(r, verdict, item_type, item)
            if (r.id, item.id) in dismissed_pairs:
                put_aside.append(finding)
            else:
                findings.append(finding)
    return Review(
        tuple(findings),
        tuple(put_aside),
        tuple(evaluations),
        left_out(context) if wanted is None else (),
        context.owner.strip(),
    )


@lru_cache(maxsize=1024)
def _own_words(template: str) -> Message:
    """One Message per rule's sentence, shared by its findings (Messages never change): a
    review of a large plan made three new ones per finding, tens of thousands alike."""
    return Message(template)


def _finding(r: Rule, verdict: bool | str | Fired, item_type: str, item: Any) -> Finding:
    """What the rule says about the item: its words, or the ones the check gave."""
    # A rule's own words are templates without arguments: Messages, so the window can
    # translate them.
    reason: str = _own_words(r.reason)
    why: str = _own_words(r.why)
    fix: str = _own_words(r.fix)
    if isinstance(verdict, Fired):
        reason = verdict.reason
        why = verdict.why or why
        fix = verdict.fix or fix
    elif isinstance(verdict, str):
        reason = verdict
    return Finding(r.id, r.severity, item.id, item_type, item.label, reason, fix, why)


def evaluate(context: CoachContext, dismissed: Collection[Dismissal] = ()) -> list[Finding]:
    """The findings a person should see: every rule's, less the dismissed ones."""
    return list(review(context, dismissed).findings)


# -- whose items the review covers ---------------------------------------------------------

MAX_NAMES = 3


def _names(names: Iterable[str]) -> str:
    distinct = sorted(dict.fromkeys(n for n in names if n), key=str.casefold)
    if len(distinct) > MAX_NAMES:
        return message(
            "{names} and {count} others",
            names=", ".join(distinct[:MAX_NAMES]),
            count=len(distinct) - MAX_NAMES,
        )
    return ", ".join(distinct)


def coverage_summary(result: Review) -> tuple[Message, ...]:
    """Which items the review left out, and why, in plain sentences; none when it left out
    nothing (every live mission and objective was the person's)."""
    imported = [item for item in result.left_out if item.ownership is Ownership.IMPORTED]
    others = [item for item in result.left_out if item.ownership is Ownership.SOMEONE_ELSE]
    team = [item for item in result.left_out if item.ownership is Ownership.TEAM]
    sentences: list[Message] = []
    if len(imported) == 1:
        sentences.append(
            message(
                "The coach leaves out 1 team item imported from another plan or document "
                "(“{title}”): it changes in its source, not here.",
                title=imported[0].item_title,
            )
        )
    elif imported:
        sentences.append(
            message(
                "The coach leaves out {count} team items imported from other plans or "
                "documents: they change in their source, not here.",
                count=len(imported),
            )
        )
    if len(others) == 1:
        template = (
            "It leaves out “{title}”, owned by {owner}: only its owner can act on it."
            if sentences
            else "The coach leaves out “{title}”, owned by {owner}: only its owner can act on it."
        )
        sentences.append(
            Message(template, {"title": others[0].item_title, "owner": others[0].owner})
        )
    elif others:
        template = (
            "It leaves out {count} items owned by {owners}: only their owners can act on them."
            if sentences
            else "The coach leaves out {count} items owned by {owners}: only their owners can "
            "act on them."
        )
        owners = _names(item.owner for item in others)
        sentences.append(Message(template, {"count": len(others), "owners": owners}))
    if team:
        sentences.append(
            message(
                "The coach leaves out {count} team items that name no owner: they are context for "
                "your own work.",
                count=len(team),
            )
            if len(team) > 1
            else message(
                "The coach leaves out the team item “{title}”: it is context for your own work.",
                title=team[0].item_title,
            )
        )
    if sentences and not result.owner:
        sentences.append(
            message("Set the plan's owner to your name so the coach knows which items are yours.")
        )
    return tuple(sentences)


# -- how the classifier reads a key result (the editor's "Why?") ---------------------------


def key_result_reading(kr: KeyResult) -> Message:
    """What the classifier makes of the key result, from which words and numbers, and
    whether the person's own choice of result level overrides it."""
    found = classify_key_result(kr)
    reading = with_counter_evidence(
        message(
            "The classifier reads this as an {level}: it {reasons}.",
            level=found.label.value,
            reasons=join_clauses(found.reasons),
        ),
        found,
    )
    if kr.result_level is not None and kr.result_level is not found.label:
        return message(
            "You set the result level to {level}; the coach goes by that. {reading}",
            level=kr.result_level.value,
            reading=reading,
        )
    return reading
