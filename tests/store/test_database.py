from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from okrdesk.domain.entities import Mission
from okrdesk.services.backups import backup_before_upgrade, list_backups
from okrdesk.services.plan import PlanService
from okrdesk.store import database
from okrdesk.store.database import HEAD, PlanFileError, open_database


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_plan_is_owner_only_and_current(plan_path: Path) -> None:
    db = open_database(plan_path)
    db.close()
    assert stat.S_IMODE(plan_path.stat().st_mode) == 0o600
    with sqlite3.connect(plan_path) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (HEAD,)


def test_connections_use_wal_full_sync_foreign_keys_and_busy_timeout(plan_path: Path) -> None:
    db = open_database(plan_path)
    with db.engine.connect() as connection:
        pragmas = {
            name: connection.execute(text(f"PRAGMA {name}")).scalar()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    db.close()
    assert pragmas == {
        "journal_mode": "wal",
        "synchronous": 2,
        "foreign_keys": 1,
        "busy_timeout": 5000,
    }


def test_reopening_keeps_the_data(plan_path: Path) -> None:
    plan = PlanService.open(plan_path)
    plan.create(Mission, title="Help new colleagues find their feet")
    plan.close()
    again = PlanService.open(plan_path)
    assert [m.title for m in again.all(Mission)] == ["Help new colleagues find their feet"]
    again.close()


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PlanFileError, match="does not exist"):
        open_database(tmp_path / "nowhere" / "plan.okrdesk")
    assert not (tmp_path / "nowhere").exists()


def test_missing_file_is_refused_when_not_creating(plan_path: Path) -> None:
    with pytest.raises(PlanFileError, match="does not exist"):
        open_database(plan_path, create=False)
    assert not plan_path.exists()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"This is my shopping list.\n", "not a SQLite database"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), "not a SQLite database"),
    ],
)
def test_a_file_that_is_not_sqlite_is_refused_untouched(
    plan_path: Path, content: bytes, words: str
) -> None:
    plan_path.write_bytes(content)
    with pytest.raises(PlanFileError, match=words):
        open_database(plan_path)
    assert plan_path.read_bytes() == content


def test_another_applications_database_is_refused_untouched(plan_path: Path) -> None:
    with sqlite3.connect(plan_path) as raw:
        raw.execute("CREATE TABLE recipes (name TEXT)")
        raw.execute("INSERT INTO recipes VALUES ('soup')")
    before = digest(plan_path)
    with pytest.raises(PlanFileError, match="another application"):
        open_database(plan_path)
    assert digest(plan_path) == before


def test_a_plan_from_a_newer_okrdesk_is_refused_untouched(plan_path: Path) -> None:
    open_database(plan_path).close()
    with sqlite3.connect(plan_path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999_future'")
    raw.close()
    before = digest(plan_path)
    with pytest.raises(PlanFileError, match="newer okrdesk"):
        open_database(plan_path)
    assert digest(plan_path) == before


def test_a_truncated_plan_is_refused_untouched(plan_path: Path) -> None:
    plan = PlanService.open(plan_path)
    for n in range(300):
        plan.create(Mission, title=f"Mission {n}", statement="words " * 50)
    plan.close()
    with sqlite3.connect(plan_path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    data = plan_path.read_bytes()
    plan_path.write_bytes(data[: len(data) // 2])
    before = digest(plan_path)
    with pytest.raises(PlanFileError, match="damaged"):
        open_database(plan_path)
    assert digest(plan_path) == before


def test_a_read_only_plan_is_refused_untouched(plan_path: Path) -> None:
    open_database(plan_path).close()
    plan_path.chmod(0o400)
    before = digest(plan_path)
    with pytest.raises(PlanFileError, match="read-only"):
        open_database(plan_path)
    assert digest(plan_path) == before


def test_a_folder_is_not_a_plan(tmp_path: Path) -> None:
    with pytest.raises(PlanFileError, match="folder"):
        open_database(tmp_path)


def test_an_empty_file_becomes_a_new_plan(plan_path: Path) -> None:
    plan_path.touch()
    PlanService.open(plan_path).close()
    with sqlite3.connect(plan_path) as raw:
        assert raw.execute("SELECT count(*) FROM stakeholders").fetchone() == (7,)


def test_an_older_plan_is_backed_up_then_upgraded(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Pretend the current schema is one migration newer than the file: the file must be
    # backed up and handed to Alembic.
    open_database(plan_path).close()
    upgraded: list[str] = []
    monkeypatch.setattr(database, "REVISIONS", (*database.REVISIONS, "9999_next"))
    monkeypatch.setattr(database, "HEAD", "9999_next")
    monkeypatch.setattr(database, "upgrade", lambda engine: upgraded.append("upgraded"))
    open_database(plan_path, before_upgrade=backup_before_upgrade).close()
    assert upgraded == ["upgraded"]
    backups = list_backups(plan_path)
    assert [b.reason for b in backups] == ["before-upgrade"]
    assert stat.S_IMODE(backups[0].path.stat().st_mode) == 0o600


def test_the_hook_runs_before_the_upgrade_and_its_failure_stops_it(
    plan_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_database(plan_path).close()
    steps: list[str] = []
    monkeypatch.setattr(database, "REVISIONS", (*database.REVISIONS, "9999_next"))
    monkeypatch.setattr(database, "HEAD", "9999_next")
    monkeypatch.setattr(database, "upgrade", lambda engine: steps.append("upgraded"))

    def full_disk(path: Path) -> None:
        steps.append("backup")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        open_database(plan_path, before_upgrade=full_disk)
    assert steps == ["backup"]
