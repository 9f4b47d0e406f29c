"""One-on-ones: the agenda prepared from the plan, closing a meeting with a snapshot of
every key result, and the "since last time" changes against the previous closed meeting.

"The last meeting" is the one just before this one (by date, then by when it was made),
whatever its counterpart: a person usually has one manager, and the agenda is there to be
edited. Deltas compare with the last *closed* meeting before it, since only a closed meeting
froze a snapshot. A meeting's key results are those of its cycle (all cycles without one),
archived ones left out.
"""

from __future__ import annotations

import dataclasses
import importlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from okrdesk.domain.coach_context import CoachContext
from okrdesk.domain.coach_rules import join_names
from okrdesk.domain.confidence import confidence_change, confidence_points, confidence_text
from okrdesk.domain.entities import (
    MEETING_SECTIONS,
    MISSION_RATINGS,
    ActionItem,
    AgendaPoint,
    Cycle,
    GrowthNote,
    KeyResult,
    Meeting,
    Milestone,
    Mission,
    MissionEvaluation,
    MissionLink,
    Objective,
    Snapshot,
    Stakeholder,
    utc_now,
)
from okrdesk.domain.enums import CloseDecision, MeetingKind
from okrdesk.domain.health import Health
from okrdesk.domain.messages import N_, Message, message
from okrdesk.domain.retrospective import CAUSE_LABELS, needs_cause
from okrdesk.domain.validation import ValidationError, validate
from okrdesk.services.errors import ItemNotFound
from okrdesk.services.missions import stakeholder_ids_by_mission
from okrdesk.services.plan import PlanService
from okrdesk.services.retrospective import ObjectiveReview, load_retrospective
from okrdesk.services.status import ItemStatus, PlanRecords, compute_status, load_records
from okrdesk.store.mapping import copy_into, to_record, to_row
from okrdesk.store.schema import CycleRow, MeetingRow, SnapshotRow

# A key result whose latest confidence is below this is worth talking about.
LOW_CONFIDENCE = 0.5
# Without an earlier meeting (or cycle) the agenda looks this far back.
FIRST_MEETING_LOOKBACK_DAYS = 28
# The coach can find dozens of things; an agenda holds the few most serious.
MAX_COACH_POINTS = 5


class Source:
    """What prepared an agenda point (stored in AgendaPoint.source)."""

    ACTION_ITEM = "action item"
    CONFIDENCE = "confidence"
    OUTDATED = "outdated"
    MILESTONE = "milestone"
    GROWTH_NOTE = "growth note"
    COACH = "coach"
    NEXT_STEP = "next step"  # = services.next_steps.NEXT_STEP_SOURCE
    RETROSPECTIVE = "retrospective"
    # Agreeing missions (issue 23): each mission, when it is served, how it was evaluated,
    # what it serves.
    MISSION = "mission"
    SERVED_WHEN = "served when"
    EVALUATION = "evaluation"
    ALIGNMENT = "alignment"
    HAND = ""


# What each kind of one-on-one is for, as a meeting's page and its PDF say it.
MEETING_KINDS: dict[MeetingKind, str] = {
    MeetingKind.REGULAR: message("regular one-on-one"),
    MeetingKind.MISSIONS: message("agreeing missions"),
}


# -- which meetings come before --------------------------------------------------------------


def _order(meeting: Meeting) -> tuple[date, Any]:
    return (meeting.date, meeting.created)


def previous_meeting(
    plan: PlanService, meeting: Meeting, *, closed: bool = False
) -> Meeting | None:
    """The meeting just before ``meeting`` (only closed ones with ``closed``)."""
    earlier = [
        m
        for m in plan.all(Meeting)
        if m.id != meeting.id and _order(m) < _order(meeting) and (m.closed_on or not closed)
    ]
    return max(earlier, key=_order) if earlier else None


def since_day(plan: PlanService, meeting: Meeting) -> date:
    """From when "since the last meeting" counts: the last meeting's day, else the cycle's
    start, else four weeks back."""
    last = previous_meeting(plan, meeting)
    if last is not None:
        return last.date
    if meeting.cycle_id is not None:
        with plan.database.transaction() as s:
            start = s.scalar(select(CycleRow.start).where(CycleRow.id == meeting.cycle_id))
        if start is not None and start < meeting.date:
            return start
    return meeting.date - timedelta(days=FIRST_MEETING_LOOKBACK_DAYS)


# -- the key results of a meeting ------------------------------------------------------------


