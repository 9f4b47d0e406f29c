"""Is a key result an output, an outcome or an impact? And which words and numbers say so.

- **output**: met when an activity is done or a deliverable exists ("Publish 5 blog posts").
- **outcome**: a level of, or a change in, a metric or someone's behaviour ("Raise conversion
  to 10%", "p95 latency under 200 ms", "There are 200 certified managers").
- **impact**: top-line business results only (revenue, bookings, ARR, IACV), when they are
  what is measured (not a pipeline or a forecast of them).

The wording is read for clues (``classifier_clues``) and weighed by a small logistic
regression (``classifier_model``) trained on labelled key results that real organisations
published. A key result's own fields are evidence too, with fixed weights: a metric that
states its baseline and target asks a measure to move; a "maintain" key result holds a level;
a milestone key result is met when something is done; a unit such as "%" names a measure,
a unit such as "posts" counts pieces of work. Every label comes with the clues that decided
it, strongest first, and those that pointed the other way. Deterministic and offline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from okrdesk.domain.classifier_clues import CLUE_TEMPLATES, topline_measure
from okrdesk.domain.classifier_model import CLUE_PREFIX, Model, features, shipped_model
from okrdesk.domain.entities import KeyResult
from okrdesk.domain.enums import KeyResultKind, ResultLevel
from okrdesk.domain.messages import Message, message

MAX_REASONS = 4
MAX_AGAINST = 2
# A clue or word that moves the score less than this is not worth mentioning.
MENTION_AT = 0.3


@dataclass(frozen=True)
class KeyResultEvidence:
    """What a key result's own fields say, besides its wording."""

    kind: KeyResultKind | None = None
    baseline: float | None = None
    target: float | None = None
    unit: str = ""

    @classmethod
    def of(cls, kr: KeyResult) -> KeyResultEvidence:
        return cls(kr.kind, kr.baseline, kr.target, kr.unit)


@dataclass(frozen=True)
class Classification:
    label: ResultLevel
    # What decided the label, strongest first: sentences a person reads.
    reasons: tuple[str, ...]
    # What pointed the other way, strongest first (empty when nothing did).
    against: tuple[str, ...] = ()
    # Log-odds that the key result is an outcome rather than an output.
    score: float = 0.0


# -- the key result's own fields -----------------------------------------------------------

# Units that name a measure ("%", "ms", "users") and units that count work ("posts").
_MEASURE_UNITS = re.compile(
    r"^(?:%|percent|pp|points?|ms|s|sec|seconds?|min|minutes?|h|hrs?|hours?|days?|weeks?|"
    r"nps|csat|score|rating|stars?|[$€£]|usd|eur|gbp|users?|customers?|members?|visitors?|"
    r"visits|sign-?ups|signups|downloads|installs|sessions|requests|errors|incidents|bugs|"
    r"tickets|leads|mqls?|deals|subscribers|followers|readers|attendees|participants|"
    r"contributors|x)$"
)
_WORK_UNITS = re.compile(
    r"^(?:posts?|blog posts?|articles?|videos?|features?|releases?|pages?|docs?|documents?|"
    r"talks?|events?|meetups?|workshops?|webinars?|courses?|tests?|prs?|pull requests?|"
    r"interviews?|hires?|reports?|guides?|tutorials?|episodes?|campaigns?|integrations?|"
    r"demos?|prototypes?|tasks?|issues? closed|deliverables?|milestones?)$"
)

MILESTONE_WEIGHT = -1.5
MAINTAIN_WEIGHT = 2.0
MOVE_WEIGHT = 1.5
TARGET_WEIGHT = 0.5
MEASURE_UNIT_WEIGHT = 1.0
WORK_UNIT_WEIGHT = -1.5


def _number(value: float) -> str:
    return f"{value:g}"


