"""A wheel built from the source carries what okrdesk reads at run time."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest

from tests.packaging.helpers import ROOT

KIND_ICONS = [
    "mission",
    "objective",
    "key_result",
    "milestone",
    "growth_note",
    "meeting",
    "action_item",
    "next_step",
    "branch",
    "app",
]


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    # Built from a copy: an in-tree build would leave build/ and egg-info behind.
    source = tmp_path_factory.mktemp("source")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(
        ROOT / "okrdesk", source / "okrdesk", ignore=shutil.ignore_patterns("__pycache__")
    )
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(out)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    (wheel,) = out.glob("okrdesk-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_the_wheel_carries_the_icons(wheel_names: set[str]) -> None:
    for name in KIND_ICONS:
        assert f"okrdesk/gui/icons/{name}.svg" in wheel_names
    # Every icon the source has, not only the ones named here.
    for icon in (ROOT / "okrdesk" / "gui" / "icons").glob("*.svg"):
        assert f"okrdesk/gui/icons/{icon.name}" in wheel_names


def test_the_wheel_carries_the_migrations(wheel_names: set[str]) -> None:
    assert "okrdesk/store/migrations/env.py" in wheel_names
    assert "okrdesk/store/migrations/script.py.mako" in wheel_names
    versions = sorted((ROOT / "okrdesk" / "store" / "migrations" / "versions").glob("*.py"))
    assert versions
    for script in versions:
        assert f"okrdesk/store/migrations/versions/{script.name}" in wheel_names


def test_the_wheel_carries_the_guide_and_type_marker(wheel_names: set[str]) -> None:
    assert "okrdesk/gui/guide/guide.md" in wheel_names
    assert "okrdesk/py.typed" in wheel_names


def test_the_wheel_carries_the_demo_plan(wheel_names: set[str]) -> None:
    assert "okrdesk/services/demo/demo_plan.toml" in wheel_names


def test_the_wheel_has_the_command(wheel_names: set[str]) -> None:
    (entry_points,) = [n for n in wheel_names if n.endswith(".dist-info/entry_points.txt")]
    assert entry_points.startswith("okrdesk-")
