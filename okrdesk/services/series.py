"""Chart series as plain data (the Fava pattern): the chart code in the GUI and the report
only draws what is here.

Four kinds, following what is selected: a key result, an objective, a mission, the plan (or
one cycle of it). Each has an ``is_empty`` property so the drawing code can say so plainly
instead of drawing empty axes.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import BindParameter, RowMapping, Select, Table, bindparam, select

from okrdesk.domain.entities import (
    TYPE_NAMES,
    CheckIn,
    Cycle,
    GrowthNote,
    Item,
    KeyResult,
    Milestone,
    Mission,
    MissionStakeholder,
    Objective,
    ObjectiveClose,
    Stakeholder,
)
from okrdesk.domain.enums import Direction, KeyResultKind, ObjectiveKind, ObjectiveState
from okrdesk.domain.health import DEFAULT_OUTDATED_AFTER_DAYS, Health
from okrdesk.domain.progress import key_result_progress, weighted_mean
from okrdesk.domain.scoring import deadline
from okrdesk.domain.validation import in_date_window, in_number_range
from okrdesk.services.errors import ItemNotFound
from okrdesk.services.plan import PlanService
from okrdesk.services.retrospective import mission_history
from okrdesk.services.status import (
    ItemStatus,
    PlanRecords,
    compute_status,
    key_result_status,
    load_records,
    mission_status,
    objective_status,
)
from okrdesk.services.summary import split_records
from okrdesk.store.mapping import field_names, table_of

T = TypeVar("T", bound=Item)

NO_CYCLE = "No cycle"
NO_STAKEHOLDER = "No stakeholder"
UNLABELLED = "unlabelled"

# The order health counts are listed in: open states first, worst last among them.
HEALTH_ORDER: tuple[Health, ...] = (
    Health.ON_TRACK,
    Health.AT_RISK,
    Health.OFF_TRACK,
    Health.OUTDATED,
    Health.PENDING,
    Health.ACHIEVED,
    Health.MISSED,
    Health.ABANDONED,
)


@dataclass(frozen=True)
class Line:
    """Points of a line, x and y apart (as plotting wants them)."""

    days: tuple[date, ...]
    values: tuple[float, ...]


@dataclass(frozen=True)
class Count:
    """One bar of a count chart: a stable key, a label for people, how many."""

    key: str
    label: str
    count: int


# -- what can be drawn ---------------------------------------------------------------------------
#
# A plan may hold a day or a number no chart can show (9999-12-31 entered before input was
# checked, or a value edited in by another tool): the series leave such points out, and
# drop a cycle or a due day outside the window, so a chart and the PDF always draw. The
# items themselves are listed as needing repair (``services.repairs``).


def _drawable_day(day: date | None) -> date | None:
    return day if day is not None and in_date_window(day) else None


def _drawable_number(number: float | None) -> float | None:
    return number if number is not None and in_number_range(number) else None


def _drawable_cycle(cycle: Cycle | None) -> Cycle | None:
    if cycle is None or not (in_date_window(cycle.start) and in_date_window(cycle.end)):
        return None
    return cycle if cycle.start < cycle.end else None


def _drawable_check_ins(check_ins: Sequence[CheckIn]) -> list[CheckIn]:
    return [c for c in check_ins if in_date_window(c.date) and in_number_range(c.value)]


def _drawable_key_result(kr: KeyResult) -> KeyResult:
    drawable: dict[str, Any] = {
        "due": _drawable_day(kr.due),
        "baseline": _drawable_number(kr.baseline),
        "target": _drawable_number(kr.target),
        "band_low": _drawable_number(kr.band_low),
        "band_high": _drawable_number(kr.band_high),
    }
    if all(getattr(kr, name) == value for name, value in drawable.items()):
        return kr
    return dataclasses.replace(kr, **drawable)


# -- key result -------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyResultSeries:
    key_result_id: str
    title: str
    unit: str
    kind: KeyResultKind
    direction: Direction
    # The check-ins, oldest first.
    dates: tuple[date, ...]
    values: tuple[float, ...]
    confidences: tuple[float | None, ...]
    baseline: float | None
    target: float | None
    # (low, high) for a maintain key result; either end may be open (None).
    band: tuple[float | None, float | None] | None
    # From (cycle start, baseline) to (deadline, target): metric key results with a cycle.
    expected_pace: Line | None
    # Dashed on from the last check-in to the deadline, when that is still ahead of it.
    forecast: Line | None
    trending_off_track: bool
    # The x range worth showing: the cycle's start and the deadline, when known.
    start: date | None
    end: date | None
    today: date
    progress: float
    expected_progress: float | None
    health: Health

    @property
    def is_empty(self) -> bool:
        return not self.dates


def _expected_pace(kr: KeyResult, cycle: Cycle | None) -> Line | None:
    end = deadline(kr, cycle)
    if kr.kind is not KeyResultKind.METRIC or kr.target is None or cycle is None or end is None:
        return None
    baseline = 0.0 if kr.baseline is None else kr.baseline
    return Line((cycle.start, end), (baseline, kr.target))


def _forecast_line(status: ItemStatus, check_ins: Sequence[CheckIn]) -> Line | None:
    forecast = status.forecast
    if forecast is None or not check_ins:
        return None
    last = check_ins[-1].date
    if forecast.at <= last:
        return None
    return Line((last, forecast.at), (forecast.value_on(last), forecast.value))


def build_key_result_series(
    kr: KeyResult,
    check_ins: Sequence[CheckIn],
    cycle: Cycle | None,
    state: ObjectiveState,
    today: date,
    outdated_after_days: int = DEFAULT_OUTDATED_AFTER_DAYS,
) -> KeyResultSeries:
    """From records already loaded; ``check_ins`` oldest first."""
    kr, cycle = _drawable_key_result(kr), _drawable_cycle(cycle)
    check_ins = _drawable_check_ins(check_ins)
    status = key_result_status(kr, check_ins, cycle, state, today, outdated_after_days)
    band = (kr.band_low, kr.band_high) if kr.kind is KeyResultKind.MAINTAIN else None
    return KeyResultSeries(
        key_result_id=kr.id,
        title=kr.title,
        unit=kr.unit,
        kind=kr.kind,
        direction=kr.direction,
        dates=tuple(c.date for c in check_ins),
        values=tuple(c.value for c in check_ins),
        confidences=tuple(c.confidence for c in check_ins),
        baseline=kr.baseline,
        target=kr.target,
        band=band,
        expected_pace=_expected_pace(kr, cycle),
        forecast=_forecast_line(status, check_ins),
        trending_off_track=status.trending_off_track,
        start=None if cycle is None else cycle.start,
        end=deadline(kr, cycle),
        today=today,
        progress=status.progress or 0.0,
        expected_progress=status.expected_progress,
        health=status.health,
    )


def _cycle(plan: PlanService, cycle_id: str | None) -> Cycle | None:
    return None if cycle_id is None else plan.find(Cycle, cycle_id)


def key_result_series(
    plan: PlanService,
    kr_id: str,
    today: date | None = None,
    outdated_after_days: int = DEFAULT_OUTDATED_AFTER_DAYS,
) -> KeyResultSeries:
    series = find_key_result_series(plan, kr_id, today, outdated_after_days)
    if series is None:
        raise ItemNotFound(TYPE_NAMES[KeyResult], kr_id)
    return series


def find_key_result_series(
    plan: PlanService,
    kr_id: str,
    today: date | None = None,
    outdated_after_days: int = DEFAULT_OUTDATED_AFTER_DAYS,
) -> KeyResultSeries | None:
    """The key result's series, None when it is gone: read in one transaction (the chart
    pane asks after each edit of it, and one read per record cost a fifth of the edit)."""
    found = _key_result_records(plan, kr_id)
    if found is None:
        return None
    kr, objective, cycle, check_ins = found
    # A key result whose objective is gone (a plan written with foreign keys off) still
    # draws, as if its objective were active and without a cycle.
    return build_key_result_series(
        kr,
        check_ins,
        cycle,
        ObjectiveState.ACTIVE if objective is None else objective.state,
        today or date.today(),
        outdated_after_days,
    )


_KeyResultRecords = tuple[KeyResult, Objective | None, Cycle | None, list[CheckIn]]


def _key_result_records(plan: PlanService, kr_id: str) -> _KeyResultRecords | None:
    """The key result with its objective and that one's cycle, and its check-ins oldest
    first."""
    query, check_in_query = _key_result_queries()
    with plan.database.reading() as s:
        row = s.execute(query, {"kr_id": kr_id}).first()
        if row is None:
            return None
        found = s.execute(check_in_query, {"kr_id": kr_id})
        names = tuple(found.keys())
        history = [CheckIn(**dict(zip(names, c, strict=True))) for c in found]
    values = row._mapping
    kr = _record(KeyResult, values, "kr")
    assert kr is not None  # the row was found by its id
    return kr, _record(Objective, values, "o"), _record(Cycle, values, "c"), history


@cache
def _key_result_queries() -> tuple[Select[Any], Select[Any]]:
    """One statement for the key result, its objective and that one's cycle (outer joins:
    a parent may be missing), one for its check-ins; made once (building a statement costs
    more than running it)."""
    krs, objectives, cycles, check_ins = (
        table_of(cls) for cls in (KeyResult, Objective, Cycle, CheckIn)
    )
    kr_id: BindParameter[str] = bindparam("kr_id")
    query = (
        select(*_labelled(krs, "kr"), *_labelled(objectives, "o"), *_labelled(cycles, "c"))
        .select_from(krs)
        .outerjoin(objectives, objectives.c.id == krs.c.objective_id)
        .outerjoin(cycles, cycles.c.id == objectives.c.cycle_id)
        .where(krs.c.id == kr_id)
    )
    check_in_query = (
        select(check_ins)
        .where(check_ins.c.key_result_id == kr_id)
        .order_by(check_ins.c.date, check_ins.c.created)
    )
    return query, check_in_query


def _labelled(table: Table, prefix: str) -> list[Any]:
    return [column.label(f"{prefix}_{column.name}") for column in table.c]


def _record(cls: type[T], values: RowMapping, prefix: str) -> T | None:
    """The record of ``cls`` from columns labelled ``prefix``, None when an outer join
    found none (its id is NULL)."""
    if values[f"{prefix}_id"] is None:
        return None
    return cls(**{name: values[f"{prefix}_{name}"] for name in field_names(cls)})


# -- objective --------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyResultBar:
    key_result_id: str
    title: str
    progress: float
    expected: float | None
    health: Health


@dataclass(frozen=True)
class ObjectiveSeries:
    objective_id: str
    title: str
    kind: ObjectiveKind
    state: ObjectiveState
    # One horizontal bar per key result, in the plan's order.
    key_results: tuple[KeyResultBar, ...]
    # The objective's progress after each day with check-ins (from 0 at the cycle's start).
    burn_up: Line
    # From 0 at the cycle's start to 1 at its end; None without a cycle.
    ideal: Line | None
    progress: float | None
    expected_progress: float | None
    health: Health
    score: float | None
    today: date

    @property
    def is_empty(self) -> bool:
        """No check-in on any key result yet: there is nothing over time to draw."""
        return not self.burn_up.days

    # The bars as two parallel tuples, as a bar chart wants them.
    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(bar.title for bar in self.key_results)

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(bar.progress for bar in self.key_results)


def burn_up(
    key_results: Sequence[KeyResult],
    check_ins: dict[str, list[CheckIn]],
    start: date | None = None,
) -> Line:
    """The objective's progress as it stood at the end of each day with a check-in.

    Before its first check-in a key result counts with no value (progress 0, as in
    ``key_result_progress``), so the line starts at 0 on ``start`` when that comes first.
    """
    events = sorted(
        (
            (c.date, c.created, kr.id, c.value)
            for kr in key_results
            for c in check_ins.get(kr.id, [])
        ),
    )
    if not events:
        return Line((), ())
    weights = {kr.id: kr for kr in key_results}
    values: dict[str, float] = {}
    days: list[date] = []
    progresses: list[float] = []
    if start is not None and start < events[0][0]:
        days.append(start)
        progresses.append(_burn_up_point(weights, values))
    for index, (day, _, kr_id, value) in enumerate(events):
        values[kr_id] = value
        last_of_day = index + 1 == len(events) or events[index + 1][0] != day
        if last_of_day:
            days.append(day)
            progresses.append(_burn_up_point(weights, values))
    return Line(tuple(days), tuple(progresses))


def _burn_up_point(key_results: dict[str, KeyResult], values: dict[str, float]) -> float:
    progress = weighted_mean(
        (key_result_progress(kr, values.get(kr_id)), kr.weight) for kr_id, kr in key_results.items()
    )
    return 0.0 if progress is None else progress


def objective_series(
    plan: PlanService,
    objective_id: str,
    today: date | None = None,
    outdated_after_days: int = DEFAULT_OUTDATED_AFTER_DAYS,
) -> ObjectiveSeries:
    objective = plan.get(Objective, objective_id)
    cycle = _cycle(plan, objective.cycle_id)
    key_results = plan.children(KeyResult, objective_id)
    check_ins = {kr.id: plan.check_ins(kr.id) for kr in key_results}
    return build_objective_series(
        objective,
        key_results,
        check_ins,
        cycle,
        today or date.today(),
        outdated_after_days,
        final_score=_final_scores(plan).get(objective_id),
    )


def _final_scores(plan: PlanService) -> dict[str, float]:
    """The score each close gave its objective, by objective id: a chart's status agrees
    with the score the close adjusted, not only with the key results' progress."""
    return {c.objective_id: c.score for c in plan.all(ObjectiveClose)}


