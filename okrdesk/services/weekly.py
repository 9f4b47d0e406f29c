"""The weekly check-in pass: which key results wait for this week's check-in, riskiest
first; what one check-in of the pass stores; the summary at the end; the streak.

Qt-free, so the window's dialog, the reminders and the tests all ask the same questions.

- A week runs Monday to Sunday. A key result *waits* when it belongs to an objective of
  the current cycle (the shortest one containing today, else the latest) that is the
  person's (owned by them or by nobody; a team objective imported from a manager's file
  only when it names them, as the coach reads it), neither is archived nor the objective
  closed, and it has no check-in dated in this week.
- *Riskiest first*: off track, at risk, outdated, not measured yet, on track; within one,
  the lowest confidence first, then plan order.
- One check-in of the pass is **one undo step** (the check-in and, when asked for, its
  next step together): the pass can be left at any point and what was saved stays saved
  and undoable one by one, which a single step for the whole pass could only offer by
  holding everything back until the end (and losing it all if the window closed).
- The *streak* is the number of weeks in a row, up to this one, with at least one check-in
  in them: a week whose pass is still to do does not break it until the week is over.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from okrdesk.domain.entities import CheckIn, Cycle, KeyResult, NextStep, Objective
from okrdesk.domain.enums import Blocker, ObjectiveState
from okrdesk.domain.health import Health
from okrdesk.domain.messages import message
from okrdesk.domain.validation import ValidationError, same_person, validate
from okrdesk.services.coach import current_cycle
from okrdesk.services.next_steps import open_steps
from okrdesk.services.operations import AddItem, Operation, Steps
from okrdesk.services.plan import PlanService
from okrdesk.services.status import ItemStatus, compute_status, key_result_status, load_records
from okrdesk.store.mapping import table_of

# Below this confidence (or off track) the pass asks for a blocker and a next step.
LOW_CONFIDENCE = 0.5
# How far back the streak is counted at most (two years of weeks).
MAX_STREAK_WEEKS = 104

RISK_ORDER: dict[Health, int] = {
    Health.OFF_TRACK: 0,
    Health.AT_RISK: 1,
    Health.OUTDATED: 2,
    Health.PENDING: 3,
    Health.ON_TRACK: 4,
}


def week_of(day: date) -> tuple[date, date]:
    """The Monday and the Sunday of ``day``'s week."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def asks_for_blocker(health: Health, confidence: float | None) -> bool:
    """Whether a check-in with this outcome asks for a blocker and one next step."""
    low = confidence is not None and confidence < LOW_CONFIDENCE
    return low or health is Health.OFF_TRACK


@dataclass(frozen=True)
class Waiting:
    """A key result waiting for this week's check-in, with what the pass shows beside it."""

    key_result: KeyResult
    objective: Objective
    cycle: Cycle | None
    # Its check-ins so far, oldest first; its status as it stands.
    check_ins: tuple[CheckIn, ...]
    status: ItemStatus
    open_steps: tuple[NextStep, ...]

    @property
    def last(self) -> CheckIn | None:
        return self.check_ins[-1] if self.check_ins else None

    def status_after(self, value: float, confidence: float | None, day: date) -> ItemStatus:
        """The key result's status were this check-in saved: what decides the blocker."""
        new = CheckIn(
            key_result_id=self.key_result.id, date=day, value=value, confidence=confidence
        )
        check_ins = [*self.check_ins, new]
        return key_result_status(self.key_result, check_ins, self.cycle, self.objective.state, day)


@dataclass(frozen=True)
class WeeklyPass:
    cycle: Cycle | None
    week: tuple[date, date]
    waiting: tuple[Waiting, ...]


def _risk(item: Waiting) -> tuple[int, float, int, int]:
    confidence = item.status.confidence
    return (
        RISK_ORDER.get(item.status.health, len(RISK_ORDER)),
        1.0 if confidence is None else confidence,
        item.objective.position,
        item.key_result.position,
    )


