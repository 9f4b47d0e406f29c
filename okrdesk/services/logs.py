"""okrdesk's log file: owner-only (it may quote plan content), in the user log folder.

The window logs there through ``private_log_handler``; the command line writes the details
of a failure there (``log_failure``) while its one line on stderr gives only the sentence.
"""

from __future__ import annotations

import io
import logging
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

from okrdesk.services.files import private_folder
from okrdesk.services.locations import log_dir

LOG_NAME = "okrdesk.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A RotatingFileHandler whose files are created 0600 whatever the umask (rotation
    renames them, so every file it leaves stays owner-only)."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND | _NOFOLLOW, 0o600)
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)
        return io.TextIOWrapper(
            io.FileIO(fd, "a"), encoding=self.encoding or "utf-8", errors=self.errors
        )


def log_file() -> Path:
    return log_dir() / LOG_NAME


def private_log_handler(
    path: Path | None = None, max_bytes: int = MAX_BYTES, backup_count: int = BACKUP_COUNT
) -> PrivateRotatingFileHandler:
    """A handler writing to ``path`` (the user log file by default) in an owner-only folder."""
    path = path or log_file()
    private_folder(path.parent)
    handler = PrivateRotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backup_count, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    return handler


def log_failure(error: BaseException, where: str = "command line") -> Path | None:
    """Append ``error`` with its traceback to the log; the log file, or None when it cannot
    be written (a full disk must not turn one failure into two)."""
    logger = logging.getLogger("okrdesk.failures")
    logger.propagate = False  # the sentence on stderr is all the terminal gets
    try:
        handler = private_log_handler()
    except OSError:
        return None
    logger.addHandler(handler)
    try:
        logger.error("Failed in the %s", where, exc_info=(type(error), error, error.__traceback__))
    finally:
        logger.removeHandler(handler)
        handler.close()
    return Path(handler.baseFilename)
