"""`okrdesk close-cycle NAME`: close a cycle from a terminal or a script.

    okrdesk close-cycle "2026 Q1" --score "Ship=0.8" --reason "Ship=the launch slipped" \
        --decision "Ship=change" --why "Ship=smaller releases" --cause "Ship=underestimated" \
        --learned "Ship=a beta finds what tests miss" --rate "Help customers=4" \
        --evidence "Help customers=three customers said so" --cite "Help customers=Churn"

Each option is ``TITLE=VALUE`` (the title's start will do) and may be given for several
objectives or missions. An objective given nothing keeps its proposed score (or what an
earlier close said) and is kept. With a terminal attached (or --interactive) okrdesk asks
for each objective and mission in turn, the options' values as defaults; --no-input never
asks. The close is stored in one transaction; closing again replaces the earlier close.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from okrdesk.domain.entities import (
    MISSION_RATINGS,
    Cycle,
    EvidenceLink,
    GrowthNote,
    Item,
    KeyResult,
    MissionEvaluation,
    ObjectiveClose,
    new_id,
)
from okrdesk.domain.enums import ShortfallCause
from okrdesk.domain.retrospective import CAUSE_LABELS, needs_cause
from okrdesk.domain.scoring import score_band
from okrdesk.domain.validation import ValidationError, coerce_value, validate
from okrdesk.services.cycle_close import CloseCycle
from okrdesk.services.plan import PlanService
from okrdesk.services.retrospective import (
    MissionReview,
    ObjectiveReview,
    draft_close,
    draft_evaluation,
    find_cycle,
    load_retrospective,
)

Ask = Callable[[str], str]

# Option -> the ObjectiveClose field it sets.
OBJECTIVE_OPTIONS: dict[str, str] = {
    "score": "score",
    "reason": "reason",
    "decision": "decision",
    "why": "decision_why",
    "cause": "cause",
    "cause_text": "cause_text",
    "learned": "learned",
}
MISSION_OPTIONS: dict[str, str] = {"rate": "rating", "evidence": "evidence", "change": "change"}


def register(commands: Any) -> None:
    parser = commands.top.add_parser(
        "close-cycle",
        parents=[commands.db_after],
        help="score each objective of a cycle, decide what comes next, evaluate its missions",
    )
    parser.add_argument("cycle", metavar="NAME", help="the cycle's name or id")
    for option, help_text in (
        ("score", "the final score, 0 to 1 (default: the one the check-ins propose)"),
        ("reason", "why the score differs from the proposed one"),
        ("decision", "keep, change or drop for the next cycle (default: keep)"),
        ("why", "the one-line why of the decision"),
        ("cause", "under 0.7, the main cause: " + ", ".join(c.value for c in ShortfallCause)),
        ("cause-text", "the cause in your words"),
        ("learned", "what you learned (“I learned that …”)"),
    ):
        parser.add_argument(
            f"--{option}", action="append", default=[], metavar="OBJECTIVE=VALUE", help=help_text
        )
    for option, help_text in (
        ("rate", "how well the mission was served, 1 (not) to 5 (fully)"),
        ("evidence", "the evidence: feedback received, outcomes reached"),
        ("change", "what to change for the mission"),
        ("cite", "a key result or growth note behind the evidence (its title's start)"),
    ):
        parser.add_argument(
            f"--{option}", action="append", default=[], metavar="MISSION=VALUE", help=help_text
        )
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="the day of the close (today)")
    asking = parser.add_mutually_exclusive_group()
    asking.add_argument("--interactive", action="store_true", help="ask even without a terminal")
    asking.add_argument("--no-input", action="store_true", help="never ask; use the options")
    parser.set_defaults(run=close_cycle)
    register_self_review(commands)


def register_self_review(commands: Any) -> None:
    """`okrdesk export self-review CYCLE OUT.pdf [--include-private] [--page-size] [--force]`"""
    from okrdesk.cli.pdf import add_pdf_file_options

    parser = commands.exports.add_parser(
        "self-review",
        parents=[commands.db_after],
        help="a cycle's self-review as PDF: missions served, scores, growth, learnings",
    )
    parser.add_argument("cycle", metavar="CYCLE", help="the cycle's name or id")
    parser.add_argument("path", type=Path, metavar="OUT.pdf")
    add_pdf_file_options(parser)
    parser.set_defaults(run=export_self_review)


def export_self_review(plan: PlanService, args: argparse.Namespace) -> int:
    from okrdesk.cli import CommandError
    from okrdesk.cli.pdf import ensure_gui_application, left_out_text, pages_text

    cycle = find_cycle(plan, args.cycle)
    if cycle is None:
        names = "; ".join(f"“{c.name}”" for c in plan.all(Cycle))
        raise CommandError(f"no cycle is named “{args.cycle}”. The plan has: {names or 'none'}.")
    _app = ensure_gui_application()
    # Imported only now: Qt and matplotlib take a moment to load.
    from okrdesk.report.self_review import export_self_review_pdf

    result = export_self_review_pdf(
        plan,
        cycle.id,
        args.path,
        include_private=args.include_private,
        page_size=args.page_size,
        overwrite=args.force,
    )
    pages = pages_text(result.pages)
    left_out = left_out_text(result.private_left_out)
    print(f"Exported the self-review of {cycle.name} to {args.path} ({pages}).{left_out}")
    return 0


@dataclass(frozen=True)
class Given:
    """What the options say, by item id: {objective id: {field: text}}, and so on."""

    objectives: dict[str, dict[str, str]]
    missions: dict[str, dict[str, str]]
    cited: dict[str, list[str]]


def close_cycle(plan: PlanService, args: argparse.Namespace) -> int:
    from okrdesk.cli import CommandError

    cycle = find_cycle(plan, args.cycle)
    if cycle is None:
        names = "; ".join(f"“{c.name}”" for c in plan.all(Cycle))
        raise CommandError(f"no cycle is named “{args.cycle}”. The plan has: {names or 'none'}.")
    retro = load_retrospective(plan, cycle.id)
    if not retro.objectives:
        raise CommandError(f"“{cycle.name}” has no objective of yours to close.")
    given = _read_options(args, retro.objectives, retro.missions)
    closed_on = _day(args.date)
    ask: Ask | None = None
    if args.interactive or (not args.no_input and sys.stdin.isatty()):
        ask = _input
    closes = [
        _objective_close(r, given.objectives.get(r.objective.id, {}), closed_on, ask)
        for r in retro.objectives
    ]
    evaluations: list[MissionEvaluation] = []
    evidence: list[EvidenceLink] = []
    for review in retro.missions:
        found = _mission_evaluation(review, cycle.id, given, ask)
        if found is not None:
            evaluations.append(found[0])
            evidence.extend(found[1])
    CloseCycle(cycle.id, tuple(closes), tuple(evaluations), tuple(evidence)).apply(plan)
    _report(cycle.name, retro.objectives, closes, retro.missions, evaluations)
    return 0


def _input(prompt: str) -> str:
    """A line typed at ``prompt``; at the end of the input, an empty one (the default)."""
    try:
        return input(prompt)
    except EOFError:
        return ""


def _day(text: str | None) -> date:
    if text is None:
        return date.today()
    value: date = coerce_value(ObjectiveClose, "closed_on", text)
    return value


# -- TITLE=VALUE options ------------------------------------------------------------------


def _read_options(
    args: argparse.Namespace,
    objectives: Sequence[ObjectiveReview],
    missions: Sequence[MissionReview],
) -> Given:
    """Every ``TITLE=VALUE`` option with its title resolved (refused when none or several
    match), before anything is asked or written."""
    from okrdesk.cli import CommandError, resolve

    def split(option: str, what: str) -> tuple[str, str]:
        title, sep, value = option.partition("=")
        if not sep:
            raise CommandError(f"“{option}” needs the form {what.upper()}=VALUE.")
        return title, value.strip()

    records = [r.objective for r in objectives]
    by_objective: dict[str, dict[str, str]] = {}
    for option, field in OBJECTIVE_OPTIONS.items():
        for text in getattr(args, option):
            title, value = split(text, "objective")
            found = resolve(records, title, "objective", lambda o: o.title)
            by_objective.setdefault(found.id, {})[field] = value
    served = [r.mission for r in missions]
    by_mission: dict[str, dict[str, str]] = {}
    cited: dict[str, list[str]] = {}
    for option in (*MISSION_OPTIONS, "cite"):
        for text in getattr(args, option):
            title, value = split(text, "mission")
            found_mission = resolve(served, title, "mission of this cycle", lambda m: m.title)
            if option == "cite":
                cited.setdefault(found_mission.id, []).append(value)
            else:
                by_mission.setdefault(found_mission.id, {})[MISSION_OPTIONS[option]] = value
    return Given(by_objective, by_mission, cited)


# -- one objective ------------------------------------------------------------------------


def _objective_close(
    review: ObjectiveReview, given: dict[str, str], closed_on: date, ask: Ask | None
) -> ObjectiveClose:
    close = replace(draft_close(review, closed_on), closed_on=closed_on)
    values = {field: checked_value(ObjectiveClose, field, text) for field, text in given.items()}
    close = replace(close, **values)
    return close if ask is None else _ask_objective(review, close, ask)


def _ask_objective(review: ObjectiveReview, close: ObjectiveClose, ask: Ask) -> ObjectiveClose:
    objective = review.objective
    proposed = "no key result to score by" if review.proposed is None else f"{review.proposed:.2f}"
    print(f"\n“{objective.title}” ({objective.kind.value}): proposed score {proposed}")
    for end in review.key_results:
        value = "no check-in" if end.value is None else f"{end.value:g} {end.key_result.unit}"
        print(f"  · {end.key_result.title}: {value.strip()}")
    for note in review.growth_notes:
        print(f"  ✎ {note.date.isoformat()} {note.text.splitlines()[0] if note.text else ''}")
    score = _ask_value(ask, "Final score", f"{close.score:.2f}", ObjectiveClose, "score")
    close = replace(close, score=score)
    if close.adjusted and close.proposed is not None:
        close = replace(close, reason=ask_text(ask, "Why this score", close.reason))
    decision = _ask_value(ask, "Keep, change or drop", close.decision.value, ObjectiveClose,
                          "decision")  # fmt: skip
    close = replace(close, decision=decision, decision_why=ask_text(ask, "Why", close.decision_why))
    if needs_cause(close.score):
        choices = ", ".join(f"{c.value} ({label})" for c, label in CAUSE_LABELS.items())
        print(f"  Main cause: {choices}")
        current = "" if close.cause is None else close.cause.value
        cause = _ask_value(ask, "Main cause", current, ObjectiveClose, "cause")
        close = replace(close, cause=cause, cause_text=ask_text(ask, "In your words",
                                                                close.cause_text))  # fmt: skip
    return replace(close, learned=ask_text(ask, "I learned that", close.learned))


def ask_text(ask: Ask, prompt: str, default: str) -> str:
    shown = f" [{default}]" if default else ""
    answer = ask(f"  {prompt}{shown}: ").strip()
    return answer or default


# Wrong answers in a row before giving up (the input may have run out).
MAX_TRIES = 5


def _ask_value(ask: Ask, prompt: str, default: str, cls: type[Item], field: str) -> Any:
    """Ask until the answer is a value the field takes (Enter keeps ``default``): of its
    type, and in its range (a score from 0 to 1, a rating on the scale)."""
    for tries in range(1, MAX_TRIES + 1):
        answer = ask_text(ask, prompt, default)
        try:
            return checked_value(cls, field, answer)
        except ValidationError as error:
            print(f"  {error.message}")
            if tries == MAX_TRIES:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def checked_value(cls: type[Item], field: str, text: str) -> Any:
    """``text`` as the value of ``cls.field``, checked as a record holding it would be."""
    raw: Any = int(text) if field == "rating" and text.strip().isdigit() else text
    value = coerce_value(cls, field, raw)
    if cls is ObjectiveClose:
        validate(ObjectiveClose(objective_id="-", closed_on=date.today(), **{field: value}))
    elif cls is MissionEvaluation:
        validate(MissionEvaluation(mission_id="-", cycle_id="-", **{field: value}))
    return value


# -- one mission --------------------------------------------------------------------------


def _mission_evaluation(
    review: MissionReview, cycle_id: str, given: Given, ask: Ask | None
) -> tuple[MissionEvaluation, list[EvidenceLink]] | None:
    """The mission's evaluation and its evidence, or None when neither the options nor
    the person gave one (a mission is rated on purpose, never by default)."""
    mission_id = review.mission.id
    values = given.missions.get(mission_id, {})
    cited = given.cited.get(mission_id, [])
    if ask is None and not values and not cited:
        return None
    evaluation = draft_evaluation(review, cycle_id)
    evaluation = replace(
        evaluation, **{f: checked_value(MissionEvaluation, f, v) for f, v in values.items()}
    )
    if ask is not None:
        evaluation = _ask_mission(review, evaluation, ask)
    links = [_cite(review, evaluation, text) for text in cited]
    if not cited:
        # Closing again keeps what the earlier evaluation cited.
        links = [
            replace(link, id=new_id(), evaluation_id=evaluation.id) for link in review.evidence
        ]
    return evaluation, links


def _cite(review: MissionReview, evaluation: MissionEvaluation, typed: str) -> EvidenceLink:
    from okrdesk.cli import resolve

    key_results = [end.key_result for o in review.objectives for end in o.key_results]
    notes = [note for o in review.objectives for note in o.growth_notes]
    candidates: list[KeyResult | GrowthNote] = [*key_results, *notes]
    chosen = resolve(candidates, typed, "key result or growth note", _cited_title)
    if isinstance(chosen, KeyResult):
        return EvidenceLink(evaluation_id=evaluation.id, key_result_id=chosen.id)
    return EvidenceLink(evaluation_id=evaluation.id, growth_note_id=chosen.id)


def _cited_title(item: KeyResult | GrowthNote) -> str:
    return item.title if isinstance(item, KeyResult) else item.text


def _ask_mission(
    review: MissionReview, evaluation: MissionEvaluation, ask: Ask
) -> MissionEvaluation:
    print(f"\nMission “{review.mission.title}”: how well did the cycle serve it?")
    for objective in review.objectives:
        score = objective.score
        shown = "—" if score is None else f"{score:.1f}"
        print(f"  · {objective.objective.title}: {shown}")
    print("  " + ", ".join(f"{n} {label}" for n, label in MISSION_RATINGS.items()))
    rating = _ask_value(ask, "Rating", str(evaluation.rating), MissionEvaluation, "rating")
    return replace(
        evaluation,
        rating=rating,
        evidence=ask_text(ask, "Evidence", evaluation.evidence),
        change=ask_text(ask, "What to change", evaluation.change),
    )


# -- what was done ------------------------------------------------------------------------


def _report(
    cycle: str,
    reviews: Sequence[ObjectiveReview],
    closes: Sequence[ObjectiveClose],
    missions: Sequence[MissionReview],
    evaluations: Sequence[MissionEvaluation],
) -> None:
    for review, close in zip(reviews, closes, strict=True):
        band = score_band(close.score, review.objective.kind).label
        adjusted = ""
        if close.adjusted and close.proposed is not None:
            adjusted = f" (proposed {close.proposed:.2f}: {close.reason})"
        print(f"“{review.objective.title}”: {close.score:.2f}, {band}{adjusted}; "
              f"{close.decision.value}")  # fmt: skip
    rated = {e.mission_id: e for e in evaluations}
    for served in missions:
        evaluation = rated.get(served.mission.id)
        if evaluation is not None:
            print(f"Mission “{served.mission.title}”: {evaluation.label}")
    print(f"Closed {cycle}: {len(closes)} objectives scored, {len(evaluations)} of "
          f"{len(missions)} missions evaluated.")  # fmt: skip
    waiting = [r.mission.title for r in missions if r.mission.id not in rated]
    if waiting:
        names = "; ".join(f"“{t}”" for t in waiting)
        print(f'Not evaluated yet: {names} (add --rate "MISSION=1..5", or run it in a terminal).')
