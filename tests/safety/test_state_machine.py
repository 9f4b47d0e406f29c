"""Random sequences of changes, undone and redone, checked step by step.

The changes go the window's own way: the controller applies an operation and pushes one
undo command; undo and redo are the stack's. After each step the plan's invariants hold;
an undo gives back the plan as it was before that step and a redo as it was after it;
undoing everything gives back the starting plan, and redoing it all the end.
"""

from __future__ import annotations

import dataclasses
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import date
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
from okrdesk.domain.validation import ValidationError
from okrdesk.gui.core.controller import PlanController
from okrdesk.qt.gui import QUndoStack
from okrdesk.qt.widgets import QApplication
from okrdesk.services.outline import Branch, drop_objective_on_branch
from okrdesk.services.plan import PlanService

# The undo stack is Qt's; it needs an application object (pytest-qt's qapp reuses it).
APP = QApplication.instance() or QApplication([])

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
    """Drives the window's own path for every change: operations from
    okrdesk.services.operations through the controller, one undo step each on its
    QUndoStack, undone and redone by the stack as Ctrl+Z and Ctrl+Shift+Z would."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="okrdesk-sm-"))
        self.plan = PlanService.open(self.folder / "sm.okrdesk")
        self.controller = PlanController(self.plan)
        self.start = content(self.plan)
        # The plan as it was after each step still on the stack, for redo to come back to.
        self.after: list[dict[str, Any]] = []
        # When each id was first seen: ids are random uuids, so any order the plan gives
        # that falls back on them would let one replayed choice pick another item, and
        # Hypothesis could not replay (or shrink) a failing run.
        self.seen: dict[str, int] = {}

    def teardown(self) -> None:
        self.plan.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def stack(self) -> QUndoStack:
        return self.controller.undo_stack

    def ids(self, kind: type[Item]) -> list[str]:
        """The ids of ``kind`` in the order they were first seen (a replay-stable order)."""
        ids = [i.id for i in self.plan.all(kind)]
        for item_id in ids:
            self.seen.setdefault(item_id, len(self.seen))
        return sorted(ids, key=self.seen.__getitem__)

    def _step(self, change: Callable[[], object]) -> None:
        """One change by the controller; a refusal (ValidationError) changes nothing."""
        before, index = content(self.plan), self.stack.index()
        try:
            change()
        except ValidationError:
            assert content(self.plan) == before and self.stack.index() == index
            return
        now = self.stack.index()
        if now == index and content(self.plan) == before:
            return  # nothing to do (a move to where it is): nothing pushed, redo untouched
        # A new step drops what could have been redone; an edit that merged into the step on
        # top changes that step's "after"; one that typed the old value back removes it.
        del self.after[now:]
        if now and now >= index:
            self.after[now - 1 : now] = [content(self.plan)]

    @rule(title=titles, parent=st.data())
    def add_mission(self, title: str, parent: st.DataObject) -> None:
        parent_id = parent.draw(st.sampled_from([None, *self.ids(Mission)]))
        self._step(lambda: self.controller.add(Mission(title=title, parent_id=parent_id)))

    @rule(title=titles, data=st.data())
    def add_objective(self, title: str, data: st.DataObject) -> None:
        mission_id = data.draw(st.sampled_from([None, *self.ids(Mission)]))
        self._step(lambda: self.controller.add(Objective(title=title, mission_id=mission_id)))

    @precondition(lambda self: bool(self.ids(Objective)))
    @rule(title=titles, data=st.data(), goal=st.integers(1, 100))
    def add_key_result(self, title: str, data: st.DataObject, goal: int) -> None:
        objective_id = data.draw(st.sampled_from(self.ids(Objective)))
        kr = KeyResult(title=title, objective_id=objective_id, baseline=0, target=goal)
        self._step(lambda: self.controller.add(kr))

    @precondition(lambda self: bool(self.ids(KeyResult)))
    @rule(data=st.data(), value=st.floats(-10, 200))
    def check_in(self, data: st.DataObject, value: float) -> None:
        kr_id = data.draw(st.sampled_from(self.ids(KeyResult)))
        record = CheckIn(key_result_id=kr_id, date=date(2026, 10, 1), value=value)
        self._step(lambda: self.controller.add(record))

    @precondition(lambda self: bool(self.ids(Mission)))
    @rule(data=st.data(), title=titles)
    def rename_mission(self, data: st.DataObject, title: str) -> None:
        mission_id = data.draw(st.sampled_from(self.ids(Mission)))
        # Consecutive renames of one mission merge into one step, as typing does.
        self._step(lambda: self.controller.edit(Mission, mission_id, title=title))

    @precondition(lambda self: bool(self.ids(KeyResult)) or bool(self.ids(Objective)))
    @rule(data=st.data(), index=st.integers(0, 6))
    def move(self, data: st.DataObject, index: int) -> None:
        kind = data.draw(st.sampled_from([k for k in (KeyResult, Objective) if self.ids(k)]))
        item_id = data.draw(st.sampled_from(self.ids(kind)))
        parents = self.ids(Objective) if kind is KeyResult else [None, *self.ids(Mission)]
        parent_id = data.draw(st.sampled_from(parents))
        self._step(lambda: self.controller.move(kind, item_id, parent_id, index))

    @precondition(lambda self: bool(self.ids(Objective)))
    @rule(data=st.data())
    def drop_on_a_branch(self, data: st.DataObject) -> None:
        objective_id = data.draw(st.sampled_from(self.ids(Objective)))
        branch = data.draw(st.sampled_from([Branch.BLIND.value, Branch.TEAM.value]))
        self._step(
            lambda: self.controller.run(
                drop_objective_on_branch(self.plan, objective_id, branch, 0)
            )
        )

    @precondition(lambda self: any(self.ids(k) for k in KINDS))
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        kind = data.draw(st.sampled_from([k for k in KINDS if self.ids(k)]))
        item_id = data.draw(st.sampled_from(self.ids(kind)))
        self._step(lambda: self.controller.delete(kind, item_id))

    @precondition(lambda self: self.stack.canUndo())
    @rule()
    def undo_one(self) -> None:
        self.stack.undo()
        index = self.stack.index()
        assert content(self.plan) == (self.after[index - 1] if index else self.start)

    @precondition(lambda self: self.stack.canRedo())
    @rule()
    def redo_one(self) -> None:
        self.stack.redo()
        assert content(self.plan) == self.after[self.stack.index() - 1]

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
        end = content(self.plan) if not self.stack.canRedo() else None
        while self.stack.canUndo():
            self.stack.undo()
        assert content(self.plan) == self.start
        while self.stack.canRedo():
            self.stack.redo()
        if end is not None:
            assert content(self.plan) == end


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