@dataclass(frozen=True)
class KeyResultState:
    """A key result as it stands: what a snapshot freezes and deltas compare."""

    key_result: KeyResult
    objective: Objective
    value: float | None
    confidence: float | None
    status: ItemStatus


def key_result_states(plan: PlanService, cycle_id: str | None, day: date) -> list[KeyResultState]:
    """The cycle's key results (all cycles' when None) in plan order, archived ones and those
    of archived objectives left out."""
    records: PlanRecords = load_records(plan, cycle_id)
    statuses = compute_status(records, day)
    objectives = {o.id: o for o in records.objectives if not o.archived}
    states = []
    for kr in records.key_results:
        objective = objectives.get(kr.objective_id)
        if kr.archived or objective is None:
            continue
        check_ins = records.check_ins.get(kr.id, [])
        latest = check_ins[-1] if check_ins else None
        states.append(
            KeyResultState(
                key_result=kr,
                objective=objective,
                value=None if latest is None else latest.value,
                confidence=None if latest is None else latest.confidence,
                status=statuses[kr.id],
            )
        )
    return states


# -- preparing the agenda --------------------------------------------------------------------


def _quoted(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= width else text[: width - 1].rstrip() + '…'}”"


def _point(meeting: Meeting, text: str, source: str, subject_id: str | None) -> AgendaPoint:
    return AgendaPoint(meeting_id=meeting.id, text=text, source=source, subject_id=subject_id)


# The agenda is read aloud across a table: each point is a plain sentence ("Confidence in
# “X” dropped from 8 to 5 in 10."), never a label with a colon and a bracketed name.


def _day(day: date) -> str:
    return f"{day:%-d %b %Y}"


def _sentence(text: str) -> str:
    """``text`` ending as a sentence does (one full stop, unless it ends in ?, ! or …)."""
    text = " ".join(text.split())
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def _continuing(text: str) -> str:
    """A sentence as it reads after "that": its first letter in lower case, unless the
    first word is a name or an abbreviation ("OKR", "Q4")."""
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[0].isupper() and first[1:].islower():
        return text[0].lower() + text[1:]
    return text


def action_item_text(action: ActionItem) -> str:
    """An action item from the last meeting that is still open."""
    text = action.text.strip().rstrip(".")
    extras = [action.owner.strip()] if action.owner.strip() else []
    if action.due is not None:
        extras.append(message("due {day}", day=_day(action.due)))
    if not extras:
        return message("Still open from last time: {text}.", text=text)
    return message(
        "Still open from last time: {text} ({extras}).", text=text, extras=", ".join(extras)
    )


def coach_text(reason: str, title: str) -> str:
    """A coach finding as a sentence: its reason, naming the item unless the reason does."""
    said = _sentence(_continuing(reason.strip()))
    if not title or f"“{title}”" in reason:
        return message("The coach notes that {reason}", reason=said)
    return message(
        "About {title}, the coach notes that {reason}", title=_quoted(title, 50), reason=said
    )


def _action_item_points(plan: PlanService, meeting: Meeting) -> list[AgendaPoint]:
    last = previous_meeting(plan, meeting)
    if last is None:
        return []
    points = []
    for action in plan.children(ActionItem, last.id):
        if action.done:
            continue
        points.append(_point(meeting, action_item_text(action), Source.ACTION_ITEM, action.id))
    return points


def _key_result_points(
    plan: PlanService, meeting: Meeting, states: Sequence[KeyResultState]
) -> list[AgendaPoint]:
    before = previous_meeting(plan, meeting, closed=True)
    frozen = {} if before is None else {s.subject_id: s for s in snapshots_of(plan, before.id)}
    low_confidence = []
    outdated_points = []
    for state in states:
        if state.objective.state.is_closed:
            continue
        kr = state.key_result
        now = state.confidence
        was = frozen[kr.id].confidence if kr.id in frozen else None
        if now is not None and was is not None and now < was:
            text = message(
                "Confidence in {title} dropped from {before} to {now} in 10.",
                title=_quoted(kr.title),
                before=confidence_points(was),
                now=confidence_points(now),
            )
            low_confidence.append(_point(meeting, text, Source.CONFIDENCE, kr.id))
        elif now is not None and now < LOW_CONFIDENCE:
            text = message(
                "Confidence in {title} is low: {confidence}.",
                title=_quoted(kr.title),
                confidence=confidence_text(now),
            )
            low_confidence.append(_point(meeting, text, Source.CONFIDENCE, kr.id))
        elif state.status.health is Health.OUTDATED:
            text = message("{title} has had no check-in lately.", title=_quoted(kr.title))
            outdated_points.append(_point(meeting, text, Source.OUTDATED, kr.id))
    return low_confidence + outdated_points


