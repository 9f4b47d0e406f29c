"""The coach's rules: each one a stable id, a severity, a reason a person understands, a
fix, and a "why": the principle behind the rule, in other words than the reason.

A rule's check looks at one item (or the whole plan) and answers:
- ``None``: the rule does not apply to this item (it is not counted in the strength score);
- ``False``: the item passes;
- ``True``: the rule fires with its general reason;
- a string: the rule fires with that more specific reason;
- a ``Fired``: the rule fires with a specific reason, and a why or a fix of its own.

Severity: ``error`` when the plan cannot measure the item as it stands, ``warn`` for a
practice the OKR/MBM method advises against, ``info`` for advice worth a look.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from okrdesk.domain.classifier import Classification
from okrdesk.domain.coach_context import CoachContext, Severity
from okrdesk.domain.coach_missions import Narrow, narrow_signal, rewordings
from okrdesk.domain.entities import (
    Cycle,
    KeyResult,
    Milestone,
    Mission,
    Objective,
    Stakeholder,
)
from okrdesk.domain.enums import (
    Direction,
    KeyResultKind,
    Level,
    ObjectiveKind,
    ObjectiveState,
    ResultLevel,
    StakeholderKind,
)
from okrdesk.domain.messages import N_, Message, message


@dataclass(frozen=True)
class Fired:
    """A rule that fires with words of its own for this item."""

    reason: str
    why: str | None = None
    fix: str | None = None


Verdict = bool | str | Fired | None
Check = Callable[[Any, CoachContext], Verdict]

MISSION = "mission"
OBJECTIVE = "objective"
KEY_RESULT = "key result"
MILESTONE = "milestone"
CYCLE = "cycle"
PLAN = "plan"
ITEM_TYPES: tuple[str, ...] = (PLAN, CYCLE, MISSION, OBJECTIVE, KEY_RESULT, MILESTONE)

MAX_KEY_RESULTS = 5
MAX_OBJECTIVES_PER_CYCLE = 5
MAX_TITLE_WORDS = 15
MAX_TITLE_CHARS = 100
MIN_TITLE_WORDS = 3
COMMITTED_MIN_CONFIDENCE = 0.7
ASPIRATIONAL_MAX_CONFIDENCE = 0.9
NEGLECT_DAYS = 14


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    applies_to: str
    reason: str
    fix: str
    check: Check
    # The principle behind the rule: what "Why?" shows, never the reason repeated.
    why: str = ""


@dataclass(frozen=True)
class PlanScope:
    """The whole plan, for rules about it rather than about one item."""

    id: str = "plan"
    label: str = "The plan"


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str, severity: Severity, applies_to: str, reason: str, fix: str, *, why: str
) -> Callable[[Check], Check]:
    def register(check: Check) -> Check:
        if rule_id in RULES:
            raise ValueError(f"Two coach rules share the id {rule_id}")
        RULES[rule_id] = Rule(rule_id, severity, applies_to, reason, fix, check, why)
        return check

    return register


# --- Helpers ----------------------------------------------------------------------------

# Dates and versions are not targets: "Q3", "FY25", "2025", "H1", "v2".
_NOT_A_QUANTITY = re.compile(r"\b(?:q[1-4]|h[12]|fy\s?\d{2,4}|(?:19|20)\d{2}|v\d+(?:\.\d+)*)\b")
_QUANTITY = re.compile(r"\d|%|\bpercent\b")
_VAGUE = re.compile(
    r"\b(?:stuff|things|various|etc|misc(?:ellaneous)?|work on|look into|deal with|"
    r"continue to|keep doing|try to|tbd|todo)\b"
)
_DECREASE_WORDS = re.compile(
    r"\b(?:reduce|decrease|lower|cut|shrink|shorten|minimi[sz]e|halve|eliminate|drop|"
    r"under|below|less than|fewer than|at most|no more than)\b|<|≤"
)
_INCREASE_WORDS = re.compile(
    r"\b(?:increase|raise|grow|improve|boost|lift|double|triple|maximi[sz]e|expand|"
    r"above|over|more than|greater than|at least|no less than)\b|>|≥"
)
# A mission is for others when it names them or how it helps them.
_FOR_OTHERS = re.compile(
    r"\b(?:for|help|helps|helping|serve|serves|serving|support|supports|enable|enables|"
    r"so that|others|customers?|clients?|colleagues?|team|teams|users?|people|community|"
    r"students?|patients?|readers?|society|company|partners?|suppliers?|shareholders?|"
    r"give|gives|offer|offers|provide|provides|teach|teaches|share|shares)\b"
)

_FOR_MYSELF = re.compile(r"\bfor (?:me|myself|my \w+)\b")


def _has_quantity(text: str) -> bool:
    return bool(_QUANTITY.search(_NOT_A_QUANTITY.sub(" ", text.lower())))


def _words(text: str) -> list[str]:
    return text.split()


def _is_metric(kr: KeyResult) -> bool:
    return kr.kind is KeyResultKind.METRIC


def _cycle_of(kr: KeyResult, ctx: CoachContext) -> Cycle | None:
    objective = ctx.objective(kr.objective_id)
    return None if objective is None else ctx.cycle(objective.cycle_id)


def _not_verifiable(kr: KeyResult) -> bool:
    numbers = (kr.target, kr.band_low, kr.band_high)
    return (
        kr.kind in (KeyResultKind.METRIC, KeyResultKind.MAINTAIN)
        and all(n is None for n in numbers)
        and not _has_quantity(kr.title)
    )


def _cycle_objectives(cycle: Cycle, ctx: CoachContext) -> list[Objective]:
    """The person's objectives of the cycle that count: not archived, not abandoned."""
    return [
        o
        for o in ctx.objectives
        if o.cycle_id == cycle.id
        and not o.archived
        and o.state is not ObjectiveState.ABANDONED
        and ctx.is_mine(o)
    ]


# --- Objective --------------------------------------------------------------------------


@rule(
    "OBJ-NUMBER",
    Severity.WARN,
    OBJECTIVE,
    "The objective's title holds a number, so it reads like a key result in disguise.",
    "Keep the objective qualitative and inspiring; move the number into a key result.",
    why=(
        "An objective says where you want to go; numbers belong to the key results that show "
        "you got there. Mixed in, they turn a direction into a quota."
    ),
)
def _objective_number(o: Objective, ctx: CoachContext) -> Verdict:
    return _has_quantity(o.title)


