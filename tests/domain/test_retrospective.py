"""The plain rules of a close: the proposed score, the state it leaves, the carried "why"."""

from __future__ import annotations

from datetime import date

import pytest

from okrdesk.domain.entities import KeyResult, Objective, ObjectiveClose
from okrdesk.domain.enums import CloseDecision, ObjectiveKind, ObjectiveState
from okrdesk.domain.retrospective import (
    carried_why,
    needs_cause,
    proposed_score,
    state_after_close,
)


def kr(target: float, *, weight: float = 1.0, archived: bool = False) -> KeyResult:
    return KeyResult(objective_id="o", title="k", baseline=0, target=target, weight=weight,
                     archived=archived)  # fmt: skip


def test_the_proposed_score_is_the_weighted_progress_of_the_live_key_results() -> None:
    pairs = [(kr(10), 8.0), (kr(10, weight=3.0), 10.0), (kr(10, archived=True), 0.0)]
    assert proposed_score(pairs) == pytest.approx(0.95)
    assert proposed_score([(kr(10), None)]) == 0.0
    assert proposed_score([]) is None
    assert proposed_score([(kr(10), 25.0)]) == 1.0


@pytest.mark.parametrize(
    ("kind", "state", "score", "after"),
    [
        (ObjectiveKind.COMMITTED, ObjectiveState.ACTIVE, 1.0, ObjectiveState.ACHIEVED),
        (ObjectiveKind.COMMITTED, ObjectiveState.ACTIVE, 0.69, ObjectiveState.MISSED),
        (ObjectiveKind.ASPIRATIONAL, ObjectiveState.DRAFT, 0.6, ObjectiveState.ACHIEVED),
        (ObjectiveKind.ASPIRATIONAL, ObjectiveState.ACTIVE, 0.5, ObjectiveState.MISSED),
        (ObjectiveKind.COMMITTED, ObjectiveState.ABANDONED, 0.2, ObjectiveState.ABANDONED),
    ],
)
def test_a_close_leaves_the_objective_achieved_missed_or_abandoned(
    kind: ObjectiveKind, state: ObjectiveState, score: float, after: ObjectiveState
) -> None:
    objective = Objective(title="Ship it", kind=kind, state=state)
    assert state_after_close(objective, score) is after


def test_a_cause_is_asked_for_under_seven_tenths() -> None:
    assert needs_cause(0.69) and not needs_cause(0.7)


def test_the_next_cycle_why_carries_the_change_and_the_learning() -> None:
    close = ObjectiveClose(
        objective_id="o", closed_on=date(2026, 4, 1), score=0.4,
        decision=CloseDecision.CHANGE, decision_why="the rota works better",
        learned="questions come in bursts",
    )  # fmt: skip
    assert carried_why("New hires wait.", close, "2026 Q1") == (
        "New hires wait.\n\nFrom 2026 Q1 (score 0.4):\n"
        "Changed because the rota works better\nI learned that questions come in bursts"
    )
    silent = ObjectiveClose(objective_id="o", closed_on=date(2026, 4, 1), score=1.0)
    assert carried_why("New hires wait.", silent, "2026 Q1") == "New hires wait."
