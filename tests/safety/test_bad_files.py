"""Every kind of bad plan file: one clear line, a non-zero status, no traceback, and the
file left byte-for-byte as it was."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from okrdesk.domain.entities import Mission
from okrdesk.services.plan import PlanService


def make_plan(path: Path, missions: int = 200) -> None:
    plan = PlanService.open(path)
    for n in range(missions):
        plan.create(Mission, title=f"Mission {n}", statement="words " * 40)
    plan.close()
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()


def not_sqlite(path: Path) -> None:
    path.write_text("Dear diary, today I planned my quarter.\n")


def truncated(path: Path) -> None:
    make_plan(path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


def other_application(path: Path) -> None:
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE photos (name TEXT, taken TEXT)")
        raw.execute("INSERT INTO photos VALUES ('beach.jpg', '2026-07-01')")
    raw.close()


def newer_okrdesk(path: Path) -> None:
    make_plan(path, 1)
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    raw.close()


def read_only_file(path: Path) -> None:
    make_plan(path, 1)
    path.chmod(0o400)


def read_only_folder(path: Path) -> None:
    make_plan(path, 1)
    path.parent.chmod(0o500)


BAD_FILES: dict[str, tuple[Callable[[Path], None], str]] = {
    "not sqlite": (not_sqlite, "not a SQLite database"),
    "truncated": (truncated, "damaged"),
    "another application's database": (other_application, "another application"),
    "a newer okrdesk's plan": (newer_okrdesk, "newer okrdesk"),
    "a read-only file": (read_only_file, "read-only"),
    "a read-only folder": (read_only_folder, "read-only"),
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "okrdesk", *args], capture_output=True, text=True, timeout=60
    )


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_plan_is_one_line_and_left_untouched(case: str, tmp_path: Path) -> None:
    folder = tmp_path / "plans"
    folder.mkdir()
    path = folder / "plan.okrdesk"
    make_bad, words = BAD_FILES[case]
    make_bad(path)
    before = digest(path)
    names_before = sorted(p.name for p in folder.iterdir())
    try:
        result = run_cli("--db", str(path), "list")
        assert result.returncode != 0
        assert result.stdout == ""
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1, result.stderr
        assert lines[0].startswith("okrdesk: ") and words in lines[0]
        assert "Traceback" not in result.stderr
        assert digest(path) == before
        assert sorted(p.name for p in folder.iterdir()) == names_before  # no -wal, no -shm
    finally:
        folder.chmod(0o700)


def test_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    result = run_cli("--db", str(tmp_path / "gone" / "plan.okrdesk"), "demo")
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert "does not exist" in result.stderr
    assert not (tmp_path / "gone").exists()


@contextmanager
def locked(path: Path) -> Iterator[None]:
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO plan_info VALUES ('lock', 'held')")
    try:
        yield
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_locked_plan_is_one_line_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "plan.okrdesk"
    make_plan(path, 1)
    before = digest(path)
    with locked(path):
        result = run_cli("--db", str(path), "list")
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "locked" in result.stderr
    assert digest(path) == before


def test_the_app_explains_a_bad_plan_and_offers_a_way_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("PySide6")
    from okrdesk.gui import app

    path = tmp_path / "plan.okrdesk"
    not_sqlite(path)
    other = tmp_path / "other.okrdesk"
    asked: list[tuple[Path, str]] = []

    def answer(refused: Path, message: str) -> Path:
        asked.append((refused, message))
        return other

    monkeypatch.setattr(app, "_ask_for_another", answer)
    plan = app._open_first_plan(path)
    assert plan is not None and plan.path == other
    plan.close()
    assert asked == [(path, "plan.okrdesk is not an okrdesk plan (it is not a SQLite database).")]
    assert path.read_text() == "Dear diary, today I planned my quarter.\n"