@rule(
    "OBJ-BLIND",
    Severity.WARN,
    OBJECTIVE,
    "The objective serves no mission: a blind objective has no reason beyond itself.",
    "Put it under the mission it serves, or ask whether it is worth doing at all.",
    why=(
        "Objectives get their meaning from the contribution they serve: with no mission "
        "behind it, nobody can tell whether reaching it helps anyone."
    ),
)
def _objective_blind(o: Objective, ctx: CoachContext) -> Verdict:
    return ctx.mission(o.mission_id) is None


@rule(
    "OBJ-NO-KR",
    Severity.ERROR,
    OBJECTIVE,
    "The objective has no key results, so nothing says whether it was reached.",
    "Add two to five key results that would prove the objective is met.",
    why=(
        "Without key results the objective cannot be scored at the end of the cycle, so "
        "success becomes a matter of opinion."
    ),
)
def _objective_no_key_results(o: Objective, ctx: CoachContext) -> Verdict:
    return not ctx.key_results_of(o.id)


@rule(
    "OBJ-ONE-KR",
    Severity.INFO,
    OBJECTIVE,
    "The objective has only one key result, so one number decides it alone.",
    "Add a second key result that looks at it from another side (quality next to volume).",
    why=(
        "A single measure can be met while the objective is missed, or gamed; a second, "
        "different measure keeps it honest."
    ),
)
def _objective_one_key_result(o: Objective, ctx: CoachContext) -> Verdict:
    return len(ctx.key_results_of(o.id)) == 1


@rule(
    "OBJ-TOO-MANY-KR",
    Severity.WARN,
    OBJECTIVE,
    "The objective has more than five key results, which spreads attention thin.",
    "Keep the three to five that matter most; move the rest to milestones or drop them.",
    why=(
        "Each key result asks for attention every week; past five, the important ones drown "
        "among the rest."
    ),
)
def _objective_too_many_key_results(o: Objective, ctx: CoachContext) -> Verdict:
    count = len(ctx.key_results_of(o.id))
    if count > MAX_KEY_RESULTS:
        return f"The objective has {count} key results; more than five spreads attention thin."
    return False


@rule(
    "OBJ-NO-CYCLE",
    Severity.WARN,
    OBJECTIVE,
    "The objective belongs to no cycle, so it has no deadline.",
    "Put it in the cycle (usually a quarter) in which you mean to reach it.",
    why=(
        "Without a cycle there is no date to check in against and no moment to close it and learn."
    ),
)
def _objective_no_cycle(o: Objective, ctx: CoachContext) -> Verdict:
    return ctx.cycle(o.cycle_id) is None


@rule(
    "OBJ-VAGUE",
    Severity.WARN,
    OBJECTIVE,
    "The objective's title is vague, so it will not guide choices.",
    "Say in a few concrete words what will be different when you succeed.",
    why="A title that could mean anything cannot help you choose between two pieces of work.",
)
def _objective_vague(o: Objective, ctx: CoachContext) -> Verdict:
    title = o.title.strip()
    if len(_words(title)) < MIN_TITLE_WORDS:
        return "The objective's title is too short to say what will be different."
    match = _VAGUE.search(title.lower())
    if match:
        return f"The objective's title uses the vague words “{match.group(0)}”."
    return False


@rule(
    "OBJ-TOO-LONG",
    Severity.INFO,
    OBJECTIVE,
    "The objective's title is long; a good objective is remembered in one breath.",
    "Shorten it to one memorable sentence; put the detail in its “why”.",
    why="People act on what they can recall; a long title gets skimmed and then forgotten.",
)
def _objective_too_long(o: Objective, ctx: CoachContext) -> Verdict:
    title = o.title.strip()
    return len(_words(title)) > MAX_TITLE_WORDS or len(title) > MAX_TITLE_CHARS


@rule(
    "OBJ-COMMITTED-UNSURE",
    Severity.WARN,
    OBJECTIVE,
    "The objective is committed, yet your confidence in it was under 7 in 10 when drafting.",
    "Make it aspirational, reduce its scope, or secure what you need to commit to it.",
    why=(
        "A committed objective is a promise others plan around; making one you doubt sets "
        "them up for a surprise."
    ),
)
def _objective_committed_unsure(o: Objective, ctx: CoachContext) -> Verdict:
    if o.kind is not ObjectiveKind.COMMITTED or o.confidence is None:
        return None
    return o.confidence < COMMITTED_MIN_CONFIDENCE


@rule(
    "OBJ-SANDBAGGING",
    Severity.WARN,
    OBJECTIVE,
    "The objective is aspirational, yet your confidence is above 9 in 10: it is not a stretch.",
    "Raise the bar until your confidence is about 6 or 7 in 10, or make it committed.",
    why=(
        "Aspirational objectives are meant to stretch; one you are sure of teaches nothing "
        "and hides spare capacity."
    ),
)
def _objective_sandbagging(o: Objective, ctx: CoachContext) -> Verdict:
    if o.kind is not ObjectiveKind.ASPIRATIONAL or o.confidence is None:
        return None
    return o.confidence > ASPIRATIONAL_MAX_CONFIDENCE


@rule(
    "OBJ-NO-CONFIDENCE",
    Severity.INFO,
    OBJECTIVE,
    "The objective has no drafting confidence, so nobody can tell a stretch from a promise.",
    "Record how sure you are, in 10, that you can reach it (7 in 10, say).",
    why=(
        "Confidence noted up front is the yardstick for the final score: 0.7 on a long shot "
        "is a success, on a sure thing a warning."
    ),
)
def _objective_no_confidence(o: Objective, ctx: CoachContext) -> Verdict:
    return o.confidence is None


@rule(
    "OBJ-NO-WHY",
    Severity.INFO,
    OBJECTIVE,
    "The objective does not say why it matters now.",
    "Write a sentence or two on why this objective, and why this cycle.",
    why=(
        "The reason is what keeps an objective alive when it gets hard, and what tells others "
        "whether it still matters."
    ),
)
def _objective_no_why(o: Objective, ctx: CoachContext) -> Verdict:
    return not o.why.strip()


