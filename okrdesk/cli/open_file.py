"""`okrdesk open [FILE]`: what the desktop runs when a plan file is double-clicked.

The .desktop file's ``Exec=okrdesk open %f`` loses ``%f`` when okrdesk is started from the
menu with no file, so the file is an optional positional rather than ``--db %f`` (which
would leave a bare ``--db`` behind). It opens the window exactly as ``okrdesk --db FILE``
does, refusal dialogs and backups included.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from okrdesk.cli import Commands


class _FileAsDb(argparse.Action):
    """FILE is stored as ``db``; absent, it leaves an earlier --db (or none) as it was."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        if isinstance(values, str) and values:
            namespace.db = Path(values)


def register(commands: Commands) -> None:
    opener = commands.top.add_parser(
        "open",
        parents=[commands.db_after],
        help="open the window on a plan file (what a double-click on a plan runs)",
        description="Open the okrdesk window on FILE; without FILE, as plain `okrdesk` does.",
    )
    opener.add_argument(
        "file", nargs="?", metavar="FILE", action=_FileAsDb, default=None, help="a plan file"
    )
    # With no command left, main() opens the window on args.db, as `okrdesk --db FILE` does.
    opener.set_defaults(command=None)