def _in_scope(plan: PlanService, meeting: Meeting) -> set[str]:
    """The ids of the objectives a meeting is about."""
    return {
        o.id
        for o in plan.all(Objective)
        if not o.archived and (meeting.cycle_id is None or o.cycle_id == meeting.cycle_id)
    }


def milestones_since(plan: PlanService, meeting: Meeting) -> list[Milestone]:
    """Milestones of the meeting's objectives done, or due and not done, after the last
    meeting and up to this one's day."""
    since = since_day(plan, meeting)
    objectives = _in_scope(plan, meeting)
    found = []
    for milestone in plan.all(Milestone):
        if milestone.objective_id not in objectives:
            continue
        if milestone.done_on is not None:
            if since < milestone.done_on <= meeting.date:
                found.append(milestone)
        elif milestone.due is not None and since < milestone.due <= meeting.date:
            found.append(milestone)
    return found


def growth_notes_since(plan: PlanService, meeting: Meeting) -> list[GrowthNote]:
    """Growth notes written after the last meeting, up to this one's day; never private
    ones. Oldest first."""
    since = since_day(plan, meeting)
    objectives = _in_scope(plan, meeting)
    milestones = {m.id for m in plan.all(Milestone) if m.objective_id in objectives}
    notes = [
        n
        for n in plan.all(GrowthNote)
        if not n.private and n.milestone_id in milestones and since < n.date <= meeting.date
    ]
    return sorted(notes, key=lambda n: (n.date, n.created))


def _milestone_points(plan: PlanService, meeting: Meeting) -> list[AgendaPoint]:
    points = []
    for milestone in milestones_since(plan, meeting):
        if milestone.done_on is not None:
            text = message(
                "The milestone {title} was done on {day}.",
                title=_quoted(milestone.title),
                day=_day(milestone.done_on),
            )
        else:
            text = message(
                "The milestone {title} was due on {day} and is not done yet.",
                title=_quoted(milestone.title),
                day=_day(milestone.due or meeting.date),
            )
        points.append(_point(meeting, text, Source.MILESTONE, milestone.id))
    return points


def _growth_note_points(plan: PlanService, meeting: Meeting) -> list[AgendaPoint]:
    return [
        _point(
            meeting,
            message("A growth note to talk about: {text}", text=_quoted(note.text)),
            Source.GROWTH_NOTE,
            note.id,
        )
        for note in growth_notes_since(plan, meeting)
    ]


# -- next steps due since last time (the weekly rhythm, issue 22) ------------------------------


def _next_step_points(
    plan: PlanService, meeting: Meeting, states: Sequence[KeyResultState]
) -> list[AgendaPoint]:
    from okrdesk.services.next_steps import steps_due_between

    titles = {state.key_result.id: state.key_result.title for state in states}
    points = []
    for step in steps_due_between(plan, titles, since_day(plan, meeting), meeting.date):
        state = "done" if step.done else f"due {step.due}"
        on = _quoted(titles[step.key_result_id], 50)
        text = f"Next step: {_quoted(step.title)} ({state}) on {on}"
        points.append(_point(meeting, text, Source.NEXT_STEP, step.id))
    return points


# -- the end of a cycle (issue 21) -------------------------------------------------------------
# Once the meeting's cycle is closed, or the meeting falls after its end, the one-on-one is
# an end-of-cycle one: it talks about the shortfalls and their causes, what will change,
# and the missions not yet evaluated.


def _retrospective_points(plan: PlanService, meeting: Meeting) -> list[AgendaPoint]:
    cycle = None if meeting.cycle_id is None else plan.find(Cycle, meeting.cycle_id)
    if cycle is None:
        return []
    retro = load_retrospective(plan, cycle.id)
    if not (retro.closed or meeting.date > cycle.end):
        return []
    points = [p for review in retro.objectives for p in _close_points(meeting, review)]
    for mission in retro.missions:
        if mission.evaluation is None:
            text = message(
                "How well did {cycle} serve the mission {title}? It has no evaluation yet.",
                cycle=cycle.name,
                title=_quoted(mission.mission.title),
            )
            points.append(_point(meeting, text, Source.RETROSPECTIVE, mission.mission.id))
    return points


