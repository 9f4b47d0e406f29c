"""A cycle's retrospective as the close shows it: each of the person's objectives with the
score its last check-ins propose, its milestones and growth notes and its close if it has
one; each mission those objectives serve with its evaluation for the cycle and the
evidence it cites.

The close dialog, ``okrdesk close-cycle`` and the self-review all read this; writing goes
through ``services.cycle_close.CloseCycle``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from okrdesk.domain.coach_context import CoachContext
from okrdesk.domain.entities import (
    CheckIn,
    Cycle,
    EvidenceLink,
    GrowthNote,
    KeyResult,
    Milestone,
    Mission,
    MissionEvaluation,
    Objective,
    ObjectiveClose,
)
from okrdesk.domain.enums import ObjectiveState
from okrdesk.domain.progress import key_result_progress
from okrdesk.domain.retrospective import proposed_score
from okrdesk.services.errors import ItemNotFound
from okrdesk.services.plan import PlanService


@dataclass(frozen=True)
class KeyResultEnd:
    """A key result as the cycle left it: its last value and the progress that gives."""

    key_result: KeyResult
    value: float | None
    progress: float | None


@dataclass(frozen=True)
class ObjectiveReview:
    objective: Objective
    mission: Mission | None
    key_results: tuple[KeyResultEnd, ...]
    milestones: tuple[Milestone, ...]
    # The growth notes of its milestones, oldest first (private ones included: the person
    # reads their own retrospective; the self-review leaves them out unless asked).
    growth_notes: tuple[GrowthNote, ...]
    proposed: float | None
    close: ObjectiveClose | None

    @property
    def score(self) -> float | None:
        """The final score when closed, else the proposed one."""
        return self.close.score if self.close is not None else self.proposed


@dataclass(frozen=True)
class MissionReview:
    mission: Mission
    objectives: tuple[ObjectiveReview, ...]
    evaluation: MissionEvaluation | None
    evidence: tuple[EvidenceLink, ...]


@dataclass(frozen=True)
class CycleRetrospective:
    cycle: Cycle
    objectives: tuple[ObjectiveReview, ...]
    missions: tuple[MissionReview, ...]

    @property
    def growth_notes(self) -> tuple[GrowthNote, ...]:
        """Every growth note of the cycle's objectives, oldest first."""
        notes = [note for review in self.objectives for note in review.growth_notes]
        return tuple(sorted(notes, key=lambda n: (n.date, n.created)))

    @property
    def closed(self) -> bool:
        """Whether the cycle has been closed: any of its objectives has its close."""
        return any(review.close is not None for review in self.objectives)

    @property
    def evaluated(self) -> bool:
        return bool(self.missions) and all(m.evaluation is not None for m in self.missions)


def find_cycle(plan: PlanService, name_or_id: str) -> Cycle | None:
    """The cycle named ``name_or_id`` (any case, spaces around ignored), or with that id."""
    wanted = name_or_id.strip().casefold()
    for cycle in plan.all(Cycle):
        if cycle.id == name_or_id or cycle.name.strip().casefold() == wanted:
            return cycle
    return None


def cycle_objectives(plan: PlanService, cycle_id: str) -> list[Objective]:
    """The person's own objectives of the cycle that a close grades: not archived, not
    someone else's or a team's imported from a file."""
    ownership = CoachContext(today=date.today(), owner=plan.owner())
    return [
        o
        for o in plan.where(Objective, cycle_id=cycle_id)
        if not o.archived and ownership.is_mine(o)
    ]


