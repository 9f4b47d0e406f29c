"""The coach over a stored plan: what it finds, how strong the plan is, and dismissals.

The rules live in the domain (``okrdesk.domain.coach``); this module loads the plan once
into a ``CoachContext`` with the facts the rules cannot compute themselves (each key
result's health, from the same status maths the panes colour by; the current cycle; the
owner's name) and keeps the person's dismissals as ``Dismissal`` records, so they travel
with the plan and stay dismissed.

The GUI adds and deletes ``Dismissal`` records through its controller (so they are
undoable); ``dismiss``/``undismiss`` here are for the command line and scripts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

from okrdesk.domain.coach import RULES, CoachContext, Finding, Review, review, strength
from okrdesk.domain.entities import (
    CheckIn,
    Cycle,
    Dismissal,
    GrowthNote,
    Item,
    KeyResult,
    Milestone,
    Mission,
    MissionEvaluation,
    MissionLink,
    MissionStakeholder,
    NextStep,
    Objective,
    ObjectiveClose,
    Stakeholder,
)
from okrdesk.domain.messages import message
from okrdesk.domain.validation import ValidationError
from okrdesk.services.plan import PlanService
from okrdesk.services.plan_read import shared_read
from okrdesk.services.repairs import repair_subjects
from okrdesk.services.status import compute_status, load_records

# The context's field that holds each kind of record the coach reads.
CONTEXT_FIELDS: dict[type[Item], str] = {
    Mission: "missions",
    Objective: "objectives",
    KeyResult: "key_results",
    Milestone: "milestones",
    GrowthNote: "growth_notes",
    MissionLink: "mission_links",
    Cycle: "cycles",
    Stakeholder: "stakeholders",
    CheckIn: "check_ins",
    NextStep: "next_steps",
    MissionStakeholder: "mission_stakeholders",
    MissionEvaluation: "mission_evaluations",
}


def current_cycle(cycles: Sequence[Cycle], today: date) -> Cycle | None:
    """The cycle the person works in: the shortest one containing today, else the latest."""
    containing = [c for c in cycles if c.contains(today)]
    if containing:
        return min(containing, key=lambda c: (c.end - c.start, c.start))
    return max(cycles, key=lambda c: (c.end, c.start), default=None)


def build_context(plan: PlanService, today: date | None = None) -> CoachContext:
    """The whole plan as the coach sees it on ``today`` (default: the real today).

    Its records are the plan's shared read (``okrdesk.services.plan_read``): the coach's
    context and every other view of the plan hold the same record objects, and a review
    after an edit reads again only the tables the edit wrote.
    """
    today = today or date.today()
    records = load_records(plan)
    read = shared_read(plan)
    statuses = compute_status(records, today)
    cycles = list(records.cycles.values())
    cycle = current_cycle(cycles, today)
    check_ins = [c for found in records.check_ins.values() for c in found]
    return CoachContext(
        today=today,
        missions=records.missions,
        objectives=records.objectives,
        key_results=records.key_results,
        milestones=read.records(Milestone),
        growth_notes=read.records(GrowthNote),
        mission_links=read.records(MissionLink),
        cycles=cycles,
        stakeholders=read.records(Stakeholder),
        check_ins=check_ins,
        current_cycle_id=None if cycle is None else cycle.id,
        owner=plan.owner(),
        health={kr.id: statuses[kr.id].health.value for kr in records.key_results},
        latest_values={kr_id: found[-1].value for kr_id, found in records.check_ins.items()},
        repairs=repair_subjects(plan),
        next_steps=read.records(NextStep),
        objective_closes=read.records(ObjectiveClose),
        mission_evaluations=read.records(MissionEvaluation),
        mission_stakeholders=read.records(MissionStakeholder),
    )


def with_draft(context: CoachContext, draft: Item) -> CoachContext:
    """The context with ``draft`` in place of the stored record of the same id (or added):
    what the coach would say if the unsaved text in the editor were saved."""
    name = CONTEXT_FIELDS.get(type(draft))
    if name is None:
        return context
    return context.replacing_one(name, draft)


# -- dismissals ---------------------------------------------------------------------------


def dismissals(plan: PlanService) -> list[Dismissal]:
    return plan.all(Dismissal)


def dismissed_pairs(found: Iterable[Dismissal]) -> set[tuple[str, str]]:
    return {(d.rule_id, d.subject_id) for d in found}


def find_dismissal(plan: PlanService, rule_id: str, item_id: str) -> Dismissal | None:
    found = plan.where(Dismissal, rule_id=rule_id, subject_id=item_id)
    return found[0] if found else None


def _check_rule(rule_id: str) -> None:
    if rule_id not in RULES:
        raise ValidationError(
            "rule_id", message("The coach has no rule “{rule_id}”.", rule_id=rule_id)
        )


def dismiss(plan: PlanService, rule_id: str, item_id: str, reason: str) -> Dismissal:
    """Dismiss a rule's finding for one item, with the person's reason; dismissing again
    only changes the reason."""
    _check_rule(rule_id)
    existing = find_dismissal(plan, rule_id, item_id)
    if existing is not None:
        if existing.reason == reason:
            return existing
        return plan.update(Dismissal, existing.id, reason=reason)
    return plan.add(Dismissal(rule_id=rule_id, subject_id=item_id, reason=reason))


def undismiss(plan: PlanService, rule_id: str, item_id: str) -> bool:
    """Bring a dismissed finding back; False when it was not dismissed."""
    existing = find_dismissal(plan, rule_id, item_id)
    if existing is None:
        return False
    plan.delete(Dismissal, existing.id)
    return True


# -- reviewing ----------------------------------------------------------------------------


def review_context(
    context: CoachContext,
    found: Iterable[Dismissal] = (),
    only: Iterable[str] | None = None,
) -> Review:
    """``review`` with the plan's dismissal records; ``only`` limits it to those item ids."""
    return review(context, dismissed_pairs(found), only=only)


def review_plan(plan: PlanService, today: date | None = None) -> Review:
    """Every finding in the plan (dismissed ones set apart) and what the strength needs."""
    return review_context(build_context(plan, today), dismissals(plan))


def findings_for(plan: PlanService, item_id: str, today: date | None = None) -> list[Finding]:
    """The findings about one item (not dismissed), for the editor."""
    context = build_context(plan, today)
    return list(review_context(context, dismissals(plan), only=[item_id]).findings)


def objective_strengths(result: Review) -> dict[str, float]:
    """The strength of every coached objective, by id: ``Review.objective_strength`` for
    each, with the evaluations and findings grouped once (asking each objective in turn
    went over every evaluation and finding again: minutes at 50,000 items)."""
    counts: dict[str, int] = defaultdict(int)
    objectives_of: dict[str, set[str]] = defaultdict(set)
    for e in result.evaluations:
        if e.objective_id is not None:
            counts[e.objective_id] += 1
            objectives_of[e.item_id].add(e.objective_id)
    found: dict[str, list[Finding]] = defaultdict(list)
    for f in result.findings:
        for objective_id in objectives_of.get(f.item_id, ()):
            found[objective_id].append(f)
    strengths = {o: strength(found[o], count) for o, count in counts.items()}
    return {objective_id: s for objective_id, s in strengths.items() if s is not None}


NO_STRENGTH = "–"


def strength_text(value: float | None) -> str:
    """ "83 %"; a dash when there is nothing to measure yet (an empty plan)."""
    return NO_STRENGTH if value is None else f"{round(value * 100)} %"
