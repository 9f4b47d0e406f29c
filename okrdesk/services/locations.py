"""Where the plan lives, and opening it, for the layers that may not import the store.

The command line and the GUI choose the plan file (``--db``, ``$OKRDESK_DB`` or the
platform's user data folder) without knowing how the store is laid out; this module hands
them the store's answers.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from okrdesk.services.private_files import private_folder
from okrdesk.store.location import ENV_PLAN, backup_dir
from okrdesk.store.location import default_plan_path as _store_default_plan_path

if TYPE_CHECKING:
    from okrdesk.services.plan import PlanService

__all__ = [
    "ENV_PLAN",
    "backup_folder",
    "default_plan_path",
    "ensure_plan_folder",
    "log_dir",
    "open_plan",
    "resolve_plan_path",
]


def default_plan_path() -> Path:
    """``$OKRDESK_DB`` when set, else ``plan.okrdesk`` in the user data folder."""
    return _store_default_plan_path()


def resolve_plan_path(chosen: Path | str | None) -> Path:
    """The plan to open: ``chosen`` (``--db``), else ``$OKRDESK_DB``, else the default.

    Only the default location's folder is created here: a folder the person named
    themselves that does not exist is more likely a typo than a wish.
    """
    if chosen is not None and str(chosen).strip():
        return Path(chosen).expanduser()
    from_env = os.environ.get(ENV_PLAN, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    path = default_plan_path()
    ensure_plan_folder(path)
    return path


def ensure_plan_folder(path: Path) -> None:
    """Create ``path``'s folder, owner-only (plans hold private notes) whatever the umask."""
    private_folder(path.parent)


def open_plan(path: Path, *, create: bool = True, today: date | None = None) -> PlanService:
    """Open the plan at ``path``; with ``create=False`` a missing file is a PlanFileError
    (reading commands should not leave an empty plan behind after a typo). A plan created
    here starts with the cycle of ``today``'s quarter (the real today when None)."""
    # Imported here: choosing the plan file is part of start-up, opening it comes later.
    from okrdesk.services.plan import PlanService

    return PlanService.open(path, create=create, new_plan_day=today or date.today())


def backup_folder(plan: Path) -> Path:
    """The folder holding ``plan``'s backups (it may not exist yet)."""
    return backup_dir(plan)


def log_dir() -> Path:
    """The folder of okrdesk's log files: the platform's user log directory."""
    return Path(platformdirs.user_log_dir("okrdesk", appauthor=False))