def is_mine(objective: Objective, owner: str) -> bool:
    """Whether the person checks this objective's key results in (see the module)."""
    return _owned_by(objective.owner, objective.origin, owner)


def _owned_by(objective_owner: str, origin: str, owner: str) -> bool:
    if origin:
        return bool(owner.strip()) and same_person(objective_owner, owner)
    return not objective_owner.strip() or not owner.strip() or same_person(objective_owner, owner)


def _may_wait(kr_archived: bool, objective_archived: bool, state: ObjectiveState) -> bool:
    """Whether a key result of one of the person's objectives is one the pass asks about
    at all, checked in this week or not."""
    return not (kr_archived or objective_archived or state.is_closed)


def weekly_pass(plan: PlanService, today: date) -> WeeklyPass:
    """The key results of the current cycle that wait for this week's check-in, riskiest
    first (an empty pass when the plan has no cycle)."""
    cycle = current_cycle(plan.all(Cycle), today)
    week = week_of(today)
    if cycle is None:
        return WeeklyPass(None, week, ())
    records = load_records(plan, cycle.id)
    statuses = compute_status(records, today)
    owner = plan.owner()
    objectives = {o.id: o for o in records.objectives if is_mine(o, owner)}
    found = []
    for kr in records.key_results:
        objective = objectives.get(kr.objective_id)
        if objective is None or not _may_wait(kr.archived, objective.archived, objective.state):
            continue
        check_ins = tuple(records.check_ins.get(kr.id, []))
        if any(week[0] <= c.date <= week[1] for c in check_ins):
            continue
        steps = tuple(open_steps(plan, kr.id))
        found.append(Waiting(kr, objective, cycle, check_ins, statuses[kr.id], steps))
    return WeeklyPass(cycle, week, tuple(sorted(found, key=_risk)))


def waiting_ids(plan: PlanService, today: date) -> frozenset[str]:
    """The ids of the key results ``weekly_pass`` lists, by the same rules, without what
    the pass shows beside them: a few columns of the cycle's key results and objectives
    and the ids checked in this week, no status worked out. The toolbar's count and the
    reminders ask this after every change; the whole pass reads every check-in of the
    cycle and scores each key result (seconds on a plan of 200,000 items)."""
    cycle = current_cycle(plan.all(Cycle), today)
    if cycle is None:
        return frozenset()
    monday, sunday = week_of(today)
    owner = plan.owner()
    krs, objectives, check_ins = table_of(KeyResult), table_of(Objective), table_of(CheckIn)
    query = (
        select(
            krs.c.id,
            krs.c.archived,
            objectives.c.archived.label("objective_archived"),
            objectives.c.owner,
            objectives.c.origin,
            objectives.c.state,
        )
        .join(objectives, krs.c.objective_id == objectives.c.id)
        .where(objectives.c.cycle_id == cycle.id)
    )
    this_week = (
        select(check_ins.c.key_result_id)
        .where(check_ins.c.date >= monday, check_ins.c.date <= sunday)
        .distinct()
    )
    with plan.database.reading() as s:
        rows = s.execute(query).all()
        checked_in = set(s.scalars(this_week))
    # Whose an objective is, asked once per owner and origin (names are compared loosely).
    mine: dict[tuple[str, str], bool] = {}
    found = set()
    for row in rows:
        if row.id in checked_in or not _may_wait(row.archived, row.objective_archived, row.state):
            continue
        whose = (row.owner, row.origin)
        if whose not in mine:
            mine[whose] = _owned_by(row.owner, row.origin, owner)
        if mine[whose]:
            found.add(row.id)
    return frozenset(found)


def waiting_count(plan: PlanService, today: date) -> int:
    return len(waiting_ids(plan, today))


# -- one check-in of the pass ----------------------------------------------------------------


@dataclass(frozen=True)
class PassEntry:
    """What the person entered for one key result of the pass."""

    key_result_id: str
    day: date
    value: float
    confidence: float | None = None
    note: str = ""
    blocker: Blocker | None = None
    step_title: str = ""
    step_due: date | None = None


