"""The okrdesk command: the window by the shortest road, the rest through the CLI."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any

import pytest

from okrdesk import launch
from okrdesk.launch import window_plan
from tests.fresh import run_fresh


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], (True, None)),
        (["--db", "a.okrdesk"], (True, Path("a.okrdesk"))),
        (["--db=a.okrdesk"], (True, Path("a.okrdesk"))),
        (["open"], (True, None)),
        (["open", "a.okrdesk"], (True, Path("a.okrdesk"))),
        (["open", "--db", "a.okrdesk"], (True, Path("a.okrdesk"))),
        # Everything else is the CLI's to read (and to refuse with its one line).
        (["--db"], (False, None)),
        (["--db="], (False, None)),
        (["--db", "--screenshot"], (False, None)),
        (["--db", "a.okrdesk", "--screenshot", "x.png"], (False, None)),
        (["--version"], (False, None)),
        (["--help"], (False, None)),
        (["list"], (False, None)),
        (["--db", "a.okrdesk", "list"], (False, None)),
        (["open", "--help"], (False, None)),
        (["open", "a", "b"], (False, None)),
    ],
)
def test_which_arguments_only_open_the_window(
    args: list[str], expected: tuple[bool, Path | None]
) -> None:
    assert window_plan(args) == expected


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, Any]]:
    """Stand-ins for okrdesk.gui.app's run_app and okrdesk.cli's main."""
    made: list[tuple[str, Any]] = []
    module = types.ModuleType("okrdesk.gui.app")

    def run_app(db_path: Path | None, **options: Any) -> int:
        made.append(("window", db_path))
        return 0

    module.run_app = run_app  # a module made at run time: no declared names
    monkeypatch.setitem(sys.modules, "okrdesk.gui.app", module)
    import okrdesk.cli

    def cli_main(argv: list[str]) -> int:
        made.append(("cli", argv))
        return 3

    monkeypatch.setattr(okrdesk.cli, "main", cli_main)
    return made


def test_the_window_is_opened_on_the_plan_named(
    calls: list[tuple[str, Any]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.delenv("OKRDESK_DB", raising=False)
    plan = tmp_path / "a.okrdesk"
    assert launch.main(["open", str(plan)]) == 0
    assert launch.main([]) == 0  # the window chooses
    monkeypatch.setenv("OKRDESK_DB", str(tmp_path / "env.okrdesk"))
    assert launch.main([]) == 0
    assert calls == [("window", plan), ("window", None), ("window", tmp_path / "env.okrdesk")]


def test_commands_and_a_missing_display_go_to_the_cli(
    calls: list[tuple[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert launch.main(["list"]) == 3
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert launch.main(["--db", "a.okrdesk"]) == 3  # the CLI says there is no display
    assert calls == [("cli", ["list"]), ("cli", ["--db", "a.okrdesk"])]


def test_opening_the_window_does_not_import_the_command_line(tmp_path: Path) -> None:
    # A fresh interpreter, with run_app replaced: what the launcher itself imports.
    script = (
        "import sys, types\n"
        "fake = types.ModuleType('okrdesk.gui.app')\n"
        "fake.run_app = lambda path: 0\n"
        "sys.modules['okrdesk.gui.app'] = fake\n"
        "from okrdesk.launch import main\n"
        f"assert main(['--db', {str(tmp_path / 'a.okrdesk')!r}]) == 0\n"
        "loaded = [m for m in ('okrdesk.cli', 'sqlalchemy', 'okrdesk.services.plan')"
        " if m in sys.modules]\n"
        "assert loaded == [], loaded\n"
    )
    run_fresh(script, timeout=60)
