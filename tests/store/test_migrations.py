"""The Alembic scripts and the live schema must agree, and a plan made by the first schema
must come through every migration with its data."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

from okrdesk.domain.entities import (
    CheckIn,
    KeyResult,
    Meeting,
    Mission,
    MissionStakeholder,
    Objective,
)
from okrdesk.services.backups import list_backups
from okrdesk.services.missions import stakeholder_ids_by_mission
from okrdesk.services.plan import PlanService
from okrdesk.store import database
from okrdesk.store.schema import Base


def scripts() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(database.MIGRATIONS))
    return ScriptDirectory.from_config(config)


def test_known_revisions_are_alembics_history_in_order() -> None:
    history = [rev.revision for rev in reversed(list(scripts().walk_revisions()))]
    assert tuple(history) == database.REVISIONS
    assert scripts().get_current_head() == database.HEAD


def test_migrations_build_exactly_the_current_schema(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'migrated.db'}")
    database.upgrade(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert context.get_current_revision() == database.HEAD
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()


def test_a_new_plan_and_a_migrated_plan_have_the_same_tables(tmp_path: Path) -> None:
    new = tmp_path / "new.okrdesk"
    database.open_database(new).close()
    migrated = tmp_path / "migrated.db"
    engine = create_engine(f"sqlite:///{migrated}")
    database.upgrade(engine)
    engine.dispose()

    def tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
        with sqlite3.connect(path) as raw:
            names = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            # Name, type, not-null and key of each column; not their order or defaults,
            # which ALTER TABLE decides.
            return {
                n: sorted((c[1], c[2], c[3], c[5]) for c in raw.execute(f"PRAGMA table_info({n})"))
                for n in sorted(names)
            }

    assert tables(new) == tables(migrated)


FIXTURES = Path(__file__).parent.parent / "data" / "schemas"


def test_a_plan_of_the_first_schema_comes_through_every_migration_whole(tmp_path: Path) -> None:
    """The demo plan as the first release wrote it, opened by this okrdesk: backed up first,
    then upgraded, with every row and value of every table kept."""
    old = tmp_path / "first.okrdesk"
    shutil.copy(FIXTURES / "plan-0001_initial.okrdesk", old)
    with sqlite3.connect(old) as raw:
        tables = [
            r[0]
            for r in raw.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name != 'alembic_version'"
            )
        ]
        before = {t: raw.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
        columns = {t: [c[1] for c in raw.execute(f"PRAGMA table_info({t})")] for t in tables}
        before_serves = raw.execute(
            "SELECT id, stakeholder_id FROM missions WHERE stakeholder_id IS NOT NULL"
        ).fetchall()
    raw.close()
    assert before["check_ins"], "the fixture holds a real plan"

    plan = PlanService.open(old)
    counts = {cls.__name__: plan.count(cls) for cls in (Mission, Objective, KeyResult, CheckIn)}
    meeting = plan.all(Meeting)[0]
    served = stakeholder_ids_by_mission(plan)
    no_further = plan.count(MissionStakeholder)
    plan.close()

    with sqlite3.connect(old) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (database.HEAD,)
        for table in tables:
            kept = ", ".join(columns[table])
            assert (
                raw.execute(f"SELECT {kept} FROM {table} ORDER BY 1").fetchall() == (before[table])
            ), table
    raw.close()
    assert all(n > 0 for n in counts.values())
    assert meeting.closed_on is None
    # Each mission's one stakeholder is its primary one, and it serves no other yet.
    assert served == {m: [s] for m, s in before_serves}
    assert no_further == 0
    backups = [b for b in list_backups(old) if b.reason == "before-upgrade"]
    assert len(backups) == 1
    with sqlite3.connect(backups[0].path) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0001_initial",
        )
    raw.close()
