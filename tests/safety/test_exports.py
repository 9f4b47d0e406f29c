"""Exports that cannot destroy: never the plan, its journal files or any plan; an existing
file only with --force; a failed write leaves the old file; planted links are not
followed. Every export format is tried the same way, through the command line."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from okrdesk.cli import main
from okrdesk.domain.entities import CheckIn, Cycle, KeyResult, Meeting, Mission, Objective
from okrdesk.services.errors import TargetExists
from okrdesk.services.exchange import export_plan
from okrdesk.services.plan import PlanService
from okrdesk.services.team import export_team

pytestmark = pytest.mark.usefixtures("qapp")

# export FORMAT OUT [options]: every command that writes a file from the plan.
FORMATS: dict[str, tuple[str, ...]] = {
    "json": ("export", "json"),
    "team": ("export", "team", "--cycle", "all"),
    "pdf": ("export", "pdf"),
    "meeting": ("export", "meeting", "MEETING"),
}


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small plan with something in every export (a PDF of it takes a moment)."""
    path = tmp_path_factory.mktemp("demo") / "demo.okrdesk"
    plan = PlanService.open(path)
    cycle = plan.create(Cycle, name="2026 Q4", start="2026-10-01", end="2026-12-31")
    mission = plan.create(Mission, title="Serve the team", level="team")
    objective = plan.create(
        Objective, title="Answer faster", mission_id=mission.id, cycle_id=cycle.id, level="team"
    )
    kr = plan.create(KeyResult, objective_id=objective.id, title="Tickets answered", target=10)
    plan.create(CheckIn, key_result_id=kr.id, date="2026-11-02", value=4)
    plan.create(Meeting, date="2026-11-03", counterpart="Dana", progress="Good week")
    plan.close()
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "plan.okrdesk"
    shutil.copyfile(demo_file, path)
    return path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def command(fmt: str, plan: Path, out: Path, *extra: str) -> list[str]:
    words = list(FORMATS[fmt])
    if "MEETING" in words:
        words[words.index("MEETING")] = _first_meeting(plan)
    at = 2 if fmt != "meeting" else 3
    return ["--db", str(plan), *words[:at], str(out), *words[at:], *extra]


def _first_meeting(plan: Path) -> str:
    service = PlanService.open(plan)
    try:
        return service.all(Meeting)[0].id
    finally:
        service.close()


