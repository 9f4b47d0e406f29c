"""Inserting many records at once, parents first, in one transaction.

``PlanService.add_all`` hands every row to a single ORM flush, and SQLAlchemy orders a
flush's inserts table by table (with no relationships mapped, in an order of its own), so a
child row can reach SQLite before its parent and trip the foreign key. Here each run of one
record type is one Core ``INSERT`` (executemany keeps the rows' order, so a mission may
follow the mission it serves), the runs in the order given. Core is also several times
faster than the ORM for the hundred thousand check-ins of a large import.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import cast

from sqlalchemy import Table, insert

from okrdesk.domain.entities import Item
from okrdesk.domain.validation import validate
from okrdesk.services.plan import PlanService
from okrdesk.store.mapping import ROW_TYPES, as_dict


def insert_in_order(plan: PlanService, records: Sequence[Item], *, validated: bool = False) -> None:
    """Insert ``records`` as they are (positions included), in the given order, in one
    transaction: all of them or, on any error, none. Each is validated first unless the
    caller says it has just done so."""
    if not validated:
        for record in records:
            validate(record)
    with plan.database.transaction() as s:
        for cls, run in groupby(records, key=type):
            table = cast(Table, ROW_TYPES[cls].__table__)
            s.execute(insert(table), [as_dict(record) for record in run])