@rule(
    "OBJ-NOT-CLOSED",
    Severity.WARN,
    OBJECTIVE,
    "The objective's cycle has ended but the objective is still open.",
    "Close it as achieved, missed or abandoned, and note what you learned.",
    why=(
        "Closing is where the score, its causes and the lessons are written down; an "
        "objective left open from a past cycle keeps none of them."
    ),
)
def _objective_not_closed(o: Objective, ctx: CoachContext) -> Verdict:
    cycle = ctx.cycle(o.cycle_id)
    if cycle is None:
        return None
    return cycle.end < ctx.today


@rule(
    "OBJ-NO-WEIGHT",
    Severity.ERROR,
    OBJECTIVE,
    "Every key result of the objective has a weight of zero, so it can show no progress.",
    "Give at least one key result a weight above zero.",
    why=(
        "Progress is the weighted mean of the key results; with every weight at zero it stays "
        "at zero whatever happens."
    ),
)
def _objective_no_weight(o: Objective, ctx: CoachContext) -> Verdict:
    key_results = ctx.key_results_of(o.id)
    if not key_results:
        return None
    return all(kr.weight <= 0 for kr in key_results)


@rule(
    "OBJ-NO-MILESTONE",
    Severity.INFO,
    OBJECTIVE,
    "The objective has no milestones, so the road to it and what you learn on it are unplanned.",
    "Add a milestone or two with their purpose, growth path and organisational value.",
    why=(
        "Milestones hold the work and what you learn doing it; without them the plan says "
        "where, not how."
    ),
)
def _objective_no_milestone(o: Objective, ctx: CoachContext) -> Verdict:
    return not ctx.milestones_of(o.id)


# --- Alignment --------------------------------------------------------------------------


@rule(
    "ALN-CLOSED",
    Severity.WARN,
    OBJECTIVE,
    "The objective is aligned to an objective that is closed or archived.",
    "Align it to a live objective, or remove the alignment.",
    why=(
        "Alignment should point at something still being pursued; a finished target no longer "
        "pulls in any direction."
    ),
)
def _aligned_to_closed(o: Objective, ctx: CoachContext) -> Verdict:
    target = ctx.objective(o.aligned_to_id)
    if target is None:
        return None
    if target.archived or target.state.is_closed:
        state = "archived" if target.archived else target.state.value
        return f"The objective is aligned to “{target.title}”, which is {state}."
    return False


@rule(
    "ALN-OTHER-CYCLE",
    Severity.INFO,
    OBJECTIVE,
    "The objective is aligned to an objective of another cycle.",
    "Check that the alignment still holds, or align it to this cycle's objective.",
    why=(
        "Objectives of different cycles end at different times, so the one you serve may "
        "already be judged, or not set yet."
    ),
)
def _aligned_to_other_cycle(o: Objective, ctx: CoachContext) -> Verdict:
    target = ctx.objective(o.aligned_to_id)
    if target is None or o.cycle_id is None or target.cycle_id is None:
        return None
    return target.cycle_id != o.cycle_id


# --- Key result -------------------------------------------------------------------------


@rule(
    "KR-OUTPUT",
    Severity.WARN,
    KEY_RESULT,
    "The key result reads as an output (an activity or deliverable), not a change it causes.",
    "Move it to a milestone, or rewrite it as the change it is for "
    "(“Publish 5 posts” → “Grow newsletter sign-ups from 200 to 500 a month”).",
    why=(
        "An objective is met when something changes for someone: a measure moves, or people "
        "act differently. Finished work is how you try to get there, and milestones are the "
        "place to plan it."
    ),
)
def _key_result_output(kr: KeyResult, ctx: CoachContext) -> Verdict:
    if kr.kind is KeyResultKind.BASELINE:
        return None  # measuring where a metric stands is the point of a baseline key result
    if ctx.result_level(kr) is not ResultLevel.OUTPUT:
        return False
    principle = RULES["KR-OUTPUT"].why
    fix = MILESTONE_OUTPUT_FIX if kr.kind is KeyResultKind.MILESTONE else None
    if kr.result_level is ResultLevel.OUTPUT:
        return Fired(
            message("You marked the key result as an output (an activity or deliverable)."),
            fix=fix,
        )
    reading = ctx.classification(kr)
    why = with_counter_evidence(
        message(
            "{principle} The coach read it as an output because it {reasons}.",
            principle=principle,
            reasons=join_clauses(reading.reasons),
        ),
        reading,
    )
    reason = message("The key result reads as an output: it {clue}.", clue=reading.reasons[0])
    return Fired(reason, why=why, fix=fix)


MILESTONE_OUTPUT_FIX = message(
    "Keep the deliverable among the objective's milestones and make this key result the "
    "change it should bring (“Checkout redesign shipped” → “Checkout completion from 60% to "
    "75%”), or set its result level to output if the deliverable is the point."
)


def with_counter_evidence(sentence: Message, reading: Classification) -> Message:
    """``sentence``, followed by what pointed the other way in the classifier's reading."""
    if not reading.against:
        return sentence
    return message(
        "{sentence} Pointing the other way: it {against}.",
        sentence=sentence,
        against=join_clauses(reading.against),
    )


def join_clauses(clauses: Sequence[str]) -> str:
    """ "a; b and c": clauses of a reason joined for a sentence."""
    items = list(clauses)
    if len(items) <= 1:
        return "".join(items)
    return "; ".join(items[:-1]) + " and " + items[-1]


def join_names(names: Sequence[str]) -> str:
    """ "a, b and c": names in a sentence."""
    items = list(names)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


@rule(
    "KR-NOT-VERIFIABLE",
    Severity.ERROR,
    KEY_RESULT,
    "The key result states no number and is not a milestone, so nobody can verify it.",
    "Give it a target (and a baseline), or make it a milestone key result.",
    why=(
        "At the end of the cycle someone must be able to say yes or no, or read a value; "
        "wording alone leaves that to opinion."
    ),
)
def _key_result_not_verifiable(kr: KeyResult, ctx: CoachContext) -> Verdict:
    if kr.kind in (KeyResultKind.MILESTONE, KeyResultKind.BASELINE):
        return None
    return _not_verifiable(kr)


