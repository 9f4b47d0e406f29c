"""How well the output / outcome / impact classifier does on key results it has not seen.

    .venv/bin/python benchmarks/classifier_eval.py            # the tables, as Markdown
    .venv/bin/python benchmarks/classifier_eval.py --write    # also retrain and write the weights

Leave-one-organisation-out over the labelled key results in tests/data: for each
organisation, the model is trained on all the others and judged on that one. Also shown: the
prior alone (the hand-set weights, no training), judged on everything.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from okrdesk.domain.classifier import classify_with  # noqa: E402
from okrdesk.domain.classifier_model import WEIGHTS_FILE, prior_model  # noqa: E402
from okrdesk.domain.classifier_training import (  # noqa: E402
    LABELS,
    Evaluation,
    LabelledKeyResult,
    Tally,
    leave_one_organisation_out,
    read_all_labels,
    train,
)

DATA = ROOT / "tests" / "data"
WEIGHTS = ROOT / "okrdesk" / "domain" / WEIGHTS_FILE


def _percent(value: float) -> str:
    return f"{100 * value:.1f} %"


def _recall(tally: Tally, outputs: bool) -> str:
    """A recall, or a dash when the organisation has no key result of that kind."""
    kinds = [LABELS[0]] if outputs else list(LABELS[1:])
    present = sum(n for (label, _p), n in tally.confusion.items() if label in kinds)
    if not present:
        return "–"
    return _percent(tally.output_recall if outputs else tally.outcome_recall)


def organisation_table(evaluation: Evaluation) -> list[str]:
    lines = [
        "| organisation | key results | outputs / outcomes | output vs outcome | "
        "output recall | outcome recall | 3 classes |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    ordered = sorted(evaluation.by_organisation.items(), key=lambda item: -item[1].rows)
    for name, tally in [*ordered, ("**all**", evaluation.overall)]:
        outputs = sum(n for (label, _p), n in tally.confusion.items() if label.value == "output")
        lines.append(
            f"| {name} | {tally.rows} | {outputs} / {tally.rows - outputs} | "
            f"{tally.binary_right}/{tally.rows} = {_percent(tally.binary_accuracy)} | "
            f"{_recall(tally, True)} | {_recall(tally, False)} | "
            f"{_percent(tally.three_way_accuracy)} |"
        )
    return lines


def confusion_table(tally: Tally) -> list[str]:
    lines = [
        "| label \\ classified | " + " | ".join(label.value for label in LABELS) + " |",
        "|---|" + "---:|" * len(LABELS),
    ]
    for label in LABELS:
        cells = [str(tally.confusion[(label, predicted)]) for predicted in LABELS]
        lines.append(f"| {label.value} | " + " | ".join(cells) + " |")
    return lines


def prior_only(rows: list[LabelledKeyResult]) -> Tally:
    model = prior_model()
    tally = Tally()
    for row in rows:
        tally.add(row.label, classify_with(model, row.text).label)
    return tally


def report(rows: list[LabelledKeyResult]) -> list[str]:
    evaluation = leave_one_organisation_out(rows)
    overall = evaluation.overall
    prior = prior_only(rows)
    return [
        f"{len(rows)} labelled key results from {len(evaluation.by_organisation)} organisations.",
        "",
        "Leave one organisation out (trained on the others, judged on it):",
        "",
        *organisation_table(evaluation),
        "",
        "Confusion matrix, leave one organisation out (rows: label, columns: classified):",
        "",
        *confusion_table(overall),
        "",
        f"The prior alone (hand-set weights, no training), on all of them: output vs outcome "
        f"{_percent(prior.binary_accuracy)}, output recall {_percent(prior.output_recall)}, "
        f"outcome recall {_percent(prior.outcome_recall)}.",
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"retrain and write {WEIGHTS}")
    args = parser.parse_args(argv)
    rows = read_all_labels(DATA)
    print("\n".join(report(rows)))
    if args.write:
        WEIGHTS.write_text(train(rows).to_json(), encoding="utf-8")
        print(f"\nWrote {WEIGHTS.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
