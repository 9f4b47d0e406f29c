"""Owner-only files and folders (plans and settings hold private notes), whatever the umask.

Standard library only: the window's settings use it before anything heavy is loaded.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def private_folder(folder: Path) -> Path:
    """Create ``folder`` if needed and make it owner-only (0700) whatever the umask."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    make_private(folder)
    return folder


def make_private(path: Path) -> None:
    """Owner-only: 0700 for a folder, 0600 for a file; nothing for what is not ours."""
    with contextlib.suppress(OSError):
        info = path.stat()
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return
        wanted = 0o700 if stat.S_ISDIR(info.st_mode) else 0o600
        if stat.S_IMODE(info.st_mode) != wanted:
            os.chmod(path, wanted)


def private_config(path: Path) -> Path:
    """A settings file okrdesk keeps (``okrdesk.conf``): its folder and the file owner-only
    whatever the umask. A missing file is created empty (0600) so that the writer that
    replaces it later (Qt's QSaveFile keeps a file's permissions) keeps it private. The
    GUI calls this whenever it opens its settings."""
    private_folder(path.parent)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600))
    make_private(path)
    return path