@rule(
    "KR-NO-TARGET",
    Severity.ERROR,
    KEY_RESULT,
    "The metric has no target, so its progress cannot be measured.",
    "Enter the value you aim for in the target field.",
    why=(
        "Progress runs from the baseline to the target; without the target there is no "
        "distance to measure."
    ),
)
def _key_result_no_target(kr: KeyResult, ctx: CoachContext) -> Verdict:
    if not _is_metric(kr) or _not_verifiable(kr):
        # A key result with no number at all is KR-NOT-VERIFIABLE's finding.
        return None
    return kr.target is None


@rule(
    "KR-NO-BASELINE",
    Severity.WARN,
    KEY_RESULT,
    "The metric has no baseline, so progress is counted from zero.",
    "Enter where the metric stands today, or add a baseline key result to measure it first.",
    why="Without a starting point a small gain looks big, and a loss can pass unnoticed.",
)
def _key_result_no_baseline(kr: KeyResult, ctx: CoachContext) -> Verdict:
    if not _is_metric(kr) or kr.target is None:
        return None
    return kr.baseline is None


@rule(
    "KR-TARGET-IS-BASELINE",
    Severity.ERROR,
    KEY_RESULT,
    "The target equals the baseline, so the key result asks for no change.",
    "Set a target that differs from the baseline, or make it a “maintain” key result.",
    why="When the start and the goal are the same value, no amount of work can show progress.",
)
def _key_result_target_is_baseline(kr: KeyResult, ctx: CoachContext) -> Verdict:
    if not _is_metric(kr) or kr.target is None or kr.baseline is None:
        return None
    return kr.target == kr.baseline


@rule(
    "KR-DIRECTION-CONFLICT",
    Severity.ERROR,
    KEY_RESULT,
    "The target lies on the other side of the baseline from the key result's direction.",
    "Swap the direction (increase ↔ decrease), or correct the baseline or target.",
    why=(
        "The direction decides whether a rising value is good news; when it contradicts the "
        "numbers, progress is computed backwards."
    ),
)
def _key_result_direction_conflict(kr: KeyResult, ctx: CoachContext) -> Verdict:
    if not _is_metric(kr) or kr.target is None or kr.baseline is None:
        return None
    if kr.direction is Direction.INCREASE and kr.target < kr.baseline:
        return "The target is below the baseline, yet the direction says increase."
    if kr.direction is Direction.DECREASE and kr.target > kr.baseline:
        return "The target is above the baseline, yet the direction says decrease."
    return False


@rule(
    "KR-DIRECTION-WORDING",
    Severity.WARN,
    KEY_RESULT,
    "The wording points one way and the key result's direction the other.",
    "Set the direction to match the words, or reword the key result.",
    why=(
        "People read the words, the app computes with the direction; when they disagree, the "
        "chart and the sentence tell different stories."
    ),
)
def _key_result_direction_wording(kr: KeyResult, ctx: CoachContext) -> Verdict:
    if not _is_metric(kr):
        return None
    title = kr.title.lower()
    down = _DECREASE_WORDS.search(title)
    up = _INCREASE_WORDS.search(title)
    if down and not up and kr.direction is Direction.INCREASE:
        return f"The wording says “{down.group(0)}”, yet the direction is increase."
    if up and not down and kr.direction is Direction.DECREASE:
        return f"The wording says “{up.group(0)}”, yet the direction is decrease."
    return False


@rule(
    "KR-NO-DIRECTION",
    Severity.WARN,
    KEY_RESULT,
    "Neither the numbers nor the words say whether the metric should go up or down.",
    "Enter a baseline and target, or say “increase”/“reduce” in the key result.",
    why=(
        "Whether higher is better decides how progress is counted; it should be stated, not "
        "guessed."
    ),
)
def _key_result_no_direction(kr: KeyResult, ctx: CoachContext) -> Verdict:
    if not _is_metric(kr) or _not_verifiable(kr):
        return None
    numbers_tell = kr.target is not None and kr.baseline is not None
    title = kr.title.lower()
    words_tell = bool(_DECREASE_WORDS.search(title) or _INCREASE_WORDS.search(title))
    return not (numbers_tell or words_tell)


@rule(
    "KR-MAINTAIN-NO-BAND",
    Severity.ERROR,
    KEY_RESULT,
    "The “maintain” key result has no band, so nothing says what holding it means.",
    "Enter the lowest and/or highest acceptable value.",
    why="A level to hold needs limits; without them any value counts as held.",
)
def _key_result_maintain_no_band(kr: KeyResult, ctx: CoachContext) -> Verdict:
    if kr.kind is not KeyResultKind.MAINTAIN:
        return None
    return kr.band_low is None and kr.band_high is None


@rule(
    "KR-BAND-INVERTED",
    Severity.ERROR,
    KEY_RESULT,
    "The band's low end is above its high end, so no value can be inside it.",
    "Swap the band's low and high values.",
    why=(
        "A band marks the values that count as holding the level; drawn backwards it holds "
        "none, and the key result shows as off track for good."
    ),
)
def _key_result_band_inverted(kr: KeyResult, ctx: CoachContext) -> Verdict:
    if kr.band_low is None or kr.band_high is None:
        return None
    return kr.band_low > kr.band_high


@rule(
    "KR-NO-UNIT",
    Severity.INFO,
    KEY_RESULT,
    "The metric has no unit, so its numbers are hard to read.",
    "Enter the unit (%, ms, users, €, points …).",
    why="A bare number invites misreading: 30 could be minutes, percent or people.",
)
def _key_result_no_unit(kr: KeyResult, ctx: CoachContext) -> Verdict:
    if not _is_metric(kr) or kr.target is None:
        return None
    return not kr.unit.strip()


@rule(
    "KR-ZERO-WEIGHT",
    Severity.INFO,
    KEY_RESULT,
    "The key result has a weight of zero, so it does not count towards its objective.",
    "Give it a weight, or ask whether it belongs in the objective.",
    why=(
        "With a weight of zero the result cannot move the objective's progress, however well "
        "it goes."
    ),
)
def _key_result_zero_weight(kr: KeyResult, ctx: CoachContext) -> Verdict:
    return kr.weight <= 0


@rule(
    "KR-DUPLICATE",
    Severity.WARN,
    KEY_RESULT,
    "Another key result of the same objective has the same wording.",
    "Merge the two, or say how they differ.",
    why=(
        "Two identical key results count the same thing twice and make the objective look "
        "better measured than it is."
    ),
)
def _key_result_duplicate(kr: KeyResult, ctx: CoachContext) -> Verdict:
    mine = kr.title.strip().casefold()
    return any(
        other.id != kr.id and other.title.strip().casefold() == mine
        for other in ctx.key_results_of(kr.objective_id)
    )


