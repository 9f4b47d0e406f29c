"""One shared read of the plan's records, kept while their tables hold and patched row by
row when they change.

The status bar, the coach, the weekly pass and the charts all read the whole plan after a
change. Each read used to load every table again as new records, so after one edit several
full copies of a large plan's check-ins (tens of thousands of records) were alive at once:
the one the panes still showed and one per background job loading the next. Here there is
one read per open plan:

- each table is read again only when it was written since (``PlanService.revision_of``), so
  editing a key result re-reads the key results and nothing else;
- a table read again keeps the very record objects of the rows that did not change (a
  row is compared with the record it was read as, as it streams in), so the old and the new
  read share everything but what changed, and never exist as two full copies;
- one read at a time (a lock): jobs asking together wait for it and share its result
  instead of each loading its own.

The revisions count write statements as they run, before their transaction commits; a
read starting then would see the older rows under the newer revision. So a read is kept
only when no write transaction was open as it began and no revision moved until it ended.

A record's foreign ids and dates are shared with equal ones read before (a check-in's key
result id is the key result's own string): the same values, a third less memory.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from typing import Any, TypeVar

from sqlalchemy import event

from okrdesk.domain.entities import Item
from okrdesk.services.plan import PlanService, every_row

T = TypeVar("T", bound=Item)


@dataclass(frozen=True)
class _TableRead:
    """One table as last read: the table's revision then, and its records in order."""

    revision: tuple[int, int]
    records: tuple[Any, ...]
    by_id: dict[str, Any]


class PlanRead:
    """The shared read of one open plan (``shared_read``)."""

    def __init__(self, plan: PlanService) -> None:
        # Weak: the read must not keep a closed plan (and its engine) alive.
        self._plan = weakref.ref(plan)
        self._tables: dict[type[Item], _TableRead] = {}
        self._lock = threading.Lock()
        # Write transactions open on the plan now (see the module's notes).
        self._writing = 0
        engine = plan.database.engine
        event.listen(engine, "begin", self._began)
        event.listen(engine, "commit", self._ended)
        event.listen(engine, "rollback", self._ended)
        # Equal ids and dates shared between records (see the module's notes).
        self._shared: dict[Any, Any] = {}

    def records(self, cls: type[T]) -> tuple[T, ...]:
        """Every item of type ``cls``, in ``PlanService.all``'s order; the same objects as
        the last time for rows that did not change."""
        plan = self._plan()
        if plan is None:
            return ()
        with self._lock:
            revision = plan.revision_of(cls)
            known = self._tables.get(cls)
            if known is not None and known.revision == revision:
                return tuple(known.records)
            steady = self._writing == 0
            records = self._read(plan, cls, {} if known is None else known.by_id)
            if steady and self._writing == 0 and plan.revision_of(cls) == revision:
                self._tables[cls] = _TableRead(revision, records, {r.id: r for r in records})
            return records

    def revisions(self, classes: Iterable[type[Item]]) -> tuple[tuple[int, int], ...] | None:
        """The revisions of the tables of ``classes`` now: a result computed from them holds
        while these do. None while a write is under way (nothing read now may be kept)."""
        plan = self._plan()
        if plan is None or self._writing:
            return None
        return tuple(plan.revision_of(cls) for cls in classes)

    def _began(self, _connection: Any) -> None:
        self._writing += 1

    def _ended(self, _connection: Any) -> None:
        self._writing = max(0, self._writing - 1)

    def _read(self, plan: PlanService, cls: type[T], previous: dict[str, Any]) -> tuple[T, ...]:
        shared = self._shared
        read: list[T] = []
        with plan.database.reading() as session:
            result = session.execute(every_row(cls))
            names = tuple(result.keys())
            fields_of: Callable[[Any], tuple[Any, ...]] = attrgetter(*names)
            id_at = names.index("id")
            shareable = [i for i, n in enumerate(names) if n.endswith("_id") or n == "date"]
            for row in result:
                values = tuple(row)
                old = previous.get(values[id_at])
                if old is not None and fields_of(old) == values:
                    read.append(old)
                    continue
                if shareable:
                    values = _sharing(values, shareable, shared)
                read.append(cls(**dict(zip(names, values, strict=True))))
        return tuple(read)


def _sharing(values: tuple[Any, ...], at: list[int], shared: dict[Any, Any]) -> tuple[Any, ...]:
    out = list(values)
    for i in at:
        value = out[i]
        if isinstance(value, str | date):
            out[i] = shared.setdefault(value, value)
    return tuple(out)


# One read per open plan, dropped with the plan.
_READS: weakref.WeakKeyDictionary[PlanService, PlanRead] = weakref.WeakKeyDictionary()
_READS_LOCK = threading.Lock()


def shared_read(plan: PlanService) -> PlanRead:
    """The one shared read of ``plan``."""
    with _READS_LOCK:
        found = _READS.get(plan)
        if found is None:
            found = _READS[plan] = PlanRead(plan)
        return found
