"""The plan: create, read, update, move and delete every kind of item.

Each public method is one transaction. Records go in and come out; no session or row ever
leaves this module, so callers (the GUI's undo commands, the CLI) work with plain data.
"""

from __future__ import annotations

import contextlib
import dataclasses
import sqlite3
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Select, func, insert, or_, select, update
from sqlalchemy.orm import Session

from okrdesk.domain.entities import (
    OWNED_CHILDREN,
    PARENT_FIELD,
    REFERENCE_TARGETS,
    REFERENCES,
    TYPE_NAMES,
    ActionItem,
    CheckIn,
    Cycle,
    Item,
    Meeting,
    Mission,
    Objective,
    Stakeholder,
    utc_now,
)
from okrdesk.domain.enums import StakeholderKind
from okrdesk.domain.messages import message
from okrdesk.domain.okr_cycles import quarter_cycle
from okrdesk.domain.validation import ValidationError, coerce, owner_name, same_person, validate
from okrdesk.services.backups import (
    Backup,
    backup_after_work,
    backup_before_upgrade,
    restore_backup,
    rolling_backup,
)
from okrdesk.services.errors import ItemNotFound
from okrdesk.services.files import clean_stale_temp_files
from okrdesk.store.database import Database, PlanFileError, open_database
from okrdesk.store.location import backup_dir as backup_folder
from okrdesk.store.mapping import (
    ROW_TYPES,
    as_dict,
    copy_into,
    replace,
    table_of,
    to_record,
    to_row,
)
from okrdesk.store.schema import ItemRow, MeetingRow, ObjectiveRow, PlanInfoRow

T = TypeVar("T", bound=Item)
# The kinds of item that have an owner.
OWNED_TYPES = (Mission, Objective, ActionItem)

# The plan fact that names the person whose plan this is.
OWNER_INFO = "owner"

DEFAULT_STAKEHOLDERS: tuple[tuple[str, StakeholderKind], ...] = (
    ("Customers", StakeholderKind.CUSTOMERS),
    ("Colleagues", StakeholderKind.COLLEAGUES),
    ("My team", StakeholderKind.TEAM),
    ("The company", StakeholderKind.COMPANY),
    ("Suppliers", StakeholderKind.SUPPLIERS),
    ("Shareholders", StakeholderKind.SHAREHOLDERS),
    ("Society", StakeholderKind.SOCIETY),
)


@dataclass(frozen=True)
class Unlinked:
    """A reference that a delete set to empty: restored by undo."""

    item_type: type[Item]
    item_id: str
    field: str
    value: str


@dataclass(frozen=True)
class Deletion:
    """Everything one delete removed, parents before children, so it can be put back."""

    items: tuple[Item, ...]
    unlinked: tuple[Unlinked, ...] = ()
    # Where the root stood among its siblings, which restore puts it back at: by index, not
    # by raw position, because positions are renumbered by moves and left with gaps by
    # deletes, so a position from earlier may no longer say where among them it went.
    root_index: int | None = None

    @property
    def root(self) -> Item:
        return self.items[0]

    def counts(self) -> dict[str, int]:
        """How many of each kind of item go, the root included."""
        counted: dict[str, int] = {}
        for item in self.items:
            name = TYPE_NAMES[type(item)]
            counted[name] = counted.get(name, 0) + 1
        return counted

    def describe_others(self) -> str:
        """'3 key results, 12 check-ins' for what goes besides the root; '' when nothing."""
        counted = self.counts()
        counted[TYPE_NAMES[type(self.root)]] -= 1
        parts = [f"{n} {name if n == 1 else plural(name)}" for name, n in counted.items() if n > 0]
        return ", ".join(parts)


def plural(name: str) -> str:
    if name == "one-on-one":
        return "one-on-ones"
    return name[:-1] + "ies" if name.endswith("y") else name + "s"