def _close_points(meeting: Meeting, review: ObjectiveReview) -> list[AgendaPoint]:
    """An objective's close, when it ended short with a cause or is to change."""
    close = review.close
    if close is None:
        return []
    title = _quoted(review.objective.title)
    texts = []
    if close.cause is not None and needs_cause(close.score):
        cause = close.cause_text.strip() or CAUSE_LABELS[close.cause]
        texts.append(
            message(
                "{title} ended at {score}; the main cause: {cause}",
                title=title,
                score=f"{close.score:.1f}",
                cause=_sentence(cause),
            )
        )
    if close.decision is CloseDecision.CHANGE:
        why = close.decision_why.strip()
        texts.append(
            message("{title} changes next cycle: {why}", title=title, why=_sentence(why))
            if why
            else message("{title} changes next cycle: how?", title=title)
        )
    return [_point(meeting, t, Source.RETROSPECTIVE, review.objective.id) for t in texts]


CoachFinder = Callable[[PlanService, date], Iterable[Any]]


def _default_coach_finder() -> CoachFinder | None:
    """The coach's open (not dismissed) findings, when the coach service is there: the
    agenda works without it."""
    try:
        coach = importlib.import_module("okrdesk.services.coach")
    except ImportError:
        return None
    review_plan = getattr(coach, "review_plan", None)
    if not callable(review_plan):
        return None

    def find(plan: PlanService, day: date) -> Iterable[Any]:
        return tuple(getattr(review_plan(plan, day), "findings", ()))

    return find


def _coach_points(
    plan: PlanService, meeting: Meeting, finder: CoachFinder | None
) -> list[AgendaPoint]:
    if finder is None:
        return []
    try:
        findings = list(finder(plan, meeting.date))
    except Exception:  # the coach must never stop a meeting from being made
        return []
    # Errors before warnings; anything without a reason is not a warning to talk about.
    serious = [f for f in findings if str(getattr(f, "severity", "")) != "info"]
    serious.sort(key=lambda f: str(getattr(f, "severity", "")) != "error")
    points = []
    for finding in serious[:MAX_COACH_POINTS]:
        reason = str(getattr(finding, "reason", "")).strip()
        title = str(getattr(finding, "item_title", "")).strip()
        if not reason:
            continue
        text = coach_text(reason, title)
        subject = getattr(finding, "item_id", None)
        points.append(
            _point(meeting, text, Source.COACH, subject if isinstance(subject, str) else None)
        )
    return points


# -- agreeing missions (issue 23) ---------------------------------------------------------------
# A one-on-one of kind MISSIONS is for agreeing the person's missions: its agenda takes each
# of them in turn, whom it serves (the primary stakeholder first), how the person will know
# it is served, how the closed cycles rated it, the team mission and objectives it serves,
# and what the coach says of it.

# The evaluations an agenda point recalls, the latest ones.
MAX_EVALUATIONS = 4


@dataclass(frozen=True)
class MissionFacts:
    """What the plan holds about the missions, read once for the whole agenda."""

    stakeholders: dict[str, Stakeholder]
    serves: dict[str, list[str]]
    evaluations: dict[str, list[MissionEvaluation]]
    cycles: dict[str, Cycle]
    missions: dict[str, Mission]
    objectives: dict[str, Objective]
    links: dict[str, list[str]]


def persons_missions(plan: PlanService) -> list[Mission]:
    """The person's missions that are not archived, in the tree's order (a mission right
    after the wider one it is part of). Whose a mission is, is what the coach says
    (``CoachContext.ownership``), which needs the plan's owner only."""
    owner = CoachContext(today=date.today(), owner=plan.owner())
    return [m for m in _tree_order(plan.all(Mission)) if not m.archived and owner.is_mine(m)]


def _tree_order(missions: Sequence[Mission]) -> list[Mission]:
    ids = {m.id for m in missions}
    children: dict[str | None, list[Mission]] = {}
    for mission in missions:
        parent = mission.parent_id if mission.parent_id in ids else None
        children.setdefault(parent, []).append(mission)
    ordered: list[Mission] = []
    waiting = sorted(children.pop(None, []), key=lambda m: m.position, reverse=True)
    while waiting:
        mission = waiting.pop()
        ordered.append(mission)
        below = sorted(children.pop(mission.id, []), key=lambda m: m.position, reverse=True)
        waiting.extend(below)
    # Missions whose parents make a loop have no root to be reached from: last, not lost.
    return ordered + [m for group in children.values() for m in group]


