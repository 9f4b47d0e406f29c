"""Training and judging the classifier on labelled key results (needs numpy; never imported
by the app, only by ``benchmarks/classifier_eval.py`` and the tests).

Training is a logistic regression fitted by accelerated gradient descent for a fixed number
of steps from the prior weights, with an L2 penalty that pulls each clue's weight towards
its prior and each word's towards zero: deterministic (no randomness, no early stopping), so
the same rows always give the same weights.

Judging is **leave-one-organisation-out**: for each organisation, train on every other
organisation's key results and classify that organisation's. No organisation's wording is
seen when it is judged, which is what a new user's plan looks like to the classifier.
"""

from __future__ import annotations

import collections
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from okrdesk.domain.classifier_model import (
    CLUE_PREFIX,
    PRIOR_WEIGHTS,
    WORD_PREFIX,
    Model,
    features,
)
from okrdesk.domain.enums import ResultLevel

Matrix = npt.NDArray[np.float64]

# The organisation behind each source repository: folds of the evaluation. Projects that
# grew from one organisation (IPFS, IPLD, libp2p at Protocol Labs) are one organisation, so
# that a shared house style cannot leak from training into judging.
ORGANISATIONS: dict[str, str] = {
    "spicysoft/jp-www-gitlab-com": "GitLab",
    "ipfs/team-mgmt": "Protocol Labs",
    "ipld/ipld": "Protocol Labs",
    "libp2p/js-libp2p": "Protocol Labs",
    "meltano/handbook": "Meltano",
    "ecornell/swa-ndit-ec-okrs": "NDIT",
    "department-of-veterans-affairs/va.gov-team": "VA.gov",
    "PostHog/posthog.com": "PostHog",
    "src-d/guide": "source{d}",
    "countable-web/open-source-corporation": "Countable",
    "LDSSA/wiki": "LDSA",
    "taskcluster/taskcluster-migration-DEPRECATED": "Mozilla",
    "Green-Software-Foundation/if": "Green Software Foundation",
}
LABEL_FILES = ("kr_labels.tsv", "kr_labels_extra.tsv", "kr_labels_more.tsv")
HEADER = "text\tlabel\tsource"

# Chosen by leave-one-organisation-out accuracy over a small grid (see docs/coach.md).
CLUE_PENALTY = 0.01
WORD_PENALTY = 0.03
STEPS = 800
MIN_WORD_COUNT = 2


@dataclass(frozen=True)
class LabelledKeyResult:
    text: str
    label: ResultLevel
    source: str

    @property
    def organisation(self) -> str:
        repository = self.source.split(":", 1)[0]
        return ORGANISATIONS[repository]

    @property
    def is_output(self) -> bool:
        return self.label is ResultLevel.OUTPUT


def read_labels(path: Path) -> list[LabelledKeyResult]:
    """One label file: tab-separated, header ``text	label	source``, never quoted."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0] != HEADER:
        raise ValueError(f"{path.name} must start with the header {HEADER!r}")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        parts = line.split("\t")
        if len(parts) != 3:
            raise ValueError(f"{path.name}, line {number}: expected 3 fields, got {len(parts)}")
        text, label, source = parts
        rows.append(LabelledKeyResult(text, ResultLevel(label), source))
    return rows


def read_all_labels(folder: Path) -> list[LabelledKeyResult]:
    return [row for name in LABEL_FILES for row in read_labels(folder / name)]


# -- training ------------------------------------------------------------------------------


def _vocabulary(rows: Sequence[dict[str, float]]) -> list[str]:
    """Every clue the prior knows, and the words seen at least ``MIN_WORD_COUNT`` times."""
    counts = collections.Counter(name for row in rows for name in row)
    clues = {CLUE_PREFIX + name for name in PRIOR_WEIGHTS}
    words = {n for n, c in counts.items() if n.startswith(WORD_PREFIX) and c >= MIN_WORD_COUNT}
    return sorted(clues | words | {n for n in counts if n.startswith(CLUE_PREFIX)})


def _matrix(rows: Sequence[dict[str, float]], vocabulary: Sequence[str]) -> Matrix:
    index = {name: column for column, name in enumerate(vocabulary)}
    matrix = np.zeros((len(rows), len(vocabulary)))
    for line, row in enumerate(rows):
        for name, value in row.items():
            column = index.get(name)
            if column is not None:
                matrix[line, column] = value
    return matrix


def _fit(x: Matrix, y: Matrix, prior: Matrix, penalty: Matrix) -> tuple[Matrix, float]:
    """Minimise mean log-loss + ½·Σ penalty·(w − prior)² by Nesterov's accelerated gradient."""
    n = x.shape[0]
    x_t = np.ascontiguousarray(x.T)  # laid out for the gradient's product: much faster
    step = 1.0 / (0.25 * float(np.sum(x * x)) / n + float(penalty.max()) + 0.25)
    w, b = prior.copy(), -1.0
    look_w, look_b, t = w.copy(), b, 1.0
    for _ in range(STEPS):
        p = 1.0 / (1.0 + np.exp(-(x @ look_w + look_b)))
        grad_w = x_t @ (p - y) / n + penalty * (look_w - prior)
        grad_b = float(np.mean(p - y))
        new_w, new_b = look_w - step * grad_w, look_b - step * grad_b
        t_next = (1.0 + np.sqrt(1.0 + 4.0 * t * t)) / 2.0
        momentum = (t - 1.0) / t_next
        look_w = new_w + momentum * (new_w - w)
        look_b = new_b + momentum * (new_b - b)
        w, b, t = new_w, new_b, t_next
    return w, b


