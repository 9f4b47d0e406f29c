"""A plan file is data, never code: a plan someone else made that carries a trigger, a
view standing in for a table, or tables and columns okrdesk did not make is refused with
one sentence, and left byte-for-byte as it was (so nothing in it ever runs)."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from okrdesk.cli import main
from okrdesk.domain.entities import GrowthNote, KeyResult, Milestone, Mission, Objective
from okrdesk.services.plan import PlanService


def make_plan(path: Path) -> None:
    plan = PlanService.open(path)
    mission = plan.create(Mission, title="Serve my team")
    objective = plan.create(Objective, title="Ship it calmly", mission_id=mission.id)
    plan.create(KeyResult, objective_id=objective.id, title="Incidents a month", target=0)
    milestone = plan.create(Milestone, objective_id=objective.id, title="Runbook")
    plan.create(GrowthNote, milestone_id=milestone.id, date="2026-11-02", text="I was scared",
                private=True)  # fmt: skip
    plan.close()
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()


def wiping_trigger(raw: sqlite3.Connection) -> None:
    raw.execute("CREATE TRIGGER wipe AFTER INSERT ON check_ins BEGIN DELETE FROM missions; END")


def leaking_trigger(raw: sqlite3.Connection) -> None:
    # Copies a private growth note into a team key result, which `export team` sends out.
    raw.execute(
        "CREATE TRIGGER leak AFTER INSERT ON check_ins BEGIN "
        "UPDATE key_results SET title = (SELECT text FROM growth_notes LIMIT 1); END"
    )


def view_swallowing_writes(raw: sqlite3.Connection) -> None:
    raw.execute("ALTER TABLE check_ins RENAME TO real_check_ins")
    raw.execute("CREATE VIEW check_ins AS SELECT * FROM real_check_ins")
    raw.execute("CREATE TRIGGER swallow INSTEAD OF INSERT ON check_ins BEGIN SELECT 1; END")


def extra_table(raw: sqlite3.Connection) -> None:
    raw.execute("CREATE TABLE surprise (payload TEXT)")


def missing_column(raw: sqlite3.Connection) -> None:
    raw.execute("ALTER TABLE missions DROP COLUMN statement")


def extra_column(raw: sqlite3.Connection) -> None:
    raw.execute("ALTER TABLE missions ADD COLUMN hidden TEXT")


def extra_index(raw: sqlite3.Connection) -> None:
    raw.execute("CREATE INDEX odd ON missions (lower(title))")


def two_versions(raw: sqlite3.Connection) -> None:
    raw.execute("INSERT INTO alembic_version VALUES ('0001_initial')")


PLANTED: dict[str, tuple[Callable[[sqlite3.Connection], None], str]] = {
    "a trigger that deletes missions": (wiping_trigger, "it holds a trigger “wipe”"),
    "a trigger that leaks a private note": (leaking_trigger, "it holds a trigger “leak”"),
    "a view with an INSTEAD OF trigger": (view_swallowing_writes, "it holds a trigger “swallow”"),
    "an extra table": (extra_table, "a table okrdesk does not make (“surprise”)"),
    "a missing column": (missing_column, "the column “statement” of its table “missions”"),
    "an extra column": (extra_column, "a column okrdesk does not make (“hidden”)"),
    "an index okrdesk did not make": (extra_index, "the indexes of its table “missions”"),
    "two schema versions": (two_versions, "records 2 schema versions instead of one"),
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("case", sorted(PLANTED))
def test_a_planted_plan_is_refused_in_one_line_and_nothing_in_it_runs(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "from-someone.okrdesk"
    make_plan(path)
    plant, words = PLANTED[case]
    with sqlite3.connect(path) as raw:
        plant(raw)
    raw.close()
    before = digest(path)
    names = sorted(p.name for p in tmp_path.iterdir())
    status = main(["--db", str(path), "checkin", "Incidents", "3"])
    err = capsys.readouterr().err
    assert status == 1
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("okrdesk: from-someone.okrdesk "), err
    assert words in lines[0]
    assert lines[0].endswith("left it as it was.")
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == names  # not even a -wal appeared
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as raw:
        assert raw.execute("SELECT title FROM missions").fetchall() == [("Serve my team",)]
        assert raw.execute("SELECT title FROM key_results").fetchall() == [("Incidents a month",)]
    raw.close()


def test_the_plans_okrdesk_makes_pass_the_check(tmp_path: Path) -> None:
    path = tmp_path / "mine.okrdesk"
    make_plan(path)
    plan = PlanService.open(path)
    plan.close()
