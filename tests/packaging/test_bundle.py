"""The PyInstaller bundle (`make bundle` builds it, then runs this): it starts, opens a
plan and paints the window."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from okrdesk.qt.gui import QImage
from tests.packaging.helpers import ROOT

BUNDLE = ROOT / "dist" / "okrdesk" / "okrdesk"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not BUNDLE.exists(), reason="no bundle: run `make bundle`"),
]


def run_bundle(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_STATE_HOME": str(home / "state"),
    }
    return subprocess.run(
        [str(BUNDLE), *args], env=env, capture_output=True, text=True, timeout=300
    )


def test_the_bundle_says_its_version(tmp_path: Path) -> None:
    from okrdesk import __version__

    result = run_bundle("--version", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"okrdesk {__version__}"


def test_the_bundle_paints_a_demo_plan(tmp_path: Path) -> None:
    plan = tmp_path / "demo.okrdesk"
    made = run_bundle("demo", "--db", str(plan), home=tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    listed = run_bundle("list", "--db", str(plan), home=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.count("\n") > 10

    out = tmp_path / "window.png"
    shot = run_bundle(
        "--screenshot", str(out), "--size", "1280x800", "open", str(plan), home=tmp_path
    )
    assert shot.returncode == 0, shot.stdout + shot.stderr
    # Missing Qt plugins, fonts or modules show up on stderr; the offscreen platform's
    # note about window size hints is the one expected line.
    problems = [line for line in shot.stderr.splitlines() if "propagateSizeHints" not in line]
    assert problems == []
    image = QImage(str(out))
    assert not image.isNull()
    assert (image.width(), image.height()) == (1280, 800)
    colours = {image.pixel(x, y) for x in range(0, 1280, 16) for y in range(0, 800, 16)}
    assert len(colours) > 50


def test_the_bundle_draws_svg_icons() -> None:
    # Without these two plugins every icon of the window (kinds, actions) is blank.
    plugins = BUNDLE.parent / "_internal" / "PySide6" / "Qt" / "plugins"
    assert (plugins / "imageformats" / "libqsvg.so").exists()
    assert (plugins / "iconengines" / "libqsvgicon.so").exists()
    assert (plugins / "platforms" / "libqxcb.so").exists()
    assert (plugins / "platforms" / "libqwayland.so").exists()


def test_the_bundle_carries_package_data() -> None:
    package = BUNDLE.parent / "_internal" / "okrdesk"
    assert (package / "gui" / "guide" / "guide.md").exists()
    assert (package / "gui" / "icons" / "mission.svg").exists()
    assert (package / "store" / "migrations" / "env.py").exists()
    assert (package / "services" / "demo" / "demo_plan.toml").exists()
    assert list((package / "store" / "migrations" / "versions").glob("0001_*.py"))
    assert (BUNDLE.parent / "install-desktop.sh").exists()