def run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    status = main(argv)
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def one_line(err: str) -> str:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("okrdesk: "), err
    return lines[0]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_an_export_onto_the_plan_itself_is_refused_and_the_plan_kept(
    fmt: str, demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = command(fmt, demo, demo, "--force")  # a slip of tab completion, even forced
    before = digest(demo)
    status, out, err = run(capsys, argv)
    assert status == 1 and out == ""
    assert "is the open plan's own file" in one_line(err)
    assert digest(demo) == before


@pytest.mark.parametrize("suffix", ["-wal", "-shm"])
def test_an_export_onto_the_plans_journal_is_refused(
    suffix: str, demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = demo.with_name(demo.name + suffix)
    status, _out, err = run(capsys, command("json", demo, target, "--force"))
    assert status == 1
    assert "open plan's own file" in one_line(err)


@pytest.mark.parametrize("fmt", ["json", "pdf"])
def test_an_export_onto_another_plan_is_refused_even_forced(
    fmt: str, demo: Path, demo_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = demo.with_name("other.pdf")  # a plan, whatever the name says
    shutil.copyfile(demo_file, other)
    before = digest(other)
    status, _out, err = run(capsys, command(fmt, demo, other, "--force"))
    assert status == 1
    assert "other.pdf is an okrdesk plan; an export never replaces a plan" in one_line(err)
    assert digest(other) == before


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_an_existing_file_is_replaced_only_with_force(
    fmt: str, demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = demo.with_name("out.file")
    out.write_text("last week's")
    status, _out, err = run(capsys, command(fmt, demo, out))
    assert status == 1
    assert "out.file exists already; nothing was written (replace it with --force" in one_line(err)
    assert out.read_text() == "last week's"
    status, said, _err = run(capsys, command(fmt, demo, out, "--force"))
    assert status == 0 and "Exported" in said
    assert out.read_bytes() != b"last week's"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_the_service_api_replaces_a_file_the_person_confirmed(demo: Path, tmp_path: Path) -> None:
    # What the window passes after its save dialog asked (overwrite=True).
    plan = PlanService.open(demo)
    try:
        out = tmp_path / "confirmed.json"
        out.write_text("old")
        with pytest.raises(TargetExists):
            export_plan(plan, out)
        export_plan(plan, out, overwrite=True)
        export_team(plan, tmp_path / "team.json", None)
        with pytest.raises(TargetExists):
            export_team(plan, tmp_path / "team.json", None)
        export_team(plan, tmp_path / "team.json", None, overwrite=True)
    finally:
        plan.close()
    assert out.read_text().startswith("{")


@pytest.mark.parametrize("fmt", ["json", "pdf"])
def test_a_write_that_fails_leaves_the_previous_file_and_reports_it(
    fmt: str, demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = demo.with_name("report.out")
    out.write_bytes(b"the previous export")

    def full_disk(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    status, said, err = run(capsys, command(fmt, demo, out, "--force"))
    assert status == 1 and "Exported" not in said
    assert one_line(err) == "okrdesk: The disk is full: nothing was changed."
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in demo.parent.iterdir() if p.name.startswith(".")) == []


def test_a_pdf_the_painter_could_not_finish_is_not_written(
    demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from okrdesk.qt.gui import QPainter
    from okrdesk.report import document

    class FailingPainter(QPainter):
        def end(self) -> bool:
            super().end()
            return False  # what QPainter says when the device could not be written

    monkeypatch.setattr(document, "QPainter", FailingPainter)
    out = demo.with_name("report.pdf")
    out.write_bytes(b"%PDF- the previous report %%EOF")
    status, said, err = run(capsys, command("pdf", demo, out, "--force"))
    assert status == 1 and "Exported" not in said
    assert "The PDF could not be drawn: nothing was written." in one_line(err)
    assert out.read_bytes() == b"%PDF- the previous report %%EOF"


@pytest.mark.parametrize(
    ("fmt", "out", "planted"),
    [("pdf", "report.pdf", ".report.pdf.part"), ("json", "plan.json", ".plan.json.x7k2m9qa.tmp")],
)
def test_a_planted_temporary_link_is_not_followed(
    fmt: str, out: str, planted: str, demo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The fixed names earlier versions wrote through, planted as links to another file.
    victim = demo.with_name("victim.txt")
    victim.write_text("someone's thesis")
    (demo.parent / planted).symlink_to(victim)
    target = demo.with_name(out)
    status, _out, _err = run(capsys, command(fmt, demo, target))
    assert status == 0
    assert victim.read_text() == "someone's thesis"
    assert target.read_bytes()[:1] in (b"%", b"{")
    assert not (demo.parent / planted).is_symlink()


@pytest.mark.parametrize("fmt", ["json", "pdf"])
def test_the_file_and_its_folder_are_fsynced(
    fmt: str, demo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    out = demo.with_name("synced.out")
    synced: list[tuple[str, str]] = []
    real_fsync = os.fsync

    def recording(fd: int) -> None:
        info = os.fstat(fd)
        name = "folder" if stat.S_ISDIR(info.st_mode) else "file"
        synced.append((name, str(info.st_ino)))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording)
    status, _out, _err = run(capsys, command(fmt, demo, out))
    assert status == 0
    kinds = [kind for kind, _ino in synced]
    # The export's own file, then its folder after the rename (the plan's commits and
    # backups sync too, through SQLite, which this does not see).
    assert ("file", str(out.stat().st_ino)) in synced
    assert kinds.index("folder", kinds.index("file")) > 0
    assert ("folder", str(out.parent.stat().st_ino)) in synced


WRITERS: dict[str, Callable[[PlanService, Path], object]] = {
    "json": lambda plan, out: export_plan(plan, out),
    "team": lambda plan, out: export_team(plan, out, None),
}


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_an_export_killed_half_way_leaves_no_file_under_the_name(
    fmt: str, demo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = demo.with_name("export.json")

    def killed(_temp: str, _target: str, **_kwargs: object) -> None:
        raise KeyboardInterrupt  # the process dies between write and rename

    plan = PlanService.open(demo)
    try:
        with monkeypatch.context() as patch:
            patch.setattr(os, "link", killed)
            with pytest.raises(KeyboardInterrupt):
                WRITERS[fmt](plan, out)
    finally:
        plan.close()
    assert not out.exists()
    assert [p.name for p in demo.parent.iterdir() if p.name.startswith(".")] == []
