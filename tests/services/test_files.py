"""services.files: every file okrdesk writes is whole or absent, private, and never goes
where it must not; every file an import reads is capped and parsed strictly."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from okrdesk.services import files
from okrdesk.services.errors import ImportRefused, IncompleteFile, TargetExists, WriteRefused
from okrdesk.services.files import (
    TEMP_SUFFIX,
    check_target,
    clean_stale_temp_files,
    parse_json,
    read_capped,
    write_file,
    writing,
)
from okrdesk.services.plan import PlanService


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def dead_pid() -> int:
    """The id of a process that has just ended (so no process has it for a while)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_written_file_is_whole_owner_only_and_leaves_no_temporary(
    tmp_path: Path, loose_umask: None
) -> None:
    target = tmp_path / "out.json"
    write_file(target, b"{}\n", overwrite=False)
    assert target.read_bytes() == b"{}\n"
    assert mode(target) == 0o600
    assert leftovers(tmp_path) == []


def test_the_file_and_then_its_folder_are_fsynced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[str] = []
    real_fsync = os.fsync

    def recording(fd: int) -> None:
        synced.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording)
    write_file(tmp_path / "out.json", b"data", overwrite=False)
    assert synced == ["file", "folder"]


def test_an_existing_file_is_replaced_only_when_told(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")
    with pytest.raises(TargetExists, match=r"out\.json exists already; nothing was written"):
        write_file(target, b"new", overwrite=False)
    assert target.read_text() == "old"
    write_file(target, b"new", overwrite=True)
    assert target.read_text() == "new"


def test_a_file_that_appears_while_writing_is_not_replaced(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    with pytest.raises(TargetExists), writing(target, overwrite=False) as out:
        out.write(b"mine")
        target.write_text("someone else's")  # between the check and the rename
    assert target.read_text() == "someone else's"
    assert leftovers(tmp_path) == []


def test_a_failure_half_way_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")

    def full_disk(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_file(target, b"new", overwrite=True)
    assert target.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_a_check_that_fails_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_bytes(b"%PDF- the old report %%EOF")

    def incomplete(_temp: Path) -> None:
        raise IncompleteFile("The PDF came out incomplete: nothing was written.")

    with pytest.raises(IncompleteFile):
        write_file(target, b"%PDF- half", overwrite=True, verify=incomplete)
    assert target.read_bytes() == b"%PDF- the old report %%EOF"
    assert leftovers(tmp_path) == []


def test_nothing_empty_is_published(tmp_path: Path) -> None:
    with pytest.raises(IncompleteFile, match=r"out\.json came out incomplete \(0 bytes\)"):
        write_file(tmp_path / "out.json", b"", overwrite=False)
    assert not (tmp_path / "out.json").exists() and leftovers(tmp_path) == []


def test_a_planted_link_where_the_temporary_would_go_is_never_followed(tmp_path: Path) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    # The fixed names earlier versions used, planted as links to the victim.
    for name in (".out.pdf.part", ".out.pdf.abcd1234.tmp"):
        (tmp_path / name).symlink_to(victim)
    write_file(tmp_path / "out.pdf", b"%PDF-1.4 new", overwrite=False)
    assert victim.read_text() == "precious"
    assert (tmp_path / "out.pdf").read_bytes() == b"%PDF-1.4 new"
    assert leftovers(tmp_path) == []  # the planted links removed, not their target


def test_temporary_names_cannot_be_guessed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []
    real_open = os.open

    def recording(path: str, flags: int, mode: int = 0o777) -> int:
        if str(path).endswith(TEMP_SUFFIX):
            seen.append(Path(path).name)
            assert flags & os.O_EXCL and flags & os.O_CREAT and flags & os.O_NOFOLLOW
            assert mode == 0o600
        return real_open(path, flags, mode)

    monkeypatch.setattr(os, "open", recording)
    for _ in range(3):
        write_file(tmp_path / "out.json", b"x", overwrite=True)
    assert len(set(seen)) == 3


def test_stale_temporaries_of_dead_processes_go_live_ones_stay(tmp_path: Path) -> None:
    dead = tmp_path / f".plan.json.{dead_pid()}-0123456789ab{TEMP_SUFFIX}"
    live = tmp_path / f".plan.json.{os.getpid()}-0123456789ab{TEMP_SUFFIX}"
    old = tmp_path / f".other.json.{os.getpid()}-ba9876543210{TEMP_SUFFIX}"
    mine = tmp_path / ".notes.txt.part"  # not okrdesk's: another file's fixed name
    for path in (dead, live, old, mine):
        path.write_text("half")
    os.utime(old, (time.time() - 2 * 86400,) * 2)
    removed = clean_stale_temp_files(tmp_path)
    assert sorted(p.name for p in removed) == sorted([dead.name, old.name])
    assert live.exists() and mine.exists()


def test_opening_a_plan_cleans_what_a_killed_export_left(plan_path: Path) -> None:
    PlanService.open(plan_path).close()
    stale = plan_path.with_name(f".report.pdf.{dead_pid()}-0123456789ab{TEMP_SUFFIX}")
    stale.write_bytes(b"%PDF- half")
    PlanService.open(plan_path).close()
    assert not stale.exists()


def test_the_open_plan_and_its_journal_files_are_never_a_target(plan: PlanService) -> None:
    for name in (plan.path.name, plan.path.name + "-wal", plan.path.name + "-shm"):
        with pytest.raises(WriteRefused, match="open plan's own file"):
            check_target(plan.path.with_name(name), overwrite=True, plan=plan.path)


def test_a_link_to_the_plan_is_the_plan(plan: PlanService, tmp_path: Path) -> None:
    link = tmp_path / "looks-harmless.json"
    link.symlink_to(plan.path)
    with pytest.raises(WriteRefused, match="open plan's own file"):
        check_target(link, overwrite=True, plan=plan.path)


def test_any_okrdesk_plan_is_known_by_its_content_not_its_name(
    plan: PlanService, tmp_path: Path
) -> None:
    other = tmp_path / "notes.json"  # a plan, whatever its name says
    PlanService.open(other).close()
    with pytest.raises(WriteRefused, match=r"notes\.json is an okrdesk plan"):
        check_target(other, overwrite=True, plan=plan.path)
    with pytest.raises(WriteRefused, match=r"belongs to the plan notes\.json"):
        check_target(tmp_path / "notes.json-wal", overwrite=True)


def test_a_device_or_a_pipe_is_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "stdout"
    link.symlink_to("/dev/null")
    for target in (fifo, link):
        with pytest.raises(WriteRefused, match="is not a regular file"):
            check_target(target, overwrite=True)
    assert link.is_symlink() and stat.S_ISFIFO(fifo.lstat().st_mode)


def test_a_folder_or_a_missing_folder_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(WriteRefused, match="is a folder"):
        check_target(tmp_path, overwrite=True)
    with pytest.raises(WriteRefused, match="does not exist; nothing was written"):
        check_target(tmp_path / "gone" / "out.json", overwrite=True)


# -- reading ---------------------------------------------------------------------------------


def test_a_file_over_the_cap_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 2000)
    with pytest.raises(ImportRefused, match=r"big\.json is too large"):
        read_capped(path, 1000)


def test_a_fifo_is_refused_rather_than_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    started = time.monotonic()
    with pytest.raises(ImportRefused, match="not a regular file"):
        read_capped(fifo, 1000)
    assert time.monotonic() - started < 5


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('{"n": ' + "9" * 400 + "}", "a whole number of 400 digits"),
        ('{"n": 1e400}', "too large for okrdesk to store"),
        ('{"n": NaN}', "NaN, which is not a number JSON allows"),
        ('{"a": 1, "a": 2}', "the key “a” twice"),
        ("[" * 100_000, "nested too deeply"),
        ('{"a": ', "not valid JSON"),
    ],
    ids=["400 digits", "1e400", "NaN", "duplicate key", "deep", "truncated"],
)
def test_strict_json_is_one_sentence(text: str, words: str) -> None:
    with pytest.raises(ImportRefused, match=words) as refused:
        parse_json(text.encode(), "team.json", "a team file")
    assert "\n" not in str(refused.value)
    assert str(refused.value).startswith("team.json ")


