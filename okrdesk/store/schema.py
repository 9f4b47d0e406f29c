"""The tables, one per item type, their columns named as the domain records' fields.

Foreign keys say what the database itself guarantees: owned children cascade, references
are set to NULL. The services do the same explicitly (to report what a delete took with
it), so these rules are the safety net, not the mechanism.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from sqlalchemy import (
    Boolean,
    ForeignKey,
    MetaData,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

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
from okrdesk.store.safe_types import (
    FALLBACK_DAY,
    FALLBACK_TIME,
    SafeDate,
    SafeDateTime,
    SafeEnum,
    SafeFloat,
    SafeInteger,
    SafeString,
    SafeText,
)

E = TypeVar("E", bound=Enum)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def enum_column(enum: type[E], fallback: E | None) -> SafeEnum:
    # Stored as the enum's value (lower-case text), checked by no native type: SQLite has
    # none, and plain text keeps the file readable by any tool. An unknown value reads as
    # ``fallback`` (the record's default), see ``safe_types``.
    return SafeEnum(enum, fallback)


# Every column that is not text reads without raising (see ``safe_types``): the fallback
# is the record field's default, or nothing where the field may be empty.
def number(fallback: float | None = None) -> Any:
    return mapped_column(SafeFloat(fallback))


def day(fallback: date | None = None) -> Any:
    return mapped_column(SafeDate(fallback))


def required_day() -> Any:
    return mapped_column(SafeDate(FALLBACK_DAY))


# For fields declared after a field named "date", which hides the type in a class body.
Day = date


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ItemRow(Base):
    __abstract__ = True
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    created: Mapped[datetime] = mapped_column(SafeDateTime(FALLBACK_TIME))
    updated: Mapped[datetime] = mapped_column(SafeDateTime(FALLBACK_TIME))
    position: Mapped[int] = mapped_column(SafeInteger(0), default=0)


def owned_by(table: str) -> Mapped[str]:
    return mapped_column(ForeignKey(f"{table}.id", ondelete="CASCADE"), index=True)


def refers_to(table: str) -> Mapped[str | None]:
    return mapped_column(ForeignKey(f"{table}.id", ondelete="SET NULL"), index=True)


class StakeholderRow(ItemRow):
    __tablename__ = "stakeholders"
    name: Mapped[str] = mapped_column(SafeString(300))
    kind: Mapped[StakeholderKind] = mapped_column(
        enum_column(StakeholderKind, StakeholderKind.OTHER)
    )


class MissionRow(ItemRow):
    __tablename__ = "missions"
    title: Mapped[str] = mapped_column(SafeString(300))
    statement: Mapped[str] = mapped_column(SafeText(), default="")
    stakeholder_id: Mapped[str | None] = refers_to("stakeholders")
    served_when: Mapped[str] = mapped_column(SafeText(), default="")
    level: Mapped[Level] = mapped_column(enum_column(Level, Level.PERSONAL))
    parent_id: Mapped[str | None] = refers_to("missions")
    owner: Mapped[str] = mapped_column(SafeString(300), default="")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    origin: Mapped[str] = mapped_column(SafeString(300), default="")
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    synced: Mapped[str] = mapped_column(SafeText(), default="")


class CycleRow(ItemRow):
    __tablename__ = "cycles"
    name: Mapped[str] = mapped_column(SafeString(300))
    start: Mapped[date] = required_day()
    end: Mapped[date] = required_day()


class ObjectiveRow(ItemRow):
    __tablename__ = "objectives"
    title: Mapped[str] = mapped_column(SafeString(300))
    why: Mapped[str] = mapped_column(SafeText(), default="")
    mission_id: Mapped[str | None] = mapped_column(
        ForeignKey("missions.id", ondelete="CASCADE"), index=True
    )
    cycle_id: Mapped[str | None] = refers_to("cycles")
    level: Mapped[Level] = mapped_column(enum_column(Level, Level.PERSONAL))
    owner: Mapped[str] = mapped_column(SafeString(300), default="")
    kind: Mapped[ObjectiveKind] = mapped_column(enum_column(ObjectiveKind, ObjectiveKind.COMMITTED))
    state: Mapped[ObjectiveState] = mapped_column(enum_column(ObjectiveState, ObjectiveState.DRAFT))
    aligned_to_id: Mapped[str | None] = refers_to("objectives")
    confidence: Mapped[float | None] = number()
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    origin: Mapped[str] = mapped_column(SafeString(300), default="")
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    synced: Mapped[str] = mapped_column(SafeText(), default="")


class MissionLinkRow(ItemRow):
    __tablename__ = "mission_links"
    __table_args__ = (UniqueConstraint("mission_id", "objective_id"),)
    mission_id: Mapped[str] = owned_by("missions")
    objective_id: Mapped[str] = owned_by("objectives")


class KeyResultRow(ItemRow):
    __tablename__ = "key_results"
    objective_id: Mapped[str] = owned_by("objectives")
    title: Mapped[str] = mapped_column(SafeString(300))
    kind: Mapped[KeyResultKind] = mapped_column(enum_column(KeyResultKind, KeyResultKind.METRIC))
    direction: Mapped[Direction] = mapped_column(enum_column(Direction, Direction.INCREASE))
    baseline: Mapped[float | None] = number()
    target: Mapped[float | None] = number()
    band_low: Mapped[float | None] = number()
    band_high: Mapped[float | None] = number()
    unit: Mapped[str] = mapped_column(SafeString(100), default="")
    due: Mapped[date | None] = day()
    weight: Mapped[float] = mapped_column(SafeFloat(1.0), default=1.0)
    result_level: Mapped[ResultLevel | None] = mapped_column(enum_column(ResultLevel, None))
    skill_id: Mapped[str | None] = refers_to("skills")
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    origin: Mapped[str] = mapped_column(SafeString(300), default="")
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    synced: Mapped[str] = mapped_column(SafeText(), default="")


class CheckInRow(ItemRow):
    __tablename__ = "check_ins"
    key_result_id: Mapped[str] = owned_by("key_results")
    date: Mapped[date] = required_day()
    value: Mapped[float] = number(0.0)
    confidence: Mapped[float | None] = number()
    note: Mapped[str] = mapped_column(SafeText(), default="")


class MilestoneRow(ItemRow):
    __tablename__ = "milestones"
    objective_id: Mapped[str] = owned_by("objectives")
    title: Mapped[str] = mapped_column(SafeString(300))
    due: Mapped[date | None] = day()
    done_on: Mapped[date | None] = day()
    purpose: Mapped[str] = mapped_column(SafeText(), default="")
    growth_path: Mapped[str] = mapped_column(SafeText(), default="")
    organisational_value: Mapped[str] = mapped_column(SafeText(), default="")


class GrowthNoteRow(ItemRow):
    __tablename__ = "growth_notes"
    milestone_id: Mapped[str] = owned_by("milestones")
    date: Mapped[date] = required_day()
    text: Mapped[str] = mapped_column(SafeText())
    kind: Mapped[NoteKind] = mapped_column(enum_column(NoteKind, NoteKind.INSIGHT))
    private: Mapped[bool] = mapped_column(Boolean, default=False)


class MeetingRow(ItemRow):
    __tablename__ = "meetings"
    date: Mapped[date] = required_day()
    counterpart: Mapped[str] = mapped_column(SafeString(300))
    cycle_id: Mapped[str | None] = refers_to("cycles")
    kind: Mapped[MeetingKind] = mapped_column(enum_column(MeetingKind, MeetingKind.REGULAR))
    progress: Mapped[str] = mapped_column(SafeText(), default="")
    difficulties: Mapped[str] = mapped_column(SafeText(), default="")
    development: Mapped[str] = mapped_column(SafeText(), default="")
    feedback: Mapped[str] = mapped_column(SafeText(), default="")
    progress_private: Mapped[bool] = mapped_column(Boolean, default=False)
    difficulties_private: Mapped[bool] = mapped_column(Boolean, default=False)
    development_private: Mapped[bool] = mapped_column(Boolean, default=False)
    feedback_private: Mapped[bool] = mapped_column(Boolean, default=False)
    closed_on: Mapped[Day | None] = day()


class ActionItemRow(ItemRow):
    __tablename__ = "action_items"
    meeting_id: Mapped[str] = owned_by("meetings")
    text: Mapped[str] = mapped_column(SafeText())
    owner: Mapped[str] = mapped_column(SafeString(300), default="")
    due: Mapped[date | None] = day()
    done: Mapped[bool] = mapped_column(Boolean, default=False)


class AgendaPointRow(ItemRow):
    __tablename__ = "agenda_points"
    meeting_id: Mapped[str] = owned_by("meetings")
    text: Mapped[str] = mapped_column(SafeText())
    source: Mapped[str] = mapped_column(SafeString(50), default="")
    subject_id: Mapped[str | None] = mapped_column(String(36))
    done: Mapped[bool] = mapped_column(Boolean, default=False)


class SnapshotRow(ItemRow):
    __tablename__ = "snapshots"
    meeting_id: Mapped[str] = owned_by("meetings")
    subject_id: Mapped[str] = mapped_column(String(36), index=True)
    title: Mapped[str] = mapped_column(SafeString(300))
    value: Mapped[float | None] = number()
    confidence: Mapped[float | None] = number()
    progress: Mapped[float] = mapped_column(SafeFloat(0.0), default=0.0)
    health: Mapped[str] = mapped_column(SafeString(32), default="")


class DismissalRow(ItemRow):
    __tablename__ = "dismissals"
    __table_args__ = (UniqueConstraint("rule_id", "subject_id"),)
    rule_id: Mapped[str] = mapped_column(SafeString(50))
    subject_id: Mapped[str] = mapped_column(String(36), index=True)
    reason: Mapped[str] = mapped_column(SafeText(), default="")


# -- the weekly rhythm (issue 22) ------------------------------------------------------------


class NextStepRow(ItemRow):
    __tablename__ = "next_steps"
    key_result_id: Mapped[str] = owned_by("key_results")
    title: Mapped[str] = mapped_column(SafeString(300))
    due: Mapped[date | None] = day()
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    blocker: Mapped[Blocker | None] = mapped_column(enum_column(Blocker, None))


# -- closing a cycle (issue 21) -------------------------------------------------------------


class ObjectiveCloseRow(ItemRow):
    __tablename__ = "objective_closes"
    # One close per objective: closing again replaces it.
    __table_args__ = (UniqueConstraint("objective_id"),)
    objective_id: Mapped[str] = owned_by("objectives")
    closed_on: Mapped[date] = required_day()
    proposed: Mapped[float | None] = number()
    score: Mapped[float] = mapped_column(SafeFloat(0.0), default=0.0)
    reason: Mapped[str] = mapped_column(SafeText(), default="")
    decision: Mapped[CloseDecision] = mapped_column(enum_column(CloseDecision, CloseDecision.KEEP))
    decision_why: Mapped[str] = mapped_column(SafeText(), default="")
    cause: Mapped[ShortfallCause | None] = mapped_column(enum_column(ShortfallCause, None))
    cause_text: Mapped[str] = mapped_column(SafeText(), default="")
    learned: Mapped[str] = mapped_column(SafeText(), default="")


class MissionEvaluationRow(ItemRow):
    __tablename__ = "mission_evaluations"
    # One evaluation of a mission per cycle.
    __table_args__ = (UniqueConstraint("mission_id", "cycle_id"),)
    mission_id: Mapped[str] = owned_by("missions")
    cycle_id: Mapped[str] = owned_by("cycles")
    rating: Mapped[int] = mapped_column(SafeInteger(3), default=3)
    evidence: Mapped[str] = mapped_column(SafeText(), default="")
    change: Mapped[str] = mapped_column(SafeText(), default="")
    title: Mapped[str] = mapped_column(SafeString(300), default="")
    statement: Mapped[str] = mapped_column(SafeText(), default="")


class EvidenceLinkRow(ItemRow):
    __tablename__ = "evidence_links"
    evaluation_id: Mapped[str] = owned_by("mission_evaluations")
    key_result_id: Mapped[str | None] = mapped_column(
        ForeignKey("key_results.id", ondelete="CASCADE"), index=True
    )
    growth_note_id: Mapped[str | None] = mapped_column(
        ForeignKey("growth_notes.id", ondelete="CASCADE"), index=True
    )


# -- missions with depth, and skills (issue 23) ---------------------------------------------


class PersonalValueRow(ItemRow):
    __tablename__ = "personal_values"
    name: Mapped[str] = mapped_column(SafeString(300))
    meaning: Mapped[str] = mapped_column(SafeText(), default="")


class MissionValueRow(ItemRow):
    __tablename__ = "mission_values"
    __table_args__ = (UniqueConstraint("mission_id", "value_id"),)
    mission_id: Mapped[str] = owned_by("missions")
    value_id: Mapped[str] = owned_by("personal_values")


class MissionStakeholderRow(ItemRow):
    __tablename__ = "mission_stakeholders"
    __table_args__ = (UniqueConstraint("mission_id", "stakeholder_id"),)
    mission_id: Mapped[str] = owned_by("missions")
    stakeholder_id: Mapped[str] = owned_by("stakeholders")


class SkillRow(ItemRow):
    __tablename__ = "skills"
    name: Mapped[str] = mapped_column(SafeString(300))
    group: Mapped[str] = mapped_column(SafeString(300), default="")
    level: Mapped[int] = mapped_column(SafeInteger(1), default=1)
    aim: Mapped[int | None] = mapped_column(SafeInteger(None))
    meanings: Mapped[str] = mapped_column(SafeText(), default="")


class SkillStepRow(ItemRow):
    __tablename__ = "skill_steps"
    skill_id: Mapped[str] = owned_by("skills")
    date: Mapped[date] = required_day()
    level: Mapped[int] = mapped_column(SafeInteger(1), default=1)
    previous: Mapped[int | None] = mapped_column(SafeInteger(None))
    milestone_id: Mapped[str | None] = refers_to("milestones")
    note: Mapped[str] = mapped_column(SafeText(), default="")


class MilestoneSkillRow(ItemRow):
    __tablename__ = "milestone_skills"
    __table_args__ = (UniqueConstraint("milestone_id", "skill_id"),)
    milestone_id: Mapped[str] = owned_by("milestones")
    skill_id: Mapped[str] = owned_by("skills")


class NoteSkillRow(ItemRow):
    __tablename__ = "note_skills"
    __table_args__ = (UniqueConstraint("growth_note_id", "skill_id"),)
    growth_note_id: Mapped[str] = owned_by("growth_notes")
    skill_id: Mapped[str] = owned_by("skills")


class PlanInfoRow(Base):
    """Key/value facts about the plan itself (its owner's name, when it was created)."""

    __tablename__ = "plan_info"
    key: Mapped[str] = mapped_column(SafeString(100), primary_key=True)
    value: Mapped[str] = mapped_column(SafeText())
