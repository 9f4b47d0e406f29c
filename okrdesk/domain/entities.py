"""The plan's items as plain, immutable records.

Every item has a UUID string id, created/updated timestamps (UTC) and a position among its
siblings. Changing an item means making a new record (``dataclasses.replace``); the services
layer is the only place that stores them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from okrdesk.domain.enums import (
    Blocker,
    CloseDecision,
    Direction,
    KeyResultKind,
    Level,
    MeetingKind,
    NoteKind,
    ObjectiveKind,
    ObjectiveState,
    ResultLevel,
    ShortfallCause,
    StakeholderKind,
)
from okrdesk.domain.messages import message
from okrdesk.domain.text import first_line

# For fields declared after a field named "date", which hides the type in a class body.
Day = date


def new_id() -> str:
    return str(uuid.uuid4())


def utc_now() -> datetime:
    # Stored naive (SQLite has no time zones); always UTC by convention.
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True, kw_only=True, slots=True)
class Item:
    id: str = field(default_factory=new_id)
    created: datetime = field(default_factory=utc_now)
    updated: datetime = field(default_factory=utc_now)
    position: int = 0

    @property
    def label(self) -> str:
        """A one-line name for the item, for trees, lists and messages."""
        raise NotImplementedError


@dataclass(frozen=True, kw_only=True, slots=True)
class Stakeholder(Item):
    name: str
    kind: StakeholderKind = StakeholderKind.OTHER

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True, kw_only=True, slots=True)
class Mission(Item):
    title: str
    statement: str = ""
    # The primary stakeholder; the others it serves are MissionStakeholder links.
    stakeholder_id: str | None = None
    # "I will know it is served when…": what makes the mission evaluable.
    served_when: str = ""
    level: Level = Level.PERSONAL
    parent_id: str | None = None
    owner: str = ""
    archived: bool = False
    # Team items imported from a manager's file: where they came from, whether the editor
    # may change them, and the values last imported (JSON), to tell a local edit from an
    # update in the file on re-import.
    origin: str = ""
    locked: bool = False
    synced: str = ""

    @property
    def label(self) -> str:
        return self.title


@dataclass(frozen=True, kw_only=True, slots=True)
class Cycle(Item):
    name: str
    start: date
    end: date

    @property
    def label(self) -> str:
        return self.name

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True, kw_only=True, slots=True)
class Objective(Item):
    title: str
    why: str = ""
    mission_id: str | None = None
    cycle_id: str | None = None
    level: Level = Level.PERSONAL
    owner: str = ""
    kind: ObjectiveKind = ObjectiveKind.COMMITTED
    state: ObjectiveState = ObjectiveState.DRAFT
    aligned_to_id: str | None = None
    # How sure the person was, when drafting, that they can make it (0.0-1.0).
    confidence: float | None = None
    archived: bool = False
    # Team items imported from a manager's file: where they came from, whether the editor
    # may change them, and the values last imported (JSON), to tell a local edit from an
    # update in the file on re-import.
    origin: str = ""
    locked: bool = False
    synced: str = ""

    @property
    def label(self) -> str:
        return self.title


# The levels of the team's and the company's items: imported from a team file or an OKR
# document, or typed in under "Team objectives". They are context for the person's plan
# (what its items align to), never part of its numbers.
TEAM_LEVELS: frozenset[Level] = frozenset({Level.TEAM, Level.COMPANY})


def is_team_level(level: Level) -> bool:
    """Whether an item at ``level`` is the team's or the company's, not the person's: the
    one test the status bar, the overview, the PDF and the coach all go by."""
    return level in TEAM_LEVELS


def is_team_item(item: Mission | Objective) -> bool:
    """A team or company mission or objective (its key results go with it)."""
    return is_team_level(item.level)


@dataclass(frozen=True, kw_only=True, slots=True)
class MissionLink(Item):
    """A personal mission serves a team objective (many-to-many)."""

    mission_id: str
    objective_id: str

    @property
    def label(self) -> str:
        return f"{self.mission_id} → {self.objective_id}"


@dataclass(frozen=True, kw_only=True, slots=True)
class KeyResult(Item):
    objective_id: str
    title: str
    kind: KeyResultKind = KeyResultKind.METRIC
    direction: Direction = Direction.INCREASE
    baseline: float | None = None
    target: float | None = None
    band_low: float | None = None
    band_high: float | None = None
    unit: str = ""
    due: date | None = None
    weight: float = 1.0
    result_level: ResultLevel | None = None
    # A development key result measures a skill's level (baseline and target are levels).
    skill_id: str | None = None
    archived: bool = False
    # Team items imported from a manager's file: where they came from, whether the editor
    # may change them, and the values last imported (JSON), to tell a local edit from an
    # update in the file on re-import.
    origin: str = ""
    locked: bool = False
    synced: str = ""

    @property
    def label(self) -> str:
        return self.title


@dataclass(frozen=True, kw_only=True, slots=True)
class CheckIn(Item):
    key_result_id: str
    date: date
    value: float
    confidence: float | None = None
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.date.isoformat()}: {self.value:g}"


@dataclass(frozen=True, kw_only=True, slots=True)
class Milestone(Item):
    objective_id: str
    title: str
    due: date | None = None
    done_on: date | None = None
    purpose: str = ""
    growth_path: str = ""
    organisational_value: str = ""

    @property
    def label(self) -> str:
        return self.title

    @property
    def done(self) -> bool:
        return self.done_on is not None


@dataclass(frozen=True, kw_only=True, slots=True)
class GrowthNote(Item):
    milestone_id: str
    date: date
    text: str
    kind: NoteKind = NoteKind.INSIGHT
    private: bool = False

    @property
    def label(self) -> str:
        return first_line(self.text, 80)


@dataclass(frozen=True, kw_only=True, slots=True)
class Meeting(Item):
    """A one-on-one: four sections of notes, each of which may be private."""

    date: date
    counterpart: str
    cycle_id: str | None = None
    kind: MeetingKind = MeetingKind.REGULAR
    progress: str = ""
    difficulties: str = ""
    development: str = ""
    feedback: str = ""
    progress_private: bool = False
    difficulties_private: bool = False
    development_private: bool = False
    feedback_private: bool = False
    # Set when the meeting is closed: its snapshot of the key results is frozen then.
    closed_on: Day | None = None

    @property
    def label(self) -> str:
        who = self.counterpart or "one-on-one"
        return f"{self.date.isoformat()} · {who}"


MEETING_SECTIONS: tuple[str, ...] = ("progress", "difficulties", "development", "feedback")


@dataclass(frozen=True, kw_only=True, slots=True)
class ActionItem(Item):
    meeting_id: str
    text: str
    owner: str = ""
    due: date | None = None
    done: bool = False

    @property
    def label(self) -> str:
        return self.text


@dataclass(frozen=True, kw_only=True, slots=True)
class AgendaPoint(Item):
    """A point to talk about in a one-on-one, prepared from the plan or added by hand."""

    meeting_id: str
    text: str
    # What prepared it ("confidence", "outdated", "milestone", "growth note", "coach",
    # "action item"), empty when added by hand; and the plan item it is about, if any (no
    # reference check: the item may be deleted later while the agenda stays).
    source: str = ""
    subject_id: str | None = None
    done: bool = False

    @property
    def label(self) -> str:
        return self.text


@dataclass(frozen=True, kw_only=True, slots=True)
class Snapshot(Item):
    """A key result as it stood when a one-on-one was closed, for "since last time"."""

    meeting_id: str
    # Plain copies, not references: the snapshot must outlive later edits and deletes.
    subject_id: str
    title: str
    value: float | None = None
    confidence: float | None = None
    progress: float = 0.0
    health: str = ""

    @property
    def label(self) -> str:
        return self.title


@dataclass(frozen=True, kw_only=True, slots=True)
class Dismissal(Item):
    """A coach finding the person has dismissed for one item, with their reason."""

    rule_id: str
    subject_id: str
    reason: str = ""

    @property
    def label(self) -> str:
        return f"{self.rule_id} dismissed"


# -- the weekly rhythm (issue 22) ------------------------------------------------------------


@dataclass(frozen=True, kw_only=True, slots=True)
class NextStep(Item):
    """One next step on a key result, with a due date: what the weekly pass asks for when
    confidence is low or the key result is off track, and what the blocker was then."""

    key_result_id: str
    title: str
    due: date | None = None
    done: bool = False
    blocker: Blocker | None = None

    @property
    def label(self) -> str:
        return self.title


ITEM_TYPES: tuple[type[Item], ...] = (
    Stakeholder,
    Mission,
    Cycle,
    Objective,
    MissionLink,
    KeyResult,
    CheckIn,
    Milestone,
    GrowthNote,
    Meeting,
    ActionItem,
    AgendaPoint,
    Snapshot,
    Dismissal,
    NextStep,
)

# The field that names an item's parent; siblings share its value. Items without one are
# siblings of every other item of their type.
PARENT_FIELD: dict[type[Item], str] = {
    Mission: "parent_id",
    Objective: "mission_id",
    MissionLink: "mission_id",
    KeyResult: "objective_id",
    CheckIn: "key_result_id",
    Milestone: "objective_id",
    GrowthNote: "milestone_id",
    ActionItem: "meeting_id",
    AgendaPoint: "meeting_id",
    Snapshot: "meeting_id",
    NextStep: "key_result_id",
}

# Deleting an item deletes these children with it (type, field pointing at the parent)...
OWNED_CHILDREN: dict[type[Item], tuple[tuple[type[Item], str], ...]] = {
    # A mission nested under another in the tree goes with it, as the tree shows.
    Mission: ((Mission, "parent_id"), (Objective, "mission_id"), (MissionLink, "mission_id")),
    Objective: (
        (KeyResult, "objective_id"),
        (Milestone, "objective_id"),
        (MissionLink, "objective_id"),
    ),
    KeyResult: ((CheckIn, "key_result_id"), (NextStep, "key_result_id")),
    Milestone: ((GrowthNote, "milestone_id"),),
    Meeting: (
        (ActionItem, "meeting_id"),
        (AgendaPoint, "meeting_id"),
        (Snapshot, "meeting_id"),
    ),
}

# ...and only unlinks these references to it, leaving the referring item in place.
REFERENCES: dict[type[Item], tuple[tuple[type[Item], str], ...]] = {
    Stakeholder: ((Mission, "stakeholder_id"),),
    Cycle: ((Objective, "cycle_id"), (Meeting, "cycle_id")),
    Objective: ((Objective, "aligned_to_id"),),
}

# Each kind's name for people: a Message, so the window shows it translated.
TYPE_NAMES: dict[type[Item], str] = {
    Stakeholder: message("stakeholder"),
    Mission: message("mission"),
    Cycle: message("cycle"),
    Objective: message("objective"),
    MissionLink: message("mission link"),
    KeyResult: message("key result"),
    CheckIn: message("check-in"),
    Milestone: message("milestone"),
    GrowthNote: message("growth note"),
    Meeting: message("one-on-one"),
    ActionItem: message("action item"),
    AgendaPoint: message("agenda point"),
    Snapshot: message("snapshot"),
    Dismissal: message("dismissal"),
    NextStep: message("next step"),
}

# What each reference field points at, for checking that it exists.
REFERENCE_TARGETS: dict[str, type[Item]] = {
    "stakeholder_id": Stakeholder,
    "parent_id": Mission,
    "mission_id": Mission,
    "cycle_id": Cycle,
    "objective_id": Objective,
    "aligned_to_id": Objective,
    "key_result_id": KeyResult,
    "milestone_id": Milestone,
    "meeting_id": Meeting,
}


# -- closing a cycle (issue 21) -------------------------------------------------------------
# The retrospective as items of the plan: each objective's close, each mission's evaluation
# for a cycle, and the key results and growth notes an evaluation cites as its evidence.

# The short scale a mission is rated on, lowest first: how well the cycle served it.
MISSION_RATINGS: dict[int, str] = {
    1: message("not served"),
    2: message("poorly served"),
    3: message("partly served"),
    4: message("well served"),
    5: message("fully served"),
}


@dataclass(frozen=True, kw_only=True, slots=True)
class ObjectiveClose(Item):
    """How an objective ended: its final score (the proposed one, or adjusted with a reason),
    what becomes of it next cycle and why, the main cause of a shortfall, the learning."""

    objective_id: str
    closed_on: Day
    # The score the last check-ins gave at the close (None: no key result to score by).
    proposed: float | None = None
    score: float = 0.0
    reason: str = ""
    decision: CloseDecision = CloseDecision.KEEP
    decision_why: str = ""
    cause: ShortfallCause | None = None
    cause_text: str = ""
    learned: str = ""

    @property
    def label(self) -> str:
        return f"{self.score:.1f} · {self.decision.value}"

    @property
    def adjusted(self) -> bool:
        return self.proposed is None or abs(self.score - self.proposed) > SCORE_TOLERANCE


# Scores are shown to one decimal and typed to two: closer than this is the same score.
SCORE_TOLERANCE = 0.005


@dataclass(frozen=True, kw_only=True, slots=True)
class MissionEvaluation(Item):
    """How well one cycle's work served a mission's stakeholders: a rating on the short
    scale (``MISSION_RATINGS``), the evidence and what to change."""

    mission_id: str
    cycle_id: str
    rating: int = 3
    evidence: str = ""
    change: str = ""
    # The mission's wording when it was evaluated: how a mission's stability is seen over
    # cycles (empty in evaluations made before it was kept).
    title: str = ""
    statement: str = ""

    @property
    def label(self) -> str:
        return MISSION_RATINGS.get(self.rating, str(self.rating))


@dataclass(frozen=True, kw_only=True, slots=True)
class EvidenceLink(Item):
    """A key result or a growth note an evaluation cites (exactly one of the two)."""

    evaluation_id: str
    key_result_id: str | None = None
    growth_note_id: str | None = None

    @property
    def label(self) -> str:
        return f"{self.evaluation_id} ← {self.key_result_id or self.growth_note_id}"


ITEM_TYPES += (ObjectiveClose, MissionEvaluation, EvidenceLink)
PARENT_FIELD.update(
    {
        ObjectiveClose: "objective_id",
        MissionEvaluation: "mission_id",
        EvidenceLink: "evaluation_id",
    }
)
# An objective's close goes with it; an evaluation goes with its mission or its cycle; a
# citation goes with the evaluation or with what it cites (undo brings all of them back).
OWNED_CHILDREN[Objective] += ((ObjectiveClose, "objective_id"),)
OWNED_CHILDREN[Mission] += ((MissionEvaluation, "mission_id"),)
OWNED_CHILDREN[Cycle] = (*OWNED_CHILDREN.get(Cycle, ()), (MissionEvaluation, "cycle_id"))
OWNED_CHILDREN[MissionEvaluation] = ((EvidenceLink, "evaluation_id"),)
OWNED_CHILDREN[KeyResult] += ((EvidenceLink, "key_result_id"),)
OWNED_CHILDREN[GrowthNote] = (*OWNED_CHILDREN.get(GrowthNote, ()), (EvidenceLink, "growth_note_id"))
TYPE_NAMES.update(
    {
        ObjectiveClose: message("objective close"),
        MissionEvaluation: message("mission evaluation"),
        EvidenceLink: message("evidence link"),
    }
)
REFERENCE_TARGETS.update({"evaluation_id": MissionEvaluation, "growth_note_id": GrowthNote})


# -- missions with depth, and skills (issue 23) ---------------------------------------------
# The person's values (their purpose is a plan fact, ``PURPOSE_INFO``), the values and the
# further stakeholders a mission names, and a personal skills framework: skills with their
# level now and aimed at, the dated steps by which a level moved, and the milestones and
# growth notes that name a skill.

# The plan fact holding the person's purpose statement (why I work, for whom).
PURPOSE_INFO = "purpose"

# Skill levels, lowest first (what each means is the person's own line per level).
SKILL_LEVELS = range(1, 6)


@dataclass(frozen=True, kw_only=True, slots=True)
class PersonalValue(Item):
    """One of the person's values ("honesty"), with a line on what it means to them."""

    name: str
    meaning: str = ""

    @property
    def label(self) -> str:
        return self.name


