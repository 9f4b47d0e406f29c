"""The ``okrdesk`` command: the window by the shortest road, every other command by the CLI.

``okrdesk``, ``okrdesk --db PLAN`` and ``okrdesk open [FILE]`` (a double-click on a plan)
open the window without loading the command line's modules, which import SQLAlchemy and
the services: the first window paints before those load (see ``okrdesk.gui.app``).
Anything else, and a window without a display, goes to ``okrdesk.cli.main`` as it was.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path


def has_display() -> bool:
    """Whether Qt can show a window here (X11 or Wayland on Linux and the BSDs)."""
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def window_plan(args: Sequence[str]) -> tuple[bool, Path | None]:
    """Whether ``args`` only open the window (True), and the plan they name (None: the
    window chooses); (False, None) for anything the CLI must read."""
    match list(args):
        case []:
            return True, None
        case ["--db", str(db)] | ["open", "--db", str(db)] if db and not db.startswith("-"):
            return True, Path(db)
        case [str(option)] if option.startswith("--db=") and option != "--db=":
            return True, Path(option.removeprefix("--db="))
        case ["open"]:
            return True, None
        case ["open", str(file)] if file and not file.startswith("-"):
            return True, Path(file)
    return False, None


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    plain, db = window_plan(args)
    if not plain or not has_display():
        from okrdesk.cli import main as cli_main

        return cli_main(args)
    from okrdesk.gui.app import run_app
    from okrdesk.services.locations import ENV_PLAN, resolve_plan_path

    # As `okrdesk.cli` does: without --db or $OKRDESK_DB the window chooses (the plan open
    # last time, else the default one).
    chosen = db is not None or os.environ.get(ENV_PLAN, "").strip()
    try:
        return run_app(resolve_plan_path(db) if chosen else None)
    except KeyboardInterrupt:
        return 130