@dataclass(frozen=True)
class OwnerChange:
    """What naming the plan's owner changed: the name before and after, and the person's
    own items that carried the old name, as they were (to put back on undo)."""

    previous: str
    owner: str
    renamed: tuple[Item, ...] = ()


@dataclass(frozen=True)
class Placement:
    """Where an item sits: its parent (by its type's parent field) and index among siblings."""

    parent_id: str | None
    index: int


# The plan fact naming the cycle a new plan started with (the current quarter's).
STARTING_CYCLE_INFO = "starting_cycle"


def every_row(cls: type[Item]) -> Select[Any]:
    """The statement for every row of ``cls``'s table, siblings together in their order
    (``PlanService.all``, and the shared read that must keep that order)."""
    table = table_of(cls)
    order: list[Any] = []
    if cls in PARENT_FIELD:
        order.append(table.c[PARENT_FIELD[cls]])
    order += [table.c.position, table.c.created]
    return select(table).order_by(*order)


class PlanService:
    def __init__(self, database: Database, new_plan_day: date | None = None) -> None:
        self.database = database
        self._seed_if_new(new_plan_day)
        # The plan's revision when it was last backed up (writes since mean work to keep).
        self._backed_up_at = -1

    @classmethod
    def open(
        cls, path: Path, *, create: bool = True, new_plan_day: date | None = None
    ) -> PlanService:
        """Open the plan at ``path`` (creating it unless ``create`` is False; created with
        ``new_plan_day``, it starts with that day's quarter as its cycle), taking the
        hourly rolling backup (and a checked copy before an upgrade). Temporary files a
        killed okrdesk left beside the plan or among its backups are removed first."""
        path = Path(path).expanduser()
        for folder in (path.parent, backup_folder(path)):
            clean_stale_temp_files(folder)
        service = cls(
            open_database(path, create=create, before_upgrade=backup_before_upgrade),
            new_plan_day,
        )
        service._backed_up_at = service.revision
        with contextlib.suppress(OSError, sqlite3.Error, PlanFileError):
            rolling_backup(service.path, "opened")
        return service

    @property
    def path(self) -> Path:
        return self.database.path

    def close(self) -> None:
        self.database.close()
        self._backup_after_work("closed", None)

    def backup_if_due(self, now: datetime | None = None) -> bool:
        """Take an "edited" backup when the plan changed since the last one and the last
        is older than ``WORK_INTERVAL`` (the window calls this from a timer, every minute
        or so); True when one was taken. Never raises for a backup that cannot be written."""
        return self._backup_after_work("edited", now)

    def _backup_after_work(self, reason: str, now: datetime | None) -> bool:
        # The one place plans are backed up after work, for the app and the command line
        # alike. A backup that cannot be written (a full disk, a read-only data folder)
        # must not stop the plan from closing or the person from working.
        if self.revision == self._backed_up_at:
            return False
        taken = None
        with contextlib.suppress(OSError, sqlite3.Error, PlanFileError):
            taken = backup_after_work(self.path, reason, now)
        if taken is not None:
            self._backed_up_at = self.revision
        return taken is not None

    # -- plan facts ---------------------------------------------------------------------

    def info(self, key: str, default: str = "") -> str:
        with self.database.reading() as s:
            row = s.get(PlanInfoRow, key)
            return default if row is None else row.value

    def set_info(self, key: str, value: str) -> None:
        with self.database.transaction() as s:
            s.merge(PlanInfoRow(key=key, value=value))

    # -- whose plan it is ---------------------------------------------------------------

    def owner(self) -> str:
        """The name of the person whose plan this is; empty when not set yet."""
        return self.info(OWNER_INFO).strip()

    def set_owner(self, name: str) -> OwnerChange:
        """Name the plan's owner (trimmed; empty: no owner), in one transaction. The
        person's own missions, objectives and action items that carried the previous name
        take the new one, so renaming oneself keeps one's items one's own; imported team
        items keep theirs. Raises ValidationError, and stores nothing, when the name is not
        one line of at most 100 characters. ``set_owner(change.previous)`` undoes it."""
        checked = owner_name(name)
        renamed: list[Item] = []
        with self.database.transaction() as s:
            row = s.get(PlanInfoRow, OWNER_INFO)
            previous = "" if row is None else row.value.strip()
            if previous and checked and not same_person(previous, checked):
                for cls in OWNED_TYPES:
                    for item_row in s.scalars(select(ROW_TYPES[cls])):
                        record = to_record(cls, item_row)
                        owner = str(getattr(record, "owner", ""))
                        if getattr(record, "origin", "") or not same_person(owner, previous):
                            continue
                        renamed.append(record)
                        copy_into(item_row, replace(record, owner=checked, updated=utc_now()))
            s.merge(PlanInfoRow(key=OWNER_INFO, value=checked))
        return OwnerChange(previous, checked, tuple(renamed))

    def with_default_owner(self, item: T) -> T:
        """``item`` owned by the plan's owner when it has an owner field left blank and is
        the person's own (not imported from a team, which keeps whatever its source says)."""
        if not isinstance(item, OWNED_TYPES) or item.owner.strip() or getattr(item, "origin", ""):
            return item
        owner = self.owner()
        return dataclasses.replace(item, owner=owner) if owner else item

    def _seed_if_new(self, day: date | None) -> None:
        """A new plan starts with the usual stakeholders and, given the ``day`` it is
        started on (the window and the command line give it, see ``locations.open_plan``),
        with the cycle of that day's quarter, so that its first objective has a cycle to go
        in (once: deleting them is allowed). An import finds that cycle by its name rather
        than making a second; the demo replaces it with its own."""
        with self.database.transaction() as s:
            if s.get(PlanInfoRow, "seeded") is not None:
                return
            for position, (name, kind) in enumerate(DEFAULT_STAKEHOLDERS):
                s.add(to_row(Stakeholder(name=name, kind=kind, position=position)))
            if day is not None:
                cycle = quarter_cycle(day)
                s.add(to_row(cycle))
                s.add(PlanInfoRow(key=STARTING_CYCLE_INFO, value=cycle.id))
            s.add(PlanInfoRow(key="seeded", value="1"))

    def starting_cycle_id(self) -> str | None:
        """The cycle the plan started with, while choosing it hides nothing (every objective
        and one-on-one is in it): what a window shows first on a new plan."""
        cycle_id = self.info(STARTING_CYCLE_INFO)
        if not cycle_id or self.find(Cycle, cycle_id) is None:
            return None
        with self.database.reading() as s:
            outside = [
                s.scalar(
                    select(func.count())
                    .select_from(row)
                    .where(or_(row.cycle_id != cycle_id, row.cycle_id.is_(None)))
                )
                for row in (ObjectiveRow, MeetingRow)
            ]
        if any(outside):
            return None
        return cycle_id

    def drop_unused_starting_cycle(self) -> bool:
        """Delete the cycle the plan started with while nothing is in it (no objective, no
        one-on-one), for a filler that brings its own cycles (the demo); True if it went."""
        cycle_id = self.info(STARTING_CYCLE_INFO)
        if not cycle_id or self.find(Cycle, cycle_id) is None:
            return False
        if self.where(Objective, cycle_id=cycle_id):
            return False
        if self.where(Meeting, cycle_id=cycle_id):
            return False
        self.delete(Cycle, cycle_id)
        return True

    # -- reading --------------------------------------------------------------------------

    def find(self, cls: type[T], item_id: str) -> T | None:
        # A Core row, as in ``all``: the ORM's identity map and loader cost more than the
        # read (the editor asks on every selection).
        table = table_of(cls)
        found = self._records(cls, select(table).where(table.c.id == item_id))
        return found[0] if found else None

    def get(self, cls: type[T], item_id: str) -> T:
        found = self.find(cls, item_id)
        if found is None:
            raise ItemNotFound(TYPE_NAMES[cls], item_id)
        return found

    def all(self, cls: type[T]) -> list[T]:
        """Every item of a type, siblings together in their order."""
        return self._records(cls, every_row(cls))

    def where(self, cls: type[T], **equals: Any) -> list[T]:
        table = table_of(cls)
        query = select(table).order_by(table.c.position, table.c.created)
        for name, value in equals.items():
            query = query.where(table.c[name] == value)
        return self._records(cls, query)

    def _records(self, cls: type[T], query: Any) -> list[T]:
        # Core rows, not ORM instances: several times faster to load, and records are all
        # the callers want.
        with self.database.reading() as s:
            result = s.execute(query)
            names = tuple(result.keys())
            return [cls(**dict(zip(names, row, strict=True))) for row in result]

    @property
    def revision(self) -> int:
        """Changes with every write to the plan: see ``Database.revision``."""
        return self.database.revision

    def revision_of(self, cls: type[Item]) -> tuple[int, int]:
        """Changes with every write to the items of type ``cls``."""
        return self.database.table_revision(table_of(cls).name)

    def children(self, cls: type[T], parent_id: str | None) -> list[T]:
        """The items of type ``cls`` whose parent field is ``parent_id``, in order."""
        return (
            self.where(cls, **{PARENT_FIELD[cls]: parent_id})
            if cls in PARENT_FIELD
            else (self.all(cls))
        )

    def is_empty(self) -> bool:
        """Whether the plan holds nothing of the person's yet (no mission, objective or
        one-on-one): the window shows its welcome then."""
        with self.database.reading() as s:
            for cls in (Mission, Objective, Meeting):
                if s.scalar(select(ROW_TYPES[cls].id).limit(1)) is not None:
                    return False
        return True

    def count(self, cls: type[Item]) -> int:
        with self.database.reading() as s:
            return s.scalar(select(func.count()).select_from(ROW_TYPES[cls])) or 0

    def latest_check_ins(self) -> dict[str, CheckIn]:
        """Each key result's most recent check-in (by date, then by when it was made)."""
        table = table_of(CheckIn)
        query = select(table).order_by(table.c.date, table.c.created)
        return {c.key_result_id: c for c in self._records(CheckIn, query)}

    def latest_value(self, key_result_id: str) -> float | None:
        """A key result's most recent checked-in value (None before the first check-in)."""
        table = table_of(CheckIn)
        query = (
            select(table.c.value)
            .where(table.c.key_result_id == key_result_id)
            .order_by(table.c.date.desc(), table.c.created.desc())
            .limit(1)
        )
        with self.database.reading() as s:
            value: float | None = s.scalar(query)
            return value

    def check_ins(self, key_result_id: str) -> list[CheckIn]:
        table = table_of(CheckIn)
        query = (
            select(table)
            .where(table.c.key_result_id == key_result_id)
            .order_by(table.c.date, table.c.created)
        )
        return self._records(CheckIn, query)

    def placement(self, item: Item) -> Placement:
        siblings = self._sibling_ids_of(item)
        return Placement(self._parent_of(item), siblings.index(item.id))

    # -- writing --------------------------------------------------------------------------

    def create(self, cls: type[T], index: int | None = None, **fields: Any) -> T:
        """Make a new item from loosely typed fields (text is parsed), validate and add it."""
        return self.add(cls(**coerce(cls, fields)), index=index)

    def add(self, item: T, index: int | None = None) -> T:
        """Add ``item`` at ``index`` among its siblings (at the end when None). A new mission,
        objective or action item with no owner gets the plan's owner (``with_default_owner``);
        bulk inserts (``add_all``: imports, restores) keep the owners they come with."""
        item = self.with_default_owner(item)
        validate(item)
        with self.database.transaction() as s:
            self._check_references(s, item)
            if s.get(ROW_TYPES[type(item)], item.id) is not None:
                raise ValidationError(
                    "id", message("An item with id {id} exists already.", id=item.id)
                )
            if index is None:
                item = dataclasses.replace(item, position=self._next_position(s, item))
                s.add(to_row(item))
            else:
                item = dataclasses.replace(item, position=0)
                s.add(to_row(item))
                s.flush()
                self._renumber(s, item, index)
                item = to_record(type(item), s.get(ROW_TYPES[type(item)], item.id))
        return item

    def update(self, cls: type[T], item_id: str, **changes: Any) -> T:
        """Change some fields of an item; returns the new record."""
        return self.change(cls, item_id, **changes)[1]

    def change(self, cls: type[T], item_id: str, **changes: Any) -> tuple[T, T]:
        """Change some fields of an item in one transaction; returns the record before and
        after. When no value differs nothing is written (and both are the same record)."""
        forbidden = {"id", "created", "updated", "position"} & changes.keys()
        if forbidden:
            raise ValidationError(sorted(forbidden)[0], "That field cannot be changed directly.")
        values = coerce(cls, changes)
        with self.database.transaction() as s:
            row = s.get(ROW_TYPES[cls], item_id)
            if row is None:
                raise ItemNotFound(TYPE_NAMES[cls], item_id)
            old = to_record(cls, row)
            if all(getattr(old, name) == value for name, value in values.items()):
                return old, old
            new = dataclasses.replace(old, **values, updated=utc_now())
            validate(new)
            self._check_references(s, new)
            parent = PARENT_FIELD.get(cls)
            moved = parent is not None and getattr(old, parent) != getattr(new, parent)
            if moved:
                new = dataclasses.replace(new, position=self._next_position(s, new))
            copy_into(row, new)
        return old, new

    def move(self, cls: type[Item], item_id: str, parent_id: str | None, index: int) -> Placement:
        """Put an item at ``index`` under ``parent_id``; returns where it was (for undo)."""
        with self.database.transaction() as s:
            row = s.get(ROW_TYPES[cls], item_id)
            if row is None:
                raise ItemNotFound(TYPE_NAMES[cls], item_id)
            item = to_record(cls, row)
            old = Placement(self._parent_of(item), self._sibling_ids(s, item).index(item_id))
            if cls in PARENT_FIELD:
                field = PARENT_FIELD[cls]
                moved = replace(item, **{field: parent_id}, updated=utc_now())
                validate(moved)
                self._check_references(s, moved)
                copy_into(row, moved)
                s.flush()
                item = moved
            elif parent_id is not None:
                raise ValidationError(
                    "parent", message("A {kind} has no parent.", kind=TYPE_NAMES[cls])
                )
            self._renumber(s, item, index)
            if old.parent_id != parent_id:
                self._renumber(s, replace(item, **{PARENT_FIELD[cls]: old.parent_id}))
        return old

    def preview_delete(self, cls: type[Item], item_id: str) -> Deletion:
        """What deleting this item would take with it, without deleting anything."""
        with self.database.reading() as s:
            return self._collect(s, cls, item_id)

    def delete(self, cls: type[Item], item_id: str) -> Deletion:
        """Delete an item and everything it owns; returns all of it, for ``restore``."""
        with self.database.transaction() as s:
            deletion = self._collect(s, cls, item_id)
            for ref in deletion.unlinked:
                row = s.get(ROW_TYPES[ref.item_type], ref.item_id)
                setattr(row, ref.field, None)
            s.flush()
            for item in reversed(deletion.items):
                s.delete(s.get(ROW_TYPES[type(item)], item.id))
        return deletion

    def restore(self, deletion: Deletion) -> None:
        """Put back what ``delete`` removed, where it was, with its links."""
        with self.database.transaction() as s:
            root = deletion.root
            self._check_references(s, root)
            if deletion.root_index is None:
                self._shift_siblings_from(s, root)
            for item in deletion.items:
                s.add(to_row(item))
                s.flush()
            if deletion.root_index is not None:
                self._renumber(s, root, deletion.root_index)
            for ref in deletion.unlinked:
                row = s.get(ROW_TYPES[ref.item_type], ref.item_id)
                if row is not None and getattr(row, ref.field) is None:
                    setattr(row, ref.field, ref.value)

    def add_all(
        self,
        items: Sequence[Item],
        *,
        validated: bool = False,
        facts: Mapping[str, str] | None = None,
    ) -> None:
        """Insert many records as they are (positions included), in the order given, in one
        transaction: all of them or none. Parents must come before their children. The plan
        facts in ``facts`` (an imported purpose) are set in the same transaction.

        Each run of one record type is one Core INSERT: an ORM flush would order the rows
        table by table in an order of its own (no relationships are mapped), letting a child
        reach SQLite before its parent; Core is also much faster for large imports.
        """
        if not validated:
            for item in items:
                validate(item)
        with self.database.transaction() as s:
            for cls, run in groupby(items, key=type):
                s.execute(insert(table_of(cls)), [as_dict(item) for item in run])
            for key, value in (facts or {}).items():
                s.merge(PlanInfoRow(key=key, value=value))

    def remove_all(self, items: Sequence[Item]) -> None:
        """Delete exactly these records (added together by ``add_all``), children first,
        in one transaction; nothing else is deleted or unlinked."""
        with self.database.transaction() as s:
            for item in reversed(items):
                row = s.get(ROW_TYPES[type(item)], item.id)
                if row is None:
                    raise ItemNotFound(TYPE_NAMES[type(item)], item.id)
                s.delete(row)
                s.flush()

    def replace_content(self, source: Path) -> Backup:
        """Put ``source``'s content (a backup) into this plan's file and go on with it;
        returns the backup of what was there, so that replacing with that one undoes this."""
        old = self.database
        old.close()
        try:
            before = restore_backup(self.path, source)
        finally:
            self.database = open_database(self.path, create=False)
        # Revisions go on counting, so nothing computed from the old content looks current.
        self.database.continue_revisions(old)
        return before

    # -- helpers -------------------------------------------------------------------------

    def _parent_of(self, item: Item) -> str | None:
        field = PARENT_FIELD.get(type(item))
        return None if field is None else getattr(item, field)

    def _siblings_query(self, item: Item) -> Any:
        row_type = ROW_TYPES[type(item)]
        query = select(row_type.id).order_by(row_type.position, row_type.created)
        field = PARENT_FIELD.get(type(item))
        if field is not None:
            query = query.where(getattr(row_type, field) == getattr(item, field))
        return query

    def _sibling_ids(self, s: Session, item: Item) -> list[str]:
        return list(s.scalars(self._siblings_query(item)))

    def _sibling_ids_of(self, item: Item) -> list[str]:
        with self.database.reading() as s:
            return self._sibling_ids(s, item)

    def _next_position(self, s: Session, item: Item) -> int:
        row_type = ROW_TYPES[type(item)]
        query = select(func.max(row_type.position))
        field = PARENT_FIELD.get(type(item))
        if field is not None:
            query = query.where(getattr(row_type, field) == getattr(item, field))
        highest = s.scalar(query)
        return 0 if highest is None else highest + 1

    def _renumber(self, s: Session, item: Item, index: int | None = None) -> None:
        """Number ``item``'s siblings 0..n-1, with ``item`` at ``index`` when given."""
        ids = [i for i in self._sibling_ids(s, item) if i != item.id or index is None]
        if index is not None:
            ids.insert(max(0, min(index, len(ids))), item.id)
        row_type = ROW_TYPES[type(item)]
        for position, sibling_id in enumerate(ids):
            s.execute(update(row_type).where(row_type.id == sibling_id).values(position=position))

    def _shift_siblings_from(self, s: Session, item: Item) -> None:
        row_type = ROW_TYPES[type(item)]
        query = update(row_type).where(row_type.position >= item.position)
        field = PARENT_FIELD.get(type(item))
        if field is not None:
            query = query.where(getattr(row_type, field) == getattr(item, field))
        s.execute(query.values(position=row_type.position + 1))

    def _check_references(self, s: Session, item: Item) -> None:
        for field, target in REFERENCE_TARGETS.items():
            value = getattr(item, field, None)
            if value is None:
                continue
            if s.get(ROW_TYPES[target], value) is None:
                raise ValidationError(
                    field,
                    message(
                        "The {target} this {kind} refers to does not exist.",
                        target=TYPE_NAMES[target],
                        kind=TYPE_NAMES[type(item)],
                    ),
                )
        if isinstance(item, Mission):
            self._check_no_loop(s, Mission, item.id, item.parent_id, "parent_id", "serve")
        if isinstance(item, Objective):
            self._check_no_loop(
                s, Objective, item.id, item.aligned_to_id, "aligned_to_id", "be aligned to"
            )

    def _check_no_loop(
        self, s: Session, cls: type[Item], item_id: str, start: str | None, field: str, verb: str
    ) -> None:
        seen: set[str] = set()
        current = start
        while current is not None and current not in seen:
            if current == item_id:
                raise ValidationError(
                    field,
                    message(
                        "A {kind} cannot {verb} one of its own descendants.",
                        kind=TYPE_NAMES[cls],
                        verb=verb,
                    ),
                )
            seen.add(current)
            row = s.get(ROW_TYPES[cls], current)
            current = None if row is None else getattr(row, field)

    def _collect(self, s: Session, cls: type[Item], item_id: str) -> Deletion:
        root_row = s.get(ROW_TYPES[cls], item_id)
        if root_row is None:
            raise ItemNotFound(TYPE_NAMES[cls], item_id)
        items: list[Item] = [to_record(cls, root_row)]
        doomed: set[str] = {item_id}
        frontier: list[Item] = [items[0]]
        while frontier:
            parent = frontier.pop(0)
            for child_type, field in OWNED_CHILDREN.get(type(parent), ()):
                row_type: type[ItemRow] = ROW_TYPES[child_type]
                query = (
                    select(row_type)
                    .where(getattr(row_type, field) == parent.id)
                    .order_by(row_type.position, row_type.created)
                )
                for row in s.scalars(query):
                    if row.id in doomed:
                        continue
                    child = to_record(child_type, row)
                    doomed.add(child.id)
                    items.append(child)
                    frontier.append(child)
        unlinked: list[Unlinked] = []
        for item in items:
            for ref_type, field in REFERENCES.get(type(item), ()):
                row_type = ROW_TYPES[ref_type]
                for row in s.scalars(select(row_type).where(getattr(row_type, field) == item.id)):
                    if row.id not in doomed:
                        unlinked.append(Unlinked(ref_type, row.id, field, item.id))
        root_index = self._sibling_ids(s, items[0]).index(item_id)
        return Deletion(tuple(_owners_first(items)), tuple(unlinked), root_index)


def _owners_first(items: list[Item]) -> list[Item]:
    """``items`` (as collected, breadth first) with each after every owner of it in the
    list. An item owned twice (an evidence link: by its evaluation and by the key result or
    note it cites) may be reached through one owner before the other; delete goes children
    first and restore parents first, and the database's own cascade must find nothing left
    to do. Items already in order keep it."""
    ids = {item.id for item in items}
    owner_fields: dict[type[Item], list[str]] = {}
    for children in OWNED_CHILDREN.values():
        for child_type, field in children:
            owner_fields.setdefault(child_type, []).append(field)
    placed: set[str] = set()
    ordered: list[Item] = []
    pending = items
    while pending:
        deferred: list[Item] = []
        for item in pending:
            owners = {getattr(item, f) for f in owner_fields.get(type(item), ())} & ids
            if owners - {item.id} <= placed:
                ordered.append(item)
                placed.add(item.id)
            else:
                deferred.append(item)
        if len(deferred) == len(pending):  # pragma: no cover - owners never form a loop
            ordered.extend(deferred)
            break
        pending = deferred
    return ordered
