"""Random sequences of plan operations and their undo, checked step by step.

Every operation is paired with its inverse, as the GUI's undo commands pair them: add with
delete, update with update back, move with move back, delete with restore. After each step
the plan's invariants hold; undoing everything gives back the starting plan.
"""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from okrdesk.domain.entities import (
    PARENT_FIELD,
    CheckIn,
    Item,
    KeyResult,
    Milestone,
    Mission,
    Objective,
)
from okrdesk.services.plan import PlanService

KINDS: tuple[type[Item], ...] = (Mission, Objective, KeyResult, CheckIn, Milestone)
titles = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=20
).filter(lambda t: t.strip() != "")


def content(plan: PlanService) -> dict[str, Any]:
    """The plan as comparable data: records without their edit stamps and raw positions,
    plus the order of every set of siblings."""
    records: dict[str, Any] = {}
    orders: dict[str, list[str]] = {}
    for kind in KINDS:
        items = plan.all(kind)
        records[kind.__name__] = sorted(
            (dataclasses.replace(i, updated=i.created, position=0) for i in items),
            key=lambda i: i.id,
        )
        field = PARENT_FIELD.get(kind)
        for item in items:
            parent = getattr(item, field) if field else None
            orders.setdefault(f"{kind.__name__}:{parent}", []).append(item.id)
    return {"records": records, "orders": orders}


class PlanMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="okrdesk-sm-"))
        self.plan = PlanService.open(self.folder / "sm.okrdesk")
        self.undo: list[Callable[[], None]] = []
        self.start = content(self.plan)

    def teardown(self) -> None:
        self.plan.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    def ids(self, kind: type[Item]) -> list[str]:
        return [i.id for i in self.plan.all(kind)]

    def _added(self, item: Item) -> None:
        self.undo.append(lambda: (self.plan.delete(type(item), item.id), None)[1])

    @rule(title=titles, parent=st.data())
    def add_mission(self, title: str, parent: st.DataObject) -> None:
        options = [None, *self.ids(Mission)]
        parent_id = parent.draw(st.sampled_from(options))
        self._added(self.plan.create(Mission, title=title, parent_id=parent_id))

    @rule(title=titles, data=st.data())
    def add_objective(self, title: str, data: st.DataObject) -> None:
        mission_id = data.draw(st.sampled_from([None, *self.ids(Mission)]))
        self._added(self.plan.create(Objective, title=title, mission_id=mission_id))

    @precondition(lambda self: bool(self.ids(Objective)))
    @rule(title=titles, data=st.data(), goal=st.integers(1, 100))
    def add_key_result(self, title: str, data: st.DataObject, goal: int) -> None:
        objective_id = data.draw(st.sampled_from(self.ids(Objective)))
        kr = self.plan.create(
            KeyResult, title=title, objective_id=objective_id, baseline=0, target=goal
        )
        self._added(kr)

    @precondition(lambda self: bool(self.ids(KeyResult)))
    @rule(data=st.data(), value=st.floats(-10, 200))
    def check_in(self, data: st.DataObject, value: float) -> None:
        kr_id = data.draw(st.sampled_from(self.ids(KeyResult)))
        self._added(self.plan.create(CheckIn, key_result_id=kr_id, date="2026-10-01", value=value))

    @precondition(lambda self: bool(self.ids(Mission)))
    @rule(data=st.data(), title=titles)
    def rename_mission(self, data: st.DataObject, title: str) -> None:
        mission_id = data.draw(st.sampled_from(self.ids(Mission)))
        old = self.plan.get(Mission, mission_id).title
        self.plan.update(Mission, mission_id, title=title)
        self.undo.append(lambda: (self.plan.update(Mission, mission_id, title=old), None)[1])

    @precondition(lambda self: bool(self.ids(KeyResult)) or bool(self.ids(Objective)))
    @rule(data=st.data(), index=st.integers(0, 6))
    def move(self, data: st.DataObject, index: int) -> None:
        kind = data.draw(st.sampled_from([k for k in (KeyResult, Objective) if self.ids(k)]))
        item_id = data.draw(st.sampled_from(self.ids(kind)))
        parents = self.ids(Objective) if kind is KeyResult else [None, *self.ids(Mission)]
        parent_id = data.draw(st.sampled_from(parents))
        old = self.plan.move(kind, item_id, parent_id, index)
        self.undo.append(lambda: (self.plan.move(kind, item_id, old.parent_id, old.index), None)[1])

    @precondition(lambda self: any(self.ids(k) for k in KINDS))
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        kind = data.draw(st.sampled_from([k for k in KINDS if self.ids(k)]))
        item_id = data.draw(st.sampled_from(self.ids(kind)))
        deletion = self.plan.delete(kind, item_id)
        self.undo.append(lambda: self.plan.restore(deletion))

    @precondition(lambda self: bool(self.undo))
    @rule()
    def undo_one(self) -> None:
        self.undo.pop()()

    @invariant()
    def references_hold_and_siblings_have_distinct_positions(self) -> None:
        with sqlite3.connect(self.plan.path) as raw:
            assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        raw.close()
        for kind in KINDS:
            field = PARENT_FIELD.get(kind)
            seen: set[tuple[Any, int]] = set()
            for item in self.plan.all(kind):
                key = (getattr(item, field) if field else None, item.position)
                assert key not in seen, f"two {kind.__name__}s share a position"
                seen.add(key)

    def check_undo_all(self) -> None:
        while self.undo:
            self.undo.pop()()
        assert content(self.plan) == self.start


class UndoEverything(PlanMachine):
    def teardown(self) -> None:
        try:
            self.check_undo_all()
        finally:
            super().teardown()


UndoEverything.TestCase.settings = settings(
    max_examples=30,
    stateful_step_count=20,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestPlanOperations = UndoEverything.TestCase
