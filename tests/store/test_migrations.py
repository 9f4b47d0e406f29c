"""The Alembic scripts and the live schema must agree, and a plan made by the first schema
must come through every migration with its data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine

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
            return {n: raw.execute(f"PRAGMA table_info({n})").fetchall() for n in sorted(names)}

    assert tables(new) == tables(migrated)
