"""The expected schema of each revision, and telling a plan file by its content."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from okrdesk.store import database
from okrdesk.store.database import APPLICATION_ID, PlanFileError, is_plan_file, open_database
from okrdesk.store.schema_check import _shape_of_metadata, _shape_of_revision, expected_schema


def test_the_declarative_tables_and_the_migrations_expect_the_same_schema() -> None:
    # The current revision's shape comes from the tables declared in schema.py (fast, no
    # Alembic); it must be exactly what the migrations build.
    assert _shape_of_metadata() == _shape_of_revision(database.HEAD)


def test_every_revision_has_an_expected_schema_and_they_differ() -> None:
    shapes = [expected_schema(revision, database.HEAD) for revision in database.REVISIONS]
    assert all(shapes) and shapes[0] != shapes[-1]


def test_a_plan_of_the_first_schema_passes_the_check_and_is_upgraded(tmp_path: Path) -> None:
    old = tmp_path / "old.okrdesk"
    engine = create_engine(f"sqlite:///{old}")
    database.upgrade(engine, database.REVISIONS[0])
    engine.dispose()
    open_database(old).close()
    with sqlite3.connect(old) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (database.HEAD,)
    raw.close()


def test_every_plan_opened_carries_okrdesks_application_id(tmp_path: Path) -> None:
    path = tmp_path / "plan.okrdesk"
    open_database(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA application_id=0")  # as a plan made before the id was set
    raw.close()
    assert is_plan_file(path)  # known by its tables
    open_database(path).close()
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
    raw.close()


def test_what_is_no_plan_is_not_taken_for_one(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("SQLite format 3 is what I use")
    other = tmp_path / "photos.db"
    with sqlite3.connect(other) as raw:
        raw.execute("CREATE TABLE photos (name TEXT)")
    raw.close()
    assert not is_plan_file(text)
    assert not is_plan_file(other)
    assert not is_plan_file(tmp_path / "missing.okrdesk")


def test_a_check_constraint_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.okrdesk"
    open_database(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE x (a INTEGER CHECK (a > 0))")
        raw.execute("DROP TABLE plan_info")
        raw.execute(
            "CREATE TABLE plan_info (key VARCHAR(100) NOT NULL CHECK (length(key) > 99), "
            "value TEXT NOT NULL, CONSTRAINT pk_plan_info PRIMARY KEY (key))"
        )
        raw.execute("DROP TABLE x")
    raw.close()
    with pytest.raises(PlanFileError, match="its table “plan_info” declares a CHECK constraint"):
        open_database(path)