def _mission_facts(plan: PlanService) -> MissionFacts:
    evaluations: dict[str, list[MissionEvaluation]] = {}
    for evaluation in plan.all(MissionEvaluation):
        evaluations.setdefault(evaluation.mission_id, []).append(evaluation)
    links: dict[str, list[str]] = {}
    for link in plan.all(MissionLink):
        links.setdefault(link.mission_id, []).append(link.objective_id)
    return MissionFacts(
        stakeholders={s.id: s for s in plan.all(Stakeholder)},
        serves=stakeholder_ids_by_mission(plan),
        evaluations=evaluations,
        cycles={c.id: c for c in plan.all(Cycle)},
        missions={m.id: m for m in plan.all(Mission)},
        objectives={o.id: o for o in plan.all(Objective)},
        links=links,
    )


def _whom_text(mission: Mission, facts: MissionFacts) -> str:
    title = _quoted(mission.title)
    ids = facts.serves.get(mission.id, [])
    names = [facts.stakeholders[i].name.strip() for i in ids if i in facts.stakeholders]
    if not names:
        return message(
            "The mission {title} names nobody it serves yet: whom is it for?", title=title
        )
    if len(names) == 1:
        return message("The mission {title} serves {whom}.", title=title, whom=names[0])
    return message(
        "The mission {title} serves {whom} first, and also {others}.",
        title=title,
        whom=names[0],
        others=join_names(names[1:]),
    )


def _served_when_text(mission: Mission) -> str | None:
    said = " ".join(mission.served_when.split())
    if not said:
        return None
    # Typed as the rest of "I will know it is served when…"; some type the "when" too.
    said = re.sub(r"^(?:i will know it is served\s+)?when\s+", "", said, flags=re.IGNORECASE)
    return message(
        "You will know {title} is served when {when}",
        title=_quoted(mission.title),
        when=_sentence(_continuing(said)),
    )


def _evaluations_text(mission: Mission, facts: MissionFacts) -> str | None:
    rated = [
        (facts.cycles[e.cycle_id], e)
        for e in facts.evaluations.get(mission.id, [])
        if e.cycle_id in facts.cycles
    ]
    rated.sort(key=lambda pair: (pair[0].start, pair[0].end))
    rated = rated[-MAX_EVALUATIONS:]
    if not rated:
        return None
    ratings = join_names(
        [
            message(
                "{rating} in {cycle}",
                rating=MISSION_RATINGS.get(e.rating, str(e.rating)),
                cycle=c.name,
            )
            for c, e in rated
        ]
    )
    cycle, latest = rated[-1]
    said = message("{title} was rated {ratings}.", title=_quoted(mission.title), ratings=ratings)
    if not latest.change.strip():
        return said
    return message(
        "{rated} To change after {cycle}: {change}",
        rated=said,
        cycle=cycle.name,
        change=_sentence(latest.change),
    )


def _alignment_text(mission: Mission, meeting: Meeting, facts: MissionFacts) -> str | None:
    """The wider mission it is part of and the team objectives it is linked to (of the
    meeting's cycle, when it has one)."""
    served: list[str] = []
    parent = facts.missions.get(mission.parent_id or "")
    if parent is not None and not parent.archived:
        served.append(
            message(
                "the {level} mission {title}", level=parent.level.value, title=_quoted(parent.title)
            )
        )
    by_level: dict[str, list[str]] = {}
    for objective_id in facts.links.get(mission.id, []):
        objective = facts.objectives.get(objective_id)
        if objective is None or objective.archived:
            continue
        if meeting.cycle_id is None or objective.cycle_id == meeting.cycle_id:
            by_level.setdefault(objective.level.value, []).append(_quoted(objective.title))
    for level, titles in by_level.items():
        one = len(titles) == 1
        template = (
            N_("the {level} objective {titles}") if one else N_("the {level} objectives {titles}")
        )
        served.append(Message(template, {"level": level, "titles": join_names(titles)}))
    if not served:
        return None
    return message(
        "{title} serves {served}.", title=_quoted(mission.title), served=join_names(served)
    )


def _findings_by_mission(
    plan: PlanService, meeting: Meeting, finder: CoachFinder | None
) -> dict[str, list[Any]]:
    """The coach's open findings about missions, errors first, then warnings, then advice."""
    if finder is None:
        return {}
    try:
        findings = list(finder(plan, meeting.date))
    except Exception:  # the coach must never stop a meeting from being made
        return {}
    order = {"error": 0, "warn": 1, "info": 2}
    about: dict[str, list[Any]] = {}
    for finding in sorted(findings, key=lambda f: order.get(str(getattr(f, "severity", "")), 3)):
        subject = getattr(finding, "item_id", None)
        if getattr(finding, "item_type", "") == "mission" and isinstance(subject, str):
            about.setdefault(subject, []).append(finding)
    return about


