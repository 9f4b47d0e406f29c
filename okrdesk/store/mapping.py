"""Rows to records and back: the one place that knows which table holds which item type."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar, cast

from sqlalchemy import Table

from okrdesk.domain.entities import (
    ActionItem,
    AgendaPoint,
    CheckIn,
    Cycle,
    Dismissal,
    EvidenceLink,
    GrowthNote,
    Item,
    KeyResult,
    Meeting,
    Milestone,
    MilestoneSkill,
    Mission,
    MissionEvaluation,
    MissionLink,
    MissionStakeholder,
    MissionValue,
    NextStep,
    NoteSkill,
    Objective,
    ObjectiveClose,
    PersonalValue,
    Skill,
    SkillStep,
    Snapshot,
    Stakeholder,
)
from okrdesk.store.schema import (
    ActionItemRow,
    AgendaPointRow,
    CheckInRow,
    CycleRow,
    DismissalRow,
    EvidenceLinkRow,
    GrowthNoteRow,
    ItemRow,
    KeyResultRow,
    MeetingRow,
    MilestoneRow,
    MilestoneSkillRow,
    MissionEvaluationRow,
    MissionLinkRow,
    MissionRow,
    MissionStakeholderRow,
    MissionValueRow,
    NextStepRow,
    NoteSkillRow,
    ObjectiveCloseRow,
    ObjectiveRow,
    PersonalValueRow,
    SkillRow,
    SkillStepRow,
    SnapshotRow,
    StakeholderRow,
)

T = TypeVar("T", bound=Item)

ROW_TYPES: dict[type[Item], type[ItemRow]] = {
    Stakeholder: StakeholderRow,
    Mission: MissionRow,
    Cycle: CycleRow,
    Objective: ObjectiveRow,
    MissionLink: MissionLinkRow,
    KeyResult: KeyResultRow,
    CheckIn: CheckInRow,
    Milestone: MilestoneRow,
    GrowthNote: GrowthNoteRow,
    Meeting: MeetingRow,
    ActionItem: ActionItemRow,
    AgendaPoint: AgendaPointRow,
    Snapshot: SnapshotRow,
    Dismissal: DismissalRow,
    NextStep: NextStepRow,
    # closing a cycle (issue 21)
    ObjectiveClose: ObjectiveCloseRow,
    MissionEvaluation: MissionEvaluationRow,
    EvidenceLink: EvidenceLinkRow,
    # missions with depth, and skills (issue 23)
    PersonalValue: PersonalValueRow,
    MissionValue: MissionValueRow,
    MissionStakeholder: MissionStakeholderRow,
    Skill: SkillRow,
    SkillStep: SkillStepRow,
    MilestoneSkill: MilestoneSkillRow,
    NoteSkill: NoteSkillRow,
}


_FIELD_NAMES: dict[type[Item], tuple[str, ...]] = {}


def field_names(cls: type[Item]) -> tuple[str, ...]:
    # Cached: dataclasses.fields() is slow, and this runs once per row read.
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


def table_of(cls: type[Item]) -> Table:
    """The Core table of an item type (its columns are named as the record's fields)."""
    return cast(Table, ROW_TYPES[cls].__table__)


def to_record(cls: type[T], row: Any) -> T:
    """A record from an ORM row, or from a Core result row with the same column names."""
    return cls(**{name: getattr(row, name) for name in field_names(cls)})


def to_row(record: Item) -> ItemRow:
    row_type = ROW_TYPES[type(record)]
    return row_type(**{name: getattr(record, name) for name in field_names(type(record))})


def copy_into(row: ItemRow, record: Item) -> None:
    for name in field_names(type(record)):
        setattr(row, name, getattr(record, name))


def as_dict(record: Item) -> dict[str, Any]:
    return {name: getattr(record, name) for name in field_names(type(record))}


def replace(record: T, **changes: Any) -> T:
    return dataclasses.replace(record, **changes)
