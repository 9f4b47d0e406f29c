"""A demo plan a newcomer can explore: one product engineer's missions and OKRs.

Maya Lindqvist is a product engineer on the Reports team at Fieldnote, a small company
that makes bookkeeping software for accounting practices. Her plan has a company and a
team mission, three personal missions (for customers, for her team, for people starting
out in tech), last quarter's closed objectives, this quarter's objectives with weekly
check-ins (some on track, some slipping), milestones with growth notes, team objectives
her missions serve, and a one-on-one with her manager.

Dates are relative to ``today``: the cycles are the previous and the current quarter, and
check-ins fall on Fridays. Early in a quarter the first check-ins of the current cycle fall
in the weeks before it starts (the baseline measurements taken while planning), so every
key result always has at least eight weekly check-ins.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from okrdesk.domain.entities import (
    PARENT_FIELD,
    ActionItem,
    CheckIn,
    Cycle,
    Dismissal,
    GrowthNote,
    Item,
    KeyResult,
    Meeting,
    Milestone,
    Mission,
    MissionLink,
    Objective,
    Stakeholder,
)
from okrdesk.domain.enums import (
    Direction,
    KeyResultKind,
    Level,
    NoteKind,
    ObjectiveKind,
    ObjectiveState,
    ResultLevel,
    StakeholderKind,
)
from okrdesk.services.plan import DEFAULT_STAKEHOLDERS, PlanService

OWNER = "Maya Lindqvist"
MANAGER = "Daniel Osei"
TEAM = "Reports team"
MIN_CHECK_INS = 8

T = TypeVar("T", bound=Item)


class DemoRefused(ValueError):
    """The plan is not empty enough for a demo."""


# A small, fixed wobble so the lines look measured rather than drawn with a ruler.
_WOBBLE = (0.0, 0.03, -0.02, 0.01, 0.025, -0.015, 0.02, -0.01, 0.015, 0.0, -0.025, 0.01, 0.03)

# How far along a key result is (0..1 of the way from baseline to target) at a fraction
# ``t`` of its cycle. Each is one story a real quarter tells.
Pace = Callable[[float], float]


def on_track(t: float) -> float:
    # A little ahead of the straight line: it still looks on track days after a check-in.
    return 0.08 + 1.02 * t


def slipping(t: float) -> float:
    # A good start, then the work stalled around the middle of the quarter.
    return 0.9 * t if t < 0.4 else 0.36 + 0.15 * (t - 0.4)


def late_start(t: float) -> float:
    return 0.0 if t < 0.3 else 1.1 * (t - 0.3)


def achieved(t: float) -> float:
    return min(1.08, 1.2 * t)


def fell_short(t: float) -> float:
    return 0.65 * t


@dataclass(frozen=True)
class KR:
    """A key result to write, with the story of its check-ins."""

    title: str
    kind: KeyResultKind = KeyResultKind.METRIC
    direction: Direction = Direction.INCREASE
    baseline: float | None = None
    target: float | None = None
    band: tuple[float, float] | None = None
    unit: str = ""
    decimals: int = 0
    pace: Pace = on_track
    # For maintain and baseline kinds: the typical value, and how much it moves.
    typical: float = 0.0
    spread: float = 0.0
    # For a milestone kind: the fraction of the cycle at which it was done (None: not yet).
    done_at: float | None = None
    result_level: ResultLevel | None = ResultLevel.OUTCOME
    weight: float = 1.0
    # Confidence at the first and at the latest check-in (a straight line between).
    confidence: tuple[float, float] = (0.7, 0.8)
    # Notes for some check-ins: the first note goes on the first check-in, the last on
    # the latest, the others spread between.
    notes: tuple[str, ...] = ()


@dataclass
class _Builder:
    """Collects records parents first, numbering siblings as a person would add them."""

    records: list[Item] = field(default_factory=list)
    _positions: dict[tuple[type[Item], str | None], int] = field(
        default_factory=lambda: defaultdict(int)
    )

    def add(self, record: T) -> T:
        parent_field = PARENT_FIELD.get(type(record))
        key = (type(record), None if parent_field is None else getattr(record, parent_field))
        position = self._positions[key]
        self._positions[key] += 1
        record = dataclasses.replace(record, position=position)
        self.records.append(record)
        return record


def quarter_of(day: date) -> tuple[date, date]:
    first_month = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first_month, 1)
    next_start = (
        date(day.year + 1, 1, 1) if first_month == 10 else date(day.year, first_month + 3, 1)
    )
    return start, next_start - timedelta(days=1)


def quarter_name(start: date) -> str:
    return f"{start.year} Q{(start.month - 1) // 3 + 1}"


def fridays(start: date, end: date) -> list[date]:
    first = start + timedelta(days=(4 - start.weekday()) % 7)
    days = []
    while first <= end:
        days.append(first)
        first += timedelta(days=7)
    return days


def check_in_days(cycle: Cycle, today: date) -> list[date]:
    """Weekly Fridays through the cycle up to ``today``; at least MIN_CHECK_INS of them,
    reaching back before the cycle's start when it has only just begun."""
    days = fridays(cycle.start, min(cycle.end, today))
    if not days:
        days = [today - timedelta(days=(today.weekday() - 4) % 7)]
    while len(days) < MIN_CHECK_INS:
        days.insert(0, days[0] - timedelta(days=7))
    return days


