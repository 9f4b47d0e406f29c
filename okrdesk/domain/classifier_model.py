"""The classifier's model: weights over clues and words, learned from labelled key results.

A logistic regression. Its features are the clues of ``classifier_clues`` ("r:lead_activity",
"r:metric_target", ...) and the words of the key result ("w:signups"). Each clue starts from
a **prior weight** written by hand from what the clue means (an activity verb at the start
points to an output, a named measure with a target to an outcome); training on the labelled
key results in ``tests/data`` moves the weights away from the prior only as far as the data
asks, which keeps the model from fitting one organisation's habits. Words start from zero and
are held closer to it.

The trained weights ship as ``classifier_weights.json`` (written by
``benchmarks/classifier_eval.py --write``) and are read the first time a key result is
classified, never at start-up. Scoring is plain Python: a sum over the features present.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from okrdesk.domain.classifier_clues import Clue, find_clues, normalise, tokens, word_set

WEIGHTS_FILE = "classifier_weights.json"
MODEL_FORMAT = 1
CLUE_PREFIX = "r:"
WORD_PREFIX = "w:"

# Hand-set starting weights, in log-odds of "outcome" (positive) against "output"
# (negative). They say what a coach knows before seeing any data; training adjusts them.
PRIOR_WEIGHTS: dict[str, float] = {
    # How the sentence starts.
    "lead_activity": -3.0,  # "Publish…", "Hire…": done when the work is done
    "lead_change": 3.0,  # "Increase…", "Reduce…": a measure should move
    "lead_attain": 1.0,  # "Achieve…", "Reach…": needs a measure to mean a level
    "change_own_work": -2.0,  # "Reduce the list of…": changing one's own artefact
    "change_later": 2.0,  # "… increases to 10", "goes from 21% to 30%"
    "activity_later": -1.5,  # "every portfolio identifies…"
    "hold": 1.0,  # "maintain", "remains above"
    # What is measured, and the level it should reach.
    "metric": 1.0,
    "metric_target": 3.0,
    "metric_name": 2.0,  # "App load time": the key result is the measure itself
    "count_of": 1.0,  # "number of…", "percentage of…"
    "from_to": 1.0,
    "by_relative": 1.0,
    "to_level": 1.0,
    "comparison": 0.5,
    "percent": 0.5,
    "per_period": 1.0,
    "ratio": 1.0,
    "percentile": 1.0,
    "zero": 2.0,  # "Zero failed releases", "no client waits more than a day"
    "within": 1.0,  # "fixed within one release"
    "duration": 1.0,  # "in 3 hours"
    "there_are": 1.0,  # "There are 200 certified managers"
    "verbless_level": 1.5,  # "At least 5,000 recipes in total"
    # Whose behaviour or state it describes.
    "share_people": 1.5,
    "share_own": -1.5,  # "100% of our standards reviewed": the team's own work
    "share_other": 0.5,
    "share_target": 2.0,  # "120% of the bookings plan"
    "count_target": 0.0,
    "count_people": 1.0,
    "count_own": -1.0,
    "count_other": 0.0,
    "people_do": 2.0,  # "members have merged…", "students answer…"
    "by_people": 1.5,  # "posts by people outside the team"
    "people_state": 1.0,  # "all managers are trained"
    "takes_part": 1.5,  # "at least one company is taking part"
    "service_level": 2.0,  # "new bugs fixed within one release"
    "group_has": 1.0,  # "80% of deals have a plan"
    "group_adopts": 1.5,  # "x% of services use the new login"
    # Finished work and things that exist.
    "done_state": -2.0,  # "is published", "are defined and documented"
    "has_deliverable": -2.0,  # "has a runbook", "exists"
    "capability": -1.0,  # "can index…", "supports…"
    "capability_measured": 1.0,  # "can add 1 TiB in 3 hours"
    "deliverable": -1.0,  # "report", "playbook", "blog posts"
    # Amounts.
    "amount": 0.5,
    "topline_amount": 2.0,
    "number": 0.0,
}

# Words carry no meaning of their own here, so nothing of the kind is said about them.
STOP_WORDS = word_set(
    """
    the a an of to in for and or on with by at be is are from as that this our we all each
    per it its their they will can has have been was were do does
    """
)
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=4096)
def _cached_features(text: str) -> tuple[tuple[str, float, str], ...]:
    values, shown = _features(text)
    return tuple((name, value, shown[name]) for name, value in values.items())


def features(text: str) -> tuple[dict[str, float], dict[str, str]]:
    """The model's features of ``text`` (name → value) and, per feature, the words that
    show it (for the explanation). Remembered: the editor asks again after every pause."""
    found = _cached_features(text)
    return {n: v for n, v, _ in found}, {n: s for n, _, s in found}


def _features(text: str) -> tuple[dict[str, float], dict[str, str]]:
    values: dict[str, float] = {}
    shown: dict[str, str] = {}
    clues: list[Clue] = find_clues(text)
    for clue in clues:
        values[CLUE_PREFIX + clue.name] = 1.0
        shown[CLUE_PREFIX + clue.name] = clue.phrase
    for word in tokens(normalise(text)):
        bare = word.strip("'/+-%")
        if not bare or bare in STOP_WORDS or _DIGIT.search(bare):
            continue
        values[WORD_PREFIX + bare] = 1.0
        shown[WORD_PREFIX + bare] = bare
    return values, shown


@dataclass(frozen=True)
class Model:
    """Log-odds of "outcome" = bias + the sum of the weights of the features present."""

    bias: float
    weights: Mapping[str, float]
    # What it was trained on, for the record: row and organisation counts.
    trained_on: Mapping[str, int]

    def contributions(self, values: Mapping[str, float]) -> dict[str, float]:
        """Each present feature's share of the score (features the model never saw: none)."""
        return {
            name: self.weights[name] * value
            for name, value in values.items()
            if name in self.weights and self.weights[name] * value != 0.0
        }

    def score(self, values: Mapping[str, float]) -> float:
        return self.bias + sum(self.contributions(values).values())

    def to_json(self) -> str:
        document = {
            "format": MODEL_FORMAT,
            "bias": round(self.bias, 6),
            "trained_on": dict(self.trained_on),
            "weights": {name: round(w, 6) for name, w in sorted(self.weights.items())},
        }
        return json.dumps(document, indent=1, ensure_ascii=False, sort_keys=False) + "\n"

    @classmethod
    def from_json(cls, text: str) -> Model:
        document = json.loads(text)
        if document.get("format") != MODEL_FORMAT:
            raise ValueError(f"Unknown classifier weights format {document.get('format')!r}")
        weights = {str(k): float(v) for k, v in document["weights"].items()}
        trained_on = {str(k): int(v) for k, v in document.get("trained_on", {}).items()}
        return cls(float(document["bias"]), weights, trained_on)


def prior_model() -> Model:
    """The model before training: the prior weights alone (and a bias that leans to output,
    as most published key results are outputs)."""
    return Model(-1.0, {CLUE_PREFIX + k: v for k, v in PRIOR_WEIGHTS.items()}, {})


@cache
def shipped_model() -> Model:
    """The trained weights that ship with okrdesk, read once, on first use."""
    text = resources.files("okrdesk.domain").joinpath(WEIGHTS_FILE).read_text(encoding="utf-8")
    return Model.from_json(text)