def _field_evidence(evidence: KeyResultEvidence) -> list[tuple[float, Message]]:
    """(weight, reason) for each thing the fields say; fixed weights, not learned."""
    found: list[tuple[float, Message]] = []
    unit = evidence.unit.strip()
    if evidence.kind is KeyResultKind.MILESTONE:
        found.append(
            (MILESTONE_WEIGHT, message("is a milestone key result, met when something is done"))
        )
    elif evidence.kind is KeyResultKind.MAINTAIN:
        found.append((MAINTAIN_WEIGHT, message("is a “maintain” key result: a level to hold")))
    elif evidence.kind is KeyResultKind.METRIC and evidence.target is not None:
        moves = evidence.baseline is not None and evidence.baseline != evidence.target
        if moves and (evidence.baseline != 0 or _MEASURE_UNITS.match(unit.lower())):
            assert evidence.baseline is not None
            found.append(
                (
                    MOVE_WEIGHT,
                    message(
                        "has numbers that ask a measure to move from {baseline} to {target}{unit}",
                        baseline=_number(evidence.baseline),
                        target=_number(evidence.target),
                        unit=f" {unit}" if unit and unit != "%" else unit,
                    ),
                )
            )
        else:
            found.append(
                (
                    TARGET_WEIGHT,
                    message(
                        "has a target of {target}{unit}",
                        target=_number(evidence.target),
                        unit=f" {unit}" if unit and unit != "%" else unit,
                    ),
                )
            )
    if unit and _MEASURE_UNITS.match(unit.lower()):
        found.append(
            (MEASURE_UNIT_WEIGHT, message('has the unit "{unit}", which is a measure', unit=unit))
        )
    elif unit and _WORK_UNITS.match(unit.lower()):
        found.append(
            (
                WORK_UNIT_WEIGHT,
                message('has the unit "{unit}", which counts pieces of work', unit=unit),
            )
        )
    return found


# -- explaining ----------------------------------------------------------------------------


def _feature_reason(name: str, shown: str) -> Message:
    if name.startswith(CLUE_PREFIX):
        template = CLUE_TEMPLATES[name.removeprefix(CLUE_PREFIX)]
        return Message(template, {"phrase": shown})
    return message('uses the word "{word}"', word=shown)


def _explain(
    weighed: list[tuple[float, Message]], outcome: bool
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The reasons for the decision and against it, strongest first."""
    strongest = sorted(weighed, key=lambda item: -abs(item[0]))
    sign = 1.0 if outcome else -1.0
    reasons = [r for w, r in strongest if w * sign > 0 and abs(w) >= MENTION_AT]
    against = [r for w, r in strongest if w * sign < 0 and abs(w) >= MENTION_AT]
    if not reasons:
        reasons = [r for w, r in strongest if w * sign > 0][:1]
    if not reasons:
        reasons = [
            message("names no measure and no level to reach, which is how most outputs read")
            if not outcome
            else message("leans towards a measured result in its wording")
        ]
    return tuple(reasons[:MAX_REASONS]), tuple(against[:MAX_AGAINST])


def classify_with(
    model: Model, text: str, evidence: KeyResultEvidence | None = None
) -> Classification:
    """Label ``text`` with ``model`` (and the fields in ``evidence``), and say why."""
    values, shown = features(text)
    contributions = model.contributions(values)
    weighed = [(w, _feature_reason(name, shown[name])) for name, w in contributions.items()]
    if evidence is not None:
        weighed += _field_evidence(evidence)
    score = model.bias + sum(w for w, _ in weighed)
    outcome = score > 0
    reasons, against = _explain(weighed, outcome)
    label = ResultLevel.OUTCOME if outcome else ResultLevel.OUTPUT
    topline = topline_measure(text)
    if outcome and topline:
        label = ResultLevel.IMPACT
        reasons = (
            message('measures a top-line business result "{word}"', word=topline),
            *reasons[: MAX_REASONS - 1],
        )
    return Classification(label, reasons, against, score)


def classify(text: str, evidence: KeyResultEvidence | None = None) -> Classification:
    """Label one key result's text (and, given, its fields) and give the clues that decided."""
    return classify_with(shipped_model(), text, evidence)


def classify_key_result(kr: KeyResult) -> Classification:
    """The key result's title read together with its kind, baseline, target and unit."""
    return classify(kr.title, KeyResultEvidence.of(kr))


__all__ = [
    "Classification",
    "KeyResultEvidence",
    "classify",
    "classify_key_result",
    "classify_with",
]
