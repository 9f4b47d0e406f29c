"""Settings over QSettings, declared once: window layout, recent plans, per-plan view state.

Per-plan keys (expanded branches, selection, chosen cycle) live under a group named after a
hash of the plan's full path, so two plans never mix their state.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from okrdesk.qt.core import QByteArray, QSettings
from okrdesk.services.private_files import private_config

ORGANISATION = "okrdesk"
APPLICATION = "okrdesk"
MAX_RECENT = 8


def _settings() -> QSettings:
    settings = QSettings(ORGANISATION, APPLICATION)
    private_config(Path(settings.fileName()))  # owner-only, whatever the umask
    return settings


def _text_list(value: object) -> list[str]:
    # QSettings gives a str for a one-element list and None for an empty one.
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v]
    return []


def _bytes(value: object) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, bytes) and value:
        return QByteArray(value)
    return None


# -- window layout --------------------------------------------------------------------------


def save_layout(name: str, value: QByteArray) -> None:
    _settings().setValue(f"window/{name}", value)


def layout(name: str) -> QByteArray | None:
    return _bytes(_settings().value(f"window/{name}"))


# -- plans ----------------------------------------------------------------------------------


def last_plan() -> Path | None:
    value = _settings().value("plans/last")
    return Path(value) if isinstance(value, str) and value else None


def recent_plans() -> list[Path]:
    return [Path(p) for p in _text_list(_settings().value("plans/recent"))]


def remember_plan(path: Path) -> None:
    resolved = str(path.expanduser().resolve())
    recent = [p for p in _text_list(_settings().value("plans/recent")) if p != resolved]
    settings = _settings()
    settings.setValue("plans/recent", [resolved, *recent][:MAX_RECENT])
    settings.setValue("plans/last", resolved)


def forget_plan(path: Path) -> None:
    resolved = str(path.expanduser().resolve())
    recent = [p for p in _text_list(_settings().value("plans/recent")) if p != resolved]
    _settings().setValue("plans/recent", recent)


# -- per-plan view state --------------------------------------------------------------------


def _plan_group(path: Path) -> str:
    digest = hashlib.sha1(str(path.expanduser().resolve()).encode()).hexdigest()[:16]
    return f"plan-{digest}"


class PlanViewState:
    """What the tree showed for one plan: expanded node ids, selection, chosen cycle."""

    def __init__(self, path: Path) -> None:
        self.group = _plan_group(path)

    def _key(self, name: str) -> str:
        return f"{self.group}/{name}"

    @property
    def expanded(self) -> list[str]:
        return _text_list(_settings().value(self._key("expanded")))

    @expanded.setter
    def expanded(self, ids: list[str]) -> None:
        _settings().setValue(self._key("expanded"), ids)

    @property
    def selected(self) -> str:
        value = _settings().value(self._key("selected"))
        return value if isinstance(value, str) else ""

    @selected.setter
    def selected(self, node_id: str) -> None:
        _settings().setValue(self._key("selected"), node_id)

    @property
    def cycle(self) -> str:
        value = _settings().value(self._key("cycle"))
        return value if isinstance(value, str) else ""

    @cycle.setter
    def cycle(self, cycle_id: str) -> None:
        _settings().setValue(self._key("cycle"), cycle_id)

    @property
    def saved(self) -> bool:
        return _settings().contains(self._key("expanded"))