# The headline says a mission names nobody it serves: the coach's finding would repeat it.
_SAID_BY_THE_HEADLINE = "MIS-NO-STAKEHOLDER"


def _mission_points(
    plan: PlanService, meeting: Meeting, finder: CoachFinder | None
) -> list[AgendaPoint]:
    facts = _mission_facts(plan)
    findings = _findings_by_mission(plan, meeting, finder)
    points: list[AgendaPoint] = []
    for mission in persons_missions(plan):
        texts = [
            (Source.MISSION, _whom_text(mission, facts)),
            (Source.SERVED_WHEN, _served_when_text(mission)),
            (Source.EVALUATION, _evaluations_text(mission, facts)),
            (Source.ALIGNMENT, _alignment_text(mission, meeting, facts)),
        ]
        points += [_point(meeting, t, source, mission.id) for source, t in texts if t]
        for finding in findings.get(mission.id, []):
            reason = str(getattr(finding, "reason", "")).strip()
            if reason and getattr(finding, "rule_id", "") != _SAID_BY_THE_HEADLINE:
                text = coach_text(reason, mission.title)
                points.append(_point(meeting, text, Source.COACH, mission.id))
    return points


_USE_DEFAULT_COACH: Any = object()


def prepare_agenda(
    plan: PlanService,
    meeting: Meeting,
    *,
    coach: CoachFinder | None = _USE_DEFAULT_COACH,
) -> list[AgendaPoint]:
    """The agenda points for ``meeting`` (not stored), numbered in order: last time's open
    actions first (a conversation starts by following up), then key results whose
    confidence is low or dropped since the last closed meeting, outdated check-ins,
    milestones due or done since the last meeting, next steps due since then (and older
    ones still open), growth notes since then (never private ones), at the end of a cycle
    what its retrospective asks to talk about, and the coach's open warnings. A meeting for
    agreeing missions (``MeetingKind.MISSIONS``) follows up the open actions, then takes
    each of the person's missions: whom it serves, when it is served, its evaluations, what
    it serves and what the coach says of it. ``meeting`` need not be stored yet."""
    finder = _default_coach_finder() if coach is _USE_DEFAULT_COACH else coach
    if meeting.kind is MeetingKind.MISSIONS:
        points = [*_action_item_points(plan, meeting), *_mission_points(plan, meeting, finder)]
    else:
        states = key_result_states(plan, meeting.cycle_id, meeting.date)
        points = [
            *_action_item_points(plan, meeting),
            *_key_result_points(plan, meeting, states),
            *_milestone_points(plan, meeting),
            *_next_step_points(plan, meeting, states),
            *_growth_note_points(plan, meeting),
            *_retrospective_points(plan, meeting),
            *_coach_points(plan, meeting, finder),
        ]
    return [dataclasses.replace(p, position=i) for i, p in enumerate(points)]


def add_meeting_with_agenda(
    plan: PlanService, meeting: Meeting, points: Sequence[AgendaPoint]
) -> Meeting:
    """Store a new meeting (last among meetings) and its agenda in one transaction."""
    validate(meeting)
    for point in points:
        if point.meeting_id != meeting.id:
            raise ValidationError("meeting_id", "An agenda point belongs to another meeting.")
        validate(point)
    with plan.database.transaction() as s:
        if meeting.cycle_id is not None and s.get(CycleRow, meeting.cycle_id) is None:
            raise ValidationError("cycle_id", "The cycle of this one-on-one does not exist.")
        if s.get(MeetingRow, meeting.id) is not None:
            raise ValidationError(
                "id", message("An item with id {id} exists already.", id=meeting.id)
            )
        highest = s.scalar(select(func.max(MeetingRow.position)))
        meeting = dataclasses.replace(meeting, position=0 if highest is None else highest + 1)
        s.add(to_row(meeting))
        s.flush()
        for position, point in enumerate(points):
            s.add(to_row(dataclasses.replace(point, position=position)))
    return meeting