@rule(
    "KR-DUE-OUTSIDE-CYCLE",
    Severity.WARN,
    KEY_RESULT,
    "The key result is due outside its objective's cycle.",
    "Move the due date into the cycle, or move the objective to the right cycle.",
    why=(
        "The cycle is when the objective is judged: a result due later cannot count, one due "
        "earlier leaves the rest unmeasured."
    ),
)
def _key_result_due_outside_cycle(kr: KeyResult, ctx: CoachContext) -> Verdict:
    cycle = _cycle_of(kr, ctx)
    if kr.due is None or cycle is None:
        return None
    if not cycle.contains(kr.due):
        return (
            f"The key result is due {kr.due.isoformat()}, outside its cycle "
            f"“{cycle.name}” ({cycle.start.isoformat()} – {cycle.end.isoformat()})."
        )
    return False


@rule(
    "KR-NEGLECTED",
    Severity.WARN,
    KEY_RESULT,
    "The key result has had no check-in for 14 days or more.",
    "Check in: record its value, how confident you are, and a short note.",
    why=(
        "Regular check-ins turn a plan into a conversation; after two silent weeks problems "
        "surface too late to act on."
    ),
)
def _key_result_neglected(kr: KeyResult, ctx: CoachContext) -> Verdict:
    cycle = _cycle_of(kr, ctx)
    if cycle is None or not cycle.contains(ctx.today):
        return None
    check_ins = ctx.check_ins_of(kr.id)
    since = check_ins[-1].date if check_ins else max(cycle.start, kr.created.date())
    days = (ctx.today - since).days
    if days < NEGLECT_DAYS:
        return False
    if not check_ins:
        return f"The key result has had no check-in since {since.isoformat()} ({days} days)."
    return f"The key result's last check-in was {days} days ago."


@rule(
    "KR-STALE-ON-TRACK",
    Severity.WARN,
    KEY_RESULT,
    "The metric has not moved, yet its health says on track.",
    "Check in with an honest value and confidence, or explain why it will move later.",
    why=(
        "Health should follow the numbers; a flat value marked on track hides a risk until "
        "the end of the cycle."
    ),
)
def _key_result_stale_on_track(kr: KeyResult, ctx: CoachContext) -> Verdict:
    if not _is_metric(kr) or not ctx.is_on_track(kr):
        return None
    value = ctx.latest_value(kr)
    if value is None:
        return None
    check_ins = ctx.check_ins_of(kr.id)
    start = kr.baseline if kr.baseline is not None else None
    if start is None and len(check_ins) >= 2:
        start = check_ins[0].value
    if start is None:
        return None
    return value == start


@rule(
    "KR-NEXT-STEP-OVERDUE",
    Severity.WARN,
    KEY_RESULT,
    "A next step on this key result is past its due date and not done.",
    "Do it and tick it off, give it a new date, or drop it if it no longer helps.",
    why=(
        "A next step is the promise that turns a worry into action; one left past its date "
        "means the risk it answered is still open and nobody is moving it."
    ),
)
def _key_result_next_step_overdue(kr: KeyResult, ctx: CoachContext) -> Verdict:
    steps = [s for s in ctx.next_steps_of(kr.id) if s.due is not None]
    if not steps:
        return None
    overdue = [s for s in steps if not s.done and s.due is not None and s.due < ctx.today]
    if not overdue:
        return False
    oldest = min(overdue, key=lambda s: (s.due, s.position))
    assert oldest.due is not None
    days = (ctx.today - oldest.due).days
    if len(overdue) == 1:
        return message(
            "The next step “{title}” was due {days} days ago ({due}) and is not done.",
            title=oldest.title,
            days=days,
            due=oldest.due.isoformat(),
        )
    return message(
        "{count} next steps are past their due date; the oldest, “{title}”, by {days} days.",
        count=len(overdue),
        title=oldest.title,
        days=days,
    )


# --- Mission ----------------------------------------------------------------------------


@rule(
    "MIS-NO-STAKEHOLDER",
    Severity.WARN,
    MISSION,
    "The mission names no stakeholder, so it does not say whom it serves.",
    "Choose the people it is for: customers, colleagues, your team, the company, society …",
    why=(
        "A mission is a contribution to someone; naming them tells you whom to ask whether it "
        "worked."
    ),
)
def _mission_no_stakeholder(m: Mission, ctx: CoachContext) -> Verdict:
    return not ctx.stakeholders_of(m)


@rule(
    "MIS-SELF-CENTRED",
    Severity.WARN,
    MISSION,
    "The mission says what you will accomplish, not what you will do for others.",
    "Rewrite it as a contribution: “I help <whom> to <what> so that <why>”.",
    why=(
        "Missions point outward: written as your own gain, it stops guiding what you do for others."
    ),
)
def _mission_self_centred(m: Mission, ctx: CoachContext) -> Verdict:
    text = _FOR_MYSELF.sub(" ", f"{m.title} {m.statement}".lower())
    others = [s for s in ctx.stakeholders_of(m) if s.kind is not StakeholderKind.SELF]
    # Naming the people it serves ("Code Club Leith", "Daniel") is saying whom it is for.
    if _FOR_OTHERS.search(text) or any(_names(text, s) for s in others):
        return False
    if not others:
        return True
    return Fired(
        RULES["MIS-SELF-CENTRED"].reason,
        fix=message(
            "Rewrite it as a contribution to {whom}: “I help {whom} to <what> so that <why>”.",
            whom=others[0].name.strip(),
        ),
    )


def _names(text: str, stakeholder: Stakeholder) -> bool:
    """Whether ``text`` (lower case) names the stakeholder, as a whole word or words."""
    name = " ".join(stakeholder.name.lower().split())
    return bool(name) and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text) is not None


@rule(
    "MIS-NO-STATEMENT",
    Severity.INFO,
    MISSION,
    "The mission has a title but no statement of the contribution it makes.",
    "Write one or two sentences: whom you serve, what you do for them, and why.",
    why=(
        "The title names it; the statement says whom it serves and how, which is what you "
        "will judge it by."
    ),
)
def _mission_no_statement(m: Mission, ctx: CoachContext) -> Verdict:
    return not m.statement.strip()


