"""Inserting many records at once, parents first, in one transaction.

``PlanService.add_all`` hands every row to a single flush, and SQLAlchemy orders a flush's
inserts table by table (with no relationships mapped, in an order of its own choosing), so a
child row can reach SQLite before its parent and trip the foreign key. Flushing whenever the
record type changes keeps the order the caller gave; within one type SQLAlchemy keeps the
order rows were added, so a mission may follow the mission it serves.
"""

from __future__ import annotations

from collections.abc import Sequence

from okrdesk.domain.entities import Item
from okrdesk.domain.validation import validate
from okrdesk.services.plan import PlanService
from okrdesk.store.mapping import to_row


def insert_in_order(plan: PlanService, records: Sequence[Item]) -> None:
    """Validate every record, then insert them all as they are (positions included), in
    the given order, in one transaction: all of them or, on any error, none."""
    for record in records:
        validate(record)
    with plan.database.transaction() as s:
        current: type[Item] | None = None
        for record in records:
            if type(record) is not current:
                s.flush()
                current = type(record)
            s.add(to_row(record))
