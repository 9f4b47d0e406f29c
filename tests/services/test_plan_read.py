"""The plan's shared read: always what a fresh read finds, while keeping the objects of the
rows that did not change."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import update

from okrdesk.domain.entities import (
    CheckIn,
    Cycle,
    GrowthNote,
    Item,
    KeyResult,
    Milestone,
    Mission,
    MissionLink,
    NextStep,
    Objective,
    ObjectiveClose,
)
from okrdesk.services.coach import review_plan
from okrdesk.services.operations import (
    AddItem,
    DeleteItem,
    EditFields,
    MoveItem,
    Operation,
)
from okrdesk.services.plan import PlanService
from okrdesk.services.plan_read import PlanRead, shared_read
from okrdesk.services.status import load_records, plan_status
from okrdesk.store.mapping import table_of
from tests.builders import small_plan

TYPES: tuple[type[Item], ...] = (
    Mission,
    Objective,
    KeyResult,
    CheckIn,
    Cycle,
    Milestone,
    GrowthNote,
    MissionLink,
    NextStep,
    ObjectiveClose,
)
TODAY = date(2026, 2, 1)


@pytest.fixture
def opened(tmp_path: Path) -> Iterator[tuple[PlanService, dict[str, str]]]:
    path = tmp_path / "plan.okrdesk"
    ids = small_plan(path)
    plan = PlanService.open(path)
    yield plan, ids
    plan.close()


def assert_like_a_fresh_read(plan: PlanService) -> None:
    """The shared read, the records and the figures made from it equal those of a plan
    opened afresh on the same file (no read kept, nothing patched)."""
    read = shared_read(plan)
    for cls in TYPES:
        assert read.records(cls) == tuple(plan.all(cls)), cls.__name__
        assert read.records(cls) == PlanRead(plan).records(cls), cls.__name__
    fresh = PlanService.open(plan.path)
    try:
        assert load_records(plan) == load_records(fresh)
        for cycle in plan.all(Cycle):
            assert load_records(plan, cycle.id) == load_records(fresh, cycle.id)
        assert plan_status(plan, TODAY) == plan_status(fresh, TODAY)
        ours, theirs = review_plan(plan, TODAY), review_plan(fresh, TODAY)
        assert ours.findings == theirs.findings
        assert ours.plan_strength() == theirs.plan_strength()
    finally:
        fresh.close()


def test_a_run_of_edits_and_undos_reads_as_a_fresh_read(
    opened: tuple[PlanService, dict[str, str]],
) -> None:
    plan, ids = opened
    assert_like_a_fresh_read(plan)  # the first read, kept from here on
    first = plan.check_ins(ids["first"])[0]
    steps: list[Callable[[], Operation]] = [
        lambda: EditFields(KeyResult, ids["first"], {"target": 7.0}),
        lambda: AddItem(CheckIn(key_result_id=ids["second"], date=date(2026, 1, 20), value=50)),
        lambda: EditFields(CheckIn, first.id, {"value": 2.5, "confidence": 0.4}),
        lambda: EditFields(Objective, ids["trust"], {"title": "Be trusted by all"}),
        lambda: MoveItem(KeyResult, ids["second"], ids["trust"], 0),
        lambda: DeleteItem(Objective, ids["speed"]),
        lambda: AddItem(Milestone(objective_id=ids["trust"], title="Survey")),
    ]
    undos: list[Operation] = []
    for step in steps:
        undos.append(step().apply(plan).inverse)
        assert_like_a_fresh_read(plan)
    for undo in reversed(undos):
        undo.apply(plan)
        assert_like_a_fresh_read(plan)
    # A write that no operation describes (a script's, the command line's) is seen too.
    plan.update(KeyResult, ids["first"], target=12.0)
    assert_like_a_fresh_read(plan)


def test_unchanged_rows_keep_their_records(opened: tuple[PlanService, dict[str, str]]) -> None:
    plan, ids = opened
    read = shared_read(plan)
    check_ins, key_results = read.records(CheckIn), read.records(KeyResult)
    plan.update(KeyResult, ids["first"], target=6.0)
    # Check-ins were not written: not read again at all.
    assert read.records(CheckIn) is check_ins
    after = read.records(KeyResult)
    assert [kr.target for kr in after if kr.id == ids["first"]] == [6.0]
    # The key result not edited is the same object as before.
    untouched = next(kr for kr in after if kr.id == ids["second"])
    assert untouched is next(kr for kr in key_results if kr.id == ids["second"])
    edited = check_ins[0]
    plan.update(CheckIn, edited.id, value=9.0)
    again = read.records(CheckIn)
    assert [c.value for c in again if c.id == edited.id] == [9.0]
    assert all(a is b for a, b in zip(again, check_ins, strict=True) if a.id != edited.id)


def test_records_share_their_key_result_ids(opened: tuple[PlanService, dict[str, str]]) -> None:
    plan, ids = opened
    found = [c for c in shared_read(plan).records(CheckIn) if c.key_result_id == ids["first"]]
    assert len(found) == 2
    assert found[0].key_result_id is found[1].key_result_id


def test_a_read_while_a_write_is_under_way_is_not_kept(
    opened: tuple[PlanService, dict[str, str]],
) -> None:
    plan, _ids = opened
    read = shared_read(plan)
    edited = read.records(CheckIn)[0]
    table = table_of(CheckIn)
    with plan.database.transaction() as session:
        session.execute(update(table).where(table.c.id == edited.id).values(value=8.0))
        # The write's revision is counted already, its row not committed: what a job
        # reading now sees is the old row.
        assert [c.value for c in read.records(CheckIn) if c.id == edited.id] == [edited.value]
        assert load_records(plan).check_ins[edited.key_result_id][0].value == edited.value
    assert [c.value for c in read.records(CheckIn) if c.id == edited.id] == [8.0]
    assert load_records(plan).check_ins[edited.key_result_id][0].value == 8.0