@rule(
    "MIS-DEAD",
    Severity.WARN,
    MISSION,
    "The mission has no objective in the current cycle: a mission without objectives is dead.",
    "Add an objective for it this cycle, or archive the mission if it no longer matters.",
    why=(
        "A mission lives through the objectives that serve it; a cycle without any means "
        "nobody works on it now."
    ),
)
def _mission_dead(m: Mission, ctx: CoachContext) -> Verdict:
    cycle = ctx.current_cycle
    if cycle is None:
        return None
    alive = [o for o in ctx.objectives_of_mission(m.id) if o.cycle_id == cycle.id]
    if alive:
        return False
    return f"The mission has no objective in the current cycle “{cycle.name}”."


@rule(
    "MIS-NO-TEAM-LINK",
    Severity.WARN,
    MISSION,
    "The personal mission is linked to no team objective, so its unity with the team is unseen.",
    "Link it to the team or company objective it serves.",
    why=(
        "Unity means your purpose serves the team's; a visible link lets you and your manager "
        "see how your work adds up."
    ),
)
def _mission_no_team_link(m: Mission, ctx: CoachContext) -> Verdict:
    if m.level is not Level.PERSONAL:
        return None
    for link in ctx.links_of(m.id):
        objective = ctx.objective(link.objective_id)
        if objective is not None and objective.level is not Level.PERSONAL:
            return False
    return True


@rule(
    "MIS-LINK-CLOSED",
    Severity.WARN,
    MISSION,
    "The mission is linked to a team objective that is closed or archived.",
    "Link it to the team's live objective, or remove the old link.",
    why="A link to finished team work no longer says what you contribute to now.",
)
def _mission_link_closed(m: Mission, ctx: CoachContext) -> Verdict:
    links = ctx.links_of(m.id)
    if not links:
        return None
    for link in links:
        objective = ctx.objective(link.objective_id)
        if objective is not None and (objective.archived or objective.state.is_closed):
            return f"The mission is linked to “{objective.title}”, which is closed or archived."
    return False


@rule(
    "MIS-SERVES-SELF",
    Severity.INFO,
    MISSION,
    "The mission's stakeholder is yourself; a mission is a contribution to others.",
    "Name the others who benefit, even if you benefit too.",
    why=(
        "Your own growth belongs in milestones and growth notes; the purpose of missions lies "
        "in what changes for the people you work for."
    ),
)
def _mission_serves_self(m: Mission, ctx: CoachContext) -> Verdict:
    stakeholders = ctx.stakeholders_of(m)
    if not stakeholders:
        return None
    return all(s.kind is StakeholderKind.SELF for s in stakeholders)


# --- Is it a mission? (issue 23) --------------------------------------------------------
# Management by Missions asks a mission to be wide (not an objective or a task in
# disguise), for others, stable across cycles and evaluable; what reads the wording and its
# history is okrdesk.domain.coach_missions.


@rule(
    "MIS-NARROW",
    Severity.WARN,
    MISSION,
    "The mission reads like an objective or a task: it holds a number, a date or a deliverable.",
    "Say the lasting contribution behind it, whom you serve and what they gain, and move the "
    "number, date or deliverable into an objective or a milestone that serves the mission.",
    why=(
        "A mission is wide: it names a contribution that outlasts any cycle. Numbers, dates "
        "and deliverables get finished, and a mission written as one has nothing left to "
        "guide once they are."
    ),
)
def _mission_narrow(m: Mission, ctx: CoachContext) -> Verdict:
    found = narrow_signal(m.title) or narrow_signal(m.statement)
    if found is None:
        return False
    reason, fix = NARROW_WORDS[found.kind]
    return Fired(
        Message(reason, {"phrase": found.phrase}), fix=Message(fix, {"phrase": found.phrase})
    )


# What each sign of an objective or a task says, and where what it names belongs.
NARROW_WORDS: dict[Narrow, tuple[str, str]] = {
    Narrow.NUMBER: (
        N_("The mission states a number (“{phrase}”), so it reads like an objective's key result."),
        N_(
            "Keep the mission wide and put “{phrase}” in a key result of an objective that "
            "serves it."
        ),
    ),
    Narrow.DATE: (
        N_("The mission names a date (“{phrase}”), so it reads like a task that ends."),
        N_(
            "Keep the mission free of dates: the date belongs to a milestone, or to the cycle "
            "of an objective that serves it."
        ),
    ),
    Narrow.DELIVERABLE: (
        N_("The mission names a deliverable to finish (“{phrase}”), so it reads like a task."),
        N_(
            "Make the deliverable a milestone of an objective under this mission, and say here "
            "whom it serves and what they gain from it."
        ),
    ),
    Narrow.MEASURE: (
        N_("The mission asks a measure to move (“{phrase}”), so it reads like an objective."),
        N_(
            "Make it an objective under the mission, and say here for whom the change matters "
            "and why."
        ),
    ),
}


# Reworded after this many closed cycles in a row: no longer a mission's settling in.
MIN_REWORDINGS = 2


@rule(
    "MIS-UNSTABLE",
    Severity.WARN,
    MISSION,
    "The mission's wording changed after each of the last closed cycles.",
    "Settle on one wording and keep it for a year or more; if what changes is what you aim "
    "at this cycle, put that in an objective instead.",
    why=(
        "Objectives change every cycle; a mission is what stays while they do. One reworded "
        "at every close has not been found yet, or is an objective under another name."
    ),
)
def _mission_unstable(m: Mission, ctx: CoachContext) -> Verdict:
    changed = rewordings(m, ctx)
    if len(changed) < MIN_REWORDINGS:
        return None if not ctx.evaluations_of(m.id) else False
    cycles = join_names([f"“{c.name}”" for c in reversed(changed)])
    return message(
        "The mission's title or statement changed after each of the last {count} closed "
        "cycles ({cycles}).",
        count=len(changed),
        cycles=cycles,
    )