def done_by(day: date, today: date) -> date | None:
    """``day`` when it is not in the future, else None (not done yet)."""
    return day if day <= today else None


def _fraction(cycle: Cycle, day: date) -> float:
    span = (cycle.end - cycle.start).days
    return max(0.0, min(1.0, (day - cycle.start).days / span))


def _value(kr: KR, t: float, i: int) -> float:
    wobble = _WOBBLE[i % len(_WOBBLE)]
    if kr.kind is KeyResultKind.MILESTONE:
        return 1.0 if kr.done_at is not None and t >= kr.done_at else 0.0
    if kr.kind in (KeyResultKind.MAINTAIN, KeyResultKind.BASELINE):
        return round(kr.typical + kr.spread * wobble / 0.03, kr.decimals)
    assert kr.baseline is not None and kr.target is not None
    progress = max(0.0, kr.pace(t) + wobble) if t > 0 else 0.0
    return round(kr.baseline + (kr.target - kr.baseline) * progress, kr.decimals)


def _note_slots(count: int, notes: int) -> list[int]:
    if notes == 0:
        return []
    if notes == 1:
        return [count - 1]
    return [round(k * (count - 1) / (notes - 1)) for k in range(notes)]


def _add_key_result(
    build: _Builder, objective: Objective, cycle: Cycle, spec: KR, today: date
) -> KeyResult:
    low, high = spec.band if spec.band is not None else (None, None)
    kr = build.add(
        KeyResult(
            objective_id=objective.id,
            title=spec.title,
            kind=spec.kind,
            direction=spec.direction,
            baseline=spec.baseline,
            target=spec.target,
            band_low=low,
            band_high=high,
            unit=spec.unit,
            due=cycle.end,
            weight=spec.weight,
            result_level=spec.result_level,
        )
    )
    days = check_in_days(cycle, today)
    notes = dict(zip(_note_slots(len(days), len(spec.notes)), spec.notes, strict=True))
    first, last = spec.confidence
    for i, day in enumerate(days):
        share = i / (len(days) - 1)
        build.add(
            CheckIn(
                key_result_id=kr.id,
                date=day,
                value=_value(spec, _fraction(cycle, day), i),
                confidence=round(first + (last - first) * share, 2),
                note=notes.get(i, ""),
            )
        )
    return kr


def _stakeholders(plan: PlanService, build: _Builder) -> dict[StakeholderKind, Stakeholder]:
    """The plan's stakeholders by kind; any default one the person deleted comes back."""
    found: dict[StakeholderKind, Stakeholder] = {}
    existing = plan.all(Stakeholder)
    for s in existing:
        found.setdefault(s.kind, s)
    next_position = max((s.position for s in existing), default=-1) + 1
    for name, kind in DEFAULT_STAKEHOLDERS:
        if kind not in found:
            found[kind] = Stakeholder(name=name, kind=kind, position=next_position)
            build.records.append(found[kind])
            next_position += 1
    return found


