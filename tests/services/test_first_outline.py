"""The first window's outline: a plain read-only sqlite3 look that agrees with the real one."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from okrdesk.domain.entities import Cycle, GrowthNote, Meeting, Mission, NextStep, Objective
from okrdesk.services.demo import fill_demo
from okrdesk.services.first_outline import FirstOutline, read_first_outline
from okrdesk.services.outline import Outline, build_outline
from okrdesk.services.plan import PlanService
from tests.builders import small_plan


def shape(outline: Outline | FirstOutline) -> list[tuple[str, str, str, str | None]]:
    """Every node (id, kind, title, parent) in the order the tree shows them."""
    found = []

    def walk(parent_id: str | None) -> None:
        for node_id in outline.children.get(parent_id, ()):
            node = outline.nodes[node_id]
            found.append((node.id, str(node.kind), node.title, node.parent_id))
            walk(node_id)

    walk(None)
    return found


def test_the_demo_reads_as_the_real_outline(plan_path: Path) -> None:
    plan = PlanService.open(plan_path)
    fill_demo(plan, today=date(2026, 2, 18))
    real = build_outline(plan)
    plan.close()
    first = read_first_outline(plan_path)
    assert first is not None
    assert shape(first) == shape(real)
    assert len(shape(first)) > 40  # every kind of node is in the demo
    assert {kind for _id, kind, _title, _parent in shape(first)} >= {
        "mission",
        "objective",
        "key_result",
        "milestone",
        "growth_note",
        "meeting",
        "action_item",
        "skill",
        "next_step",
    }
    assert not first.empty


def test_one_cycle_nested_missions_and_loose_objectives(plan_path: Path) -> None:
    ids = small_plan(plan_path)
    plan = PlanService.open(plan_path)
    q1 = plan.create(Cycle, name="2026 Q1", start="2026-01-01", end="2026-03-31")
    plan.create(Cycle, name="2026 Q2", start="2026-04-01", end="2026-06-30")
    plan.update(Objective, ids["speed"], cycle_id=q1.id)
    plan.create(Mission, title="Serve support", parent_id=ids["care"])
    plan.create(Objective, title="Own goal")  # personal, no mission: "blind"
    meeting = plan.create(Meeting, date="2026-01-20", counterpart="Ana", cycle_id=q1.id)
    plan.create(Meeting, date="2026-04-20", counterpart="Bo")
    note = "Learnt to triage\nand more lines"
    plan.create(GrowthNote, milestone_id=ids["milestone"], text=note, date="2026-01-21")
    plan.create(NextStep, key_result_id=ids["first"], title="Call the vendor")
    plan.set_owner("Dana")
    for cycle_id in (None, q1.id):
        real = build_outline(plan, cycle_id)
        first = read_first_outline(plan_path, cycle_id)
        assert first is not None
        assert shape(first) == shape(real)
        assert first.cycle_id == cycle_id
    plan.close()
    assert first.owner == "Dana"
    assert [c.name for c in first.cycles] == ["2026 Q1", "2026 Q2"]
    assert first.cycles[0].start == date(2026, 1, 1)
    assert meeting.id in first.nodes
    # A cycle the plan does not have (deleted since) shows everything.
    unknown = read_first_outline(plan_path, "no-such-cycle")
    assert unknown is not None and unknown.cycle_id is None


def test_an_empty_plan_says_so(plan_path: Path) -> None:
    PlanService.open(plan_path).close()
    first = read_first_outline(plan_path)
    assert first is not None and first.empty
    assert [node.title for node in first.child_nodes(None)] == [
        "Missions",
        "Team objectives",
        "Objectives without a mission",
        "One-on-ones",
        "Skills",
    ]


def test_reading_writes_nothing_beside_or_in_the_file(plan_path: Path) -> None:
    small_plan(plan_path)
    before = plan_path.read_bytes()
    siblings = sorted(p.name for p in plan_path.parent.iterdir())
    assert read_first_outline(plan_path) is not None
    assert plan_path.read_bytes() == before
    assert sorted(p.name for p in plan_path.parent.iterdir()) == siblings


def _sqlite_file(path: Path, *statements: str) -> Path:
    connection = sqlite3.connect(path)
    for statement in statements:
        connection.execute(statement)
    connection.commit()
    connection.close()
    return path


@pytest.mark.parametrize(
    "make",
    [
        lambda folder: folder / "missing.okrdesk",
        lambda folder: folder,  # a folder
        lambda folder: (folder / "junk.okrdesk", (folder / "junk.okrdesk").write_bytes(b"x"))[0],
        lambda folder: (folder / "empty.okrdesk", (folder / "empty.okrdesk").write_bytes(b""))[0],
        # Another application's database, and an okrdesk-looking one without its id.
        lambda folder: _sqlite_file(folder / "other.db", "CREATE TABLE t (x)"),
        lambda folder: _sqlite_file(
            folder / "old.okrdesk",
            "CREATE TABLE alembic_version (version_num TEXT)",
            "CREATE TABLE missions (id TEXT)",
        ),
    ],
    ids=["missing", "folder", "junk", "empty", "other-sqlite", "no-application-id"],
)
def test_a_file_it_is_not_sure_of_gives_none(tmp_path: Path, make: object) -> None:
    assert callable(make)
    assert read_first_outline(make(tmp_path)) is None


def test_a_newer_or_damaged_plan_gives_none(plan_path: Path) -> None:
    small_plan(plan_path)
    connection = sqlite3.connect(plan_path)
    connection.execute("UPDATE alembic_version SET version_num = '9999_future'")
    connection.commit()
    assert read_first_outline(plan_path) is None
    connection.execute("UPDATE alembic_version SET version_num = '0005_missions_skills'")
    connection.execute("DROP TABLE skills")  # a table it reads is missing
    connection.commit()
    connection.close()
    assert read_first_outline(plan_path) is None