def new_meeting(
    plan: PlanService,
    day: date,
    cycle_id: str | None,
    *,
    first_counterpart: str,
    kind: MeetingKind = MeetingKind.REGULAR,
) -> Meeting:
    """A one-on-one on ``day`` (not stored) with the person of the last one, or
    ``first_counterpart`` for the first; in ``cycle_id``, else in the cycle running on
    ``day`` (the shortest, of nested ones)."""
    if cycle_id is None:
        running = [c for c in plan.all(Cycle) if c.contains(day)]
        shortest = min(running, key=lambda c: (c.end - c.start, c.start), default=None)
        cycle_id = None if shortest is None else shortest.id
    earlier = plan.all(Meeting)
    last = max(earlier, key=_order) if earlier else None
    counterpart = last.counterpart if last is not None else first_counterpart
    return Meeting(date=day, counterpart=counterpart, cycle_id=cycle_id, kind=kind)


def create_meeting(plan: PlanService, meeting: Meeting) -> tuple[Meeting, list[AgendaPoint]]:
    """Prepare the agenda of a new meeting and store both in one transaction."""
    points = prepare_agenda(plan, meeting)
    stored = add_meeting_with_agenda(plan, meeting, points)
    return stored, points


# -- closing ---------------------------------------------------------------------------------


def snapshots_of(plan: PlanService, meeting_id: str) -> list[Snapshot]:
    return plan.children(Snapshot, meeting_id)


def freeze(plan: PlanService, meeting: Meeting, day: date) -> list[Snapshot]:
    """A snapshot of each of the meeting's key results as they stand on ``day`` (not
    stored)."""
    return [
        Snapshot(
            meeting_id=meeting.id,
            subject_id=state.key_result.id,
            title=state.key_result.title,
            value=state.value,
            confidence=state.confidence,
            progress=state.status.progress or 0.0,
            health=state.status.health.value,
            position=position,
        )
        for position, state in enumerate(key_result_states(plan, meeting.cycle_id, day))
    ]


def store_closing(
    plan: PlanService, meeting_id: str, day: date, snapshots: Sequence[Snapshot]
) -> Meeting:
    """Set ``closed_on`` and store the snapshots, in one transaction."""
    for snapshot in snapshots:
        validate(snapshot)
    with plan.database.transaction() as s:
        row = s.get(MeetingRow, meeting_id)
        if row is None:
            raise ItemNotFound("one-on-one", meeting_id)
        meeting = to_record(Meeting, row)
        if meeting.closed_on is not None:
            raise ValidationError(
                "closed_on",
                message("This one-on-one was closed on {closed_on}.", closed_on=meeting.closed_on),
            )
        meeting = dataclasses.replace(meeting, closed_on=day, updated=utc_now())
        copy_into(row, meeting)
        for snapshot in snapshots:
            s.add(to_row(snapshot))
    return meeting


def close_meeting(
    plan: PlanService, meeting_id: str, today: date
) -> tuple[Meeting, list[Snapshot]]:
    """Freeze every key result of the meeting as it is ``today`` and mark it closed."""
    meeting = plan.get(Meeting, meeting_id)
    snapshots = freeze(plan, meeting, today)
    return store_closing(plan, meeting_id, today, snapshots), snapshots


def reopen_meeting(plan: PlanService, meeting_id: str) -> list[Snapshot]:
    """Undo a close: delete the snapshots and clear ``closed_on``, in one transaction;
    returns the snapshots that were removed."""
    with plan.database.transaction() as s:
        row = s.get(MeetingRow, meeting_id)
        if row is None:
            raise ItemNotFound("one-on-one", meeting_id)
        rows = list(
            s.scalars(
                select(SnapshotRow)
                .where(SnapshotRow.meeting_id == meeting_id)
                .order_by(SnapshotRow.position)
            )
        )
        removed = [to_record(Snapshot, r) for r in rows]
        for snapshot_row in rows:
            s.delete(snapshot_row)
        meeting = dataclasses.replace(to_record(Meeting, row), closed_on=None, updated=utc_now())
        copy_into(row, meeting)
    return removed