def check_in_step(item: Waiting, entry: PassEntry) -> tuple[Operation, CheckIn, NextStep | None]:
    """The one undo step that saves ``entry``: its check-in, and its next step when the
    outcome asks for one. Raises ValidationError, before anything is written, when a value
    is refused or a blocker, a next step or its due date is missing where asked for."""
    check_in = CheckIn(
        key_result_id=item.key_result.id,
        date=entry.day,
        value=entry.value,
        confidence=entry.confidence,
        note=entry.note.strip(),
    )
    validate(check_in)
    step = None
    after = item.status_after(entry.value, entry.confidence, entry.day)
    title = entry.step_title.strip()
    if asks_for_blocker(after.health, entry.confidence):
        if entry.blocker is None:
            raise ValidationError("blocker", message("Say what is in the way: pick a blocker."))
        if not title:
            raise ValidationError("step_title", message("Name one next step that moves it."))
        if entry.step_due is None:
            raise ValidationError("step_due", message("Give the next step a due date."))
    if title:
        step = NextStep(
            key_result_id=item.key_result.id,
            title=title,
            due=entry.step_due,
            blocker=entry.blocker,
        )
        validate(step)
    label = message("Weekly check-in on {title}", title=item.key_result.title)
    adds: tuple[Operation, ...] = (AddItem(check_in),)
    if step is not None:
        adds += (AddItem(step, focus=item.key_result.id),)
    return Steps(label, adds, focus=item.key_result.id), check_in, step


# -- the end of the pass ---------------------------------------------------------------------


@dataclass(frozen=True)
class Moved:
    title: str
    unit: str
    before: float | None
    after: float


@dataclass(frozen=True)
class AtRisk:
    title: str
    health: Health
    confidence: float | None


@dataclass(frozen=True)
class PassSummary:
    checked_in: int
    skipped: int
    moved: tuple[Moved, ...]
    at_risk: tuple[AtRisk, ...]
    next_steps: tuple[NextStep, ...]
    streak: int


def pass_summary(
    plan: PlanService,
    items: Sequence[Waiting],
    saved: Sequence[CheckIn],
    steps: Sequence[NextStep],
    today: date,
) -> PassSummary:
    """What the pass did: the values that moved, the key results now at risk or off track
    (or of low confidence), the next steps set, and the streak with this week's pass."""
    by_id = {item.key_result.id: item for item in items}
    moved: list[Moved] = []
    at_risk: list[AtRisk] = []
    for check_in in saved:
        item = by_id.get(check_in.key_result_id)
        if item is None:
            continue
        before = None if item.last is None else item.last.value
        kr = item.key_result
        if before != check_in.value:
            moved.append(Moved(kr.title, kr.unit, before, check_in.value))
        after = item.status_after(check_in.value, check_in.confidence, check_in.date)
        risky = after.health in (Health.AT_RISK, Health.OFF_TRACK)
        if risky or asks_for_blocker(after.health, check_in.confidence):
            at_risk.append(AtRisk(kr.title, after.health, check_in.confidence))
    checked = {c.key_result_id for c in saved}
    return PassSummary(
        checked_in=len(checked),
        skipped=len([i for i in items if i.key_result.id not in checked]),
        moved=tuple(moved),
        at_risk=tuple(at_risk),
        next_steps=tuple(steps),
        streak=streak(plan, today),
    )


def streak(plan: PlanService, today: date) -> int:
    """Weeks in a row with at least one check-in, counting back from this week (or from
    last week while this week has none yet: the week is not over)."""
    weeks = {week_of(c.date)[0] for c in plan.all(CheckIn) if c.date <= today}
    monday = week_of(today)[0]
    if monday not in weeks:
        monday -= timedelta(days=7)
    count = 0
    while monday in weeks and count < MAX_STREAK_WEEKS:
        count += 1
        monday -= timedelta(days=7)
    return count
