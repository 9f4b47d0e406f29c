"""Every change the window can undo, as a Qt-free operation: applied to a plan, it returns
what it changed and the operation that undoes it.

orange-canvas-core's undo commands and Anki's ``CollectionOp`` are the models: an operation
is a small frozen value; ``apply`` does it in the plan's own transactions and returns an
``Applied`` with its ``PlanChanges`` and its ``inverse``. Applying the inverse returns the
inverse of the inverse, so undo and redo are the same call, and a redo after an undo puts
back the very records that went (a delete's ``Deletion``), never look-alikes.

The GUI wraps one operation in one generic undo command (``gui.core.commands``); the
command line and the tests apply them directly. Refused input raises ``ValidationError``
before anything is written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any, Protocol

from sqlalchemy import select

from okrdesk.domain.entities import (
    PARENT_FIELD,
    REFERENCE_TARGETS,
    TYPE_NAMES,
    AgendaPoint,
    Cycle,
    Item,
    Meeting,
    Mission,
    Objective,
    Snapshot,
)
from okrdesk.domain.messages import message
from okrdesk.domain.validation import MAX_TEXT, ValidationError
from okrdesk.services.changes import PlanChanges
from okrdesk.services.errors import ItemNotFound
from okrdesk.services.plan import OWNER_INFO, Deletion, PlanService
from okrdesk.store.mapping import ROW_TYPES, copy_into, to_record
from okrdesk.store.schema import PlanInfoRow


class Operation(Protocol):
    """A change to the plan that knows how to undo itself."""

    @property
    def label(self) -> str:
        """What the undo history calls it ("Add objective")."""
        ...

    def apply(self, plan: PlanService) -> Applied: ...


@dataclass(frozen=True, slots=True)
class Applied:
    changes: PlanChanges
    inverse: Operation
    # The record an add stored (with its position), for callers that go on with it.
    record: Item | None = None


def _kind(cls: type[Item]) -> str:
    return TYPE_NAMES[cls]


def _parent_of(record: Item) -> str | None:
    name = PARENT_FIELD.get(type(record))
    return None if name is None else getattr(record, name)


# -- one item ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AddItem:
    """Add ``record`` at ``index`` among its siblings (the end when None)."""

    record: Item
    index: int | None = None
    # The item to select afterwards; the new one when None.
    focus: str | None = None

    @property
    def label(self) -> str:
        return message("Add {kind}", kind=_kind(type(self.record)))

    def apply(self, plan: PlanService) -> Applied:
        added = plan.add(self.record, self.index)
        inverse = DeleteItem(type(added), added.id)
        changes = PlanChanges.added([added], focus=self.focus or added.id)
        return Applied(changes, inverse, added)


@dataclass(frozen=True, slots=True)
class DeleteItem:
    """Delete an item with everything it owns; undo restores all of it, links included."""

    cls: type[Item]
    item_id: str
    # The item to select afterwards; the deleted item's parent when None.
    focus: str | None = None

    @property
    def label(self) -> str:
        return message("Delete {kind}", kind=_kind(self.cls))

    def apply(self, plan: PlanService) -> Applied:
        deletion = plan.delete(self.cls, self.item_id)
        return Applied(_removed(deletion, self.focus), RestoreDeletion(deletion))


@dataclass(frozen=True, slots=True)
class RestoreDeletion:
    """Put back what a delete removed, where it was, with its links."""

    deletion: Deletion

    @property
    def label(self) -> str:
        return message("Restore {kind}", kind=_kind(type(self.deletion.root)))

    def apply(self, plan: PlanService) -> Applied:
        plan.restore(self.deletion)
        root = self.deletion.root
        changes = PlanChanges.added(self.deletion.items, focus=root.id)
        changes = changes.merged(_unlinked_changes(self.deletion)).focusing(root.id)
        return Applied(changes, DeleteItem(type(root), root.id), root)


def _unlinked_changes(deletion: Deletion) -> PlanChanges:
    touched: dict[type[Item], set[str]] = {}
    for ref in deletion.unlinked:
        touched.setdefault(ref.item_type, set()).add(ref.item_id)
    return PlanChanges(MappingProxyType({k: frozenset(v) for k, v in touched.items()}))


def _removed(deletion: Deletion, focus: str | None) -> PlanChanges:
    root = deletion.root
    changes = PlanChanges.removed(deletion.items).merged(_unlinked_changes(deletion))
    return changes.focusing(focus if focus is not None else _parent_of(root))


@dataclass(frozen=True, slots=True)
class EditFields:
    """Give some fields of one item new (already typed) values."""

    cls: type[Item]
    item_id: str
    values: Mapping[str, Any]
    # Whether the next edit of the same fields may join this one in a single undo step
    # (typing does; a dialog's explicit edit stands alone).
    mergeable: bool = True
    label_text: str = ""

    @property
    def label(self) -> str:
        if self.label_text:
            return self.label_text
        names = ", ".join(name.replace("_id", "").replace("_", " ") for name in self.values)
        return message("Edit {fields} of {kind}", fields=names, kind=_kind(self.cls))

    def apply(self, plan: PlanService) -> Applied:
        old, new = plan.change(self.cls, self.item_id, **self.values)
        before = {n: getattr(old, n) for n in self.values}
        inverse = EditFields(self.cls, self.item_id, before, self.mergeable, self.label_text)
        if old == new:
            return Applied(PlanChanges(), inverse, new)
        parent_before, parent_after = _parent_of(old), _parent_of(new)
        moved_from = parent_before if parent_before != parent_after else None
        return Applied(PlanChanges.edited(new, moved_from=moved_from), inverse, new)

    def continues(self, earlier: EditFields) -> bool:
        """Whether this edit goes on from ``earlier`` (the same fields of the same item),
        so that the two are one step to undo."""
        return (
            self.mergeable
            and earlier.mergeable
            and earlier.cls is self.cls
            and earlier.item_id == self.item_id
            and earlier.values.keys() == self.values.keys()
        )


@dataclass(frozen=True, slots=True)
class MoveItem:
    """Put an item at ``index`` under ``parent_id``; undo puts it back where it was."""

    cls: type[Item]
    item_id: str
    parent_id: str | None
    index: int

    @property
    def label(self) -> str:
        return message("Move {kind}", kind=_kind(self.cls))

    def apply(self, plan: PlanService) -> Applied:
        old = plan.move(self.cls, self.item_id, self.parent_id, self.index)
        inverse = MoveItem(self.cls, self.item_id, old.parent_id, old.index)
        touched: dict[type[Item], set[str]] = {self.cls: {self.item_id}}
        if self.cls in PARENT_FIELD:
            parent_type = REFERENCE_TARGETS[PARENT_FIELD[self.cls]]
            parents = {p for p in (old.parent_id, self.parent_id) if p is not None}
            if parents:
                touched[parent_type] = parents
        frozen = MappingProxyType({k: frozenset(v) for k, v in touched.items()})
        changes = PlanChanges(frozen, reshaped=frozenset({self.cls}), focus=self.item_id)
        return Applied(changes, inverse)


# -- several at once --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Steps:
    """Several operations as one step. When one is refused, those done are undone, so the
    plan is as it was and the refusal goes on up."""

    label_text: str
    steps: tuple[Operation, ...]
    # The item to select afterwards; the last step's choice when None.
    focus: str | None = None

    @property
    def label(self) -> str:
        return self.label_text

    def apply(self, plan: PlanService) -> Applied:
        done: list[Applied] = []
        try:
            for step in self.steps:
                done.append(step.apply(plan))
        except BaseException:
            for applied in reversed(done):
                applied.inverse.apply(plan)
            raise
        changes = PlanChanges()
        for applied in done:
            changes = changes.merged(applied.changes)
        if self.focus is not None:
            changes = changes.focusing(self.focus)
        inverse = Steps(self.label_text, tuple(a.inverse for a in reversed(done)))
        record = done[0].record if done else None
        return Applied(changes, inverse, record)


@dataclass(frozen=True, slots=True)
class AddRecords:
    """Add many records as they are (positions included), parents first, in one
    transaction: a copy to the next cycle, say. Undo removes exactly those records."""

    label_text: str
    records: tuple[Item, ...]
    focus: str | None = None

    @property
    def label(self) -> str:
        return self.label_text

    def apply(self, plan: PlanService) -> Applied:
        plan.add_all(self.records, validated=True)
        focus = self.focus if self.focus is not None else _first_id(self.records)
        changes = PlanChanges.added(self.records, focus=focus)
        return Applied(changes, RemoveRecords(self.label_text, self.records))


@dataclass(frozen=True, slots=True)
class RemoveRecords:
    """Remove exactly these records (added together by ``AddRecords``), children first."""

    label_text: str
    records: tuple[Item, ...]

    @property
    def label(self) -> str:
        return self.label_text

    def apply(self, plan: PlanService) -> Applied:
        plan.remove_all(self.records)
        focus = _parent_of(self.records[0]) if self.records else None
        changes = PlanChanges.removed(self.records, focus=focus)
        return Applied(changes, AddRecords(self.label_text, self.records))


def _first_id(records: Sequence[Item]) -> str | None:
    return records[0].id if records else None


# -- one-on-ones ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AddMeeting:
    """A new one-on-one with its prepared agenda, stored together (last among meetings)."""

    meeting: Meeting
    points: tuple[AgendaPoint, ...] = ()

    @property
    def label(self) -> str:
        return message("Add one-on-one with its agenda")

    def apply(self, plan: PlanService) -> Applied:
        from okrdesk.services.meetings import add_meeting_with_agenda

        meeting = add_meeting_with_agenda(plan, self.meeting, self.points)
        changes = PlanChanges.added([meeting, *self.points], focus=meeting.id)
        return Applied(changes, DeleteItem(Meeting, meeting.id), meeting)


@dataclass(frozen=True, slots=True)
class CloseMeeting:
    """Freeze every key result and mark the meeting closed. Redo after an undo stores the
    very snapshots of the first close, not new ones."""

    meeting_id: str
    day: date
    snapshots: tuple[Snapshot, ...] | None = None

    @property
    def label(self) -> str:
        return message("Close one-on-one")

    def apply(self, plan: PlanService) -> Applied:
        from okrdesk.services.meetings import freeze, store_closing

        snapshots = self.snapshots
        if snapshots is None:
            snapshots = tuple(freeze(plan, plan.get(Meeting, self.meeting_id), self.day))
        meeting = store_closing(plan, self.meeting_id, self.day, snapshots)
        changes = PlanChanges.edited(meeting).merged(PlanChanges.added(snapshots))
        inverse = ReopenMeeting(self.meeting_id, self.day)
        return Applied(changes.focusing(meeting.id), inverse, meeting)


@dataclass(frozen=True, slots=True)
class ReopenMeeting:
    """Undo a close: the snapshots go and the meeting is open again."""

    meeting_id: str
    day: date

    @property
    def label(self) -> str:
        return message("Close one-on-one")

    def apply(self, plan: PlanService) -> Applied:
        from okrdesk.services.meetings import reopen_meeting

        removed = tuple(reopen_meeting(plan, self.meeting_id))
        meeting = plan.get(Meeting, self.meeting_id)
        changes = PlanChanges.edited(meeting).merged(PlanChanges.removed(removed))
        inverse = CloseMeeting(self.meeting_id, self.day, removed)
        return Applied(changes.focusing(meeting.id), inverse, meeting)


# -- whose plan it is -------------------------------------------------------------------------


def _owner_label(name: str) -> str:
    if name:
        return message("Set the plan's owner to {name}", name=name)
    return message("Clear the plan's owner")


@dataclass(frozen=True, slots=True)
class SetOwner:
    """Name the plan's owner (``PlanService.set_owner``: the person's own items that carried
    the old name take the new one). Undo puts back the old name and exactly the records it
    renamed, so an item that carried the new name before keeps it."""

    name: str

    @property
    def label(self) -> str:
        return _owner_label(self.name.strip())

    def apply(self, plan: PlanService) -> Applied:
        change = plan.set_owner(self.name)  # refused names raise before anything is written
        if change.previous == change.owner:
            return Applied(PlanChanges(), PutBackOwner(change.previous, ()))
        changes = _whose_items_changed(plan, change.renamed)
        return Applied(changes, PutBackOwner(change.previous, change.renamed))


@dataclass(frozen=True, slots=True)
class PutBackOwner:
    """Name ``owner`` again and put ``records`` back exactly as given, in one transaction
    (the undo of ``SetOwner``; its own undo puts back what it replaced, so redo is exact
    too). No name is checked or carried over: these are values that were stored before."""

    owner: str
    records: tuple[Item, ...]

    @property
    def label(self) -> str:
        return _owner_label(self.owner)

    def apply(self, plan: PlanService) -> Applied:
        replaced: list[Item] = []
        with plan.database.transaction() as s:
            info = s.get(PlanInfoRow, OWNER_INFO)
            previous = "" if info is None else info.value.strip()
            for record in self.records:
                row = s.get(ROW_TYPES[type(record)], record.id)
                if row is None:
                    raise ItemNotFound(TYPE_NAMES[type(record)], record.id)
                replaced.append(to_record(type(record), row))
                copy_into(row, record)
            s.merge(PlanInfoRow(key=OWNER_INFO, value=self.owner))
        if previous == self.owner and not self.records:
            return Applied(PlanChanges(), PutBackOwner(previous, ()))
        changes = _whose_items_changed(plan, self.records)
        return Applied(changes, PutBackOwner(previous, tuple(replaced)))


def _whose_items_changed(plan: PlanService, renamed: Sequence[Item]) -> PlanChanges:
    """The items renamed, and every mission and objective: whose each is (the coach's
    question) is read against the plan's owner, so any of them may read differently now."""
    touched: dict[type[Item], set[str]] = {}
    for record in renamed:
        touched.setdefault(type(record), set()).add(record.id)
    with plan.database.reading() as s:
        for cls in (Mission, Objective):
            touched.setdefault(cls, set()).update(s.scalars(select(ROW_TYPES[cls].id)))
    frozen = MappingProxyType({k: frozenset(v) for k, v in touched.items() if v})
    return PlanChanges(frozen, facts=frozenset({OWNER_INFO}))