def train(rows: Sequence[LabelledKeyResult]) -> Model:
    """The model fitted to ``rows`` (output against outcome-or-impact)."""
    values = [features(row.text)[0] for row in rows]
    vocabulary = _vocabulary(values)
    x = _matrix(values, vocabulary)
    y = np.array([0.0 if row.is_output else 1.0 for row in rows])
    prior = np.array(
        [PRIOR_WEIGHTS.get(name.removeprefix(CLUE_PREFIX), 0.0) for name in vocabulary]
    )
    penalty = np.array(
        [CLUE_PENALTY if name.startswith(CLUE_PREFIX) else WORD_PENALTY for name in vocabulary]
    )
    w, b = _fit(x, y, prior, penalty)
    organisations = collections.Counter(row.organisation for row in rows)
    trained_on = {"key results": len(rows), "organisations": len(organisations)}
    return Model(b, dict(zip(vocabulary, (float(v) for v in w), strict=True)), trained_on)


# -- judging -------------------------------------------------------------------------------

LABELS = (ResultLevel.OUTPUT, ResultLevel.OUTCOME, ResultLevel.IMPACT)


@dataclass
class Tally:
    """Right and wrong answers of one organisation (or all), binary and three-way."""

    rows: int = 0
    binary_right: int = 0
    three_way_right: int = 0
    # (label, predicted) → count, over the three labels.
    confusion: collections.Counter[tuple[ResultLevel, ResultLevel]] = field(
        default_factory=collections.Counter
    )

    def add(self, label: ResultLevel, predicted: ResultLevel) -> None:
        self.rows += 1
        self.binary_right += (label is ResultLevel.OUTPUT) == (predicted is ResultLevel.OUTPUT)
        self.three_way_right += label is predicted
        self.confusion[(label, predicted)] += 1

    @property
    def binary_accuracy(self) -> float:
        return self.binary_right / self.rows if self.rows else 0.0

    @property
    def three_way_accuracy(self) -> float:
        return self.three_way_right / self.rows if self.rows else 0.0

    def recall(self, labels: Iterable[ResultLevel], predicted_as: Iterable[ResultLevel]) -> float:
        """Of the rows labelled one of ``labels``, the share predicted one of ``predicted_as``."""
        wanted, accepted = set(labels), set(predicted_as)
        total = sum(n for (label, _p), n in self.confusion.items() if label in wanted)
        hits = sum(
            n for (label, p), n in self.confusion.items() if label in wanted and p in accepted
        )
        return hits / total if total else 0.0

    @property
    def output_recall(self) -> float:
        return self.recall([ResultLevel.OUTPUT], [ResultLevel.OUTPUT])

    @property
    def outcome_recall(self) -> float:
        """Outcomes (and impacts) recognised as not being outputs."""
        measured = [ResultLevel.OUTCOME, ResultLevel.IMPACT]
        return self.recall(measured, measured)


@dataclass
class Evaluation:
    by_organisation: dict[str, Tally]
    overall: Tally


def leave_one_organisation_out(rows: Sequence[LabelledKeyResult]) -> Evaluation:
    """Train on every organisation but one, classify that one; for each organisation."""
    from okrdesk.domain.classifier import classify_with

    organisations = sorted({row.organisation for row in rows})
    by_organisation: dict[str, Tally] = {}
    overall = Tally()
    for organisation in organisations:
        model = train([row for row in rows if row.organisation != organisation])
        tally = Tally()
        for row in rows:
            if row.organisation != organisation:
                continue
            predicted = classify_with(model, row.text).label
            tally.add(row.label, predicted)
            overall.add(row.label, predicted)
        by_organisation[organisation] = tally
    return Evaluation(by_organisation, overall)