@dataclass(frozen=True, kw_only=True, slots=True)
class MissionValue(Item):
    """A mission expresses one of the person's values."""

    mission_id: str
    value_id: str

    @property
    def label(self) -> str:
        return f"{self.mission_id} ♥ {self.value_id}"


@dataclass(frozen=True, kw_only=True, slots=True)
class MissionStakeholder(Item):
    """A further stakeholder a mission serves, beside its primary one (``stakeholder_id``)."""

    mission_id: str
    stakeholder_id: str

    @property
    def label(self) -> str:
        return f"{self.mission_id} → {self.stakeholder_id}"


@dataclass(frozen=True, kw_only=True, slots=True)
class Skill(Item):
    """A skill in the person's framework: its level now and the level aimed at (1–5), and
    one line per level on what that level means to them (``meanings``, line 1 is level 1)."""

    name: str
    group: str = ""
    level: int = 1
    aim: int | None = None
    meanings: str = ""

    @property
    def label(self) -> str:
        return self.name

    def meaning_of(self, level: int) -> str:
        lines = self.meanings.splitlines()
        return lines[level - 1].strip() if 0 < level <= len(lines) else ""


@dataclass(frozen=True, kw_only=True, slots=True)
class SkillStep(Item):
    """A skill's level moved on ``date`` to ``level``, with the milestone behind the step
    (when there was one) and a line on what showed it."""

    skill_id: str
    date: date
    level: int
    # The level it moved from (None: not known, a step typed in after the fact).
    previous: int | None = None
    milestone_id: str | None = None
    note: str = ""

    @property
    def label(self) -> str:
        return f"{self.date.isoformat()} → {self.level}"