# -- the plan's own facts ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SetPlanFact:
    """Give a plan fact (the person's purpose) a new text; undo puts back the old one."""

    key: str
    value: str
    label_text: str = ""

    @property
    def label(self) -> str:
        return self.label_text or message("Edit the plan's {fact}", fact=self.key)

    def apply(self, plan: PlanService) -> Applied:
        value = self.value.strip()
        if len(value) > MAX_TEXT:
            raise ValidationError(
                self.key,
                message(
                    "The {fact} is too long: at most {limit:,} characters.",
                    fact=self.key,
                    limit=MAX_TEXT,
                ),
            )
        previous = plan.info(self.key)
        inverse = SetPlanFact(self.key, previous, self.label_text)
        if previous == value:
            return Applied(PlanChanges(), inverse)
        plan.set_info(self.key, value)
        return Applied(PlanChanges(facts=frozenset({self.key})), inverse)


# -- the whole file ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReplaceContent:
    """Put another file's content (a backup) into the plan; undo puts back a copy of what
    was there, taken first."""

    source: Path
    label_text: str = ""

    @property
    def label(self) -> str:
        return self.label_text or message("Restore a backup")

    def apply(self, plan: PlanService) -> Applied:
        before = plan.replace_content(self.source)
        return Applied(PlanChanges.all(), ReplaceContent(before.path, self.label))


