"""What a self-review says about one cycle, for the person's appraisal or promotion case:
the missions and how they were served, the objectives with their scores and reasons, the
key results that moved most, the milestones with their growth path and value beyond the
deliverable, the learnings and the feedback received.

Plain data from the retrospective (``services.retrospective``); the PDF only typesets it.
Private growth notes and private one-on-one feedback are left out unless asked for, and
counted, so the document can say so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from okrdesk.domain.entities import (
    MISSION_RATINGS,
    GrowthNote,
    Meeting,
    Milestone,
    Stakeholder,
)
from okrdesk.domain.enums import NoteKind
from okrdesk.domain.progress import key_result_progress
from okrdesk.domain.retrospective import CAUSE_LABELS, DECISION_LABELS
from okrdesk.domain.scoring import score_band
from okrdesk.services.missions import stakeholder_ids_by_mission
from okrdesk.services.plan import PlanService
from okrdesk.services.retrospective import (
    CycleRetrospective,
    ObjectiveReview,
    load_retrospective,
    mission_history,
)

# How many key results "moved most" shows.
MOVERS = 5


@dataclass(frozen=True)
class MissionServed:
    title: str
    stakeholder: str
    statement: str
    rating: int | None
    rating_label: str
    evidence: str
    change: str
    cited: tuple[str, ...]
    objectives: tuple[tuple[str, float | None], ...]
    # (cycle name, rating, mean score) up to this cycle, oldest first.
    history: tuple[tuple[str, int | None, float | None], ...] = ()


@dataclass(frozen=True)
class ObjectiveResult:
    title: str
    kind: str
    score: float | None
    proposed: float | None
    band: str
    tone: str
    closed: bool
    reason: str
    decision: str
    decision_why: str
    cause: str
    cause_text: str
    learned: str


@dataclass(frozen=True)
class Mover:
    title: str
    objective: str
    start: str
    end: str
    moved: float


@dataclass(frozen=True)
class MilestoneGrowth:
    title: str
    objective: str
    done_on: date | None
    growth_path: str
    organisational_value: str
    notes: tuple[GrowthNote, ...]


@dataclass(frozen=True)
class SelfReview:
    owner: str
    cycle_name: str
    start: date
    end: date
    missions: tuple[MissionServed, ...]
    objectives: tuple[ObjectiveResult, ...]
    movers: tuple[Mover, ...]
    milestones: tuple[MilestoneGrowth, ...]
    # (objective, what was learned): each close's "I learned that …".
    learnings: tuple[tuple[str, str], ...]
    feedback: tuple[tuple[date, str], ...]
    include_private: bool
    private_left_out: int

    @property
    def closed(self) -> bool:
        return any(o.closed for o in self.objectives)


def self_review(plan: PlanService, cycle_id: str, *, include_private: bool = False) -> SelfReview:
    retro = load_retrospective(plan, cycle_id)
    left_out = 0
    milestones: list[MilestoneGrowth] = []
    for review in retro.objectives:
        for milestone in review.milestones:
            notes = [n for n in review.growth_notes if n.milestone_id == milestone.id]
            shown = tuple(n for n in notes if include_private or not n.private)
            left_out += len(notes) - len(shown)
            milestones.append(_milestone(milestone, review, shown))
    feedback, hidden = _feedback(plan, retro, include_private)
    cycle = retro.cycle
    return SelfReview(
        owner=plan.owner(),
        cycle_name=cycle.name,
        start=cycle.start,
        end=cycle.end,
        missions=_missions(plan, retro),
        objectives=tuple(_result(review) for review in retro.objectives),
        movers=_movers(retro),
        milestones=tuple(milestones),
        learnings=tuple(
            (r.objective.title, r.close.learned.strip())
            for r in retro.objectives
            if r.close is not None and r.close.learned.strip()
        ),
        feedback=feedback,
        include_private=include_private,
        private_left_out=left_out + hidden,
    )


def _missions(plan: PlanService, retro: CycleRetrospective) -> tuple[MissionServed, ...]:
    stakeholders = {s.id: s.name for s in plan.all(Stakeholder)}
    serves = stakeholder_ids_by_mission(plan)
    titles: dict[str, str] = {}
    for review in retro.objectives:
        titles.update({end.key_result.id: end.key_result.title for end in review.key_results})
        titles.update({note.id: note.text.strip() for note in review.growth_notes})
    served = []
    for mission in retro.missions:
        evaluation = mission.evaluation
        cited = tuple(
            titles[link.key_result_id or link.growth_note_id or ""]
            for link in mission.evidence
            if (link.key_result_id or link.growth_note_id or "") in titles
        )
        served.append(
            MissionServed(
                title=mission.mission.title,
                # Every stakeholder it serves, the primary one first.
                stakeholder=", ".join(
                    stakeholders[i] for i in serves.get(mission.mission.id, []) if i in stakeholders
                ),
                statement=mission.mission.statement.strip(),
                rating=None if evaluation is None else evaluation.rating,
                rating_label="" if evaluation is None else MISSION_RATINGS[evaluation.rating],
                evidence="" if evaluation is None else evaluation.evidence.strip(),
                change="" if evaluation is None else evaluation.change.strip(),
                cited=cited,
                objectives=tuple((o.objective.title, o.score) for o in mission.objectives),
                history=tuple(
                    (h.cycle.name, h.rating, h.mean_score)
                    for h in mission_history(plan, mission.mission.id)
                    if h.cycle.start <= retro.cycle.start
                ),
            )
        )
    return tuple(served)


def _result(review: ObjectiveReview) -> ObjectiveResult:
    close = review.close
    score = review.score
    band = None if score is None else score_band(score, review.objective.kind)
    return ObjectiveResult(
        title=review.objective.title,
        kind=review.objective.kind.value,
        score=score,
        proposed=review.proposed,
        band="" if band is None else band.label,
        tone="" if band is None else band.tone,
        closed=close is not None,
        reason="" if close is None or not close.adjusted else close.reason.strip(),
        decision="" if close is None else DECISION_LABELS[close.decision],
        decision_why="" if close is None else close.decision_why.strip(),
        cause="" if close is None or close.cause is None else CAUSE_LABELS[close.cause],
        cause_text="" if close is None else close.cause_text.strip(),
        learned="" if close is None else close.learned.strip(),
    )


def _movers(retro: CycleRetrospective) -> tuple[Mover, ...]:
    """The key results whose progress moved most over the cycle: from the baseline (or the
    first value, without one) to the last checked-in value."""
    found: list[Mover] = []
    for review in retro.objectives:
        for end in review.key_results:
            kr = end.key_result
            if end.value is None or end.progress is None:
                continue
            start_value = kr.baseline
            moved = end.progress - (
                0.0 if start_value is None else key_result_progress(kr, start_value)
            )
            unit = f" {kr.unit}" if kr.unit else ""
            start = "—" if start_value is None else f"{start_value:g}{unit}"
            found.append(Mover(kr.title, review.objective.title, start, f"{end.value:g}{unit}",
                               moved))  # fmt: skip
    found.sort(key=lambda m: -m.moved)
    return tuple(m for m in found[:MOVERS] if m.moved > 0)


def _milestone(
    milestone: Milestone, review: ObjectiveReview, notes: tuple[GrowthNote, ...]
) -> MilestoneGrowth:
    return MilestoneGrowth(
        title=milestone.title,
        objective=review.objective.title,
        done_on=milestone.done_on,
        growth_path=milestone.growth_path.strip(),
        organisational_value=milestone.organisational_value.strip(),
        notes=notes,
    )


def _feedback(
    plan: PlanService, retro: CycleRetrospective, include_private: bool
) -> tuple[tuple[tuple[date, str], ...], int]:
    """Feedback growth notes and the feedback sections of the cycle's one-on-ones, oldest
    first; with how many private one-on-one sections were left out (the private notes are
    counted with their milestones)."""
    found: list[tuple[date, str]] = [
        (note.date, note.text.strip())
        for note in retro.growth_notes
        if note.kind is NoteKind.FEEDBACK and (include_private or not note.private)
    ]
    hidden = 0
    for meeting in plan.where(Meeting, cycle_id=retro.cycle.id):
        text = meeting.feedback.strip()
        if not text:
            continue
        if meeting.feedback_private and not include_private:
            hidden += 1
        else:
            found.append((meeting.date, text))
    found.sort(key=lambda pair: pair[0])
    return tuple(found), hidden