# -- since last time -------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One key result now (or when this meeting closed) against the previous closed
    meeting. ``*_before`` are None when the key result was not in that snapshot."""

    subject_id: str
    title: str
    objective_title: str
    in_snapshot: bool
    value_before: float | None
    value_now: float | None
    confidence_before: float | None
    confidence_now: float | None
    progress_before: float | None
    progress_now: float
    health_before: Health | None
    health_now: Health
    unit: str = ""

    @property
    def value_delta(self) -> float | None:
        if self.value_before is None or self.value_now is None:
            return None
        return self.value_now - self.value_before

    @property
    def confidence_delta(self) -> float | None:
        if self.confidence_before is None or self.confidence_now is None:
            return None
        return self.confidence_now - self.confidence_before

    @property
    def health_changed(self) -> bool:
        return self.in_snapshot and self.health_before is not self.health_now


@dataclass(frozen=True)
class SinceLastTime:
    previous: Meeting | None
    changes: tuple[Change, ...]

    def for_key_result(self, key_result_id: str) -> Change | None:
        return next((c for c in self.changes if c.subject_id == key_result_id), None)


def _health(text: str) -> Health | None:
    try:
        return Health(text)
    except ValueError:
        return None


def since_last_time(plan: PlanService, meeting_id: str, today: date | None = None) -> SinceLastTime:
    """Each of the meeting's key results against the previous closed meeting's snapshot.

    An open meeting compares the plan as it is ``today``; a closed one compares its own
    snapshot, so it keeps showing what was true when it was closed."""
    meeting = plan.get(Meeting, meeting_id)
    previous = previous_meeting(plan, meeting, closed=True)
    before = {} if previous is None else {s.subject_id: s for s in snapshots_of(plan, previous.id)}
    day = today or date.today()
    states = key_result_states(plan, meeting.cycle_id, meeting.closed_on or day)
    own = {s.subject_id: s for s in snapshots_of(plan, meeting.id)} if meeting.closed_on else {}
    changes = []
    for state in states:
        kr = state.key_result
        value, confidence = state.value, state.confidence
        progress, health = state.status.progress or 0.0, state.status.health
        frozen = own.get(kr.id)
        if meeting.closed_on is not None:
            if frozen is None:
                continue  # added after the close: not part of what this meeting saw
            value, confidence, progress = frozen.value, frozen.confidence, frozen.progress
            health = _health(frozen.health) or health
        then = before.get(kr.id)
        changes.append(
            Change(
                subject_id=kr.id,
                title=kr.title,
                objective_title=state.objective.title,
                in_snapshot=then is not None,
                value_before=None if then is None else then.value,
                value_now=value,
                confidence_before=None if then is None else then.confidence,
                confidence_now=confidence,
                progress_before=None if then is None else then.progress,
                progress_now=progress,
                health_before=None if then is None else _health(then.health),
                health_now=health,
                unit=kr.unit,
            )
        )
    return SinceLastTime(previous, tuple(changes))


def _number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "–"
    return f"{value:g} {unit}".strip()


def _signed(value: float, unit: str = "") -> str:
    return f"{value:+g} {unit}".strip()


def value_cell(change: Change) -> str:
    """Like 25 → 40 (+15); the value alone when there is nothing to compare with."""
    if change.value_delta is None:
        return _number(change.value_now, change.unit)
    if change.value_delta == 0:
        return f"{_number(change.value_now, change.unit)}, unchanged"
    return (
        f"{_number(change.value_before)} → {_number(change.value_now, change.unit)} "
        f"({_signed(round(change.value_delta, 6))})"
    )


def confidence_cell(change: Change) -> str:
    """Like 8 → 5 in 10 (-3); the confidence alone when there is nothing to compare with."""
    before, now = change.confidence_before, change.confidence_now
    if before is None or now is None:
        return confidence_text(now, "–")
    return confidence_change(before, now)


def health_cell(change: Change) -> str:
    """Like On track → At risk when it changed, else the health now."""
    if change.health_changed and change.health_before is not None:
        return f"{change.health_before.label} → {change.health_now.label}"
    return change.health_now.label


def visible_sections(meeting: Meeting, include_private: bool = False) -> list[tuple[str, str]]:
    """(section name, text) of the meeting's notes that may be shown: private ones only
    with ``include_private``."""
    return [
        (name, getattr(meeting, name))
        for name in MEETING_SECTIONS
        if include_private or not getattr(meeting, f"{name}_private")
    ]


__all__ = [
    "LOW_CONFIDENCE",
    "MEETING_KINDS",
    "Change",
    "KeyResultState",
    "SinceLastTime",
    "Source",
    "add_meeting_with_agenda",
    "close_meeting",
    "confidence_cell",
    "create_meeting",
    "freeze",
    "growth_notes_since",
    "health_cell",
    "key_result_states",
    "milestones_since",
    "new_meeting",
    "persons_missions",
    "prepare_agenda",
    "previous_meeting",
    "reopen_meeting",
    "since_day",
    "since_last_time",
    "snapshots_of",
    "store_closing",
    "value_cell",
    "visible_sections",
]