# -- cycles -----------------------------------------------------------------------------------
# The Cycles dialog's steps, each one undo step with its own name in the history. Deleting a
# cycle is ``DeleteItem``: its objectives and one-on-ones stay, with no cycle, and undo puts
# them back in it (``PlanService.delete`` unlinks them, ``restore`` links them again).


def add_next_quarter(plan: PlanService, today: date) -> AddItem:
    """Add the quarter after the latest cycle (today's when none is current or later)."""
    from okrdesk.domain.okr_cycles import next_quarter_cycle

    return AddItem(next_quarter_cycle(plan.all(Cycle), today))


def rename_cycle(cycle_id: str, name: str) -> EditFields:
    return EditFields(
        Cycle, cycle_id, {"name": name.strip()}, mergeable=False, label_text=message("Rename cycle")
    )


def redate_cycle(cycle_id: str, start: date, end: date) -> EditFields:
    """Both dates in one step: moving a cycle later changes its start and end together,
    and checking them one at a time would refuse a start after the old end."""
    return EditFields(
        Cycle,
        cycle_id,
        {"start": start, "end": end},
        mergeable=False,
        label_text=message("Change the dates of cycle"),
    )


def cycle_deletion_details(plan: PlanService, cycle_id: str) -> str:
    """What deleting the cycle does to what is in it, for the question asked first; ''
    when nothing is in it (nothing to ask)."""
    objectives = len(plan.where(Objective, cycle_id=cycle_id))
    meetings = len(plan.where(Meeting, cycle_id=cycle_id))
    parts: list[str] = []
    if objectives:
        parts.append(
            message("1 objective")
            if objectives == 1
            else message("{count} objectives", count=objectives)
        )
    if meetings:
        parts.append(
            message("1 one-on-one")
            if meetings == 1
            else message("{count} one-on-ones", count=meetings)
        )
    if not parts:
        return ""
    what = (
        parts[0]
        if len(parts) == 1
        else message("{first} and {second}", first=parts[0], second=parts[1])
    )
    return message(
        "The {what} in it will stay in the plan, with no cycle: they show under “All "
        "cycles”, and Undo puts them back in it.",
        what=what,
    )