@dataclass(frozen=True, kw_only=True, slots=True)
class MilestoneSkill(Item):
    """A milestone's growth path picks this skill."""

    milestone_id: str
    skill_id: str

    @property
    def label(self) -> str:
        return f"{self.milestone_id} ↗ {self.skill_id}"


@dataclass(frozen=True, kw_only=True, slots=True)
class NoteSkill(Item):
    """A growth note is tagged with this skill."""

    growth_note_id: str
    skill_id: str

    @property
    def label(self) -> str:
        return f"{self.growth_note_id} # {self.skill_id}"


ITEM_TYPES += (PersonalValue, MissionValue, MissionStakeholder, Skill, SkillStep)
ITEM_TYPES += (MilestoneSkill, NoteSkill)
PARENT_FIELD.update(
    {
        MissionValue: "mission_id",
        MissionStakeholder: "mission_id",
        SkillStep: "skill_id",
        MilestoneSkill: "milestone_id",
        NoteSkill: "growth_note_id",
    }
)
# A link goes with either of its ends; a skill's steps and tags go with it. Undo brings
# all of them back.
OWNED_CHILDREN[Mission] += ((MissionValue, "mission_id"), (MissionStakeholder, "mission_id"))
OWNED_CHILDREN[PersonalValue] = ((MissionValue, "value_id"),)
OWNED_CHILDREN[Stakeholder] = (
    *OWNED_CHILDREN.get(Stakeholder, ()),
    (MissionStakeholder, "stakeholder_id"),
)
OWNED_CHILDREN[Skill] = (
    (SkillStep, "skill_id"),
    (MilestoneSkill, "skill_id"),
    (NoteSkill, "skill_id"),
)
OWNED_CHILDREN[Milestone] += ((MilestoneSkill, "milestone_id"),)
OWNED_CHILDREN[GrowthNote] = (*OWNED_CHILDREN.get(GrowthNote, ()), (NoteSkill, "growth_note_id"))
# A key result measuring a deleted skill stays, measuring nothing; a step keeps its level
# when the milestone behind it goes.
REFERENCES[Skill] = ((KeyResult, "skill_id"),)
REFERENCES[Milestone] = (*REFERENCES.get(Milestone, ()), (SkillStep, "milestone_id"))
TYPE_NAMES.update(
    {
        PersonalValue: message("value"),
        MissionValue: message("mission value"),
        MissionStakeholder: message("mission stakeholder"),
        Skill: message("skill"),
        SkillStep: message("skill step"),
        MilestoneSkill: message("milestone skill"),
        NoteSkill: message("note skill"),
    }
)
REFERENCE_TARGETS.update({"value_id": PersonalValue, "skill_id": Skill})