@rule(
    "MIS-NOT-EVALUABLE",
    Severity.INFO,
    MISSION,
    "The mission does not say how you will know it is served.",
    "Finish the sentence “I will know it is served when…” with something you could see the "
    "people it serves say or do (“…they bring me their next hard problem without being "
    "asked”).",
    why=(
        "A mission is judged by those it serves, not by its objectives' scores; agreeing up "
        "front what served looks like lets each cycle's evaluation rest on evidence rather "
        "than on a feeling."
    ),
)
def _mission_not_evaluable(m: Mission, ctx: CoachContext) -> Verdict:
    if m.served_when.strip():
        return False
    others = [s for s in ctx.stakeholders_of(m) if s.kind is not StakeholderKind.SELF]
    fix = None
    if others:
        fix = message(
            "Finish the sentence “I will know it is served when…” with something you could see "
            "{whom} say or do (“…they bring me their next hard problem without being asked”).",
            whom=others[0].name.strip(),
        )
    cycles = [c for e in ctx.evaluations_of(m.id) if (c := ctx.cycle(e.cycle_id)) is not None]
    if not cycles:
        return Fired(RULES["MIS-NOT-EVALUABLE"].reason, fix=fix)
    names = [f"“{c.name}”" for c in sorted(cycles, key=lambda c: (c.start, c.end))]
    return Fired(
        message(
            "The mission was evaluated for {cycles} without saying how you will know it is served.",
            cycles=join_names(names),
        ),
        fix=fix,
    )


# --- Milestone --------------------------------------------------------------------------


@rule(
    "MS-NO-GROWTH",
    Severity.WARN,
    MILESTONE,
    "The milestone has no path for personal growth: what you will learn is left to chance.",
    "Name a skill or piece of knowledge you will gain on the way.",
    why=(
        "Each milestone is a chance to get better at something; naming it makes the learning "
        "deliberate."
    ),
)
def _milestone_no_growth(ms: Milestone, ctx: CoachContext) -> Verdict:
    return not ms.growth_path.strip()


@rule(
    "MS-NO-ORG-VALUE",
    Severity.WARN,
    MILESTONE,
    "The milestone names no value for the organisation beyond the deliverable.",
    "Say what else the organisation gains: a new process, an idea, a partnership …",
    why=(
        "Besides its result, work can leave the organisation something lasting; saying what "
        "helps others reuse it."
    ),
)
def _milestone_no_org_value(ms: Milestone, ctx: CoachContext) -> Verdict:
    return not ms.organisational_value.strip()


@rule(
    "MS-NO-PURPOSE",
    Severity.INFO,
    MILESTONE,
    "The milestone does not say what it is and why it matters.",
    "Write its purpose: the what and the why.",
    why="Knowing why a milestone exists lets you drop or change it when circumstances change.",
)
def _milestone_no_purpose(ms: Milestone, ctx: CoachContext) -> Verdict:
    return not ms.purpose.strip()


@rule(
    "MS-DONE-NO-NOTE",
    Severity.WARN,
    MILESTONE,
    "The milestone is done but has no growth note, so the learning was not captured.",
    "Add a growth note: a skill, an insight, a lesson or feedback you received.",
    why=(
        "What you learned fades within weeks; a note written when the work is done keeps it "
        "for the next cycle."
    ),
)
def _milestone_done_without_note(ms: Milestone, ctx: CoachContext) -> Verdict:
    if not ms.done:
        return None
    return not ctx.notes_of(ms.id)


@rule(
    "MS-OVERDUE",
    Severity.WARN,
    MILESTONE,
    "The milestone is past its due date and not done.",
    "Mark it done, set a new due date, or drop it.",
    why=(
        "An overdue milestone needs help, a new date or dropping; left alone it makes the "
        "plan untrustworthy."
    ),
)
def _milestone_overdue(ms: Milestone, ctx: CoachContext) -> Verdict:
    if ms.due is None or ms.done:
        return None
    if ms.due < ctx.today:
        return f"The milestone was due {ms.due.isoformat()} and is not done."
    return False


@rule(
    "MS-NO-DUE",
    Severity.INFO,
    MILESTONE,
    "The milestone has no due date, so it cannot be late and may drift.",
    "Give it a due date within the objective's cycle.",
    why="Without a date a milestone never becomes urgent and quietly slips out of the cycle.",
)
def _milestone_no_due(ms: Milestone, ctx: CoachContext) -> Verdict:
    if ms.done:
        return None
    return ms.due is None


@rule(
    "MS-DUE-OUTSIDE-CYCLE",
    Severity.INFO,
    MILESTONE,
    "The milestone is due outside its objective's cycle.",
    "Move the due date into the cycle, or move the work to the next cycle's objective.",
    why=(
        "A milestone helps only if it lands while its objective is still being pursued: too "
        "late it cannot count, too early it was never part of this plan."
    ),
)
def _milestone_due_outside_cycle(ms: Milestone, ctx: CoachContext) -> Verdict:
    objective = ctx.objective(ms.objective_id)
    cycle = None if objective is None else ctx.cycle(objective.cycle_id)
    if ms.due is None or cycle is None:
        return None
    return not cycle.contains(ms.due)


# --- Cycle ------------------------------------------------------------------------------


@rule(
    "CYC-TOO-MANY-OBJECTIVES",
    Severity.WARN,
    CYCLE,
    "You have more than five objectives in this cycle; focus is the first OKR principle.",
    "Keep the three to five that matter most; move the others to a later cycle.",
    why=(
        "Every objective competes for the same weeks: with fewer, more get done; with more, "
        "more get started."
    ),
)
def _cycle_too_many_objectives(c: Cycle, ctx: CoachContext) -> Verdict:
    if c.end < ctx.today and ctx.is_closed(c.id):
        return None  # a closed cycle's focus is history; its lessons are in the close
    count = len(_cycle_objectives(c, ctx))
    if count > MAX_OBJECTIVES_PER_CYCLE:
        return f"You have {count} objectives in “{c.name}”; more than five blurs focus."
    return False


@rule(
    "CYC-OUTPUT-HEAVY",
    Severity.WARN,
    CYCLE,
    "More than half of this cycle's key results are outputs, so the plan measures work done.",
    "Rewrite the outputs as the outcomes they are for, and keep the work as milestones.",
    why=(
        "A cycle measured mostly by work done can be completed without anything changing for "
        "the people it was for."
    ),
)
def _cycle_output_heavy(c: Cycle, ctx: CoachContext) -> Verdict:
    key_results = [
        kr
        for o in _cycle_objectives(c, ctx)
        if not o.state.is_closed
        for kr in ctx.key_results_of(o.id)
    ]
    if len(key_results) < 2:
        return None
    # A key result whose output finding was dismissed is not counted as an output: the
    # person said the finding does not apply to it.
    outputs = sum(
        ctx.result_level(kr) is ResultLevel.OUTPUT
        and kr.kind is not KeyResultKind.BASELINE
        and not ctx.is_dismissed("KR-OUTPUT", kr.id)
        for kr in key_results
    )
    if outputs * 2 > len(key_results):
        return message(
            "{outputs} of the {count} key results in “{cycle}” are outputs.",
            outputs=outputs,
            count=len(key_results),
            cycle=c.name,
        )
    return False