def build_objective_series(
    objective: Objective,
    key_results: Sequence[KeyResult],
    check_ins: dict[str, list[CheckIn]],
    cycle: Cycle | None,
    today: date,
    outdated_after_days: int = DEFAULT_OUTDATED_AFTER_DAYS,
    *,
    final_score: float | None = None,
) -> ObjectiveSeries:
    """``final_score``: the score the objective's close gave it (None: not closed)."""
    cycle = _drawable_cycle(cycle)
    key_results = [_drawable_key_result(kr) for kr in key_results]
    check_ins = {kr_id: _drawable_check_ins(found) for kr_id, found in check_ins.items()}
    pairs = [
        (
            kr,
            key_result_status(
                kr, check_ins.get(kr.id, []), cycle, objective.state, today, outdated_after_days
            ),
        )
        for kr in key_results
    ]
    status = objective_status(objective, pairs, cycle, today, final_score)
    bars = tuple(
        KeyResultBar(kr.id, kr.title, s.progress or 0.0, s.expected_progress, s.health)
        for kr, s in pairs
    )
    ideal = None if cycle is None else Line((cycle.start, cycle.end), (0.0, 1.0))
    return ObjectiveSeries(
        objective_id=objective.id,
        title=objective.title,
        kind=objective.kind,
        state=objective.state,
        key_results=bars,
        burn_up=burn_up(key_results, check_ins, None if cycle is None else cycle.start),
        ideal=ideal,
        progress=status.progress,
        expected_progress=status.expected_progress,
        health=status.health,
        score=status.score,
        today=today,
    )


