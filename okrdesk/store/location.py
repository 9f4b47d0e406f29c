"""Where plans and backups live: the platform's user data directory unless told otherwise."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import platformdirs

APP_NAME = "okrdesk"
PLAN_SUFFIX = ".okrdesk"
ENV_PLAN = "OKRDESK_DB"


def data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_plan_path() -> Path:
    """``$OKRDESK_DB`` when set, else ``plan.okrdesk`` in the user data directory."""
    from_env = os.environ.get(ENV_PLAN, "").strip()
    if from_env:
        return Path(from_env).expanduser()
    return data_dir() / f"plan{PLAN_SUFFIX}"


def backup_dir(plan: Path) -> Path:
    """The folder of ``plan``'s backups: named after the plan, unique to its full path."""
    resolved = str(plan.expanduser().resolve())
    digest = hashlib.sha256(resolved.encode()).hexdigest()[:8]
    return data_dir() / "backups" / f"{plan.stem}-{digest}"