def test_the_module_is_the_one_place_imports_read_and_parse() -> None:
    # exchange and team both read through it (okr_import's Markdown/CSV reader is another
    # engineer's to move over).
    source = Path(files.__file__).parent
    for name in ("exchange.py", "team.py"):
        text = (source / name).read_text(encoding="utf-8")
        assert "json.loads" not in text and ".read_bytes()" not in text, name
        assert "files.read_capped" in text or "files.read_text" in text, name


def test_what_an_older_okrdesk_left_goes_at_the_next_start(plan_path: Path) -> None:
    PlanService.open(plan_path).close()
    left = [plan_path.with_name(n) for n in (".report.pdf.part", ".plan.json.k3j9x0qa.tmp")]
    fresh = plan_path.with_name(".other.pdf.part")  # an older okrdesk may be writing it
    for path in (*left, fresh):
        path.write_bytes(b"half")
    for path in left:
        os.utime(path, (time.time() - 7200,) * 2)
    PlanService.open(plan_path).close()
    assert [p.exists() for p in left] == [False, False]
    assert fresh.exists()


@pytest.mark.parametrize(
    "text",
    [
        "[" * 50_000 + "]" * 50_000,
        '{"a": ' * 30_000 + "1" + "}" * 30_000,
        "[" + ", ".join(["1" * 17] * 5_000) + "]",
        '{"format": "okrdesk-team", "version": 1, "origin": "' + "x" * 100_000 + '"}',
        '"' + "\\u0000" * 20_000 + '"',
    ],
    ids=["deep lists", "deep objects", "many long numbers", "huge string", "escapes"],
)
def test_100_kb_of_pathological_json_is_answered_within_a_second_or_two(
    text: str, plan: PlanService, tmp_path: Path
) -> None:
    from okrdesk.services.exchange import import_plan
    from okrdesk.services.team import import_team

    path = tmp_path / "hostile.json"
    path.write_text(text, encoding="utf-8")
    for importer in (import_plan, import_team):
        started = time.process_time()  # the work done, which a loaded machine does not inflate
        with pytest.raises(ImportRefused):
            importer(plan, path)
        assert time.process_time() - started < 2.0, importer.__name__