# -- mission ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ObjectiveBar:
    objective_id: str
    title: str
    progress: float | None
    expected: float | None
    health: Health


@dataclass(frozen=True)
class MissionCycle:
    """A mission's objectives in one cycle (``cycle_id`` None: objectives without one)."""

    cycle_id: str | None
    name: str
    start: date | None
    objectives: tuple[ObjectiveBar, ...]
    progress: float | None


@dataclass(frozen=True)
class RatedCycle:
    """One cycle of a mission's evaluations: its rating (1-5; None: not evaluated) beside
    its objectives' mean final score (0-1; None: no objective scored)."""

    name: str
    rating: int | None
    mean_score: float | None


@dataclass(frozen=True)
class MissionSeries:
    mission_id: str
    title: str
    # Oldest cycle first; objectives without a cycle last.
    cycles: tuple[MissionCycle, ...]
    progress: float | None
    health: Health
    today: date
    # Oldest first, once the mission has an evaluation (else empty): its ratings per cycle.
    history: tuple[RatedCycle, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.cycles


def mission_series(
    plan: PlanService,
    mission_id: str,
    today: date | None = None,
    outdated_after_days: int = DEFAULT_OUTDATED_AFTER_DAYS,
    *,
    with_sub_missions: bool = False,
    with_history: bool = False,
) -> MissionSeries:
    """With ``with_sub_missions`` the objectives of the missions that serve this one (at
    any depth) count too: a mission that works through its sub-missions is not empty.
    With ``with_history`` its evaluations across cycles come too (``rated_history``)."""
    mission = plan.get(Mission, mission_id)
    day = today or date.today()
    objectives = _mission_objectives(plan, mission_id, with_sub_missions)
    cycles = {c.id: c for c in plan.all(Cycle)}
    grouped = _statuses_by_cycle(plan, objectives, cycles, day, outdated_after_days)

    def order(cycle_id: str | None) -> tuple[int, date, str]:
        if cycle_id is None:
            return (1, date.max, "")
        return (0, cycles[cycle_id].start, cycles[cycle_id].name)

    columns = [
        _mission_cycle(cycle_id, None if cycle_id is None else cycles[cycle_id], grouped[cycle_id])
        for cycle_id in sorted(grouped, key=order)
    ]
    overall = mission_status([s for members in grouped.values() for _, s in members])
    return MissionSeries(
        mission_id=mission.id,
        title=mission.title,
        cycles=tuple(columns),
        progress=overall.progress,
        health=overall.health,
        today=day,
        history=rated_history(plan, mission_id) if with_history else (),
    )


def rated_history(plan: PlanService, mission_id: str) -> tuple[RatedCycle, ...]:
    """The mission's rating and its objectives' mean score per cycle, oldest first; empty
    while it has no evaluation (then there is nothing to draw beside the scores)."""
    history = mission_history(plan, mission_id)
    if all(h.rating is None for h in history):
        return ()
    return tuple(RatedCycle(h.cycle.name, h.rating, h.mean_score) for h in history)


def _mission_objectives(
    plan: PlanService, mission_id: str, with_sub_missions: bool
) -> list[Objective]:
    objectives = plan.children(Objective, mission_id)
    if with_sub_missions:
        every = plan.all(Mission)
        below = mission_and_below(every, mission_id) - {mission_id}
        # In the tree's order: the mission's own objectives, then each sub-mission's.
        for sub in _tree_order(every):
            if sub.id in below:
                objectives += plan.children(Objective, sub.id)
    return objectives


def _statuses_by_cycle(
    plan: PlanService,
    objectives: Sequence[Objective],
    cycles: dict[str, Cycle],
    day: date,
    outdated_after_days: int,
) -> dict[str | None, list[tuple[Objective, ItemStatus]]]:
    """Each objective with its status, under its cycle's id (None: no cycle, or one that
    is gone)."""
    grouped: dict[str | None, list[tuple[Objective, ItemStatus]]] = defaultdict(list)
    final_scores = _final_scores(plan)
    for objective in objectives:
        cycle = None if objective.cycle_id is None else cycles.get(objective.cycle_id)
        pairs = [
            (
                kr,
                key_result_status(
                    kr, plan.check_ins(kr.id), cycle, objective.state, day, outdated_after_days
                ),
            )
            for kr in plan.children(KeyResult, objective.id)
        ]
        status = objective_status(objective, pairs, cycle, day, final_scores.get(objective.id))
        grouped[None if cycle is None else cycle.id].append((objective, status))
    return grouped


def _mission_cycle(
    cycle_id: str | None, cycle: Cycle | None, members: list[tuple[Objective, ItemStatus]]
) -> MissionCycle:
    return MissionCycle(
        cycle_id=cycle_id,
        name=NO_CYCLE if cycle is None else cycle.name,
        start=None if cycle is None else cycle.start,
        objectives=tuple(
            ObjectiveBar(o.id, o.title, s.progress, s.expected_progress, s.health)
            for o, s in members
        ),
        progress=mission_status([s for _, s in members]).progress,
    )


def mission_and_below(missions: Sequence[Mission], mission_id: str) -> set[str]:
    """The mission's id and the ids of every mission that serves it, at any depth."""
    found = {mission_id}
    grew = True
    while grew:
        below = {m.id for m in missions if m.parent_id in found} - found
        found |= below
        grew = bool(below)
    return found


# -- plan -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MissionBar:
    mission_id: str
    title: str
    progress: float | None
    health: Health
    # How many missions up it serves (0 for a top-level mission), as the tree indents it.
    depth: int = 0


@dataclass(frozen=True)
class StakeholderBalance:
    """How much of the plan serves one stakeholder (through the missions that name it)."""

    stakeholder_id: str | None
    name: str
    objectives: int
    key_results: int


@dataclass(frozen=True)
class PlanSeries:
    cycle_id: str | None
    title: str
    # Every mission, parents before the missions that serve them (as in the tree).
    missions: tuple[MissionBar, ...]
    # Every stakeholder, even those nothing serves (a gap worth seeing); then, when any,
    # what serves no stakeholder (objectives without a mission, or whose mission names
    # no stakeholder).
    balance: tuple[StakeholderBalance, ...]
    # Key results by result level: output, outcome, impact, unlabelled.
    result_mix: tuple[Count, ...]
    objective_health: tuple[Count, ...]
    key_result_health: tuple[Count, ...]
    today: date
    # The team's and the company's objectives (and their key results): context, in none
    # of the numbers above, shown apart.
    team_objectives: int = 0
    team_key_results: int = 0

    @property
    def is_empty(self) -> bool:
        return not self.missions and not any(b.objectives for b in self.balance)


def _tree_order(missions: Sequence[Mission]) -> list[Mission]:
    ids = {m.id for m in missions}
    children: dict[str | None, list[Mission]] = defaultdict(list)
    for m in missions:
        children[m.parent_id if m.parent_id in ids else None].append(m)
    ordered: list[Mission] = []
    seen: set[str] = set()

    def visit(parent: str | None) -> None:
        for m in children[parent]:
            if m.id not in seen:
                seen.add(m.id)
                ordered.append(m)
                visit(m.id)

    visit(None)
    # A loop of missions (which the services refuse) would hide them: list them anyway.
    ordered += [m for m in missions if m.id not in seen]
    return ordered


def _depths(missions: Sequence[Mission]) -> dict[str, int]:
    """How deep each mission sits; ``missions`` parents first."""
    depth: dict[str, int] = {}
    for m in missions:
        parent = m.parent_id
        depth[m.id] = 0 if parent is None or parent not in depth else depth[parent] + 1
    return depth


def _health_counts(healths: Sequence[Health]) -> tuple[Count, ...]:
    counted = Counter(healths)
    return tuple(Count(h.value, h.label, counted[h]) for h in HEALTH_ORDER)


def _result_mix(key_results: Sequence[KeyResult]) -> tuple[Count, ...]:
    counted = Counter(
        UNLABELLED if kr.result_level is None else kr.result_level.value for kr in key_results
    )
    keys = ("output", "outcome", "impact", UNLABELLED)
    return tuple(Count(key, key.capitalize(), counted[key]) for key in keys)


def _balance(
    records: PlanRecords,
    stakeholders: Sequence[Stakeholder],
    further: Sequence[MissionStakeholder] = (),
) -> tuple[StakeholderBalance, ...]:
    """What serves each stakeholder: an objective (and its key results) counts for every
    stakeholder its mission serves, the primary one and the ``further`` ones."""
    known = {s.id for s in stakeholders}
    serves: dict[str, list[str]] = defaultdict(list)
    for m in records.missions:
        if m.stakeholder_id in known:
            serves[m.id].append(m.stakeholder_id)
    for link in further:
        if link.stakeholder_id in known and link.stakeholder_id not in serves[link.mission_id]:
            serves[link.mission_id].append(link.stakeholder_id)
    serving: dict[str, list[str | None]] = {}
    objectives: Counter[str | None] = Counter()
    for o in records.objectives:
        whom: list[str | None] = list(serves.get(o.mission_id or "", [])) or [None]
        serving[o.id] = whom
        objectives.update(whom)
    key_results: Counter[str | None] = Counter()
    for kr in records.key_results:
        key_results.update(serving.get(kr.objective_id, [None]))
    rows = [
        StakeholderBalance(s.id, s.name, objectives[s.id], key_results[s.id]) for s in stakeholders
    ]
    if objectives[None] or key_results[None]:
        rows.append(StakeholderBalance(None, NO_STAKEHOLDER, objectives[None], key_results[None]))
    return tuple(rows)


def plan_series(
    plan: PlanService,
    cycle_id: str | None = None,
    today: date | None = None,
    outdated_after_days: int = DEFAULT_OUTDATED_AFTER_DAYS,
) -> PlanSeries:
    """The plan's overview; with ``cycle_id``, of that cycle's objectives only. Its
    numbers are the person's own: the team's objectives are only counted, apart."""
    day = today or date.today()
    split = split_records(load_records(plan, cycle_id))
    records = split.own
    statuses = compute_status(records, day, outdated_after_days)
    cycle = None if cycle_id is None else records.cycles.get(cycle_id)
    ordered = _tree_order(records.missions)
    depth = _depths(ordered)
    return PlanSeries(
        cycle_id=cycle_id,
        title="The whole plan" if cycle is None else cycle.name,
        missions=tuple(
            MissionBar(m.id, m.title, statuses[m.id].progress, statuses[m.id].health, depth[m.id])
            for m in ordered
        ),
        balance=_balance(records, plan.all(Stakeholder), plan.all(MissionStakeholder)),
        result_mix=_result_mix(records.key_results),
        objective_health=_health_counts([statuses[o.id].health for o in records.objectives]),
        key_result_health=_health_counts([statuses[kr.id].health for kr in records.key_results]),
        today=day,
        team_objectives=split.team_objectives,
        team_key_results=split.team_key_results,
    )


# -- milestone roadmap ------------------------------------------------------------------------


@dataclass(frozen=True)
class MilestoneMark:
    """One milestone on the roadmap: when it was due, when it was done."""

    milestone_id: str
    title: str
    due: date | None
    done_on: date | None
    # Not done and its due day has passed.
    overdue: bool
    # Done after its due day.
    late: bool
    notes: int

    @property
    def done(self) -> bool:
        return self.done_on is not None


@dataclass(frozen=True)
class RoadmapSeries:
    objective_id: str
    title: str
    # By due day (undated last), then in the plan's order.
    milestones: tuple[MilestoneMark, ...]
    # The objective's cycle, when it has one: the span worth showing.
    start: date | None
    end: date | None
    today: date
    # The milestone to pick out (the one selected in the tree), if any.
    selected_id: str | None = None

    @property
    def is_empty(self) -> bool:
        return not self.milestones

    @property
    def overdue(self) -> int:
        return sum(1 for m in self.milestones if m.overdue)

    @property
    def done(self) -> int:
        return sum(1 for m in self.milestones if m.done)


def build_roadmap_series(
    objective: Objective,
    milestones: Sequence[Milestone],
    note_counts: dict[str, int],
    cycle: Cycle | None,
    today: date,
    selected_id: str | None = None,
) -> RoadmapSeries:
    """``milestones`` in the plan's order."""
    cycle = _drawable_cycle(cycle)
    milestones = [
        dataclasses.replace(m, due=_drawable_day(m.due), done_on=_drawable_day(m.done_on))
        for m in milestones
    ]
    marks = [
        MilestoneMark(
            milestone_id=m.id,
            title=m.title,
            due=m.due,
            done_on=m.done_on,
            overdue=m.done_on is None and m.due is not None and m.due < today,
            late=m.done_on is not None and m.due is not None and m.done_on > m.due,
            notes=note_counts.get(m.id, 0),
        )
        for m in milestones
    ]
    order = {mark.milestone_id: index for index, mark in enumerate(marks)}
    marks.sort(key=lambda m: (m.due is None, m.due or date.max, order[m.milestone_id]))
    return RoadmapSeries(
        objective_id=objective.id,
        title=objective.title,
        milestones=tuple(marks),
        start=None if cycle is None else cycle.start,
        end=None if cycle is None else cycle.end,
        today=today,
        selected_id=selected_id,
    )


def roadmap_series(
    plan: PlanService,
    objective_id: str,
    today: date | None = None,
    selected_id: str | None = None,
) -> RoadmapSeries:
    """The milestones of an objective on a time axis: due against done, overdue marked."""
    objective = plan.get(Objective, objective_id)
    milestones = plan.children(Milestone, objective_id)
    ids = {m.id for m in milestones}
    counts = Counter(n.milestone_id for n in plan.all(GrowthNote) if n.milestone_id in ids)
    return build_roadmap_series(
        objective,
        milestones,
        counts,
        _cycle(plan, objective.cycle_id),
        today or date.today(),
        selected_id,
    )
