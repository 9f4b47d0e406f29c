"""One clear line for every failure on the command line: disk full, read-only, locked, a
schema mismatch; never SQL text or row data (the log keeps the details)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from okrdesk.cli import main
from okrdesk.domain.entities import KeyResult, Objective
from okrdesk.services.logs import log_file
from okrdesk.services.plan import PlanService

SECRET = "my private note about Dana"


def make_plan(path: Path) -> None:
    plan = PlanService.open(path)
    objective = plan.create(Objective, title="Answer faster")
    plan.create(KeyResult, objective_id=objective.id, title="Tickets answered", target=10)
    plan.close()


@contextlib.contextmanager
def tiny_disk(folder: Path, size: str = "2m") -> Iterator[Path]:
    """A real, small file system (tmpfs), or a skip when this machine cannot mount one."""
    folder.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path, leave: int) -> None:
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    with (folder / "filler").open("wb") as handle:
        handle.write(b"\0" * max(0, free - leave))


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "OKRDESK_DEBUG"}
    return subprocess.run(
        [sys.executable, "-m", "okrdesk", *args], capture_output=True, text=True, env=env,
        timeout=120,
    )  # fmt: skip


def test_a_full_disk_is_one_line_and_nothing_half_written(tmp_path: Path) -> None:
    with tiny_disk(tmp_path / "disk") as disk:
        path = disk / "plan.okrdesk"
        make_plan(path)
        fill(disk, leave=150_000)
        results = []
        for _ in range(4):  # each check-in takes about 90 KB: the disk fills within three
            results.append(
                cli("--db", str(path), "checkin", "Tickets", "5", "--note", SECRET + "x" * 90_000)
            )
            if results[-1].returncode != 0:
                break
        failed = [r for r in results if r.returncode != 0]
        assert failed, "the disk never filled up"
        for result in failed:
            assert result.stdout == ""
            assert result.stderr == "okrdesk: The disk is full: nothing was changed.\n"
        # Every check-in the command line reported is there, and no other.
        (disk / "filler").unlink()
        plan = PlanService.open(path)
        try:
            from okrdesk.domain.entities import CheckIn

            assert plan.count(CheckIn) == len(results) - len(failed)
        finally:
            plan.close()
        with sqlite3.connect(path) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        raw.close()


def test_an_export_onto_a_full_disk_is_one_line_and_leaves_no_file(tmp_path: Path) -> None:
    plan_path = tmp_path / "plan.okrdesk"
    make_plan(plan_path)
    with tiny_disk(tmp_path / "disk", "1m") as disk:
        fill(disk, leave=0)
        out = disk / "plan.json"
        result = cli("--db", str(plan_path), "export", "json", str(out))
        assert result.returncode == 1
        assert result.stderr == "okrdesk: The disk is full: nothing was changed.\n"
        assert sorted(p.name for p in disk.iterdir()) == ["filler"]


def database_error(words: str, code: int) -> OperationalError:
    cause = sqlite3.OperationalError(words)
    # As sqlite3 sets it on the errors it raises itself (not a declared attribute).
    cause.sqlite_errorcode = code
    # What SQLAlchemy raises: the statement and its parameters (row data) in the text.
    return OperationalError(
        "INSERT INTO check_ins (note) VALUES (?)", (SECRET,), cause, connection_invalidated=False
    )


@pytest.mark.parametrize(
    ("words", "code", "sentence"),
    [
        ("database or disk is full", 13, "The disk is full: nothing was changed."),
        ("attempt to write a readonly database", 8,
         "The plan or its folder is read-only: nothing was changed."),
        ("database is locked", 5,
         "The plan is in use by another program (it is locked): nothing was changed; try again."),
        ("no such column: check_ins.note", 1,
         "The plan's tables are not what this okrdesk expects (a schema mismatch): nothing was "
         "changed."),
        ("disk I/O error", 10, "The disk could not be read or written: nothing was changed."),
    ],
    ids=["disk full", "read-only", "locked", "schema mismatch", "i/o error"],
)  # fmt: skip
def test_a_database_failure_is_one_sentence_without_sql_or_row_data(
    words: str,
    code: int,
    sentence: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "plan.okrdesk"
    make_plan(path)

    def failing(*_args: object, **_kwargs: object) -> None:
        raise database_error(words, code)

    monkeypatch.delenv("OKRDESK_DEBUG", raising=False)
    monkeypatch.setattr(PlanService, "create", failing)
    status = main(["--db", str(path), "checkin", "Tickets", "5", "--note", SECRET])
    err = capsys.readouterr().err
    assert status == 1
    assert err == f"okrdesk: {sentence}\n"
    assert SECRET not in err and "INSERT" not in err
    # The details are in the log, owner-only.
    logged = log_file().read_text(encoding="utf-8")
    assert "INSERT INTO check_ins" in logged and words in logged


def test_an_unforeseen_error_names_only_its_kind(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "plan.okrdesk"
    make_plan(path)

    def failing(*_args: object, **_kwargs: object) -> None:
        raise OverflowError(f"cannot store {SECRET}")

    monkeypatch.delenv("OKRDESK_DEBUG", raising=False)
    monkeypatch.setattr(PlanService, "create", failing)
    assert main(["--db", str(path), "checkin", "Tickets", "5"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "okrdesk: Unexpected error (OverflowError): nothing was changed; the details are in "
        "the log.\n"
    )