@rule(
    "CYC-EMPTY",
    Severity.INFO,
    CYCLE,
    "The current cycle has no objective of yours.",
    "Set two or three objectives for the cycle, each serving one of your missions.",
    why=(
        "A cycle is where missions turn into work; without an objective of your own the weeks "
        "fill with whatever comes up."
    ),
)
def _cycle_empty(c: Cycle, ctx: CoachContext) -> Verdict:
    current = ctx.current_cycle
    if current is None or current.id != c.id:
        return None
    if _cycle_objectives(c, ctx):
        return False
    in_cycle = [o for o in ctx.objectives if o.cycle_id == c.id and not o.archived]
    mine = [o for o in in_cycle if ctx.is_mine(o)]
    if mine:
        return message("Every objective of yours in “{cycle}” is abandoned.", cycle=c.name)
    if in_cycle:
        return message(
            "The current cycle “{cycle}” has {count} objectives, none of them yours: the coach "
            "leaves out team items and items owned by others.",
            cycle=c.name,
            count=len(in_cycle),
        )
    return message("The current cycle “{cycle}” has no objective of yours.", cycle=c.name)


# --- The plan ---------------------------------------------------------------------------


@rule(
    "PLAN-SELF-ONLY",
    Severity.WARN,
    PLAN,
    "No mission serves anyone but yourself: missions are contributions to others.",
    "Give at least one mission a stakeholder other than yourself.",
    why=(
        "Management by missions starts from the contribution to others; a plan that serves "
        "only yourself has nobody outside to be judged by."
    ),
)
def _plan_self_only(p: PlanScope, ctx: CoachContext) -> Verdict:
    missions = [m for m in ctx.missions if not m.archived and ctx.is_mine(m)]
    if not missions:
        return None
    for mission in missions:
        if any(s.kind is not StakeholderKind.SELF for s in ctx.stakeholders_of(mission)):
            return False
    return True


@rule(
    "PLAN-NO-CURRENT-CYCLE",
    Severity.INFO,
    PLAN,
    "No cycle covers today, so nothing tells which objectives are current.",
    "Add a cycle (usually this quarter) and put this cycle's objectives in it.",
    why=(
        "The current cycle decides which objectives are in play; without one, everything "
        "looks equally current."
    ),
)
def _plan_no_current_cycle(p: PlanScope, ctx: CoachContext) -> Verdict:
    if not ctx.objectives and not ctx.cycles:
        return None
    return ctx.current_cycle is None


# --- Values okrdesk could not use as they are ---------------------------------------------

NEEDS_REPAIR_FIX = (
    "Enter the value again in the item's editor: until then okrdesk reads it as the "
    "finding says, and exports write it so."
)


def _needs_repair(item: Any, ctx: CoachContext) -> Verdict:
    found = ctx.repairs.get(item.id)
    if not found:
        return None  # not counted: a sound item is no achievement of the plan's
    if len(found) == 1:
        return message("This item holds a value okrdesk could not use: {what}", what=found[0])
    return message(
        "This item holds values okrdesk could not use: {what} (and {more} more)",
        what=found[0],
        more=len(found) - 1,
    )


NEEDS_REPAIR_WHY = (
    "A value okrdesk cannot read is shown as a stand-in (a default, or nothing), so the "
    "numbers, charts and exports built on it are not what you wrote until it is entered again."
)


for _prefix, _applies in (
    ("MIS", MISSION),
    ("OBJ", OBJECTIVE),
    ("KR", KEY_RESULT),
    ("MS", MILESTONE),
    ("CYC", CYCLE),
):
    rule(
        f"{_prefix}-NEEDS-REPAIR",
        Severity.ERROR,
        _applies,
        "This item holds a value okrdesk could not use as it is.",
        NEEDS_REPAIR_FIX,
        why=NEEDS_REPAIR_WHY,
    )(_needs_repair)


@rule(
    "PLAN-NEEDS-REPAIR",
    Severity.ERROR,
    PLAN,
    "Some items hold values okrdesk could not use as they are (the plan was changed "
    "outside okrdesk, or by an older version).",
    NEEDS_REPAIR_FIX,
    why=NEEDS_REPAIR_WHY,
)
def _plan_needs_repair(p: PlanScope, ctx: CoachContext) -> Verdict:
    count = sum(len(found) for found in ctx.repairs.values())
    if not count:
        return None
    first = next(iter(ctx.repairs.values()))[0]
    if count == 1:
        return message("One value needs repair: {what}", what=first)
    return message("{count} values need repair, the first: {what}", count=count, what=first)


# --- Closing a cycle (issue 21) ---------------------------------------------------------


@rule(
    "CYC-NOT-EVALUATED",
    Severity.WARN,
    CYCLE,
    "The cycle is closed but the missions its objectives served were not evaluated.",
    "Close the cycle again (Cycle ▸ Close…) and rate how well each mission was served.",
    why=(
        "Objectives are scored; missions are judged by the people they serve. Without an "
        "evaluation the cycle says what got done, not whom it helped."
    ),
)
def _cycle_not_evaluated(c: Cycle, ctx: CoachContext) -> Verdict:
    objectives = {o.id: o for o in _cycle_objectives(c, ctx)}
    closed = [close for close in ctx.objective_closes if close.objective_id in objectives]
    if not closed:
        return None
    served = {objectives[close.objective_id].mission_id for close in closed} - {None}
    evaluated = {e.mission_id for e in ctx.mission_evaluations if e.cycle_id == c.id}
    missing = [m for m in served if m not in evaluated]
    if not missing:
        return False
    names = sorted(mission.title for m in missing if (mission := ctx.mission(m)) is not None)
    return message(
        "“{cycle}” is closed, but no evaluation says how well it served: {names}.",
        cycle=c.name,
        names=", ".join(f"“{n}”" for n in names),
    )
