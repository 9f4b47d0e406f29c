"""Closing a cycle, the plain rules: the score the check-ins propose, the state a close
leaves an objective in, and the words of the short lists a close chooses from.

A close grades an objective once (the final score, 0.0-1.0), which is not its progress:
the progress is proposed as the score and the person may adjust it with a reason. Under
``CAUSE_BELOW`` a close asks for the main cause of the shortfall.
"""

from __future__ import annotations

from collections.abc import Iterable

from okrdesk.domain.entities import KeyResult, Objective, ObjectiveClose
from okrdesk.domain.enums import CloseDecision, ObjectiveState, ShortfallCause
from okrdesk.domain.messages import message
from okrdesk.domain.progress import clamp01, objective_progress
from okrdesk.domain.scoring import score_band

# A score under this asks for the main cause (the line, and the committed red line).
CAUSE_BELOW = 0.7

DECISION_LABELS: dict[CloseDecision, str] = {
    CloseDecision.KEEP: message("keep"),
    CloseDecision.CHANGE: message("change"),
    CloseDecision.DROP: message("drop"),
}

CAUSE_LABELS: dict[ShortfallCause, str] = {
    ShortfallCause.UNDERESTIMATED: message("underestimated the work"),
    ShortfallCause.PRIORITIES_CHANGED: message("priorities changed"),
    ShortfallCause.BLOCKED_BY_OTHERS: message("blocked by others"),
    ShortfallCause.WRONG_GOAL: message("learned it was the wrong goal"),
    ShortfallCause.OTHER: message("something else"),
}


def proposed_score(key_results: Iterable[tuple[KeyResult, float | None]]) -> float | None:
    """The score the last check-ins propose: the weighted progress of the key results that
    are not archived, to two decimals; None without any key result."""
    live = [(kr, value) for kr, value in key_results if not kr.archived]
    progress = objective_progress(live)
    return None if progress is None else round(clamp01(progress), 2)


def needs_cause(score: float) -> bool:
    return score < CAUSE_BELOW - 1e-9


def state_after_close(objective: Objective, score: float) -> ObjectiveState:
    """The state a close leaves ``objective`` in: abandoned stays abandoned; a score in a
    good band for its kind (or at least ``CAUSE_BELOW``) is achieved; below, missed."""
    if objective.state is ObjectiveState.ABANDONED:
        return ObjectiveState.ABANDONED
    if score_band(score, objective.kind).tone == "good" or not needs_cause(score):
        return ObjectiveState.ACHIEVED
    return ObjectiveState.MISSED


def carried_why(why: str, close: ObjectiveClose, cycle_name: str) -> str:
    """An objective's "why" for its copy in the next cycle, with what its close decided
    and learned added as a last paragraph (nothing added when the close says neither)."""
    lines: list[str] = []
    if close.decision is CloseDecision.CHANGE and close.decision_why.strip():
        lines.append(message("Changed because {why}", why=close.decision_why.strip()))
    if close.learned.strip():
        lines.append(message("I learned that {learned}", learned=close.learned.strip()))
    if not lines:
        return why
    heading = message(
        "From {cycle} (score {score:.1f}):",
        cycle=cycle_name or message("the last cycle"),
        score=close.score,
    )
    paragraph = "\n".join([heading, *lines])
    return f"{why.rstrip()}\n\n{paragraph}" if why.strip() else paragraph
