"""okrdesk opens no network connection and never runs or unpickles what a file holds."""

from __future__ import annotations

import re
import socket
import stat
from pathlib import Path

import pytest

from okrdesk.cli import main

SOURCE = Path(__file__).parents[2] / "okrdesk"


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("okrdesk tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: refuse(None, a))  # type: ignore[arg-type]
    return attempts


def test_the_command_line_works_with_no_network(
    no_network: list[object], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    plan = str(tmp_path / "offline.okrdesk")
    exported = tmp_path / "export.json"
    assert main(["--db", plan, "demo"]) == 0
    assert main(["--db", plan, "list", "--format", "json"]) == 0
    assert main(["--db", plan, "export", "json", str(exported)]) == 0
    assert main(["--db", str(tmp_path / "other.okrdesk"), "import", "json", str(exported)]) == 0
    team, pdf = tmp_path / "team.json", tmp_path / "plan.pdf"
    assert main(["--db", plan, "export", "team", str(team), "--cycle", "all"]) == 0
    assert main(["--db", plan, "export", "pdf", str(pdf)]) == 0
    capsys.readouterr()
    assert no_network == []
    made_files = (tmp_path / "offline.okrdesk", exported, tmp_path / "other.okrdesk", team, pdf)
    for made in made_files:
        assert stat.S_IMODE(made.stat().st_mode) == 0o600, made


def test_no_module_evaluates_or_unpickles_anything() -> None:
    forbidden = re.compile(
        r"(?<![.\w])(eval|exec)\(|\bpickle\b|\bmarshal\b|\bshelve\b|yaml\.load\(|__import__\("
    )
    offenders = [
        f"{path.relative_to(SOURCE)}:{number}: {line.strip()}"
        for path in SOURCE.rglob("*.py")
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if forbidden.search(line) and not line.lstrip().startswith("#")
    ]
    assert offenders == []


def test_no_module_imports_a_network_library() -> None:
    networking = re.compile(
        r"^\s*(from|import)\s+(socket|urllib|http|requests|httpx|ftplib|smtplib|"
        r"PySide6\.QtNetwork|PySide6\.QtWebEngine\w*)\b"
    )
    offenders = [
        f"{path.relative_to(SOURCE)}: {line.strip()}"
        for path in SOURCE.rglob("*.py")
        for line in path.read_text().splitlines()
        if networking.search(line)
    ]
    assert offenders == []
