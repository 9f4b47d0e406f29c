"""The GUI's shape is checked, not only described (docs/architecture.md): every feature is
listed in the import contract that keeps features apart, and in the window's one tuple."""

from __future__ import annotations

import tomllib
from pathlib import Path

from okrdesk.gui import shell
from okrdesk.gui.features.base import Feature

ROOT = Path(__file__).resolve().parents[2]
FEATURES = ROOT / "okrdesk" / "gui" / "features"


def feature_modules() -> set[str]:
    names = {p.stem for p in FEATURES.glob("*.py")} | {
        p.name for p in FEATURES.iterdir() if (p / "__init__.py").exists()
    }
    return {f"okrdesk.gui.features.{n}" for n in names - {"__init__", "base"}}


def test_every_feature_is_kept_apart_by_the_import_contract() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    independent = next(c for c in contracts if c["type"] == "independence")
    assert set(independent["modules"]) == feature_modules()


def test_every_feature_is_installed_once() -> None:
    installed = shell.FEATURES
    assert len(set(installed)) == len(installed)
    assert all(issubclass(feature, Feature) for feature in installed)
    packages = {feature.__module__.rsplit(".", 1)[0] for feature in installed}
    modules = {feature.__module__ for feature in installed}
    for name in feature_modules():
        assert name in modules or name in packages, f"{name} is never installed"


def test_nothing_reaches_past_a_type_with_an_attr_defined_ignore() -> None:
    """Attributes hung onto objects from outside (the window, a widget) were how features
    reached each other; none is left in the code or its tests, and none comes back."""
    marker = "ignore[attr" + "-defined]"  # split, so that no grep finds this file
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("okrdesk", "tests")
        for path in sorted((ROOT / folder).rglob("*.py"))
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if marker in line
    ]
    assert found == []