def load_retrospective(plan: PlanService, cycle_id: str) -> CycleRetrospective:
    cycle = plan.find(Cycle, cycle_id)
    if cycle is None:
        raise ItemNotFound("cycle", cycle_id)
    latest = plan.latest_check_ins()
    closes = {c.objective_id: c for c in plan.all(ObjectiveClose)}
    missions = {m.id: m for m in plan.all(Mission)}
    reviews = [
        _objective_review(plan, o, missions.get(o.mission_id or ""), closes.get(o.id), latest)
        for o in cycle_objectives(plan, cycle_id)
    ]
    evaluations = {e.mission_id: e for e in plan.where(MissionEvaluation, cycle_id=cycle_id)}
    served: dict[str, list[ObjectiveReview]] = {}
    for review in reviews:
        if review.mission is not None and review.objective.state is not ObjectiveState.ABANDONED:
            served.setdefault(review.mission.id, []).append(review)
    mission_reviews = []
    for mission_id, objectives in served.items():
        evaluation = evaluations.get(mission_id)
        evidence = () if evaluation is None else tuple(plan.children(EvidenceLink, evaluation.id))
        mission_reviews.append(
            MissionReview(missions[mission_id], tuple(objectives), evaluation, evidence)
        )
    return CycleRetrospective(cycle, tuple(reviews), tuple(mission_reviews))


def _objective_review(
    plan: PlanService,
    objective: Objective,
    mission: Mission | None,
    close: ObjectiveClose | None,
    latest: dict[str, CheckIn],
) -> ObjectiveReview:
    ends = []
    for kr in plan.children(KeyResult, objective.id):
        if kr.archived:
            continue
        check_in = latest.get(kr.id)
        value = None if check_in is None else check_in.value
        progress = None if value is None else key_result_progress(kr, value)
        ends.append(KeyResultEnd(kr, value, progress))
    milestones = tuple(plan.children(Milestone, objective.id))
    notes = sorted(
        (note for m in milestones for note in plan.children(GrowthNote, m.id)),
        key=lambda n: (n.date, n.created),
    )
    proposed = proposed_score((end.key_result, end.value) for end in ends)
    return ObjectiveReview(
        objective, mission, tuple(ends), milestones, tuple(notes), proposed, close
    )


# -- drafts: what a close starts from -----------------------------------------------------


def draft_close(review: ObjectiveReview, closed_on: date) -> ObjectiveClose:
    """The close to start from: the earlier close when there is one (closing again goes on
    from it), else the proposed score kept as it is, to keep."""
    if review.close is not None:
        return review.close
    score = review.proposed if review.proposed is not None else 0.0
    return ObjectiveClose(
        objective_id=review.objective.id,
        closed_on=closed_on,
        proposed=review.proposed,
        score=score,
    )


def draft_evaluation(review: MissionReview, cycle_id: str) -> MissionEvaluation:
    """The evaluation to start from: the earlier one, else the middle of the scale."""
    if review.evaluation is not None:
        return review.evaluation
    return MissionEvaluation(mission_id=review.mission.id, cycle_id=cycle_id)


# -- a mission across cycles ----------------------------------------------------------------


@dataclass(frozen=True)
class MissionCycle:
    """One cycle of a mission's history: its rating (None: not evaluated) and the final
    scores of the objectives that served it (the proposed ones where not closed)."""

    cycle: Cycle
    rating: int | None
    scores: tuple[float, ...]

    @property
    def mean_score(self) -> float | None:
        return sum(self.scores) / len(self.scores) if self.scores else None


def mission_history(plan: PlanService, mission_id: str) -> tuple[MissionCycle, ...]:
    """The mission's ratings and its objectives' scores, cycle by cycle, oldest first, over
    the cycles where it was served or evaluated: the series a chart of the mission draws."""
    ratings = {e.cycle_id: e.rating for e in plan.where(MissionEvaluation, mission_id=mission_id)}
    history = []
    for cycle in sorted(plan.all(Cycle), key=lambda c: c.start):
        retro = load_retrospective(plan, cycle.id)
        served = next((m for m in retro.missions if m.mission.id == mission_id), None)
        scores = (
            ()
            if served is None
            else tuple(s for o in served.objectives if (s := o.score) is not None)
        )
        if served is None and cycle.id not in ratings:
            continue
        history.append(MissionCycle(cycle, ratings.get(cycle.id), scores))
    return tuple(history)
