"""Every test runs with its own data, config, cache and log folders: no test touches the
user's real files (the qutebrowser pattern)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from okrdesk.services.plan import PlanService


@pytest.fixture(autouse=True)
def private_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = home / name.lower()
        folder.mkdir(parents=True)
        monkeypatch.setenv(name, str(folder))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("OKRDESK_DB", raising=False)
    return home


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """A umask that would leave new files readable by everyone (022)."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    return tmp_path / "test.okrdesk"


@pytest.fixture
def plan(plan_path: Path) -> Iterator[PlanService]:
    service = PlanService.open(plan_path)
    yield service
    service.close()
