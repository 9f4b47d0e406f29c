"""Closing a cycle: the retrospective read from the plan, stored as one undoable step, and
kept by delete, restore, export and import like every other item."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from okrdesk.domain.entities import (
    Cycle,
    EvidenceLink,
    KeyResult,
    Mission,
    MissionEvaluation,
    Objective,
    ObjectiveClose,
)
from okrdesk.domain.enums import CloseDecision, ObjectiveState, ShortfallCause
from okrdesk.domain.retrospective import state_after_close
from okrdesk.domain.validation import ValidationError
from okrdesk.services.cycle_close import CloseCycle
from okrdesk.services.exchange import FORMAT_TAG, export_plan, import_plan
from okrdesk.services.next_cycle import default_selection, plan_copy
from okrdesk.services.plan import PlanService
from okrdesk.services.retrospective import find_cycle, load_retrospective
from tests.builders import Closable, closable_plan

CLOSED_ON = date(2026, 4, 2)


@pytest.fixture
def closable(plan: PlanService) -> Closable:
    return closable_plan(plan)


def full_close(c: Closable) -> CloseCycle:
    docs = ObjectiveClose(
        objective_id=c.docs.id, closed_on=CLOSED_ON, proposed=0.9, score=0.9,
        decision=CloseDecision.KEEP, decision_why="Still the biggest wait",
        learned="short pages get read",
    )  # fmt: skip
    speed = ObjectiveClose(
        objective_id=c.speed.id, closed_on=CLOSED_ON, proposed=0.5, score=0.4,
        reason="Two answers took a week", decision=CloseDecision.CHANGE,
        decision_why="Answer in the team channel instead", cause=ShortfallCause.UNDERESTIMATED,
        cause_text="Questions come in bursts", learned="a rota beats heroics",
    )  # fmt: skip
    evaluation = MissionEvaluation(
        mission_id=c.mission.id, cycle_id=c.cycle.id, rating=4,
        evidence="Two new hires onboarded alone", change="Ask new hires what is missing",
    )  # fmt: skip
    links = (
        EvidenceLink(evaluation_id=evaluation.id, key_result_id=c.readers.id),
        EvidenceLink(evaluation_id=evaluation.id, growth_note_id=c.note.id),
    )
    return CloseCycle(c.cycle.id, (docs, speed), (evaluation,), links)


def snapshot(plan: PlanService) -> tuple[object, ...]:
    """The retrospective's records exactly, and each objective's state (an edit undone
    leaves its own time stamp, as every edit in okrdesk does)."""
    kinds = (ObjectiveClose, MissionEvaluation, EvidenceLink)
    records = tuple(tuple(plan.all(cls)) for cls in kinds)
    return (*records, tuple((o.id, o.state) for o in plan.all(Objective)), tuple(plan.all(Cycle)))


def test_the_retrospective_proposes_each_score_from_the_last_check_ins(
    plan: PlanService, closable: Closable
) -> None:
    retro = load_retrospective(plan, closable.cycle.id)
    scores = {r.objective.title: r.proposed for r in retro.objectives}
    assert scores == {"Make onboarding self-serve": 0.9, "Answer every question within a day": 0.5}
    docs = retro.objectives[0]
    assert [n.text for n in docs.growth_notes] == ["Short pages get read."]
    assert [m.mission.title for m in retro.missions] == ["Help new colleagues find their feet"]
    assert not retro.closed and not retro.evaluated
    assert find_cycle(plan, " 2026 q1 ") == closable.cycle


def test_closing_stores_the_retrospective_and_sets_the_states_in_one_step(
    plan: PlanService, closable: Closable
) -> None:
    before = snapshot(plan)
    applied = full_close(closable).apply(plan)

    retro = load_retrospective(plan, closable.cycle.id)
    assert retro.closed and retro.evaluated
    assert {r.objective.title: r.score for r in retro.objectives} == {
        "Make onboarding self-serve": 0.9,
        "Answer every question within a day": 0.4,
    }
    assert plan.get(Objective, closable.docs.id).state is ObjectiveState.ACHIEVED
    assert plan.get(Objective, closable.speed.id).state is ObjectiveState.MISSED
    assert len(retro.missions[0].evidence) == 2
    assert applied.changes.touches(ObjectiveClose, MissionEvaluation, Objective)

    redo = applied.inverse.apply(plan)
    assert snapshot(plan) == before
    redo.inverse.apply(plan)
    assert load_retrospective(plan, closable.cycle.id).evaluated
    assert len(plan.all(EvidenceLink)) == 2


def test_closing_again_replaces_the_earlier_close_and_undo_brings_it_back(
    plan: PlanService, closable: Closable
) -> None:
    full_close(closable).apply(plan)
    first = snapshot(plan)
    again = ObjectiveClose(
        objective_id=closable.docs.id, closed_on=CLOSED_ON, proposed=0.9, score=1.0,
        reason="The last guide landed after the check-in", decision=CloseDecision.DROP,
    )  # fmt: skip
    applied = CloseCycle(closable.cycle.id, (again,)).apply(plan)
    closes = {c.objective_id: c for c in plan.all(ObjectiveClose)}
    assert closes[closable.docs.id].id == again.id and len(closes) == 2
    applied.inverse.apply(plan)
    assert snapshot(plan) == first


@pytest.mark.parametrize(
    ("close", "words"),
    [
        (dict(score=0.7), r"Say why the score is 0\.70 rather than the proposed 0\.90"),
        (dict(score=1.4, reason="x"), r"between 0 and 1"),
    ],
)
def test_a_close_that_cannot_be_stored_is_refused_and_writes_nothing(
    plan: PlanService, closable: Closable, close: dict[str, float | str], words: str
) -> None:
    before = snapshot(plan)
    bad = ObjectiveClose(objective_id=closable.docs.id, closed_on=CLOSED_ON, proposed=0.9, **close)
    with pytest.raises(ValidationError, match=words):
        CloseCycle(closable.cycle.id, (bad,)).apply(plan)
    assert snapshot(plan) == before


def test_an_objective_of_another_cycle_or_a_rating_off_the_scale_is_refused(
    plan: PlanService, closable: Closable
) -> None:
    other = plan.create(Objective, title="Later work", cycle_id=closable.next_cycle.id)
    stray = ObjectiveClose(objective_id=other.id, closed_on=CLOSED_ON, score=0.5)
    with pytest.raises(ValidationError, match="not an objective of 2026 Q1"):
        CloseCycle(closable.cycle.id, (stray,)).apply(plan)
    rating = MissionEvaluation(mission_id=closable.mission.id, cycle_id=closable.cycle.id, rating=9)
    with pytest.raises(ValidationError, match="from 1 to 5, not 9"):
        CloseCycle(closable.cycle.id, evaluations=(rating,)).apply(plan)
    assert plan.all(ObjectiveClose) == [] and plan.all(MissionEvaluation) == []


def test_deleting_what_the_retrospective_hangs_on_takes_it_along_and_restore_puts_it_back(
    plan: PlanService, closable: Closable
) -> None:
    full_close(closable).apply(plan)
    whole = snapshot(plan)
    for cls, item_id, gone in [
        (KeyResult, closable.readers.id, {EvidenceLink}),
        (Objective, closable.docs.id, {ObjectiveClose, EvidenceLink}),
        (Cycle, closable.cycle.id, {MissionEvaluation, EvidenceLink}),
        (Mission, closable.mission.id, {ObjectiveClose, MissionEvaluation, EvidenceLink}),
    ]:
        deletion = plan.delete(cls, item_id)
        assert gone <= {type(item) for item in deletion.items}, cls
        plan.restore(deletion)
        assert snapshot(plan) == whole, cls


def test_the_retrospective_survives_export_and_import(
    plan: PlanService, closable: Closable, tmp_path: Path
) -> None:
    full_close(closable).apply(plan)
    out = tmp_path / "plan.json"
    export_plan(plan, out)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert len(document["objective_closes"]) == 2 and len(document["evidence_links"]) == 2

    other = PlanService.open(tmp_path / "other.okrdesk")
    try:
        summary = import_plan(other, out)
        assert summary.added["mission_evaluations"] == 1
        assert sorted(other.all(ObjectiveClose), key=lambda c: c.id) == sorted(
            plan.all(ObjectiveClose), key=lambda c: c.id
        )
        assert other.all(EvidenceLink) == plan.all(EvidenceLink)
    finally:
        other.close()


def test_a_version_1_file_still_imports(plan: PlanService) -> None:
    fixture = Path(__file__).parent.parent / "data" / "exchange" / "plan-version-1.json"
    document = json.loads(fixture.read_text(encoding="utf-8"))
    assert document["format"] == FORMAT_TAG and document["version"] == 1
    summary = import_plan(plan, fixture)
    assert summary.added["objectives"] == 2 and summary.added["check_ins"] == 1
    assert plan.all(ObjectiveClose) == []


def test_the_next_cycle_starts_from_the_close(plan: PlanService, closable: Closable) -> None:
    assert default_selection(plan, closable.cycle.id) == []
    full_close(closable).apply(plan)
    dropped = ObjectiveClose(objective_id=closable.docs.id, closed_on=CLOSED_ON, proposed=0.9,
                             score=0.9, decision=CloseDecision.DROP)  # fmt: skip
    assert default_selection(plan, closable.cycle.id) == [closable.docs.id, closable.speed.id]
    CloseCycle(closable.cycle.id, (dropped,)).apply(plan)
    chosen = default_selection(plan, closable.cycle.id)
    assert chosen == [closable.speed.id]

    copied = plan_copy(plan, chosen, closable.next_cycle.id)
    assert copied.objectives[0].why == (
        "From 2026 Q1 (score 0.4):\nChanged because Answer in the team channel instead\n"
        "I learned that a rota beats heroics"
    )


# -- the demo ships a closed, evaluated quarter --------------------------------------------


def test_the_demo_s_last_quarter_is_closed_and_evaluated(plan: PlanService) -> None:
    from okrdesk.services.demo import fill_demo

    fill_demo(plan, date(2026, 5, 20))
    demo_plan = plan
    from okrdesk.domain.coach import evaluate
    from okrdesk.services.coach import build_context

    last = min(demo_plan.all(Cycle), key=lambda c: c.start)
    retro = load_retrospective(demo_plan, last.id)
    assert retro.closed and retro.evaluated
    codebase = next(r for r in retro.objectives if r.objective.title.startswith("Make the"))
    assert codebase.close is not None and codebase.close.adjusted
    assert codebase.close.cause is ShortfallCause.PRIORITIES_CHANGED
    assert {o.objective.state for o in retro.objectives} == {
        ObjectiveState.ACHIEVED, ObjectiveState.MISSED,
    }  # fmt: skip
    assert sum(len(m.evidence) for m in retro.missions) == 3
    assert "CYC-NOT-EVALUATED" not in {f.rule_id for f in evaluate(build_context(demo_plan))}
    # Each close's state agrees with the state the demo gives its objective.
    for review in retro.objectives:
        assert review.close is not None
        assert state_after_close(review.objective, review.close.score) is review.objective.state


@pytest.mark.parametrize(
    ("section", "key", "value", "said"),
    [
        ("closes", "cause", "bad_luck", "'bad_luck' is not one of underestimated"),
        ("closes", "decision", "maybe", "'maybe' is not one of keep, change, drop"),
        ("evaluations", "rating", 7, "a rating is 1 to 5, not 7"),
        ("evaluations", "objective", "x", "unknown key 'objective'"),
    ],
)
def test_a_mistake_in_the_demo_s_close_fails_loudly(
    section: str, key: str, value: object, said: str
) -> None:
    import tomllib
    from importlib import resources

    from okrdesk.services.demo import DemoDataError, parse_demo

    text = resources.files("okrdesk.services.demo").joinpath("demo_plan.toml").read_text("utf-8")
    document = tomllib.loads(text)
    document[section][0][key] = value
    with pytest.raises(DemoDataError, match=said):
        parse_demo(document)


def test_a_mission_s_history_has_its_rating_and_scores_per_cycle(
    plan: PlanService, closable: Closable
) -> None:
    from okrdesk.services.retrospective import mission_history

    full_close(closable).apply(plan)
    # Served next quarter too, by an objective with nothing to score yet.
    plan.create(Objective, title="Pair on questions", mission_id=closable.mission.id,
                cycle_id=closable.next_cycle.id)  # fmt: skip
    history = mission_history(plan, closable.mission.id)
    assert [(h.cycle.name, h.rating, h.scores) for h in history] == [
        ("2026 Q1", 4, (0.9, 0.4)),
        ("2026 Q2", None, ()),
    ]
    assert history[0].mean_score == pytest.approx(0.65)
    assert history[1].mean_score is None


def test_the_status_shows_the_score_the_close_gave(plan: PlanService, closable: Closable) -> None:
    from okrdesk.domain.scoring import ScoreBand
    from okrdesk.services.status import plan_status

    assert plan_status(plan)[closable.speed.id].score is None  # open: no score yet
    full_close(closable).apply(plan)
    status = plan_status(plan)[closable.speed.id]
    assert (status.score, status.score_band) == (0.4, ScoreBand.SHORT)
    assert status.progress == pytest.approx(0.5)  # progress stays what the check-ins say


def test_closing_again_from_the_drafts_keeps_the_ids_and_undoes_exactly(
    plan: PlanService, closable: Closable
) -> None:
    from okrdesk.services.retrospective import draft_close, draft_evaluation

    full_close(closable).apply(plan)
    first = snapshot(plan)
    retro = load_retrospective(plan, closable.cycle.id)
    closes = tuple(draft_close(r, CLOSED_ON) for r in retro.objectives)
    evaluations = tuple(draft_evaluation(m, closable.cycle.id) for m in retro.missions)
    assert {c.id for c in closes} == {c.id for c in plan.all(ObjectiveClose)}
    applied = CloseCycle(closable.cycle.id, closes, evaluations).apply(plan)
    assert plan.all(EvidenceLink) == []  # the evaluation again, citing nothing this time
    assert {c.id for c in plan.all(ObjectiveClose)} == {c.id for c in closes}
    applied.inverse.apply(plan)
    assert snapshot(plan) == first