def fill_demo(plan: PlanService, today: date | None = None) -> None:
    """Fill ``plan`` with the demo, in one transaction. Refuses a plan that has missions."""
    if plan.count(Mission) > 0:
        raise DemoRefused(
            "This plan already has missions; the demo fills only a new, empty plan "
            "(use --db to choose another file)."
        )
    today = today or date.today()
    build = _Builder()
    stakeholders = _stakeholders(plan, build)
    customers = stakeholders[StakeholderKind.CUSTOMERS].id
    team = stakeholders[StakeholderKind.TEAM].id
    society = stakeholders[StakeholderKind.SOCIETY].id

    this_start, this_end = quarter_of(today)
    last_start, last_end = quarter_of(this_start - timedelta(days=1))
    last = build.add(Cycle(name=quarter_name(last_start), start=last_start, end=last_end))
    this = build.add(Cycle(name=quarter_name(this_start), start=this_start, end=this_end))

    # -- missions -------------------------------------------------------------------------
    company = build.add(
        Mission(
            title="Give small accounting practices their evenings back",
            statement=(
                "Fieldnote takes the month-end grind off small practices, so their people "
                "spend their time on the advice their clients actually pay for."
            ),
            stakeholder_id=customers,
            level=Level.COMPANY,
            owner="Fieldnote",
        )
    )
    reports = build.add(
        Mission(
            title="Reports a practice can send without checking them twice",
            statement=(
                "Every number in a Fieldnote report is right, arrives in seconds and "
                "explains itself, so a bookkeeper can send it to a client with confidence."
            ),
            stakeholder_id=customers,
            level=Level.TEAM,
            parent_id=company.id,
            owner=TEAM,
        )
    )
    fast_reports = build.add(
        Mission(
            title="Make month-end reports fast and right for the people who send them",
            statement=(
                "I want the bookkeepers who use our reports to trust them on their busiest "
                "day of the month: quick to load, right the first time, and clear when "
                "something in the books does not add up."
            ),
            stakeholder_id=customers,
            level=Level.PERSONAL,
            parent_id=reports.id,
            owner=OWNER,
        )
    )
    calm_team = build.add(
        Mission(
            title="Help my teammates ship with confidence",
            statement=(
                "I want to be the colleague who makes the reports code easier to change: "
                "reviews that teach, tests that catch the real mistakes, and an on-call "
                "week nobody dreads."
            ),
            stakeholder_id=team,
            level=Level.PERSONAL,
            owner=OWNER,
        )
    )
    open_craft = build.add(
        Mission(
            title="Open the craft to people who did not start in tech",
            statement=(
                "I changed careers into software myself. I want to give evening learners at "
                "Code Club Leith the practical, honest help I wish I had had."
            ),
            stakeholder_id=society,
            level=Level.PERSONAL,
            owner=OWNER,
        )
    )

    # -- last quarter: closed ------------------------------------------------------------
    pdf = build.add(
        Objective(
            title="Ship the new PDF export without waking anyone up",
            why=(
                "The old export broke on large ledgers every month-end and support spent "
                "the first week of each month apologising."
            ),
            mission_id=fast_reports.id,
            cycle_id=last.id,
            owner=OWNER,
            kind=ObjectiveKind.COMMITTED,
            state=ObjectiveState.ACHIEVED,
            confidence=0.7,
        )
    )
    for spec in (
        KR(
            "PDF export failures per 1,000 exports",
            direction=Direction.DECREASE,
            baseline=12,
            target=2,
            unit="per 1,000",
            decimals=1,
            pace=achieved,
            confidence=(0.6, 0.95),
            notes=(
                "Measured on the old export over the last three month-ends.",
                "Streaming renderer is live for 10 % of practices; failures down already.",
                "Under 2 for the second month in a row. Calling this one done.",
            ),
        ),
        KR(
            "Practices using the new export every week",
            baseline=40,
            target=150,
            unit="practices",
            pace=achieved,
            confidence=(0.6, 0.9),
            notes=(
                "Opt-in only for now.",
                "Made it the default for new practices.",
                "Past the target: the in-app hint did more than the newsletter.",
            ),
        ),
        KR(
            "Old export switched off for every practice",
            kind=KeyResultKind.MILESTONE,
            done_at=0.85,
            result_level=ResultLevel.OUTPUT,
            confidence=(0.7, 1.0),
            notes=("Waiting on the two largest practices to try it.", "Switched off. Quietly."),
        ),
    ):
        _add_key_result(build, pdf, last, spec, today)
    parallel = build.add(
        Milestone(
            objective_id=pdf.id,
            title="Run the old and new export side by side for two month-ends",
            due=last.start + timedelta(days=60),
            done_on=last.start + timedelta(days=58),
            purpose=(
                "Compare every page the two exports produce for real ledgers before anyone "
                "depends on the new one."
            ),
            growth_path="Property-based testing; reading PDF internals without fear.",
            organisational_value=(
                "A reusable shadow-run harness the team can point at any future rewrite."
            ),
        )
    )
    build.add(
        GrowthNote(
            milestone_id=parallel.id,
            date=last.start + timedelta(days=30),
            kind=NoteKind.SKILL,
            text=(
                "Hypothesis found a ledger with 0 entries and a 400-character client name "
                "within minutes. I would never have written that test by hand."
            ),
        )
    )
    build.add(
        GrowthNote(
            milestone_id=parallel.id,
            date=last.start + timedelta(days=57),
            kind=NoteKind.LESSON,
            text=(
                "Diffing rendered pages as images caught font fallback problems that "
                "text diffs missed. Compare what the customer sees, not what we generate."
            ),
        )
    )

    codebase = build.add(
        Objective(
            title="Make the reports codebase a place people like to work in",
            why="New teammates took a month to make their first change with confidence.",
            mission_id=calm_team.id,
            cycle_id=last.id,
            owner=OWNER,
            kind=ObjectiveKind.ASPIRATIONAL,
            state=ObjectiveState.MISSED,
            confidence=0.5,
        )
    )
    for spec in (
        KR(
            "CI run time for the reports service",
            direction=Direction.DECREASE,
            baseline=24,
            target=10,
            unit="minutes",
            pace=fell_short,
            confidence=(0.6, 0.4),
            notes=(
                "24 minutes, most of it the database fixtures.",
                "Parallel test shards saved six minutes; the fixtures are the rest.",
                "Stuck around 15. The fixture rewrite did not fit next to the PDF work.",
            ),
        ),
        KR(
            "Flaky tests fixed or quarantined",
            baseline=0,
            target=30,
            unit="tests",
            pace=fell_short,
            result_level=ResultLevel.OUTPUT,
            confidence=(0.7, 0.5),
            notes=(
                "Listed 30 from the last two months of CI logs.",
                "About two thirds done; the rest need the fixture rewrite.",
            ),
        ),
    ):
        _add_key_result(build, codebase, last, spec, today)

    # -- this quarter: the team's objectives ---------------------------------------------
    trusted = build.add(
        Objective(
            title="Month-end reports customers trust without checking them",
            why=(
                "Wrong totals are our most expensive support topic and the top reason "
                "practices give when they leave."
            ),
            mission_id=reports.id,
            cycle_id=this.id,
            level=Level.TEAM,
            owner=TEAM,
            kind=ObjectiveKind.COMMITTED,
            state=ObjectiveState.ACTIVE,
        )
    )
    for spec in (
        KR(
            "Support tickets about wrong report totals per month",
            direction=Direction.DECREASE,
            baseline=38,
            target=10,
            unit="tickets",
            pace=on_track,
            confidence=(0.6, 0.7),
            notes=("Baseline from last quarter's tickets.", "Rounding fix removed a big chunk."),
        ),
        KR(
            "Month-end report p95 generation time",
            direction=Direction.DECREASE,
            baseline=42,
            target=10,
            unit="s",
            pace=slipping,
            result_level=ResultLevel.OUTCOME,
            confidence=(0.7, 0.45),
            notes=("Measured on the first business day of the month.", "Cache work is late."),
        ),
    ):
        _add_key_result(build, trusted, this, spec, today)

    quiet_on_call = build.add(
        Objective(
            title="Cut the on-call load so the team can focus on the roadmap",
            why="Two people left last year and both named on-call in their exit interviews.",
            cycle_id=this.id,
            level=Level.TEAM,
            owner=TEAM,
            kind=ObjectiveKind.ASPIRATIONAL,
            state=ObjectiveState.ACTIVE,
        )
    )
    for spec in (
        KR(
            "Pages per week across the team",
            direction=Direction.DECREASE,
            baseline=30,
            target=8,
            unit="pages",
            pace=on_track,
            confidence=(0.5, 0.65),
            notes=("Counting from PagerDuty, all services.", "Noisy disk alert is gone."),
        ),
        KR(
            "Alerts that have an owner and a runbook",
            baseline=35,
            target=100,
            unit="%",
            pace=late_start,
            result_level=ResultLevel.OUTPUT,
            confidence=(0.6, 0.6),
            notes=("Audit of all 48 alerts done.",),
        ),
    ):
        _add_key_result(build, quiet_on_call, this, spec, today)

    # -- this quarter: Maya's objectives --------------------------------------------------
    fast = build.add(
        Objective(
            title="The month-end report loads fast on a practice's busiest day",
            why=(
                "Bookkeepers open it dozens of times on the first working day; every slow "
                "load is a reason to export to a spreadsheet and check by hand."
            ),
            mission_id=fast_reports.id,
            cycle_id=this.id,
            owner=OWNER,
            kind=ObjectiveKind.COMMITTED,
            state=ObjectiveState.ACTIVE,
            aligned_to_id=trusted.id,
            confidence=0.7,
        )
    )
    for spec in (
        KR(
            "p95 load time of the month-end report",
            direction=Direction.DECREASE,
            baseline=9.5,
            target=3,
            unit="s",
            decimals=1,
            pace=on_track,
            weight=2.0,
            confidence=(0.6, 0.8),
            notes=(
                "9.5 s p95 on the first business day; worst at the three largest practices.",
                "Query plan fix for the ledger join: big win on large practices.",
                "Holding under 5 s; next is the totals view.",
            ),
        ),
        KR(
            "Report views served from the cache",
            baseline=20,
            target=80,
            unit="%",
            pace=slipping,
            confidence=(0.7, 0.35),
            notes=(
                "Cache only covers the summary page today.",
                "Invalidation on back-dated entries is harder than I thought.",
                "Stalled: need a decision on how stale a total may be. Raised with Daniel.",
            ),
        ),
        KR(
            "Report errors stay below half a percent",
            kind=KeyResultKind.MAINTAIN,
            band=(0, 0.5),
            unit="%",
            decimals=2,
            typical=0.3,
            spread=0.12,
            result_level=ResultLevel.IMPACT,
            confidence=(0.8, 0.8),
            notes=("Guard rail while we change the query layer.",),
        ),
    ):
        _add_key_result(build, fast, this, spec, today)
    profile = build.add(
        Milestone(
            objective_id=fast.id,
            title="Profile the report for the three largest practices",
            due=this.start + timedelta(days=21),
            done_on=done_by(this.start + timedelta(days=18), today),
            purpose="Find where the seconds go before changing anything.",
            growth_path="Reading query plans; using py-spy on production-like data.",
            organisational_value=(
                "A written profiling recipe on the wiki so anyone on the team can repeat it."
            ),
        )
    )
    build.add(
        GrowthNote(
            milestone_id=profile.id,
            date=min(today, this.start + timedelta(days=12)),
            kind=NoteKind.INSIGHT,
            text=(
                "70 % of the time is one join on the ledger table that the planner "
                "stopped using the index for once practices passed 200,000 entries."
            ),
        )
    )
    build.add(
        GrowthNote(
            milestone_id=profile.id,
            date=min(today, this.start + timedelta(days=19)),
            kind=NoteKind.FEEDBACK,
            private=True,
            text=(
                "Felt out of my depth presenting the cache design to the architecture "
                "group; I rushed the trade-offs. Ask Daniel for a dry run next time."
            ),
        )
    )
    totals_view = build.add(
        Milestone(
            objective_id=fast.id,
            title="Move month-end totals into a nightly materialised view",
            due=this.start + timedelta(days=63),
            purpose="Stop recomputing a month of ledger entries on every page view.",
            growth_path="Database design for reporting workloads; safe online migrations.",
            organisational_value=(
                "A pattern for precomputed totals the invoicing team wants to reuse."
            ),
        )
    )
    build.add(
        GrowthNote(
            milestone_id=totals_view.id,
            date=min(today, this.start + timedelta(days=30)),
            kind=NoteKind.IDEA,
            text=(
                "Back-dated entries could mark just their month as stale instead of "
                "rebuilding the whole view. Try it on a copy of the largest practice."
            ),
        )
    )

    mismatches = build.add(
        Objective(
            title="Practices spot a wrong number before their clients do",
            why=(
                "When a bank feed and the ledger disagree, the practice finds out from an "
                "annoyed client. We can see it first."
            ),
            mission_id=fast_reports.id,
            cycle_id=this.id,
            owner=OWNER,
            kind=ObjectiveKind.ASPIRATIONAL,
            state=ObjectiveState.ACTIVE,
            aligned_to_id=trusted.id,
            confidence=0.5,
        )
    )
    for spec in (
        KR(
            "Reconciliation mismatches a practice sees in a month",
            kind=KeyResultKind.BASELINE,
            unit="mismatches",
            typical=14,
            spread=4,
            confidence=(0.9, 0.9),
            notes=(
                "No idea of the real number yet: measuring before we set a target.",
                "Median 14 across the pilot practices; the long tail is bank-feed gaps.",
            ),
        ),
        KR(
            "Practices that turned on mismatch alerts",
            baseline=0,
            target=60,
            unit="practices",
            pace=slipping,
            confidence=(0.6, 0.3),
            notes=(
                "Pilot with two practices.",
                "Alerts too noisy: pilots turned them off again.",
            ),
        ),
        KR(
            "Mismatch alerts shipped to every practice",
            kind=KeyResultKind.MILESTONE,
            result_level=ResultLevel.OUTPUT,
            confidence=(0.6, 0.4),
            notes=("Blocked on the noise problem.",),
        ),
    ):
        _add_key_result(build, mismatches, this, spec, today)
    pilot = build.add(
        Milestone(
            objective_id=mismatches.id,
            title="Prototype the mismatch check with two pilot practices",
            due=this.start + timedelta(days=35),
            purpose="Learn what a useful alert looks like before building it for everyone.",
            growth_path="Running customer interviews; writing for non-technical readers.",
            organisational_value=(
                "A standing customer panel product can use for other experiments."
            ),
        )
    )
    build.add(
        GrowthNote(
            milestone_id=pilot.id,
            date=min(today, this.start + timedelta(days=25)),
            kind=NoteKind.LESSON,
            text=(
                "Both pilots ignored alerts under £5. A threshold they set themselves "
                "matters more than a clever detector."
            ),
        )
    )

    boring_on_call = build.add(
        Objective(
            title="Make on-call boring",
            why="A calm on-call week is what lets the rest of the team focus.",
            mission_id=calm_team.id,
            cycle_id=this.id,
            owner=OWNER,
            kind=ObjectiveKind.COMMITTED,
            state=ObjectiveState.ACTIVE,
            aligned_to_id=quiet_on_call.id,
            confidence=0.8,
        )
    )
    for spec in (
        KR(
            "Pages during my on-call weeks",
            direction=Direction.DECREASE,
            baseline=14,
            target=4,
            unit="pages",
            pace=on_track,
            confidence=(0.7, 0.85),
            notes=("Last quarter's average.", "Silenced the duplicate queue-depth alerts."),
        ),
        KR(
            "Runbooks written for the reports service's alerts",
            baseline=2,
            target=12,
            unit="runbooks",
            pace=on_track,
            result_level=ResultLevel.OUTPUT,
            confidence=(0.8, 0.85),
            notes=("Template agreed with the team.", "Priya reviewed the first three."),
        ),
        KR(
            "Time to first response when paged",
            kind=KeyResultKind.MAINTAIN,
            band=(0, 15),
            unit="minutes",
            typical=9,
            spread=4,
            confidence=(0.8, 0.8),
        ),
    ):
        _add_key_result(build, boring_on_call, this, spec, today)

    code_club = build.add(
        Objective(
            title="Learners at Code Club Leith finish the spring course with real work to show",
            why="Most drop out when the exercises stop looking like the job.",
            mission_id=open_craft.id,
            cycle_id=this.id,
            owner=OWNER,
            kind=ObjectiveKind.ASPIRATIONAL,
            state=ObjectiveState.ACTIVE,
            confidence=0.6,
        )
    )
    for spec in (
        KR(
            "Learners who finish the course",
            baseline=0,
            target=12,
            unit="learners",
            pace=on_track,
            confidence=(0.6, 0.7),
            notes=("18 signed up.", "Two dropped out after the Git evening; follow up."),
        ),
        KR(
            "Learners' pull requests merged into the club's projects",
            baseline=0,
            target=25,
            unit="pull requests",
            pace=late_start,
            confidence=(0.5, 0.45),
            notes=("First merged PR! Tiny, and everyone cheered.",),
        ),
        KR(
            "“Your first code review” guide published",
            kind=KeyResultKind.MILESTONE,
            done_at=0.45,
            result_level=ResultLevel.OUTPUT,
            confidence=(0.8, 1.0),
            notes=("Draft with two learners for feedback.", "Published on the club's site."),
        ),
    ):
        _add_key_result(build, code_club, this, spec, today)
    review_evening = build.add(
        Milestone(
            objective_id=code_club.id,
            title="Run the first code-review evening",
            due=this.start + timedelta(days=28),
            done_on=done_by(this.start + timedelta(days=26), today),
            purpose="Show learners that review is a conversation, not an exam.",
            growth_path="Teaching; giving feedback that lands with beginners.",
            organisational_value=(
                "Fieldnote's name in front of career changers we may want to hire."
            ),
        )
    )
    build.add(
        GrowthNote(
            milestone_id=review_evening.id,
            date=min(today, this.start + timedelta(days=26)),
            kind=NoteKind.FEEDBACK,
            text=(
                "A learner said it was the first time someone explained *why* and not just "
                "*what*. Doing the same in my reviews at work."
            ),
        )
    )

    rust = build.add(
        Objective(
            title="Get comfortable reading Rust",
            why="The bank-feed parser is being rewritten in Rust and I want to review it.",
            cycle_id=this.id,
            owner=OWNER,
            kind=ObjectiveKind.ASPIRATIONAL,
            state=ObjectiveState.DRAFT,
        )
    )
    _add_key_result(
        build,
        rust,
        this,
        KR(
            "Rustlings exercises completed",
            baseline=0,
            target=90,
            unit="exercises",
            pace=late_start,
            result_level=ResultLevel.OUTPUT,
            confidence=(0.5, 0.5),
            notes=("Evenings only.",),
        ),
        today,
    )

    # Personal missions serve the team's objectives.
    build.add(MissionLink(mission_id=fast_reports.id, objective_id=trusted.id))
    build.add(MissionLink(mission_id=calm_team.id, objective_id=trusted.id))
    build.add(MissionLink(mission_id=calm_team.id, objective_id=quiet_on_call.id))
    # The coach asks every personal mission to serve a team objective; Maya decided this
    # volunteering mission need not, and said why (a dismissal shows in the coach panel).
    build.add(
        Dismissal(
            rule_id="MIS-NO-TEAM-LINK",
            subject_id=open_craft.id,
            reason="Volunteering outside work: no team objective to serve, and that is fine.",
        )
    )

    # -- a one-on-one ---------------------------------------------------------------------
    met = max(this.start, today - timedelta(days=(today.weekday() - 1) % 7))
    meeting = build.add(
        Meeting(
            date=met,
            counterpart=MANAGER,
            cycle_id=this.id,
            progress=(
                "Load time is well ahead of plan after the query fix. Runbooks on track. "
                "The cache KR is behind and mismatch alerts are stuck on noise."
            ),
            difficulties=(
                "Sales keep asking me directly for one-off report tweaks and I find it hard "
                "to say no. It ate most of two weeks."
            ),
            difficulties_private=True,
            development=(
                "Want to lead the totals view design end to end, including the review with "
                "the architecture group. Daniel suggested a dry run with him first."
            ),
            feedback=(
                "Daniel: the PDF export shadow run was the right call and others copy it now. "
                "Me: short-notice priority changes on Mondays are hard to plan around."
            ),
        )
    )
    for text, owner, days_after, done in (
        ("Agree with product how stale a cached total may be", OWNER, 7, False),
        ("Route one-off report requests through the team's intake board", MANAGER, 3, True),
        ("Book a dry run of the totals view design review", OWNER, 14, False),
    ):
        build.add(
            ActionItem(
                meeting_id=meeting.id,
                text=text,
                owner=owner,
                due=met + timedelta(days=days_after),
                done=done,
            )
        )

    plan.add_all(build.records)
    plan.set_info("owner", OWNER)
